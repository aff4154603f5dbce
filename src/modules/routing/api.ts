import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { DECISIONS, decide, listInbox, MAX_COMMENT, type RoutingCase, type RoutingStep, submitForRouting } from './service.js';

const StepSchema = z
  .object({
    id: z.number().int(),
    seq: z.number().int().openapi({ description: 'Order along the route; steps sharing a seq form a parallel group' }),
    heading: z.string().openapi({ example: 'ความเห็นปลัดองค์การบริหารส่วนตำบลลูโบะปือซา' }),
    assigneeName: z.string().openapi({ example: 'นางสาวฟาตีเมาะ ชะรีแลม' }),
    assigneePositions: z
      .array(z.string())
      .openapi({ example: ['รองปลัดองค์การบริหารส่วนตำบลลูโบะปือซา', 'รักษาการแทนปลัดองค์การบริหารส่วนตำบลลูโบะปือซา'] }),
    acting: z.boolean(),
    status: z.enum(['waiting', 'active', 'signed', 'returned', 'cancelled']),
    decision: z.string().nullable(),
    comment: z.string().nullable(),
    signatureName: z.string().nullable(),
    signedAt: z.string().nullable().openapi({ format: 'date-time' }),
    activatedAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('RoutingStep');

const CaseSchema = z
  .object({
    id: z.number().int(),
    entity: z.string().openapi({ example: 'measures.report' }),
    entityId: z.string(),
    title: z.string(),
    href: z.string().openapi({ description: 'Where the rendered document is read (a path on this site)' }),
    status: z.enum(['in_progress', 'returned', 'completed', 'withdrawn']),
    submittedAt: z.string().openapi({ format: 'date-time' }),
    completedAt: z.string().nullable().openapi({ format: 'date-time' }),
    returnReason: z.string().nullable(),
  })
  .openapi('RoutingCase');

const InboxSchema = z
  .object({
    waiting: z.array(z.object({ case: CaseSchema, step: StepSchema, daysWaiting: z.number().int() })),
    sent: z.array(z.object({ case: CaseSchema, current: z.array(StepSchema) })),
    done: z.array(CaseSchema),
  })
  .openapi('RoutingInbox');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The only places that shape routing records as JSON. */
function presentCase(c: RoutingCase): z.infer<typeof CaseSchema> {
  return {
    id: c.id,
    entity: c.entity,
    entityId: c.entityId,
    title: c.title,
    href: c.href,
    status: c.status,
    submittedAt: c.submittedAt.toISOString(),
    completedAt: iso(c.completedAt),
    returnReason: c.returnReason,
  };
}
function presentStep(s: RoutingStep): z.infer<typeof StepSchema> {
  return {
    id: s.id,
    seq: s.seq,
    heading: s.heading,
    assigneeName: s.assigneeName,
    assigneePositions: s.assigneePositions,
    acting: s.acting,
    status: s.status,
    decision: s.decision,
    comment: s.comment,
    signatureName: s.signatureName,
    signedAt: iso(s.signedAt),
    activatedAt: iso(s.activatedAt),
  };
}

const notFoundResponse = {
  description: 'No such document or step in this organization',
  content: { 'application/json': { schema: ErrorSchema } },
};
const conflictResponse = {
  description: 'Already in routing, or the step no longer waits',
  content: { 'application/json': { schema: ErrorSchema } },
};

const submitRoute = createRoute({
  method: 'post',
  path: '/routing/cases',
  operationId: 'routing.submit',
  tags: ['routing'],
  summary: 'Send a document up the organization’s chain of command for comments and signatures',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            entity: z.string().min(1).max(100).openapi({ example: 'measures.report' }),
            entityId: z.union([z.string().min(1).max(100), z.number().int().positive()]).openapi({ example: '12' }),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'The case, its first step active', content: { 'application/json': { schema: CaseSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    409: conflictResponse,
    422: errorResponses[422],
  },
});

const inboxRoute = createRoute({
  method: 'get',
  path: '/routing/inbox',
  operationId: 'routing.inbox',
  tags: ['routing'],
  summary: 'What waits for the signed-in person’s signature, what they sent, and what finished',
  security,
  responses: {
    200: { description: 'The inbox', content: { 'application/json': { schema: InboxSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/routing/steps/{stepId}/decision',
  operationId: 'routing.decide',
  tags: ['routing'],
  summary: 'Sign one’s active step with a typed-name signature, or return the document for revision with a reason',
  security,
  request: {
    params: z.object({
      stepId: z.coerce
        .number()
        .int()
        .positive()
        .max(MAX_ROW_ID)
        .openapi({ param: { name: 'stepId', in: 'path' }, example: 7 }),
    }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            decision: z.enum(DECISIONS).openapi({
              description: 'forward = เพื่อโปรดทราบ, acknowledge = ทราบ, approve = อนุมัติ, comment = free text, return = send back',
            }),
            comment: z.string().max(MAX_COMMENT).optional(),
            signatureName: z
              .string()
              .max(200)
              .openapi({ description: 'The signer’s full name, typed (compared ignoring spaces)', example: 'นายจิรเดช ชามาละ' }),
            reason: z.string().max(MAX_COMMENT).optional().openapi({ description: 'Required with decision return' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The case after the decision', content: { 'application/json': { schema: CaseSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    409: conflictResponse,
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(presentCase(await submitForRouting(serviceContext(c), body.entity, body.entityId)), 201);
  });

  app.openapi(inboxRoute, async (c) => {
    const inbox = await listInbox(serviceContext(c));
    return c.json(
      {
        waiting: inbox.waiting.map((w) => ({ case: presentCase(w.case), step: presentStep(w.step), daysWaiting: w.daysWaiting })),
        sent: inbox.sent.map((s) => ({ case: presentCase(s.case), current: s.current.map(presentStep) })),
        done: inbox.done.map(presentCase),
      },
      200,
    );
  });

  app.openapi(decideRoute, async (c) => {
    const { stepId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(presentCase(await decide(serviceContext(c), stepId, body)), 200);
  });
}
