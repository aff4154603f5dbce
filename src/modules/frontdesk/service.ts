import { and, asc, desc, eq, gte, isNotNull, lt, or, sql } from 'drizzle-orm';
import { systemActor } from '../../core/auth/roles.js';
import { runCommand } from '../../core/command.js';
import { type AppServices, dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { organizations } from '../../core/tenancy/schema.js';
import { bangkokIsoDay, bangkokMidnight, parseIsoDay } from '../../core/thai/bangkok.js';
import { queueServices, queueTickets } from '../queue/schema.js';
import { issueTicket } from '../queue/service.js';
import { divisions } from '../staff/schema.js';
import { frontdeskPolicy } from './policy.js';
import { isPurpose } from './purposes.js';
import {
  frontdeskScreeningNotes,
  frontdeskSettings,
  frontdeskVisits,
  HELP_KINDS,
  type HelpKind,
  VISIT_CHANNELS,
  VISIT_KINDS,
  VISIT_OUTCOMES,
  type VisitChannel,
  type VisitKind,
  type VisitOutcome,
} from './schema.js';

/**
 * The first-contact point (จุดแรกรับ): one row per person helped, written in a few taps by the
 * front desk, with what they came for, how they were helped and where they were sent; a queue
 * ticket can be issued in the same step. Names and phones are optional and erased after the
 * organization's retention period; everything else stays for the statistics.
 */

export type Visit = typeof frontdeskVisits.$inferSelect;

export const MAX_NOTE = 1000;
export const MAX_NAME = 200;
/** Back-entry of a visit written up later: at most this many days ago. */
export const MAX_BACKDATE_DAYS = 62;
/** A clock a few minutes fast is not "the future". */
const FUTURE_SLACK_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_DAYS = 90;
export const RETENTION_LIMITS = [1, 3650] as const;

export interface VisitInput {
  kind?: VisitKind;
  visitedAt?: Date;
  purpose: string;
  serviceId?: number | null;
  channel: VisitChannel;
  help: HelpKind[];
  routedDivisionId?: number | null;
  outcome: VisitOutcome;
  note?: string | null;
  visitorName?: string | null;
  visitorPhone?: string | null;
  issueTicket?: { serviceId: number; priorityGroupId?: number | null } | null;
}

const field = (name: string, message: string, params?: Record<string, string | number>): FieldError => ({
  field: name,
  label: `frontdesk.fields.${name}`,
  message,
  ...(params ? { params } : {}),
});

/** Thai phone numbers: mobile (10 digits, 06/08/09) or landline (9 digits, 0 + area code); spaces, dashes and +66 allowed. */
export function normalizeVisitorPhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '').replace(/^\+66/, '0');
  if (/^0[689]\d{8}$/.test(digits)) return digits;
  if (/^0[2-7]\d{7}$/.test(digits)) return digits;
  return null;
}

const clean = (s: string | null | undefined) => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};

interface CheckedVisit {
  kind: VisitKind;
  visitedAt: Date;
  purpose: string;
  serviceId: number | null;
  channel: VisitChannel;
  help: HelpKind[];
  routedDivisionId: number | null;
  outcome: VisitOutcome;
  note: string | null;
  visitorName: string | null;
  visitorPhone: string | null;
}

