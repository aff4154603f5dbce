import type { Locale } from '../../../core/i18n/i18n.js';
import { BANGKOK_TIME_ZONE } from '../../../core/thai/bangkok.js';
import { formatThaiDate, formatThaiDateTime, formatThaiTime } from '../../../core/thai/dates.js';

/** The priority-group choice "none" in radio groups (a radio needs a value to be checked by default). */
export const GENERAL = 'general';

/** Thermal paper widths a ticket prints on: 80 mm (72 mm printable) and 58 mm (48 mm printable). */
export type Paper = '80' | '58';

export function parsePaper(s: string | undefined | null): Paper {
  return s === '58' ? '58' : '80';
}

/** A service's or group's name in the reader's language (English when given; Thai otherwise, also for Malay readers). */
export function localName(x: { name: string; nameEn?: string | null }, locale: Locale): string {
  return locale === 'en' && x.nameEn ? x.nameEn : x.name;
}

const latin = (locale: Locale, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(`${locale === 'ms' ? 'ms-MY' : 'en-GB'}-u-ca-buddhist`, { timeZone: BANGKOK_TIME_ZONE, ...opts });

/** Date and time with a Buddhist Era year in the reader's language: "26 พ.ย. 2569 10:05 น." / "26 Nov 2569 BE, 10:05". */
export function ticketDateTime(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiDateTime(d);
  return latin(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

export function ticketTime(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiTime(d);
  return latin(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** A Bangkok day 'YYYY-MM-DD' as a long B.E. date. */
export function dayText(day: string, locale: Locale): string {
  const noon = new Date(`${day}T05:00:00Z`); // noon in Bangkok: no time zone can move it to another day
  if (locale === 'th') return formatThaiDate(noon);
  return latin(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(noon);
}
