import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db/client.js';
import { searchTerms } from '../thai/segment.js';
import { searchDocuments } from './schema.js';

export interface SearchDocumentInput {
  /** The module's kind of page: 'news', 'service', 'page', 'qa' … */
  source: string;
  sourceId: string | number;
  title: string;
  summary?: string | null;
  /** Plain text of the page (no HTML); long texts are cut at 20,000 characters. */
  body: string;
  /** The public URL (path) of the page. */
  url: string;
  publishedAt: Date;
}

const MAX_BODY = 20_000;

/**
 * Puts a public page into the organization's search index, or replaces what was there: call it
 * from inside the command (tx) that publishes the page, so the index never shows what is not
 * public and never misses what is.
 */
export async function indexDocument(tx: Db, ctx: ServiceContext, doc: SearchDocumentInput): Promise<void> {
  const values = {
    orgId: ctx.orgId,
    source: doc.source,
    sourceId: String(doc.sourceId),
    title: doc.title,
    summary: doc.summary ?? null,
    url: doc.url,
    titleTerms: searchTerms(doc.title),
    terms: searchTerms(doc.body.slice(0, MAX_BODY)),
    publishedAt: doc.publishedAt,
  };
  await tx
    .insert(searchDocuments)
    .values(values)
    .onConflictDoUpdate({
      target: [searchDocuments.orgId, searchDocuments.source, searchDocuments.sourceId],
      set: {
        title: values.title,
        summary: values.summary,
        url: values.url,
        titleTerms: values.titleTerms,
        terms: values.terms,
        publishedAt: values.publishedAt,
      },
    });
}

/** Takes a page out of the search index (withdrawn, unpublished). */
export async function removeDocument(tx: Db, ctx: ServiceContext, source: string, sourceId: string | number): Promise<void> {
  await tx
    .delete(searchDocuments)
    .where(and(eq(searchDocuments.orgId, ctx.orgId), eq(searchDocuments.source, source), eq(searchDocuments.sourceId, String(sourceId))));
}

/** Plain text of sanitized HTML, for the index (tags dropped, entities of the safe subset decoded). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d|\/blockquote)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
