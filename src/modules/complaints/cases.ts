import { and, arrayContains, asc, desc, eq, inArray, isNull, lt, not, or, sql } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import { users } from '../../core/auth/schema.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, type FieldError, forbidden, notFound, unauthorized, ValidationError } from '../../core/http/errors.js';
import { translator } from '../../core/i18n/i18n.js';
import { notify } from '../../core/notify/notify.js';
import { readFileBytes, type StoredFile } from '../../core/storage/files.js';
import { files } from '../../core/storage/schema.js';
import { bangkokIsoDay, parseIsoDay } from '../../core/thai/bangkok.js';
import { openIdentity, type ReporterIdentity } from './identity.js';
import { activeOfficers, insertComplaint, validateSubmission } from './intake.js';
import { complaintsPolicy } from './policy.js';
import { CLOSING_STATUSES, MESSAGE_MAX, NEXT_STATUSES } from './rules.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintStatus,
  complaintAttachments,
  complaintEntries,
  complaintRoutes,
  complaints,
} from './schema.js';
import type { ComplaintSubmission } from './types.js';

/**
 * The officers' side of the complaint channel: the case list, one case with its history, notes
 * and audit trail, status changes with the reason the reporter reads, messages, assignment, the
 * staff a complaint concerns, the audited reveal of the reporter's identity, complaints recorded
 * from other channels, routing. Only complaint officers see any of it, never a case about
 * themselves: a case they may not read is answered exactly like one that does not exist.
 */

export type Complaint = typeof complaints.$inferSelect;
export type ComplaintEntry = typeof complaintEntries.$inferSelect;

/** A reason (or note) the officer types for a reveal. */
export const REVEAL_REASON_MIN = 10;
export const REVEAL_REASON_MAX = 500;
const LIST_LIMIT = 300;

/** Officers' filters on the list. */
export interface CaseFilter {
  /** A status, or 'open' (not closed). */
  status?: ComplaintStatus | 'open';
  category?: ComplaintCategory;
  /** Past the acknowledgement deadline and still unacknowledged. */
  overdue?: boolean;
  /** Assigned to the signed-in officer. */
  mine?: boolean;
  /** Nobody assigned. */
  unassigned?: boolean;
}

export interface CaseListItem {
  id: number;
  receivedOn: string;
  fiscalYear: number;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  subject: string;
  status: ComplaintStatus;
  assignedUserId: number | null;
  assignedName: string | null;
  ackDueAt: Date;
  acknowledgedAt: Date | null;
  overdue: boolean;
}

/** What an officer sees of a case: never the sealed identity itself (only whether there is one). */
export type CaseView = Omit<Complaint, 'identitySealed' | 'receiptHash'> & { hasIdentity: boolean };

export interface CaseEntryView extends ComplaintEntry {
  authorName: string | null;
}

export interface CaseAttachmentView {
  id: number;
  name: string;
  mime: string;
  size: number;
  fromReporter: boolean;
  createdAt: Date;
}

export interface CaseAuditView {
  seq: number;
  at: Date;
  actorLabel: string;
  action: string;
  summary: string;
}

export interface PersonOption {
  userId: number;
  name: string;
}

export interface CaseDetail {
  complaint: CaseView;
  overdue: boolean;
  assignedName: string | null;
  entries: CaseEntryView[];
  attachments: CaseAttachmentView[];
  audit: CaseAuditView[];
  /** People the case is about, as named to officers. */
  concerns: PersonOption[];
  /** Officers the case may be assigned to (never one it concerns). */
  assignable: PersonOption[];
  /** Every active account of the organization (for "the complaint concerns…"). */
  staff: PersonOption[];
  nextStatuses: readonly ComplaintStatus[];
  canReveal: boolean;
}

const th = (ctx: ServiceContext) => translator(ctx.app.catalogs, 'th');

const isClosed = (s: ComplaintStatus) => CLOSING_STATUSES.includes(s);

