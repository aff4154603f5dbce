import type { z } from 'zod';
import type { AppContext } from './env.js';
import { AppError, type FieldError, ValidationError } from './errors.js';
import { type FieldLabels, issuesToFieldErrors } from './validation.js';

export type FormValues = Record<string, string | string[]>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldError[]; values: FormValues };

/**
 * Reads an HTML form (urlencoded or multipart) and validates it. Text fields are trimmed and
 * empty text becomes undefined, so `optional()` means "may be left blank". Fields named with a
 * trailing [] (checkboxes) become arrays. Files stay File objects: `files` holds the last
 * non-empty file of each field, `fileLists` every file posted under each field (several files
 * under one name, empty ones included), in order.
 */
export async function readForm(
  c: AppContext,
): Promise<{ values: FormValues; files: Record<string, File>; fileLists: Record<string, File[]> }> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  const files: Record<string, File> = {};
  const fileLists: Record<string, File[]> = {};
  for (const [rawKey, v] of Object.entries(body)) {
    if (rawKey === '_csrf') continue;
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const list = Array.isArray(v) ? v : [v];
    const texts: string[] = [];
    for (const item of list) {
      if (typeof item === 'string') texts.push(item);
      else if (item instanceof File) {
        const list = fileLists[key] ?? [];
        list.push(item);
        fileLists[key] = list;
        if (item.size > 0) files[key] = item;
      }
    }
    if (rawKey.endsWith('[]')) values[key] = texts;
    else if (texts.length > 0) values[key] = texts[texts.length - 1] ?? '';
  }
  return { values, files, fileLists };
}

export function validateValues<S extends z.ZodType>(schema: S, values: FormValues, labels: FieldLabels): FormResult<z.output<S>> {
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) cleaned[k] = v;
    else {
      const trimmed = v.trim();
      cleaned[k] = trimmed === '' ? undefined : trimmed;
    }
  }
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  return { ok: false, errors: issuesToFieldErrors(parsed.error.issues, labels), values };
}

export async function parseForm<S extends z.ZodType>(
  c: AppContext,
  schema: S,
  labels: FieldLabels,
): Promise<FormResult<z.output<S>> & { files: Record<string, File> }> {
  const { values, files } = await readForm(c);
  return { ...validateValues(schema, values, labels), files };
}

/** Throws the validation error of a service-level check on one field. */
export function fieldError(field: string, label: string, message: string, params?: FieldError['params']): never {
  throw new ValidationError([{ field, label, message, params }]);
}

/** One form field's value as text (the first of a list), for refilling a form. */
export function formValue(values: FormValues, key: string): string {
  const x = values[key];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
}

/** A form page's state: the values to show again and the errors to show with them. */
export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

/** The state of a form shown for the first time: nothing posted, no errors. */
export const emptyForm = (): FormState => ({ values: {}, errors: [] });

/** The posted value of a field when the form was posted with it, else the saved one (or ''). */
export function formValueOr(values: FormValues, key: string, fallback?: string | null): string {
  return values[key] !== undefined ? formValue(values, key) : (fallback ?? '');
}

/**
 * The errors to show on a form a service refused: the fields' own errors, or one error for the
 * whole form (field '_') when the status is one of `formStatuses` (a conflict, a file too large…).
 * Anything else (401, 403, 404, a bug) is thrown again for the error pages.
 */
export function formErrorsOf(e: unknown, formStatuses: readonly AppError['status'][]): FieldError[] {
  if (e instanceof AppError && e.fields.length > 0) return e.fields;
  if (e instanceof AppError && formStatuses.includes(e.status)) return [{ field: '_', label: '', message: e.messageKey, params: e.params }];
  throw e;
}

/** The status of the page that shows a refused form again: the error's own, else 422. */
export const formErrorStatus = (e: unknown): number => (e instanceof AppError ? e.status : 422);
