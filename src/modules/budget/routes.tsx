import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import { ImportRejected } from '../../core/documents/spreadsheet-import.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { AppError, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { satangFromBahtInput } from '../../core/http/validation.js';
import { readFileBytes } from '../../core/storage/files.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { importPlan, planTemplateXlsx } from './import.js';
import { budgetPolicy } from './policy.js';
import { BUDGET_CATEGORIES } from './schema.js';
import * as svc from './service.js';
import { amountField, DisbursePage } from './views/staff-disburse.js';
import { ImportPage } from './views/staff-import.js';
import { type PlanFilter, PlanPage } from './views/staff-plan.js';

const reader = (c: AppContext): ServiceContext => allowedContext(c, budgetPolicy.read);

const editor = (c: AppContext): ServiceContext => allowedContext(c, budgetPolicy.edit);

/** ?fy=2567 (B.E.), default this fiscal year; anything else is a page that does not exist. */
function fyOf(c: AppContext, ctx: ServiceContext): number {
  const raw = c.req.query('fy');
  if (raw === undefined || raw === '') return fiscalYearOf(ctx.app.now());
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!svc.isFiscalYear(fy)) throw notFound();
  return fy;
}

/** The last month that may be shown or recorded: the current month of this year, all 12 of a past year. */
function lastMonth(ctx: ServiceContext, fy: number): number {
  return Math.min(12, svc.currentFiscalMonth(fy, ctx.app.now()));
}

/** ?month= / ?through=: 1 … max; blank → the default; anything else 404. */
function monthParam(raw: string | undefined, max: number, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const m = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(m) || m < 1 || m > max) throw notFound();
  return m;
}

const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 422);

