import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, ValidationError } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { isSecureRequest } from '../../core/http/request.js';
import { qrSvg } from '../../core/qr.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { renderPage } from '../../core/ui/render.js';
import { surveyHrefForTicket } from '../surveys/responses.js';
import { queuePolicy } from './policy.js';
import {
  activeOnlineTicket,
  getQueueSettings,
  getTicketByToken,
  holidayOn,
  issueTicket,
  listPriorityGroups,
  listServices,
  normalizePhone,
} from './service.js';
import { FrontDeskPage } from './views/front-desk.js';
import { KioskPage, type KioskPageProps, kioskStart } from './views/kiosk.js';
import { OnlineClosedPage, OnlinePage } from './views/online.js';
import { GENERAL, type Paper, parsePaper } from './views/public-common.js';
import { StatusPage } from './views/status.js';
import { TicketPrintPage } from './views/ticket-print.js';

/** A long-lived random id of the citizen's browser: one active online ticket per device. */
export const DEVICE_COOKIE = 'prongsai_queue_device';
const DEVICE_ID = /^[A-Za-z0-9_-]{20,64}$/;

/** Kiosk and online tickets are taken as the public, whoever may be signed in on that browser. */
const publicCtx = (c: AppContext) => ({ ...serviceContext(c), actor: null });

/** A fresh key per rendered form: pressing twice sends the same key, and gets the same ticket. */
const newKey = (kind: string) => `${kind}-${randomBytes(16).toString('base64url')}`;

