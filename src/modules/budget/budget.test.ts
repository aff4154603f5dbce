import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createDivision } from '../staff/service.js';
import { importPlan, type PlanFileLine, planFileXlsx } from './import.js';
import { budgetPlans } from './schema.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const clock = new Date('2024-04-20T10:00:00+07:00'); // FY 2567, fiscal month 7 (เมษายน)

const LINES: PlanFileLine[] = [
  {
    side: 'ด้านบริหารทั่วไป',
    program: 'แผนงานบริหารงานทั่วไป',
    work: 'งานบริหารทั่วไป',
    category: 'personnel',
    item: 'เงินเดือนพนักงานส่วนตำบล',
    division: 'สำนักปลัด',
    approvedSatang: 1_200_000_00,
    phases: [300_000_00, 300_000_00, 300_000_00, 300_000_00],
  },
  {
    side: 'ด้านบริหารทั่วไป',
    program: 'แผนงานบริหารงานทั่วไป',
    work: 'งานบริหารงานคลัง',
    category: 'operating',
    item: 'ค่าวัสดุสำนักงาน',
    division: 'กองคลัง',
    approvedSatang: 60_000_00,
    phases: [15_000_00, 15_000_00, 15_000_00, 15_000_00],
  },
  {
    side: 'ด้านเศรษฐกิจ',
    program: 'แผนงานอุตสาหกรรมและการโยธา',
    work: 'งานก่อสร้างโครงสร้างพื้นฐาน',
    category: 'investment',
    item: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3',
    division: null,
    approvedSatang: 500_000_00,
    phases: [0, 0, 500_000_00, 0],
  },
];

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  await createDivision(org.ctx, { name: 'สำนักปลัด' });
  await createDivision(org.ctx, { name: 'กองคลัง' });
  await importPlan(org.ctx, { fiscalYear: 2567, bytes: await planFileXlsx(LINES, 'quarter'), fileName: 'plan.xlsx' });
});
after(() => env.close());

const linesOf = async (o = org) => {
  const p = await svc.getPlan(o.ctx, 2567);
  assert.ok(p);
  return p.lines;
};

