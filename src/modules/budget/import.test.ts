import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { auditLog } from '../../core/audit/schema.js';
import { ImportRejected, readImportTable } from '../../core/documents/spreadsheet-import.js';
import { renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { createTestEnv, createTestOrg, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createDivision } from '../staff/service.js';
import { importPlan, PLAN_COLUMNS, type PlanFileLine, planFileXlsx, planTemplateXlsx } from './import.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
const now = new Date('2024-04-20T10:00:00+07:00'); // FY 2567, fiscal month 7 (เมษายน)

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  await createDivision(org.ctx, { name: 'กองคลัง' });
  await createDivision(org.ctx, { name: 'สำนักปลัด' });
});
after(() => env.close());

const line = (over: Partial<PlanFileLine> = {}): PlanFileLine => ({
  side: 'ด้านบริหารทั่วไป',
  program: 'แผนงานบริหารงานทั่วไป',
  work: 'งานบริหารทั่วไป',
  category: 'operating',
  item: 'ค่าวัสดุสำนักงาน',
  division: 'สำนักปลัด',
  approvedSatang: 120_000_00,
  phases: [30_000_00, 30_000_00, 30_000_00, 30_000_00],
  ...over,
});

const THREE: PlanFileLine[] = [
  line({
    category: 'personnel',
    item: 'เงินเดือนพนักงานส่วนตำบล',
    approvedSatang: 2_400_000_00,
    phases: [600_000_00, 600_000_00, 600_000_00, 600_000_00],
  }),
  line(),
  line({
    work: 'งานบริหารงานคลัง',
    division: 'กองคลัง',
    category: 'investment',
    item: 'ครุภัณฑ์คอมพิวเตอร์',
    approvedSatang: 45_500_50,
    phases: [0, 45_500_50, 0, 0],
  }),
];

/** A sheet with the given header row and rows, as someone might have edited the template. */
const sheet = (headers: string[], rows: XlsxCell[][]) =>
  renderXlsx([{ name: 'แผน', columns: headers.map((header) => ({ header })), rows }], { created: new Date(Date.UTC(2024, 0, 1)) });

const HEADERS = [
  'ด้าน',
  'แผนงาน',
  'งาน',
  'งบ',
  'รายการ/โครงการ',
  'ส่วนราชการ',
  'งบประมาณตามข้อบัญญัติ',
  'ไตรมาส 1',
  'ไตรมาส 2',
  'ไตรมาส 3',
  'ไตรมาส 4',
  'หมายเหตุ',
];
const ROW: XlsxCell[] = ['ด้านบริหารทั่วไป', 'แผนงานบริหารงานทั่วไป', 'งานบริหารทั่วไป', 'งบดำเนินงาน', 'ค่าวัสดุ', '', 1000, 250, 250, 250, 250, ''];

/** The import is refused with exactly these issues (row, column, message) and nothing is written. */
async function rejected(bytes: Uint8Array, fy: number, expected: { row: number; column: string; message: string }[]) {
  const before = await svc.getPlan(org.ctx, fy);
  const err = await importPlan(org.ctx, { fiscalYear: fy, bytes, fileName: 'plan.xlsx' }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof ImportRejected, `expected ImportRejected, got ${String(err)}`);
  assert.equal(err.status, 422);
  assert.deepEqual(
    err.issues.map((i) => ({ row: i.row, column: i.column, message: i.message })),
    expected,
  );
  const afterwards = await svc.getPlan(org.ctx, fy);
  assert.deepEqual(
    afterwards?.lines.map((l) => [l.id, l.approvedSatang]) ?? null,
    before?.lines.map((l) => [l.id, l.approvedSatang]) ?? null,
    'nothing changed',
  );
  return err;
}

