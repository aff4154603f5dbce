import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import { csvBytes, csvField } from '../../core/http/csv.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { AppError, type FieldError, notFound } from '../../core/http/errors.js';
import { emptyForm, type FormState, type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { translator } from '../../core/i18n/i18n.js';
import { bangkokIsoDay, formatThaiDate, formatThaiDateTime, parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { getOrganization } from '../organization/service.js';
import { CIRCULAR_SERIES, formatRegisterNumber } from '../register/service.js';
import { renderReportPdf } from './pdf.js';
import { circularsPolicy } from './policy.js';
import * as svc from './service.js';
import { DetailPage, type DetailState, EditPage, ListPage, PendingPage } from './views/pages.js';

const reader = (c: AppContext): ServiceContext => allowedContext(c, circularsPolicy.read);
const manager = (c: AppContext): ServiceContext => allowedContext(c, circularsPolicy.manage);
const reporter = (c: AppContext): ServiceContext => allowedContext(c, circularsPolicy.report);

function fieldErrorsOf(e: unknown): FieldError[] {
  if (e instanceof AppError && e.fields.length > 0) return e.fields;
  if (e instanceof AppError && (e.status === 409 || e.status === 422))
    return [{ field: '_', label: '', message: e.messageKey, params: e.params }];
  throw e;
}
const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 422);

/** A day typed the Thai way (26/11/2569) or ISO; unreadable text is passed on for the service to refuse by name. */
function dayInput(text: string): string {
  const s = text.trim();
  if (!s) return '';
  const d = parseThaiDateInput(s);
  return d ? bangkokIsoDay(d) : s;
}

function inputOf(values: FormValues): svc.CircularInput {
  const ids = values.divisionIds;
  const list = (Array.isArray(ids) ? ids : ids ? [ids] : []).filter((x) => x !== '');
  return {
    kind: formValue(values, 'kind'),
    title: formValue(values, 'title'),
    body: formValue(values, 'body'),
    dated: dayInput(formValue(values, 'dated')),
    signerName: formValue(values, 'signerName'),
    signerPosition: formValue(values, 'signerPosition'),
    audience: { all: formValue(values, 'audience') !== 'divisions', divisionIds: list.map((x) => (/^\d{1,9}$/.test(x) ? Number(x) : -1)) },
    ackDueOn: dayInput(formValue(values, 'ackDueOn')) || null,
  };
}

const pdfResponse = (bytes: Uint8Array, name: string, download = false) =>
  new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${name}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });

