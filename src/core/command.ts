import { tallyAnonymous } from './audit/anonymous.js';
import { appendAudit, lockAuditHead } from './audit/audit.js';
import { actorLabel } from './auth/roles.js';
import type { ServiceContext } from './context.js';
import type { Db } from './db/client.js';
import type { BusEvent } from './events/bus.js';
import { forbidden, unauthorized } from './http/errors.js';

export interface CommandOutcome<T> {
  result: T;
  /** The audit entry: what was touched and a one-line summary a person can read. */
  entity: string;
  entityId?: string | number | null;
  summary: string;
  data?: Record<string, unknown>;
}

export interface CommandTools {
  /** Runs after the transaction committed (events, cache invalidation); never inside it. */
  afterCommit(fn: () => void | Promise<void>): void;
  publish(event: Omit<BusEvent, 'orgId'> & { orgId?: number }): void;
}

/**
 * A write: checks the policy's verdict, runs in one transaction and appends the audit entry in
 * that same transaction, so nothing is written without its trace and no trace without its write.
 */
export async function runCommand<T>(
  ctx: ServiceContext,
  spec: {
    action: string;
    allowed: boolean;
    actorLabel?: string;
    /**
     * An anonymous write (a complaint, a staff suggestion, an anonymous opinion): no user, no
     * address, not even its own entry — it is counted for its day and action, and the day's count
     * enters the audit chain after the day is over (src/core/audit/anonymous.ts).
     */
    anonymous?: boolean;
  },
  /**
   * The write. `txCtx` is the caller's context bound to this transaction: pass it (never the
   * outer ctx) to anything called inside — on PGlite a query outside the open transaction
   * would wait for it forever.
   */
  fn: (tx: Db, tools: CommandTools, txCtx: ServiceContext) => Promise<CommandOutcome<T>>,
): Promise<T> {
  if (!spec.allowed) throw ctx.actor ? forbidden() : unauthorized();
  const after: (() => void | Promise<void>)[] = [];
  const events: BusEvent[] = [];
  const tools: CommandTools = {
    afterCommit: (f) => after.push(f),
    publish: (event) => events.push({ orgId: ctx.orgId, ...event }),
  };
  const run = async (tx: Db) => {
    await lockAuditHead(tx, ctx.orgId);
    const outcome = await fn(tx, tools, { ...ctx, tx, deferred: after });
    // Other app servers hear of the events when (and only if) this transaction commits.
    for (const e of events) await ctx.app.events.publishInTransaction(tx, e);
    for (const e of events) after.unshift(() => ctx.app.events.deliverLocal(e));
    if (spec.anonymous) {
      // No entry of its own: its place in the chain would tell when it was made (anonymous.ts).
      await tallyAnonymous(tx, { orgId: ctx.orgId, action: spec.action, entity: outcome.entity, at: ctx.app.now() });
    } else {
      await appendAudit(tx, {
        orgId: ctx.orgId,
        actorUserId: ctx.actor?.userId || null,
        actorLabel: spec.actorLabel ?? actorLabel(ctx.actor),
        action: spec.action,
        entity: outcome.entity,
        entityId: outcome.entityId ?? null,
        summary: outcome.summary,
        data: outcome.data ?? null,
        ip: ctx.ip ?? null,
        at: ctx.app.now(),
      });
    }
    return outcome.result;
  };
  if (ctx.tx) {
    // Part of an enclosing transaction: its owner commits; run the after-steps then.
    const result = await run(ctx.tx);
    if (!ctx.deferred) throw new Error('runCommand inside a transaction needs ctx.deferred for its after-commit steps');
    ctx.deferred.push(...after);
    return result;
  }
  const result = await ctx.app.db.transaction((tx) => run(tx as unknown as Db));
  for (const f of after) {
    try {
      await f();
    } catch (e) {
      ctx.app.log.error({ err: e, action: spec.action }, 'after-commit step failed');
    }
  }
  return result;
}
