import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { type PdfWord, pdfPageSizes, pdfText, pdfWords, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { buildMonthlySummary, checkTotals, fiscalMonthKeys, monthlyRow, sumRows, TotalsMismatchError } from './monthly.js';
import { renderMonthlyPdf } from './monthly-pdf.js';
import { renderMonthlyXlsx } from './monthly-xlsx.js';
import { procurementBids, procurements } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2023-11-06T10:00:00+07:00');
const skipPdf = popplerMissing();

type Row = typeof procurements.$inferInsert;

/** The fixed dataset of the golden tests: October 2566 has three contracts, November one, December none. */
async function seed(orgId: number) {
  const base = { orgId, fiscalYear: 2567, status: 'contracted' as const };
  const rows: Row[] = [
    {
      ...base,
      title: 'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านลูโบะปือซา',
      category: 'works',
      method: 'e_bidding',
      budgetSatang: 125_000_000,
      referencePriceSatang: 124_850_000,
      winnerName: 'หจก.บาเจาะก่อสร้าง',
      winnerTaxId: '0963558000123',
      agreedPriceSatang: 119_900_000,
      selectionReason: 'ราคาต่ำสุดและเสนอราคาถูกต้องตามเงื่อนไข',
      contractNo: '3/2567',
      contractDate: '2023-10-20',
      announcedOn: '2023-10-02',
      egpProjectNo: '66109012345',
    },
    {
      ...base,
      title: 'ซื้อวัสดุสำนักงาน',
      category: 'goods',
      method: 'specific',
      budgetSatang: 1_250_050,
      referencePriceSatang: 1_250_050,
      winnerName: 'ร้านนูรุลฮูดาพาณิชย์',
      agreedPriceSatang: 1_248_000,
      selectionReason: 'ผู้ประกอบการมีอาชีพขายโดยตรง',
      contractNo: '1/2567',
      contractDate: '2023-10-05',
      announcedOn: '2023-10-03',
    },
    {
      ...base,
      title: 'จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน',
      category: 'services',
      method: 'specific',
      budgetSatang: 9_000_000,
      referencePriceSatang: null,
      winnerName: 'นางสาวรอฮานี สาและ',
      agreedPriceSatang: 9_000_000,
      selectionReason: 'ราคาเหมาะสม',
      contractNo: null,
      contractDate: '2023-10-31',
      announcedOn: '2023-10-25',
    },
    {
      ...base,
      title: 'ซื้อน้ำมันเชื้อเพลิง',
      category: 'goods',
      method: 'specific',
      budgetSatang: 3_000_000,
      winnerName: 'หจก.ปั๊มบาเจาะ',
      agreedPriceSatang: 3_000_000,
      selectionReason: 'ราคาเหมาะสม',
      contractNo: '2/2567',
      contractDate: '2023-11-01',
      announcedOn: '2023-11-01',
    },
    {
      ...base,
      status: 'cancelled',
      title: 'ยกเลิก',
      category: 'goods',
      method: 'specific',
      budgetSatang: 100,
      contractDate: '2023-10-10',
      cancelReason: 'x',
    },
  ];
  const inserted = await env.services.db.insert(procurements).values(rows).returning();
  const road = inserted[0];
  assert.ok(road);
  await env.services.db.insert(procurementBids).values([
    { orgId, procurementId: road.id, position: 1, bidderName: 'หจก.บาเจาะก่อสร้าง', priceSatang: 119_900_000 },
    { orgId, procurementId: road.id, position: 2, bidderName: 'บริษัท นราก่อสร้าง จำกัด', priceSatang: 121_500_000 },
    { orgId, procurementId: road.id, position: 3, bidderName: 'หจก.ตากใบวิศวกรรม', priceSatang: 123_000_000 },
  ]);
}

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env, { name: 'ลูโบะปือซา' });
  other = await createTestOrg(env);
  await seed(org.org.id);
  await env.services.db.insert(procurements).values({
    orgId: other.org.id,
    fiscalYear: 2567,
    title: 'ของอีกหน่วยงาน',
    category: 'goods',
    method: 'specific',
    status: 'contracted',
    budgetSatang: 5,
    agreedPriceSatang: 5,
    contractDate: '2023-10-05',
  });
});
after(() => env.close());

/** pdftotext's raw text (cell by cell) without whitespace: what the golden strings are compared with. */
const rawText = (pdf: Uint8Array) => squash(pdfText(pdf, { raw: true }));

