import type { Locale, Translate } from '../../../core/i18n/i18n.js';
import { formatThaiDate, formatThaiDateTime } from '../../../core/thai/dates.js';
import { formatNumber } from '../../../core/thai/numbers.js';

const INTL_LOCALE: Record<Exclude<Locale, 'th'>, string> = { en: 'en-GB', ms: 'ms-MY' };

/** A date in the Buddhist Era, in the reader's language (Thai months for Thai readers). */
export function beDate(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiDate(d);
  return new Intl.DateTimeFormat(`${INTL_LOCALE[locale]}-u-ca-buddhist`, { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(d);
}

export function beDateTime(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiDateTime(d);
  return new Intl.DateTimeFormat(`${INTL_LOCALE[locale]}-u-ca-buddhist`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(d);
}

/** A file size as people read it: 850 bytes, 320 KB, 1.2 MB. */
export function fileSize(t: Translate, bytes: number): string {
  if (bytes < 1024) return t('publications.doc.bytes', { n: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return t('publications.doc.kb', { n: formatNumber(Math.round(bytes / 1024)) });
  return t('publications.doc.mb', { n: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10) });
}

/** The first characters of a sha256, enough to compare by eye. */
export const shortSha = (sha256: string) => `${sha256.slice(0, 12)}…`;
