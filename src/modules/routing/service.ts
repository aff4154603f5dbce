import { and, asc, desc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { users } from '../../core/auth/schema.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, forbidden, notFound, unauthorized, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { translator } from '../../core/i18n/i18n.js';
import { notify } from '../../core/notify/notify.js';
import { orgNames } from '../../core/tenancy/organization.js';
import { organizations } from '../../core/tenancy/schema.js';
import { positions, staffMembers } from '../staff/schema.js';
import { fullName, positionTitle, resolveCommandChain } from '../staff/service.js';
import { routingPolicy } from './policy.js';
import { routingCases, routingSteps } from './schema.js';

export type RoutingCase = typeof routingCases.$inferSelect;
export type RoutingStep = typeof routingSteps.$inferSelect;

export const DECISIONS = ['forward', 'acknowledge', 'approve', 'comment', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface RoutableKind {
  /** e.g. 'measures.report' */
  entity: string;
  /** Inside the submit transaction: check the actor may submit, freeze the document; return what the case shows. Throw an AppError (403/409/422) to refuse. */
  prepare(tx: Db, ctx: ServiceContext, entityId: string): Promise<{ title: string; href: string }>;
  /** Inside the transaction of the last signature. */
  onCompleted?(tx: Db, ctx: ServiceContext, c: RoutingCase): Promise<void>;
  /** Inside the transaction of a return for revision. */
  onReturned?(tx: Db, ctx: ServiceContext, c: RoutingCase): Promise<void>;
  /** The document shown to the reviewer on the routing page (HTML preview), if the kind has one. */
  preview?(ctx: ServiceContext, c: RoutingCase): Promise<JSX.Element | null>;
}

const kinds = new Map<string, RoutableKind>();

/** Called at module load (module.ts) by the module that owns the document kind. Registering again replaces it. */
export function registerRoutable(kind: RoutableKind): void {
  kinds.set(kind.entity, kind);
}

export function routableKind(entity: string): RoutableKind | undefined {
  return kinds.get(entity);
}

/** Longest free-text comment or reason, characters. */
export const MAX_COMMENT = 2000;
const DAY_MS = 86_400_000;

const th = (ctx: ServiceContext) => translator(ctx.app.catalogs, 'th');

export const caseHref = (caseId: number) => `/staff/routing/${caseId}`;

// ---------- submit ----------

/**
 * runCommand 'routing.submit': the kind's prepare() freezes the document, then one step per
 * link of the organization's command chain, with who holds the position today (or acts for it).
 * A document already travelling cannot be sent again (409); a chain with a vacant step is refused.
 */
export async function submitForRouting(ctx: ServiceContext, entity: string, entityId: string | number): Promise<RoutingCase> {
  const kind = kinds.get(entity);
  const id = String(entityId).trim();
  if (!kind || !id || id.length > 100) throw notFound('routing.errors.unknownDocument');
  return runCommand(ctx, { action: 'routing.submit', allowed: routingPolicy.submit(ctx.actor) }, async (tx, _tools, txCtx) => {
    const [open] = await tx
      .select({ id: routingCases.id })
      .from(routingCases)
      .where(
        and(
          eq(routingCases.orgId, ctx.orgId),
          eq(routingCases.entity, entity),
          eq(routingCases.entityId, id),
          eq(routingCases.status, 'in_progress'),
        ),
      )
      .limit(1);
    if (open) throw conflict('routing.errors.alreadyRouting');

    const shown = await kind.prepare(tx, txCtx, id);
    const chain = await resolveCommandChain(txCtx);
    if (chain.length === 0) throw new AppError(422, 'no_chain', 'routing.errors.noChain');
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, ctx.orgId));
    if (!org) throw notFound();
    const names = orgNames(org);
    const title = (p: { title: string; appendOrgName: boolean }) => positionTitle(p, org.name, names.typeFull);
    for (const s of chain) {
      if (!s.holder) throw new AppError(422, 'chain_vacant', 'routing.errors.vacant', { position: title(s.position) });
      if (!s.holder.userId)
        throw new AppError(422, 'chain_no_account', 'routing.errors.noAccount', { position: title(s.position), name: s.holder.name });
    }
    const ownIds = chain.map((s) => s.holder?.ownPositionId).filter((x): x is number => !!x);
    const own = ownIds.length
      ? await tx
          .select()
          .from(positions)
          .where(and(eq(positions.orgId, ctx.orgId), inArray(positions.id, ownIds)))
      : [];
    const t = th(ctx);
    const now = ctx.app.now();

    const [c] = await tx
      .insert(routingCases)
      .values({
        orgId: ctx.orgId,
        entity,
        entityId: id,
        title: shown.title.slice(0, 500),
        href: shown.href,
        status: 'in_progress',
        submittedBy: ctx.actor?.userId || null,
        submittedAt: now,
      })
      .returning();
    if (!c) throw new Error('routing case not inserted');

    const firstSeq = Math.min(...chain.map((s) => s.step));
    const rows = chain.map((s) => {
      const h = s.holder as NonNullable<typeof s.holder>;
      const ownPos = own.find((p) => p.id === h.ownPositionId);
      const lines: string[] = [];
      if (ownPos) lines.push(title(ownPos));
      if (h.acting) lines.push(t('routing.document.acting', { position: title(s.position) }));
      else if (!ownPos) lines.push(title(s.position));
      return {
        orgId: ctx.orgId,
        caseId: c.id,
        seq: s.step,
        heading: t('routing.document.heading', {
          position: s.position.appendOrgName ? title(s.position) : `${s.position.title}${names.full}`,
        }),
        positionId: s.position.id,
        assigneeStaffId: h.staffId,
        assigneeUserId: h.userId,
        assigneeName: h.name,
        assigneePositions: lines,
        acting: h.acting,
        status: s.step === firstSeq ? ('active' as const) : ('waiting' as const),
        activatedAt: s.step === firstSeq ? now : null,
      };
    });
    const steps = await tx.insert(routingSteps).values(rows).returning();
    await notifyAssignees(
      txCtx,
      c,
      steps.filter((s) => s.status === 'active'),
    );
    return {
      result: c,
      entity: 'routing_case',
      entityId: c.id,
      summary: `เสนอ "${c.title}" ตามสายการบังคับบัญชา (${steps.length} ขั้น)`,
      data: { entity, entityId: id, steps: steps.map((s) => ({ id: s.id, seq: s.seq, assignee: s.assigneeName })) },
    };
  });
}

