import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { bangkokDateParts } from '../../core/thai/bangkok.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { formatSatang } from '../../core/thai/numbers.js';
import { divisions } from '../staff/schema.js';
import { listDivisions as listStaffDivisions } from '../staff/service.js';
import { budgetPolicy } from './policy.js';
import { type PlanProgress, plannedByMonth, planProgress } from './progress.js';
import { type BudgetCategory, type BudgetPhasing, budgetDisbursements, budgetLines, budgetPlans } from './schema.js';

/**
 * The annual spending plan (แผนการใช้จ่ายงบประมาณประจำปี) and its disbursements: reads for the
 * staff pages, the reports and the public pages (part B), the import of a plan (import.ts builds
 * the lines, importPlan here writes them) and the recording of disbursements per month.
 *
 * Stable interface used by the reports and the public pages:
 *   getPlan(ctx, fy, { publicOnly? })            → PlanWithLines | null
 *   planProgressOf(ctx, fy, throughMonth, opts?)  → PlanProgressOf | null
 *   listPlans(ctx, { publicOnly? })               → PlanSummary[]
 *   endedMonths(fy, now)                          → fiscal months (0–12) fully ended at `now`
 */

export type BudgetPlan = typeof budgetPlans.$inferSelect;
export type BudgetLineRow = typeof budgetLines.$inferSelect;

/** A plan line with its division's name and what was disbursed in each fiscal month (index 0 = ตุลาคม). */
export interface PlanLine extends BudgetLineRow {
  divisionName: string | null;
  /** 12 entries, satang; 0 where nothing was recorded. */
  disbursedByMonth: number[];
  /** The months that have a recorded row (even of 0), 1–12. */
  recordedMonths: number[];
}

export interface PlanWithLines {
  plan: BudgetPlan;
  /** In plan order (position). */
  lines: PlanLine[];
}

export interface PlanProgressOf extends PlanWithLines {
  progress: PlanProgress;
}

export type PlanSummary = Pick<BudgetPlan, 'id' | 'fiscalYear' | 'title' | 'phasing' | 'totalSatang' | 'publishedAt' | 'importedAt'> & {
  lineCount: number;
};

export interface ReadOptions {
  /**
   * For the public pages and open data: no signed-in staff needed, and only a published plan
   * (publishedAt set) is returned — an unpublished one reads as none.
   */
  publicOnly?: boolean;
}

/** Fiscal years (B.E.) accepted anywhere in the module. */
export function isFiscalYear(fy: unknown): fy is number {
  return typeof fy === 'number' && Number.isInteger(fy) && fy >= 2550 && fy <= 2700;
}

/** Fiscal month (1 = ตุลาคม … 12 = กันยายน) of a Bangkok calendar month (1–12). */
export function fiscalMonthOfCalendar(month: number): number {
  return ((month + 2) % 12) + 1;
}

/** The current fiscal month (1–12) at `now` when it is in `fy`; 0 before the year, 13 after it. */
export function currentFiscalMonth(fy: number, now: Date): number {
  const fyNow = fiscalYearOf(now);
  if (fyNow < fy) return 0;
  if (fyNow > fy) return 13;
  return fiscalMonthOfCalendar(bangkokDateParts(now).month);
}

/** How many months of `fy` have fully ended at `now` (0–12): the "through" month of progress shown as of today. */
export function endedMonths(fy: number, now: Date): number {
  return Math.min(12, Math.max(0, currentFiscalMonth(fy, now) - 1));
}

function requireRead(ctx: ServiceContext, opts: ReadOptions) {
  if (!opts.publicOnly) ensureAllowed(budgetPolicy.read(ctx.actor), !!ctx.actor);
}

async function findPlan(db: Db, orgId: number, fy: number): Promise<BudgetPlan | null> {
  const [row] = await db
    .select()
    .from(budgetPlans)
    .where(and(eq(budgetPlans.orgId, orgId), eq(budgetPlans.fiscalYear, fy)));
  return row ?? null;
}

