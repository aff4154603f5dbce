import { chainLog } from './chain.js';
import type { Publication } from './service.js';

/** The columns of the machine-readable publication log, in order; the last is the hash chain. */
export const LOG_CSV_COLUMNS = [
  'id',
  'published_at',
  'fiscal_year',
  'item_code',
  'title',
  'sha256',
  'size',
  'superseded_by',
  'superseded_at',
  'supersede_reason',
  'replaces',
  'file_url',
  'chain',
] as const;

/** The byte-order mark: without it Excel reads UTF-8 as the local code page and Thai turns to mojibake. */
const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Free text (title,
 * reason) that a spreadsheet would run as a formula gets a leading apostrophe.
 */
function field(v: string | number | null, freeText = false): string {
  let s = v == null ? '' : String(v);
  if (freeText && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The publication log as CSV bytes: UTF-8 with a BOM, CRLF line ends, one row per publication in
 * publication order (ascending id — the order of the chain), the chain value after each row in
 * the last column; the last row's is the head shown on the page.
 */
export function logCsv(list: readonly Publication[], fileUrl: (p: Publication) => string): Uint8Array {
  const lines = [LOG_CSV_COLUMNS.join(',')];
  for (const { entry: p, replaces, chain } of chainLog(list).rows) {
    lines.push(
      [
        field(p.id),
        field(p.publishedAt.toISOString()),
        field(p.fiscalYear),
        field(p.itemCode),
        field(p.title, true),
        field(p.sha256),
        field(p.size),
        field(p.supersededBy),
        field(p.supersededAt ? p.supersededAt.toISOString() : null),
        field(p.supersedeReason, true),
        field(replaces),
        field(fileUrl(p)),
        field(chain),
      ].join(','),
    );
  }
  return new TextEncoder().encode(`${BOM}${lines.join('\r\n')}\r\n`);
}
