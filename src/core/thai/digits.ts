/**
 * Thai digits (เลขไทย): ๐ ๑ ๒ ๓ ๔ ๕ ๖ ๗ ๘ ๙.
 *
 * Official documents of Thai government bodies are expected to use Thai digits,
 * while screens and spreadsheets use Arabic digits, so every formatter in this
 * module produces Arabic digits first and converts at the very end.
 * Both digit sets are single UTF-16 code units, so conversion never changes length.
 */

/** Code point of THAI DIGIT ZERO (U+0E50); ๑..๙ follow contiguously. */
const THAI_ZERO = 0x0e50;
const ARABIC_ZERO = 0x30;

/** Converts every ASCII digit 0-9 to the matching Thai digit; all other characters are kept. */
export function toThaiDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (c) => String.fromCharCode(THAI_ZERO + c.charCodeAt(0) - ARABIC_ZERO));
}

/** Converts every Thai digit ๐-๙ to the matching ASCII digit; all other characters are kept. */
export function toArabicDigits(s: string): string {
  return s.replace(/[\u0e50-\u0e59]/g, (c) => String.fromCharCode(ARABIC_ZERO + c.charCodeAt(0) - THAI_ZERO));
}

/** Which digits a formatter should emit: 'thai' for official documents, 'arabic' for screens. */
export type DigitStyle = 'thai' | 'arabic';

/** Applies a digit style to a string that was built with Arabic digits. */
export function applyDigits(s: string, digits: DigitStyle | undefined): string {
  return digits === 'thai' ? toThaiDigits(s) : s;
}
