import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../core/db/columns.js';
import { files } from '../../core/storage/schema.js';

/** What was published: an OIT document (PDF), or a version of public content shown on the site. */
export const PUBLICATION_KINDS = ['document', 'news', 'service', 'page', 'dataset'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** publish: a new document or version; withdraw: taken off the site (the row names what it withdraws). */
export const PUBLICATION_ACTIONS = ['publish', 'withdraw'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

/**
 * A published document: immutable. Its file and sha256 never change and it is never deleted;
 * a correction is a new publication that supersedes it, with the reason logged. Shown on the
 * public ITA page of its fiscal year under the OIT item it satisfies (2567: o43; 2569: O26).
 */
export const publications = pgTable(
  'publications',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** OIT item code of that year's list: 'o43' (2566–2567), 'O26' (2569) … */
    itemCode: text('item_code').notNull(),
    title: text('title').notNull(),
    fileId: integer('file_id').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    /** The record it was made from, e.g. 'measures.report' / report id. */
    sourceEntity: text('source_entity'),
    sourceId: text('source_id'),
    publishedBy: integer('published_by'),
    /** The publisher's position title at the time (shown publicly instead of a username). */
    publisherPosition: text('publisher_position'),
    publishedAt: createdAtColumn(),
    supersededBy: integer('superseded_by'),
    supersededAt: timestampColumn('superseded_at'),
    supersedeReason: text('supersede_reason'),
    /** What kind of content (document: an OIT PDF; news/service/page: a snapshot of a public page version). */
    kind: text('kind').$type<PublicationKind>().notNull().default('document'),
    action: text('action').$type<PublicationAction>().notNull().default('publish'),
    /** On a withdraw row: the publication taken off the site (its sha256 and file are repeated here). */
    withdraws: integer('withdraws'),
    /** On a withdrawn publication: the withdraw row. */
    withdrawnBy: integer('withdrawn_by'),
    /** The reason given for a withdrawal (on the withdraw row). */
    reason: text('reason'),
    /**
     * Content scheduled to appear later (a news item set for tomorrow): until then the log shows
     * the row (its hash keeps the chain verifiable) but not its title, source or file.
     */
    visibleFrom: timestampColumn('visible_from'),
    /** The hash-chain link after this row (chain.ts), fixed when the row is written. */
    chainLink: text('chain_link'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('publications_year_item').on(t.orgId, t.fiscalYear, t.itemCode),
    foreignKey({ columns: [t.orgId, t.fileId], foreignColumns: [files.orgId, files.id] }),
    // The replacement is a publication of the same organization; each replaces at most one.
    foreignKey({ name: 'publications_superseded_by_fk', columns: [t.orgId, t.supersededBy], foreignColumns: [t.orgId, t.id] }),
    uniqueIndex('publications_superseded_by').on(t.orgId, t.supersededBy),
    uniqueIndex('publications_withdraws').on(t.orgId, t.withdraws),
    index('publications_source').on(t.orgId, t.sourceEntity, t.sourceId),
    check('publications_action_withdraws', sql`(${t.action} = 'withdraw') = (${t.withdraws} IS NOT NULL)`),
    check('publications_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('publications_size_positive', sql`${t.size} > 0`),
    check('publications_not_self_superseded', sql`${t.supersededBy} IS NULL OR ${t.supersededBy} <> ${t.id}`),
    // Superseded means all three (who replaced it, when, why) with a reason that says something.
    check(
      'publications_supersede_complete',
      sql`(${t.supersededBy} IS NULL AND ${t.supersededAt} IS NULL AND ${t.supersedeReason} IS NULL) OR (${t.supersededBy} IS NOT NULL AND ${t.supersededAt} IS NOT NULL AND length(btrim(${t.supersedeReason})) > 0)`,
    ),
  ],
);
