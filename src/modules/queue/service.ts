import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { conflict, ensureAllowed, notFound, tooMany, ValidationError } from '../../core/http/errors.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { bangkokDateParts, bangkokIsoDay, bangkokMidnight, parseIsoDay } from '../../core/thai/bangkok.js';
import { queuePolicy } from './policy.js';
import {
  ACTIVE_STATUSES,
  type Channel,
  queueCounterServices,
  queueCounters,
  queueDayCounters,
  queueHolidays,
  queuePriorityGroups,
  queueServices,
  queueSettings,
  queueTicketEvents,
  queueTickets,
  type ServiceHours,
  type TicketEventKind,
  type TicketStatus,
  WAITING_STATUSES,
} from './schema.js';

export type QueueService = typeof queueServices.$inferSelect;
export type QueueCounter = typeof queueCounters.$inferSelect;
export type PriorityGroup = typeof queuePriorityGroups.$inferSelect;
export type Ticket = typeof queueTickets.$inferSelect;

/** A recall is refused within this many seconds of the last call of the same ticket. */
export const RECALL_THROTTLE_SECONDS = 10;
export const MAX_REASON = 500;
export const MAX_IDEMPOTENCY_KEY = 100;

// Per app server: public ticketing (kiosk, online) from one address to one organization.
const publicIssues = new RateLimiter(30, 60 * 1000);

// ---------------------------------------------------------------------------------------------
// Days, hours, labels

function dayStart(d: Date): Date {
  return bangkokMidnight(bangkokDateParts(d));
}

/** "A" + 12 → "A012". */
export function ticketLabel(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether the service takes numbers at this instant (Bangkok wall clock; holidays: next increment). */
export function isOpenAt(s: Pick<QueueService, 'alwaysOpen' | 'hours'>, at: Date): boolean {
  if (s.alwaysOpen) return true;
  const p = bangkokDateParts(at);
  const today = s.hours[String(p.weekday) as keyof ServiceHours];
  if (!today) return false;
  const now = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return today[0] <= now && now < today[1];
}

/** "08:30–16:30" of today, or null when closed all day. */
export function hoursToday(s: Pick<QueueService, 'alwaysOpen' | 'hours'>, at: Date): string | null {
  if (s.alwaysOpen) return '00:00–24:00';
  const today = s.hours[String(bangkokDateParts(at).weekday) as keyof ServiceHours];
  return today ? `${today[0]}–${today[1]}` : null;
}

function checkHours(hours: ServiceHours) {
  for (const [day, span] of Object.entries(hours)) {
    if (!/^[0-6]$/.test(day) || !span || !HHMM.test(span[0]) || !HHMM.test(span[1]) || span[0] >= span[1]) {
      throw new ValidationError([{ field: 'hours', label: 'queue.fields.hours', message: 'queue.errors.hoursInvalid' }]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Setup (admin)

export async function createService(
  ctx: ServiceContext,
  input: {
    name: string;
    nameEn?: string | null;
    prefix: string;
    divisionId?: number | null;
    avgServiceMinutes?: number;
    hours?: ServiceHours;
    alwaysOpen?: boolean;
    active?: boolean;
    sortOrder?: number;
  },
): Promise<QueueService> {
  if (!/^[A-Z]{1,2}$/.test(input.prefix)) {
    throw new ValidationError([{ field: 'prefix', label: 'queue.fields.prefix', message: 'queue.errors.prefixInvalid' }]);
  }
  checkHours(input.hours ?? {});
  return runCommand(ctx, { action: 'queue.createService', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const [dup] = await tx
      .select({ id: queueServices.id })
      .from(queueServices)
      .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.prefix, input.prefix)));
    if (dup) throw prefixTaken(input.prefix);
    const [row] = await tx
      .insert(queueServices)
      .values({
        orgId: ctx.orgId,
        name: input.name,
        nameEn: input.nameEn ?? null,
        prefix: input.prefix,
        divisionId: input.divisionId ?? null,
        avgServiceMinutes: input.avgServiceMinutes ?? 10,
        hours: input.hours ?? {},
        alwaysOpen: input.alwaysOpen ?? false,
        active: input.active ?? true,
        sortOrder: input.sortOrder ?? 0,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('service not written');
    return { result: row, entity: 'queue_service', entityId: row.id, summary: `เพิ่มงานบริการ ${row.prefix} ${row.name}` };
  });
}

export async function createCounter(
  ctx: ServiceContext,
  input: { number: number; name: string; serviceIds: number[]; staffUserId?: number | null },
): Promise<QueueCounter> {
  return runCommand(ctx, { action: 'queue.createCounter', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const ids = [...new Set(input.serviceIds)];
    await assertCounterNumberFree(tx, ctx.orgId, input.number);
    if (ids.length) {
      const found = await tx
        .select({ id: queueServices.id })
        .from(queueServices)
        .where(and(eq(queueServices.orgId, ctx.orgId), inArray(queueServices.id, ids)));
      if (found.length !== ids.length) throw notFound('queue.errors.unknownService');
    }
    const [row] = await tx
      .insert(queueCounters)
      .values({
        orgId: ctx.orgId,
        number: input.number,
        name: input.name,
        staffUserId: input.staffUserId ?? null,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('counter not written');
    if (ids.length)
      await tx.insert(queueCounterServices).values(ids.map((serviceId) => ({ orgId: ctx.orgId, counterId: row.id, serviceId })));
    return { result: row, entity: 'queue_counter', entityId: row.id, summary: `เพิ่มช่องบริการ ${row.number} ${row.name}` };
  });
}

export async function createPriorityGroup(
  ctx: ServiceContext,
  input: { name: string; nameEn?: string | null; ratio: number; sortOrder?: number },
): Promise<PriorityGroup> {
  if (!Number.isInteger(input.ratio) || input.ratio < 0 || input.ratio > 50) {
    throw new ValidationError([{ field: 'ratio', label: 'queue.fields.ratio', message: 'queue.errors.ratioInvalid' }]);
  }
  return runCommand(ctx, { action: 'queue.createPriorityGroup', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const [row] = await tx
      .insert(queuePriorityGroups)
      .values({ orgId: ctx.orgId, name: input.name, nameEn: input.nameEn ?? null, ratio: input.ratio, sortOrder: input.sortOrder ?? 0 })
      .returning();
    if (!row) throw new Error('group not written');
    return { result: row, entity: 'queue_priority_group', entityId: row.id, summary: `เพิ่มกลุ่มผู้รับบริการก่อน ${row.name}` };
  });
}

function prefixTaken(prefix: string) {
  return new ValidationError([{ field: 'prefix', label: 'queue.fields.prefix', message: 'queue.errors.prefixTaken', params: { prefix } }]);
}

export interface ServiceInput {
  name: string;
  nameEn?: string | null;
  prefix: string;
  divisionId?: number | null;
  avgServiceMinutes: number;
  hours: ServiceHours;
  alwaysOpen: boolean;
  active: boolean;
}

export async function updateService(ctx: ServiceContext, id: number, input: ServiceInput): Promise<QueueService> {
  if (!/^[A-Z]{1,2}$/.test(input.prefix)) {
    throw new ValidationError([{ field: 'prefix', label: 'queue.fields.prefix', message: 'queue.errors.prefixInvalid' }]);
  }
  checkHours(input.hours);
  return runCommand(ctx, { action: 'queue.updateService', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const [dup] = await tx
      .select({ id: queueServices.id })
      .from(queueServices)
      .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.prefix, input.prefix)));
    if (dup && dup.id !== id) throw prefixTaken(input.prefix);
    const [row] = await tx
      .update(queueServices)
      .set({
        name: input.name,
        nameEn: input.nameEn ?? null,
        prefix: input.prefix,
        divisionId: input.divisionId ?? null,
        avgServiceMinutes: input.avgServiceMinutes,
        hours: input.hours,
        alwaysOpen: input.alwaysOpen,
        active: input.active,
      })
      .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.id, id)))
      .returning();
    if (!row) throw notFound('queue.errors.unknownService');
    return { result: row, entity: 'queue_service', entityId: id, summary: `แก้ไขงานบริการ ${row.prefix} ${row.name}` };
  });
}

