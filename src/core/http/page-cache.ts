import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getCookie } from 'hono/cookie';
import { type EventBus, RESYNC_TOPIC } from '../events/bus.js';
import type { AppContext } from './env.js';
import { SESSION_COOKIE } from './middleware.js';

/**
 * Rendered public pages, kept as bytes. Rendering JSX costs far more than sending bytes
 * (stack-findings: hono/jsx ≈ 0.3× nginx, a prepared Buffer with Content-Length ≈ nginx), and
 * Thai text is 3 bytes a character: so a public page an anonymous visitor asks for is rendered
 * once per organization, language and path, with its compressed variants, and dropped when the
 * organization publishes a change ('org.changed' or 'pages.changed' on the bus — from any app
 * server).
 */
interface CachedPage {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

const FLASH_COOKIE = 'prongsai_flash';

export class PageCache {
  // Map order is recency order: a hit moves its page to the end, eviction takes from the front.
  private pages = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(
    bus: EventBus,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {
    const drop = (e: { orgId: number }) => this.dropOrg(e.orgId);
    bus.subscribe('org.changed', drop);
    bus.subscribe('pages.changed', drop);
    bus.subscribe(RESYNC_TOPIC, () => {
      this.pages.clear();
      this.bytes = 0;
    });
  }

  dropOrg(orgId: number) {
    const prefix = `${orgId}:`;
    for (const [key, page] of this.pages) if (key.startsWith(prefix)) this.remove(key, page);
  }

  private remove(key: string, page: CachedPage) {
    this.pages.delete(key);
    this.bytes -= page.body.byteLength + page.gzip.byteLength + page.br.byteLength;
  }

  private store(key: string, page: CachedPage) {
    this.pages.set(key, page);
    this.bytes += page.body.byteLength + page.gzip.byteLength + page.br.byteLength;
    for (const [k, p] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(k, p);
    }
  }

  get size() {
    return this.pages.size;
  }

  /**
   * Answers from the cache when the visitor is anonymous (no session, no pending message) and
   * the URL has no query string (which anyone could vary without end), else renders. A page
   * whose render handed out a CSRF token is someone's own: it is sent, never kept.
   */
  async respond(c: AppContext, render: () => Promise<string>): Promise<Response> {
    const org = c.get('org');
    const url = new URL(c.req.url);
    if (!org || url.search || getCookie(c, SESSION_COOKIE) || getCookie(c, FLASH_COOKIE)) return c.html(await render());
    const key = `${org.id}:${org.version}:${c.get('locale')}:${url.pathname}`;
    let page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    } else {
      const html = await render();
      if (c.get('personalized')) return c.html(html);
      const body = Buffer.from(html);
      page = {
        body,
        // Copies: zlib's results sit in 16 KB buffers that would otherwise stay allocated.
        gzip: Buffer.from(gzipSync(body, { level: 6 })),
        br: Buffer.from(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })),
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      };
      this.store(key, page);
    }
    if (c.req.header('if-none-match') === page.etag) {
      c.header('ETag', page.etag);
      return c.body(null, 304);
    }
    const accept = c.req.header('accept-encoding') ?? '';
    const [bytes, encoding] = accept.includes('br') ? [page.br, 'br'] : accept.includes('gzip') ? [page.gzip, 'gzip'] : [page.body, null];
    c.header('Content-Type', 'text/html; charset=UTF-8');
    c.header('Content-Length', String(bytes.byteLength));
    c.header('ETag', page.etag);
    c.header('Vary', 'Accept-Encoding, Cookie');
    c.header('Cache-Control', 'no-cache');
    if (encoding) c.header('Content-Encoding', encoding);
    // A Buffer is a Uint8Array: sent as is, without a copy per request.
    return c.body(bytes as unknown as Uint8Array<ArrayBuffer>);
  }
}
