import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { AppError, type FieldError, notFound } from '../../core/http/errors.js';
import { formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { translator } from '../../core/i18n/i18n.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { fiscalYearOf, parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { renderChecklistPdf } from './checklist-pdf.js';
import { facilitiesPolicy } from './policy.js';
import * as svc from './service.js';
import { ChecklistPage, type FormState, ItemPage, PrintPage } from './views/checklist.js';

const reader = (c: AppContext): ServiceContext => allowedContext(c, facilitiesPolicy.read);

const editor = (c: AppContext): ServiceContext => allowedContext(c, facilitiesPolicy.edit);

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
  if (e instanceof AppError && e.status === 409) return [{ field: '_', label: '', message: e.messageKey, params: e.params }];
  throw e;
}

const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 422);

/** The line asked for (?item=), or 404 when the year has no such line. */
function lineOf(list: svc.Checklist, key: string | undefined): svc.ChecklistLine {
  const line = list.lines.find((l) => l.itemKey === key);
  if (!line) throw notFound();
  return line;
}

const checklistPath = (fy: number, key?: string) => `/staff/facilities?fy=${fy}${key ? `#item-${key}` : ''}`;
const itemPath = (fy: number, key: string) => `/staff/facilities/item?fy=${fy}&item=${encodeURIComponent(key)}`;

export function routes(app: Hono<AppEnv>) {
  const checklistPage = async (c: AppContext, ctx: ServiceContext, fy: number, addItem?: FormState, status = 200) => {
    const [list, evidence] = await Promise.all([svc.getChecklist(ctx, fy), svc.evidenceState(ctx, fy)]);
    return renderPage(
      c,
      <ChecklistPage
        list={list}
        evidence={evidence}
        canEdit={facilitiesPolicy.edit(ctx.actor)}
        thisYear={fiscalYearOf(ctx.app.now())}
        addItem={addItem ?? { values: {}, errors: [] }}
      />,
      status,
    );
  };

  const itemPage = async (
    c: AppContext,
    ctx: ServiceContext,
    fy: number,
    key: string,
    state?: { check?: FormState; photo?: FormState },
    status = 200,
  ) => {
    const list = await svc.getChecklist(ctx, fy);
    const line = lineOf(list, key);
    return renderPage(
      c,
      <ItemPage
        fiscalYear={fy}
        line={line}
        today={bangkokIsoDay(ctx.app.now())}
        check={state?.check ?? { values: {}, errors: [] }}
        photo={state?.photo ?? { values: {}, errors: [] }}
      />,
      status,
    );
  };

  app.get('/staff/facilities', async (c) => {
    const ctx = reader(c);
    return checklistPage(c, ctx, fyOf(c, ctx));
  });

  app.get('/staff/facilities/item', async (c) => {
    const ctx = editor(c);
    return itemPage(c, ctx, fyOf(c, ctx), c.req.query('item') ?? '');
  });

  app.post('/staff/facilities/item', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const key = c.req.query('item') ?? '';
    const { values } = await readForm(c);
    const dateText = formValue(values, 'checkedOn').trim();
    const parsed = dateText ? parseThaiDateInput(dateText) : null;
    const version = Number(formValue(values, 'version'));
    try {
      await svc.saveCheck(ctx, fy, key, {
        status: formValue(values, 'status'),
        // A date typed the Thai way (22/10/2567) is read too; an unreadable one is refused by name.
        checkedOn: dateText ? (parsed ? bangkokIsoDay(parsed) : dateText) : null,
        note: formValue(values, 'note'),
        version: Number.isInteger(version) ? version : -1,
      });
    } catch (e) {
      return itemPage(c, ctx, fy, key, { check: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'facilities.flash.saved');
    return c.redirect(checklistPath(fy, key), 303);
  });

  app.post('/staff/facilities/item/photos', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const key = c.req.query('item') ?? '';
    const { values, files } = await readForm(c);
    const f = files.photo;
    try {
      await svc.addPhoto(ctx, fy, key, {
        bytes: f ? new Uint8Array(await f.arrayBuffer()) : new Uint8Array(),
        name: f?.name ?? 'photo',
        caption: formValue(values, 'caption'),
      });
    } catch (e) {
      return itemPage(c, ctx, fy, key, { photo: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'facilities.flash.photoAdded');
    return c.redirect(`${itemPath(fy, key)}#photos`, 303);
  });

  app.post('/staff/facilities/photos/:id/delete', async (c) => {
    const ctx = reader(c);
    const { fiscalYear, itemKey } = await svc.removePhoto(ctx, rowIdParam(c));
    flash(c, 'facilities.flash.photoRemoved');
    return c.redirect(`${itemPath(fiscalYear, itemKey)}#photos`, 303);
  });

  /** Photos are served to signed-in staff of the organization only. */
  app.get('/staff/facilities/photos/:id', async (c) => {
    const ctx = reader(c);
    const { file, bytes } = await svc.photoFile(ctx, rowIdParam(c));
    return serveStoredFile(c, file, bytes);
  });

  app.post('/staff/facilities/items', async (c) => {
    const ctx = editor(c);
    const fy = fyOf(c, ctx);
    const { values } = await readForm(c);
    let added: svc.FacilityCheck;
    try {
      added = await svc.addCustomItem(ctx, fy, formValue(values, 'title'));
    } catch (e) {
      return checklistPage(c, ctx, fy, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    flash(c, 'facilities.flash.itemAdded');
    return c.redirect(checklistPath(fy, added.itemKey), 303);
  });

  app.post('/staff/facilities/items/:id/delete', async (c) => {
    const ctx = reader(c);
    const removed = await svc.removeCustomItem(ctx, rowIdParam(c));
    flash(c, 'facilities.flash.itemRemoved');
    return c.redirect(checklistPath(removed.fiscalYear), 303);
  });

  app.post('/staff/facilities/evidence', async (c) => {
    const ctx = reader(c);
    const fy = fyOf(c, ctx);
    const th = translator(ctx.app.catalogs, 'th'); // the measures report is an official Thai document
    const { created } = await svc.attachChecklistEvidence(ctx, fy, th('facilities.evidence.evidenceTitle', { year: fy }));
    flash(c, created ? 'facilities.flash.attached' : 'facilities.flash.alreadyAttached', created ? 'success' : 'info');
    return c.redirect(`${checklistPath(fy)}#evidence`, 303);
  });

  app.get('/staff/facilities/print', async (c) => {
    const ctx = reader(c);
    const list = await svc.getChecklist(ctx, fyOf(c, ctx));
    return renderPage(c, <PrintPage list={list} />);
  });

  app.get('/staff/facilities/checklist.pdf', async (c) => {
    const ctx = reader(c);
    const fy = fyOf(c, ctx);
    const pdf = await renderChecklistPdf(ctx, await svc.getChecklist(ctx, fy));
    return new Response(pdf, {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="facilities-checklist-${fy}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  });
}
