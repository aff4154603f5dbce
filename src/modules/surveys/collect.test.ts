import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { AppError, type ValidationError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { queueTickets } from '../queue/schema.js';
import { callNext, createCounter, createService, finish, issueTicket, type QueueService, startServing } from '../queue/service.js';
import { createDivision } from '../staff/service.js';
import { DEFAULT_FORM } from './default-form.js';
import { currentForm, formText, getFormVersion, listFormVersions, ratingItems, saveForm, validateForm } from './forms.js';
import { PUBLIC_LIMIT, type SubmitInput, submitResponse, surveyHrefForTicket, ticketSurveyState } from './responses.js';
import { type FormDefinition, surveyFormVersions, surveyResponses, surveySuggestions } from './schema.js';

/** Answering the satisfaction form: versions, the ticket's single use, validation, paper entry, the pages without JavaScript. */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// Thursday 26 November 2026, 10:00 in Bangkok (B.E. 2569).
const clock = new Date('2026-11-26T03:00:00Z');
let service: QueueService;
let counterId: number;
let divisionId: number;
let otherService: QueueService;
let otherCounterId: number;

/** Every rating of the default form at the given level. */
function allRatings(def: FormDefinition, level = 4): Record<string, number> {
  return Object.fromEntries(ratingItems(def).map((i) => [i.itemKey, level]));
}

/** The form fields of an answering page: every question answered at `level`. */
function formFields(def: FormDefinition, level = 5): Record<string, string> {
  return Object.fromEntries(ratingItems(def).map((i) => [`r_${i.itemKey}`, String(level)]));
}

const citizen = (o: TestOrg, ip = '203.0.113.7'): ServiceContext => ({ app: env.services, orgId: o.org.id, actor: null, ip });

function staffActor(o: TestOrg, userId: number, roles: Actor['roles']): Actor {
  return { orgId: o.org.id, userId, username: 'u', displayName: 'u', roles, mustChangePassword: false };
}

async function responsesOf(o: TestOrg) {
  return env.services.db.select().from(surveyResponses).where(eq(surveyResponses.orgId, o.org.id));
}

async function rejects(p: Promise<unknown>, status: number, messageKey?: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${e}`);
    assert.equal(e.status, status, `status of ${e.messageKey}`);
    if (messageKey) assert.equal(e.messageKey, messageKey);
    return e;
  }
  assert.fail(`expected a ${status}`);
}

/** A ticket of `svc` issued, called, served and (unless `stopAt`) finished; returns its public token. */
async function servedTicket(o: TestOrg, svc: QueueService, counter: number, stopAt: 'issued' | 'serving' | 'finished' = 'finished') {
  const issued = await issueTicket(o.ctx, { serviceId: svc.id, channel: 'front_desk' });
  if (stopAt === 'issued') return issued.ticket.publicToken;
  for (;;) {
    const t = await callNext(o.ctx, counter);
    await startServing(o.ctx, t.id);
    if (t.id === issued.ticket.id) {
      if (stopAt === 'finished') await finish(o.ctx, t.id);
      return issued.ticket.publicToken;
    }
    await finish(o.ctx, t.id);
  }
}

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  divisionId = await createDivision(org.ctx, { name: 'กองคลัง' });
  service = await createService(org.ctx, { name: 'ชำระภาษีที่ดิน', prefix: 'B', divisionId, alwaysOpen: true });
  counterId = (await createCounter(org.ctx, { number: 1, name: 'ช่องหนึ่ง', serviceIds: [service.id] })).id;
  otherService = await createService(other.ctx, { name: 'งานอื่น', prefix: 'A', alwaysOpen: true });
  otherCounterId = (await createCounter(other.ctx, { number: 1, name: 'ช่อง', serviceIds: [otherService.id] })).id;
});
after(() => env.close());

describe('form versions', () => {
  test('version 1 is the standard form, written once even when two first uses come together', async () => {
    const fresh = await createTestOrg(env);
    const [a, b] = await Promise.all([currentForm(citizen(fresh)), currentForm(citizen(fresh, '198.51.100.1'))]);
    assert.equal(a.id, b.id);
    assert.equal(a.version, 1);
    assert.deepEqual(a.definition, DEFAULT_FORM);
    const rows = await env.services.db.select().from(surveyFormVersions).where(eq(surveyFormVersions.orgId, fresh.org.id));
    assert.equal(rows.length, 1);
    assert.equal((await currentForm(fresh.ctx)).id, a.id);
    const audit = await env.services.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'surveys.createDefaultForm'`,
      [fresh.org.id],
    );
    assert.equal(Number(audit[0]?.n), 1, 'one audit entry for the one write');
  });

  test('the standard form: five groups, the overall question, optional demographics, Thai texts everywhere', () => {
    assert.deepEqual(
      DEFAULT_FORM.groups.map((g) => g.key),
      ['process', 'staff', 'facilities', 'quality', 'overall'],
    );
    const items = ratingItems(DEFAULT_FORM);
    assert.ok(items.length >= 12 && items.length <= 14, `${items.length} items`);
    assert.deepEqual(
      DEFAULT_FORM.groups.at(-1)?.items.map((i) => i.key),
      ['overall'],
    );
    assert.deepEqual(
      DEFAULT_FORM.demographics.map((d) => d.key),
      ['gender', 'age', 'education', 'occupation'],
    );
    assert.equal(DEFAULT_FORM.suggestion, true);
    assert.deepEqual(validateForm(DEFAULT_FORM), DEFAULT_FORM, 'the standard form passes its own checks');
    assert.equal(formText({ th: 'ไทย', en: 'English' }, 'ms'), 'ไทย', 'falls back to Thai');
    assert.equal(formText({ th: 'ไทย', en: 'English' }, 'en'), 'English');
  });

  test('a new version keeps earlier answers on their version; another organization cannot read it', async () => {
    const v1 = await currentForm(org.ctx);
    const first = await submitResponse(citizen(org), { channel: 'public', ratings: allRatings(v1.definition) });
    const def = structuredClone(v1.definition);
    def.groups[2]?.items.pop(); // parking goes
    def.groups[2]?.items.push({ key: 'toilets', text: { th: 'ห้องน้ำสะอาด', en: 'Clean toilets' } });
    const v2 = await saveForm(org.ctx, def);
    assert.equal(v2.version, v1.version + 1);
    assert.equal((await currentForm(org.ctx)).id, v2.id);
    assert.deepEqual(
      (await listFormVersions(org.ctx)).map((v) => v.version),
      [v2.version, v1.version],
    );
    // The old answers stay with version 1; a new answer needs the new question and belongs to version 2.
    const old = (await responsesOf(org)).find((r) => r.id === first.id);
    assert.equal(old?.formVersionId, v1.id);
    assert.equal(old?.ratings.parking, 4);
    const e = (await rejects(
      submitResponse(citizen(org), { channel: 'public', ratings: allRatings(v1.definition) }),
      422,
    )) as ValidationError;
    assert.deepEqual(e.fields.map((f) => f.field).sort(), ['parking', 'toilets'], 'the removed question is unknown, the new one missing');
    const second = await submitResponse(citizen(org), { channel: 'public', ratings: allRatings(v2.definition) });
    assert.equal((await responsesOf(org)).find((r) => r.id === second.id)?.formVersionId, v2.id);
    assert.equal((await getFormVersion(org.ctx, v1.id)).version, v1.version);
    await rejects(getFormVersion(other.ctx, v1.id), 404);
  });

  test('saving checks the form: unique keys, Thai texts, at least one question; nothing saved when wrong', async () => {
    const before = (await listFormVersions(org.ctx)).length;
    const base = (await currentForm(org.ctx)).definition;
    const dupKey = structuredClone(base);
    dupKey.groups[0]?.items.push({ key: 'overall', text: { th: 'ซ้ำ' } });
    let e = (await rejects(saveForm(org.ctx, dupKey), 422)) as ValidationError;
    assert.deepEqual(
      e.fields.map((f) => [f.field, f.message]),
      [['g4.i0.key', 'surveys.collect.errors.keyTaken']],
    );
    const noThai = structuredClone(base);
    if (noThai.groups[1]?.items[0]) noThai.groups[1].items[0].text = { th: '  ', en: 'Only English' };
    e = (await rejects(saveForm(org.ctx, noThai), 422)) as ValidationError;
    assert.deepEqual(
      e.fields.map((f) => [f.field, f.message]),
      [['g1.i0.text.th', 'surveys.collect.errors.itemTextRequired']],
    );
    assert.deepEqual(e.fields[0]?.params, { group: 2, item: 1 });
    const empty = { ...structuredClone(base), groups: [] };
    e = (await rejects(saveForm(org.ctx, empty), 422)) as ValidationError;
    assert.ok(e.fields.some((f) => f.message === 'surveys.collect.errors.noItems'));
    const badKey = structuredClone(base);
    if (badKey.groups[0]?.items[0]) badKey.groups[0].items[0].key = 'Bad Key';
    await rejects(saveForm(org.ctx, badKey), 422);
    assert.equal((await listFormVersions(org.ctx)).length, before);
  });
});

