import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import { AppError } from '../../core/http/errors.js';
import {
  createTestEnv,
  createTestOrg,
  createTestUser,
  signedIn,
  type TestEnv,
  type TestOrg,
  type TestUser,
} from '../../testing/harness.js';
import { publications } from '../publications/schema.js';
import { seedDemoQueue } from './demo.js';
import { seedQueueHistory } from './demo-history.js';
import { queueTickets } from './schema.js';
import { callNext, createCounter, createService, finish, issueTicket, noShow, startServing, transfer } from './service.js';
import { monthRange, queueStats, serviceStatsItem } from './stats.js';

/**
 * Statistics from a small hand-made day of tickets with known times (Bangkok = UTC+7):
 *
 * Mon 2 Nov 2026                          wait  service  first counter  finished at (by)
 *   A001 09:00 kiosk   called 09:10 c1, serve 09:12, finish 09:20      10     8      1   c1 (s1)
 *   A002 09:05 front   called 09:21 c1, no-show 09:23                  16     –      1   –
 *   B001 09:10 kiosk   called 09:20 c2, finish 09:26 (never "serve")   10     6      2   c2 (s2)
 *   A003 10:00 kiosk   called 10:30 c1, serve 10:31, → B 10:35,
 *                      called 10:40 c2, serve 10:41, finish 10:51      30    10      1   c2 (s2)
 * Tue 3 Nov 2026
 *   B002 14:00 kiosk   called 14:03 c2, serve 14:04, finish 14:09       3     5      2   c2 (s2)
 *   A004 15:00 kiosk   never called                                     –     –      –   –
 * Outside the range: one ticket on 30 Oct and one on 4 Nov; the other organization: one on 2 Nov.
 */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let clock = new Date('2026-10-30T02:00:00Z');
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);

let s1: TestUser;
let s2: TestUser;
const actor = (o: TestOrg, userId: number, roles: Role[]): Actor => ({
  orgId: o.org.id,
  userId,
  username: `u${userId}`,
  displayName: `ผู้ใช้ ${userId}`,
  roles,
  mustChangePassword: false,
});
const as = (o: TestOrg, u: TestUser, roles: Role[]): ServiceContext => ({ ...o.ctx, actor: actor(o, u.userId, roles) });

