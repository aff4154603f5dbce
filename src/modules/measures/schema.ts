import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { files } from '../../core/storage/schema.js';
import { organizations } from '../../core/tenancy/schema.js';
import { divisions, staffMembers } from '../staff/schema.js';

/**
 * มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ — one plan per organization and
 * fiscal year (B.E.; FY N runs 1 Oct N-1 … 30 Sep N).
 */
export const measurePlans = pgTable(
  'measure_plans',
  {
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    /** The paragraph that opens the attached table ("ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA …"). */
    intro: text('intro'),
    /** Where the plan came from: 'blank' | 'template' | 'copy:<plan id>'. */
    origin: text('origin').notNull().default('blank'),
    /** Optimistic concurrency: bumped by every update; an update naming an older version is refused. */
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('measure_plans_year').on(t.orgId, t.fiscalYear)],
);

/**
 * Last year's ITA result per indicator, recorded on the plan it informs (ITA 2569 O25: "การนำผล
 * การประเมิน ITA ไปสู่การพัฒนาองค์กร"). `indicator` is '1'…'10' (IIT 1–5, EIT 6–8, OIT 9–10) or an
 * item code such as 'o43'.
 */
export const itaResults = pgTable(
  'ita_results',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: integer('plan_id').notNull(),
    indicator: text('indicator').notNull(),
    name: text('name').notNull(),
    /** 0–100. */
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }),
    /** จุดอ่อน / ข้อเสนอแนะ: what the assessment found weak. */
    weakPoints: text('weak_points').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('ita_results_indicator').on(t.orgId, t.planId, t.indicator),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [measurePlans.orgId, measurePlans.id] }).onDelete('cascade'),
  ],
);

export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** One measure of a plan: the rows of the report's table. */
export const measures = pgTable(
  'measures',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: integer('plan_id').notNull(),
    /** 1, 2, 3 … the measure's number in the plan. */
    number: integer('number').notNull(),
    /** มาตรการ: one paragraph per entry (sub-items such as "2.1 …" are paragraphs of their own). */
    title: text('title').notNull(),
    /** Further paragraphs of the มาตรการ cell, e.g. "2.1 มีจุดแรกรับให้คำแนะนำ …". */
    titleDetails: jsonb('title_details').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Why: which weakness of last year's result it answers, in words (the links are measure_weaknesses). */
    rationale: text('rationale').notNull().default(''),
    /** วิธีการดำเนินการ: ordered steps. */
    methods: jsonb('methods').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** ผู้รับผิดชอบ as printed, e.g. "สำนักปลัด" or "ทุกส่วนราชการตามภารกิจ". */
    responsibleText: text('responsible_text').notNull().default(''),
    /** Planned period (dates inside the fiscal year). */
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    /** Budget in integer satang (1 baht = 100 satang); null = ไม่ใช้งบประมาณ. */
    budgetSatang: bigint('budget_satang', { mode: 'number' }),
    /** ตัวชี้วัดความสำเร็จ. */
    successIndicator: text('success_indicator').notNull().default(''),
    status: text('status').$type<MeasureStatus>().notNull().default('planned'),
    /** สรุปผลการดำเนินงาน: one paragraph per entry. */
    resultsSummary: jsonb('results_summary').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** ผลลัพธ์หรือความสำเร็จของการดำเนินการ. */
    outcome: text('outcome').notNull().default(''),
    /** Checkpoints at 6 and 12 months (รอบ ๖ เดือน / ๑๒ เดือน): what was reported then. */
    checkpoint6: text('checkpoint_6'),
    checkpoint6At: timestampColumn('checkpoint_6_at'),
    checkpoint12: text('checkpoint_12'),
    checkpoint12At: timestampColumn('checkpoint_12_at'),
    /** Optimistic concurrency: every update names the version it read. */
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('measures_number').on(t.orgId, t.planId, t.number),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [measurePlans.orgId, measurePlans.id] }).onDelete('cascade'),
  ],
);

/** The divisions responsible for a measure: their staff may update it. */
export const measureDivisions = pgTable(
  'measure_divisions',
  {
    orgId: orgIdColumn(),
    measureId: integer('measure_id').notNull(),
    divisionId: integer('division_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.measureId, t.divisionId] }),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [measures.orgId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.divisionId], foreignColumns: [divisions.orgId, divisions.id] }),
  ],
);

/** The people responsible for a measure. */
export const measurePeople = pgTable(
  'measure_people',
  {
    orgId: orgIdColumn(),
    measureId: integer('measure_id').notNull(),
    staffId: integer('staff_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.measureId, t.staffId] }),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [measures.orgId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.staffId], foreignColumns: [staffMembers.orgId, staffMembers.id] }),
  ],
);

/** Which of last year's weaknesses a measure answers. */
export const measureWeaknesses = pgTable(
  'measure_weaknesses',
  {
    orgId: orgIdColumn(),
    measureId: integer('measure_id').notNull(),
    itaResultId: integer('ita_result_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.measureId, t.itaResultId] }),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [measures.orgId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.itaResultId], foreignColumns: [itaResults.orgId, itaResults.id] }).onDelete('cascade'),
  ],
);

/** A dated progress entry (บันทึกความก้าวหน้า). */
export const measureProgress = pgTable(
  'measure_progress',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    measureId: integer('measure_id').notNull(),
    /** The day the work was done (not when it was typed). */
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('measure_progress_measure').on(t.orgId, t.measureId, t.happenedOn),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [measures.orgId, measures.id] }).onDelete('cascade'),
  ],
);

/**
 * Evidence of a measure: an uploaded file (PDF, JPEG, PNG, WebP; images stripped of EXIF
 * location) or a link to a record of another module (an announcement, a queue statistics
 * report, a survey report, meeting minutes …).
 */
export const measureEvidence = pgTable(
  'measure_evidence',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    measureId: integer('measure_id').notNull(),
    title: text('title').notNull(),
    fileId: integer('file_id'),
    /** For a link: the record's kind (e.g. 'publication', 'register', 'queue.report', 'url') and where it is. */
    linkKind: text('link_kind'),
    linkHref: text('link_href'),
    /** Shown publicly with the report (default) or kept internal. */
    isPublic: boolean('is_public').notNull().default(true),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('measure_evidence_measure').on(t.orgId, t.measureId),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [measures.orgId, measures.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.fileId], foreignColumns: [files.orgId, files.id] }),
  ],
);
