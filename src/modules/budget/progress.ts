import type { BudgetCategory, BudgetPhasing } from './schema.js';

/**
 * Plan against actual, as pure functions over integer satang (no database, no floats in sums):
 * the staff pages, the reports, the public pages and the open data all compute progress here,
 * so a figure is the same wherever it is shown.
 *
 * Months are fiscal months: 1 = ตุลาคม … 12 = กันยายน; quarter q covers months 3q-2 … 3q.
 */

export interface ProgressLineInput {
  id: number;
  position: number;
  side: string;
  program: string;
  work: string;
  category: BudgetCategory;
  item: string;
  approvedSatang: number;
  /** 4 quarter amounts or 12 month amounts (the plan's phasing). */
  phases: readonly number[];
  /** Disbursed per fiscal month, index 0 = ตุลาคม (12 entries; 0 where nothing was recorded). */
  disbursedByMonth: readonly number[];
}

export interface LineProgress extends ProgressLineInput {
  /** Planned through the month asked (quarter phases count whole quarters ended by then). */
  plannedToDateSatang: number;
  disbursedToDateSatang: number;
  /** disbursed − planned to date (negative: behind the plan). */
  varianceSatang: number;
  /** Disbursed to date / approved, in basis points (1 % = 100), rounded down; null when approved is 0. */
  disbursedBp: number | null;
  /** Planned and disbursed per quarter (4 entries). */
  plannedByQuarter: number[];
  disbursedByQuarter: number[];
}

type LineLabelKey = 'id' | 'position' | 'side' | 'program' | 'work' | 'category' | 'item';

/** Which line it is and where it stands in the plan: the first fields of every line the module answers with. */
export function lineLabel<L extends Pick<ProgressLineInput, LineLabelKey>>(l: L): Pick<L, LineLabelKey> {
  return { id: l.id, position: l.position, side: l.side, program: l.program, work: l.work, category: l.category, item: l.item };
}

/** A line's progress to date, as the API answers show it. */
export function lineToDate(
  l: LineProgress,
): Pick<LineProgress, 'plannedToDateSatang' | 'disbursedToDateSatang' | 'varianceSatang' | 'disbursedBp'> {
  return {
    plannedToDateSatang: l.plannedToDateSatang,
    disbursedToDateSatang: l.disbursedToDateSatang,
    varianceSatang: l.varianceSatang,
    disbursedBp: l.disbursedBp,
  };
}

export interface ProgressTotals {
  approvedSatang: number;
  plannedToDateSatang: number;
  disbursedToDateSatang: number;
  varianceSatang: number;
  disbursedBp: number | null;
  plannedByQuarter: number[];
  disbursedByQuarter: number[];
}

export interface PlanProgress {
  throughMonth: number;
  lines: LineProgress[];
  total: ProgressTotals;
  byCategory: (ProgressTotals & { category: BudgetCategory })[];
  byProgram: (ProgressTotals & { side: string; program: string })[];
}

/** Planned amount per fiscal month (12): month phasing as is; a quarter's amount sits in its last month. */
export function plannedByMonth(phasing: BudgetPhasing, phases: readonly number[]): number[] {
  if (phasing === 'month') {
    if (phases.length !== 12) throw new RangeError(`A monthly plan has 12 phases, got ${phases.length}`);
    return [...phases];
  }
  if (phases.length !== 4) throw new RangeError(`A quarterly plan has 4 phases, got ${phases.length}`);
  const out = new Array<number>(12).fill(0);
  phases.forEach((p, q) => {
    out[q * 3 + 2] = p;
  });
  return out;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  if (!Number.isSafeInteger(s)) throw new RangeError('A total in satang is not a safe integer');
  return s;
}

function byQuarter(months: readonly number[]): number[] {
  return [0, 1, 2, 3].map((q) => sum(months.slice(q * 3, q * 3 + 3)));
}

/** Basis points of part over whole, rounded down (exact, in bigint); null when whole is 0. */
export function basisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Number((BigInt(part) * 10_000n) / BigInt(whole));
}

function totalsOf(lines: readonly LineProgress[]): ProgressTotals {
  const approvedSatang = sum(lines.map((l) => l.approvedSatang));
  const plannedToDateSatang = sum(lines.map((l) => l.plannedToDateSatang));
  const disbursedToDateSatang = sum(lines.map((l) => l.disbursedToDateSatang));
  return {
    approvedSatang,
    plannedToDateSatang,
    disbursedToDateSatang,
    varianceSatang: disbursedToDateSatang - plannedToDateSatang,
    disbursedBp: basisPoints(disbursedToDateSatang, approvedSatang),
    plannedByQuarter: [0, 1, 2, 3].map((q) => sum(lines.map((l) => l.plannedByQuarter[q] ?? 0))),
    disbursedByQuarter: [0, 1, 2, 3].map((q) => sum(lines.map((l) => l.disbursedByQuarter[q] ?? 0))),
  };
}

/** Progress of every line through fiscal month `throughMonth` (0–12), with totals by งบ and by แผนงาน. */
export function planProgress(phasing: BudgetPhasing, lines: readonly ProgressLineInput[], throughMonth: number): PlanProgress {
  if (!Number.isInteger(throughMonth) || throughMonth < 0 || throughMonth > 12)
    throw new RangeError(`throughMonth 0-12, got ${throughMonth}`);
  const out: LineProgress[] = lines.map((l) => {
    const planned = plannedByMonth(phasing, l.phases);
    if (l.disbursedByMonth.length !== 12) throw new RangeError('disbursedByMonth has 12 entries');
    const plannedToDateSatang = sum(planned.slice(0, throughMonth));
    const disbursedToDateSatang = sum(l.disbursedByMonth.slice(0, throughMonth));
    return {
      ...l,
      plannedToDateSatang,
      disbursedToDateSatang,
      varianceSatang: disbursedToDateSatang - plannedToDateSatang,
      disbursedBp: basisPoints(disbursedToDateSatang, l.approvedSatang),
      plannedByQuarter: byQuarter(planned),
      disbursedByQuarter: byQuarter(l.disbursedByMonth),
    };
  });
  const groups = <K extends string>(keyOf: (l: LineProgress) => K) => {
    const m = new Map<K, LineProgress[]>();
    for (const l of out) m.set(keyOf(l), [...(m.get(keyOf(l)) ?? []), l]);
    return m;
  };
  return {
    throughMonth,
    lines: out,
    total: totalsOf(out),
    byCategory: [...groups((l) => l.category)].map(([category, ls]) => ({ category, ...totalsOf(ls) })),
    byProgram: [...groups((l) => `${l.side}\u0000${l.program}`)].map(([, ls]) => ({
      side: ls[0]?.side ?? '',
      program: ls[0]?.program ?? '',
      ...totalsOf(ls),
    })),
  };
}