async function notifyAssignees(ctx: ServiceContext, c: RoutingCase, steps: RoutingStep[]) {
  const userIds = steps.map((s) => s.assigneeUserId).filter((x): x is number => !!x);
  if (userIds.length === 0) return;
  await notify(ctx, {
    userIds,
    kind: 'routing.waiting',
    title: th(ctx)('routing.notify.waiting', { title: c.title.slice(0, 200) }),
    href: caseHref(c.id),
    email: true,
  });
}

async function notifySubmitter(ctx: ServiceContext, c: RoutingCase, key: 'returned' | 'completed', reason?: string) {
  if (!c.submittedBy) return;
  await notify(ctx, {
    userIds: [c.submittedBy],
    kind: `routing.${key}`,
    title: th(ctx)(`routing.notify.${key}`, { title: c.title.slice(0, 200) }),
    body: reason ? th(ctx)('routing.notify.reason', { reason: reason.slice(0, 1000) }) : undefined,
    href: caseHref(c.id),
    email: true,
  });
}

// ---------- reading ----------

export async function latestCase(
  ctx: ServiceContext,
  entity: string,
  entityId: string | number,
): Promise<{ case: RoutingCase; steps: RoutingStep[] } | null> {
  const d = dbOf(ctx);
  const [c] = await d
    .select()
    .from(routingCases)
    .where(and(eq(routingCases.orgId, ctx.orgId), eq(routingCases.entity, entity), eq(routingCases.entityId, String(entityId))))
    .orderBy(desc(routingCases.id))
    .limit(1);
  if (!c) return null;
  return { case: c, steps: await stepsOf(d, ctx.orgId, c.id) };
}

async function stepsOf(d: Db, orgId: number, caseId: number): Promise<RoutingStep[]> {
  return d
    .select()
    .from(routingSteps)
    .where(and(eq(routingSteps.orgId, orgId), eq(routingSteps.caseId, caseId)))
    .orderBy(asc(routingSteps.seq), asc(routingSteps.id));
}

export interface CaseDetail {
  case: RoutingCase;
  steps: RoutingStep[];
  submitterName: string | null;
  /** The active step the signed-in person may sign now, if any. */
  myStep: RoutingStep | null;
  kind: RoutableKind | null;
}

