import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServiceContext } from '../../core/context.js';
import {
  checkFormToken,
  FORM_TOKEN_FIELD,
  type FormTokenVerdict,
  HONEYPOT_FIELD,
  holdUntil,
  issueFormToken,
  releaseFormToken,
} from '../../core/http/anti-spam.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { type FieldError, ValidationError } from '../../core/http/errors.js';
import { type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { isSecureRequest, siteOrigin } from '../../core/http/request.js';
import { isoDayNoon } from '../../core/thai/bangkok.js';
import { formatThaiDate } from '../../core/thai/dates.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { submitComplaint, validateSubmission } from './intake.js';
import { messages } from './messages.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from './schema.js';
import { addReporterMessage, LOOKUP_FLOOR_MS, receiptFacts, trackComplaint } from './track.js';
import type { ComplaintSubmission, IncomingFile } from './types.js';
import { ComplaintsPage, GuidePage, ReceiptGonePage, ReceiptPage, TrackPage, TrackStatusPage } from './views/public-pages.js';

/**
 * The public side of the complaint channel: the form (/complaints), the receipt shown once
 * (/complaints/receipt) with its PDF, following a case (/complaints/track) and the guideline
 * (/complaints/guide). No JavaScript; nothing here is cached except the guideline, and nothing
 * of the reporter (address, browser) is stored.
 */

export const SUBMIT_PURPOSE = 'complaint-form';
export const MESSAGE_PURPOSE = 'complaint-reporter-message';
export const RECEIPT_COOKIE = 'complaint_receipt';
/** The receipt page can be reached this long after sending (once). */
const RECEIPT_COOKIE_SECONDS = 10 * 60;
/** The receipt PDF can be downloaded this long after the receipt page was shown. */
const RECEIPT_PDF_MS = 60 * 60 * 1000;

/** Public pages act as the public, whoever is signed in on the browser. */
const publicCtx = (c: AppContext): ServiceContext => ({ ...serviceContext(c), actor: null });

const formErrors = (e: unknown) => formErrorsOf(e, [409, 413, 422, 429]);

interface ReceiptData {
  code: string;
  category: ComplaintCategory;
  receivedOn: string;
  ackDueOn: string;
  /** Epoch ms after which it is no longer honoured. */
  exp: number;
}

const receiptContext = (orgId: number, what: 'cookie' | 'pdf') => `complaint-receipt-${what}:${orgId}`;

function openReceipt(c: AppContext, sealed: string | undefined, what: 'cookie' | 'pdf'): ReceiptData | 'expired' | null {
  if (!sealed) return null;
  try {
    const data = JSON.parse(c.get('app').secrets.open(sealed, receiptContext(orgOf(c).id, what))) as ReceiptData;
    if (!/^\d{16}$/.test(data.code) || !COMPLAINT_CATEGORIES.includes(data.category)) return null;
    return data.exp < c.get('app').now().getTime() ? 'expired' : data;
  } catch {
    return null;
  }
}

function sealReceipt(c: AppContext, data: ReceiptData, what: 'cookie' | 'pdf'): string {
  return c.get('app').secrets.seal(JSON.stringify(data), receiptContext(orgOf(c).id, what));
}

/** The form's fields and files (several files under one name, which readForm does not keep). */
async function readComplaintForm(c: AppContext): Promise<{ values: FormValues; files: IncomingFile[] }> {
  const { values, fileLists } = await readForm(c);
  const files: IncomingFile[] = [];
  for (const f of fileLists.attachments ?? []) {
    if (f.size > 0 || f.name) files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return { values, files };
}

/** What the form posted, as a submission; identity only when the reporter chose to give one. */
export function submissionOf(values: FormValues): ComplaintSubmission {
  const v = (k: string) => formValue(values, k);
  const named = v('identityMode') === 'named';
  const contact = values.mayContact;
  return {
    category: v('category') as ComplaintCategory,
    subject: v('subject'),
    description: v('description'),
    occurredWhen: v('occurredWhen'),
    place: v('place'),
    involved: v('involved'),
    identity: named ? { name: v('name'), phone: v('phone'), email: v('email'), address: v('address') } : null,
    mayContact: named && (Array.isArray(contact) ? contact.includes('yes') : contact === 'yes'),
  };
}

function fieldMistakes(input: ComplaintSubmission): FieldError[] {
  try {
    validateSubmission(input);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.fields;
    throw e;
  }
}

function antispamError(verdict: Exclude<FormTokenVerdict, 'ok'>): FieldError {
  return { field: '_', label: '', message: `complaints.antispam.${verdict}` };
}

/** The token to show again: the same one while it can still be used (a quick correction), else a new one. */
function tokenAfter(c: AppContext, purpose: string, token: string, verdict: FormTokenVerdict | 'refused'): string {
  return verdict === 'tooFast' || verdict === 'refused' ? token : issueFormToken(c.get('app'), purpose, c.get('app').now());
}

function noStore(c: AppContext) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

export function publicRoutes(app: Hono<AppEnv>) {
  app.get('/complaints', (c) => {
    noStore(c);
    const token = issueFormToken(c.get('app'), SUBMIT_PURPOSE, c.get('app').now());
    return renderPage(c, <ComplaintsPage org={orgOf(c).names.full} values={{ identityMode: 'anonymous' }} errors={[]} token={token} />);
  });

  app.post('/complaints', async (c) => {
    noStore(c);
    const { values, files } = await readComplaintForm(c);
    const token = formValue(values, FORM_TOKEN_FIELD);
    const org = orgOf(c).names.full;
    const now = c.get('app').now();
    const verdict = checkFormToken(c.get('app'), SUBMIT_PURPOSE, { token, honeypot: formValue(values, HONEYPOT_FIELD), now });
    if (verdict !== 'ok') {
      // The fields' own mistakes are named too, so a person in a hurry fixes everything at once.
      const errors = [antispamError(verdict), ...fieldMistakes(submissionOf(values))];
      const page = <ComplaintsPage org={org} values={values} errors={errors} token={tokenAfter(c, SUBMIT_PURPOSE, token, verdict)} />;
      return renderPage(c, page, 422);
    }
    let out: { id: number; receiptCode: string };
    try {
      out = await submitComplaint(publicCtx(c), submissionOf(values), files);
    } catch (e) {
      releaseFormToken(SUBMIT_PURPOSE, token);
      const errors = formErrors(e);
      return renderPage(
        c,
        <ComplaintsPage org={org} values={values} errors={errors} token={tokenAfter(c, SUBMIT_PURPOSE, token, 'refused')} />,
        formErrorStatus(e),
      );
    }
    const { receivedOn, ackDueOn, category } = await receiptFacts(publicCtx(c), out.id);
    const data: ReceiptData = { code: out.receiptCode, category, receivedOn, ackDueOn, exp: now.getTime() + RECEIPT_COOKIE_SECONDS * 1000 };
    setCookie(c, RECEIPT_COOKIE, sealReceipt(c, data, 'cookie'), {
      path: '/complaints/receipt',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecureRequest(c),
      maxAge: RECEIPT_COOKIE_SECONDS,
    });
    return c.redirect('/complaints/receipt', 303);
  });

  app.get('/complaints/receipt', (c) => {
    noStore(c);
    const data = openReceipt(c, getCookie(c, RECEIPT_COOKIE), 'cookie');
    // Shown once: the cookie goes with this response, whatever it held.
    deleteCookie(c, RECEIPT_COOKIE, { path: '/complaints/receipt', secure: isSecureRequest(c) });
    if (!data || data === 'expired') return renderPage(c, <ReceiptGonePage />);
    const pdfToken = sealReceipt(c, { ...data, exp: c.get('app').now().getTime() + RECEIPT_PDF_MS }, 'pdf');
    return renderPage(c, <ReceiptPage code={data.code} receivedOn={data.receivedOn} ackDueOn={data.ackDueOn} pdfToken={pdfToken} />);
  });

  app.post('/complaints/receipt.pdf', async (c) => {
    noStore(c);
    const body = await c.req.parseBody();
    const data = openReceipt(c, typeof body.t === 'string' ? body.t : undefined, 'pdf');
    if (!data || data === 'expired') return renderPage(c, <ReceiptGonePage expired={data === 'expired'} />, 410);
    const th = messages.th as { categories: Record<ComplaintCategory, string> };
    const pdf = await renderReceiptPdf({
      org: orgOf(c).names.full,
      code: data.code,
      receivedOn: formatThaiDate(isoDayNoon(data.receivedOn)),
      ackDue: formatThaiDate(isoDayNoon(data.ackDueOn)),
      category: th.categories[data.category],
      trackUrl: `${siteOrigin(c)}/complaints/track`,
    });
    return new Response(pdf, {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="complaint-receipt.pdf"',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });

  app.get('/complaints/track', (c) => {
    noStore(c);
    return renderPage(c, <TrackPage values={{}} errors={[]} />);
  });

  app.post('/complaints/track', async (c) => {
    const startedAt = performance.now();
    noStore(c);
    const body = await c.req.parseBody();
    const code = typeof body.receiptCode === 'string' ? body.receiptCode : '';
    const values: FormValues = { receiptCode: code };
    // The floor holds the whole answer, the page rendered: the known case's longer page does not show either.
    const held = async (page: Parameters<typeof renderToString>[1], status = 200) => {
      const html = await renderToString(c, page);
      await holdUntil(startedAt, LOOKUP_FLOOR_MS);
      return c.html(html, status as 200);
    };
    try {
      const view = await trackComplaint(publicCtx(c), code, { floorMs: 0 });
      if (!view) {
        const err: FieldError = { field: 'receiptCode', label: 'complaints.track.code', message: 'complaints.track.notFound' };
        return held(<TrackPage values={values} errors={[err]} />);
      }
      const token = issueFormToken(c.get('app'), MESSAGE_PURPOSE, c.get('app').now());
      return held(<TrackStatusPage view={view} code={code} token={token} values={{}} errors={[]} />);
    } catch (e) {
      return held(<TrackPage values={values} errors={formErrors(e)} />, formErrorStatus(e));
    }
  });

  app.post('/complaints/track/message', async (c) => {
    const startedAt = performance.now();
    noStore(c);
    const { values, files } = await readComplaintForm(c);
    const code = formValue(values, 'receiptCode');
    const token = formValue(values, FORM_TOKEN_FIELD);
    const ctx = publicCtx(c);
    const notFoundPage = () =>
      renderPage(
        c,
        <TrackPage
          values={{ receiptCode: code }}
          errors={[{ field: 'receiptCode', label: 'complaints.track.code', message: 'complaints.track.notFound' }]}
        />,
      );
    const verdict = checkFormToken(c.get('app'), MESSAGE_PURPOSE, {
      token,
      honeypot: formValue(values, HONEYPOT_FIELD),
      now: c.get('app').now(),
    });
    if (verdict !== 'ok') {
      const view = await trackComplaint(ctx, code, { startedAt }).catch(() => null);
      if (!view) return notFoundPage();
      const page = (
        <TrackStatusPage
          view={view}
          code={code}
          token={tokenAfter(c, MESSAGE_PURPOSE, token, verdict)}
          values={values}
          errors={[antispamError(verdict)]}
        />
      );
      return renderPage(c, page, 422);
    }
    try {
      const view = await addReporterMessage(ctx, code, { message: formValue(values, 'message') }, files, { startedAt });
      const next = issueFormToken(c.get('app'), MESSAGE_PURPOSE, c.get('app').now());
      return renderPage(c, <TrackStatusPage view={view} code={code} token={next} values={{}} errors={[]} added />);
    } catch (e) {
      releaseFormToken(MESSAGE_PURPOSE, token);
      const errors = formErrorsOf(e, [409, 413, 422, 429, 404]);
      if (errors.some((x) => x.message === 'core.errors.notFound')) return notFoundPage();
      const view = await trackComplaint(ctx, code, { floorMs: 0 }).catch(() => null);
      if (!view) return notFoundPage();
      return renderPage(c, <TrackStatusPage view={view} code={code} token={token} values={values} errors={errors} />, formErrorStatus(e));
    }
  });

  app.get('/complaints/guide', (c) => c.get('pages').respond(c, () => renderToString(c, <GuidePage org={orgOf(c).names.full} />)));
}
