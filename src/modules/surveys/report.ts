import { createHash } from 'node:crypto';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, forbidden, notFound, unauthorized, ValidationError } from '../../core/http/errors.js';
import { translator } from '../../core/i18n/i18n.js';
import { addMonths, bangkokDate, bangkokIsoDay, bangkokMidnight, daysInMonth, parseIsoDay } from '../../core/thai/bangkok.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { listPublications, type Publication, publish } from '../publications/service.js';
import { queueServices } from '../queue/schema.js';
import { serviceStatsItem } from '../queue/stats.js';
import { divisions } from '../staff/schema.js';
import { listFormVersions } from './forms.js';
import { surveysPolicy } from './policy.js';
import { periodLabel, renderSurveyPdf, reportFileName } from './report-pdf.js';
import type { FormDefinition, SurveyChannel } from './schema.js';
import { type Aggregate, addAggregates, EMPTY_AGGREGATE, type Summary, summaryOf } from './stats.js';
import { listSuggestions, MAX_LIST } from './suggestions.js';

/**
 * The satisfaction report (รายงานผลการประเมินความพึงพอใจ): n, x̄, S.D., percent and level per
 * item, per group and overall, per division, service and channel, the trend of the last six
 * months, and the demographics, for inclusive Bangkok days.
 *
 * Aggregated in SQL: the responses of the range are found through the index (org_id,
 * division_id, submitted_at) for one division, (org_id, submitted_at) for all, and each one's
 * ratings unnested with jsonb_each_text into count, sum and sum of squares per item key; the
 * totals per division, service and month (the trend, the dashboard) come from the per-response
 * totals the database keeps (ratings_n, ratings_sum, ratings_sumsq, carried in both indexes);
 * the figures are finished in stats.ts. Answers to two versions of the form pool by item key; an
 * item's text is the one of the newest version that has the key.
 *
 * Pooled figures (a group, the overall) count every rating answer of their items: the overall
 * x̄ is the mean of all answers, as the seed's reports compute it.
 */

export interface ReportQuery {
  /** Inclusive Bangkok days, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  divisionId?: number | null;
  serviceId?: number | null;
}

export interface ItemSummary {
  key: string;
  /** Thai, from the newest form version that has the key. */
  text: string;
  summary: Summary;
}

export interface SurveyReport {
  query: ReportQuery;
  /** Responses. */
  n: number;
  /** Pooled over every rating answer. */
  overall: Summary;
  groups: { key: string; title: string; summary: Summary; items: ItemSummary[] }[];
  byDivision: { divisionId: number | null; name: string; n: number; overall: Summary }[];
  byService: { serviceId: number | null; name: string; n: number; overall: Summary }[];
  byChannel: { channel: SurveyChannel; n: number }[];
  /** The six months ending with the month of `to` (same filters). */
  trend: { month: string; n: number; overall: Summary }[];
  demographics: { key: string; counts: { option: string; n: number }[] }[];
}

/** The longest range one report may cover (a fiscal year and a bit). */
export const MAX_REPORT_DAYS = 400;
/** Months in the trend. */
export const TREND_MONTHS = 6;

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const spanDays = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;

/** The instants [start, end) of inclusive Bangkok days; 422 naming the field for bad days. */
export function checkRange(range: { from: string; to: string }): { start: Date; end: Date } {
  const fields = [];
  const from = parseIsoDay(range.from);
  const to = parseIsoDay(range.to);
  if (!from) fields.push({ field: 'from', label: 'surveys.report.fields.from', message: 'surveys.report.errors.day' });
  if (!to) fields.push({ field: 'to', label: 'surveys.report.fields.to', message: 'surveys.report.errors.day' });
  if (from && to) {
    const span = spanDays(range.from, range.to);
    if (span < 1) fields.push({ field: 'to', label: 'surveys.report.fields.to', message: 'surveys.report.errors.order' });
    else if (span > MAX_REPORT_DAYS) {
      fields.push({
        field: 'to',
        label: 'surveys.report.fields.to',
        message: 'surveys.report.errors.rangeTooLong',
        params: { days: MAX_REPORT_DAYS },
      });
    }
  }
  if (fields.length || !from || !to) throw new ValidationError(fields);
  const end = parseIsoDay(nextDay(range.to));
  if (!end) throw new ValidationError([{ field: 'to', label: 'surveys.report.fields.to', message: 'surveys.report.errors.day' }]);
  return { start: bangkokMidnight(from), end: bangkokMidnight(end) };
}

