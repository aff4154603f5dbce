import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { toThaiDigits } from '../thai/index.js';
import { MemoPreview } from './html.js';
import type { MemoInput } from './memo.js';
import { squash } from './pdf-tools.js';
import { SAMPLE_MEASURE_ROWS, SAMPLE_TABLE_HEADERS, sampleMemo, sharedGaruda } from './sample-memo.js';

const th = (s: string): string => toThaiDigits(s);
const text = (p: MemoInput['body'][number]): string => (typeof p === 'string' ? p : p.text);

async function render(input: MemoInput, headingLevel?: 2 | 3): Promise<string> {
  return (await (<MemoPreview input={input} {...(headingLevel === undefined ? {} : { headingLevel })} />).toString()) as string;
}

function visibleText(html: string): string {
  return html
    .replace(/<caption[\s\S]*?<\/caption>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function assertInOrder(haystack: string, needles: readonly string[]): void {
  const all = squash(haystack);
  let from = 0;
  for (const needle of needles) {
    const at = all.indexOf(squash(needle), from);
    assert.ok(at >= 0, `"${needle}" not found after position ${from} (or out of order)`);
    from = at + squash(needle).length;
  }
}

describe('MemoPreview', () => {
  const garuda = sharedGaruda();
  const input = sampleMemo(garuda === undefined ? {} : { garuda });

  it('shows every field, the comments and the table in reading order, with Thai digits', async () => {
    const html = await render(input);
    const all = visibleText(html);
    const table = input.attachments?.[0];
    assert.ok(table !== undefined);
    assertInOrder(all, [
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
      ...(typeof table.title === 'string' ? [table.title] : table.title).map(th),
      th(text(table.intro?.[0] ?? '')),
      ...SAMPLE_TABLE_HEADERS,
      ...SAMPLE_MEASURE_ROWS.flatMap((row) => row.flatMap((cell) => (typeof cell === 'string' ? [cell] : cell).map(th))),
    ]);
    assert.doesNotMatch(all, /[0-9]/, 'no Arabic digit');
  });

  it('is semantic: headings, a description list, a table with column and row headers in a focusable region', async () => {
    const html = await render(input);
    assert.match(html, /<article class="memo-doc" lang="th" aria-labelledby="(memo-\d+)-title">/);
    assert.match(html, /<h2 id="memo-\d+-title" class="memo-head__title">บันทึกข้อความ<\/h2>/);
    assert.equal([...html.matchAll(/<h3 [^>]*class="memo-comment__heading"/g)].length, 3);
    assert.equal([...html.matchAll(/<dt>/g)].length, 4);
    assert.equal([...html.matchAll(/<th scope="col">/g)].length, SAMPLE_TABLE_HEADERS.length);
    assert.equal([...html.matchAll(/<th scope="row"/g)].length, SAMPLE_MEASURE_ROWS.length);
    assert.match(html, /<section class="memo-table-wrap" aria-labelledby="memo-\d+-attachment-0-title" tabindex="0">/);
    assert.match(html, /<caption class="visually-hidden">/);
    assert.match(html, /class="memo-page memo-page--attachment memo-page--landscape"/);
    assert.doesNotMatch(html, /\sstyle=/, 'no inline style (CSP)');
    // One level down when the page has an h2 of its own.
    const nested = await render(input, 3);
    assert.match(nested, /<h3 [^>]*class="memo-head__title">/);
    assert.match(nested, /<h4 [^>]*class="memo-comment__heading"/);
  });

  it('shows the Garuda as a data URL with a text alternative, or keeps the space empty', async () => {
    const withEmblem = await render(
      sampleMemo({ garuda: { bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), type: 'svg' } }),
    );
    assert.match(withEmblem, /<img class="memo-head__garuda" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="ตราครุฑ"/);
    const without = await render(sampleMemo());
    assert.match(without, /<span class="memo-head__garuda" aria-hidden="true"><\/span>/);
  });

  it('escapes user text', async () => {
    const html = await render({ ...sampleMemo(), subject: '<script>alert(1)</script> & "x"' });
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('has its styles in app.css, in their own section', () => {
    const css = fs.readFileSync(new URL('../ui/assets/app.css', import.meta.url), 'utf8');
    for (const cls of [
      'memo-doc',
      'memo-page',
      'memo-head__garuda',
      'memo-fields',
      'memo-par--indent',
      'memo-signature',
      'memo-table-wrap',
      'memo-table',
    ]) {
      assert.match(css, new RegExp(`\\.${cls}\\b`), `.${cls} styled`);
    }
  });
});
