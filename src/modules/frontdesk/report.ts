import { asc, eq, sql } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, ValidationError } from '../../core/http/errors.js';
import { daysBetween, MAX_RANGE_DAYS } from '../queue/stats.js';
import { divisions } from '../staff/schema.js';
import { frontdeskPolicy } from './policy.js';
import { PURPOSES } from './purposes.js';
import {
  HELP_KINDS,
  type HelpKind,
  VISIT_CHANNELS,
  VISIT_OUTCOMES,
  type VisitChannel,
  type VisitKind,
  type VisitOutcome,
} from './schema.js';
import { dayBounds, listScreeningNotes, listVisits, type ScreeningNote, type VisitRow } from './service.js';

/**
 * The report of the first-contact point (รายงานผลการอำนวยความสะดวกในการบริการประชาชน ณ จุด
 * แรกรับ) for a range of Bangkok days: the visits at the desk counted by purpose, channel, help
 * given, outcome and the division they were sent to, per day; the service out of office hours
 * (measure 7.5) listed; the screening point's daily notes (7.8). The breakdowns count visits at
 * the desk (kind 'visit'); out-of-hours service is counted apart. One visit may get several kinds
 * of help, so the help counts add up to more than the visits.
 */
export interface FrontdeskReport {
  from: string;
  to: string;
  /** Visits at the desk and out of hours. */
  total: number;
  byKind: Record<VisitKind, number>;
  /** Tickets issued at the desk for visitors. */
  ticketsIssued: number;
  /** Every purpose, in the list's order (zero included). */
  byPurpose: { purpose: string; n: number }[];
  byChannel: { channel: VisitChannel; n: number }[];
  byHelp: { help: HelpKind; n: number }[];
  byOutcome: { outcome: VisitOutcome; n: number }[];
  /** Divisions visitors were sent to (routed, or queued at a service of the division), most first. */
  byDivision: { divisionId: number; name: string; n: number }[];
  byDay: { day: string; visits: number; outOfHours: number }[];
  /** Out-of-hours service of the range, oldest first (at most OUT_OF_HOURS_LIMIT). */
  outOfHours: VisitRow[];
  screening: ScreeningNote[];
  screenedTotal: number;
}

export const OUT_OF_HOURS_LIMIT = 300;

interface Row {
  k: string;
  a: string | null;
  n: number;
}

