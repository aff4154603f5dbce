import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { type FormState, type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId, rowIdParam } from '../../core/http/ids.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import * as cases from './cases.js';
import type { ReporterIdentity } from './identity.js';
import { complaintsPolicy } from './policy.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintCategory, type ComplaintChannel, type ComplaintStatus } from './schema.js';
import { type CaseForm, CasePage, ListPage, RecordPage, RoutingPage } from './views/staff-cases.js';

/**
 * The officers' pages: /staff/complaints (list), /staff/complaints/new (record a letter, call or
 * visit), /staff/complaints/routing, /staff/complaints/:id (the case and its forms, each posting
 * to its own path and coming back with a 303), attachments as downloads. Nothing here is cached:
 * every response carries Cache-Control: no-store (the reveal's above all).
 */

const officer = (c: AppContext): ServiceContext => {
  const ctx = allowedContext(c, complaintsPolicy.handle);
  c.header('Cache-Control', 'no-store');
  return ctx;
};

const configurer = (c: AppContext): ServiceContext => {
  const ctx = allowedContext(c, complaintsPolicy.configure);
  c.header('Cache-Control', 'no-store');
  return ctx;
};

/** The receipt code of a complaint an officer just recorded: held for the next page only, sealed. */
const RECEIPT_COOKIE = 'cmp_recorded';
const receiptContext = (ctx: ServiceContext, id: number) => `complaint-recorded:${ctx.orgId}:${id}:${ctx.actor?.userId ?? 0}`;

const FORM_STATUSES = [409, 422] as const;

function filterOf(c: AppContext): cases.CaseFilter {
  const q = (k: string) => c.req.queries(k) ?? [];
  const flags = new Set([...q('flags'), ...q('flags[]')]);
  const status = c.req.query('status');
  const category = c.req.query('category');
  const on = (k: string) => c.req.query(k) === '1' || flags.has(k);
  return {
    status:
      status === 'open'
        ? 'open'
        : (COMPLAINT_STATUSES as readonly string[]).includes(status ?? '')
          ? (status as ComplaintStatus)
          : undefined,
    category: (COMPLAINT_CATEGORIES as readonly string[]).includes(category ?? '') ? (category as ComplaintCategory) : undefined,
    overdue: on('overdue') || undefined,
    mine: on('mine') || undefined,
    unassigned: on('unassigned') || undefined,
  };
}

