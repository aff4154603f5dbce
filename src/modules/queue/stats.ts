import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, hasRole } from '../../core/auth/roles.js';
import { users } from '../../core/auth/schema.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, forbidden, unauthorized, ValidationError } from '../../core/http/errors.js';
import { translator } from '../../core/i18n/i18n.js';
import { bangkokDate, bangkokIsoDay, bangkokMidnight, daysInMonth, parseIsoDay } from '../../core/thai/bangkok.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { listPublications, type Publication, publish } from '../publications/service.js';
import { type Channel, queueCounters, queueServices } from './schema.js';
import { periodLabel, renderStatsPdf, statsFileName } from './stats-pdf.js';

/**
 * Service statistics (สถิติการให้บริการ) from the tickets and their events: tickets per service
 * per day, wait and service times (mean, median, 90th percentile, in SQL so they scale), per
 * service, counter and staff member, the hourly load and the no-show rate.
 *
 * Definitions (the page, PDF and open data say the same):
 * - a ticket belongs to the range by its Bangkok day of issue, and to the service it is at
 *   last (a ticket transferred from A to B counts at B, where it was served);
 * - wait = issue → first call (tickets that were called);
 * - service = start of serving → finish; when the counter finished without pressing "serve",
 *   from its last call (tickets finished only);
 * - no-show rate = no-shows / (finished + no-shows): of the people called whose ticket ended.
 * Per counter: the wait counts at the counter that first called the ticket, the service at
 * the counter that finished it; per staff member: who pressed "finish".
 */

/** Who reads statistics and who publishes them as OIT evidence. */
export const queueStatsPolicy = {
  read: (actor: Actor | null) => hasRole(actor, 'executive', 'division_head', 'admin', 'ita_coordinator'),
  publish: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
};

/** Minutes. */
export interface Dist {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface QueueStats {
  /** Inclusive Bangkok days, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  totals: { issued: number; finished: number; noShow: number; noShowRate: number | null; wait: Dist; service: Dist };
  byService: {
    serviceId: number;
    prefix: string;
    name: string;
    issued: number;
    finished: number;
    noShow: number;
    wait: Dist;
    service: Dist;
  }[];
  byCounter: { counterId: number; number: number; name: string; finished: number; wait: Dist; service: Dist }[];
  byStaff: { userId: number; name: string; finished: number; service: Dist }[];
  byDay: { day: string; issued: number; finished: number; noShow: number }[];
  /** Bangkok time; weekday 0 = Sunday … 6 = Saturday; only cells with tickets. */
  heatmap: { weekday: number; hour: number; issued: number }[];
  byChannel: { channel: Channel; issued: number }[];
}

/** The longest range one request may ask for (a fiscal year and a bit). */
export const MAX_RANGE_DAYS = 400;

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of a month: monthRange(2026, 11) → { from: '2026-11-01', to: '2026-11-30' }. */
export function monthRange(year: number, month: number): { from: string; to: string } {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`bad month ${year}-${month}`);
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
}

/** Every day from..to inclusive, as 'YYYY-MM-DD'. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`).getTime();
  while (d.getTime() <= end && out.length <= MAX_RANGE_DAYS) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

function checkRange(range: { from: string; to: string }) {
  const fields = [];
  const from = parseIsoDay(range.from);
  const to = parseIsoDay(range.to);
  if (!from) fields.push({ field: 'from', label: 'queue.stats.fields.from', message: 'queue.stats.errors.day' });
  if (!to) fields.push({ field: 'to', label: 'queue.stats.fields.to', message: 'queue.stats.errors.day' });
  if (from && to) {
    const span = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000;
    if (span < 0) fields.push({ field: 'to', label: 'queue.stats.fields.to', message: 'queue.stats.errors.order' });
    else if (span + 1 > MAX_RANGE_DAYS) {
      fields.push({ field: 'to', label: 'queue.stats.fields.to', message: 'queue.stats.errors.tooLong', params: { days: MAX_RANGE_DAYS } });
    }
  }
  if (fields.length) throw new ValidationError(fields);
  return { fromStart: bangkokMidnight(from as { year: number; month: number; day: number }) };
}

interface AggRow {
  k: string;
  a: string | null;
  b: number | null;
  issued: number;
  finished: number;
  no_show: number;
  wait_n: number;
  wait_mean: number | null;
  wait_median: number | null;
  wait_p90: number | null;
  svc_n: number;
  svc_mean: number | null;
  svc_median: number | null;
  svc_p90: number | null;
}

// The same aggregates for every breakdown; percentile_cont skips the nulls (tickets never
// called, or not finished).
const AGG = sql.raw(`count(*)::int AS issued,
  (count(*) FILTER (WHERE status = 'finished'))::int AS finished,
  (count(*) FILTER (WHERE status = 'no_show'))::int AS no_show,
  count(wait_min)::int AS wait_n,
  avg(wait_min)::float8 AS wait_mean,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_min))::float8 AS wait_median,
  (percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_min))::float8 AS wait_p90,
  count(service_min)::int AS svc_n,
  avg(service_min)::float8 AS svc_mean,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY service_min))::float8 AS svc_median,
  (percentile_cont(0.9) WITHIN GROUP (ORDER BY service_min))::float8 AS svc_p90`);

/** One decimal: minutes shown to a person. */
const round1 = (x: number | null | undefined): number | null => (x == null ? null : Math.round(Number(x) * 10) / 10);

