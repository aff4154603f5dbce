import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { boardApi } from './board-api.js';
import { CHANNELS, TICKET_STATUSES } from './schema.js';
import {
  callNext,
  callTicket,
  finish,
  getTicketByToken,
  issueTicket,
  listPriorityGroups,
  listServices,
  MAX_IDEMPOTENCY_KEY,
  MAX_REASON,
  noShow,
  type PublicTicket,
  pauseCounter,
  recall,
  resumeCounter,
  startServing,
  type Ticket,
  transfer,
} from './service.js';
import { statsApi } from './stats-api.js';

const Id = z.coerce.number().int().positive().max(MAX_ROW_ID);

const ServiceSchema = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ example: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ' }),
    nameEn: z.string().nullable(),
    prefix: z.string().openapi({ example: 'A' }),
    avgServiceMinutes: z.number().int(),
    openNow: z.boolean(),
    hoursToday: z.string().nullable().openapi({ example: '08:30–16:30' }),
    waiting: z.number().int().openapi({ description: 'Tickets waiting now' }),
  })
  .openapi('QueueService');

const PriorityGroupSchema = z
  .object({ id: z.number().int(), name: z.string().openapi({ example: 'ผู้สูงอายุ' }), nameEn: z.string().nullable() })
  .openapi('QueuePriorityGroup');

const TicketStatusSchema = z
  .object({
    label: z.string().openapi({ example: 'A012' }),
    status: z.enum(TICKET_STATUSES),
    serviceName: z.string(),
    serviceNameEn: z.string().nullable(),
    counterNumber: z.number().int().nullable().openapi({ description: 'The counter it is called to, while called or being served' }),
    callCount: z.number().int().openapi({ description: 'Times called; a recall adds one' }),
    issuedAt: z.string().openapi({ format: 'date-time' }),
    day: z.string().openapi({ format: 'date', description: 'The Bangkok day of issue' }),
    waitingAhead: z.number().int(),
    estimateMinutes: z.number().int(),
  })
  .openapi('QueueTicketStatus');

const IssuedSchema = z
  .object({
    ticketId: z.number().int(),
    token: z.string().openapi({ description: 'For the public status page (GET /api/queue/status/{token})' }),
    created: z.boolean().openapi({ description: 'False when the idempotency key had been used: the ticket of the first press' }),
    ticket: TicketStatusSchema,
  })
  .openapi('QueueIssuedTicket');

const TicketSchema = z
  .object({
    id: z.number().int(),
    label: z.string().openapi({ example: 'A012' }),
    serviceId: z.number().int(),
    priorityGroupId: z.number().int().nullable(),
    status: z.enum(TICKET_STATUSES),
    counterId: z.number().int().nullable(),
    channel: z.enum(CHANNELS),
    issuedAt: z.string().openapi({ format: 'date-time' }),
    calledAt: z.string().nullable().openapi({ format: 'date-time' }),
    servingAt: z.string().nullable().openapi({ format: 'date-time' }),
    finishedAt: z.string().nullable().openapi({ format: 'date-time' }),
    callCount: z.number().int(),
  })
  .openapi('QueueTicket');

const CounterSchema = z
  .object({ id: z.number().int(), number: z.number().int(), name: z.string(), paused: z.boolean(), pausedReason: z.string().nullable() })
  .openapi('QueueCounter');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The only places that shape queue records as JSON. */
function presentStatus(p: PublicTicket): z.infer<typeof TicketStatusSchema> {
  return { ...p, issuedAt: p.issuedAt.toISOString() };
}
function presentTicket(t: Ticket): z.infer<typeof TicketSchema> {
  return {
    id: t.id,
    label: t.label,
    serviceId: t.serviceId,
    priorityGroupId: t.priorityGroupId,
    status: t.status,
    counterId: t.counterId,
    channel: t.channel,
    issuedAt: t.issuedAt.toISOString(),
    calledAt: iso(t.calledAt),
    servingAt: iso(t.servingAt),
    finishedAt: iso(t.finishedAt),
    callCount: t.callCount,
  };
}

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const TicketParam = z.object({ ticketId: Id.openapi({ param: { name: 'ticketId', in: 'path' }, example: 12 }) });
const CounterParam = z.object({ counterId: Id.openapi({ param: { name: 'counterId', in: 'path' }, example: 2 }) });
const ticketResponses = {
  200: { description: 'The ticket after the change', content: { 'application/json': { schema: TicketSchema } } },
  401: errorResponses[401],
  403: errorResponses[403],
  404: err('No such ticket in this organization'),
  409: err('The ticket is not in a state that allows this (nothing was changed)'),
  422: errorResponses[422],
};

