import { and, eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { dbOf } from '../../core/context.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { readFileBytes } from '../../core/storage/files.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { getPublication } from '../publications/service.js';
import { budgetPolicy } from './policy.js';
import { planProgress } from './progress.js';
import {
  buildReport,
  lastEndedMonth,
  listReports,
  publishedReports,
  publishReport,
  readPlan,
  reportFileName,
  reportItem,
  THROUGH_MONTH,
} from './report.js';
import { loadCharts } from './report-charts.js';
import { renderBudgetPdf } from './report-pdf.js';
import { renderBudgetXlsx } from './report-xlsx.js';
import { BUDGET_REPORT_KINDS, type BudgetReportKind, budgetReports } from './schema.js';
import { type KindState, StaffReportsPage } from './views/report-staff.js';

const FY = /^\d{4}$/;

const isKind = (k: unknown): k is BudgetReportKind => typeof k === 'string' && (BUDGET_REPORT_KINDS as readonly string[]).includes(k);

function checkRead(c: AppContext) {
  const actor = c.get('actor');
  ensureAllowed(budgetPolicy.read(actor), !!actor);
}

/** The staff side of the reports: /staff/budget/reports (produce, preview, publish, list). */
export function reportRoutes(app: Hono<AppEnv>) {
  const page = async (
    c: AppContext,
    fyText: string | undefined,
    form: { kind: BudgetReportKind; errors: FieldError[]; narrative: string; reason: string } | null = null,
    status = 200,
  ) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const now = ctx.app.now();
    const current = fiscalYearOf(now);
    const text = fyText?.trim() || String(current);
    const fyErrors: FieldError[] = [];
    let fy = current;
    if (!FY.test(text) || Number(text) < 2500 || Number(text) > 2700) {
      fyErrors.push({ field: 'fy', label: 'budget.report.fields.fy', message: 'budget.report.errors.fy' });
      status = 422;
    } else fy = Number(text);
    const data = await readPlan(ctx, fy);
    const [published, history] = await Promise.all([publishedReports(ctx, fy), listReports(ctx, fy), loadCharts()]);
    const ended = lastEndedMonth(fy, now);
    const pubDates = new Map<number, Date>();
    for (const r of published.values()) {
      if (r.publicationId) pubDates.set(r.publicationId, (await getPublication(ctx, r.publicationId)).publishedAt);
    }
    const kinds: KindState[] = BUDGET_REPORT_KINDS.map((kind) => {
      const pub = published.get(kind) ?? null;
      let item: string | null = null;
      try {
        item = reportItem(fy, kind);
      } catch {
        item = null;
      }
      const own = form?.kind === kind ? form : null;
      return {
        kind,
        item,
        ended: THROUGH_MONTH[kind] <= ended && (kind !== 'plan' || (data?.lines.length ?? 0) > 0),
        published: pub,
        publishedAt: pub?.publicationId ? (pubDates.get(pub.publicationId) ?? null) : null,
        values: { narrative: own?.narrative ?? pub?.narrative ?? '', reason: own?.reason ?? '' },
        errors: own?.errors ?? [],
      };
    });
    return renderPage(
      c,
      <StaffReportsPage
        fy={fy}
        fyText={text}
        fyErrors={fyErrors}
        plan={data ? { publishedAt: data.plan.publishedAt, progress: planProgress(data.plan.phasing, data.lines, ended) } : null}
        kinds={kinds}
        history={history}
        canPublish={budgetPolicy.publish(ctx.actor)}
      />,
      status,
    );
  };

  app.get('/staff/budget/reports', (c) => page(c, c.req.query('fy')));

  const preview = (format: 'pdf' | 'xlsx') => async (c: AppContext) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const fyText = c.req.query('fy') ?? '';
    const kind = c.req.query('kind');
    if (!FY.test(fyText) || !isKind(kind)) throw notFound();
    const fy = Number(fyText);
    let report: Awaited<ReturnType<typeof buildReport>>;
    try {
      report = await buildReport(ctx, fy, kind, kind === 'plan' ? '' : (c.req.query('narrative') ?? ''));
    } catch (e) {
      if (e instanceof ValidationError) {
        return page(c, fyText, { kind, errors: e.fields, narrative: c.req.query('narrative') ?? '', reason: '' }, 422);
      }
      throw e;
    }
    const body = format === 'pdf' ? await renderBudgetPdf(ctx, report) : await renderBudgetXlsx(ctx, report, c.get('t'), c.get('locale'));
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${reportFileName(fy, kind, format)}"`,
        'cache-control': 'private, no-store',
      },
    });
  };
  app.get('/staff/budget/reports/preview.pdf', preview('pdf'));
  app.get('/staff/budget/reports/preview.xlsx', preview('xlsx'));

  app.get('/staff/budget/reports/:id/report.xlsx', async (c) => {
    checkRead(c);
    const ctx = serviceContext(c);
    const id = parseRowId(c.req.param('id'));
    if (id == null) throw notFound();
    const [row] = await dbOf(ctx)
      .select({ xlsxFileId: budgetReports.xlsxFileId })
      .from(budgetReports)
      .where(and(eq(budgetReports.orgId, ctx.orgId), eq(budgetReports.id, id)));
    if (!row?.xlsxFileId) throw notFound();
    const { file, bytes } = await readFileBytes(ctx, row.xlsxFileId);
    return serveStoredFile(c, file, bytes);
  });

  app.post('/staff/budget/reports/publish', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(budgetPolicy.publish(actor), !!actor);
    const { values } = await readForm(c);
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    const fyText = str('fy').trim();
    const kind = str('kind');
    if (!FY.test(fyText) || !isKind(kind)) throw notFound();
    const narrative = str('narrative');
    const reason = str('reason');
    try {
      await publishReport(serviceContext(c), { fy: Number(fyText), kind, narrative, reason });
    } catch (e) {
      if (e instanceof ValidationError) return page(c, fyText, { kind, errors: e.fields, narrative, reason }, 422);
      throw e;
    }
    flash(c, 'budget.report.staff.done');
    return c.redirect(`/staff/budget/reports?fy=${fyText}#kind-${kind}`, 303);
  });
}
