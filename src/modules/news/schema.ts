import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** ข่าวประชาสัมพันธ์ (news) or ประกาศ (announcement). */
export const POST_KINDS = ['news', 'announcement'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/**
 * A news item or announcement. Draft until published; publishAt in the future = scheduled.
 * Each publish (and each edit after it) is a new version in the publication log with the
 * snapshot's sha256; a withdrawal is logged with its reason.
 */
export const newsPosts = pgTable(
  'news_posts',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    kind: text('kind').$type<PostKind>().notNull(),
    /** Category key (news/categories.ts) or the organization's own label. */
    category: text('category').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** What the author wrote (Markdown subset). */
    bodySource: text('body_source').notNull().default(''),
    /** The sanitized HTML shown (rendered from bodySource, then sanitized). */
    bodyHtml: text('body_html').notNull().default(''),
    coverFileId: integer('cover_file_id'),
    coverAlt: text('cover_alt'),
    /** When it appears (null = draft); in the future = scheduled. */
    publishAt: timestampColumn('publish_at'),
    /** The current publication (publication log) of the version shown. */
    publicationId: integer('publication_id'),
    version: integer('version').notNull().default(0),
    withdrawnAt: timestampColumn('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
    pinned: integer('pinned').notNull().default(0),
    authorId: integer('author_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('news_posts_public').on(t.orgId, t.kind, t.publishAt),
    check('news_posts_title', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** Files attached to a post (PDF, images, office documents), in order. */
export const newsAttachments = pgTable(
  'news_attachments',
  {
    orgId: orgIdColumn(),
    postId: integer('post_id').notNull(),
    fileId: integer('file_id').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.postId, t.fileId] })],
);
