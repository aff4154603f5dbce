import { csvBytes, csvField as field } from '../../core/http/csv.js';
import { chainLog, chainRef } from './chain.js';
import type { Publication } from './service.js';

/** The columns of the machine-readable publication log, in order; the last is the hash chain. */
export const LOG_CSV_COLUMNS = [
  'id',
  'published_at',
  'kind',
  'action',
  'fiscal_year',
  'item_code',
  'title',
  'sha256',
  'size',
  'superseded_by',
  'superseded_at',
  'supersede_reason',
  'replaces',
  'withdraws',
  'withdrawn_by',
  'reason',
  'ref',
  'source_url',
  'file_url',
  'chain',
] as const;

/**
 * The publication log as CSV bytes: UTF-8 with a BOM, CRLF line ends, one row per entry in
 * publication order (ascending id — the order of the chain). kind: document / news / service /
 * page / dataset; action: publish / withdraw. ref is exactly the last field the chain hashes
 * (chain.ts: the id replaced, or withdraws:<id>), so each row's chain is
 * SHA-256(previous chain|id|sha256|published_at|ref). The last column is the chain value stored
 * when the row was written; the last row's is the head shown on the page.
 */
export function logCsv(
  list: readonly Publication[],
  urls: { fileUrl: (p: Publication) => string; sourceUrl?: (p: Publication) => string },
): Uint8Array {
  const lines: string[][] = [[...LOG_CSV_COLUMNS]];
  for (const { entry: p, replaces, chain } of chainLog(list).rows) {
    lines.push([
      field(p.id),
      field(p.publishedAt.toISOString()),
      field(p.kind),
      field(p.action),
      field(p.fiscalYear),
      field(p.itemCode),
      field(p.title, true),
      field(p.sha256),
      field(p.size),
      field(p.supersededBy),
      field(p.supersededAt ? p.supersededAt.toISOString() : null),
      field(p.supersedeReason, true),
      field(replaces),
      field(p.withdraws),
      field(p.withdrawnBy),
      field(p.reason, true),
      field(chainRef(p, replaces)),
      field(urls.sourceUrl?.(p) ?? ''),
      field(urls.fileUrl(p)),
      // The stored link (what was fixed when the row was written); recomputed only for a row without one.
      field(p.chainLink ?? chain),
    ]);
  }
  return csvBytes(lines);
}
