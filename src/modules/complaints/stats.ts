import { and, count, eq, sql } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { notFound } from '../../core/http/errors.js';
import { bangkokDateParts, type FiscalQuarter, fiscalMonths, fiscalYearOf } from '../../core/thai/index.js';
import { statsBucketOf } from './rules.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintStatus,
  complaints,
} from './schema.js';

/**
 * The public complaint statistics (ITA: เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ — ได้รับ / อยู่ระหว่าง
 * ดำเนินการ / ดำเนินการแล้วเสร็จ) per month, quarter and fiscal year, by category and channel.
 * Counts only: nothing of a single case (no subject, no date finer than the month, no officer).
 * A complaint counts in the month it was received; its bucket is that of its status as of now
 * (rules.ts statsBucketOf): a case received in March and finished in May counts as finished in
 * March's row once finished.
 */

export interface StatsCounts {
  received: number;
  inProgress: number;
  finished: number;
}

export interface MonthStats extends StatsCounts {
  /** Gregorian 'YYYY-MM'. */
  month: string;
  /** The month has not begun yet (this fiscal year): no figure, not "none". */
  future: boolean;
}

export type StatsPeriod = { kind: 'year' } | { kind: 'quarter'; quarter: FiscalQuarter } | { kind: 'month'; month: string };

export interface ComplaintStats {
  fiscalYear: number;
  period: StatsPeriod;
  /** When the statuses were read. */
  asOf: Date;
  /** The months of the period (all twelve for a year). */
  months: MonthStats[];
  /** The quarters the period covers (1–4 for a year). */
  quarters: ({ quarter: FiscalQuarter } & StatsCounts)[];
  total: StatsCounts;
  byCategory: ({ category: ComplaintCategory } & StatsCounts)[];
  byChannel: ({ channel: ComplaintChannel } & StatsCounts)[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const zero = (): StatsCounts => ({ received: 0, inProgress: 0, finished: 0 });

/** Fiscal years (B.E.) the statistics accept: from 2550 to this one. */
export function isStatsYear(ctx: ServiceContext, fy: unknown): fy is number {
  return typeof fy === 'number' && Number.isInteger(fy) && fy >= 2550 && fy <= fiscalYearOf(ctx.app.now());
}

/** The twelve months of a fiscal year, 'YYYY-MM' (October first). */
export function fiscalMonthKeys(fy: number): string[] {
  return fiscalMonths(fy).map((m) => `${m.year}-${pad(m.month)}`);
}

/** The months a period covers. */
export function periodMonths(fy: number, period: StatsPeriod): string[] {
  const all = fiscalMonthKeys(fy);
  if (period.kind === 'quarter') return all.slice((period.quarter - 1) * 3, period.quarter * 3);
  if (period.kind === 'month') {
    if (!all.includes(period.month)) throw notFound();
    return [period.month];
  }
  return all;
}

function add(to: StatsCounts, status: ComplaintStatus, n: number) {
  to.received += n;
  if (statsBucketOf(status) === 'finished') to.finished += n;
  else to.inProgress += n;
}

/** The statistics of a fiscal year (or a quarter or month of it), read now. Public: no policy. */
export async function buildComplaintStats(
  ctx: ServiceContext,
  fiscalYear: number,
  period: StatsPeriod = { kind: 'year' },
): Promise<ComplaintStats> {
  if (!isStatsYear(ctx, fiscalYear)) throw notFound();
  const months = periodMonths(fiscalYear, period);
  const month = sql<string>`to_char(${complaints.receivedOn}, 'YYYY-MM')`;
  const rows = await dbOf(ctx)
    .select({ month, status: complaints.status, category: complaints.category, channel: complaints.channel, n: count() })
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.fiscalYear, fiscalYear)))
    .groupBy(month, complaints.status, complaints.category, complaints.channel);
  const now = bangkokDateParts(ctx.app.now());
  const thisMonth = `${now.year}-${pad(now.month)}`;
  const byMonth = new Map(months.map((m) => [m, { month: m, future: m > thisMonth, ...zero() }]));
  const byCategory = new Map(COMPLAINT_CATEGORIES.map((c) => [c, { category: c, ...zero() }]));
  const byChannel = new Map(COMPLAINT_CHANNELS.map((c) => [c, { channel: c, ...zero() }]));
  const total = zero();
  for (const r of rows) {
    const m = byMonth.get(r.month);
    if (!m) continue; // another period of the year
    const status = (COMPLAINT_STATUSES as readonly string[]).includes(r.status) ? r.status : 'received';
    add(m, status, r.n);
    add(total, status, r.n);
    const cat = byCategory.get(r.category) ?? byCategory.get('other');
    if (cat) add(cat, status, r.n);
    const ch = byChannel.get(r.channel);
    if (ch) add(ch, status, r.n);
  }
  const all = fiscalMonthKeys(fiscalYear);
  const quarters = ([1, 2, 3, 4] as const)
    .filter((q) => months.some((m) => Math.floor(all.indexOf(m) / 3) + 1 === q))
    .map((quarter) => {
      const c = zero();
      for (const m of all.slice((quarter - 1) * 3, quarter * 3)) {
        const x = byMonth.get(m);
        if (!x) continue;
        c.received += x.received;
        c.inProgress += x.inProgress;
        c.finished += x.finished;
      }
      return { quarter, ...c };
    });
  const stats: ComplaintStats = {
    fiscalYear,
    period,
    asOf: ctx.app.now(),
    months: [...byMonth.values()],
    quarters,
    total,
    byCategory: [...byCategory.values()],
    byChannel: [...byChannel.values()],
  };
  checkStats(stats);
  return stats;
}