let exec: ServiceContext;
let serviceA: number;
let serviceB: number;

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  s1 = await createTestUser(env, org, ['staff'], { firstName: 'สมชาย' });
  s2 = await createTestUser(env, org, ['staff'], { firstName: 'สมหญิง' });
  const e = await createTestUser(env, org, ['executive']);
  exec = as(org, e, ['executive']);
  const admin = org.ctx;
  const a = await createService(admin, { name: 'เบี้ยยังชีพ', prefix: 'A', alwaysOpen: true, sortOrder: 1 });
  const b = await createService(admin, { name: 'ภาษีที่ดิน', prefix: 'B', alwaysOpen: true, sortOrder: 2 });
  serviceA = a.id;
  serviceB = b.id;
  const c1 = await createCounter(admin, { number: 1, name: 'หนึ่ง', serviceIds: [a.id, b.id], staffUserId: s1.userId });
  const c2 = await createCounter(admin, { number: 2, name: 'สอง', serviceIds: [b.id], staffUserId: s2.userId });
  const st1 = as(org, s1, ['staff']);
  const st2 = as(org, s2, ['staff']);
  const issue = async (day: string, hhmm: string, serviceId: number, channel: 'kiosk' | 'front_desk' = 'kiosk', o: TestOrg = org) => {
    clock = at(day, hhmm);
    return (await issueTicket(o === org ? st1 : o.ctx, { serviceId, channel })).ticket;
  };
  const step = async <T>(day: string, hhmm: string, f: () => Promise<T>) => {
    clock = at(day, hhmm);
    return f();
  };
  // Outside the range, before.
  const early = await issue('2026-10-30', '09:00', a.id);
  await step('2026-10-30', '09:05', () => callNext(st1, c1.id));
  await step('2026-10-30', '09:50', () => finish(st1, early.id));
  // Monday.
  const d = '2026-11-02';
  const t1 = await issue(d, '09:00', a.id);
  const t2 = await issue(d, '09:05', a.id, 'front_desk');
  const t3 = await issue(d, '09:10', b.id);
  assert.equal((await step(d, '09:10', () => callNext(st1, c1.id))).id, t1.id);
  await step(d, '09:12', () => startServing(st1, t1.id));
  await step(d, '09:20', () => finish(st1, t1.id));
  assert.equal((await step(d, '09:20', () => callNext(st2, c2.id))).id, t3.id);
  assert.equal((await step(d, '09:21', () => callNext(st1, c1.id))).id, t2.id);
  await step(d, '09:23', () => noShow(st1, t2.id));
  await step(d, '09:26', () => finish(st2, t3.id));
  const t4 = await issue(d, '10:00', a.id);
  assert.equal((await step(d, '10:30', () => callNext(st1, c1.id))).id, t4.id);
  await step(d, '10:31', () => startServing(st1, t4.id));
  await step(d, '10:35', () => transfer(st1, t4.id, { serviceId: b.id, reason: 'ต้องชำระภาษีก่อน' }));
  assert.equal((await step(d, '10:40', () => callNext(st2, c2.id))).id, t4.id);
  await step(d, '10:41', () => startServing(st2, t4.id));
  await step(d, '10:51', () => finish(st2, t4.id));
  // Tuesday.
  const d2 = '2026-11-03';
  const t5 = await issue(d2, '14:00', b.id);
  assert.equal((await step(d2, '14:03', () => callNext(st2, c2.id))).id, t5.id);
  await step(d2, '14:04', () => startServing(st2, t5.id));
  await step(d2, '14:09', () => finish(st2, t5.id));
  await issue(d2, '15:00', a.id);
  // After the range, and another organization on the same day.
  await issue('2026-11-04', '09:00', a.id);
  const oa = await createService(other.ctx, { name: 'อื่น', prefix: 'A', alwaysOpen: true });
  await issue(d, '09:30', oa.id, 'kiosk', other);
  clock = at('2026-11-20', '12:00');
});

after(async () => {
  await env.close();
});

const RANGE = { from: '2026-11-02', to: '2026-11-03' };

