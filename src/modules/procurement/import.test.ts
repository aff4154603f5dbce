import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { auditLog } from '../../core/audit/schema.js';
import type { Role } from '../../core/auth/roles.js';
import { type ImportIssue, ImportRejected, templateHeaders } from '../../core/documents/spreadsheet-import.js';
import { readXlsx, renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { categoryFromTitle, importProcurements, importTemplateCsv, importTemplateXlsx, parseBids, TEMPLATE_COLUMNS } from './import.js';
import { procurementBids, procurements } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-10-20T10:00:00+07:00'); // fiscal year 2568; the imports are of 2567

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

async function countOf(orgId: number): Promise<number> {
  const [r] = await env.services.db.select({ n: count() }).from(procurements).where(eq(procurements.orgId, orgId));
  return Number(r?.n ?? 0);
}

/** The issues an import was refused with, as [row, column, message]. */
async function refused(f: () => Promise<unknown>): Promise<ImportIssue[]> {
  try {
    await f();
  } catch (e) {
    assert.ok(e instanceof ImportRejected, `expected ImportRejected, got ${String(e)}`);
    return e.issues;
  }
  assert.fail('the file was imported');
}
const brief = (issues: ImportIssue[]) => issues.map((i) => [i.row, i.column, i.message]);

const csvOf = (rows: readonly (readonly (string | number)[])[]) =>
  new TextEncoder().encode(
    `\ufeff${rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\r\n')}\r\n`,
  );
const xlsxOf = async (rows: readonly (readonly XlsxCell[])[]) => {
  const [header, ...body] = rows;
  return new Uint8Array(
    await renderXlsx([{ name: 'Sheet1', columns: (header ?? []).map((h) => ({ header: String(h) })), rows: body.map((r) => [...r]) }]),
  );
};

const TEMPLATE = templateHeaders(TEMPLATE_COLUMNS);
/** A template row from a few named cells. */
const tplRow = (cells: Record<string, string | number>) => TEMPLATE.map((h) => cells[h] ?? '');

describe('the template', () => {
  test('XLSX: the header row in the template order, two sample rows, an instructions sheet — and it imports as it is', async () => {
    const bytes = await importTemplateXlsx(org.ctx, 2567);
    const sheets = await readXlsx(bytes);
    const [data, help] = [...sheets.values()];
    assert.deepEqual(data?.[0], TEMPLATE);
    assert.equal(data?.length, 3);
    assert.ok((help?.length ?? 0) >= 8);
    assert.deepEqual(TEMPLATE.slice(0, 5), ['ชื่อรายการ', 'ประเภท', 'วิธีการจัดซื้อจัดจ้าง', 'สถานะ', 'วงเงินงบประมาณ']);
    // The samples are valid rows of that year: the template is its own test.
    const fresh = await createTestOrg(env);
    const summary = await importProcurements(fresh.ctx, { fiscalYear: 2567, bytes, fileName: 'template.xlsx' });
    assert.equal(summary.count, 2);
    assert.equal(summary.budgetSatang, 15_000_00 + 1_250_000_00);
    assert.equal(summary.agreedSatang, 14_500_00 + 1_180_000_00);
    assert.equal(summary.bids, 3);
    const road = (await env.services.db.select().from(procurements).where(eq(procurements.orgId, fresh.org.id))).find(
      (p) => p.category === 'works',
    );
    assert.equal(road?.method, 'e_bidding');
    assert.equal(road?.status, 'contracted');
    assert.equal(road?.contractDate, '2024-02-20');
    assert.equal(road?.winnerTaxId, '0963550000016');
    // The CSV template too (into another fresh organization).
    const fresh2 = await createTestOrg(env);
    const csv = importTemplateCsv(2567);
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal((await importProcurements(fresh2.ctx, { fiscalYear: 2567, bytes: csv, fileName: 'template.csv' })).count, 2);
  });
});

describe('parsing helpers', () => {
  test('bidders: "name: price; name (tax id): price", Thai digits, baht sign; bad parts named', () => {
    assert.deepEqual(parseBids('ร้าน ก: 12,000; บริษัท ข จำกัด (0105536000011): ๑๒,๕๐๐.๕๐\nหจก.ค = 13000 บาท'), {
      bids: [
        { bidderName: 'ร้าน ก', taxId: null, priceSatang: 1_200_000 },
        { bidderName: 'บริษัท ข จำกัด', taxId: '0105536000011', priceSatang: 1_250_050 },
        { bidderName: 'หจก.ค', taxId: null, priceSatang: 1_300_000 },
      ],
      problems: [],
    });
    assert.deepEqual(parseBids('ร้าน ก 12000; ร้าน ข: สิบบาท; : 5; ร้าน ง: -5').problems, [
      { part: 'ร้าน ก 12000', message: 'procurement.import.bidFormat' },
      { part: 'ร้าน ข: สิบบาท', message: 'procurement.import.bidPrice' },
      { part: ': 5', message: 'procurement.import.bidFormat' },
      { part: 'ร้าน ง: -5', message: 'procurement.import.bidPrice' },
    ]);
  });

  test('the category from an e-GP title', () => {
    assert.equal(categoryFromTitle('ซื้อวัสดุสำนักงาน'), 'goods');
    assert.equal(categoryFromTitle('จัดซื้ออาหารเสริม (นม)'), 'goods');
    assert.equal(categoryFromTitle('จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3'), 'works');
    assert.equal(categoryFromTitle('ก่อสร้างฝายชะลอน้ำ'), 'works');
    assert.equal(categoryFromTitle('จ้างเหมาบริการทำความสะอาด'), 'services');
    assert.equal(categoryFromTitle('จ้างที่ปรึกษาสำรวจความพึงพอใจ'), 'consulting');
    assert.equal(categoryFromTitle('โครงการอบรมอาสาสมัคร'), null);
  });
});

describe('an e-GP export', () => {
  const EGP = [
    'ปีงบประมาณ',
    'ชื่อหน่วยงาน',
    'อำเภอ',
    'จังหวัด',
    'กระทรวง',
    'ประเภทหน่วยงาน',
    'ชื่อรายการ',
    'วงเงินงบประมาณที่ได้รับจัดสรร (บาท)',
    'แหล่งที่มาของงบประมาณ',
    'สถานะการจัดซื้อจัดจ้าง',
    'วิธีการจัดซื้อจัดจ้าง',
    'ราคากลาง (บาท)',
    'ราคาที่ตกลงซื้อหรือจ้าง (บาท)',
    'ผู้ประกอบการที่ได้รับการคัดเลือก',
    'เลขที่โครงการในระบบ e-GP',
    'วันที่สัญญา',
  ];
  const place = ['อบต.ลูโบะปือซา', 'บาเจาะ', 'นราธิวาส', 'กระทรวงมหาดไทย', 'องค์กรปกครองส่วนท้องถิ่น'];

  test('its columns are read by their own names; the rest (อำเภอ, จังหวัด …) are skipped; categories from the titles', async () => {
    const o = await createTestOrg(env);
    const bytes = await xlsxOf([
      EGP,
      [
        2567,
        ...place,
        'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3',
        '1,500,000.00',
        'เงินอุดหนุนเฉพาะกิจ',
        'จัดทำสัญญา/PO แล้ว',
        'ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)',
        '1,498,000.00',
        '1,420,000.00',
        'หจก.นราธิวาสการโยธา',
        '67019123456',
        '15/3/2567',
      ],
      [
        2567,
        ...place,
        'ซื้อวัสดุสำนักงาน',
        12000,
        'เงินงบประมาณ',
        'สิ้นสุดสัญญา',
        'เฉพาะเจาะจง',
        12000,
        11850.5,
        'ร้านบาเจาะเครื่องเขียน',
        '66119004321',
        '๒ พ.ย. ๒๕๖๖',
      ],
      ['2567', ...place, 'จ้างเหมาบริการรถรับส่งนักเรียน', '96000', '', 'ระหว่างดำเนินการ', 'วิธีเฉพาะเจาะจง', '', '', '', '', ''],
    ]);
    const s = await importProcurements(o.ctx, { fiscalYear: 2567, bytes, fileName: 'egp.xlsx' });
    assert.equal(s.count, 3);
    const rows = await env.services.db.select().from(procurements).where(eq(procurements.orgId, o.org.id)).orderBy(procurements.id);
    assert.deepEqual(
      rows.map((r) => [
        r.category,
        r.method,
        r.status,
        r.budgetSatang,
        r.referencePriceSatang,
        r.agreedPriceSatang,
        r.egpProjectNo,
        r.contractDate,
        r.fiscalYear,
      ]),
      [
        ['works', 'e_bidding', 'contracted', 150_000_000, 149_800_000, 142_000_000, '67019123456', '2024-03-15', 2567],
        ['goods', 'specific', 'completed', 1_200_000, 1_200_000, 1_185_050, '66119004321', '2023-11-02', 2567],
        ['services', 'specific', 'announced', 9_600_000, null, null, null, null, 2567],
      ],
    );
  });

  test('a contracted e-GP row without the contract date is refused by the service rule, at its row and column', async () => {
    const o = await createTestOrg(env);
    const bytes = csvOf([
      EGP.slice(0, 15),
      [2567, ...place, 'ซื้อน้ำมันเชื้อเพลิง', '50000', '', 'จัดทำสัญญา/PO แล้ว', 'เฉพาะเจาะจง', '', '48000', 'หจก.ปั๊มบาเจาะ', '66129000111'],
      [2566, ...place, 'ซื้อน้ำมันเชื้อเพลิง ก.พ.', '50000', '', 'ระหว่างดำเนินการ', 'เฉพาะเจาะจง', '', '', '', ''],
    ]);
    const issues = await refused(() => importProcurements(o.ctx, { fiscalYear: 2567, bytes, fileName: 'egp.csv' }));
    assert.deepEqual(brief(issues), [
      [2, 'วันที่สัญญา', 'procurement.errors.contractDateRequired'],
      [3, 'ปีงบประมาณ', 'procurement.import.otherYear'],
    ]);
    assert.deepEqual(issues[1]?.params, { value: 2566, year: 2567 });
    assert.equal(await countOf(o.org.id), 0);
  });
});

describe('bad files: every problem by row and column, nothing imported', () => {
  test('cells: text in amounts, negative, overflow, dates outside the fiscal year, unknown method, formulas', async () => {
    const before = await countOf(org.org.id);
    const bytes = csvOf([
      TEMPLATE,
      tplRow({ ชื่อรายการ: 'ซื้อวัสดุสำนักงาน', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: 'หนึ่งหมื่น' }),
      tplRow({ ชื่อรายการ: 'ซื้อวัสดุงานบ้าน', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '-500' }),
      tplRow({ ชื่อรายการ: 'ซื้อครุภัณฑ์', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '9999999999999999' }),
      tplRow({ ชื่อรายการ: 'ซื้อยางมะตอย', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000', วันที่สัญญา: '1/10/2567' }),
      tplRow({ ชื่อรายการ: 'ซื้อหินคลุก', วิธีการจัดซื้อจัดจ้าง: 'ประมูล', วงเงินงบประมาณ: '5000', วันที่ประกาศเชิญชวน: '30/9/2566' }),
      tplRow({ ชื่อรายการ: '=HYPERLINK("http://x")', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000' }),
      tplRow({ ชื่อรายการ: '', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000' }),
      tplRow({ ชื่อรายการ: 'ซื้อทราย', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000' }),
    ]);
    const issues = await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes, fileName: 'bad.csv' }));
    assert.deepEqual(brief(issues), [
      [2, 'วงเงินงบประมาณ', 'core.import.money'],
      [3, 'วงเงินงบประมาณ', 'core.import.negative'],
      [4, 'วงเงินงบประมาณ', 'core.import.moneyTooLarge'],
      [5, 'วันที่สัญญา', 'core.import.dateRange'],
      [6, 'วิธีการจัดซื้อจัดจ้าง', 'core.import.choice'],
      [6, 'วันที่ประกาศเชิญชวน', 'core.import.dateRange'],
      [7, 'ชื่อรายการ', 'core.import.formula'],
      [8, 'ชื่อรายการ', 'core.import.required'],
    ]);
    assert.deepEqual([issues[3]?.params?.from, issues[3]?.params?.to], ['1/10/2566', '30/9/2567']);
    assert.equal(await countOf(org.org.id), before);
  });

  test('missing and renamed columns are named, with the headers nobody knows', async () => {
    const bytes = csvOf([
      ['ชื่องาน', 'วิธีการจัดซื้อจัดจ้าง', 'งบ'],
      ['ซื้อวัสดุ', 'เฉพาะเจาะจง', '100'],
    ]);
    const issues = await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes, fileName: 'x.csv' }));
    assert.deepEqual(brief(issues), [
      [1, 'ชื่อรายการ', 'core.import.missingColumn'],
      [1, 'วงเงินงบประมาณ', 'core.import.missingColumn'],
      [1, '', 'core.import.unknownColumns'],
    ]);
    assert.equal(issues[2]?.params?.names, 'ชื่องาน, งบ');
  });

  test("the service's rules per row: winner among the bidders, tax id check digit, agreed price over budget, bids that cannot be read", async () => {
    const bytes = csvOf([
      TEMPLATE,
      tplRow({
        ชื่อรายการ: 'ซื้อวัสดุคอมพิวเตอร์',
        วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง',
        วงเงินงบประมาณ: '20000',
        ผู้เสนอราคา: 'ร้าน ก: 19,000; ร้าน ข: 19,500',
        ผู้ได้รับการคัดเลือก: 'ร้าน ค',
        ราคาที่ตกลง: '19000',
      }),
      tplRow({
        ชื่อรายการ: 'ซื้อหมึกพิมพ์',
        วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง',
        วงเงินงบประมาณ: '20000',
        ผู้ได้รับการคัดเลือก: 'ร้าน ก',
        เลขประจำตัวผู้เสียภาษี: '1234567890123',
        ราคาที่ตกลง: '25000',
      }),
      tplRow({ ชื่อรายการ: 'ซื้อกระดาษ', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000', ผู้เสนอราคา: 'ร้าน ก 4,900' }),
      tplRow({ ชื่อรายการ: 'โครงการอบรม', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000' }),
      tplRow({ ชื่อรายการ: 'ซื้อแฟ้ม', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '5000', ผู้เสนอราคา: 'ร้าน ก (1234567890123): 4,900' }),
    ]);
    const issues = await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes, fileName: 'rules.csv' }));
    assert.deepEqual(brief(issues), [
      [2, 'ผู้ได้รับการคัดเลือก', 'procurement.errors.winnerNotBidder'],
      [3, 'เลขประจำตัวผู้เสียภาษี', 'procurement.errors.taxId'],
      [3, 'หมายเหตุ', 'procurement.errors.overBudget'],
      [4, 'ผู้เสนอราคา', 'procurement.import.bidFormat'],
      [5, 'ประเภท', 'procurement.import.categoryRequired'],
      [6, 'ผู้เสนอราคา (1)', 'procurement.errors.taxId'],
    ]);
    // The service's messages name their field through its label.
    assert.equal(issues[0]?.label, 'procurement.fields.winnerName');
  });

  test('duplicates within the file: the same e-GP project, the same title with the same contract number', async () => {
    const row = (title: string, contract: string, egp: string) =>
      tplRow({
        ชื่อรายการ: title,
        วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง',
        วงเงินงบประมาณ: '5000',
        ผู้ได้รับการคัดเลือก: 'ร้าน ก',
        ราคาที่ตกลง: '4900',
        เลขที่สัญญา: contract,
        วันที่สัญญา: '2/11/2566',
        'เลขที่โครงการ e-GP': egp,
      });
    const bytes = csvOf([
      TEMPLATE,
      row('ซื้อวัสดุ', '1/2567', '66119000001'),
      row('ซื้อวัสดุไฟฟ้า', '2/2567', '66119000001'),
      row('ซื้อ วัสดุ', '1/2567', ''),
      row('ซื้อวัสดุ', '3/2567', ''),
    ]);
    const issues = await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes, fileName: 'dup.csv' }));
    assert.deepEqual(
      issues.map((i) => [i.row, i.message, i.params?.first]),
      [
        [3, 'core.import.duplicate', 2],
        [4, 'core.import.duplicate', 2],
      ],
    );
  });

  test('rows already recorded are refused by the second import, naming the record; the first stays whole', async () => {
    const o = await createTestOrg(env);
    const file = (title: string, contract: string, egp: string) =>
      csvOf([
        TEMPLATE,
        tplRow({
          ชื่อรายการ: title,
          วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง',
          วงเงินงบประมาณ: '5000',
          ผู้ได้รับการคัดเลือก: 'ร้าน ก',
          ราคาที่ตกลง: '4900',
          เลขที่สัญญา: contract,
          วันที่สัญญา: '2/11/2566',
          'เลขที่โครงการ e-GP': egp,
        }),
        tplRow({ ชื่อรายการ: 'ซื้อน้ำดื่ม', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '900' }),
      ]);
    await importProcurements(o.ctx, { fiscalYear: 2567, bytes: file('ซื้อวัสดุไฟฟ้า', '5/2567', '66119000777'), fileName: 'a.csv' });
    assert.equal(await countOf(o.org.id), 2);
    const again = await refused(() =>
      importProcurements(o.ctx, { fiscalYear: 2567, bytes: file('ซื้อวัสดุอื่น', '9/2567', '66119000777'), fileName: 'b.csv' }),
    );
    assert.deepEqual(brief(again), [[2, 'เลขที่โครงการ e-GP', 'procurement.import.egpRecorded']]);
    assert.equal(again[0]?.params?.title, 'ซื้อวัสดุไฟฟ้า');
    const byContract = await refused(() =>
      importProcurements(o.ctx, { fiscalYear: 2567, bytes: file('ซื้อวัสดุไฟฟ้า', '5/2567', ''), fileName: 'c.csv' }),
    );
    assert.deepEqual(brief(byContract), [[2, 'เลขที่สัญญา', 'procurement.import.contractRecorded']]);
    // Nothing of the refused files was written (their second row neither).
    assert.equal(await countOf(o.org.id), 2);
    // Another organization may record the same e-GP number for itself.
    const o2 = await createTestOrg(env);
    assert.equal(
      (await importProcurements(o2.ctx, { fiscalYear: 2567, bytes: file('ซื้อวัสดุไฟฟ้า', '5/2567', '66119000777'), fileName: 'a.csv' })).count,
      2,
    );
  });

  test('hostile and wrong files: a ZIP bomb renamed .xlsx, an old .xls, an empty file', async () => {
    const bomb = zipBomb(60);
    assert.deepEqual(brief(await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes: bomb, fileName: 'plan.xlsx' }))), [
      [0, '', 'core.import.unpackedTooLarge'],
    ]);
    const xls = new Uint8Array(2048);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    assert.deepEqual(brief(await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes: xls, fileName: 'old.xls' }))), [
      [0, '', 'core.import.oldExcel'],
    ]);
    assert.deepEqual(
      brief(await refused(() => importProcurements(org.ctx, { fiscalYear: 2567, bytes: new Uint8Array(), fileName: 'e.csv' }))),
      [[0, '', 'core.import.empty']],
    );
  });
});

