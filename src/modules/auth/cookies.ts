import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../../core/http/env.js';
import { SESSION_COOKIE } from '../../core/http/middleware.js';
import { isSecureRequest } from '../../core/http/request.js';

/** The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS; ends with the browser. */
export function setSessionCookie(c: AppContext, token: string) {
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecureRequest(c) });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecureRequest(c) });
}