const dayInput = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${(y ?? 0) + 543}`;
};

/** A typed day (26/11/2569, or 2026-11-26) as 'YYYY-MM-DD', or the text as typed (refused by the service). */
function dayOf(text: string): string {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = parseThaiDateInput(s);
  return d ? bangkokIsoDay(d) : s;
}

function identityOf(values: FormValues): ReporterIdentity {
  return {
    name: formValue(values, 'name'),
    phone: formValue(values, 'phone'),
    email: formValue(values, 'email'),
    address: formValue(values, 'address'),
  };
}

export function routes(app: Hono<AppEnv>) {
  const casePage = async (
    c: AppContext,
    ctx: ServiceContext,
    id: number,
    opts: { forms?: Partial<Record<CaseForm, FormState>>; revealed?: ReporterIdentity; receiptCode?: string | null } = {},
    status = 200,
  ) => {
    const detail = await cases.getCase(ctx, id);
    return renderPage(c, <CasePage detail={detail} forms={opts.forms} revealed={opts.revealed} receiptCode={opts.receiptCode} />, status);
  };

  app.get('/staff/complaints', async (c) => {
    const ctx = officer(c);
    const filter = filterOf(c);
    const rows = await cases.listCases(ctx, filter);
    return renderPage(c, <ListPage rows={rows} filter={filter} canConfigure={complaintsPolicy.configure(ctx.actor)} />);
  });

  app.get('/staff/complaints/new', async (c) => {
    const ctx = officer(c);
    return renderPage(c, <RecordPage form={{ values: {}, errors: [] }} today={dayInput(bangkokIsoDay(ctx.app.now()))} />);
  });

  app.post('/staff/complaints/new', async (c) => {
    const ctx = officer(c);
    const { values } = await readForm(c);
    let created: { id: number; receiptCode: string };
    try {
      created = await cases.recordComplaint(ctx, {
        channel: formValue(values, 'channel') as ComplaintChannel,
        receivedOn: dayOf(formValue(values, 'receivedOn')),
        category: formValue(values, 'category') as ComplaintCategory,
        subject: formValue(values, 'subject'),
        description: formValue(values, 'description'),
        occurredWhen: formValue(values, 'occurredWhen'),
        place: formValue(values, 'place'),
        involved: formValue(values, 'involved'),
        identity: identityOf(values),
        mayContact: (values.mayContact ?? []).includes('yes'),
      });
    } catch (e) {
      const errors = formErrorsOf(e, FORM_STATUSES);
      return renderPage(c, <RecordPage form={{ values, errors }} today={dayInput(bangkokIsoDay(ctx.app.now()))} />, formErrorStatus(e));
    }
    setCookie(c, RECEIPT_COOKIE, ctx.app.secrets.seal(created.receiptCode, receiptContext(ctx, created.id)), {
      path: `/staff/complaints/${created.id}`,
      httpOnly: true,
      secure: new URL(c.req.url).protocol === 'https:',
      sameSite: 'Strict',
      maxAge: 600,
    });
    flash(c, 'complaints.staff.flash.recorded');
    return c.redirect(`/staff/complaints/${created.id}`, 303);
  });

  app.get('/staff/complaints/routing', async (c) => {
    const ctx = configurer(c);
    const r = await cases.getRouting(ctx);
    return renderPage(c, <RoutingPage routes={r.routes} officers={r.officers} form={{ values: {}, errors: [] }} />);
  });

  app.post('/staff/complaints/routing', async (c) => {
    const ctx = configurer(c);
    const { values } = await readForm(c);
    const table: Record<string, number | null> = {};
    for (const cat of COMPLAINT_CATEGORIES) {
      const raw = formValue(values, `route_${cat}`);
      table[cat] = raw ? (parseRowId(raw) ?? -1) : null;
    }
    try {
      await cases.setRouting(ctx, table);
    } catch (e) {
      const errors = formErrorsOf(e, FORM_STATUSES);
      const r = await cases.getRouting(ctx);
      return renderPage(c, <RoutingPage routes={r.routes} officers={r.officers} form={{ values, errors }} />, formErrorStatus(e));
    }
    flash(c, 'complaints.staff.flash.routingSaved');
    return c.redirect('/staff/complaints/routing', 303);
  });

  app.get('/staff/complaints/:id', async (c) => {
    const ctx = officer(c);
    const id = rowIdParam(c);
    // Throws 404 before anything else when the case is not readable.
    await cases.getCase(ctx, id);
    let receiptCode: string | null = null;
    const sealed = getCookie(c, RECEIPT_COOKIE);
    if (sealed) {
      deleteCookie(c, RECEIPT_COOKIE, { path: `/staff/complaints/${id}` });
      try {
        receiptCode = ctx.app.secrets.open(sealed, receiptContext(ctx, id));
      } catch {
        receiptCode = null;
      }
    }
    return casePage(c, ctx, id, { receiptCode });
  });

  /** Attachments: to officers who may read the case only, always as a download, never sniffed. */
  app.get('/staff/complaints/:id/attachments/:attachmentId', async (c) => {
    const ctx = officer(c);
    const { file, bytes } = await cases.attachmentFile(ctx, rowIdParam(c), rowIdParam(c, 'attachmentId'));
    c.header('Content-Type', file.mime);
    c.header('Content-Length', String(bytes.byteLength));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return c.body(new Uint8Array(bytes));
  });

  const update = (form: CaseForm, read: (values: FormValues) => cases.CaseUpdate, flashKey: string, anchor: string) =>
    app.post(`/staff/complaints/:id/${form}`, async (c) => {
      const ctx = officer(c);
      const id = rowIdParam(c);
      const { values } = await readForm(c);
      try {
        await cases.updateCase(ctx, id, read(values));
      } catch (e) {
        const errors = formErrorsOf(e, FORM_STATUSES);
        return casePage(c, ctx, id, { forms: { [form]: { values, errors } } }, formErrorStatus(e));
      }
      flash(c, flashKey);
      // Setting the concerns to include oneself hides the case from oneself: back to the list then.
      try {
        await cases.getCase(ctx, id);
      } catch {
        return c.redirect('/staff/complaints', 303);
      }
      return c.redirect(`/staff/complaints/${id}${anchor}`, 303);
    });

  update(
    'status',
    (v) => ({
      status: (formValue(v, 'status') || undefined) as ComplaintStatus | undefined,
      expectedStatus: (formValue(v, 'expectedStatus') || undefined) as ComplaintStatus | undefined,
      reason: formValue(v, 'reason'),
    }),
    'complaints.staff.flash.statusSaved',
    '#history',
  );
  update('message', (v) => ({ message: formValue(v, 'message') }), 'complaints.staff.flash.messageSent', '#history');
  update('note', (v) => ({ note: formValue(v, 'note') }), 'complaints.staff.flash.noteAdded', '#history');
  update(
    'assign',
    (v) => {
      const raw = formValue(v, 'assignedUserId');
      return { assignedUserId: raw ? (parseRowId(raw) ?? -1) : null };
    },
    'complaints.staff.flash.assigned',
    '#assign-form',
  );
  update(
    'concerns',
    (v) => ({
      concernsUserIds: (Array.isArray(v.concernsUserIds) ? v.concernsUserIds : []).filter(Boolean).map((s) => parseRowId(s) ?? -1),
    }),
    'complaints.staff.flash.concernsSaved',
    '#concerns-form',
  );

  /** The reveal: the identity is on this response only (not a redirect, nothing stored, no-store). */
  app.post('/staff/complaints/:id/reveal', async (c) => {
    const ctx = officer(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    let identity: ReporterIdentity;
    try {
      identity = await cases.revealIdentity(ctx, id, formValue(values, 'reason'));
    } catch (e) {
      const errors = formErrorsOf(e, FORM_STATUSES);
      return casePage(c, ctx, id, { forms: { reveal: { values, errors } } }, formErrorStatus(e));
    }
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return casePage(c, ctx, id, { revealed: identity });
  });
}
