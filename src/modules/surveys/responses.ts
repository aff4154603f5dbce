import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import {
  conflict,
  ensureAllowed,
  type FieldError,
  forbidden,
  notFound,
  tooMany,
  unauthorized,
  ValidationError,
} from '../../core/http/errors.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { isLocale } from '../../core/i18n/i18n.js';
import { bangkokDate, bangkokIsoDay, isValidCalendarDate, parseIsoDay } from '../../core/thai/bangkok.js';
import { queueServices, queueTickets } from '../queue/schema.js';
import { divisions } from '../staff/schema.js';
import { currentForm, formText } from './forms.js';
import { surveysPolicy } from './policy.js';
import { SURVEY_CHANNELS, type SurveyChannel, surveyResponses, surveySuggestions } from './schema.js';

export interface SubmitInput {
  /** 'ticket' needs ticketToken; 'paper' needs a signed-in actor allowed by surveysPolicy.enterPaper. */
  channel: SurveyChannel;
  /** Every rating item of the current form; integers 1..5. */
  ratings: Record<string, number>;
  /** Optional; unknown questions or choices are refused. */
  demographics?: Record<string, string>;
  /** Optional, at most MAX_SUGGESTION characters; kept in survey_suggestions. */
  suggestion?: string | null;
  /** public/tablet/paper: chosen (this organization's); ticket: from the ticket's service. */
  divisionId?: number | null;
  /** The queue service, optional (its division is used when divisionId is missing). */
  serviceId?: number | null;
  /** The queue ticket's publicToken. */
  ticketToken?: string | null;
  /** One per form render: a double submit stores one response (the first is returned). */
  clientKey?: string | null;
  locale?: string;
  /** Paper: the form's own number, and the date written on it (YYYY-MM-DD, not in the future). */
  paperRef?: string | null;
  submittedOn?: string | null;
}

export const MAX_SUGGESTION = 2000;
export const MAX_PAPER_REF = 40;
export const MAX_CLIENT_KEY = 100;
/** A paper form dated more than this many years back is taken as a typing mistake (B.E. for C.E. and so on). */
export const PAPER_MAX_YEARS_BACK = 3;
/** Statuses in which a ticket's holder has been served (or is being served) and may rate the service. */
const SERVED = new Set(['serving', 'finished']);

/** Per app server, per organization and address: the public link, and the counter tablet (much higher, one desk). */
export const PUBLIC_LIMIT = { count: 10, windowMs: 10 * 60 * 1000 };
export const TABLET_LIMIT = { count: 120, windowMs: 10 * 60 * 1000 };
const publicLimiter = new RateLimiter(PUBLIC_LIMIT.count, PUBLIC_LIMIT.windowMs);
const tabletLimiter = new RateLimiter(TABLET_LIMIT.count, TABLET_LIMIT.windowMs);

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The link a queue ticket's holder answers from (the status page shows it once served). */
export function surveyHrefForTicket(token: string): string {
  return `/survey/t/${token}`;
}

async function ticketByToken(ctx: ServiceContext, token: string) {
  if (!TOKEN.test(token)) return null;
  const [t] = await dbOf(ctx)
    .select({ id: queueTickets.id, status: queueTickets.status, serviceId: queueTickets.serviceId })
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, ctx.orgId), eq(queueTickets.publicToken, token)));
  return t ?? null;
}

async function responseOfTicket(ctx: ServiceContext, ticketId: number): Promise<number | null> {
  const [r] = await dbOf(ctx)
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.orgId, ctx.orgId), eq(surveyResponses.ticketId, ticketId)));
  return r?.id ?? null;
}

async function responseOfKey(ctx: ServiceContext, key: string): Promise<number | null> {
  const [r] = await dbOf(ctx)
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.orgId, ctx.orgId), eq(surveyResponses.clientKey, key)));
  return r?.id ?? null;
}

/**
 * Whether a queue ticket's survey may be answered: open (served, not answered yet), answered,
 * not_ready (not served yet, or never served), or null for a token this organization does not know.
 */
export async function ticketSurveyState(ctx: ServiceContext, ticketToken: string): Promise<'open' | 'answered' | 'not_ready' | null> {
  const t = await ticketByToken(ctx, ticketToken);
  if (!t) return null;
  if ((await responseOfTicket(ctx, t.id)) !== null) return 'answered';
  return SERVED.has(t.status) ? 'open' : 'not_ready';
}

