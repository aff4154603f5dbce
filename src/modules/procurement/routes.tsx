import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext, serviceContext } from '../../core/http/env.js';
import { AppError, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { siteOrigin } from '../../core/http/request.js';
import { satangFromBahtInput } from '../../core/http/validation.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { fiscalMonths, fiscalYearOf, parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { listDivisions } from '../staff/service.js';
import { isMonthKey, listProcurements } from './list.js';
import { procurementOcds } from './ocds.js';
import { procurementPolicy } from './policy.js';
import { PROCUREMENT_CATEGORIES, PROCUREMENT_METHODS, PROCUREMENT_STATUSES, type ProcurementStatus } from './schema.js';
import * as svc from './service.js';
import type { ProcurementInput } from './types.js';
import { DetailPage, type FormState, monthKeyText, ProcurementFormPage, RegisterPage, valuesOf } from './views/staff-procurement.js';

const PAGE_SIZE = 50;
const empty = (): FormState => ({ values: {}, errors: [] });

const reader = (c: AppContext): ServiceContext => allowedContext(c, procurementPolicy.read);

const editor = (c: AppContext): ServiceContext => allowedContext(c, procurementPolicy.edit);

/** ?fy=2567 (B.E.), default this fiscal year; anything else is a page that does not exist. */
function fyOf(c: AppContext, ctx: ServiceContext): number {
  const raw = c.req.query('fy');
  if (raw === undefined || raw === '') return fiscalYearOf(ctx.app.now());
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!svc.isFiscalYear(fy)) throw notFound();
  return fy;
}

function fieldErrorsOf(e: unknown): FieldError[] {
  if (e instanceof AppError && e.fields.length > 0) return e.fields;
  if (e instanceof AppError && (e.status === 409 || e.status === 413))
    return [{ field: '_', label: '', message: e.messageKey, params: e.params }];
  throw e;
}

const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 422);

/** Reads the form's money and date fields; what cannot be read becomes a field error naming it. */
function readProcurementForm(values: FormValues, fiscalYear: number): { input: ProcurementInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const label = (f: string) => `procurement.fields.${f}`;
  const text = (k: string) => formValue(values, k).trim() || null;
  const money = (k: string, required = false): number | null => {
    const raw = formValue(values, k).trim();
    if (!raw) {
      if (required) errors.push({ field: k, label: label(k), message: 'core.validation.required' });
      return null;
    }
    const r = satangFromBahtInput(raw);
    if (r.ok) return r.satang;
    errors.push({ field: k, label: label(k), message: r.message, params: r.params });
    return null;
  };
  const day = (k: string): string | null => {
    const raw = formValue(values, k).trim();
    if (!raw) return null;
    const d = parseThaiDateInput(raw);
    if (d) return bangkokIsoDay(d);
    errors.push({ field: k, label: label(k), message: 'procurement.errors.date' });
    return null;
  };
  const int = (k: string) => {
    const raw = formValue(values, k).trim();
    return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : raw ? -1 : null;
  };
  const input: ProcurementInput = {
    fiscalYear,
    title: formValue(values, 'title'),
    category: formValue(values, 'category') as ProcurementInput['category'],
    method: formValue(values, 'method') as ProcurementInput['method'],
    status: (formValue(values, 'status') || 'planned') as ProcurementStatus,
    divisionId: int('divisionId'),
    budgetSource: text('budgetSource'),
    budgetSatang: money('budgetSatang', true) ?? 0,
    referencePriceSatang: money('referencePriceSatang'),
    plannedMonth: int('plannedMonth'),
    announcedOn: day('announcedOn'),
    awardedOn: day('awardedOn'),
    winnerName: text('winnerName'),
    winnerTaxId: text('winnerTaxId'),
    agreedPriceSatang: money('agreedPriceSatang'),
    selectionReason: text('selectionReason'),
    contractNo: text('contractNo'),
    contractDate: day('contractDate'),
    egpProjectNo: text('egpProjectNo'),
    cancelReason: text('cancelReason'),
    note: text('note'),
  };
  return { input, errors };
}

/** Both the form's own reading problems and the service's checks, each field once. */
function mergeErrors(a: FieldError[], b: FieldError[]): FieldError[] {
  const seen = new Set(a.map((e) => e.field));
  return [...a, ...b.filter((e) => !seen.has(e.field))];
}

