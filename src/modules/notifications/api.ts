import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { listInbox, MAX_ID, markRead, type Notification } from './service.js';

const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ example: 'measures.due' }),
    title: z.string().openapi({ example: 'มาตรการ "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" ครบกำหนดใน 7 วัน' }),
    body: z.string().nullable(),
    href: z.string().nullable().openapi({ description: 'A path on this site', example: '/staff/measures/12' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    readAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Notification');

const Id = z.coerce.number().int().positive().max(MAX_ID);

/** The only place that shapes a notification as JSON. */
function present(n: Notification): z.infer<typeof NotificationSchema> {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    href: n.href,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/notifications',
  operationId: 'notifications.list',
  tags: ['notifications'],
  summary: 'The signed-in person’s notifications, newest first (keyset paging with `before`)',
  security,
  request: {
    query: z.object({
      before: Id.optional().openapi({ description: 'Only notifications older than this id (the previous page’s nextBefore)' }),
      limit: z.coerce.number().int().min(1).max(100).optional().openapi({ example: 25 }),
    }),
  },
  responses: {
    200: {
      description: 'Notifications',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(NotificationSchema), nextBefore: z.number().int().nullable(), unread: z.number().int() }),
        },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

const markReadRoute = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  operationId: 'notifications.markRead',
  tags: ['notifications'],
  summary: 'Mark one of one’s own notifications read (marking it again keeps the first time)',
  security,
  request: { params: z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 42 }) }) },
  responses: {
    200: { description: 'The notification, read', content: { 'application/json': { schema: NotificationSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such notification of the signed-in person', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listInbox(serviceContext(c), { before: q.before, limit: q.limit });
    return c.json({ items: page.items.map(present), nextBefore: page.nextBefore, unread: page.unread }, 200);
  });

  app.openapi(markReadRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(present(await markRead(serviceContext(c), id)), 200);
  });
}
