import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** announcement ประกาศ (Garuda, "ประกาศ ณ วันที่"); memo หนังสือเวียน/บันทึกข้อความ numbered from the ว series. */
export const CIRCULAR_KINDS = ['announcement', 'memo'] as const;
export type CircularKind = (typeof CIRCULAR_KINDS)[number];

/** draft (being written) → circulated (sent to its audience; new versions may follow) → withdrawn. */
export const CIRCULAR_STATUSES = ['draft', 'circulated', 'withdrawn'] as const;
export type CircularStatus = (typeof CIRCULAR_STATUSES)[number];

/** Who must acknowledge: every active staff member, or the staff of chosen divisions. */
export interface CircularAudience {
  all: boolean;
  divisionIds: number[];
}

/**
 * A circular or announcement to staff (the seed's measure 1: "บันทึกแจ้งเวียนให้บุคลากรทุกคน
 * ทราบ"). Its text is edited while a draft; each circulation freezes a version (PDF + sha256).
 */
export const circulars = pgTable(
  'circulars',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    kind: text('kind').$type<CircularKind>().notNull(),
    /** เรื่อง */
    title: text('title').notNull(),
    /** The body: paragraphs separated by blank lines (the same plain-text conventions as news). */
    body: text('body').notNull(),
    /** ประกาศ ณ วันที่ / the memo's date (B.E. shown; stored ISO). */
    dated: date('dated', { mode: 'string' }).notNull(),
    signerName: text('signer_name').notNull(),
    signerPosition: text('signer_position').notNull(),
    /** The memo's number from the outgoing register's ว series (register_entries.id), once issued. */
    registerEntryId: integer('register_entry_id'),
    audience: jsonb('audience').$type<CircularAudience>().notNull(),
    status: text('status').$type<CircularStatus>().notNull().default('draft'),
    /** The version staff acknowledge now (0 while a draft). */
    currentVersion: smallint('current_version').notNull().default(0),
    /** Acknowledge by this day (reminders go to those still pending). */
    ackDueOn: date('ack_due_on', { mode: 'string' }),
    circulatedAt: timestampColumn('circulated_at'),
    circulatedBy: integer('circulated_by'),
    lastRemindedAt: timestampColumn('last_reminded_at'),
    /** Also on the public portal: the publication log entry (or news post) it became. */
    publicationId: integer('publication_id'),
    newsPostId: integer('news_post_id'),
    withdrawnReason: text('withdrawn_reason'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('circulars_status').on(t.orgId, t.status, t.id),
    check('circulars_title', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** A frozen version: the PDF staff read and its sha256 (what an acknowledgement proves). Immutable. */
export const circularVersions = pgTable(
  'circular_versions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    circularId: integer('circular_id').notNull(),
    version: smallint('version').notNull(),
    title: text('title').notNull(),
    fileId: integer('file_id').notNull(),
    sha256: text('sha256').notNull(),
    /** Why a new version was circulated (null for the first). */
    changeNote: text('change_note'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.circularId, t.version] }),
    foreignKey({ columns: [t.orgId, t.circularId], foreignColumns: [circulars.orgId, circulars.id] }),
  ],
);

/** Who must acknowledge a circular: the audience resolved to people when it was circulated. */
export const circularRecipients = pgTable(
  'circular_recipients',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    circularId: integer('circular_id').notNull(),
    /** staff_members.id */
    staffId: integer('staff_id').notNull(),
    /** The division the person was in when circulated (the completion report's grouping). */
    divisionId: integer('division_id'),
    addedAt: createdAtColumn(),
    remindedAt: timestampColumn('reminded_at'),
    remindCount: smallint('remind_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.circularId, t.staffId] }),
    index('circular_recipients_staff').on(t.orgId, t.staffId),
    foreignKey({ columns: [t.orgId, t.circularId], foreignColumns: [circulars.orgId, circulars.id] }),
  ],
);

/** online (the person, signed in) or paper (signed on paper, recorded by the coordinator). */
export const ACK_METHODS = ['online', 'paper'] as const;
export type AckMethod = (typeof ACK_METHODS)[number];

/** One acknowledgement per person per version, with the sha256 of the version read. Immutable (trigger). */
export const circularAcknowledgements = pgTable(
  'circular_acknowledgements',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    circularId: integer('circular_id').notNull(),
    version: smallint('version').notNull(),
    staffId: integer('staff_id').notNull(),
    /** The account that acknowledged (online), or null. */
    userId: integer('user_id'),
    sha256: text('sha256').notNull(),
    method: text('method').$type<AckMethod>().notNull().default('online'),
    /** For paper: who recorded it. */
    recordedBy: integer('recorded_by'),
    acknowledgedAt: timestampColumn('acknowledged_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('circular_acks_once').on(t.orgId, t.circularId, t.version, t.staffId),
    index('circular_acks_staff').on(t.orgId, t.staffId),
    foreignKey({
      columns: [t.orgId, t.circularId, t.version],
      foreignColumns: [circularVersions.orgId, circularVersions.circularId, circularVersions.version],
    }),
  ],
);
