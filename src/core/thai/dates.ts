/**
 * Thai date formatting and parsing: Buddhist Era (พุทธศักราช, พ.ศ. = Gregorian + 543)
 * years, Thai month names, the Asia/Bangkok time zone.
 *
 * Month and weekday names come from ICU (Intl); numbers come from `bangkokDateParts`,
 * so the output does not depend on ICU's date patterns, only on its names.
 */
import { BANGKOK_TIME_ZONE, bangkokDate, bangkokDateParts, isValidCalendarDate, type YearMonth } from './bangkok.js';
import { applyDigits, type DigitStyle, toArabicDigits } from './digits.js';

export type { DigitStyle } from './digits.js';

/** Offset between the Buddhist Era used in Thailand and the Gregorian calendar. */
export const BUDDHIST_ERA_OFFSET = 543;

export function toBuddhistYear(gregorianYear: number): number {
  return gregorianYear + BUDDHIST_ERA_OFFSET;
}

export function toGregorianYear(buddhistYear: number): number {
  return buddhistYear - BUDDHIST_ERA_OFFSET;
}

export type ThaiDateStyle = 'long' | 'short' | 'full' | 'numeric';

export interface ThaiDateOptions {
  /** Default 'arabic' (screens); official documents pass 'thai'. */
  readonly digits?: DigitStyle;
  /** long `22 ตุลาคม 2567` (default), short `22 ต.ค. 67`, full `วันอังคารที่ 22 ตุลาคม พ.ศ. 2567`, numeric `22/10/2567`. */
  readonly style?: ThaiDateStyle;
  /** Write "พ.ศ." before the year (long and short styles; full always has it, numeric never). */
  readonly era?: boolean;
}

export interface DigitOptions {
  readonly digits?: DigitStyle;
}

const ERA = 'พ.ศ.';

function nameFormatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { timeZone: BANGKOK_TIME_ZONE, ...options });
}

function monthNames(width: 'long' | 'short'): readonly string[] {
  const f = nameFormatter({ month: width });
  // Mid-month noon, so no time-zone shift can move us into a neighbouring month.
  return Array.from({ length: 12 }, (_, i) => f.format(bangkokDate(2000, i + 1, 15, 12)));
}

const LONG_MONTHS = monthNames('long');
const SHORT_MONTHS = monthNames('short');
const weekdayFormatter = nameFormatter({ weekday: 'long' });

/** Thai name of a month (1 = มกราคม … 12 = ธันวาคม); 'short' gives the abbreviation, e.g. ต.ค. */
export function thaiMonthName(month: number, width: 'long' | 'short' = 'long'): string {
  const name = (width === 'long' ? LONG_MONTHS : SHORT_MONTHS)[month - 1];
  if (name === undefined || !Number.isInteger(month)) throw new RangeError(`Month must be 1-12, got ${month}`);
  return name;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Formats the Bangkok calendar day of an instant with a Buddhist Era year. */
export function formatThaiDate(d: Date, opts: ThaiDateOptions = {}): string {
  const p = bangkokDateParts(d);
  const be = toBuddhistYear(p.year);
  const era = opts.era === true ? `${ERA} ` : '';
  let text: string;
  switch (opts.style ?? 'long') {
    case 'long':
      text = `${p.day} ${thaiMonthName(p.month)} ${era}${be}`;
      break;
    case 'short':
      text = `${p.day} ${thaiMonthName(p.month, 'short')} ${era}${pad2(((be % 100) + 100) % 100)}`;
      break;
    case 'full':
      // ICU's weekday is already prefixed with "วัน" (e.g. วันอังคาร); "ที่" links it to the day.
      text = `${weekdayFormatter.format(d)}ที่ ${p.day} ${thaiMonthName(p.month)} ${ERA} ${be}`;
      break;
    case 'numeric':
      text = `${p.day}/${p.month}/${be}`;
      break;
  }
  return applyDigits(text, opts.digits);
}

/** 24-hour Bangkok time with the Thai "น." (นาฬิกา) suffix, e.g. `14:05 น.` */
export function formatThaiTime(d: Date, opts: DigitOptions = {}): string {
  const p = bangkokDateParts(d);
  return applyDigits(`${pad2(p.hour)}:${pad2(p.minute)} น.`, opts.digits);
}

/** Abbreviated date with the full B.E. year and the time, e.g. `22 ต.ค. 2567 14:05 น.` */
export function formatThaiDateTime(d: Date, opts: DigitOptions = {}): string {
  const p = bangkokDateParts(d);
  const date = `${p.day} ${thaiMonthName(p.month, 'short')} ${toBuddhistYear(p.year)}`;
  return `${applyDigits(date, opts.digits)} ${formatThaiTime(d, opts)}`;
}

/**
 * Month name and B.E. year without the "พ.ศ." prefix, e.g. `ตุลาคม 2567`.
 * A `{year, month}` argument is Gregorian, like everything returned by this module.
 * (Intl alone cannot do this: formatting a bare Buddhist year always adds "พ.ศ.".)
 */
export function formatThaiMonthYear(d: Date | YearMonth, opts: DigitOptions = {}): string {
  const ym = d instanceof Date ? bangkokDateParts(d) : d;
  return applyDigits(`${thaiMonthName(ym.month)} ${toBuddhistYear(ym.year)}`, opts.digits);
}

/**
 * Years a clerk may type. Years above 2400 are read as B.E. (2401 B.E. = 1858 A.D.);
 * the result must fall in this Gregorian range, which rejects mistyped years and keeps
 * away from dates before 1582 where ICU switches to the Julian calendar.
 */
const MIN_GREGORIAN_YEAR = 1800;
const MAX_GREGORIAN_YEAR = 2400;

const NUMERIC_DATE = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NAMED_DATE = /^(\d{1,2})\s*([\u0e00-\u0e7f.]+?)\s*(?:พ\.\s?ศ\.)?\s*(\d{4})$/;

function monthFromName(name: string): number {
  const long = LONG_MONTHS.indexOf(name);
  if (long >= 0) return long + 1;
  const short = SHORT_MONTHS.findIndex((m) => m === name || m.replaceAll('.', '') === name);
  return short >= 0 ? short + 1 : 0;
}

function toDay(year: number, month: number, day: number, eraOk: boolean): Date | null {
  const gregorian = eraOk && year > MAX_GREGORIAN_YEAR ? toGregorianYear(year) : year;
  if (gregorian < MIN_GREGORIAN_YEAR || gregorian > MAX_GREGORIAN_YEAR) return null;
  if (!isValidCalendarDate(gregorian, month, day)) return null;
  return bangkokDate(gregorian, month, day);
}

/**
 * Reads a date typed into a form and returns Bangkok midnight of that day, or null.
 * Accepts `22/10/2567`, `22/10/2024`, `22-10-2567`, `22.10.2567`, Thai digits
 * (`๒๒/๑๐/๒๕๖๗`), month names (`22 ตุลาคม 2567`, `22 ต.ค. พ.ศ. 2567`) and ISO
 * `2024-10-22` (always Gregorian, as sent by `<input type="date">`).
 */
export function parseThaiDateInput(s: string): Date | null {
  const text = toArabicDigits(s).trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return toDay(Number(iso[1]), Number(iso[2]), Number(iso[3]), false);
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) return toDay(Number(numeric[4]), Number(numeric[3]), Number(numeric[1]), true);
  const named = NAMED_DATE.exec(text);
  if (named) {
    const month = monthFromName(named[2] ?? '');
    return month === 0 ? null : toDay(Number(named[3]), month, Number(named[1]), true);
  }
  return null;
}
