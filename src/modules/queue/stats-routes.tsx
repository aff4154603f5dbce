import type { Hono } from 'hono';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, ValidationError } from '../../core/http/errors.js';
import { readForm } from '../../core/http/forms.js';
import { bangkokIsoDay, parseIsoDay, shiftedMonthKey } from '../../core/thai/bangkok.js';
import { bangkokDate, fiscalYearOf } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { monthRange, publishStatsEvidence, queueStats, queueStatsPolicy, serviceStatsItem, statsPublicationOf } from './stats.js';
import { renderStatsPdf, renderStatsXlsx, type StatsPeriod, statsFileName } from './stats-pdf.js';
import { StatsPage } from './views/stats.js';

const MONTH = /^(\d{4})-(\d{2})$/;

export interface ParsedPeriod {
  period: StatsPeriod;
  range: { from: string; to: string };
  dayValue: string;
  monthValue: string;
  prev: string;
  next: string;
  query: string;
}

/** "2026-11" → { year, month }, or null. */
export function parseMonth(s: string | undefined | null): { year: number; month: number } | null {
  const m = MONTH.exec(s ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2200 || month < 1 || month > 12) return null;
  return { year, month };
}

const pad = (n: number) => String(n).padStart(2, '0');
const shiftDay = (day: string, by: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
};
const shiftMonth = (year: number, month: number, by: number) => shiftedMonthKey({ year, month }, by);

/**
 * The period of a request: ?period=day&day=YYYY-MM-DD or ?period=month&month=YYYY-MM (the
 * default: this month). Bad values give field errors naming the field.
 */
export function parsePeriod(
  q: (k: string) => string | undefined,
  today: string,
): ParsedPeriod | { errors: FieldError[]; dayValue: string; monthValue: string } {
  const kind = q('period') ?? (q('day') ? 'day' : 'month');
  const thisMonth = today.slice(0, 7);
  if (kind === 'day') {
    const raw = q('day') ?? today;
    const p = parseIsoDay(raw);
    if (!p) {
      return {
        errors: [{ field: 'day', label: 'queue.stats.fields.day', message: 'queue.stats.errors.day' }],
        dayValue: raw,
        monthValue: thisMonth,
      };
    }
    return {
      period: { kind: 'day', day: raw },
      range: { from: raw, to: raw },
      dayValue: raw,
      monthValue: raw.slice(0, 7),
      prev: `period=day&day=${shiftDay(raw, -1)}`,
      next: `period=day&day=${shiftDay(raw, 1)}`,
      query: `period=day&day=${raw}`,
    };
  }
  if (kind !== 'month') {
    return {
      errors: [{ field: 'period', label: 'queue.stats.fields.period', message: 'core.validation.choose' }],
      dayValue: today,
      monthValue: thisMonth,
    };
  }
  const raw = q('month') ?? thisMonth;
  const m = parseMonth(raw);
  if (!m) {
    return {
      errors: [{ field: 'month', label: 'queue.stats.fields.month', message: 'queue.stats.errors.month' }],
      dayValue: today,
      monthValue: raw,
    };
  }
  const key = `${m.year}-${pad(m.month)}`;
  return {
    period: { kind: 'month', year: m.year, month: m.month },
    range: monthRange(m.year, m.month),
    dayValue: key === thisMonth ? today : `${key}-01`,
    monthValue: key,
    prev: `period=month&month=${shiftMonth(m.year, m.month, -1)}`,
    next: `period=month&month=${shiftMonth(m.year, m.month, 1)}`,
    query: `period=month&month=${key}`,
  };
}

const isParsed = (x: ReturnType<typeof parsePeriod>): x is ParsedPeriod => 'period' in x;

function checkRead(c: AppContext) {
  const actor = c.get('actor');
  ensureAllowed(queueStatsPolicy.read(actor), !!actor);
}

export function statsRoutes(app: Hono<AppEnv>) {
  const page = async (
    c: AppContext,
    q: (k: string) => string | undefined,
    publishState: { errors: FieldError[]; reason: string } = { errors: [], reason: '' },
    status = 200,
  ) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const today = bangkokIsoDay(ctx.app.now());
    const parsed = parsePeriod(q, today);
    if (!isParsed(parsed)) {
      return renderPage(
        c,
        <StatsPage
          period={null}
          stats={null}
          errors={parsed.errors}
          dayValue={parsed.dayValue}
          monthValue={parsed.monthValue}
          prevHref={null}
          nextHref={null}
          query=""
          publish={null}
        />,
        422,
      );
    }
    const stats = await queueStats(ctx, parsed.range);
    let publish = null;
    if (parsed.period.kind === 'month' && queueStatsPolicy.publish(ctx.actor)) {
      const { year, month } = parsed.period;
      const fy = fiscalYearOf(bangkokDate(year, month, 1));
      publish = {
        item: serviceStatsItem(fy),
        fiscalYear: fy,
        existing: await statsPublicationOf(ctx, year, month),
        future: parsed.range.from > today,
        running: parsed.range.to >= today,
        errors: publishState.errors,
        reason: publishState.reason,
      };
    }
    return renderPage(
      c,
      <StatsPage
        period={parsed.period}
        stats={stats}
        errors={[]}
        dayValue={parsed.dayValue}
        monthValue={parsed.monthValue}
        prevHref={`/staff/queue/stats?${parsed.prev}`}
        nextHref={parsed.range.to < today ? `/staff/queue/stats?${parsed.next}` : null}
        query={parsed.query}
        publish={publish}
      />,
      status,
    );
  };

  app.get('/staff/queue/stats', (c) => page(c, (k) => c.req.query(k)));

  app.get('/staff/queue/stats/download', async (c) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const format = c.req.query('format') === 'xlsx' ? 'xlsx' : 'pdf';
    const parsed = parsePeriod((k) => c.req.query(k), bangkokIsoDay(ctx.app.now()));
    if (!isParsed(parsed)) throw new ValidationError(parsed.errors);
    const stats = await queueStats(ctx, parsed.range);
    const name = statsFileName(stats, parsed.period, format);
    const body =
      format === 'pdf'
        ? await renderStatsPdf(ctx, stats, parsed.period)
        : await renderStatsXlsx(ctx, stats, parsed.period, c.get('t'), c.get('locale'));
    return new Response(body, {
      headers: {
        'content-type': format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`,
        'cache-control': 'private, no-store',
      },
    });
  });

  app.post('/staff/queue/stats/publish', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(queueStatsPolicy.publish(actor), !!actor);
    const { values } = await readForm(c);
    const field = (k: string) => {
      const v = values[k];
      return typeof v === 'string' ? v.trim() : '';
    };
    const monthText = field('month');
    const reason = field('reason');
    const q = (k: string) => (k === 'period' ? 'month' : k === 'month' ? monthText : undefined);
    const m = parseMonth(monthText);
    if (!m) return page(c, q, { errors: [], reason });
    try {
      await publishStatsEvidence(serviceContext(c), { year: m.year, month: m.month, reason });
    } catch (e) {
      if (e instanceof ValidationError) return page(c, q, { errors: e.fields, reason }, 422);
      if (e instanceof AppError && e.status === 409)
        return page(c, q, { errors: [{ field: '_', label: '', message: e.messageKey }], reason }, 409);
      throw e;
    }
    flash(c, 'queue.stats.publish.done');
    return c.redirect(`/staff/queue/stats?period=month&month=${monthText}`, 303);
  });
}
