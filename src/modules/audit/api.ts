import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { browseAudit } from './service.js';

const Entry = z
  .object({
    seq: z.number().int(),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.string(),
    action: z.string().openapi({ example: 'staff.createStaff' }),
    entity: z.string(),
    entityId: z.string().nullable(),
    summary: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');

const listRoute = createRoute({
  method: 'get',
  path: '/audit',
  operationId: 'audit.list',
  tags: ['audit'],
  summary: 'The organization’s audit log, newest first (keyset paging with `before`)',
  security,
  request: {
    query: z.object({
      action: z.string().max(100).optional(),
      q: z.string().max(100).optional(),
      before: z.coerce.number().int().positive().optional(),
    }),
  },
  responses: {
    200: {
      description: 'Entries',
      content: { 'application/json': { schema: z.object({ items: z.array(Entry), nextBefore: z.number().int().nullable() }) } },
    },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const { entries, nextBefore } = await browseAudit(serviceContext(c), q);
    return c.json(
      {
        items: entries.map((e) => ({
          seq: e.seq,
          at: e.at.toISOString(),
          actor: e.actorLabel,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          summary: e.summary,
          prevHash: e.prevHash,
          hash: e.hash,
        })),
        nextBefore,
      },
      200,
    );
  });
}