export function routes(app: Hono<AppEnv>) {
  const divisionOptions = async (ctx: ServiceContext) => (await listDivisions(ctx)).map((d) => ({ value: String(d.id), text: d.name }));

  const registerPage = async (c: AppContext, ctx: ServiceContext, fy: number, planForm = empty(), status = 200) => {
    const q = c.req.query();
    const filter = {
      method: (PROCUREMENT_METHODS as readonly string[]).includes(q.method ?? '') ? (q.method as svc.Procurement['method']) : undefined,
      status: (PROCUREMENT_STATUSES as readonly string[]).includes(q.status ?? '') ? (q.status as ProcurementStatus) : undefined,
      category: (PROCUREMENT_CATEGORIES as readonly string[]).includes(q.category ?? '')
        ? (q.category as svc.Procurement['category'])
        : undefined,
      month: isMonthKey(q.month) ? q.month : undefined,
      q: q.q?.trim().slice(0, 100) || undefined,
    };
    const before = q.before && /^\d{1,10}$/.test(q.before) ? Number(q.before) : undefined;
    const [page, counts, planNotices] = await Promise.all([
      listProcurements(ctx, { fiscalYear: fy, ...filter, before, limit: PAGE_SIZE, includeUnpublished: true }),
      svc.statusCounts(ctx, fy),
      svc.listPlanNotices(ctx, fy),
    ]);
    const params = new URLSearchParams({ fy: String(fy) });
    for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
    const base = `/staff/procurement?${params}`;
    const locale = c.get('locale');
    const months = fiscalMonths(fy).map((m) => {
      const key = `${m.year}-${String(m.month).padStart(2, '0')}`;
      return { value: key, text: monthKeyText(key, locale) };
    });
    return renderPage(
      c,
      <RegisterPage
        fiscalYear={fy}
        thisYear={fiscalYearOf(ctx.app.now())}
        rows={page.rows}
        nextHref={page.nextBefore ? `${base}&before=${page.nextBefore}` : null}
        firstHref={before ? base : null}
        filter={filter}
        counts={counts}
        months={months}
        planNotices={planNotices}
        canEdit={procurementPolicy.edit(ctx.actor)}
        planForm={planForm}
      />,
      status,
    );
  };

  const detailPage = async (
    c: AppContext,
    ctx: ServiceContext,
    id: number,
    forms: { bid?: FormState; notice?: FormState } = {},
    status = 200,
  ) => {
    const detail = await svc.getProcurement(ctx, id);
    const [isPublic, divisions] = await Promise.all([
      svc.isPublicProcurement(ctx, detail.procurement),
      listDivisions(ctx, { includeInactive: true }),
    ]);
    return renderPage(
      c,
      <DetailPage
        detail={detail}
        isPublic={isPublic}
        canEdit={procurementPolicy.edit(ctx.actor)}
        divisionName={divisions.find((d) => d.id === detail.procurement.divisionId)?.name ?? null}
        bidForm={forms.bid ?? empty()}
        noticeForm={forms.notice ?? empty()}
      />,
      status,
    );
  };

  const formPage = async (c: AppContext, ctx: ServiceContext, fy: number, p: svc.Procurement | null, state: FormState, status = 200) =>
    renderPage(
      c,
      <ProcurementFormPage
        fiscalYear={fy}
        procurement={p}
        state={state}
        statuses={p ? svc.nextStatuses(p.status) : PROCUREMENT_STATUSES.filter((s) => s !== 'cancelled')}
        divisions={await divisionOptions(ctx)}
      />,
      status,
    );

  app.get('/staff/procurement', async (c) => {
    const ctx = reader(c);
    return registerPage(c, ctx, fyOf(c, ctx));
  });

  app.get('/staff/procurement/new', async (c) => {
    const ctx = editor(c);
    return formPage(c, ctx, fyOf(c, ctx), null, empty());
  });

  app.post('/staff/procurement/new', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const { values } = await readForm(c);
    const { input, errors } = readProcurementForm(values, fy);
    const bidderName = formValue(values, 'bidderName').trim();
    const bidPrice = formValue(values, 'bidPrice').trim();
    if (bidderName || bidPrice) {
      const r = satangFromBahtInput(bidPrice);
      if (!bidderName) errors.push({ field: 'bidderName', label: 'procurement.fields.bidderName', message: 'core.validation.required' });
      if (!r.ok) errors.push({ field: 'bidPrice', label: 'procurement.fields.priceSatang', message: r.message, params: r.params });
      else if (bidderName)
        input.bids = [{ bidderName, priceSatang: r.satang, taxId: input.winnerName === bidderName ? input.winnerTaxId : null }];
    }
    let created: svc.Procurement;
    try {
      if (errors.length) throw new ValidationError(mergeErrors(errors, svc.validateProcurement(input)));
      created = await svc.createProcurement(ctx, input);
    } catch (e) {
      const fields = fieldErrorsOf(e).map((f) =>
        f.field.startsWith('bids.0.') ? { ...f, field: f.field === 'bids.0.priceSatang' ? 'bidPrice' : 'bidderName' } : f,
      );
      return formPage(c, ctx, fy, null, { values, errors: mergeErrors(errors, fields) }, statusOf(e));
    }
    flash(c, 'procurement.staff.flash.created');
    return c.redirect(`/staff/procurement/${created.id}`, 303);
  });

  app.get('/staff/procurement/:id{[0-9]+}', async (c) => {
    const ctx = reader(c);
    return detailPage(c, ctx, rowIdParam(c));
  });

  app.get('/staff/procurement/:id{[0-9]+}/edit', async (c) => {
    const ctx = editor(c);
    const { procurement } = await svc.getProcurement(ctx, rowIdParam(c));
    return formPage(c, ctx, procurement.fiscalYear, procurement, { values: valuesOf(procurement), errors: [] });
  });

  app.post('/staff/procurement/:id{[0-9]+}/edit', async (c) => {
    const ctx = editor(c);
    const id = rowIdParam(c);
    const { procurement } = await svc.getProcurement(ctx, id);
    const { values } = await readForm(c);
    const { input, errors } = readProcurementForm(values, procurement.fiscalYear);
    try {
      if (errors.length) throw new ValidationError(errors);
      await svc.updateProcurement(ctx, id, input);
    } catch (e) {
      return formPage(c, ctx, procurement.fiscalYear, procurement, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    flash(c, 'procurement.staff.flash.updated');
    return c.redirect(`/staff/procurement/${id}`, 303);
  });

  app.post('/staff/procurement/:id{[0-9]+}/bids', async (c) => {
    const ctx = editor(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const priceText = formValue(values, 'priceSatang').trim();
    const price = satangFromBahtInput(priceText);
    try {
      if (!price.ok) {
        throw new ValidationError([
          {
            field: 'priceSatang',
            label: 'procurement.fields.priceSatang',
            message: priceText ? price.message : 'core.validation.required',
            params: price.params,
          },
        ]);
      }
      await svc.addBid(ctx, id, {
        bidderName: formValue(values, 'bidderName'),
        taxId: formValue(values, 'taxId'),
        priceSatang: price.satang,
      });
    } catch (e) {
      return detailPage(c, ctx, id, { bid: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'procurement.staff.flash.bidAdded');
    return c.redirect(`/staff/procurement/${id}#bids`, 303);
  });

  app.post('/staff/procurement/:id{[0-9]+}/bids/:bid{[0-9]+}/delete', async (c) => {
    const ctx = editor(c);
    const id = rowIdParam(c);
    try {
      await svc.removeBid(ctx, id, rowIdParam(c, 'bid'));
    } catch (e) {
      if (e instanceof AppError && e.status === 409) return detailPage(c, ctx, id, { bid: { values: {}, errors: fieldErrorsOf(e) } }, 409);
      throw e;
    }
    flash(c, 'procurement.staff.flash.bidRemoved');
    return c.redirect(`/staff/procurement/${id}#bids`, 303);
  });

  const readNotice = async (c: AppContext) => {
    const { values, files } = await readForm(c);
    const f = files.file;
    const raw = formValue(values, 'noticeDate').trim();
    const d = raw ? parseThaiDateInput(raw) : null;
    return {
      values,
      input: {
        kind: formValue(values, 'kind') as svc.NoticeInput['kind'],
        title: formValue(values, 'title'),
        noticeDate: d ? bangkokIsoDay(d) : raw || '-',
        bytes: f ? new Uint8Array(await f.arrayBuffer()) : new Uint8Array(),
        fileName: f?.name || 'notice.pdf',
      },
    };
  };

  app.post('/staff/procurement/:id{[0-9]+}/notices', async (c) => {
    const ctx = editor(c);
    const id = rowIdParam(c);
    const { procurement } = await svc.getProcurement(ctx, id);
    const { values, input } = await readNotice(c);
    try {
      await svc.addNotice(ctx, { ...input, fiscalYear: procurement.fiscalYear, procurementId: id });
    } catch (e) {
      return detailPage(c, ctx, id, { notice: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'procurement.staff.flash.noticeAdded');
    return c.redirect(`/staff/procurement/${id}#notices`, 303);
  });

  /** The year's plan notice (ประกาศแผนการจัดซื้อจัดจ้าง). */
  app.post('/staff/procurement/notices', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const { values, input } = await readNotice(c);
    try {
      await svc.addNotice(ctx, { ...input, kind: 'plan', fiscalYear: fy, procurementId: null });
    } catch (e) {
      return registerPage(c, ctx, fy, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    flash(c, 'procurement.staff.flash.noticeAdded');
    return c.redirect(`/staff/procurement?fy=${fy}`, 303);
  });

  /** Staff: the release package of any procurement of the organization, public or not yet. */
  app.get('/staff/procurement/:id{[0-9]+}/ocds.json', async (c) => {
    const ctx = reader(c);
    const pkg = await procurementOcds(ctx, rowIdParam(c), { public: false, origin: siteOrigin(c) });
    return c.json(pkg, 200, { 'Cache-Control': 'private, no-store' });
  });

  /** Public: the release package of a public procurement (others → 404). */
  app.get('/procurement/:id{[0-9]+}/ocds.json', async (c) => {
    const ctx = serviceContext(c);
    const pkg = await procurementOcds(ctx, rowIdParam(c), { public: true, origin: siteOrigin(c) });
    return c.json(pkg, 200, { 'Access-Control-Allow-Origin': '*' });
  });
}