export function routes(app: Hono<AppEnv>) {
  app.get('/staff/budget', async (c) => {
    const ctx = reader(c);
    const fy = fyOf(c, ctx);
    const max = lastMonth(ctx, fy);
    // Before the year starts nothing can have been disbursed: the whole plan is shown through September.
    const maxThrough = max >= 1 ? max : 12;
    const through = monthParam(c.req.query('through'), maxThrough, maxThrough);
    const category = c.req.query('category') ?? '';
    const filter: PlanFilter = {
      program: (c.req.query('program') ?? '').slice(0, 200),
      category: (BUDGET_CATEGORIES as readonly string[]).includes(category) ? category : '',
      division: /^(\d{1,9}|none)$/.test(c.req.query('division') ?? '') ? (c.req.query('division') ?? '') : '',
    };
    const data = await svc.planProgressOf(ctx, fy, through);
    return renderPage(
      c,
      <PlanPage
        fiscalYear={fy}
        thisYear={fiscalYearOf(ctx.app.now())}
        through={through}
        maxThrough={maxThrough}
        data={data}
        filter={filter}
        canEdit={budgetPolicy.edit(ctx.actor)}
      />,
    );
  });

  // ---------------------------------------------------------------- import

  const importPage = async (
    c: AppContext,
    ctx: ServiceContext,
    fy: number,
    state: { values?: FormValues; errors?: FieldError[]; issues?: ImportRejected['issues'] } = {},
    status = 200,
  ) => {
    const existing = await svc.getPlan(ctx, fy);
    return renderPage(
      c,
      <ImportPage
        fiscalYear={fy}
        existingLines={existing?.lines.length ?? 0}
        values={state.values ?? {}}
        errors={state.errors ?? []}
        issues={state.issues ?? []}
      />,
      status,
    );
  };

  app.get('/staff/budget/import', async (c) => {
    const ctx = editor(c);
    return importPage(c, ctx, fyOf(c, ctx));
  });

  app.post('/staff/budget/import', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const { values, files } = await readForm(c);
    const file = files.file;
    if (!file) {
      return importPage(
        c,
        ctx,
        fy,
        { values, errors: [{ field: 'file', label: 'budget.fields.file', message: 'budget.errors.fileMissing' }] },
        422,
      );
    }
    const totalText = formValue(values, 'expectedTotal').trim();
    let expectedTotalSatang: number | null = null;
    if (totalText) {
      const r = satangFromBahtInput(totalText);
      if (!r.ok) {
        const errors = [{ field: 'expectedTotal', label: 'budget.fields.expectedTotal', message: r.message, params: r.params }];
        return importPage(c, ctx, fy, { values, errors }, 422);
      }
      expectedTotalSatang = r.satang;
    }
    try {
      await importPlan(ctx, {
        fiscalYear: fy,
        bytes: new Uint8Array(await file.arrayBuffer()),
        fileName: file.name,
        title: formValue(values, 'title'),
        expectedTotalSatang,
      });
    } catch (e) {
      if (e instanceof ImportRejected) return importPage(c, ctx, fy, { values, issues: e.issues }, 422);
      return importPage(c, ctx, fy, { values, errors: formErrorsOf(e, [413, 422, 409]) }, statusOf(e));
    }
    flash(c, 'budget.import.success');
    return c.redirect(`/staff/budget?fy=${fy}`, 303);
  });

  app.get('/staff/budget/template.xlsx', async (c) => {
    const ctx = reader(c);
    const phasing = c.req.query('phasing') === 'month' ? 'month' : 'quarter';
    const bytes = await planTemplateXlsx(ctx, phasing);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="budget-plan-template-${phasing}.xlsx"`,
        'cache-control': 'private, no-store',
      },
    });
  });

  /** The file the year's plan was imported from (evidence), for staff. */
  app.get('/staff/budget/source', async (c) => {
    const ctx = reader(c);
    const data = await svc.getPlan(ctx, fyOf(c, ctx));
    if (!data?.plan.sourceFileId) throw notFound();
    const { file, bytes } = await readFileBytes(ctx, data.plan.sourceFileId);
    return serveStoredFile(c, file, bytes);
  });

  // ---------------------------------------------------------------- disbursements

  const disbursePage = async (
    c: AppContext,
    ctx: ServiceContext,
    fy: number,
    month: number,
    state: { values?: FormValues; errors?: FieldError[] } = {},
    status = 200,
  ) => {
    const data = await svc.getPlan(ctx, fy);
    if (!data) throw notFound('budget.errors.noPlan');
    return renderPage(
      c,
      <DisbursePage
        fiscalYear={fy}
        month={month}
        maxMonth={lastMonth(ctx, fy)}
        data={data}
        plannedByMonth={new Map(data.lines.map((l) => [l.id, svc.linePlannedByMonth(data.plan, l)]))}
        values={state.values ?? {}}
        errors={state.errors ?? []}
      />,
      status,
    );
  };

  const monthOf = (c: AppContext, ctx: ServiceContext, fy: number) => {
    const max = lastMonth(ctx, fy);
    if (max < 1) throw notFound();
    return monthParam(c.req.query('month'), max, max);
  };

  app.get('/staff/budget/disburse', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    return disbursePage(c, ctx, fy, monthOf(c, ctx, fy));
  });

  app.post('/staff/budget/disburse', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const month = monthOf(c, ctx, fy);
    const data = await svc.getPlan(ctx, fy);
    if (!data) throw notFound('budget.errors.noPlan');
    const { values } = await readForm(c);
    const entries: svc.DisbursementInput[] = [];
    const errors: FieldError[] = [];
    for (const l of data.lines) {
      const name = amountField(l.id, month);
      const text = formValue(values, name).trim();
      if (!text) continue;
      const r = satangFromBahtInput(text);
      if (!r.ok) {
        errors.push({ field: name, label: '', message: 'budget.errors.amountText', params: { item: l.item } });
        continue;
      }
      // Unchanged amounts are not sent again (nothing to record, no audit noise).
      if (l.recordedMonths.includes(month) && l.disbursedByMonth[month - 1] === r.satang) continue;
      entries.push({ lineId: l.id, month, amountSatang: r.satang });
    }
    if (errors.length) return disbursePage(c, ctx, fy, month, { values, errors }, 422);
    if (!entries.length) {
      flash(c, 'budget.disburse.nothing', 'info');
      return c.redirect(`/staff/budget/disburse?fy=${fy}&month=${month}`, 303);
    }
    try {
      await svc.recordDisbursements(ctx, fy, entries);
    } catch (e) {
      return disbursePage(c, ctx, fy, month, { values, errors: formErrorsOf(e, [409, 422]) }, statusOf(e));
    }
    flash(c, 'budget.disburse.saved');
    return c.redirect(`/staff/budget?fy=${fy}`, 303);
  });
}
