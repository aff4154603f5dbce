import { sql } from 'drizzle-orm';
import { customType, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { orgIdColumn, timestampColumn } from '../db/columns.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The public search index: one row per public page (a news item, a service guide, an
 * organization page …), written by its module when it is published and removed when it is
 * withdrawn. Thai has no spaces between words, so `terms` holds the title and text split into
 * words (core/thai/segment) and joined by spaces; PostgreSQL's 'simple' configuration then
 * indexes those words (the generated `tsv`, GIN-indexed).
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    orgId: orgIdColumn(),
    /** The module's kind of page: 'news', 'service', 'page', 'qa', 'dataset' … */
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    title: text('title').notNull(),
    /** A short text shown under the title in results. */
    summary: text('summary'),
    url: text('url').notNull(),
    /** Segmented title (space-separated words). */
    titleTerms: text('title_terms').notNull(),
    /** Segmented body. */
    terms: text('terms').notNull(),
    tsv: tsvector('tsv').generatedAlwaysAs(
      sql`setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || setweight(to_tsvector('simple'::regconfig, terms), 'B')`,
    ),
    publishedAt: timestampColumn('published_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.source, t.sourceId] }),
    index('search_documents_tsv').using('gin', t.tsv),
    index('search_documents_recent').on(t.orgId, t.publishedAt),
  ],
);
