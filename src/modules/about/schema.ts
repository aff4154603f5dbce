import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** Written pages of the organization: อำนาจหน้าที่ (o3), กฎหมายที่เกี่ยวข้อง (o6), นโยบายคุ้มครองข้อมูลส่วนบุคคล (o10), ประวัติ, วิสัยทัศน์. */
export const ORG_PAGE_KEYS = ['powers', 'laws', 'privacy', 'history', 'vision'] as const;
export type OrgPageKey = (typeof ORG_PAGE_KEYS)[number];

export const orgPages = pgTable(
  'org_pages',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    key: text('key').$type<OrgPageKey>().notNull(),
    title: text('title'),
    bodySource: text('body_source').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    publicationId: integer('publication_id'),
    version: integer('version').notNull().default(0),
    updatedBy: integer('updated_by'),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);

export interface SocialChannel {
  kind: 'facebook' | 'line' | 'youtube' | 'tiktok' | 'x' | 'instagram' | 'website' | 'other';
  url: string;
  label?: string;
}

/** What the contact (o5) and social (o9) pages show beyond the organization's record. */
export const orgProfiles = pgTable('org_profiles', {
  orgId: integer('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** Decimal degrees, as text to keep what was typed (e.g. "6.4142"). */
  latitude: text('latitude'),
  longitude: text('longitude'),
  officeHours: text('office_hours'),
  social: jsonb('social').$type<SocialChannel[]>().notNull().default([]),
  updatedBy: integer('updated_by'),
  updatedAt: updatedAtColumn(),
});

/** A citizen's question (Q&A, o8): moderated; shown once answered. */
export const QUESTION_STATUSES = ['pending', 'answered', 'rejected'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const qaQuestions = pgTable(
  'qa_questions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    /** As the asker wants to be shown; empty = anonymous. */
    askerName: text('asker_name'),
    /** For a reply by staff only; never shown. */
    contact: text('contact'),
    question: text('question').notNull(),
    status: text('status').$type<QuestionStatus>().notNull().default('pending'),
    answer: text('answer'),
    answeredBy: integer('answered_by'),
    answeredAt: timestampColumn('answered_at'),
    rejectReason: text('reject_reason'),
    /** A double submit stores one question. */
    clientKey: text('client_key'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('qa_questions_status').on(t.orgId, t.status, t.createdAt),
    uniqueIndex('qa_questions_client_key').on(t.orgId, t.clientKey),
  ],
);