const listServicesRoute = createRoute({
  method: 'get',
  path: '/queue/services',
  operationId: 'queue.listServices',
  tags: ['queue'],
  summary: 'Services taking queue tickets, whether each is open now, how many wait; and the priority groups (public)',
  security: [],
  responses: {
    200: {
      description: 'Services and priority groups',
      content: {
        'application/json': { schema: z.object({ services: z.array(ServiceSchema), priorityGroups: z.array(PriorityGroupSchema) }) },
      },
    },
  },
});

const issueRoute = createRoute({
  method: 'post',
  path: '/queue/tickets',
  operationId: 'queue.issueTicket',
  tags: ['queue'],
  summary: 'Take a queue number (kiosk and online: public, rate-limited; front_desk: staff). Idempotent by idempotencyKey',
  security: [],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            serviceId: Id.openapi({ example: 1 }),
            priorityGroupId: Id.nullable().optional(),
            channel: z.enum(CHANNELS).default('kiosk'),
            idempotencyKey: z
              .string()
              .min(1)
              .max(MAX_IDEMPOTENCY_KEY)
              .optional()
              .openapi({ description: 'One per press: the same key again returns the same ticket', example: 'kiosk1-5f0c2b' }),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'A new ticket', content: { 'application/json': { schema: IssuedSchema } } },
    200: { description: 'The ticket already issued for this idempotency key', content: { 'application/json': { schema: IssuedSchema } } },
    403: errorResponses[403],
    404: err('No such service or priority group'),
    409: err('The service is closed or outside its hours'),
    422: errorResponses[422],
    429: err('Too many requests from this address'),
  },
});

const getTicketRoute = createRoute({
  method: 'get',
  path: '/queue/status/{token}',
  operationId: 'queue.getTicket',
  tags: ['queue'],
  summary:
    'The live status of a ticket by the token on its QR code: position, estimated wait, called to which counter (public, no personal data)',
  security: [],
  request: {
    params: z.object({
      token: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'token', in: 'path' }, example: 'q1Yx0sV3n9bC2kLw7aPz' }),
    }),
  },
  responses: {
    200: { description: 'The ticket’s status', content: { 'application/json': { schema: TicketStatusSchema } } },
    404: err('No such ticket'),
  },
});

const callNextRoute = createRoute({
  method: 'post',
  path: '/queue/counters/{counterId}/call-next',
  operationId: 'queue.callNext',
  tags: ['queue'],
  summary: 'Call the next ticket to a counter (priority groups with their fairness ratio; oldest first)',
  security,
  request: { params: CounterParam },
  responses: {
    200: { description: 'The ticket called', content: { 'application/json': { schema: TicketSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: err('No such counter'),
    409: err('The counter is busy with a ticket or paused, or nothing waits (nothing was changed)'),
    422: errorResponses[422],
  },
});

function ticketRoute({ path, operationId, summary }: { path: string; operationId: string; summary: string }) {
  return createRoute({
    method: 'post',
    path: `/queue/tickets/{ticketId}/${path}`,
    operationId,
    tags: ['queue'],
    summary,
    security,
    request: { params: TicketParam },
    responses: ticketResponses,
  });
}

const recallRoute = createRoute({
  method: 'post',
  path: '/queue/tickets/{ticketId}/recall',
  operationId: 'queue.recall',
  tags: ['queue'],
  summary: 'Call a called ticket again (not within 10 seconds of its last call)',
  security,
  request: { params: TicketParam },
  responses: { ...ticketResponses, 429: err('Called less than 10 seconds ago') },
});
const startRoute = ticketRoute({ path: 'serving', operationId: 'queue.startServing', summary: 'Start serving a called ticket' });
const finishRoute = ticketRoute({ path: 'finish', operationId: 'queue.finish', summary: 'Finish serving a ticket' });
const noShowRoute = ticketRoute({ path: 'no-show', operationId: 'queue.noShow', summary: 'Record that a called ticket did not come' });

const transferRoute = createRoute({
  method: 'post',
  path: '/queue/tickets/{ticketId}/transfer',
  operationId: 'queue.transfer',
  tags: ['queue'],
  summary:
    'Transfer a ticket to another service, or to one counter (only that counter calls it then); it keeps its number and its place by time of issue',
  security,
  request: {
    params: TicketParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              serviceId: Id.optional().openapi({ example: 3, description: 'The service to send it to' }),
              counterId: Id.optional().openapi({ description: 'Or the counter to send it to' }),
              reason: z.string().max(MAX_REASON).optional(),
            })
            .openapi({ description: 'serviceId or counterId' }),
        },
      },
    },
  },
  responses: ticketResponses,
});