async function linesOf(db: Db, orgId: number, planId: number): Promise<PlanLine[]> {
  const rows = await db
    .select({ line: budgetLines, divisionName: divisions.name })
    .from(budgetLines)
    .leftJoin(divisions, and(eq(divisions.orgId, budgetLines.orgId), eq(divisions.id, budgetLines.divisionId)))
    .where(and(eq(budgetLines.orgId, orgId), eq(budgetLines.planId, planId)))
    .orderBy(asc(budgetLines.position), asc(budgetLines.id));
  const paid = await db
    .select({ lineId: budgetDisbursements.lineId, month: budgetDisbursements.month, amount: budgetDisbursements.amountSatang })
    .from(budgetDisbursements)
    .where(and(eq(budgetDisbursements.orgId, orgId), eq(budgetDisbursements.planId, planId)));
  const byLine = new Map<number, { months: number[]; recorded: number[] }>();
  for (const p of paid) {
    let e = byLine.get(p.lineId);
    if (!e) {
      e = { months: new Array<number>(12).fill(0), recorded: [] };
      byLine.set(p.lineId, e);
    }
    e.months[p.month - 1] = p.amount;
    e.recorded.push(p.month);
  }
  return rows.map(({ line, divisionName }) => {
    const e = byLine.get(line.id);
    return {
      ...line,
      divisionName: divisionName ?? null,
      disbursedByMonth: e ? e.months : new Array<number>(12).fill(0),
      recordedMonths: e ? e.recorded.sort((a, b) => a - b) : [],
    };
  });
}

/**
 * The plan of fiscal year `fy` with its lines and each line's disbursements by month, or null
 * when the organization has none (or, with publicOnly, none published yet).
 */
export async function getPlan(ctx: ServiceContext, fy: number, opts: ReadOptions = {}): Promise<PlanWithLines | null> {
  requireRead(ctx, opts);
  if (!isFiscalYear(fy)) return null;
  const db = dbOf(ctx);
  const plan = await findPlan(db, ctx.orgId, fy);
  if (!plan || (opts.publicOnly && !plan.publishedAt)) return null;
  return { plan, lines: await linesOf(db, ctx.orgId, plan.id) };
}

/**
 * Plan against actual through fiscal month `throughMonth` (0–12; 6 for the half-year report,
 * 12 for the annual one, endedMonths(fy, now) for "to date"), computed by progress.ts.
 */
export async function planProgressOf(
  ctx: ServiceContext,
  fy: number,
  throughMonth: number,
  opts: ReadOptions = {},
): Promise<PlanProgressOf | null> {
  const found = await getPlan(ctx, fy, opts);
  if (!found) return null;
  return { ...found, progress: planProgress(found.plan.phasing, found.lines, throughMonth) };
}

/** The organization's plans, newest year first (with publicOnly: the published ones). */
export async function listPlans(ctx: ServiceContext, opts: ReadOptions = {}): Promise<PlanSummary[]> {
  requireRead(ctx, opts);
  const db = dbOf(ctx);
  const plans = await db
    .select({
      id: budgetPlans.id,
      fiscalYear: budgetPlans.fiscalYear,
      title: budgetPlans.title,
      phasing: budgetPlans.phasing,
      totalSatang: budgetPlans.totalSatang,
      publishedAt: budgetPlans.publishedAt,
      importedAt: budgetPlans.importedAt,
    })
    .from(budgetPlans)
    .where(and(eq(budgetPlans.orgId, ctx.orgId), opts.publicOnly ? isNotNull(budgetPlans.publishedAt) : undefined))
    .orderBy(desc(budgetPlans.fiscalYear));
  if (!plans.length) return [];
  const lines = await db
    .select({ planId: budgetLines.planId })
    .from(budgetLines)
    .where(
      and(
        eq(budgetLines.orgId, ctx.orgId),
        inArray(
          budgetLines.planId,
          plans.map((p) => p.id),
        ),
      ),
    );
  return plans.map((p) => ({ ...p, lineCount: lines.filter((l) => l.planId === p.id).length }));
}

// ---------------------------------------------------------------- writes: the plan (import.ts reads the file)

/** A line of a plan as the import produced it, before it is written. */
export interface PlanLineInput {
  side: string;
  program: string;
  work: string;
  category: BudgetCategory;
  item: string;
  divisionId: number | null;
  approvedSatang: number;
  phases: number[];
  note: string | null;
  /** The file's row, for messages. */
  row: number;
}

/** The key a re-import matches lines by: (ด้าน, แผนงาน, งาน, งบ, รายการ). */
export function lineKey(l: Pick<PlanLineInput, 'side' | 'program' | 'work' | 'category' | 'item'>): string {
  const n = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return [n(l.side), n(l.program), n(l.work), l.category, n(l.item)].join('\u0000');
}

export interface ReplacePlanResult {
  plan: BudgetPlan;
  lineCount: number;
  /** Lines kept from the earlier import (with their disbursements). */
  kept: number;
  added: number;
  removed: number;
}

/**
 * Writes an imported plan inside the import's command: creates the year's plan or replaces its
 * lines as a whole. Lines are matched to the existing ones by lineKey so disbursements stay on
 * them; an existing line with disbursements that the new file lacks refuses the import (the
 * caller has checked that already; this is the last guard, under the transaction's lock).
 */
