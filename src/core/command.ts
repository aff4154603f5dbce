import { appendAudit } from './audit/audit.js';
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
  spec: { action: string; allowed: boolean; actorLabel?: string },
  fn: (tx: Db, tools: CommandTools) => Promise<CommandOutcome<T>>,
): Promise<T> {
  if (!spec.allowed) throw ctx.actor ? forbidden() : unauthorized();
  const after: (() => void | Promise<void>)[] = [];
  const tools: CommandTools = {
    afterCommit: (f) => after.push(f),
    publish: (event) =>
      after.push(() => ctx.app.events.publish({ orgId: ctx.orgId, ...event })),
  };
  const run = async (tx: Db) => {
    const outcome = await fn(tx, tools);
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
    return outcome.result;
  };
  if (ctx.tx) {
    // Part of an enclosing transaction: its owner commits; run the after-steps then.
    const result = await run(ctx.tx);
    if (ctx.deferred) ctx.deferred.push(...after);
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
