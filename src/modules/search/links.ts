import type { Locale } from '../../core/i18n/i18n.js';
import { formatThaiDate } from '../../core/thai/dates.js';

export const SEARCH_PATH = '/search';
/** Results a page of /search shows. */
export const PAGE_SIZE = 10;
/** The last page /search offers (deeper pages are not worth a query). */
export const MAX_PAGE = 50;

/** The sources the page has a name for; any other is shown as "other". */
const KNOWN_SOURCES = new Set(['news', 'service', 'page', 'qa', 'dataset', 'document']);
export const sourceKey = (source: string) => (KNOWN_SOURCES.has(source) ? source : 'other');

/** /search?q=…&source=…&page=… (page 1 and empty values left out). */
export function searchHref(p: { q?: string; source?: string | null; page?: number }): string {
  const params = new URLSearchParams();
  if (p.q) params.set('q', p.q);
  if (p.source) params.set('source', p.source);
  if (p.page && p.page > 1) params.set('page', String(p.page));
  const qs = params.toString();
  return qs ? `${SEARCH_PATH}?${qs}` : SEARCH_PATH;
}

const INTL: Record<Exclude<Locale, 'th'>, string> = { en: 'en-GB', ms: 'ms-MY' };

/** A day as the reader reads it: B.E. in every language (Thai months in Thai). */
export function publicDate(d: Date, locale: Locale): string {
  if (locale === 'th') return formatThaiDate(d);
  return new Intl.DateTimeFormat(`${INTL[locale]}-u-ca-buddhist`, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Bangkok',
  }).format(d);
}