describe('spending plan import', () => {
  test('a quarterly plan: lines in order with divisions, phases and the total; the file kept as evidence; audited', async () => {
    const r = await importPlan(org.ctx, { fiscalYear: 2567, bytes: await planFileXlsx(THREE, 'quarter'), fileName: 'แผน 2567.xlsx' });
    assert.equal(r.phasing, 'quarter');
    assert.equal(r.lineCount, 3);
    const plan = await svc.getPlan(org.ctx, 2567);
    assert.ok(plan);
    assert.equal(plan.plan.title, 'แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2567');
    assert.equal(plan.plan.totalSatang, 2_400_000_00 + 120_000_00 + 45_500_50);
    assert.ok(plan.plan.sourceFileId);
    assert.deepEqual(
      plan.lines.map((l) => [l.position, l.item, l.category, l.divisionName, l.approvedSatang, l.phases]),
      [
        [1, 'เงินเดือนพนักงานส่วนตำบล', 'personnel', 'สำนักปลัด', 2_400_000_00, [600_000_00, 600_000_00, 600_000_00, 600_000_00]],
        [2, 'ค่าวัสดุสำนักงาน', 'operating', 'สำนักปลัด', 120_000_00, [30_000_00, 30_000_00, 30_000_00, 30_000_00]],
        [3, 'ครุภัณฑ์คอมพิวเตอร์', 'investment', 'กองคลัง', 45_500_50, [0, 45_500_50, 0, 0]],
      ],
    );
    const audit = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'budget.importPlan')));
    assert.equal(audit.length, 1);
    assert.match(audit[0]?.summary ?? '', /3 รายการ รวม 2,565,500.50 บาท/);
  });

  test('a monthly plan is recognised by its month columns', async () => {
    const months = [
      10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00, 10_000_00,
    ];
    const r = await importPlan(org.ctx, {
      fiscalYear: 2566,
      bytes: await planFileXlsx([line({ phases: months })], 'month'),
      fileName: 'm.xlsx',
      title: 'แผนทดสอบรายเดือน',
    });
    assert.equal(r.phasing, 'month');
    const plan = await svc.getPlan(org.ctx, 2566);
    assert.equal(plan?.plan.phasing, 'month');
    assert.equal(plan?.plan.title, 'แผนทดสอบรายเดือน');
    assert.deepEqual(plan?.lines[0]?.phases, months);
  });

  test('the downloadable template (both phasings) imports as it is: its headers and sample rows are valid', async () => {
    for (const phasing of ['quarter', 'month'] as const) {
      const bytes = await planTemplateXlsx(org.ctx, phasing);
      const table = await readImportTable(bytes, PLAN_COLUMNS);
      assert.deepEqual(table.issues, []);
      assert.equal(table.rows.length, 2);
      const r = await importPlan(org.ctx, { fiscalYear: phasing === 'quarter' ? 2560 : 2561, bytes, fileName: 'template.xlsx' });
      assert.equal(r.phasing, phasing);
      assert.equal(r.lineCount, 2);
    }
  });

  test('missing or renamed columns: each named, with the unknown headers listed', async () => {
    const renamed = HEADERS.map((h) => (h === 'งบ' ? 'หมวดรายจ่าย' : h === 'งบประมาณตามข้อบัญญัติ' ? 'เงิน' : h));
    const err = await rejected(await sheet(renamed, [ROW]), 2568, [
      { row: 1, column: 'งบ', message: 'core.import.missingColumn' },
      { row: 1, column: 'งบประมาณตามข้อบัญญัติ', message: 'core.import.missingColumn' },
      { row: 1, column: '', message: 'core.import.unknownColumns' },
    ]);
    assert.equal(err.issues[2]?.params?.names, 'หมวดรายจ่าย, เงิน');
  });

  test('text in number cells, negatives, overflow, decimals: row and column of each', async () => {
    const rows: XlsxCell[][] = [
      ['ด', 'แผนงานก', 'งาน', 'งบดำเนินงาน', 'ก', '', 'หนึ่งพันบาท', 250, 250, 250, 250, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบดำเนินงาน', 'ข', '', -1000, 0, 0, 0, 0, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบดำเนินงาน', 'ค', '', 1000, '250', 'x', 250, 250, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบดำเนินงาน', 'ง', '', (MAX_SATANG + 100) / 100, 0, 0, 0, 0, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบดำเนินงาน', 'จ', '', 10.123, 0, 0, 0, 10.123, ''],
    ];
    await rejected(await sheet(HEADERS, rows), 2568, [
      { row: 2, column: 'งบประมาณตามข้อบัญญัติ', message: 'core.import.money' },
      { row: 3, column: 'งบประมาณตามข้อบัญญัติ', message: 'core.import.negative' },
      { row: 4, column: 'ไตรมาส 2', message: 'core.import.money' },
      { row: 5, column: 'งบประมาณตามข้อบัญญัติ', message: 'core.import.moneyTooLarge' },
      { row: 6, column: 'งบประมาณตามข้อบัญญัติ', message: 'core.import.moneyDecimals' },
      { row: 6, column: 'ไตรมาส 4', message: 'core.import.moneyDecimals' },
    ]);
  });

  test('phases that do not add up, an unknown งบ and division, duplicates, required cells', async () => {
    const rows: XlsxCell[][] = [
      ROW,
      ['ด้านบริหารทั่วไป', 'แผนงานบริหารงานทั่วไป', 'งานบริหารทั่วไป', 'งบดำเนินงาน', 'ค่าวัสดุ', '', 1000, 250, 250, 250, 250, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบเบ็ดเตล็ด', 'ข', '', 1000, 250, 250, 250, 250, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบลงทุน', 'ค', 'กองสาธารณสุข', 1000, 250, 250, 250, 250, ''],
      ['ด', 'แผนงานก', 'งาน', 'งบลงทุน', 'ง', '', 1000, 250, 250, 250, 249.99, ''],
      ['ด', '', 'งาน', 'งบลงทุน', 'จ', '', 10, 10, 0, 0, 0, ''],
    ];
    const err = await rejected(await sheet(HEADERS, rows), 2568, [
      { row: 3, column: '', message: 'core.import.duplicate' },
      { row: 4, column: 'งบ', message: 'core.import.choice' },
      { row: 5, column: 'ส่วนราชการ', message: 'budget.import.unknownDivision' },
      { row: 6, column: 'งบประมาณตามข้อบัญญัติ', message: 'budget.import.phasesSum' },
      { row: 7, column: 'แผนงาน', message: 'core.import.required' },
    ]);
    const sum = err.issues.find((i) => i.message === 'budget.import.phasesSum');
    assert.deepEqual(sum?.params, { sum: '999.99', approved: '1,000.00', diff: '0.01' });
    assert.match(String(err.issues.find((i) => i.message === 'budget.import.unknownDivision')?.params?.allowed), /กองคลัง/);
  });

  test('no phasing, or both phasings at once, is refused for the whole file', async () => {
    const none = ROW.map((v, i) => (i >= 7 && i <= 10 ? null : v));
    await rejected(await sheet(HEADERS, [none]), 2568, [{ row: 0, column: '', message: 'budget.import.noPhasing' }]);
    const both = [...HEADERS, 'ต.ค.'];
    await rejected(await sheet(both, [[...ROW, 100]]), 2568, [{ row: 0, column: '', message: 'budget.import.bothPhasings' }]);
  });

  test('the total typed must equal the lines; the plan total may not overflow', async () => {
    const err = await importPlan(org.ctx, {
      fiscalYear: 2568,
      bytes: await planFileXlsx(THREE, 'quarter'),
      fileName: 'p.xlsx',
      expectedTotalSatang: 1,
    }).catch((e: unknown) => e);
    assert.ok(err instanceof ImportRejected);
    assert.equal(err.issues[0]?.message, 'budget.import.expectedTotal');
    assert.equal(err.issues[0]?.params?.total, '2,565,500.50');
    const big = [1, 2].map((n) => line({ item: `รายการ ${n}`, approvedSatang: MAX_SATANG, phases: [MAX_SATANG, 0, 0, 0] }));
    await rejected(await planFileXlsx(big, 'quarter'), 2568, [{ row: 0, column: 'งบประมาณตามข้อบัญญัติ', message: 'budget.import.planTotal' }]);
    assert.equal(await svc.getPlan(org.ctx, 2568), null);
  });

  test('old .xls, a ZIP bomb renamed .xlsx, an empty file, a text file that is not a table', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(512).fill(0)]);
    await rejected(xls, 2568, [{ row: 0, column: '', message: 'core.import.oldExcel' }]);
    // 64 MB of zeros deflate to about 64 KB: refused once 50 MB have been unpacked.
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024) }, { level: 1 });
    assert.ok(bomb.byteLength < 1024 * 1024);
    await rejected(bomb, 2568, [{ row: 0, column: '', message: 'core.import.unpackedTooLarge' }]);
    await rejected(new Uint8Array(), 2568, [{ row: 0, column: '', message: 'core.import.empty' }]);
    await rejected(new TextEncoder().encode('hello\nworld\n'), 2568, [
      ...['ด้าน', 'แผนงาน', 'งาน', 'งบ', 'รายการ/โครงการ', 'งบประมาณตามข้อบัญญัติ'].map((column) => ({
        row: 0,
        column,
        message: 'core.import.missingColumn',
      })),
    ]);
    assert.equal(await svc.getPlan(org.ctx, 2568), null);
  });

  test('CSV saved from the template (UTF-8 with BOM) imports too', async () => {
    const csv = `\ufeff${HEADERS.join(',')}\n${ROW.map((v) => (v === null ? '' : String(v))).join(',')}\n`;
    const r = await importPlan(org.ctx, { fiscalYear: 2559, bytes: new TextEncoder().encode(csv), fileName: 'plan.csv' });
    assert.equal(r.lineCount, 1);
    assert.equal((await svc.getPlan(org.ctx, 2559))?.plan.totalSatang, 100_000);
  });

  test('a re-import keeps disbursements of matched lines; a line with disbursements missing from the file is refused by name', async () => {
    const fy = 2565;
    await importPlan(org.ctx, { fiscalYear: fy, bytes: await planFileXlsx(THREE, 'quarter'), fileName: 'a.xlsx' });
    const first = await svc.getPlan(org.ctx, fy);
    assert.ok(first);
    const [salary, supplies, computer] = first.lines;
    assert.ok(salary && supplies && computer);
    await svc.recordDisbursements(org.ctx, fy, [
      { lineId: salary.id, month: 1, amountSatang: 200_000_00 },
      { lineId: computer.id, month: 5, amountSatang: 45_000_00 },
    ]);
    // Same lines, the supplies line dropped (no disbursements), amounts changed, a new line.
    const next = [
      { ...THREE[0], approvedSatang: 2_500_000_00, phases: [625_000_00, 625_000_00, 625_000_00, 625_000_00] } as PlanFileLine,
      THREE[2] as PlanFileLine,
      line({ item: 'ค่าซ่อมแซมอาคาร', approvedSatang: 80_000_00, phases: [0, 80_000_00, 0, 0] }),
    ];
    const r = await importPlan(org.ctx, { fiscalYear: fy, bytes: await planFileXlsx(next, 'quarter'), fileName: 'b.xlsx' });
    assert.deepEqual({ kept: r.kept, added: r.added, removed: r.removed }, { kept: 2, added: 1, removed: 1 });
    const second = await svc.getPlan(org.ctx, fy);
    assert.ok(second);
    assert.equal(second.lines[0]?.id, salary.id);
    assert.equal(second.lines[0]?.approvedSatang, 2_500_000_00);
    assert.equal(second.lines[0]?.disbursedByMonth[0], 200_000_00);
    assert.equal(second.lines[1]?.id, computer.id);
    assert.equal(second.lines[1]?.disbursedByMonth[4], 45_000_00);
    assert.equal(second.plan.totalSatang, 2_500_000_00 + 45_500_50 + 80_000_00);

    // Now the computer line (with disbursements) is missing: refused, naming it; nothing changed.
    const err = await rejected(await planFileXlsx([next[0] as PlanFileLine, next[2] as PlanFileLine], 'quarter'), fy, [
      { row: 0, column: 'รายการ/โครงการ', message: 'budget.import.missingDisbursedLine' },
    ]);
    assert.equal(err.issues[0]?.params?.item, 'ครุภัณฑ์คอมพิวเตอร์');
    assert.equal((await svc.getPlan(org.ctx, fy))?.plan.totalSatang, second.plan.totalSatang);
  });

  test('pages: the import form, the error table in Thai with rows and columns (422, values kept), 50 MB → 413, success → plan', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const page = await browser.get('/staff/budget/import?fy=2564');
    assert.equal(page.status, 200);
    const post = async (bytes: Uint8Array, name: string, title = 'แผนทดลอง') => {
      const csrf = await browser.csrf('/staff/budget/import?fy=2564');
      const form = new FormData();
      form.append('_csrf', csrf);
      form.append('title', title);
      form.append('file', new File([bytes], name));
      return browser.request('/staff/budget/import?fy=2564', { method: 'POST', body: form });
    };
    const bad = await post(await sheet(HEADERS, [ROW.map((v, i) => (i === 6 ? 'abc' : v))]), 'bad.xlsx', 'ชื่อที่พิมพ์ไว้');
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /ยังไม่ได้นำเข้า: พบปัญหา 1 จุด/);
    assert.match(html, /<th scope="row" class="num">2<\/th><td>งบประมาณตามข้อบัญญัติ<\/td><td>ต้องเป็นจำนวนเงินบาท/);
    assert.match(html, /value="ชื่อที่พิมพ์ไว้"/);
    assert.equal(await svc.getPlan(org.ctx, 2564), null);

    const huge = await post(new Uint8Array(50 * 1024 * 1024), 'huge.xlsx');
    assert.equal(huge.status, 413);
    assert.match(await huge.text(), /ใหญ่เกิน/);
    assert.equal(await svc.getPlan(org.ctx, 2564), null);

    const ok = await post(await planFileXlsx(THREE, 'quarter'), 'plan.xlsx');
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/staff/budget?fy=2564');
    assert.equal((await svc.getPlan(org.ctx, 2564))?.lines.length, 3);
    const source = await browser.get('/staff/budget/source?fy=2564');
    assert.equal(source.status, 200);

    const template = await browser.get('/staff/budget/template.xlsx?phasing=month');
    assert.equal(template.status, 200);
    assert.match(template.headers.get('content-type') ?? '', /spreadsheetml/);

    const staff = (await signedIn(env, org, ['staff'])).browser;
    assert.equal((await staff.get('/staff/budget/import?fy=2564')).status, 403);
    await assert.rejects(
      importPlan(
        { ...org.ctx, actor: { ...(org.ctx.actor as NonNullable<typeof org.ctx.actor>), roles: ['staff'] } },
        {
          fiscalYear: 2563,
          bytes: await planFileXlsx(THREE, 'quarter'),
          fileName: 'x.xlsx',
        },
      ),
      /forbidden/,
    );
  });
});
