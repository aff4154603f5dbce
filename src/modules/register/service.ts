import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { forbidden, unauthorized } from '../../core/http/errors.js';
import { bangkokDateParts } from '../../core/thai/bangkok.js';
import { toBuddhistYear } from '../../core/thai/dates.js';
import { applyDigits, type DigitStyle } from '../../core/thai/digits.js';
import { registerPolicy } from './policy.js';
import { registerCounters, registerEntries } from './schema.js';

export type RegisterEntry = typeof registerEntries.$inferSelect;

/** '' ordinary letters and memos; 'ว' circulars (หนังสือเวียน), numbered separately. */
export const SERIES = ['', 'ว'] as const;
export type Series = (typeof SERIES)[number];
export const CIRCULAR_SERIES: Series = SERIES[1];

export function asSeries(s: string): Series {
  return s === CIRCULAR_SERIES ? CIRCULAR_SERIES : '';
}

/** Register numbers restart every calendar year; the year is the Buddhist year in Bangkok. */
export function registerYearOf(date: Date): number {
  return toBuddhistYear(bangkokDateParts(date).year);
}

/**
 * The "ที่" of a document: the organization's code and the register number —
 * "นธ 78101/123", a circular "นธ 78101/ว 12"; Thai digits in official documents.
 */
export function formatRegisterNumber(docCode: string, series: Series, number: number, digits: DigitStyle = 'arabic'): string {
  return applyDigits(`${docCode}/${series ? `${series} ` : ''}${number}`, digits);
}

export interface IssueInput {
  series: Series;
  documentDate: Date;
  subject: string;
  recipient?: string | null;
  divisionId?: number | null;
  entity?: string | null;
  entityId?: string | number | null;
}

/**
 * Takes the next number in the caller's transaction: the module issuing a document calls it
 * from inside its own command, so the number, the document and the audit entry commit
 * together (or none of them). Concurrent requests get distinct, consecutive numbers.
 */
export async function issueNumber(tx: Db, ctx: ServiceContext, input: IssueInput): Promise<RegisterEntry> {
  const year = registerYearOf(input.documentDate);
  const [counter] = await tx
    .insert(registerCounters)
    .values({ orgId: ctx.orgId, year, series: input.series, last: 1 })
    .onConflictDoUpdate({
      target: [registerCounters.orgId, registerCounters.year, registerCounters.series],
      set: { last: sql`${registerCounters.last} + 1` },
    })
    .returning({ last: registerCounters.last });
  if (!counter) throw new Error('register counter missing');
  const [entry] = await tx
    .insert(registerEntries)
    .values({
      orgId: ctx.orgId,
      year,
      series: input.series,
      number: counter.last,
      documentDate: input.documentDate,
      subject: input.subject,
      recipient: input.recipient ?? null,
      divisionId: input.divisionId ?? null,
      entity: input.entity ?? null,
      entityId: input.entityId == null ? null : String(input.entityId),
      createdBy: ctx.actor?.userId || null,
      createdAt: ctx.app.now(),
    })
    .returning();
  if (!entry) throw new Error('register entry not written');
  return entry;
}

/** A clerk takes a number for a document written outside the system (a paper letter). */
export async function reserveNumber(ctx: ServiceContext, input: IssueInput, docCode: string): Promise<RegisterEntry> {
  return runCommand(ctx, { action: 'register.reserveNumber', allowed: registerPolicy.issue(ctx.actor) }, async (tx) => {
    const entry = await issueNumber(tx, ctx, input);
    return {
      result: entry,
      entity: 'register_entry',
      entityId: entry.id,
      summary: `ออกเลขที่หนังสือ ${formatRegisterNumber(docCode, input.series, entry.number)} เรื่อง ${input.subject}`,
    };
  });
}

/** One entry of the organization's register, or null. */
export async function getRegisterEntry(ctx: ServiceContext, id: number): Promise<RegisterEntry | null> {
  const [e] = await dbOf(ctx)
    .select()
    .from(registerEntries)
    .where(and(eq(registerEntries.orgId, ctx.orgId), eq(registerEntries.id, id)));
  return e ?? null;
}

export async function listRegister(
  ctx: ServiceContext,
  f: { year: number; series?: Series; before?: number },
  limit = 50,
): Promise<{ entries: RegisterEntry[]; nextBefore: number | null }> {
  if (!ctx.actor) throw unauthorized();
  if (!registerPolicy.read(ctx.actor)) throw forbidden();
  const rows = await dbOf(ctx)
    .select()
    .from(registerEntries)
    .where(
      and(
        eq(registerEntries.orgId, ctx.orgId),
        eq(registerEntries.year, f.year),
        f.series === undefined ? undefined : eq(registerEntries.series, f.series),
        f.before ? lt(registerEntries.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(registerEntries.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}
