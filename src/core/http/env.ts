import type { Context } from 'hono';
import type { Actor } from '../auth/roles.js';
import type { SessionInfo } from '../auth/sessions.js';
import type { AppServices, ServiceContext } from '../context.js';
import type { Locale, Translate } from '../i18n/i18n.js';
import type { Registry } from '../module.js';
import type { Organization } from '../tenancy/organization.js';
import { AppError, ensureAllowed } from './errors.js';
import type { PageCache } from './page-cache.js';

export interface AppVariables {
  app: AppServices;
  registry: Registry;
  /** Rendered public pages for anonymous visitors. */
  pages: PageCache;
  org: Organization | null;
  session: SessionInfo | null;
  actor: Actor | null;
  locale: Locale;
  t: Translate;
  requestId: string;
  /** Set when the page rendered for this request holds something of this visitor's own (a CSRF token). */
  personalized?: boolean;
  /** Where the request came from (the proxy's X-Forwarded-For when trusted). */
  ip: string | null;
}

export type AppEnv = { Variables: AppVariables };
export type AppContext = Context<AppEnv>;

/** The organization of this request; routes past the tenancy middleware always have one. */
export function orgOf(c: AppContext): Organization {
  const org = c.get('org');
  if (!org) throw new AppError(404, 'unknown_organization', 'core.errors.unknownOrganization');
  return org;
}

/** The service context of a request: its organization, actor and address. */
export function serviceContext(c: AppContext): ServiceContext {
  return { app: c.get('app'), orgId: orgOf(c).id, actor: c.get('actor'), ip: c.get('ip') };
}

/**
 * The service context of a request whose actor `allowed` admits (a policy's check, e.g.
 * `budgetPolicy.read`); else 401 when nobody is signed in, 403 when someone is.
 */
export function allowedContext(c: AppContext, allowed: (actor: Actor | null) => boolean): ServiceContext {
  const actor = c.get('actor');
  ensureAllowed(allowed(actor), !!actor);
  return serviceContext(c);
}
