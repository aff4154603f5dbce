import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { pdfPageSizes, pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import { translator } from '../../core/i18n/i18n.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { listPublications } from '../publications/service.js';
import { buildReport, checkTotals, readPlan, reportOf, TotalsMismatch } from './report.js';
import { type FixtureLine, insertPlanFixture } from './report-demo.js';
import { renderBudgetPdf } from './report-pdf.js';
import { renderBudgetXlsx } from './report-xlsx.js';
import { BUDGET_CATEGORIES } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-04-20T10:00:00+07:00'); // FY 2567, after March

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env, { name: 'ลูโบะปือซา' });
  other = await createTestOrg(env);
});
after(() => env.close());

const B = (baht: number) => baht * 100;
const q4 = (total: number): number[] => {
  const a = Math.floor(total / 4);
  return [a, a, a, total - 3 * a];
};

/** A small FY 2567 plan: two sides, four programs, seven lines, disbursed October–March. */
export const FIXTURE: FixtureLine[] = [
  {
    side: 'ด้านบริหารงานทั่วไป',
    program: 'แผนงานบริหารงานทั่วไป',
    work: 'งานบริหารทั่วไป',
    category: 'personnel',
    item: 'เงินเดือนพนักงานส่วนตำบล',
    approvedSatang: B(4_800_000),
    phases: q4(B(4_800_000)),
    disbursed: [B(400_000), B(400_000), B(400_000), B(400_000), B(400_000), B(400_000)],
  },
  {
    side: 'ด้านบริหารงานทั่วไป',
    program: 'แผนงานบริหารงานทั่วไป',
    work: 'งานบริหารทั่วไป',
    category: 'operating',
    item: 'ค่าวัสดุสำนักงาน',
    approvedSatang: B(250_000),
    phases: [B(100_000), B(50_000), B(50_000), B(50_000)],
    disbursed: [B(30_000), B(20_000), B(25_000), B(10_000), B(12_500.5), B(8_000)],
  },
  {
    side: 'ด้านบริหารงานทั่วไป',
    program: 'แผนงานบริหารงานทั่วไป',
    work: 'งานบริหารงานคลัง',
    category: 'investment',
    item: 'ครุภัณฑ์คอมพิวเตอร์ (เครื่องคอมพิวเตอร์โน้ตบุ๊ก ๒ เครื่อง)',
    approvedSatang: B(44_000),
    phases: [0, B(44_000), 0, 0],
    disbursed: [0, 0, 0, 0, B(43_800), 0],
  },
  {
    side: 'ด้านบริการชุมชนและสังคม',
    program: 'แผนงานการศึกษา',
    work: 'งานระดับก่อนวัยเรียนและประถมศึกษา',
    category: 'operating',
    item: 'ค่าอาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก',
    approvedSatang: B(1_250_000),
    phases: q4(B(1_250_000)),
    disbursed: [0, B(200_000), B(110_000), B(105_000), B(104_000), B(103_000)],
  },
  {
    side: 'ด้านบริการชุมชนและสังคม',
    program: 'แผนงานการศึกษา',
    work: 'งานระดับก่อนวัยเรียนและประถมศึกษา',
    category: 'subsidy',
    item: 'อุดหนุนอาหารกลางวันโรงเรียนบ้านลูโบะปือซา',
    approvedSatang: B(1_680_000),
    phases: q4(B(1_680_000)),
    disbursed: [B(140_000), B(140_000), B(140_000), B(140_000), B(140_000), B(140_000)],
  },
  {
    side: 'ด้านบริการชุมชนและสังคม',
    program: 'แผนงานเคหะและชุมชน',
    work: 'งานก่อสร้างโครงสร้างพื้นฐาน',
    category: 'investment',
    item: 'โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓ บ้านกาหยี',
    approvedSatang: B(1_495_000),
    phases: [0, B(500_000), B(995_000), 0],
    disbursed: [],
  },
  {
    side: 'ด้านการดำเนินงานอื่น',
    program: 'แผนงานงบกลาง',
    work: 'งบกลาง',
    category: 'central',
    item: 'เบี้ยยังชีพผู้สูงอายุ',
    approvedSatang: B(6_120_000),
    phases: q4(B(6_120_000)),
    disbursed: [B(510_000), B(510_000), B(510_000), B(508_000), B(508_000), B(507_000)],
  },
];

const lineArb = fc.record({
  program: fc.constantFrom('แผนงานบริหารงานทั่วไป', 'แผนงานการศึกษา', 'แผนงานงบกลาง'),
  category: fc.constantFrom(...BUDGET_CATEGORIES),
  phases: fc.array(fc.integer({ min: 0, max: 5_000_000_000 }), { minLength: 4, maxLength: 4 }),
  paid: fc.array(fc.integer({ min: 0, max: 2_000_000_000 }), { minLength: 12, maxLength: 12 }),
});

