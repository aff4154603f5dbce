import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { errorResponses, RowId, security } from '../../core/api/schemas.js';
import { dbOf } from '../../core/context.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed } from '../../core/http/errors.js';
import { buildAnnualReport, renderAnnualPdf, renderAnnualXlsx, savingsBasisPoints } from './annual.js';
import { listProcurements } from './list.js';
import { buildMonthlySummary } from './monthly.js';
import { monthlyFileName, renderMonthlyPdf } from './monthly-pdf.js';
import { renderMonthlyXlsx } from './monthly-xlsx.js';
import { procurementPolicy } from './policy.js';
import { PROCUREMENT_CATEGORIES, PROCUREMENT_METHODS, PROCUREMENT_STATUSES, procurementReports } from './schema.js';

const FiscalYear = z.coerce.number().int().min(2550).max(2700).openapi({ description: 'Fiscal year (B.E.)', example: 2567 });

const ProcurementRow = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int(),
    title: z.string(),
    category: z.enum(PROCUREMENT_CATEGORIES),
    method: z.enum(PROCUREMENT_METHODS),
    status: z.enum(PROCUREMENT_STATUSES),
    budgetSatang: z.number().int().openapi({ description: 'วงเงินงบประมาณ, integer satang' }),
    referencePriceSatang: z.number().int().nullable(),
    winnerName: z.string().nullable(),
    agreedPriceSatang: z.number().int().nullable(),
    selectionReason: z.string().nullable(),
    contractNo: z.string().nullable(),
    contractDate: z.string().nullable().openapi({ format: 'date' }),
    announcedOn: z.string().nullable().openapi({ format: 'date' }),
    egpProjectNo: z.string().nullable(),
  })
  .openapi('ProcurementListRow');

