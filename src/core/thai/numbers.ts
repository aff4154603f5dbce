/**
 * Numbers and money in Thai formats.
 *
 * Money is always handled as an integer number of satang (สตางค์, 1/100 baht) so that
 * no binary floating-point rounding can creep into amounts; conversions to text use
 * bigint division and remainder only.
 */
import { bahttext } from 'bahttext';
import { applyDigits, type DigitStyle, toArabicDigits } from './digits.js';

export interface NumberOptions {
  readonly digits?: DigitStyle;
  /** Exact number of fraction digits (rounded by Intl); when omitted, Intl's default of up to 3. */
  readonly decimals?: number;
}

export interface MoneyOptions {
  readonly digits?: DigitStyle;
  /** `'฿'` gives `฿1,250.50`; `'บาท'` gives `1,250.50 บาท`; omitted gives the bare amount. */
  readonly symbol?: '฿' | 'บาท';
}

const numberFormats = new Map<number | undefined, Intl.NumberFormat>();

function numberFormat(decimals: number | undefined): Intl.NumberFormat {
  let f = numberFormats.get(decimals);
  if (f === undefined) {
    const fraction = decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    // `-u-nu-latn`: digits are converted afterwards, in one place, by applyDigits.
    f = new Intl.NumberFormat('th-TH-u-nu-latn', { useGrouping: true, ...fraction });
    numberFormats.set(decimals, f);
  }
  return f;
}

/** A number with thousands separators, e.g. `1,234,567.5`. */
export function formatNumber(n: number | bigint, opts: NumberOptions = {}): string {
  const { decimals } = opts;
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 20)) {
    throw new RangeError(`decimals must be an integer 0-20, got ${decimals}`);
  }
  return applyDigits(numberFormat(decimals).format(n), opts.digits);
}

/** Validates a satang amount and returns it as a bigint (numbers must be safe integers). */
function toSatang(satang: number | bigint): bigint {
  if (typeof satang === 'bigint') return satang;
  if (!Number.isSafeInteger(satang)) throw new RangeError(`Satang must be a safe integer, got ${satang}`);
  return BigInt(satang);
}

/** Money from integer satang: `125050` → `1,250.50` (always two decimals). */
export function formatSatang(satang: number | bigint, opts: MoneyOptions = {}): string {
  const value = toSatang(satang);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const baht = numberFormat(0).format(abs / 100n);
  const amount = `${baht}.${String(abs % 100n).padStart(2, '0')}`;
  const sign = negative ? '-' : '';
  const text = opts.symbol === '฿' ? `${sign}฿${amount}` : opts.symbol === 'บาท' ? `${sign}${amount} บาท` : `${sign}${amount}`;
  return applyDigits(text, opts.digits);
}

/** bahttext's words for a whole number of baht below one million, without its "บาทถ้วน" suffix. */
function wordsBelowMillion(n: bigint): string {
  const text = bahttext(n.toString());
  if (!text.endsWith('บาทถ้วน')) throw new Error(`Unexpected bahttext output for ${n}: ${text}`);
  return text.slice(0, -'บาทถ้วน'.length);
}

/**
 * Words for a positive whole number. We call bahttext once per six-digit group and join
 * the groups with ล้าน ourselves, for two reasons: bahttext silently returns
 * "ศูนย์บาทถ้วน" above Number.MAX_SAFE_INTEGER, and it reads a lone 1 after a zero as
 * หนึ่ง only in the last group (101 → หนึ่งร้อยหนึ่ง but 101,000,000 → หนึ่งร้อยเอ็ดล้าน);
 * per group, the same rule applies everywhere.
 */
function wholeWords(n: bigint): string {
  const groups: bigint[] = [];
  for (let rest = n; rest > 0n; rest /= 1_000_000n) groups.unshift(rest % 1_000_000n);
  return groups.map((g, i) => (g === 0n ? '' : wordsBelowMillion(g)) + (i < groups.length - 1 ? 'ล้าน' : '')).join('');
}

/**
 * The amount in Thai words, as written on receipts, cheques and official documents
 * (e.g. `(หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)`), from integer satang:
 * 125050 → หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์, 100000 → หนึ่งพันบาทถ้วน,
 * 0 → ศูนย์บาทถ้วน, 21 → ยี่สิบเอ็ดสตางค์. Negative amounts are prefixed with ลบ.
 */
export function bahtText(satang: number | bigint): string {
  const value = toSatang(satang);
  if (value === 0n) return 'ศูนย์บาทถ้วน';
  const abs = value < 0n ? -value : value;
  const baht = abs / 100n;
  const rest = abs % 100n;
  // bahttext handles satang-only amounts itself, e.g. "0.21" → ยี่สิบเอ็ดสตางค์.
  const satangWords = rest === 0n ? '' : bahttext(`0.${String(rest).padStart(2, '0')}`);
  const bahtWords = baht === 0n ? '' : `${wholeWords(baht)}บาท${rest === 0n ? 'ถ้วน' : ''}`;
  return `${value < 0n ? 'ลบ' : ''}${bahtWords}${satangWords}`;
}

/** An optional ฿ sign, a non-negative amount with valid thousands groups, up to 2 decimals, an optional trailing บาท. */
const BAHT_INPUT = /^฿?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:บาท)?$/;

/**
 * Reads an amount typed by a clerk and returns satang, or null when the text is not a
 * valid non-negative amount: accepts `1,250.50`, `๑,๒๕๐.๕๐`, `1250`, `1250.5`, `฿1,250`,
 * `1,250.50 บาท`; rejects more than 2 decimals, misplaced commas, signs and garbage.
 */
export function parseBahtInput(s: string): bigint | null {
  const match = BAHT_INPUT.exec(toArabicDigits(s).trim());
  if (match === null) return null;
  const whole = BigInt((match[1] ?? '').replaceAll(',', ''));
  return whole * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}
