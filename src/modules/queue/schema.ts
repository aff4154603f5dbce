import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../core/db/columns.js';

/** Opening hours per weekday ('0' Sunday … '6' Saturday, as Date#getDay): [open, close] as "HH:MM", absent = closed. */
export type ServiceHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', [string, string]>>;

/** งานบริการ: a service citizens take a number for, with its own ticket prefix and hours. */
export const queueServices = pgTable(
  'queue_services',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    divisionId: integer('division_id'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** The letter(s) before the number on the ticket: "A" → A012. */
    prefix: text('prefix').notNull(),
    avgServiceMinutes: integer('avg_service_minutes').notNull().default(10),
    hours: jsonb('hours').$type<ServiceHours>().notNull().default(sql`'{}'::jsonb`),
    /** Open around the clock, every day (hours are then ignored). */
    alwaysOpen: boolean('always_open').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('queue_services_prefix').on(t.orgId, t.prefix)],
);

/** ช่องบริการ: a counter; serves the services linked in queue_counter_services. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** The number shown and spoken: "ช่องบริการ 2". */
    number: integer('number').notNull(),
    name: text('name').notNull(),
    /** The staff member usually at this counter (the demo's counter1…), if any. */
    staffUserId: integer('staff_user_id'),
    paused: boolean('paused').notNull().default(false),
    pausedReason: text('paused_reason'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('queue_counters_number').on(t.orgId, t.number)],
);

export const queueCounterServices = pgTable(
  'queue_counter_services',
  {
    orgId: orgIdColumn(),
    counterId: integer('counter_id').notNull(),
    serviceId: integer('service_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.counterId, t.serviceId] })],
);

/**
 * A priority group (ผู้สูงอายุ, ผู้พิการ, หญิงตั้งครรภ์). Fairness: when priority and normal
 * tickets both wait, a ticket of this group is called after `ratio` normal calls since the last
 * priority call, so normal tickets are never starved.
 */
export const queuePriorityGroups = pgTable(
  'queue_priority_groups',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    ratio: integer('ratio').notNull().default(2),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * The last number given per service per Bangkok day, bumped with INSERT … ON CONFLICT … DO
 * UPDATE … RETURNING in the issuing transaction: numbers never repeat and never skip.
 */
export const queueDayCounters = pgTable(
  'queue_day_counters',
  {
    orgId: orgIdColumn(),
    serviceId: integer('service_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.serviceId, t.day] })],
);

export const TICKET_STATUSES = ['issued', 'called', 'serving', 'finished', 'no_show', 'transferred', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses of a ticket still waiting to be called (a transferred ticket waits at its new service). */
export const WAITING_STATUSES: readonly TicketStatus[] = ['issued', 'transferred'];
/** Statuses of the ticket a counter is busy with. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['called', 'serving'];

export const CHANNELS = ['kiosk', 'front_desk', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const queueTickets = pgTable(
  'queue_tickets',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** The service it waits for or is served at now (changes on transfer). */
    serviceId: integer('service_id').notNull(),
    /** The service whose daily series gave the number (never changes: a transfer keeps the number). */
    numberServiceId: integer('number_service_id').notNull(),
    /** The Bangkok calendar day of issue. */
    day: date('day', { mode: 'string' }).notNull(),
    number: integer('number').notNull(),
    /** "A012". */
    label: text('label').notNull(),
    priorityGroupId: integer('priority_group_id'),
    status: text('status').$type<TicketStatus>().notNull().default('issued'),
    counterId: integer('counter_id'),
    /** One per kiosk press: a double tap gives one ticket. */
    idempotencyKey: text('idempotency_key'),
    channel: text('channel').$type<Channel>().notNull(),
    /** For the public status page (QR): random and unguessable. */
    publicToken: text('public_token').notNull(),
    issuedBy: integer('issued_by'),
    issuedAt: timestampColumn('issued_at').notNull(),
    calledAt: timestampColumn('called_at'),
    lastCalledAt: timestampColumn('last_called_at'),
    callCount: integer('call_count').notNull().default(0),
    servingAt: timestampColumn('serving_at'),
    finishedAt: timestampColumn('finished_at'),
    /** Transferred to one counter: only that counter calls it. Null: any counter of its service. */
    targetCounterId: integer('target_counter_id'),
    /**
     * Online tickets: one active ticket per phone number and per device. Stored as a keyed hash
     * (never shown, never the number itself); cleared when the ticket ends.
     */
    phoneHash: text('phone_hash'),
    deviceHash: text('device_hash'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('queue_tickets_number').on(t.orgId, t.numberServiceId, t.day, t.number),
    uniqueIndex('queue_tickets_idempotency').on(t.orgId, t.idempotencyKey),
    uniqueIndex('queue_tickets_token').on(t.orgId, t.publicToken),
    index('queue_tickets_waiting').on(t.orgId, t.serviceId, t.status, t.issuedAt),
    index('queue_tickets_counter').on(t.orgId, t.counterId, t.status),
    uniqueIndex('queue_tickets_one_per_phone').on(t.orgId, t.phoneHash).where(sql`phone_hash IS NOT NULL`),
    uniqueIndex('queue_tickets_one_per_device').on(t.orgId, t.deviceHash).where(sql`device_hash IS NOT NULL`),
  ],
);

export const TICKET_EVENT_KINDS = [
  'issued',
  'called',
  'recalled',
  'serving',
  'finished',
  'no_show',
  'transferred',
  'cancelled',
  'counter_paused',
  'counter_resumed',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** Every change of a ticket (and a counter's pauses), with its time: the statistics come from here. */
export const queueTicketEvents = pgTable(
  'queue_ticket_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** Null for a counter's pause and resume. */
    ticketId: integer('ticket_id'),
    kind: text('kind').$type<TicketEventKind>().notNull(),
    at: timestampColumn('at').notNull(),
    serviceId: integer('service_id'),
    counterId: integer('counter_id'),
    staffUserId: integer('staff_user_id'),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('queue_ticket_events_ticket').on(t.orgId, t.ticketId),
    index('queue_ticket_events_at').on(t.orgId, t.at),
  ],
);

/** The organization's queue settings (one row per organization; absent = the defaults). */
export const queueSettings = pgTable('queue_settings', {
  orgId: orgIdColumn().primaryKey(),
  /** Citizens may take a number on the public site. */
  allowOnline: boolean('allow_online').notNull().default(false),
  /** How many recent calls the display board lists. */
  boardRecent: integer('board_recent').notNull().default(6),
  /** Seconds of no touch before the kiosk returns to its start. */
  kioskReturnSeconds: integer('kiosk_return_seconds').notNull().default(20),
});

/** Days the office is closed (public holidays, special closures): no tickets are issued. */
export const queueHolidays = pgTable(
  'queue_holidays',
  {
    orgId: orgIdColumn(),
    day: date('day', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] })],
);
