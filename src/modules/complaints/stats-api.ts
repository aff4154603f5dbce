import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses } from '../../core/api/schemas.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from './schema.js';
import { buildComplaintStats, type StatsPeriod } from './stats.js';
import { renderStatsPdf, statsFileName } from './stats-pdf.js';
import { renderStatsXlsx } from './stats-xlsx.js';

const Counts = {
  received: z.number().int(),
  inProgress: z.number().int().openapi({ description: 'Received, acknowledged or being investigated (status as of now)' }),
  finished: z.number().int().openapi({ description: 'Finished, forwarded to the competent authority, or not accepted (status as of now)' }),
};

const StatsSchema = z
  .object({
    fiscalYear: z.number().int(),
    period: z.object({ kind: z.enum(['year', 'quarter', 'month']), quarter: z.number().int().optional(), month: z.string().optional() }),
    asOf: z.string().openapi({ format: 'date-time' }),
    total: z.object(Counts),
    months: z.array(z.object({ month: z.string().openapi({ example: '2023-10' }), future: z.boolean(), ...Counts })),
    quarters: z.array(z.object({ quarter: z.number().int(), ...Counts })),
    byCategory: z.array(z.object({ category: z.enum(COMPLAINT_CATEGORIES), ...Counts })),
    byChannel: z.array(z.object({ channel: z.enum(COMPLAINT_CHANNELS), ...Counts })),
  })
  .openapi('ComplaintStatistics');

const binary = (type: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary' }) } });

const statsRoute = createRoute({
  method: 'get',
  path: '/complaints/stats',
  operationId: 'complaints.stats',
  tags: ['complaints'],
  summary:
    'Public complaint statistics of a fiscal year, or of one quarter or month of it: received, in progress, finished (each complaint by its status as of now), by month, quarter, category and channel. Counts only. JSON, PDF or XLSX',
  security: [{}],
  request: {
    query: z.object({
      fy: z.coerce.number().int().min(2550).max(2700).openapi({ description: 'Fiscal year (B.E.)', example: 2567 }),
      quarter: z.coerce.number().int().min(1).max(4).optional().openapi({ description: 'A fiscal quarter (1 = October–December)' }),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
        .optional()
        .openapi({ description: 'A month of the fiscal year (Gregorian YYYY-MM)', example: '2024-01' }),
      format: z.enum(['json', 'pdf', 'xlsx']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'The statistics',
      content: { 'application/json': { schema: StatsSchema }, ...binary('application/pdf'), ...binary(XLSX_TYPE) },
    },
    404: {
      description: 'A future fiscal year, or a month outside the year',
      content: { 'application/json': { schema: z.object({}).passthrough() } },
    },
    422: errorResponses[422],
  },
});

export function statsApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(statsRoute, async (c) => {
    const q = c.req.valid('query');
    const ctx = { ...serviceContext(c), actor: null };
    const period: StatsPeriod = q.month
      ? { kind: 'month', month: q.month }
      : q.quarter
        ? { kind: 'quarter', quarter: q.quarter as 1 | 2 | 3 | 4 }
        : { kind: 'year' };
    const s = await buildComplaintStats(ctx, q.fy, period);
    if (q.format === 'json') return c.json({ ...s, asOf: s.asOf.toISOString() }, 200);
    const bytes = q.format === 'pdf' ? await renderStatsPdf(ctx, s) : await renderStatsXlsx(ctx, s);
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'content-type': q.format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `attachment; filename="${statsFileName(s, q.format)}"`,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      },
    }) as never;
  });
}
