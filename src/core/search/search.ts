import { sql } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../context.js';
import { tooMany } from '../http/errors.js';
import { RateLimiter } from '../http/rate-limit.js';
import { toArabicDigits } from '../thai/digits.js';
import { thaiSearchTokens } from '../thai/segment.js';

/**
 * Searching the public index (search_documents, written by the modules through indexDocument).
 *
 * Thai is written without spaces, so the query goes through the same word segmentation as the
 * indexed text (core/thai/segment): "ขออนุญาตก่อสร้างอาคาร" is indexed as ขอ อนุญาต ก่อสร้าง
 * อาคาร, and a query "ก่อสร้าง" or "อนุญาต" finds it. What matches:
 * - every word of the query (AND); when that finds nothing and the query has several words,
 *   some of them (ranked so that pages with more of the words come first): any of the words
 *   typed apart, and any two words of a long phrase typed as one (frequent function words
 *   left out) — so "ใบอนุญาตก่อสร้าง" (ใบ อนุญาต ก่อสร้าง) still finds the building-permit guide
 *   that never says ใบ, while one common word of a long sentence does not match every page;
 * - the last word as a prefix (someone still typing), and the last chunk as typed as a prefix
 *   too: "ก่อสร" (segmented ก่อ สร) finds ก่อสร้าง;
 * - Thai and Arabic digits alike (๒๕๖๗ = 2567), letters in any case.
 * A part of a word does not match ("สร้าง" does not find "ก่อสร้าง"): the index holds words.
 *
 * The tsquery is built from the words only: each one quoted as a lexeme, so no input (operators
 * & | ! ( ) : *, quotes, backslashes, 1,000 characters, control characters) can make a tsquery
 * syntax error.
 */

/**
 * Queries per address and organization a minute: plenty for a person (and the API), not for a
 * script hammering the full-text index. Exported for the test.
 */
export const searchLimiter = new RateLimiter(120, 60 * 1000);

/** The longest query read; the rest is dropped (the header's search box allows 200). */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words take part in a query. */
const MAX_WORDS = 12;
/** In the any-word fallback, a phrase's first words taken two by two (8 words: 28 pairs). */
const MAX_PAIR_WORDS = 8;
/** What a source name looks like (the modules' kinds of page: news, service, page, qa …). */
export const SOURCE_PATTERN = /^[a-z][a-z0-9_-]{0,30}$/;

/**
 * Frequent Thai function words: left out of the "any word" fallback when the query has other
 * words, so that "ภาษีของที่ดิน" does not match every page that says ของ.
 */
const THAI_FUNCTION_WORDS = new Set([
  'และ',
  'หรือ',
  'ของ',
  'ที่',
  'ใน',
  'การ',
  'ความ',
  'ผู้',
  'ให้',
  'กับ',
  'แก่',
  'เพื่อ',
  'โดย',
  'จาก',
  'ได้',
  'เป็น',
  'มี',
  'ไม่',
  'ขอ',
  'นี้',
  'นั้น',
  'แล้ว',
  'จะ',
  'ก็',
  'ซึ่ง',
  'the',
  'of',
  'and',
  'or',
  'a',
  'an',
  'in',
  'to',
  'for',
]);

/** The query as read: NFC, no control characters, single spaces, at most MAX_QUERY_LENGTH. */
export function normalizeQuery(q: string | null | undefined): string {
  if (!q) return '';
  return (
    q
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are dropped on purpose
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2028\u2029\ufeff]/g, ' ')
      .replace(/[\ud800-\udfff]/g, (ch, i: number, s: string) => {
        // keep well-formed surrogate pairs, drop lone halves (invalid UTF-16 would not encode)
        const code = ch.charCodeAt(0);
        if (code <= 0xdbff) {
          const next = s.charCodeAt(i + 1);
          return next >= 0xdc00 && next <= 0xdfff ? ch : ' ';
        }
        const prev = s.charCodeAt(i - 1);
        return prev >= 0xd800 && prev <= 0xdbff ? ch : ' ';
      })
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_QUERY_LENGTH)
      .trim()
  );
}

/** Only letters, marks and digits: what can be a lexeme. */
const WORDISH = /[\p{L}\p{N}]/u;
const NOT_WORD_CHAR = /[^\p{L}\p{M}\p{N}]+/gu;

/** A word as a quoted tsquery lexeme (quotes doubled, backslashes escaped), with ':*' for a prefix. */
function lexeme(word: string, prefix: boolean): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

export interface ParsedQuery {
  /** The query as read (normalizeQuery). */
  text: string;
  /** The words, in order, without repeats (what results are highlighted with). */
  words: string[];
  /** tsquery text requiring every word; null when the query has no word. */
  all: string | null;
  /** tsquery text accepting any word; null when it would be the same as `all`. */
  any: string | null;
}