describe('budget service', () => {
  test('getPlan / planProgressOf: lines with disbursements by month; progress through a month; null for no plan', async () => {
    const [salary, supplies] = await linesOf();
    assert.ok(salary && supplies);
    await svc.recordDisbursements(org.ctx, 2567, [
      { lineId: salary.id, month: 1, amountSatang: 100_000_00 },
      { lineId: salary.id, month: 2, amountSatang: 100_000_00 },
      { lineId: salary.id, month: 3, amountSatang: 100_000_00 },
      { lineId: supplies.id, month: 2, amountSatang: 4_321_09 },
    ]);
    const p = await svc.planProgressOf(org.ctx, 2567, 3);
    assert.ok(p);
    assert.deepEqual(p.lines[0]?.disbursedByMonth, [100_000_00, 100_000_00, 100_000_00, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(p.lines[0]?.recordedMonths, [1, 2, 3]);
    assert.equal(p.progress.total.approvedSatang, 1_760_000_00);
    assert.equal(p.progress.total.plannedToDateSatang, 315_000_00);
    assert.equal(p.progress.total.disbursedToDateSatang, 304_321_09);
    assert.equal(p.progress.total.varianceSatang, 304_321_09 - 315_000_00);
    assert.equal(await svc.getPlan(org.ctx, 2570), null);
    assert.equal(await svc.planProgressOf(other.ctx, 2567, 6), null, "another organization does not see this one's plan");
    assert.deepEqual(
      (await svc.listPlans(org.ctx)).map((x) => [x.fiscalYear, x.lineCount]),
      [[2567, 3]],
    );
  });

  test('publicOnly: nothing until the plan is published; then readable without a signed-in actor', async () => {
    const anon = { ...org.ctx, actor: null };
    assert.equal(await svc.getPlan(anon, 2567, { publicOnly: true }), null);
    await assert.rejects(svc.getPlan(anon, 2567), /unauthorized/);
    assert.deepEqual(await svc.listPlans(anon, { publicOnly: true }), []);
    await env.services.db.update(budgetPlans).set({ publishedAt: clock }).where(eq(budgetPlans.orgId, org.org.id));
    assert.equal((await svc.getPlan(anon, 2567, { publicOnly: true }))?.lines.length, 3);
    assert.equal((await svc.listPlans(anon, { publicOnly: true })).length, 1);
    await env.services.db.update(budgetPlans).set({ publishedAt: null }).where(eq(budgetPlans.orgId, org.org.id));
  });

  test('endedMonths / currentFiscalMonth follow the Bangkok calendar', () => {
    assert.equal(svc.currentFiscalMonth(2567, new Date('2023-10-01T00:30:00+07:00')), 1);
    assert.equal(svc.currentFiscalMonth(2567, new Date('2023-09-30T23:30:00+07:00')), 0);
    assert.equal(svc.currentFiscalMonth(2567, new Date('2024-09-30T16:59:00Z')), 12);
    assert.equal(svc.currentFiscalMonth(2567, new Date('2024-09-30T17:00:00Z')), 13);
    assert.equal(svc.endedMonths(2567, new Date('2024-04-20T10:00:00+07:00')), 6);
    assert.equal(svc.endedMonths(2567, new Date('2025-01-01T10:00:00+07:00')), 12);
    assert.equal(svc.endedMonths(2568, new Date('2024-04-20T10:00:00+07:00')), 0);
  });

  test('recordDisbursements refuses a future month, over the budget (with the figures), twice, negative; nothing written', async () => {
    const [salary, supplies, road] = await linesOf();
    assert.ok(salary && supplies && road);
    const before = await linesOf();
    const refused = async (entries: svc.DisbursementInput[], message: string) => {
      const err = await svc.recordDisbursements(org.ctx, 2567, entries).catch((e: unknown) => e);
      assert.equal((err as { status?: number }).status, 422, String(err));
      const fields = (err as { fields: { message: string; params?: Record<string, unknown> }[] }).fields;
      assert.ok(
        fields.some((f) => f.message === message),
        JSON.stringify(fields),
      );
      assert.deepEqual(await linesOf(), before, 'nothing written');
      return fields;
    };
    await refused([{ lineId: supplies.id, month: 8, amountSatang: 1 }], 'budget.errors.futureMonth');
    const over = await refused(
      [
        { lineId: road.id, month: 6, amountSatang: 300_000_00 },
        { lineId: road.id, month: 7, amountSatang: 200_000_01 },
      ],
      'budget.errors.overApproved',
    );
    assert.deepEqual(over[0]?.params, {
      item: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3',
      total: '500,000.01',
      approved: '500,000.00',
      over: '0.01',
    });
    await refused(
      [
        { lineId: road.id, month: 6, amountSatang: 1 },
        { lineId: road.id, month: 6, amountSatang: 2 },
      ],
      'budget.errors.twice',
    );
    await refused([{ lineId: road.id, month: 6, amountSatang: -1 }], 'budget.errors.amount');
    await refused([{ lineId: road.id, month: 13, amountSatang: 1 }], 'budget.errors.month');
    // Exactly the approved amount is fine; recording a month again replaces it (the total counts the new amount).
    await svc.recordDisbursements(org.ctx, 2567, [{ lineId: road.id, month: 7, amountSatang: 500_000_00 }]);
    await svc.recordDisbursements(org.ctx, 2567, [{ lineId: road.id, month: 7, amountSatang: 499_000_00 }]);
    assert.equal((await linesOf())[2]?.disbursedByMonth[6], 499_000_00);
    // A line of another organization is no line here.
    await assert.rejects(
      svc.recordDisbursements(other.ctx, 2567, [{ lineId: road.id, month: 1, amountSatang: 1 }]),
      /not_found|notFound|Not found/i,
    );
  });

  test('permissions: plain staff read but cannot record; signed out cannot read', async () => {
    const staff = { ...org.ctx, actor: { ...(org.ctx.actor as NonNullable<typeof org.ctx.actor>), roles: ['staff' as const] } };
    assert.ok(await svc.getPlan(staff, 2567));
    const [salary] = await linesOf();
    await assert.rejects(svc.recordDisbursements(staff, 2567, [{ lineId: salary?.id ?? 0, month: 4, amountSatang: 1 }]), /forbidden/);
    await assert.rejects(svc.getPlan({ ...org.ctx, actor: null }, 2567), /unauthorized/);
  });
});

describe('budget staff pages', () => {
  test('the plan page: classification rows with subtotals, totals, filters, through month; empty state leads to the import', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const res = await browser.get('/staff/budget?fy=2567');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2567/);
    assert.match(html, /<th scope="rowgroup" colspan="2">ด้านบริหารทั่วไป<\/th><td class="num">1,260,000.00<\/td>/);
    assert.match(html, /<th scope="rowgroup" colspan="2">งบลงทุน<\/th><td class="num">500,000.00<\/td>/);
    assert.match(html, /รวมทั้งสิ้น<\/th><td class="num">1,760,000.00<\/td>/);
    assert.match(html, /ข้อมูลการเบิกจ่ายถึงสิ้นเดือนเมษายน/);
    assert.doesNotMatch(html, /\/staff\/budget\/disburse/, 'plain staff get no record link');
    const filtered = await (await browser.get('/staff/budget?fy=2567&category=investment')).text();
    assert.match(filtered, /แสดง 1 จาก 3 รายการ/);
    assert.doesNotMatch(filtered, /ค่าวัสดุสำนักงาน<\/th>/);
    const byDivision = await (await browser.get('/staff/budget?fy=2567&division=none')).text();
    assert.match(byDivision, /แสดง 1 จาก 3 รายการ/);
    const through3 = await (await browser.get('/staff/budget?fy=2567&through=3')).text();
    assert.match(through3, /ข้อมูลการเบิกจ่ายถึงสิ้นเดือนธันวาคม/);
    assert.equal((await browser.get('/staff/budget?fy=2567&through=9')).status, 404, 'a month not yet come');
    assert.equal((await browser.get('/staff/budget?fy=abcd')).status, 404);
    const empty = await (await browser.get('/staff/budget?fy=2566')).text();
    assert.match(empty, /ยังไม่มีแผนการใช้จ่ายงบประมาณของปีนี้/);
    assert.match(empty, /template.xlsx\?phasing=quarter/);
    const head = (await signedIn(env, org, ['division_head'])).browser;
    assert.match(await (await head.get('/staff/budget?fy=2566')).text(), /\/staff\/budget\/import\?fy=2566/);
    assert.notEqual((await new TestBrowser(env, org.host).get('/staff/budget?fy=2567')).status, 200);
    const en = await (await browser.get('/staff/budget?fy=2567', { 'accept-language': 'en' })).text();
    assert.ok(en.length > 0);
  });

  test('the month form records many lines in one command; bad amounts are named, values kept, nothing written', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const lines = await linesOf();
    const [salary, supplies, road] = lines;
    assert.ok(salary && supplies && road);
    const path = '/staff/budget/disburse?fy=2567&month=4';
    const page = await browser.get(path);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /บันทึกการเบิกจ่าย เดือนมกราคม 2567/);
    assert.match(html, new RegExp(`name="amount-${salary.id}-4"`));

    const bad = await browser.post(path, { [`amount-${salary.id}-4`]: '100,000', [`amount-${supplies.id}-4`]: 'สามพัน' });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /จำนวนเงินของ &quot;ค่าวัสดุสำนักงาน&quot; ไม่ถูกต้อง|จำนวนเงินของ "ค่าวัสดุสำนักงาน" ไม่ถูกต้อง/);
    assert.match(badHtml, /value="สามพัน"/);
    assert.deepEqual(await linesOf(), lines);

    const over = await browser.post(path, { [`amount-${supplies.id}-4`]: '60,000' });
    assert.equal(over.status, 422);
    assert.match(await over.text(), /เกินงบประมาณ 60,000.00 บาท อยู่ 4,321.09 บาท/);

    const auditBefore = await auditCount();
    const ok = await browser.post(path, {
      [`amount-${salary.id}-4`]: '100,000',
      [`amount-${supplies.id}-4`]: '0',
      [`amount-${road.id}-4`]: '',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/staff/budget?fy=2567');
    assert.equal(await auditCount(), auditBefore + 1, 'one command');
    const after = await linesOf();
    assert.equal(after[0]?.disbursedByMonth[3], 100_000_00);
    assert.deepEqual(after[1]?.recordedMonths, [2, 4], 'a 0 is recorded');
    assert.deepEqual(after[2]?.recordedMonths, [7], 'a blank is not');

    assert.equal((await browser.get('/staff/budget/disburse?fy=2567&month=8')).status, 404, 'future month');
    const staff = (await signedIn(env, org, ['staff'])).browser;
    assert.equal((await staff.get(path)).status, 403);
    const stranger = (await signedIn(env, other, ['admin'])).browser;
    assert.equal((await stranger.get(path)).status, 404, 'another organization has no plan');
  });
});

