import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Icons from lucide-static, inlined as SVG (no icon font, no CDN). An icon is decoration
 * beside a word, so it is hidden from screen readers; status is never told by an icon alone.
 */
const NAMES = [
  'house',
  'log-in',
  'log-out',
  'user',
  'users',
  'building-2',
  'settings',
  'shield-check',
  'scroll-text',
  'bell',
  'inbox',
  'key-round',
  'circle-alert',
  'circle-check',
  'info',
  'triangle-alert',
  'chevron-right',
  'chevron-left',
  'search',
  'phone',
  'mail',
  'map-pin',
  'globe',
  'file-text',
  'list-checks',
  'layout-dashboard',
  'menu',
  'plus',
  'pencil',
  'trash-2',
  'download',
  'upload',
  'external-link',
  'accessibility',
  'lock',
  'ticket',
  'monitor',
  'book-open',
  'network',
  'languages',
  'clock',
  'x',
  'smile',
  'clipboard-list',
  'gauge',
  'message-square',
  'armchair',
  'newspaper',
  'megaphone',
  'share-2',
  'rss',
  'building-2',
  'workflow',
  'printer',
  'message-circle-question',
  'database',
  'calendar-clock',
  'landmark',
  'link',
  'file-check',
  'scale',
  'circle-help',
] as const;
export type IconName = (typeof NAMES)[number];

const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('lucide-static/package.json')), 'icons');

const svgs = new Map<IconName, string>();
for (const name of NAMES) {
  const raw = fs.readFileSync(path.join(dir, `${name}.svg`), 'utf8');
  const inner = raw
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^[\s\S]*?<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/\s*\n\s*/g, '');
  svgs.set(name, inner);
}

/** The SVG markup of an icon; trusted (read from the package at start). */
export function iconSvg(name: IconName, size = 20): string {
  return `<svg class="icon" xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${svgs.get(name) ?? ''}</svg>`;
}
