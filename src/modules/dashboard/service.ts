import { type Actor, hasRole } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { ensureAllowed } from '../../core/http/errors.js';
import { bangkokDateParts, bangkokIsoDay, fiscalYearOf } from '../../core/thai/index.js';
import { disclosurePolicy } from '../disclosure/policy.js';
import { readinessSummary } from '../disclosure/service.js';
import { frontdeskPolicy } from '../frontdesk/policy.js';
import { visitCounts } from '../frontdesk/service.js';
import { measuresPolicy } from '../measures/policy.js';
import { getPlanByYear, listMeasures, type MissingKind, missingOf } from '../measures/service.js';
import { listServices } from '../queue/service.js';
import { monthRange, queueStats, queueStatsPolicy } from '../queue/stats.js';
import { surveysPolicy } from '../surveys/policy.js';
import { satisfactionByDivision } from '../surveys/report.js';
import type { Band } from '../surveys/stats.js';
import { bandOf, roundHalfUp } from '../surveys/stats.js';
import { suggestionsWaiting } from '../surveys/suggestions.js';

/** Who opens the executive dashboard. */
export const dashboardPolicy = {
  read: (actor: Actor | null) => hasRole(actor, 'executive', 'admin', 'ita_coordinator', 'division_head'),
};

export interface DivisionSatisfaction {
  divisionId: number | null;
  name: string;
  /** Responses this month. */
  responses: number;
  mean: number | null;
  percent: number | null;
  band: Band | null;
  /** Last month's mean, and this month's minus it (two decimals), when both exist. */
  previousMean: number | null;
  change: number | null;
}

export interface OverdueMeasure {
  measureId: number;
  number: number;
  title: string;
  missing: MissingKind[];
  /** A checkpoint report is late (missed), not only coming due. */
  overdue: boolean;
}

export interface DashboardSummary {
  generatedAt: Date;
  /** Today, a Bangkok day 'YYYY-MM-DD'. */
  today: string;
  /** Today at the counters; a figure the reader may not see is null. */
  counters: {
    visitors: number | null;
    outOfHours: number | null;
    ticketsIssued: number | null;
    ticketsFinished: number | null;
    waitingNow: number | null;
    /** Minutes from issue to first call of today's called tickets. */
    averageWaitMinutes: number | null;
  };
  /** This calendar month against the month before; null when the reader may not see survey reports. */
  satisfaction: {
    from: string;
    to: string;
    responses: number;
    mean: number | null;
    percent: number | null;
    band: Band | null;
    previousMean: number | null;
    change: number | null;
    divisions: DivisionSatisfaction[];
  } | null;
  suggestions: { waiting: number; oldest: Date | null } | null;
  /** The current fiscal year's measures plan: measures with a checkpoint missed or due, and those still lacking results. */
  measures: {
    fiscalYear: number;
    planId: number | null;
    overdue: number;
    due: number;
    incomplete: number;
    items: OverdueMeasure[];
  } | null;
  /** OIT readiness of the current ITA year (disclosure module): indicators covered, partly, missing. */
  oit: Awaited<ReturnType<typeof readinessSummary>> | null;
}

const change = (cur: number | null, prev: number | null) => (cur == null || prev == null ? null : roundHalfUp(cur - prev, 2));

/** The mean of several summaries pooled by their answer counts. */
function pooled(parts: { n: number; mean: number | null }[]): number | null {
  const use = parts.filter((p) => p.n > 0 && p.mean != null);
  const n = use.reduce((a, p) => a + p.n, 0);
  return n === 0 ? null : use.reduce((a, p) => a + (p.mean as number) * p.n, 0) / n;
}

/**
 * What the mayor reads on a phone: today's visitors at the first-contact point, tickets issued,
 * waiting now and the average wait; this month's satisfaction per division against last month;
 * suggestions waiting for a response; measures of this year's plan that are late.
 */