const auditCount = async () => {
  const { auditLog } = await import('../../core/audit/schema.js');
  return (await env.services.db.select().from(auditLog).where(eq(auditLog.orgId, org.org.id))).length;
};

describe('budget API', () => {
  test('budget.getPlan, budget.recordDisbursement, budget.importPlan (bearer token); 404 / 403 / 422', async () => {
    const token = async (o: TestOrg, roles: Parameters<typeof createTestUser>[2]) => {
      const user = await createTestUser(env, o, roles);
      const login = await env.app.request(`http://${o.host}/api/auth/login`, {
        method: 'POST',
        headers: { host: o.host, 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: user.password }),
      });
      return ((await login.json()) as { token: string }).token;
    };
    const head = await token(org, ['division_head']);
    const call = (path: string, t: string, init: { method?: string; json?: unknown; body?: FormData } = {}, o = org) =>
      env.app.request(`http://${o.host}/api${path}`, {
        method: init.method ?? 'GET',
        headers: { host: o.host, authorization: `Bearer ${t}`, ...(init.json ? { 'content-type': 'application/json' } : {}) },
        body: init.json ? JSON.stringify(init.json) : init.body,
      });
    const got = await call('/budget/plan?fy=2567&through=6', head);
    assert.equal(got.status, 200);
    const plan = (await got.json()) as {
      throughMonth: number;
      total: { approvedSatang: number; disbursedToDateSatang: number };
      lines: { id: number; item: string; disbursedByMonth: number[]; phases: number[]; divisionName: string | null }[];
    };
    assert.equal(plan.throughMonth, 6);
    assert.equal(plan.total.approvedSatang, 1_760_000_00);
    assert.equal(plan.lines.length, 3);
    assert.equal(plan.lines[1]?.divisionName, 'กองคลัง');
    assert.equal((await call('/budget/plan?fy=2560', head)).status, 404);
    assert.equal((await call('/budget/plan?fy=abc', head)).status, 422);

    const road = plan.lines[2];
    assert.ok(road);
    const rec = await call('/budget/disbursements', head, {
      method: 'POST',
      json: { fiscalYear: 2567, entries: [{ lineId: road.id, month: 5, amountSatang: 1_000_00 }] },
    });
    assert.equal(rec.status, 200);
    assert.deepEqual(await rec.json(), { changed: 1, fiscalYear: 2567, month: 5 });
    const neg = await call('/budget/disbursements', head, {
      method: 'POST',
      json: { fiscalYear: 2567, entries: [{ lineId: road.id, month: 5, amountSatang: -5 }] },
    });
    assert.equal(neg.status, 422);
    const float = await call('/budget/disbursements', head, {
      method: 'POST',
      json: { fiscalYear: 2567, entries: [{ lineId: road.id, month: 5, amountSatang: 10.5 }] },
    });
    assert.equal(float.status, 422);

    const form = new FormData();
    form.append('fy', '2568');
    form.append('file', new File([await planFileXlsx(LINES, 'quarter')], 'plan.xlsx'));
    const imported = await call('/budget/plan/import', head, { method: 'POST', body: form });
    assert.equal(imported.status, 201);
    assert.deepEqual(await imported.json(), {
      planId: (await svc.getPlan(org.ctx, 2568))?.plan.id,
      fiscalYear: 2568,
      phasing: 'quarter',
      totalSatang: 1_760_000_00,
      lineCount: 3,
      kept: 0,
      added: 3,
      removed: 0,
    });
    const badForm = new FormData();
    badForm.append('fy', '2569');
    badForm.append('file', new File([new TextEncoder().encode('ด้าน,แผนงาน\nก,ข\n')], 'plan.csv'));
    const bad = await call('/budget/plan/import', head, { method: 'POST', body: badForm });
    assert.equal(bad.status, 422);
    const body = (await bad.json()) as { error: { fields: { field: string; message: string }[] } };
    assert.ok(
      body.error.fields.some((f) => f.field === 'row 1, งบ' && /ไม่พบคอลัมน์นี้/.test(f.message)),
      JSON.stringify(body),
    );

    const plain = await token(org, ['staff']);
    assert.equal((await call('/budget/plan?fy=2567', plain)).status, 200);
    assert.equal(
      (
        await call('/budget/disbursements', plain, {
          method: 'POST',
          json: { fiscalYear: 2567, entries: [{ lineId: road.id, month: 5, amountSatang: 1 }] },
        })
      ).status,
      403,
    );
    const stranger = await token(other, ['admin']);
    assert.equal((await call('/budget/plan?fy=2567', stranger, {}, other)).status, 404);
    assert.equal(
      (
        await call(
          '/budget/disbursements',
          stranger,
          { method: 'POST', json: { fiscalYear: 2567, entries: [{ lineId: road.id, month: 5, amountSatang: 1 }] } },
          other,
        )
      ).status,
      404,
    );
  });
});

