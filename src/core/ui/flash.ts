import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../http/env.js';

const NAME = 'prongsai_flash';

/** A one-time message shown on the next page (after a form's redirect): a catalog key. */
export function flash(c: AppContext, messageKey: string) {
  setCookie(c, NAME, messageKey, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

export function takeFlash(c: AppContext): string | null {
  const key = getCookie(c, NAME);
  if (!key) return null;
  deleteCookie(c, NAME, { path: '/' });
  return /^[\w.-]+$/.test(key) ? key : null;
}
