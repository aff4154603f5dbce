import { integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../core/db/columns.js';

/**
 * The next number of each register series, per organization and calendar year (B.E.).
 * Bumped with INSERT … ON CONFLICT … DO UPDATE … RETURNING in the issuing transaction: numbers
 * are unique and without gaps even under concurrent requests (measured: stack-findings).
 */
export const registerCounters = pgTable(
  'register_counters',
  {
    orgId: orgIdColumn(),
    year: integer('year').notNull(),
    /** '' for ordinary letters and memos, 'ว' for circulars (หนังสือเวียน). */
    series: text('series').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.series] })],
);

/** ทะเบียนหนังสือส่ง — the outgoing register: one row per number issued. */
export const registerEntries = pgTable(
  'register_entries',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    year: integer('year').notNull(),
    series: text('series').notNull(),
    number: integer('number').notNull(),
    /** The date on the document (its วันที่). */
    documentDate: timestampColumn('document_date').notNull(),
    subject: text('subject').notNull(),
    recipient: text('recipient'),
    /** The division that issued it (ส่วนราชการเจ้าของเรื่อง). */
    divisionId: integer('division_id'),
    /** The record of another module the number was issued for (e.g. measures.report 12). */
    entity: text('entity'),
    entityId: text('entity_id'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('register_entries_number').on(t.orgId, t.year, t.series, t.number)],
);
