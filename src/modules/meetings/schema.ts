import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/**
 * internal: การประชุมแลกเปลี่ยนความคิดเห็นของบุคลากร (the seed's measure 8, at least once a year);
 * stakeholder: the meeting or hearing with people and organizations outside (measure 5).
 */
export const MEETING_KINDS = ['internal', 'stakeholder'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** planned (invitations out, opinions open) → held (attendance recorded) → closed (minutes frozen), or cancelled. */
export const MEETING_STATUSES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** ระเบียบวาระ: the agenda items in order; the minutes fill `discussion` and `resolution`. */
export interface AgendaItem {
  title: string;
  detail?: string;
  discussion?: string;
  resolution?: string;
}

export const meetings = pgTable(
  'meetings',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    kind: text('kind').$type<MeetingKind>().notNull(),
    /** B.E. fiscal year the meeting counts for (the "at least once a year" check). */
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    purpose: text('purpose'),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at'),
    place: text('place').notNull(),
    agenda: jsonb('agenda').$type<AgendaItem[]>().notNull().default([]),
    status: text('status').$type<MeetingStatus>().notNull().default('planned'),
    /** ประธานที่ประชุม and ผู้จดรายงานการประชุม (names and positions as printed). */
    chairName: text('chair_name'),
    chairPosition: text('chair_position'),
    recorderName: text('recorder_name'),
    recorderPosition: text('recorder_position'),
    /** Opinions are taken until this moment (before and during the meeting). */
    opinionsOpenUntil: timestampColumn('opinions_open_until'),
    /** The invitation letter: its outgoing number (register_entries.id) and PDF. */
    registerEntryId: integer('register_entry_id'),
    invitationFileId: integer('invitation_file_id'),
    /** รายงานการประชุม: frozen when the meeting is closed. */
    minutesFileId: integer('minutes_file_id'),
    minutesSha256: text('minutes_sha256'),
    closedAt: timestampColumn('closed_at'),
    /** Results shown to staff (on close) and, when chosen, to the public (publication log, OIT participation). */
    publishToPublic: boolean('publish_to_public').notNull().default(false),
    publicationId: integer('publication_id'),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meetings_year').on(t.orgId, t.fiscalYear, t.kind),
    index('meetings_starts').on(t.orgId, t.startsAt),
    check('meetings_title', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** staff: a staff member; outside: a stakeholder with minimal personal data (name, affiliation, optional contact). */
export const INVITEE_KINDS = ['staff', 'outside'] as const;
export type InviteeKind = (typeof INVITEE_KINDS)[number];

export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    meetingId: integer('meeting_id').notNull(),
    kind: text('kind').$type<InviteeKind>().notNull(),
    staffId: integer('staff_id'),
    /** For outside invitees (staff names come from the staff module). */
    name: text('name'),
    affiliation: text('affiliation'),
    contact: text('contact'),
    /** null: not recorded yet; true attended; false absent (with a note: ลา, ติดราชการ). */
    attended: boolean('attended'),
    attendanceNote: text('attendance_note'),
    recordedAt: timestampColumn('recorded_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meeting_invitees_meeting').on(t.orgId, t.meetingId),
    uniqueIndex('meeting_invitees_staff').on(t.orgId, t.meetingId, t.staffId),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete('cascade'),
    check(
      'meeting_invitees_who',
      sql`(${t.kind} = 'staff' and ${t.staffId} is not null) or (${t.kind} = 'outside' and ${t.name} is not null)`,
    ),
  ],
);

/** before: sent ahead of the meeting; during: raised in it (recorded by the secretary). */
export const OPINION_STAGES = ['before', 'during'] as const;
export type OpinionStage = (typeof OPINION_STAGES)[number];

/** An opinion or idea. Anonymous ones store no author at all (not even hidden). */
export const meetingOpinions = pgTable(
  'meeting_opinions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    meetingId: integer('meeting_id').notNull(),
    stage: text('stage').$type<OpinionStage>().notNull(),
    /** Index in the agenda it is about, or null for the meeting as a whole. */
    agendaIndex: smallint('agenda_index'),
    /** The staff member who gave it, unless anonymous. */
    authorStaffId: integer('author_staff_id'),
    /** An outside participant's name, as they gave it (optional). */
    authorName: text('author_name'),
    text: text('text').notNull(),
    /** What the meeting made of it (shown with the results). */
    response: text('response'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meeting_opinions_meeting').on(t.orgId, t.meetingId, t.id),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete('cascade'),
    check('meeting_opinions_text', sql`length(btrim(${t.text})) > 0`),
  ],
);

export const ACTION_STATUSES = ['open', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action the meeting decided, with its owner and due date, followed up to done. */
export const meetingActions = pgTable(
  'meeting_actions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    meetingId: integer('meeting_id').notNull(),
    title: text('title').notNull(),
    ownerStaffId: integer('owner_staff_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    doneAt: timestampColumn('done_at'),
    doneNote: text('done_note'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('meeting_actions_meeting').on(t.orgId, t.meetingId),
    index('meeting_actions_open').on(t.orgId, t.ownerStaffId, t.dueOn).where(sql`status = 'open'`),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }).onDelete('cascade'),
  ],
);
