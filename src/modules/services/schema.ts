import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** ขั้นตอน: ประเภทขั้นตอน of the citizen-manual steps table. */
export const STEP_KINDS = ['check', 'consider', 'sign', 'pay', 'deliver', 'other'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface GuideStep {
  kind: StepKind;
  /** รายละเอียดของขั้นตอนการบริการ */
  detail: string;
  /** ระยะเวลา: an amount of minutes, hours or (working) days. */
  duration: number;
  unit: 'minutes' | 'hours' | 'days';
  /** ส่วนงาน/หน่วยงานที่รับผิดชอบ: a division, and optionally the position responsible. */
  divisionId?: number | null;
  positionId?: number | null;
  /** Free text when the unit is not one of ours (e.g. อำเภอ). */
  responsibleText?: string | null;
  note?: string | null;
}

export interface GuideDocument {
  /** 15.1 identity documents issued by the state, or 15.2 other documents. */
  group: 'identity' | 'other';
  name: string;
  issuer?: string | null;
  originals: number;
  copies: number;
  /** ฉบับ / ชุด */
  unit: 'copy' | 'set';
  note?: string | null;
}

export interface GuideFee {
  item: string;
  /** Satang. */
  amount: number;
  note?: string | null;
}

/**
 * A citizen service in the คู่มือสำหรับประชาชน format (Licensing Facilitation Act B.E. 2558,
 * มาตรา ๗). Steps are drawn as a flowchart and a wall poster. Linked to the queue service when
 * one exists.
 */
export const serviceGuides = pgTable(
  'service_guides',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    title: text('title').notNull(),
    /** หมวดหมู่ของงานบริการ (services/categories.ts key). */
    category: text('category').notNull(),
    divisionId: integer('division_id'),
    /** The queue service (queue_services.id) a citizen takes a number for. */
    queueServiceId: integer('queue_service_id'),
    summary: text('summary'),
    /** กฎหมายที่ให้อำนาจ — one law per entry. */
    legalBasis: jsonb('legal_basis').$type<string[]>().notNull().default([]),
    /** สถานที่ / ช่องทางการให้บริการ */
    location: text('location'),
    /** ระยะเวลาเปิดให้บริการ */
    hours: text('hours'),
    /** หลักเกณฑ์ วิธีการ เงื่อนไข */
    criteria: text('criteria'),
    steps: jsonb('steps').$type<GuideStep[]>().notNull().default([]),
    documents: jsonb('documents').$type<GuideDocument[]>().notNull().default([]),
    /** Empty = ไม่มีค่าธรรมเนียม, said explicitly. */
    fees: jsonb('fees').$type<GuideFee[]>().notNull().default([]),
    /** ช่องทางการร้องเรียน beyond the organization's own and 1111 (always listed). */
    complaintChannels: text('complaint_channels'),
    remarks: text('remarks'),
    /** Draft until published; a published guide's edits are new versions in the publication log. */
    status: text('status').$type<'draft' | 'published' | 'withdrawn'>().notNull().default('draft'),
    publicationId: integer('publication_id'),
    version: integer('version').notNull().default(0),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedBy: integer('updated_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('service_guides_status').on(t.orgId, t.status, t.sortOrder),
    check('service_guides_title', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** Downloadable forms of a guide: the blank form and a filled example (ตัวอย่างการกรอก). */
export const serviceGuideFiles = pgTable(
  'service_guide_files',
  {
    orgId: orgIdColumn(),
    guideId: integer('guide_id').notNull(),
    fileId: integer('file_id').notNull(),
    kind: text('kind').$type<'form' | 'example'>().notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.guideId, t.fileId] })],
);
