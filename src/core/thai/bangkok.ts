/**
 * Calendar arithmetic on the Asia/Bangkok wall clock.
 *
 * Every organisation served by Prongsai is in Thailand, so "which day is it" always
 * means the Bangkok calendar day, whatever the server's own time zone is. Bangkok is
 * UTC+7 with no DST (since 1920; before that tzdata uses local mean time +6:42:04).
 * We still ask Intl (with `timeZone: 'Asia/Bangkok'`) instead of adding 7 hours by hand,
 * so that these helpers always agree with the Intl-based formatters.
 * All numbers here are Gregorian; Buddhist Era years only appear when formatting.
 */

export const BANGKOK_TIME_ZONE = 'Asia/Bangkok';

/** A Gregorian calendar day; month is 1-12. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A Gregorian calendar month; month is 1-12. */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

/** Wall-clock fields of an instant in Bangkok (Gregorian); weekday 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export interface BangkokDateParts extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly weekday: number;
}

/** A half-open interval of instants: `start` included, `end` excluded. */
export interface DateRange {
  readonly start: Date;
  readonly end: Date;
}

const MS_PER_HOUR = 3_600_000;

// The `gregory` calendar and `latn` digits are forced so that parts are plain numbers.
const partsFormatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
  timeZone: BANGKOK_TIME_ZONE,
  era: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

interface WallClock extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClock(d: Date): WallClock {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid Date');
  const f: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(d)) f[p.type] = p.value;
  const year = Number(f.year);
  return {
    // en-US counts years before 1 AD as "1 BC", "2 BC"…; convert to astronomical numbering.
    year: f.era === 'BC' ? 1 - year : year,
    month: Number(f.month),
    day: Number(f.day),
    hour: Number(f.hour),
    minute: Number(f.minute),
    second: Number(f.second),
  };
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC (avoids Date.UTC's 0-99 → 19xx quirk). */
function wallToEpoch(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** Bangkok's UTC offset at instant `t` (ms), to the second. */
function offsetAt(t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  return wallToEpoch(wallClock(new Date(whole))) - whole;
}

/** The Bangkok wall-clock date and time of an instant. Throws RangeError for an Invalid Date. */
export function bangkokDateParts(d: Date): BangkokDateParts {
  const w = wallClock(d);
  const weekday = new Date(wallToEpoch({ ...w, hour: 0, minute: 0, second: 0 })).getUTCDay();
  return { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, weekday };
}

/** The Bangkok calendar day of an instant as an ISO date, 'YYYY-MM-DD' (Gregorian): what date columns hold. */
export function bangkokIsoDay(d: Date): string {
  const p = bangkokDateParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The fields of an ISO date 'YYYY-MM-DD' naming a real day (years 2000–2200), or null. */
export function parseIsoDay(s: string | undefined | null): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2200 || !isValidCalendarDate(year, month, day)) return null;
  return { year, month, day };
}

/**
 * A stored day 'YYYY-MM-DD' as the instant of Bangkok noon on it, for formatting (noon, so the
 * calendar day never shifts); an invalid Date when the text is not such a day.
 */
export function isoDayNoon(iso: string): Date {
  return parseIsoDay(iso) ? new Date(`${iso}T12:00:00+07:00`) : new Date(Number.NaN);
}

/** Number of days in a Gregorian month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = last day of this one
  return d.getUTCDate();
}

/** True when the fields name a real Gregorian day (e.g. false for 31 February). */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * The instant at which Bangkok wall clocks show the given Gregorian date and time.
 * Throws RangeError for fields that do not name a real day and time (no silent roll-over,
 * so 31/02 cannot quietly become 3 March).
 */
export function bangkokDate(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  if (!isValidCalendarDate(year, month, day)) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`Not a time of day: ${hour}:${minute}`);
  }
  const wall = wallToEpoch({ year, month, day, hour, minute, second: 0 });
  // Guess with UTC+7, then correct with the real offset at that instant (matters only
  // before 1920, when Bangkok used local mean time).
  const first = wall - 7 * MS_PER_HOUR;
  const corrected = wall - offsetAt(first);
  return new Date(wall - offsetAt(corrected));
}

/** The instant of Bangkok midnight starting the given calendar day. */
export function bangkokMidnight(date: CalendarDate): Date {
  return bangkokDate(date.year, date.month, date.day);
}

/** Adds (or subtracts) whole months to a calendar month. */
export function addMonths(ym: YearMonth, months: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** "YYYY-MM" of the month `months` after (or before) the given one, as query strings carry it. */
export function shiftedMonthKey(ym: YearMonth, months: number): string {
  const m = addMonths(ym, months);
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}
