import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, orgIdColumn, timestampColumn } from '../../core/db/columns.js';

export const CASE_STATUSES = ['in_progress', 'returned', 'completed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A document travelling up the chain for comments and signatures (เสนอแฟ้ม). Generic: `entity`
 * names the kind of document registered by its module (e.g. 'measures.report') and `entityId`
 * the record; `href` is where a reviewer reads the rendered document.
 */
export const routingCases = pgTable(
  'routing_cases',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    title: text('title').notNull(),
    href: text('href').notNull(),
    status: text('status').$type<CaseStatus>().notNull().default('in_progress'),
    submittedBy: integer('submitted_by'),
    submittedAt: createdAtColumn(),
    completedAt: timestampColumn('completed_at'),
    /** Why it was sent back (when status is 'returned'). */
    returnReason: text('return_reason'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('routing_cases_entity').on(t.orgId, t.entity, t.entityId)],
);

export const STEP_STATUSES = ['waiting', 'active', 'signed', 'returned', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/**
 * One reviewer's step. Steps run in `seq` order; steps sharing a `seq` form a parallel group
 * (all must sign before the next `seq` becomes active). The signer's name and positions are
 * copied at the time the step is made, and the signature (typed name, time) when it is signed:
 * the document shows what was true then.
 */
export const routingSteps = pgTable(
  'routing_steps',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    caseId: integer('case_id').notNull(),
    seq: integer('seq').notNull(),
    /** The comment block's heading, e.g. "ความเห็นหัวหน้าสำนักงานปลัดองค์การบริหารส่วนตำบลลูโบะปือซา". */
    heading: text('heading').notNull(),
    positionId: integer('position_id'),
    assigneeStaffId: integer('assignee_staff_id'),
    assigneeUserId: integer('assignee_user_id'),
    assigneeName: text('assignee_name').notNull(),
    /** Position lines under the name, e.g. ["รองปลัด…", "รักษาการแทนปลัด…"]. */
    assigneePositions: jsonb('assignee_positions').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    acting: boolean('acting').notNull().default(false),
    status: text('status').$type<StepStatus>().notNull().default('waiting'),
    /** 'forward' (เพื่อโปรดทราบ), 'acknowledge' (ทราบ), 'approve' (อนุมัติ), 'comment' (free text), 'return'. */
    decision: text('decision'),
    comment: text('comment'),
    /** The typed-name electronic signature, exactly as typed. */
    signatureName: text('signature_name'),
    signedAt: timestampColumn('signed_at'),
    activatedAt: timestampColumn('activated_at'),
    remindedAt: timestampColumn('reminded_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('routing_steps_case').on(t.orgId, t.caseId, t.seq),
    index('routing_steps_inbox').on(t.orgId, t.assigneeUserId, t.status),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [routingCases.orgId, routingCases.id] }).onDelete('cascade'),
  ],
);
