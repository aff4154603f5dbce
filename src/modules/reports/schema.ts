import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { measurePlans } from '../measures/schema.js';

export const REPORT_STATUSES = ['draft', 'routing', 'returned', 'signed', 'published', 'superseded'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A version of the ITA measures report of a plan: the memo (บันทึกข้อความ) and its attached
 * table. While 'draft' (or 'returned') its memo fields may be edited and its table follows
 * the plan's measures; on submit the whole document is frozen into `content`, and from then on
 * nothing of this row's content changes. A change after that is a new version (version + 1)
 * that is routed again.
 */
export const measureReports = pgTable(
  'measure_reports',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    planId: integer('plan_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<ReportStatus>().notNull().default('draft'),
    /** The memo's own fields while drafting: subject, to, body paragraphs, agency line, author … */
    memo: jsonb('memo').$type<Record<string, unknown>>().notNull(),
    /** The whole document frozen at submission (memo + table rows); null while drafting. */
    content: jsonb('content').$type<Record<string, unknown>>(),
    /** The register entry that gave the memo its ที่ (taken at submission). */
    registerEntryId: integer('register_entry_id'),
    /** The publication made from this version (status 'published' or 'superseded'). */
    publicationId: integer('publication_id'),
    /** Optimistic concurrency for the memo fields. */
    rev: integer('rev').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    submittedAt: timestampColumn('submitted_at'),
    signedAt: timestampColumn('signed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('measure_reports_version').on(t.orgId, t.planId, t.version),
    index('measure_reports_status').on(t.orgId, t.status),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [measurePlans.orgId, measurePlans.id] }).onDelete('cascade'),
  ],
);