describe('queueStats', () => {
  test('totals: counts, no-show rate, wait and service distributions (percentile_cont in SQL)', async () => {
    const s = await queueStats(exec, RANGE);
    assert.deepEqual(s.totals, {
      issued: 6,
      finished: 4,
      noShow: 1,
      noShowRate: 0.2,
      // waits 3, 10, 10, 16, 30: p90 = 16 + 0.6 × 14
      wait: { n: 5, mean: 13.8, median: 10, p90: 24.4 },
      // services 5, 6, 8, 10: mean 7.25, p90 = 8 + 0.7 × 2
      service: { n: 4, mean: 7.3, median: 7, p90: 9.4 },
    });
  });

  test('per service: a transferred ticket counts at the service it was finished at', async () => {
    const s = await queueStats(exec, RANGE);
    const [a, b] = s.byService;
    assert.deepEqual(a, {
      serviceId: serviceA,
      prefix: 'A',
      name: 'เบี้ยยังชีพ',
      issued: 3,
      finished: 1,
      noShow: 1,
      wait: { n: 2, mean: 13, median: 13, p90: 15.4 },
      service: { n: 1, mean: 8, median: 8, p90: 8 },
    });
    assert.deepEqual(b, {
      serviceId: serviceB,
      prefix: 'B',
      name: 'ภาษีที่ดิน',
      issued: 3,
      finished: 3,
      noShow: 0,
      wait: { n: 3, mean: 14.3, median: 10, p90: 26 },
      service: { n: 3, mean: 7, median: 6, p90: 9.2 },
    });
  });

  test('per counter (wait where first called, service where finished) and per staff member (who finished)', async () => {
    const s = await queueStats(exec, RANGE);
    assert.deepEqual(
      s.byCounter.map((c) => [c.number, c.finished, c.wait, c.service]),
      [
        [1, 1, { n: 3, mean: 18.7, median: 16, p90: 27.2 }, { n: 1, mean: 8, median: 8, p90: 8 }],
        [2, 3, { n: 2, mean: 6.5, median: 6.5, p90: 9.3 }, { n: 3, mean: 7, median: 6, p90: 9.2 }],
      ],
    );
    assert.deepEqual(
      s.byStaff.map((x) => [x.userId, x.name.includes('สมหญิง') || x.name.includes('สมชาย'), x.finished, x.service.mean]),
      [
        [s2.userId, true, 3, 7],
        [s1.userId, true, 1, 8],
      ],
    );
  });

  test('per day, weekday × hour (Bangkok time), channel; nothing from outside the range or another organization', async () => {
    const s = await queueStats(exec, RANGE);
    assert.deepEqual(s.byDay, [
      { day: '2026-11-02', issued: 4, finished: 3, noShow: 1 },
      { day: '2026-11-03', issued: 2, finished: 1, noShow: 0 },
    ]);
    assert.deepEqual(s.heatmap, [
      { weekday: 1, hour: 9, issued: 3 },
      { weekday: 1, hour: 10, issued: 1 },
      { weekday: 2, hour: 14, issued: 1 },
      { weekday: 2, hour: 15, issued: 1 },
    ]);
    assert.deepEqual(s.byChannel, [
      { channel: 'kiosk', issued: 5 },
      { channel: 'front_desk', issued: 1 },
    ]);
    const theirs = await queueStats({ ...other.ctx }, RANGE);
    assert.equal(theirs.totals.issued, 1);
    assert.deepEqual(
      theirs.byService.map((x) => x.name),
      ['อื่น'],
    );
  });

  test('a day with no tickets, a month, bad ranges', async () => {
    const empty = await queueStats(exec, { from: '2026-11-07', to: '2026-11-07' });
    assert.deepEqual(empty.totals, {
      issued: 0,
      finished: 0,
      noShow: 0,
      noShowRate: null,
      wait: { n: 0, mean: null, median: null, p90: null },
      service: { n: 0, mean: null, median: null, p90: null },
    });
    assert.deepEqual(monthRange(2026, 2), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(monthRange(2028, 2), { from: '2028-02-01', to: '2028-02-29' });
    const nov = await queueStats(exec, monthRange(2026, 11));
    assert.equal(nov.byDay.length, 30);
    assert.equal(nov.totals.issued, 7);
    for (const bad of [
      { from: '2026-11-31', to: '2026-11-31' },
      { from: '2026-11-05', to: '2026-11-01' },
      { from: '2026-01-01', to: '2027-12-31' },
      { from: "2026-11-01'; --", to: '2026-11-02' },
    ]) {
      await assert.rejects(queueStats(exec, bad), (e: unknown) => e instanceof AppError && e.status === 422);
    }
  });

  test('who may read: executives, division heads, the ITA coordinator, admins; not a plain staff member, not the public', async () => {
    for (const role of ['executive', 'division_head', 'ita_coordinator', 'admin'] as Role[]) {
      await queueStats({ ...org.ctx, actor: actor(org, s1.userId, [role]) }, RANGE);
    }
    for (const roles of [['staff'], ['front_desk']] as Role[][]) {
      await assert.rejects(
        queueStats({ ...org.ctx, actor: actor(org, s1.userId, roles) }, RANGE),
        (e: unknown) => e instanceof AppError && e.status === 403,
      );
    }
    await assert.rejects(queueStats({ ...org.ctx, actor: null }, RANGE), (e: unknown) => e instanceof AppError && e.status === 401);
  });
});

describe('the statistics page, downloads and API', () => {
  test('an executive sees the day and the month, on the page, as PDF and XLSX, and through the API', async () => {
    const { browser } = await signedIn(env, org, ['executive']);
    const res = await browser.get('/staff/queue/stats?period=day&day=2026-11-02');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /queue-stats\.css/);
    assert.match(html, /เบี้ยยังชีพ/);
    assert.match(html, /<caption>จำนวนบัตรคิวตามวันและชั่วโมง/);
    const month = await browser.get('/staff/queue/stats?period=month&month=2026-11');
    assert.equal(month.status, 200);
    const pdf = await browser.get('/staff/queue/stats/download?format=pdf&period=month&month=2026-11');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5)), '%PDF-');
    const xlsx = await browser.get('/staff/queue/stats/download?format=xlsx&period=day&day=2026-11-02');
    assert.equal(xlsx.status, 200);
    const sheets = await readXlsx(Buffer.from(await xlsx.arrayBuffer()));
    const services = [...sheets.values()][1] ?? [];
    const row = services.find((r) => r[0] === 'A');
    assert.deepEqual(row?.slice(0, 5), ['A', 'เบี้ยยังชีพ', 2, 1, 1]);
    const api = await browser.get('/api/queue/stats?period=range&from=2026-11-02&to=2026-11-03');
    assert.equal(api.status, 200);
    const body = (await api.json()) as { totals: { issued: number; wait: { p90: number } } };
    assert.equal(body.totals.issued, 6);
    assert.equal(body.totals.wait.p90, 24.4);
    const apiDay = (await (await browser.get('/api/queue/stats?period=day&day=2026-11-03')).json()) as { totals: { issued: number } };
    assert.equal(apiDay.totals.issued, 2);
  });

  test('bad input: a 422 page naming the field; the API answers 422 with the field', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const res = await browser.get('/staff/queue/stats?period=month&month=2026-13');
    assert.equal(res.status, 422);
    assert.match(await res.text(), /กรุณาระบุเดือนให้ถูกต้อง/);
    const day = await browser.get('/staff/queue/stats?period=day&day=yesterday');
    assert.equal(day.status, 422);
    const api = await browser.get('/api/queue/stats?period=range&from=2026-11-09&to=2026-11-01');
    assert.equal(api.status, 422);
    const err = (await api.json()) as { error: { fields: { field: string }[] } };
    assert.deepEqual(
      err.error.fields.map((f) => f.field),
      ['to'],
    );
  });

  test('a plain staff member, the public and another organization’s executive are refused', async () => {
    const { browser: staff } = await signedIn(env, org, ['staff', 'front_desk']);
    assert.equal((await staff.get('/staff/queue/stats')).status, 403);
    assert.equal((await staff.get('/staff/queue/stats/download?format=pdf')).status, 403);
    assert.equal((await staff.get('/api/queue/stats')).status, 403);
    const anon = await env.app.request(`http://${org.host}/api/queue/stats`);
    assert.equal(anon.status, 401);
    // Their session belongs to their organization: on ours it is no session at all.
    const { browser: theirs } = await signedIn(env, other, ['executive', 'admin']);
    const cookie = `prongsai_session=${theirs.cookie('prongsai_session')}`;
    const cross = await env.app.request(`http://${org.host}/api/queue/stats?period=day&day=2026-11-02`, { headers: { cookie } });
    assert.equal(cross.status, 401);
    const crossPage = await env.app.request(`http://${org.host}/staff/queue/stats`, { headers: { cookie } });
    assert.notEqual(crossPage.status, 200);
    // On their own host they see their own figures only.
    const own = (await (await theirs.get('/api/queue/stats?period=day&day=2026-11-02')).json()) as { totals: { issued: number } };
    assert.equal(own.totals.issued, 1);
  });
});

