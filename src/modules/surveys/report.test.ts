import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import { AppError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { publications } from '../publications/schema.js';
import { createService } from '../queue/service.js';
import { createDivision } from '../staff/service.js';
import { previousRange, satisfactionByDivision, satisfactionItem, surveyReport } from './report.js';
import { type FormDefinition, type SurveyChannel, surveyFormVersions, surveyResponses, surveySuggestions } from './schema.js';
import { listSuggestions, respondToSuggestion, suggestionsWaiting, tagSuggestion } from './suggestions.js';

/**
 * A small set of known responses (Bangkok = UTC+7), January 2024 unless said:
 *
 *          form  division  service  channel  steps waiting courtesy overall  when
 *   R1     v1    office    S1       ticket     5     4       –        5     05 Jan 10:00
 *   R2     v1    office    –        tablet     4     3       –        4     10 Jan 14:00
 *   R3     v1    finance   –        paper      3     2       –        4     31 Jan 23:30 (UTC: 16:30)
 *   R4     v2    office    S1       public     5     5       4        5     20 Jan 09:00
 *   R5     v2    office    –        public     1     1       1        1     01 Feb 00:10 (UTC: 31 Jan 17:10) — February
 *   R6     v1    office    –        tablet     2     2  speed 3       2     15 Dec 2023
 *   other organization: one response in January, all 1.
 *
 * January, all divisions: n = 4
 *   steps   5 4 3 5   Σ 17 Σ² 75   x̄ 4.25  s² = (4·75 − 289)/12 = 11/12
 *   waiting 4 3 2 5   Σ 14 Σ² 54   x̄ 3.50  s² = 20/12
 *   courtesy 4        n 1          x̄ 4.00  S.D. none
 *   overall 5 4 4 5   Σ 18 Σ² 82   x̄ 4.50  s² = 4/12
 *   process (steps + waiting): n 8 Σ 31 Σ² 129 x̄ 3.875 s² = (8·129 − 961)/56 = 71/56
 *   all answers: n 13 Σ 53 Σ² 227 x̄ 53/13 = 4.0769 s² = (13·227 − 2809)/156 = 142/156
 *   office: 10 answers Σ 44 Σ² 198 x̄ 4.40; finance: 3 answers Σ 9 Σ² 29 x̄ 3.00 S.D. 1
 */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const clock = new Date('2024-03-15T03:00:00Z');
let office: number;
let finance: number;
let s1: number;
let exec: ServiceContext;
let v1: number;
let v2: number;
const ids: Record<string, number> = {};
const sugg: Record<string, number> = {};

const actor = (o: TestOrg, userId: number, roles: Role[]): Actor => ({
  orgId: o.org.id,
  userId,
  username: `u${userId}`,
  displayName: `ผู้ใช้ ${userId}`,
  roles,
  mustChangePassword: false,
});

const text = (th: string) => ({ th });
const FORM_V1: FormDefinition = {
  title: text('แบบประเมินความพึงพอใจ'),
  groups: [
    {
      key: 'process',
      title: text('ด้านกระบวนการ'),
      items: [
        { key: 'steps', text: text('ขั้นตอนไม่ยุ่งยาก (ฉบับ 1)') },
        { key: 'speed', text: text('รวดเร็ว') },
        { key: 'waiting', text: text('ระยะเวลารอคอยเหมาะสม') },
      ],
    },
    { key: 'overall', title: text('ความพึงพอใจโดยรวม'), items: [{ key: 'overall', text: text('ความพึงพอใจโดยรวม') }] },
  ],
  demographics: [
    {
      key: 'gender',
      title: text('เพศ'),
      options: [
        { key: 'male', text: text('ชาย') },
        { key: 'female', text: text('หญิง') },
      ],
    },
  ],
  suggestion: true,
};
const FORM_V2: FormDefinition = {
  ...FORM_V1,
  groups: [
    {
      key: 'process',
      title: text('ด้านกระบวนการและขั้นตอน'),
      items: [
        { key: 'steps', text: text('ขั้นตอนไม่ยุ่งยาก (ฉบับ 2)') },
        { key: 'waiting', text: text('ระยะเวลารอคอยเหมาะสม') },
      ],
    },
    { key: 'staff', title: text('ด้านเจ้าหน้าที่'), items: [{ key: 'courtesy', text: text('เจ้าหน้าที่สุภาพ') }] },
    { key: 'overall', title: text('ความพึงพอใจโดยรวม'), items: [{ key: 'overall', text: text('ความพึงพอใจโดยรวม') }] },
  ],
};

/** Test helper: a response (and its suggestion) written straight into the tables. */
async function insertResponse(
  o: TestOrg,
  r: {
    formVersionId: number;
    divisionId: number | null;
    serviceId?: number | null;
    channel: SurveyChannel;
    ratings: Record<string, number>;
    demographics?: Record<string, string>;
    at: string;
    suggestion?: string;
  },
): Promise<{ id: number; suggestionId: number | null }> {
  const db = env.services.db;
  const at = new Date(r.at);
  const [row] = await db
    .insert(surveyResponses)
    .values({
      orgId: o.org.id,
      formVersionId: r.formVersionId,
      divisionId: r.divisionId,
      serviceId: r.serviceId ?? null,
      channel: r.channel,
      ratings: r.ratings,
      demographics: r.demographics ?? {},
      submittedAt: at,
    })
    .returning({ id: surveyResponses.id });
  if (!row) throw new Error('not inserted');
  let suggestionId: number | null = null;
  if (r.suggestion) {
    const [s] = await db
      .insert(surveySuggestions)
      .values({ orgId: o.org.id, responseId: row.id, divisionId: r.divisionId, submittedAt: at, text: r.suggestion })
      .returning({ id: surveySuggestions.id });
    suggestionId = s?.id ?? null;
  }
  return { id: row.id, suggestionId };
}

async function insertForm(o: TestOrg, version: number, definition: FormDefinition) {
  const [row] = await env.services.db
    .insert(surveyFormVersions)
    .values({ orgId: o.org.id, version, definition })
    .returning({ id: surveyFormVersions.id });
  return row?.id as number;
}

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  office = await createDivision(org.ctx, { name: 'สำนักปลัด', sortOrder: 1 });
  finance = await createDivision(org.ctx, { name: 'กองคลัง', sortOrder: 2 });
  s1 = (await createService(org.ctx, { name: 'เบี้ยยังชีพ', prefix: 'A', alwaysOpen: true, divisionId: office })).id;
  const e = await createTestUser(env, org, ['executive']);
  exec = { ...org.ctx, actor: actor(org, e.userId, ['executive']) };
  v1 = await insertForm(org, 1, FORM_V1);
  v2 = await insertForm(org, 2, FORM_V2);
  const r1 = await insertResponse(org, {
    formVersionId: v1,
    divisionId: office,
    serviceId: s1,
    channel: 'ticket',
    ratings: { steps: 5, waiting: 4, overall: 5 },
    demographics: { gender: 'female', age: 'a30_39' },
    at: '2024-01-05T10:00:00+07:00',
    suggestion: 'ที่จอดรถไม่พอ',
  });
  const r2 = await insertResponse(org, {
    formVersionId: v1,
    divisionId: office,
    channel: 'tablet',
    ratings: { steps: 4, waiting: 3, overall: 4 },
    demographics: { gender: 'male' },
    at: '2024-01-10T14:00:00+07:00',
  });
  const r3 = await insertResponse(org, {
    formVersionId: v1,
    divisionId: finance,
    channel: 'paper',
    ratings: { steps: 3, waiting: 2, overall: 4 },
    at: '2024-01-31T23:30:00+07:00',
    suggestion: 'เจ้าหน้าที่บริการดี',
  });
  const r4 = await insertResponse(org, {
    formVersionId: v2,
    divisionId: office,
    serviceId: s1,
    channel: 'public',
    ratings: { steps: 5, waiting: 5, courtesy: 4, overall: 5 },
    at: '2024-01-20T09:00:00+07:00',
  });
  await insertResponse(org, {
    formVersionId: v2,
    divisionId: office,
    channel: 'public',
    ratings: { steps: 1, waiting: 1, courtesy: 1, overall: 1 },
    at: '2024-02-01T00:10:00+07:00',
    suggestion: 'อยากให้มีบริการวันเสาร์',
  });
  await insertResponse(org, {
    formVersionId: v1,
    divisionId: office,
    channel: 'tablet',
    ratings: { steps: 2, speed: 3, waiting: 2, overall: 2 },
    at: '2023-12-15T10:00:00+07:00',
  });
  Object.assign(ids, { r1: r1.id, r2: r2.id, r3: r3.id, r4: r4.id });
  sugg.parking = r1.suggestionId as number;
  sugg.praise = r3.suggestionId as number;
  const otherForm = await insertForm(other, 1, FORM_V1);
  const theirs = await insertResponse(other, {
    formVersionId: otherForm,
    divisionId: null,
    channel: 'public',
    ratings: { steps: 1, waiting: 1, overall: 1 },
    at: '2024-01-15T10:00:00+07:00',
    suggestion: 'ของหน่วยงานอื่น',
  });
  sugg.theirs = theirs.suggestionId as number;
});