async function assertCounterNumberFree(tx: Db, orgId: number, n: number, exceptId?: number) {
  const [dup] = await tx
    .select({ id: queueCounters.id })
    .from(queueCounters)
    .where(and(eq(queueCounters.orgId, orgId), eq(queueCounters.number, n)));
  if (dup && dup.id !== exceptId) {
    throw new ValidationError([
      { field: 'number', label: 'queue.admin.fields.counterNumber', message: 'queue.admin.errors.numberTaken', params: { number: n } },
    ]);
  }
}

async function assertServicesInOrg(tx: Db, orgId: number, ids: number[]) {
  if (!ids.length) return;
  const found = await tx
    .select({ id: queueServices.id })
    .from(queueServices)
    .where(and(eq(queueServices.orgId, orgId), inArray(queueServices.id, ids)));
  if (found.length !== ids.length) throw notFound('queue.errors.unknownService');
}

export async function updateCounter(
  ctx: ServiceContext,
  id: number,
  input: { number: number; name: string; serviceIds: number[]; staffUserId?: number | null; active: boolean },
): Promise<QueueCounter> {
  return runCommand(ctx, { action: 'queue.updateCounter', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const ids = [...new Set(input.serviceIds)];
    await assertCounterNumberFree(tx, ctx.orgId, input.number, id);
    await assertServicesInOrg(tx, ctx.orgId, ids);
    const [row] = await tx
      .update(queueCounters)
      .set({ number: input.number, name: input.name, staffUserId: input.staffUserId ?? null, active: input.active })
      .where(and(eq(queueCounters.orgId, ctx.orgId), eq(queueCounters.id, id)))
      .returning();
    if (!row) throw notFound('queue.errors.unknownCounter');
    await tx.delete(queueCounterServices).where(and(eq(queueCounterServices.orgId, ctx.orgId), eq(queueCounterServices.counterId, id)));
    if (ids.length) await tx.insert(queueCounterServices).values(ids.map((serviceId) => ({ orgId: ctx.orgId, counterId: id, serviceId })));
    return { result: row, entity: 'queue_counter', entityId: id, summary: `แก้ไขช่องบริการ ${row.number} ${row.name}` };
  });
}

export async function updatePriorityGroup(
  ctx: ServiceContext,
  id: number,
  input: { name: string; nameEn?: string | null; ratio: number; active: boolean },
): Promise<PriorityGroup> {
  if (!Number.isInteger(input.ratio) || input.ratio < 0 || input.ratio > 50) {
    throw new ValidationError([{ field: 'ratio', label: 'queue.fields.ratio', message: 'queue.errors.ratioInvalid' }]);
  }
  return runCommand(ctx, { action: 'queue.updatePriorityGroup', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const [row] = await tx
      .update(queuePriorityGroups)
      .set({ name: input.name, nameEn: input.nameEn ?? null, ratio: input.ratio, active: input.active })
      .where(and(eq(queuePriorityGroups.orgId, ctx.orgId), eq(queuePriorityGroups.id, id)))
      .returning();
    if (!row) throw notFound('queue.errors.unknownGroup');
    return { result: row, entity: 'queue_priority_group', entityId: id, summary: `แก้ไขกลุ่มผู้รับบริการก่อน ${row.name}` };
  });
}

/** Setup reads for the admin pages: everything, inactive included. */
export async function listSetup(ctx: ServiceContext): Promise<{
  services: QueueService[];
  counters: CounterWithServices[];
  groups: PriorityGroup[];
}> {
  ensureAllowed(queuePolicy.manage(ctx.actor), !!ctx.actor);
  const db = dbOf(ctx);
  const [services, counters, links, groups] = await Promise.all([
    db
      .select()
      .from(queueServices)
      .where(eq(queueServices.orgId, ctx.orgId))
      .orderBy(asc(queueServices.sortOrder), asc(queueServices.prefix)),
    db.select().from(queueCounters).where(eq(queueCounters.orgId, ctx.orgId)).orderBy(asc(queueCounters.number)),
    db.select().from(queueCounterServices).where(eq(queueCounterServices.orgId, ctx.orgId)),
    db
      .select()
      .from(queuePriorityGroups)
      .where(eq(queuePriorityGroups.orgId, ctx.orgId))
      .orderBy(asc(queuePriorityGroups.sortOrder), asc(queuePriorityGroups.id)),
  ]);
  return {
    services,
    counters: counters.map((c) => ({ ...c, serviceIds: links.filter((l) => l.counterId === c.id).map((l) => l.serviceId) })),
    groups,
  };
}

// ---------------------------------------------------------------------------------------------
// Reads

export interface ServiceSummary {
  service: QueueService;
  openNow: boolean;
  hoursToday: string | null;
  waiting: number;
}