describe('สขร.๑ monthly summary', () => {
  test('rows: contracts of the month only, in date order, cancelled and other organizations left out; totals recomputed', async () => {
    const s = await buildMonthlySummary(org.ctx, 2567, '2023-10');
    assert.deepEqual(
      s.rows.map((r) => r.title),
      ['ซื้อวัสดุสำนักงาน', 'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านลูโบะปือซา', 'จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน'],
    );
    assert.deepEqual(s.totals, { count: 3, budgetSatang: 135_250_050, referenceSatang: 126_100_050, agreedSatang: 130_148_000 });
    assert.equal(s.rows[1]?.bids.length, 3);
    assert.deepEqual(s.rows[0]?.bids, [{ name: 'ร้านนูรุลฮูดาพาณิชย์', priceSatang: 1_248_000 }], 'no bids recorded: the winner alone');
    assert.equal((await buildMonthlySummary(org.ctx, 2567, '2023-12')).rows.length, 0);
    await assert.rejects(buildMonthlySummary(org.ctx, 2567, '2024-10'), { status: 404 }, 'a month of another fiscal year');
    await assert.rejects(buildMonthlySummary(org.ctx, 2567, '2023-13'), { status: 404 });
    assert.deepEqual(fiscalMonthKeys(2567).slice(0, 4), ['2023-10', '2023-11', '2023-12', '2024-01']);
  });

  test('a document whose totals are not the sum of its rows is refused', async () => {
    const s = await buildMonthlySummary(org.ctx, 2567, '2023-10');
    const wrong = { ...s, totals: { ...s.totals, agreedSatang: s.totals.agreedSatang + 1 } };
    assert.throws(() => checkTotals(wrong), TotalsMismatchError);
    await assert.rejects(renderMonthlyPdf(org.ctx, wrong), TotalsMismatchError);
    await assert.rejects(renderMonthlyXlsx(org.ctx, wrong), TotalsMismatchError);
  });

  test('totals property: the sums of any rows equal the sums of their parts, exactly in satang', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000_000_00 });
    const rowArb = fc.record({ budgetSatang: amount, referencePriceSatang: fc.option(amount, { nil: null }), agreedPriceSatang: amount });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), fc.nat(), (rows, cut) => {
        const all = sumRows(rows);
        const i = rows.length ? cut % rows.length : 0;
        const a = sumRows(rows.slice(0, i));
        const b = sumRows(rows.slice(i));
        assert.equal(all.count, rows.length);
        assert.equal(all.budgetSatang, a.budgetSatang + b.budgetSatang);
        assert.equal(all.referenceSatang, a.referenceSatang + b.referenceSatang);
        assert.equal(all.agreedSatang, a.agreedSatang + b.agreedSatang);
        assert.ok(Number.isInteger(all.agreedSatang));
        checkTotals({ rows, totals: all } as never);
      }),
    );
    // A row built from a procurement carries the stored integers unchanged.
    const r = monthlyRow(
      { id: 1, title: 'x', budgetSatang: 10, referencePriceSatang: null, method: 'specific', agreedPriceSatang: null } as never,
      [],
    );
    assert.equal(r.agreedPriceSatang, 0);
  });

  test('PDF golden text: form label, title, organization, date, the nine columns, rows, totals; A4 landscape, Thai digits', {
    skip: skipPdf,
  }, async () => {
    const s = await buildMonthlySummary(org.ctx, 2567, '2023-10');
    const pdf = await renderMonthlyPdf(org.ctx, s);
    if (process.env.PRONGSAI_KEEP_PDF) fs.writeFileSync(`${process.env.PRONGSAI_KEEP_PDF}/skr1-2023-10.pdf`, pdf);
    for (const [w, h] of pdfPageSizes(pdf)) {
      assert.ok(Math.abs(w - 841.89) < 1 && Math.abs(h - 595.28) < 1, `A4 landscape, got ${w}×${h}`);
    }
    const golden = [
      'แบบสขร.๑',
      'สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม๒๕๖๖',
      'องค์การบริหารส่วนตำบลลูโบะปือซา',
      'วันที่๖เดือนพฤศจิกายนพ.ศ.๒๕๖๖',
      'ลำดับที่',
      'งานที่จัดซื้อหรือจัดจ้าง',
      'วงเงินที่จะซื้อหรือจ้าง(บาท)',
      'ราคากลาง(บาท)',
      'วิธีซื้อหรือจ้าง',
      'รายชื่อผู้เสนอราคาและราคาที่เสนอ',
      'ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง',
      'เหตุผลที่คัดเลือกโดยสรุป',
      'เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง',
      '๑',
      'ซื้อวัสดุสำนักงาน',
      '๑๒,๕๐๐.๕๐',
      '๑๒,๕๐๐.๕๐',
      'เฉพาะเจาะจง',
      'ร้านนูรุลฮูดาพาณิชย์ราคา๑๒,๔๘๐.๐๐บาท',
      'ร้านนูรุลฮูดาพาณิชย์ราคา๑๒,๔๘๐.๐๐บาท',
      'ผู้ประกอบการมีอาชีพขายโดยตรง',
      'เลขที่๑/๒๕๖๗ลงวันที่๕ต.ค.๒๕๖๖',
      '๒',
      'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่๓บ้านลูโบะปือซา',
      '๑,๒๕๐,๐๐๐.๐๐',
      '๑,๒๔๘,๕๐๐.๐๐',
      'ประกวดราคาอิเล็กทรอนิกส์(e-bidding)',
      '๑.หจก.บาเจาะก่อสร้างราคา๑,๑๙๙,๐๐๐.๐๐บาท',
      '๒.บริษัทนราก่อสร้างจำกัดราคา๑,๒๑๕,๐๐๐.๐๐บาท',
      '๓.หจก.ตากใบวิศวกรรมราคา๑,๒๓๐,๐๐๐.๐๐บาท',
      'หจก.บาเจาะก่อสร้างราคา๑,๑๙๙,๐๐๐.๐๐บาท',
      'ราคาต่ำสุดและเสนอราคาถูกต้องตามเงื่อนไข',
      'เลขที่๓/๒๕๖๗ลงวันที่๒๐ต.ค.๒๕๖๖',
      '๓',
      'จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน',
      '๙๐,๐๐๐.๐๐',
      '-',
      'เฉพาะเจาะจง',
      'นางสาวรอฮานีสาและราคา๙๐,๐๐๐.๐๐บาท',
      'นางสาวรอฮานีสาและราคา๙๐,๐๐๐.๐๐บาท',
      'ราคาเหมาะสม',
      'ลงวันที่๓๑ต.ค.๒๕๖๖',
      'รวม๓รายการ',
      '๑,๓๕๒,๕๐๐.๕๐',
      '๑,๒๖๑,๐๐๐.๕๐',
      'รวม๑,๓๐๑,๔๘๐.๐๐บาท',
    ].join('');
    const text = rawText(pdf);
    const body = text.slice(0, text.indexOf('องค์การบริหารส่วนตำบลลูโบะปือซาจัดทำเมื่อ'));
    assert.equal(body, golden);
    assert.doesNotMatch(text, /[0-9]/u, 'Thai digits only');
    assert.doesNotMatch(text, /ยกเลิก|ของอีกหน่วยงาน/);
  });

  test('PDF of a month with nothing says ไม่มีการจัดซื้อจัดจ้าง under the nine columns', { skip: skipPdf }, async () => {
    const s = await buildMonthlySummary(org.ctx, 2567, '2023-12');
    const pdf = await renderMonthlyPdf(org.ctx, s);
    if (process.env.PRONGSAI_KEEP_PDF) fs.writeFileSync(`${process.env.PRONGSAI_KEEP_PDF}/skr1-2023-12.pdf`, pdf);
    const text = rawText(pdf);
    assert.ok(
      text.startsWith(
        'แบบสขร.๑สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนธันวาคม๒๕๖๖องค์การบริหารส่วนตำบลลูโบะปือซาวันที่๖เดือนพฤศจิกายนพ.ศ.๒๕๖๖ลำดับที่งานที่จัดซื้อหรือจัดจ้าง',
      ),
      text,
    );
    assert.match(text, /เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้างไม่มีการจัดซื้อจัดจ้าง/);
    assert.doesNotMatch(text, /รวม/);
  });

  test('a long month repeats the column header on every page and never breaks a word', { skip: skipPdf }, async () => {
    const s = await buildMonthlySummary(org.ctx, 2567, '2023-10');
    const many = Array.from({ length: 40 }, (_, i) => ({ ...(s.rows[i % 3] as (typeof s.rows)[number]), id: i + 1 }));
    const big = { ...s, rows: many, totals: sumRows(many) };
    const pdf = await renderMonthlyPdf(org.ctx, big);
    if (process.env.PRONGSAI_KEEP_PDF) fs.writeFileSync(`${process.env.PRONGSAI_KEEP_PDF}/skr1-long.pdf`, pdf);
    const pages = pdfPageSizes(pdf).length;
    assert.ok(pages >= 3, `${pages} pages`);
    for (let p = 1; p <= pages; p++) {
      assert.match(squash(pdfText(pdf, { raw: true, page: p })), /ลำดับที่งานที่จัดซื้อหรือจัดจ้าง/, `header on page ${p}`);
    }
    // Words never broken: where one line of text ends and the next begins, Thai's word segmenter
    // (the same ICU dictionary the document's word marks come from) sees a word boundary.
    const seg = new Intl.Segmenter('th', { granularity: 'word' });
    // The title column (one paragraph per cell): each line after the first of a cell is a wrap.
    let pairs = 0;
    const words = pdfWords(pdf);
    const titleX = words.find((w) => w.text === 'ซื้อวัสดุสำนักงาน')?.xMin ?? -1;
    const noX = words.find((w) => w.text === '๑' && w.xMax < titleX)?.xMin ?? -1;
    const rowStarts = new Set(
      words.filter((w) => Math.abs(w.xMin - noX) < 8 && /^[๐-๙]+$/u.test(w.text)).map((w) => `${w.page}:${Math.round(w.yMin)}`),
    );
    const column = words.filter((w) => Math.abs(w.xMin - titleX) < 1);
    // The next column (วงเงิน…) starts before its centred header: the title column's words end there.
    const nextColumnX = words.find((w) => w.text.startsWith('วงเงิน'))?.xMin ?? 0;
    const lineEnd = (first: PdfWord) =>
      words
        .filter((w) => w.page === first.page && Math.abs(w.yMin - first.yMin) < 1 && w.xMin >= first.xMin && w.xMax < nextColumnX)
        .at(-1) as PdfWord;
    for (let i = 1; i < column.length; i++) {
      const above = column[i - 1] as PdfWord;
      const w = column[i] as PdfWord;
      if (w.page !== above.page || rowStarts.has(`${w.page}:${Math.round(w.yMin)}`)) continue;
      const prev = lineEnd(above);
      if (!/[\u0E01-\u0E4E]$/u.test(prev.text) || !/^[\u0E01-\u0E4E]/u.test(w.text)) continue;
      pairs++;
      const boundaries = new Set([...seg.segment(prev.text + w.text)].map((x) => x.index));
      assert.ok(boundaries.has(prev.text.length), `a word broken across lines: ${prev.text}|${w.text}`);
    }
    assert.ok(pairs >= 20, `the check saw wrapped Thai lines (${pairs})`);
  });

  test('XLSX golden cells: the same nine columns, numbers as numbers, totals row; the empty month', async () => {
    const s = await buildMonthlySummary(org.ctx, 2567, '2023-10');
    const book = await readXlsx(await renderMonthlyXlsx(org.ctx, s));
    const sheet = book.get('สขร.1');
    assert.ok(sheet);
    assert.deepEqual(sheet.slice(0, 4), [
      ['แบบ สขร.๑'],
      ['สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2566'],
      ['องค์การบริหารส่วนตำบลลูโบะปือซา'],
      ['วันที่ 6 เดือน พฤศจิกายน พ.ศ. 2566'],
    ]);
    assert.deepEqual(sheet[5], [
      'ลำดับที่',
      'งานที่จัดซื้อหรือจัดจ้าง',
      'วงเงินที่จะซื้อหรือจ้าง (บาท)',
      'ราคากลาง (บาท)',
      'วิธีซื้อหรือจ้าง',
      'รายชื่อผู้เสนอราคาและราคาที่เสนอ',
      'ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง',
      'เหตุผลที่คัดเลือกโดยสรุป',
      'เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง',
    ]);
    assert.deepEqual(sheet.slice(6), [
      [
        1,
        'ซื้อวัสดุสำนักงาน',
        12500.5,
        12500.5,
        'เฉพาะเจาะจง',
        'ร้านนูรุลฮูดาพาณิชย์ ราคา 12,480.00 บาท',
        'ร้านนูรุลฮูดาพาณิชย์ ราคา 12,480.00 บาท',
        'ผู้ประกอบการมีอาชีพขายโดยตรง',
        'เลขที่ 1/2567 ลงวันที่ 5 ต.ค. 2566',
      ],
      [
        2,
        'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านลูโบะปือซา',
        1250000,
        1248500,
        'ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)',
        '1. หจก.บาเจาะก่อสร้าง ราคา 1,199,000.00 บาท\n2. บริษัท นราก่อสร้าง จำกัด ราคา 1,215,000.00 บาท\n3. หจก.ตากใบวิศวกรรม ราคา 1,230,000.00 บาท',
        'หจก.บาเจาะก่อสร้าง ราคา 1,199,000.00 บาท',
        'ราคาต่ำสุดและเสนอราคาถูกต้องตามเงื่อนไข',
        'เลขที่ 3/2567 ลงวันที่ 20 ต.ค. 2566',
      ],
      [
        3,
        'จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน',
        90000,
        '',
        'เฉพาะเจาะจง',
        'นางสาวรอฮานี สาและ ราคา 90,000.00 บาท',
        'นางสาวรอฮานี สาและ ราคา 90,000.00 บาท',
        'ราคาเหมาะสม',
        'ลงวันที่ 31 ต.ค. 2566',
      ],
      ['', 'รวม 3 รายการ', 1352500.5, 1261000.5, '', '', 1301480, '', ''],
    ]);
    const empty = (await readXlsx(await renderMonthlyXlsx(org.ctx, await buildMonthlySummary(org.ctx, 2567, '2023-12')))).get('สขร.1');
    assert.deepEqual(empty?.at(-1), ['', 'ไม่มีการจัดซื้อจัดจ้าง', '', '', '', '', '', '', '']);
    assert.equal(empty?.[1]?.[0], 'สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2566');
  });
});