/** Every field checked at once: the form shows all its mistakes together. */
function checkVisit(input: VisitInput, now: Date): CheckedVisit {
  const errors: FieldError[] = [];
  const kind = input.kind ?? 'visit';
  if (!(VISIT_KINDS as readonly string[]).includes(kind)) errors.push(field('kind', 'core.validation.choose'));
  if (!isPurpose(input.purpose)) errors.push(field('purpose', 'core.validation.choose'));
  if (!(VISIT_CHANNELS as readonly string[]).includes(input.channel)) errors.push(field('channel', 'core.validation.choose'));
  const help = Array.isArray(input.help) ? [...new Set(input.help)] : [];
  if (!Array.isArray(input.help) || help.some((h) => !(HELP_KINDS as readonly string[]).includes(h))) {
    errors.push(field('help', 'core.validation.choose'));
  }
  let outcome = input.outcome;
  if (input.issueTicket) outcome = 'queued';
  if (!(VISIT_OUTCOMES as readonly string[]).includes(outcome)) errors.push(field('outcome', 'core.validation.choose'));
  if (outcome === 'queued' && !input.issueTicket && kind === 'visit') errors.push(field('outcome', 'frontdesk.errors.queuedNeedsTicket'));
  if (outcome === 'routed' && input.routedDivisionId == null)
    errors.push(field('routedDivisionId', 'frontdesk.errors.routedNeedsDivision'));
  if (input.issueTicket && kind !== 'visit') errors.push(field('issueTicket', 'frontdesk.errors.ticketOutOfHours'));
  const visitedAt = input.visitedAt ?? now;
  if (!(visitedAt instanceof Date) || Number.isNaN(visitedAt.getTime())) errors.push(field('visitedAt', 'frontdesk.errors.time'));
  else if (visitedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) errors.push(field('visitedAt', 'frontdesk.errors.future'));
  else if (visitedAt.getTime() < now.getTime() - MAX_BACKDATE_DAYS * DAY_MS) {
    errors.push(field('visitedAt', 'frontdesk.errors.tooOld', { days: MAX_BACKDATE_DAYS }));
  }
  const note = clean(input.note);
  if (note && note.length > MAX_NOTE) errors.push(field('note', 'frontdesk.errors.tooLong', { max: MAX_NOTE }));
  const visitorName = clean(input.visitorName);
  if (visitorName && visitorName.length > MAX_NAME) errors.push(field('visitorName', 'frontdesk.errors.tooLong', { max: MAX_NAME }));
  const phoneRaw = clean(input.visitorPhone);
  const visitorPhone = phoneRaw ? normalizeVisitorPhone(phoneRaw) : null;
  if (phoneRaw && !visitorPhone) errors.push(field('visitorPhone', 'frontdesk.errors.phone'));
  if (errors.length) throw new ValidationError(errors);
  return {
    kind,
    visitedAt,
    purpose: input.purpose,
    serviceId: input.issueTicket?.serviceId ?? input.serviceId ?? null,
    channel: input.channel,
    help: HELP_KINDS.filter((h) => help.includes(h)),
    routedDivisionId: input.routedDivisionId ?? null,
    outcome,
    note,
    visitorName,
    visitorPhone,
  };
}

/**
 * Logs one visit. With `issueTicket`, a queue ticket (channel front_desk) is issued in the same
 * transaction and linked; the outcome is then 'queued'. A division or service must be this
 * organization's (another's is unknown: 422 on the field).
 */
export async function logVisit(
  ctx: ServiceContext,
  input: VisitInput,
): Promise<{ visit: Visit; ticket: { token: string; label: string } | null }> {
  ensureAllowed(frontdeskPolicy.log(ctx.actor), !!ctx.actor);
  const v = checkVisit(input, ctx.app.now());
  return runCommand(ctx, { action: 'frontdesk.logVisit', allowed: frontdeskPolicy.log(ctx.actor) }, async (tx, _tools, txCtx) => {
    const errors: FieldError[] = [];
    if (v.routedDivisionId != null) {
      const [d] = await tx
        .select({ id: divisions.id })
        .from(divisions)
        .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.id, v.routedDivisionId)));
      if (!d) errors.push(field('routedDivisionId', 'core.validation.choose'));
    }
    if (v.serviceId != null) {
      const [s] = await tx
        .select({ id: queueServices.id })
        .from(queueServices)
        .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.id, v.serviceId)));
      if (!s) errors.push(field(input.issueTicket ? 'issueTicket' : 'serviceId', 'core.validation.choose'));
    }
    if (errors.length) throw new ValidationError(errors);
    let ticket: { id: number; token: string; label: string } | null = null;
    if (input.issueTicket) {
      const issued = await issueTicket(txCtx, {
        serviceId: input.issueTicket.serviceId,
        priorityGroupId: input.issueTicket.priorityGroupId ?? null,
        channel: 'front_desk',
      });
      ticket = { id: issued.ticket.id, token: issued.ticket.publicToken, label: issued.ticket.label };
    }
    const [visit] = await tx
      .insert(frontdeskVisits)
      .values({ orgId: ctx.orgId, ...v, ticketId: ticket?.id ?? null, loggedBy: ctx.actor?.userId || null })
      .returning();
    if (!visit) throw new Error('visit not written');
    return {
      result: { visit, ticket: ticket ? { token: ticket.token, label: ticket.label } : null },
      entity: 'frontdesk_visit',
      entityId: visit.id,
      // The audit line names no visitor: the name and phone are erased later, the log is not.
      summary: `${v.kind === 'out_of_hours' ? 'บันทึกการให้บริการนอกเวลาราชการ' : 'บันทึกผู้มาติดต่อ ณ จุดแรกรับ'} (${v.purpose}, ${v.outcome}${ticket ? `, บัตรคิว ${ticket.label}` : ''})`,
      data: { kind: v.kind, purpose: v.purpose, outcome: v.outcome, ticketId: ticket?.id ?? null },
    };
  });
}

