import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type ChainedEntry, entryHash, GENESIS_HASH } from './chain.js';
import { auditHeads, auditLog } from './schema.js';

export interface AuditInput {
  orgId: number;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  summary: string;
  data?: Record<string, unknown> | null;
  ip?: string | null;
  at?: Date;
}

/**
 * Takes the organization's write lock (its audit head row) for the rest of the transaction.
 * runCommand takes it before a command's checks, so "check, then write" (the last
 * administrator, a free username) holds on PostgreSQL too, where transactions run side by side;
 * every command of one organization appends to one chain, so they line up there anyway.
 */
export async function lockAuditHead(tx: Db, orgId: number): Promise<void> {
  await tx
    .insert(auditHeads)
    .values({ orgId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoUpdate({ target: auditHeads.orgId, set: { seq: sql`${auditHeads.seq}` } });
}

/**
 * Appends one entry to the organization's chain. Call it inside the write's transaction: the
 * head row is locked until commit, so concurrent writers of one organization line up and the
 * chain never forks; a rolled-back write leaves no entry.
 */
export async function appendAudit(tx: Db, input: AuditInput): Promise<{ seq: number; hash: string }> {
  const [head] = await tx
    .insert(auditHeads)
    .values({ orgId: input.orgId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoUpdate({ target: auditHeads.orgId, set: { seq: sql`${auditHeads.seq}` } })
    .returning({ seq: auditHeads.seq, hash: auditHeads.hash });
  if (!head) throw new Error('audit head missing');
  // Millisecond precision: what a JS Date holds is exactly what is hashed and read back.
  const at = new Date(Math.floor((input.at ?? new Date()).getTime()));
  const entry: ChainedEntry = {
    orgId: input.orgId,
    seq: head.seq + 1,
    at,
    actorUserId: input.actorUserId,
    actorLabel: input.actorLabel,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    summary: input.summary,
    data: input.data ?? null,
    ip: input.ip ?? null,
    prevHash: head.hash,
  };
  const hash = entryHash(entry);
  await tx.insert(auditLog).values({ ...entry, hash });
  await tx.update(auditHeads).set({ seq: entry.seq, hash }).where(eq(auditHeads.orgId, input.orgId));
  return { seq: entry.seq, hash };
}

export interface ChainProblem {
  orgId: number;
  seq: number;
  reason: 'altered' | 'missing' | 'broken_link' | 'head_mismatch';
}

export interface ChainReport {
  ok: boolean;
  organizations: number;
  /** How many entries were checked (with lastEntries, only the newest ones). */
  entries: number;
  problem?: ChainProblem;
}

/**
 * Walks every organization's chain (or one) in order, recomputing each hash. Reports the first
 * entry that was altered, a gap where entries were removed, or a head that points past the end
 * (entries removed from the tail).
 */
export async function verifyAuditChain(db: Db, onlyOrgId?: number, opts: { lastEntries?: number } = {}): Promise<ChainReport> {
  const heads = await db
    .select()
    .from(auditHeads)
    .where(onlyOrgId === undefined ? undefined : eq(auditHeads.orgId, onlyOrgId))
    .orderBy(asc(auditHeads.orgId));
  const orgIds = new Set(heads.map((h) => h.orgId));
  const withEntries = await db
    .selectDistinct({ orgId: auditLog.orgId })
    .from(auditLog)
    .where(onlyOrgId === undefined ? undefined : eq(auditLog.orgId, onlyOrgId));
  for (const r of withEntries) orgIds.add(r.orgId);
  let entries = 0;
  for (const orgId of [...orgIds].sort((a, b) => a - b)) {
    const head = heads.find((h) => h.orgId === orgId);
    let prevHash = GENESIS_HASH;
    let expectSeq = 1;
    let lastSeq = 0;
    // Only the newest entries (a page view): start from the stored link of the one before them.
    // The full walk is verify-log's, from the command line or a scheduled job.
    if (opts.lastEntries !== undefined && head && head.seq > opts.lastEntries) {
      lastSeq = head.seq - opts.lastEntries;
      expectSeq = lastSeq + 1;
      const [anchor] = await db
        .select({ hash: auditLog.hash })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, orgId), eq(auditLog.seq, lastSeq)));
      if (!anchor) return fail(orgId, lastSeq, 'missing', entries);
      prevHash = anchor.hash;
    }
    const pageSize = 5000;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, orgId), gt(auditLog.seq, lastSeq)))
        .orderBy(asc(auditLog.seq))
        .limit(pageSize);
      for (const r of rows) {
        if (r.seq !== expectSeq) {
          return fail(orgId, expectSeq, 'missing', entries);
        }
        if (r.prevHash !== prevHash) return fail(orgId, r.seq, 'broken_link', entries);
        if (entryHash({ ...r, data: r.data ?? null }) !== r.hash) {
          return fail(orgId, r.seq, 'altered', entries);
        }
        prevHash = r.hash;
        expectSeq++;
        entries++;
        lastSeq = r.seq;
      }
      if (rows.length < pageSize) break;
    }
    const count = expectSeq - 1;
    if (!head || head.seq !== count || head.hash !== prevHash) {
      return fail(orgId, count + 1, head && head.seq > count ? 'missing' : 'head_mismatch', entries);
    }
  }
  return { ok: true, organizations: orgIds.size, entries };
}

function fail(orgId: number, seq: number, reason: ChainProblem['reason'], entries: number): ChainReport {
  return { ok: false, organizations: 0, entries, problem: { orgId, seq, reason } };
}
