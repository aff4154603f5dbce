import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed, ValidationError } from '../../core/http/errors.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { CHANNELS } from './schema.js';
import { MAX_RANGE_DAYS, queueStats, queueStatsPolicy } from './stats.js';
import { parsePeriod } from './stats-routes.js';

const DistSchema = z
  .object({
    n: z.number().int().openapi({ description: 'Tickets measured' }),
    mean: z.number().nullable().openapi({ description: 'Minutes, one decimal', example: 12.4 }),
    median: z.number().nullable().openapi({ example: 9.5 }),
    p90: z.number().nullable().openapi({ description: '90th percentile (percentile_cont)', example: 31.2 }),
  })
  .openapi('QueueStatsDistribution');

const StatsSchema = z
  .object({
    from: z.string().openapi({ format: 'date', description: 'First Bangkok day (inclusive)' }),
    to: z.string().openapi({ format: 'date', description: 'Last Bangkok day (inclusive)' }),
    totals: z.object({
      issued: z.number().int(),
      finished: z.number().int(),
      noShow: z.number().int(),
      noShowRate: z.number().nullable().openapi({ description: 'noShow / (finished + noShow), 0–1', example: 0.052 }),
      wait: DistSchema,
      service: DistSchema,
    }),
    byService: z.array(
      z.object({
        serviceId: z.number().int(),
        prefix: z.string(),
        name: z.string(),
        issued: z.number().int(),
        finished: z.number().int(),
        noShow: z.number().int(),
        wait: DistSchema,
        service: DistSchema,
      }),
    ),
    byCounter: z.array(
      z.object({
        counterId: z.number().int(),
        number: z.number().int(),
        name: z.string(),
        finished: z.number().int(),
        wait: DistSchema.openapi({ description: 'Tickets first called at this counter' }),
        service: DistSchema.openapi({ description: 'Tickets finished at this counter' }),
      }),
    ),
    byStaff: z.array(z.object({ userId: z.number().int(), name: z.string(), finished: z.number().int(), service: DistSchema })),
    byDay: z.array(z.object({ day: z.string(), issued: z.number().int(), finished: z.number().int(), noShow: z.number().int() })),
    heatmap: z.array(
      z.object({
        weekday: z.number().int().openapi({ description: '0 Sunday … 6 Saturday (Bangkok)' }),
        hour: z.number().int().openapi({ description: '0–23 (Bangkok)' }),
        issued: z.number().int(),
      }),
    ),
    byChannel: z.array(z.object({ channel: z.enum(CHANNELS), issued: z.number().int() })),
  })
  .openapi('QueueStats');

const statsRoute = createRoute({
  method: 'get',
  path: '/queue/stats',
  operationId: 'queue.stats',
  tags: ['queue'],
  summary:
    'Service statistics of a day, a month or a range of days: tickets, wait and service times (mean, median, 90th percentile, minutes) per service, counter and staff member, per day, per weekday and hour, per channel (executives, division heads, ITA coordinator, admin)',
  security,
  request: {
    query: z.object({
      period: z.enum(['day', 'month', 'range']).optional().openapi({ description: 'Default: month (this month)', example: 'month' }),
      day: z.string().optional().openapi({ description: 'With period=day: YYYY-MM-DD', example: '2026-11-02' }),
      month: z.string().optional().openapi({ description: 'With period=month: YYYY-MM', example: '2026-11' }),
      from: z
        .string()
        .optional()
        .openapi({ description: `With period=range: first day YYYY-MM-DD (at most ${MAX_RANGE_DAYS} days)` }),
      to: z.string().optional().openapi({ description: 'With period=range: last day YYYY-MM-DD' }),
    }),
  },
  responses: {
    200: { description: 'The statistics', content: { 'application/json': { schema: StatsSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

export function statsApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(statsRoute, async (c) => {
    const query = c.req.valid('query');
    const ctx = serviceContext(c);
    ensureAllowed(queueStatsPolicy.read(ctx.actor), !!ctx.actor);
    if (query.period === 'range') {
      return c.json(await queueStats(ctx, { from: query.from ?? '', to: query.to ?? '' }), 200);
    }
    const parsed = parsePeriod((k) => (query as Record<string, string | undefined>)[k], bangkokIsoDay(ctx.app.now()));
    if (!('period' in parsed)) throw new ValidationError(parsed.errors);
    return c.json(await queueStats(ctx, parsed.range), 200);
  });
}
