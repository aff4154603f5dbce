import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { coreMessages as messages } from '../i18n/messages.js';
import {
  duplicateIssues,
  type ImportColumn,
  type ImportIssue,
  ImportRejected,
  normalizeHeader,
  parseCsv,
  parseImportDate,
  readImportTable,
  templateHeaders,
} from './spreadsheet-import.js';

/** A small table of every cell kind, as the importers declare theirs. */
const COLUMNS: readonly ImportColumn[] = [
  { key: 'title', headers: ['ชื่อรายการ', 'Title'], kind: 'text', required: true, maxLength: 30 },
  { key: 'amount', headers: ['วงเงิน (บาท)', 'วงเงินงบประมาณที่ได้รับจัดสรร', 'Amount'], kind: 'money', required: true },
  { key: 'count', headers: ['จำนวน', 'Count'], kind: 'integer', min: 1, max: 99 },
  {
    key: 'day',
    headers: ['วันที่', 'Date'],
    kind: 'date',
    dateRange: { from: '2023-10-01', to: '2024-09-30' },
  },
  {
    key: 'method',
    headers: ['วิธี', 'Method'],
    kind: 'choice',
    choices: { เฉพาะเจาะจง: 'specific', 'e-bidding': 'e_bidding', ประกวดราคาอิเล็กทรอนิกส์: 'e_bidding', specific: 'specific' },
  },
];
const HEADER = ['ชื่อรายการ', 'วงเงิน (บาท)', 'จำนวน', 'วันที่', 'วิธี'];

const enc = (s: string) => new TextEncoder().encode(s);
const csv = (lines: readonly string[]) => enc(`${lines.join('\r\n')}\r\n`);

/** The issues an import was refused with: file-level problems thrown, or the cells' issues. */
async function rejected(bytes: Uint8Array, columns = COLUMNS, limits = {}): Promise<ImportIssue[]> {
  let table: Awaited<ReturnType<typeof readImportTable>>;
  try {
    table = await readImportTable(bytes, columns, limits);
  } catch (e) {
    assert.ok(e instanceof ImportRejected, `expected ImportRejected, got ${String(e)}`);
    assert.equal(e.status, 422);
    return e.issues;
  }
  assert.ok(table.issues.length > 0, 'the file was accepted');
  return table.issues;
}

