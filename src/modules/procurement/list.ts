import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { ensureAllowed, notFound } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { procurementPolicy } from './policy.js';
import {
  PROCUREMENT_CATEGORIES,
  PROCUREMENT_METHODS,
  PROCUREMENT_STATUSES,
  type ProcurementStatus,
  procurementBids,
  procurementNotices,
  procurements,
} from './schema.js';
import type { ProcurementListFilter } from './types.js';

export type Procurement = typeof procurements.$inferSelect;
export type ProcurementBid = typeof procurementBids.$inferSelect;
export type ProcurementNotice = typeof procurementNotices.$inferSelect;

/** The largest page a caller may ask for (the public page shows 20, the API up to 100). */
export const LIST_LIMIT_MAX = 200;
export const PUBLIC_PAGE_SIZE = 20;

/** Statuses that are public on their own: the invitation (or, for เฉพาะเจาะจง, the procedure) has begun. */
export const PUBLIC_STATUSES: readonly ProcurementStatus[] = ['announced', 'awarded', 'contracted', 'completed'];

/** Fiscal years (B.E.) the lists accept. */
export function isFiscalYear(fy: unknown): fy is number {
  return typeof fy === 'number' && Number.isInteger(fy) && fy >= 2550 && fy <= 2700;
}

/** 'YYYY-MM' (Gregorian). */
export function isMonthKey(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
}

/** The first day of a 'YYYY-MM' and the first day of the next month (both 'YYYY-MM-DD'). */
export function monthBounds(month: string): { from: string; until: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return { from: `${month}-01`, until: `${ny}-${String(nm).padStart(2, '0')}-01` };
}