describe('answering', () => {
  test('a queue ticket answers once, after it has been served; its service gives the division', async () => {
    const form = await currentForm(org.ctx);
    const waiting = await servedTicket(org, service, counterId, 'issued');
    assert.equal(await ticketSurveyState(citizen(org), waiting), 'not_ready');
    const input = (token: string): SubmitInput => ({ channel: 'ticket', ticketToken: token, ratings: allRatings(form.definition, 5) });
    await rejects(submitResponse(citizen(org), input(waiting)), 409, 'surveys.collect.errors.ticketNotReady');

    const token = await servedTicket(org, service, counterId);
    assert.equal(await ticketSurveyState(citizen(org), token), 'open');
    assert.equal(surveyHrefForTicket(token), `/survey/t/${token}`);
    const { id } = await submitResponse(citizen(org), { ...input(token), divisionId: 999999 });
    const row = (await responsesOf(org)).find((r) => r.id === id);
    assert.equal(row?.channel, 'ticket');
    assert.equal(row?.divisionId, divisionId, "the ticket's service decides the division");
    assert.equal(row?.serviceId, service.id);
    assert.ok(row?.ticketId);
    assert.equal(await ticketSurveyState(citizen(org), token), 'answered');
    const before = (await responsesOf(org)).length;
    await rejects(submitResponse(citizen(org), input(token)), 409, 'surveys.collect.errors.ticketUsed');
    assert.equal((await responsesOf(org)).length, before);

    // Being served counts; another organization's token is unknown here.
    const serving = await servedTicket(org, service, counterId, 'serving');
    assert.equal(await ticketSurveyState(citizen(org), serving), 'open');
    const [busy] = await env.services.db.select().from(queueTickets).where(eq(queueTickets.publicToken, serving));
    if (busy) await finish(org.ctx, busy.id);
    const foreign = await servedTicket(other, otherService, otherCounterId);
    assert.equal(await ticketSurveyState(citizen(org), foreign), null);
    await rejects(submitResponse(citizen(org), input(foreign)), 404, 'surveys.collect.errors.unknownTicket');
    await rejects(submitResponse(citizen(org), { ...input(''), ticketToken: null }), 404);

    // A service that belongs to no division: the answer counts at its service, without a division.
    const otherForm = await currentForm(other.ctx);
    const noDivision = await submitResponse(citizen(other), {
      channel: 'ticket',
      ticketToken: foreign,
      ratings: allRatings(otherForm.definition, 5),
    });
    const stored = (await responsesOf(other)).find((r) => r.id === noDivision.id);
    assert.equal(stored?.serviceId, otherService.id);
    assert.equal(stored?.divisionId, null);
  });

  test('a missing rating is refused by name and nothing is stored', async () => {
    const form = await currentForm(org.ctx);
    const ratings = allRatings(form.definition);
    delete ratings.overall;
    delete ratings.courtesy;
    const before = (await responsesOf(org)).length;
    const suggestionsBefore = await env.services.db.select().from(surveySuggestions).where(eq(surveySuggestions.orgId, org.org.id));
    const e = (await rejects(
      submitResponse(citizen(org), { channel: 'public', ratings, suggestion: 'ที่จอดรถไม่พอ' }),
      422,
    )) as ValidationError;
    assert.deepEqual(
      e.fields.map((f) => [f.field, f.message]),
      [
        ['courtesy', 'surveys.collect.errors.ratingMissing'],
        ['overall', 'surveys.collect.errors.ratingMissing'],
      ],
    );
    assert.equal(e.fields[0]?.params?.question, 'เจ้าหน้าที่พูดจาสุภาพ ยิ้มแย้ม');
    assert.equal((await responsesOf(org)).length, before);
    const suggestionsAfter = await env.services.db.select().from(surveySuggestions).where(eq(surveySuggestions.orgId, org.org.id));
    assert.equal(suggestionsAfter.length, suggestionsBefore.length);
  });

  test('ratings out of range, not whole or not numbers are refused; unknown demographics too', async () => {
    const form = await currentForm(org.ctx);
    for (const bad of [0, 6, 3.5, 'x', -1, '4']) {
      const ratings = { ...allRatings(form.definition), overall: bad as number };
      const e = (await rejects(submitResponse(citizen(org), { channel: 'public', ratings }), 422)) as ValidationError;
      assert.deepEqual(
        e.fields.map((f) => [f.field, f.message]),
        [['overall', 'surveys.collect.errors.ratingInvalid']],
        `rating ${JSON.stringify(bad)}`,
      );
    }
    const ratings = allRatings(form.definition);
    await rejects(submitResponse(citizen(org), { channel: 'public', ratings, demographics: { age: 'a200' } }), 422);
    await rejects(submitResponse(citizen(org), { channel: 'public', ratings, demographics: { religion: 'x' } }), 422);
    await rejects(submitResponse(citizen(org), { channel: 'public', ratings, suggestion: 'ก'.repeat(2001) }), 422);
    await rejects(submitResponse(citizen(org), { channel: 'public', ratings, divisionId: 999999 }), 422);
    const foreignDivision = await createDivision(other.ctx, { name: 'กองช่างอื่น' });
    await rejects(submitResponse(citizen(org), { channel: 'public', ratings, divisionId: foreignDivision }), 422);
    await rejects(submitResponse(citizen(org), { channel: 'public', ratings, serviceId: otherService.id }), 422);
    // A good one, with its choices and suggestion kept.
    const { id } = await submitResponse(citizen(org), {
      channel: 'public',
      ratings,
      demographics: { age: 'a40_49', gender: '' },
      suggestion: '  อยากให้มีบริการวันเสาร์  ',
      serviceId: service.id,
      locale: 'ms',
    });
    const row = (await responsesOf(org)).find((r) => r.id === id);
    assert.deepEqual(row?.demographics, { age: 'a40_49' });
    assert.equal(row?.divisionId, divisionId, "the service's division when none is chosen");
    assert.equal(row?.locale, 'ms');
    const [s] = await env.services.db
      .select()
      .from(surveySuggestions)
      .where(and(eq(surveySuggestions.orgId, org.org.id), eq(surveySuggestions.responseId, id)));
    assert.equal(s?.text, 'อยากให้มีบริการวันเสาร์');
    assert.equal(s?.divisionId, divisionId);
  });

  test('the same clientKey twice (and at once) stores one response and returns the first', async () => {
    const form = await currentForm(org.ctx);
    const input: SubmitInput = { channel: 'tablet', ratings: allRatings(form.definition), clientKey: 's-double-press-0001', divisionId };
    const before = (await responsesOf(org)).length;
    const [a, b] = await Promise.all([submitResponse(citizen(org), input), submitResponse(citizen(org), input)]);
    const c = await submitResponse(citizen(org), input);
    assert.equal(a.id, b.id);
    assert.equal(a.id, c.id);
    assert.equal((await responsesOf(org)).length, before + 1);
  });

  test('the public link is rate-limited per address; others are not held up', async () => {
    const limited = await createTestOrg(env);
    const form = await currentForm(limited.ctx);
    const input: SubmitInput = { channel: 'public', ratings: allRatings(form.definition) };
    for (let i = 0; i < PUBLIC_LIMIT.count; i++) await submitResponse(citizen(limited, '192.0.2.50'), input);
    await rejects(submitResponse(citizen(limited, '192.0.2.50'), input), 429, 'surveys.collect.errors.tooMany');
    assert.equal((await responsesOf(limited)).length, PUBLIC_LIMIT.count);
    await submitResponse(citizen(limited, '192.0.2.51'), input);
    // A form with mistakes does not use up the allowance of the next address either.
    await rejects(submitResponse(citizen(limited, '192.0.2.52'), { channel: 'public', ratings: {} }), 422);
  });
});

