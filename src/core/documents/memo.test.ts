import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { toThaiDigits } from '../thai/index.js';
import { type MemoInput, memoData, renderMemo } from './memo.js';
import { pdfFonts, pdfPageSizes, pdfText, pdfWords, popplerMissing, squash } from './pdf-tools.js';
import { SAMPLE_MEASURE_ROWS, SAMPLE_TABLE_HEADERS, sampleMemo, sharedGaruda } from './sample-memo.js';

const skip = popplerMissing();
if (skip) console.log(`SKIPPED memo PDF checks: ${skip}`);
const garuda = sharedGaruda();
if (garuda === undefined) console.log('Garuda not found at ../shared/assets/garuda.svg: the memo tests render without it');

/** Thai vowels and tone marks that attach to the letter before them (never a line's first character). */
const COMBINING = /^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u;
const A4: [number, number] = [595.276, 841.89];
const close = (a: number, b: number): boolean => Math.abs(a - b) < 0.5;
const isPortraitA4 = ([w, h]: [number, number]): boolean => close(w, A4[0]) && close(h, A4[1]);
const isLandscapeA4 = ([w, h]: [number, number]): boolean => close(w, A4[1]) && close(h, A4[0]);

/** Asserts that every needle occurs in the haystack, in this order (whitespace ignored). */
function assertInOrder(haystack: string, needles: readonly string[]): void {
  const text = squash(haystack);
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(squash(needle), from);
    assert.ok(at >= 0, `"${needle}" not found after position ${from} (or out of order)`);
    from = at + squash(needle).length;
  }
}

const th = (s: string): string => toThaiDigits(s);

/**
 * Whether the needle is on one page, or (a cell whose row breaks across pages) begins on one
 * page and goes on on the next, each part at least 4 characters long.
 */
function foundOnPages(pages: readonly string[], needle: string): boolean {
  return pages.some((page, k) => {
    if (page.includes(needle)) return true;
    const next = pages[k + 1];
    if (next === undefined) return false;
    for (let i = 4; i <= needle.length - 4; i++) if (page.includes(needle.slice(0, i)) && next.includes(needle.slice(i))) return true;
    return false;
  });
}
const text = (p: MemoInput['body'][number]): string => (typeof p === 'string' ? p : p.text);