function dist(r: AggRow | undefined, which: 'wait' | 'svc'): Dist {
  if (!r) return { n: 0, mean: null, median: null, p90: null };
  return {
    n: Number(r[`${which}_n`]),
    mean: round1(r[`${which}_mean`]),
    median: round1(r[`${which}_median`]),
    p90: round1(r[`${which}_p90`]),
  };
}

/**
 * The statistics of the tickets issued from `from` to `to` (inclusive Bangkok days). One SQL
 * statement: the tickets of the range, each with its first call, last serving and finish taken
 * from its events (one index lookup per ticket, a plan that stays good before the tables were
 * ever analyzed), then every breakdown aggregated over them.
 */
export async function queueStats(ctx: ServiceContext, range: { from: string; to: string }): Promise<QueueStats> {
  ensureAllowed(queueStatsPolicy.read(ctx.actor), !!ctx.actor);
  const { fromStart } = checkRange(range);
  const db = dbOf(ctx);
  const org = ctx.orgId;
  const query = sql`
    WITH x AS (
      SELECT tk.id, tk.service_id, tk.status, tk.channel, tk.day, tk.issued_at,
        min(e.at) FILTER (WHERE e.kind = 'called') AS first_called_at,
        (array_agg(e.counter_id ORDER BY e.at, e.id) FILTER (WHERE e.kind = 'called'))[1] AS first_counter_id,
        max(e.at) FILTER (WHERE e.kind = 'called') AS last_called_at,
        max(e.at) FILTER (WHERE e.kind IN ('called', 'recalled')) AS last_call_at,
        max(e.at) FILTER (WHERE e.kind = 'serving') AS last_serving_at,
        max(e.at) FILTER (WHERE e.kind = 'finished') AS finished_at,
        (array_agg(e.counter_id ORDER BY e.at DESC, e.id DESC) FILTER (WHERE e.kind = 'finished'))[1] AS finish_counter_id,
        (array_agg(e.staff_user_id ORDER BY e.at DESC, e.id DESC) FILTER (WHERE e.kind = 'finished'))[1] AS finish_staff_id
      FROM queue_tickets tk
      LEFT JOIN queue_ticket_events e
        ON e.org_id = tk.org_id AND e.ticket_id = tk.id AND e.at >= ${fromStart.toISOString()}::timestamptz
      WHERE tk.org_id = ${org} AND tk.day >= ${range.from}::date AND tk.day <= ${range.to}::date
      GROUP BY tk.org_id, tk.id
    ),
    t AS (
      SELECT id, service_id, status, channel, day, issued_at, first_counter_id, finish_counter_id, finish_staff_id,
        CASE WHEN first_called_at IS NOT NULL
          THEN extract(epoch FROM first_called_at - issued_at)::float8 / 60 END AS wait_min,
        CASE WHEN status = 'finished' AND finished_at IS NOT NULL
          THEN extract(epoch FROM finished_at - CASE WHEN last_serving_at >= last_called_at
            THEN last_serving_at ELSE last_call_at END)::float8 / 60 END AS service_min
      FROM x
    )
    SELECT 'total' AS k, NULL::text AS a, NULL::int AS b, ${AGG} FROM t
    UNION ALL SELECT 'service', service_id::text, NULL, ${AGG} FROM t GROUP BY service_id
    UNION ALL SELECT 'counterWait', first_counter_id::text, NULL, ${AGG} FROM t
      WHERE first_counter_id IS NOT NULL GROUP BY first_counter_id
    UNION ALL SELECT 'counterFinish', finish_counter_id::text, NULL, ${AGG} FROM t
      WHERE status = 'finished' AND finish_counter_id IS NOT NULL GROUP BY finish_counter_id
    UNION ALL SELECT 'staff', finish_staff_id::text, NULL, ${AGG} FROM t
      WHERE status = 'finished' AND finish_staff_id IS NOT NULL GROUP BY finish_staff_id
    UNION ALL SELECT 'day', day::text, NULL, ${AGG} FROM t GROUP BY day
    UNION ALL SELECT 'heat', extract(dow FROM issued_at AT TIME ZONE 'Asia/Bangkok')::int::text,
      extract(hour FROM issued_at AT TIME ZONE 'Asia/Bangkok')::int, ${AGG} FROM t GROUP BY 2, 3
    UNION ALL SELECT 'channel', channel, NULL, ${AGG} FROM t GROUP BY channel
  `;
  const result = (await db.execute(query)) as unknown as { rows: AggRow[] };
  const rows = result.rows.map((r) => ({
    ...r,
    issued: Number(r.issued),
    finished: Number(r.finished),
    no_show: Number(r.no_show),
    b: r.b == null ? null : Number(r.b),
  }));
  const of = (k: string) => rows.filter((r) => r.k === k);
  const byKey = (k: string) => new Map(of(k).map((r) => [Number(r.a), r]));

  const [services, counters] = await Promise.all([
    db
      .select({
        id: queueServices.id,
        prefix: queueServices.prefix,
        name: queueServices.name,
        active: queueServices.active,
      })
      .from(queueServices)
      .where(eq(queueServices.orgId, org))
      .orderBy(asc(queueServices.sortOrder), asc(queueServices.prefix)),
    db
      .select({ id: queueCounters.id, number: queueCounters.number, name: queueCounters.name, active: queueCounters.active })
      .from(queueCounters)
      .where(eq(queueCounters.orgId, org))
      .orderBy(asc(queueCounters.number)),
  ]);

  const total = of('total')[0];
  const ended = (total?.finished ?? 0) + (total?.no_show ?? 0);
  const svc = byKey('service');
  const byService = services
    .filter((s) => s.active || svc.has(s.id))
    .map((s) => {
      const r = svc.get(s.id);
      return {
        serviceId: s.id,
        prefix: s.prefix,
        name: s.name,
        issued: r?.issued ?? 0,
        finished: r?.finished ?? 0,
        noShow: r?.no_show ?? 0,
        wait: dist(r, 'wait'),
        service: dist(r, 'svc'),
      };
    });
  const cWait = byKey('counterWait');
  const cFinish = byKey('counterFinish');
  const byCounter = counters
    .filter((c) => c.active || cWait.has(c.id) || cFinish.has(c.id))
    .map((c) => ({
      counterId: c.id,
      number: c.number,
      name: c.name,
      finished: cFinish.get(c.id)?.finished ?? 0,
      wait: dist(cWait.get(c.id), 'wait'),
      service: dist(cFinish.get(c.id), 'svc'),
    }));
  const staffRows = of('staff');
  const staffIds = staffRows.map((r) => Number(r.a));
  const names = staffIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.orgId, org), inArray(users.id, staffIds)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const byStaff = staffRows
    .map((r) => ({ userId: Number(r.a), name: nameOf.get(Number(r.a)) ?? '', finished: r.finished, service: dist(r, 'svc') }))
    .sort((x, y) => y.finished - x.finished || x.name.localeCompare(y.name, 'th'));
  const dayRows = new Map(of('day').map((r) => [r.a ?? '', r]));
  const byDay = daysBetween(range.from, range.to).map((day) => {
    const r = dayRows.get(day);
    return { day, issued: r?.issued ?? 0, finished: r?.finished ?? 0, noShow: r?.no_show ?? 0 };
  });
  const heatmap = of('heat')
    .map((r) => ({ weekday: Number(r.a), hour: Number(r.b), issued: r.issued }))
    .sort((x, y) => x.weekday - y.weekday || x.hour - y.hour);
  const byChannel = of('channel')
    .map((r) => ({ channel: r.a as Channel, issued: r.issued }))
    .sort((x, y) => y.issued - x.issued);
  return {
    from: range.from,
    to: range.to,
    totals: {
      issued: total?.issued ?? 0,
      finished: total?.finished ?? 0,
      noShow: total?.no_show ?? 0,
      noShowRate: ended > 0 ? Math.round(((total?.no_show ?? 0) / ended) * 1000) / 1000 : null,
      wait: dist(total, 'wait'),
      service: dist(total, 'svc'),
    },
    byService,
    byCounter,
    byStaff,
    byDay,
    heatmap,
    byChannel,
  };
}