export async function replacePlanLines(
  tx: Db,
  ctx: ServiceContext,
  input: { fiscalYear: number; title: string; phasing: BudgetPhasing; lines: PlanLineInput[]; sourceFileId: number | null },
): Promise<ReplacePlanResult & { missingWithDisbursements: BudgetLineRow[] }> {
  const now = ctx.app.now();
  const total = input.lines.reduce((s, l) => s + l.approvedSatang, 0);
  if (!Number.isSafeInteger(total) || total > MAX_SATANG * 1000) throw new RangeError('plan total overflow');
  const found = await findPlan(tx, ctx.orgId, input.fiscalYear);
  let plan: BudgetPlan | undefined;
  const values = {
    title: input.title,
    phasing: input.phasing,
    sourceFileId: input.sourceFileId,
    importedAt: now,
    importedBy: ctx.actor?.userId || null,
    totalSatang: total,
    updatedAt: now,
  };
  if (found) {
    [plan] = await tx
      .update(budgetPlans)
      .set(values)
      .where(and(eq(budgetPlans.orgId, ctx.orgId), eq(budgetPlans.id, found.id)))
      .returning();
  } else {
    [plan] = await tx
      .insert(budgetPlans)
      .values({ ...values, orgId: ctx.orgId, fiscalYear: input.fiscalYear, createdAt: now })
      .returning();
  }
  if (!plan) throw new Error('plan not saved');
  const existing = await tx
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.orgId, ctx.orgId), eq(budgetLines.planId, plan.id)));
  const paidLines = new Set(
    (
      await tx
        .selectDistinct({ lineId: budgetDisbursements.lineId })
        .from(budgetDisbursements)
        .where(and(eq(budgetDisbursements.orgId, ctx.orgId), eq(budgetDisbursements.planId, plan.id)))
    ).map((r) => r.lineId),
  );
  const byKey = new Map(existing.map((l) => [lineKey(l), l]));
  const newKeys = new Set(input.lines.map(lineKey));
  const missingWithDisbursements = existing.filter((l) => paidLines.has(l.id) && !newKeys.has(lineKey(l)));
  if (missingWithDisbursements.length) {
    return { plan, lineCount: 0, kept: 0, added: 0, removed: 0, missingWithDisbursements };
  }
  const removedIds = existing.filter((l) => !newKeys.has(lineKey(l))).map((l) => l.id);
  if (removedIds.length) await tx.delete(budgetLines).where(and(eq(budgetLines.orgId, ctx.orgId), inArray(budgetLines.id, removedIds)));
  let kept = 0;
  let added = 0;
  for (const [i, l] of input.lines.entries()) {
    const row = {
      position: i + 1,
      side: l.side,
      program: l.program,
      work: l.work,
      category: l.category,
      item: l.item,
      divisionId: l.divisionId,
      approvedSatang: l.approvedSatang,
      phases: l.phases,
      note: l.note,
    };
    const old = byKey.get(lineKey(l));
    if (old) {
      kept++;
      await tx
        .update(budgetLines)
        .set(row)
        .where(and(eq(budgetLines.orgId, ctx.orgId), eq(budgetLines.id, old.id)));
    } else {
      added++;
      await tx.insert(budgetLines).values({ ...row, orgId: ctx.orgId, planId: plan.id, createdAt: now });
    }
  }
  return { plan, lineCount: input.lines.length, kept, added, removed: removedIds.length, missingWithDisbursements: [] };
}

// ---------------------------------------------------------------- writes: disbursements

export interface DisbursementInput {
  lineId: number;
  /** Fiscal month 1–12 (1 = ตุลาคม). */
  month: number;
  amountSatang: number;
  note?: string | null;
}

export interface RecordResult {
  /** Rows written (inserted or changed); unchanged amounts are not rewritten. */
  changed: number;
  fiscalYear: number;
  month: number | null;
}

const NOTE_MAX = 500;

/**
 * Records what was disbursed on lines of the year's plan, one command for many lines (the month
 * form) or one. Each amount ≥ 0, not in a month that has not started yet, and the line's total
 * over the year not above its approved amount (the message gives the figures). Recording a month
 * again replaces its amount; an amount of 0 is kept as a recorded 0.
 */