export function routes(app: Hono<AppEnv>) {
  const formDefaults = async (ctx: ServiceContext) => {
    const org = await getOrganization(ctx);
    return {
      dated: formatThaiDate(ctx.app.now(), { style: 'numeric' }),
      signerName: '',
      // The document is Thai whatever the page's language: the default position too.
      signerPosition: translator(ctx.app.catalogs, 'th')('circulars.defaultSignerPosition', { org: org.names.full }),
    };
  };

  const editPage = async (c: AppContext, ctx: ServiceContext, circular: svc.Circular | null, form: FormState, status = 200) =>
    renderPage(
      c,
      <EditPage circular={circular} form={form} divisions={await svc.divisionOptions(ctx)} defaults={await formDefaults(ctx)} />,
      status,
    );

  const detailPage = async (c: AppContext, ctx: ServiceContext, id: number, state: Partial<DetailState> = {}, status = 200) => {
    const circular = await svc.getCircular(ctx, id);
    const canManage = circularsPolicy.manage(ctx.actor);
    const [versions, report, mine, divisions, number, org] = await Promise.all([
      svc.listVersions(ctx, id),
      circularsPolicy.report(ctx.actor) ? svc.completionReport(ctx, id) : Promise.resolve(null),
      svc.myAcknowledgements(ctx, id),
      svc.divisionOptions(ctx),
      svc.registerNumberOf(ctx, circular),
      getOrganization(ctx),
    ]);
    const isRecipient = await svc.amRecipient(ctx, id);
    return renderPage(
      c,
      <DetailPage
        circular={circular}
        versions={versions}
        report={report}
        mine={mine}
        isRecipient={isRecipient}
        canManage={canManage}
        number={number ? formatRegisterNumber(org.docCode, CIRCULAR_SERIES, number) : null}
        divisionNames={divisions.filter((d) => circular.audience.divisionIds.includes(d.id)).map((d) => d.name)}
        state={{ circulate: emptyForm(), paper: emptyForm(), withdraw: emptyForm(), ack: emptyForm(), ...state }}
      />,
      status,
    );
  };

  const pendingPage = async (
    c: AppContext,
    ctx: ServiceContext,
    errors: { id: number; errors: FieldError[] } | null = null,
    status = 200,
  ) => {
    const items = await svc.pendingFor(ctx);
    return renderPage(
      c,
      <PendingPage items={items.map((p) => ({ ...p, textCurrent: p.circular.updatedAt <= p.version.createdAt }))} errors={errors} />,
      status,
    );
  };

  app.get('/staff/circulars', async (c) => {
    const ctx = reader(c);
    const [items, pending] = await Promise.all([svc.listCirculars(ctx), svc.pendingCount(ctx)]);
    return renderPage(c, <ListPage items={items} canManage={circularsPolicy.manage(ctx.actor)} pending={pending} />);
  });

  app.get('/staff/circulars/pending', async (c) => pendingPage(c, reader(c)));

  app.get('/staff/circulars/new', async (c) => {
    const ctx = manager(c);
    return editPage(c, ctx, null, emptyForm());
  });

  app.post('/staff/circulars/new', async (c) => {
    const ctx = manager(c);
    const { values } = await readForm(c);
    let created: svc.Circular;
    try {
      created = await svc.createCircular(ctx, inputOf(values));
    } catch (e) {
      return editPage(c, ctx, null, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    flash(c, 'circulars.flash.created');
    return c.redirect(`/staff/circulars/${created.id}`, 303);
  });

  app.get('/staff/circulars/:id', async (c) => detailPage(c, reader(c), rowIdParam(c)));

  app.get('/staff/circulars/:id/edit', async (c) => {
    const ctx = manager(c);
    const circular = await svc.getCircular(ctx, rowIdParam(c));
    if (circular.status === 'withdrawn') throw notFound();
    return editPage(c, ctx, circular, emptyForm());
  });

  app.post('/staff/circulars/:id/edit', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    const circular = await svc.getCircular(ctx, id);
    const { values } = await readForm(c);
    try {
      await svc.updateCircular(ctx, id, inputOf(values));
    } catch (e) {
      return editPage(c, ctx, circular, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    flash(c, 'circulars.flash.saved');
    return c.redirect(`/staff/circulars/${id}`, 303);
  });

  app.get('/staff/circulars/:id/preview.pdf', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    return pdfResponse(await svc.previewPdf(ctx, id), `circular-${id}-preview.pdf`);
  });

  app.get('/staff/circulars/:id/versions/:file', async (c) => {
    const ctx = reader(c);
    const m = /^(\d{1,5})\.pdf$/.exec(c.req.param('file'));
    if (!m) throw notFound();
    const { file, bytes } = await svc.versionFile(ctx, rowIdParam(c), Number(m[1]));
    if (c.req.query('download') === '1') {
      const res = serveStoredFile(c, file, bytes);
      res.headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      return res;
    }
    return serveStoredFile(c, file, bytes);
  });

  app.post('/staff/circulars/:id/circulate', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await svc.circulate(ctx, id, { changeNote: formValue(values, 'changeNote') });
    } catch (e) {
      return detailPage(c, ctx, id, { circulate: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'circulars.flash.circulated');
    return c.redirect(`/staff/circulars/${id}`, 303);
  });

  app.post('/staff/circulars/:id/acknowledge', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const back = formValue(values, 'back') === '/staff/circulars/pending' ? '/staff/circulars/pending' : `/staff/circulars/${id}`;
    const confirmed = ([] as string[]).concat(values[`confirm-${id}`] ?? []).includes('yes');
    const fail = (errors: FieldError[], status: number) =>
      back === '/staff/circulars/pending'
        ? pendingPage(c, ctx, { id, errors }, status)
        : detailPage(c, ctx, id, { ack: { values, errors } }, status);
    if (!confirmed) {
      // Still 404 for someone who may not see it.
      await svc.getCircular(ctx, id);
      return fail([{ field: 'confirm', label: 'circulars.fields.confirm', message: 'circulars.errors.confirmRequired' }], 422);
    }
    const version = Number(formValue(values, 'version'));
    try {
      await svc.acknowledge(ctx, id, { version: Number.isInteger(version) ? version : -1, sha256: formValue(values, 'sha256') });
    } catch (e) {
      return fail(fieldErrorsOf(e), statusOf(e));
    }
    flash(c, 'circulars.flash.acknowledged');
    return c.redirect(back, 303);
  });

  app.post('/staff/circulars/:id/remind', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    const n = await svc.remindPending(ctx, id);
    flash(c, n ? 'circulars.flash.reminded' : 'circulars.flash.remindedNone', n ? 'success' : 'info');
    return c.redirect(`/staff/circulars/${id}#rep-h`, 303);
  });

  app.post('/staff/circulars/:id/paper', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const staffId = Number(formValue(values, 'staffId'));
    try {
      await svc.recordPaperAck(ctx, id, { staffId: Number.isInteger(staffId) ? staffId : -1, on: dayInput(formValue(values, 'on')) });
    } catch (e) {
      return detailPage(c, ctx, id, { paper: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'circulars.flash.paper');
    return c.redirect(`/staff/circulars/${id}#rep-h`, 303);
  });

  app.post('/staff/circulars/:id/publish', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    try {
      await svc.publishOnPortal(ctx, id);
    } catch (e) {
      return detailPage(c, ctx, id, { withdraw: { values: {}, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'circulars.flash.published');
    return c.redirect(`/staff/circulars/${id}`, 303);
  });

  app.post('/staff/circulars/:id/withdraw', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await svc.withdrawCircular(ctx, id, formValue(values, 'reason'));
    } catch (e) {
      return detailPage(c, ctx, id, { withdraw: { values, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'circulars.flash.withdrawn');
    return c.redirect(`/staff/circulars/${id}`, 303);
  });

  app.get('/staff/circulars/:id/report.pdf', async (c) => {
    const ctx = reporter(c);
    const id = rowIdParam(c);
    const report = await svc.completionReport(ctx, id);
    if (!report.version) throw notFound();
    const org = await getOrganization(ctx);
    const by = await svc.reportSigner(ctx, org);
    return pdfResponse(await renderReportPdf(ctx, report, by), `circular-${id}-report.pdf`);
  });

  app.get('/staff/circulars/:id/report.csv', async (c) => {
    const ctx = reporter(c);
    const id = rowIdParam(c);
    const report = await svc.completionReport(ctx, id);
    const t = translator(ctx.app.catalogs, c.get('locale'));
    const rows: string[][] = [
      ['division', 'name', 'position', 'status', 'at', 'version', 'method'].map((k) => csvField(t(`circulars.csv.${k}`))),
    ];
    for (const g of report.groups)
      for (const r of g.rows)
        rows.push([
          csvField(g.divisionName ?? t('circulars.view.noDivision'), true),
          csvField(r.name, true),
          csvField(r.position ?? '', true),
          csvField(r.ack ? t('circulars.csv.acknowledged') : t('circulars.view.notYet')),
          csvField(r.ack ? formatThaiDateTime(r.ack.at) : ''),
          r.ack ? csvField(r.ack.version) : '',
          csvField(r.ack ? t(`circulars.methods.${r.ack.method}`) : ''),
        ]);
    return new Response(csvBytes(rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="circular-${id}-report.csv"`,
        'cache-control': 'private, no-store',
      },
    });
  });
}
