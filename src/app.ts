import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { createApi, openApiDocument } from './core/api/openapi.js';
import type { AppServices } from './core/context.js';
import { csrfProtection } from './core/http/csrf.js';
import type { AppEnv } from './core/http/env.js';
import { handleError, respondWithError } from './core/http/error-pages.js';
import {
  apiPasswordGuard,
  localeMiddleware,
  requestBasics,
  sessionMiddleware,
  staffAreaGuard,
  switchLocale,
  tenancyMiddleware,
} from './core/http/middleware.js';
import { PageCache } from './core/http/page-cache.js';
import type { Registry } from './core/module.js';
import { TenantResolver } from './core/tenancy/resolve.js';
import { getAsset } from './core/ui/assets.js';

export interface BuiltApp {
  app: Hono<AppEnv>;
  resolver: TenantResolver;
  pages: PageCache;
}

/**
 * Builds the web application from the module registry. Requests flow one way:
 * security headers → limits → tenancy → language → session → CSRF → the module's route.
 */
export function createApp(services: AppServices, registry: Registry): BuiltApp {
  const app = new Hono<AppEnv>();
  const resolver = new TenantResolver(services.db, services.events);
  const pages = new PageCache(services.events);

  app.use(requestBasics(services, registry, pages));
  app.use(localeMiddleware);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: services.config.publicUrl?.startsWith('https:') ? 'max-age=31536000' : false,
      referrerPolicy: 'same-origin',
    }),
  );
  const limitBody = bodyLimit({
    maxSize: services.config.bodyLimit,
    onError: () => {
      throw new HTTPException(413);
    },
  });
  // Only requests that carry a body: asking a GET for its body makes the Node adapter build a
  // full Request object, which costs more than serving a cached page.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  app.get('/healthz', async (c) => {
    await services.database.query('SELECT 1');
    return c.json({ status: 'ok', db: services.database.kind, version: services.config.version });
  });
  app.get('/assets/:name{.+}', (c) => {
    const asset = getAsset(c.req.param('name'));
    if (!asset) return respondWithError(c, 404, 'not_found', 'core.errors.notFound');
    const etag = `"${asset.hash}"`;
    c.header('ETag', etag);
    c.header('Vary', 'Accept-Encoding');
    c.header('Cache-Control', c.req.query('v') === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    const accept = c.req.header('accept-encoding') ?? '';
    if (asset.br && accept.includes('br')) {
      c.header('Content-Encoding', 'br');
      return c.body(new Uint8Array(asset.br));
    }
    if (asset.gzip && accept.includes('gzip')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(new Uint8Array(asset.gzip));
    }
    return c.body(new Uint8Array(asset.body));
  });
  app.get('/lang/:locale', switchLocale);

  app.use(tenancyMiddleware(resolver));
  app.use(sessionMiddleware);
  app.use(csrfProtection);
  app.use('/staff', staffAreaGuard);
  app.use('/staff/*', staffAreaGuard);
  app.use('/api/*', apiPasswordGuard);

  const api = createApi();
  for (const m of registry.modules) {
    m.routes?.(app);
    m.api?.(api);
  }
  api.get('/openapi.json', (c) => c.json(openApiDocument(api, services.config.version)));
  app.route('/api', api);

  app.notFound((c) => respondWithError(c, 404, 'not_found', 'core.errors.notFound'));
  app.onError(handleError);
  return { app, resolver, pages };
}

export { openApiDocument };