export async function dashboardSummary(ctx: ServiceContext): Promise<DashboardSummary> {
  ensureAllowed(dashboardPolicy.read(ctx.actor), !!ctx.actor);
  const now = ctx.app.now();
  const today = bangkokIsoDay(now);
  const { year, month } = bangkokDateParts(now);
  const thisMonth = monthRange(year, month);
  const a = ctx.actor;

  const [visits, stats, services, satisfaction, waiting, measures, oit] = await Promise.all([
    frontdeskPolicy.report(a) ? visitCounts(ctx, { from: today, to: today }) : null,
    queueStatsPolicy.read(a) ? queueStats(ctx, { from: today, to: today }) : null,
    listServices(ctx),
    surveysPolicy.readReport(a) ? satisfactionByDivision(ctx, thisMonth) : null,
    surveysPolicy.readReport(a) ? suggestionsWaiting(ctx) : null,
    measuresPolicy.read(a) ? measuresOverview(ctx) : null,
    disclosurePolicy.readiness(a) ? readinessSummary(ctx) : null,
  ]);

  let sat: DashboardSummary['satisfaction'] = null;
  if (satisfaction) {
    const divisions = satisfaction.map(
      (d): DivisionSatisfaction => ({
        divisionId: d.divisionId,
        name: d.name,
        responses: d.n,
        mean: d.overall.mean,
        percent: d.overall.percent,
        band: d.overall.band,
        previousMean: d.previous.mean,
        change: change(d.overall.mean, d.previous.mean),
      }),
    );
    const mean = pooled(satisfaction.map((d) => d.overall));
    const previousMean = pooled(satisfaction.map((d) => d.previous));
    const printed = mean == null ? null : roundHalfUp(mean, 2);
    sat = {
      ...thisMonth,
      responses: divisions.reduce((x, d) => x + d.responses, 0),
      mean: printed,
      percent: mean == null ? null : roundHalfUp((mean / 5) * 100, 2),
      band: mean == null ? null : bandOf(mean),
      previousMean: previousMean == null ? null : roundHalfUp(previousMean, 2),
      change: change(printed, previousMean == null ? null : roundHalfUp(previousMean, 2)),
      // Divisions with answers this month first (best first), then the quiet ones.
      divisions: divisions
        .filter((d) => d.responses > 0 || d.previousMean != null || d.divisionId != null)
        .sort((x, y) => (y.mean ?? -1) - (x.mean ?? -1)),
    };
  }

  return {
    generatedAt: now,
    today,
    counters: {
      visitors: visits ? visits.byKind.visit : null,
      outOfHours: visits ? visits.byKind.out_of_hours : null,
      ticketsIssued: stats ? stats.totals.issued : null,
      ticketsFinished: stats ? stats.totals.finished : null,
      waitingNow: services.reduce((n, s) => n + s.waiting, 0),
      averageWaitMinutes: stats?.totals.wait.mean ?? null,
    },
    satisfaction: sat,
    suggestions: waiting ? { waiting: waiting.count, oldest: waiting.oldest } : null,
    measures,
    oit,
  };
}

async function measuresOverview(ctx: ServiceContext): Promise<DashboardSummary['measures']> {
  const now = ctx.app.now();
  const fy = fiscalYearOf(now);
  const plan = await getPlanByYear(ctx, fy);
  if (!plan) return { fiscalYear: fy, planId: null, overdue: 0, due: 0, incomplete: 0, items: [] };
  const rows = (await listMeasures(ctx, plan.id)).map((m) => ({ m, missing: missingOf(m, fy, now) }));
  const late = (k: MissingKind[]) => k.some((x) => x.endsWith('Missed'));
  const due = (k: MissingKind[]) => k.some((x) => x.endsWith('Due'));
  const items = rows
    .filter((r) => late(r.missing) || due(r.missing))
    .map((r) => ({ measureId: r.m.id, number: r.m.number, title: r.m.title, missing: r.missing, overdue: late(r.missing) }))
    .sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.number - y.number);
  return {
    fiscalYear: fy,
    planId: plan.id,
    overdue: items.filter((i) => i.overdue).length,
    due: items.filter((i) => !i.overdue).length,
    incomplete: rows.filter((r) => r.missing.includes('noResults') && r.m.status !== 'cancelled').length,
    items,
  };
}
