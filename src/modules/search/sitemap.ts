import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { xmlEscape } from '../../core/http/xml.js';
import type { Registry } from '../../core/module.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { datasetDates } from '../opendata/dcat.js';
import { datasetHref, listDatasets } from '../opendata/service.js';
import { FIRST_OIT_YEAR } from '../publications/oit-items.js';

/**
 * /sitemap.xml: every public page of the organization the Host names — the sections (public
 * navigation and the pages issue 6 defines), every page in the search index (news, service
 * guides, organization pages, answered questions …: what is published, as of now), the open
 * datasets and the ITA page of each assessment year. lastmod where the date is known.
 */

export interface SitemapEntry {
  path: string;
  lastmod?: Date;
}

/** Sections every site has (beyond the registry's public navigation). */
const SECTIONS = [
  '/',
  '/news',
  '/services',
  '/about',
  '/about/structure',
  '/about/executives',
  '/about/powers',
  '/about/contact',
  '/about/laws',
  '/about/social',
  '/qa',
  '/ita',
  '/publications',
  '/opendata',
  '/privacy',
  '/accessibility',
];

/** The sitemap protocol allows 50,000 URLs a file; the index gets what is left after the sections. */
const MAX_URLS = 50_000;

export async function sitemapEntries(ctx: ServiceContext, registry: Registry, anonymous: Actor | null = null): Promise<SitemapEntry[]> {
  const now = ctx.app.now();
  const out = new Map<string, SitemapEntry>();
  const add = (path: string, lastmod?: Date) => {
    const clean = path.split('#')[0] ?? path;
    if (!clean.startsWith('/') || clean.startsWith('//') || clean.startsWith('/staff') || clean.startsWith('/api/')) return;
    const had = out.get(clean);
    if (!had) out.set(clean, { path: clean, lastmod });
    else if (lastmod && (!had.lastmod || lastmod > had.lastmod)) had.lastmod = lastmod;
  };

  for (const p of SECTIONS) add(p);
  for (const n of [...registry.nav('public', anonymous), ...registry.nav('footer', anonymous)]) add(n.href);
  for (let fy = fiscalYearOf(now); fy >= FIRST_OIT_YEAR; fy--) add(`/ita/${fy}`);

  const datasets = await listDatasets(ctx);
  for (const d of datasets) add(datasetHref(d.def.id), datasetDates(d.periods).modified ?? undefined);

  const docs = (await dbOf(ctx).execute(sql`
    SELECT url, published_at FROM search_documents
    WHERE org_id = ${ctx.orgId} AND published_at <= ${now}
    ORDER BY published_at DESC, url
    LIMIT ${MAX_URLS}
  `)) as unknown as { rows: { url: string; published_at: Date | string }[] };
  let newest: Date | undefined;
  for (const r of docs.rows) {
    if (out.size >= MAX_URLS) break;
    const at = new Date(r.published_at);
    if (!newest || at > newest) newest = at;
    add(r.url, at);
  }
  // The home page shows the latest news: it changed when the newest page was published.
  if (newest) add('/', newest);
  return [...out.values()].slice(0, MAX_URLS);
}

/** A URL path made safe for a sitemap: non-ASCII characters percent-encoded (RFC 3986), as the protocol asks. */
function encodePath(path: string): string {
  try {
    return encodeURI(decodeURI(path));
  } catch {
    return encodeURI(path);
  }
}

export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const e of entries) {
    lines.push(
      `<url><loc>${xmlEscape(origin + encodePath(e.path))}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`,
    );
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Disallow: /staff',
    'Disallow: /api/',
    'Allow: /api/3/action/',
    'Disallow: /lang/',
    'Disallow: /search?',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
