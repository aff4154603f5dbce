import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { AppError, ensureAllowed, notFound, ValidationError } from '../../core/http/errors.js';
import { translator } from '../../core/i18n/i18n.js';
import { saveFile } from '../../core/storage/files.js';
import { toBuddhistYear } from '../../core/thai/index.js';
import { type OitTopic, oitItemForTopic } from '../publications/oit-items.js';
import { livePublications, type Publication, publish } from '../publications/service.js';
import { budgetPolicy } from './policy.js';
import { lineLabel, type PlanProgress, type ProgressLineInput, planProgress } from './progress.js';
import { kindKey } from './report-messages.js';
import { type BudgetPhasing, type BudgetReportKind, type BudgetReportTotals, budgetPlans, budgetReports } from './schema.js';
import { endedMonths, getPlan } from './service.js';

/**
 * The budget reports (part B of issue 7): the spending plan document (แผนการใช้จ่ายงบประมาณ
 * ประจำปี), the 6-month monitoring report (รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ ๖ เดือน,
 * through March) and the annual report (through September), built from the plan's lines and
 * disbursements with progress.ts; their totals recomputed from the lines and checked before any
 * document is produced; published in the publication log under the year's OIT item. Also the
 * public reading of a published plan (the public pages, open data, OIT evidence).
 */

/** The last fiscal month each kind covers (0: the plan alone). */
export const THROUGH_MONTH: Record<BudgetReportKind, number> = { plan: 0, 'half-year': 6, annual: 12 };

/** The OIT topic each kind is evidence for. */
export const REPORT_TOPIC: Record<BudgetReportKind, OitTopic> = {
  plan: 'operating-plan',
  'half-year': 'progress-report',
  annual: 'annual-report',
};

/** What a publication of a budget report points back to (publications.source_entity); id '<fy>-<kind>'. */
export const BUDGET_REPORT_ENTITY = 'budget_report';
export const MAX_NARRATIVE = 8000;
export const MAX_REASON = 2000;

export interface PlanLine extends ProgressLineInput {
  divisionId: number | null;
  divisionName: string | null;
  note: string | null;
}

export interface PlanData {
  plan: {
    id: number;
    fiscalYear: number;
    title: string;
    phasing: BudgetPhasing;
    totalSatang: number;
    publishedAt: Date | null;
    updatedAt: Date;
  };
  lines: PlanLine[];
}

/**
 * The plan of a fiscal year with its lines and what was disbursed per line and month, or null —
 * through part A's getPlan (publicOnly: the public side, only a published plan, no actor needed).
 */
export async function readPlan(ctx: ServiceContext, fy: number, opts: { publicOnly?: boolean } = {}): Promise<PlanData | null> {
  const found = await getPlan(ctx, fy, opts);
  if (!found) return null;
  const { plan } = found;
  return {
    plan: {
      id: plan.id,
      fiscalYear: plan.fiscalYear,
      title: plan.title,
      phasing: plan.phasing,
      totalSatang: Number(plan.totalSatang),
      publishedAt: plan.publishedAt,
      updatedAt: plan.updatedAt,
    },
    lines: found.lines.map((l) => ({
      ...lineLabel(l),
      divisionId: l.divisionId,
      divisionName: l.divisionName,
      note: l.note,
      approvedSatang: Number(l.approvedSatang),
      phases: (l.phases ?? []).map(Number),
      disbursedByMonth: l.disbursedByMonth.map(Number),
    })),
  };
}

/** The last fiscal month of `fy` that has ended by `now` (0–12). */
export const lastEndedMonth = (fy: number, now: Date): number => endedMonths(fy, now);

/** The totals a report shows do not add up to the lines (never silently fixed). */
export class TotalsMismatch extends AppError {
  constructor(what: string, expected: number, got: number) {
    super(409, 'totals_mismatch', 'budget.report.errors.totalsMismatch', { what, expected, got });
  }
}

/**
 * Recomputes every total of a progress from the lines (integer satang) and compares it with the
 * plan's stored total and with each grouping: throws TotalsMismatch on any difference.
 */
