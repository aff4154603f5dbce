import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

export const SUGGESTION_CATEGORIES = ['work', 'integrity', 'welfare', 'service', 'other'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];

/** new → answered (by an executive; visible to all staff) → closed (no answer needed, with a reason). */
export const SUGGESTION_STATUSES = ['new', 'answered', 'closed'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * กล่องรับความคิดเห็นของบุคลากร: anonymous by construction — no author column, the audit entry
 * carries no user and no address. The author follows it with a tracking code whose keyed hash
 * (app.secrets.mac) is stored, never the code.
 */
export const staffSuggestions = pgTable(
  'staff_suggestions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    codeHash: text('code_hash').notNull(),
    category: text('category').$type<SuggestionCategory>().notNull(),
    text: text('text').notNull(),
    status: text('status').$type<SuggestionStatus>().notNull().default('new'),
    answer: text('answer'),
    /** The executive who answered (answers are signed; suggestions are not). */
    answeredBy: integer('answered_by'),
    answeredAt: timestampColumn('answered_at'),
    /** Submitted: stored to the day's precision only, so the time cannot point at a person. */
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('staff_suggestions_code').on(t.orgId, t.codeHash),
    index('staff_suggestions_status').on(t.orgId, t.status, t.id),
    check('staff_suggestions_text', sql`length(btrim(${t.text})) > 0`),
  ],
);