async function xlsx(rows: readonly (readonly ExcelJS.CellValue[])[], build?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('รายการ');
  for (const r of rows) ws.addRow([...r]);
  build?.(ws);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readImportTable: cells', () => {
  it('types every kind of cell from an XLSX: text, money (satang), integer, date, choice', async () => {
    const file = await xlsx([
      HEADER,
      ['  วัสดุสำนักงาน   ไตรมาส 1 ', 12500.5, 3, new Date(Date.UTC(2023, 11, 25)), 'เฉพาะเจาะจง'],
      ['น้ำมันเชื้อเพลิง', '1,234,567.89', '๑๒', '25/12/2566', 'E-Bidding'],
      ['อาหารเสริม (นม)', '฿ 900 บาท', null, '๒๕ ธ.ค. ๒๕๖๖', 'ประกวดราคา อิเล็กทรอนิกส์'],
      ['ครุภัณฑ์', 0, '7', '2024-09-30', null],
    ]);
    const t = await readImportTable(file, COLUMNS);
    assert.deepEqual(t.issues, []);
    assert.equal(t.headerRow, 1);
    assert.deepEqual(
      t.rows.map((r) => [r.row, r.values]),
      [
        [2, { title: 'วัสดุสำนักงาน ไตรมาส 1', amount: 1_250_050, count: 3, day: '2023-12-25', method: 'specific' }],
        [3, { title: 'น้ำมันเชื้อเพลิง', amount: 123_456_789, count: 12, day: '2023-12-25', method: 'e_bidding' }],
        [4, { title: 'อาหารเสริม (นม)', amount: 90_000, count: null, day: '2023-12-25', method: 'e_bidding' }],
        [5, { title: 'ครุภัณฑ์', amount: 0, count: 7, day: '2024-09-30', method: null }],
      ],
    );
  });

  it('reports each bad cell with its Excel row, the column as the file heads it and the value found', async () => {
    const file = await xlsx([
      ['ชื่อรายการ', 'Amount', 'จำนวน', 'วันที่', 'วิธี'],
      ['', 'หนึ่งพันบาท', 'สาม', '31/02/2567', 'ตามใจ'],
      ['ก'.repeat(31), -5, 100, '1/10/2567', 'specific'],
      ['ค่าเช่า', '12.345', 2.5, '30/9/2566', 'specific'],
      ['ค่าไฟ', '(1,000)', 0, 'พรุ่งนี้', 'specific'],
      ['=HYPERLINK("http://x")', 123.456, 1, '1/10/2566', 'specific'],
      ['+cmd|calc', '100000000000000000', 1, '1/10/2566', 'specific'],
      ['@SUM(A1)', true, 1, '1/10/2566', 'specific'],
    ]);
    const issues = await rejected(file);
    const got = issues.map((i) => [i.row, i.column, i.message, i.params?.value ?? null]);
    assert.deepEqual(got, [
      [2, 'ชื่อรายการ', 'core.import.required', null],
      [2, 'Amount', 'core.import.money', 'หนึ่งพันบาท'],
      [2, 'จำนวน', 'core.import.integer', 'สาม'],
      [2, 'วันที่', 'core.import.date', '31/02/2567'],
      [2, 'วิธี', 'core.import.choice', 'ตามใจ'],
      [3, 'ชื่อรายการ', 'core.import.tooLong', null],
      [3, 'Amount', 'core.import.negative', '-5'],
      [3, 'จำนวน', 'core.import.integerRange', 100],
      [3, 'วันที่', 'core.import.dateRange', '1/10/2567'],
      [4, 'Amount', 'core.import.money', '12.345'],
      [4, 'จำนวน', 'core.import.integer', '2.5'],
      [4, 'วันที่', 'core.import.dateRange', '30/9/2566'],
      [5, 'Amount', 'core.import.negative', '(1,000)'],
      [5, 'จำนวน', 'core.import.integerRange', 0],
      [5, 'วันที่', 'core.import.date', 'พรุ่งนี้'],
      [6, 'ชื่อรายการ', 'core.import.formula', '=HYPERLINK("http://x")'],
      [6, 'Amount', 'core.import.moneyDecimals', '123.456'],
      [7, 'ชื่อรายการ', 'core.import.formula', '+cmd|calc'],
      [7, 'Amount', 'core.import.moneyTooLarge', null],
      [8, 'ชื่อรายการ', 'core.import.formula', '@SUM(A1)'],
      [8, 'Amount', 'core.import.notValue', 'true'],
    ]);
    // The range is said back the way people type dates: B.E.
    const range = issues.find((i) => i.message === 'core.import.dateRange');
    assert.deepEqual([range?.params?.from, range?.params?.to], ['1/10/2566', '30/9/2567']);
    // The allowed choices are named.
    assert.match(String(issues.find((i) => i.message === 'core.import.choice')?.params?.allowed), /เฉพาะเจาะจง.*e-bidding/);
  });

  it('money from Excel numbers: exact to the satang, sub-satang fractions refused even on large amounts', async () => {
    const file = await xlsx([
      HEADER,
      ['ก', 0.1 + 0.2, 1, null, null], // 0.30000000000000004: a computed cell, 30 satang
      ['ข', 1070.0000000000002, 1, null, null],
      ['ค', 999_999_999.99, 1, null, null],
      ['ง', 12_345_678.915, 1, null, null],
      ['จ', 99_999_999_999.995, 1, null, null],
      ['ฉ', 1_234_567.001, 1, null, null],
    ]);
    const issues = await rejected(file);
    assert.deepEqual(
      issues.map((i) => [i.row, i.message]),
      [
        [5, 'core.import.moneyDecimals'],
        [6, 'core.import.moneyDecimals'],
        [7, 'core.import.moneyDecimals'],
      ],
    );
    const ok = await readImportTable(await xlsx([HEADER, ['ก', 0.1 + 0.2], ['ข', 1070.0000000000002], ['ค', 999_999_999.99]]), COLUMNS);
    assert.deepEqual(
      ok.rows.map((r) => r.values.amount),
      [30, 107_000, 99_999_999_999],
    );
  });

  it('a money column has its own ceiling (maxSatang) and the message names it in baht', async () => {
    const cols = COLUMNS.map((c) => (c.key === 'amount' ? { ...c, maxSatang: 100_000_00 } : c));
    const issues = await rejected(csv([HEADER.join(','), 'ก,"100,000.01"', 'ข,100000']), cols);
    assert.equal(issues.length, 1);
    assert.deepEqual([issues[0]?.row, issues[0]?.message, issues[0]?.params?.max], [2, 'core.import.moneyTooLarge', '100,000.00']);
  });

  it('reads a formula cell by its computed value, and a rich-text cell by its text', async () => {
    const file = await xlsx([HEADER], (ws) => {
      ws.addRow([{ richText: [{ text: 'ซ่อมแซม' }, { text: 'ฝาย', font: { bold: true } }] }, { formula: 'B3*2', result: 250 }, 1]);
      ws.addRow(['ค่าจ้าง', 125, { formula: '1+1', result: 2 }]);
    });
    const t = await readImportTable(file, COLUMNS);
    assert.deepEqual(t.issues, []);
    assert.deepEqual(
      t.rows.map((r) => [r.values.title, r.values.amount, r.values.count]),
      [
        ['ซ่อมแซมฝาย', 25_000, 1],
        ['ค่าจ้าง', 12_500, 2],
      ],
    );
  });
});