export function isOverdue(c: Pick<Complaint, 'status' | 'ackDueAt'>, now: Date): boolean {
  return c.status === 'received' && c.ackDueAt.getTime() < now.getTime();
}

function requireOfficer(ctx: ServiceContext): number {
  if (!complaintsPolicy.handle(ctx.actor)) throw ctx.actor ? forbidden() : unauthorized();
  return ctx.actor?.userId ?? 0;
}

/** Cases the officer may see: of this organization, not about the officer. */
function visibleTo(ctx: ServiceContext, userId: number) {
  return and(eq(complaints.orgId, ctx.orgId), not(arrayContains(complaints.concernsUserIds, [userId])));
}

/** Active accounts of the organization, by user id → display name. */
async function accountNames(db: Db, orgId: number, ids: readonly number[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids)].filter((n) => Number.isInteger(n) && n > 0);
  if (uniq.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, uniq)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The organization's complaint officers whose accounts are enabled. */
export function listOfficers(ctx: ServiceContext): Promise<PersonOption[]> {
  return activeOfficers(dbOf(ctx), ctx.orgId);
}

async function listAccounts(ctx: ServiceContext): Promise<PersonOption[]> {
  return dbOf(ctx)
    .select({ userId: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, ctx.orgId), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName));
}

export async function listCases(ctx: ServiceContext, filter: CaseFilter = {}): Promise<CaseListItem[]> {
  const me = requireOfficer(ctx);
  const now = ctx.app.now();
  const db = dbOf(ctx);
  const rows = await db
    .select({
      id: complaints.id,
      receivedOn: complaints.receivedOn,
      fiscalYear: complaints.fiscalYear,
      channel: complaints.channel,
      category: complaints.category,
      subject: complaints.subject,
      status: complaints.status,
      assignedUserId: complaints.assignedUserId,
      ackDueAt: complaints.ackDueAt,
      acknowledgedAt: complaints.acknowledgedAt,
    })
    .from(complaints)
    .where(
      and(
        visibleTo(ctx, me),
        filter.status === 'open'
          ? not(inArray(complaints.status, [...CLOSING_STATUSES]))
          : filter.status
            ? eq(complaints.status, filter.status)
            : undefined,
        filter.category ? eq(complaints.category, filter.category) : undefined,
        filter.overdue ? and(eq(complaints.status, 'received'), lt(complaints.ackDueAt, now)) : undefined,
        filter.mine ? eq(complaints.assignedUserId, me) : undefined,
        filter.unassigned ? isNull(complaints.assignedUserId) : undefined,
      ),
    )
    .orderBy(desc(complaints.receivedOn), desc(complaints.id))
    .limit(LIST_LIMIT);
  const names = await accountNames(
    db,
    ctx.orgId,
    rows.flatMap((r) => (r.assignedUserId ? [r.assignedUserId] : [])),
  );
  return rows.map((r) => ({
    ...r,
    assignedName: r.assignedUserId ? (names.get(r.assignedUserId) ?? null) : null,
    overdue: isOverdue(r, now),
  }));
}

/** Counts for the officers' to-do list (cases they may see). */
export async function caseCounts(ctx: ServiceContext): Promise<{ unassigned: number; overdue: number; mineOpen: number }> {
  if (!complaintsPolicy.handle(ctx.actor)) return { unassigned: 0, overdue: 0, mineOpen: 0 };
  const me = ctx.actor?.userId ?? 0;
  const now = ctx.app.now();
  const [row] = await dbOf(ctx)
    .select({
      unassigned: sql<number>`count(*) filter (where ${complaints.assignedUserId} is null and ${complaints.status} not in ('finished','forwarded','not_accepted'))`,
      overdue: sql<number>`count(*) filter (where ${complaints.status} = 'received' and ${complaints.ackDueAt} < ${now.toISOString()}::timestamptz)`,
      mineOpen: sql<number>`count(*) filter (where ${complaints.assignedUserId} = ${me} and ${complaints.status} not in ('finished','forwarded','not_accepted'))`,
    })
    .from(complaints)
    .where(visibleTo(ctx, me));
  return { unassigned: Number(row?.unassigned ?? 0), overdue: Number(row?.overdue ?? 0), mineOpen: Number(row?.mineOpen ?? 0) };
}