/** One case with its history, for those taking part (submitter, assignees) and the coordinator. 404 otherwise. */
export async function getCase(ctx: ServiceContext, caseId: number): Promise<CaseDetail> {
  if (!ctx.actor) throw unauthorized();
  if (!isRowId(caseId)) throw notFound();
  const d = dbOf(ctx);
  const [c] = await d
    .select()
    .from(routingCases)
    .where(and(eq(routingCases.orgId, ctx.orgId), eq(routingCases.id, caseId)));
  if (!c) throw notFound();
  const steps = await stepsOf(d, ctx.orgId, c.id);
  const uid = ctx.actor.userId;
  const takesPart = uid > 0 && (c.submittedBy === uid || steps.some((s) => s.assigneeUserId === uid));
  if (!takesPart && !routingPolicy.seeAll(ctx.actor)) throw notFound();
  let submitterName: string | null = null;
  if (c.submittedBy) {
    const [u] = await d
      .select({ name: users.displayName })
      .from(users)
      .where(and(eq(users.orgId, ctx.orgId), eq(users.id, c.submittedBy)));
    submitterName = u?.name ?? null;
  }
  const myStep =
    c.status === 'in_progress' && uid > 0 ? (steps.find((s) => s.status === 'active' && s.assigneeUserId === uid) ?? null) : null;
  return { case: c, steps, submitterName, myStep, kind: kinds.get(c.entity) ?? null };
}

export interface InboxItem {
  case: RoutingCase;
  step: RoutingStep;
  /** Whole days since the step became active. */
  daysWaiting: number;
}

export interface Inbox {
  /** Active steps assigned to me, oldest first. */
  waiting: InboxItem[];
  /** Cases I sent that are still travelling, with the steps now active. */
  sent: { case: RoutingCase; current: RoutingStep[] }[];
  /** Finished cases (completed or returned) I sent or signed, newest first. */
  done: RoutingCase[];
}