export async function frontdeskReport(ctx: ServiceContext, range: { from: string; to: string }): Promise<FrontdeskReport> {
  ensureAllowed(frontdeskPolicy.report(ctx.actor), !!ctx.actor);
  const { start, end } = dayBounds(range);
  const span = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_RANGE_DAYS) {
    throw new ValidationError([
      { field: 'to', label: 'frontdesk.fields.to', message: 'frontdesk.errors.tooLongRange', params: { days: MAX_RANGE_DAYS } },
    ]);
  }
  const db = dbOf(ctx);
  const query = sql`
    WITH v AS (
      SELECT v.kind, v.purpose, v.channel, v.help, v.outcome, v.ticket_id,
        coalesce(v.routed_division_id, s.division_id) AS division_id,
        (v.visited_at AT TIME ZONE 'Asia/Bangkok')::date AS day
      FROM frontdesk_visits v
      LEFT JOIN queue_services s ON s.org_id = v.org_id AND s.id = v.service_id AND v.outcome = 'queued'
      WHERE v.org_id = ${ctx.orgId} AND v.visited_at >= ${start.toISOString()}::timestamptz
        AND v.visited_at < ${end.toISOString()}::timestamptz
    ),
    d AS (SELECT * FROM v WHERE kind = 'visit')
    SELECT 'kind' AS k, kind AS a, count(*)::int AS n FROM v GROUP BY kind
    UNION ALL SELECT 'tickets', NULL, count(*)::int FROM d WHERE ticket_id IS NOT NULL
    UNION ALL SELECT 'purpose', purpose, count(*)::int FROM d GROUP BY purpose
    UNION ALL SELECT 'channel', channel, count(*)::int FROM d GROUP BY channel
    UNION ALL SELECT 'outcome', outcome, count(*)::int FROM d GROUP BY outcome
    UNION ALL SELECT 'help', h, count(*)::int FROM d CROSS JOIN LATERAL jsonb_array_elements_text(d.help) AS h GROUP BY h
    UNION ALL SELECT 'division', division_id::text, count(*)::int FROM d
      WHERE division_id IS NOT NULL AND outcome IN ('routed', 'queued') GROUP BY division_id
    UNION ALL SELECT 'dayVisit', day::text, count(*)::int FROM d GROUP BY day
    UNION ALL SELECT 'dayOoh', day::text, count(*)::int FROM v WHERE kind = 'out_of_hours' GROUP BY day
  `;
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  const rows = result.rows.map((r) => ({ ...r, n: Number(r.n) }));
  const map = (k: string) => new Map(rows.filter((r) => r.k === k).map((r) => [r.a ?? '', r.n]));
  const kinds = map('kind');
  const byKind: Record<VisitKind, number> = { visit: kinds.get('visit') ?? 0, out_of_hours: kinds.get('out_of_hours') ?? 0 };

  const purposes = map('purpose');
  const known = new Set<string>(PURPOSES);
  const byPurpose = PURPOSES.map((p) => ({ purpose: p as string, n: purposes.get(p) ?? 0 }));
  // A purpose no longer in the list (renamed in a later version) still counts, under "other".
  const stray = [...purposes].filter(([p]) => !known.has(p)).reduce((a, [, n]) => a + n, 0);
  if (stray) {
    const other = byPurpose.find((p) => p.purpose === 'other');
    if (other) other.n += stray;
  }
  const channels = map('channel');
  const helps = map('help');
  const outcomes = map('outcome');
  const divisionCounts = map('division');
  const divisionRows = divisionCounts.size
    ? await db
        .select({ id: divisions.id, name: divisions.name })
        .from(divisions)
        .where(eq(divisions.orgId, ctx.orgId))
        .orderBy(asc(divisions.sortOrder), asc(divisions.name))
    : [];
  const byDivision = divisionRows
    .filter((d) => divisionCounts.has(String(d.id)))
    .map((d) => ({ divisionId: d.id, name: d.name, n: divisionCounts.get(String(d.id)) ?? 0 }))
    .sort((a, b) => b.n - a.n);
  const dayVisits = map('dayVisit');
  const dayOoh = map('dayOoh');
  const [outOfHours, screening] = await Promise.all([
    listVisits(ctx, { ...range, kind: 'out_of_hours', limit: OUT_OF_HOURS_LIMIT }),
    listScreeningNotes(ctx, range),
  ]);
  return {
    from: range.from,
    to: range.to,
    total: byKind.visit + byKind.out_of_hours,
    byKind,
    ticketsIssued: map('tickets').get('') ?? 0,
    byPurpose,
    byChannel: VISIT_CHANNELS.map((c) => ({ channel: c, n: channels.get(c) ?? 0 })),
    byHelp: HELP_KINDS.map((h) => ({ help: h, n: helps.get(h) ?? 0 })),
    byOutcome: VISIT_OUTCOMES.map((o) => ({ outcome: o, n: outcomes.get(o) ?? 0 })),
    byDivision,
    byDay: daysBetween(range.from, range.to).map((day) => ({ day, visits: dayVisits.get(day) ?? 0, outOfHours: dayOoh.get(day) ?? 0 })),
    outOfHours: outOfHours.reverse(),
    screening: [...screening].reverse(),
    screenedTotal: screening.reduce((a, s) => a + s.screened, 0),
  };
}

/** Days of the daily table: weekdays, and weekend days that had anyone. */
export function shownReportDays(r: Pick<FrontdeskReport, 'byDay'>) {
  return r.byDay.filter((d) => {
    const w = new Date(`${d.day}T00:00:00Z`).getUTCDay();
    return d.visits + d.outOfHours > 0 || (w >= 1 && w <= 5);
  });
}
