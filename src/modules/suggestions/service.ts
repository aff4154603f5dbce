import { randomInt } from 'node:crypto';
import { and, count, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { conflict, ensureAllowed, type FieldError, notFound, tooMany, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { bangkokDateParts, bangkokMidnight, fiscalMonths, fiscalYearOf, fiscalYearRange } from '../../core/thai/index.js';
import { fullName, staffOfUser } from '../staff/service.js';
import { suggestionsPolicy } from './policy.js';
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES, type SuggestionCategory, type SuggestionStatus, staffSuggestions } from './schema.js';

/**
 * กล่องรับความคิดเห็นของบุคลากร — the staff suggestion box. A signed-in staff member submits; nothing
 * of the author is kept: no author column, the audit entry anonymous (no user, no address, not
 * even which suggestion), the day only as the time received (midnight Bangkok). The author
 * follows it with a tracking code shown once and stored only as a keyed hash
 * (app.secrets.mac). Executives answer (signed: the answer is theirs) or close with a reason;
 * answers are visible to all staff.
 */
export type Suggestion = typeof staffSuggestions.$inferSelect;

/** What staff see of a suggestion: never the code's hash. */
export interface SuggestionView {
  id: number;
  category: SuggestionCategory;
  text: string;
  status: SuggestionStatus;
  answer: string | null;
  answeredAt: Date | null;
  /** The executive who answered (answers are signed; suggestions are not). */
  answeredByName: string | null;
  receivedOn: Date;
}

export const TEXT_MIN = 10;
export const TEXT_MAX = 3000;
export const ANSWER_MAX = 5000;
/** Per staff member per day, per app server (in memory: nothing about who wrote is stored). */
export const SUBMIT_LIMIT = 3;
/** Tracking lookups per staff member per 10 minutes (guessing codes is pointless, but slow it). */
export const TRACK_LIMIT = 10;

const submits = new RateLimiter(SUBMIT_LIMIT, 24 * 60 * 60 * 1000);
const lookups = new RateLimiter(TRACK_LIMIT, 10 * 60 * 1000);

/** No 0/O, 1/I/L: read aloud and typed again without doubt. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;

export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** 'ABCDE-FGHJK' for reading. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a person typed → the code (upper case, no spaces or dashes), or null when it cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s\-–]/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

const codeHash = (ctx: ServiceContext, code: string) => ctx.app.secrets.mac('suggestion-code', `${ctx.orgId}:${code}`);

function view(r: Suggestion): SuggestionView {
  return {
    id: r.id,
    category: r.category,
    text: r.text,
    status: r.status,
    answer: r.answer,
    answeredAt: r.answeredAt,
    answeredByName: null,
    receivedOn: r.createdAt,
  };
}

/** The answering executives' names (a handful of people: one lookup each). */
async function withNames(ctx: ServiceContext, rows: Suggestion[]): Promise<SuggestionView[]> {
  const ids = [...new Set(rows.map((r) => r.answeredBy).filter((x): x is number => !!x))];
  const names = new Map<number, string>();
  for (const id of ids) {
    const person = await staffOfUser(ctx, id);
    if (person) names.set(id, fullName(person));
  }
  return rows.map((r) => ({ ...view(r), answeredByName: r.answeredBy ? (names.get(r.answeredBy) ?? null) : null }));
}

const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();

export interface SubmitInput {
  category: string;
  text: string;
}

/**
 * Stores a suggestion and returns its tracking code (to be shown once). Refused past the day's
 * limit with a message; nothing of the author stored anywhere.
 */
export async function submitSuggestion(ctx: ServiceContext, input: SubmitInput): Promise<{ trackingCode: string }> {
  ensureAllowed(suggestionsPolicy.submit(ctx.actor), !!ctx.actor);
  const text = clean(input.text ?? '');
  const errors: FieldError[] = [];
  if (!(SUGGESTION_CATEGORIES as readonly string[]).includes(input.category))
    errors.push({ field: 'category', label: 'suggestions.fields.category', message: 'core.validation.choose' });
  if (!text) errors.push({ field: 'text', label: 'suggestions.fields.text', message: 'core.validation.required' });
  else if (text.length < TEXT_MIN)
    errors.push({ field: 'text', label: 'suggestions.fields.text', message: 'suggestions.errors.tooShort', params: { min: TEXT_MIN } });
  else if (text.length > TEXT_MAX)
    errors.push({ field: 'text', label: 'suggestions.fields.text', message: 'core.validation.tooLong', params: { max: TEXT_MAX } });
  if (errors.length) throw new ValidationError(errors);
  // The key lives in this process's memory only, for a day; it is never written anywhere.
  // The system (the demo seed) has no day to limit.
  const wait = ctx.actor?.userId ? submits.hit(`${ctx.orgId}|${ctx.actor.userId}`, ctx.app.now().getTime()) : 0;
  if (wait > 0) throw tooMany('suggestions.errors.tooMany', { max: SUBMIT_LIMIT, hours: Math.ceil(wait / 3600) });
  const p = bangkokDateParts(ctx.app.now());
  const day = bangkokMidnight({ year: p.year, month: p.month, day: p.day });
  for (let attempt = 0; ; attempt++) {
    const code = newTrackingCode();
    const stored = await runCommand(ctx, { action: 'suggestions.submit', allowed: true, anonymous: true }, async (tx) => {
      const [row] = await tx
        .insert(staffSuggestions)
        .values({ orgId: ctx.orgId, codeHash: codeHash(ctx, code), category: input.category as SuggestionCategory, text, createdAt: day })
        .onConflictDoNothing()
        .returning({ id: staffSuggestions.id });
      // Not even the suggestion's id: the entry's own time would otherwise tie it to a moment.
      return { result: !!row, entity: 'staff_suggestion', entityId: null, summary: 'รับความคิดเห็นของบุคลากร (ไม่ระบุตัวตน)' };
    });
    if (stored) return { trackingCode: code };
    if (attempt > 5) throw new Error('could not draw a free tracking code');
  }
}

/** The suggestion of a tracking code, or 404 for any code that is not one of this organization's. */
export async function trackSuggestion(ctx: ServiceContext, input: string): Promise<SuggestionView> {
  ensureAllowed(suggestionsPolicy.read(ctx.actor), !!ctx.actor);
  const wait = lookups.hit(`${ctx.orgId}|${ctx.actor?.userId}`, ctx.app.now().getTime());
  if (wait > 0) throw tooMany('suggestions.errors.tooManyLookups', { minutes: Math.ceil(wait / 60) });
  const code = normalizeTrackingCode(input);
  // A malformed code is hashed and looked up too: the answer is the same as for an unknown one.
  const hash = codeHash(ctx, code ?? `invalid:${input.slice(0, 40)}`);
  const [row] = await dbOf(ctx)
    .select()
    .from(staffSuggestions)
    .where(and(eq(staffSuggestions.orgId, ctx.orgId), eq(staffSuggestions.codeHash, hash)));
  if (!row || !code) throw notFound('suggestions.errors.unknownCode');
  return (await withNames(ctx, [row]))[0] as SuggestionView;
}

export interface ListFilter {
  fiscalYear: number;
  /** Executives: 'new' to see only those waiting. */
  status?: SuggestionStatus;
}

/**
 * The suggestions of a fiscal year, newest first. All staff see the answered and closed ones
 * (with the answer); executives also see those waiting for an answer.
 */
export async function listSuggestions(ctx: ServiceContext, filter: ListFilter): Promise<SuggestionView[]> {
  ensureAllowed(suggestionsPolicy.read(ctx.actor), !!ctx.actor);
  const range = fiscalYearRange(filter.fiscalYear);
  const visible: SuggestionStatus[] = suggestionsPolicy.answer(ctx.actor) ? [...SUGGESTION_STATUSES] : ['answered', 'closed'];
  const statuses = filter.status ? visible.filter((s) => s === filter.status) : visible;
  if (!statuses.length) return [];
  const rows = await dbOf(ctx)
    .select()
    .from(staffSuggestions)
    .where(
      and(
        eq(staffSuggestions.orgId, ctx.orgId),
        inArray(staffSuggestions.status, statuses),
        gte(staffSuggestions.createdAt, range.start),
        lt(staffSuggestions.createdAt, range.end),
      ),
    )
    .orderBy(desc(staffSuggestions.createdAt), desc(staffSuggestions.id))
    .limit(500);
  return withNames(ctx, rows);
}

/** One suggestion for its answer page (executives). */
export async function getSuggestion(ctx: ServiceContext, id: number): Promise<SuggestionView> {
  ensureAllowed(suggestionsPolicy.answer(ctx.actor), !!ctx.actor);
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(staffSuggestions)
    .where(and(eq(staffSuggestions.orgId, ctx.orgId), eq(staffSuggestions.id, id)));
  if (!row) throw notFound();
  return view(row);
}

export interface AnswerInput {
  /** answer: visible to all staff; close: no answer needed, with the reason (also visible). */
  action: string;
  text: string;
}

/** Answers (or closes with a reason) a suggestion; an answer may be corrected later by an executive. */
export async function answerSuggestion(ctx: ServiceContext, id: number, input: AnswerInput): Promise<SuggestionView> {
  const found = await getSuggestion(ctx, id);
  const text = clean(input.text ?? '');
  const action = input.action === 'close' ? 'close' : input.action === 'answer' ? 'answer' : null;
  const errors: FieldError[] = [];
  if (!action) errors.push({ field: 'action', label: 'suggestions.fields.action', message: 'core.validation.choose' });
  const label = action === 'close' ? 'suggestions.fields.reason' : 'suggestions.fields.answer';
  if (!text) errors.push({ field: 'text', label, message: 'core.validation.required' });
  else if (text.length > ANSWER_MAX) errors.push({ field: 'text', label, message: 'core.validation.tooLong', params: { max: ANSWER_MAX } });
  if (errors.length) throw new ValidationError(errors);
  const status: SuggestionStatus = action === 'close' ? 'closed' : 'answered';
  return runCommand(ctx, { action: 'suggestions.answer', allowed: suggestionsPolicy.answer(ctx.actor) }, async (tx) => {
    const [row] = await tx
      .update(staffSuggestions)
      .set({ status, answer: text, answeredBy: ctx.actor?.userId || null, answeredAt: ctx.app.now() })
      .where(and(eq(staffSuggestions.orgId, ctx.orgId), eq(staffSuggestions.id, id), eq(staffSuggestions.status, found.status)))
      .returning();
    if (!row) throw conflict('suggestions.errors.conflict');
    const what =
      status === 'closed' ? 'ปิดความคิดเห็นของบุคลากร' : found.status === 'answered' ? 'แก้ไขคำตอบความคิดเห็นของบุคลากร' : 'ตอบความคิดเห็นของบุคลากร';
    return { result: view(row), entity: 'staff_suggestion', entityId: row.id, summary: `${what} #${row.id}` };
  });
}

/** Waiting for an answer (executives' to-do). */
export async function waitingCount(ctx: ServiceContext): Promise<number> {
  if (!suggestionsPolicy.answer(ctx.actor)) return 0;
  const [n] = await dbOf(ctx)
    .select({ n: count() })
    .from(staffSuggestions)
    .where(and(eq(staffSuggestions.orgId, ctx.orgId), eq(staffSuggestions.status, 'new')));
  return n?.n ?? 0;
}

export interface StatsRow {
  /** 'YYYY-MM' or a category. */
  key: string;
  received: number;
  answered: number;
  closed: number;
  /** Median whole days from the day received to the answer; null when none answered. */
  medianDays: number | null;
}

export interface SuggestionStats {
  fiscalYear: number;
  byMonth: StatsRow[];
  byCategory: StatsRow[];
  total: StatsRow;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Per month received and per category: received, answered, closed, median days to an answer
 * (days from the day received — the only time stored — to the answer's Bangkok day). Counts of
 * every suggestion (waiting ones too): staff see how the box is used, not what waits.
 */
export async function suggestionStats(ctx: ServiceContext, fiscalYear: number): Promise<SuggestionStats> {
  ensureAllowed(suggestionsPolicy.read(ctx.actor), !!ctx.actor);
  const range = fiscalYearRange(fiscalYear);
  const rows = await dbOf(ctx)
    .select({
      category: staffSuggestions.category,
      status: staffSuggestions.status,
      createdAt: staffSuggestions.createdAt,
      answeredAt: staffSuggestions.answeredAt,
    })
    .from(staffSuggestions)
    .where(
      and(eq(staffSuggestions.orgId, ctx.orgId), gte(staffSuggestions.createdAt, range.start), lt(staffSuggestions.createdAt, range.end)),
    );
  const pad = (n: number) => String(n).padStart(2, '0');
  const acc = () => ({ received: 0, answered: 0, closed: 0, days: [] as number[] });
  const months = new Map(fiscalMonths(fiscalYear).map((m) => [`${m.year}-${pad(m.month)}`, acc()]));
  const cats = new Map(SUGGESTION_CATEGORIES.map((c) => [c as string, acc()]));
  const total = acc();
  for (const r of rows) {
    const p = bangkokDateParts(r.createdAt);
    const targets = [months.get(`${p.year}-${pad(p.month)}`), cats.get(r.category), total];
    let days: number | null = null;
    if (r.status === 'answered' && r.answeredAt) {
      const a = bangkokDateParts(r.answeredAt);
      days = Math.max(0, Math.round((bangkokMidnight(a).getTime() - bangkokMidnight(p).getTime()) / DAY_MS));
    }
    for (const x of targets) {
      if (!x) continue;
      x.received++;
      if (r.status === 'answered') x.answered++;
      if (r.status === 'closed') x.closed++;
      if (days !== null) x.days.push(days);
    }
  }
  const out = (key: string, x: ReturnType<typeof acc>): StatsRow => ({
    key,
    received: x.received,
    answered: x.answered,
    closed: x.closed,
    medianDays: median(x.days),
  });
  return {
    fiscalYear,
    byMonth: [...months].map(([k, x]) => out(k, x)),
    byCategory: [...cats].map(([k, x]) => out(k, x)),
    total: out('total', total),
  };
}

/** Fiscal years (B.E.) the pages accept: 2550 … this one. */
export function isSuggestionYear(ctx: ServiceContext, fy: unknown): fy is number {
  return typeof fy === 'number' && Number.isInteger(fy) && fy >= 2550 && fy <= fiscalYearOf(ctx.app.now());
}