/** The case row, or 404 when it does not exist, is another organization's, or the actor may not read it. */
async function loadReadable(db: Db, ctx: ServiceContext, id: number, forUpdate = false): Promise<Complaint> {
  requireOfficer(ctx);
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  const q = db
    .select()
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row || !complaintsPolicy.readCase(ctx.actor, row)) throw notFound();
  return row;
}

function caseView(row: Complaint): CaseView {
  const { identitySealed, receiptHash: _hash, ...rest } = row;
  return { ...rest, hasIdentity: !!identitySealed };
}

export async function getCase(ctx: ServiceContext, id: number): Promise<CaseDetail> {
  const db = dbOf(ctx);
  const row = await loadReadable(db, ctx, id);
  const [entries, attachments, audit, officers, staff] = await Promise.all([
    db
      .select()
      .from(complaintEntries)
      .where(and(eq(complaintEntries.orgId, ctx.orgId), eq(complaintEntries.complaintId, id)))
      .orderBy(asc(complaintEntries.id)),
    db
      .select({
        id: complaintAttachments.id,
        name: files.name,
        mime: files.mime,
        size: files.size,
        fromReporter: complaintAttachments.fromReporter,
        createdAt: complaintAttachments.createdAt,
      })
      .from(complaintAttachments)
      .innerJoin(files, and(eq(files.orgId, complaintAttachments.orgId), eq(files.id, complaintAttachments.fileId)))
      .where(and(eq(complaintAttachments.orgId, ctx.orgId), eq(complaintAttachments.complaintId, id)))
      .orderBy(asc(complaintAttachments.id)),
    db
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        actorLabel: auditLog.actorLabel,
        action: auditLog.action,
        summary: auditLog.summary,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, ctx.orgId),
          or(eq(auditLog.entity, 'complaint'), eq(auditLog.entity, 'complaints')),
          eq(auditLog.entityId, String(id)),
        ),
      )
      .orderBy(desc(auditLog.seq))
      .limit(200),
    listOfficers(ctx),
    listAccounts(ctx),
  ]);
  const names = new Map(staff.map((p) => [p.userId, p.name]));
  const more = await accountNames(db, ctx.orgId, [
    ...row.concernsUserIds,
    ...entries.flatMap((e) => (e.authorUserId ? [e.authorUserId] : [])),
    ...(row.assignedUserId ? [row.assignedUserId] : []),
  ]);
  for (const [k, v] of more) names.set(k, v);
  return {
    complaint: caseView(row),
    overdue: isOverdue(row, ctx.app.now()),
    assignedName: row.assignedUserId ? (names.get(row.assignedUserId) ?? null) : null,
    entries: entries.map((e) => ({ ...e, authorName: e.authorUserId ? (names.get(e.authorUserId) ?? null) : null })),
    attachments,
    audit,
    concerns: row.concernsUserIds.map((userId) => ({ userId, name: names.get(userId) ?? `#${userId}` })),
    assignable: officers.filter((o) => complaintsPolicy.assignable(o.userId, row)),
    staff,
    nextStatuses: NEXT_STATUSES[row.status],
    canReveal: complaintsPolicy.revealIdentity(ctx.actor, row) && !!row.identitySealed,
  };
}

// ---------------------------------------------------------------- updates

/** complaints.update: any of these, applied together in one command. */
export interface CaseUpdate {
  /** The new status (per NEXT_STATUSES). */
  status?: ComplaintStatus;
  /** The status the form was shown with: refused when the case moved on meanwhile. */
  expectedStatus?: ComplaintStatus;
  /** The reason the reporter reads (required when closing or reopening). */
  reason?: string | null;
  /** A message to the reporter. */
  message?: string | null;
  /** An internal note (officers only). */
  note?: string | null;
  /** Assign (a complaint officer's user id) or unassign (null). */
  assignedUserId?: number | null;
  /** The staff the complaint is about (users.id). */
  concernsUserIds?: number[];
}

