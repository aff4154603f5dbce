import { and, asc, eq, gte, lt, ne } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { notFound } from '../../core/http/errors.js';
import { fiscalMonths } from '../../core/thai/index.js';
import { bidsOf, isFiscalYear, isMonthKey, monthBounds, type Procurement } from './list.js';
import { type ProcurementMethod, procurements } from './schema.js';

/**
 * แบบ สขร.๑ — สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน (ประกาศคณะกรรมการข้อมูลข่าวสารของราชการ
 * ๑๖ มกราคม ๒๕๕๘, มาตรา ๙ (๘)): every procurement whose contract or agreement was made in the
 * month, with the nine columns. A month with none is still a summary (it says so). Totals are
 * recomputed from the rows and checked before a document is produced.
 */

export interface MonthlyBid {
  name: string;
  priceSatang: number;
}

/** One row of the nine columns (numbering and text come from the document). */
export interface MonthlyRow {
  id: number;
  /** ๒ งานที่จัดซื้อหรือจัดจ้าง */
  title: string;
  /** ๓ วงเงินที่จะซื้อหรือจ้าง */
  budgetSatang: number;
  /** ๔ ราคากลาง */
  referencePriceSatang: number | null;
  /** ๕ วิธีซื้อหรือจ้าง */
  method: ProcurementMethod;
  /** ๖ รายชื่อผู้เสนอราคาและราคาที่เสนอ (the winner alone when no bids were recorded) */
  bids: MonthlyBid[];
  /** ๗ ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง */
  winnerName: string;
  agreedPriceSatang: number;
  /** ๘ เหตุผลที่คัดเลือกโดยสรุป */
  reason: string | null;
  /** ๙ เลขที่และวันที่ของสัญญาหรือข้อตกลง */
  contractNo: string | null;
  contractDate: string;
  egpProjectNo: string | null;
  category: Procurement['category'];
  taxId: string | null;
}

export interface MonthlyTotals {
  count: number;
  budgetSatang: number;
  referenceSatang: number;
  agreedSatang: number;
}

export interface MonthlySummary {
  fiscalYear: number;
  /** 'YYYY-MM' (Gregorian). */
  month: string;
  rows: MonthlyRow[];
  totals: MonthlyTotals;
}

/** The document would show totals that are not the sum of its rows. */
export class TotalsMismatchError extends Error {
  override readonly name = 'TotalsMismatchError';
}

/** The twelve 'YYYY-MM' of a fiscal year, October first. */
export function fiscalMonthKeys(fy: number): string[] {
  return fiscalMonths(fy).map((m) => `${m.year}-${String(m.month).padStart(2, '0')}`);
}

/** Fiscal month number (1 = October … 12 = September) of a 'YYYY-MM' in the year, or 0. */
export function fiscalMonthNumber(fy: number, month: string): number {
  return fiscalMonthKeys(fy).indexOf(month) + 1;
}

/** Integer sums of the rows (satang); throws when a sum would leave the exact integer range. */
export function sumRows(rows: readonly Pick<MonthlyRow, 'budgetSatang' | 'referencePriceSatang' | 'agreedPriceSatang'>[]): MonthlyTotals {
  let budget = 0n;
  let reference = 0n;
  let agreed = 0n;
  for (const r of rows) {
    budget += BigInt(r.budgetSatang);
    reference += BigInt(r.referencePriceSatang ?? 0);
    agreed += BigInt(r.agreedPriceSatang);
  }
  const safe = (n: bigint) => {
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new TotalsMismatchError('total beyond the exact integer range');
    return Number(n);
  };
  return { count: rows.length, budgetSatang: safe(budget), referenceSatang: safe(reference), agreedSatang: safe(agreed) };
}

/** Recomputes the totals from the rows: a mismatch is an error, never silently fixed. */
export function checkTotals(s: Pick<MonthlySummary, 'rows' | 'totals'>): void {
  const again = sumRows(s.rows);
  for (const k of ['count', 'budgetSatang', 'referenceSatang', 'agreedSatang'] as const) {
    if (again[k] !== s.totals[k]) throw new TotalsMismatchError(`${k}: document ${s.totals[k]}, rows ${again[k]}`);
  }
}

/** A procurement as a row of the summary (bids in their order; the winner alone when none were recorded). */
export function monthlyRow(p: Procurement, bids: readonly { bidderName: string; priceSatang: number }[]): MonthlyRow {
  const agreed = p.agreedPriceSatang ?? 0;
  return {
    id: p.id,
    title: p.title,
    budgetSatang: p.budgetSatang,
    referencePriceSatang: p.referencePriceSatang,
    method: p.method,
    bids: bids.length
      ? bids.map((b) => ({ name: b.bidderName, priceSatang: b.priceSatang }))
      : p.winnerName
        ? [{ name: p.winnerName, priceSatang: agreed }]
        : [],
    winnerName: p.winnerName ?? '',
    agreedPriceSatang: agreed,
    reason: p.selectionReason,
    contractNo: p.contractNo,
    contractDate: p.contractDate ?? '',
    egpProjectNo: p.egpProjectNo,
    category: p.category,
    taxId: p.winnerTaxId,
  };
}

/** Procurements of the organization whose contract date is in [from, until), not cancelled, by date then id. */
export async function contractedBetween(ctx: ServiceContext, fiscalYear: number, from: string, until: string): Promise<Procurement[]> {
  return dbOf(ctx)
    .select()
    .from(procurements)
    .where(
      and(
        eq(procurements.orgId, ctx.orgId),
        gte(procurements.contractDate, from),
        lt(procurements.contractDate, until),
        eq(procurements.fiscalYear, fiscalYear),
        ne(procurements.status, 'cancelled'),
      ),
    )
    .orderBy(asc(procurements.contractDate), asc(procurements.id));
}

/**
 * The สขร.๑ of a month of a fiscal year (the month must be one of the year's twelve). The data is
 * public (contracted procurements), so no policy is asked here; callers that produce files check
 * theirs.
 */
export async function buildMonthlySummary(ctx: ServiceContext, fiscalYear: number, month: string): Promise<MonthlySummary> {
  if (!isFiscalYear(fiscalYear) || !isMonthKey(month) || !fiscalMonthNumber(fiscalYear, month)) throw notFound();
  const { from, until } = monthBounds(month);
  const list = await contractedBetween(ctx, fiscalYear, from, until);
  const bids = await bidsOf(
    dbOf(ctx),
    ctx.orgId,
    list.map((p) => p.id),
  );
  const rows = list.map((p) => monthlyRow(p, bids.get(p.id) ?? []));
  const summary = { fiscalYear, month, rows, totals: sumRows(rows) };
  checkTotals(summary);
  return summary;
}