export interface VisitRow extends Visit {
  divisionName: string | null;
  serviceName: string | null;
  ticketLabel: string | null;
  ticketToken: string | null;
}

/** Visits of a range of Bangkok days (inclusive), newest first; the log pages' lists. */
export async function listVisits(
  ctx: ServiceContext,
  q: { from: string; to: string; kind?: VisitKind; limit?: number },
): Promise<VisitRow[]> {
  ensureAllowed(frontdeskPolicy.log(ctx.actor) || frontdeskPolicy.report(ctx.actor), !!ctx.actor);
  const { start, end } = dayBounds(q);
  const rows = await dbOf(ctx)
    .select({
      visit: frontdeskVisits,
      divisionName: divisions.name,
      serviceName: queueServices.name,
      ticketLabel: queueTickets.label,
      ticketToken: queueTickets.publicToken,
    })
    .from(frontdeskVisits)
    .leftJoin(divisions, and(eq(divisions.orgId, frontdeskVisits.orgId), eq(divisions.id, frontdeskVisits.routedDivisionId)))
    .leftJoin(queueServices, and(eq(queueServices.orgId, frontdeskVisits.orgId), eq(queueServices.id, frontdeskVisits.serviceId)))
    .leftJoin(queueTickets, and(eq(queueTickets.orgId, frontdeskVisits.orgId), eq(queueTickets.id, frontdeskVisits.ticketId)))
    .where(
      and(
        eq(frontdeskVisits.orgId, ctx.orgId),
        gte(frontdeskVisits.visitedAt, start),
        lt(frontdeskVisits.visitedAt, end),
        q.kind ? eq(frontdeskVisits.kind, q.kind) : undefined,
      ),
    )
    .orderBy(desc(frontdeskVisits.visitedAt), desc(frontdeskVisits.id))
    .limit(q.limit ?? 500);
  return rows.map((r) => ({
    ...r.visit,
    divisionName: r.divisionName,
    serviceName: r.serviceName,
    ticketLabel: r.ticketLabel,
    ticketToken: r.ticketToken,
  }));
}

/** Start (inclusive) and end (exclusive) instants of inclusive Bangkok days; 422 on bad days. */
export function dayBounds(range: { from: string; to: string }): { start: Date; end: Date } {
  const from = parseIsoDay(range.from);
  const to = parseIsoDay(range.to);
  const errors: FieldError[] = [];
  if (!from) errors.push(field('from', 'frontdesk.errors.day'));
  if (!to) errors.push(field('to', 'frontdesk.errors.day'));
  if (from && to && range.to < range.from) errors.push(field('to', 'frontdesk.errors.order'));
  if (errors.length || !from || !to) throw new ValidationError(errors);
  return { start: bangkokMidnight(from), end: new Date(bangkokMidnight(to).getTime() + DAY_MS) };
}

/**
 * How many people the front desk helped from `from` to `to` (inclusive Bangkok days), in all and
 * per kind (visits at the desk, service out of hours). For the executive dashboard.
 */
export async function visitCounts(
  ctx: ServiceContext,
  range: { from: string; to: string },
): Promise<{ total: number; byKind: Record<VisitKind, number> }> {
  ensureAllowed(frontdeskPolicy.report(ctx.actor), !!ctx.actor);
  const { start, end } = dayBounds(range);
  const rows = await dbOf(ctx)
    .select({ kind: frontdeskVisits.kind, n: sql<number>`count(*)::int` })
    .from(frontdeskVisits)
    .where(and(eq(frontdeskVisits.orgId, ctx.orgId), gte(frontdeskVisits.visitedAt, start), lt(frontdeskVisits.visitedAt, end)))
    .groupBy(frontdeskVisits.kind);
  const byKind = Object.fromEntries(VISIT_KINDS.map((k) => [k, 0])) as Record<VisitKind, number>;
  for (const r of rows) if ((VISIT_KINDS as readonly string[]).includes(r.kind)) byKind[r.kind] = Number(r.n);
  return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
}