const err = (field: string, label: string, message: string, params?: FieldError['params']): FieldError => ({
  field,
  label,
  message,
  params,
});

function cleanText(s: string | null | undefined): string {
  return (s ?? '').replace(/\r\n/g, '\n').trim();
}

export async function updateCase(ctx: ServiceContext, id: number, input: CaseUpdate): Promise<{ status: ComplaintStatus }> {
  const me = requireOfficer(ctx);
  // The policy verdict needs the row: read it first (404 when not readable), then the command checks again under lock.
  const before = await loadReadable(dbOf(ctx), ctx, id);
  return runCommand(
    ctx,
    { action: 'complaints.update', allowed: complaintsPolicy.updateCase(ctx.actor, before) },
    async (tx, tools, txCtx) => {
      // A status change moves the public statistics.
      tools.publish({ topic: 'pages.changed', data: { complaints: id } });
      const row = await loadReadable(tx, txCtx, id, true);
      const now = ctx.app.now();
      const errors: FieldError[] = [];
      const parts: string[] = [];
      const t = th(ctx);
      const patch: Partial<Complaint> = {};
      const entries: Pick<typeof complaintEntries.$inferInsert, 'kind' | 'status' | 'text'>[] = [];
      const notifyAssignee: number[] = [];

      const reason = cleanText(input.reason);
      const message = cleanText(input.message);
      const note = cleanText(input.note);

      if (input.status !== undefined) {
        if (input.expectedStatus && input.expectedStatus !== row.status)
          throw new AppError(409, 'conflict', 'complaints.errors.statusChanged');
        if (!COMPLAINT_STATUSES.includes(input.status) || !NEXT_STATUSES[row.status].includes(input.status)) {
          errors.push(err('status', 'complaints.fields.status', 'complaints.errors.statusNotAllowed'));
        } else {
          const reopening = isClosed(row.status);
          if ((isClosed(input.status) || reopening) && !reason) {
            errors.push(
              err('reason', 'complaints.fields.reason', reopening ? 'complaints.errors.reasonReopen' : 'complaints.errors.reasonRequired'),
            );
          }
          if (reason.length > MESSAGE_MAX)
            errors.push(err('reason', 'complaints.fields.reason', 'complaints.errors.tooLong', { max: MESSAGE_MAX }));
          patch.status = input.status;
          if (!row.acknowledgedAt) patch.acknowledgedAt = now;
          patch.finishedAt = isClosed(input.status) ? now : null;
          entries.push({ kind: 'status', status: input.status, text: reason || null });
          parts.push(t('complaints.audit.status', { status: t(`complaints.statuses.${input.status}`) }));
        }
      } else if (input.reason != null && reason) {
        errors.push(err('status', 'complaints.fields.status', 'complaints.errors.statusRequired'));
      }

      if (input.message != null) {
        if (!message) errors.push(err('message', 'complaints.fields.message', 'complaints.errors.required'));
        else if (message.length > MESSAGE_MAX)
          errors.push(err('message', 'complaints.fields.message', 'complaints.errors.tooLong', { max: MESSAGE_MAX }));
        else {
          entries.push({ kind: 'message', text: message });
          parts.push(t('complaints.audit.message'));
        }
      }

      if (input.note != null) {
        if (!note) errors.push(err('note', 'complaints.fields.note', 'complaints.errors.required'));
        else if (note.length > MESSAGE_MAX)
          errors.push(err('note', 'complaints.fields.note', 'complaints.errors.tooLong', { max: MESSAGE_MAX }));
        else {
          entries.push({ kind: 'note', text: note });
          parts.push(t('complaints.audit.note'));
        }
      }

      let assignee = row.assignedUserId;
      if (input.assignedUserId !== undefined && input.assignedUserId !== row.assignedUserId) {
        const target = input.assignedUserId;
        if (target === null) {
          assignee = null;
          patch.assignedUserId = null;
          patch.assignedAt = null;
          entries.push({ kind: 'assignment', text: null });
          parts.push(t('complaints.audit.unassigned'));
        } else {
          const concerns = input.concernsUserIds ?? row.concernsUserIds;
          const officer = (await listOfficers(txCtx)).find((o) => o.userId === target);
          if (!officer) errors.push(err('assignedUserId', 'complaints.fields.assignee', 'complaints.errors.notOfficer'));
          else if (!complaintsPolicy.assignable(target, { concernsUserIds: concerns }))
            errors.push(err('assignedUserId', 'complaints.fields.assignee', 'complaints.errors.assigneeConcerned'));
          else {
            assignee = target;
            patch.assignedUserId = target;
            patch.assignedAt = now;
            entries.push({ kind: 'assignment', text: officer.name });
            parts.push(t('complaints.audit.assigned', { name: officer.name }));
            if (target !== me) notifyAssignee.push(target);
          }
        }
      }

      if (input.concernsUserIds !== undefined) {
        const wanted = [...new Set(input.concernsUserIds)].sort((a, b) => a - b);
        const known = await accountNames(tx, ctx.orgId, wanted);
        if (wanted.some((u) => !known.has(u)))
          errors.push(err('concernsUserIds', 'complaints.fields.concerns', 'complaints.errors.unknownPerson'));
        else if (assignee !== null && wanted.includes(assignee))
          errors.push(err('concernsUserIds', 'complaints.fields.concerns', 'complaints.errors.concernsAssignee'));
        else {
          patch.concernsUserIds = wanted;
          parts.push(t('complaints.audit.concerns', { count: wanted.length }));
        }
      }

      if (errors.length > 0) throw new ValidationError(errors);
      if (parts.length === 0) throw new ValidationError([err('_', '', 'complaints.errors.nothingToDo')]);

      patch.updatedAt = now;
      await tx
        .update(complaints)
        .set(patch)
        .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.id, id)));
      if (entries.length > 0)
        await tx
          .insert(complaintEntries)
          .values(entries.map((e) => ({ ...e, orgId: ctx.orgId, complaintId: id, authorUserId: me, fromReporter: false, createdAt: now })));
      if (notifyAssignee.length > 0)
        await notify(txCtx, {
          userIds: notifyAssignee,
          kind: 'complaints.assigned',
          title: t('complaints.staff.notify.assignedTitle', { id }),
          href: `/staff/complaints/${id}`,
          email: true,
        });
      return {
        result: { status: patch.status ?? row.status },
        entity: 'complaint',
        entityId: id,
        summary: t('complaints.audit.updated', { id, what: parts.join(', ') }),
        data: { status: patch.status, assignedUserId: patch.assignedUserId, concerns: patch.concernsUserIds?.length },
      };
    },
  );
}

