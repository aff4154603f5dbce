import { randomInt } from 'node:crypto';
import type { AppServices } from '../../core/context.js';

/**
 * The receipt code a reporter keeps to follow a complaint (GlobaLeaks: a 16-digit receipt).
 * 16 random digits (~53 bits) shown in four groups; only a keyed hash is stored, so a copy of
 * the database cannot be turned back into codes, and guessing is bounded by the rate limit.
 */
export const RECEIPT_DIGITS = 16;
const PURPOSE = 'complaint-receipt';

export function newReceiptCode(): string {
  let s = '';
  for (let i = 0; i < RECEIPT_DIGITS; i++) s += String(randomInt(10));
  return s;
}

/** "1234 5678 9012 3456" */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What a person typed (spaces, dashes, Thai digits) → the 16 digits, or null when it cannot be a code. */
export function normalizeReceiptCode(input: string): string | null {
  const digits = input.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

/** The stored form of a code (also computed for malformed input, so every lookup costs the same). */
export function receiptHash(app: Pick<AppServices, 'secrets'>, code: string): string {
  return app.secrets.mac(PURPOSE, code);
}
