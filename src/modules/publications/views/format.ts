import type { Translate } from '../../../core/i18n/i18n.js';
import { megabytes } from '../../../core/storage/store.js';
import { formatNumber } from '../../../core/thai/numbers.js';

export { beDate, beDateTime } from '../../../core/thai/locale-dates.js';

/** A file size as people read it: 850 bytes, 320 KB, 1.2 MB. */
export function fileSize(t: Translate, bytes: number): string {
  if (bytes < 1024) return t('publications.doc.bytes', { n: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return t('publications.doc.kb', { n: formatNumber(Math.round(bytes / 1024)) });
  return t('publications.doc.mb', { n: formatNumber(megabytes(bytes)) });
}

/** The first characters of a sha256, enough to compare by eye. */
export const shortSha = (sha256: string) => `${sha256.slice(0, 12)}…`;
