import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { verifyAuditChain } from '../../core/audit/audit.js';
import { auditLog } from '../../core/audit/schema.js';
import type { Db } from '../../core/db/client.js';
import { files } from '../../core/storage/schema.js';
import type { FileStore } from '../../core/storage/store.js';
import { chainLog } from './chain.js';
import { publications } from './schema.js';
import { LOG_AUDIT, logAuditData, type Publication } from './service.js';

/** Why a publication failed verification (the first one found, in organization then publication order). */
export type PublicationProblemReason =
  | 'link_missing'
  | 'link_mismatch'
  | 'file_row_missing'
  | 'file_row_mismatch'
  | 'file_missing'
  | 'file_altered'
  | 'audit_missing'
  | 'audit_mismatch'
  | 'row_missing'
  | 'audit_chain_broken';

export interface PublicationProblem {
  orgId: number;
  /** The publication (for audit_chain_broken: the audit entry's seq). */
  id: number;
  reason: PublicationProblemReason;
  detail: string;
}

export interface PublicationsReport {
  ok: boolean;
  organizations: number;
  /** Rows whose chain link, file and audit entry were checked (before the problem, if any). */
  publications: number;
  /** Distinct stored files whose bytes were hashed. */
  files: number;
  /** Rows compared with their own audit entry. */
  crossChecked: number;
  /** Rows written before each row had its own audit entry (their link and file are still checked). */
  legacy: number;
  problem?: PublicationProblem;
}

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Checks the publication log of every organization (or one) from the rows themselves:
 *  1. the hash chain recomputed in publication order (chain.ts) equals each stored chain_link —
 *     an altered sha256, published_at, id, withdrawal or supersession breaks it at that row;
 *  2. each row's file: the files row names the same sha256 and size, and the bytes in the store
 *     hash to that sha256;
 *  3. each row against its own audit entry ('publications.log', written in the same transaction:
 *     kind, action, sha256, size, file, time, what it replaced or withdrew, reason, link), and
 *     every such entry has its row (a deleted last row leaves no gap in the chain, but its entry
 *     stays); rows older than the organization's first such entry are counted as legacy;
 *  4. the organization's audit chain itself (what the cross-check relies on).
 * Stops at the first problem, naming the organization and the publication.
 */
export async function verifyPublications(db: Db, store: FileStore, onlyOrgId?: number): Promise<PublicationsReport> {
  const withRows = await db
    .selectDistinct({ orgId: publications.orgId })
    .from(publications)
    .where(onlyOrgId === undefined ? undefined : eq(publications.orgId, onlyOrgId));
  // An organization whose rows were all deleted still has their audit entries.
  const withEntries = await db
    .selectDistinct({ orgId: auditLog.orgId })
    .from(auditLog)
    .where(and(eq(auditLog.action, LOG_AUDIT.action), onlyOrgId === undefined ? undefined : eq(auditLog.orgId, onlyOrgId)));
  const orgRows = [...new Set([...withRows, ...withEntries].map((r) => r.orgId))].sort((a, b) => a - b).map((orgId) => ({ orgId }));
  const report: PublicationsReport = { ok: true, organizations: 0, publications: 0, files: 0, crossChecked: 0, legacy: 0 };
  const fail = (orgId: number, id: number, reason: PublicationProblemReason, detail: string): PublicationsReport => ({
    ...report,
    ok: false,
    problem: { orgId, id, reason, detail },
  });
  const hashed = new Map<string, string | null>();
  for (const { orgId } of orgRows) {
    report.organizations++;
    const rows: Publication[] = await db.select().from(publications).where(eq(publications.orgId, orgId)).orderBy(asc(publications.id));
    const fileIds = [...new Set(rows.map((r) => r.fileId))];
    const fileRows = fileIds.length
      ? await db
          .select()
          .from(files)
          .where(and(eq(files.orgId, orgId), inArray(files.id, fileIds)))
      : [];
    const fileById = new Map(fileRows.map((f) => [f.id, f]));
    const entries = await db
      .select({ entityId: auditLog.entityId, data: auditLog.data, seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, LOG_AUDIT.action), eq(auditLog.entity, LOG_AUDIT.entity)))
      .orderBy(asc(auditLog.seq));
    const entryOf = new Map(entries.map((e) => [Number(e.entityId), e.data ?? {}]));
    const firstLogged = Math.min(...rows.filter((r) => entryOf.has(r.id)).map((r) => r.id));
    const chained = chainLog(rows);
    for (const { entry: row, replaces, chain } of chained.rows) {
      // 1. The chain.
      if (row.chainLink == null) return fail(orgId, row.id, 'link_missing', 'no chain link stored');
      if (row.chainLink !== chain) {
        return fail(orgId, row.id, 'link_mismatch', `stored ${row.chainLink}, recomputed ${chain}`);
      }
      // 2. The file.
      const file = fileById.get(row.fileId);
      if (!file) return fail(orgId, row.id, 'file_row_missing', `file #${row.fileId} is not in the files table`);
      if (file.sha256 !== row.sha256 || file.size !== row.size) {
        return fail(orgId, row.id, 'file_row_mismatch', `file #${row.fileId} records sha256 ${file.sha256}, ${file.size} bytes`);
      }
      if (!hashed.has(row.sha256)) {
        let actual: string | null = null;
        try {
          actual = sha256Hex(await store.read(row.sha256));
        } catch {
          actual = null;
        }
        hashed.set(row.sha256, actual);
        report.files++;
      }
      const actual = hashed.get(row.sha256);
      if (actual == null) return fail(orgId, row.id, 'file_missing', `no stored bytes for ${row.sha256}`);
      if (actual !== row.sha256) return fail(orgId, row.id, 'file_altered', `the stored bytes hash to ${actual}`);
      // 3. Its audit entry.
      const data = entryOf.get(row.id);
      if (data) {
        const expected = logAuditData(row, replaces);
        for (const [k, v] of Object.entries(expected)) {
          if ((data[k] ?? null) !== v) {
            return fail(
              orgId,
              row.id,
              'audit_mismatch',
              `${k} is ${JSON.stringify(v)} here, ${JSON.stringify(data[k] ?? null)} in the audit log`,
            );
          }
        }
        report.crossChecked++;
      } else if (row.id > firstLogged) {
        return fail(orgId, row.id, 'audit_missing', 'no audit entry records this row');
      } else {
        report.legacy++;
      }
      report.publications++;
    }
    const ids = new Set(rows.map((r) => r.id));
    for (const e of entries) {
      const id = Number(e.entityId);
      if (!ids.has(id)) return fail(orgId, id, 'row_missing', `audit entry ${e.seq} records it, the table has no such row`);
    }
    // 4. The audit chain the cross-check relies on.
    const audit = await verifyAuditChain(db, orgId);
    if (!audit.ok) {
      return fail(orgId, audit.problem?.seq ?? 0, 'audit_chain_broken', `audit entry ${audit.problem?.seq}: ${audit.problem?.reason}`);
    }
  }
  return report;
}
