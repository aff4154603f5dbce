import { date, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** visit: the first-contact point (จุดแรกรับ, measure 2); out_of_hours: service outside office hours (7.5). */
export const VISIT_KINDS = ['visit', 'out_of_hours'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VISIT_CHANNELS = ['walk_in', 'phone', 'line', 'online'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];

export const HELP_KINDS = ['advice', 'form_filling', 'document_check', 'routing', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export const VISIT_OUTCOMES = ['resolved', 'routed', 'queued', 'follow_up', 'referred_out'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/**
 * One person helped at the front desk (or out of hours). Personal fields (name, phone) are
 * optional and erased after the organization's retention period; the rest stays for statistics.
 */
export const frontdeskVisits = pgTable(
  'frontdesk_visits',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    kind: text('kind').$type<VisitKind>().notNull().default('visit'),
    visitedAt: timestampColumn('visited_at').notNull(),
    /** Purpose category key (see purposes.ts). */
    purpose: text('purpose').notNull(),
    /** The queue service concerned, when there is one. */
    serviceId: integer('service_id'),
    channel: text('channel').$type<VisitChannel>().notNull(),
    help: jsonb('help').$type<HelpKind[]>().notNull(),
    /** Sent on to which division. */
    routedDivisionId: integer('routed_division_id'),
    /** The queue ticket issued for the visitor. */
    ticketId: integer('ticket_id'),
    outcome: text('outcome').$type<VisitOutcome>().notNull(),
    note: text('note'),
    visitorName: text('visitor_name'),
    visitorPhone: text('visitor_phone'),
    personalErasedAt: timestampColumn('personal_erased_at'),
    loggedBy: integer('logged_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('frontdesk_visits_time').on(t.orgId, t.visitedAt)],
);

/** จุดคัดกรองผู้มาติดต่อ (measure 7.8): a note of the day at the screening point. */
export const frontdeskScreeningNotes = pgTable(
  'frontdesk_screening_notes',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    day: date('day', { mode: 'string' }).notNull(),
    screened: integer('screened').notNull().default(0),
    note: text('note').notNull(),
    loggedBy: integer('logged_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('frontdesk_screening_day').on(t.orgId, t.day)],
);

export const frontdeskSettings = pgTable('frontdesk_settings', {
  orgId: orgIdColumn().primaryKey(),
  /** Days after which a visitor's name and phone are erased. */
  retentionDays: integer('retention_days').notNull().default(90),
  updatedAt: updatedAtColumn(),
});