describe('the import page (no JS) and the API', () => {
  const goodCsv = () =>
    csvOf([
      TEMPLATE,
      tplRow({
        ชื่อรายการ: 'ซื้ออาหารเสริม (นม) ภาคเรียนที่ 2',
        ประเภท: 'ซื้อ',
        วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง',
        วงเงินงบประมาณ: '180,000',
        ผู้เสนอราคา: 'สหกรณ์โคนมนราธิวาส: 179,500',
        ผู้ได้รับการคัดเลือก: 'สหกรณ์โคนมนราธิวาส',
        ราคาที่ตกลง: '179500',
        เลขที่สัญญา: '44/2567',
        วันที่สัญญา: '1/11/2566',
      }),
      tplRow({ ชื่อรายการ: 'จ้างเหมาบริการดูแลสวนสาธารณะ', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '108000' }),
    ]);

  async function upload(browser: import('../../testing/harness.js').TestBrowser, bytes: Uint8Array, name: string, fy = '2567') {
    const token = await browser.csrf('/staff/procurement/import?fy=2567');
    const form = new FormData();
    form.append('_csrf', token);
    form.append('fiscalYear', fy);
    form.append('file', new File([bytes], name));
    const res = await browser.request('/staff/procurement/import?fy=2567', { method: 'POST', body: form });
    return { res, html: await res.text() };
  }

  test('a refused file shows the table of problems (row, column, what is wrong) with the form again; a good file, the summary', async () => {
    const o = await createTestOrg(env);
    const { browser } = await signedIn(env, o, ['division_head']);
    const page = await browser.get('/staff/procurement/import?fy=2567');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /enctype="multipart\/form-data"/);
    assert.match(html, /template\.xlsx\?fy=2567/);
    const bad = await upload(
      browser,
      csvOf([TEMPLATE, tplRow({ ชื่อรายการ: 'ซื้อวัสดุ', วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง', วงเงินงบประมาณ: '-1' })]),
      'bad.csv',
    );
    assert.equal(bad.res.status, 422);
    assert.match(
      bad.html,
      /<th scope="row" class="num">2<\/th>\s*<td>วงเงินงบประมาณ<\/td>\s*<td>จำนวนเงินต้องไม่ติดลบ \(พบ &quot;-1&quot;\)<\/td>/,
    );
    assert.match(bad.html, /ยังไม่ได้นำเข้า พบปัญหา 1 จุด/);
    assert.match(bad.html, /type="file"/);
    assert.equal(await countOf(o.org.id), 0);

    const good = await upload(browser, goodCsv(), 'milk.csv');
    assert.equal(good.res.status, 303);
    const to = good.res.headers.get('location') ?? '';
    assert.match(to, /^\/staff\/procurement\/import\?fy=2567&done=\d+$/);
    const done = await browser.get(to);
    const doneHtml = await done.text();
    assert.match(doneHtml, /นำเข้าแล้ว 2 รายการ ปีงบประมาณ 2567/);
    assert.match(doneHtml, /288,000\.00/);
    assert.match(doneHtml, /179,500\.00/);
    assert.equal(await countOf(o.org.id), 2);
    const bids = await env.services.db.select().from(procurementBids).where(eq(procurementBids.orgId, o.org.id));
    assert.deepEqual(
      bids.map((b) => [b.bidderName, b.priceSatang]),
      [['สหกรณ์โคนมนราธิวาส', 17_950_000]],
    );
    const [audit] = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.action, 'procurement.import')));
    assert.match(audit?.summary ?? '', /2 รายการ วงเงินรวม 288,000\.00 บาท/);

    // Another organization's staff do not see this import's summary (the id is not theirs).
    const { browser: stranger } = await signedIn(env, other, ['division_head']);
    const theirs = await (await stranger.get(to.replace(/^/, ''))).text();
    assert.doesNotMatch(theirs, /นำเข้าแล้ว/);
  });

  test('no file, and a year that does not exist', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const token = await browser.csrf('/staff/procurement/import?fy=2567');
    const form = new FormData();
    form.append('_csrf', token);
    form.append('fiscalYear', '2567');
    const res = await browser.request('/staff/procurement/import?fy=2567', { method: 'POST', body: form });
    assert.equal(res.status, 422);
    assert.match(await res.text(), /กรุณาเลือกไฟล์ Excel หรือ CSV/);
    assert.equal((await browser.get('/staff/procurement/import?fy=1999')).status, 404);
    assert.equal((await browser.get('/staff/procurement/import?fy=abcd')).status, 404);
  });

  test('a 50 MB upload is stopped by the body limit (413 page), nothing imported', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const before = await countOf(org.org.id);
    const token = await browser.csrf('/staff/procurement/import?fy=2567');
    const form = new FormData();
    form.append('_csrf', token);
    form.append('fiscalYear', '2567');
    form.append('file', new File([new Uint8Array(50 * 1024 * 1024).fill(0x41)], 'huge.csv'));
    const res = await browser.request('/staff/procurement/import?fy=2567', { method: 'POST', body: form });
    assert.equal(res.status, 413);
    assert.match(await res.text(), /เมกะไบต์|MB/);
    assert.equal(await countOf(org.org.id), before);
  });

  test('templates download for editors', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const x = await browser.get('/staff/procurement/import/template.xlsx?fy=2567');
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type') ?? '', /spreadsheetml/);
    const c = await browser.get('/staff/procurement/import/template.csv?fy=2567');
    assert.equal(c.status, 200);
    assert.match(c.headers.get('content-disposition') ?? '', /procurement-template-2567\.csv/);
    assert.match(await c.text(), /ชื่อรายการ,ประเภท,วิธีการจัดซื้อจัดจ้าง/);
  });

  test('permissions: staff without an editing role get 403, the public is sent to sign in; the service refuses too', async () => {
    const { browser: staff } = await signedIn(env, org, ['staff']);
    assert.equal((await staff.get('/staff/procurement/import')).status, 403);
    assert.equal((await staff.get('/staff/procurement/import/template.xlsx')).status, 403);
    const form = new FormData();
    form.append('_csrf', await staff.csrf('/staff'));
    form.append('file', new File([goodCsv()], 'x.csv'));
    assert.equal((await staff.request('/staff/procurement/import?fy=2567', { method: 'POST', body: form })).status, 403);
    const anon = await env.app.request(`http://${org.host}/staff/procurement/import`, { headers: { host: org.host } });
    assert.ok([302, 303, 401].includes(anon.status), `anonymous: ${anon.status}`);
    const staffUser = await createTestUser(env, org, ['staff']);
    await assert.rejects(
      importProcurements(
        { ...org.ctx, actor: { ...org.ctx.actor!, userId: staffUser.userId, roles: ['staff'] as Role[] } },
        { fiscalYear: 2567, bytes: goodCsv(), fileName: 'x.csv' },
      ),
      (e: Error & { status?: number }) => e.status === 403,
    );
    await assert.rejects(
      importProcurements({ ...org.ctx, actor: null }, { fiscalYear: 2567, bytes: goodCsv(), fileName: 'x.csv' }),
      (e: Error & { status?: number }) => e.status === 401,
    );
  });

  test('API procurement.import: 201 with the summary; 422 with one field per problem ("row n, column"); 403 for staff', async () => {
    const o = await createTestOrg(env);
    const api = async (roles: Role[], bytes: Uint8Array, fy = '2567') => {
      const user = await createTestUser(env, o, roles);
      const login = await env.app.request(`http://${o.host}/api/auth/login`, {
        method: 'POST',
        headers: { host: o.host, 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: user.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const form = new FormData();
      form.append('fiscalYear', fy);
      form.append('file', new File([bytes], 'x.csv'));
      return env.app.request(`http://${o.host}/api/procurement/import`, {
        method: 'POST',
        headers: { host: o.host, authorization: `Bearer ${token}`, 'accept-language': 'th' },
        body: form,
      });
    };
    const ok = await api(['division_head'], goodCsv());
    assert.equal(ok.status, 201);
    const summary = (await ok.json()) as { count: number; budgetSatang: number; byMethod: Record<string, number> };
    assert.deepEqual([summary.count, summary.budgetSatang, summary.byMethod.specific], [2, 28_800_000, 2]);

    const bad = await api(
      ['admin'],
      csvOf([
        TEMPLATE,
        tplRow({
          ชื่อรายการ: 'ซื้อวัสดุ',
          วิธีการจัดซื้อจัดจ้าง: 'เฉพาะเจาะจง',
          วงเงินงบประมาณ: '100',
          ผู้ได้รับการคัดเลือก: 'ร้าน ก',
          เลขประจำตัวผู้เสียภาษี: '123',
        }),
      ]),
    );
    assert.equal(bad.status, 422);
    const body = (await bad.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
    assert.equal(body.error.code, 'import_rejected');
    assert.deepEqual(
      body.error.fields.map((f) => f.field),
      ['row 2, เลขประจำตัวผู้เสียภาษี', 'row 2, ราคาที่ตกลง'],
    );
    assert.ok(body.error.fields.every((f) => f.message.length > 0 && !f.message.includes('procurement.')));
    assert.equal((await api(['staff'], goodCsv())).status, 403);
    assert.equal((await api(['admin'], goodCsv(), '1999')).status, 404);
  });
});

/** A workbook-looking ZIP whose sheet inflates to `mb` megabytes of zeros. */
function zipBomb(mb: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const types = new ZipPassThrough('[Content_Types].xml');
  zip.add(types);
  types.push(new TextEncoder().encode('<?xml version="1.0"?><Types/>'), true);
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
  zip.add(sheet);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) sheet.push(zeros, i === mb - 1);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