// ---------------------------------------------------------------------------------------------
// OIT evidence (ข้อมูลเชิงสถิติการให้บริการ)

/** What a published month of statistics points back to (publications.source_entity). */
export const STATS_ENTITY = 'queue_stats_month';
export const MAX_PUBLISH_REASON = 2000;

/**
 * The OIT item for service statistics in a fiscal year: 2566–2567 o16 (ข้อมูลเชิงสถิติการให้
 * บริการ), 2568 O11 (ข้อมูลสถิติการให้บริการ), 2569 and later O10 (E-SERVICE with its statistics).
 */
export function serviceStatsItem(fiscalYear: number): string {
  if (fiscalYear <= 2567) return 'o16';
  if (fiscalYear === 2568) return 'O11';
  return 'O10';
}

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The month's current publication as OIT evidence, if it was published. */
export async function statsPublicationOf(ctx: ServiceContext, year: number, month: number): Promise<Publication | null> {
  const fy = fiscalYearOf(bangkokDate(year, month, 1));
  const rows = await listPublications(ctx, { fiscalYear: fy });
  return rows.find((p) => p.sourceEntity === STATS_ENTITY && p.sourceId === monthKey(year, month)) ?? null;
}

/**
 * Publishes the month's PDF report as evidence under the fiscal year's service-statistics
 * item. Published again (the month's figures grew), it supersedes the earlier one, with the
 * reason given. The PDF is rendered first, outside the transaction.
 */
