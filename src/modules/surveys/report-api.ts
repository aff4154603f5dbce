import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { MAX_REPORT_DAYS, surveyReport } from './report.js';
import { SUGGESTION_TAGS, SURVEY_CHANNELS } from './schema.js';
import { MAX_RESPONSE_LENGTH, respondToSuggestion } from './suggestions.js';

const Id = z.coerce.number().int().positive().max(MAX_ROW_ID);

const SummarySchema = z
  .object({
    n: z.number().int().openapi({ description: 'Rating answers counted' }),
    mean: z.number().nullable().openapi({ description: 'x̄ on the 5-level scale', example: 4.52 }),
    sd: z.number().nullable().openapi({ description: 'Sample standard deviation (n − 1); null when n < 2', example: 0.61 }),
    percent: z.number().nullable().openapi({ description: 'mean ÷ 5 × 100', example: 90.4 }),
    band: z
      .union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)])
      .nullable()
      .openapi({ description: 'Level of the mean rounded to 2 decimals: 5 มากที่สุด (4.21–5.00) … 1 น้อยที่สุด (1.00–1.80)' }),
  })
  .openapi('SurveySummary');

const ReportSchema = z
  .object({
    query: z.object({
      from: z.string().openapi({ format: 'date' }),
      to: z.string().openapi({ format: 'date' }),
      divisionId: z.number().int().nullable().optional(),
      serviceId: z.number().int().nullable().optional(),
    }),
    n: z.number().int().openapi({ description: 'Responses' }),
    overall: SummarySchema.openapi({ description: 'Pooled over every rating answer' }),
    groups: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        summary: SummarySchema,
        items: z.array(z.object({ key: z.string(), text: z.string(), summary: SummarySchema })),
      }),
    ),
    byDivision: z.array(
      z.object({ divisionId: z.number().int().nullable(), name: z.string(), n: z.number().int(), overall: SummarySchema }),
    ),
    byService: z.array(z.object({ serviceId: z.number().int().nullable(), name: z.string(), n: z.number().int(), overall: SummarySchema })),
    byChannel: z.array(z.object({ channel: z.enum(SURVEY_CHANNELS), n: z.number().int() })),
    trend: z.array(z.object({ month: z.string().openapi({ example: '2024-01' }), n: z.number().int(), overall: SummarySchema })),
    demographics: z.array(z.object({ key: z.string(), counts: z.array(z.object({ option: z.string(), n: z.number().int() })) })),
  })
  .openapi('SurveyReport');

const reportRoute = createRoute({
  method: 'get',
  path: '/surveys/report',
  operationId: 'surveys.report',
  tags: ['surveys'],
  summary:
    'Satisfaction report of a range of Bangkok days: n, mean, S.D., percent and level per item, group and overall; per division, service and channel; six-month trend; demographics (executives, division heads, ITA coordinator, admin)',
  security,
  request: {
    query: z.object({
      from: z.string().openapi({ description: 'First day YYYY-MM-DD (inclusive)', example: '2024-01-01' }),
      to: z.string().openapi({ description: `Last day YYYY-MM-DD (inclusive; at most ${MAX_REPORT_DAYS} days)`, example: '2024-01-31' }),
      division: Id.optional().openapi({ description: 'Only this division' }),
      service: Id.optional().openapi({ description: 'Only this queue service' }),
    }),
  },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: ReportSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such division or service in this organization', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

const SuggestionSchema = z
  .object({
    id: z.number().int(),
    responseId: z.number().int(),
    divisionId: z.number().int().nullable(),
    divisionName: z.string().nullable(),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    text: z.string(),
    tag: z.enum(SUGGESTION_TAGS).nullable(),
    executiveResponse: z.string().nullable(),
    actionTaken: z.string().nullable(),
    respondedBy: z.number().int().nullable(),
    respondedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('SurveySuggestion');

const respondRoute = createRoute({
  method: 'post',
  path: '/surveys/suggestions/{id}/response',
  operationId: 'surveys.respondToSuggestion',
  tags: ['surveys'],
  summary: 'Record the executive’s response to a suggestion and the action taken (a later one replaces it; audited)',
  security,
  request: {
    params: z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 7 }) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            executiveResponse: z.string().max(MAX_RESPONSE_LENGTH).openapi({ example: 'รับทราบ ให้กองช่างจัดที่จอดรถเพิ่ม' }),
            actionTaken: z.string().max(MAX_RESPONSE_LENGTH).nullable().optional().openapi({ example: 'ตีเส้นที่จอดรถเพิ่ม 12 ช่อง' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The suggestion with its response', content: { 'application/json': { schema: SuggestionSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such suggestion in this organization', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function reportApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(reportRoute, async (c) => {
    const q = c.req.valid('query');
    const report = await surveyReport(serviceContext(c), {
      from: q.from,
      to: q.to,
      divisionId: q.division ?? null,
      serviceId: q.service ?? null,
    });
    return c.json(report, 200);
  });
  app.openapi(respondRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const s = await respondToSuggestion(serviceContext(c), id, body);
    return c.json({ ...s, submittedAt: s.submittedAt.toISOString(), respondedAt: s.respondedAt ? s.respondedAt.toISOString() : null }, 200);
  });
}
