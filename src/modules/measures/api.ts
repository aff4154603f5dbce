import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ValidationError } from '../../core/http/errors.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { MEASURE_STATUSES } from './schema.js';
import * as svc from './service.js';

const Id = z.coerce.number().int().positive().max(MAX_ROW_ID);
const idParam = (_name: 'id') => z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });

const BUDGET_SATANG_DOC =
  'Budget in integer satang (1 baht = 100 satang): 500050 is 5,000.50 baht. null = no budget (ไม่ใช้งบประมาณ). ' +
  'A non-integer, negative or larger amount (at most 99999999999999, i.e. 999,999,999,999.99 baht) is refused with 422.';

const PlanSchema = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int().openapi({ example: 2567 }),
    title: z.string(),
    origin: z.string(),
    version: z.number().int(),
  })
  .openapi('MeasurePlan');
const MeasureSchema = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    number: z.number().int(),
    title: z.string(),
    titleDetails: z.array(z.string()),
    rationale: z.string(),
    methods: z.array(z.string()),
    responsibleText: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    budgetSatang: z.number().int().nullable().openapi({ description: BUDGET_SATANG_DOC, example: 500050 }),
    successIndicator: z.string(),
    status: z.enum(MEASURE_STATUSES),
    resultsSummary: z.array(z.string()),
    outcome: z.string(),
    checkpoint6: z.string().nullable(),
    checkpoint12: z.string().nullable(),
    version: z.number().int(),
    divisions: z.array(z.object({ id: z.number().int(), name: z.string() })),
    people: z.array(z.object({ staffId: z.number().int(), name: z.string() })),
    weaknesses: z.array(z.object({ id: z.number().int(), indicator: z.string(), name: z.string() })),
    evidenceCount: z.number().int(),
    progressCount: z.number().int(),
  })
  .openapi('Measure');
const ItaSchema = z
  .object({ id: z.number().int(), indicator: z.string(), name: z.string(), score: z.number().nullable(), weakPoints: z.string() })
  .openapi('ItaResult');
const ProgressSchema = z
  .object({ id: z.number().int(), measureId: z.number().int(), happenedOn: z.string(), text: z.string() })
  .openapi('MeasureProgress');
const EvidenceSchema = z
  .object({
    id: z.number().int(),
    measureId: z.number().int(),
    title: z.string(),
    fileId: z.number().int().nullable(),
    linkKind: z.string().nullable(),
    linkHref: z.string().nullable(),
    isPublic: z.boolean(),
  })
  .openapi('MeasureEvidence');

