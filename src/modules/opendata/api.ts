import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { datasetJson } from './formats.js';
import { PERIOD } from './registry.js';
import { siteOrigin } from './routes.js';
import { type DatasetSummary, datasetHref, downloadHref, FORMATS, getDatasetSummary, getDatasetTable, listDatasets } from './service.js';

const Text = z.object({ th: z.string(), en: z.string() });

const ColumnSchema = z
  .object({
    key: z.string().openapi({ description: 'The CSV header and JSON field', example: 'issued' }),
    th: z.string().openapi({ example: 'จำนวนบัตรคิวที่ออก' }),
    en: z.string().openapi({ example: 'Tickets issued' }),
    type: z.enum(['text', 'integer', 'decimal']),
  })
  .openapi('DatasetColumn');

const DistributionSchema = z
  .object({
    period: z.string().openapi({ example: '2026-09' }),
    format: z.enum(FORMATS),
    mediaType: z.string().openapi({ example: 'text/csv' }),
    url: z.string().openapi({
      description: 'Absolute download address',
      example: 'https://lubopuesa.go.th/opendata/queue-service-statistics/2026-09.csv',
    }),
  })
  .openapi('DatasetDistribution');

const DatasetSchema = z
  .object({
    id: z.string().openapi({ example: 'queue-service-statistics' }),
    title: Text,
    description: Text,
    publisher: z.string().openapi({ example: 'องค์การบริหารส่วนตำบลลูโบะปือซา' }),
    module: z.string().openapi({ description: 'The part of the system that publishes it', example: 'queue' }),
    frequency: z.enum(['monthly', 'yearly', 'daily', 'irregular']).nullable(),
    keywords: z.array(z.string()),
    periods: z.array(z.string()).openapi({ description: 'Periods with data, newest first ("YYYY-MM" for monthly data)' }),
    href: z.string().openapi({ description: 'Public page', example: '/opendata/queue-service-statistics' }),
    distributions: z.array(DistributionSchema),
  })
  .openapi('Dataset');

const DataSchema = z
  .object({
    id: z.string(),
    title: Text,
    description: Text,
    publisher: z.string(),
    period: z.string(),
    source: z.string(),
    columns: z.array(ColumnSchema),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  })
  .openapi('DatasetData');

const MEDIA: Record<(typeof FORMATS)[number], string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The only place that shapes a dataset's metadata as JSON (DCAT and CKAN views come from it in issue 6). */
function present(s: DatasetSummary, publisher: string, origin: string): z.infer<typeof DatasetSchema> {
  const { def, periods } = s;
  return {
    id: def.id,
    title: { th: def.title.th, en: def.title.en },
    description: { th: def.description.th, en: def.description.en },
    publisher,
    module: def.module,
    frequency: def.frequency ?? null,
    keywords: def.keywords ?? [],
    periods,
    href: datasetHref(def.id),
    distributions: periods.flatMap((period) =>
      FORMATS.map((format) => ({ period, format, mediaType: MEDIA[format], url: `${origin}${downloadHref(def.id, period, format)}` })),
    ),
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/opendata',
  operationId: 'opendata.list',
  tags: ['opendata'],
  summary: 'The organization’s open datasets with their periods and download addresses (public; no token needed)',
  responses: {
    200: { description: 'Datasets', content: { 'application/json': { schema: z.object({ items: z.array(DatasetSchema) }) } } },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/opendata/{id}',
  operationId: 'opendata.get',
  tags: ['opendata'],
  summary: 'One open dataset; with `period`, also the rows of that period (public; no token needed)',
  request: {
    params: z.object({
      id: z
        .string()
        .max(80)
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'queue-service-statistics' }),
    }),
    query: z.object({
      period: z.string().regex(PERIOD).optional().openapi({ description: 'A period the dataset lists', example: '2026-09' }),
    }),
  },
  responses: {
    200: {
      description: 'The dataset (and the rows of the period asked for)',
      content: { 'application/json': { schema: DatasetSchema.extend({ data: DataSchema.nullable() }) } },
    },
    404: { description: 'No such dataset, or no such period in it', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const items = await listDatasets(serviceContext(c));
    const publisher = orgOf(c).names.full;
    const origin = siteOrigin(c);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ items: items.map((s) => present(s, publisher, origin)) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { period } = c.req.valid('query');
    const ctx = serviceContext(c);
    const publisher = orgOf(c).names.full;
    const origin = siteOrigin(c);
    const summary = await getDatasetSummary(ctx, id);
    const data = period
      ? datasetJson(
          { def: summary.def, period, periodLabel: period, publisher, pageUrl: `${origin}${datasetHref(id)}` },
          (await getDatasetTable(ctx, id, period)).table,
        )
      : null;
    c.header('Access-Control-Allow-Origin', '*');
    return c.json({ ...present(summary, publisher, origin), data }, 200);
  });
}
