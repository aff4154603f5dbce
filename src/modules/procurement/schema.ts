import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/**
 * วิธีซื้อหรือจ้าง under the พ.ร.บ.การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐:
 * e_bidding ประกวดราคาอิเล็กทรอนิกส์, e_market ตลาดอิเล็กทรอนิกส์, selection คัดเลือก,
 * specific เฉพาะเจาะจง, consultant จ้างที่ปรึกษา, design จ้างออกแบบและควบคุมงานก่อสร้าง, other อื่น ๆ.
 */
export const PROCUREMENT_METHODS = ['specific', 'selection', 'e_bidding', 'e_market', 'consultant', 'design', 'other'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

/** What is bought: goods ซื้อ, works จ้างก่อสร้าง, services จ้างทั่วไป/บริการ, consulting จ้างที่ปรึกษา/ออกแบบ. */
export const PROCUREMENT_CATEGORIES = ['goods', 'works', 'services', 'consulting'] as const;
export type ProcurementCategory = (typeof PROCUREMENT_CATEGORIES)[number];

/**
 * The life of a procurement (OCDS: planning → tender → award → contract):
 * planned (in the year's plan) → announced (invitation out) → awarded (winner announced) →
 * contracted (contract or agreement signed) → completed; or cancelled (with a reason).
 */
export const PROCUREMENT_STATUSES = ['planned', 'announced', 'awarded', 'contracted', 'completed', 'cancelled'] as const;
export type ProcurementStatus = (typeof PROCUREMENT_STATUSES)[number];

/**
 * One procurement of a fiscal year: from the procurement plan to the contract, with everything
 * the monthly สขร.๑ summary, the e-GP and OCDS ask for. Amounts in integer satang.
 */
export const procurements = pgTable(
  'procurements',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    /** B.E. fiscal year (1 October – 30 September). */
    fiscalYear: integer('fiscal_year').notNull(),
    /** งานที่จัดซื้อหรือจัดจ้าง */
    title: text('title').notNull(),
    category: text('category').$type<ProcurementCategory>().notNull(),
    method: text('method').$type<ProcurementMethod>().notNull(),
    status: text('status').$type<ProcurementStatus>().notNull().default('planned'),
    divisionId: integer('division_id'),
    /** แหล่งที่มาของงบประมาณ, e.g. เงินงบประมาณรายจ่ายประจำปี, เงินอุดหนุนเฉพาะกิจ, เงินสะสม */
    budgetSource: text('budget_source'),
    /** The spending plan line it is paid from (budget_lines.id), when known. */
    budgetLineId: integer('budget_line_id'),
    /** วงเงินที่จะซื้อหรือจ้าง (วงเงินงบประมาณ) */
    budgetSatang: bigint('budget_satang', { mode: 'number' }).notNull(),
    /** ราคากลาง */
    referencePriceSatang: bigint('reference_price_satang', { mode: 'number' }),
    /** Month of the fiscal year the plan puts it in (1 = ตุลาคม … 12 = กันยายน). */
    plannedMonth: smallint('planned_month'),
    /** The invitation (ประกาศเชิญชวน) or, for เฉพาะเจาะจง, the day the procedure began. */
    announcedOn: date('announced_on', { mode: 'string' }),
    /** ประกาศผู้ชนะการเสนอราคา */
    awardedOn: date('awarded_on', { mode: 'string' }),
    /** ผู้ได้รับการคัดเลือก */
    winnerName: text('winner_name'),
    /** เลขประจำตัวผู้เสียภาษี (13 digits) of the winner. */
    winnerTaxId: text('winner_tax_id'),
    /** ราคาที่ตกลงซื้อหรือจ้าง */
    agreedPriceSatang: bigint('agreed_price_satang', { mode: 'number' }),
    /** เหตุผลที่คัดเลือกโดยสรุป */
    selectionReason: text('selection_reason'),
    contractNo: text('contract_no'),
    /** The contract or agreement date: the month of the สขร.๑ summary it appears in. */
    contractDate: date('contract_date', { mode: 'string' }),
    /** เลขที่โครงการในระบบ e-GP */
    egpProjectNo: text('egp_project_no'),
    cancelReason: text('cancel_reason'),
    /** Problems met (for the annual report's analysis). */
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    /** The public list: one organization, one year, newest first (keyset on id). */
    index('procurements_year').on(t.orgId, t.fiscalYear, t.id),
    index('procurements_year_method').on(t.orgId, t.fiscalYear, t.method, t.id),
    index('procurements_year_status').on(t.orgId, t.fiscalYear, t.status, t.id),
    /** The monthly summary: by contract date. */
    index('procurements_contract').on(t.orgId, t.contractDate),
    check('procurements_title', sql`length(btrim(${t.title})) > 0`),
    check(
      'procurements_amounts',
      sql`${t.budgetSatang} >= 0 and coalesce(${t.referencePriceSatang}, 0) >= 0 and coalesce(${t.agreedPriceSatang}, 0) >= 0`,
    ),
    check('procurements_planned_month', sql`${t.plannedMonth} is null or ${t.plannedMonth} between 1 and 12`),
  ],
);