export function checkTotals(data: PlanData, p: PlanProgress): void {
  const add = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const approved = add(data.lines.map((l) => l.approvedSatang));
  if (approved !== data.plan.totalSatang) throw new TotalsMismatch('plan', data.plan.totalSatang, approved);
  for (const l of data.lines) {
    const phases = add([...l.phases]);
    if (phases !== l.approvedSatang) throw new TotalsMismatch(`line ${l.position}`, l.approvedSatang, phases);
  }
  const planned = add(p.lines.map((l) => l.plannedToDateSatang));
  const disbursed = add(p.lines.map((l) => l.disbursedToDateSatang));
  const groups = [
    ['total', [p.total]],
    ['category', p.byCategory],
    ['program', p.byProgram],
  ] as const;
  for (const [name, gs] of groups) {
    const g = gs as readonly { approvedSatang: number; plannedToDateSatang: number; disbursedToDateSatang: number }[];
    if (add(g.map((x) => x.approvedSatang)) !== approved) throw new TotalsMismatch(name, approved, add(g.map((x) => x.approvedSatang)));
    if (add(g.map((x) => x.plannedToDateSatang)) !== planned)
      throw new TotalsMismatch(name, planned, add(g.map((x) => x.plannedToDateSatang)));
    if (add(g.map((x) => x.disbursedToDateSatang)) !== disbursed)
      throw new TotalsMismatch(name, disbursed, add(g.map((x) => x.disbursedToDateSatang)));
  }
  if (add(p.total.plannedByQuarter) !== approved) throw new TotalsMismatch('quarters', approved, add(p.total.plannedByQuarter));
}

export interface BudgetReport {
  kind: BudgetReportKind;
  fiscalYear: number;
  throughMonth: number;
  data: PlanData;
  progress: PlanProgress;
  narrative: string;
}

/** A report's numbers from plan data (pure; checked). */
export function reportOf(data: PlanData, kind: BudgetReportKind, narrative = ''): BudgetReport {
  const throughMonth = THROUGH_MONTH[kind];
  const progress = planProgress(data.plan.phasing, data.lines, kind === 'plan' ? 12 : throughMonth);
  checkTotals(data, progress);
  return { kind, fiscalYear: data.plan.fiscalYear, throughMonth, data, progress, narrative: narrative.trim() };
}

/** The totals frozen into budget_reports.totals. */
export function frozenTotals(r: BudgetReport): BudgetReportTotals {
  return {
    approvedSatang: r.progress.total.approvedSatang,
    plannedToDateSatang: r.progress.total.plannedToDateSatang,
    disbursedToDateSatang: r.progress.total.disbursedToDateSatang,
    byCategory: r.progress.byCategory.map((c) => ({
      category: c.category,
      approvedSatang: c.approvedSatang,
      plannedSatang: c.plannedToDateSatang,
      disbursedSatang: c.disbursedToDateSatang,
    })),
  };
}

const fyField = [{ field: 'fy', label: 'budget.report.fields.fy', message: 'budget.report.errors.fy' }];

export function checkFiscalYear(fy: number): void {
  if (!Number.isInteger(fy) || fy < 2500 || fy > 2700) throw new ValidationError(fyField);
}

/** A report of the year for staff (read policy): 404 without a plan; 422 when its period has not ended. */
export async function buildReport(ctx: ServiceContext, fy: number, kind: BudgetReportKind, narrative = ''): Promise<BudgetReport> {
  ensureAllowed(budgetPolicy.read(ctx.actor), !!ctx.actor);
  checkFiscalYear(fy);
  const data = await readPlan(ctx, fy);
  if (!data) throw notFound('budget.report.errors.noPlan');
  if (kind === 'plan' && data.lines.length === 0) {
    throw new ValidationError([{ field: 'kind', label: 'budget.report.fields.kind', message: 'budget.report.errors.emptyPlan' }]);
  }
  if (THROUGH_MONTH[kind] > lastEndedMonth(fy, ctx.app.now())) {
    throw new ValidationError([{ field: 'kind', label: 'budget.report.fields.kind', message: 'budget.report.errors.periodNotEnded' }]);
  }
  if (narrative.length > MAX_NARRATIVE) {
    throw new ValidationError([
      {
        field: 'narrative',
        label: 'budget.report.fields.narrative',
        message: 'budget.report.errors.tooLong',
        params: { max: MAX_NARRATIVE },
      },
    ]);
  }
  return reportOf(data, kind, narrative);
}

/**
 * The OIT item of a kind in a year; a year whose list has no item for the topic uses the nearest
 * topic of the same list (2569's list has no separate progress report: its operating plan item
 * O11 asks for the plan and its follow-up), else the error names the field.
 */
export function reportItem(fy: number, kind: BudgetReportKind): string {
  const order: OitTopic[] = [REPORT_TOPIC[kind], 'operating-plan', 'progress-report', 'annual-report'];
  for (const topic of order) {
    const code = oitItemForTopic(fy, topic);
    if (code) return code;
  }
  throw new ValidationError([{ field: 'fy', label: 'budget.report.fields.fy', message: 'budget.report.errors.noOitItem' }]);
}