// ---------------------------------------------------------------------------------------------
// Screening point (จุดคัดกรอง, measure 7.8)

export type ScreeningNote = typeof frontdeskScreeningNotes.$inferSelect;
export const MAX_SCREENED = 10_000;

export async function addScreeningNote(
  ctx: ServiceContext,
  input: { day: string; screened: number; note: string },
): Promise<ScreeningNote> {
  ensureAllowed(frontdeskPolicy.log(ctx.actor), !!ctx.actor);
  const errors: FieldError[] = [];
  const today = bangkokIsoDay(ctx.app.now());
  if (!parseIsoDay(input.day)) errors.push(field('day', 'frontdesk.errors.day'));
  else if (input.day > today) errors.push(field('day', 'frontdesk.errors.future'));
  if (!Number.isInteger(input.screened) || input.screened < 0 || input.screened > MAX_SCREENED) {
    errors.push(field('screened', 'frontdesk.errors.count', { max: MAX_SCREENED }));
  }
  const note = (input.note ?? '').trim();
  if (!note) errors.push(field('note', 'core.validation.required'));
  else if (note.length > MAX_NOTE) errors.push(field('note', 'frontdesk.errors.tooLong', { max: MAX_NOTE }));
  if (errors.length) throw new ValidationError(errors);
  return runCommand(ctx, { action: 'frontdesk.addScreeningNote', allowed: frontdeskPolicy.log(ctx.actor) }, async (tx) => {
    const [row] = await tx
      .insert(frontdeskScreeningNotes)
      .values({ orgId: ctx.orgId, day: input.day, screened: input.screened, note, loggedBy: ctx.actor?.userId || null })
      .returning();
    if (!row) throw new Error('note not written');
    return {
      result: row,
      entity: 'frontdesk_screening_note',
      entityId: row.id,
      summary: `บันทึกจุดคัดกรองประจำวันที่ ${input.day} (${input.screened} คน)`,
    };
  });
}

export async function listScreeningNotes(ctx: ServiceContext, range: { from: string; to: string }): Promise<ScreeningNote[]> {
  ensureAllowed(frontdeskPolicy.log(ctx.actor) || frontdeskPolicy.report(ctx.actor), !!ctx.actor);
  dayBounds(range);
  return dbOf(ctx)
    .select()
    .from(frontdeskScreeningNotes)
    .where(
      and(
        eq(frontdeskScreeningNotes.orgId, ctx.orgId),
        gte(frontdeskScreeningNotes.day, range.from),
        sql`${frontdeskScreeningNotes.day} <= ${range.to}::date`,
      ),
    )
    .orderBy(desc(frontdeskScreeningNotes.day), desc(frontdeskScreeningNotes.id));
}

// ---------------------------------------------------------------------------------------------
// Settings and the retention of personal data

export interface FrontdeskSettings {
  retentionDays: number;
}

export async function getFrontdeskSettings(ctx: ServiceContext): Promise<FrontdeskSettings> {
  const [row] = await dbOf(ctx)
    .select({ retentionDays: frontdeskSettings.retentionDays })
    .from(frontdeskSettings)
    .where(eq(frontdeskSettings.orgId, ctx.orgId));
  return { retentionDays: row?.retentionDays ?? DEFAULT_RETENTION_DAYS };
}