/** Active services with whether they take numbers now and how many wait (public: kiosk, site). */
export async function listServices(ctx: ServiceContext): Promise<ServiceSummary[]> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  const db = dbOf(ctx);
  const services = await db
    .select()
    .from(queueServices)
    .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.active, true)))
    .orderBy(asc(queueServices.sortOrder), asc(queueServices.id));
  const counts = await db
    .select({ serviceId: queueTickets.serviceId, n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.orgId, ctx.orgId),
        inArray(queueTickets.status, [...WAITING_STATUSES]),
        eq(queueTickets.day, bangkokIsoDay(ctx.app.now())),
      ),
    )
    .groupBy(queueTickets.serviceId);
  const waiting = new Map(counts.map((c) => [c.serviceId, Number(c.n)]));
  const now = ctx.app.now();
  return services.map((s) => ({ service: s, openNow: isOpenAt(s, now), hoursToday: hoursToday(s, now), waiting: waiting.get(s.id) ?? 0 }));
}

export async function listPriorityGroups(ctx: ServiceContext): Promise<PriorityGroup[]> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  return dbOf(ctx)
    .select()
    .from(queuePriorityGroups)
    .where(and(eq(queuePriorityGroups.orgId, ctx.orgId), eq(queuePriorityGroups.active, true)))
    .orderBy(asc(queuePriorityGroups.sortOrder), asc(queuePriorityGroups.id));
}

export interface CounterWithServices extends QueueCounter {
  serviceIds: number[];
}

export async function listCounters(ctx: ServiceContext): Promise<CounterWithServices[]> {
  ensureAllowed(queuePolicy.serve(ctx.actor), !!ctx.actor);
  const db = dbOf(ctx);
  const counters = await db
    .select()
    .from(queueCounters)
    .where(and(eq(queueCounters.orgId, ctx.orgId), eq(queueCounters.active, true)))
    .orderBy(asc(queueCounters.number));
  const links = await db.select().from(queueCounterServices).where(eq(queueCounterServices.orgId, ctx.orgId));
  return counters.map((c) => ({ ...c, serviceIds: links.filter((l) => l.counterId === c.id).map((l) => l.serviceId) }));
}

/**
 * Which waiting tickets a counter may call: of its services and not sent to another counter, or
 * sent to this counter (whatever their service).
 */
function callableBy(orgId: number, serviceIds: number[], counterId: number | null) {
  const ofServices = serviceIds.length
    ? and(
        inArray(queueTickets.serviceId, serviceIds),
        counterId === null
          ? isNull(queueTickets.targetCounterId)
          : or(isNull(queueTickets.targetCounterId), eq(queueTickets.targetCounterId, counterId)),
      )
    : undefined;
  const sentHere = counterId === null ? undefined : eq(queueTickets.targetCounterId, counterId);
  return and(eq(queueTickets.orgId, orgId), or(...[ofServices, sentHere].filter((x) => x !== undefined)) ?? sql`false`);
}

/**
 * Tickets waiting now (today) for the given services, in calling order by time of issue; with a
 * counter, those it may call (see callableBy). No personal data is shown from tickets.
 */
export async function listWaiting(ctx: ServiceContext, serviceIds: number[], counterId: number | null = null): Promise<Ticket[]> {
  ensureAllowed(queuePolicy.serve(ctx.actor), !!ctx.actor);
  if (serviceIds.length === 0 && counterId === null) return [];
  return dbOf(ctx)
    .select()
    .from(queueTickets)
    .where(
      and(
        callableBy(ctx.orgId, serviceIds, counterId),
        inArray(queueTickets.status, [...WAITING_STATUSES]),
        eq(queueTickets.day, bangkokIsoDay(ctx.app.now())),
      ),
    )
    .orderBy(asc(queueTickets.issuedAt), asc(queueTickets.id))
    .limit(500);
}

/** The ticket a counter is busy with (called or being served), if any. */
export async function currentTicket(ctx: ServiceContext, counterId: number): Promise<Ticket | null> {
  ensureAllowed(queuePolicy.serve(ctx.actor), !!ctx.actor);
  return activeAt(dbOf(ctx), ctx.orgId, counterId);
}

async function activeAt(db: Db, orgId: number, counterId: number): Promise<Ticket | null> {
  const [t] = await db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, orgId), eq(queueTickets.counterId, counterId), inArray(queueTickets.status, [...ACTIVE_STATUSES])))
    .limit(1);
  return t ?? null;
}

export interface TicketPosition {
  /** Tickets of the same service waiting ahead of this one (0 when it is next, or no longer waits). */
  waitingAhead: number;
  /** Estimated minutes until it is called, from the service's average time and its open counters. */
  estimateMinutes: number;
}

async function positionOf(db: Db, orgId: number, t: Ticket, service: QueueService): Promise<TicketPosition> {
  if (!WAITING_STATUSES.includes(t.status)) return { waitingAhead: 0, estimateMinutes: 0 };
  const [ahead] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.orgId, orgId),
        eq(queueTickets.serviceId, t.serviceId),
        eq(queueTickets.day, t.day),
        inArray(queueTickets.status, [...WAITING_STATUSES]),
        or(lt(queueTickets.issuedAt, t.issuedAt), and(eq(queueTickets.issuedAt, t.issuedAt), lt(queueTickets.id, t.id))),
      ),
    );
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(queueCounters)
    .innerJoin(
      queueCounterServices,
      and(eq(queueCounterServices.orgId, queueCounters.orgId), eq(queueCounterServices.counterId, queueCounters.id)),
    )
    .where(
      and(
        eq(queueCounters.orgId, orgId),
        eq(queueCounterServices.serviceId, t.serviceId),
        eq(queueCounters.active, true),
        eq(queueCounters.paused, false),
      ),
    );
  const waitingAhead = Number(ahead?.n ?? 0);
  const counters = Math.max(1, Number(open?.n ?? 0));
  return { waitingAhead, estimateMinutes: Math.ceil((waitingAhead * service.avgServiceMinutes) / counters) };
}

/** What a ticket's holder may see: no personal data (tickets hold none). */
export interface PublicTicket extends TicketPosition {
  label: string;
  status: TicketStatus;
  serviceName: string;
  serviceNameEn: string | null;
  counterNumber: number | null;
  /** How many times it was called (a recall adds one): the status page alerts again. */
  callCount: number;
  issuedAt: Date;
  day: string;
}