export type BudgetReportRow = typeof budgetReports.$inferSelect;

/** The produced reports of a year (staff), newest first. */
export async function listReports(ctx: ServiceContext, fy: number): Promise<BudgetReportRow[]> {
  ensureAllowed(budgetPolicy.read(ctx.actor), !!ctx.actor);
  return dbOf(ctx)
    .select()
    .from(budgetReports)
    .where(and(eq(budgetReports.orgId, ctx.orgId), eq(budgetReports.fiscalYear, fy)))
    .orderBy(desc(budgetReports.id));
}

/** The current (last) published report of each kind of a year — public. */
export async function publishedReports(ctx: ServiceContext, fy: number): Promise<Map<BudgetReportKind, BudgetReportRow>> {
  const rows = await dbOf(ctx)
    .select()
    .from(budgetReports)
    .where(and(eq(budgetReports.orgId, ctx.orgId), eq(budgetReports.fiscalYear, fy), isNotNull(budgetReports.publicationId)))
    .orderBy(asc(budgetReports.id));
  // Only what is in force: a version withdrawn on the publication log no longer shows.
  const live = await livePublications(
    ctx,
    rows.map((r) => r.publicationId as number),
  );
  const out = new Map<BudgetReportKind, BudgetReportRow>();
  for (const r of rows) if (r.publicationId != null && live.has(r.publicationId)) out.set(r.kind, r);
  return out;
}

export interface PublishReportInput {
  fy: number;
  kind: BudgetReportKind;
  narrative?: string;
  /** Required when the kind was already published in the year (the new one supersedes it). */
  reason?: string;
}

export interface RenderedReport {
  pdf: Uint8Array;
  xlsx: Uint8Array;
}

/** The documents of a report (injected: report-pdf.ts and report-xlsx.ts, loaded on first use). */
async function renderDocuments(ctx: ServiceContext, r: BudgetReport): Promise<RenderedReport> {
  const [{ renderBudgetPdf }, { renderBudgetXlsx }] = await Promise.all([import('./report-pdf.js'), import('./report-xlsx.js')]);
  const t = translator(ctx.app.catalogs, 'th');
  const [pdf, xlsx] = await Promise.all([renderBudgetPdf(ctx, r), renderBudgetXlsx(ctx, r, t, 'th')]);
  return { pdf, xlsx: new Uint8Array(xlsx) };
}

export const reportFileName = (fy: number, kind: BudgetReportKind, ext: 'pdf' | 'xlsx') => `budget-${kind}-fy${fy}.${ext}`;

/** "แผนการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. 2567" (Thai, the log's title). */
export function reportTitle(ctx: ServiceContext, fy: number, kind: BudgetReportKind): string {
  const t = translator(ctx.app.catalogs, 'th');
  return t(`budget.report.titles.${kindKey(kind)}`, { year: fy });
}

/**
 * Publishes a report (runCommand 'budget.publishReport'): renders the PDF and XLSX (outside the
 * transaction), stores them, writes the budget_reports row with its frozen totals, logs the PDF
 * in the publication log under the kind's OIT item (superseding the kind's last publication of
 * the year, with the reason), and marks the plan published when the plan document is.
 */
