import { and, eq } from 'drizzle-orm';
import { findAccountByUsername, getAccount, setAccountPassword } from '../../core/auth/accounts.js';
import { burnPasswordCheck, passwordProblem, verifyPassword } from '../../core/auth/passwords.js';
import { type Actor, isRole } from '../../core/auth/roles.js';
import { users } from '../../core/auth/schema.js';
import { type SessionKind, createSession, deleteSession } from '../../core/auth/sessions.js';
import { runCommand } from '../../core/command.js';
import type { AppServices, ServiceContext } from '../../core/context.js';
import { AppError, ValidationError, unauthorized } from '../../core/http/errors.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { formatThaiTime } from '../../core/thai/dates.js';

/** After this many wrong passwords in a row the account locks, for 1, 2, 4 … up to 60 minutes. */
export const LOCK_AFTER = 5;
const MAX_LOCK_MINUTES = 60;

// Per app server: 30 attempts per 10 minutes from one address to one organization.
const byAddress = new RateLimiter(30, 10 * 60 * 1000);

export function lockMinutes(failures: number): number {
  if (failures < LOCK_AFTER) return 0;
  return Math.min(2 ** (failures - LOCK_AFTER), MAX_LOCK_MINUTES);
}

export interface LoginInput {
  username: string;
  password: string;
  kind: SessionKind;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

const invalid = () => new AppError(401, 'invalid_credentials', 'auth.invalid');

/**
 * Sign-in. A wrong username and a wrong password get the same answer after the same time;
 * repeated failures lock the account for a growing while, recorded in the database so every
 * app server honours it; a flood from one address is slowed too.
 */
export async function login(app: AppServices, orgId: number, input: LoginInput): Promise<LoginResult> {
  const wait = byAddress.hit(`${orgId}:${input.ip ?? '-'}`, app.now().getTime());
  if (wait > 0) throw new AppError(429, 'too_many_attempts', 'auth.tooManyAttempts', { seconds: wait });

  const account = await findAccountByUsername(app.db, orgId, input.username);
  const now = app.now();
  if (!account || account.disabledAt) {
    await burnPasswordCheck(input.password);
    throw invalid();
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError(429, 'account_locked', 'auth.locked', { time: formatThaiTime(account.lockedUntil) });
  }
  const ok = await verifyPassword(account.passwordHash, input.password);
  const label = `${account.username} (${account.displayName})`;
  const ctx: ServiceContext = { app, orgId, actor: null, ip: input.ip };
  if (!ok) {
    const failures = account.failedLogins + 1;
    const minutes = lockMinutes(failures);
    const lockedUntil = minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
    await runCommand(ctx, { action: 'auth.loginFailed', allowed: true, actorLabel: label }, async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: failures, lockedUntil })
        .where(and(eq(users.orgId, orgId), eq(users.id, account.id)));
      return {
        result: undefined,
        entity: 'account',
        entityId: account.id,
        summary: lockedUntil
          ? `รหัสผ่านผิดครั้งที่ ${failures}: ระงับการเข้าสู่ระบบ ${minutes} นาที`
          : `รหัสผ่านผิดครั้งที่ ${failures}`,
      };
    });
    if (lockedUntil) throw new AppError(429, 'account_locked', 'auth.locked', { time: formatThaiTime(lockedUntil) });
    throw invalid();
  }
  const actor: Actor = {
    orgId,
    userId: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles.filter(isRole),
    mustChangePassword: account.mustChangePassword,
  };
  const session = await runCommand({ ...ctx, actor }, { action: 'auth.login', allowed: true }, async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(and(eq(users.orgId, orgId), eq(users.id, account.id)));
    const s = await createSession(tx, { orgId, userId: account.id, kind: input.kind, ip: input.ip, userAgent: input.userAgent, now });
    return {
      result: s,
      entity: 'account',
      entityId: account.id,
      summary: input.kind === 'api' ? 'เข้าสู่ระบบผ่าน API' : 'เข้าสู่ระบบ',
    };
  });
  byAddress.reset(`${orgId}:${input.ip ?? '-'}`);
  return { ...session, actor };
}

export async function logout(ctx: ServiceContext, sessionId: string) {
  if (!ctx.actor) throw unauthorized();
  await runCommand(ctx, { action: 'auth.logout', allowed: true }, async (tx) => {
    await deleteSession(tx, ctx.orgId, sessionId);
    return { result: undefined, entity: 'account', entityId: ctx.actor?.userId, summary: 'ออกจากระบบ' };
  });
}

/** The signed-in person replaces their password (required after a generated one). */
export async function changePassword(ctx: ServiceContext, input: { current: string; next: string; confirm: string; sessionId: string }) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const account = await getAccount(ctx.app.db, ctx.orgId, actor.userId);
  if (!account) throw unauthorized();
  if (!(await verifyPassword(account.passwordHash, input.current))) {
    throw new ValidationError([{ field: 'current', label: 'auth.fields.currentPassword', message: 'auth.wrongCurrent' }]);
  }
  const problem = passwordProblem(input.next, account.username);
  if (problem) throw new ValidationError([{ field: 'next', label: 'auth.fields.newPassword', message: problem }]);
  if (input.next !== input.confirm) {
    throw new ValidationError([{ field: 'confirm', label: 'auth.fields.confirmPassword', message: 'core.validation.passwordMismatch' }]);
  }
  if (input.next === input.current) {
    throw new ValidationError([{ field: 'next', label: 'auth.fields.newPassword', message: 'auth.sameAsCurrent' }]);
  }
  await runCommand(ctx, { action: 'auth.changePassword', allowed: true }, async (tx) => {
    await setAccountPassword(tx, { orgId: ctx.orgId, userId: actor.userId, password: input.next, mustChange: false, now: ctx.app.now(), keepSessionId: input.sessionId });
    return { result: undefined, entity: 'account', entityId: actor.userId, summary: 'เปลี่ยนรหัสผ่าน' };
  });
}