after(async () => {
  await env.close();
});

const JAN = { from: '2024-01-01', to: '2024-01-31' };
const near = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(actual != null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('surveyReport', () => {
  test('January, all divisions: exact figures per item, group and overall', async () => {
    const r = await surveyReport(exec, JAN);
    assert.equal(r.n, 4);
    near(r.overall.mean, 53 / 13, 'overall mean');
    near(r.overall.sd, Math.sqrt(142 / 156), 'overall sd');
    near(r.overall.percent, (53 / 13 / 5) * 100, 'overall percent');
    assert.equal(r.overall.n, 13);
    assert.equal(r.overall.band, 4);
    assert.deepEqual(
      r.groups.map((g) => [g.key, g.title, g.items.map((i) => i.key)]),
      [
        ['process', 'ด้านกระบวนการและขั้นตอน', ['steps', 'waiting']],
        ['staff', 'ด้านเจ้าหน้าที่', ['courtesy']],
        ['overall', 'ความพึงพอใจโดยรวม', ['overall']],
      ],
    );
    const [process, staff, overall] = r.groups;
    near(process?.summary.mean, 3.875, 'process mean');
    near(process?.summary.sd, Math.sqrt(71 / 56), 'process sd');
    assert.equal(process?.summary.n, 8);
    const steps = process?.items[0];
    // The text of the newest version that has the key; answers to both versions pooled.
    assert.equal(steps?.text, 'ขั้นตอนไม่ยุ่งยาก (ฉบับ 2)');
    assert.equal(steps?.summary.n, 4);
    near(steps?.summary.mean, 4.25, 'steps mean');
    near(steps?.summary.sd, Math.sqrt(11 / 12), 'steps sd');
    near(steps?.summary.percent, 85, 'steps percent');
    assert.equal(steps?.summary.band, 5);
    const waiting = process?.items[1];
    near(waiting?.summary.mean, 3.5, 'waiting mean');
    near(waiting?.summary.sd, Math.sqrt(20 / 12), 'waiting sd');
    assert.equal(waiting?.summary.band, 4);
    assert.deepEqual(staff?.items[0]?.summary, { n: 1, mean: 4, sd: null, percent: 80, band: 4 });
    near(overall?.summary.mean, 4.5, 'overall item');
    near(overall?.summary.sd, Math.sqrt(4 / 12), 'overall item sd');
  });

  test('per division, service, channel; trend; demographics; nothing from February, December or another organization', async () => {
    const r = await surveyReport(exec, JAN);
    assert.deepEqual(
      r.byDivision.map((d) => [d.divisionId, d.name, d.n, d.overall.n]),
      [
        [office, 'สำนักปลัด', 3, 10],
        [finance, 'กองคลัง', 1, 3],
      ],
    );
    near(r.byDivision[0]?.overall.mean, 4.4, 'office');
    near(r.byDivision[0]?.overall.sd, Math.sqrt((10 * 198 - 44 * 44) / 90), 'office sd');
    assert.deepEqual(r.byDivision[1]?.overall, { n: 3, mean: 3, sd: 1, percent: 60, band: 3 });
    assert.deepEqual(
      r.byService.map((s) => [s.serviceId, s.n]),
      [
        [s1, 2],
        [null, 2],
      ],
    );
    assert.deepEqual(
      [...r.byChannel].sort((a, b) => a.channel.localeCompare(b.channel)),
      [
        { channel: 'paper', n: 1 },
        { channel: 'public', n: 1 },
        { channel: 'tablet', n: 1 },
        { channel: 'ticket', n: 1 },
      ],
    );
    assert.deepEqual(
      r.trend.map((m) => [m.month, m.n]),
      [
        ['2023-08', 0],
        ['2023-09', 0],
        ['2023-10', 0],
        ['2023-11', 0],
        ['2023-12', 1],
        ['2024-01', 4],
      ],
    );
    near(r.trend[4]?.overall.mean, 9 / 4, 'December');
    assert.equal(r.trend[0]?.overall.mean, null);
    assert.deepEqual(r.demographics, [
      {
        key: 'gender',
        counts: [
          { option: 'male', n: 1 },
          { option: 'female', n: 1 },
        ],
      },
      { key: 'age', counts: [{ option: 'a30_39', n: 1 }] },
    ]);
    const theirs = await surveyReport({ ...other.ctx }, JAN);
    assert.equal(theirs.n, 1);
    assert.equal(theirs.overall.mean, 1);
  });

  test('filters: division, service; an old item appears only when answered; bad ranges, another organization’s division', async () => {
    const d = await surveyReport(exec, { ...JAN, divisionId: office });
    assert.equal(d.n, 3);
    near(d.overall.mean, 4.4, 'office');
    near(d.groups[0]?.items[0]?.summary.mean, 14 / 3, 'office steps');
    assert.deepEqual(
      d.byDivision.map((x) => x.divisionId),
      [office],
    );
    const s = await surveyReport(exec, { ...JAN, serviceId: s1 });
    assert.equal(s.n, 2);
    near(s.overall.mean, (14 + 19) / 7, 'service S1');
    // December: the old item "speed" (only in version 1) was answered.
    const dec = await surveyReport(exec, { from: '2023-12-01', to: '2023-12-31' });
    assert.deepEqual(
      dec.groups[0]?.items.map((i) => [i.key, i.summary.n]),
      [
        ['steps', 1],
        ['waiting', 1],
        ['speed', 1],
      ],
    );
    // February starts at Bangkok midnight: R5 (17:10 UTC on 31 January) is February's.
    const feb = await surveyReport(exec, { from: '2024-02-01', to: '2024-02-29' });
    assert.equal(feb.n, 1);
    for (const bad of [
      { from: '2024-01-32', to: '2024-02-01' },
      { from: '2024-02-01', to: '2024-01-01' },
      { from: '2023-01-01', to: '2024-12-31' },
      { from: "2024-01-01'; --", to: '2024-01-31' },
    ]) {
      await assert.rejects(surveyReport(exec, bad), (e: unknown) => e instanceof AppError && e.status === 422);
    }
    const theirDivision = await createDivision(other.ctx, { name: 'กองช่าง' });
    await assert.rejects(
      surveyReport(exec, { ...JAN, divisionId: theirDivision }),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
  });

  test('who may read: executives, division heads, the ITA coordinator, admins; not staff or the public', async () => {
    const u = await createTestUser(env, org, ['staff']);
    for (const role of ['executive', 'division_head', 'ita_coordinator', 'admin'] as Role[]) {
      await surveyReport({ ...org.ctx, actor: actor(org, u.userId, [role]) }, JAN);
    }
    for (const roles of [['staff'], ['front_desk']] as Role[][]) {
      await assert.rejects(
        surveyReport({ ...org.ctx, actor: actor(org, u.userId, roles) }, JAN),
        (e: unknown) => e instanceof AppError && e.status === 403,
      );
    }
    await assert.rejects(surveyReport({ ...org.ctx, actor: null }, JAN), (e: unknown) => e instanceof AppError && e.status === 401);
  });

  test('satisfactionByDivision: this period and the one before (whole months: the month before)', async () => {
    assert.deepEqual(previousRange(JAN), { from: '2023-12-01', to: '2023-12-31' });
    assert.deepEqual(previousRange({ from: '2024-01-10', to: '2024-01-19' }), { from: '2023-12-31', to: '2024-01-09' });
    assert.deepEqual(previousRange({ from: '2024-01-01', to: '2024-03-31' }), { from: '2023-10-01', to: '2023-12-31' });
    const rows = await satisfactionByDivision(exec, JAN);
    assert.deepEqual(
      rows.map((r) => [r.divisionId, r.n, r.previous.n]),
      [
        [office, 3, 4],
        [finance, 1, 0],
      ],
    );
    near(rows[0]?.overall.mean, 4.4, 'office now');
    near(rows[0]?.previous.mean, 9 / 4, 'office before');
    assert.equal(rows[1]?.previous.mean, null);
    await assert.rejects(
      satisfactionByDivision({ ...org.ctx, actor: null }, JAN),
      (e: unknown) => e instanceof AppError && e.status === 401,
    );
  });

  test('the generated totals of a response (ratings_n, ratings_sum, ratings_sumsq): blank items left out, a blank form 0', async () => {
    // Its own organization: the figures above stay as they are.
    const fresh = await createTestOrg(env);
    const form = await insertForm(fresh, 1, FORM_V1);
    // 'speed' left blank.
    const some = await insertResponse(fresh, {
      formVersionId: form,
      divisionId: null,
      channel: 'tablet',
      ratings: { steps: 5, waiting: 3, overall: 4 },
      at: '2024-01-12T10:00:00+07:00',
    });
    const blank = await insertResponse(fresh, {
      formVersionId: form,
      divisionId: null,
      channel: 'paper',
      ratings: {},
      at: '2024-01-13T10:00:00+07:00',
    });
    const totals = await env.services.db
      .select({ id: surveyResponses.id, n: surveyResponses.ratingsN, sum: surveyResponses.ratingsSum, sumSq: surveyResponses.ratingsSumSq })
      .from(surveyResponses)
      .where(eq(surveyResponses.orgId, fresh.org.id))
      .orderBy(surveyResponses.id);
    assert.deepEqual(totals, [
      { id: some.id, n: 3, sum: 12, sumSq: 50 },
      { id: blank.id, n: 0, sum: 0, sumSq: 0 },
    ]);
    // What the report makes of them: both responses counted, three answers; the trend and the
    // dashboard count only the response with an answer.
    const e = await createTestUser(env, fresh, ['executive']);
    const theirExec = { ...fresh.ctx, actor: actor(fresh, e.userId, ['executive']) };
    const r = await surveyReport(theirExec, JAN);
    assert.equal(r.n, 2);
    assert.deepEqual([r.overall.n, r.overall.mean], [3, 4]);
    near(r.overall.sd, 1, 'S.D. of 5, 3, 4');
    assert.deepEqual(
      r.byDivision.map((d) => [d.divisionId, d.n, d.overall.n, d.overall.mean]),
      [[null, 2, 3, 4]],
    );
    assert.deepEqual(
      r.trend.map((m) => [m.month, m.n, m.overall.n, m.overall.mean]),
      [
        ['2023-08', 0, 0, null],
        ['2023-09', 0, 0, null],
        ['2023-10', 0, 0, null],
        ['2023-11', 0, 0, null],
        ['2023-12', 0, 0, null],
        ['2024-01', 1, 3, 4],
      ],
    );
    const dash = await satisfactionByDivision(theirExec, JAN);
    assert.deepEqual(
      dash.map((d) => [d.divisionId, d.n, d.overall.n, d.overall.mean, d.previous.n]),
      [[null, 1, 3, 4, 0]],
    );
  });
});

describe('suggestions', () => {
  test('list, tag, respond (audited), waiting count; edges: staff, ITA coordinator, another organization’s suggestion, empty response', async () => {
    const waiting = await listSuggestions(exec, { waiting: true });
    assert.deepEqual(
      waiting.map((s) => s.text),
      ['ที่จอดรถไม่พอ', 'เจ้าหน้าที่บริการดี', 'อยากให้มีบริการวันเสาร์'],
    );
    const jan = await listSuggestions(exec, { ...JAN, divisionId: office });
    assert.deepEqual(
      jan.map((s) => [s.text, s.divisionName]),
      [['ที่จอดรถไม่พอ', 'สำนักปลัด']],
    );
    const w0 = await suggestionsWaiting(exec);
    assert.equal(w0.count, 3);
    assert.equal(w0.oldest?.toISOString(), new Date('2024-01-05T10:00:00+07:00').toISOString());

    const tagged = await tagSuggestion(exec, sugg.parking as number, 'problem');
    assert.equal(tagged.tag, 'problem');
    const staff = await createTestUser(env, org, ['staff']);
    const staffCtx = { ...org.ctx, actor: actor(org, staff.userId, ['staff']) };
    await assert.rejects(tagSuggestion(staffCtx, sugg.parking as number, null), (e: unknown) => e instanceof AppError && e.status === 403);
    await assert.rejects(
      respondToSuggestion({ ...org.ctx, actor: actor(org, staff.userId, ['ita_coordinator']) }, sugg.parking as number, {
        executiveResponse: 'x',
      }),
      (e: unknown) => e instanceof AppError && e.status === 403,
    );
    await assert.rejects(
      respondToSuggestion(exec, sugg.parking as number, { executiveResponse: '   ' }),
      (e: unknown) => e instanceof AppError && e.status === 422,
    );
    await assert.rejects(
      respondToSuggestion(exec, sugg.theirs as number, { executiveResponse: 'รับทราบ' }),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
    await assert.rejects(tagSuggestion(exec, sugg.theirs as number, 'problem'), (e: unknown) => e instanceof AppError && e.status === 404);

    const answered = await respondToSuggestion(exec, sugg.parking as number, {
      executiveResponse: 'มอบกองช่างจัดที่จอดรถเพิ่ม',
      actionTaken: 'ตีเส้นที่จอดรถเพิ่ม 12 ช่อง',
    });
    assert.equal(answered.executiveResponse, 'มอบกองช่างจัดที่จอดรถเพิ่ม');
    assert.equal(answered.respondedBy, exec.actor?.userId);
    assert.ok(answered.respondedAt);
    const audit = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'surveys.respondToSuggestion')));
    assert.equal(audit.length, 1);
    assert.equal((await suggestionsWaiting(exec)).count, 2);
    // The other organization's suggestion is untouched.
    const [theirs] = await env.services.db
      .select()
      .from(surveySuggestions)
      .where(eq(surveySuggestions.id, sugg.theirs as number));
    assert.equal(theirs?.executiveResponse, null);
  });
});

