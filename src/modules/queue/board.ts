import { and, asc, desc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed } from '../../core/http/errors.js';
import { bangkokDateParts, bangkokIsoDay, bangkokMidnight } from '../../core/thai/bangkok.js';
import { getOrganization } from '../organization/service.js';
import { queuePolicy } from './policy.js';
import { ACTIVE_STATUSES, queueCounters, queueServices, queueTicketEvents, queueTickets } from './schema.js';
import { getQueueSettings, listServices } from './service.js';

/**
 * What the display board (กระดานแสดงคิว) shows: the ticket at each counter, the last calls
 * and how many wait per service. Public, and holds no personal data (tickets hold none).
 */
export interface BoardCall {
  ticketId: number;
  label: string;
  counterNumber: number;
  counterName: string;
  serviceName: string;
  /** ISO time of this (latest) call. */
  calledAt: string;
  /** A call again of a ticket already called (the board speaks it again). */
  recall: boolean;
}

export interface BoardCounter {
  number: number;
  name: string;
  paused: boolean;
  current: BoardCall | null;
}

export interface BoardWaiting {
  serviceId: number;
  prefix: string;
  name: string;
  waiting: number;
}

export interface BoardSnapshot {
  orgName: string;
  now: string;
  counters: BoardCounter[];
  /** The last calls of today, newest first; a ticket appears once, at its latest call. */
  recent: BoardCall[];
  waiting: BoardWaiting[];
}

export async function boardSnapshot(ctx: ServiceContext): Promise<BoardSnapshot> {
  ensureAllowed(queuePolicy.readPublic(ctx.actor), !!ctx.actor);
  const db = dbOf(ctx);
  const now = ctx.app.now();
  const today = bangkokIsoDay(now);
  const dayStart = bangkokMidnight(bangkokDateParts(now));
  const [org, settings, services, counters] = await Promise.all([
    getOrganization(ctx),
    getQueueSettings(ctx),
    listServices(ctx),
    db
      .select({ id: queueCounters.id, number: queueCounters.number, name: queueCounters.name, paused: queueCounters.paused })
      .from(queueCounters)
      .where(and(eq(queueCounters.orgId, ctx.orgId), eq(queueCounters.active, true)))
      .orderBy(asc(queueCounters.number)),
  ]);
  const byCounter = new Map(counters.map((c) => [c.id, c]));

  // Today's tickets at a counter now (called or being served).
  const current = await db
    .select({
      ticketId: queueTickets.id,
      label: queueTickets.label,
      counterId: queueTickets.counterId,
      calledAt: queueTickets.lastCalledAt,
      callCount: queueTickets.callCount,
      serviceName: queueServices.name,
    })
    .from(queueTickets)
    .innerJoin(queueServices, and(eq(queueServices.orgId, queueTickets.orgId), eq(queueServices.id, queueTickets.serviceId)))
    .where(
      and(
        eq(queueTickets.orgId, ctx.orgId),
        eq(queueTickets.day, today),
        inArray(queueTickets.status, [...ACTIVE_STATUSES]),
        isNotNull(queueTickets.counterId),
      ),
    );
  const currentAt = new Map<number, BoardCall>();
  for (const t of current) {
    const counter = t.counterId === null ? undefined : byCounter.get(t.counterId);
    if (!counter) continue;
    const call: BoardCall = {
      ticketId: t.ticketId,
      label: t.label,
      counterNumber: counter.number,
      counterName: counter.name,
      serviceName: t.serviceName,
      calledAt: (t.calledAt ?? now).toISOString(),
      recall: t.callCount > 1,
    };
    const before = currentAt.get(counter.id);
    if (!before || before.calledAt < call.calledAt) currentAt.set(counter.id, call);
  }

  // The latest call event of each ticket called today, then the newest of those.
  const latest = db
    .selectDistinctOn([queueTicketEvents.ticketId], {
      eventId: queueTicketEvents.id,
      ticketId: queueTicketEvents.ticketId,
      kind: queueTicketEvents.kind,
      at: queueTicketEvents.at,
      counterId: queueTicketEvents.counterId,
      serviceId: queueTicketEvents.serviceId,
    })
    .from(queueTicketEvents)
    .where(
      and(
        eq(queueTicketEvents.orgId, ctx.orgId),
        inArray(queueTicketEvents.kind, ['called', 'recalled']),
        gte(queueTicketEvents.at, dayStart),
        isNotNull(queueTicketEvents.ticketId),
      ),
    )
    .orderBy(queueTicketEvents.ticketId, desc(queueTicketEvents.id))
    .as('latest');
  const recentRows = await db
    .select({
      ticketId: queueTickets.id,
      label: queueTickets.label,
      kind: latest.kind,
      at: latest.at,
      counterNumber: queueCounters.number,
      counterName: queueCounters.name,
      serviceName: queueServices.name,
    })
    .from(latest)
    .innerJoin(queueTickets, and(eq(queueTickets.orgId, ctx.orgId), eq(queueTickets.id, latest.ticketId)))
    .innerJoin(queueCounters, and(eq(queueCounters.orgId, ctx.orgId), eq(queueCounters.id, latest.counterId)))
    .innerJoin(queueServices, and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.id, latest.serviceId)))
    .orderBy(desc(latest.eventId))
    .limit(settings.boardRecent);

  return {
    orgName: org.names.full,
    now: now.toISOString(),
    counters: counters.map((c) => ({ number: c.number, name: c.name, paused: c.paused, current: currentAt.get(c.id) ?? null })),
    recent: recentRows.map((r) => ({
      ticketId: r.ticketId,
      label: r.label,
      counterNumber: r.counterNumber,
      counterName: r.counterName,
      serviceName: r.serviceName,
      calledAt: r.at.toISOString(),
      recall: r.kind === 'recalled',
    })),
    waiting: services.map((s) => ({ serviceId: s.service.id, prefix: s.service.prefix, name: s.service.name, waiting: s.waiting })),
  };
}

/**
 * The call a `queue.called` / `queue.recalled` event announces, as the board shows it: from a
 * snapshot taken after the event (the counter's current ticket, else the recent list), or, when
 * the ticket has already moved on, from the event itself.
 */
export function callFromSnapshot(
  snapshot: BoardSnapshot,
  event: { ticketId: number; label: string; counterNumber?: number | null },
  recall: boolean,
): BoardCall {
  const found =
    snapshot.counters.find((c) => c.current?.ticketId === event.ticketId)?.current ??
    snapshot.recent.find((r) => r.ticketId === event.ticketId);
  if (found) return { ...found, recall };
  const counter = snapshot.counters.find((c) => c.number === event.counterNumber);
  return {
    ticketId: event.ticketId,
    label: event.label,
    counterNumber: event.counterNumber ?? 0,
    counterName: counter?.name ?? '',
    serviceName: '',
    calledAt: snapshot.now,
    recall,
  };
}
