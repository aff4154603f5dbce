import { and, eq, isNull } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { bangkokIsoDay, fiscalYearOf } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { publications } from '../publications/schema.js';
import { isFiscalYear, monthBounds } from './list.js';
import { fiscalMonthKeys } from './monthly.js';
import { procurementPolicy } from './policy.js';
import { getReport, listReports, produceReport, publishReport, type ReportPeriodRef, reportFile } from './reports.js';
import { PROCUREMENT_REPORT_KINDS, type ProcurementReportKind } from './schema.js';
import { type ReportSlot, ReportsStaffPage } from './views/report-staff.js';

function staffCtx(c: AppContext): ServiceContext {
  const ctx = serviceContext(c);
  ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
  return ctx;
}

function fyOf(c: AppContext, ctx: ServiceContext): number {
  const raw = c.req.query('fy');
  if (raw == null || raw === '') return fiscalYearOf(ctx.app.now());
  const fy = Number(raw);
  if (!isFiscalYear(fy)) throw notFound();
  return fy;
}

async function page(
  c: AppContext,
  ctx: ServiceContext,
  fy: number,
  form?: { errors: FieldError[]; values: FormValues; slot: string },
  status = 200,
) {
  const reports = await listReports(ctx, fy);
  const live = new Set(
    (
      await (ctx.tx ?? ctx.app.db)
        .select({ id: publications.id })
        .from(publications)
        .where(and(eq(publications.orgId, ctx.orgId), isNull(publications.supersededBy), isNull(publications.withdrawnBy)))
    ).map((r) => r.id),
  );
  const today = bangkokIsoDay(ctx.app.now());
  const months = fiscalMonthKeys(fy);
  const slot = (kind: ProcurementReportKind, period: string, lastMonth: string): ReportSlot => {
    const mine = reports.filter((r) => r.kind === kind && r.period === period);
    return {
      kind,
      period,
      latest: mine.at(-1) ?? null,
      published: mine.filter((r) => r.publicationId != null && live.has(r.publicationId)).at(-1) ?? null,
      ended: monthBounds(lastMonth).until <= today,
    };
  };
  const slots = [
    ...months.map((m) => slot('monthly', m, m)),
    ...[1, 2, 3, 4].map((q) => slot('quarterly', String(q), months[q * 3 - 1] as string)),
    slot('annual', '', months[11] as string),
  ];
  const current = fiscalYearOf(ctx.app.now());
  const years = [...new Set([current, current - 1, current - 2, current - 3, fy])].sort((a, b) => b - a);
  return renderPage(
    c,
    <ReportsStaffPage
      fiscalYear={fy}
      years={years}
      slots={slots}
      canPublish={procurementPolicy.publish(ctx.actor)}
      errors={form?.errors ?? []}
      values={form?.values ?? {}}
      errorSlot={form?.slot}
    />,
    status,
  );
}

export function reportRoutes(app: Hono<AppEnv>) {
  app.get('/staff/procurement/reports', async (c) => {
    const ctx = staffCtx(c);
    return page(c, ctx, fyOf(c, ctx));
  });

  app.post('/staff/procurement/reports/produce', async (c) => {
    const ctx = staffCtx(c);
    const fy = fyOf(c, ctx);
    const kind = c.req.query('kind') as ProcurementReportKind;
    if (!(PROCUREMENT_REPORT_KINDS as readonly string[]).includes(kind)) throw notFound();
    const ref: ReportPeriodRef = { fiscalYear: fy, kind, period: c.req.query('period') ?? '' };
    const { values } = await readForm(c);
    try {
      await produceReport(ctx, ref, { problems: formValue(values, 'problems'), improvements: formValue(values, 'improvements') });
    } catch (e) {
      return page(c, ctx, fy, { errors: formErrorsOf(e, [409, 422]), values, slot: `${kind}:${ref.period}` }, formErrorStatus(e));
    }
    flash(c, 'procurement.report.producedFlash');
    return c.redirect(`/staff/procurement/reports?fy=${fy}#slot-${kind}-${ref.period || 'year'}`, 303);
  });

  app.post('/staff/procurement/reports/:id{[0-9]+}/publish', async (c) => {
    const ctx = staffCtx(c);
    const id = parseRowId(c.req.param('id'));
    if (id == null) throw notFound();
    const { values } = await readForm(c);
    try {
      const r = await publishReport(ctx, id, { reason: formValue(values, 'reason') });
      flash(c, 'procurement.report.publishedFlash');
      return c.redirect(`/staff/procurement/reports?fy=${r.fiscalYear}#slot-${r.kind}-${r.period || 'year'}`, 303);
    } catch (e) {
      const errors = formErrorsOf(e, [409, 422]);
      const r = await getReport(ctx, id);
      return page(c, ctx, r.fiscalYear, { errors, values, slot: `${r.kind}:${r.period}` }, formErrorStatus(e));
    }
  });

  app.get('/staff/procurement/reports/:file{[0-9]+\\.(pdf|xlsx)}', async (c) => {
    const ctx = staffCtx(c);
    const [idText, ext] = c.req.param('file').split('.') as [string, 'pdf' | 'xlsx'];
    const id = parseRowId(idText);
    if (id == null) throw notFound();
    const f = await reportFile(ctx, id, ext);
    c.header('Content-Type', f.type);
    c.header('Content-Disposition', `${ext === 'pdf' ? 'inline' : 'attachment'}; filename="${f.name.replace(/[^\w.-]/g, '_')}"`);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'private, no-store');
    return c.body(f.bytes as unknown as Uint8Array<ArrayBuffer>);
  });
}