describe('pages, documents, API', () => {
  test('the report page, PDF and XLSX for an executive', async () => {
    const { browser } = await signedIn(env, org, ['executive']);
    const res = await browser.get('/staff/surveys?period=month&month=2024-01');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /survey-report\.css/);
    assert.match(html, /ขั้นตอนไม่ยุ่งยาก \(ฉบับ 2\)/);
    assert.match(html, /<svg role="img"/);
    assert.doesNotMatch(html, / style="/);
    assert.match(html, /4\.08/);
    const quarter = await browser.get(`/staff/surveys?period=quarter&fy=2567&quarter=2&division=${office}`);
    assert.equal(quarter.status, 200);
    assert.match(await quarter.text(), /ไตรมาสที่ 2/);

    const pdf = await browser.get(`/staff/surveys/report.pdf?period=month&month=2024-01&division=${office}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
    if (!popplerMissing()) {
      const txt = squash(pdfText(bytes));
      assert.ok(txt.includes('สำนักปลัด'), txt.slice(0, 400));
      assert.ok(txt.includes('มกราคม'), 'the month');
      assert.ok(txt.includes('๒๕๖๗'), 'B.E. year in Thai digits');
      assert.ok(txt.includes('ที่จอดรถไม่พอ'), 'the suggestion');
      assert.ok(txt.includes('ตีเส้นที่จอดรถเพิ่ม'), 'its action');
      assert.ok(txt.includes('ปัญหาและอุปสรรค'));
    }

    const xlsx = await browser.get('/staff/surveys/report.xlsx?period=month&month=2024-01');
    assert.equal(xlsx.status, 200);
    const sheets = [...(await readXlsx(Buffer.from(await xlsx.arrayBuffer()))).values()];
    const items = sheets[1] ?? [];
    const steps = items.find((r) => r[1] === 'steps');
    assert.equal(steps?.[3], 4);
    assert.equal(steps?.[4], 4.25);
    const divisions = sheets[2] ?? [];
    assert.ok(divisions.some((r) => r[0] === 'กองคลัง' && r[1] === 1 && r[2] === 3));
  });

  test('bad input: 422 naming the field; the API: report and respond', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const bad = await browser.get('/staff/surveys?period=month&month=2024-13');
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /กรุณาระบุเดือนให้ถูกต้อง/);
    const badFy = await browser.get('/staff/surveys?period=year&fy=abc');
    assert.equal(badFy.status, 422);
    const api = await browser.get('/api/surveys/report?from=2024-01-01&to=2024-01-31');
    assert.equal(api.status, 200);
    const body = (await api.json()) as { n: number; overall: { n: number } };
    assert.equal(body.n, 4);
    assert.equal(body.overall.n, 13);
    const apiBad = await browser.get('/api/surveys/report?from=2024-02-09&to=2024-02-01');
    assert.equal(apiBad.status, 422);
    const { browser: mayor } = await signedIn(env, org, ['executive']);
    await mayor.get('/staff/surveys/suggestions');
    const responded = await mayor.post(
      `/staff/surveys/suggestions/${sugg.praise}/respond`,
      { [`executiveResponse-${sugg.praise}`]: 'ขอบคุณ จะแจ้งเจ้าหน้าที่', [`actionTaken-${sugg.praise}`]: '' },
      { from: '/staff/surveys/suggestions' },
    );
    assert.equal(responded.status, 303);
    const empty = await mayor.post(
      `/staff/surveys/suggestions/${sugg.praise}/respond`,
      { [`executiveResponse-${sugg.praise}`]: '' },
      { from: '/staff/surveys/suggestions?show=all' },
    );
    assert.equal(empty.status, 422);
    const tag = await mayor.post(
      `/staff/surveys/suggestions/${sugg.praise}/tag`,
      { [`tag-${sugg.praise}`]: 'compliment', back: '/staff/surveys/suggestions?show=all' },
      { from: '/staff/surveys/suggestions?show=all' },
    );
    assert.equal(tag.status, 303);
    assert.equal(tag.headers.get('location'), `/staff/surveys/suggestions?show=all#s-${sugg.praise}`);
    const list = await mayor.get('/staff/surveys/suggestions?show=all&tag=compliment');
    assert.match(await list.text(), /ขอบคุณ จะแจ้งเจ้าหน้าที่/);
    const cross = await mayor.post(
      `/staff/surveys/suggestions/${sugg.theirs}/tag`,
      { [`tag-${sugg.theirs}`]: 'problem' },
      { from: '/staff/surveys/suggestions' },
    );
    assert.equal(cross.status, 404);
  });

  test('staff, the public and another organization’s executive are refused', async () => {
    const { browser: staff } = await signedIn(env, org, ['staff', 'front_desk']);
    assert.equal((await staff.get('/staff/surveys')).status, 403);
    assert.equal((await staff.get('/staff/surveys/suggestions')).status, 403);
    assert.equal((await staff.get('/staff/surveys/report.pdf?period=month&month=2024-01')).status, 403);
    assert.equal((await staff.get('/api/surveys/report?from=2024-01-01&to=2024-01-31')).status, 403);
    const anon = await env.app.request(`http://${org.host}/api/surveys/report?from=2024-01-01&to=2024-01-31`);
    assert.equal(anon.status, 401);
    const { browser: theirs } = await signedIn(env, other, ['executive', 'admin']);
    const cookie = `prongsai_session=${theirs.cookie('prongsai_session')}`;
    const cross = await env.app.request(`http://${org.host}/api/surveys/report?from=2024-01-01&to=2024-01-31`, { headers: { cookie } });
    assert.equal(cross.status, 401);
    const own = (await (await theirs.get('/api/surveys/report?from=2024-01-01&to=2024-01-31')).json()) as { n: number };
    assert.equal(own.n, 1);
    const ourDivision = await theirs.get(`/staff/surveys?period=month&month=2024-01&division=${office}`);
    assert.equal(ourDivision.status, 404);
  });
});

describe('publish as OIT evidence', () => {
  test('the coordinator publishes a division’s month under the fiscal year’s satisfaction item; again only with a reason', async () => {
    assert.equal(satisfactionItem(2567), 'o17');
    assert.equal(satisfactionItem(2568), 'O11');
    assert.equal(satisfactionItem(2569), 'O10');
    const { browser: execBrowser } = await signedIn(env, org, ['executive']);
    const from = `/staff/surveys?period=month&month=2024-01&division=${office}`;
    const refused = await execBrowser.post('/staff/surveys/publish', { month: '2024-01', division: String(office) }, { from });
    assert.equal(refused.status, 403);
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const page = await browser.get(from);
    assert.match(await page.text(), /เผยแพร่เป็นหลักฐาน OIT/);
    const res = await browser.post('/staff/surveys/publish', { month: '2024-01', division: String(office) }, { from });
    assert.equal(res.status, 303);
    const rows = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'survey_report_month')));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.fiscalYear, 2567);
    assert.equal(rows[0]?.itemCode, 'o17');
    assert.equal(rows[0]?.sourceId, `2024-01-d${office}`);
    assert.match(rows[0]?.title ?? '', /สำนักปลัด ประจำเดือนมกราคม พ\.ศ\. 2567/);
    const again = await browser.post('/staff/surveys/publish', { month: '2024-01', division: String(office) }, { from });
    assert.equal(again.status, 422);
    assert.match(await again.text(), /กรุณาระบุเหตุผล/);
    const withReason = await browser.post(
      '/staff/surveys/publish',
      { month: '2024-01', division: String(office), reason: 'เพิ่มการตอบข้อเสนอแนะ' },
      { from },
    );
    assert.equal(withReason.status, 303);
    const all = await browser.post('/staff/surveys/publish', { month: '2024-01' }, { from: '/staff/surveys?period=month&month=2024-01' });
    assert.equal(all.status, 303);
    const after = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'survey_report_month')));
    assert.equal(after.length, 3);
    assert.equal(after.filter((p) => p.supersededBy != null).length, 1);
    const future = await browser.post('/staff/surveys/publish', { month: '2024-04' }, { from });
    assert.equal(future.status, 422);
  });
});