export async function publishStatsEvidence(
  ctx: ServiceContext,
  input: { year: number; month: number; reason?: string | null },
): Promise<Publication> {
  if (!ctx.actor) throw unauthorized();
  if (!queueStatsPolicy.publish(ctx.actor)) throw forbidden();
  const { year, month } = input;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 2000 || year > 2200) {
    throw new ValidationError([{ field: 'month', label: 'queue.stats.fields.month', message: 'queue.stats.errors.month' }]);
  }
  const range = monthRange(year, month);
  if (range.from > bangkokIsoDay(ctx.app.now())) {
    throw new ValidationError([{ field: 'month', label: 'queue.stats.fields.month', message: 'queue.stats.errors.futureMonth' }]);
  }
  const reason = input.reason?.trim() ?? '';
  if (reason.length > MAX_PUBLISH_REASON) {
    throw new ValidationError([{ field: 'reason', label: 'queue.stats.fields.reason', message: 'queue.stats.errors.reasonTooLong' }]);
  }
  const existing = await statsPublicationOf(ctx, year, month);
  if (existing && !reason) {
    throw new ValidationError([{ field: 'reason', label: 'queue.stats.fields.reason', message: 'queue.stats.errors.reasonRequired' }]);
  }
  const period = { kind: 'month' as const, year, month };
  const stats = await queueStats(ctx, range);
  const pdf = await renderStatsPdf(ctx, stats, period);
  const fy = fiscalYearOf(bangkokDate(year, month, 1));
  const item = serviceStatsItem(fy);
  const th = translator(ctx.app.catalogs, 'th');
  const title = `${th('queue.stats.pdf.title')} ${periodLabel(th, stats, period)}`;
  return runCommand(ctx, { action: 'queue.publishStats', allowed: queueStatsPolicy.publish(ctx.actor) }, async (tx, _tools, txCtx) => {
    const p = await publish(tx, txCtx, {
      fiscalYear: fy,
      itemCode: item,
      title,
      bytes: pdf,
      fileName: statsFileName(stats, period, 'pdf'),
      source: { entity: STATS_ENTITY, id: monthKey(year, month) },
      ...(existing ? { supersedes: { id: existing.id, reason } } : {}),
    });
    return {
      result: p,
      entity: STATS_ENTITY,
      entityId: monthKey(year, month),
      summary: `เผยแพร่${title} เป็นหลักฐาน OIT ข้อ ${item} ปีงบประมาณ ${fy} (sha256 ${p.sha256.slice(0, 12)}…)`,
      data: { publicationId: p.id, supersedes: existing?.id ?? null, reason: reason || null },
    };
  });
}