/** `%`, `_` and `\` typed by a citizen are letters, not patterns. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Has the year's procurement plan (ประกาศแผนการจัดซื้อจัดจ้าง) been published? Then planned ones are public too. */
export async function planPublished(db: Db, orgId: number, fiscalYear: number): Promise<boolean> {
  const rows = await db
    .select({ id: procurementNotices.id })
    .from(procurementNotices)
    .where(
      and(
        eq(procurementNotices.orgId, orgId),
        eq(procurementNotices.fiscalYear, fiscalYear),
        eq(procurementNotices.kind, 'plan'),
        isNotNull(procurementNotices.publicationId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Public rule: a procurement is public once announced or later; a cancelled one once it had been
 * announced; planned ones once the year's plan is published (then every procurement of the year).
 */
export function isPublic(p: Pick<Procurement, 'status' | 'announcedOn'>, yearPlanPublished: boolean): boolean {
  if (yearPlanPublished) return true;
  if (PUBLIC_STATUSES.includes(p.status)) return true;
  return p.status === 'cancelled' && p.announcedOn != null;
}

function publicCondition(): SQL {
  return or(
    inArray(procurements.status, [...PUBLIC_STATUSES]),
    and(eq(procurements.status, 'cancelled'), isNotNull(procurements.announcedOn)),
  ) as SQL;
}

/** The WHERE of the list (shared by the page, the CSV and the datasets) — all on (org_id, fiscal_year, …, id). */
export function listConditions(orgId: number, filter: Omit<ProcurementListFilter, 'limit'>, yearPlanPublished: boolean): SQL {
  const where: (SQL | undefined)[] = [eq(procurements.orgId, orgId), eq(procurements.fiscalYear, filter.fiscalYear)];
  if (filter.method && (PROCUREMENT_METHODS as readonly string[]).includes(filter.method))
    where.push(eq(procurements.method, filter.method));
  if (filter.status && (PROCUREMENT_STATUSES as readonly string[]).includes(filter.status))
    where.push(eq(procurements.status, filter.status));
  if (filter.category && (PROCUREMENT_CATEGORIES as readonly string[]).includes(filter.category))
    where.push(eq(procurements.category, filter.category));
  if (filter.month && isMonthKey(filter.month)) {
    const { from, until } = monthBounds(filter.month);
    where.push(gte(procurements.contractDate, from), lt(procurements.contractDate, until));
  }
  const q = filter.q?.trim();
  if (q) where.push(or(ilike(procurements.title, likePattern(q)), ilike(procurements.winnerName, likePattern(q))));
  if (filter.before != null && isRowId(filter.before)) where.push(lt(procurements.id, filter.before));
  if (!filter.includeUnpublished && !yearPlanPublished) where.push(publicCondition());
  return and(...where) as SQL;
}

export interface ProcurementListPage {
  rows: Procurement[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/**
 * One page of a year's procurements, newest first, keyset on id: `WHERE org_id = ? AND
 * fiscal_year = ? [AND method = ?] [AND status = ?] … AND id < before ORDER BY id DESC LIMIT n+1`
 * — served by procurements_year / procurements_year_method / procurements_year_status (the extra
 * row tells whether an older page exists). The public sees what `isPublic` allows; staff (read
 * policy) may ask for everything with `includeUnpublished`.
 */
export async function listProcurements(ctx: ServiceContext, filter: ProcurementListFilter): Promise<ProcurementListPage> {
  if (filter.includeUnpublished) ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
  if (!isFiscalYear(filter.fiscalYear)) return { rows: [], nextBefore: null };
  const limit = Math.min(Math.max(1, Math.floor(filter.limit || PUBLIC_PAGE_SIZE)), LIST_LIMIT_MAX);
  const db = dbOf(ctx);
  const yearPlan = filter.includeUnpublished ? true : await planPublished(db, ctx.orgId, filter.fiscalYear);
  const rows = await db
    .select()
    .from(procurements)
    .where(listConditions(ctx.orgId, filter, yearPlan))
    .orderBy(desc(procurements.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBefore: more ? (page[page.length - 1]?.id ?? null) : null };
}

/** Every public row of a year matching the filters (the CSV download and the dataset), oldest first. */
export async function allPublicProcurements(
  ctx: ServiceContext,
  filter: Omit<ProcurementListFilter, 'limit' | 'before'>,
): Promise<Procurement[]> {
  if (!isFiscalYear(filter.fiscalYear)) return [];
  const db = dbOf(ctx);
  const yearPlan = await planPublished(db, ctx.orgId, filter.fiscalYear);
  return db
    .select()
    .from(procurements)
    .where(listConditions(ctx.orgId, { ...filter, includeUnpublished: false }, yearPlan))
    .orderBy(asc(procurements.id));
}

/** Bids of some procurements, by procurement, in their order. */
export async function bidsOf(db: Db, orgId: number, ids: number[]): Promise<Map<number, ProcurementBid[]>> {
  const out = new Map<number, ProcurementBid[]>();
  if (!ids.length) return out;
  const rows = await db
    .select()
    .from(procurementBids)
    .where(and(eq(procurementBids.orgId, orgId), inArray(procurementBids.procurementId, ids)))
    .orderBy(asc(procurementBids.procurementId), asc(procurementBids.position), asc(procurementBids.id));
  for (const b of rows) {
    const list = out.get(b.procurementId) ?? [];
    list.push(b);
    out.set(b.procurementId, list);
  }
  return out;
}

export interface PublicProcurement {
  procurement: Procurement;
  bids: ProcurementBid[];
  /** Only the notices already in the publication log. */
  notices: ProcurementNotice[];
}

/** One procurement as the public sees it; not public yet, another organization's, unknown: 404. */
export async function getPublicProcurement(ctx: ServiceContext, id: number): Promise<PublicProcurement> {
  if (!isRowId(id)) throw notFound();
  const db = dbOf(ctx);
  const [p] = await db
    .select()
    .from(procurements)
    .where(and(eq(procurements.orgId, ctx.orgId), eq(procurements.id, id)));
  if (!p) throw notFound();
  if (!isPublic(p, await planPublished(db, ctx.orgId, p.fiscalYear))) throw notFound();
  const [bids, notices] = await Promise.all([
    bidsOf(db, ctx.orgId, [id]),
    db
      .select()
      .from(procurementNotices)
      .where(
        and(eq(procurementNotices.orgId, ctx.orgId), eq(procurementNotices.procurementId, id), isNotNull(procurementNotices.publicationId)),
      )
      .orderBy(asc(procurementNotices.noticeDate), asc(procurementNotices.id)),
  ]);
  return { procurement: p, bids: bids.get(id) ?? [], notices };
}

/** Fiscal years that have any public procurement (newest first) — the public page's year picker. */
export async function publicYears(ctx: ServiceContext): Promise<number[]> {
  const db = dbOf(ctx);
  const rows = await db
    .selectDistinct({ fy: procurements.fiscalYear })
    .from(procurements)
    .where(and(eq(procurements.orgId, ctx.orgId), publicCondition()))
    .orderBy(desc(procurements.fiscalYear));
  const plans = await db
    .selectDistinct({ fy: procurementNotices.fiscalYear })
    .from(procurementNotices)
    .where(and(eq(procurementNotices.orgId, ctx.orgId), eq(procurementNotices.kind, 'plan'), isNotNull(procurementNotices.publicationId)));
  return [...new Set([...rows.map((r) => r.fy), ...plans.map((r) => r.fy)])].sort((a, b) => b - a);
}