/** Splits a query into words and builds the two tsqueries (pure: no database). */
export function parseQuery(q: string | null | undefined): ParsedQuery {
  const text = normalizeQuery(q);
  const chunks = text.split(' ').filter(Boolean);
  const seen = new Set<string>();
  const words: string[] = [];
  const chunkWords: string[][] = [];
  for (const chunk of chunks) {
    const ws: string[] = [];
    for (const tok of thaiSearchTokens(chunk)) {
      // ICU may keep an apostrophe or a dot inside a word (don't, 3.14): split there, as the index's parser does
      for (const w of tok.split(NOT_WORD_CHAR)) {
        if (!w || !WORDISH.test(w) || words.length >= MAX_WORDS) continue;
        ws.push(w);
        if (!seen.has(w)) {
          seen.add(w);
          words.push(w);
        }
      }
    }
    if (ws.length) chunkWords.push(ws);
  }
  if (words.length === 0) return { text, words, all: null, any: null };

  // The last chunk as typed (letters and digits only), for a prefix of a word still being typed.
  const lastIndex = chunkWords.length - 1;
  const lastRaw = toArabicDigits(
    chunks
      .map((c) => c.toLowerCase().replace(NOT_WORD_CHAR, ''))
      .filter(Boolean)
      .at(-1) ?? '',
  );
  const prefixOk = (w: string) => [...w].length >= 2;

  const allParts = chunkWords.map((ws, i) => {
    if (i !== lastIndex) return ws.map((w) => lexeme(w, false)).join(' & ');
    const exact = ws.map((w, j) => lexeme(w, j === ws.length - 1 && prefixOk(w))).join(' & ');
    if (ws.length === 1) return exact;
    // A chunk split into several words may be one word still being typed: also try it whole.
    return prefixOk(lastRaw) ? `( ${exact} | ${lexeme(lastRaw, true)} )` : `( ${exact} )`;
  });
  const all = allParts.join(' & ');

  let any: string | null = null;
  if (words.length > 1) {
    const last = words[words.length - 1];
    const lex = (w: string) => lexeme(w, w === last && prefixOk(w));
    const parts = chunkWords.map((ws, i) => {
      const unique = [...new Set(ws)];
      const content = unique.filter((w) => !THAI_FUNCTION_WORDS.has(w));
      const pool = (content.length > 0 ? content : unique).slice(0, MAX_PAIR_WORDS);
      let part: string;
      if (pool.length < 3) part = pool.map(lex).join(' | ');
      else {
        // A long phrase: two of its words at least, so that one common word does not match everything.
        const pairs: string[] = [];
        for (let a = 0; a < pool.length; a++) {
          for (let b = a + 1; b < pool.length; b++) pairs.push(`( ${lex(pool[a] as string)} & ${lex(pool[b] as string)} )`);
        }
        part = pairs.join(' | ');
      }
      if (i === lastIndex && ws.length > 1 && prefixOk(lastRaw)) part += ` | ${lexeme(lastRaw, true)}`;
      return part;
    });
    any = parts.join(' | ');
  }
  return { text, words, all, any };
}

export interface SearchOptions {
  q: string | null | undefined;
  /** Only pages of this source (news, service, page, qa …). */
  source?: string | null;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  source: string;
  sourceId: string;
  title: string;
  summary: string | null;
  url: string;
  publishedAt: Date;
  /** A short text to show under the title: the summary, or the words around the first match. */
  snippet: string;
  rank: number;
}

export interface SearchResult {
  query: string;
  words: string[];
  /** 'all': every word matched; 'any': nothing had every word, so pages with some of them. */
  mode: 'all' | 'any' | 'none';
  total: number;
  /** Matches per source (for the filter), whatever the `source` option. */
  sources: { source: string; count: number }[];
  hits: SearchHit[];
  limit: number;
  offset: number;
}

export const MAX_LIMIT = 50;
export const MAX_OFFSET = 1000;

/** Public content only: anyone may search (the index holds published pages, nothing else). */
export const searchPolicy = {
  read: (_ctx: ServiceContext) => true,
};

interface Row {
  source: string;
  source_id: string;
  title: string;
  summary: string | null;
  url: string;
  published_at: Date | string;
  terms: string;
  rank: number | string;
  total: number | string;
}

/** Joins the segmented words back where Thai was split, so a snippet reads as Thai. */
function unsegment(terms: string): string {
  return terms.replace(/(?<=[\u0e00-\u0e7f]) (?=[\u0e00-\u0e7f])/g, '');
}

const SNIPPET_WORDS = 30;

/** The summary, else about 30 words of the text around the first query word found in it. */
function snippetOf(row: Row, words: string[]): string {
  if (row.summary?.trim()) return row.summary.trim();
  const terms = row.terms.split(' ');
  let at = terms.findIndex((t) => words.some((w) => t.startsWith(w)));
  if (at < 0) at = 0;
  const from = Math.max(0, at - 8);
  const part = terms.slice(from, from + SNIPPET_WORDS).join(' ');
  return `${from > 0 ? '… ' : ''}${unsegment(part)}${from + SNIPPET_WORDS < terms.length ? ' …' : ''}`;
}

