import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppContext } from './env.js';

/** True when the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function isSecureRequest(c: AppContext): boolean {
  const config = c.get('app').config;
  if (c.req.url.startsWith('https:')) return true;
  if (config.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return config.publicUrl?.startsWith('https:') ?? false;
}

/**
 * This site's origin as the reader reached it (the Host names the organization): for absolute
 * links in feeds, sitemaps, CSV exports and OpenGraph tags. PUBLIC_URL wins when it is set.
 */
export function siteOrigin(c: AppContext): string {
  const config = c.get('app').config;
  const host = (config.trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host') || new URL(c.req.url).host;
  return `${isSecureRequest(c) ? 'https' : 'http'}://${host}`;
}

/**
 * The client's address: the socket's, or the one our own proxies report. X-Forwarded-For is
 * read from the right — the left end is whatever the client chose to send.
 */
export function clientIp(c: AppContext): string | null {
  const hops = c.get('app').config.proxyHops;
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const fwd = chain[chain.length - hops];
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/**
 * Whether user input is a path on this site. Browsers drop tabs and newlines from URLs and read
 * a backslash as a slash, so "/\t/evil.example" or "/\\evil.example" would leave the site:
 * control characters, whitespace and backslashes are refused, and what remains must resolve
 * to this origin.
 */
export function isSitePath(href: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!href.startsWith('/') || href.length > 500 || /[\x00-\x20\x7f\\]/.test(href)) return false;
  try {
    const u = new URL(href, 'http://site.invalid');
    return u.origin === 'http://site.invalid' && !href.startsWith('//');
  } catch {
    return false;
  }
}

/** A redirect target from user input: only a path on this site, never another site. */
export function safeNext(next: string | undefined | null, fallback = '/'): string {
  return next && isSitePath(next) ? next : fallback;
}
