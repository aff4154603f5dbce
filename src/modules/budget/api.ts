import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, RowId, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { notFound, ValidationError } from '../../core/http/errors.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { importPlan } from './import.js';
import { lineLabel, lineToDate } from './progress.js';
import { BUDGET_CATEGORIES, BUDGET_PHASINGS } from './schema.js';
import * as svc from './service.js';

const SATANG_DOC = 'Integer satang (1 baht = 100 satang): 500050 is 5,000.50 baht.';

const FiscalYear = z.coerce
  .number()
  .int()
  .min(2550)
  .max(2700)
  .openapi({ description: 'B.E. fiscal year (1 October – 30 September)', example: 2567 });

const Satang = z.number().int().openapi({ description: SATANG_DOC, example: 250000000 });

const TotalsSchema = z
  .object({
    approvedSatang: Satang,
    plannedToDateSatang: Satang,
    disbursedToDateSatang: Satang,
    varianceSatang: Satang.openapi({ description: `Disbursed − planned to date. ${SATANG_DOC}` }),
    disbursedBp: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Disbursed to date / approved in basis points (1 % = 100), rounded down; null when approved is 0' }),
    plannedByQuarter: z.array(Satang).length(4),
    disbursedByQuarter: z.array(Satang).length(4),
  })
  .openapi('BudgetTotals');

const LineSchema = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    side: z.string().openapi({ description: 'ด้าน' }),
    program: z.string().openapi({ description: 'แผนงาน' }),
    work: z.string().openapi({ description: 'งาน' }),
    category: z.enum(BUDGET_CATEGORIES).openapi({ description: 'งบ' }),
    item: z.string().openapi({ description: 'รายการ/โครงการ' }),
    divisionId: z.number().int().nullable(),
    divisionName: z.string().nullable(),
    approvedSatang: Satang,
    phases: z.array(Satang).openapi({ description: '4 quarter or 12 month amounts (the plan’s phasing), summing to approvedSatang' }),
    disbursedByMonth: z.array(Satang).length(12).openapi({ description: 'Disbursed per fiscal month, index 0 = October' }),
    plannedToDateSatang: Satang,
    disbursedToDateSatang: Satang,
    varianceSatang: Satang,
    disbursedBp: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .openapi('BudgetLine');

const PlanSchema = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int(),
    title: z.string(),
    phasing: z.enum(BUDGET_PHASINGS),
    totalSatang: Satang,
    importedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    throughMonth: z.number().int().openapi({ description: 'Progress through this fiscal month (1 = October; 0 = none)' }),
    total: TotalsSchema,
    byCategory: z.array(TotalsSchema.extend({ category: z.enum(BUDGET_CATEGORIES) })),
    byProgram: z.array(TotalsSchema.extend({ side: z.string(), program: z.string() })),
    lines: z.array(LineSchema),
  })
  .openapi('BudgetPlan');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const notFoundResponse = {
  description: 'No plan for this year in this organization',
  content: { 'application/json': { schema: ErrorSchema } },
};

const getPlanRoute = createRoute({
  method: 'get',
  path: '/budget/plan',
  operationId: 'budget.getPlan',
  tags: ['budget'],
  summary: 'The spending plan of a fiscal year with its lines, disbursements by month and progress (staff)',
  security,
  request: {
    query: z.object({
      fy: FiscalYear,
      through: z.coerce
        .number()
        .int()
        .min(0)
        .max(12)
        .optional()
        .openapi({ description: 'Progress through this fiscal month (default: the current month; 12 for a past year)' }),
    }),
  },
  responses: { 200: json(PlanSchema, 'The plan'), 401: errorResponses[401], 403: errorResponses[403], 404: notFoundResponse },
});

const ImportResultSchema = z
  .object({
    planId: z.number().int(),
    fiscalYear: z.number().int(),
    phasing: z.enum(BUDGET_PHASINGS),
    totalSatang: Satang,
    lineCount: z.number().int(),
    kept: z.number().int().openapi({ description: 'Lines matched to the earlier import (their disbursements kept)' }),
    added: z.number().int(),
    removed: z.number().int(),
  })
  .openapi('BudgetImportResult');