export function daysBetween(from: Date | null, to: Date): number {
  if (!from) return 0;
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

export async function listInbox(ctx: ServiceContext, opts: { doneLimit?: number } = {}): Promise<Inbox> {
  if (!routingPolicy.useInbox(ctx.actor)) throw ctx.actor ? forbidden() : unauthorized();
  const uid = (ctx.actor as NonNullable<typeof ctx.actor>).userId;
  const d = dbOf(ctx);
  const now = ctx.app.now();
  const waitingRows = await d
    .select({ c: routingCases, s: routingSteps })
    .from(routingSteps)
    .innerJoin(routingCases, and(eq(routingCases.orgId, routingSteps.orgId), eq(routingCases.id, routingSteps.caseId)))
    .where(
      and(
        eq(routingSteps.orgId, ctx.orgId),
        eq(routingSteps.assigneeUserId, uid),
        eq(routingSteps.status, 'active'),
        eq(routingCases.status, 'in_progress'),
      ),
    )
    .orderBy(asc(routingSteps.activatedAt), asc(routingSteps.id));
  const sentCases = await d
    .select()
    .from(routingCases)
    .where(and(eq(routingCases.orgId, ctx.orgId), eq(routingCases.submittedBy, uid), eq(routingCases.status, 'in_progress')))
    .orderBy(desc(routingCases.id))
    .limit(100);
  const current = sentCases.length
    ? await d
        .select()
        .from(routingSteps)
        .where(
          and(
            eq(routingSteps.orgId, ctx.orgId),
            inArray(
              routingSteps.caseId,
              sentCases.map((c) => c.id),
            ),
            eq(routingSteps.status, 'active'),
          ),
        )
        .orderBy(asc(routingSteps.seq), asc(routingSteps.id))
    : [];
  const signedBy = d
    .select({ id: routingSteps.caseId })
    .from(routingSteps)
    .where(
      and(eq(routingSteps.orgId, ctx.orgId), eq(routingSteps.assigneeUserId, uid), inArray(routingSteps.status, ['signed', 'returned'])),
    );
  const done = await d
    .select()
    .from(routingCases)
    .where(
      and(
        eq(routingCases.orgId, ctx.orgId),
        inArray(routingCases.status, ['completed', 'returned', 'withdrawn']),
        or(eq(routingCases.submittedBy, uid), inArray(routingCases.id, signedBy)),
      ),
    )
    .orderBy(desc(routingCases.id))
    .limit(opts.doneLimit ?? 30);
  return {
    waiting: waitingRows.map((r) => ({ case: r.c, step: r.s, daysWaiting: daysBetween(r.s.activatedAt, now) })),
    sent: sentCases.map((c) => ({ case: c, current: current.filter((s) => s.caseId === c.id) })),
    done,
  };
}

/** How many documents wait for the signed-in person's signature (staff home, navigation). */
export async function waitingCount(ctx: ServiceContext): Promise<number> {
  if (!routingPolicy.useInbox(ctx.actor)) return 0;
  const [row] = await dbOf(ctx)
    .select({ n: sql<number>`count(*)::int` })
    .from(routingSteps)
    .innerJoin(routingCases, and(eq(routingCases.orgId, routingSteps.orgId), eq(routingCases.id, routingSteps.caseId)))
    .where(
      and(
        eq(routingSteps.orgId, ctx.orgId),
        eq(routingSteps.assigneeUserId, (ctx.actor as NonNullable<typeof ctx.actor>).userId),
        eq(routingSteps.status, 'active'),
        eq(routingCases.status, 'in_progress'),
      ),
    );
  return row?.n ?? 0;
}

// ---------- comments as they go into the document ----------

export interface SignedComment {
  heading: string;
  text: string;
  decision: string;
  signatureName: string;
  name: string;
  positions: string[];
  acting: boolean;
  signedAt: Date;
}

/** The words a quick decision puts in the comment block (official document text, always Thai). */
export const DECISION_TEXT: Record<'forward' | 'acknowledge' | 'approve', string> = {
  forward: 'เพื่อโปรดทราบ',
  acknowledge: 'ทราบ',
  approve: 'อนุมัติ',
};

export function decisionText(s: Pick<RoutingStep, 'decision' | 'comment'>): string {
  if (s.decision === 'forward' || s.decision === 'acknowledge' || s.decision === 'approve') return DECISION_TEXT[s.decision];
  return s.comment ?? '';
}

/** The signed steps of a case, in order, as they go into the document's comment blocks. */
export function signedComments(steps: readonly RoutingStep[]): SignedComment[] {
  return steps
    .filter((s) => s.status === 'signed' && s.signedAt)
    .slice()
    .sort((a, b) => a.seq - b.seq || a.id - b.id)
    .map((s) => ({
      heading: s.heading,
      text: decisionText(s),
      decision: s.decision ?? '',
      signatureName: s.signatureName ?? '',
      name: s.assigneeName,
      positions: [...s.assigneePositions],
      acting: s.acting,
      signedAt: s.signedAt as Date,
    }));
}

// ---------- deciding ----------

export interface DecideInput {
  decision: Decision;
  comment?: string;
  signatureName: string;
  /** Why it goes back (decision 'return'); `comment` is taken when this is absent. */
  reason?: string;
}

/** A name as compared for a typed signature: no spaces of any kind, composed the same way. */
export function normalizeName(s: string): string {
  return s.normalize('NFC').replace(/\s+|\u200b|\u200c|\u200d|\u2060|\ufeff/g, '');
}

function checkInput(input: DecideInput): { decision: Decision; comment: string | null; signatureName: string } {
  const errors: { field: string; label: string; message: string; params?: Record<string, string | number> }[] = [];
  const decision = (DECISIONS as readonly string[]).includes(input.decision) ? input.decision : null;
  if (!decision) errors.push({ field: 'decision', label: 'routing.fields.decision', message: 'core.validation.choose' });
  const comment = (input.comment ?? '').trim();
  const reason = (input.reason ?? '').trim() || (decision === 'return' ? comment : '');
  if (decision === 'comment' && !comment)
    errors.push({ field: 'comment', label: 'routing.fields.comment', message: 'routing.errors.commentRequired' });
  if (decision === 'return' && !reason)
    errors.push({ field: 'reason', label: 'routing.fields.reason', message: 'routing.errors.reasonRequired' });
  if (comment.length > MAX_COMMENT)
    errors.push({ field: 'comment', label: 'routing.fields.comment', message: 'routing.errors.tooLong', params: { max: MAX_COMMENT } });
  if (reason.length > MAX_COMMENT)
    errors.push({ field: 'reason', label: 'routing.fields.reason', message: 'routing.errors.tooLong', params: { max: MAX_COMMENT } });
  const signatureName = (input.signatureName ?? '').trim().replace(/\s+/g, ' ');
  if (!signatureName)
    errors.push({ field: 'signatureName', label: 'routing.fields.signatureName', message: 'routing.errors.signatureRequired' });
  else if (signatureName.length > 200)
    errors.push({ field: 'signatureName', label: 'routing.fields.signatureName', message: 'routing.errors.tooLong', params: { max: 200 } });
  if (errors.length) throw new ValidationError(errors);
  const text = decision === 'return' ? reason : decision === 'comment' ? comment : comment || null;
  return { decision: decision as Decision, comment: text, signatureName };
}

/**
 * The assignee of an active step signs it: a quick decision, a free comment, or a return for
 * revision with its reason. The typed name must be the signer's name on record. When the last
 * step of the case signs, the case is completed and the kind's onCompleted runs in this same
 * transaction; a return ends the case and runs onReturned.
 */
export async function decide(ctx: ServiceContext, stepId: number, input: DecideInput): Promise<RoutingCase> {
  if (!isRowId(stepId)) throw notFound();
  return runCommand(ctx, { action: 'routing.decide', allowed: routingPolicy.decide(ctx.actor) }, async (tx, _tools, txCtx) => {
    const uid = (ctx.actor as NonNullable<typeof ctx.actor>).userId;
    const [step] = await tx
      .select()
      .from(routingSteps)
      .where(and(eq(routingSteps.orgId, ctx.orgId), eq(routingSteps.id, stepId)))
      .for('update');
    if (!step) throw notFound();
    if (step.assigneeUserId !== uid) {
      // Someone taking part sees the case, so "not yours" is worth saying; to others the step does not exist.
      const [mine] = await tx
        .select({ id: routingSteps.id })
        .from(routingSteps)
        .innerJoin(routingCases, and(eq(routingCases.orgId, routingSteps.orgId), eq(routingCases.id, routingSteps.caseId)))
        .where(
          and(
            eq(routingSteps.orgId, ctx.orgId),
            eq(routingSteps.caseId, step.caseId),
            or(eq(routingSteps.assigneeUserId, uid), eq(routingCases.submittedBy, uid)),
          ),
        )
        .limit(1);
      if (!mine && !routingPolicy.seeAll(ctx.actor)) throw notFound();
      throw forbidden('routing.errors.notYourStep');
    }
    const [c0] = await tx
      .select()
      .from(routingCases)
      .where(and(eq(routingCases.orgId, ctx.orgId), eq(routingCases.id, step.caseId)))
      .for('update');
    if (!c0) throw notFound();
    if (step.status !== 'active' || c0.status !== 'in_progress') throw conflict('routing.errors.notActive');
    const { decision, comment, signatureName } = checkInput(input);

    const [me] = await tx
      .select()
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.userId, uid)));
    const recorded = me ? fullName(me) : step.assigneeName;
    const accepted = [recorded, step.assigneeName, me ? `${me.firstName}${me.lastName}` : ''].filter(Boolean).map(normalizeName);
    if (!accepted.includes(normalizeName(signatureName))) {
      throw new ValidationError([
        {
          field: 'signatureName',
          label: 'routing.fields.signatureName',
          message: 'routing.errors.signatureMismatch',
          params: { name: recorded },
        },
      ]);
    }

    const now = ctx.app.now();
    const signed = await tx
      .update(routingSteps)
      .set({ status: decision === 'return' ? 'returned' : 'signed', decision, comment, signatureName, signedAt: now })
      .where(and(eq(routingSteps.orgId, ctx.orgId), eq(routingSteps.id, step.id), eq(routingSteps.status, 'active')))
      .returning({ id: routingSteps.id });
    if (signed.length !== 1) throw conflict('routing.errors.notActive');
    const kind = kinds.get(c0.entity);

    let c: RoutingCase = c0;
    let summary: string;
    if (decision === 'return') {
      await tx
        .update(routingSteps)
        .set({ status: 'cancelled' })
        .where(and(eq(routingSteps.orgId, ctx.orgId), eq(routingSteps.caseId, c0.id), inArray(routingSteps.status, ['waiting', 'active'])));
      const [r] = await tx
        .update(routingCases)
        .set({ status: 'returned', returnReason: comment, completedAt: now })
        .where(and(eq(routingCases.orgId, ctx.orgId), eq(routingCases.id, c0.id)))
        .returning();
      c = r ?? c0;
      if (kind?.onReturned) await kind.onReturned(tx, txCtx, c);
      await notifySubmitter(txCtx, c, 'returned', comment ?? undefined);
      summary = `ส่งคืน "${c.title}" เพื่อแก้ไข: ${comment ?? ''}`;
    } else {
      const rest = await tx
        .select()
        .from(routingSteps)
        .where(and(eq(routingSteps.orgId, ctx.orgId), eq(routingSteps.caseId, c0.id), inArray(routingSteps.status, ['waiting', 'active'])))
        .orderBy(asc(routingSteps.seq), asc(routingSteps.id));
      const groupOpen = rest.some((s) => s.status === 'active');
      summary = `ลงนาม "${c0.title}" (${step.heading}): ${decisionText({ decision, comment })}`;
      if (groupOpen) {
        // Others of the same parallel group have still to sign.
      } else if (rest.length > 0) {
        const nextSeq = Math.min(...rest.map((s) => s.seq));
        const next = await tx
          .update(routingSteps)
          .set({ status: 'active', activatedAt: now })
          .where(
            and(
              eq(routingSteps.orgId, ctx.orgId),
              eq(routingSteps.caseId, c0.id),
              eq(routingSteps.seq, nextSeq),
              eq(routingSteps.status, 'waiting'),
            ),
          )
          .returning();
        await notifyAssignees(txCtx, c0, next);
      } else {
        const [r] = await tx
          .update(routingCases)
          .set({ status: 'completed', completedAt: now })
          .where(and(eq(routingCases.orgId, ctx.orgId), eq(routingCases.id, c0.id)))
          .returning();
        c = r ?? c0;
        if (kind?.onCompleted) await kind.onCompleted(tx, txCtx, c);
        await notifySubmitter(txCtx, c, 'completed');
        summary += ' — ลงนามครบทุกขั้น';
      }
    }
    return {
      result: c,
      entity: 'routing_step',
      entityId: step.id,
      summary: summary.slice(0, 500),
      data: { caseId: c.id, decision, signatureName },
    };
  });
}

