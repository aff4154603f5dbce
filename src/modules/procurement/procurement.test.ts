import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { systemActor } from '../../core/auth/roles.js';
import { ValidationError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { publications } from '../publications/schema.js';
import { seedDemoStaff } from '../staff/demo.js';
import { fy2567Inputs, seedDemo, taxIdFrom } from './demo.js';
import { listProcurements } from './list.js';
import { procurements } from './schema.js';
import * as svc from './service.js';
import type { ProcurementInput } from './types.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-03-20T10:00:00+07:00'); // FY 2567

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

const TAX = taxIdFrom('010555012345');
const TAX2 = taxIdFrom('010555054321');
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const base = (over: Partial<ProcurementInput> = {}): ProcurementInput => ({
  fiscalYear: 2567,
  title: 'ซื้อวัสดุสำนักงาน',
  category: 'goods',
  method: 'specific',
  budgetSatang: 2_500_000,
  ...over,
});

const fields = (input: ProcurementInput, fy?: number) => svc.validateProcurement(input, fy).map((e) => `${e.field}:${e.message}`);

describe('validateProcurement', () => {
  test('a planned procurement needs only title, category, method and budget', () => {
    assert.deepEqual(fields(base()), []);
    assert.deepEqual(fields(base({ title: '  ', category: 'x' as never, method: '' as never, budgetSatang: -1 })), [
      'title:core.validation.required',
      'category:core.validation.choose',
      'method:core.validation.choose',
      'budgetSatang:procurement.errors.amount',
    ]);
    assert.deepEqual(fields(base({ budgetSatang: 1.5 })), ['budgetSatang:procurement.errors.amount']);
    assert.deepEqual(fields(base(), 2568), ['fiscalYear:procurement.errors.otherYear']);
  });

  test('tax ids: 13 digits with the check digit', () => {
    assert.ok(svc.isThaiTaxId('1101700207030'));
    assert.ok(!svc.isThaiTaxId('1101700207031'));
    assert.ok(!svc.isThaiTaxId('110170020703'));
    assert.ok(svc.isThaiTaxId(TAX));
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 9 }), (stem, d) => {
        const good = taxIdFrom(stem);
        assert.ok(svc.isThaiTaxId(good));
        const wrong = `${stem}${d}`;
        assert.equal(svc.isThaiTaxId(wrong), wrong === good);
      }),
    );
    assert.deepEqual(fields(base({ winnerTaxId: '1234567890123' })), ['winnerTaxId:procurement.errors.taxId']);
    assert.deepEqual(
      fields(base({ winnerTaxId: `${TAX.slice(0, 1)}-${TAX.slice(1, 5)}-${TAX.slice(5, 10)}-${TAX.slice(10, 12)}-${TAX.slice(12)}` })),
      [],
    );
  });

  test('agreed price above the budget needs a note; dates not before the year; award and contract in order', () => {
    const awarded = base({ status: 'awarded', winnerName: 'ร้าน ก', agreedPriceSatang: 2_600_000, awardedOn: '2024-01-10' });
    assert.deepEqual(fields(awarded), ['note:procurement.errors.overBudget']);
    assert.deepEqual(fields({ ...awarded, note: 'ราคาวัสดุปรับขึ้น อนุมัติเพิ่มวงเงินแล้ว' }), []);
    assert.deepEqual(fields(base({ contractDate: '2023-09-30' })), ['contractDate:procurement.errors.beforeYear']);
    assert.deepEqual(fields(base({ contractDate: '2023-10-01' })), []);
    assert.deepEqual(fields(base({ contractDate: '2024-02-30' })), ['contractDate:procurement.errors.date']);
    assert.deepEqual(fields(base({ announcedOn: '2024-01-10', awardedOn: '2024-01-09' })), [
      'awardedOn:procurement.errors.awardBeforeAnnounce',
    ]);
    assert.deepEqual(fields(base({ awardedOn: '2024-01-10', contractDate: '2024-01-09' })), [
      'contractDate:procurement.errors.contractBeforeAward',
    ]);
  });

  test('each status needs its facts; cancelled needs a reason', () => {
    assert.deepEqual(fields(base({ status: 'awarded' })), [
      'winnerName:procurement.errors.winnerRequired',
      'agreedPriceSatang:procurement.errors.agreedRequired',
    ]);
    assert.deepEqual(fields(base({ status: 'contracted', winnerName: 'ร้าน ก', agreedPriceSatang: 100 })), [
      'contractDate:procurement.errors.contractDateRequired',
    ]);
    assert.deepEqual(fields(base({ status: 'cancelled' })), ['cancelReason:procurement.errors.cancelReasonRequired']);
    assert.deepEqual(fields(base({ status: 'nope' as never })), ['status:core.validation.choose']);
  });

  test('the winner is one of the bidders when bidders are given; each bid checked', () => {
    const bids = [
      { bidderName: 'ร้าน ก', priceSatang: 2_400_000, taxId: TAX },
      { bidderName: 'ร้าน ข', priceSatang: 2_450_000 },
    ];
    assert.deepEqual(fields(base({ winnerName: 'ร้าน ก', bids })), []);
    assert.deepEqual(fields(base({ winnerName: 'ร้าน ค', bids })), ['winnerName:procurement.errors.winnerNotBidder']);
    assert.deepEqual(fields(base({ bids: [{ bidderName: '', priceSatang: -5, taxId: '123' }] })), [
      'bids.0.bidderName:core.validation.required',
      'bids.0.taxId:procurement.errors.taxId',
      'bids.0.priceSatang:procurement.errors.amount',
    ]);
  });

  test('status moves go forward only; cancelled from anything but completed; nothing leaves cancelled or completed', () => {
    assert.ok(svc.canMove('planned', 'contracted'));
    assert.ok(svc.canMove('announced', 'cancelled'));
    assert.ok(!svc.canMove('awarded', 'announced'));
    assert.ok(!svc.canMove('completed', 'cancelled'));
    assert.ok(!svc.canMove('cancelled', 'planned'));
    assert.deepEqual(svc.nextStatuses('awarded'), ['awarded', 'contracted', 'completed', 'cancelled']);
  });
});