describe('publish as OIT evidence', () => {
  test('the coordinator publishes the month under the fiscal year’s service-statistics item; again only with a reason', async () => {
    assert.equal(serviceStatsItem(2567), 'o16');
    assert.equal(serviceStatsItem(2568), 'O11');
    assert.equal(serviceStatsItem(2570), 'O10');
    const { browser: execBrowser } = await signedIn(env, org, ['executive']);
    const refused = await execBrowser.post(
      '/staff/queue/stats/publish',
      { month: '2026-11' },
      { from: '/staff/queue/stats?period=month&month=2026-11' },
    );
    assert.equal(refused.status, 403);
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const from = '/staff/queue/stats?period=month&month=2026-11';
    const page = await browser.get(from);
    assert.match(await page.text(), /เผยแพร่เป็นหลักฐาน OIT/);
    const res = await browser.post('/staff/queue/stats/publish', { month: '2026-11' }, { from });
    assert.equal(res.status, 303);
    const rows = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'queue_stats_month')));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.fiscalYear, 2570);
    assert.equal(rows[0]?.itemCode, 'O10');
    assert.equal(rows[0]?.sourceId, '2026-11');
    assert.match(rows[0]?.title ?? '', /รายงานสถิติการให้บริการ ประจำเดือนพฤศจิกายน/);
    const audit = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'queue.publishStats')));
    assert.equal(audit.length, 1);
    // Again without a reason: 422 naming the field, nothing published.
    const again = await browser.post('/staff/queue/stats/publish', { month: '2026-11' }, { from });
    assert.equal(again.status, 422);
    assert.match(await again.text(), /กรุณาระบุเหตุผล/);
    const withReason = await browser.post('/staff/queue/stats/publish', { month: '2026-11', reason: 'ข้อมูลครบทั้งเดือนแล้ว' }, { from });
    assert.equal(withReason.status, 303);
    const after = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'queue_stats_month')));
    assert.equal(after.length, 2);
    assert.equal(after.filter((p) => p.supersededBy != null).length, 1);
    // A month not yet begun cannot be published.
    const future = await browser.post('/staff/queue/stats/publish', { month: '2027-01' }, { from });
    assert.equal(future.status, 422);
  });
});