describe('budget reports', () => {
  before(async () => {
    await insertPlanFixture(org.ctx, 2567, FIXTURE);
  });

  test('property: the report builder’s totals equal the sums of the lines in every grouping; a wrong plan total is an error', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 12 }), (ls, through) => {
        const lines = ls.map((l, i) => ({
          id: i + 1,
          position: i + 1,
          side: 'ด้าน',
          program: l.program,
          work: 'งาน',
          category: l.category,
          item: `รายการ ${i}`,
          divisionId: null,
          divisionName: null,
          note: null,
          approvedSatang: l.phases.reduce((a, b) => a + b, 0),
          phases: l.phases,
          disbursedByMonth: l.paid,
        }));
        const total = lines.reduce((a, l) => a + l.approvedSatang, 0);
        const data = {
          plan: { id: 1, fiscalYear: 2567, title: 'x', phasing: 'quarter' as const, totalSatang: total, publishedAt: null, updatedAt: now },
          lines,
        };
        const r = reportOf(data, through === 12 ? 'annual' : 'half-year');
        const paid = lines.reduce((a, l) => a + l.disbursedByMonth.slice(0, r.throughMonth).reduce((x, y) => x + y, 0), 0);
        assert.equal(r.progress.total.approvedSatang, total);
        assert.equal(r.progress.total.disbursedToDateSatang, paid);
        assert.equal(
          r.progress.byCategory.reduce((a, c) => a + c.disbursedToDateSatang, 0),
          paid,
        );
        assert.equal(
          r.progress.byProgram.reduce((a, c) => a + c.approvedSatang, 0),
          total,
        );
        assert.throws(() => reportOf({ ...data, plan: { ...data.plan, totalSatang: total + 1 } }, 'plan'), TotalsMismatch);
        const broken = {
          ...data,
          lines: [{ ...lines[0], phases: [1, 0, 0, 0], approvedSatang: 2 } as (typeof lines)[number], ...lines.slice(1)],
        };
        broken.plan = { ...data.plan, totalSatang: broken.lines.reduce((a, l) => a + l.approvedSatang, 0) };
        assert.throws(() => checkTotals(broken, reportOf(data, 'plan').progress), TotalsMismatch);
      }),
      { numRuns: 150 },
    );
  });

  test('the plan PDF: A4 landscape, title, classification rows, quarter columns and totals in Thai digits (golden text)', {
    skip: popplerMissing(),
  }, async () => {
    const plan = await buildReport(org.ctx, 2567, 'plan');
    const pdf = await renderBudgetPdf(org.ctx, plan);
    fs.writeFileSync('/tmp/budgetB/plan.pdf', pdf);
    for (const [w, h] of pdfPageSizes(pdf)) assert.ok(w > h && Math.round(w) === 842 && Math.round(h) === 595, 'A4 landscape');
    // raw: the content stream's order (Typst writes a table cell by cell).
    const text = squash(pdfText(pdf, { raw: true }));
    for (const s of [
      'แผนการใช้จ่ายงบประมาณประจำปีงบประมาณพ.ศ.๒๕๖๗',
      'องค์การบริหารส่วนตำบลลูโบะปือซา',
      'รวมงบประมาณทั้งสิ้น๑๕,๖๓๙,๐๐๐.๐๐บาท(สิบห้าล้านหกแสนสามหมื่นเก้าพันบาทถ้วน)',
      'ไตรมาส๑(ต.ค.–ธ.ค.)',
      'ไตรมาส๔(ก.ค.–ก.ย.)',
      'ด้านบริหารงานทั่วไป',
      'แผนงานบริหารงานทั่วไป๕,๐๙๔,๐๐๐.๐๐๑,๓๐๐,๐๐๐.๐๐๑,๒๙๔,๐๐๐.๐๐๑,๒๕๐,๐๐๐.๐๐๑,๒๕๐,๐๐๐.๐๐',
      '๑.เงินเดือนพนักงานส่วนตำบลงบบุคลากร๔,๘๐๐,๐๐๐.๐๐๑,๒๐๐,๐๐๐.๐๐',
      'งบกลาง๖,๑๒๐,๐๐๐.๐๐๑,๕๓๐,๐๐๐.๐๐',
      'รวมทั้งสิ้น๑๕,๖๓๙,๐๐๐.๐๐๓,๕๖๒,๕๐๐.๐๐๔,๐๕๖,๕๐๐.๐๐๔,๕๐๗,๕๐๐.๐๐๓,๕๑๒,๕๐๐.๐๐',
    ]) {
      assert.ok(text.includes(s), `the plan PDF has ${s}`);
    }
    assert.doesNotMatch(text, /[0-9]/, 'only Thai digits');
  });

  test('the 6-month PDF: plan against actual through March by งบ and แผนงาน, %, variance, the chart table and the narrative (golden text)', {
    skip: popplerMissing(),
  }, async () => {
    const half = await buildReport(org.ctx, 2567, 'half-year', 'งบลงทุนเบิกจ่ายต่ำกว่าแผน\n- เงินอุดหนุนงวดแรกโอนล่าช้า');
    const pdf = await renderBudgetPdf(org.ctx, half);
    fs.writeFileSync('/tmp/budgetB/half.pdf', pdf);
    const text = squash(pdfText(pdf));
    for (const s of [
      'รายงานการกำกับติดตามการใช้จ่ายงบประมาณรอบ๖เดือนประจำปีงบประมาณพ.ศ.๒๕๖๗',
      'ข้อมูลถึงวันที่๓๑มีนาคม๒๕๖๗',
      'ตั้งแต่วันที่๑ตุลาคม๒๕๖๖ถึงวันที่๓๑มีนาคม๒๕๖๗',
      'เบิกจ่ายแล้ว๗,๐๖๔,๓๐๐.๕๐บาท',
      'งบบุคลากร๔,๘๐๐,๐๐๐.๐๐๒,๔๐๐,๐๐๐.๐๐๒,๔๐๐,๐๐๐.๐๐๕๐.๐๐๐.๐๐',
      'งบลงทุน๑,๕๓๙,๐๐๐.๐๐๕๔๔,๐๐๐.๐๐๔๓,๘๐๐.๐๐๒.๘๔-๕๐๐,๒๐๐.๐๐',
      'แผนงานเคหะและชุมชน๑,๔๙๕,๐๐๐.๐๐๕๐๐,๐๐๐.๐๐๐.๐๐๐.๐๐-๕๐๐,๐๐๐.๐๐',
      'ไตรมาส๑๓,๕๖๒,๕๐๐.๐๐๓,๕๓๕,๐๐๐.๐๐๓,๕๓๕,๐๐๐.๐๐',
      'ไตรมาส๓๔,๕๐๗,๕๐๐.๐๐––',
      '๑.งบลงทุนเบิกจ่ายต่ำกว่าแผน',
      '๒.เงินอุดหนุนงวดแรกโอนล่าช้า',
    ]) {
      assert.ok(text.includes(s), `the 6-month PDF has ${s}`);
    }
  });

  test('the XLSX: numbers as numbers, the lines with their phases, totals equal to the lines', async () => {
    const half = await buildReport(org.ctx, 2567, 'half-year', 'ข้อหนึ่ง');
    const t = translator(env.services.catalogs, 'th');
    const buf = await renderBudgetXlsx(org.ctx, half, t, 'th');
    fs.writeFileSync('/tmp/budgetB/half.xlsx', buf);
    const sheets = await readXlsx(buf);
    assert.deepEqual([...sheets.keys()], ['ตามงบรายจ่าย', 'ตามแผนงาน', 'รายการ', 'รายไตรมาส', 'เบิกจ่ายรายเดือน', 'ปัญหาและข้อเสนอแนะ']);
    const cats = sheets.get('ตามงบรายจ่าย') ?? [];
    assert.deepEqual(cats[3], [
      'งบ',
      'งบประมาณตามข้อบัญญัติ (บาท)',
      'แผนการเบิกจ่ายสะสม (บาท)',
      'เบิกจ่ายสะสม (บาท)',
      'ร้อยละเบิกจ่าย',
      'ผลต่าง (เบิกจ่าย − แผน) (บาท)',
    ]);
    assert.deepEqual(cats[4], ['งบบุคลากร', 4_800_000, 2_400_000, 2_400_000, 50, 0]);
    assert.deepEqual(cats.at(-1), ['รวม', 15_639_000, 7_619_000, 7_064_300.5, 45.17, -554_699.5]);
    const lines = sheets.get('รายการ') ?? [];
    assert.deepEqual(lines[5]?.slice(0, 6), [2, 'ด้านบริหารงานทั่วไป', 'แผนงานบริหารงานทั่วไป', 'งานบริหารทั่วไป', 'งบดำเนินงาน', 'ค่าวัสดุสำนักงาน']);
    assert.deepEqual(lines[5]?.slice(7, 16), [250_000, 150_000, 105_500.5, 42.2, -44_499.5, 100_000, 50_000, 50_000, 50_000]);
    const months = sheets.get('เบิกจ่ายรายเดือน') ?? [];
    assert.deepEqual(months[3], ['ที่', 'รายการ/โครงการ', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03']);
    assert.deepEqual(sheets.get('ปัญหาและข้อเสนอแนะ')?.[4], ['ข้อหนึ่ง']);
  });

  test('publishing: permission edges, the log under the OIT item, the plan marked published, a new version needs a reason and supersedes', async () => {
    const staff = (await signedIn(env, org, ['staff'])).browser;
    const page = await staff.get('/staff/budget/reports?fy=2567');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /แผนยังไม่เผยแพร่ต่อประชาชน/);
    assert.doesNotMatch(html, /name="reason"/);
    assert.equal((await staff.post('/staff/budget/reports/publish', { fy: '2567', kind: 'plan' })).status, 403);
    assert.equal((await new TestBrowser(env, org.host).get('/staff/budget/reports')).status === 200, false);
    assert.equal((await staff.get('/staff/budget/reports/preview.pdf?fy=2567&kind=plan')).headers.get('content-type'), 'application/pdf');
    assert.equal((await staff.get('/staff/budget/reports?fy=25x7')).status, 422);

    const ita = (await signedIn(env, org, ['ita_coordinator'])).browser;
    const done = await ita.post('/staff/budget/reports/publish', { fy: '2567', kind: 'plan' });
    assert.equal(done.status, 303);
    assert.equal((await readPlan(org.ctx, 2567))?.plan.publishedAt instanceof Date, true);
    let logs = await listPublications(org.ctx, { fiscalYear: 2567 });
    const planPub = logs.find((p) => p.sourceEntity === 'budget_report' && p.sourceId === '2567-plan');
    assert.equal(planPub?.itemCode, 'o11');

    const again = await ita.post('/staff/budget/reports/publish', { fy: '2567', kind: 'plan', reason: '' });
    assert.equal(again.status, 422);
    assert.match(await again.text(), /กรุณาระบุเหตุผลที่เผยแพร่ฉบับใหม่/);
    const half = await ita.post('/staff/budget/reports/publish', { fy: '2567', kind: 'half-year', narrative: 'งบลงทุนล่าช้า' });
    assert.equal(half.status, 303);
    const head = (await signedIn(env, org, ['division_head'])).browser;
    const v2 = await head.post('/staff/budget/reports/publish', {
      fy: '2567',
      kind: 'half-year',
      narrative: 'งบลงทุนล่าช้า\nแก้ไขตัวเลข',
      reason: 'แก้ไขคำอธิบาย',
    });
    assert.equal(v2.status, 303);
    logs = await listPublications(org.ctx, { fiscalYear: 2567, includeSuperseded: true });
    const halves = logs.filter((p) => p.sourceId === '2567-half-year');
    assert.equal(halves.length, 2);
    assert.equal(halves.filter((p) => p.supersededBy != null).length, 1);
    assert.equal(halves[0]?.itemCode, 'o12');
    const annual = await head.post('/staff/budget/reports/publish', { fy: '2567', kind: 'annual' });
    assert.equal(annual.status, 422, 'the year has not ended');
    assert.match(await annual.text(), /ช่วงเวลาของรายงานนี้ยังไม่สิ้นสุด/);

    // Another organization's staff see nothing of it.
    const outsider = (await signedIn(env, other, ['admin'])).browser;
    const list = await head.get('/staff/budget/reports?fy=2567');
    const xlsxId = /\/staff\/budget\/reports\/(\d+)\/report\.xlsx/.exec(await list.text())?.[1];
    assert.ok(xlsxId);
    assert.equal((await head.get(`/staff/budget/reports/${xlsxId}/report.xlsx`)).status, 200);
    assert.equal((await outsider.get(`/staff/budget/reports/${xlsxId}/report.xlsx`)).status, 404);
    assert.match(await (await outsider.get('/staff/budget/reports?fy=2567')).text(), /ยังไม่มีแผนการใช้จ่ายงบประมาณของปีงบประมาณ 2567/);
  });

  test('API budget.report: JSON, PDF and XLSX; 404 without a plan; 401 signed out', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const json = await browser.get('/api/budget/report?fy=2567&kind=half-year');
    assert.equal(json.status, 200);
    const body = (await json.json()) as { total: { disbursedToDateSatang: number }; lines: unknown[]; throughMonth: number };
    assert.equal(body.total.disbursedToDateSatang, 706_430_050);
    assert.equal(body.throughMonth, 6);
    assert.equal(body.lines.length, FIXTURE.length);
    assert.equal((await browser.get('/api/budget/report?fy=2567&kind=plan&format=pdf')).headers.get('content-type'), 'application/pdf');
    assert.equal((await browser.get('/api/budget/report?fy=2566&kind=plan')).status, 404);
    assert.equal((await new TestBrowser(env, org.host).get('/api/budget/report?fy=2567&kind=plan')).status, 401);
  });
});
