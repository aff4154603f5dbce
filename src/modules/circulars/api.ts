import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { CIRCULAR_KINDS, CIRCULAR_STATUSES } from './schema.js';
import * as svc from './service.js';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const Day = z.string().max(20).openapi({ format: 'date', example: '2026-11-26' });

const CircularSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(CIRCULAR_KINDS).openapi({ description: 'announcement = ประกาศ, memo = หนังสือเวียน (บันทึกข้อความ, ว series)' }),
    title: z.string(),
    status: z.enum(CIRCULAR_STATUSES),
    dated: z.string().openapi({ format: 'date' }),
    currentVersion: z.number().int().openapi({ description: '0 while a draft' }),
    ackDueOn: z.string().nullable().openapi({ format: 'date' }),
    audience: z.object({ all: z.boolean(), divisionIds: z.array(z.number().int()) }),
    url: z.string().openapi({ example: '/staff/circulars/3' }),
  })
  .openapi('Circular');

const VersionSchema = z
  .object({
    circularId: z.number().int(),
    version: z.number().int(),
    title: z.string(),
    sha256: z.string().openapi({ description: 'SHA-256 of the PDF staff read (hex)' }),
    changeNote: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    pdfUrl: z.string(),
  })
  .openapi('CircularVersion');

const circularJson = (c: svc.Circular) => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  status: c.status,
  dated: c.dated,
  currentVersion: c.currentVersion,
  ackDueOn: c.ackDueOn,
  audience: c.audience,
  url: `/staff/circulars/${c.id}`,
});

const versionJson = (v: svc.CircularVersion) => ({
  circularId: v.circularId,
  version: v.version,
  title: v.title,
  sha256: v.sha256,
  changeNote: v.changeNote,
  createdAt: v.createdAt.toISOString(),
  pdfUrl: `/staff/circulars/${v.circularId}/versions/${v.version}.pdf`,
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/circulars',
  operationId: 'circulars.create',
  tags: ['circulars'],
  summary: 'Draft an announcement (ประกาศ) or a circular memo (หนังสือเวียน) to staff (administrator, ITA coordinator)',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            kind: z.enum(CIRCULAR_KINDS),
            title: z
              .string()
              .max(svc.TITLE_MAX * 2)
              .openapi({ example: 'มาตรการลงโทษทางวินัยกรณีเจ้าหน้าที่กระทำการทุจริต' }),
            body: z
              .string()
              .max(svc.BODY_MAX * 2)
              .openapi({ description: 'Paragraphs separated by a blank line' }),
            dated: Day,
            signerName: z.string().max(svc.NAME_MAX * 2),
            signerPosition: z.string().max(svc.NAME_MAX * 2),
            audience: z.object({
              all: z.boolean(),
              divisionIds: z.array(z.number().int().positive().max(MAX_ROW_ID)).max(100).default([]),
            }),
            ackDueOn: Day.nullable().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'The draft', content: { 'application/json': { schema: CircularSchema } } },
    ...errorResponses,
  },
});

const circulateRoute = createRoute({
  method: 'post',
  path: '/circulars/{id}/circulate',
  operationId: 'circulars.circulate',
  tags: ['circulars'],
  summary:
    'Circulate: freeze the text as the next version (PDF + SHA-256), resolve the audience to the active staff and notify them. A revised text needs a changeNote; everyone must acknowledge the new version',
  security,
  request: {
    params: idPathParams(3),
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({
            changeNote: z
              .string()
              .max(svc.NOTE_MAX * 2)
              .nullable()
              .optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'The version circulated', content: { 'application/json': { schema: VersionSchema } } },
    ...errorResponses,
    404: err('No such circular in this organization'),
    409: err('Withdrawn'),
  },
});

const acknowledgeRoute = createRoute({
  method: 'post',
  path: '/circulars/{id}/acknowledge',
  operationId: 'circulars.acknowledge',
  tags: ['circulars'],
  summary:
    'The signed-in person acknowledges the version they read (its number and SHA-256). Once per version; a superseded version is refused (409) with a message naming the newer one',
  security,
  request: {
    params: idPathParams(3),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            version: z.number().int().min(1).max(32767),
            sha256: z.string().max(64).openapi({ description: 'The SHA-256 of the version shown (hex)' }),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Acknowledged',
      content: {
        'application/json': {
          schema: z.object({
            circularId: z.number().int(),
            version: z.number().int(),
            sha256: z.string(),
            acknowledgedAt: z.string().openapi({ format: 'date-time' }),
          }),
        },
      },
    },
    ...errorResponses,
    404: err('No such circular, or the person is not among its recipients'),
    409: err('A newer version exists, the SHA-256 does not match, or this version was already acknowledged'),
  },
});

const pendingRoute = createRoute({
  method: 'get',
  path: '/circulars/pending',
  operationId: 'circulars.pending',
  tags: ['circulars'],
  summary: 'The circulars waiting for the signed-in person’s acknowledgement, with the version to acknowledge',
  security,
  responses: {
    200: {
      description: 'Waiting for my acknowledgement',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(z.object({ circular: CircularSchema, version: VersionSchema })) }),
        },
      },
    },
    401: errorResponses[401],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  // Registered before /circulars/{id}/… so "pending" is never read as an id.
  app.openapi(pendingRoute, async (c) => {
    const items = await svc.pendingFor(serviceContext(c));
    return c.json({ items: items.map((p) => ({ circular: circularJson(p.circular), version: versionJson(p.version) })) }, 200);
  });

  app.openapi(createRouteDef, async (c) => {
    const body = c.req.valid('json');
    const row = await svc.createCircular(serviceContext(c), { ...body, ackDueOn: body.ackDueOn ?? null });
    return c.json(circularJson(row), 201);
  });

  app.openapi(circulateRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
    const v = await svc.circulate(serviceContext(c), id, { changeNote: body?.changeNote ?? null });
    return c.json(versionJson(v), 201);
  });

  app.openapi(acknowledgeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const a = await svc.acknowledge(serviceContext(c), id, body);
    return c.json({ circularId: a.circularId, version: a.version, sha256: a.sha256, acknowledgedAt: a.acknowledgedAt.toISOString() }, 201);
  });
}