describe('parseImportDate', () => {
  it('accepts the ways Thai offices write a day, B.E. or A.D., Thai or Arabic digits', () => {
    const cases: [unknown, string | null][] = [
      ['25/12/2567', '2024-12-25'],
      ['25-12-2024', '2024-12-25'],
      ['25.12.2567', '2024-12-25'],
      ['2024-12-25', '2024-12-25'],
      ['๒๕/๑๒/๒๕๖๗', '2024-12-25'],
      ['25 ธ.ค. 2567', '2024-12-25'],
      ['๒๕ ธ.ค. ๒๕๖๗', '2024-12-25'],
      ['25 ธันวาคม พ.ศ. 2567', '2024-12-25'],
      ['1 ต.ค.2566', '2023-10-01'],
      ['29/2/2567', '2024-02-29'],
      ['29/2/2566', null], // 2023 is not a leap year
      ['32/1/2567', null],
      ['25 ธค 2567', null],
      ['25/12/67', null],
      ['25/12/3000', null],
      ['', null],
      [45_651, null],
      [new Date(Date.UTC(2024, 11, 25)), '2024-12-25'],
      // ExcelJS can give a date a second before midnight: still that day.
      [new Date(Date.UTC(2024, 11, 24, 23, 59, 59)), '2024-12-25'],
    ];
    for (const [input, want] of cases) assert.equal(parseImportDate(input as string), want, String(input));
  });
});

describe('readImportTable: headers', () => {
  it('matches headers without case, spaces, a (บาท) suffix, Thai digits, and by their aliases, anywhere in the first rows', async () => {
    const file = csv([
      'สรุปการจัดซื้อจัดจ้าง ปีงบประมาณ 2567,,,,',
      'องค์การบริหารส่วนตำบลลูโบะปือซา,,,,',
      ',,,,',
      'METHOD , title,วงเงินงบประมาณที่ได้รับจัดสรร,date,Count',
      'specific,ค่าวัสดุ,"5,000",1/10/2566,1',
    ]);
    const t = await readImportTable(file, COLUMNS);
    assert.equal(t.headerRow, 4);
    // Each column found, as the file heads it (for the importer's own issues).
    assert.deepEqual(t.columns, { title: 'title', amount: 'วงเงินงบประมาณที่ได้รับจัดสรร', count: 'Count', day: 'date', method: 'METHOD' });
    assert.deepEqual(t.rows, [{ row: 5, values: { title: 'ค่าวัสดุ', amount: 500_000, count: 1, day: '2023-10-01', method: 'specific' } }]);
    assert.equal(normalizeHeader(' วงเงิน  ( บาท ) '), normalizeHeader('วงเงิน'));
    assert.equal(normalizeHeader('ไตรมาส ๑'), 'ไตรมาส1');
    assert.equal(normalizeHeader('Amount [Baht]:'), 'amount');
  });

  it('a missing required column is named with the headers the file has that nobody knows (a renamed column)', async () => {
    const issues = await rejected(csv(['รายการที่ซื้อ,วงเงิน,จำนวน,หมายเหตุ', 'ก,1,1,']));
    assert.deepEqual(
      issues.map((i) => [i.row, i.column, i.message, i.params?.names ?? null]),
      [
        [1, 'ชื่อรายการ', 'core.import.missingColumn', null],
        [1, '', 'core.import.unknownColumns', 'รายการที่ซื้อ, หมายเหตุ'],
      ],
    );
  });

  it('a file with none of the headers names every required column', async () => {
    const issues = await rejected(csv(['a,b,c', '1,2,3']));
    assert.deepEqual(
      issues.map((i) => [i.row, i.column, i.message]),
      [
        [0, 'ชื่อรายการ', 'core.import.missingColumn'],
        [0, 'วงเงิน (บาท)', 'core.import.missingColumn'],
      ],
    );
  });

  it('optional columns may be absent; blank rows are skipped; a header with no rows under it is refused', async () => {
    const t = await readImportTable(csv(['ชื่อรายการ,วงเงิน', 'ก,1', ',', '', 'ข,2']), COLUMNS);
    assert.deepEqual(
      t.rows.map((r) => [r.row, r.values.title, r.values.count]),
      [
        [2, 'ก', null],
        [5, 'ข', null],
      ],
    );
    const issues = await rejected(csv(['ชื่อรายการ,วงเงิน']));
    assert.deepEqual(
      issues.map((i) => i.message),
      ['core.import.noRows'],
    );
  });

  it('the template header row is the first header of each column', () => {
    assert.deepEqual(templateHeaders(COLUMNS), HEADER);
  });

  it('reads the named sheet, or the sheet that has the header row', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('คำอธิบาย').addRow(['กรอกข้อมูลในแผ่นงานถัดไป']);
    const data = wb.addWorksheet('ข้อมูล');
    data.addRow(HEADER);
    data.addRow(['ก', 1]);
    const file = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    assert.equal((await readImportTable(file, COLUMNS)).rows.length, 1);
    assert.equal((await readImportTable(file, COLUMNS, { sheet: 'ข้อมูล' })).rows.length, 1);
    const issues = await rejected(file, COLUMNS, { sheet: 'Sheet1' });
    assert.deepEqual([issues[0]?.message, issues[0]?.params?.sheet], ['core.import.sheetMissing', 'Sheet1']);
  });
});