const importPlanRoute = createRoute({
  method: 'post',
  path: '/budget/plan/import',
  operationId: 'budget.importPlan',
  tags: ['budget'],
  summary:
    'Import (or re-import) the year’s spending plan from the XLSX/CSV template, all or nothing. 422 lists every problem as "row N, column" fields.',
  security,
  request: {
    body: {
      content: {
        'multipart/form-data': {
          schema: z.object({
            fy: z.string().openapi({ example: '2567' }),
            file: z.any().openapi({ type: 'string', format: 'binary' }),
            title: z.string().max(300).optional(),
            expectedTotalSatang: z
              .string()
              .optional()
              .openapi({ description: `The ordinance’s total; the lines must add up to it. ${SATANG_DOC}` }),
          }),
        },
      },
    },
  },
  responses: {
    201: json(ImportResultSchema, 'Imported'),
    401: errorResponses[401],
    403: errorResponses[403],
    413: { description: 'File too large', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

const recordRoute = createRoute({
  method: 'post',
  path: '/budget/disbursements',
  operationId: 'budget.recordDisbursement',
  tags: ['budget'],
  summary:
    'Record what was disbursed on plan lines per fiscal month (one request, all or nothing); a month recorded again is replaced. Not a future month; a line’s year total not above its budget.',
  security,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            fiscalYear: FiscalYear,
            entries: z
              .array(
                z.object({
                  lineId: RowId,
                  month: z.number().int().min(1).max(12).openapi({ description: 'Fiscal month, 1 = October … 12 = September' }),
                  amountSatang: z.number().int().min(0).max(MAX_SATANG).openapi({ description: SATANG_DOC, example: 1250000 }),
                  note: z.string().max(500).nullable().optional(),
                }),
              )
              .min(1)
              .max(2000),
          }),
        },
      },
    },
  },
  responses: {
    200: json(
      z
        .object({ changed: z.number().int(), fiscalYear: z.number().int(), month: z.number().int().nullable() })
        .openapi('BudgetRecordResult'),
      'Recorded',
    ),
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(getPlanRoute, async (c) => {
    const ctx = serviceContext(c);
    const { fy, through } = c.req.valid('query');
    const month = through ?? Math.max(0, Math.min(12, svc.currentFiscalMonth(fy, ctx.app.now())));
    const data = await svc.planProgressOf(ctx, fy, month);
    if (!data) throw notFound('budget.errors.noPlan');
    const { plan, progress, lines } = data;
    const lineOf = new Map(lines.map((l) => [l.id, l]));
    return c.json(
      {
        id: plan.id,
        fiscalYear: plan.fiscalYear,
        title: plan.title,
        phasing: plan.phasing,
        totalSatang: plan.totalSatang,
        importedAt: plan.importedAt?.toISOString() ?? null,
        publishedAt: plan.publishedAt?.toISOString() ?? null,
        throughMonth: progress.throughMonth,
        total: progress.total,
        byCategory: progress.byCategory,
        byProgram: progress.byProgram,
        lines: progress.lines.map((l) => ({
          ...lineLabel(l),
          divisionId: lineOf.get(l.id)?.divisionId ?? null,
          divisionName: lineOf.get(l.id)?.divisionName ?? null,
          approvedSatang: l.approvedSatang,
          phases: [...l.phases],
          disbursedByMonth: [...l.disbursedByMonth],
          ...lineToDate(l),
          note: lineOf.get(l.id)?.note ?? null,
        })),
      },
      200,
    );
  });

  app.openapi(importPlanRoute, async (c) => {
    const ctx = serviceContext(c);
    const body = await c.req.parseBody();
    const fy = Number(typeof body.fy === 'string' ? body.fy : '');
    if (!svc.isFiscalYear(fy))
      throw new ValidationError([{ field: 'fy', label: 'budget.fields.fiscalYear', message: 'budget.errors.fiscalYear' }]);
    const file = body.file;
    if (!(file instanceof File) || file.size === 0)
      throw new ValidationError([{ field: 'file', label: 'budget.fields.file', message: 'budget.errors.fileMissing' }]);
    const totalText = typeof body.expectedTotalSatang === 'string' ? body.expectedTotalSatang.trim() : '';
    let expectedTotalSatang: number | null = null;
    if (totalText) {
      const n = /^\d{1,17}$/.test(totalText) ? Number(totalText) : Number.NaN;
      if (!Number.isSafeInteger(n) || n > MAX_SATANG)
        throw new ValidationError([
          { field: 'expectedTotalSatang', label: 'budget.fields.expectedTotal', message: 'budget.errors.satang' },
        ]);
      expectedTotalSatang = n;
    }
    const r = await importPlan(ctx, {
      fiscalYear: fy,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
      title: typeof body.title === 'string' ? body.title : null,
      expectedTotalSatang,
    });
    return c.json(
      {
        planId: r.plan.id,
        fiscalYear: r.plan.fiscalYear,
        phasing: r.phasing,
        totalSatang: r.plan.totalSatang,
        lineCount: r.lineCount,
        kept: r.kept,
        added: r.added,
        removed: r.removed,
      },
      201,
    );
  });

  app.openapi(recordRoute, async (c) => {
    const { fiscalYear, entries } = c.req.valid('json');
    const r = await svc.recordDisbursements(serviceContext(c), fiscalYear, entries);
    return c.json(r, 200);
  });
}
