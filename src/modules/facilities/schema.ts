import { date, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, updatedAtColumn } from '../../core/db/columns.js';
import { files } from '../../core/storage/schema.js';
import { organizations } from '../../core/tenancy/schema.js';

export const FACILITY_STATUSES = ['done', 'partial', 'not_done'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/**
 * One line of the facilities checklist (measure 7) for a fiscal year: a standard item
 * (itemKey from items.ts) or the organization's own (itemKey 'custom-…' with a title).
 */
export const facilityChecks = pgTable(
  'facility_checks',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    fiscalYear: integer('fiscal_year').notNull(),
    itemKey: text('item_key').notNull(),
    title: text('title'),
    status: text('status').$type<FacilityStatus>().notNull().default('not_done'),
    checkedOn: date('checked_on', { mode: 'string' }),
    note: text('note'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('facility_checks_item').on(t.orgId, t.fiscalYear, t.itemKey)],
);

/** A photo proving a checklist line (stored through core/storage, EXIF removed). */
export const facilityPhotos = pgTable(
  'facility_photos',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    checkId: integer('check_id').notNull(),
    fileId: integer('file_id').notNull(),
    caption: text('caption'),
    createdBy: integer('created_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('facility_photos_check').on(t.orgId, t.checkId),
    foreignKey({ columns: [t.orgId, t.checkId], foreignColumns: [facilityChecks.orgId, facilityChecks.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.fileId], foreignColumns: [files.orgId, files.id] }),
  ],
);
