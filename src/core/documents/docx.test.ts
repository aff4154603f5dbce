import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { toThaiDigits } from '../thai/index.js';
import { DOCX_FONT, renderMemoDocx, xmlEscape } from './docx.js';
import { type LibreOfficeSession, libreOfficeMissing, libreOfficeSession } from './libreoffice.js';
import type { MemoInput } from './memo.js';
import { pdfPageSizes, pdfText, popplerMissing, squash } from './pdf-tools.js';
import { SAMPLE_MEASURE_ROWS, SAMPLE_TABLE_HEADERS, sampleMemo, sharedGaruda } from './sample-memo.js';

const garuda = sharedGaruda();
const th = (s: string): string => toThaiDigits(s);
const text = (p: MemoInput['body'][number]): string => (typeof p === 'string' ? p : p.text);

function assertInOrder(haystack: string, needles: readonly string[]): void {
  const all = squash(haystack);
  let from = 0;
  for (const needle of needles) {
    const at = all.indexOf(squash(needle), from);
    assert.ok(at >= 0, `"${needle}" not found after position ${from} (or out of order)`);
    from = at + squash(needle).length;
  }
}

function unxml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of a WordprocessingML part, one line per paragraph, tabs as spaces. */
function partText(xml: string): string {
  return [...xml.matchAll(/<w:p[ >/][\s\S]*?<\/w:p>|<w:p\/>/g)]
    .map((m) =>
      [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((t) => (t[1] === undefined ? ' ' : unxml(t[1])))
        .join(''),
    )
    .join('\n');
}

function parts(docx: Uint8Array): Record<string, string> {
  const files = unzipSync(docx);
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) out[name] = new TextDecoder().decode(bytes);
  return out;
}

/** The fields of the memo, in reading order, as the PDF golden test checks them. */
function memoFields(input: MemoInput): string[] {
  return [
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
    ...(input.comments ?? []).flatMap((c) => [
      c.heading,
      typeof c.text === 'string' ? c.text : '',
      c.signer.name,
      `(${c.signer.name})`,
      ...c.signer.positions,
    ]),
    '๒๓ ตุลาคม ๒๕๖๗ เวลา ๑๕:๔๕ น.',
  ];
}

function tableFields(input: MemoInput): string[] {
  const table = input.attachments?.[0];
  assert.ok(table !== undefined);
  return [
    ...(typeof table.title === 'string' ? [table.title] : table.title).map(th),
    th(text(table.intro?.[0] ?? '')),
    ...SAMPLE_TABLE_HEADERS,
    ...SAMPLE_MEASURE_ROWS.flatMap((row) => row.flatMap((cell) => (typeof cell === 'string' ? [cell] : cell).map(th))),
  ];
}