const presentPlan = (p: svc.Plan) => ({ id: p.id, fiscalYear: p.fiscalYear, title: p.title, origin: p.origin, version: p.version });
const presentMeasure = (m: svc.MeasureDetail): z.infer<typeof MeasureSchema> => ({
  id: m.id,
  planId: m.planId,
  number: m.number,
  title: m.title,
  titleDetails: m.titleDetails,
  rationale: m.rationale,
  methods: m.methods,
  responsibleText: m.responsibleText,
  startsOn: m.startsOn,
  endsOn: m.endsOn,
  budgetSatang: m.budgetSatang,
  successIndicator: m.successIndicator,
  status: m.status,
  resultsSummary: m.resultsSummary,
  outcome: m.outcome,
  checkpoint6: m.checkpoint6,
  checkpoint12: m.checkpoint12,
  version: m.version,
  divisions: m.divisions,
  people: m.people,
  weaknesses: m.weaknesses,
  evidenceCount: m.evidenceCount,
  progressCount: m.progressCount,
});
const presentEvidence = (e: svc.Evidence) => ({
  id: e.id,
  measureId: e.measureId,
  title: e.title,
  fileId: e.fileId,
  linkKind: e.linkKind,
  linkHref: e.linkHref,
  isPublic: e.isPublic,
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const notFoundResponse = { description: 'Not found in this organization', content: { 'application/json': { schema: ErrorSchema } } };

const MeasureFields = z.object({
  number: z.number().int().min(1).max(999).optional(),
  title: z.string().min(1).max(2000).optional(),
  titleDetails: z.array(z.string().max(2000)).max(50).optional(),
  rationale: z.string().max(5000).optional(),
  methods: z.array(z.string().max(2000)).max(50).optional(),
  responsibleText: z.string().max(500).optional(),
  startsOn: z.iso.date().nullable().optional(),
  endsOn: z.iso.date().nullable().optional(),
  budgetSatang: z
    .number({ message: 'measures.errors.budgetSatang' })
    .int({ message: 'measures.errors.budgetSatang' })
    .min(0, { message: 'measures.errors.budgetSatang' })
    .max(svc.MAX_BUDGET_SATANG, { message: 'measures.errors.budgetSatang' })
    .nullable()
    .optional()
    .openapi({ description: BUDGET_SATANG_DOC, example: 500050 }),
  /** The old field (baht, a decimal): refused, so that an old client's amount is not silently dropped. */
  budget: z
    .unknown()
    .refine((v) => v === undefined, { message: 'measures.errors.budgetRenamed' })
    .optional()
    .openapi({
      deprecated: true,
      description: 'Removed: send budgetSatang (integer satang) instead; a request with budget is refused with 422',
    }),
  successIndicator: z.string().max(5000).optional(),
  divisionIds: z.array(z.number().int()).max(50).optional(),
  staffIds: z.array(z.number().int()).max(200).optional(),
  weaknessIds: z.array(z.number().int()).max(50).optional(),
});

const listPlansRoute = createRoute({
  method: 'get',
  path: '/measures/plans',
  operationId: 'measures.listPlans',
  tags: ['measures'],
  summary: 'The organization’s integrity measures plans, newest fiscal year first',
  security,
  responses: { 200: json(z.object({ items: z.array(PlanSchema) }), 'Plans'), 401: errorResponses[401], 403: errorResponses[403] },
});
const getPlanRoute = createRoute({
  method: 'get',
  path: '/measures/plans/{id}',
  operationId: 'measures.getPlan',
  tags: ['measures'],
  summary: 'A plan with last year’s ITA results and its measures',
  security,
  request: { params: idParam('id') },
  responses: {
    200: json(z.object({ plan: PlanSchema, itaResults: z.array(ItaSchema), measures: z.array(MeasureSchema) }), 'The plan'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
  },
});
const createMeasureRoute = createRoute({
  method: 'post',
  path: '/measures/plans/{id}/measures',
  operationId: 'measures.createMeasure',
  tags: ['measures'],
  summary: 'Add a measure to a plan (ITA coordinator)',
  security,
  request: {
    params: idParam('id'),
    body: { content: { 'application/json': { schema: MeasureFields.extend({ title: z.string().min(1).max(2000) }) } } },
  },
  responses: {
    201: json(MeasureSchema, 'The new measure'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    422: errorResponses[422],
  },
});
const updateMeasureRoute = createRoute({
  method: 'patch',
  path: '/measures/{id}',
  operationId: 'measures.updateMeasure',
  tags: ['measures'],
  summary: 'Change a measure at the version read; a stale version is refused with 409',
  security,
  request: {
    params: idParam('id'),
    body: {
      content: {
        'application/json': {
          schema: MeasureFields.extend({
            version: z.number().int().min(1).openapi({ description: 'The version the change is based on' }),
            status: z.enum(MEASURE_STATUSES).optional(),
            resultsSummary: z.array(z.string().max(5000)).max(50).optional(),
            outcome: z.string().max(5000).optional(),
            checkpoint6: z.string().max(10000).nullable().optional(),
            checkpoint12: z.string().max(10000).nullable().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: json(MeasureSchema, 'The measure, changed'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    409: { description: 'Someone saved a newer version first; nothing changed', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});
const addProgressRoute = createRoute({
  method: 'post',
  path: '/measures/{id}/progress',
  operationId: 'measures.addProgress',
  tags: ['measures'],
  summary: 'Record a dated progress entry',
  security,
  request: {
    params: idParam('id'),
    body: { content: { 'application/json': { schema: z.object({ happenedOn: z.iso.date(), text: z.string().min(1).max(5000) }) } } },
  },
  responses: {
    201: json(ProgressSchema, 'The entry'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    422: errorResponses[422],
  },
});
// The lengths are checked by the service, which names the field in the caller's language ("ชื่อหลักฐาน").
const EvidenceTitle = z
  .string()
  .openapi({ maxLength: svc.EVIDENCE_TITLE_MAX, description: `At most ${svc.EVIDENCE_TITLE_MAX} characters` });

const attachEvidenceRoute = createRoute({
  method: 'post',
  path: '/measures/{id}/evidence',
  operationId: 'measures.attachEvidence',
  tags: ['measures'],
  summary:
    'Attach evidence: a file (multipart: title, file; PDF/JPEG/PNG/WebP, metadata stripped) or a link (JSON: title, linkKind, linkHref)',
  security,
  request: {
    params: idParam('id'),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            title: EvidenceTitle,
            linkKind: z.enum(svc.LINK_KINDS),
            linkHref: z.string().openapi({
              maxLength: svc.EVIDENCE_HREF_MAX,
              description: `A path on this site (/…) or an https:// address, at most ${svc.EVIDENCE_HREF_MAX} characters`,
            }),
            isPublic: z.boolean().optional(),
          }),
        },
        'multipart/form-data': {
          schema: z.object({
            title: EvidenceTitle,
            file: z.any().openapi({ type: 'string', format: 'binary' }),
            isPublic: z.enum(['true', 'false']).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: json(EvidenceSchema, 'The evidence'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    413: { description: 'File too large', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listPlansRoute, async (c) => c.json({ items: (await svc.listPlans(serviceContext(c))).map(presentPlan) }, 200));

  app.openapi(getPlanRoute, async (c) => {
    const ctx = serviceContext(c);
    const plan = await svc.getPlan(ctx, c.req.valid('param').id);
    const [ita, measures] = await Promise.all([svc.listItaResults(ctx, plan.id), svc.listMeasures(ctx, plan.id)]);
    return c.json(
      {
        plan: presentPlan(plan),
        itaResults: ita.map((r) => ({ id: r.id, indicator: r.indicator, name: r.name, score: r.score, weakPoints: r.weakPoints })),
        measures: measures.map(presentMeasure),
      },
      200,
    );
  });

  app.openapi(createMeasureRoute, async (c) => {
    const m = await svc.createMeasure(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(presentMeasure(m), 201);
  });

  app.openapi(updateMeasureRoute, async (c) => {
    const { version, ...patch } = c.req.valid('json');
    const m = await svc.updateMeasure(serviceContext(c), c.req.valid('param').id, version, patch);
    return c.json(presentMeasure(m), 200);
  });

  app.openapi(addProgressRoute, async (c) => {
    const p = await svc.addProgress(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ id: p.id, measureId: p.measureId, happenedOn: p.happenedOn, text: p.text }, 201);
  });

  app.openapi(attachEvidenceRoute, async (c) => {
    const ctx = serviceContext(c);
    const id = c.req.valid('param').id;
    const type = c.req.header('content-type') ?? '';
    let ev: svc.Evidence;
    if (type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      const file = body.file;
      const title = typeof body.title === 'string' ? body.title : '';
      if (!(file instanceof File) || file.size === 0) {
        throw new ValidationError([{ field: 'file', label: 'measures.evidence.file', message: 'measures.errors.fileEmpty' }]);
      }
      ev = await svc.attachEvidence(ctx, id, {
        title,
        isPublic: body.isPublic !== 'false',
        file: { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
      });
    } else {
      const j = c.req.valid('json') as { title: string; linkKind: svc.LinkKind; linkHref: string; isPublic?: boolean };
      ev = await svc.attachEvidence(ctx, id, { title: j.title, isPublic: j.isPublic, link: { kind: j.linkKind, href: j.linkHref } });
    }
    return c.json(presentEvidence(ev), 201);
  });
}