function siteOrigin(c: AppContext): string {
  const config = c.get('app').config;
  const host = (config.trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host') || new URL(c.req.url).host;
  return `${isSecureRequest(c) ? 'https' : 'http'}://${host}`;
}

function printHref(token: string, from: 'kiosk' | 'desk', paper: Paper): string {
  return `/queue/ticket/${token}/print?print=1&from=${from}&paper=${paper}`;
}

/** A refusal the citizen should read (closed, holiday, too many, unknown): not a sign-in or permission problem. */
function userFacing(e: unknown): e is AppError {
  return e instanceof AppError && e.status !== 401 && e.status !== 403;
}

function refusalText(c: AppContext, e: AppError): string {
  const t = c.get('t');
  if (e instanceof ValidationError && e.fields[0]) {
    const f = e.fields[0];
    return t(f.message, { ...(f.params ?? {}), field: f.label ? t(f.label) : '' });
  }
  return t(e.messageKey, e.params);
}

function deviceId(c: AppContext): string {
  const existing = getCookie(c, DEVICE_COOKIE);
  if (existing && DEVICE_ID.test(existing)) return existing;
  const id = randomBytes(24).toString('base64url');
  setCookie(c, DEVICE_COOKIE, id, {
    path: '/queue',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureRequest(c),
    maxAge: 400 * 24 * 3600, // the longest browsers keep a cookie
  });
  return id;
}

/** The chosen priority group's id text, or '' for "general" (none). */
function groupValue(values: FormValues): string {
  const v = formValue(values, 'priorityGroupId');
  return v === GENERAL ? '' : v;
}

const noStore = (c: AppContext) => c.header('Cache-Control', 'no-store');

export function publicRoutes(app: Hono<AppEnv>) {
  // ---------------------------------------------------------------------------------------------
  // Kiosk: service → priority group → ticket (printed)

  const kiosk = async (c: AppContext, over: Partial<KioskPageProps> & { serviceId?: number | null; paper: Paper }, status = 200) => {
    const ctx = publicCtx(c);
    const [settings, services, groups, holiday] = await Promise.all([
      getQueueSettings(ctx),
      listServices(ctx),
      listPriorityGroups(ctx),
      holidayOn(ctx, bangkokIsoDay(ctx.app.now())),
    ]);
    const chosen = over.serviceId
      ? services.find((s) => s.service.id === over.serviceId && s.openNow && (!holiday || s.service.alwaysOpen))
      : undefined;
    const step = over.step ?? (chosen && groups.length > 0 ? 'group' : 'services');
    noStore(c);
    return renderPage(
      c,
      <KioskPage
        step={step}
        services={services}
        groups={groups}
        selected={chosen?.service ?? null}
        idempotencyKey={newKey('kiosk')}
        paper={over.paper}
        holiday={holiday}
        error={over.error ?? null}
        returnSeconds={settings.kioskReturnSeconds}
      />,
      status,
    );
  };

  app.get('/queue/kiosk', (c) => kiosk(c, { serviceId: parseRowId(c.req.query('service')), paper: parsePaper(c.req.query('paper')) }));

  app.post('/queue/kiosk', async (c) => {
    const { values } = await readForm(c);
    const paper = parsePaper(formValue(values, 'paper'));
    const serviceId = parseRowId(formValue(values, 'serviceId'));
    const group = groupValue(values);
    try {
      if (serviceId === null) throw new AppError(404, 'not_found', 'queue.errors.unknownService');
      const priorityGroupId = group ? parseRowId(group) : null;
      if (group && priorityGroupId === null) throw new AppError(404, 'not_found', 'queue.errors.unknownGroup');
      const issued = await issueTicket(publicCtx(c), {
        serviceId,
        priorityGroupId,
        channel: 'kiosk',
        idempotencyKey: formValue(values, 'key') || null,
      });
      return c.redirect(printHref(issued.ticket.publicToken, 'kiosk', paper), 303);
    } catch (e) {
      if (!userFacing(e)) throw e;
      return kiosk(c, { step: 'error', error: refusalText(c, e), paper }, e.status);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // The printed ticket (also its on-screen preview; reprints)

  app.get('/queue/ticket/:token/print', async (c) => {
    const token = c.req.param('token');
    const ctx = publicCtx(c);
    const [ticket, settings] = await Promise.all([getTicketByToken(ctx, token), getQueueSettings(ctx)]);
    const paper = parsePaper(c.req.query('paper'));
    const fromQ = c.req.query('from');
    // 'frontdesk': issued from the first-contact point's log, which the clerk goes back to.
    const from = fromQ === 'kiosk' || fromQ === 'desk' ? fromQ : fromQ === 'frontdesk' ? 'desk' : null;
    const qr = await qrSvg(`${siteOrigin(c)}/queue/t/${token}`, { label: c.get('t')('queue.public.ticket.qr') });
    const doneHref =
      from === 'kiosk'
        ? kioskStart(paper)
        : fromQ === 'frontdesk'
          ? '/staff/frontdesk'
          : from === 'desk'
            ? `/staff/queue/issue?paper=${paper}`
            : `/queue/t/${token}`;
    noStore(c);
    return renderPage(
      c,
      <TicketPrintPage
        ticket={ticket}
        token={token}
        qr={qr}
        paper={paper}
        from={from}
        autoPrint={c.req.query('print') === '1'}
        doneHref={doneHref}
        returnSeconds={settings.kioskReturnSeconds}
      />,
    );
  });

  // ---------------------------------------------------------------------------------------------
  // Live status (the QR on the ticket)

  app.get('/queue/t/:token', async (c) => {
    const ctx = publicCtx(c);
    const [ticket, settings] = await Promise.all([getTicketByToken(ctx, c.req.param('token')), getQueueSettings(ctx)]);
    const now = ctx.app.now();
    noStore(c);
    return renderPage(
      c,
      <StatusPage
        ticket={ticket}
        token={c.req.param('token')}
        now={now}
        today={bangkokIsoDay(now)}
        surveyHref={ticket.status === 'finished' || ticket.status === 'serving' ? surveyHrefForTicket(c.req.param('token')) : null}
        onlineHref={settings.allowOnline ? '/queue/online' : null}
      />,
    );
  });

  // ---------------------------------------------------------------------------------------------
  // Online ticket (public site, when the organization allows it)

  const online = async (c: AppContext, form: { values: FormValues; errors: FieldError[]; notice: string | null }, status = 200) => {
    const ctx = publicCtx(c);
    const [services, groups, holiday] = await Promise.all([
      listServices(ctx),
      listPriorityGroups(ctx),
      holidayOn(ctx, bangkokIsoDay(ctx.app.now())),
    ]);
    noStore(c);
    return renderPage(
      c,
      <OnlinePage
        services={services}
        groups={groups}
        idempotencyKey={newKey('online')}
        values={{
          serviceId: formValue(form.values, 'serviceId'),
          priorityGroupId: formValue(form.values, 'priorityGroupId'),
          phone: formValue(form.values, 'phone'),
        }}
        errors={form.errors}
        notice={form.notice}
        holiday={holiday}
      />,
      status,
    );
  };

  app.get('/queue/online', async (c) => {
    const ctx = publicCtx(c);
    if (!(await getQueueSettings(ctx)).allowOnline) {
      noStore(c);
      return renderPage(c, <OnlineClosedPage />);
    }
    const mine = await activeOnlineTicket(ctx, deviceId(c));
    if (mine) return c.redirect(`/queue/t/${mine.token}`, 303);
    // A service guide's "take a number" link names its service: it comes preselected.
    const preselected = parseRowId(c.req.query('service') ?? '');
    return online(c, { values: preselected === null ? {} : { serviceId: String(preselected) }, errors: [], notice: null });
  });

  app.post('/queue/online', async (c) => {
    const ctx = publicCtx(c);
    const { values } = await readForm(c);
    if (!(await getQueueSettings(ctx)).allowOnline) {
      noStore(c);
      return renderPage(c, <OnlineClosedPage />, 409);
    }
    const device = deviceId(c);
    const serviceId = parseRowId(formValue(values, 'serviceId'));
    const group = groupValue(values);
    const priorityGroupId = group ? parseRowId(group) : null;
    const errors: FieldError[] = [];
    if (serviceId === null) errors.push({ field: 'serviceId', label: 'queue.public.online.service', message: 'core.validation.choose' });
    if (group && priorityGroupId === null) {
      errors.push({ field: 'priorityGroupId', label: 'queue.public.online.group', message: 'core.validation.choose' });
    }
    if (!normalizePhone(formValue(values, 'phone'))) {
      errors.push({ field: 'phone', label: 'queue.fields.phone', message: 'queue.errors.phoneInvalid' });
    }
    if (errors.length || serviceId === null) return online(c, { values, errors, notice: null }, 422);
    try {
      const issued = await issueTicket(ctx, {
        serviceId,
        priorityGroupId,
        channel: 'online',
        phone: formValue(values, 'phone'),
        deviceId: device,
        idempotencyKey: formValue(values, 'key') || null,
      });
      return c.redirect(`/queue/t/${issued.ticket.publicToken}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return online(c, { values, errors: e.fields, notice: null }, 422);
      if (!userFacing(e)) throw e;
      if (e.messageKey === 'queue.errors.onlineHasActive') {
        // This browser's own ticket: take the citizen to it rather than refuse.
        const mine = await activeOnlineTicket(ctx, device);
        if (mine) return c.redirect(`/queue/t/${mine.token}`, 303);
      }
      return online(c, { values, errors: [], notice: refusalText(c, e) }, e.status);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Front desk issuing (staff)

  const desk = async (
    c: AppContext,
    form: { values: FormValues; errors: FieldError[]; notice: string | null; paper: Paper },
    status = 200,
  ) => {
    ensureAllowed(queuePolicy.issue(c.get('actor'), 'front_desk'), !!c.get('actor'));
    const ctx = serviceContext(c);
    const [services, groups] = await Promise.all([listServices(ctx), listPriorityGroups(ctx)]);
    return renderPage(
      c,
      <FrontDeskPage
        services={services}
        groups={groups}
        idempotencyKey={newKey('desk')}
        paper={form.paper}
        values={{ serviceId: formValue(form.values, 'serviceId'), priorityGroupId: formValue(form.values, 'priorityGroupId') }}
        errors={form.errors}
        notice={form.notice}
      />,
      status,
    );
  };

  app.get('/staff/queue/issue', (c) => desk(c, { values: {}, errors: [], notice: null, paper: parsePaper(c.req.query('paper')) }));

  app.post('/staff/queue/issue', async (c) => {
    ensureAllowed(queuePolicy.issue(c.get('actor'), 'front_desk'), !!c.get('actor'));
    const { values } = await readForm(c);
    const paper = parsePaper(formValue(values, 'paper'));
    const serviceId = parseRowId(formValue(values, 'serviceId'));
    const group = groupValue(values);
    const priorityGroupId = group ? parseRowId(group) : null;
    const errors: FieldError[] = [];
    if (serviceId === null) errors.push({ field: 'serviceId', label: 'queue.public.desk.service', message: 'core.validation.choose' });
    if (group && priorityGroupId === null) {
      errors.push({ field: 'priorityGroupId', label: 'queue.public.desk.group', message: 'core.validation.choose' });
    }
    if (errors.length || serviceId === null) return desk(c, { values, errors, notice: null, paper }, 422);
    try {
      const issued = await issueTicket(serviceContext(c), {
        serviceId,
        priorityGroupId,
        channel: 'front_desk',
        idempotencyKey: formValue(values, 'key') || null,
      });
      return c.redirect(printHref(issued.ticket.publicToken, 'desk', paper), 303);
    } catch (e) {
      if (e instanceof ValidationError) return desk(c, { values, errors: e.fields, notice: null, paper }, 422);
      if (!userFacing(e)) throw e;
      return desk(c, { values, errors: [], notice: refusalText(c, e), paper }, e.status);
    }
  });
}
