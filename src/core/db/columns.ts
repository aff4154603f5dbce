import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Every table of organization data leads its keys with org_id (ready for Citus distribution). */
export const orgIdColumn = () => integer('org_id').notNull();

/** Row id: an identity (by default, so restore can insert the original ids). */
export const idColumn = () => integer('id').generatedByDefaultAsIdentity().notNull();

export const createdAtColumn = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const updatedAtColumn = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