export async function recordDisbursements(ctx: ServiceContext, fy: number, entries: DisbursementInput[]): Promise<RecordResult> {
  const allowed = budgetPolicy.edit(ctx.actor);
  ensureAllowed(budgetPolicy.read(ctx.actor), !!ctx.actor);
  if (!isFiscalYear(fy)) throw notFound();
  const found = await getPlan(ctx, fy);
  if (!found) throw notFound();
  const { plan, lines } = found;
  const byId = new Map(lines.map((l) => [l.id, l]));
  for (const e of entries) if (!isRowId(e.lineId) || !byId.has(e.lineId)) throw notFound();
  if (allowed) {
    const errors: FieldError[] = [];
    const current = currentFiscalMonth(fy, ctx.app.now());
    const field = (e: DisbursementInput) => `amount-${e.lineId}-${e.month}`;
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(field(e))) errors.push({ field: field(e), label: 'budget.fields.amount', message: 'budget.errors.twice' });
      seen.add(field(e));
      if (!Number.isInteger(e.month) || e.month < 1 || e.month > 12)
        errors.push({ field: 'month', label: 'budget.fields.month', message: 'budget.errors.month' });
      else if (e.month > current) errors.push({ field: field(e), label: 'budget.fields.month', message: 'budget.errors.futureMonth' });
      if (!Number.isSafeInteger(e.amountSatang) || e.amountSatang < 0)
        errors.push({ field: field(e), label: 'budget.fields.amount', message: 'budget.errors.amount' });
      else if (e.amountSatang > MAX_SATANG)
        errors.push({ field: field(e), label: 'budget.fields.amount', message: 'core.validation.moneyTooLarge' });
      if (e.note && e.note.length > NOTE_MAX)
        errors.push({
          field: `note-${e.lineId}-${e.month}`,
          label: 'budget.fields.note',
          message: 'core.validation.tooLong',
          params: { max: NOTE_MAX },
        });
    }
    if (!errors.length) {
      // The year's total per line with the new amounts in place of the months recorded again.
      const after = new Map<number, number[]>();
      for (const e of entries) {
        const line = byId.get(e.lineId);
        if (!line) continue;
        const months = after.get(e.lineId) ?? [...line.disbursedByMonth];
        months[e.month - 1] = e.amountSatang;
        after.set(e.lineId, months);
      }
      for (const [lineId, months] of after) {
        const line = byId.get(lineId);
        const total = months.reduce((s, m) => s + m, 0);
        if (line && total > line.approvedSatang) {
          const e = entries.find((x) => x.lineId === lineId);
          errors.push({
            field: e ? field(e) : 'amount',
            label: 'budget.fields.amount',
            message: 'budget.errors.overApproved',
            params: {
              item: line.item,
              total: formatSatang(total),
              approved: formatSatang(line.approvedSatang),
              over: formatSatang(total - line.approvedSatang),
            },
          });
        }
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }
  const months = [...new Set(entries.map((e) => e.month))];
  return runCommand(ctx, { action: 'budget.recordDisbursement', allowed }, async (tx, tools) => {
    // A published plan's public progress is cached: new figures drop the organization's pages.
    tools.publish({ topic: 'pages.changed', data: { budget: fy } });
    const now = ctx.app.now();
    let changed = 0;
    const written: { lineId: number; month: number; amountSatang: number; before: number | null }[] = [];
    for (const e of entries) {
      const line = byId.get(e.lineId);
      if (!line) continue;
      const before = line.recordedMonths.includes(e.month) ? (line.disbursedByMonth[e.month - 1] ?? 0) : null;
      const note = e.note?.trim() || null;
      if (before === e.amountSatang && note === null) continue;
      await tx
        .insert(budgetDisbursements)
        .values({
          orgId: ctx.orgId,
          planId: plan.id,
          lineId: e.lineId,
          month: e.month,
          amountSatang: e.amountSatang,
          note,
          recordedBy: ctx.actor?.userId || null,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [budgetDisbursements.orgId, budgetDisbursements.lineId, budgetDisbursements.month],
          set: { amountSatang: e.amountSatang, note, recordedBy: ctx.actor?.userId || null, updatedAt: now },
        });
      changed++;
      written.push({ lineId: e.lineId, month: e.month, amountSatang: e.amountSatang, before });
    }
    return {
      result: { changed, fiscalYear: fy, month: months.length === 1 ? (months[0] ?? null) : null },
      entity: 'budget_plan',
      entityId: plan.id,
      summary: `บันทึกการเบิกจ่ายงบประมาณ ปีงบประมาณ ${fy}: ${changed} รายการ`,
      data: { fiscalYear: fy, entries: written.slice(0, 200) },
    };
  });
}

/** The planned amount of a line in each fiscal month (12), whatever the plan's phasing. */
export function linePlannedByMonth(plan: Pick<BudgetPlan, 'phasing'>, line: Pick<BudgetLineRow, 'phases'>): number[] {
  return plannedByMonth(plan.phasing, line.phases);
}

/** The organization's divisions, inactive ones too (the import's ส่วนราชการ column and the filters), from the staff module. */
export async function listDivisions(ctx: ServiceContext): Promise<{ id: number; name: string }[]> {
  return (await listStaffDivisions(ctx, { includeInactive: true })).map((d) => ({ id: d.id, name: d.name }));
}
