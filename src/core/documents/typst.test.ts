import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pdfText, popplerMissing, squash } from './pdf-tools.js';
import { renderPdf, TypstError, typstContent, typstString } from './typst.js';

const PAGE =
  '#set page(width: 16cm, height: auto, margin: 1cm)\n#set text(font: "Sarabun", lang: "th", hyphenate: false, features: (mark: 0, mkmk: 0))\n';
const skipPdfText = popplerMissing();
if (skipPdfText) console.log(`SKIPPED Typst PDF text checks: ${skipPdfText}`);

const isPdf = (b: Uint8Array): boolean => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-';

describe('renderPdf', () => {
  it('compiles Typst to a PDF', async () => {
    const pdf = await renderPdf(`${PAGE}สวัสดี Prongsai`);
    assert.ok(pdf instanceof Uint8Array);
    assert.ok(isPdf(pdf));
  });

  it('gives the source its virtual files, for that call only', { skip: skipPdfText }, async () => {
    const files = { 'data/a.txt': new TextEncoder().encode('ข้อมูลเสมือน') };
    const pdf = await renderPdf(`${PAGE}#read("data/a.txt")`, files);
    assert.equal(squash(pdfText(pdf, { raw: true })), 'ข้อมูลเสมือน');
    await assert.rejects(renderPdf(`${PAGE}#read("data/a.txt")`), (e: unknown) => e instanceof TypstError && /not found/.test(e.message));
  });

  it('cannot read files from the disk or fetch packages', async () => {
    await assert.rejects(renderPdf('#read("/etc/passwd")'), TypstError);
    await assert.rejects(renderPdf('#read("package.json")'), TypstError);
    await assert.rejects(renderPdf('#import "@preview/example:0.1.0": *'), TypstError);
  });

  it('rejects virtual file names that climb out of the root', async () => {
    for (const name of ['../x.txt', '/etc/x', 'a/../../b', '', 'a//b']) {
      await assert.rejects(renderPdf('x', { [name]: new Uint8Array(1) }), RangeError, name);
    }
  });

  it('reports Typst errors with their messages and keeps working afterwards', async () => {
    await assert.rejects(renderPdf('#let x = ('), (e: unknown) => e instanceof TypstError && e.diagnostics.length > 0);
    assert.ok(isPdf(await renderPdf(`${PAGE}ok`)));
  });

  it('serializes concurrent calls, each with its own files', { skip: skipPdfText }, async () => {
    const words = ['หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก'];
    const pdfs = await Promise.all(
      words.map((w) => renderPdf(`${PAGE}#read("w.txt") #${typstString(w)}`, { 'w.txt': new TextEncoder().encode(w) })),
    );
    for (const [i, pdf] of pdfs.entries()) assert.equal(squash(pdfText(pdf, { raw: true })), `${words[i]}${words[i]}`);
  });
});

describe('typstString', () => {
  it('quotes and escapes', () => {
    assert.equal(typstString('abc'), '"abc"');
    assert.equal(typstString('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(typstString('a\nb\r\tc'), '"a\\nb\\r\\tc"');
    assert.equal(typstString('\u0000\u001f\u007f'), '"\\u{0}\\u{1f}\\u{7f}"');
    assert.equal(typstString('ก#{}$'), '"ก#{}$"');
    assert.equal(typstString('\uD800x'), '"\uFFFDx"');
  });

  it('typstContent ends the embedded expression', () => {
    assert.equal(typstContent('x'), '#"x";');
  });
});

/** Pieces of text that mean something in Typst markup or code. */
const TYPST_SYNTAX = [
  '#',
  '#panic("pwned")',
  '#read("/etc/passwd")',
  '#let x = 1',
  '#set page(width: 1cm)',
  '#{',
  '}',
  '[',
  ']',
  '*',
  '_',
  '$',
  '$x^2$',
  '@',
  '@ref',
  '<lab>',
  '\\',
  '\\u{41}',
  '`',
  '```js',
  '//',
  '/*',
  '*/',
  '=',
  '= ',
  '- ',
  '+ ',
  '/ term: ',
  '~',
  '--',
  '---',
  '...',
  '"',
  "'",
  ';',
  '.len()',
  'https://x.y',
];
const THAI = ['ก', 'ข', 'น้ำ', 'ที่', 'ซื้อ', 'เอี๊ยด', 'ปี่', 'ญู', 'ฐู', 'นั้น', 'ตั้ง', '๒๕๖๗', 'ฯ', 'ๆ', 'ประชาชน'];
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TYPST_SYNTAX),
      fc.constantFrom(...THAI),
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 6 }),
      fc.constantFrom(' ', '\n', '\t', '\n\n'),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

// Read with -raw: pdftotext's default mode joins "-" at a line end with the next line.
describe('escaping user text (property)', { skip: skipPdfText }, () => {
  it('typstContent shows any text literally in markup', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const pdf = await renderPdf(`${PAGE}START${typstContent(s)}.len()END`);
        assert.equal(squash(pdfText(pdf, { raw: true })), `START${squash(s)}.len()END`);
      }),
      { numRuns: 60 },
    );
  });

  it('typstString shows any text literally in code', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const pdf = await renderPdf(`${PAGE}#let v = ${typstString(s)}\n#text(weight: "bold", "START" + v + "END")`);
        assert.equal(squash(pdfText(pdf, { raw: true })), `START${squash(s)}END`);
      }),
      { numRuns: 40 },
    );
  });
});