async function publicView(db: Db, orgId: number, t: Ticket, known?: QueueService): Promise<PublicTicket> {
  const service = known?.id === t.serviceId ? known : await serviceRow(db, orgId, t.serviceId);
  const pos = await positionOf(db, orgId, t, service);
  let counterNumber: number | null = null;
  if (t.counterId && ACTIVE_STATUSES.includes(t.status)) {
    const [c] = await db
      .select({ number: queueCounters.number })
      .from(queueCounters)
      .where(and(eq(queueCounters.orgId, orgId), eq(queueCounters.id, t.counterId)));
    counterNumber = c?.number ?? null;
  }
  return {
    label: t.label,
    status: t.status,
    serviceName: service.name,
    serviceNameEn: service.nameEn,
    counterNumber,
    callCount: t.callCount,
    issuedAt: t.issuedAt,
    day: t.day,
    ...pos,
  };
}

/** The live status page (QR on the ticket): public, by the ticket's unguessable token. */
export async function getTicketByToken(ctx: ServiceContext, token: string): Promise<PublicTicket> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw notFound('queue.errors.unknownTicket');
  const db = dbOf(ctx);
  const [t] = await db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, ctx.orgId), eq(queueTickets.publicToken, token)));
  if (!t) throw notFound('queue.errors.unknownTicket');
  return publicView(db, ctx.orgId, t);
}

export async function getTicket(ctx: ServiceContext, id: number): Promise<Ticket> {
  ensureAllowed(queuePolicy.serve(ctx.actor), !!ctx.actor);
  return ticketRow(dbOf(ctx), ctx.orgId, id);
}

export async function ticketEvents(ctx: ServiceContext, ticketId: number) {
  ensureAllowed(queuePolicy.serve(ctx.actor), !!ctx.actor);
  return dbOf(ctx)
    .select()
    .from(queueTicketEvents)
    .where(and(eq(queueTicketEvents.orgId, ctx.orgId), eq(queueTicketEvents.ticketId, ticketId)))
    .orderBy(asc(queueTicketEvents.id));
}

async function serviceRow(db: Db, orgId: number, id: number): Promise<QueueService> {
  const [s] = await db
    .select()
    .from(queueServices)
    .where(and(eq(queueServices.orgId, orgId), eq(queueServices.id, id)));
  if (!s) throw notFound('queue.errors.unknownService');
  return s;
}

async function ticketRow(db: Db, orgId: number, id: number, lock = false): Promise<Ticket> {
  const q = db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, orgId), eq(queueTickets.id, id)));
  const [t] = lock ? await q.for('update') : await q;
  if (!t) throw notFound('queue.errors.unknownTicket');
  return t;
}

async function counterRow(db: Db, orgId: number, id: number, lock = false): Promise<QueueCounter> {
  const q = db
    .select()
    .from(queueCounters)
    .where(and(eq(queueCounters.orgId, orgId), eq(queueCounters.id, id)));
  const [c] = lock ? await q.for('update') : await q;
  if (!c?.active) throw notFound('queue.errors.unknownCounter');
  return c;
}

async function addEvent(
  tx: Db,
  ctx: ServiceContext,
  e: { ticketId: number | null; kind: TicketEventKind; serviceId?: number | null; counterId?: number | null; reason?: string | null },
) {
  await tx.insert(queueTicketEvents).values({
    orgId: ctx.orgId,
    ticketId: e.ticketId,
    kind: e.kind,
    at: ctx.app.now(),
    serviceId: e.serviceId ?? null,
    counterId: e.counterId ?? null,
    staffUserId: ctx.actor?.userId || null,
    reason: e.reason ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Settings and holidays

export interface QueueSettings {
  /** Citizens may take a number on the public site. */
  allowOnline: boolean;
  /** Recent calls listed on the display board. */
  boardRecent: number;
  /** Seconds without a touch before the kiosk returns to its start. */
  kioskReturnSeconds: number;
}

export const DEFAULT_SETTINGS: QueueSettings = { allowOnline: false, boardRecent: 6, kioskReturnSeconds: 20 };
export const SETTING_LIMITS = { boardRecent: [3, 12], kioskReturnSeconds: [10, 120] } as const;

async function settingsOf(db: Db, orgId: number): Promise<QueueSettings> {
  const [row] = await db.select().from(queueSettings).where(eq(queueSettings.orgId, orgId));
  return row
    ? { allowOnline: row.allowOnline, boardRecent: row.boardRecent, kioskReturnSeconds: row.kioskReturnSeconds }
    : { ...DEFAULT_SETTINGS };
}

/** Public: the kiosk, board and site read them. */
export async function getQueueSettings(ctx: ServiceContext): Promise<QueueSettings> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  return settingsOf(dbOf(ctx), ctx.orgId);
}

export async function updateQueueSettings(ctx: ServiceContext, input: Partial<QueueSettings>): Promise<QueueSettings> {
  const fields = [];
  for (const key of ['boardRecent', 'kioskReturnSeconds'] as const) {
    const v = input[key];
    const [lo, hi] = SETTING_LIMITS[key];
    if (v !== undefined && (!Number.isInteger(v) || v < lo || v > hi)) {
      fields.push({ field: key, label: `queue.fields.${key}`, message: 'queue.errors.between', params: { min: lo, max: hi } });
    }
  }
  if (fields.length) throw new ValidationError(fields);
  return runCommand(ctx, { action: 'queue.updateSettings', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const next = { ...(await settingsOf(tx, ctx.orgId)), ...input };
    await tx
      .insert(queueSettings)
      .values({ orgId: ctx.orgId, ...next })
      .onConflictDoUpdate({ target: queueSettings.orgId, set: next });
    return {
      result: next,
      entity: 'queue_settings',
      entityId: ctx.orgId,
      summary: `ตั้งค่าคิว: ${next.allowOnline ? 'รับบัตรคิวออนไลน์' : 'ไม่รับบัตรคิวออนไลน์'}, กระดานแสดง ${next.boardRecent} รายการ, ตู้กดกลับหน้าแรกใน ${next.kioskReturnSeconds} วินาที`,
    };
  });
}

/** Days the office is closed, oldest first (a range of Bangkok days, inclusive, or all). Public. */
export async function listHolidays(ctx: ServiceContext, range?: { from: string; to: string }): Promise<{ day: string; name: string }[]> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  const where = range
    ? and(eq(queueHolidays.orgId, ctx.orgId), gte(queueHolidays.day, range.from), sql`${queueHolidays.day} <= ${range.to}`)
    : eq(queueHolidays.orgId, ctx.orgId);
  return dbOf(ctx)
    .select({ day: queueHolidays.day, name: queueHolidays.name })
    .from(queueHolidays)
    .where(where)
    .orderBy(asc(queueHolidays.day));
}

async function holidayName(db: Db, orgId: number, day: string): Promise<string | null> {
  const [h] = await db
    .select({ name: queueHolidays.name })
    .from(queueHolidays)
    .where(and(eq(queueHolidays.orgId, orgId), eq(queueHolidays.day, day)));
  return h?.name ?? null;
}

/** The holiday's name when the office is closed that Bangkok day. */
export async function holidayOn(ctx: ServiceContext, day: string): Promise<string | null> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  return holidayName(dbOf(ctx), ctx.orgId, day);
}

