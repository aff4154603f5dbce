import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import { MemoPreview } from '../../core/documents/html.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { MAX_ROW_ID } from '../../core/http/ids.js';
import { REPORT_STATUSES } from './schema.js';
import { buildReportMemo, checkReportVersion, getReport, renderReportFile } from './service.js';

const Id = z.coerce.number().int().positive().max(MAX_ROW_ID);
const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 12 }) });

const WarningSchema = z
  .object({
    code: z.enum([
      'orgName',
      'executiveTitle',
      'wording',
      'duplicateTitle',
      'missingResults',
      'missingOutcome',
      'dateOutside',
      'scheduleOutside',
    ]),
    where: z.union([
      z.object({ kind: z.literal('field'), field: z.string().openapi({ example: 'body.2' }) }),
      z.object({ kind: z.literal('measure'), number: z.number().int() }),
    ]),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    message: z.string().openapi({ example: 'ชื่อหน่วยงาน "องค์การบริหารส่วนตำบลแม่ตง" ไม่ตรงกับ "องค์การบริหารส่วนตำบลลูโบะปือซา"' }),
  })
  .openapi('ReportWarning');

const notFoundResponse = {
  description: 'No such report version in this organization',
  content: { 'application/json': { schema: ErrorSchema } },
};

const checkRoute = createRoute({
  method: 'get',
  path: '/measures/reports/{id}/check',
  operationId: 'measures.checkReport',
  tags: ['measures'],
  summary:
    'The consistency check of a report version: organization names differing from the organization record, duplicate measure titles, measures without results or outcome, dates outside the fiscal year',
  security,
  request: { params: IdParam },
  responses: {
    200: {
      description: 'The warnings, in document order (an empty list: nothing found)',
      content: {
        'application/json': {
          schema: z.object({
            id: z.number().int(),
            version: z.number().int(),
            status: z.enum(REPORT_STATUSES),
            warnings: z.array(WarningSchema),
          }),
        },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    422: errorResponses[422],
  },
});

const renderRoute = createRoute({
  method: 'get',
  path: '/measures/reports/{id}/render',
  operationId: 'measures.renderReport',
  tags: ['measures'],
  summary: 'The report version as the memo with its comments and the measures table: PDF, DOCX or an HTML preview',
  security,
  request: {
    params: IdParam,
    query: z.object({ format: z.enum(['pdf', 'docx', 'html']).default('pdf').openapi({ example: 'pdf' }) }),
  },
  responses: {
    200: {
      description: 'The document',
      content: {
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().openapi({ format: 'binary' }) },
        'text/html': { schema: z.string() },
      },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFoundResponse,
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(checkRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ctx = serviceContext(c);
    const report = await getReport(ctx, id);
    const warnings = await checkReportVersion(ctx, report);
    const t = c.get('t');
    const where = (w: (typeof warnings)[number]) =>
      w.where.kind === 'measure'
        ? t('reports.where.measure', { number: w.where.number })
        : w.where.field.startsWith('body.')
          ? t('reports.where.field.body', { n: w.where.field.slice(5) })
          : t(`reports.where.field.${w.where.field}`);
    return c.json(
      {
        id: report.id,
        version: report.version,
        status: report.status,
        warnings: warnings.map((w) => ({ ...w, message: `${where(w)}: ${t(`reports.check.${w.code}`, w.params)}` })),
      },
      200,
    );
  });

  app.openapi(renderRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const ctx = serviceContext(c);
    if (format === 'html') {
      const input = await buildReportMemo(ctx, await getReport(ctx, id));
      const body = await Promise.resolve(MemoPreview({ input }).toString());
      const lang = 'th';
      return c.html(
        `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head><body>${body}</body></html>`,
        200,
      );
    }
    const file = await renderReportFile(ctx, id, format);
    return new Response(file.bytes, {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
        'cache-control': 'private, no-store',
      },
    }) as never;
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