export interface SurveyTargets {
  divisions: { id: number; name: string; nameEn: string | null }[];
  services: { id: number; name: string; nameEn: string | null; divisionId: number | null }[];
}

/** What a respondent may say they came for: the active divisions and queue services of this organization. */
export async function surveyTargets(ctx: ServiceContext): Promise<SurveyTargets> {
  ensureAllowed(surveysPolicy.answer(ctx.actor), !!ctx.actor);
  const db = dbOf(ctx);
  const [divs, services] = await Promise.all([
    db
      .select({ id: divisions.id, name: divisions.name, nameEn: divisions.nameEn })
      .from(divisions)
      .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.active, true)))
      .orderBy(asc(divisions.sortOrder), asc(divisions.name)),
    db
      .select({ id: queueServices.id, name: queueServices.name, nameEn: queueServices.nameEn, divisionId: queueServices.divisionId })
      .from(queueServices)
      .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.active, true)))
      .orderBy(asc(queueServices.sortOrder), asc(queueServices.id)),
  ]);
  return { divisions: divs, services };
}

class Duplicate extends Error {
  constructor(readonly kind: 'key' | 'ticket') {
    super(kind);
  }
}

function paperDate(ctx: ServiceContext, s: string | null | undefined): Date {
  const field = (message: string): never => {
    throw new ValidationError([{ field: 'submittedOn', label: 'surveys.collect.fields.submittedOn', message }]);
  };
  if (!s) return field('core.validation.required');
  const d = parseIsoDay(s);
  if (!d || !isValidCalendarDate(d.year, d.month, d.day)) return field('surveys.collect.errors.dateInvalid');
  const today = bangkokIsoDay(ctx.app.now());
  if (s > today) return field('surveys.collect.errors.dateFuture');
  const todayYear = Number(today.slice(0, 4));
  if (d.year < todayYear - PAPER_MAX_YEARS_BACK) return field('surveys.collect.errors.dateTooOld');
  // The middle of that Bangkok day (never later than now): it counts in that day and month.
  const noon = bangkokDate(d.year, d.month, d.day, 12, 0);
  return new Date(Math.min(noon.getTime(), ctx.app.now().getTime()));
}

/**
 * Stores one filled form. Checks, in order: the channel (ticket: a served ticket of this
 * organization not answered before; paper: staff allowed to type in forms), a repeated clientKey
 * (returns the first response), every rating of the current form (422 naming each missing or
 * invalid question; nothing stored), the demographics and suggestion, the division and service,
 * the public rate limits. The response keeps the form version it answered.
 */
