import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../db/columns.js';

/** The in-app inbox: one row per message to one staff member. */
export const notifications = pgTable(
  'notifications',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: integer('user_id').notNull(),
    /** What kind of thing it is about, e.g. "auth.password_reset", "measures.due". */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    href: text('href'),
    createdAt: createdAtColumn(),
    readAt: timestampColumn('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('notifications_inbox').on(t.orgId, t.userId, t.readAt),
    // The inbox pages newest first by id (keyset paging): this keeps a page one index range scan
    // however many notifications a person has collected over the years.
    index('notifications_recent').on(t.orgId, t.userId, t.id),
  ],
);

/**
 * Durable outbox of e-mail: a message is written here in the transaction that caused it and
 * sent later by the mailer, retried with backoff while the mail server is down.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** pending | sent | failed (gave up after many attempts) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampColumn('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAtColumn(),
    sentAt: timestampColumn('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('mail_outbox_due').on(t.status, t.nextAttemptAt)],
);
