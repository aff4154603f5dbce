import { createHash } from 'node:crypto';

/**
 * The publication log as a hash chain, so that anyone who keeps a copy of the log can tell
 * whether its history was rewritten later. In publication order (ascending id: the order the
 * rows were written, whatever date a row shows), each link is
 *
 *   chain(n) = SHA-256( chain(n-1) "|" id "|" sha256 "|" published_at "|" ref )
 *
 * over the UTF-8 text, as lowercase hex, starting from chain(0) = 64 zeros; published_at is
 * ISO 8601 in UTC with milliseconds (2023-12-20T03:30:00.000Z). ref says what the row did to an
 * earlier row:
 *   - a publication (action publish): the id of the publication it superseded, empty if none;
 *   - a withdrawal (action withdraw): "withdraws:" and the id of the publication it took off the
 *     site (its sha256 is the withdrawn file's), e.g. "withdraws:12".
 * A publish row's input is exactly what it was before withdrawals existed, so no link written
 * earlier changes. Every field is fixed when the row is written (a correction is a new
 * publication that names what it replaces; a withdrawal is a new row that names what it
 * withdraws), so a link never changes afterwards: the chain only grows, and a copy kept at any
 * time stays a prefix of the log.
 *
 * The link is computed once, when the row is written (service.ts insertPublication, under the
 * organization's write lock) and stored in publications.chain_link; the public page and the CSV
 * show the stored links, and `verify-publications` recomputes them all from the rows (chainLog).
 * Recomputable from the CSV with any SHA-256 tool, e.g.
 *   printf '%s' "$prev|$id|$sha256|$published_at|$replaces" | sha256sum
 */
export const CHAIN_GENESIS = '0'.repeat(64);

export interface ChainEntry {
  id: number;
  sha256: string;
  publishedAt: Date;
  /** The publication that replaced this one (set later, and not part of this row's link). */
  supersededBy: number | null;
  /** 'withdraw' for a withdrawal row (absent or 'publish' otherwise). */
  action?: string | null;
  /** On a withdrawal row: the publication it withdraws. */
  withdraws?: number | null;
}

/** What the row did to an earlier one, as hashed: the superseded id, "withdraws:<id>", or empty. */
export function chainRef(e: Pick<ChainEntry, 'action' | 'withdraws'>, replaces: number | null): string {
  if (e.action === 'withdraw') return `withdraws:${e.withdraws ?? ''}`;
  return replaces == null ? '' : String(replaces);
}

/** The text one link hashes (exposed so the page and tests can show exactly what is hashed). */
export function chainInput(prev: string, e: ChainEntry, replaces: number | null): string {
  return `${prev}|${e.id}|${e.sha256}|${e.publishedAt.toISOString()}|${chainRef(e, replaces)}`;
}

export function chainLink(prev: string, e: ChainEntry, replaces: number | null): string {
  return createHash('sha256')
    .update(chainInput(prev, e, replaces), 'utf8')
    .digest('hex');
}

export interface ChainedLog<T extends ChainEntry> {
  /** The rows in publication order (ascending id), each with what it replaced and the chain after it. */
  rows: { entry: T; replaces: number | null; chain: string }[];
  /** The chain after the last row; CHAIN_GENESIS for an empty log. */
  head: string;
}

/** Which publication each row replaced (from the superseded rows' superseded_by). */
export function replacedMap(entries: readonly ChainEntry[]): Map<number, number> {
  const replaced = new Map<number, number>();
  for (const e of entries) if (e.supersededBy != null) replaced.set(e.supersededBy, e.id);
  return replaced;
}

/** Chains the rows in publication order, whatever order they are given in (recomputed from the rows). */
export function chainLog<T extends ChainEntry>(entries: readonly T[]): ChainedLog<T> {
  const ordered = [...entries].sort((a, b) => a.id - b.id);
  const replaced = replacedMap(ordered);
  let head = CHAIN_GENESIS;
  const rows = ordered.map((entry) => {
    const replaces = replaced.get(entry.id) ?? null;
    head = chainLink(head, entry, replaces);
    return { entry, replaces, chain: head };
  });
  return { rows, head };
}