const callTicketRoute = createRoute({
  method: 'post',
  path: '/queue/counters/{counterId}/call-ticket',
  operationId: 'queue.callTicket',
  tags: ['queue'],
  summary: 'Call one waiting ticket out of its turn, with the reason (kept on the call’s record)',
  security,
  request: {
    params: CounterParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            ticketId: Id,
            reason: z.string().max(MAX_REASON).openapi({ example: 'มาตามเรียกหลังถูกบันทึกว่าไม่มา' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The ticket called', content: { 'application/json': { schema: TicketSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: err('No such counter or ticket'),
    409: err('The counter is busy or paused, the ticket does not wait, or it was sent to another counter (nothing was changed)'),
    422: errorResponses[422],
  },
});

const pauseRoute = createRoute({
  method: 'post',
  path: '/queue/counters/{counterId}/pause',
  operationId: 'queue.pauseCounter',
  tags: ['queue'],
  summary: 'Pause a counter with a reason (paused: true), or resume it (paused: false)',
  security,
  request: {
    params: CounterParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            paused: z.boolean(),
            reason: z.string().max(MAX_REASON).optional().openapi({ description: 'Required when pausing', example: 'พักกลางวัน' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The counter', content: { 'application/json': { schema: CounterSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: err('No such counter'),
    409: err('Already paused, or already open'),
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  boardApi(app);
  statsApi(app);
  app.openapi(listServicesRoute, async (c) => {
    const ctx = serviceContext(c);
    const [services, groups] = await Promise.all([listServices(ctx), listPriorityGroups(ctx)]);
    return c.json(
      {
        services: services.map((s) => ({
          id: s.service.id,
          name: s.service.name,
          nameEn: s.service.nameEn,
          prefix: s.service.prefix,
          avgServiceMinutes: s.service.avgServiceMinutes,
          openNow: s.openNow,
          hoursToday: s.hoursToday,
          waiting: s.waiting,
        })),
        priorityGroups: groups.map((g) => ({ id: g.id, name: g.name, nameEn: g.nameEn })),
      },
      200,
    );
  });

  app.openapi(issueRoute, async (c) => {
    const body = c.req.valid('json');
    const r = await issueTicket(serviceContext(c), body);
    return c.json(
      { ticketId: r.ticket.id, token: r.ticket.publicToken, created: r.created, ticket: presentStatus(r.status) },
      r.created ? 201 : 200,
    );
  });

  app.openapi(getTicketRoute, async (c) => {
    const { token } = c.req.valid('param');
    return c.json(presentStatus(await getTicketByToken(serviceContext(c), token)), 200);
  });

  app.openapi(callNextRoute, async (c) => {
    const { counterId } = c.req.valid('param');
    return c.json(presentTicket(await callNext(serviceContext(c), counterId)), 200);
  });

  const ticketOps = [
    [recallRoute, recall],
    [startRoute, startServing],
    [finishRoute, finish],
    [noShowRoute, noShow],
  ] as const;
  for (const [route, op] of ticketOps) {
    app.openapi(route, async (c) => {
      const { ticketId } = c.req.valid('param');
      return c.json(presentTicket(await op(serviceContext(c), ticketId)), 200);
    });
  }

  app.openapi(callTicketRoute, async (c) => {
    const { counterId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(presentTicket(await callTicket(serviceContext(c), counterId, body.ticketId, body.reason)), 200);
  });

  app.openapi(transferRoute, async (c) => {
    const { ticketId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(presentTicket(await transfer(serviceContext(c), ticketId, body)), 200);
  });

  app.openapi(pauseRoute, async (c) => {
    const { counterId } = c.req.valid('param');
    const body = c.req.valid('json');
    const ctx = serviceContext(c);
    const counter = body.paused ? await pauseCounter(ctx, counterId, body.reason ?? '') : await resumeCounter(ctx, counterId);
    return c.json(
      { id: counter.id, number: counter.number, name: counter.name, paused: counter.paused, pausedReason: counter.pausedReason },
      200,
    );
  });
}
