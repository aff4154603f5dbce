import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/**
 * What a complaint is about (เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ): corruption (ทุจริต), abuse of
 * office (ปฏิบัติหน้าที่โดยมิชอบ / ละเว้น), procurement, bribery (เรียกรับสินบน), conflict of
 * interest, misconduct (ประพฤติมิชอบ/วินัย), other. General complaints (roads, lights) belong to
 * Traffy Fondue and the 1111 line, which the public pages link to.
 */
export const COMPLAINT_CATEGORIES = [
  'corruption',
  'abuse_of_office',
  'procurement',
  'bribery',
  'conflict_of_interest',
  'misconduct',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/**
 * received (รับเรื่อง) → acknowledged (ตอบรับ, within the deadline) → investigating (ตรวจสอบ
 * ข้อเท็จจริง) → finished (ดำเนินการแล้วเสร็จ, with the outcome) | forwarded (ส่งหน่วยงานที่มีอำนาจ:
 * ป.ป.ช., ป.ป.ท., สตง., the district) | not_accepted (ไม่รับไว้พิจารณา, with the reason).
 * Statistics: received = all; in progress = acknowledged | investigating; finished = finished |
 * forwarded | not_accepted.
 */
export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'forwarded', 'finished', 'not_accepted'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** web (the public form), and what officers record from other channels. */
export const COMPLAINT_CHANNELS = ['web', 'letter', 'walk_in', 'phone', 'email', 'referred'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/**
 * A complaint. Built on GlobaLeaks' principles: no account, no address or browser stored, the
 * reporter follows it with a receipt code (only its keyed hash is stored), the identity (when
 * given) sealed with app.secrets (AES-256-GCM) and opened only by the assigned officer, audited.
 */
export const complaints = pgTable(
  'complaints',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    /** app.secrets.mac('complaint-receipt', code): the receipt code itself is never stored. */
    receiptHash: text('receipt_hash').notNull(),
    /** B.E. fiscal year received (statistics). */
    fiscalYear: integer('fiscal_year').notNull(),
    channel: text('channel').$type<ComplaintChannel>().notNull().default('web'),
    category: text('category').$type<ComplaintCategory>().notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    /** When and where it happened, who is involved: as the reporter wrote it. */
    occurredWhen: text('occurred_when'),
    place: text('place'),
    involved: text('involved'),
    /**
     * Staff the complaint is about (users.id), as the officers identify them: never assignable to it,
     * and they do not see it.
     */
    concernsUserIds: integer('concerns_user_ids').array().notNull().default(sql`'{}'::int[]`),
    /** The reporter's identity (name, contact…) sealed as JSON; null when anonymous. */
    identitySealed: text('identity_sealed'),
    /** The reporter agreed to be contacted by the officer (only meaningful with an identity). */
    mayContact: boolean('may_contact').notNull().default(false),
    status: text('status').$type<ComplaintStatus>().notNull().default('received'),
    /** The officer responsible (users.id with the complaint_officer role). */
    assignedUserId: integer('assigned_user_id'),
    assignedAt: timestampColumn('assigned_at'),
    /** Acknowledge by this moment (received + the organization's days; 7 by default). */
    ackDueAt: timestampColumn('ack_due_at').notNull(),
    acknowledgedAt: timestampColumn('acknowledged_at'),
    finishedAt: timestampColumn('finished_at'),
    /** Received: the day only for web complaints (nothing finer that could point at a person). */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('complaints_receipt').on(t.orgId, t.receiptHash),
    index('complaints_year').on(t.orgId, t.fiscalYear, t.receivedOn),
    index('complaints_open').on(t.orgId, t.status, t.ackDueAt),
    index('complaints_assigned').on(t.orgId, t.assignedUserId, t.status),
    check('complaints_subject', sql`length(btrim(${t.subject})) > 0`),
  ],
);

/**
 * The case's history. status: a status change with the reason the reporter sees; message: to or
 * from the reporter (visible to both); note: internal, officers only (never on the reporter's page).
 */
export const COMPLAINT_ENTRY_KINDS = ['status', 'message', 'note', 'assignment'] as const;
export type ComplaintEntryKind = (typeof COMPLAINT_ENTRY_KINDS)[number];

export const complaintEntries = pgTable(
  'complaint_entries',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    complaintId: integer('complaint_id').notNull(),
    kind: text('kind').$type<ComplaintEntryKind>().notNull(),
    /** reporter | officer */
    fromReporter: boolean('from_reporter').notNull().default(false),
    /** For status entries: the new status. */
    status: text('status').$type<ComplaintStatus>(),
    /** The reason, message or note. */
    text: text('text'),
    /** The officer (users.id); null for the reporter. */
    authorUserId: integer('author_user_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('complaint_entries_case').on(t.orgId, t.complaintId, t.id),
    foreignKey({ columns: [t.orgId, t.complaintId], foreignColumns: [complaints.orgId, complaints.id] }).onDelete('cascade'),
  ],
);

/** An attachment: type checked by content; images stored with their metadata (EXIF, GPS) removed. */
export const complaintAttachments = pgTable(
  'complaint_attachments',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    complaintId: integer('complaint_id').notNull(),
    fileId: integer('file_id').notNull(),
    fromReporter: boolean('from_reporter').notNull().default(true),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('complaint_attachments_case').on(t.orgId, t.complaintId),
    foreignKey({ columns: [t.orgId, t.complaintId], foreignColumns: [complaints.orgId, complaints.id] }).onDelete('cascade'),
  ],
);

/** Routing: the officer who receives new complaints of a category (unassigned when none). */
export const complaintRoutes = pgTable(
  'complaint_routes',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    category: text('category').$type<ComplaintCategory>().notNull(),
    userId: integer('user_id').notNull(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.category] })],
);
