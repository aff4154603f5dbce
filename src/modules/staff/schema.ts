import { boolean, foreignKey, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../core/auth/schema.js';
import { createdAtColumn, idColumn, orgIdColumn, updatedAtColumn } from '../../core/db/columns.js';
import { organizations } from '../../core/tenancy/schema.js';

/** ส่วนราชการ — a division of the organization: สำนักปลัด, กองคลัง, กองช่าง … */
export const divisions = pgTable(
  'divisions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('divisions_org_name').on(t.orgId, t.name)],
);

/**
 * ตำแหน่ง — a position. Executive titles carry the organization's name
 * ("นายกองค์การบริหารส่วนตำบล" + "ลูโบะปือซา"): appendOrgName keeps that name coming from the
 * organization record instead of being typed (and copied wrongly) into every title.
 */
export const positions = pgTable(
  'positions',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    appendOrgName: boolean('append_org_name').notNull().default(false),
    divisionId: integer('division_id'),
    /** mayor | deputy_mayor | permanent_secretary | deputy_secretary | division_head | staff */
    rank: text('rank').notNull().default('staff'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.divisionId],
      foreignColumns: [divisions.orgId, divisions.id],
    }),
  ],
);

/** A person who works for the organization; may have a sign-in account. */
export const staffMembers = pgTable(
  'staff_members',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    /** คำนำหน้า: นาย, นาง, นางสาว, or another title typed in (ว่าที่ ร.ต., ดร.) */
    titlePrefix: text('title_prefix').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    positionId: integer('position_id'),
    divisionId: integer('division_id'),
    userId: integer('user_id'),
    email: text('email'),
    phone: text('phone'),
    /** A portrait for the public executives page (o2); a stored image file. */
    photoFileId: integer('photo_file_id'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('staff_members_org_user').on(t.orgId, t.userId),
    foreignKey({
      columns: [t.orgId, t.positionId],
      foreignColumns: [positions.orgId, positions.id],
    }),
    foreignKey({
      columns: [t.orgId, t.divisionId],
      foreignColumns: [divisions.orgId, divisions.id],
    }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
  ],
);

/** รักษาการแทน — a staff member acting for a position besides their own. */
export const staffActing = pgTable(
  'staff_acting',
  {
    orgId: orgIdColumn(),
    staffId: integer('staff_id').notNull(),
    positionId: integer('position_id').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.staffId, t.positionId] }),
    foreignKey({
      columns: [t.orgId, t.staffId],
      foreignColumns: [staffMembers.orgId, staffMembers.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.orgId, t.positionId],
      foreignColumns: [positions.orgId, positions.id],
    }).onDelete('cascade'),
  ],
);

/**
 * สายการบังคับบัญชา — the chain a report is routed up: step 1 head of office, step 2 the
 * permanent secretary (or whoever acts for the position), step 3 the mayor.
 */
export const commandChain = pgTable(
  'command_chain',
  {
    orgId: orgIdColumn(),
    step: integer('step').notNull(),
    positionId: integer('position_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.step] }),
    foreignKey({
      columns: [t.orgId, t.positionId],
      foreignColumns: [positions.orgId, positions.id],
    }),
  ],
);
