import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from './schema.js';
import { ANSWER_MAX, answerSuggestion, formatTrackingCode, submitSuggestion, TEXT_MAX, TEXT_MIN } from './service.js';

const SubmitBody = z
  .object({
    category: z.enum(SUGGESTION_CATEGORIES),
    text: z
      .string()
      .min(1)
      .max(TEXT_MAX)
      .openapi({ description: `The suggestion, ${TEXT_MIN}–${TEXT_MAX} characters` }),
  })
  .openapi('StaffSuggestionSubmit');

const SubmitResponse = z
  .object({
    trackingCode: z.string().openapi({
      example: 'ABCDE-FGH23',
      description: 'Shown this once: only its keyed hash is stored; nothing of the author is stored at all',
    }),
  })
  .openapi('StaffSuggestionReceipt');

const AnswerBody = z
  .object({
    action: z.enum(['answer', 'close']).openapi({ description: 'answer: visible to all staff; close: no answer needed, with the reason' }),
    text: z.string().min(1).max(ANSWER_MAX),
  })
  .openapi('StaffSuggestionAnswer');

const SuggestionSchema = z
  .object({
    id: z.number().int(),
    category: z.enum(SUGGESTION_CATEGORIES),
    text: z.string(),
    status: z.enum(SUGGESTION_STATUSES),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable().openapi({ format: 'date-time' }),
    answeredByName: z.string().nullable().openapi({ description: 'The executive who answered' }),
    receivedOn: z.string().openapi({ format: 'date-time', description: 'Midnight (Bangkok) of the day received: no finer time is kept' }),
  })
  .openapi('StaffSuggestion');

const submitRoute = createRoute({
  method: 'post',
  path: '/suggestions',
  operationId: 'suggestions.submit',
  tags: ['suggestions'],
  summary:
    'A staff member’s anonymous suggestion: nothing of the author is stored (no user, no address in the row or the audit entry; the day only). Returns the tracking code once. A few per person per day',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: SubmitBody } } } },
  responses: {
    201: { description: 'Received', content: { 'application/json': { schema: SubmitResponse } } },
    401: errorResponses[401],
    422: errorResponses[422],
    429: { description: 'The day’s limit was reached', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const answerRoute = createRoute({
  method: 'post',
  path: '/suggestions/{id}/answer',
  operationId: 'suggestions.answer',
  tags: ['suggestions'],
  summary: 'An executive (or the administrator) answers a suggestion — visible to all staff — or closes it with a reason',
  security,
  request: { params: idPathParams(1), body: { required: true, content: { 'application/json': { schema: AnswerBody } } } },
  responses: {
    200: { description: 'Answered or closed', content: { 'application/json': { schema: SuggestionSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such suggestion', content: { 'application/json': { schema: ErrorSchema } } },
    409: { description: 'Answered or closed by someone else meanwhile', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(submitRoute, async (c) => {
    const r = await submitSuggestion(serviceContext(c), c.req.valid('json'));
    return c.json({ trackingCode: formatTrackingCode(r.trackingCode) }, 201);
  });

  app.openapi(answerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const s = await answerSuggestion(serviceContext(c), id, c.req.valid('json'));
    return c.json({ ...s, answeredAt: s.answeredAt?.toISOString() ?? null, receivedOn: s.receivedOn.toISOString() }, 200);
  });
}