describe('demo history', () => {
  test('weeks of office days: none on weekends or holidays, numbers matching the day counters, every finished ticket with its events', async () => {
    const demoEnv = await createTestEnv({ now: () => new Date('2026-11-20T05:00:00Z') });
    try {
      const o = await createTestOrg(demoEnv);
      const now = new Date('2026-11-20T05:00:00Z');
      // The demo seeds six weeks of history itself, after its holidays.
      const lines: string[] = [];
      await seedDemoQueue({ ctx: o.ctx, shared: new Map(), log: (l) => lines.push(l), password: () => 'x', now });
      assert.ok(
        lines.some((l) => /queue history: \d{4} tickets/.test(l)),
        lines.join('\n'),
      );
      // วันปิยมหาราช, Friday 23 October 2026, is a holiday of the demo: nobody took a number.
      const holiday = await queueStats(o.ctx, { from: '2026-10-23', to: '2026-10-23' });
      assert.equal(holiday.totals.issued, 0);
      // Seeding again over the same days would number tickets twice: it is refused by the database.
      await assert.rejects(seedQueueHistory(o.ctx, { days: 21, until: now }));
      const s = await queueStats(o.ctx, { from: '2026-10-30', to: '2026-11-19' });
      for (const d of s.byDay) {
        const w = new Date(`${d.day}T00:00:00Z`).getUTCDay();
        if (w === 0 || w === 6) assert.equal(d.issued, 0, d.day);
        else assert.ok(d.issued > 20, `${d.day}: ${d.issued}`);
      }
      const monday = s.byDay.filter((d) => new Date(`${d.day}T00:00:00Z`).getUTCDay() === 1);
      const friday = s.byDay.filter((d) => new Date(`${d.day}T00:00:00Z`).getUTCDay() === 5);
      const sum = (xs: { issued: number }[]) => xs.reduce((a, b) => a + b.issued, 0);
      assert.ok(sum(monday) > sum(friday), 'Mondays busier than Fridays');
      assert.ok(s.totals.noShow > 0 && s.totals.noShowRate !== null && s.totals.noShowRate < 0.15);
      assert.equal(s.totals.service.n, s.totals.finished);
      const morning = s.heatmap.filter((c) => c.hour >= 9 && c.hour < 11).reduce((a, b) => a + b.issued, 0);
      const lunch = s.heatmap.filter((c) => c.hour === 12).reduce((a, b) => a + b.issued, 0);
      assert.ok(morning > 3 * lunch, 'a morning peak and a lunch dip');
      const tickets = await demoEnv.services.db.select().from(queueTickets).where(eq(queueTickets.orgId, o.org.id));
      const seen = new Set<string>();
      for (const t of tickets) {
        const key = `${t.numberServiceId}|${t.day}|${t.number}`;
        assert.ok(!seen.has(key), `duplicate ${key}`);
        seen.add(key);
      }
      // Today stays live: the seed's waiting tickets still get numbers 1, 2, … and history none.
      assert.ok(tickets.every((t) => t.day < '2026-11-20' || t.status === 'issued'));
    } finally {
      await demoEnv.close();
    }
  });
});