describe('paper forms', () => {
  test('typed in by staff of this organization, with the date and number on the form and who typed it', async () => {
    const form = await currentForm(org.ctx);
    const user = await createTestUser(env, org, ['front_desk']);
    const clerk = { app: env.services, orgId: org.org.id, actor: staffActor(org, user.userId, ['front_desk']) };
    const input: SubmitInput = {
      channel: 'paper',
      ratings: allRatings(form.definition, 3),
      paperRef: '2569/041',
      submittedOn: '2026-11-20',
      divisionId,
    };
    const { id } = await submitResponse(clerk, input);
    const row = (await responsesOf(org)).find((r) => r.id === id);
    assert.equal(row?.channel, 'paper');
    assert.equal(row?.enteredBy, user.userId);
    assert.equal(row?.paperRef, '2569/041');
    assert.equal(row?.submittedAt.toISOString(), '2026-11-20T05:00:00.000Z', 'noon in Bangkok on the date written');

    await rejects(submitResponse(citizen(org), input), 401);
    const executive = { ...clerk, actor: staffActor(org, user.userId, ['executive']) };
    await rejects(submitResponse(executive, input), 403);
    const foreignUser = await createTestUser(env, other, ['admin', 'front_desk']);
    const foreign = { ...clerk, actor: { ...staffActor(other, foreignUser.userId, ['admin', 'front_desk']) } };
    await rejects(submitResponse(foreign, input), 403);
    for (const [submittedOn, message] of [
      ['2026-11-27', 'surveys.collect.errors.dateFuture'],
      ['2026-02-30', 'surveys.collect.errors.dateInvalid'],
      ['2027-01-01', 'surveys.collect.errors.dateFuture'],
      ['2019-01-01', 'surveys.collect.errors.dateTooOld'],
      [null, 'core.validation.required'],
    ] as const) {
      const e = (await rejects(submitResponse(clerk, { ...input, submittedOn }), 422)) as ValidationError;
      assert.deepEqual(
        e.fields.map((f) => [f.field, f.message]),
        [['submittedOn', message]],
        String(submittedOn),
      );
    }
    assert.equal((await responsesOf(org)).filter((r) => r.channel === 'paper').length, 1);
  });
});

