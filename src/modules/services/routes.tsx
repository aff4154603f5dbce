import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { siteOrigin } from '../../core/http/request.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { servicesPolicy } from './policy.js';
import { type PosterSize, renderPoster } from './poster.js';
import * as svc from './service.js';
import { ServiceGuidePage, ServiceListPage } from './views/public.js';
import { BLANK_ROWS, type EditorState, type EditorValues, type FormState, GuideEditPage, GuideListPage } from './views/staff.js';

function reader(c: AppContext): ServiceContext {
  ensureAllowed(servicesPolicy.read(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

function editor(c: AppContext): ServiceContext {
  ensureAllowed(servicesPolicy.edit(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

const fieldErrorsOf = (e: unknown) => formErrorsOf(e, [409, 422]);
const statusOf = formErrorStatus;

/** The guide as the editor shows it. */
export function editorValues(g: svc.ServiceGuide | null): EditorValues {
  return {
    title: g?.title ?? '',
    category: g?.category ?? '',
    divisionId: g?.divisionId ? String(g.divisionId) : '',
    queueServiceId: g?.queueServiceId ? String(g.queueServiceId) : '',
    summary: g?.summary ?? '',
    legalBasis: (g?.legalBasis ?? []).join('\n'),
    location: g?.location ?? '',
    hours: g?.hours ?? '',
    criteria: g?.criteria ?? '',
    complaintChannels: g?.complaintChannels ?? '',
    remarks: g?.remarks ?? '',
    sortOrder: g ? String(g.sortOrder) : '',
    steps: (g?.steps ?? []).map((s) => ({
      kind: s.kind,
      detail: s.detail,
      duration: String(s.duration),
      unit: s.unit,
      responsible: s.positionId ? `p:${s.positionId}` : s.divisionId ? `d:${s.divisionId}` : '',
      responsibleText: s.responsibleText ?? '',
      note: s.note ?? '',
    })),
    documents: (g?.documents ?? []).map((d) => ({
      group: d.group,
      name: d.name,
      issuer: d.issuer ?? '',
      originals: String(d.originals),
      copies: String(d.copies),
      unit: d.unit,
      note: d.note ?? '',
    })),
    fees: (g?.fees ?? []).map((f) => ({ item: f.item, amount: svc.bahtText(f.amount), note: f.note ?? '' })),
    reason: '',
  };
}

/**
 * The rows of a table in the form: `prefix.N.field`, in the order the editor typed in the
 * "order" boxes, without the rows ticked for removal and without wholly blank rows.
 */
function rowsOf<K extends string>(values: FormValues, prefix: string, keys: readonly K[]): Record<K, string>[] {
  const indexes = new Set<number>();
  const re = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`);
  for (const k of Object.keys(values)) {
    const m = re.exec(k);
    if (m) indexes.add(Number(m[1]));
  }
  const rows = [...indexes]
    .sort((a, b) => a - b)
    .map((i, pos) => {
      const row = Object.fromEntries(keys.map((k) => [k, formValue(values, `${prefix}.${i}.${k}`)])) as Record<K, string>;
      const order = Number(formValue(values, `${prefix}.${i}.order`));
      return {
        row,
        order: Number.isFinite(order) && formValue(values, `${prefix}.${i}.order`).trim() !== '' ? order : pos + 1,
        pos,
        removed: formValue(values, `${prefix}.${i}.remove`) === '1',
      };
    })
    .filter((r) => !r.removed)
    .sort((a, b) => a.order - b.order || a.pos - b.pos)
    .map((r) => r.row);
  // Blank spare rows are not part of the guide (the kind/unit/group selects always have a value).
  return rows.filter((r) => keys.some((k) => !['kind', 'unit', 'group'].includes(k) && r[k].trim() !== ''));
}

const STEP_KEYS = ['kind', 'detail', 'duration', 'unit', 'responsible', 'responsibleText', 'note'] as const;
const DOC_KEYS = ['group', 'name', 'issuer', 'originals', 'copies', 'unit', 'note'] as const;
const FEE_KEYS = ['item', 'amount', 'note'] as const;

export function valuesFromForm(values: FormValues): EditorValues {
  const v = (k: string) => formValue(values, k);
  return {
    title: v('title'),
    category: v('category'),
    divisionId: v('divisionId'),
    queueServiceId: v('queueServiceId'),
    summary: v('summary'),
    legalBasis: v('legalBasis'),
    location: v('location'),
    hours: v('hours'),
    criteria: v('criteria'),
    complaintChannels: v('complaintChannels'),
    remarks: v('remarks'),
    sortOrder: v('sortOrder'),
    steps: rowsOf(values, 'steps', STEP_KEYS),
    documents: rowsOf(values, 'documents', DOC_KEYS),
    fees: rowsOf(values, 'fees', FEE_KEYS),
    reason: v('reason'),
  };
}

export function draftOf(v: EditorValues): svc.GuideDraft {
  return {
    ...v,
    steps: v.steps.map((s) => {
      const [kind, id] = s.responsible.split(':');
      return {
        kind: s.kind,
        detail: s.detail,
        duration: s.duration,
        unit: s.unit,
        divisionId: kind === 'd' ? (id ?? 'x') : null,
        positionId: kind === 'p' ? (id ?? 'x') : s.responsible && kind !== 'd' ? 'x' : null,
        responsibleText: s.responsibleText,
        note: s.note,
      };
    }),
  };
}

const blankState = (g: svc.ServiceGuide | null): EditorState => ({ values: editorValues(g), errors: [], extra: { ...BLANK_ROWS } });
const noForm = (): FormState => ({ values: {}, errors: [] });

function posterSize(s: string | undefined): PosterSize {
  if (s === undefined || s === '' || s.toUpperCase() === 'A4') return 'A4';
  if (s.toUpperCase() === 'A3') return 'A3';
  throw notFound();
}

/** The poster PDF response of a published guide (shared with the API). */
export async function posterResponse(c: AppContext, id: number, size: PosterSize): Promise<Response> {
  const ctx = serviceContext(c);
  const view = await svc.getPublishedGuide(ctx, id);
  const pdf = await renderPoster(ctx, view, { size, url: `${siteOrigin(c)}${svc.guidePath(id)}` });
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="service-${id}-poster-${size}.pdf"`,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}

export function routes(app: Hono<AppEnv>) {
  // ---------------------------------------------------------------- public

  app.get('/services', (c) =>
    c.get('pages').respond(c, async () => renderToString(c, <ServiceListPage guides={await svc.listPublishedGuides(serviceContext(c))} />)),
  );

  const queueHref = (view: svc.GuideView) =>
    view.guide.queueServiceId && view.queueServiceName ? `/queue/online?service=${view.guide.queueServiceId}` : null;

  app.get('/services/:id', (c) => {
    const id = rowIdParam(c);
    return c.get('pages').respond(c, async () => {
      const view = await svc.getPublishedGuide(serviceContext(c), id);
      return renderToString(c, <ServiceGuidePage view={view} org={orgOf(c)} queueHref={queueHref(view)} />);
    });
  });

  app.get('/services/:id/poster.pdf', (c) => posterResponse(c, rowIdParam(c), posterSize(c.req.query('size'))));

  app.get('/services/:id/files/:fileId', async (c) => {
    const { file, bytes } = await svc.publicGuideFile(serviceContext(c), rowIdParam(c), rowIdParam(c, 'fileId'));
    return serveStoredFile(c, file, bytes);
  });

  // ---------------------------------------------------------------- staff

  const editPage = async (
    c: AppContext,
    ctx: ServiceContext,
    guide: svc.ServiceGuide | null,
    over: { state?: EditorState; upload?: FormState; withdraw?: FormState; publishErrors?: FieldError[] } = {},
    status = 200,
  ) => {
    const [choices, view] = await Promise.all([svc.editorChoices(ctx), guide ? svc.getGuide(ctx, guide.id) : null]);
    return renderPage(
      c,
      <GuideEditPage
        guide={view?.guide ?? null}
        files={view?.files ?? []}
        choices={choices}
        state={over.state ?? blankState(view?.guide ?? null)}
        upload={over.upload ?? noForm()}
        withdraw={over.withdraw ?? noForm()}
        publishErrors={over.publishErrors ?? []}
        canEdit={servicesPolicy.edit(ctx.actor)}
      />,
      status,
    );
  };

  app.get('/staff/services', async (c) => {
    const ctx = reader(c);
    return renderPage(c, <GuideListPage guides={await svc.listGuides(ctx)} canEdit={servicesPolicy.edit(ctx.actor)} />);
  });

  app.get('/staff/services/new', async (c) => editPage(c, editor(c), null));

  /** "Add rows" re-shows the form with more blank rows, saving nothing; else the save. */
  const addRows = (values: FormValues, v: EditorValues): EditorState | null => {
    const intent = formValue(values, 'intent');
    const extra = { ...BLANK_ROWS };
    if (intent === 'addSteps') extra.steps += 3;
    else if (intent === 'addDocuments') extra.documents += 3;
    else if (intent === 'addFees') extra.fees += 3;
    else return null;
    return { values: v, errors: [], extra };
  };

  app.post('/staff/services', async (c) => {
    const ctx = editor(c);
    const { values } = await readForm(c);
    const v = valuesFromForm(values);
    const more = addRows(values, v);
    if (more) return editPage(c, ctx, null, { state: more });
    let created: svc.ServiceGuide;
    try {
      created = await svc.createGuide(ctx, draftOf(v));
    } catch (e) {
      return editPage(c, ctx, null, { state: { values: v, errors: fieldErrorsOf(e), extra: { ...BLANK_ROWS } } }, statusOf(e));
    }
    flash(c, 'services.flash.created');
    return c.redirect(`/staff/services/${created.id}`, 303);
  });

  app.get('/staff/services/:id', async (c) => {
    const ctx = reader(c);
    const view = await svc.getGuide(ctx, rowIdParam(c));
    return editPage(c, ctx, view.guide);
  });

  app.get('/staff/services/:id/preview', async (c) => {
    const ctx = reader(c);
    const view = await svc.getGuide(ctx, rowIdParam(c));
    return renderPage(c, <ServiceGuidePage view={view} org={orgOf(c)} queueHref={queueHref(view)} />);
  });

  app.post('/staff/services/:id', async (c) => {
    const ctx = editor(c);
    const guide = (await svc.getGuide(ctx, rowIdParam(c))).guide;
    const { values } = await readForm(c);
    const v = valuesFromForm(values);
    const more = addRows(values, v);
    if (more) return editPage(c, ctx, guide, { state: more });
    const version = Number(formValue(values, 'version'));
    try {
      await svc.updateGuide(ctx, guide.id, draftOf(v), { version: Number.isInteger(version) ? version : -1, reason: v.reason });
    } catch (e) {
      return editPage(c, ctx, guide, { state: { values: v, errors: fieldErrorsOf(e), extra: { ...BLANK_ROWS } } }, statusOf(e));
    }
    flash(c, guide.status === 'published' ? 'services.flash.newVersion' : 'services.flash.saved');
    return c.redirect(`/staff/services/${guide.id}`, 303);
  });

  app.post('/staff/services/:id/publish', async (c) => {
    const ctx = editor(c);
    const guide = (await svc.getGuide(ctx, rowIdParam(c))).guide;
    const { values } = await readForm(c);
    const version = Number(formValue(values, 'version'));
    try {
      await svc.publishGuide(ctx, guide.id, { version: Number.isInteger(version) ? version : -1 });
    } catch (e) {
      return editPage(c, ctx, guide, { publishErrors: fieldErrorsOf(e).map((x) => ({ ...x, field: '_' })) }, statusOf(e));
    }
    flash(c, 'services.flash.published');
    return c.redirect(`/staff/services/${guide.id}`, 303);
  });

  app.post('/staff/services/:id/withdraw', async (c) => {
    const ctx = editor(c);
    const guide = (await svc.getGuide(ctx, rowIdParam(c))).guide;
    const { values } = await readForm(c);
    try {
      await svc.withdrawGuide(ctx, guide.id, { reason: formValue(values, 'reason') });
    } catch (e) {
      return editPage(
        c,
        ctx,
        guide,
        { withdraw: { values: { reason: formValue(values, 'reason') }, errors: fieldErrorsOf(e) } },
        statusOf(e),
      );
    }
    flash(c, 'services.flash.withdrawn');
    return c.redirect(`/staff/services/${guide.id}`, 303);
  });

  app.post('/staff/services/:id/files', async (c) => {
    const ctx = editor(c);
    const guide = (await svc.getGuide(ctx, rowIdParam(c))).guide;
    const { values, files } = await readForm(c);
    const f = files.file;
    const kind = formValue(values, 'kind');
    const name = formValue(values, 'name');
    try {
      await svc.addGuideFile(ctx, guide.id, {
        bytes: f ? new Uint8Array(await f.arrayBuffer()) : new Uint8Array(),
        fileName: f?.name ?? 'form',
        kind,
        name,
      });
    } catch (e) {
      return editPage(c, ctx, guide, { upload: { values: { kind, name }, errors: fieldErrorsOf(e) } }, statusOf(e));
    }
    flash(c, 'services.flash.fileAdded');
    return c.redirect(`/staff/services/${guide.id}#forms`, 303);
  });

  app.post('/staff/services/:id/files/:fileId/delete', async (c) => {
    const ctx = editor(c);
    const id = rowIdParam(c);
    await svc.removeGuideFile(ctx, id, rowIdParam(c, 'fileId'));
    flash(c, 'services.flash.fileRemoved');
    return c.redirect(`/staff/services/${id}#forms`, 303);
  });

  app.get('/staff/services/:id/files/:fileId', async (c) => {
    const { file, bytes } = await svc.staffGuideFile(reader(c), rowIdParam(c), rowIdParam(c, 'fileId'));
    return serveStoredFile(c, file, bytes);
  });
}