describe('readImportTable: CSV', () => {
  it('quotes: separators, doubled quotes and line breaks inside a field; CRLF or LF', async () => {
    assert.deepEqual(parseCsv('a,"b,c","say ""hi""","two\nlines"\nx,,z'), [
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
    assert.deepEqual(parseCsv('a;b;c\r\n1;2;3'), [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    assert.deepEqual(parseCsv('a\tb\n1\t"2\t3"'), [
      ['a', 'b'],
      ['1', '2\t3'],
    ]);
    const t = await readImportTable(csv([HEADER.join(','), '"ค่าจ้าง ""พิเศษ"", งวดที่ 1","1,500.00",2,,']), COLUMNS);
    assert.deepEqual(t.rows[0]?.values, { title: 'ค่าจ้าง "พิเศษ", งวดที่ 1', amount: 150_000, count: 2, day: null, method: null });
  });

  it('UTF-8 with a BOM (what Excel saves as "CSV UTF-8")', async () => {
    const body = csv([HEADER.join(','), 'อาหารกลางวัน,100,1,,']);
    const file = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const t = await readImportTable(file, COLUMNS);
    assert.equal(t.headerRow, 1);
    assert.equal(t.rows[0]?.values.title, 'อาหารกลางวัน');
  });

  it('Windows-874 (what Thai Excel saves as plain CSV)', async () => {
    // TIS-620: Thai letters U+0E01..U+0E5B are bytes 0xA1..0xFB.
    const tis = (s: string) => [...s].map((ch) => (ch.charCodeAt(0) >= 0x0e01 ? ch.charCodeAt(0) - 0x0e01 + 0xa1 : ch.charCodeAt(0)));
    const text = `${HEADER.join(',')}\r\nค่าน้ำมันเชื้อเพลิง,"2,000",1,1 ต.ค. 2566,เฉพาะเจาะจง\r\n`;
    const file = new Uint8Array(tis(text));
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(file));
    const t = await readImportTable(file, COLUMNS);
    assert.deepEqual(t.issues, []);
    assert.deepEqual(t.rows[0]?.values, {
      title: 'ค่าน้ำมันเชื้อเพลิง',
      amount: 200_000,
      count: 1,
      day: '2023-10-01',
      method: 'specific',
    });
  });
});

describe('readImportTable: files refused', () => {
  it('an empty file, a file over the size limit, a binary that is neither XLSX nor CSV', async () => {
    assert.deepEqual(
      (await rejected(new Uint8Array())).map((i) => i.message),
      ['core.import.empty'],
    );
    const big = await rejected(csv([HEADER.join(','), 'ก,1']), COLUMNS, { maxBytes: 10 });
    assert.deepEqual([big[0]?.message, big[0]?.row, big[0]?.column], ['core.import.tooLarge', 0, '']);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    assert.deepEqual(
      (await rejected(png)).map((i) => i.message),
      ['core.import.notSpreadsheet'],
    );
    // A ZIP that is not a workbook (a renamed .docx or any archive).
    const zip = zipSync({ 'hello.txt': enc('สวัสดี') });
    assert.deepEqual(
      (await rejected(zip)).map((i) => i.message),
      ['core.import.notSpreadsheet'],
    );
    // A truncated workbook.
    const whole = await xlsx([HEADER, ['ก', 1]]);
    assert.deepEqual(
      (await rejected(whole.subarray(0, Math.floor(whole.length / 2)))).map((i) => i.message),
      ['core.import.notSpreadsheet'],
    );
  });

  it('an old Excel file (.xls, OLE2) is refused with a message asking for .xlsx or CSV', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const issues = await rejected(ole);
    assert.deepEqual(
      issues.map((i) => [i.row, i.message]),
      [[0, 'core.import.oldExcel']],
    );
  });

  it('a ZIP bomb renamed .xlsx (a few kilobytes that would inflate to 60 MB, over the 50 MB limit) is refused', async () => {
    const bomb = sharedBomb();
    assert.ok(bomb.length < 200 * 1024, `the bomb is ${bomb.length} bytes`);
    const issues = await rejected(bomb);
    assert.deepEqual(
      issues.map((i) => [i.row, i.message, i.params?.max]),
      [[0, 'core.import.unpackedTooLarge', 50]],
    );
    // A bomb whose entries lie about their sizes in the central directory (what the workbook reader trusts).
    const liar = lyingSizes(bomb);
    assert.deepEqual(
      (await rejected(liar)).map((i) => i.message),
      ['core.import.unpackedTooLarge'],
    );
  });

  it('a workbook whose parts are stored after junk the streaming reader would stop at is still measured', async () => {
    // The central directory points at a bomb entry placed after bytes that are not a local header.
    const file = hiddenEntry(sharedBomb());
    assert.deepEqual(
      (await rejected(file)).map((i) => i.message),
      ['core.import.unpackedTooLarge'],
    );
  });

  it('too many rows: refused as a whole, with the limit', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 6; i++) lines.push(`รายการ ${i},1`);
    const issues = await rejected(csv(lines), COLUMNS, { maxRows: 5 });
    assert.deepEqual(
      issues.map((i) => [i.message, i.params?.max]),
      [['core.import.tooManyRows', 5]],
    );
    assert.equal((await readImportTable(csv(lines.slice(0, 6)), COLUMNS, { maxRows: 5 })).rows.length, 5);
    const wide = await xlsx([HEADER, ...Array.from({ length: 30 }, (_, i) => [`ร${i}`, 1])]);
    assert.deepEqual(
      (await rejected(wide, COLUMNS, { maxRows: 20 })).map((i) => i.message),
      ['core.import.tooManyRows'],
    );
  });

  it('a file that is wrong everywhere is reported up to maxIssues', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 50; i++) lines.push(`,x,x,x,x`);
    const t = await readImportTable(csv(lines), COLUMNS, { maxIssues: 20 });
    assert.equal(t.issues.length, 20);
  });
});

