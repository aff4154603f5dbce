import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { pdfPageSizes, pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { providersOf } from '../disclosure/evidence.js';
import { publications } from '../publications/schema.js';
import { buildAnnualReport, checkAnnualTotals, renderAnnualPdf, renderAnnualXlsx, savingsBasisPoints } from './annual.js';
import { buildQuarterSummary, renderQuarterPdf } from './quarterly.js';
import { listReports, produceReport, publishedReports, publishReport } from './reports.js';
import { procurements } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-11-10T10:00:00+07:00'); // FY 2568; FY 2567 is over
const skipPdf = popplerMissing();

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env, { name: 'ลูโบะปือซา' });
  other = await createTestOrg(env);
  const base = { orgId: org.org.id, fiscalYear: 2567, status: 'contracted' as const };
  await env.services.db.insert(procurements).values([
    {
      ...base,
      title: 'ซื้อวัสดุสำนักงาน',
      category: 'goods',
      method: 'specific',
      budgetSatang: 1_000_000,
      agreedPriceSatang: 950_000,
      winnerName: 'ร้านเอ',
      winnerTaxId: '0963558000123',
      contractNo: '1/2567',
      contractDate: '2023-10-05',
      selectionReason: 'ราคาเหมาะสม',
    },
    {
      ...base,
      title: 'จ้างก่อสร้างถนน หมู่ที่ 3',
      category: 'works',
      method: 'e_bidding',
      budgetSatang: 100_000_000,
      agreedPriceSatang: 97_500_000,
      winnerName: 'หจก.บี',
      contractNo: '2/2567',
      contractDate: '2023-12-20',
      selectionReason: 'ราคาต่ำสุด',
    },
    {
      ...base,
      title: 'จ้างเหมาบริการ',
      category: 'services',
      method: 'specific',
      budgetSatang: 900_000,
      agreedPriceSatang: 900_000,
      winnerName: 'นายซี',
      contractDate: '2024-05-02',
    },
    { ...base, status: 'cancelled', title: 'ยกเลิก', category: 'goods', method: 'selection', budgetSatang: 5, cancelReason: 'ไม่มีผู้เสนอราคา' },
  ]);
});
after(() => env.close());

