import { bigint, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { orgIdColumn, timestampColumn } from '../db/columns.js';

/**
 * The audit log: one row per write, appended in the write's own transaction, never updated or
 * deleted (a trigger refuses it), each row holding the hash of the previous row of its
 * organization — so an altered or removed row breaks the chain that `verify-log` checks.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: orgIdColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestampColumn('at').notNull(),
    actorUserId: integer('actor_user_id'),
    /** Who, as shown: "admin (นายสมชาย ใจดี)", or "system", "setup", "public". */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.seq] })],
);

/** The newest entry of each organization's chain; locked while appending so entries line up. */
export const auditHeads = pgTable('audit_heads', {
  orgId: integer('org_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/**
 * Anonymous writes (a complaint, a staff suggestion, an anonymous opinion) of one day, counted:
 * an entry of their own in the chain would stand between its neighbours and show when, and so
 * by whom, it was made. The count is kept in the write's transaction and enters the chain as one
 * entry per day and action once the day is over (src/core/audit/anonymous.ts).
 */
export const auditAnonymousTally = pgTable(
  'audit_anonymous_tally',
  {
    orgId: orgIdColumn(),
    /** The Bangkok day, 'YYYY-MM-DD'. */
    day: text('day').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.action, t.entity] })],
);
