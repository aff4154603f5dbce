import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers. */
export interface ChainedEntry {
  orgId: number;
  seq: number;
  at: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  data: Record<string, unknown> | null;
  ip: string | null;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(e: ChainedEntry): string {
  const body = canonicalJson([
    e.orgId,
    e.seq,
    e.at.toISOString(),
    e.actorUserId,
    e.actorLabel,
    e.action,
    e.entity,
    e.entityId,
    e.summary,
    e.data,
    e.ip,
    e.prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}
