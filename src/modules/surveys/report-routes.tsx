import type { Hono } from 'hono';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { readForm } from '../../core/http/forms.js';
import { bangkokIsoDay, parseIsoDay, shiftedMonthKey } from '../../core/thai/bangkok.js';
import { bangkokDate, fiscalYearOf } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import './dataset.js';
import { loadCharts } from './charts.js';
import { formText } from './forms.js';
import { surveysPolicy } from './policy.js';
import {
  divisionOf,
  formLayout,
  publishSurveyEvidence,
  type ReportQuery,
  reportFilters,
  satisfactionItem,
  surveyPublicationOf,
  surveyReport,
} from './report.js';
import { fiscalRange, type ReportPeriod, renderSurveyPdf, renderSurveyXlsx, reportFileName } from './report-pdf.js';
import { SUGGESTION_TAGS, type SuggestionTag } from './schema.js';
import { listSuggestions, MAX_LIST, respondToSuggestion, suggestionCounts, tagSuggestion } from './suggestions.js';
import { ReportPage, type ReportValues } from './views/report.js';
import { SuggestionsPage, type SuggestionsQuery } from './views/suggestions.js';

const MONTH = /^(\d{4})-(\d{2})$/;
const ID = /^[1-9]\d{0,9}$/;
/** Suggestions shown on one page (the filters narrow the list). */
const SUGGESTIONS_PAGE = 50;
const pad = (n: number) => String(n).padStart(2, '0');

export interface ParsedReport {
  period: ReportPeriod;
  query: ReportQuery;
  values: ReportValues;
  /** Query string of the whole request (period and filters), for downloads and links. */
  qs: string;
  prev: string;
  next: string | null;
}

/** "2024-01" → { year, month }, or null. */
export function parseMonth(s: string | undefined | null): { year: number; month: number } | null {
  const m = MONTH.exec(s ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2200 || month < 1 || month > 12) return null;
  return { year, month };
}

const shiftMonth = (year: number, month: number, by: number) => shiftedMonthKey({ year, month }, by);

/**
 * The period and filters of a request: ?period=month&month=YYYY-MM (the default: this month),
 * ?period=quarter&fy=2567&quarter=2, ?period=year&fy=2567 or ?period=range&from&to; with
 * &division=<id> and &service=<id>. Bad values give field errors naming the field.
 */
