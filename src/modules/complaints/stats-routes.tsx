import type { Hono } from 'hono';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { loadCharts } from '../../core/ui/charts.js';
import { renderToString } from '../../core/ui/render.js';
import { datasetHref } from '../opendata/service.js';
import { COMPLAINT_STATS_DATASET_ID } from './dataset.js';
import { buildComplaintStats, isStatsYear, statsYears } from './stats.js';
import { renderStatsPdf, statsFileName } from './stats-pdf.js';
import { renderStatsXlsx } from './stats-xlsx.js';
import { StatsPage } from './views/stats-page.js';

/** Public: read as the public, whoever may be signed in on that browser. */
const publicCtx = (c: AppContext) => ({ ...serviceContext(c), actor: null });

/** The year in the path: 2550 … this fiscal year; anything else is a page that does not exist. */
function yearOf(c: AppContext, raw: string | undefined): number {
  const ctx = publicCtx(c);
  if (raw === undefined) return fiscalYearOf(ctx.app.now());
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!isStatsYear(ctx, fy)) throw notFound();
  return fy;
}

export function statsRoutes(app: Hono<AppEnv>) {
  const page = (c: AppContext, raw: string | undefined) => {
    const fy = yearOf(c, raw);
    return c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const [stats, years] = await Promise.all([buildComplaintStats(ctx, fy), statsYears(ctx), loadCharts()]);
      return renderToString(c, <StatsPage stats={stats} years={years} datasetHref={datasetHref(COMPLAINT_STATS_DATASET_ID)} />);
    });
  };

  app.get('/complaints/stats', (c) => page(c, undefined));
  app.get('/complaints/stats/:fy{[0-9]{4}}', (c) => page(c, c.req.param('fy')));

  // The downloads: made now from the figures (statuses as of now), never cached as someone's.
  app.get('/complaints/stats/:file{[0-9]{4}\\.(pdf|xlsx)}', async (c) => {
    const [raw, ext] = c.req.param('file').split('.') as [string, 'pdf' | 'xlsx'];
    const fy = yearOf(c, raw);
    const ctx = publicCtx(c);
    const stats = await buildComplaintStats(ctx, fy);
    const bytes = ext === 'pdf' ? await renderStatsPdf(ctx, stats) : await renderStatsXlsx(ctx, stats);
    c.header('Content-Type', ext === 'pdf' ? 'application/pdf' : XLSX_TYPE);
    c.header('Content-Disposition', `${ext === 'pdf' ? 'inline' : 'attachment'}; filename="${statsFileName(stats, ext)}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-cache');
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
}