describe('renderMemoDocx: the seed memo with its 10-measure table', () => {
  const input = sampleMemo(garuda === undefined ? {} : { garuda });
  let docx: Uint8Array;
  let p: Record<string, string>;
  let doc: string;

  before(async () => {
    docx = await renderMemoDocx(input);
    p = parts(docx);
    doc = p['word/document.xml'] ?? '';
  });

  it('is a zip with the WordprocessingML parts', () => {
    assert.equal(docx[0], 0x50);
    assert.equal(docx[1], 0x4b);
    for (const name of [
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
      'word/styles.xml',
      'word/_rels/document.xml.rels',
      'word/header1.xml',
    ]) {
      assert.ok(p[name] !== undefined, `${name} missing`);
    }
    // Every relationship target exists.
    const files = Object.keys(unzipSync(docx));
    for (const m of (p['word/_rels/document.xml.rels'] ?? '').matchAll(/Target="([^"]+)"/g))
      assert.ok(files.includes(`word/${m[1]}`), `${m[1]} missing`);
  });

  it('holds every field of the memo and the comments in reading order, then the table', () => {
    const all = partText(doc);
    const tableAt = squash(all).indexOf(squash(th('การดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรม')));
    assert.ok(tableAt > 0);
    assertInOrder(all, memoFields(input));
    assertInOrder(all, ['เพื่อโปรดทราบ', '๒๒ ตุลาคม ๒๕๖๗ เวลา ๑๔:๐๕ น.', 'รักษาการแทนปลัด', '๒๓ ตุลาคม ๒๕๖๗ เวลา ๐๙:๓๐ น.']);
    assert.ok(squash(all).indexOf(squash('๒๓ ตุลาคม ๒๕๖๗ เวลา ๑๕:๔๕ น.')) < tableAt, 'the comments come before the table');
    assertInOrder(squash(all).slice(tableAt), tableFields(input));
  });

  it('uses Thai digits in all text', () => {
    assert.doesNotMatch(partText(doc), /[0-9]/);
  });

  it('names TH Sarabun New for every script, with the complex-script size and Thai language', () => {
    const styles = p['word/styles.xml'] ?? '';
    assert.match(
      styles,
      new RegExp(`<w:rFonts w:ascii="${DOCX_FONT}" w:hAnsi="${DOCX_FONT}" w:eastAsia="${DOCX_FONT}" w:cs="${DOCX_FONT}"/>`),
    );
    assert.match(styles, /<w:sz w:val="32"\/><w:szCs w:val="32"\/>/);
    assert.match(styles, /<w:cs\/>/);
    assert.match(styles, /<w:lang w:val="th-TH"[^>]*w:bidi="th-TH"/);
    assert.match(p['word/fontTable.xml'] ?? '', /w:name="TH Sarabun New"[\s\S]*w:charset w:val="DE"/);
    // Title bold 29 pt, labels bold 20 pt, bold also for complex script.
    assert.match(doc, /<w:rPr><w:b\/><w:bCs\/><w:sz w:val="58"\/><w:szCs w:val="58"\/><\/w:rPr><w:t xml:space="preserve">บันทึกข้อความ</);
    assert.match(doc, /<w:rPr><w:b\/><w:bCs\/><w:sz w:val="40"\/><w:szCs w:val="40"\/><\/w:rPr><w:t xml:space="preserve">ส่วนราชการ</);
  });

  it('lays out A4 with margins left 3 cm, right 2 cm, the body indented 2.5 cm, and the dotted header fields', () => {
    const sections = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    assert.equal(sections.length, 2, 'the memo and the attached table');
    for (const s of sections) assert.match(s, /w:right="1134" w:bottom="1134" w:left="1701"/);
    assert.match(sections[0] ?? '', /<w:pgSz w:w="11906" w:h="16838"\/>/);
    assert.match(sections[0] ?? '', /w:top="850"/, 'page 1 starts 1.5 cm from the top');
    assert.match(doc, /<w:ind w:left="0" w:firstLine="1417"\/>/);
    assert.match(doc, /<w:tab w:val="right" w:leader="dot" w:pos="9071"\/>/);
  });

  it('numbers pages -๒- from page 2 in the header, with a different first page, each attachment from 1', () => {
    const sections = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    for (const s of sections) {
      assert.match(s, /<w:titlePg\/>/);
      assert.match(s, /w:fmt="thaiNumbers"/);
    }
    assert.match(sections[1] ?? '', /w:start="1"/);
    const header = p['word/header1.xml'] ?? '';
    assert.match(header, /<w:fldSimple w:instr=" PAGE ">/);
    assert.equal(squash(partText(header)), '-๒-');
    assert.equal(squash(partText(p['word/header3.xml'] ?? '')), '', 'the first page has an empty header');
  });

  it('puts the table in a landscape section with its header row repeated and rows free to break', () => {
    const sections = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    assert.match(sections[1] ?? '', /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    assert.equal([...doc.matchAll(/<w:tblHeader\/>/g)].length, 1);
    assert.doesNotMatch(doc, /cantSplit/);
    assert.equal([...doc.matchAll(/<w:tr>/g)].length, SAMPLE_MEASURE_ROWS.length + 1, 'the header row and the ten measures');
    const grid = [...doc.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].reduce((s, m) => s + Number(m[1]), 0);
    assert.ok(grid > 13990 && grid <= 14003, `the table fills the 24.7 cm text width (${grid} twips)`);
  });

  it('embeds the Garuda 1.5 cm high, as SVG with a PNG fallback', { skip: garuda === undefined ? 'no shared Garuda' : false }, () => {
    const files = Object.keys(unzipSync(docx));
    assert.ok(files.includes('word/media/image1.png'));
    assert.ok(files.includes('word/media/image1.svg'));
    assert.match(doc, /<asvg:svgBlip [^>]*r:embed="rId\d+"\/>/);
    assert.match(doc, /<wp:extent cx="\d+" cy="540000"\/>/);
  });
});

describe('renderMemoDocx: options and bad text', () => {
  it('leaves the Garuda space empty without an emblem, and takes a PNG as it is', async () => {
    const plain = parts(await renderMemoDocx(sampleMemo()));
    assert.doesNotMatch(plain['word/document.xml'] ?? '', /<w:drawing>/);
    assert.match(plain['word/document.xml'] ?? '', /w:line="850" w:lineRule="atLeast"/);
    // A 2 × 4 PNG (only the header is read).
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 4, 8, 6, 0, 0, 0,
    ]);
    const docx = await renderMemoDocx(sampleMemo({ garuda: { bytes: png, type: 'png' } }));
    assert.ok(Object.keys(unzipSync(docx)).includes('word/media/image1.png'));
    assert.match(parts(docx)['word/document.xml'] ?? '', /<wp:extent cx="270000" cy="540000"\/>/);
  });

  it('escapes markup and drops characters XML cannot hold', async () => {
    const input: MemoInput = { ...sampleMemo(), subject: 'A & B <b>"x"</b> \u0001\u0007 ที่ นี้ น้ำ ซื้อ เอี๊ยด', attachments: [] };
    const doc = parts(await renderMemoDocx(input))['word/document.xml'] ?? '';
    assert.ok(doc.includes('A &amp; B &lt;b&gt;&quot;x&quot;&lt;/b&gt;  ที่ นี้ น้ำ ซื้อ เอี๊ยด'));
    assert.equal(xmlEscape('\uD800x'), 'x');
  });

  it('keeps Arabic digits and a portrait table when asked', async () => {
    const doc = parts(await renderMemoDocx({ ...sampleMemo({ orientation: 'portrait' }), digits: 'arabic' }))['word/document.xml'] ?? '';
    assert.match(partText(doc), /2567/);
    assert.match(doc, /w:fmt="decimal"/);
    assert.doesNotMatch(doc, /orient="landscape"/);
  });
});