const listRoute = createRoute({
  method: 'get',
  path: '/procurement',
  operationId: 'procurement.list',
  tags: ['procurement'],
  summary:
    'A page of a fiscal year’s procurements, newest first (keyset: pass nextBefore as before). Public rows for everyone; staff may add all=true for planned ones not yet public',
  security: [...security, {}],
  request: {
    query: z.object({
      fy: FiscalYear,
      method: z.enum(PROCUREMENT_METHODS).optional(),
      status: z.enum(PROCUREMENT_STATUSES).optional(),
      category: z.enum(PROCUREMENT_CATEGORIES).optional(),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
        .optional()
        .openapi({ description: 'Month of the contract date (Gregorian YYYY-MM)', example: '2023-10' }),
      q: z.string().max(100).optional().openapi({ description: 'Words in the title or the selected supplier' }),
      before: RowId.optional().openapi({ description: 'Rows with an id below this one (the previous page’s nextBefore)' }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      all: z.enum(['true', 'false']).optional().openapi({ description: 'Staff only: include procurements not yet public' }),
    }),
  },
  responses: {
    200: {
      description: 'The page',
      content: { 'application/json': { schema: z.object({ rows: z.array(ProcurementRow), nextBefore: z.number().int().nullable() }) } },
    },
    401: errorResponses[401],
    422: errorResponses[422],
  },
});

const binary = (type: string) => ({ [type]: { schema: z.string().openapi({ format: 'binary' }) } });

const monthlyRoute = createRoute({
  method: 'get',
  path: '/procurement/monthly-summary',
  operationId: 'procurement.monthlySummary',
  tags: ['procurement'],
  summary:
    'The monthly procurement summary (แบบ สขร.๑) of a month of the fiscal year, produced now from the register: PDF (A4 landscape) or XLSX',
  security,
  request: {
    query: z.object({
      fy: FiscalYear,
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
        .openapi({ description: 'Gregorian YYYY-MM, one of the fiscal year’s twelve', example: '2023-10' }),
      format: z.enum(['pdf', 'xlsx']).default('pdf'),
    }),
  },
  responses: {
    200: { description: 'The document', content: { ...binary('application/pdf'), ...binary(XLSX_TYPE) } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'The month is not in the fiscal year', content: { 'application/json': { schema: z.object({}).passthrough() } } },
    422: errorResponses[422],
  },
});

const Group = z.object({
  key: z.string(),
  count: z.number().int(),
  budgetSatang: z.number().int(),
  agreedSatang: z.number().int(),
  savingsSatang: z.number().int(),
  savingsBasisPoints: z.number().int().nullable().openapi({ description: 'savings ÷ budget in basis points (1/100 %)' }),
});

const annualRoute = createRoute({
  method: 'get',
  path: '/procurement/annual-report',
  operationId: 'procurement.annualReport',
  tags: ['procurement'],
  summary:
    'The annual procurement report of a fiscal year: counts and sums by method, category and month, savings, and the analysis of the latest produced report — PDF, XLSX or JSON',
  security,
  request: { query: z.object({ fy: FiscalYear, format: z.enum(['pdf', 'xlsx', 'json']).default('json') }) },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': {
          schema: z
            .object({
              fiscalYear: z.number().int(),
              total: Group,
              byMethod: z.array(Group),
              byCategory: z.array(Group),
              byMonth: z.array(Group),
              cancelled: z.number().int(),
              analysis: z.object({ problems: z.string(), improvements: z.string() }),
            })
            .openapi('ProcurementAnnualReport'),
        },
        ...binary('application/pdf'),
        ...binary(XLSX_TYPE),
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

export function reportApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const ctx = serviceContext(c);
    const page = await listProcurements(ctx, {
      fiscalYear: q.fy,
      method: q.method,
      status: q.status,
      category: q.category,
      month: q.month,
      q: q.q,
      before: q.before,
      limit: q.limit,
      includeUnpublished: q.all === 'true',
    });
    return c.json(
      {
        rows: page.rows.map((r) => ({
          id: r.id,
          fiscalYear: r.fiscalYear,
          title: r.title,
          category: r.category,
          method: r.method,
          status: r.status,
          budgetSatang: r.budgetSatang,
          referencePriceSatang: r.referencePriceSatang,
          winnerName: r.winnerName,
          agreedPriceSatang: r.agreedPriceSatang,
          selectionReason: r.selectionReason,
          contractNo: r.contractNo,
          contractDate: r.contractDate,
          announcedOn: r.announcedOn,
          egpProjectNo: r.egpProjectNo,
        })),
        nextBefore: page.nextBefore,
      },
      200,
    );
  });

  app.openapi(monthlyRoute, async (c) => {
    const q = c.req.valid('query');
    const ctx = serviceContext(c);
    ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
    const s = await buildMonthlySummary(ctx, q.fy, q.month);
    const bytes = q.format === 'pdf' ? await renderMonthlyPdf(ctx, s) : await renderMonthlyXlsx(ctx, s);
    c.header('Content-Type', q.format === 'pdf' ? 'application/pdf' : XLSX_TYPE);
    c.header('Content-Disposition', `attachment; filename="${monthlyFileName(q.month, q.format)}"`);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
  });

  app.openapi(annualRoute, async (c) => {
    const q = c.req.valid('query');
    const ctx = serviceContext(c);
    ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
    const [latest] = await dbOf(ctx)
      .select({ analysis: procurementReports.analysis })
      .from(procurementReports)
      .where(and(eq(procurementReports.orgId, ctx.orgId), eq(procurementReports.fiscalYear, q.fy), eq(procurementReports.kind, 'annual')))
      .orderBy(desc(procurementReports.id))
      .limit(1);
    const r = await buildAnnualReport(ctx, q.fy, latest?.analysis ?? undefined);
    if (q.format === 'json') {
      const g = (x: (typeof r)['total']) => ({ ...x, savingsBasisPoints: savingsBasisPoints(x) });
      return c.json(
        {
          fiscalYear: r.fiscalYear,
          total: g(r.total),
          byMethod: r.byMethod.map(g),
          byCategory: r.byCategory.map(g),
          byMonth: r.byMonth.map(g),
          cancelled: r.cancelled,
          analysis: r.analysis,
        },
        200,
      );
    }
    const bytes = q.format === 'pdf' ? await renderAnnualPdf(ctx, r) : await renderAnnualXlsx(ctx, r);
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'content-type': q.format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `attachment; filename="procurement-annual-${q.fy}.${q.format}"`,
        'cache-control': 'private, no-store',
      },
    }) as never;
  });
}
