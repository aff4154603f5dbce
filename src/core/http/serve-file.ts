import type { AppContext } from './env.js';

/**
 * Sends a stored file. Uploaded content is never trusted: a sandboxing CSP (an SVG's scripts
 * cannot run), no sniffing, and anything but images and PDFs as a download.
 */
export function serveStoredFile(
  c: AppContext,
  file: { sha256: string; mime: string; name: string; size: number },
  bytes: Uint8Array,
  opts: { immutable?: boolean } = {},
) {
  const etag = `"${file.sha256}"`;
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  const inline = file.mime.startsWith('image/') || file.mime === 'application/pdf';
  c.header('Content-Type', file.mime);
  c.header('Content-Length', String(bytes.byteLength));
  c.header('ETag', etag);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
  c.header('Cache-Control', opts.immutable ? 'public, max-age=31536000, immutable' : 'private, max-age=300');
  c.header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  return c.body(new Uint8Array(bytes));
}
