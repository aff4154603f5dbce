import type { AppContext } from './env.js';
import { notFound } from './errors.js';

/** The largest id an integer (serial) column holds; a larger number is no row, not a database error. */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether a number can be the id of a row: a whole number from 1 to MAX_ROW_ID. */
export function isRowId(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_ROW_ID;
}

/** A row id written as text (a URL segment, a stored reference): digits only, in range; else null. "1e3", "0x1", " 7", "-1" are not ids. */
export function parseRowId(s: string | undefined | null): number | null {
  if (!s || !/^[1-9][0-9]{0,9}$/.test(s)) return null;
  const n = Number(s);
  return isRowId(n) ? n : null;
}

/** The id in a route parameter, or 404: no garbage or out-of-range id ever reaches a query. */
export function rowIdParam(c: AppContext, name = 'id'): number {
  const id = parseRowId(c.req.param(name));
  if (id === null) throw notFound();
  return id;
}