describe('ImportRejected and duplicates', () => {
  it('names the earlier row of a duplicate', () => {
    const rows = [1, 2, 3, 4].map((n) => ({ row: n + 1, values: { k: n % 2 === 0 ? 'a' : `b${n}` } }));
    rows.push({ row: 9, values: { k: 'a' } });
    assert.deepEqual(
      duplicateIssues(rows, (r) => String(r.values.k)),
      [
        { row: 5, column: '', message: 'core.import.duplicate', params: { first: 3 } },
        { row: 9, column: '', message: 'core.import.duplicate', params: { first: 3 } },
      ],
    );
    assert.deepEqual(
      duplicateIssues(rows, () => null),
      [],
    );
  });

  it('carries every issue as a field error with row and column (the API and the pages show them)', () => {
    const e = new ImportRejected([
      { row: 0, column: '', message: 'core.import.empty' },
      { row: 4, column: 'วงเงิน', message: 'core.import.money', params: { value: 'x' } },
      { row: 5, column: '', message: 'core.import.duplicate', params: { first: 4 } },
      { row: 6, column: 'ผู้ชนะ', message: 'core.validation.required', label: 'procurement.fields.winnerName' },
    ]);
    assert.equal(e.status, 422);
    assert.deepEqual(e.fields, [
      { field: 'file', message: 'core.import.empty', params: { row: 0, column: '' } },
      { field: 'row 4, วงเงิน', message: 'core.import.money', params: { value: 'x', row: 4, column: 'วงเงิน' } },
      { field: 'row 5', message: 'core.import.duplicate', params: { first: 4, row: 5, column: '' } },
      // A service's message written for forms keeps its label, so "{field}" is named.
      {
        field: 'row 6, ผู้ชนะ',
        label: 'procurement.fields.winnerName',
        message: 'core.validation.required',
        params: { row: 6, column: 'ผู้ชนะ' },
      },
    ]);
  });

  it('every message the reader uses exists in Thai and English', async () => {
    const used = new Set<string>();
    const collect = async (f: () => Promise<unknown>) => {
      try {
        const t = (await f()) as { issues?: ImportIssue[] };
        for (const i of t?.issues ?? []) used.add(i.message);
      } catch (e) {
        if (e instanceof ImportRejected) for (const i of e.issues) used.add(i.message);
      }
    };
    await collect(() => readImportTable(new Uint8Array(), COLUMNS));
    await collect(() => readImportTable(csv(['x']), COLUMNS));
    for (const key of [...used, 'core.import.rejected', 'core.import.duplicate', 'core.import.dateRange', 'core.import.formula']) {
      const leaf = key.replace('core.import.', '');
      for (const lang of ['th', 'en'] as const) {
        const catalog = (messages[lang] as { import?: Record<string, string> }).import ?? {};
        assert.ok(typeof catalog[leaf] === 'string', `${lang}: ${key}`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile ZIPs

let bomb: Uint8Array | null = null;
const sharedBomb = () => {
  bomb ??= zipBomb(60);
  return bomb;
};

/** A workbook-looking ZIP ([Content_Types].xml, a sheet) whose sheet inflates to `mb` megabytes of zeros. */
function zipBomb(mb: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const types = new ZipPassThrough('[Content_Types].xml');
  zip.add(types);
  types.push(enc('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), true);
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

function eocdAt(b: Uint8Array): number {
  for (let i = b.length - 22; i >= 0; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  throw new Error('no end of central directory');
}

/** The same ZIP with every entry's declared uncompressed size set to 1 kB (local headers and central directory). */
function lyingSizes(bomb: Uint8Array): Uint8Array {
  const b = bomb.slice();
  const v = new DataView(b.buffer);
  const eocd = eocdAt(b);
  let p = v.getUint32(eocd + 16, true);
  const n = v.getUint16(eocd + 10, true);
  for (let i = 0; i < n; i++) {
    v.setUint32(p + 24, 1024, true);
    const local = v.getUint32(p + 42, true);
    if (v.getUint32(local + 22, true) !== 0) v.setUint32(local + 22, 1024, true);
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return b;
}

/** The ZIP with 64 junk bytes inserted before its last entry's local header, the central directory pointing past them. */
function hiddenEntry(bomb: Uint8Array): Uint8Array {
  const v0 = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
  const eocd = eocdAt(bomb);
  const cdStart = v0.getUint32(eocd + 16, true);
  const n = v0.getUint16(eocd + 10, true);
  let p = cdStart;
  let lastLocal = 0;
  const entries: number[] = [];
  for (let i = 0; i < n; i++) {
    entries.push(p);
    lastLocal = Math.max(lastLocal, v0.getUint32(p + 42, true));
    p += 46 + v0.getUint16(p + 28, true) + v0.getUint16(p + 30, true) + v0.getUint16(p + 32, true);
  }
  const junk = new Uint8Array(64).fill(0x20);
  const out = new Uint8Array(bomb.length + junk.length);
  out.set(bomb.subarray(0, lastLocal), 0);
  out.set(junk, lastLocal);
  out.set(bomb.subarray(lastLocal), lastLocal + junk.length);
  const v = new DataView(out.buffer);
  for (const e of entries) {
    const at = e + junk.length;
    const local = v.getUint32(at + 42, true);
    if (local >= lastLocal) v.setUint32(at + 42, local + junk.length, true);
  }
  const newEocd = eocd + junk.length;
  v.setUint32(newEocd + 16, cdStart + junk.length, true);
  return out;
}
