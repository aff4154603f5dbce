import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getCookie } from 'hono/cookie';
import type { EventBus } from '../events/bus.js';
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
  private pages = new Map<string, CachedPage>();

  constructor(
    bus: EventBus,
    private readonly maxEntries = 5000,
  ) {
    const drop = (e: { orgId: number }) => this.dropOrg(e.orgId);
    bus.subscribe('org.changed', drop);
    bus.subscribe('pages.changed', drop);
  }

  dropOrg(orgId: number) {
    const prefix = `${orgId}:`;
    for (const key of this.pages.keys()) if (key.startsWith(prefix)) this.pages.delete(key);
  }

  get size() {
    return this.pages.size;
  }

  /**
   * Answers from the cache when the visitor is anonymous (no session, no pending message),
   * else renders. `render` must not depend on anything but organization, language and URL.
   */
  async respond(c: AppContext, render: () => Promise<string>): Promise<Response> {
    const org = c.get('org');
    if (!org || getCookie(c, SESSION_COOKIE) || getCookie(c, FLASH_COOKIE)) return c.html(await render());
    const url = new URL(c.req.url);
    const key = `${org.id}:${org.version}:${c.get('locale')}:${url.pathname}${url.search}`;
    let page = this.pages.get(key);
    if (!page) {
      const body = Buffer.from(await render());
      page = {
        body,
        gzip: gzipSync(body, { level: 6 }),
        br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      };
      if (this.pages.size >= this.maxEntries) this.pages.clear();
      this.pages.set(key, page);
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
