import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { siteOrigin } from '../../core/http/request.js';
import { normalizeQuery, parseQuery, SOURCE_PATTERN, searchQuery } from '../../core/search/search.js';
import { renderToString } from '../../core/ui/render.js';
import { MAX_PAGE, PAGE_SIZE, SEARCH_PATH } from './links.js';
import { robotsTxt, sitemapEntries, sitemapXml } from './sitemap.js';
import { SearchPage } from './views/search-page.js';

/** ?page=: a whole number from 1 to MAX_PAGE, anything else is page 1. */
function pageParam(s: string | undefined): number {
  if (!s || !/^\d{1,4}$/.test(s)) return 1;
  return Math.min(MAX_PAGE, Math.max(1, Number(s)));
}

export function routes(app: Hono<AppEnv>) {
  /**
   * The search page: a GET form (works without JavaScript). Without a query it is the same for
   * everyone and kept in the page cache; with one it is rendered each time (the cache never
   * keeps URLs with a query string).
   */
  app.get(SEARCH_PATH, (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = serviceContext(c);
      const raw = c.req.query('q') ?? '';
      const q = normalizeQuery(raw);
      const askedSource = c.req.query('source');
      const source = askedSource && SOURCE_PATTERN.test(askedSource) ? askedSource : null;
      const page = pageParam(c.req.query('page'));
      const result = await searchQuery(ctx, { q, source, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      // Typed something, but not a letter or a digit ("&&", "!!"): said, not an empty result.
      const error = q !== '' && parseQuery(q).words.length === 0;
      return renderToString(c, <SearchPage org={orgOf(c)} result={result} source={source} page={page} error={error} />);
    }),
  );

  app.get('/sitemap.xml', async (c) => {
    const entries = await sitemapEntries(serviceContext(c), c.get('registry'));
    c.header('Content-Type', 'application/xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(sitemapXml(siteOrigin(c), entries));
  });

  app.get('/robots.txt', (c) => {
    c.header('Content-Type', 'text/plain; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(robotsTxt(siteOrigin(c)));
  });
}
