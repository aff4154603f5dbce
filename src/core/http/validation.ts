import { z } from 'zod';
import { formatSatang, parseBahtInput } from '../thai/numbers.js';
import type { FieldError } from './errors.js';

/**
 * Turns zod's issues into field errors that name the field in the user's language:
 * each field has a label key; each issue becomes a catalog key with its parameters.
 * A schema may also give a catalog key as its own message (`{ message: 'core.validation.username' }`).
 */
export type FieldLabels = Record<string, string>;

const isCatalogKey = (m: string | undefined) => !!m && /^[a-z][\w-]*(\.[\w-]+)+$/i.test(m);

export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], labels: FieldLabels): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '_';
    if (seen.has(field)) continue; // one message per field: the first thing to fix
    seen.add(field);
    const label = labels[field] ?? labels[String(issue.path[0])];
    out.push({ field, label, ...messageOf(issue) });
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue): Pick<FieldError, 'message' | 'params'> {
  if (isCatalogKey(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params as FieldError['params']) : undefined;
    return params ? { message: issue.message, params } : { message: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') {
        return { message: 'core.validation.required' };
      }
      return {
        message: issue.expected === 'number' || issue.expected === 'int' ? 'core.validation.invalidNumber' : 'core.validation.invalid',
      };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { message: 'core.validation.required' }
          : { message: 'core.validation.tooShort', params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { message: 'core.validation.choose' };
      return { message: 'core.validation.invalid' };
    case 'too_big':
      if (issue.origin === 'string') return { message: 'core.validation.tooLong', params: { max: Number(issue.maximum) } };
      return { message: 'core.validation.invalid' };
    case 'invalid_format':
      if (issue.format === 'email') return { message: 'core.validation.invalidEmail' };
      if (issue.format === 'url') return { message: 'core.validation.invalidUrl' };
      return { message: 'core.validation.invalid' };
    case 'invalid_value':
    case 'invalid_union':
      return { message: 'core.validation.choose' };
    default:
      return { message: 'core.validation.invalid' };
  }
}

/**
 * A value picked from a list (select, radio): when missing, the message says "choose", not
 * "enter". (A missing field is an invalid_type issue, so the message is set on both checks.)
 */
export function chosenString(max = 200) {
  return z.string({ message: 'core.validation.choose' }).trim().min(1, { message: 'core.validation.choose' }).max(max);
}

/** The largest amount a money field takes unless told otherwise: 999,999,999,999.99 baht, in satang (a safe integer). */
export const MAX_SATANG = 99_999_999_999_999;

export type SatangInput = { ok: true; satang: number } | { ok: false; message: string; params?: Record<string, string | number> };

/**
 * An amount as people type it in baht ("5,000", "5000.50", "๕,๐๐๐ บาท", "฿1,250.5") as integer
 * satang, or the catalog key of what is wrong with it: not an amount (words, a sign, more than
 * two decimals, misplaced commas) or more than `max` satang. Reading is parseBahtInput's.
 */
export function satangFromBahtInput(text: string, max: number = MAX_SATANG): SatangInput {
  const value = parseBahtInput(text);
  if (value === null) return { ok: false, message: 'core.validation.money' };
  if (value > BigInt(max)) return { ok: false, message: 'core.validation.moneyTooLarge', params: { max: formatSatang(max) } };
  return { ok: true, satang: Number(value) };
}

/** A form field of money typed in baht: validates it and gives integer satang. */
export function bahtAmount(max: number = MAX_SATANG) {
  return z
    .string()
    .max(40, { message: 'core.validation.money' })
    .transform((text, ctx) => {
      const r = satangFromBahtInput(text, max);
      if (r.ok) return r.satang;
      ctx.addIssue({ code: 'custom', message: r.message, params: r.params });
      return z.NEVER;
    });
}