export async function addHoliday(ctx: ServiceContext, input: { day: string; name: string }): Promise<{ day: string; name: string }> {
  const name = input.name.trim();
  const fields = [];
  if (!parseIsoDay(input.day)) fields.push({ field: 'day', label: 'queue.fields.holidayDay', message: 'core.validation.invalid' });
  if (!name) fields.push({ field: 'name', label: 'queue.fields.holidayName', message: 'core.validation.required' });
  else if (name.length > 200) fields.push({ field: 'name', label: 'queue.fields.holidayName', message: 'queue.errors.reasonTooLong' });
  if (fields.length) throw new ValidationError(fields);
  return runCommand(ctx, { action: 'queue.addHoliday', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    if (await holidayName(tx, ctx.orgId, input.day)) {
      throw new ValidationError([{ field: 'day', label: 'queue.fields.holidayDay', message: 'queue.errors.holidayTaken' }]);
    }
    await tx.insert(queueHolidays).values({ orgId: ctx.orgId, day: input.day, name });
    return { result: { day: input.day, name }, entity: 'queue_holiday', entityId: input.day, summary: `เพิ่มวันหยุด ${input.day} ${name}` };
  });
}

export async function removeHoliday(ctx: ServiceContext, day: string): Promise<void> {
  return runCommand(ctx, { action: 'queue.removeHoliday', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const name = parseIsoDay(day) ? await holidayName(tx, ctx.orgId, day) : null;
    if (!name) throw notFound('queue.errors.unknownHoliday');
    await tx.delete(queueHolidays).where(and(eq(queueHolidays.orgId, ctx.orgId), eq(queueHolidays.day, day)));
    return { result: undefined, entity: 'queue_holiday', entityId: day, summary: `ลบวันหยุด ${day} ${name}` };
  });
}

// ---------------------------------------------------------------------------------------------
// Online tickets: one active per phone number and per device

/** Thai mobile numbers: 10 digits starting 06, 08 or 09; spaces and dashes allowed. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^\+66/, '0');
  return /^0[689]\d{8}$/.test(digits) ? digits : null;
}

/** Kept only as a hash, and only while the ticket is active: enough to refuse a second ticket. */
function keyedHash(orgId: number, kind: 'phone' | 'device', value: string): string {
  return createHash('sha256').update(`prongsai-queue|${kind}|${orgId}|${value}`).digest('base64url');
}

/** The device's ticket that still waits or is being served today, for the online page to return to. */
export async function activeOnlineTicket(ctx: ServiceContext, deviceId: string): Promise<{ token: string; label: string } | null> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  if (!deviceId || deviceId.length > 100) return null;
  const [t] = await dbOf(ctx)
    .select({ token: queueTickets.publicToken, label: queueTickets.label })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.orgId, ctx.orgId),
        eq(queueTickets.deviceHash, keyedHash(ctx.orgId, 'device', deviceId)),
        eq(queueTickets.day, bangkokIsoDay(ctx.app.now())),
        inArray(queueTickets.status, [...WAITING_STATUSES, ...ACTIVE_STATUSES]),
      ),
    );
  return t ?? null;
}

// ---------------------------------------------------------------------------------------------
// Issuing

export interface IssueInput {
  serviceId: number;
  priorityGroupId?: number | null;
  channel: Channel;
  /** One per kiosk press: the same key again returns the same ticket. */
  idempotencyKey?: string | null;
  /** Online: the citizen's mobile number (required) and a device id from a long-lived cookie. */
  phone?: string | null;
  deviceId?: string | null;
}

export interface IssuedTicket {
  ticket: Ticket;
  status: PublicTicket;
  /** False when the key had been used: this is the ticket of the first press. */
  created: boolean;
}

class AlreadyIssued extends Error {}

/** A ticket of an earlier day that was never finished holds its phone and device no longer. */
async function releaseOnlineHolds(tx: Db, orgId: number, today: string) {
  await tx
    .update(queueTickets)
    .set({ phoneHash: null, deviceHash: null })
    .where(
      and(
        eq(queueTickets.orgId, orgId),
        eq(queueTickets.channel, 'online'),
        isNotNull(queueTickets.phoneHash),
        lt(queueTickets.day, today),
      ),
    );
}

async function byKey(db: Db, orgId: number, key: string): Promise<Ticket | null> {
  const [t] = await db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, orgId), eq(queueTickets.idempotencyKey, key)));
  return t ?? null;
}

/**
 * Takes a number: per service per Bangkok day, never repeated or skipped, even under concurrent
 * requests (the day counter row is bumped in the ticket's own transaction). Idempotent by key.
 */