export async function submitResponse(ctx: ServiceContext, input: SubmitInput): Promise<{ id: number }> {
  const channel = input.channel;
  if (!SURVEY_CHANNELS.includes(channel)) {
    throw new ValidationError([{ field: 'channel', label: 'surveys.collect.fields.channel', message: 'core.validation.choose' }]);
  }
  // Paper: staff of this organization only (a session is bound to its organization; this holds for any caller).
  const allowed =
    channel === 'paper' ? surveysPolicy.enterPaper(ctx.actor) && ctx.actor?.orgId === ctx.orgId : surveysPolicy.answer(ctx.actor);
  if (!allowed) throw ctx.actor ? forbidden() : unauthorized();
  const locale = input.locale && isLocale(input.locale) ? input.locale : 'th';

  const clientKey = input.clientKey?.trim() || null;
  if (clientKey && !CLIENT_KEY.test(clientKey)) {
    throw new ValidationError([
      { field: 'clientKey', label: 'surveys.collect.fields.clientKey', message: 'surveys.collect.errors.clientKeyInvalid' },
    ]);
  }
  if (clientKey) {
    const first = await responseOfKey(ctx, clientKey);
    if (first !== null) return { id: first };
  }

  // The ticket: known here, served, not answered.
  let ticket: { id: number; status: string; serviceId: number } | null = null;
  if (channel === 'ticket') {
    ticket = input.ticketToken ? await ticketByToken(ctx, input.ticketToken) : null;
    if (!ticket) throw notFound('surveys.collect.errors.unknownTicket');
    if ((await responseOfTicket(ctx, ticket.id)) !== null) throw conflict('surveys.collect.errors.ticketUsed');
    if (!SERVED.has(ticket.status)) throw conflict('surveys.collect.errors.ticketNotReady');
  }
  const limiter = ctx.actor ? null : channel === 'public' ? publicLimiter : channel === 'tablet' ? tabletLimiter : null;
  const limitKey = `${ctx.orgId}|${ctx.ip ?? '-'}`;
  if (limiter) {
    const wait = limiter.blocked(limitKey, ctx.app.now().getTime());
    if (wait > 0) throw tooMany('surveys.collect.errors.tooMany', { seconds: wait });
  }

  const form = await currentForm(ctx);
  const def = form.definition;
  const errors: FieldError[] = [];

  // Ratings: every question, 1..5, nothing else.
  const ratings: Record<string, number> = {};
  const given = input.ratings && typeof input.ratings === 'object' ? (input.ratings as Record<string, unknown>) : {};
  const known = new Set<string>();
  let n = 0;
  for (const g of def.groups) {
    for (const item of g.items) {
      n++;
      known.add(item.key);
      const v = given[item.key];
      const params = { question: formText(item.text, locale), number: n };
      if (v === undefined || v === null || v === '') {
        errors.push({ field: item.key, message: 'surveys.collect.errors.ratingMissing', params });
      } else if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) {
        errors.push({ field: item.key, message: 'surveys.collect.errors.ratingInvalid', params });
      } else ratings[item.key] = v;
    }
  }
  for (const k of Object.keys(given)) {
    if (!known.has(k)) errors.push({ field: k, message: 'surveys.collect.errors.ratingUnknown', params: { key: k.slice(0, 40) } });
  }

  // Demographics: optional, one of the question's choices.
  const demographics: Record<string, string> = {};
  for (const [k, raw] of Object.entries(input.demographics ?? {})) {
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (v === '' || v === null || v === undefined) continue;
    const q = def.demographics.find((d) => d.key === k);
    if (!q) {
      errors.push({ field: `demographics.${k.slice(0, 40)}`, message: 'surveys.collect.errors.demographicUnknown' });
      continue;
    }
    if (typeof v !== 'string' || !q.options.some((o) => o.key === v)) {
      errors.push({
        field: `demographics.${k}`,
        message: 'surveys.collect.errors.demographicInvalid',
        params: { question: formText(q.title, locale) },
      });
      continue;
    }
    demographics[k] = v;
  }

  // The suggestion: optional, kept apart for tagging and the executives' responses.
  const suggestion = def.suggestion ? (input.suggestion ?? '').trim() || null : null;
  if (suggestion && suggestion.length > MAX_SUGGESTION) {
    errors.push({
      field: 'suggestion',
      label: 'surveys.collect.fields.suggestion',
      message: 'surveys.collect.errors.suggestionTooLong',
      params: { max: MAX_SUGGESTION },
    });
  }

  // Paper: the date and number written on the form.
  let submittedAt = ctx.app.now();
  let paperRef: string | null = null;
  if (channel === 'paper') {
    try {
      submittedAt = paperDate(ctx, input.submittedOn);
    } catch (e) {
      if (e instanceof ValidationError) errors.push(...e.fields);
      else throw e;
    }
    paperRef = input.paperRef?.trim() || null;
    if (paperRef && paperRef.length > MAX_PAPER_REF) {
      errors.push({
        field: 'paperRef',
        label: 'surveys.collect.fields.paperRef',
        message: 'surveys.collect.errors.paperRefTooLong',
        params: { max: MAX_PAPER_REF },
      });
    }
  }

  // What was rated: the ticket's service, or the chosen service and division (this organization's).
  let serviceId: number | null = ticket ? ticket.serviceId : (input.serviceId ?? null);
  let divisionId: number | null = ticket ? null : (input.divisionId ?? null);
  const targets = await surveyTargetsAll(ctx);
  if (serviceId !== null) {
    // A service may belong to no division (null): it is still this organization's service.
    if (!targets.services.has(serviceId)) {
      errors.push({ field: 'serviceId', label: 'surveys.collect.fields.about', message: 'core.validation.choose' });
      serviceId = null;
    } else if (divisionId === null) divisionId = targets.services.get(serviceId) ?? null;
  }
  if (divisionId !== null && !targets.divisions.has(divisionId)) {
    errors.push({ field: 'divisionId', label: 'surveys.collect.fields.about', message: 'core.validation.choose' });
  }
  if (errors.length) throw new ValidationError(errors);

  if (limiter) {
    const wait = limiter.hit(limitKey, ctx.app.now().getTime());
    if (wait > 0) throw tooMany('surveys.collect.errors.tooMany', { seconds: wait });
  }

  try {
    return await runCommand(ctx, { action: 'surveys.submitResponse', allowed }, async (tx) => {
      // Under the organization's write lock: a second press or a second answer of one ticket waits here, then sees the first.
      if (clientKey) {
        const [first] = await tx
          .select({ id: surveyResponses.id })
          .from(surveyResponses)
          .where(and(eq(surveyResponses.orgId, ctx.orgId), eq(surveyResponses.clientKey, clientKey)));
        if (first) throw new Duplicate('key');
      }
      const [row] = await tx
        .insert(surveyResponses)
        .values({
          orgId: ctx.orgId,
          formVersionId: form.id,
          divisionId,
          serviceId,
          ticketId: ticket?.id ?? null,
          channel,
          ratings,
          demographics,
          locale,
          clientKey,
          enteredBy: channel === 'paper' ? (ctx.actor?.userId ?? null) : null,
          paperRef,
          submittedAt,
          createdAt: ctx.app.now(),
        })
        .onConflictDoNothing()
        .returning({ id: surveyResponses.id });
      if (!row) throw new Duplicate(ticket ? 'ticket' : 'key');
      if (suggestion) {
        await tx.insert(surveySuggestions).values({
          orgId: ctx.orgId,
          responseId: row.id,
          divisionId,
          submittedAt,
          text: suggestion,
          createdAt: ctx.app.now(),
        });
      }
      const mean = Object.values(ratings).reduce((a, b) => a + b, 0) / Math.max(1, Object.keys(ratings).length);
      return {
        result: { id: row.id },
        entity: 'survey_response',
        entityId: row.id,
        summary: `รับแบบประเมินความพึงพอใจ (${CHANNEL_TH[channel]}${paperRef ? ` เลขที่ ${paperRef}` : ''})`,
        data: { channel, formVersion: form.version, divisionId, serviceId, mean: Math.round(mean * 100) / 100, suggestion: !!suggestion },
      };
    });
  } catch (e) {
    if (!(e instanceof Duplicate)) throw e;
    if (clientKey) {
      const first = await responseOfKey(ctx, clientKey);
      if (first !== null) return { id: first };
    }
    throw conflict('surveys.collect.errors.ticketUsed');
  }
}

