import { z } from 'zod';
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
  if (isCatalogKey(issue.message)) return { message: issue.message };
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
