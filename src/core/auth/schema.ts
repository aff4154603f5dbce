import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn, updatedAtColumn } from '../db/columns.js';
import { organizations } from '../tenancy/schema.js';

/** A sign-in account of one organization. The person behind it is a staff member. */
export const users = pgTable(
  'users',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    displayName: text('display_name').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestampColumn('locked_until'),
    lastLoginAt: timestampColumn('last_login_at'),
    passwordChangedAt: timestampColumn('password_changed_at'),
    disabledAt: timestampColumn('disabled_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('users_org_username').on(t.orgId, sql`lower(${t.username})`)],
);

/** A signed-in browser or API client. The id is the sha256 of the secret token it holds. */
export const sessions = pgTable(
  'sessions',
  {
    orgId: orgIdColumn(),
    id: text('id').notNull(),
    userId: integer('user_id').notNull(),
    /** browser (cookie) | api (bearer token) */
    kind: text('kind').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAtColumn(),
    lastSeenAt: timestampColumn('last_seen_at').notNull().defaultNow(),
    expiresAt: timestampColumn('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    index('sessions_org_user').on(t.orgId, t.userId),
    index('sessions_expires').on(t.expiresAt),
  ],
);