export async function publishReport(
  ctx: ServiceContext,
  input: PublishReportInput,
): Promise<{ report: BudgetReportRow; publication: Publication }> {
  ensureAllowed(budgetPolicy.publish(ctx.actor), !!ctx.actor);
  const narrative = input.kind === 'plan' ? '' : (input.narrative ?? '').trim();
  const reason = (input.reason ?? '').trim();
  if (reason.length > MAX_REASON) {
    throw new ValidationError([
      { field: 'reason', label: 'budget.report.fields.reason', message: 'budget.report.errors.tooLong', params: { max: MAX_REASON } },
    ]);
  }
  const report = await buildReport(ctx, input.fy, input.kind, narrative);
  const previous = (await publishedReports(ctx, input.fy)).get(input.kind) ?? null;
  if (previous && !reason) {
    throw new ValidationError([{ field: 'reason', label: 'budget.report.fields.reason', message: 'budget.report.errors.reasonRequired' }]);
  }
  const itemCode = reportItem(input.fy, input.kind);
  const docs = await renderDocuments(ctx, report);
  const title = reportTitle(ctx, input.fy, input.kind);
  const planId = report.data.plan.id;
  return runCommand(ctx, { action: 'budget.publishReport', allowed: budgetPolicy.publish(ctx.actor) }, async (tx, tools, txCtx) => {
    // The plan must not have changed since it was read: its lines are re-read in the transaction.
    const again = await readPlan(txCtx, input.fy);
    if (!again || again.plan.id !== planId) throw notFound('budget.report.errors.noPlan');
    const check = reportOf(again, input.kind, narrative);
    if (JSON.stringify(frozenTotals(check)) !== JSON.stringify(frozenTotals(report))) {
      throw new AppError(409, 'conflict', 'budget.report.errors.changed');
    }
    const xlsxFile = await saveFile(txCtx, { bytes: docs.xlsx, name: reportFileName(input.fy, input.kind, 'xlsx'), kinds: ['office'] });
    const [row] = await tx
      .insert(budgetReports)
      .values({
        orgId: ctx.orgId,
        planId,
        fiscalYear: input.fy,
        kind: input.kind,
        throughMonth: report.throughMonth,
        totals: frozenTotals(report),
        narrative: narrative || null,
        // The PDF's stored file is the publication's; set below.
        fileId: null,
        xlsxFileId: xlsxFile.id,
        createdBy: ctx.actor?.userId || null,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('budget report not written');
    const previousPublication = previous?.publicationId ?? null;
    const publication = await publish(tx, txCtx, {
      kind: 'document',
      fiscalYear: input.fy,
      itemCode,
      title,
      bytes: docs.pdf,
      fileName: reportFileName(input.fy, input.kind, 'pdf'),
      source: { entity: BUDGET_REPORT_ENTITY, id: `${input.fy}-${input.kind}` },
      ...(previousPublication ? { supersedes: { id: previousPublication, reason } } : {}),
      allowedBy: 'budget: budgetPolicy.publish (division heads, ITA coordinator, admin) publishes the budget reports',
    });
    const [done] = await tx
      .update(budgetReports)
      .set({ fileId: publication.fileId, publicationId: publication.id })
      .where(and(eq(budgetReports.orgId, ctx.orgId), eq(budgetReports.id, row.id)))
      .returning();
    if (input.kind === 'plan') {
      await tx
        .update(budgetPlans)
        .set({ publishedAt: sql`coalesce(${budgetPlans.publishedAt}, ${ctx.app.now().toISOString()}::timestamptz)` })
        .where(and(eq(budgetPlans.orgId, ctx.orgId), eq(budgetPlans.id, planId)));
    }
    tools.publish({ topic: 'pages.changed', data: { budgetReport: row.id } });
    return {
      result: { report: done ?? row, publication },
      entity: 'budget_report',
      entityId: row.id,
      summary: `เผยแพร่${title} เป็นหลักฐาน OIT ข้อ ${itemCode} (sha256 ${publication.sha256.slice(0, 12)}…)`,
      data: {
        fiscalYear: input.fy,
        kind: input.kind,
        publicationId: publication.id,
        supersedes: previousPublication,
        reason: reason || null,
        totals: frozenTotals(report),
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The public side: only published plans.

/** Fiscal years whose plan is published, newest first. */
export async function publishedPlanYears(ctx: ServiceContext): Promise<{ fiscalYear: number; totalSatang: number; title: string }[]> {
  const rows = await dbOf(ctx)
    .select({ fiscalYear: budgetPlans.fiscalYear, totalSatang: budgetPlans.totalSatang, title: budgetPlans.title })
    .from(budgetPlans)
    .where(and(eq(budgetPlans.orgId, ctx.orgId), isNotNull(budgetPlans.publishedAt)))
    .orderBy(desc(budgetPlans.fiscalYear));
  return rows.map((r) => ({ ...r, totalSatang: Number(r.totalSatang) }));
}

/** The published plan of a year with its progress through the last ended month, or null (unpublished, none). */
export async function publicPlan(ctx: ServiceContext, fy: number): Promise<{ data: PlanData; progress: PlanProgress } | null> {
  if (!Number.isInteger(fy) || fy < 2500 || fy > 2700) return null;
  const data = await readPlan(ctx, fy, { publicOnly: true });
  if (!data?.plan.publishedAt) return null;
  const progress = planProgress(data.plan.phasing, data.lines, lastEndedMonth(fy, ctx.app.now()));
  checkTotals(data, progress);
  return { data, progress };
}

/** B.E. year of a Gregorian one (for labels). */
export const beYear = toBuddhistYear;