/**
 * Opens the reporter's identity: only the assigned officer, with a typed reason, audited (who,
 * which case, why). The identity is returned to this one response and kept nowhere else.
 */
export async function revealIdentity(ctx: ServiceContext, id: number, reasonInput: string): Promise<ReporterIdentity> {
  requireOfficer(ctx);
  const row = await loadReadable(dbOf(ctx), ctx, id);
  const reason = cleanText(reasonInput);
  return runCommand(
    ctx,
    { action: 'complaints.revealIdentity', allowed: complaintsPolicy.revealIdentity(ctx.actor, row) },
    async (tx, _t, txCtx) => {
      const current = await loadReadable(tx, txCtx, id, true);
      if (!complaintsPolicy.revealIdentity(ctx.actor, current)) throw forbidden();
      if (reason.length < REVEAL_REASON_MIN)
        throw new ValidationError([
          err('reason', 'complaints.reveal.reason', 'complaints.errors.revealReasonShort', { min: REVEAL_REASON_MIN }),
        ]);
      if (reason.length > REVEAL_REASON_MAX)
        throw new ValidationError([err('reason', 'complaints.reveal.reason', 'complaints.errors.tooLong', { max: REVEAL_REASON_MAX })]);
      if (!current.identitySealed) throw new AppError(409, 'conflict', 'complaints.errors.anonymous');
      const identity = openIdentity(ctx.app, ctx.orgId, id, current.identitySealed);
      return {
        result: identity,
        entity: 'complaint',
        entityId: id,
        summary: th(ctx)('complaints.audit.revealed', { id, reason }),
        data: { reason },
      };
    },
  );
}

