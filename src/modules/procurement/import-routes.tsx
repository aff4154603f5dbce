import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import { type ImportIssue, ImportRejected } from '../../core/documents/spreadsheet-import.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { AppError, type FieldError, notFound } from '../../core/http/errors.js';
import { formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { renderPage } from '../../core/ui/render.js';
import { importProcurements, importSummary, importTemplateCsv, importTemplateXlsx } from './import.js';
import { procurementPolicy } from './policy.js';
import { isFiscalYear } from './service.js';
import { ImportPage, importHref } from './views/import-page.js';

/**
 * /staff/procurement/import: the template (XLSX, CSV), the upload, the table of problems (row,
 * column, what is wrong) when the file is refused, and the summary after an import. No JS.
 */

const editor = (c: AppContext): ServiceContext => allowedContext(c, procurementPolicy.edit);

/** ?fy=2567 (B.E.), default this fiscal year; anything else is a page that does not exist. */
function fyOf(c: AppContext, ctx: ServiceContext, raw = c.req.query('fy')): number {
  if (raw === undefined || raw === '') return fiscalYearOf(ctx.app.now());
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!isFiscalYear(fy)) throw notFound();
  return fy;
}

/** The years offered: next year's plan, this year and five before. */
function yearsOf(ctx: ServiceContext, fy: number): number[] {
  const now = fiscalYearOf(ctx.app.now());
  const years = Array.from({ length: 7 }, (_, i) => now + 1 - i);
  return years.includes(fy) ? years : [fy, ...years].sort((a, b) => b - a);
}

const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 422);

export function importRoutes(app: Hono<AppEnv>) {
  const page = async (
    c: AppContext,
    ctx: ServiceContext,
    fy: number,
    state: { errors?: FieldError[]; issues?: ImportIssue[]; summaryOf?: number | null } = {},
    status = 200,
  ) => {
    const summary = state.summaryOf ? await importSummary(ctx, state.summaryOf) : null;
    return renderPage(
      c,
      <ImportPage fiscalYear={fy} years={yearsOf(ctx, fy)} errors={state.errors ?? []} issues={state.issues ?? []} summary={summary} />,
      status,
    );
  };

  app.get('/staff/procurement/import', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const done = parseRowId(c.req.query('done'));
    return page(c, ctx, fy, { summaryOf: done });
  });

  app.post('/staff/procurement/import', async (c) => {
    const ctx = editor(c);
    const { values, files } = await readForm(c);
    // The year chosen in the form (the query's year is where the form was opened).
    const fyText = formValue(values, 'fiscalYear').trim();
    const fy = fyOf(c, ctx, fyText || c.req.query('fy'));
    const file = files.file;
    if (!file) {
      return page(
        c,
        ctx,
        fy,
        { errors: [{ field: 'file', label: 'procurement.import.file', message: 'procurement.import.fileRequired' }] },
        422,
      );
    }
    let firstId: number;
    try {
      const summary = await importProcurements(ctx, {
        fiscalYear: fy,
        bytes: new Uint8Array(await file.arrayBuffer()),
        fileName: file.name,
      });
      firstId = summary.firstId;
    } catch (e) {
      if (e instanceof ImportRejected) return page(c, ctx, fy, { issues: e.issues }, 422);
      return page(c, ctx, fy, { errors: formErrorsOf(e, [413, 422, 409]) }, statusOf(e));
    }
    return c.redirect(`${importHref(fy)}&done=${firstId}`, 303);
  });

  const download = (bytes: Uint8Array, type: string, name: string) =>
    new Response(bytes, {
      headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' },
    });

  app.get('/staff/procurement/import/template.xlsx', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    return download(new Uint8Array(await importTemplateXlsx(ctx, fy)), XLSX_TYPE, `procurement-template-${fy}.xlsx`);
  });

  app.get('/staff/procurement/import/template.csv', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    return download(importTemplateCsv(fy), 'text/csv; charset=utf-8', `procurement-template-${fy}.csv`);
  });
}
