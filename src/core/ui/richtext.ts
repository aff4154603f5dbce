import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Rich text written by staff (news, announcements, organization pages, service notes): a
 * Markdown subset — paragraphs, **bold**, *italic*, lists, ## headings, > quotes, links, tables —
 * rendered to HTML and then sanitized to a fixed allow-list, so whatever is typed or pasted
 * (scripts, event handlers, javascript: links, styles, iframes) never reaches a reader's page.
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'hr',
    'code',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['scope'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A page has one h1 (its title): headings in the text start at h2.
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer nofollow' } : attribs };
    },
  },
  allowedAttributesByTag: undefined,
} as sanitizeHtml.IOptions;
(SANITIZE.allowedAttributes as Record<string, string[]>).a?.push('rel');

/** Sanitizes HTML to the allow-list (also for HTML pasted or imported as is). */
export function sanitizeRichHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}

/** Renders the Markdown subset a staff member wrote to safe HTML. */
export function renderRichText(source: string): string {
  const html = marked.parse(source.replace(/\r\n?/g, '\n')) as string;
  return sanitizeRichHtml(html);
}
