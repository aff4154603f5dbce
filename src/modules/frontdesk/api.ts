import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { PURPOSES } from './purposes.js';
import { frontdeskReport } from './report.js';
import { HELP_KINDS, VISIT_CHANNELS, VISIT_KINDS, VISIT_OUTCOMES } from './schema.js';
import { logVisit, MAX_NAME, MAX_NOTE, type Visit } from './service.js';

const Id = z.number().int().positive().max(MAX_ROW_ID);
const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const VisitSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(VISIT_KINDS),
    visitedAt: z.string().openapi({ format: 'date-time' }),
    purpose: z.string().openapi({ example: 'tax' }),
    serviceId: z.number().int().nullable(),
    channel: z.enum(VISIT_CHANNELS),
    help: z.array(z.enum(HELP_KINDS)),
    routedDivisionId: z.number().int().nullable(),
    ticketId: z.number().int().nullable(),
    outcome: z.enum(VISIT_OUTCOMES),
    note: z.string().nullable(),
    hasPersonalData: z.boolean().openapi({ description: 'A name or phone is kept (until the retention period ends)' }),
    personalErasedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('FrontdeskVisit');

/** The API never returns a visitor's name or phone: only whether one is kept. */
const visitJson = (v: Visit) => ({
  id: v.id,
  kind: v.kind,
  visitedAt: v.visitedAt.toISOString(),
  purpose: v.purpose,
  serviceId: v.serviceId,
  channel: v.channel,
  help: v.help,
  routedDivisionId: v.routedDivisionId,
  ticketId: v.ticketId,
  outcome: v.outcome,
  note: v.note,
  hasPersonalData: !!(v.visitorName || v.visitorPhone),
  personalErasedAt: v.personalErasedAt?.toISOString() ?? null,
});

const logVisitRoute = createRoute({
  method: 'post',
  path: '/frontdesk/visits',
  operationId: 'frontdesk.logVisit',
  tags: ['frontdesk'],
  summary:
    'Log a visitor at the first-contact point (or service out of hours): purpose, channel, help given, where sent; optionally issue a queue ticket (channel front_desk) in the same step (front desk, staff, admin)',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            kind: z
              .string()
              .optional()
              .openapi({ description: `One of ${VISIT_KINDS.join(', ')}; default visit`, example: 'visit' }),
            visitedAt: z.coerce.date().optional().openapi({ description: 'Default: now; not in the future', format: 'date-time' }),
            purpose: z
              .string()
              .max(50)
              .openapi({ description: `One of ${PURPOSES.join(', ')}`, example: 'tax' }),
            serviceId: Id.nullable().optional().openapi({ description: 'The queue service concerned' }),
            channel: z
              .string()
              .max(20)
              .openapi({ description: `One of ${VISIT_CHANNELS.join(', ')}`, example: 'walk_in' }),
            help: z
              .array(z.string().max(30))
              .max(HELP_KINDS.length)
              .default([])
              .openapi({ description: `Any of ${HELP_KINDS.join(', ')}`, example: ['advice'] }),
            routedDivisionId: Id.nullable().optional(),
            outcome: z
              .string()
              .max(20)
              .default('resolved')
              .openapi({ description: `One of ${VISIT_OUTCOMES.join(', ')}; 'queued' when issueTicket is given`, example: 'resolved' }),
            note: z.string().max(MAX_NOTE).nullable().optional(),
            visitorName: z
              .string()
              .max(MAX_NAME)
              .nullable()
              .optional()
              .openapi({ description: 'Optional; erased after the retention days' }),
            visitorPhone: z
              .string()
              .max(30)
              .nullable()
              .optional()
              .openapi({ description: 'Optional Thai mobile or landline number; erased after the retention days', example: '0812345678' }),
            issueTicket: z.object({ serviceId: Id, priorityGroupId: Id.nullable().optional() }).nullable().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The visit, and the ticket issued for it',
      content: {
        'application/json': {
          schema: z.object({
            visit: VisitSchema,
            ticket: z.object({ token: z.string(), label: z.string().openapi({ example: 'A012' }), printUrl: z.string() }).nullable(),
          }),
        },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: err('No such queue service or priority group'),
    409: err('The queue service is closed, outside its hours or on a holiday'),
    422: errorResponses[422],
  },
});

const CountSchema = <T extends z.ZodTypeAny>(key: string, value: T) => z.array(z.object({ [key]: value, n: z.number().int() }));

const reportRoute = createRoute({
  method: 'get',
  path: '/frontdesk/report',
  operationId: 'frontdesk.report',
  tags: ['frontdesk'],
  summary:
    'The first-contact point report of a range of Bangkok days: visitors by purpose, channel, help, outcome, division sent to and per day; out-of-hours service; screening notes. No visitor names or phones (front desk, staff, admin, executives, division heads, ITA coordinator)',
  security,
  request: {
    query: z.object({
      from: z.string().openapi({ description: 'First Bangkok day YYYY-MM-DD (inclusive)', example: '2024-01-01' }),
      to: z.string().openapi({ description: 'Last Bangkok day YYYY-MM-DD (inclusive)', example: '2024-01-31' }),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': {
          schema: z
            .object({
              from: z.string(),
              to: z.string(),
              total: z.number().int(),
              byKind: z.object({ visit: z.number().int(), out_of_hours: z.number().int() }),
              ticketsIssued: z.number().int(),
              byPurpose: CountSchema('purpose', z.string()),
              byChannel: CountSchema('channel', z.enum(VISIT_CHANNELS)),
              byHelp: CountSchema('help', z.enum(HELP_KINDS)),
              byOutcome: CountSchema('outcome', z.enum(VISIT_OUTCOMES)),
              byDivision: z.array(z.object({ divisionId: z.number().int(), name: z.string(), n: z.number().int() })),
              byDay: z.array(z.object({ day: z.string(), visits: z.number().int(), outOfHours: z.number().int() })),
              outOfHours: z.array(VisitSchema),
              screening: z.array(z.object({ day: z.string(), screened: z.number().int(), note: z.string() })),
              screenedTotal: z.number().int(),
            })
            .openapi('FrontdeskReport'),
        },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(logVisitRoute, async (c) => {
    const body = c.req.valid('json');
    const { visit, ticket } = await logVisit(serviceContext(c), {
      ...body,
      kind: body.kind as never,
      channel: body.channel as never,
      help: body.help as never,
      outcome: body.outcome as never,
    });
    return c.json(
      {
        visit: visitJson(visit),
        ticket: ticket ? { ...ticket, printUrl: `/queue/ticket/${ticket.token}/print?print=1&from=frontdesk&paper=80` } : null,
      },
      201,
    );
  });

  app.openapi(reportRoute, async (c) => {
    const q = c.req.valid('query');
    const r = await frontdeskReport(serviceContext(c), q);
    return c.json(
      {
        ...r,
        outOfHours: r.outOfHours.map(visitJson),
        screening: r.screening.map((s) => ({ day: s.day, screened: s.screened, note: s.note })),
      },
      200,
    );
  });
}
