import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams, RowId, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { siteOrigin } from '../../core/http/request.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { procurementOcds } from './ocds.js';
import { PROCUREMENT_CATEGORIES, PROCUREMENT_METHODS, PROCUREMENT_STATUSES } from './schema.js';
import * as svc from './service.js';

const SATANG_DOC = 'Integer satang (1 baht = 100 satang): 500050 is 5,000.50 baht.';
const Satang = z.number().int().min(0).max(MAX_SATANG).openapi({ description: SATANG_DOC, example: 49500000 });
const Day = z.string().max(10).openapi({ description: 'YYYY-MM-DD (Gregorian, Bangkok day)', example: '2024-01-15' });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

const BidSchema = z.object({
  bidderName: z.string().max(300),
  taxId: z.string().max(20).nullable().optional().openapi({ description: '13-digit tax id with a valid check digit' }),
  priceSatang: Satang,
});

const CreateSchema = z
  .object({
    fiscalYear: z.number().int().min(2550).max(2700).openapi({ description: 'B.E. fiscal year', example: 2567 }),
    title: z.string().max(500).openapi({ example: 'ซื้อวัสดุสำนักงาน' }),
    category: z.enum(PROCUREMENT_CATEGORIES),
    method: z.enum(PROCUREMENT_METHODS),
    status: z.enum(PROCUREMENT_STATUSES).optional().openapi({ description: 'Default planned' }),
    divisionId: RowId.nullable().optional(),
    budgetSource: z.string().max(300).nullable().optional(),
    budgetLineId: RowId.nullable().optional(),
    budgetSatang: Satang,
    referencePriceSatang: Satang.nullable().optional(),
    plannedMonth: z.number().int().min(1).max(12).nullable().optional().openapi({ description: 'Fiscal month, 1 = October' }),
    announcedOn: Day.nullable().optional(),
    awardedOn: Day.nullable().optional(),
    winnerName: z.string().max(300).nullable().optional(),
    winnerTaxId: z.string().max(20).nullable().optional(),
    agreedPriceSatang: Satang.nullable().optional(),
    selectionReason: z.string().max(2000).nullable().optional(),
    contractNo: z.string().max(100).nullable().optional(),
    contractDate: Day.nullable().optional(),
    egpProjectNo: z.string().max(100).nullable().optional(),
    cancelReason: z.string().max(2000).nullable().optional(),
    note: z.string().max(2000).nullable().optional(),
    bids: z.array(BidSchema).max(50).optional(),
  })
  .openapi('ProcurementInput');

const CreatedSchema = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int(),
    title: z.string(),
    status: z.enum(PROCUREMENT_STATUSES),
    ocid: z.string(),
  })
  .openapi('ProcurementCreated');

const createRouteDef = createRoute({
  method: 'post',
  path: '/procurement',
  operationId: 'procurement.create',
  tags: ['procurement'],
  summary:
    'Record a procurement with its bids (admin, division head). Checks: agreed price ≤ budget unless a note says why, dates not before the fiscal year, the winner among the bidders, tax ids with their check digit, what each status needs.',
  security,
  request: { body: { content: { 'application/json': { schema: CreateSchema } } } },
  responses: { 201: json(CreatedSchema, 'Recorded'), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
});

const ocdsRoute = createRoute({
  method: 'get',
  path: '/procurement/{id}/ocds',
  operationId: 'procurement.ocds',
  tags: ['procurement'],
  summary:
    'OCDS 1.1 release package of one procurement (ocid ocds-prongsai-<organization id>-<id>): releases planning / tender / award / contract as far as it has gone. Staff see every procurement; the public one is at /procurement/{id}/ocds.json.',
  security,
  request: { params: idPathParams(1) },
  responses: {
    200: json(z.object({}).passthrough().openapi('OcdsReleasePackage'), 'The release package'),
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such procurement in this organization', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(createRouteDef, async (c) => {
    const ctx = serviceContext(c);
    const body = c.req.valid('json');
    const row = await svc.createProcurement(ctx, body);
    return c.json(
      { id: row.id, fiscalYear: row.fiscalYear, title: row.title, status: row.status, ocid: `ocds-prongsai-${ctx.orgId}-${row.id}` },
      201,
    );
  });

  app.openapi(ocdsRoute, async (c) => {
    const ctx = serviceContext(c);
    const { id } = c.req.valid('param');
    const pkg = await procurementOcds(ctx, id, { public: false, origin: siteOrigin(c) });
    return c.json(pkg as unknown as Record<string, never>, 200);
  });
}
