import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MISSING_KINDS } from './schemas.js';
import { dashboardSummary } from './service.js';

const Band = z
  .number()
  .int()
  .min(1)
  .max(5)
  .nullable()
  .openapi({ description: 'Level band 5 มากที่สุด … 1 น้อยที่สุด (of the mean rounded to 2 decimals)' });
const Mean = z.number().nullable().openapi({ description: 'Mean score 1–5, two decimals', example: 4.52 });

const SummarySchema = z
  .object({
    generatedAt: z.string().openapi({ format: 'date-time' }),
    today: z.string().openapi({ format: 'date', description: 'Bangkok day' }),
    counters: z.object({
      visitors: z.number().int().nullable().openapi({ description: 'Front-desk visits today (null: not visible to the reader)' }),
      outOfHours: z.number().int().nullable(),
      ticketsIssued: z.number().int().nullable(),
      ticketsFinished: z.number().int().nullable(),
      waitingNow: z.number().int().nullable(),
      averageWaitMinutes: z.number().nullable().openapi({ description: 'Issue to first call, tickets called today' }),
    }),
    satisfaction: z
      .object({
        from: z.string(),
        to: z.string(),
        responses: z.number().int(),
        mean: Mean,
        percent: z.number().nullable(),
        band: Band,
        previousMean: Mean.openapi({ description: 'Last month' }),
        change: z.number().nullable().openapi({ description: 'This month minus last month' }),
        divisions: z.array(
          z.object({
            divisionId: z.number().int().nullable(),
            name: z.string(),
            responses: z.number().int(),
            mean: Mean,
            percent: z.number().nullable(),
            band: Band,
            previousMean: Mean,
            change: z.number().nullable(),
          }),
        ),
      })
      .nullable(),
    suggestions: z.object({ waiting: z.number().int(), oldest: z.string().nullable().openapi({ format: 'date-time' }) }).nullable(),
    measures: z
      .object({
        fiscalYear: z.number().int().openapi({ description: 'B.E.', example: 2568 }),
        planId: z.number().int().nullable(),
        overdue: z.number().int(),
        due: z.number().int(),
        incomplete: z.number().int(),
        items: z.array(
          z.object({
            measureId: z.number().int(),
            number: z.number().int(),
            title: z.string(),
            missing: z.array(z.enum(MISSING_KINDS)),
            overdue: z.boolean(),
          }),
        ),
      })
      .nullable(),
  })
  .openapi('DashboardSummary');

const summaryRoute = createRoute({
  method: 'get',
  path: '/dashboard/summary',
  operationId: 'dashboard.summary',
  tags: ['dashboard'],
  summary:
    "The executive dashboard: today's front-desk visitors, queue tickets, people waiting and average wait; this month's satisfaction per division against last month; suggestions waiting for a response; measures of this fiscal year's plan overdue or due (executives, division heads, ITA coordinator, admin)",
  security,
  responses: {
    200: { description: 'The summary', content: { 'application/json': { schema: SummarySchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(summaryRoute, async (c) => {
    const s = await dashboardSummary(serviceContext(c));
    return c.json(
      {
        ...s,
        generatedAt: s.generatedAt.toISOString(),
        suggestions: s.suggestions ? { waiting: s.suggestions.waiting, oldest: s.suggestions.oldest?.toISOString() ?? null } : null,
      },
      200,
    );
  });
}
