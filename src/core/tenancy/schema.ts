import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, updatedAtColumn } from '../db/columns.js';

/** อปท. — a local administrative organization: the tenant every row belongs to. */
export const organizations = pgTable(
  'organizations',
  {
    id: integer('id').generatedByDefaultAsIdentity().primaryKey(),
    /** sao (อบต.) | tambon_municipality (เทศบาลตำบล) | town_municipality (เทศบาลเมือง) | city_municipality (เทศบาลนคร) */
    type: text('type').notNull(),
    /** The place name only (ลูโบะปือซา); official names are derived from type + name. */
    name: text('name').notNull(),
    nameEn: text('name_en'),
    province: text('province').notNull(),
    district: text('district').notNull(),
    subdistrict: text('subdistrict'),
    /** The code used in "ที่" of letters, e.g. นธ 78101 (shown with Thai digits in documents). */
    docCode: text('doc_code').notNull(),
    address: text('address').notNull(),
    postcode: text('postcode'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    logoFileId: integer('logo_file_id'),
    brandColor: text('brand_color').notNull().default('#1d3f8f'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Bumped on every change, so caches of rendered pages know they are stale. */
    version: integer('version').notNull().default(1),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [uniqueIndex('organizations_type_name_province').on(t.type, t.name, t.province)],
);

/** Host names that resolve to an organization (several per organization; each host once). */
export const orgHosts = pgTable('org_hosts', {
  hostname: text('hostname').primaryKey(),
  orgId: integer('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  createdAt: createdAtColumn(),
});