export async function updateFrontdeskSettings(ctx: ServiceContext, input: FrontdeskSettings): Promise<FrontdeskSettings> {
  ensureAllowed(frontdeskPolicy.settings(ctx.actor), !!ctx.actor);
  const [min, max] = RETENTION_LIMITS;
  const days = input.retentionDays;
  if (!Number.isInteger(days) || days < min || days > max) {
    throw new ValidationError([field('retentionDays', 'frontdesk.errors.retention', { min, max })]);
  }
  return runCommand(ctx, { action: 'frontdesk.updateSettings', allowed: frontdeskPolicy.settings(ctx.actor) }, async (tx) => {
    const before = await getFrontdeskSettings({ ...ctx, tx });
    await tx
      .insert(frontdeskSettings)
      .values({ orgId: ctx.orgId, retentionDays: days })
      .onConflictDoUpdate({ target: frontdeskSettings.orgId, set: { retentionDays: days, updatedAt: new Date() } });
    return {
      result: { retentionDays: days },
      entity: 'frontdesk_settings',
      entityId: ctx.orgId,
      summary: `กำหนดระยะเวลาเก็บชื่อและเบอร์โทรศัพท์ผู้มาติดต่อ ${days} วัน (เดิม ${before.retentionDays} วัน)`,
      data: { retentionDays: days, before: before.retentionDays },
    };
  });
}

/** The visits of one organization whose name or phone is older than its retention: erased, audited. */
async function eraseOrganization(app: AppServices, orgId: number, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const due = and(
    eq(frontdeskVisits.orgId, orgId),
    lt(frontdeskVisits.visitedAt, cutoff),
    or(isNotNull(frontdeskVisits.visitorName), isNotNull(frontdeskVisits.visitorPhone)),
  );
  // A read first, so an organization with nothing due gets no audit entry.
  const [any] = await app.db.select({ id: frontdeskVisits.id }).from(frontdeskVisits).where(due).limit(1);
  if (!any) return 0;
  const ctx: ServiceContext = { app, orgId, actor: systemActor(orgId, 'frontdesk-retention') };
  return runCommand(ctx, { action: 'frontdesk.erasePersonalData', allowed: true }, async (tx) => {
    const erased = await tx
      .update(frontdeskVisits)
      .set({ visitorName: null, visitorPhone: null, personalErasedAt: now })
      .where(due)
      .returning({ id: frontdeskVisits.id });
    return {
      result: erased.length,
      entity: 'frontdesk_visit',
      entityId: null,
      summary: `ลบชื่อและเบอร์โทรศัพท์ผู้มาติดต่อที่เก็บไว้เกิน ${retentionDays} วัน จำนวน ${erased.length} รายการ`,
      data: { erased: erased.length, retentionDays, cutoff: cutoff.toISOString() },
    };
  });
}

/**
 * The retention sweep: in every organization, the names and phones of visits older than its
 * retention days (default 90) are erased; the visits stay, so the statistics do not change.
 * `now` is explicit so a test moves the clock instead of waiting. Returns how many visits
 * were erased.
 */
export async function erasePersonalData(app: AppServices, now: Date = app.now()): Promise<number> {
  const maxCutoff = new Date(now.getTime() - RETENTION_LIMITS[0] * DAY_MS);
  // Organizations with any personal data old enough to be due under the shortest retention.
  const candidates = await app.db
    .selectDistinct({ orgId: frontdeskVisits.orgId, retentionDays: frontdeskSettings.retentionDays })
    .from(frontdeskVisits)
    .innerJoin(organizations, eq(organizations.id, frontdeskVisits.orgId))
    .leftJoin(frontdeskSettings, eq(frontdeskSettings.orgId, frontdeskVisits.orgId))
    .where(
      and(lt(frontdeskVisits.visitedAt, maxCutoff), or(isNotNull(frontdeskVisits.visitorName), isNotNull(frontdeskVisits.visitorPhone))),
    )
    .orderBy(asc(frontdeskVisits.orgId));
  let erased = 0;
  for (const o of candidates) {
    try {
      erased += await eraseOrganization(app, o.orgId, o.retentionDays ?? DEFAULT_RETENTION_DAYS, now);
    } catch (e) {
      app.log.error({ err: e, orgId: o.orgId }, 'frontdesk retention failed for an organization');
    }
  }
  return erased;
}

/** Reads one visit of this organization (404 for another's). */
export async function getVisit(ctx: ServiceContext, id: number): Promise<Visit> {
  ensureAllowed(frontdeskPolicy.log(ctx.actor) || frontdeskPolicy.report(ctx.actor), !!ctx.actor);
  const [v] = await dbOf(ctx)
    .select()
    .from(frontdeskVisits)
    .where(and(eq(frontdeskVisits.orgId, ctx.orgId), eq(frontdeskVisits.id, id)));
  if (!v) throw notFound();
  return v;
}