describe('pages without JavaScript', () => {
  test('public link: a form POST, 303 to the thanks; with a question left out, 422 naming it and keeping everything filled', async () => {
    const form = (await currentForm(org.ctx)).definition;
    const browser = new TestBrowser(env, org.host);
    const page = await browser.get('/survey');
    assert.equal(page.status, 200);
    let html = browser.lastHtml;
    assert.match(html, /แบบประเมินความพึงพอใจต่อการให้บริการ/);
    assert.match(html, /<legend class="survey-q__text"><span class="survey-q__n">1\.<\/span> ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน<\/legend>/);
    assert.match(html, /type="radio" name="r_steps" value="5" id="f-steps"/);
    assert.match(html, /<span class="survey-choice__word">มากที่สุด<\/span>/);
    assert.match(html, new RegExp(`<option value="s${service.id}">ชำระภาษีที่ดิน</option>`));
    assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script (CSP)');
    const key = /name="key" value="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.ok(key);

    const fields = formFields(form, 4);
    delete fields.r_overall;
    const before = (await responsesOf(org)).length;
    const bad = await browser.post('/survey', { ...fields, key, about: `s${service.id}`, d_age: 'a30_39', suggestion: 'ห้องน้ำสะอาดดี' });
    assert.equal(bad.status, 422);
    html = browser.lastHtml;
    assert.match(html, /class="error-summary"/);
    assert.match(html, /<a href="#f-overall">กรุณาตอบข้อ \d+ “ท่านพึงพอใจต่อการให้บริการโดยรวมเพียงใด”<\/a>/);
    assert.match(html, /name="r_steps" value="4" checked/);
    assert.match(html, new RegExp(`<option value="s${service.id}" selected`));
    assert.match(html, /<option value="a30_39" selected/);
    assert.match(html, />ห้องน้ำสะอาดดี<\/textarea>/);
    assert.equal((await responsesOf(org)).length, before);

    const ok = await browser.post('/survey', { ...formFields(form, 4), key, about: `s${service.id}`, d_age: 'a30_39' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/survey/thanks');
    // Pressed twice (the same key): still one.
    assert.equal(
      (await browser.post('/survey', { ...formFields(form, 4), key, about: `s${service.id}` }, { from: '/survey' })).status,
      303,
    );
    assert.equal((await responsesOf(org)).length, before + 1);
    assert.equal((await browser.get('/survey/thanks')).status, 200);
    assert.match(browser.lastHtml, /ขอบคุณที่ตอบแบบประเมิน/);
  });

  test('from the ticket: the status page links to it once served; a used ticket shows a friendly 409', async () => {
    const form = (await currentForm(org.ctx)).definition;
    const token = await servedTicket(org, service, counterId);
    const browser = new TestBrowser(env, org.host);
    await browser.get(`/queue/t/${token}`);
    assert.match(browser.lastHtml, new RegExp(`href="/survey/t/${token}"`));
    const page = await browser.get(`/survey/t/${token}`);
    assert.equal(page.status, 200);
    assert.match(browser.lastHtml, /บัตรคิว B\d{3} · ชำระภาษีที่ดิน/);
    assert.doesNotMatch(browser.lastHtml, /name="about"/, 'the ticket says what was rated');
    const res = await browser.post(`/survey/t/${token}`, formFields(form, 5));
    assert.equal(res.status, 303);
    const again = await browser.get(`/survey/t/${token}`);
    assert.equal(again.status, 409);
    assert.match(browser.lastHtml, /ท่านตอบแบบประเมินของบัตรคิวนี้แล้ว/);
    const twice = await browser.post(`/survey/t/${token}`, formFields(form, 1), { csrf: await browser.csrf('/survey') });
    assert.equal(twice.status, 409);

    const waiting = await servedTicket(org, service, counterId, 'issued');
    await browser.get(`/queue/t/${waiting}`);
    assert.doesNotMatch(browser.lastHtml, /href="\/survey\/t\//);
    assert.equal((await browser.get(`/survey/t/${waiting}`)).status, 409);
    assert.match(browser.lastHtml, /ยังตอบแบบประเมินไม่ได้/);
    const foreign = await servedTicket(other, otherService, otherCounterId);
    assert.equal((await browser.get(`/survey/t/${foreign}`)).status, 404);
  });

  test('counter tablet: fixed to a division, big targets, back to a fresh form after thanks', async () => {
    const form = (await currentForm(org.ctx)).definition;
    const tablet = new TestBrowser(env, org.host);
    assert.equal((await tablet.get(`/survey/kiosk?division=${divisionId}`)).status, 200);
    const html = tablet.lastHtml;
    assert.match(html, /class="layout-kiosk"/);
    assert.match(html, /บริการของกองคลัง/);
    assert.match(html, new RegExp(`name="about" value="d${divisionId}"`));
    assert.match(html, new RegExp(`<noscript><meta http-equiv="refresh" content="300;url=/survey/kiosk\\?division=${divisionId}"`));
    assert.match(html, /survey-kiosk\.js/);
    const res = await tablet.post(
      '/survey/kiosk',
      { ...formFields(form, 5), about: `d${divisionId}`, fixed: '1' },
      { from: `/survey/kiosk?division=${divisionId}` },
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/survey/kiosk/thanks?division=${divisionId}`);
    await tablet.get(`/survey/kiosk/thanks?division=${divisionId}`);
    assert.match(tablet.lastHtml, new RegExp(`content="8;url=/survey/kiosk\\?division=${divisionId}"`));
    const last = (await responsesOf(org)).at(-1);
    assert.equal(last?.channel, 'tablet');
    assert.equal(last?.divisionId, divisionId);
    const foreignDivision = await createDivision(other.ctx, { name: 'กองการศึกษาอื่น' });
    assert.equal((await tablet.get(`/survey/kiosk?division=${foreignDivision}`)).status, 404);
  });

  test('Malay and English pages', async () => {
    const browser = new TestBrowser(env, org.host);
    await browser.get('/lang/ms?next=/survey');
    await browser.get('/survey');
    assert.match(browser.lastHtml, /Borang penilaian kepuasan perkhidmatan/);
    assert.match(browser.lastHtml, /Sangat puas/);
    await browser.get('/lang/en?next=/survey');
    await browser.get('/survey');
    assert.match(browser.lastHtml, /Service satisfaction survey/);
  });

  test('paper entry: staff only; the date and "about" stay for the next form; 422 keeps the digits typed', async () => {
    const form = (await currentForm(org.ctx)).definition;
    const { browser, user } = await signedIn(env, org, ['staff']);
    assert.equal((await browser.get('/staff/surveys/paper')).status, 200);
    const fields = { ...formFields(form, 2), submittedOn: '2026-11-25', paperRef: 'ก-17', about: `d${divisionId}` };
    const bad = await browser.post('/staff/surveys/paper', { ...fields, r_steps: '7' });
    assert.equal(bad.status, 422);
    assert.match(browser.lastHtml, /<a href="#f-steps">ข้อ 1 “ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน” ต้องเป็นระดับ 1–5<\/a>/);
    assert.match(browser.lastHtml, /name="r_speed" value="2"/);
    assert.match(browser.lastHtml, /value="ก-17"/);
    const res = await browser.post('/staff/surveys/paper', fields);
    assert.equal(res.status, 303);
    const next = res.headers.get('location') ?? '';
    assert.match(next, /^\/staff\/surveys\/paper\?saved=1&date=2026-11-25&about=d\d+&ref=/);
    await browser.get(next);
    assert.match(browser.lastHtml, /บันทึกแบบฟอร์มแล้ว \(เลขที่ ก-17\)/);
    assert.match(browser.lastHtml, /value="2026-11-25"/);
    assert.match(browser.lastHtml, /วันนี้ท่านบันทึกแล้ว 1 ฉบับ/);
    const row = (await responsesOf(org)).find((r) => r.paperRef === 'ก-17');
    assert.equal(row?.enteredBy, user.userId);

    // A citizen, an executive, and another organization's staff (its session is not valid here) cannot.
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get('/staff/surveys/paper')).status, 303);
    const { browser: exec } = await signedIn(env, org, ['executive']);
    assert.equal((await exec.get('/staff/surveys/paper')).status, 403);
    assert.equal((await exec.post('/staff/surveys/paper', fields, { csrf: await exec.csrf('/staff') })).status, 403);
    const { browser: foreign } = await signedIn(env, other, ['admin', 'staff']);
    const cookie = `prongsai_session=${foreign.cookie('prongsai_session')}`;
    const cross = await env.app.request(`http://${org.host}/staff/surveys/paper`, { headers: { host: org.host, cookie } });
    assert.equal(cross.status, 303);
    assert.match(cross.headers.get('location') ?? '', /^\/login/);
    assert.equal((await responsesOf(org)).filter((r) => r.paperRef === 'ก-17').length, 1);
  });

  test('form editor: admin and ITA coordinator only; adding a question is a round trip; saving makes a version', async () => {
    const { browser: admin } = await signedIn(env, org, ['admin']);
    assert.equal((await admin.get('/staff/admin/survey-form')).status, 200);
    let html = admin.lastHtml;
    assert.match(html, /name="g0\.i0\.text\.th" lang="th" maxlength="300" value="ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน"/);
    const values: Record<string, string> = {};
    for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
      if (m[1] && m[1] !== '_csrf') values[m[1]] = m[2] ?? '';
    const decode = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<');
    for (const k of Object.keys(values)) values[k] = decode(values[k] ?? '');
    values.suggestion = '1';
    // Add a question to the first group: shown again (200), not saved.
    const versionsBefore = (await listFormVersions(org.ctx)).length;
    const added = await admin.post('/staff/admin/survey-form', { ...values, op: 'addItem:0' });
    assert.equal(added.status, 200);
    html = admin.lastHtml;
    const newKey = /name="g0\.i4\.key" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(newKey, 'a fifth question in the first group');
    assert.equal((await listFormVersions(org.ctx)).length, versionsBefore);
    // Saving with the new question's Thai text empty: 422 naming it.
    const empty = await admin.post('/staff/admin/survey-form', { ...values, 'g0.i4.key': newKey, 'g0.i4.text.th': '', op: 'save' });
    assert.equal(empty.status, 422);
    assert.match(admin.lastHtml, /<a href="#f-g0-i4-text-th">กรุณากรอกคำถามข้อ 1\.5 \(ภาษาไทย\)<\/a>/);
    const saved = await admin.post('/staff/admin/survey-form', {
      ...values,
      'g0.i4.key': newKey,
      'g0.i4.text.th': 'ได้รับแจ้งระยะเวลาการให้บริการชัดเจน',
      op: 'save',
    });
    assert.equal(saved.status, 303);
    const current = await currentForm(org.ctx);
    assert.equal(current.version, versionsBefore + 1);
    assert.equal(current.definition.groups[0]?.items[4]?.text.th, 'ได้รับแจ้งระยะเวลาการให้บริการชัดเจน');
    assert.ok(!ratingItems((await listFormVersions(org.ctx)).at(-1)?.definition ?? DEFAULT_FORM).some((i) => i.itemKey === newKey));
    await admin.get('/staff/admin/survey-form');
    assert.match(admin.lastHtml, /บันทึกแบบประเมินฉบับใหม่แล้ว/);

    const { browser: ita } = await signedIn(env, org, ['ita_coordinator']);
    assert.equal((await ita.get('/staff/admin/survey-form')).status, 200);
    for (const roles of [['staff'], ['executive'], ['division_head']] as const) {
      const { browser } = await signedIn(env, org, [...roles]);
      assert.equal((await browser.get('/staff/admin/survey-form')).status, 403, roles.join());
      const res = await browser.post('/staff/admin/survey-form', { ...values, op: 'save' }, { csrf: await browser.csrf('/staff') });
      assert.equal(res.status, 403, roles.join());
    }
    const staffCtx = { app: env.services, orgId: org.org.id, actor: staffActor(org, 1, ['staff']) };
    await rejects(saveForm(staffCtx, current.definition), 403);
    await rejects(saveForm(citizen(org), current.definition), 401);
    assert.equal((await currentForm(org.ctx)).version, current.version);
  });

  test('API: the form (public) and an answer (same rules)', async () => {
    const res = await env.app.request(`http://${org.host}/api/surveys/form`, { headers: { host: org.host } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { version: number; definition: FormDefinition; levels: { value: number; th: string }[] };
    assert.equal(body.levels[0]?.th, 'มากที่สุด');
    const post = (json: unknown) =>
      env.app.request(`http://${org.host}/api/surveys/responses`, {
        method: 'POST',
        headers: { host: org.host, 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
    const ok = await post({ channel: 'tablet', ratings: allRatings(body.definition, 5), divisionId });
    assert.equal(ok.status, 201);
    const missing = await post({ channel: 'tablet', ratings: { overall: 5 } });
    assert.equal(missing.status, 422);
    const err = (await missing.json()) as { error: { fields: { field: string }[] } };
    assert.ok(err.error.fields.some((f) => f.field === 'steps'));
    const paper = await post({ channel: 'paper', ratings: allRatings(body.definition), submittedOn: '2026-11-20' });
    assert.equal(paper.status, 401);
  });
});
