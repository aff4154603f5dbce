import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn } from '../db/columns.js';

/** An uploaded file of an organization; its bytes live once in the content-addressed store. */
export const files = pgTable(
  'files',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Detected from the content, not from the name or the browser's claim. */
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('files_org_sha').on(t.orgId, t.sha256)],
);
