import { xmlEscape } from '../../core/http/xml.js';
import type { NewsSummary } from './read.js';
import { newsHref } from './service.js';

/** What both feeds say about themselves; every link absolute (feed readers need them). */
export interface FeedInfo {
  /** https://host, no trailing slash. */
  origin: string;
  title: string;
  description: string;
  /** Organization's name, the author of every entry. */
  author: string;
  language: string;
  categoryName: (key: string) => string;
  kindName: (kind: string) => string;
  /** When the feed was built (the newest change, or now when empty). */
  updated: Date;
}

const e = xmlEscape;

/** RSS 2.0 (https://www.rssboard.org/rss-specification), with an atom:link to itself. */
export function rssFeed(info: FeedInfo, posts: NewsSummary[]): string {
  const self = `${info.origin}/news/rss.xml`;
  const items = posts
    .map((p) => {
      const url = info.origin + newsHref(p.id);
      return [
        '    <item>',
        `      <title>${e(p.title)}</title>`,
        `      <link>${e(url)}</link>`,
        `      <guid isPermaLink="true">${e(url)}</guid>`,
        `      <pubDate>${p.publishAt.toUTCString()}</pubDate>`,
        `      <description>${e(p.description)}</description>`,
        `      <category>${e(info.kindName(p.kind))}</category>`,
        `      <category>${e(info.categoryName(p.category))}</category>`,
        '    </item>',
      ].join('\n');
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${e(info.title)}</title>`,
    `    <link>${e(`${info.origin}/news`)}</link>`,
    `    <description>${e(info.description)}</description>`,
    `    <language>${e(info.language)}</language>`,
    `    <lastBuildDate>${info.updated.toUTCString()}</lastBuildDate>`,
    `    <atom:link href="${e(self)}" rel="self" type="application/rss+xml"/>`,
    items,
    '  </channel>',
    '</rss>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** Atom 1.0 (RFC 4287): ids are the posts' permanent URLs. */
export function atomFeed(info: FeedInfo, posts: NewsSummary[]): string {
  const self = `${info.origin}/news/atom.xml`;
  const entries = posts
    .map((p) => {
      const url = info.origin + newsHref(p.id);
      const updated = p.updatedAt.getTime() > p.publishAt.getTime() ? p.updatedAt : p.publishAt;
      return [
        '  <entry>',
        `    <id>${e(url)}</id>`,
        `    <title>${e(p.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${e(url)}"/>`,
        `    <published>${p.publishAt.toISOString()}</published>`,
        `    <updated>${updated.toISOString()}</updated>`,
        `    <summary>${e(p.description)}</summary>`,
        `    <category term="${e(p.category)}" label="${e(info.categoryName(p.category))}"/>`,
        '  </entry>',
      ].join('\n');
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${e(info.language)}">`,
    `  <id>${e(`${info.origin}/news`)}</id>`,
    `  <title>${e(info.title)}</title>`,
    `  <subtitle>${e(info.description)}</subtitle>`,
    `  <updated>${info.updated.toISOString()}</updated>`,
    `  <author><name>${e(info.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${e(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(`${info.origin}/news`)}"/>`,
    entries,
    '</feed>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** The newest change among the posts (the feed's updated / lastBuildDate). */
export function feedUpdated(posts: NewsSummary[], fallback: Date): Date {
  let t = 0;
  for (const p of posts) t = Math.max(t, p.publishAt.getTime(), p.updatedAt.getTime());
  return t ? new Date(t) : fallback;
}
