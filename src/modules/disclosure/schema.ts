import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** One OIT indicator item of a year's list, as stored in a shipped file or an organization's edited list. */
export interface OitListItem {
  code: string;
  name: string;
  gloss: string;
  indicator: number;
  group: string;
  verified: boolean;
  /** Stable topics across years ('news', 'service-guides', 'structure' …) that modules provide evidence for. */
  topics: string[];
}

/**
 * An organization's own OIT list for an ITA year, when the NACC publishes one this version of the
 * software does not ship (or corrects one): it replaces the shipped list of that year for this
 * organization only.
 */
export const oitLists = pgTable(
  'oit_lists',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    items: jsonb('items').$type<OitListItem[]>().notNull(),
    note: text('note'),
    updatedBy: integer('updated_by'),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.fiscalYear] })],
);

export const UPDATE_FREQUENCIES = ['once', 'monthly', 'quarterly', 'semiannual', 'yearly', 'on_change'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

/**
 * The disclosure register: one information item the organization must keep published (under an
 * OIT indicator of an ITA year), who keeps it current, how often, when it is next due.
 */
export const disclosureItems = pgTable(
  'disclosure_items',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    fiscalYear: integer('fiscal_year').notNull(),
    itemCode: text('item_code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** The staff member (staff_members.id) who keeps it current. */
    responsibleStaffId: integer('responsible_staff_id'),
    frequency: text('frequency').$type<UpdateFrequency>().notNull(),
    /** The next update is due on (Bangkok day); null once a 'once' item is done. */
    dueOn: date('due_on', { mode: 'string' }),
    lastUpdatedAt: timestampColumn('last_updated_at'),
    lastUpdatedBy: integer('last_updated_by'),
    /** Where the evidence is: a URL on this site or elsewhere … */
    evidenceUrl: text('evidence_url'),
    /** … or the publication (document) that satisfies it … */
    publicationId: integer('publication_id'),
    /** … or records a module provides for a topic (disclosure/evidence.ts registry). */
    topic: text('topic'),
    active: integer('active').notNull().default(1),
    /** Last day a reminder went to the responsible person (one a day at most). */
    remindedOn: date('reminded_on', { mode: 'string' }),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('disclosure_items_year').on(t.orgId, t.fiscalYear, t.itemCode),
    index('disclosure_items_owner').on(t.orgId, t.responsibleStaffId, t.dueOn),
    check('disclosure_items_title', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** Each time an item was brought up to date: by whom, with what. */
export const disclosureUpdates = pgTable(
  'disclosure_updates',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    itemId: integer('item_id').notNull(),
    updatedAt: timestampColumn('updated_at').notNull(),
    updatedBy: integer('updated_by'),
    note: text('note'),
    evidenceUrl: text('evidence_url'),
    publicationId: integer('publication_id'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('disclosure_updates_item').on(t.orgId, t.itemId, t.updatedAt)],
);