/** รายชื่อผู้เสนอราคาและราคาที่เสนอ: every bidder of a procurement with the price offered. */
export const procurementBids = pgTable(
  'procurement_bids',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    procurementId: integer('procurement_id').notNull(),
    position: integer('position').notNull(),
    bidderName: text('bidder_name').notNull(),
    taxId: text('tax_id'),
    priceSatang: bigint('price_satang', { mode: 'number' }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('procurement_bids_procurement').on(t.orgId, t.procurementId, t.position),
    foreignKey({ columns: [t.orgId, t.procurementId], foreignColumns: [procurements.orgId, procurements.id] }).onDelete('cascade'),
    check('procurement_bids_price', sql`${t.priceSatang} >= 0`),
  ],
);

/** plan ประกาศแผนการจัดซื้อจัดจ้าง, invitation ประกาศเชิญชวน, winner ประกาศผู้ชนะ, cancellation ยกเลิก, other. */
export const PROCUREMENT_NOTICE_KINDS = ['plan', 'invitation', 'winner', 'cancellation', 'other'] as const;
export type ProcurementNoticeKind = (typeof PROCUREMENT_NOTICE_KINDS)[number];

/** A procurement notice with its PDF, published in the publication log (OIT topic procurement-plan or procurement-notices). */
export const procurementNotices = pgTable(
  'procurement_notices',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The procurement it is about (null for the year's plan). */
    procurementId: integer('procurement_id'),
    kind: text('kind').$type<ProcurementNoticeKind>().notNull(),
    title: text('title').notNull(),
    noticeDate: date('notice_date', { mode: 'string' }).notNull(),
    /** The published PDF (the publication's file); null only inside the publishing transaction. */
    fileId: integer('file_id'),
    publicationId: integer('publication_id'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('procurement_notices_year').on(t.orgId, t.fiscalYear, t.noticeDate),
    index('procurement_notices_procurement').on(t.orgId, t.procurementId),
  ],
);

/** monthly: แบบ สขร.๑ of a month; quarterly: the winners attachment of a quarter; annual: the year's report. */
export const PROCUREMENT_REPORT_KINDS = ['monthly', 'quarterly', 'annual'] as const;
export type ProcurementReportKind = (typeof PROCUREMENT_REPORT_KINDS)[number];

/** The annual report's analysis, written by the procurement officer. */
export interface ProcurementAnalysis {
  problems: string;
  improvements: string;
}

/** A produced (and, once published, logged) procurement report: PDF and XLSX with the totals it showed. */
export const procurementReports = pgTable(
  'procurement_reports',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind').$type<ProcurementReportKind>().notNull(),
    /** monthly: 'YYYY-MM' (Gregorian month); quarterly: '1'–'4' (fiscal quarter); annual: '' */
    period: text('period').notNull(),
    /** Count and sums (integer satang) frozen into the document, recomputed and checked when produced. */
    totals: jsonb('totals').$type<{ count: number; budgetSatang: number; agreedSatang: number }>().notNull(),
    analysis: jsonb('analysis').$type<ProcurementAnalysis>(),
    fileId: integer('file_id').notNull(),
    xlsxFileId: integer('xlsx_file_id'),
    publicationId: integer('publication_id'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('procurement_reports_year').on(t.orgId, t.fiscalYear, t.kind, t.period)],
);
