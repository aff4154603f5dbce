import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppContext } from './env.js';

/** True when the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function isSecureRequest(c: AppContext): boolean {
  const config = c.get('app').config;
  if (c.req.url.startsWith('https:')) return true;
  if (config.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return config.publicUrl?.startsWith('https:') ?? false;
}

/** The client's address: the socket's, or the first hop a trusted proxy reports. */
export function clientIp(c: AppContext): string | null {
  if (c.get('app').config.trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/** A redirect target from user input: only a path on this site, never another site. */
export function safeNext(next: string | undefined | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