export function parseReportQuery(
  q: (k: string) => string | undefined,
  today: string,
): ParsedReport | { errors: FieldError[]; values: ReportValues } {
  const thisFy = fiscalYearOf(bangkokDate(Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))));
  const kind = q('period') || 'month';
  const values: ReportValues = {
    period: kind,
    month: q('month') ?? today.slice(0, 7),
    fy: q('fy') ?? String(thisFy),
    quarter: q('quarter') ?? '',
    from: q('from') ?? '',
    to: q('to') ?? '',
    division: q('division') ?? '',
    service: q('service') ?? '',
  };
  const errors: FieldError[] = [];
  const idOf = (name: 'division' | 'service') => {
    const v = values[name].trim();
    if (!v) return null;
    if (!ID.test(v)) {
      errors.push({ field: name, label: `surveys.report.fields.${name}`, message: 'core.validation.choose' });
      return null;
    }
    return Number(v);
  };
  const divisionId = idOf('division');
  const serviceId = idOf('service');
  let period: ReportPeriod | null = null;
  let range: { from: string; to: string } | null = null;
  let prev = '';
  let next = '';
  const fyOf = () => {
    const fy = Number(values.fy);
    if (!/^\d{4}$/.test(values.fy) || fy < 2500 || fy > 2700) {
      errors.push({ field: 'fy', label: 'surveys.report.fields.fy', message: 'surveys.report.errors.fy' });
      return null;
    }
    return fy;
  };
  if (kind === 'month') {
    const m = parseMonth(values.month);
    if (!m) errors.push({ field: 'month', label: 'surveys.report.fields.month', message: 'surveys.report.errors.month' });
    else {
      period = { kind: 'month', year: m.year, month: m.month };
      range = {
        from: `${m.year}-${pad(m.month)}-01`,
        to: `${m.year}-${pad(m.month)}-${pad(new Date(Date.UTC(m.year, m.month, 0)).getUTCDate())}`,
      };
      values.month = `${m.year}-${pad(m.month)}`;
      values.fy = String(fiscalYearOf(bangkokDate(m.year, m.month, 1)));
      prev = `period=month&month=${shiftMonth(m.year, m.month, -1)}`;
      next = `period=month&month=${shiftMonth(m.year, m.month, 1)}`;
    }
  } else if (kind === 'quarter') {
    const fy = fyOf();
    const qn = Number(values.quarter);
    if (![1, 2, 3, 4].includes(qn))
      errors.push({ field: 'quarter', label: 'surveys.report.fields.quarter', message: 'surveys.report.errors.quarter' });
    else if (fy) {
      const quarter = qn as 1 | 2 | 3 | 4;
      period = { kind: 'quarter', fy, quarter };
      range = fiscalRange(fy, quarter);
      const p = quarter === 1 ? { fy: fy - 1, q: 4 } : { fy, q: quarter - 1 };
      const n = quarter === 4 ? { fy: fy + 1, q: 1 } : { fy, q: quarter + 1 };
      prev = `period=quarter&fy=${p.fy}&quarter=${p.q}`;
      next = `period=quarter&fy=${n.fy}&quarter=${n.q}`;
    }
  } else if (kind === 'year') {
    const fy = fyOf();
    if (fy) {
      period = { kind: 'year', fy };
      range = fiscalRange(fy);
      prev = `period=year&fy=${fy - 1}`;
      next = `period=year&fy=${fy + 1}`;
    }
  } else if (kind === 'range') {
    if (!parseIsoDay(values.from))
      errors.push({ field: 'from', label: 'surveys.report.fields.from', message: 'surveys.report.errors.day' });
    if (!parseIsoDay(values.to)) errors.push({ field: 'to', label: 'surveys.report.fields.to', message: 'surveys.report.errors.day' });
    if (!errors.length) {
      period = { kind: 'range' };
      range = { from: values.from, to: values.to };
    }
  } else {
    errors.push({ field: 'period', label: 'surveys.report.fields.period', message: 'core.validation.choose' });
  }
  if (errors.length || !period || !range) return { errors, values };
  const filters = `${divisionId != null ? `&division=${divisionId}` : ''}${serviceId != null ? `&service=${serviceId}` : ''}`;
  const own =
    period.kind === 'month'
      ? `period=month&month=${values.month}`
      : period.kind === 'quarter'
        ? `period=quarter&fy=${period.fy}&quarter=${period.quarter}`
        : period.kind === 'year'
          ? `period=year&fy=${period.fy}`
          : `period=range&from=${range.from}&to=${range.to}`;
  return {
    period,
    query: { ...range, divisionId, serviceId },
    values,
    qs: own + filters,
    prev: prev ? prev + filters : '',
    next: next && range.to < today ? next + filters : null,
  };
}

const isParsed = (x: ReturnType<typeof parseReportQuery>): x is ParsedReport => 'period' in x;

function checkRead(c: AppContext) {
  const actor = c.get('actor');
  ensureAllowed(surveysPolicy.readReport(actor), !!actor);
}

/** Demographic titles and option texts of the form, in the reader's language. */
async function demographicLabels(c: AppContext) {
  const ctx = serviceContext(c);
  const locale = c.get('locale');
  const layout = await formLayout(ctx);
  return (key: string, option?: string) => {
    const d = layout.demographics.find((x) => x.key === key);
    if (!d) return option ?? key;
    if (option === undefined) return formText(d.title, locale);
    const o = d.options.find((x) => x.key === option);
    return o ? formText(o.text, locale) : option;
  };
}

