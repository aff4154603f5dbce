import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppContext, AppEnv } from './env.js';
import { AppError } from './errors.js';
import { isSecureRequest } from './request.js';

/**
 * CSRF protection for every state-changing form. A signed-in browser's forms carry its
 * session's token; anonymous forms (sign-in, setup, public forms) carry a random token that is
 * also in a cookie (double submit). Browsers that say the request is cross-site are refused
 * outright. API calls with a bearer token are not exposed (no ambient credential), and API
 * calls with the cookie must be JSON, which a cross-site form cannot send.
 */
export const ANON_CSRF_COOKIE = 'prongsai_csrf';

export function csrfTokenFor(c: AppContext): string {
  c.set('personalized', true); // a page holding this token must not be cached for others
  const session = c.get('session');
  if (session) return session.csrfToken;
  let token = getCookie(c, ANON_CSRF_COOKIE);
  if (!token || !/^[\w-]{20,100}$/.test(token)) {
    token = randomBytes(24).toString('base64url');
    setCookie(c, ANON_CSRF_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecureRequest(c),
    });
  }
  return token;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw new AppError(403, 'csrf', 'core.errors.csrf');
  }
  const isApi = c.req.path.startsWith('/api/');
  if (isApi) {
    if (c.req.header('authorization')?.startsWith('Bearer ')) return next();
    const type = c.req.header('content-type') ?? '';
    if (c.req.method !== 'DELETE' && !type.startsWith('application/json')) {
      throw new AppError(403, 'csrf', 'core.errors.csrf');
    }
    return next();
  }
  const type = c.req.header('content-type') ?? '';
  let sent: string | undefined;
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody({ all: true });
    const v = body._csrf;
    sent = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  }
  const expected = c.get('session')?.csrfToken ?? getCookie(c, ANON_CSRF_COOKIE);
  if (!sent || !expected || !same(sent, expected)) {
    throw new AppError(403, 'csrf', 'core.errors.csrf');
  }
  return next();
};
