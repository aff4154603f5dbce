import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams, RowId, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { updateCase } from './cases.js';
import { complaintsPolicy } from './policy.js';
import { MESSAGE_MAX } from './rules.js';
import { COMPLAINT_STATUSES } from './schema.js';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const updateRoute = createRoute({
  method: 'patch',
  path: '/complaints/cases/{id}',
  operationId: 'complaints.update',
  tags: ['complaints'],
  summary:
    'Complaint officers: change the status (per the allowed next statuses; a reason the reporter reads is required to close or reopen), write to the reporter, add an internal note, assign or unassign, set the staff the complaint is about — any of these at once, all or nothing. A case the officer may not read (another organization, or one about them) is 404.',
  security,
  request: {
    params: idPathParams(12),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              status: z.enum(COMPLAINT_STATUSES).optional().openapi({ example: 'investigating' }),
              expectedStatus: z
                .enum(COMPLAINT_STATUSES)
                .optional()
                .openapi({ description: 'The status the caller last saw: 409 when the case moved on meanwhile' }),
              reason: z
                .string()
                .max(MESSAGE_MAX * 2)
                .nullable()
                .optional()
                .openapi({ description: 'With status: the reason the reporter reads' }),
              message: z
                .string()
                .max(MESSAGE_MAX * 2)
                .nullable()
                .optional()
                .openapi({ description: 'A message to the reporter' }),
              note: z
                .string()
                .max(MESSAGE_MAX * 2)
                .nullable()
                .optional()
                .openapi({ description: 'An internal note (officers only; never shown to the reporter)' }),
              assignedUserId: RowId.nullable().optional().openapi({ description: 'A complaint officer’s user id; null unassigns' }),
              concernsUserIds: z
                .array(RowId)
                .max(200)
                .optional()
                .openapi({ description: 'Staff (user ids) the complaint is about: they never see it and cannot be assigned it' }),
            })
            .openapi('ComplaintUpdate'),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Updated',
      content: {
        'application/json': { schema: z.object({ id: z.number().int(), status: z.enum(COMPLAINT_STATUSES) }).openapi('ComplaintUpdated') },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: err('No such complaint this officer may read'),
    409: err('The status changed meanwhile (expectedStatus)'),
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(updateRoute, async (c) => {
    const ctx = allowedContext(c, complaintsPolicy.handle);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const r = await updateCase(ctx, id, body);
    c.header('Cache-Control', 'no-store');
    return c.json({ id, status: r.status }, 200);
  });
}
