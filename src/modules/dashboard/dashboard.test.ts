import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { logVisit } from '../frontdesk/service.js';
import { createPlan, listMeasures, updateMeasure } from '../measures/service.js';
import { callNext, createCounter, createService, issueTicket } from '../queue/service.js';
import { createDivision } from '../staff/service.js';
import { currentForm } from '../surveys/forms.js';
import { surveyResponses, surveySuggestions } from '../surveys/schema.js';
import { type DashboardSummary, dashboardSummary } from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let clock = new Date('2024-04-09T10:00:00+07:00');
const at = (iso: string) => new Date(`${iso}+07:00`);
const setClock = (iso: string) => {
  clock = at(iso);
};
let office: number;
let finance: number;

/** A response (and its suggestion) written straight into the tables: the dashboard reads them, whoever collected them. */
async function respond(
  o: TestOrg,
  divisionId: number | null,
  when: string,
  ratings: Record<string, number>,
  suggestion?: { text: string; answered?: boolean },
) {
  const form = await currentForm(o.ctx);
  const [r] = await env.services.db
    .insert(surveyResponses)
    .values({ orgId: o.org.id, formVersionId: form.id, divisionId, channel: 'paper', ratings, submittedAt: at(when) })
    .returning();
  if (!r) throw new Error('no response');
  if (suggestion) {
    await env.services.db.insert(surveySuggestions).values({
      orgId: o.org.id,
      responseId: r.id,
      divisionId,
      submittedAt: at(when),
      text: suggestion.text,
      executiveResponse: suggestion.answered ? 'รับทราบ ดำเนินการแล้ว' : null,
      respondedAt: suggestion.answered ? at(when) : null,
    });
  }
}

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  office = await createDivision(org.ctx, { name: 'สำนักปลัด', sortOrder: 1 });
  finance = await createDivision(org.ctx, { name: 'กองคลัง', sortOrder: 2 });
  const otherDivision = await createDivision(other.ctx, { name: 'สำนักปลัด', sortOrder: 1 });

  // Queue: one ticket yesterday; three today at 09:00, the first called at 09:12 (a 12-minute wait).
  const service = await createService(org.ctx, { name: 'ชำระภาษี', prefix: 'A', divisionId: finance, alwaysOpen: true });
  const counter = await createCounter(org.ctx, { number: 1, name: 'ช่อง 1', serviceIds: [service.id] });
  await issueTicket(org.ctx, { serviceId: service.id, channel: 'kiosk' });
  setClock('2024-04-10T09:00:00');
  for (let i = 0; i < 3; i++) await issueTicket(org.ctx, { serviceId: service.id, channel: 'kiosk' });
  setClock('2024-04-10T09:12:00');
  await callNext(org.ctx, counter.id);
  const otherService = await createService(other.ctx, { name: 'ชำระภาษี', prefix: 'A', alwaysOpen: true });
  await issueTicket(other.ctx, { serviceId: otherService.id, channel: 'kiosk' });

  // Front desk: two visits today, one out of hours this morning, one yesterday.
  setClock('2024-04-10T10:00:00');
  const visit = { purpose: 'tax', channel: 'walk_in' as const, help: ['advice' as const], outcome: 'resolved' as const };
  await logVisit(org.ctx, { ...visit, visitedAt: at('2024-04-10T09:30:00') });
  await logVisit(org.ctx, { ...visit, visitedAt: at('2024-04-10T09:45:00') });
  await logVisit(org.ctx, { ...visit, kind: 'out_of_hours', visitedAt: at('2024-04-10T07:30:00') });
  await logVisit(org.ctx, { ...visit, visitedAt: at('2024-04-09T11:00:00') });
  await logVisit(other.ctx, { ...visit, visitedAt: at('2024-04-10T09:00:00') });

  // Satisfaction: April (this month) and March (last month).
  await respond(org, office, '2024-04-02T10:00:00', { a: 5, b: 4 }, { text: 'ที่จอดรถไม่พอ' });
  await respond(org, office, '2024-04-08T10:00:00', { a: 5, b: 5 });
  await respond(org, finance, '2024-04-09T10:00:00', { a: 3, b: 4 }, { text: 'อยากให้มีบริการวันเสาร์' });
  await respond(org, office, '2024-03-15T10:00:00', { a: 4, b: 4 }, { text: 'เจ้าหน้าที่บริการดี', answered: true });
  await respond(org, office, '2024-03-05T10:00:00', { a: 4, b: 4 }, { text: 'ห้องน้ำไม่สะอาด' });
  await respond(other, otherDivision, '2024-04-03T10:00:00', { a: 1, b: 1 }, { text: 'ของอีกหน่วยงาน' });

  // Measures: the FY 2567 plan; the 6-month report (end of March) is late for all but measure 1.
  const plan = await createPlan(org.ctx, { fiscalYear: 2567, origin: 'template' });
  const first = (await listMeasures(org.ctx, plan.id)).find((m) => m.number === 1);
  if (!first) throw new Error('no measure 1');
  await updateMeasure(org.ctx, first.id, first.version, { checkpoint6: 'ดำเนินการตามแผน' });
});
after(() => env.close());