describe('procurement service', () => {
  test('create with bids, update through the statuses, bids added and removed; audited; other organizations see 404', async () => {
    const p = await svc.createProcurement(
      org.ctx,
      base({
        method: 'selection',
        budgetSatang: 48_000_000,
        bids: [{ bidderName: 'หจก.ลูโบะก่อสร้าง', taxId: TAX, priceSatang: 45_000_000 }],
      }),
    );
    assert.equal(p.status, 'planned');
    const { bids } = await svc.getProcurement(org.ctx, p.id);
    assert.equal(bids.length, 1);
    await svc.addBid(org.ctx, p.id, { bidderName: 'บริษัท ตากใบวิศวกรรม จำกัด', taxId: TAX2, priceSatang: 46_500_000 });
    await assert.rejects(svc.addBid(org.ctx, p.id, { bidderName: 'หจก.ลูโบะก่อสร้าง', priceSatang: 1 }), (e) => e instanceof ValidationError);
    const input = { ...base({ method: 'selection', budgetSatang: 48_000_000 }) };
    await svc.updateProcurement(org.ctx, p.id, { ...input, status: 'announced', announcedOn: '2024-01-05' });
    // The winner must be among the bidders.
    await assert.rejects(
      svc.updateProcurement(org.ctx, p.id, {
        ...input,
        status: 'awarded',
        announcedOn: '2024-01-05',
        winnerName: 'ร้านอื่น',
        agreedPriceSatang: 45_000_000,
      }),
      (e) =>
        e instanceof ValidationError &&
        e.fields.some((f) => f.field === 'winnerName' && f.message === 'procurement.errors.winnerNotBidder'),
    );
    const contracted = await svc.updateProcurement(org.ctx, p.id, {
      ...input,
      status: 'contracted',
      announcedOn: '2024-01-05',
      awardedOn: '2024-01-20',
      winnerName: 'หจก.ลูโบะก่อสร้าง',
      winnerTaxId: TAX,
      agreedPriceSatang: 45_000_000,
      contractNo: 'จ 5/2567',
      contractDate: '2024-01-25',
    });
    assert.equal(contracted.status, 'contracted');
    // Back is refused, the row unchanged.
    await assert.rejects(
      svc.updateProcurement(org.ctx, p.id, { ...input, status: 'announced', announcedOn: '2024-01-05' }),
      (e) => e instanceof ValidationError && e.fields.some((f) => f.message === 'procurement.errors.statusMove'),
    );
    const detail = await svc.getProcurement(org.ctx, p.id);
    assert.equal(detail.procurement.status, 'contracted');
    // The winner's bid cannot go while it is the winner; the other can.
    const winnerBid = detail.bids.find((b) => b.bidderName === 'หจก.ลูโบะก่อสร้าง');
    const otherBid = detail.bids.find((b) => b.bidderName !== 'หจก.ลูโบะก่อสร้าง');
    await assert.rejects(svc.removeBid(org.ctx, p.id, winnerBid?.id ?? 0), (e) => (e as { status?: number }).status === 409);
    await svc.removeBid(org.ctx, p.id, otherBid?.id ?? 0);
    const after = await svc.getProcurement(org.ctx, p.id);
    assert.equal(after.bids.length, 1);
    assert.deepEqual(
      after.history.map((h) => h.action),
      ['procurement.removeBid', 'procurement.update', 'procurement.update', 'procurement.addBid', 'procurement.create'],
    );
    // Another organization: not found, for reads and writes.
    await assert.rejects(svc.getProcurement(other.ctx, p.id), (e) => (e as { status?: number }).status === 404);
    await assert.rejects(
      svc.addBid(other.ctx, p.id, { bidderName: 'x', priceSatang: 1 }),
      (e) => (e as { status?: number }).status === 404,
    );
    await assert.rejects(svc.updateProcurement(other.ctx, p.id, input), (e) => (e as { status?: number }).status === 404);
  });

  test('insertProcurements: all or nothing, rows named; a division of another organization is refused', async () => {
    const before = await env.services.db.select().from(procurements).where(eq(procurements.orgId, org.org.id));
    await assert.rejects(
      svc.createProcurement(org.ctx, base({ divisionId: 999_999 })),
      (e) => e instanceof ValidationError && e.fields[0]?.field === 'divisionId',
    );
    const { runCommand } = await import('../../core/command.js');
    await assert.rejects(
      runCommand(org.ctx, { action: 'procurement.import', allowed: true }, async (tx, _t, txCtx) => {
        const rows = await svc.insertProcurements(tx, txCtx, [base(), base({ title: '' })]);
        return { result: rows, entity: 'procurement', summary: 'x' };
      }),
      (e) => e instanceof ValidationError && e.fields.map((f) => f.field).join() === 'rows.1.title',
    );
    const afterRows = await env.services.db.select().from(procurements).where(eq(procurements.orgId, org.org.id));
    assert.equal(afterRows.length, before.length);
  });

  test('permissions: staff read, only admin and division heads write; signed-out nothing', async () => {
    const staff = { ...org.ctx, actor: { ...systemActor(org.org.id, 's'), userId: 1, roles: ['staff' as const] } };
    const ita = { ...org.ctx, actor: { ...systemActor(org.org.id, 'i'), userId: 1, roles: ['ita_coordinator' as const] } };
    const head = { ...org.ctx, actor: { ...systemActor(org.org.id, 'h'), userId: 1, roles: ['division_head' as const] } };
    await assert.rejects(svc.createProcurement(staff, base()), (e) => (e as { status?: number }).status === 403);
    await assert.rejects(svc.createProcurement(ita, base()), (e) => (e as { status?: number }).status === 403);
    await assert.rejects(svc.createProcurement({ ...org.ctx, actor: null }, base()), (e) => (e as { status?: number }).status === 401);
    const p = await svc.createProcurement(head, base());
    assert.equal((await svc.getProcurement(staff, p.id)).procurement.id, p.id);
    await assert.rejects(svc.getProcurement({ ...org.ctx, actor: null }, p.id), (e) => (e as { status?: number }).status === 401);
    await assert.rejects(svc.addBid(staff, p.id, { bidderName: 'x', priceSatang: 1 }), (e) => (e as { status?: number }).status === 403);
  });

  test('notices: a PDF published in the log under the OIT item (plan → procurement-plan, others → notices); bad input named', async () => {
    const p = await svc.createProcurement(
      org.ctx,
      base({ title: 'ก่อสร้างถนน', category: 'works', method: 'e_bidding', budgetSatang: 245_000_000 }),
    );
    const bad = await svc
      .addNotice(org.ctx, {
        fiscalYear: 2567,
        procurementId: p.id,
        kind: 'invitation',
        title: '',
        noticeDate: '2024-04-01',
        bytes: new Uint8Array([1, 2]),
        fileName: 'x.pdf',
      })
      .catch((e) => e);
    assert.ok(bad instanceof ValidationError);
    assert.deepEqual(
      bad.fields.map((f: { field: string; message: string }) => `${f.field}:${f.message}`),
      ['title:core.validation.required', 'noticeDate:procurement.errors.future', 'file:procurement.errors.pdfOnly'],
    );
    const planForOne = await svc
      .addNotice(org.ctx, {
        fiscalYear: 2567,
        procurementId: p.id,
        kind: 'plan',
        title: 'x',
        noticeDate: '2024-01-01',
        bytes: PDF,
        fileName: 'x.pdf',
      })
      .catch((e) => e);
    assert.equal(planForOne.fields[0].message, 'procurement.errors.planNoticeOfYear');
    const inv = await svc.addNotice(org.ctx, {
      fiscalYear: 2567,
      procurementId: p.id,
      kind: 'invitation',
      title: 'ประกาศประกวดราคาก่อสร้างถนน',
      noticeDate: '2024-01-05',
      bytes: PDF,
      fileName: 'invitation.pdf',
    });
    const plan = await svc.addNotice(org.ctx, {
      fiscalYear: 2567,
      kind: 'plan',
      title: 'ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2567',
      noticeDate: '2023-10-20',
      bytes: PDF,
      fileName: 'plan.pdf',
    });
    const logged = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'procurement_notice')));
    const byId = new Map(logged.map((l) => [l.id, l]));
    assert.equal(byId.get(inv.publicationId ?? 0)?.itemCode, 'o20');
    assert.equal(byId.get(plan.publicationId ?? 0)?.itemCode, 'o19');
    assert.equal(inv.fileId, byId.get(inv.publicationId ?? 0)?.fileId);
    // 2569 and later have no plan item: the plan goes with the notices item.
    assert.equal(svc.noticeItemCode(2570, 'plan'), 'O11');
    assert.equal(svc.noticeItemCode(2570, 'winner'), 'O11');
    assert.equal(svc.noticeItemCode(2560, 'plan'), '');
  });
});

