import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { currentForm } from './forms.js';
import { MAX_CLIENT_KEY, MAX_PAPER_REF, MAX_SUGGESTION, submitResponse } from './responses.js';
import { SURVEY_CHANNELS } from './schema.js';

const Id = z.number().int().positive().max(MAX_ROW_ID);

const TextSchema = z
  .object({ th: z.string(), en: z.string().optional(), ms: z.string().optional() })
  .openapi('SurveyText', { description: 'A text in Thai, with English and Patani Malay when given (else use the Thai)' });

const FormSchema = z
  .object({
    id: z.number().int().openapi({ description: 'The form version id (answers keep it)' }),
    version: z.number().int().openapi({ example: 1 }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    definition: z.object({
      title: TextSchema,
      intro: TextSchema.optional(),
      groups: z.array(
        z.object({
          key: z.string().openapi({ example: 'process' }),
          title: TextSchema,
          items: z.array(z.object({ key: z.string().openapi({ example: 'steps' }), text: TextSchema })),
        }),
      ),
      demographics: z.array(
        z.object({
          key: z.string().openapi({ example: 'age' }),
          title: TextSchema,
          options: z.array(z.object({ key: z.string(), text: TextSchema })),
        }),
      ),
      suggestion: z.boolean(),
    }),
    levels: z
      .array(z.object({ value: z.number().int(), th: z.string(), en: z.string() }))
      .openapi({ description: 'The five rating levels, 5 (มากที่สุด) to 1 (น้อยที่สุด)' }),
  })
  .openapi('SurveyForm');

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const getFormRoute = createRoute({
  method: 'get',
  path: '/surveys/form',
  operationId: 'surveys.getForm',
  tags: ['surveys'],
  summary: 'The satisfaction form citizens answer now: its questions in groups, the general questions, the levels (public)',
  security: [],
  responses: { 200: { description: 'The current form', content: { 'application/json': { schema: FormSchema } } } },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/surveys/responses',
  operationId: 'surveys.submitResponse',
  tags: ['surveys'],
  summary:
    'Answer the satisfaction form (public; ticket: once per served queue ticket; public and tablet: rate-limited; paper: staff typing in a paper form). Idempotent by clientKey',
  security: [],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            channel: z.enum(SURVEY_CHANNELS).openapi({ example: 'public' }),
            ratings: z.record(z.string(), z.unknown()).openapi({
              description: 'Every rating question of the current form by key: an integer 1–5',
              example: { steps: 5, overall: 4 },
            }),
            demographics: z
              .record(z.string(), z.string())
              .optional()
              .openapi({ example: { age: 'a40_49' } }),
            suggestion: z
              .string()
              .max(MAX_SUGGESTION * 2)
              .nullable()
              .optional(),
            divisionId: Id.nullable().optional(),
            serviceId: Id.nullable()
              .optional()
              .openapi({ description: 'The queue service; its division is used when divisionId is missing' }),
            ticketToken: z.string().max(100).nullable().optional().openapi({ description: "channel 'ticket': the ticket's public token" }),
            clientKey: z
              .string()
              .max(MAX_CLIENT_KEY)
              .nullable()
              .optional()
              .openapi({ description: 'One per form shown: the same key again returns the first response' }),
            locale: z.enum(['th', 'en', 'ms']).optional(),
            paperRef: z
              .string()
              .max(MAX_PAPER_REF * 2)
              .nullable()
              .optional(),
            submittedOn: z.string().nullable().optional().openapi({ format: 'date', description: "channel 'paper': the date on the form" }),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Stored (or the response stored before under the same clientKey)',
      content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: err('No such queue ticket in this organization'),
    409: err('The ticket was already answered, or has not been served yet'),
    422: errorResponses[422],
    429: err('Too many answers from this address'),
  },
});

export function collectApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(getFormRoute, async (c) => {
    const ctx = { ...serviceContext(c), actor: null };
    const form = await currentForm(ctx);
    const { catalogs } = c.get('app');
    const level = (locale: 'th' | 'en' | 'ms', value: number) =>
      catalogs[locale].get(`surveys.levels.${value}`) ?? catalogs.th.get(`surveys.levels.${value}`) ?? String(value);
    const levels = [5, 4, 3, 2, 1].map((value) => ({ value, th: level('th', value), en: level('en', value), ms: level('ms', value) }));
    return c.json(
      { id: form.id, version: form.version, createdAt: form.createdAt.toISOString(), definition: form.definition, levels },
      200,
    );
  });

  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid('json');
    const ctx = serviceContext(c);
    // Only paper entry is done as the signed-in person; the rest are answers of the public.
    const r = await submitResponse(body.channel === 'paper' ? ctx : { ...ctx, actor: null }, {
      ...body,
      ratings: body.ratings as Record<string, number>,
    });
    return c.json({ id: r.id }, 201);
  });
}
