import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../http/env.js';

const NAME = 'prongsai_flash';

export type FlashTone = 'success' | 'info' | 'warning';

/**
 * A one-time message shown on the next page (after a form's redirect): a catalog key, shown as
 * a success by default; 'warning' when the action was not done and the page says why.
 */
export function flash(c: AppContext, messageKey: string, tone: FlashTone = 'success') {
  setCookie(c, NAME, tone === 'success' ? messageKey : `${tone}:${messageKey}`, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

export function takeFlash(c: AppContext): { key: string; tone: FlashTone } | null {
  const value = getCookie(c, NAME);
  if (!value) return null;
  deleteCookie(c, NAME, { path: '/' });
  const m = /^(?:(info|warning):)?([\w.-]+)$/.exec(value);
  if (!m?.[2]) return null;
  return { key: m[2], tone: (m[1] as FlashTone | undefined) ?? 'success' };
}
