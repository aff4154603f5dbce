import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/**
 * งบ — the expense groups of a local government's budget (ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่าย):
 * งบบุคลากร, งบดำเนินงาน, งบลงทุน, งบเงินอุดหนุน, งบรายจ่ายอื่น, งบกลาง.
 */
export const BUDGET_CATEGORIES = ['personnel', 'operating', 'investment', 'subsidy', 'other', 'central'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** How the plan spreads each line over the fiscal year: 4 quarters or 12 months (October first). */
export const BUDGET_PHASINGS = ['quarter', 'month'] as const;
export type BudgetPhasing = (typeof BUDGET_PHASINGS)[number];

/**
 * The annual spending plan (แผนการใช้จ่ายงบประมาณประจำปี) of one fiscal year: one per organization
 * and year. Its lines are replaced as a whole by an import (all or nothing).
 */
export const budgetPlans = pgTable(
  'budget_plans',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    /** B.E. fiscal year (1 October – 30 September). */
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    phasing: text('phasing').$type<BudgetPhasing>().notNull().default('quarter'),
    /** The XLSX the lines came from (file store), kept as evidence. */
    sourceFileId: integer('source_file_id'),
    importedAt: timestampColumn('imported_at'),
    importedBy: integer('imported_by'),
    /** When the plan was first published (public pages show the plan and its progress from then on). */
    publishedAt: timestampColumn('published_at'),
    /** Sum of the lines' approved amounts (integer satang), kept equal to the lines by the service. */
    totalSatang: bigint('total_satang', { mode: 'number' }).notNull().default(0),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('budget_plans_year').on(t.orgId, t.fiscalYear)],
);

/**
 * One line of the plan in the budget classification: ด้าน → แผนงาน → งาน → งบ → item or project,
 * with the approved amount (งบประมาณตามข้อบัญญัติ) and its phasing (4 or 12 amounts, summing to it).
 */
export const budgetLines = pgTable(
  'budget_lines',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    planId: integer('plan_id').notNull(),
    /** Order in the plan (the row order of the import). */
    position: integer('position').notNull(),
    /** ด้าน, e.g. ด้านบริหารงานทั่วไป */
    side: text('side').notNull(),
    /** แผนงาน, e.g. แผนงานบริหารงานทั่วไป */
    program: text('program').notNull(),
    /** งาน, e.g. งานบริหารทั่วไป */
    work: text('work').notNull(),
    category: text('category').$type<BudgetCategory>().notNull(),
    /** The item or project (รายการ/โครงการ). */
    item: text('item').notNull(),
    /** The responsible division (staff divisions.id), when known. */
    divisionId: integer('division_id'),
    approvedSatang: bigint('approved_satang', { mode: 'number' }).notNull(),
    /** Planned amounts per quarter (4) or month (12) of the fiscal year, integer satang; they sum to approvedSatang. */
    phases: jsonb('phases').$type<number[]>().notNull(),
    note: text('note'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('budget_lines_plan').on(t.orgId, t.planId, t.position),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [budgetPlans.orgId, budgetPlans.id] }).onDelete('cascade'),
    check('budget_lines_approved', sql`${t.approvedSatang} >= 0`),
  ],
);

/**
 * What was disbursed (เบิกจ่าย) on a line in one month of the fiscal year (1 = October … 12 =
 * September). One row per line and month; recording again replaces the amount (the audit log
 * keeps the earlier one).
 */
export const budgetDisbursements = pgTable(
  'budget_disbursements',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    planId: integer('plan_id').notNull(),
    lineId: integer('line_id').notNull(),
    /** Month of the fiscal year: 1 = ตุลาคม … 12 = กันยายน. */
    month: smallint('month').notNull(),
    amountSatang: bigint('amount_satang', { mode: 'number' }).notNull(),
    note: text('note'),
    recordedBy: integer('recorded_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('budget_disbursements_line_month').on(t.orgId, t.lineId, t.month),
    index('budget_disbursements_plan').on(t.orgId, t.planId, t.month),
    // No cascade: a line with disbursements cannot disappear (a re-import must keep it).
    foreignKey({ columns: [t.orgId, t.lineId], foreignColumns: [budgetLines.orgId, budgetLines.id] }),
    check('budget_disbursements_month', sql`${t.month} between 1 and 12`),
    check('budget_disbursements_amount', sql`${t.amountSatang} >= 0`),
  ],
);

/** plan: the spending plan itself; half-year: the 6-month monitoring report; annual: the year's report. */
export const BUDGET_REPORT_KINDS = ['plan', 'half-year', 'annual'] as const;
export type BudgetReportKind = (typeof BUDGET_REPORT_KINDS)[number];

/** Totals frozen into a produced report (integer satang), to check and to show without recomputing. */
export interface BudgetReportTotals {
  approvedSatang: number;
  plannedToDateSatang: number;
  disbursedToDateSatang: number;
  /** Per งบ (category). */
  byCategory: { category: BudgetCategory; approvedSatang: number; plannedSatang: number; disbursedSatang: number }[];
}

/** A produced (and, once published, logged) plan or progress report as PDF, with the numbers it showed. */
export const budgetReports = pgTable(
  'budget_reports',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    planId: integer('plan_id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind').$type<BudgetReportKind>().notNull(),
    /** The last fiscal month the report covers (6 for the half-year report, 12 for the annual one, 0 for the plan). */
    throughMonth: smallint('through_month').notNull(),
    totals: jsonb('totals').$type<BudgetReportTotals>().notNull(),
    /** Problems, obstacles and what will be improved (the report's narrative), plain text. */
    narrative: text('narrative'),
    /** The published PDF (the publication's file); null only inside the publishing transaction. */
    fileId: integer('file_id'),
    xlsxFileId: integer('xlsx_file_id'),
    /** The publication log row once published (publish(), OIT topic of its kind). */
    publicationId: integer('publication_id'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('budget_reports_year').on(t.orgId, t.fiscalYear, t.kind),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [budgetPlans.orgId, budgetPlans.id] }),
  ],
);