describe('staff pages (no JavaScript)', () => {
  test('register, new, detail, edit, bids and notices through forms; bad input re-shown with 422; plain staff read only', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const list = await browser.get('/staff/procurement?fy=2567');
    assert.equal(list.status, 200);
    assert.match(await list.text(), /ทะเบียนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2567/);
    assert.equal((await browser.get('/staff/procurement?fy=abc')).status, 404);

    const bad = await browser.post('/staff/procurement/new?fy=2567', {
      title: 'ซื้อน้ำมันเชื้อเพลิง',
      category: 'goods',
      method: 'specific',
      budgetSatang: 'ห้าพัน',
      contractDate: '31/2/2567',
    });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /วงเงินงบประมาณ \(บาท\)/);
    assert.match(badHtml, /value="ซื้อน้ำมันเชื้อเพลิง"/);
    assert.match(badHtml, /วันที่ทำสัญญาหรือข้อตกลงไม่ใช่วันที่ที่มีอยู่จริง/);

    const ok = await browser.post('/staff/procurement/new?fy=2567', {
      title: 'ซื้อน้ำมันเชื้อเพลิง ประจำเดือนมีนาคม 2567',
      category: 'goods',
      method: 'specific',
      status: 'contracted',
      budgetSatang: '25,000',
      winnerName: 'หจก.บาเจาะปิโตรเลียม',
      winnerTaxId: TAX,
      agreedPriceSatang: '24,850.50',
      contractDate: '4/3/2567',
      contractNo: 'ซ 12/2567',
      bidderName: 'หจก.บาเจาะปิโตรเลียม',
      bidPrice: '24850.50',
    });
    assert.equal(ok.status, 303, await ok.text());
    const path = ok.headers.get('location') ?? '';
    const id = Number(path.split('/').pop());
    const p = await svc.getProcurement(org.ctx, id);
    assert.equal(p.procurement.agreedPriceSatang, 2_485_050);
    assert.equal(p.procurement.contractDate, '2024-03-04');
    assert.equal(p.bids[0]?.taxId, TAX);
    const page = await browser.get(path);
    const html = await page.text();
    assert.match(html, /24,850\.50/);
    assert.match(html, /ทำสัญญาแล้ว/);

    const edit = await browser.post(`${path}/edit`, {
      title: p.procurement.title,
      category: 'goods',
      method: 'specific',
      status: 'planned',
      budgetSatang: '25000',
    });
    assert.equal(edit.status, 422);
    assert.match(await edit.text(), /เปลี่ยนสถานะย้อนกลับไม่ได้|ต้องระบุ/);

    const bid = await browser.post(`${path}/bids`, { bidderName: 'ร้านอื่น', taxId: '1234567890123', priceSatang: '25000' }, { from: path });
    assert.equal(bid.status, 422);
    assert.match(await bid.text(), /ต้องเป็นตัวเลข 13 หลักที่ถูกต้อง/);

    const csrf = await browser.csrf(path);
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('kind', 'winner');
    form.append('title', 'ประกาศผู้ชนะการเสนอราคาซื้อน้ำมันเชื้อเพลิง');
    form.append('noticeDate', '3/3/2567');
    form.append('file', new File([PDF], 'winner.pdf', { type: 'application/pdf' }));
    const notice = await browser.request(`${path}/notices`, { method: 'POST', body: form });
    assert.equal(notice.status, 303);
    assert.equal((await svc.getProcurement(org.ctx, id)).notices.length, 1);

    const staff = (await signedIn(env, org, ['staff'])).browser;
    const read = await staff.get(path);
    assert.equal(read.status, 200);
    assert.doesNotMatch(await read.text(), /\/edit"/);
    assert.equal((await staff.get(`${path}/edit`)).status, 403);
    assert.equal((await staff.get('/staff/procurement/new')).status, 403);
    // Another organization's staff: 404.
    const outsider = (await signedIn(env, other, ['admin'])).browser;
    assert.equal((await outsider.get(path)).status, 404);
    assert.equal((await outsider.get(`${path}/ocds.json`)).status, 404);
    assert.notEqual((await new TestBrowser(env, org.host).get('/staff/procurement')).status, 200);
  });

  test('the API: procurement.create (JSON, 422 with fields) and procurement.ocds', async () => {
    const user = await createTestUser(env, org, ['admin']);
    const login = await env.app.request(`http://${org.host}/api/auth/login`, {
      method: 'POST',
      headers: { host: org.host, 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const call = (p: string, init: RequestInit = {}) =>
      env.app.request(`http://${org.host}${p}`, {
        ...init,
        headers: { host: org.host, authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
    const badRes = await call('/api/procurement', { method: 'POST', body: JSON.stringify(base({ status: 'cancelled' })) });
    assert.equal(badRes.status, 422);
    const badBody = (await badRes.json()) as { error: { fields: { field: string }[] } };
    assert.deepEqual(
      badBody.error.fields.map((f) => f.field),
      ['cancelReason'],
    );
    const res = await call('/api/procurement', {
      method: 'POST',
      body: JSON.stringify(
        base({
          status: 'awarded',
          announcedOn: '2024-02-01',
          awardedOn: '2024-02-10',
          winnerName: 'ร้าน ก',
          agreedPriceSatang: 2_400_001,
          bids: [{ bidderName: 'ร้าน ก', priceSatang: 2_400_001 }],
        }),
      ),
    });
    assert.equal(res.status, 201);
    const created = (await res.json()) as { id: number; ocid: string };
    assert.equal(created.ocid, `ocds-prongsai-${org.org.id}-${created.id}`);
    const ocds = await call(`/api/procurement/${created.id}/ocds`);
    assert.equal(ocds.status, 200);
    const pkg = (await ocds.json()) as { releases: { tag: string[]; awards?: { value: { amount: number } }[] }[] };
    assert.deepEqual(
      pkg.releases.map((r) => r.tag[0]),
      ['planning', 'tender', 'award'],
    );
    assert.equal(pkg.releases[2]?.awards?.[0]?.value.amount, 24000.01);
    const missing = await call('/api/procurement/999999/ocds');
    assert.equal(missing.status, 404);
  });
});

describe('demo', () => {
  test('FY 2567: twelve months, exactly one (April 2024) without procurement; all inputs valid', () => {
    const inputs = fy2567Inputs();
    assert.ok(inputs.length >= 60 && inputs.length <= 90, `${inputs.length} procurements`);
    for (const [i, input] of inputs.entries()) assert.deepEqual(svc.validateProcurement(input, 2567), [], `row ${i}: ${input.title}`);
    const months = new Set(inputs.map((i) => i.contractDate?.slice(0, 7)).filter(Boolean));
    const all = [
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
    ];
    assert.deepEqual(
      all.filter((m) => !months.has(m)),
      ['2024-04'],
    );
    const methods = new Set(inputs.map((i) => i.method));
    for (const m of ['specific', 'selection', 'e_bidding'] as const) assert.ok(methods.has(m));
    assert.ok(inputs.filter((i) => i.method === 'specific').length > inputs.length / 2);
  });

  test('the seed on a fresh organization: both years, notices in the log, the plan makes the year public', async () => {
    const demoNow = new Date('2026-11-26T10:00:00+07:00');
    const denv = await createTestEnv({ now: () => demoNow });
    try {
      const o = await createTestOrg(denv, { name: 'ลูโบะปือซา' });
      const demo = { ctx: o.ctx, shared: new Map<string, unknown>(), log: () => {}, password: () => 'demo-pass-1234', now: demoNow };
      await seedDemoStaff(demo);
      await seedDemo(demo);
      const ids = demo.shared.get('procurement:fy2567') as number[];
      assert.ok(ids.length >= 60);
      const current = await listProcurements(o.ctx, { fiscalYear: 2570, limit: 200, includeUnpublished: true });
      assert.ok(current.rows.length >= 8);
      assert.ok(current.rows.every((r) => !r.contractDate || (r.contractDate >= '2025-10-01' && r.contractDate <= '2026-11-26')));
      const logged = await denv.services.db
        .select()
        .from(publications)
        .where(and(eq(publications.orgId, o.org.id), eq(publications.sourceEntity, 'procurement_notice')));
      assert.equal(logged.length, 6);
      const withDivision = await denv.services.db.select().from(procurements).where(eq(procurements.orgId, o.org.id));
      assert.ok(withDivision.every((r) => r.divisionId != null));
    } finally {
      await denv.close();
    }
  });
});