/** The first day of the month `months` before the month of `day`. */
function monthStart(day: string, months: number): string {
  const ym = addMonths({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) }, months);
  return `${ym.year}-${pad(ym.month)}-01`;
}

/** Whole calendar months from..to: the count, else null. */
function wholeMonths(from: string, to: string): number | null {
  const f = parseIsoDay(from);
  const t = parseIsoDay(to);
  if (!f || !t || f.day !== 1 || t.day !== daysInMonth(t.year, t.month)) return null;
  return (t.year - f.year) * 12 + (t.month - f.month) + 1;
}

/**
 * The period just before a range, of the same length: whole months give the same number of
 * whole months before (March → February), other ranges the same number of days.
 */
export function previousRange(range: { from: string; to: string }): { from: string; to: string } {
  const months = wholeMonths(range.from, range.to);
  if (months && months > 0) {
    const from = monthStart(range.from, -months);
    const last = monthStart(range.from, -1);
    const l = parseIsoDay(last) as { year: number; month: number };
    return { from, to: `${last.slice(0, 7)}-${pad(daysInMonth(l.year, l.month))}` };
  }
  const days = spanDays(range.from, range.to);
  const shift = (d: string, by: number) => new Date(Date.parse(`${d}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
  return { from: shift(range.from, -days), to: shift(range.from, -1) };
}

type Row = {
  k: string;
  a: string | null;
  b: string | null;
  /** Responses (where answers are counted in n). */
  rn?: number | string;
  n: number | string;
  s: number | string | null;
  ss: number | string | null;
};

const aggOf = (r: Row | undefined): Aggregate =>
  r ? { n: Number(r.n), sum: Number(r.s ?? 0), sumSq: Number(r.ss ?? 0) } : { ...EMPTY_AGGREGATE };

/**
 * The WHERE of the responses of a report: org, optional division and service, the time range.
 * With a division the planner takes survey_responses_division_time, without one
 * survey_responses_time.
 */
function responsesWhere(org: number, q: ReportQuery, start: Date, end: Date) {
  return sql`r.org_id = ${org}
    ${q.divisionId != null ? sql`AND r.division_id = ${q.divisionId}` : sql``}
    AND r.submitted_at >= ${start.toISOString()}::timestamptz AND r.submitted_at < ${end.toISOString()}::timestamptz
    ${q.serviceId != null ? sql`AND r.service_id = ${q.serviceId}` : sql``}`;
}

const dialect = new PgDialect();

/**
 * The rows of one read statement. On PostgreSQL outside a transaction, sent as a named prepared
 * statement (named after its text): each pooled connection parses it once, later reports only
 * bind and run it — for the report's one statement, parsing was more than half of its time.
 * Inside a transaction, and on PGlite, through drizzle as usual.
 */
async function readRows(ctx: ServiceContext, statement: SQL): Promise<Row[]> {
  const pool = ctx.app.database.pool;
  if (!ctx.tx && pool) {
    const { sql: text, params } = dialect.sqlToQuery(statement);
    const name = `surveys_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    return (await pool.query<Row>({ name, text, values: params })).rows;
  }
  return ((await dbOf(ctx).execute(statement)) as unknown as { rows: Row[] }).rows;
}

/** The names of the organization's divisions (all, for labels of old responses too). */
async function divisionNames(ctx: ServiceContext) {
  return dbOf(ctx)
    .select({ id: divisions.id, name: divisions.name, active: divisions.active, sortOrder: divisions.sortOrder })
    .from(divisions)
    .where(eq(divisions.orgId, ctx.orgId))
    .orderBy(asc(divisions.sortOrder), asc(divisions.name));
}

/** The Thai name of "no division given". */
export function noDivisionName(ctx: ServiceContext): string {
  return translator(ctx.app.catalogs, 'th')('surveys.report.noDivision');
}

/** Items and groups from every version of the form, newest first: texts of the newest version that has them. */
export async function formLayout(
  ctx: ServiceContext,
  /** The definitions of every version, newest first (read already); else read here. */
  definitions?: readonly FormDefinition[],
): Promise<{
  groups: { key: string; title: string; items: { key: string; text: string; current: boolean }[] }[];
  demographics: FormDefinition['demographics'];
}> {
  // Newest first; version 1 (the standard form) is written on first use.
  const defs = definitions?.length ? definitions : (await listFormVersions(ctx)).map((v) => v.definition);
  const groups: { key: string; title: string; items: { key: string; text: string; current: boolean }[] }[] = [];
  const byKey = new Map<string, (typeof groups)[number]>();
  const seenItems = new Set<string>();
  const demographics: FormDefinition['demographics'] = [];
  const seenDemo = new Set<string>();
  for (const [i, definition] of defs.entries()) {
    for (const g of definition.groups ?? []) {
      let group = byKey.get(g.key);
      if (!group) {
        group = { key: g.key, title: g.title?.th ?? g.key, items: [] };
        byKey.set(g.key, group);
        groups.push(group);
      }
      for (const item of g.items ?? []) {
        if (seenItems.has(item.key)) continue;
        seenItems.add(item.key);
        group.items.push({ key: item.key, text: item.text?.th ?? item.key, current: i === 0 });
      }
    }
    for (const d of definition.demographics ?? []) {
      if (seenDemo.has(d.key)) continue;
      seenDemo.add(d.key);
      demographics.push(d);
    }
  }
  return { groups, demographics };
}

/** A JSON text read back from the database (json_agg of a lookup, as text). */
const parseJson = <T>(text: string | null | undefined, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

/**
 * The report of a range, with optional division and service filters (readers of reports only).
 *
 * One statement, one round trip: the responses of the range (through the index) aggregated per
 * item key (their jsonb ratings unnested), per division, service, channel and demographic
 * answer; the six months of the trend from the per-response totals kept in the index
 * (ratings_n, ratings_sum, ratings_sumsq: an Index Only Scan); and the lookups (the
 * organization's divisions, queue services and form versions) as json_agg rows.
 */
export async function surveyReport(ctx: ServiceContext, q: ReportQuery): Promise<SurveyReport> {
  ensureAllowed(surveysPolicy.readReport(ctx.actor), !!ctx.actor);
  const { start, end } = checkRange(q);
  const query: ReportQuery = { from: q.from, to: q.to, divisionId: q.divisionId ?? null, serviceId: q.serviceId ?? null };
  const org = ctx.orgId;
  // The trend: the six months ending with the month of `to`, same filters.
  const trendFrom = monthStart(query.to, -(TREND_MONTHS - 1));
  const trendRange = checkRange({ from: trendFrom, to: query.to });

  // 'item' pools the answers of a key; 'div' and 'svc' every answer of their responses (the
  // per-response totals); 'month' counts responses with at least one answer (rn), as the trend
  // always has.
  const statement = sql`
    WITH r AS MATERIALIZED (
      SELECT r.division_id, r.service_id, r.channel, r.ratings, r.demographics,
        r.ratings_n AS cnt, r.ratings_sum AS s, r.ratings_sumsq AS ss
      FROM survey_responses r WHERE ${responsesWhere(org, query, start, end)}
    )
    SELECT 'n' AS k, NULL::text AS a, NULL::text AS b, NULL::bigint AS rn, count(*) AS n, NULL::bigint AS s, NULL::bigint AS ss FROM r
    UNION ALL SELECT 'item', e.key, NULL, NULL, count(*), sum(e.value::int), sum(e.value::int * e.value::int)
      FROM r CROSS JOIN LATERAL jsonb_each_text(r.ratings) AS e GROUP BY e.key
    UNION ALL SELECT 'divN', division_id::text, NULL, NULL, count(*), NULL, NULL FROM r GROUP BY division_id
    UNION ALL SELECT 'div', division_id::text, NULL, NULL, sum(cnt), sum(s), sum(ss) FROM r GROUP BY division_id
    UNION ALL SELECT 'svcN', service_id::text, NULL, NULL, count(*), NULL, NULL FROM r GROUP BY service_id
    UNION ALL SELECT 'svc', service_id::text, NULL, NULL, sum(cnt), sum(s), sum(ss) FROM r GROUP BY service_id
    UNION ALL SELECT 'channel', channel, NULL, NULL, count(*), NULL, NULL FROM r GROUP BY channel
    UNION ALL SELECT 'demo', d.key, d.value, NULL, count(*), NULL, NULL
      FROM r CROSS JOIN LATERAL jsonb_each_text(r.demographics) AS d GROUP BY d.key, d.value
    UNION ALL SELECT 'month', to_char(r.submitted_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM'), NULL,
      count(*) FILTER (WHERE r.ratings_n > 0), sum(r.ratings_n), sum(r.ratings_sum), sum(r.ratings_sumsq)
      FROM survey_responses r WHERE ${responsesWhere(org, query, trendRange.start, trendRange.end)} GROUP BY 2
    UNION ALL SELECT 'divisions', (SELECT json_agg(json_build_object('id', d.id, 'name', d.name, 'active', d.active)
        ORDER BY d.sort_order, d.name) FROM divisions d WHERE d.org_id = ${org})::text, NULL, NULL, 0, NULL, NULL
    UNION ALL SELECT 'services', (SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.sort_order, s.prefix)
        FROM queue_services s WHERE s.org_id = ${org})::text, NULL, NULL, 0, NULL, NULL
    UNION ALL SELECT 'forms', (SELECT json_agg(v.definition ORDER BY v.version DESC)
        FROM survey_form_versions v WHERE v.org_id = ${org})::text, NULL, NULL, 0, NULL, NULL
  `;
  const all = await readRows(ctx, statement);
  const rows: Row[] = [];
  const trendRows: Row[] = [];
  const lookups = new Map<string, string | null>();
  for (const r of all) {
    if (r.k === 'month') trendRows.push(r);
    else if (r.k === 'divisions' || r.k === 'services' || r.k === 'forms') lookups.set(r.k, r.a);
    else rows.push(r);
  }
  const divs = parseJson<{ id: number; name: string; active: boolean }[]>(lookups.get('divisions'), []);
  const services = parseJson<{ id: number; name: string }[]>(lookups.get('services'), []);
  // No version yet: formLayout writes version 1 (the standard form), as listFormVersions does.
  const layout = await formLayout(ctx, parseJson<FormDefinition[]>(lookups.get('forms'), []));
  if (query.divisionId != null && !divs.some((d) => d.id === query.divisionId)) throw notFound();
  if (query.serviceId != null && !services.some((s) => s.id === query.serviceId)) throw notFound();

  const of = (k: string) => rows.filter((r) => r.k === k);
  const items = new Map(of('item').map((r) => [r.a ?? '', aggOf(r)]));

  // Groups and items of the current form, and of older versions when answered in the range;
  // answers to keys no version has (should not happen) count in the overall only.
  const groups = layout.groups
    .map((g) => {
      const its = g.items
        .filter((it) => it.current || items.has(it.key))
        .map((it) => ({ key: it.key, text: it.text, agg: items.get(it.key) ?? { ...EMPTY_AGGREGATE } }));
      return {
        key: g.key,
        title: g.title,
        summary: summaryOf(addAggregates(...its.map((x) => x.agg))),
        items: its.map((x) => ({ key: x.key, text: x.text, summary: summaryOf(x.agg) })),
      };
    })
    .filter((g) => g.items.length > 0);
  const overall = summaryOf(addAggregates(...items.values()));

  const key = (a: string | null) => (a == null ? null : Number(a));
  const divN = new Map(of('divN').map((r) => [key(r.a), Number(r.n)]));
  const divAgg = new Map(of('div').map((r) => [key(r.a), aggOf(r)]));
  const divName = new Map(divs.map((d) => [d.id, d.name]));
  const shownDivs = [
    ...divs.filter((d) => (query.divisionId == null ? d.active || divN.has(d.id) : d.id === query.divisionId)).map((d) => d.id),
    ...[...divN.keys()].filter((id): id is number => id != null && !divName.has(id)),
  ];
  const byDivision = [...shownDivs, ...(divN.has(null) ? [null] : [])].map((id) => ({
    divisionId: id,
    name: id == null ? noDivisionName(ctx) : (divName.get(id) ?? String(id)),
    n: divN.get(id) ?? 0,
    overall: summaryOf(divAgg.get(id) ?? { ...EMPTY_AGGREGATE }),
  }));

  const svcN = new Map(of('svcN').map((r) => [key(r.a), Number(r.n)]));
  const svcAgg = new Map(of('svc').map((r) => [key(r.a), aggOf(r)]));
  const svcName = new Map(services.map((s) => [s.id, s.name]));
  const byService = [
    ...services.filter((s) => svcN.has(s.id)).map((s) => s.id as number | null),
    ...[...svcN.keys()].filter((id) => id != null && !svcName.has(id)),
    ...(svcN.has(null) ? [null] : []),
  ].map((id) => ({
    serviceId: id,
    name: id == null ? translator(ctx.app.catalogs, 'th')('surveys.report.noService') : (svcName.get(id) ?? String(id)),
    n: svcN.get(id) ?? 0,
    overall: summaryOf(svcAgg.get(id) ?? { ...EMPTY_AGGREGATE }),
  }));

  const byChannel = of('channel')
    .map((r) => ({ channel: r.a as SurveyChannel, n: Number(r.n) }))
    .sort((x, y) => y.n - x.n || x.channel.localeCompare(y.channel));

  const monthRows = new Map(trendRows.map((r) => [r.a ?? '', r]));
  const trendOut = Array.from({ length: TREND_MONTHS }, (_, i) => {
    const month = monthStart(query.to, i - (TREND_MONTHS - 1)).slice(0, 7);
    const r = monthRows.get(month);
    return { month, n: r ? Number(r.rn) : 0, overall: summaryOf(aggOf(r)) };
  });

  const demoRows = of('demo');
  const demographics = [
    ...layout.demographics.map((d) => d.key),
    ...new Set(demoRows.map((r) => r.a ?? '').filter((k) => !layout.demographics.some((d) => d.key === k))),
  ].map((k) => {
    const counts = demoRows.filter((r) => r.a === k).map((r) => ({ option: r.b ?? '', n: Number(r.n) }));
    const options = layout.demographics.find((d) => d.key === k)?.options.map((o) => o.key) ?? [];
    counts.sort((x, y) => {
      const ix = options.indexOf(x.option);
      const iy = options.indexOf(y.option);
      return (ix < 0 ? 999 : ix) - (iy < 0 ? 999 : iy) || y.n - x.n;
    });
    return { key: k, counts };
  });

  return {
    query,
    n: Number(of('n')[0]?.n ?? 0),
    overall,
    groups,
    byDivision,
    byService,
    byChannel,
    trend: trendOut,
    demographics,
  };
}

/**
 * Per division: responses and the overall satisfaction of a range and of the period just before
 * (previousRange), for the executive dashboard. Active divisions always appear; responses
 * without a division last.
 */
export async function satisfactionByDivision(
  ctx: ServiceContext,
  range: { from: string; to: string },
): Promise<{ divisionId: number | null; name: string; n: number; overall: Summary; previous: Summary }[]> {
  ensureAllowed(surveysPolicy.readReport(ctx.actor), !!ctx.actor);
  const cur = checkRange(range);
  const prev = checkRange(previousRange(range));
  const org = ctx.orgId;
  // From the per-response totals in survey_responses_time (an Index Only Scan); rn counts the
  // responses with at least one answer, and a division only answered blank has no row.
  const query = sql`
    SELECT CASE WHEN r.submitted_at >= ${cur.start.toISOString()}::timestamptz THEN 'cur' ELSE 'prev' END AS k,
      r.division_id::text AS a, NULL::text AS b, count(*) FILTER (WHERE r.ratings_n > 0) AS rn, sum(r.ratings_n) AS n,
      sum(r.ratings_sum) AS s, sum(r.ratings_sumsq) AS ss
    FROM survey_responses r
    WHERE r.org_id = ${org} AND r.submitted_at >= ${prev.start.toISOString()}::timestamptz
      AND r.submitted_at < ${cur.end.toISOString()}::timestamptz
      AND (r.submitted_at >= ${cur.start.toISOString()}::timestamptz OR r.submitted_at < ${prev.end.toISOString()}::timestamptz)
    GROUP BY 1, 2
    HAVING sum(r.ratings_n) > 0
  `;
  const [divs, result] = await Promise.all([divisionNames(ctx), readRows(ctx, query)]);
  const at = (k: string) => new Map(result.filter((r) => r.k === k).map((r) => [r.a == null ? null : Number(r.a), r]));
  const cu = at('cur');
  const pr = at('prev');
  const ids: (number | null)[] = divs.filter((d) => d.active || cu.has(d.id) || pr.has(d.id)).map((d) => d.id);
  if (cu.has(null) || pr.has(null)) ids.push(null);
  const names = new Map(divs.map((d) => [d.id, d.name]));
  return ids.map((id) => ({
    divisionId: id,
    name: id == null ? noDivisionName(ctx) : (names.get(id) ?? String(id)),
    n: Number(cu.get(id)?.rn ?? 0),
    overall: summaryOf(aggOf(cu.get(id))),
    previous: summaryOf(aggOf(pr.get(id))),
  }));
}

/** A division of this organization, or 404 (names in headings and file names). */
export async function divisionOf(ctx: ServiceContext, id: number): Promise<{ id: number; name: string }> {
  const [row] = await dbOf(ctx)
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Active divisions and the queue services with a division, for the filters. */
export async function reportFilters(ctx: ServiceContext) {
  const db = dbOf(ctx);
  const [divs, services] = await Promise.all([
    divisionNames(ctx),
    db
      .select({ id: queueServices.id, name: queueServices.name, prefix: queueServices.prefix, divisionId: queueServices.divisionId })
      .from(queueServices)
      .where(eq(queueServices.orgId, ctx.orgId))
      .orderBy(asc(queueServices.sortOrder), asc(queueServices.prefix)),
  ]);
  return { divisions: divs.filter((d) => d.active), services };
}

// ---------------------------------------------------------------------------------------------
// OIT evidence (รายงานผลการสำรวจความพึงพอใจการให้บริการ)

/** What a published month points back to (publications.source_entity); source id 'YYYY-MM' or 'YYYY-MM-d<division>'. */
export const SURVEY_REPORT_ENTITY = 'survey_report_month';
export const MAX_PUBLISH_REASON = 2000;

/**
 * The OIT item of the satisfaction report in a fiscal year: 2566–2567 o17 (รายงานผลการสำรวจ
 * ความพึงพอใจการให้บริการ); from 2568 it is part of the service-statistics item (O11 in 2568,
 * O10 from 2569 — ita-oit.md §5).
 */
export function satisfactionItem(fiscalYear: number): string {
  return fiscalYear <= 2567 ? 'o17' : serviceStatsItem(fiscalYear);
}

export const publicationSourceId = (year: number, month: number, divisionId: number | null) =>
  `${year}-${pad(month)}${divisionId != null ? `-d${divisionId}` : ''}`;

/** The month's current publication (of a division, or of all), if it was published. */
export async function surveyPublicationOf(
  ctx: ServiceContext,
  year: number,
  month: number,
  divisionId: number | null,
): Promise<Publication | null> {
  const fy = fiscalYearOf(bangkokDate(year, month, 1));
  const rows = await listPublications(ctx, { fiscalYear: fy });
  const id = publicationSourceId(year, month, divisionId);
  return rows.find((p) => p.sourceEntity === SURVEY_REPORT_ENTITY && p.sourceId === id) ?? null;
}

/**
 * Publishes the month's PDF report (of one division, or of all) as the fiscal year's
 * satisfaction evidence. Published again, it supersedes the earlier one, with the reason given.
 * The PDF is rendered first, outside the transaction.
 */
export async function publishSurveyEvidence(
  ctx: ServiceContext,
  input: { year: number; month: number; divisionId?: number | null; reason?: string | null },
): Promise<Publication> {
  if (!ctx.actor) throw unauthorized();
  if (!surveysPolicy.publish(ctx.actor)) throw forbidden();
  const { year, month } = input;
  const divisionId = input.divisionId ?? null;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 2000 || year > 2200) {
    throw new ValidationError([{ field: 'month', label: 'surveys.report.fields.month', message: 'surveys.report.errors.month' }]);
  }
  const from = `${year}-${pad(month)}-01`;
  const range = { from, to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
  if (from > bangkokIsoDay(ctx.app.now())) {
    throw new ValidationError([{ field: 'month', label: 'surveys.report.fields.month', message: 'surveys.report.errors.futureMonth' }]);
  }
  const reason = input.reason?.trim() ?? '';
  if (reason.length > MAX_PUBLISH_REASON) {
    throw new ValidationError([
      {
        field: 'reason',
        label: 'surveys.report.fields.reason',
        message: 'surveys.report.errors.tooLong',
        params: { max: MAX_PUBLISH_REASON },
      },
    ]);
  }
  const division = divisionId != null ? await divisionOf(ctx, divisionId) : null;
  const existing = await surveyPublicationOf(ctx, year, month, divisionId);
  if (existing && !reason) {
    throw new ValidationError([
      { field: 'reason', label: 'surveys.report.fields.reason', message: 'surveys.report.errors.reasonRequired' },
    ]);
  }
  const period = { kind: 'month' as const, year, month };
  const report = await surveyReport(ctx, { ...range, divisionId });
  const suggestions = await listSuggestions(ctx, { ...range, divisionId, limit: MAX_LIST });
  const pdf = await renderSurveyPdf(ctx, report, period, { divisionName: division?.name ?? null, suggestions: [...suggestions].reverse() });
  const fy = fiscalYearOf(bangkokDate(year, month, 1));
  const item = satisfactionItem(fy);
  const th = translator(ctx.app.catalogs, 'th');
  const title = `${th('surveys.report.pdf.title')} ${division?.name ?? th('surveys.report.allDivisions')} ${periodLabel(th, range, period)}`;
  const sourceId = publicationSourceId(year, month, divisionId);
  return runCommand(ctx, { action: 'surveys.publishReport', allowed: surveysPolicy.publish(ctx.actor) }, async (tx, _tools, txCtx) => {
    const p = await publish(tx, txCtx, {
      fiscalYear: fy,
      itemCode: item,
      title,
      bytes: pdf,
      fileName: reportFileName({ ...range, divisionId }, period, 'pdf'),
      source: { entity: SURVEY_REPORT_ENTITY, id: sourceId },
      ...(existing ? { supersedes: { id: existing.id, reason } } : {}),
    });
    return {
      result: p,
      entity: SURVEY_REPORT_ENTITY,
      entityId: sourceId,
      summary: `เผยแพร่${title} เป็นหลักฐาน OIT ข้อ ${item} ปีงบประมาณ ${fy} (sha256 ${p.sha256.slice(0, 12)}…)`,
      data: { publicationId: p.id, supersedes: existing?.id ?? null, reason: reason || null, divisionId },
    };
  });
}