const noLibreOffice = libreOfficeMissing() || popplerMissing();
if (noLibreOffice) console.log(`SKIPPED DOCX → PDF checks: ${noLibreOffice}`);

describe('the DOCX opens in LibreOffice', { skip: noLibreOffice }, () => {
  let lo: LibreOfficeSession;
  before(() => {
    lo = libreOfficeSession();
  });
  after(() => lo.close());

  it('converts to a PDF with every field in order, the table on landscape pages', async () => {
    const input = sampleMemo(garuda === undefined ? {} : { garuda });
    const { pdf } = lo.convert(await renderMemoDocx(input));
    const sizes = pdfPageSizes(pdf);
    const pages = sizes.map((_, i) => pdfText(pdf, { page: i + 1 }));
    const tableStart = pages.findIndex((pg) => squash(pg).includes(squash('การดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรม')));
    assert.ok(tableStart >= 1, 'the table starts on a new page');
    assertInOrder(pages.slice(0, tableStart).join('\n'), memoFields(input));
    assert.ok(
      sizes.slice(0, tableStart).every(([w, h]) => w < h),
      'the memo is portrait',
    );
    assert.ok(
      sizes.slice(tableStart).every(([w, h]) => w > h),
      'the table is landscape',
    );
    const tableText = squash(pages.slice(tableStart).join('\n'));
    for (const header of SAMPLE_TABLE_HEADERS) {
      // The header row is on every page of the table (LibreOffice may break a header word inside its cell).
      for (const pg of pages.slice(tableStart))
        assert.ok(squash(pg).includes(squash(header).slice(-4)), `header "${header}" on every page`);
    }
    for (const row of SAMPLE_MEASURE_ROWS)
      assert.ok(tableText.includes(squash(th(typeof row[4] === 'string' ? row[4] : (row[4]?.[0] ?? ''))).slice(0, 12)));
  });
});
