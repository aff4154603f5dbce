import type { Hono } from 'hono';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { isSecureRequest } from '../../core/http/request.js';
import { translator } from '../../core/i18n/i18n.js';
import { renderPage } from '../../core/ui/render.js';
import { ckanRoutes } from './ckan.js';
import { type CatalogContext, catalogJsonLd, datasetJsonLd } from './dcat.js';
import { type DownloadInfo, datasetCsv, datasetJson, datasetXlsx, type XlsxLabels } from './formats.js';
import { PERIOD } from './registry.js';
import { type DownloadFormat, datasetHref, getDatasetSummary, getDatasetTable, listDatasets, periodLabel } from './service.js';
import { DatasetListPage, DatasetPage } from './views/pages.js';

/** This site's origin as the reader reached it (the Host names the organization), for absolute links in the files. */
export function siteOrigin(c: AppContext): string {
  const config = c.get('app').config;
  const host = (config.trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host') || new URL(c.req.url).host;
  return `${isSecureRequest(c) ? 'https' : 'http'}://${host}`;
}

const FILE = /^([A-Za-z0-9_-]{1,40})\.(csv|xlsx|json)$/;

const XLSX_LABELS = [
  'aboutSheet',
  'field',
  'value',
  'dataset',
  'description',
  'publisher',
  'period',
  'source',
  'columns',
  'key',
  'meaning',
] as const;

function send(c: AppContext, bytes: Uint8Array, type: string, name: string) {
  c.header('Content-Type', type);
  c.header('Content-Length', String(bytes.byteLength));
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
  // Harvesters and other sites' scripts may read open data.
  c.header('Access-Control-Allow-Origin', '*');
  return c.body(bytes as Uint8Array<ArrayBuffer>);
}

/**
 * Public pages: not kept in the page cache, since a dataset gains a period when a month ends
 * without anything being published (issue 6 caches them with a key that knows the periods).
 */
export function routes(app: Hono<AppEnv>) {
  ckanRoutes(app);

  // DCAT-AP metadata as JSON-LD: the catalog, and each dataset (before /opendata/:id, which would take the name).
  app.get('/opendata/:file{[a-z0-9-]+\\.jsonld}', async (c) => {
    const ctx = serviceContext(c);
    const cc: CatalogContext = { origin: siteOrigin(c), org: orgOf(c) };
    const id = c.req.param('file').replace(/\.jsonld$/, '');
    let doc: unknown;
    if (id === 'catalog') {
      const catalogs = ctx.app.catalogs;
      const title = (l: 'th' | 'en' | 'ms') => translator(catalogs, l)('opendata.dcat.catalogTitle', { name: cc.org.names.full });
      doc = catalogJsonLd(cc, await listDatasets(ctx), { th: title('th'), en: title('en'), ms: title('ms') });
    } else {
      const summary = await getDatasetSummary(ctx, id);
      if (summary.periods.length === 0) throw notFound();
      doc = datasetJsonLd(cc, summary);
    }
    c.header('Content-Type', 'application/ld+json; charset=utf-8');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'no-cache');
    return c.body(JSON.stringify(doc));
  });

  app.get('/opendata', async (c) => {
    const datasets = await listDatasets(serviceContext(c));
    return renderPage(c, <DatasetListPage org={orgOf(c)} datasets={datasets} />);
  });

  app.get('/opendata/:id', async (c) => {
    const ctx = serviceContext(c);
    const summary = await getDatasetSummary(ctx, c.req.param('id'));
    const asked = c.req.query('period');
    const period = asked ?? summary.periods[0];
    const shown = period ? { period, table: (await getDatasetTable(ctx, summary.def.id, period)).table } : null;
    return renderPage(c, <DatasetPage org={orgOf(c)} summary={summary} shown={shown} />);
  });

  app.get('/opendata/:id/:file', async (c) => {
    const m = FILE.exec(c.req.param('file'));
    if (!m || !PERIOD.test(m[1] ?? '')) throw notFound();
    const period = m[1] as string;
    const format = m[2] as DownloadFormat;
    const ctx = serviceContext(c);
    const id = c.req.param('id');
    const { def, table } = await getDatasetTable(ctx, id, period);
    const locale = c.get('locale');
    const org = orgOf(c);
    const info: DownloadInfo = {
      def,
      period,
      periodLabel: periodLabel(period, locale),
      publisher: org.names.full,
      pageUrl: `${siteOrigin(c)}${datasetHref(def.id)}`,
    };
    const name = `${def.id}-${period}.${format}`;
    if (format === 'csv') return send(c, datasetCsv(table), 'text/csv; charset=utf-8', name);
    if (format === 'json') {
      return send(c, new TextEncoder().encode(JSON.stringify(datasetJson(info, table))), 'application/json; charset=utf-8', name);
    }
    const t = c.get('t');
    const labels = Object.fromEntries(XLSX_LABELS.map((k) => [k, t(`opendata.xlsx.${k}`)])) as unknown as XlsxLabels;
    return send(c, await datasetXlsx(info, table, locale, labels), XLSX_TYPE, name);
  });
}