describe('budget demo', () => {
  test('seeds FY 2567 (about 48 million baht, personnel under 40 %, every month recorded, roads late) and FY 2570 (Oct–Nov)', async () => {
    const { seedDemo } = await import('./demo.js');
    const fresh = await createTestOrg(env);
    const keys = ['office', 'finance', 'works', 'education'] as const;
    const names = ['สำนักปลัด', 'กองคลัง', 'กองช่าง', 'กองการศึกษา ศาสนาและวัฒนธรรม'];
    const ids = new Map<string, number>();
    for (const [i, k] of keys.entries()) ids.set(k, await createDivision(fresh.ctx, { name: names[i] ?? k }));
    const shared = new Map<string, unknown>([['staff.divisions', ids]]);
    const demoNow = new Date('2026-11-26T10:00:00+07:00');
    await seedDemo({ ctx: fresh.ctx, shared, log: () => {}, password: () => 'x', now: demoNow });
    const p = await svc.planProgressOf(fresh.ctx, 2567, 12);
    assert.ok(p);
    const total = p.plan.totalSatang;
    assert.ok(total >= 40_000_000_00 && total <= 60_000_000_00, String(total));
    assert.ok(p.lines.length >= 40 && p.lines.length <= 60);
    const personnel = p.progress.byCategory.find((c) => c.category === 'personnel')?.approvedSatang ?? 0;
    assert.ok(personnel * 100 >= total * 35 && personnel * 100 <= total * 40, `personnel ${personnel / total}`);
    assert.ok(
      p.lines.every((l) => l.divisionId != null),
      'every line has its division',
    );
    // Every quarter has disbursements; most lines at 90–98 % or more; the late roads below half by June.
    assert.ok(p.progress.total.disbursedByQuarter.every((q) => q > 0));
    const shares = p.progress.lines.map((l) => (l.disbursedBp ?? 0) / 100);
    assert.ok(shares.filter((s) => s >= 90).length >= p.lines.length * 0.8);
    const road = p.progress.lines.find((l) => l.item.includes('สายบ้านลูโบะปือซา'));
    assert.ok(road);
    assert.ok(road.disbursedByQuarter.slice(0, 3).every((q) => q === 0) && (road.disbursedBp ?? 0) < 5000);
    const months = new Set(p.lines.flatMap((l) => l.recordedMonths));
    assert.equal(months.size, 12);
    const now = await svc.getPlan(fresh.ctx, 2570);
    assert.ok(now);
    assert.equal(now.plan.phasing, 'month');
    assert.deepEqual([...new Set(now.lines.flatMap((l) => l.recordedMonths))].sort(), [1, 2]);
    assert.equal(shared.get('budget.plan2567'), p.plan.id);
    assert.equal(shared.get('budget.plan2570'), now.plan.id);
  });
});