describe('renderMemo: the seed memo with its 10-measure table', { skip }, () => {
  const input = sampleMemo(garuda === undefined ? {} : { garuda });
  let pdf: Uint8Array;
  let pages: string[];
  let tableStart: number;

  before(async () => {
    pdf = await renderMemo(input);
    const count = pdfPageSizes(pdf).length;
    pages = Array.from({ length: count }, (_, i) => pdfText(pdf, { layout: true, page: i + 1 }));
    tableStart = pages.findIndex((p) => squash(p).includes(squash('การดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรม')));
  });

  it('prints every field of the memo and the comments in reading order', () => {
    const memoPages = pages.slice(0, tableStart).join('\n');
    const comments = input.comments ?? [];
    assertInOrder(memoPages, [
      'บันทึกข้อความ',
      'ส่วนราชการ',
      input.agency,
      'ที่',
      th(input.reference ?? ''),
      'วันที่',
      '๒๒ ตุลาคม ๒๕๖๗',
      'เรื่อง',
      th(input.subject),
      `เรียน ${input.to}`,
      ...input.body.map((p) => th(text(p))),
      `(${input.signer.name})`,
      ...input.signer.positions,
      ...comments.flatMap((c) => [
        c.heading,
        typeof c.text === 'string' ? c.text : '',
        c.signer.name, // the typed electronic signature
        `(${c.signer.name})`,
        ...c.signer.positions,
      ]),
      '๒๓ ตุลาคม ๒๕๖๗ เวลา ๑๕:๔๕ น.',
    ]);
    assertInOrder(memoPages, ['เพื่อโปรดทราบ', '๒๒ ตุลาคม ๒๕๖๗ เวลา ๑๔:๐๕ น.', 'รักษาการแทนปลัด', '๒๓ ตุลาคม ๒๕๖๗ เวลา ๐๙:๓๐ น.']);
  });

  it('attaches the table on new pages after the memo: title, text, headers, the 10 measures in order', () => {
    assert.ok(tableStart >= 1, 'the table starts on a page of its own');
    const table = input.attachments?.[0];
    assert.ok(table !== undefined);
    const tableText = pages.slice(tableStart).join('\n');
    assertInOrder(tableText, [
      ...(typeof table.title === 'string' ? [table.title] : table.title).map(th),
      th(text(table.intro?.[0] ?? '')),
    ]);
    // In content-stream order (-raw) Typst writes a table cell by cell: the first column
    // (มาตรการ) comes in order 1..10 and every paragraph of every cell is there, whole or,
    // when its row breaks across pages, split between the end of one page and the next.
    const raw = Array.from({ length: pages.length - tableStart }, (_, i) => squash(pdfText(pdf, { raw: true, page: tableStart + 1 + i })));
    assertInOrder(
      raw.join(''),
      // The start of each first cell (a cell may go on over the next page).
      SAMPLE_MEASURE_ROWS.map((row) => squash(th(typeof row[0] === 'string' ? row[0] : (row[0]?.[0] ?? ''))).slice(0, 20)),
    );
    for (const row of SAMPLE_MEASURE_ROWS) {
      for (const cell of row) {
        for (const p of typeof cell === 'string' ? [cell] : cell) assert.ok(foundOnPages(raw, squash(th(p))), `cell text missing: ${p}`);
      }
    }
  });

  it('uses Thai digits everywhere', () => {
    const all = pages.join('\n');
    assert.doesNotMatch(all, /[0-9]/, 'no Arabic digit in the whole document');
    assert.match(all, /๒๒ ตุลาคม ๒๕๖๗/);
    assert.match(all, /นธ ๗๘๑๐๑\/-/);
  });

  it('numbers pages "-๒-" from the second page, and each attachment on its own', () => {
    assert.ok(tableStart >= 2, 'the memo itself runs over two pages');
    assert.doesNotMatch(pages[0] ?? '', /-[๐-๙]+-/u, 'no number on page 1');
    assert.match(pages[1] ?? '', /^\s*-๒-\s*$/mu);
    assert.doesNotMatch(pages[tableStart] ?? '', /^\s*-[๐-๙]+-\s*$/mu, 'no number on the first page of the attachment');
    pages.slice(tableStart + 1).forEach((p, i) => {
      assert.match(p, new RegExp(`^\\s*-${th(String(i + 2))}-\\s*$`, 'mu'), `attachment page ${i + 2}`);
    });
  });

  it('repeats the header row on every page of the table', () => {
    assert.ok(pages.length - tableStart >= 3, `the table should run over several pages, got ${pages.length - tableStart}`);
    for (let p = tableStart; p < pages.length; p++) {
      const plain = squash(pdfText(pdf, { page: p + 1 }));
      for (const header of SAMPLE_TABLE_HEADERS) assert.ok(plain.includes(squash(header)), `page ${p + 1} lacks the header "${header}"`);
    }
  });

  it('never starts a line with a vowel or tone mark (no Thai word split before a mark)', () => {
    for (const [i, page] of pages.entries()) {
      for (const line of page.split('\n')) {
        assert.doesNotMatch(line.trimStart(), COMBINING, `page ${i + 1}: ${line.trim()}`);
        // Columns of a table row share a line in -layout output: check each column's start.
        for (const piece of line.trim().split(/\s{2,}/u)) assert.doesNotMatch(piece, COMBINING, `page ${i + 1}: ${piece}`);
      }
    }
    for (const line of pdfText(pdf).split('\n')) assert.doesNotMatch(line, COMBINING, line);
  });

  it("never breaks a Thai word across lines: every line break inside a paragraph is a word boundary of ICU's Thai dictionary", () => {
    const { data } = memoData(input) as unknown as {
      data: { body: { text: string }[]; attachments: { intro: { text: string }[]; rows: string[][][] }[] };
    };
    const paragraphs = [
      ...data.body.map((p) => p.text),
      ...data.attachments.flatMap((a) => [...a.intro.map((p) => p.text), ...a.rows.flat(2)]),
    ];
    const lines = pdfText(pdf, { raw: true })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    let breaks = 0;
    for (const para of paragraphs) {
      const target = squash(para);
      // Where each character of the squashed paragraph is in the paragraph itself.
      const at: number[] = [];
      for (let i = 0; i < para.length; i++) if (!/\s/u.test(para[i] ?? '')) at.push(i);
      for (let start = 0; start < lines.length; start++) {
        const first = squash(lines[start] ?? '');
        if (first === '' || !target.startsWith(first)) continue;
        let acc = '';
        const cuts: number[] = [];
        for (let j = start; j < lines.length && target.startsWith(acc + squash(lines[j] ?? '')) && acc !== target; j++) {
          acc += squash(lines[j] ?? '');
          if (acc.length < target.length) cuts.push(acc.length);
        }
        if (acc !== target) continue;
        const bounds = new Set<number>();
        for (const w of segmenter.segment(para)) bounds.add(w.index);
        for (const cut of cuts) {
          const i = at[cut] ?? 0;
          breaks++;
          const atSpace = /\s/u.test(para[i - 1] ?? ' ');
          assert.ok(
            atSpace || bounds.has(i),
            `a line breaks inside a word: "${para.slice(Math.max(0, i - 12), i)}|${para.slice(i, i + 12)}"`,
          );
        }
        break;
      }
    }
    assert.ok(breaks > 50, `the check saw ${breaks} line breaks inside paragraphs; expected the table's many`);
  });

  it('extracts stacked marks once (นั้น, not นั้นั้น) so the PDF can be searched', () => {
    const all = squash(pages.join(''));
    assert.ok(all.includes('นั้น') && all.includes('แต่งตั้ง') && all.includes('ท้องถิ่น'));
    assert.ok(!/นั้นั้|ตั้ตั้|ถิ่ถิ่/u.test(all));
  });

  it('is A4 portrait, with the table pages in landscape as asked', () => {
    const sizes = pdfPageSizes(pdf);
    for (const s of sizes.slice(0, tableStart)) assert.ok(isPortraitA4(s), `memo page ${JSON.stringify(s)}`);
    for (const s of sizes.slice(tableStart)) assert.ok(isLandscapeA4(s), `table page ${JSON.stringify(s)}`);
  });

  it('sets all text in the Sarabun fonts (no fallback font)', () => {
    const fonts = pdfFonts(pdf);
    assert.ok(fonts.includes('Sarabun-Regular') && fonts.includes('Sarabun-Bold') && fonts.includes('Sarabun-Italic'), fonts.join());
    for (const f of fonts) assert.match(f, /^Sarabun-/);
  });

  it('lays out the head as the guide says: margins, label sizes, date tab, signature centre', () => {
    const words = pdfWords(pdf).filter((w) => w.page === 1);
    const find = (t: string) => {
      const w = words.find((x) => x.text === t);
      assert.ok(w !== undefined, `word ${t} on page 1`);
      return w;
    };
    const cm = 72 / 2.54;
    const left = 3 * cm;
    assert.ok(Math.abs(find('ส่วนราชการ').xMin - left) < 2, 'labels start at the 3 cm margin');
    assert.ok(Math.abs(find('วันที่').xMin - (left + 8.5 * cm)) < 2, 'วันที่ at the 8.5 cm tab');
    const title = find('บันทึกข้อความ');
    assert.ok(Math.abs((title.xMin + title.xMax) / 2 - (left + 8 * cm)) < 2, 'title centred on the text width');
    assert.ok(title.yMax - title.yMin > find('ส่วนราชการ').yMax - find('ส่วนราชการ').yMin, 'title larger than the labels');
    const name = words.find((w) => w.text.startsWith('(นางสาวฟาตีเมาะ'));
    const last = words.find((w) => w.text.startsWith('หะเดวา'));
    assert.ok(name !== undefined && last !== undefined);
    assert.ok(Math.abs((name.xMin + last.xMax) / 2 - (left + 9.5 * cm)) < 3, 'signature centred 9.5 cm from the margin');
  });
});