export async function issueTicket(ctx: ServiceContext, input: IssueInput): Promise<IssuedTicket> {
  const key = input.idempotencyKey?.trim() || null;
  if (key && key.length > MAX_IDEMPOTENCY_KEY) {
    throw new ValidationError([{ field: 'idempotencyKey', label: 'queue.fields.idempotencyKey', message: 'queue.errors.keyTooLong' }]);
  }
  let phoneHash: string | null = null;
  let deviceHash: string | null = null;
  if (input.channel === 'online') {
    const phone = normalizePhone(input.phone ?? '');
    if (!phone) throw new ValidationError([{ field: 'phone', label: 'queue.fields.phone', message: 'queue.errors.phoneInvalid' }]);
    phoneHash = keyedHash(ctx.orgId, 'phone', phone);
    const device = input.deviceId?.trim();
    if (device && device.length <= 100) deviceHash = keyedHash(ctx.orgId, 'device', device);
  }
  if (!ctx.actor) {
    const wait = publicIssues.hit(`${ctx.orgId}|${ctx.ip ?? '-'}`);
    if (wait > 0) throw tooMany('queue.errors.tooMany', { seconds: wait });
  }
  const db = dbOf(ctx);
  const again = async (t: Ticket): Promise<IssuedTicket> => ({ ticket: t, status: await publicView(db, ctx.orgId, t), created: false });
  if (key) {
    const existing = await byKey(db, ctx.orgId, key);
    if (existing) return again(existing);
  }
  try {
    // The ticket's public view (its place in the line) is read in the same transaction: under a
    // burst of presses each request waits for the database once, not once more after its commit.
    const issued = await runCommand(
      ctx,
      { action: 'queue.issueTicket', allowed: queuePolicy.issue(ctx.actor, input.channel) },
      async (tx, tools, txCtx) => {
        // A concurrent press with the same key that got here first: roll back, answer with its ticket.
        if (key && (await byKey(tx, ctx.orgId, key))) throw new AlreadyIssued();
        const [service] = await tx
          .select()
          .from(queueServices)
          .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.id, input.serviceId)));
        if (!service) throw notFound('queue.errors.unknownService');
        if (!service.active) throw conflict('queue.errors.serviceClosed', { service: service.name });
        const now = txCtx.app.now();
        const day = bangkokIsoDay(now);
        if (!service.alwaysOpen) {
          const holiday = await holidayName(tx, ctx.orgId, day);
          if (holiday) throw conflict('queue.errors.holiday', { name: holiday });
        }
        if (input.channel === 'online') {
          if (!(await settingsOf(tx, ctx.orgId)).allowOnline) throw conflict('queue.errors.onlineClosed');
          await releaseOnlineHolds(tx, ctx.orgId, day);
          const [held] = await tx
            .select({ label: queueTickets.label })
            .from(queueTickets)
            .where(
              and(
                eq(queueTickets.orgId, ctx.orgId),
                or(eq(queueTickets.phoneHash, phoneHash ?? ''), deviceHash ? eq(queueTickets.deviceHash, deviceHash) : sql`false`),
              ),
            )
            .limit(1);
          if (held) throw conflict('queue.errors.onlineHasActive', { label: held.label });
        }
        if (!isOpenAt(service, now)) {
          const today = hoursToday(service, now);
          throw today
            ? conflict('queue.errors.outsideHours', { service: service.name, hours: today })
            : conflict('queue.errors.closedToday', { service: service.name });
        }
        if (input.priorityGroupId != null) {
          const [g] = await tx
            .select({ id: queuePriorityGroups.id, active: queuePriorityGroups.active })
            .from(queuePriorityGroups)
            .where(and(eq(queuePriorityGroups.orgId, ctx.orgId), eq(queuePriorityGroups.id, input.priorityGroupId)));
          if (!g?.active) throw notFound('queue.errors.unknownGroup');
        }
        const [counter] = await tx
          .insert(queueDayCounters)
          .values({ orgId: ctx.orgId, serviceId: service.id, day, last: 1 })
          .onConflictDoUpdate({
            target: [queueDayCounters.orgId, queueDayCounters.serviceId, queueDayCounters.day],
            set: { last: sql`${queueDayCounters.last} + 1` },
          })
          .returning({ last: queueDayCounters.last });
        if (!counter) throw new Error('queue day counter missing');
        const [t] = await tx
          .insert(queueTickets)
          .values({
            orgId: ctx.orgId,
            serviceId: service.id,
            numberServiceId: service.id,
            day,
            number: counter.last,
            label: ticketLabel(service.prefix, counter.last),
            priorityGroupId: input.priorityGroupId ?? null,
            status: 'issued',
            idempotencyKey: key,
            channel: input.channel,
            publicToken: randomBytes(18).toString('base64url'),
            issuedBy: ctx.actor?.userId || null,
            issuedAt: now,
            phoneHash,
            deviceHash,
          })
          .returning();
        if (!t) throw new Error('ticket not written');
        await addEvent(tx, txCtx, { ticketId: t.id, kind: 'issued', serviceId: service.id });
        tools.publish({ topic: 'queue.issued', data: { ticketId: t.id, serviceId: service.id, label: t.label } });
        const status = await publicView(tx, ctx.orgId, t, service);
        return { result: { ticket: t, status }, entity: 'queue_ticket', entityId: t.id, summary: `ออกบัตรคิว ${t.label} ${service.name}` };
      },
    );
    return { ...issued, created: true };
  } catch (e) {
    if (e instanceof AlreadyIssued && key) {
      const existing = await byKey(db, ctx.orgId, key);
      if (existing) return again(existing);
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Counter work

/** How many normal tickets were called at these services since the last priority call today (Infinity if none). */
async function normalsSincePriority(tx: Db, orgId: number, serviceIds: number[], since: Date): Promise<number> {
  const recent = await tx
    .select({ group: queueTickets.priorityGroupId })
    .from(queueTicketEvents)
    .innerJoin(queueTickets, and(eq(queueTickets.orgId, queueTicketEvents.orgId), eq(queueTickets.id, queueTicketEvents.ticketId)))
    .where(
      and(
        eq(queueTicketEvents.orgId, orgId),
        eq(queueTicketEvents.kind, 'called'),
        inArray(queueTicketEvents.serviceId, serviceIds),
        gte(queueTicketEvents.at, since),
      ),
    )
    .orderBy(desc(queueTicketEvents.id))
    .limit(200);
  const i = recent.findIndex((r) => r.group !== null);
  return i === -1 ? Number.POSITIVE_INFINITY : i;
}

/**
 * Calls the next ticket to a counter: of the counter's services, the oldest priority ticket
 * whose group's ratio of normal calls has been met, else the oldest normal ticket, else the
 * oldest priority ticket. A counter busy with a ticket (a second, concurrent press) gets 409.
 */
export async function callNext(ctx: ServiceContext, counterId: number): Promise<Ticket> {
  return runCommand(ctx, { action: 'queue.callNext', allowed: queuePolicy.serve(ctx.actor) }, async (tx, tools, txCtx) => {
    const counter = await counterRow(tx, ctx.orgId, counterId, true);
    if (counter.paused) throw conflict('queue.errors.counterPaused', { counter: counter.number });
    const busy = await activeAt(tx, ctx.orgId, counter.id);
    if (busy) throw conflict('queue.errors.counterBusy', { counter: counter.number, label: busy.label });
    const links = await tx
      .select({ serviceId: queueCounterServices.serviceId })
      .from(queueCounterServices)
      .where(and(eq(queueCounterServices.orgId, ctx.orgId), eq(queueCounterServices.counterId, counter.id)));
    const serviceIds = links.map((l) => l.serviceId);
    const now = txCtx.app.now();
    const waitingWhere = and(
      callableBy(ctx.orgId, serviceIds, counter.id),
      inArray(queueTickets.status, [...WAITING_STATUSES]),
      eq(queueTickets.day, bangkokIsoDay(now)),
    );
    const [normal] = await tx
      .select()
      .from(queueTickets)
      .where(and(waitingWhere, isNull(queueTickets.priorityGroupId)))
      .orderBy(asc(queueTickets.issuedAt), asc(queueTickets.id))
      .limit(1);
    const priority = await tx
      .select({ ticket: queueTickets, ratio: queuePriorityGroups.ratio })
      .from(queueTickets)
      .innerJoin(
        queuePriorityGroups,
        and(eq(queuePriorityGroups.orgId, queueTickets.orgId), eq(queuePriorityGroups.id, queueTickets.priorityGroupId)),
      )
      .where(and(waitingWhere, isNotNull(queueTickets.priorityGroupId)))
      .orderBy(asc(queueTickets.issuedAt), asc(queueTickets.id))
      .limit(200);
    let chosen: Ticket | undefined;
    if (priority.length && normal) {
      const since = await normalsSincePriority(tx, ctx.orgId, serviceIds.length ? serviceIds : [normal.serviceId], dayStart(now));
      chosen = priority.find((p) => p.ratio <= since)?.ticket ?? normal;
    } else {
      chosen = normal ?? priority[0]?.ticket;
    }
    if (!chosen) throw conflict('queue.errors.nothingWaiting');
    return markCalled(tx, tools, txCtx, counter, chosen.id, null);
  });
}

/** The call itself, for callNext and callTicket: the ticket must still wait (else 409, try again). */
async function markCalled(
  tx: Db,
  tools: { publish: (e: { topic: string; data?: unknown }) => void },
  txCtx: ServiceContext,
  counter: QueueCounter,
  ticketId: number,
  reason: string | null,
) {
  const now = txCtx.app.now();
  const [t] = await tx
    .update(queueTickets)
    .set({
      status: 'called',
      counterId: counter.id,
      targetCounterId: null,
      calledAt: sql`coalesce(${queueTickets.calledAt}, ${now.toISOString()}::timestamptz)`,
      lastCalledAt: now,
      callCount: sql`${queueTickets.callCount} + 1`,
    })
    .where(and(eq(queueTickets.orgId, txCtx.orgId), eq(queueTickets.id, ticketId), inArray(queueTickets.status, [...WAITING_STATUSES])))
    .returning();
  if (!t) throw conflict('queue.errors.tryAgain');
  await addEvent(tx, txCtx, { ticketId: t.id, kind: 'called', serviceId: t.serviceId, counterId: counter.id, reason });
  tools.publish({
    topic: 'queue.called',
    data: { ticketId: t.id, label: t.label, counterId: counter.id, counterNumber: counter.number, serviceId: t.serviceId },
  });
  return {
    result: t,
    entity: 'queue_ticket',
    entityId: t.id,
    summary: reason ? `เรียกคิว ${t.label} ที่ช่องบริการ ${counter.number} ก่อนลำดับ: ${reason}` : `เรียกคิว ${t.label} ที่ช่องบริการ ${counter.number}`,
  };
}

/**
 * Calls one waiting ticket out of its turn (someone who came back after a no-show call, a
 * document check that takes a minute): the reason is required and kept on the call's record.
 */
export async function callTicket(ctx: ServiceContext, counterId: number, ticketId: number, reasonInput: string): Promise<Ticket> {
  const reason = checkedReason(reasonInput, 'queue.fields.outOfOrderReason', true) as string;
  return runCommand(ctx, { action: 'queue.callTicket', allowed: queuePolicy.serve(ctx.actor) }, async (tx, tools, txCtx) => {
    const counter = await counterRow(tx, ctx.orgId, counterId, true);
    if (counter.paused) throw conflict('queue.errors.counterPaused', { counter: counter.number });
    const busy = await activeAt(tx, ctx.orgId, counter.id);
    if (busy) throw conflict('queue.errors.counterBusy', { counter: counter.number, label: busy.label });
    const t = await ticketRow(tx, ctx.orgId, ticketId, true);
    if (!WAITING_STATUSES.includes(t.status)) throw conflict('queue.errors.wrongStatus', { label: t.label, status: t.status });
    if (t.day !== bangkokIsoDay(txCtx.app.now())) throw conflict('queue.errors.notToday', { label: t.label });
    if (t.targetCounterId !== null && t.targetCounterId !== counter.id) {
      throw conflict('queue.errors.sentElsewhere', { label: t.label });
    }
    return markCalled(tx, tools, txCtx, counter, t.id, reason);
  });
}

function checkedReason(input: string | null | undefined, label: string, required: boolean): string | null {
  const reason = input?.trim() || null;
  if (!reason && required) throw new ValidationError([{ field: 'reason', label, message: 'queue.errors.reasonRequired' }]);
  if (reason && reason.length > MAX_REASON) throw new ValidationError([{ field: 'reason', label, message: 'queue.errors.reasonTooLong' }]);
  return reason;
}

type Transition = {
  action: string;
  kind: TicketEventKind;
  from: readonly TicketStatus[];
  summary: (t: Ticket) => string;
};

async function transition(
  ctx: ServiceContext,
  ticketId: number,
  spec: Transition,
  change: (t: Ticket, now: Date) => PgUpdateSetSource<typeof queueTickets>,
  opts: { reason?: string | null; check?: (t: Ticket, now: Date) => void; serviceId?: (t: Ticket) => number; counterId?: number } = {},
): Promise<Ticket> {
  return runCommand(ctx, { action: spec.action, allowed: queuePolicy.serve(ctx.actor) }, async (tx, tools, txCtx) => {
    const before = await ticketRow(tx, ctx.orgId, ticketId, true);
    const now = txCtx.app.now();
    opts.check?.(before, now);
    if (!spec.from.includes(before.status)) throw conflict('queue.errors.wrongStatus', { label: before.label, status: before.status });
    const [t] = await tx
      .update(queueTickets)
      .set(change(before, now))
      .where(and(eq(queueTickets.orgId, ctx.orgId), eq(queueTickets.id, before.id)))
      .returning();
    if (!t) throw new Error('ticket not updated');
    await addEvent(tx, txCtx, {
      ticketId: t.id,
      kind: spec.kind,
      serviceId: opts.serviceId ? opts.serviceId(t) : t.serviceId,
      counterId: opts.counterId ?? before.counterId,
      reason: opts.reason ?? null,
    });
    tools.publish({
      topic: `queue.${spec.kind}`,
      data: { ticketId: t.id, label: t.label, counterId: before.counterId, serviceId: t.serviceId },
    });
    return { result: t, entity: 'queue_ticket', entityId: t.id, summary: spec.summary(t) };
  });
}

/** Calls the same ticket again (the board shows and speaks it again); not within 10 s of the last call. */
export async function recall(ctx: ServiceContext, ticketId: number): Promise<Ticket> {
  return transition(
    ctx,
    ticketId,
    { action: 'queue.recall', kind: 'recalled', from: ['called'], summary: (t) => `เรียกคิว ${t.label} ซ้ำ` },
    (_t, now) => ({ lastCalledAt: now, callCount: sql`${queueTickets.callCount} + 1` }),
    {
      check: (t, now) => {
        if (t.status !== 'called' || !t.lastCalledAt) return;
        const wait = RECALL_THROTTLE_SECONDS - Math.floor((now.getTime() - t.lastCalledAt.getTime()) / 1000);
        if (wait > 0) throw tooMany('queue.errors.recallTooSoon', { seconds: wait });
      },
    },
  );
}

export async function startServing(ctx: ServiceContext, ticketId: number): Promise<Ticket> {
  return transition(
    ctx,
    ticketId,
    { action: 'queue.startServing', kind: 'serving', from: ['called'], summary: (t) => `เริ่มให้บริการคิว ${t.label}` },
    (_t, now) => ({ status: 'serving', servingAt: now }),
  );
}

export async function finish(ctx: ServiceContext, ticketId: number): Promise<Ticket> {
  return transition(
    ctx,
    ticketId,
    { action: 'queue.finish', kind: 'finished', from: ['called', 'serving'], summary: (t) => `ให้บริการคิว ${t.label} เสร็จ` },
    (t, now) => ({ status: 'finished', finishedAt: now, servingAt: t.servingAt ?? now, phoneHash: null, deviceHash: null }),
  );
}

export async function noShow(ctx: ServiceContext, ticketId: number): Promise<Ticket> {
  return transition(
    ctx,
    ticketId,
    { action: 'queue.noShow', kind: 'no_show', from: ['called'], summary: (t) => `คิว ${t.label} ไม่มาตามเรียก` },
    (_t, now) => ({ status: 'no_show', finishedAt: now, phoneHash: null, deviceHash: null }),
  );
}

/**
 * Sends the ticket to another service's queue, or to one counter (only that counter calls it
 * then); it keeps its number and its place by time of issue. A finished (or no-show, cancelled)
 * ticket cannot be transferred.
 */
export async function transfer(
  ctx: ServiceContext,
  ticketId: number,
  input: { serviceId?: number | null; counterId?: number | null; reason?: string | null },
): Promise<Ticket> {
  const reason = checkedReason(input.reason, 'queue.fields.reason', false);
  const db = dbOf(ctx);
  if (input.counterId == null && input.serviceId == null) {
    throw new ValidationError([{ field: 'serviceId', label: 'queue.fields.transferTo', message: 'core.validation.choose' }]);
  }
  const toCounter = input.counterId != null ? await counterRow(db, ctx.orgId, input.counterId) : null;
  const target = input.serviceId != null ? await serviceRow(db, ctx.orgId, input.serviceId) : null;
  if (target && !target.active) throw conflict('queue.errors.serviceClosed', { service: target.name });
  const where = toCounter ? `ช่องบริการ ${toCounter.number}` : `งานบริการ ${target?.name}`;
  return transition(
    ctx,
    ticketId,
    {
      action: 'queue.transfer',
      kind: 'transferred',
      from: ['issued', 'transferred', 'called', 'serving'],
      summary: (t) => `โอนคิว ${t.label} ไป${where}`,
    },
    (t) => ({
      status: 'transferred',
      serviceId: target?.id ?? t.serviceId,
      counterId: null,
      targetCounterId: toCounter?.id ?? null,
    }),
    {
      reason,
      counterId: toCounter?.id,
      check: (t) => {
        if (['finished', 'no_show', 'cancelled'].includes(t.status)) throw conflict('queue.errors.finishedNoTransfer', { label: t.label });
        if (toCounter && t.counterId === toCounter.id && ACTIVE_STATUSES.includes(t.status)) {
          throw new ValidationError([{ field: 'counterId', label: 'queue.fields.transferToCounter', message: 'queue.errors.sameCounter' }]);
        }
        if (!toCounter && target && t.serviceId === target.id) {
          throw new ValidationError([{ field: 'serviceId', label: 'queue.fields.transferTo', message: 'queue.errors.sameService' }]);
        }
      },
    },
  );
}

/** Pauses a counter (a break, a meeting) with a reason: it calls nobody until resumed. */
export async function pauseCounter(ctx: ServiceContext, counterId: number, reasonInput: string): Promise<QueueCounter> {
  const reason = checkedReason(reasonInput, 'queue.fields.pauseReason', true) as string;
  return setPaused(ctx, counterId, true, reason);
}

export async function resumeCounter(ctx: ServiceContext, counterId: number): Promise<QueueCounter> {
  return setPaused(ctx, counterId, false, null);
}

async function setPaused(ctx: ServiceContext, counterId: number, paused: boolean, reason: string | null): Promise<QueueCounter> {
  return runCommand(
    ctx,
    { action: paused ? 'queue.pauseCounter' : 'queue.resumeCounter', allowed: queuePolicy.serve(ctx.actor) },
    async (tx, tools, txCtx) => {
      const before = await counterRow(tx, ctx.orgId, counterId, true);
      if (before.paused === paused)
        throw conflict(paused ? 'queue.errors.alreadyPaused' : 'queue.errors.notPaused', { counter: before.number });
      const [c] = await tx
        .update(queueCounters)
        .set({ paused, pausedReason: reason })
        .where(and(eq(queueCounters.orgId, ctx.orgId), eq(queueCounters.id, before.id)))
        .returning();
      if (!c) throw new Error('counter not updated');
      await addEvent(tx, txCtx, { ticketId: null, kind: paused ? 'counter_paused' : 'counter_resumed', counterId: c.id, reason });
      tools.publish({
        topic: paused ? 'queue.counter_paused' : 'queue.counter_resumed',
        data: { counterId: c.id, counterNumber: c.number },
      });
      return {
        result: c,
        entity: 'queue_counter',
        entityId: c.id,
        summary: paused ? `พักช่องบริการ ${c.number}: ${reason}` : `เปิดช่องบริการ ${c.number} อีกครั้ง`,
      };
    },
  );
}