// ---------- reminders ----------

/** Days a step may wait before its assignee is reminded: the organization's setting, else PRONGSAI_ROUTING_REMIND_DAYS, else 3. */
export function remindDays(settings: Record<string, unknown> | null | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const fromOrg = Number(settings?.routingRemindDays);
  if (Number.isInteger(fromOrg) && fromOrg > 0 && fromOrg <= 365) return fromOrg;
  const fromEnv = Number(env.PRONGSAI_ROUTING_REMIND_DAYS);
  if (Number.isInteger(fromEnv) && fromEnv > 0 && fromEnv <= 365) return fromEnv;
  return 3;
}

/**
 * Reminds the assignees of the steps of one organization that have waited more than N days,
 * at most once every N days per step. Runs as a command of the system (audited). Returns how
 * many steps were reminded.
 */
export async function remindOrganization(ctx: ServiceContext, days: number): Promise<number> {
  return runCommand(ctx, { action: 'routing.remind', allowed: routingPolicy.remind(ctx.actor) }, async (tx, _tools, txCtx) => {
    const now = ctx.app.now();
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const due = await tx
      .select({ s: routingSteps, c: routingCases })
      .from(routingSteps)
      .innerJoin(routingCases, and(eq(routingCases.orgId, routingSteps.orgId), eq(routingCases.id, routingSteps.caseId)))
      .where(
        and(
          eq(routingSteps.orgId, ctx.orgId),
          eq(routingSteps.status, 'active'),
          eq(routingCases.status, 'in_progress'),
          isNotNull(routingSteps.assigneeUserId),
          lte(routingSteps.activatedAt, cutoff),
          or(sql`${routingSteps.remindedAt} is null`, lte(routingSteps.remindedAt, cutoff)),
        ),
      )
      .orderBy(asc(routingSteps.id))
      .for('update', { of: routingSteps, skipLocked: true });
    const t = th(ctx);
    for (const { s, c } of due) {
      await tx
        .update(routingSteps)
        .set({ remindedAt: now })
        .where(and(eq(routingSteps.orgId, ctx.orgId), eq(routingSteps.id, s.id)));
      await notify(txCtx, {
        userIds: [s.assigneeUserId as number],
        kind: 'routing.reminder',
        title: t('routing.notify.reminder', { title: c.title.slice(0, 200), days: daysBetween(s.activatedAt, now) }),
        href: caseHref(c.id),
        email: true,
      });
    }
    return {
      result: due.length,
      entity: 'routing_step',
      summary: `เตือนผู้ลงนามที่มีเอกสารรอเกิน ${days} วัน: ${due.length} รายการ`,
      data: { steps: due.map((d) => d.s.id) },
    };
  });
}
