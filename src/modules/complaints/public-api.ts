import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses } from '../../core/api/schemas.js';
import { holdUntil } from '../../core/http/anti-spam.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { IDENTITY_FIELD_MAX } from './identity.js';
import { submitComplaint } from './intake.js';
import { ATTACHMENT_BYTES_MAX, ATTACHMENTS_MAX, DESCRIPTION_MAX, DESCRIPTION_MIN, SHORT_TEXT_MAX, SUBJECT_MAX } from './rules.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintCategory } from './schema.js';
import { LOOKUP_FLOOR_MS, receiptFacts, trackComplaint } from './track.js';
import type { ComplaintSubmission, IncomingFile } from './types.js';

const IdentitySchema = z
  .object({
    name: z.string().max(IDENTITY_FIELD_MAX).optional(),
    phone: z.string().max(IDENTITY_FIELD_MAX).optional(),
    email: z.string().max(IDENTITY_FIELD_MAX).optional(),
    address: z.string().max(IDENTITY_FIELD_MAX).optional(),
  })
  .openapi('ComplaintReporterIdentity', {
    description: 'Optional. Sealed (AES-256-GCM) at rest; only the assigned officer can reveal it, and every reveal is audited.',
  });

const SubmissionSchema = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES),
    subject: z.string().openapi({ maxLength: SUBJECT_MAX }),
    description: z.string().openapi({ minLength: DESCRIPTION_MIN, maxLength: DESCRIPTION_MAX }),
    occurredWhen: z.string().nullable().optional().openapi({ maxLength: SHORT_TEXT_MAX }),
    place: z.string().nullable().optional().openapi({ maxLength: SHORT_TEXT_MAX }),
    involved: z.string().nullable().optional().openapi({ maxLength: SHORT_TEXT_MAX }),
    identity: IdentitySchema.nullable().optional(),
    mayContact: z.boolean().optional(),
  })
  .openapi('ComplaintSubmission');

const ReceiptSchema = z
  .object({
    receiptCode: z.string().openapi({
      example: '4821093377165502',
      description: 'Shown only this once: only its keyed hash is stored. The reporter follows the case with it.',
    }),
    receivedOn: z.string().openapi({ example: '2026-11-26', description: 'The day only (no time is kept)' }),
    ackDueOn: z.string().openapi({ example: '2026-12-03' }),
    category: z.enum(COMPLAINT_CATEGORIES),
  })
  .openapi('ComplaintReceipt');

const StatusSchema = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES),
    subject: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    receivedOn: z.string(),
    ackDueOn: z.string(),
    acknowledged: z.boolean(),
    attachments: z.number().int().openapi({ description: 'Files the reporter has sent' }),
    history: z.array(
      z.object({
        kind: z.enum(['status', 'message']),
        status: z.enum(COMPLAINT_STATUSES).nullable(),
        text: z.string().nullable().openapi({ description: 'The reason given with a status, or the message' }),
        fromReporter: z.boolean(),
        on: z.string().openapi({ description: 'The day (Bangkok)' }),
      }),
    ),
  })
  .openapi('ComplaintReporterStatus');

const submitRoute = createRoute({
  method: 'post',
  path: '/complaints',
  operationId: 'complaints.submit',
  tags: ['complaints'],
  summary:
    'File a corruption or misconduct complaint (public, no account; rate-limited per address). JSON without files, or (with a bearer token: ' +
    'anonymous API calls must be JSON) multipart ' +
    `(the same fields, identity as identity[name] etc., mayContact "true", and up to ${ATTACHMENTS_MAX} files "attachments": JPEG/PNG/WebP/PDF by content, ` +
    `at most ${ATTACHMENT_BYTES_MAX / 1024 / 1024} MB each; image metadata removed). Returns the receipt code once.`,
  security: [],
  request: {
    body: {
      content: {
        'application/json': { schema: SubmissionSchema },
        'multipart/form-data': {
          schema: z.object({
            category: z.enum(COMPLAINT_CATEGORIES),
            subject: z.string(),
            description: z.string(),
            occurredWhen: z.string().optional(),
            place: z.string().optional(),
            involved: z.string().optional(),
            'identity[name]': z.string().optional(),
            'identity[phone]': z.string().optional(),
            'identity[email]': z.string().optional(),
            'identity[address]': z.string().optional(),
            mayContact: z.enum(['true', 'false']).optional(),
            attachments: z.any().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Received', content: { 'application/json': { schema: ReceiptSchema } } },
    413: { description: 'Request too large', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
    429: { description: 'Too many submissions from this address', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const statusRoute = createRoute({
  method: 'post',
  path: '/complaints/status',
  operationId: 'complaints.status',
  tags: ['complaints'],
  summary:
    'A complaint as its reporter sees it, by receipt code (public; rate-limited per address). Unknown, malformed and other ' +
    "organizations' codes get the same 404 in the same time. Never internal notes or officers' names.",
  security: [],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ receiptCode: z.string().max(100).openapi({ example: '4821 0933 7716 5502' }) }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The status and history', content: { 'application/json': { schema: StatusSchema } } },
    404: {
      description: 'No complaint with this code (the same for every wrong code)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    422: errorResponses[422],
    429: { description: 'Too many look-ups from this address', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function publicApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(submitRoute, async (c) => {
    const ctx = { ...serviceContext(c), actor: null };
    const type = c.req.header('content-type') ?? '';
    let input: ComplaintSubmission;
    const files: IncomingFile[] = [];
    if (type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody({ all: true });
      const one = (k: string) => {
        const v = body[k];
        return text(Array.isArray(v) ? v[0] : v);
      };
      const identity = {
        name: one('identity[name]'),
        phone: one('identity[phone]'),
        email: one('identity[email]'),
        address: one('identity[address]'),
      };
      input = {
        category: (one('category') ?? '') as ComplaintCategory,
        subject: one('subject') ?? '',
        description: one('description') ?? '',
        occurredWhen: one('occurredWhen') ?? null,
        place: one('place') ?? null,
        involved: one('involved') ?? null,
        identity,
        mayContact: one('mayContact') === 'true',
      };
      const raw = body.attachments;
      for (const f of Array.isArray(raw) ? raw : raw ? [raw] : []) {
        if (f instanceof File) files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      }
    } else {
      input = c.req.valid('json') as ComplaintSubmission;
    }
    const out = await submitComplaint(ctx, input, files);
    const facts = await receiptFacts(ctx, out.id);
    c.header('Cache-Control', 'no-store');
    return c.json({ receiptCode: out.receiptCode, ...facts }, 201);
  });

  app.openapi(statusRoute, async (c) => {
    const startedAt = performance.now();
    const ctx = { ...serviceContext(c), actor: null };
    c.header('Cache-Control', 'no-store');
    try {
      const view = await trackComplaint(ctx, c.req.valid('json').receiptCode, { floorMs: 0 });
      if (!view) throw notFound();
      return c.json(view, 200);
    } finally {
      // The floor holds every answer (found, not found, refused) from the request's start.
      await holdUntil(startedAt, LOOKUP_FLOOR_MS);
    }
  });
}