const CHANNEL_TH: Record<SurveyChannel, string> = {
  ticket: 'QR บนบัตรคิว',
  tablet: 'แท็บเล็ตที่ช่องบริการ',
  public: 'ลิงก์สาธารณะ',
  paper: 'แบบฟอร์มกระดาษ',
};

/** Every division (active or not) and queue service of the organization: service id → its division. */
async function surveyTargetsAll(ctx: ServiceContext): Promise<{ divisions: Set<number>; services: Map<number, number | null> }> {
  const db = dbOf(ctx);
  const [divs, services] = await Promise.all([
    db.select({ id: divisions.id }).from(divisions).where(eq(divisions.orgId, ctx.orgId)),
    db.select({ id: queueServices.id, divisionId: queueServices.divisionId }).from(queueServices).where(eq(queueServices.orgId, ctx.orgId)),
  ]);
  return { divisions: new Set(divs.map((d) => d.id)), services: new Map(services.map((s) => [s.id, s.divisionId])) };
}

/** How many paper forms the signed-in person typed in today (Bangkok day), for the paper entry page. */
export async function paperEnteredToday(ctx: ServiceContext): Promise<number> {
  if (!surveysPolicy.enterPaper(ctx.actor) || !ctx.actor) return 0;
  const p = parseIsoDay(bangkokIsoDay(ctx.app.now()));
  if (!p) return 0;
  const start = bangkokDate(p.year, p.month, p.day);
  const [row] = await dbOf(ctx)
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.orgId, ctx.orgId),
        eq(surveyResponses.channel, 'paper'),
        eq(surveyResponses.enteredBy, ctx.actor.userId),
        gte(surveyResponses.createdAt, start),
      ),
    );
  return Number(row?.n ?? 0);
}
