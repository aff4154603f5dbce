/** The byte-order mark: without it Excel reads UTF-8 as the local code page and Thai turns to mojibake. */
const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Free text (a title,
 * a reason) that a spreadsheet would run as a formula gets a leading apostrophe; numbers are
 * written as numbers (empty when not finite), null and undefined as an empty field.
 */
export function csvField(v: string | number | null | undefined, freeText = false): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = freeText && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV bytes from rows of fields already made with csvField: UTF-8 with a BOM, CRLF line ends. */
export function csvBytes(rows: readonly (readonly string[])[]): Uint8Array {
  return new TextEncoder().encode(`${BOM}${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
}
