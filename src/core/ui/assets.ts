import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/**
 * Static assets, read into memory once at start and served with content hashes in their URLs
 * (cached for a year by browsers), so a small office with flaky internet needs no CDN and a
 * page's CSS and fonts load once.
 */
export interface Asset {
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  type: string;
  hash: string;
}

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const assets = new Map<string, Asset>();

function add(name: string, body: Buffer, type: string) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const compressible = type.startsWith('text/') || type.includes('javascript') || type.includes('svg');
  const asset: Asset = { body, type, hash };
  // Compressed the first time a browser asks for that encoding, then kept: compressing every
  // asset at start (brotli at its best) took about a quarter of a second of every process's
  // start-up, and most processes (tests, the CLI) never serve an asset.
  if (compressible) {
    let gzip: Buffer | undefined;
    let br: Buffer | undefined;
    Object.defineProperty(asset, 'gzip', { enumerable: true, get: () => (gzip ??= gzipSync(body, { level: 9 })) });
    Object.defineProperty(asset, 'br', { enumerable: true, get: () => (br ??= brotliCompressSync(body)) });
  }
  assets.set(name, asset);
}

/** Web fonts: Sarabun for text (looped Thai, easier for older eyes), IBM Plex Sans Thai for headings. */
const FONTS: { pkg: string; family: string; weights: string[] }[] = [
  { pkg: '@fontsource/sarabun', family: 'sarabun', weights: ['400', '400-italic', '600', '700'] },
  { pkg: '@fontsource/ibm-plex-sans-thai', family: 'ibm-plex-sans-thai', weights: ['500', '600'] },
];
const SUBSETS = ['thai', 'latin', 'latin-ext'];

function loadFonts(): string {
  const css: string[] = [];
  for (const font of FONTS) {
    const dir = path.dirname(require.resolve(`${font.pkg}/package.json`));
    for (const weight of font.weights) {
      const text = fs.readFileSync(path.join(dir, `${weight}.css`), 'utf8');
      for (const block of text.split(/\n(?=\/\*)/)) {
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
        if (!file || !SUBSETS.some((s) => file.includes(`-${s}-`))) continue;
        add(`fonts/${file}`, fs.readFileSync(path.join(dir, 'files', file)), 'font/woff2');
        css.push(
          block.replace(/src: [^;]+;/, `src: url(/assets/fonts/${file}?v=${assets.get(`fonts/${file}`)?.hash}) format('woff2');`).trim(),
        );
      }
    }
  }
  return css.join('\n');
}

let loaded = false;
export function loadAssets() {
  if (loaded) return;
  loaded = true;
  const fontCss = loadFonts();
  add('fonts.css', Buffer.from(fontCss), 'text/css; charset=utf-8');
  for (const file of fs.readdirSync(path.join(here, 'assets'))) {
    const type = file.endsWith('.css')
      ? 'text/css; charset=utf-8'
      : file.endsWith('.js')
        ? 'text/javascript; charset=utf-8'
        : file.endsWith('.svg')
          ? 'image/svg+xml'
          : file.endsWith('.png')
            ? 'image/png'
            : file.endsWith('.ico')
              ? 'image/x-icon'
              : 'application/octet-stream';
    add(file, fs.readFileSync(path.join(here, 'assets', file)), type);
  }
}

/** Registers an asset built elsewhere (e.g. a module's client script bundled by esbuild). */
export function registerAsset(name: string, body: Buffer, type: string) {
  add(name, body, type);
}

export function getAsset(name: string): Asset | undefined {
  loadAssets();
  return assets.get(name);
}

/** The URL of an asset, with its content hash so browsers may cache it for good. */
/**
 * The font files nearly every page paints its first text with (Thai body text, Thai headings):
 * preloaded, so they download beside the stylesheets instead of after them (on a slow phone
 * connection that is the difference between text in the right face and a late swap).
 */
export const PRELOADED_FONTS = ['fonts/sarabun-thai-400-normal.woff2', 'fonts/ibm-plex-sans-thai-thai-600-normal.woff2'];

export function assetUrl(name: string): string {
  const a = getAsset(name);
  if (!a) throw new Error(`unknown asset ${name}`);
  return `/assets/${name}?v=${a.hash}`;
}
