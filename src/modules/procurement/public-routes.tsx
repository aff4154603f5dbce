import type { Hono } from 'hono';
import { csvBytes, csvField } from '../../core/http/csv.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { parseRowId, rowIdParam } from '../../core/http/ids.js';
import { siteOrigin } from '../../core/http/request.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { renderToString } from '../../core/ui/render.js';
import { publicationFileHref } from '../publications/service.js';
import { bahtDecimal, procurementTable } from './dataset.js';
import { getPublicProcurement, isFiscalYear, isMonthKey, listProcurements, PUBLIC_PAGE_SIZE, publicYears } from './list.js';
import { fiscalMonthKeys } from './monthly.js';
import { publishedReports, publishedXlsx, reportYears } from './reports.js';
import { PROCUREMENT_CATEGORIES, PROCUREMENT_METHODS, PROCUREMENT_STATUSES } from './schema.js';
import type { ProcurementListFilter } from './types.js';
import { ProcurementDetailPage, ProcurementListPage, ProcurementReportsPage, type PublicListState } from './views/public-procurement.js';

/** Public pages are read as the public, whoever may be signed in on that browser. */
const publicCtx = (c: AppContext) => ({ ...serviceContext(c), actor: null });

const pick = <T extends string>(v: string | undefined, allowed: readonly T[]): T | '' =>
  (allowed as readonly string[]).includes(v ?? '') ? (v as T) : '';

/** The list's filters from the query: unknown values are dropped (never an error for a citizen's link). */
async function readFilters(c: AppContext) {
  const ctx = publicCtx(c);
  const years = await publicYears(ctx);
  const current = fiscalYearOf(ctx.app.now());
  const fyRaw = Number(c.req.query('fy'));
  const fiscalYear = isFiscalYear(fyRaw) ? fyRaw : years.includes(current) || years.length === 0 ? current : (years[0] as number);
  const month = c.req.query('month') ?? '';
  const months = fiscalMonthKeys(fiscalYear);
  const q = (c.req.query('q') ?? '').trim().slice(0, 100);
  const beforeRaw = c.req.query('before');
  const before = beforeRaw ? parseRowId(beforeRaw) : null;
  if (beforeRaw && before == null) throw notFound();
  const method = pick(c.req.query('method'), PROCUREMENT_METHODS);
  const status = pick(c.req.query('status'), PROCUREMENT_STATUSES);
  const category = pick(c.req.query('category'), PROCUREMENT_CATEGORIES);
  const state: PublicListState = {
    fiscalYear,
    years: [...new Set([...years, fiscalYear])].sort((a, b) => b - a),
    method,
    status,
    category,
    month: isMonthKey(month) && months.includes(month) ? month : '',
    q,
    before,
    months,
  };
  const filter: Omit<ProcurementListFilter, 'limit'> = {
    fiscalYear,
    method: method || undefined,
    status: status || undefined,
    category: category || undefined,
    month: state.month || undefined,
    q: q || undefined,
    before: before ?? undefined,
  };
  return { ctx, state, filter };
}

export function publicRoutes(app: Hono<AppEnv>) {
  app.get('/procurement', (c) =>
    c.get('pages').respond(c, async () => {
      const { ctx, state, filter } = await readFilters(c);
      const page = await listProcurements(ctx, { ...filter, limit: PUBLIC_PAGE_SIZE });
      return renderToString(
        c,
        <ProcurementListPage state={state} rows={page.rows} nextBefore={page.nextBefore} org={orgOf(c).names.full} />,
      );
    }),
  );

  // The citizen's download: the list with the same filters, every page, as CSV (UTF-8 with a BOM).
  app.get('/procurement.csv', async (c) => {
    const { ctx, filter } = await readFilters(c);
    const { before: _before, ...all } = filter;
    const table = await procurementTable(ctx, all, bahtDecimal);
    const t = c.get('t');
    const locale = c.get('locale');
    const origin = siteOrigin(c);
    const header = [
      ...table.columns.map((col) => csvField(locale === 'th' ? col.th : locale === 'ms' ? (col.ms ?? col.th) : col.en)),
      csvField(t('procurement.csv.url')),
    ];
    const rows = table.rows.map((r) => [...r.map((v) => csvField(v, typeof v === 'string')), csvField(`${origin}/procurement/${r[0]}`)]);
    const bytes = csvBytes([header, ...rows]);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Length', String(bytes.byteLength));
    c.header('Content-Disposition', `attachment; filename="procurement-${filter.fiscalYear}.csv"`);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  app.get('/procurement/reports', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const years = await reportYears(ctx);
      const fyRaw = Number(c.req.query('fy'));
      const fiscalYear = isFiscalYear(fyRaw) ? fyRaw : (years[0] ?? fiscalYearOf(ctx.app.now()));
      const reports = await publishedReports(ctx, fiscalYear);
      return renderToString(
        c,
        <ProcurementReportsPage
          fiscalYear={fiscalYear}
          years={years}
          reports={reports}
          org={orgOf(c).names.full}
          fileHref={(id) => publicationFileHref({ id })}
        />,
      );
    }),
  );

  app.get('/procurement/reports/:file{[0-9]+\\.xlsx}', async (c) => {
    const id = parseRowId(c.req.param('file').replace(/\.xlsx$/, ''));
    if (id == null) throw notFound();
    const f = await publishedXlsx(publicCtx(c), id);
    c.header('Content-Type', f.type);
    c.header('Content-Disposition', `attachment; filename="${f.name.replace(/[^\w.-]/g, '_')}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(f.bytes as unknown as Uint8Array<ArrayBuffer>);
  });

  app.get('/procurement/:id{[0-9]+}', (c) => {
    const id = rowIdParam(c);
    return c.get('pages').respond(c, async () => {
      const view = await getPublicProcurement(publicCtx(c), id);
      return renderToString(c, <ProcurementDetailPage view={view} noticeHref={(pid) => publicationFileHref({ id: pid })} />);
    });
  });
}