/**
 * The figures agree before anything is shown or produced: in every row in progress + finished =
 * received; the months add up to their quarters and to the total; categories and channels add up
 * to the total. A mismatch is an error, never a silent fix.
 */
export function checkStats(s: ComplaintStats): void {
  const fail = (what: string) => {
    throw new Error(`complaint statistics do not add up: ${what}`);
  };
  const rows: [string, StatsCounts][] = [
    ['total', s.total],
    ...s.months.map((m) => [m.month, m] as [string, StatsCounts]),
    ...s.quarters.map((q) => [`Q${q.quarter}`, q] as [string, StatsCounts]),
    ...s.byCategory.map((c) => [c.category, c] as [string, StatsCounts]),
    ...s.byChannel.map((c) => [c.channel, c] as [string, StatsCounts]),
  ];
  for (const [name, r] of rows) {
    if (r.inProgress + r.finished !== r.received || r.inProgress < 0 || r.finished < 0) fail(name);
  }
  const sum = (list: StatsCounts[]) =>
    list.reduce(
      (a, x) => ({ received: a.received + x.received, inProgress: a.inProgress + x.inProgress, finished: a.finished + x.finished }),
      zero(),
    );
  const same = (a: StatsCounts, b: StatsCounts) => a.received === b.received && a.inProgress === b.inProgress && a.finished === b.finished;
  if (!same(sum(s.months), s.total)) fail('months ≠ total');
  if (!same(sum(s.byCategory), s.total)) fail('categories ≠ total');
  if (!same(sum(s.byChannel), s.total)) fail('channels ≠ total');
  if (s.period.kind !== 'month' && !same(sum(s.quarters), s.total)) fail('quarters ≠ total');
}

/** The fiscal years with complaints, newest first, with this one always present. */
export async function statsYears(ctx: ServiceContext): Promise<number[]> {
  const rows = await dbOf(ctx).selectDistinct({ fy: complaints.fiscalYear }).from(complaints).where(eq(complaints.orgId, ctx.orgId));
  const current = fiscalYearOf(ctx.app.now());
  return [...new Set([current, ...rows.map((r) => r.fy).filter((y) => y <= current)])].sort((a, b) => b - a);
}
