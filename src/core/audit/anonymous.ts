import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppServices } from '../context.js';
import type { Db } from '../db/client.js';
import { bangkokIsoDay } from '../thai/bangkok.js';
import { appendAudit, lockAuditHead } from './audit.js';
import { auditAnonymousTally } from './schema.js';

/**
 * Anonymous writes leave no entry of their own in the audit chain: an entry's place among its
 * neighbours (a sign-in just before, a page view just after) would tell when it was made and so,
 * in a small office, by whom. They are counted per organization, Bangkok day, action and entity
 * in the write's own transaction (so nothing is written without its trace), and each day's
 * counts enter the chain as one entry per action once the day is over — with the day's start as
 * their time, after every entry of that day.
 */

export interface AnonymousWrite {
  orgId: number;
  action: string;
  entity: string;
  at: Date;
}

/** Counts one anonymous write; call it inside the write's transaction. */
export async function tallyAnonymous(tx: Db, w: AnonymousWrite): Promise<void> {
  await tx
    .insert(auditAnonymousTally)
    .values({ orgId: w.orgId, day: bangkokIsoDay(w.at), action: w.action, entity: w.entity, count: 1 })
    .onConflictDoUpdate({
      target: [auditAnonymousTally.orgId, auditAnonymousTally.day, auditAnonymousTally.action, auditAnonymousTally.entity],
      set: { count: sql`${auditAnonymousTally.count} + 1` },
    });
}

/**
 * Moves the counts of the days before `beforeDay` (default: today in Bangkok) into the chains:
 * one transaction per organization, under its audit lock. Returns the entries appended.
 */
export async function flushAnonymousTallies(app: Pick<AppServices, 'db' | 'now'>, beforeDay = bangkokIsoDay(app.now())): Promise<number> {
  const orgs = await app.db
    .selectDistinct({ orgId: auditAnonymousTally.orgId })
    .from(auditAnonymousTally)
    .where(lt(auditAnonymousTally.day, beforeDay));
  let appended = 0;
  for (const { orgId } of orgs) {
    appended += await app.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await lockAuditHead(tx, orgId);
      const due = and(eq(auditAnonymousTally.orgId, orgId), lt(auditAnonymousTally.day, beforeDay));
      const rows = await tx
        .select()
        .from(auditAnonymousTally)
        .where(due)
        .orderBy(auditAnonymousTally.day, auditAnonymousTally.action, auditAnonymousTally.entity);
      for (const r of rows) {
        await appendAudit(tx, {
          orgId,
          actorUserId: null,
          actorLabel: 'anonymous',
          action: r.action,
          entity: r.entity,
          entityId: null,
          summary: `${r.action} × ${r.count} (${r.day})`,
          data: { day: r.day, count: r.count },
          ip: null,
          at: new Date(`${r.day}T00:00:00+07:00`),
        });
      }
      await tx.delete(auditAnonymousTally).where(due);
      return rows.length;
    });
  }
  return appended;
}