describe('renderMemo options', { skip }, () => {
  it('renders without a Garuda, keeping its space for pre-printed paper', async () => {
    const without = await renderMemo(sampleMemo());
    assert.match(pdfText(without, { page: 1 }), /บันทึกข้อความ/);
    if (garuda === undefined) return;
    const withIt = await renderMemo(sampleMemo({ garuda }));
    const y = (pdf: Uint8Array) => pdfWords(pdf).find((w) => w.text === 'ส่วนราชการ')?.yMin;
    assert.equal(y(without), y(withIt), 'the head does not move up without the Garuda');
    assert.ok(withIt.byteLength > without.byteLength + 10_000, 'the Garuda is drawn');
  });

  it('renders hostile text literally and keeps the page layout', async () => {
    const hostile = [
      '#panic("boom") #set page(width: 3cm) *ตัวหนา* _x_ $x^2$',
      '@ref <label> \\ ] [ } { // ความเห็น /* x */ = หัวข้อ - รายการ + เลข ~ -- ... `raw`',
      '#read("/etc/passwd") #import "@preview/x:0.1.0": * #let x = 1 "quoted" \'single\'',
    ] as const;
    const pdf = await renderMemo({
      agency: hostile[0],
      subject: hostile[1],
      to: hostile[2],
      body: [...hostile],
      signer: { name: hostile[0], positions: [hostile[1]] },
      comments: [{ heading: hostile[2], text: hostile[0], signer: { name: 'ก', positions: [] } }],
      attachments: [
        { kind: 'table', title: hostile[1], columns: [{ header: hostile[0] }, { header: 'x' }], rows: [[hostile[2], [...hostile]]] },
      ],
    });
    const all = squash(pdfText(pdf));
    for (const h of hostile) assert.ok(all.includes(squash(toThaiDigits(h))), `literal: ${h}`);
    assert.ok(isPortraitA4(pdfPageSizes(pdf)[0] ?? [0, 0]));
  });

  it('can keep Arabic digits', async () => {
    const pdf = await renderMemo({ ...sampleMemo(), digits: 'arabic', attachments: [] });
    const page1 = pdfText(pdf, { page: 1 });
    assert.match(page1, /22 ตุลาคม 2567/);
    assert.doesNotMatch(page1, /[๐-๙]/u);
  });

  it('puts a portrait table on portrait pages and breaks a long cell across pages', async () => {
    const paragraphs = Array.from({ length: 90 }, (_, i) => `ย่อหน้าที่ ${i + 1} ของช่องที่ยาวมาก ซึ่งต้องแบ่งข้ามหน้า`);
    const pdf = await renderMemo({
      ...sampleMemo(),
      comments: [],
      attachments: [
        {
          kind: 'table',
          title: 'ตารางแนวตั้ง',
          columns: [
            { header: 'หัวข้อ', width: 1 },
            { header: 'รายละเอียด', width: 3 },
          ],
          rows: [['สั้น', paragraphs]],
          orientation: 'portrait',
          fontSize: 14,
        },
      ],
    });
    const sizes = pdfPageSizes(pdf);
    assert.ok(sizes.every(isPortraitA4));
    const pageOf = (needle: string) => sizes.findIndex((_, i) => squash(pdfText(pdf, { page: i + 1 })).includes(squash(needle)));
    const first = pageOf('ย่อหน้าที่ ๑ ของ');
    const last = pageOf('ย่อหน้าที่ ๙๐ ของ');
    assert.ok(first >= 1 && last > first, `the cell runs from page ${first + 1} to ${last + 1}`);
    for (let p = first; p <= last; p++) assert.match(pdfText(pdf, { page: p + 1 }), /รายละเอียด/u, `header on page ${p + 1}`);
  });

  it('keeps the last paragraph with the signature when the body runs over pages', async () => {
    let movedToNextPage = 0;
    for (const count of [10, 11, 12, 13]) {
      const body = Array.from(
        { length: count },
        (_, i) => `ย่อหน้าที่ ${i + 1} ข้อความทดสอบการแบ่งหน้าของบันทึกข้อความ ซึ่งยาวพอที่จะขึ้นบรรทัดใหม่ได้หนึ่งครั้งหรือสองครั้ง เพื่อให้ลายมือชื่อตกไปอยู่หน้าถัดไป`,
      );
      body.push('จึงเรียนมาเพื่อโปรดพิจารณา');
      const pdf = await renderMemo({ ...sampleMemo(), body, comments: [], attachments: [] });
      const pageOf = (needle: string) =>
        pdfPageSizes(pdf).findIndex((_, i) => squash(pdfText(pdf, { page: i + 1 })).includes(squash(needle)));
      const signaturePage = pageOf('(นางสาวฟาตีเมาะ หะเดวา)');
      assert.equal(pageOf('จึงเรียนมาเพื่อโปรดพิจารณา'), signaturePage, `${count} paragraphs`);
      if (signaturePage > 0) movedToNextPage += 1;
    }
    assert.ok(movedToNextPage > 0, 'some of the cases put the signature on page 2');
  });

  it('draws typed and image signatures', async () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><path d="M5 50 C 60 0, 100 60, 195 10" stroke="navy" fill="none" stroke-width="3"/></svg>',
    );
    const pdf = await renderMemo({
      ...sampleMemo(),
      attachments: [],
      signer: { name: 'นายทดสอบ ลายมือ', positions: ['ปลัด'], mark: { kind: 'image', image: { bytes: svg, type: 'svg' } } },
      comments: [
        {
          heading: 'ความเห็น',
          text: 'ทราบ',
          signer: { name: 'นายพิมพ์ ชื่อ', positions: ['นายก'], mark: { kind: 'typed', text: 'ลงนามอิเล็กทรอนิกส์' } },
        },
      ],
    });
    assertInOrder(pdfText(pdf, { layout: true }), ['(นายทดสอบ ลายมือ)', 'ปลัด', 'ความเห็น', 'ทราบ', 'ลงนามอิเล็กทรอนิกส์', '(นายพิมพ์ ชื่อ)', 'นายก']);
  });
});