async function run(ctx: ServiceContext, tsquery: string, source: string | null, limit: number, offset: number) {
  const now = ctx.app.now();
  const db = dbOf(ctx);
  const rows = (await db.execute(sql`
    SELECT d.source, d.source_id, d.title, d.summary, d.url, d.published_at, d.terms,
      ts_rank_cd(d.tsv, q.q) AS rank, count(*) OVER () AS total
    FROM search_documents d, to_tsquery('simple', ${tsquery}) AS q(q)
    WHERE d.org_id = ${ctx.orgId} AND d.published_at <= ${now} AND d.tsv @@ q.q
      ${source ? sql`AND d.source = ${source}` : sql``}
    ORDER BY rank DESC, d.published_at DESC, d.source, d.source_id
    LIMIT ${limit} OFFSET ${offset}
  `)) as unknown as { rows: Row[] };
  const counts = (await db.execute(sql`
    SELECT d.source, count(*) AS n
    FROM search_documents d, to_tsquery('simple', ${tsquery}) AS q(q)
    WHERE d.org_id = ${ctx.orgId} AND d.published_at <= ${now} AND d.tsv @@ q.q
    GROUP BY d.source ORDER BY count(*) DESC, d.source
  `)) as unknown as { rows: { source: string; n: number | string }[] };
  return { rows: rows.rows, sources: counts.rows.map((r) => ({ source: r.source, count: Number(r.n) })) };
}

/**
 * Searches the organization's published pages (published_at <= now): ranked by ts_rank_cd
 * (title words weigh more than body words), then newest first. Never throws on what a visitor
 * types; an empty query gives an empty result.
 */
export async function searchQuery(ctx: ServiceContext, opts: SearchOptions): Promise<SearchResult> {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(opts.limit ?? 10) || 10));
  const offset = Math.min(MAX_OFFSET, Math.max(0, Math.trunc(opts.offset ?? 0) || 0));
  const source = opts.source && SOURCE_PATTERN.test(opts.source) ? opts.source : null;
  const parsed = parseQuery(opts.q);
  const empty: SearchResult = {
    query: parsed.text,
    words: parsed.words,
    mode: 'none',
    total: 0,
    sources: [],
    hits: [],
    limit,
    offset,
  };
  if (!searchPolicy.read(ctx) || !parsed.all) return empty;
  if (ctx.ip) {
    const wait = searchLimiter.hit(`${ctx.orgId}|${ctx.ip}`);
    if (wait > 0) throw tooMany('core.search.tooMany', { seconds: wait });
  }

  let mode: SearchResult['mode'] = 'all';
  let found = await run(ctx, parsed.all, source, limit, offset);
  if (found.sources.length === 0 && parsed.any) {
    mode = 'any';
    found = await run(ctx, parsed.any, source, limit, offset);
  }
  if (found.sources.length === 0) return empty;
  const total = found.rows.length
    ? Number(found.rows[0]?.total ?? 0)
    : source
      ? (found.sources.find((s) => s.source === source)?.count ?? 0)
      : found.sources.reduce((n, s) => n + s.count, 0);
  return {
    ...empty,
    mode,
    total,
    sources: found.sources,
    hits: found.rows.map((r) => ({
      source: r.source,
      sourceId: r.source_id,
      title: r.title,
      summary: r.summary,
      url: r.url,
      publishedAt: new Date(r.published_at),
      snippet: snippetOf(r, parsed.words),
      rank: Number(r.rank),
    })),
  };
}

/** One piece of a text to show: a query word found in it (to mark) or not. */
export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits a text (a title, a snippet) around the query words found in it, for <mark>: case-
 * and digit-insensitive (๒๕๖๗ marks for 2567). Plain parts; the view escapes them.
 */
export function highlightParts(text: string, words: string[]): TextPart[] {
  const usable = words.filter((w) => [...w].length >= 2 || /[\u0e00-\u0e7f]/.test(w));
  if (usable.length === 0 || !text) return [{ text, match: false }];
  // Compare on a copy with Arabic digits and lower case: both keep the length of every character.
  const folded = Array.from(toArabicDigits(text), (ch) => {
    const lower = ch.toLowerCase();
    return lower.length === ch.length ? lower : ch;
  }).join('');
  const marks = new Array<boolean>(text.length).fill(false);
  for (const w of usable) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(w, from);
      if (at < 0) break;
      for (let i = at; i < at + w.length; i++) marks[i] = true;
      from = at + w.length;
    }
  }
  const parts: TextPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const m = marks[i] ?? false;
    const last = parts[parts.length - 1];
    if (last && last.match === m) last.text += text[i];
    else parts.push({ text: text[i] ?? '', match: m });
  }
  return parts;
}
