/**
 * The Thai government fiscal year (ปีงบประมาณ), which local administrative
 * organisations also follow: it runs from 1 October to 30 September and is named
 * after the B.E. year in which it ends. FY 2567 = 1 Oct 2023 – 30 Sep 2024 (Gregorian).
 *
 * Fiscal years are B.E. numbers throughout; calendar fields are Gregorian.
 * Membership is decided on the Bangkok calendar day, so an instant at 17:00 UTC on
 * 30 September is already in the next fiscal year.
 */
import { addMonths, bangkokDate, bangkokDateParts, type CalendarDate, type DateRange, type YearMonth } from './bangkok.js';
import { type DigitOptions, toBuddhistYear, toGregorianYear } from './dates.js';
import { applyDigits } from './digits.js';

export type FiscalQuarter = 1 | 2 | 3 | 4;
export type FiscalHalf = 1 | 2;

export interface FiscalYearRange extends DateRange {
  /** The last day of the fiscal year (30 September, Gregorian), for "ending on" texts. */
  readonly lastDay: CalendarDate;
}

export interface FiscalQuarterRef {
  readonly fiscalYear: number;
  readonly quarter: FiscalQuarter;
}

/** The first month of the fiscal year is October. */
const FIRST_MONTH = 10;

function checkFiscalYear(fy: number): void {
  if (!Number.isInteger(fy)) throw new RangeError(`Fiscal year must be an integer B.E. year, got ${fy}`);
}

/** The calendar month `offset` months after the start of the fiscal year (0 = October, 12 = next FY's October). */
function fiscalMonthAt(fy: number, offset: number): YearMonth {
  checkFiscalYear(fy);
  return addMonths({ year: toGregorianYear(fy) - 1, month: FIRST_MONTH }, offset);
}

/** Bangkok midnights starting the fiscal months `fromOffset` and `toOffset`, as a half-open range. */
function monthSpan(fy: number, fromOffset: number, toOffset: number): DateRange {
  const from = fiscalMonthAt(fy, fromOffset);
  const to = fiscalMonthAt(fy, toOffset);
  return { start: bangkokDate(from.year, from.month, 1), end: bangkokDate(to.year, to.month, 1) };
}

/** The fiscal year (B.E.) containing the Bangkok calendar day of `d`. */
export function fiscalYearOf(d: Date): number {
  const { year, month } = bangkokDateParts(d);
  return toBuddhistYear(month >= FIRST_MONTH ? year + 1 : year);
}

/** From Bangkok midnight of 1 October of the previous year up to (excluding) 1 October of the FY's year. */
export function fiscalYearRange(fy: number): FiscalYearRange {
  return { ...monthSpan(fy, 0, 12), lastDay: { year: toGregorianYear(fy), month: 9, day: 30 } };
}

/** Fiscal quarter of `d`: Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep. */
export function fiscalQuarterOf(d: Date): FiscalQuarterRef {
  const { month } = bangkokDateParts(d);
  const offset = (month - FIRST_MONTH + 12) % 12; // months since October
  return { fiscalYear: fiscalYearOf(d), quarter: (Math.floor(offset / 3) + 1) as FiscalQuarter };
}

export function fiscalQuarterRange(fy: number, quarter: FiscalQuarter): DateRange {
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError(`Quarter must be 1-4, got ${quarter}`);
  return monthSpan(fy, (quarter - 1) * 3, quarter * 3);
}

/**
 * Half of a fiscal year: 1 = October–March, 2 = April–September. The first half is
 * the period of the mid-year ("6-month") performance report.
 */
export function fiscalHalfRange(fy: number, half: FiscalHalf): DateRange {
  if (half !== 1 && half !== 2) throw new RangeError(`Half must be 1 or 2, got ${half}`);
  return monthSpan(fy, (half - 1) * 6, half * 6);
}

/** The twelve calendar months of a fiscal year in order, October to September (Gregorian years). */
export function fiscalMonths(fy: number): YearMonth[] {
  return Array.from({ length: 12 }, (_, i) => fiscalMonthAt(fy, i));
}

/** `ปีงบประมาณ พ.ศ. 2567`, or with Thai digits `ปีงบประมาณ พ.ศ. ๒๕๖๗` for official documents. */
export function formatFiscalYear(fy: number, opts: DigitOptions = {}): string {
  checkFiscalYear(fy);
  return applyDigits(`ปีงบประมาณ พ.ศ. ${fy}`, opts.digits);
}