describe('procurement reports', () => {
  test('quarterly attachment: the quarter’s contracts, รวมทั้งสิ้น, signatures; A4 landscape, Thai digits', { skip: skipPdf }, async () => {
    const q1 = await buildQuarterSummary(org.ctx, 2567, 1);
    assert.deepEqual(
      q1.rows.map((r) => r.item),
      ['ซื้อวัสดุสำนักงาน', 'จ้างก่อสร้างถนน หมู่ที่ 3'],
    );
    assert.equal(q1.totals.amountSatang, 98_450_000);
    const pdf = await renderQuarterPdf(org.ctx, q1);
    if (process.env.PRONGSAI_KEEP_PDF) fs.writeFileSync(`${process.env.PRONGSAI_KEEP_PDF}/quarterly.pdf`, pdf);
    const [w, h] = pdfPageSizes(pdf)[0] ?? [0, 0];
    assert.ok(w > h, 'landscape');
    const text = squash(pdfText(pdf, { raw: true }));
    assert.ok(
      text.startsWith(
        'รายละเอียดแนบท้ายประกาศผลผู้ชนะการจัดซื้อจัดจ้างหรือผู้ได้รับการคัดเลือกและสาระสำคัญของสัญญาหรือข้อตกลงเป็นหนังสือประจำไตรมาสที่๑(ต.ค.–ธ.ค.)ปีงบประมาณพ.ศ.๒๕๖๗องค์การบริหารส่วนตำบลลูโบะปือซา',
      ),
      text,
    );
    assert.match(text, /๑๐๙๖๓๕๕๘๐๐๐๑๒๓ร้านเอซื้อวัสดุสำนักงาน๙,๕๐๐\.๐๐๕ต\.ค\.๒๕๖๖๑\/๒๕๖๗ราคาเหมาะสม/);
    assert.match(text, /รวมทั้งสิ้น๙๘๔,๕๐๐\.๐๐/);
    assert.match(text, /ผู้จัดทำ.*ผู้ตรวจสอบ/);
    assert.doesNotMatch(text, /[0-9]/);
  });

  test('annual report: by method, by category, by month, savings, analysis; groupings add up (property)', async () => {
    const r = await buildAnnualReport(org.ctx, 2567, { problems: 'ผู้เสนอราคาน้อย', improvements: 'ประชาสัมพันธ์มากขึ้น' });
    assert.deepEqual(r.total, { key: 'total', count: 3, budgetSatang: 101_900_000, agreedSatang: 99_350_000, savingsSatang: 2_550_000 });
    assert.deepEqual(
      r.byMethod.map((g) => [g.key, g.count]),
      [
        ['specific', 2],
        ['e_bidding', 1],
      ],
    );
    assert.equal(r.byMonth.length, 12);
    assert.equal(r.cancelled, 1);
    assert.equal(savingsBasisPoints(r.total), 250); // 2,550,000 / 101,900,000 = 2.502 %
    const wrong = { ...r, byMonth: r.byMonth.map((g, i) => (i === 0 ? { ...g, agreedSatang: g.agreedSatang + 1 } : g)) };
    assert.throws(() => checkAnnualTotals(wrong));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), (budget, agreed) => {
        const bp = savingsBasisPoints({ budgetSatang: budget, savingsSatang: budget - agreed }) as number;
        const exact = ((budget - agreed) * 10000) / budget;
        assert.ok(Math.abs(bp - exact) <= 0.5 + 1e-9, `${bp} vs ${exact}`);
      }),
    );
    if (!skipPdf) {
      const pdf = await renderAnnualPdf(org.ctx, r);
      if (process.env.PRONGSAI_KEEP_PDF) fs.writeFileSync(`${process.env.PRONGSAI_KEEP_PDF}/annual.pdf`, pdf);
      const text = squash(pdfText(pdf));
      assert.match(text, /รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณพ\.ศ\.๒๕๖๗/);
      assert.match(text, /ประหยัดงบประมาณได้๒๕,๕๐๐\.๐๐บาทคิดเป็นร้อยละ๒\.๕๐/);
      assert.match(text, /ปัญหาและอุปสรรค.*ผู้เสนอราคาน้อย/);
      assert.match(text, /ประชาสัมพันธ์มากขึ้น/);
      assert.match(text, /รายการที่ยกเลิกในปีนี้๑รายการ/);
    }
    const book = await readXlsx(await renderAnnualXlsx(org.ctx, r));
    const byMethod = book.get('ตามวิธี');
    assert.deepEqual(byMethod?.at(-1), ['รวม', 3, 1019000, 993500, 25500, 2.5]);
  });

  test('produce → preview → publish in the log (topic procurement-monthly / -annual); re-issue needs a reason and supersedes', async () => {
    const head = await signedIn(env, org, ['division_head']);
    // Not over yet: November 2024 (FY 2568) cannot be produced.
    const early = await head.browser.post(
      '/staff/procurement/reports/produce?fy=2568&kind=monthly&period=2024-11',
      {},
      { from: '/staff/procurement/reports?fy=2568' },
    );
    assert.equal(early.status, 422);
    assert.match(await early.text(), /ยังจัดทำรายงานของงวดที่ยังไม่สิ้นสุดไม่ได้/);

    const produced = await head.browser.post(
      '/staff/procurement/reports/produce?fy=2567&kind=monthly&period=2023-10',
      {},
      { from: '/staff/procurement/reports?fy=2567' },
    );
    assert.equal(produced.status, 303);
    const [first] = await listReports(org.ctx, 2567);
    assert.ok(first);
    assert.deepEqual(first.totals, { count: 1, budgetSatang: 1_000_000, agreedSatang: 950_000 });
    const preview = await head.browser.get(`/staff/procurement/reports/${first.id}.pdf`);
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'application/pdf');
    assert.equal((await head.browser.get(`/staff/procurement/reports/${first.id}.xlsx`)).status, 200);
    assert.equal((await publishedReports(org.ctx, 2567)).length, 0, 'nothing public before publishing');

    const pub = await head.browser.post(
      `/staff/procurement/reports/${first.id}/publish`,
      {},
      { from: '/staff/procurement/reports?fy=2567' },
    );
    assert.equal(pub.status, 303);
    const live = await publishedReports({ ...org.ctx, actor: null }, 2567);
    assert.equal(live.length, 1);
    const [logRow] = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.id, live[0]?.publicationId as number)));
    assert.equal(logRow?.itemCode, 'o21');
    assert.equal(logRow?.title, 'สรุปผลการจัดซื้อจัดจ้าง (สขร.๑) เดือนตุลาคม 2566');
    assert.equal(logRow?.sourceEntity, 'procurement_report');

    // A second version: produce again, publishing without a reason is refused, with one it supersedes.
    const again = await produceReport(org.ctx, { fiscalYear: 2567, kind: 'monthly', period: '2023-10' });
    const noReason = await head.browser.post(
      `/staff/procurement/reports/${again.id}/publish`,
      { reason: '' },
      { from: '/staff/procurement/reports?fy=2567' },
    );
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /กรุณากรอกเหตุผลที่ออกฉบับแก้ไข/);
    await publishReport(org.ctx, again.id, { reason: 'แก้ไขเลขที่สัญญา' });
    const after = await publishedReports(org.ctx, 2567);
    assert.equal(after.length, 1);
    assert.equal(after[0]?.report.id, again.id);
    const [old] = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.id, logRow?.id as number)));
    assert.equal(old?.supersedeReason, 'แก้ไขเลขที่สัญญา');
    await assert.rejects(publishReport(org.ctx, again.id), { status: 409 });

    // The annual report with the analysis typed by staff, under procurement-annual.
    const annual = await head.browser.post(
      '/staff/procurement/reports/produce?fy=2567&kind=annual&period=',
      { problems: 'ผู้ประกอบการในพื้นที่น้อย', improvements: 'วางแผนตั้งแต่ต้นปี' },
      { from: '/staff/procurement/reports?fy=2567' },
    );
    assert.equal(annual.status, 303);
    const a = (await listReports(org.ctx, 2567)).find((r) => r.kind === 'annual');
    assert.deepEqual(a?.analysis, { problems: 'ผู้ประกอบการในพื้นที่น้อย', improvements: 'วางแผนตั้งแต่ต้นปี' });
    const published = await publishReport(org.ctx, a?.id as number);
    const [annualLog] = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.id, published.publicationId as number)));
    assert.equal(annualLog?.itemCode, 'o22');

    // Evidence: the reports page and the documents, for the ITA items.
    const monthly = (await Promise.all(providersOf('procurement-monthly').map((p) => p.links({ ...org.ctx, actor: null }, 2567)))).flat();
    assert.ok(monthly.some((l) => l.url === '/procurement/reports?fy=2567'));
    const annualLinks = (
      await Promise.all(providersOf('procurement-annual').map((p) => p.links({ ...org.ctx, actor: null }, 2567)))
    ).flat();
    assert.ok(
      annualLinks.some((l) => l.url.startsWith('/publications/')),
      JSON.stringify(annualLinks),
    );

    // The public reports page lists them; the XLSX of a published report is public.
    const citizen = new TestBrowser(env, org.host);
    const page = await citizen.get('/procurement/reports?fy=2567');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /สรุปผลการจัดซื้อจัดจ้าง \(สขร.๑\) เดือนตุลาคม 2566/);
    assert.match(html, /รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ 2567/);
    assert.equal((await citizen.get(`/procurement/reports/${again.id}.xlsx`)).status, 200);
    assert.equal((await citizen.get(`/procurement/reports/${first.id}.xlsx`)).status, 404, 'a superseded version is not offered');
  });

  test('permission edges: plain staff read but cannot produce or publish; the public and another organization get nothing', async () => {
    const staff = await signedIn(env, org, ['staff']);
    assert.equal((await staff.browser.get('/staff/procurement/reports?fy=2567')).status, 200);
    const refused = await staff.browser.post(
      '/staff/procurement/reports/produce?fy=2567&kind=monthly&period=2023-11',
      {},
      { from: '/staff/procurement/reports?fy=2567' },
    );
    assert.equal(refused.status, 403);
    const [r] = await listReports(org.ctx, 2567);
    assert.ok(r);
    assert.equal(
      (await staff.browser.post(`/staff/procurement/reports/${r.id}/publish`, {}, { from: '/staff/procurement/reports?fy=2567' })).status,
      403,
    );
    const anon = new TestBrowser(env, org.host);
    assert.notEqual((await anon.get('/staff/procurement/reports')).status, 200);
    assert.notEqual((await anon.get(`/staff/procurement/reports/${r.id}.pdf`)).status, 200);
    // Staff of another organization: its ids are unknown here.
    const stranger = await signedIn(env, other, ['admin']);
    assert.equal((await stranger.browser.get(`/staff/procurement/reports/${r.id}.pdf`)).status, 404);
    await assert.rejects(publishReport({ ...other.ctx }, r.id), { status: 404 });
    // The ITA coordinator may produce and publish.
    const ita = await createTestUser(env, org, ['ita_coordinator']);
    const b = new TestBrowser(env, org.host);
    await b.signIn(ita.username, ita.password);
    const ok = await b.post(
      '/staff/procurement/reports/produce?fy=2567&kind=quarterly&period=2',
      {},
      { from: '/staff/procurement/reports?fy=2567' },
    );
    assert.equal(ok.status, 303);
  });
});