describe('memoData', () => {
  it('rejects a table row with the wrong number of cells', () => {
    assert.throws(
      () =>
        memoData({
          ...sampleMemo(),
          attachments: [{ kind: 'table', title: 't', columns: [{ header: 'a' }, { header: 'b' }], rows: [['x']] }],
        }),
      /row 1 has 1 cells, expected 2/,
    );
  });

  it('formats dates in Asia/Bangkok with Thai digits', () => {
    const { data } = memoData({ ...sampleMemo(), date: new Date('2024-10-21T17:30:00Z') });
    assert.equal((data as { date: string }).date, '๒๒ ตุลาคม ๒๕๖๗');
  });

  it('passes images as virtual files, not inline', () => {
    const { data, files } = memoData(sampleMemo({ garuda: { bytes: new Uint8Array([1, 2, 3]), type: 'png' } }));
    assert.equal((data as { garuda: string }).garuda, 'garuda-0.png');
    assert.deepEqual([...(files['garuda-0.png'] ?? [])], [1, 2, 3]);
  });
});

describe('render time', { skip }, () => {
  it('renders the full memo + 10-measure table warm in a few milliseconds', async (t) => {
    const input = sampleMemo(garuda === undefined ? {} : { garuda });
    await renderMemo(input); // warm: compiler, fonts, template
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await renderMemo(input);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = ((times[9] ?? 0) + (times[10] ?? 0)) / 2;
    t.diagnostic(
      `median warm render of the memo + table (20 runs): ${median.toFixed(1)} ms (min ${times[0]?.toFixed(1)}, max ${times[19]?.toFixed(1)})`,
    );
    assert.ok(median < 1000, `median ${median} ms`);
  });
});
