import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { findSession } from '../auth/sessions.js';
import type { AppServices } from '../context.js';
import { DEFAULT_LOCALE, isLocale, type Locale, translator } from '../i18n/i18n.js';
import type { Registry } from '../module.js';
import type { TenantResolver } from '../tenancy/resolve.js';
import type { AppEnv } from './env.js';
import { AppError } from './errors.js';
import type { PageCache } from './page-cache.js';
import { clientIp, isSecureRequest, safeNext } from './request.js';

export const SESSION_COOKIE = 'prongsai_session';
export const LOCALE_COOKIE = 'prongsai_lang';

// Request ids: unique per process start and cheap (no random bytes per request).
const idPrefix = randomBytes(3).toString('hex');
let idCounter = 0;
const nextRequestId = () => `${idPrefix}-${(++idCounter).toString(36)}`;

/** Puts the application, the registry, a request id and the client address on the request. */
export function requestBasics(app: AppServices, registry: Registry, pages: PageCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('app', app);
    c.set('registry', registry);
    c.set('pages', pages);
    c.set('requestId', nextRequestId());
    c.set('org', null);
    c.set('session', null);
    c.set('actor', null);
    c.set('ip', clientIp(c));
    if (!app.log.isLevelEnabled('debug')) return next();
    const started = performance.now();
    await next();
    app.log.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), id: c.get('requestId') },
      'request',
    );
  };
}

/**
 * The user's language: the cookie set by the language switch; for the API, Accept-Language.
 * Thai unless asked otherwise.
 */
export const localeMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  let locale: Locale = DEFAULT_LOCALE;
  const cookie = getCookie(c, LOCALE_COOKIE);
  if (isLocale(cookie)) locale = cookie;
  else if (c.req.path.startsWith('/api/')) {
    const accept = (c.req.header('accept-language') ?? '').toLowerCase();
    const first = accept.split(',')[0]?.trim().slice(0, 2);
    if (isLocale(first)) locale = first;
  }
  c.set('locale', locale);
  c.set('t', translator(c.get('app').catalogs, locale));
  await next();
};

/** GET /lang/:locale?next=/path — the language switch; works without JavaScript. */
export const switchLocale: MiddlewareHandler<AppEnv> = async (c) => {
  const locale = c.req.param('locale');
  if (!isLocale(locale)) throw new AppError(404, 'not_found', 'core.errors.notFound');
  setCookie(c, LOCALE_COOKIE, locale, {
    path: '/',
    sameSite: 'Lax',
    maxAge: 365 * 24 * 3600,
    secure: isSecureRequest(c),
  });
  return c.redirect(safeNext(c.req.query('next')), 303);
};

const OPEN_WITHOUT_ORG = [/^\/setup$/, /^\/lang\//, /^\/healthz$/, /^\/assets\//];

/**
 * Finds the request's organization. Before the first organization exists, only the setup page
 * (and health, assets) can be reached; an unknown host of a multi-organization installation
 * gets a clear 404.
 */
export function tenancyMiddleware(resolver: TenantResolver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const host =
      c.req.header('x-forwarded-host') && c.get('app').config.trustProxy
        ? c.req.header('x-forwarded-host')
        : (c.req.header('host') ?? new URL(c.req.url).host);
    const r = await resolver.resolve(host);
    if (r.kind === 'org') {
      c.set('org', r.org);
      if (c.req.path === '/setup') return c.redirect('/', 303);
      return next();
    }
    if (r.kind === 'setup') {
      if (OPEN_WITHOUT_ORG.some((re) => re.test(c.req.path))) return next();
      if (c.req.path.startsWith('/api/')) throw new AppError(503, 'setup_required', 'core.errors.setupRequired');
      return c.redirect('/setup', 303);
    }
    if (OPEN_WITHOUT_ORG.slice(1).some((re) => re.test(c.req.path))) return next();
    throw new AppError(404, 'unknown_organization', 'core.errors.unknownOrganization');
  };
}

/** Who is asking: the session cookie (browser) or a bearer token (API). */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const org = c.get('org');
  if (org) {
    const auth = c.req.header('authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await findSession(c.get('app').db, org.id, token, c.get('app').now());
      // A bearer token only works on the API; a cookie works everywhere.
      if (session && (session.kind === 'browser' || c.req.path.startsWith('/api/'))) {
        c.set('session', session);
        c.set('actor', session.actor);
      }
    }
  }
  await next();
};

/**
 * The back office needs a signed-in staff member; one with a generated password must replace
 * it before anything else.
 */
export const staffAreaGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  if (!actor) {
    if (c.req.method === 'GET') {
      const here = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
    }
    throw new AppError(401, 'unauthorized', 'core.errors.unauthorized');
  }
  if (actor.mustChangePassword && c.req.path !== '/staff/password') {
    return c.redirect('/staff/password', 303);
  }
  return next();
};

// What a token holder may still do before replacing a generated password.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/login', '/api/openapi.json']);

/**
 * The API's counterpart of the forced password change: an account still on a generated
 * password gets no data through a token either.
 */
export const apiPasswordGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('actor')?.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(c.req.path)) {
    throw new AppError(403, 'password_change_required', 'core.errors.passwordChangeRequired');
  }
  return next();
};
