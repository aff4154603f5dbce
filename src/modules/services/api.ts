import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, idPathParams } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { siteOrigin } from '../../core/http/request.js';
import { SERVICE_CATEGORIES } from './categories.js';
import { POSTER_SIZES } from './poster.js';
import { posterResponse } from './routes.js';
import { STEP_KINDS } from './schema.js';
import {
  feeTotal,
  type GuideView,
  getPublishedGuide,
  guidePath,
  listPublishedGuides,
  responsibleLine,
  type ServiceGuide,
  totalTime,
} from './service.js';

const TotalSchema = z
  .object({ days: z.number(), hours: z.number().int(), minutes: z.number().int() })
  .openapi('ServiceTotalTime', { description: 'ระยะเวลาดำเนินการรวม: the steps summed per unit (minutes carried into hours)' });

const SummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string().openapi({ example: 'การขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร' }),
    category: z.enum(SERVICE_CATEGORIES),
    summary: z.string().nullable(),
    total: TotalSchema,
    feeSatang: z.number().int().openapi({ description: 'Sum of the fees in satang; 0 with no fees = ไม่มีค่าธรรมเนียม' }),
    hasFees: z.boolean(),
    url: z.string().openapi({ description: 'The public page (absolute URL)' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ServiceGuideSummary');

const GuideSchema = SummarySchema.extend({
  division: z.string().nullable(),
  queueServiceId: z.number().int().nullable(),
  legalBasis: z.array(z.string()),
  location: z.string().nullable(),
  hours: z.string().nullable(),
  criteria: z.string().nullable(),
  steps: z.array(
    z.object({
      kind: z.enum(STEP_KINDS),
      detail: z.string(),
      duration: z.number(),
      unit: z.enum(['minutes', 'hours', 'days']),
      responsible: z.string().openapi({ description: 'Position · division, or the office named' }),
      note: z.string().nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      group: z.enum(['identity', 'other']),
      name: z.string(),
      issuer: z.string().nullable(),
      originals: z.number().int(),
      copies: z.number().int(),
      unit: z.enum(['copy', 'set']),
      note: z.string().nullable(),
    }),
  ),
  fees: z.array(z.object({ item: z.string(), amountSatang: z.number().int(), note: z.string().nullable() })),
  complaintChannels: z.array(z.string()),
  forms: z.array(
    z.object({
      kind: z.enum(['form', 'example']),
      name: z.string(),
      mime: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      url: z.string(),
    }),
  ),
  remarks: z.string().nullable(),
  posterUrls: z.object({ A4: z.string(), A3: z.string() }),
  publicationId: z.number().int().nullable().openapi({ description: 'This version in the publication log' }),
}).openapi('ServiceGuide');

const listRoute = createRoute({
  method: 'get',
  path: '/services',
  operationId: 'services.list',
  tags: ['services'],
  summary: 'The published citizen manuals (คู่มือสำหรับประชาชน) of the organization, with total time and fees',
  security: [],
  request: { query: z.object({ category: z.enum(SERVICE_CATEGORIES).optional() }) },
  responses: {
    200: { description: 'Published guides', content: { 'application/json': { schema: z.object({ items: z.array(SummarySchema) }) } } },
    422: { description: 'Unknown category', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/services/{id}',
  operationId: 'services.get',
  tags: ['services'],
  summary: 'One published citizen manual in full: legal basis, channels, criteria, steps, documents, fees, complaint channels, forms',
  security: [],
  request: { params: idPathParams(1) },
  responses: {
    200: { description: 'The guide', content: { 'application/json': { schema: GuideSchema } } },
    404: { description: 'No such published guide in this organization', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const posterRoute = createRoute({
  method: 'get',
  path: '/services/{id}/poster',
  operationId: 'services.poster',
  tags: ['services'],
  summary:
    'The wall poster (PDF, one page, Thai digits): the steps as a flowchart with time and who is responsible, total time, fee, documents, a QR code to the page',
  security: [],
  request: {
    params: idPathParams(1),
    query: z.object({ size: z.enum(POSTER_SIZES).optional().openapi({ description: 'Paper size (default A4)' }) }),
  },
  responses: {
    200: { description: 'The poster', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
    404: { description: 'No such published guide in this organization', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

function summary(origin: string, g: ServiceGuide) {
  return {
    id: g.id,
    title: g.title,
    category: g.category as (typeof SERVICE_CATEGORIES)[number],
    summary: g.summary,
    total: totalTime(g.steps),
    feeSatang: feeTotal(g.fees),
    hasFees: g.fees.length > 0,
    url: `${origin}${guidePath(g.id)}`,
    updatedAt: g.updatedAt.toISOString(),
  };
}

function full(origin: string, v: GuideView) {
  const g = v.guide;
  const path = `${origin}${guidePath(g.id)}`;
  return {
    ...summary(origin, g),
    division: v.divisionName,
    queueServiceId: v.queueServiceName ? g.queueServiceId : null,
    legalBasis: g.legalBasis,
    location: g.location,
    hours: g.hours,
    criteria: g.criteria,
    steps: v.steps.map((s) => ({
      kind: s.kind,
      detail: s.detail,
      duration: s.duration,
      unit: s.unit,
      responsible: responsibleLine(s),
      note: s.note ?? null,
    })),
    documents: g.documents.map((d) => ({ ...d, issuer: d.issuer ?? null, note: d.note ?? null })),
    fees: g.fees.map((f) => ({ item: f.item, amountSatang: f.amount, note: f.note ?? null })),
    complaintChannels: (g.complaintChannels ?? '').split(/\r?\n/).filter((l) => l.trim()),
    forms: v.files.map((f) => ({
      kind: f.kind,
      name: f.name,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      url: `${path}/files/${f.fileId}`,
    })),
    remarks: g.remarks,
    posterUrls: { A4: `${path}/poster.pdf?size=A4`, A3: `${path}/poster.pdf?size=A3` },
    publicationId: g.publicationId,
  };
}

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const { category } = c.req.valid('query');
    const origin = siteOrigin(c);
    const guides = await listPublishedGuides(serviceContext(c));
    return c.json({ items: guides.filter((g) => !category || g.category === category).map((g) => summary(origin, g)) }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(full(siteOrigin(c), await getPublishedGuide(serviceContext(c), id)), 200);
  });
  app.openapi(posterRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { size } = c.req.valid('query');
    return posterResponse(c, id, size ?? 'A4');
  });
}
