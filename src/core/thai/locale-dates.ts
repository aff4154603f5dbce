import type { Locale } from '../i18n/i18n.js';
import { formatThaiDate, formatThaiDateTime } from './dates.js';

const INTL_LOCALE: Record<Exclude<Locale, 'th'>, string> = { en: 'en-GB', ms: 'ms-MY' };

/** A date in the Buddhist Era, in the reader's language (Thai months for Thai readers). */
export function beDate(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiDate(d);
  return new Intl.DateTimeFormat(`${INTL_LOCALE[locale]}-u-ca-buddhist`, { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(d);
}

/** A date and time in the Buddhist Era, in the reader's language. */
export function beDateTime(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiDateTime(d);
  return new Intl.DateTimeFormat(`${INTL_LOCALE[locale]}-u-ca-buddhist`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(d);
}
