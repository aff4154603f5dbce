import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Actor, isRole } from './roles.js';
import { sessions, users } from './schema.js';

export type SessionKind = 'browser' | 'api';

/** Idle time after which a browser session ends; API tokens last longer. */
export const SESSION_TTL_MS: Record<SessionKind, number> = {
  browser: 8 * 60 * 60 * 1000,
  api: 30 * 24 * 60 * 60 * 1000,
};
// Sliding expiry is written at most this often, not on every request.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface SessionInfo {
  id: string;
  kind: SessionKind;
  csrfToken: string;
  actor: Actor;
}

export async function createSession(
  tx: Db,
  input: { orgId: number; userId: number; kind: SessionKind; ip?: string | null; userAgent?: string | null; now: Date },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_TTL_MS[input.kind]);
  await tx.insert(sessions).values({
    orgId: input.orgId,
    id: tokenId(token),
    userId: input.userId,
    kind: input.kind,
    csrfToken,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** The live session a token belongs to in this organization, with its account; null otherwise. */
export async function findSession(db: Db, orgId: number, token: string, now: Date): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const id = tokenId(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.orgId, orgId), eq(sessions.id, id), gt(sessions.expiresAt, now)));
  if (!row || row.user.disabledAt) return null;
  const kind = row.session.kind as SessionKind;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // A browser session slides while it is used; an API token ends when it was told to.
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: kind === 'browser' ? new Date(now.getTime() + SESSION_TTL_MS[kind]) : row.session.expiresAt })
      .where(and(eq(sessions.orgId, orgId), eq(sessions.id, id)));
  }
  return {
    id,
    kind,
    csrfToken: row.session.csrfToken,
    actor: {
      orgId,
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      roles: row.user.roles.filter(isRole),
      mustChangePassword: row.user.mustChangePassword,
    },
  };
}

export async function deleteSession(tx: Db, orgId: number, id: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.id, id)));
}

/** Ends every session of an account (password changed or reset, account disabled). */
export async function deleteUserSessions(tx: Db, orgId: number, userId: number, exceptId?: string) {
  const rows = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));
  for (const r of rows) {
    if (r.id !== exceptId) await deleteSession(tx, orgId, r.id);
  }
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