const executiveCtx = async (o: TestOrg) => {
  const { browser, user } = await signedIn(env, o, ['executive']);
  return {
    browser,
    ctx: {
      app: env.services,
      orgId: o.org.id,
      actor: {
        orgId: o.org.id,
        userId: user.userId,
        username: user.username,
        displayName: user.username,
        roles: ['executive' as const],
        mustChangePassword: false,
      },
    },
  };
};

describe('executive dashboard', () => {
  test('the numbers against the seeded data: today, this month against last, waiting suggestions, late measures', async () => {
    const { ctx } = await executiveCtx(org);
    const s = await dashboardSummary(ctx);
    assert.equal(s.today, '2024-04-10');
    assert.deepEqual(s.counters, {
      visitors: 2,
      outOfHours: 1,
      ticketsIssued: 3,
      ticketsFinished: 0,
      waitingNow: 2,
      averageWaitMinutes: 12,
    });
    assert.deepEqual(s.suggestions, { waiting: 3, oldest: at('2024-03-05T10:00:00') });
    const m = s.measures;
    assert.ok(m);
    assert.equal(m.fiscalYear, 2567);
    assert.equal(m.overdue, 9);
    assert.equal(m.due, 0);
    assert.equal(m.incomplete, 10);
    assert.ok(m.items.every((i) => i.overdue && i.missing.includes('checkpoint6Missed')));
    assert.ok(!m.items.some((i) => i.number === 1));
    const sat = s.satisfaction;
    assert.ok(sat);
    assert.equal(sat.from, '2024-04-01');
    assert.equal(sat.to, '2024-04-30');
    assert.equal(sat.responses, 3);
    // (5+4+5+5+3+4) / 6 = 4.333…; March (4+4+4+4) / 4 = 4.00
    assert.equal(sat.mean, 4.33);
    assert.equal(sat.previousMean, 4);
    assert.equal(sat.change, 0.33);
    assert.equal(sat.band, 5);
    assert.equal(sat.percent, 86.67);
    const byName = new Map(sat.divisions.map((d) => [d.name, d]));
    assert.equal(byName.get('สำนักปลัด')?.mean, 4.75);
    assert.equal(byName.get('สำนักปลัด')?.responses, 2);
    assert.equal(byName.get('สำนักปลัด')?.previousMean, 4);
    assert.equal(byName.get('สำนักปลัด')?.change, 0.75);
    assert.equal(byName.get('กองคลัง')?.mean, 3.5);
    assert.equal(byName.get('กองคลัง')?.band, 4);
    assert.equal(byName.get('กองคลัง')?.change, null, 'no March answers for finance');
    assert.deepEqual(
      sat.divisions.map((d) => d.divisionId),
      [office, finance],
      'best first',
    );
  });

  test('the page and the API (dashboard.summary) for executives, heads, the ITA coordinator and admins; nobody else', async () => {
    for (const role of ['executive', 'division_head', 'ita_coordinator', 'admin'] as const) {
      const { browser } = await signedIn(env, org, [role]);
      const page = await browser.get('/staff/dashboard');
      assert.equal(page.status, 200, role);
      const html = await page.text();
      assert.match(html, /ภาพรวมสำหรับผู้บริหาร/);
      assert.match(html, /<span class="dash-big dash-big--xl">4\.33<\/span>/);
      assert.match(html, /สูงขึ้น 0\.33 จากเดือนก่อน/);
      assert.match(html, /ความพึงพอใจ เมษายน 2567/);
      assert.match(html, /href="\/staff\/dashboard"/, 'in the menu');
      const api = await browser.get('/api/dashboard/summary');
      assert.equal(api.status, 200);
      const json = (await api.json()) as DashboardSummary & { generatedAt: string };
      assert.equal(json.counters.ticketsIssued, 3);
      assert.equal(json.satisfaction?.mean, 4.33);
    }
    for (const role of ['staff', 'front_desk'] as const) {
      const { browser } = await signedIn(env, org, [role]);
      assert.equal((await browser.get('/staff/dashboard')).status, 403, role);
      assert.equal((await browser.get('/api/dashboard/summary')).status, 403, role);
      assert.doesNotMatch(await (await browser.get('/staff')).text(), /href="\/staff\/dashboard"/, `${role}: not in the menu`);
    }
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get('/api/dashboard/summary')).status, 401);
    assert.notEqual((await anon.get('/staff/dashboard')).status, 200);
  });

  test("another organization's executive sees only its own numbers", async () => {
    const { ctx } = await executiveCtx(other);
    const s = await dashboardSummary(ctx);
    assert.equal(s.counters.visitors, 1);
    assert.equal(s.counters.ticketsIssued, 1);
    assert.equal(s.suggestions?.waiting, 1);
    assert.equal(s.measures?.planId, null);
    assert.equal(s.satisfaction?.responses, 1);
    assert.equal(s.satisfaction?.mean, 1);
  });
});