export function reportRoutes(app: Hono<AppEnv>) {
  const page = async (
    c: AppContext,
    q: (k: string) => string | undefined,
    publishState: { errors: FieldError[]; reason: string } = { errors: [], reason: '' },
    status = 200,
  ) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const today = bangkokIsoDay(ctx.app.now());
    const parsed = parseReportQuery(q, today);
    const filters = await reportFilters(ctx);
    if (!isParsed(parsed)) {
      return renderPage(c, <ReportPage data={null} errors={parsed.errors} values={parsed.values} filters={filters} />, 422);
    }
    let report: Awaited<ReturnType<typeof surveyReport>>;
    try {
      report = await surveyReport(ctx, parsed.query);
    } catch (e) {
      if (e instanceof ValidationError) {
        return renderPage(c, <ReportPage data={null} errors={e.fields} values={parsed.values} filters={filters} />, 422);
      }
      throw e;
    }
    const [counts] = await Promise.all([suggestionCounts(ctx, parsed.query), loadCharts()]);
    let publish = null;
    if (surveysPolicy.publish(ctx.actor)) {
      if (parsed.period.kind === 'month') {
        const { year, month } = parsed.period;
        const fy = fiscalYearOf(bangkokDate(year, month, 1));
        publish = {
          item: satisfactionItem(fy),
          fiscalYear: fy,
          existing: await surveyPublicationOf(ctx, year, month, parsed.query.divisionId ?? null),
          future: parsed.query.from > today,
          running: parsed.query.to >= today,
          errors: publishState.errors,
          reason: publishState.reason,
          monthOnly: false,
        };
      } else {
        publish = { item: '', fiscalYear: 0, existing: null, future: false, running: false, errors: [], reason: '', monthOnly: true };
      }
    }
    return renderPage(
      c,
      <ReportPage
        data={{
          report,
          period: parsed.period,
          qs: parsed.qs,
          prevHref: parsed.prev ? `/staff/surveys?${parsed.prev}` : null,
          nextHref: parsed.next ? `/staff/surveys?${parsed.next}` : null,
          suggestions: counts,
          demographicLabel: await demographicLabels(c),
          publish,
        }}
        errors={[]}
        values={parsed.values}
        filters={filters}
      />,
      status,
    );
  };

  app.get('/staff/surveys', (c) => page(c, (k) => c.req.query(k)));

  const download = (format: 'pdf' | 'xlsx') => async (c: AppContext) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const parsed = parseReportQuery((k) => c.req.query(k), bangkokIsoDay(ctx.app.now()));
    if (!isParsed(parsed)) throw new ValidationError(parsed.errors);
    const report = await surveyReport(ctx, parsed.query);
    const division = parsed.query.divisionId != null ? await divisionOf(ctx, parsed.query.divisionId) : null;
    const suggestions = (await listSuggestions(ctx, { ...parsed.query, limit: MAX_LIST })).reverse();
    const name = reportFileName(parsed.query, parsed.period, format);
    const opts = { divisionName: division?.name ?? null, suggestions };
    const body =
      format === 'pdf'
        ? await renderSurveyPdf(ctx, report, parsed.period, opts)
        : await renderSurveyXlsx(
            ctx,
            report,
            parsed.period,
            { ...opts, demographicLabel: await demographicLabels(c) },
            c.get('t'),
            c.get('locale'),
          );
    return new Response(body, {
      headers: {
        'content-type': format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`,
        'cache-control': 'private, no-store',
      },
    });
  };
  app.get('/staff/surveys/report.pdf', download('pdf'));
  app.get('/staff/surveys/report.xlsx', download('xlsx'));

  app.post('/staff/surveys/publish', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(surveysPolicy.publish(actor), !!actor);
    const { values } = await readForm(c);
    const field = (k: string) => {
      const v = values[k];
      return typeof v === 'string' ? v.trim() : '';
    };
    const monthText = field('month');
    const divisionText = field('division');
    const reason = field('reason');
    const q = (k: string) =>
      k === 'period' ? 'month' : k === 'month' ? monthText : k === 'division' ? divisionText || undefined : undefined;
    const m = parseMonth(monthText);
    if (!m || (divisionText && !ID.test(divisionText))) return page(c, q, { errors: [], reason }, 422);
    try {
      await publishSurveyEvidence(serviceContext(c), {
        year: m.year,
        month: m.month,
        divisionId: divisionText ? Number(divisionText) : null,
        reason,
      });
    } catch (e) {
      if (e instanceof ValidationError) return page(c, q, { errors: e.fields, reason }, 422);
      if (e instanceof AppError && e.status === 409) {
        return page(c, q, { errors: [{ field: '_', label: '', message: e.messageKey }], reason }, 409);
      }
      throw e;
    }
    flash(c, 'surveys.report.publish.done');
    return c.redirect(`/staff/surveys?period=month&month=${monthText}${divisionText ? `&division=${divisionText}` : ''}`, 303);
  });

  // ---- suggestions ------------------------------------------------------------------------

  const suggestionsQuery = (q: (k: string) => string | undefined): SuggestionsQuery => {
    const show = q('show') === 'all' ? 'all' : 'waiting';
    const tag = q('tag') ?? '';
    const division = q('division') ?? '';
    return {
      show,
      tag: (SUGGESTION_TAGS as readonly string[]).includes(tag) ? tag : '',
      division: ID.test(division) ? division : '',
      from: parseIsoDay(q('from') ?? '') ? (q('from') as string) : '',
      to: parseIsoDay(q('to') ?? '') ? (q('to') as string) : '',
    };
  };
  const suggestionsHref = (s: SuggestionsQuery) => {
    const p = new URLSearchParams();
    if (s.show === 'all') p.set('show', 'all');
    if (s.tag) p.set('tag', s.tag);
    if (s.division) p.set('division', s.division);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    const qs = p.toString();
    return `/staff/surveys/suggestions${qs ? `?${qs}` : ''}`;
  };
  const suggestionsPage = async (
    c: AppContext,
    sq: SuggestionsQuery,
    form: { id: number; errors: FieldError[]; values: Record<string, string> } | null = null,
    status = 200,
  ) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const filters = await reportFilters(ctx);
    const list = await listSuggestions(ctx, {
      ...(sq.from && sq.to && sq.from <= sq.to ? { from: sq.from, to: sq.to } : {}),
      divisionId: sq.division ? Number(sq.division) : null,
      waiting: sq.show === 'waiting',
      tag: (sq.tag || undefined) as SuggestionTag | undefined,
      limit: SUGGESTIONS_PAGE,
    });
    return renderPage(
      c,
      <SuggestionsPage
        list={list}
        limited={list.length >= SUGGESTIONS_PAGE}
        query={sq}
        back={suggestionsHref(sq)}
        divisions={filters.divisions}
        canTag={surveysPolicy.tagSuggestion(ctx.actor)}
        canRespond={surveysPolicy.respondToSuggestion(ctx.actor)}
        form={form}
      />,
      status,
    );
  };

  app.get('/staff/surveys/suggestions', (c) =>
    suggestionsPage(
      c,
      suggestionsQuery((k) => c.req.query(k)),
    ),
  );

  /** The list the form was posted from (only a suggestions list of this site). */
  const backOf = (v: unknown) => {
    const s = typeof v === 'string' ? v : '';
    return s.startsWith('/staff/surveys/suggestions') && !s.startsWith('//') ? s : '/staff/surveys/suggestions';
  };
  const idParam = (c: AppContext) => {
    const raw = c.req.param('id') ?? '';
    if (!ID.test(raw)) throw notFound();
    return Number(raw);
  };

  app.post('/staff/surveys/suggestions/:id/tag', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(surveysPolicy.tagSuggestion(actor), !!actor);
    const id = idParam(c);
    const { values } = await readForm(c);
    const back = backOf(values.back);
    const raw = values[`tag-${id}`] ?? values.tag;
    const tag = typeof raw === 'string' ? raw : '';
    if (tag && !(SUGGESTION_TAGS as readonly string[]).includes(tag)) {
      const sq = suggestionsQuery((k) => new URL(back, 'http://x').searchParams.get(k) ?? undefined);
      return suggestionsPage(
        c,
        sq,
        { id, errors: [{ field: `tag-${id}`, label: 'surveys.report.fields.tag', message: 'core.validation.choose' }], values: {} },
        422,
      );
    }
    await tagSuggestion(serviceContext(c), id, (tag || null) as SuggestionTag | null);
    flash(c, 'surveys.report.suggestions.tagged');
    return c.redirect(`${back}#s-${id}`, 303);
  });

  app.post('/staff/surveys/suggestions/:id/respond', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(surveysPolicy.respondToSuggestion(actor), !!actor);
    const id = idParam(c);
    const { values } = await readForm(c);
    const back = backOf(values.back);
    // Each suggestion's fields are named with its id (several forms on one page).
    const str = (k: string) => {
      const v = values[`${k}-${id}`] ?? values[k];
      return typeof v === 'string' ? v : '';
    };
    try {
      await respondToSuggestion(serviceContext(c), id, { executiveResponse: str('executiveResponse'), actionTaken: str('actionTaken') });
    } catch (e) {
      if (e instanceof ValidationError) {
        const sq = suggestionsQuery((k) => new URL(back, 'http://x').searchParams.get(k) ?? undefined);
        return suggestionsPage(
          c,
          sq,
          {
            id,
            errors: e.fields.map((f) => ({ ...f, field: `${f.field}-${id}` })),
            values: { executiveResponse: str('executiveResponse'), actionTaken: str('actionTaken') },
          },
          422,
        );
      }
      throw e;
    }
    flash(c, 'surveys.report.suggestions.saved');
    return c.redirect(`${back}#s-${id}`, 303);
  });
}
