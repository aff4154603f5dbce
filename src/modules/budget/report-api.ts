import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { lineLabel, lineToDate } from './progress.js';
import { buildReport, reportFileName } from './report.js';
import { renderBudgetPdf } from './report-pdf.js';
import { renderBudgetXlsx } from './report-xlsx.js';
import { BUDGET_CATEGORIES, BUDGET_REPORT_KINDS } from './schema.js';

const Totals = z.object({
  approvedSatang: z.number().int(),
  plannedToDateSatang: z.number().int(),
  disbursedToDateSatang: z.number().int(),
  varianceSatang: z.number().int().openapi({ description: 'disbursed − planned to date (negative: behind the plan)' }),
  disbursedBp: z.number().int().nullable().openapi({ description: 'Disbursed / approved in basis points (1 % = 100), rounded down' }),
  plannedByQuarter: z.array(z.number().int()).length(4),
  disbursedByQuarter: z.array(z.number().int()).length(4),
});

const ReportJson = z
  .object({
    fiscalYear: z.number().int().openapi({ example: 2567 }),
    kind: z.enum(BUDGET_REPORT_KINDS),
    throughMonth: z.number().int().openapi({ description: 'Last fiscal month covered (1 = October; 0 for the plan)' }),
    phasing: z.enum(['quarter', 'month']),
    narrative: z.string(),
    total: Totals,
    byCategory: z.array(Totals.extend({ category: z.enum(BUDGET_CATEGORIES) })),
    byProgram: z.array(Totals.extend({ side: z.string(), program: z.string() })),
    lines: z.array(
      Totals.extend({
        id: z.number().int(),
        position: z.number().int(),
        side: z.string(),
        program: z.string(),
        work: z.string(),
        category: z.enum(BUDGET_CATEGORIES),
        item: z.string(),
        phases: z.array(z.number().int()),
        disbursedByMonth: z.array(z.number().int()).length(12),
      }),
    ),
  })
  .openapi('BudgetReport');

const reportRoute = createRoute({
  method: 'get',
  path: '/budget/report',
  operationId: 'budget.report',
  tags: ['budget'],
  summary:
    'The spending plan (kind plan), the 6-month monitoring report (half-year, through March) or the annual report (through September) of a fiscal year, as PDF, XLSX or JSON; amounts in integer satang; totals checked against the lines (staff)',
  security,
  request: {
    query: z.object({
      fy: z.coerce.number().int().min(2500).max(2700).openapi({ description: 'Fiscal year, B.E.', example: 2567 }),
      kind: z.enum(BUDGET_REPORT_KINDS).openapi({ example: 'half-year' }),
      format: z.enum(['pdf', 'xlsx', 'json']).default('json'),
      narrative: z.string().max(8000).optional().openapi({ description: 'Problems and suggestions to print (preview; not stored)' }),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: ReportJson },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No plan for this fiscal year', content: { 'application/json': { schema: ErrorSchema } } },
    409: {
      description: 'The totals do not add up to the lines (no document is produced)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    422: errorResponses[422],
  },
});

export function reportApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(reportRoute, async (c) => {
    const q = c.req.valid('query');
    const ctx = serviceContext(c);
    const r = await buildReport(ctx, q.fy, q.kind, q.kind === 'plan' ? '' : (q.narrative ?? ''));
    if (q.format === 'json') {
      const { lines, total, byCategory, byProgram } = r.progress;
      return c.json(
        {
          fiscalYear: r.fiscalYear,
          kind: r.kind,
          throughMonth: r.throughMonth,
          phasing: r.data.plan.phasing,
          narrative: r.narrative,
          total,
          byCategory,
          byProgram,
          lines: lines.map((l) => ({
            ...lineLabel(l),
            phases: [...l.phases],
            disbursedByMonth: [...l.disbursedByMonth],
            approvedSatang: l.approvedSatang,
            ...lineToDate(l),
            plannedByQuarter: l.plannedByQuarter,
            disbursedByQuarter: l.disbursedByQuarter,
          })),
        },
        200,
      );
    }
    const pdf = q.format === 'pdf';
    const body = pdf ? await renderBudgetPdf(ctx, r) : await renderBudgetXlsx(ctx, r, c.get('t'), c.get('locale'));
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': pdf ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `${pdf ? 'inline' : 'attachment'}; filename="${reportFileName(q.fy, q.kind, q.format as 'pdf' | 'xlsx')}"`,
        'cache-control': 'private, no-store',
      },
    }) as never;
  });
}
