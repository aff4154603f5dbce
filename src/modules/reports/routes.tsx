import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError } from '../../core/http/errors.js';
import { type FormValues, readForm, validateValues } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { measuresReportItem, publicationHref } from '../publications/service.js';
import { MemoFormInput, memoLabels, PublishInput } from './inputs.js';
import { reportsPolicy } from './policy.js';
import {
  buildReportMemo,
  caseOf,
  checkReportVersion,
  documentOf,
  getReport,
  listPlanReports,
  listVersions,
  publishReport,
  renderReportFile,
  startVersion,
  submitReport,
  updateMemo,
} from './service.js';
import { ReportPage } from './views/report-page.js';
import { ReportsPage } from './views/reports-page.js';

const idOf = (c: AppContext, name = 'id') => rowIdParam(c, name);

/** An error of a command shown on the page (409 stale or frozen, 422 refused), not as an error page. */
function asFieldErrors(e: unknown): { errors: FieldError[]; status: 409 | 422 } | null {
  if (!(e instanceof AppError) || (e.status !== 409 && e.status !== 422)) return null;
  return { errors: e.fields.length ? e.fields : [{ field: '_', message: e.messageKey, params: e.params }], status: e.status };
}

export function routes(app: Hono<AppEnv>) {
  const page = async (
    c: AppContext,
    id: number,
    opts: { values?: FormValues; errors?: FieldError[]; publishErrors?: FieldError[] } = {},
    status = 200,
  ) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.read(actor), !!actor);
    const ctx = serviceContext(c);
    const report = await getReport(ctx, id);
    const doc = await documentOf(ctx, report);
    const routed = await caseOf(ctx, report);
    const versions = await listVersions(ctx, report.planId);
    return renderPage(
      c,
      <ReportPage
        report={report}
        fiscalYear={doc.fiscalYear}
        versions={versions}
        memo={doc.memo}
        reference={doc.reference}
        warnings={await checkReportVersion(ctx, report)}
        preview={await buildReportMemo(ctx, report, routed?.steps ?? [])}
        routing={routed?.case ?? null}
        canCoordinate={reportsPolicy.coordinate(actor)}
        item={measuresReportItem(doc.fiscalYear)}
        publicationHref={report.publicationId ? publicationHref({ id: report.publicationId }) : null}
        supersedes={versions.some((v) => v.status === 'published' && v.id !== report.id)}
        values={opts.values ?? null}
        errors={opts.errors ?? []}
        publishErrors={opts.publishErrors ?? []}
      />,
      status,
    );
  };

  app.get('/staff/reports', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.read(actor), !!actor);
    const plans = await listPlanReports(serviceContext(c));
    return renderPage(c, <ReportsPage plans={plans} canCoordinate={reportsPolicy.coordinate(actor)} />);
  });

  app.post('/staff/reports/plans/:planId/start', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.coordinate(actor), !!actor);
    const ctx = serviceContext(c);
    const planId = idOf(c, 'planId');
    let report: Awaited<ReturnType<typeof startVersion>>;
    try {
      report = await startVersion(ctx, planId);
    } catch (e) {
      // A version is with the executives: back to it, saying why no new version was started.
      if (!(e instanceof AppError && e.status === 409 && e.messageKey === 'reports.errors.routing')) throw e;
      const versions = await listVersions(ctx, planId);
      const routing = versions.find((v) => v.status === 'routing') ?? versions[0];
      if (!routing) throw e;
      flash(c, 'reports.startWhileRouting', 'warning');
      return c.redirect(`/staff/reports/${routing.id}`, 303);
    }
    flash(c, report.version > 1 ? 'reports.newVersionMade' : 'reports.saved');
    return c.redirect(`/staff/reports/${report.id}`, 303);
  });

  app.get('/staff/reports/:id{[0-9]+}', (c) => page(c, idOf(c)));

  app.post('/staff/reports/:id{[0-9]+}/memo', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.coordinate(actor), !!actor);
    const id = idOf(c);
    const { values } = await readForm(c);
    const parsed = validateValues(MemoFormInput, values, memoLabels);
    if (!parsed.ok) return page(c, id, { values, errors: parsed.errors }, 422);
    try {
      await updateMemo(serviceContext(c), id, parsed.data);
    } catch (e) {
      const shown = asFieldErrors(e);
      if (!shown) throw e;
      return page(c, id, { values, errors: shown.errors }, shown.status);
    }
    flash(c, 'reports.saved');
    return c.redirect(`/staff/reports/${id}`, 303);
  });

  app.post('/staff/reports/:id{[0-9]+}/submit', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.coordinate(actor), !!actor);
    const id = idOf(c);
    try {
      await submitReport(serviceContext(c), id);
    } catch (e) {
      const shown = asFieldErrors(e);
      if (!shown) throw e;
      return page(c, id, { errors: shown.errors }, shown.status);
    }
    flash(c, 'reports.submitted');
    return c.redirect(`/staff/reports/${id}`, 303);
  });

  app.post('/staff/reports/:id{[0-9]+}/publish', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.coordinate(actor), !!actor);
    const id = idOf(c);
    const { values } = await readForm(c);
    const parsed = validateValues(PublishInput, values, { reason: 'reports.fields.reason' });
    if (!parsed.ok) return page(c, id, { publishErrors: parsed.errors }, 422);
    try {
      await publishReport(serviceContext(c), id, { reason: parsed.data.reason });
    } catch (e) {
      const shown = asFieldErrors(e);
      if (!shown) throw e;
      return page(c, id, { publishErrors: shown.errors }, shown.status);
    }
    flash(c, 'reports.published');
    return c.redirect(`/staff/reports/${id}`, 303);
  });

  app.get('/staff/reports/:id{[0-9]+}/file', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(reportsPolicy.read(actor), !!actor);
    const format = c.req.query('format') === 'docx' ? 'docx' : 'pdf';
    const file = await renderReportFile(serviceContext(c), idOf(c), format);
    return new Response(file.bytes, {
      headers: {
        'content-type': file.contentType,
        'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
        'cache-control': 'private, no-store',
      },
    });
  });
}
