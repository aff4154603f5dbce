import { and, desc, eq, gte, ilike, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from './schema.js';

export type AuditEntry = typeof auditLog.$inferSelect;

export interface AuditFilter {
  q?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset paging: entries older than this sequence number. */
  before?: number;
}

/** One organization's audit entries, newest first, a page at a time (no offsets: the log only grows). */
export async function listAuditEntries(
  db: Db,
  orgId: number,
  f: AuditFilter,
  limit = 50,
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const q = f.q?.trim();
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        f.action ? eq(auditLog.action, f.action) : undefined,
        f.from ? gte(auditLog.at, f.from) : undefined,
        f.to ? lt(auditLog.at, f.to) : undefined,
        f.before ? lt(auditLog.seq, f.before) : undefined,
        q ? or(ilike(auditLog.actorLabel, `%${q}%`), ilike(auditLog.summary, `%${q}%`), ilike(auditLog.entity, `%${q}%`)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.seq ?? null) : null };
}

export async function distinctAuditActions(db: Db, orgId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId))
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}