// ---------------------------------------------------------------- attachments

export async function attachmentFile(
  ctx: ServiceContext,
  complaintId: number,
  attachmentId: number,
): Promise<{ file: StoredFile; bytes: Buffer }> {
  const db = dbOf(ctx);
  await loadReadable(db, ctx, complaintId);
  const [a] = await db
    .select({ fileId: complaintAttachments.fileId })
    .from(complaintAttachments)
    .where(
      and(
        eq(complaintAttachments.orgId, ctx.orgId),
        eq(complaintAttachments.complaintId, complaintId),
        eq(complaintAttachments.id, attachmentId),
      ),
    );
  if (!a) throw notFound();
  return readFileBytes(ctx, a.fileId);
}

// ---------------------------------------------------------------- recording other channels

export const RECORD_CHANNELS: readonly ComplaintChannel[] = COMPLAINT_CHANNELS.filter((c) => c !== 'web');

export interface RecordInput extends ComplaintSubmission {
  channel: ComplaintChannel;
  /** 'YYYY-MM-DD' (Bangkok): when the letter or call came in. */
  receivedOn: string;
}

/** An officer records a complaint that came by letter, telephone, in person…; the receipt code is handed to the reporter. */
export async function recordComplaint(ctx: ServiceContext, input: RecordInput): Promise<{ id: number; receiptCode: string }> {
  requireOfficer(ctx);
  const errors: FieldError[] = [];
  if (!RECORD_CHANNELS.includes(input.channel)) errors.push(err('channel', 'complaints.fields.channel', 'complaints.errors.required'));
  const today = bangkokIsoDay(ctx.app.now());
  const day = parseIsoDay(input.receivedOn);
  if (!day) errors.push(err('receivedOn', 'complaints.fields.receivedOn', 'complaints.errors.date'));
  else if (input.receivedOn > today) errors.push(err('receivedOn', 'complaints.fields.receivedOn', 'complaints.errors.dateFuture'));
  try {
    validateSubmission(input);
  } catch (e) {
    if (e instanceof ValidationError) errors.push(...e.fields);
    else throw e;
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return runCommand(ctx, { action: 'complaints.record', allowed: complaintsPolicy.handle(ctx.actor) }, async (tx, tools, txCtx) => {
    tools.publish({ topic: 'pages.changed', data: { complaints: 'record' } });
    const created = await insertComplaint(tx, txCtx, input, { channel: input.channel, receivedOn: input.receivedOn });
    return {
      result: created,
      entity: 'complaint',
      entityId: created.id,
      summary: th(ctx)('complaints.audit.recorded', { id: created.id, channel: th(ctx)(`complaints.channels.${input.channel}`) }),
    };
  });
}

// ---------------------------------------------------------------- routing

export type RoutingTable = Partial<Record<ComplaintCategory, number>>;

export async function getRouting(ctx: ServiceContext): Promise<{ routes: RoutingTable; officers: PersonOption[] }> {
  if (!complaintsPolicy.configure(ctx.actor)) throw ctx.actor ? forbidden() : unauthorized();
  const rows = await dbOf(ctx).select().from(complaintRoutes).where(eq(complaintRoutes.orgId, ctx.orgId));
  const routes: RoutingTable = {};
  for (const r of rows) routes[r.category] = r.userId;
  return { routes, officers: await listOfficers(ctx) };
}

/** Sets which officer receives new complaints of each category (absent: unassigned, all officers told). */
export async function setRouting(ctx: ServiceContext, table: Partial<Record<string, number | null>>): Promise<void> {
  await runCommand(
    ctx,
    { action: 'complaints.configureRouting', allowed: complaintsPolicy.configure(ctx.actor) },
    async (tx, _t, txCtx) => {
      const officers = new Map((await listOfficers(txCtx)).map((o) => [o.userId, o.name]));
      const errors: FieldError[] = [];
      const wanted: { category: ComplaintCategory; userId: number }[] = [];
      for (const category of COMPLAINT_CATEGORIES) {
        const u = table[category];
        if (u == null) continue;
        if (!officers.has(u)) errors.push(err(`route_${category}`, `complaints.categories.${category}`, 'complaints.errors.notOfficer'));
        else wanted.push({ category, userId: u });
      }
      if (errors.length > 0) throw new ValidationError(errors);
      await tx.delete(complaintRoutes).where(eq(complaintRoutes.orgId, ctx.orgId));
      if (wanted.length > 0)
        await tx.insert(complaintRoutes).values(wanted.map((w) => ({ ...w, orgId: ctx.orgId, updatedAt: ctx.app.now() })));
      const t = th(ctx);
      return {
        result: undefined,
        entity: 'complaint_routes',
        summary: t('complaints.audit.routing', {
          list: wanted.map((w) => `${t(`complaints.categories.${w.category}`)} → ${officers.get(w.userId)}`).join('; ') || '—',
        }),
        data: Object.fromEntries(wanted.map((w) => [w.category, w.userId])),
      };
    },
  );
}

// ---------------------------------------------------------------- overdue alerts

/**
 * Tells officers once about each case past its acknowledgement deadline and still
 * unacknowledged: the assigned officer, or every officer the case does not concern. The audit
 * entry 'complaints.overdueAlert' of the case is the mark that it was told.
 */
export async function alertOverdue(ctx: ServiceContext): Promise<number> {
  const db = dbOf(ctx);
  const now = ctx.app.now();
  const due = await db
    .select({ id: complaints.id, assignedUserId: complaints.assignedUserId, concernsUserIds: complaints.concernsUserIds })
    .from(complaints)
    .where(
      and(
        eq(complaints.orgId, ctx.orgId),
        eq(complaints.status, 'received'),
        lt(complaints.ackDueAt, now),
        sql`not exists (select 1 from ${auditLog} a where a.org_id = ${complaints.orgId} and a.action = 'complaints.overdueAlert' and a.entity_id = ${complaints.id}::text)`,
      ),
    )
    .orderBy(asc(complaints.id))
    .limit(100);
  if (due.length === 0) return 0;
  const officers = await listOfficers(ctx);
  const t = th(ctx);
  let sent = 0;
  for (const c of due) {
    const assigned = c.assignedUserId !== null && officers.some((o) => o.userId === c.assignedUserId) ? [c.assignedUserId] : [];
    const recipients = assigned.length > 0 ? assigned : officers.map((o) => o.userId).filter((u) => !c.concernsUserIds.includes(u));
    await runCommand(ctx, { action: 'complaints.overdueAlert', allowed: true }, async (_tx, _tools, txCtx) => {
      await notify(txCtx, {
        userIds: recipients,
        kind: 'complaints.overdue',
        title: t('complaints.staff.notify.overdueTitle', { id: c.id }),
        body: t('complaints.staff.notify.overdueBody'),
        href: `/staff/complaints/${c.id}`,
        email: true,
      });
      return {
        result: undefined,
        entity: 'complaint',
        entityId: c.id,
        summary: t('complaints.audit.overdueAlert', { id: c.id, count: recipients.length }),
      };
    });
    sent++;
  }
  return sent;
}
