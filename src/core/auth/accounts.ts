import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { ValidationError } from '../http/errors.js';
import { generatePassword, hashPassword } from './passwords.js';
import type { Role } from './roles.js';
import { users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

/** Sign-in accounts: created and changed by the staff and auth modules' commands, inside their transactions. */
export type AccountRow = typeof users.$inferSelect;

export async function findAccountByUsername(db: Db, orgId: number, username: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`lower(${users.username}) = ${username.toLowerCase()}`));
  return row;
}

export async function getAccount(db: Db, orgId: number, userId: number): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row;
}

async function assertUsernameFree(tx: Db, orgId: number, username: string, exceptUserId?: number) {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        sql`lower(${users.username}) = ${username.toLowerCase()}`,
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  if (row) {
    throw new ValidationError([{ field: 'username', label: 'staff.fields.username', message: 'staff.usernameTaken' }]);
  }
}

/** A password hashed ahead of the transaction that stores it (argon2 takes tens of ms). */
export interface PreparedPassword {
  hash: string;
  /** The generated password to show once, or null when the person chose it. */
  generated: string | null;
}

/**
 * Hashes a chosen password, or generates and hashes one. Call it before opening the write's
 * transaction: on PGlite every request waits while a transaction is open.
 */
export async function preparePassword(chosen?: string): Promise<PreparedPassword> {
  const generated = chosen ? null : generatePassword();
  return { hash: await hashPassword(chosen ?? generated ?? ''), generated };
}

/**
 * Creates an account. Without a chosen password one is generated and returned once, and the
 * person must replace it at first sign-in.
 */
export async function createAccount(
  tx: Db,
  input: { orgId: number; username: string; displayName: string; roles: Role[]; password: PreparedPassword; now: Date },
): Promise<{ userId: number; generatedPassword: string | null }> {
  await assertUsernameFree(tx, input.orgId, input.username);
  const generated = input.password.generated;
  const [row] = await tx
    .insert(users)
    .values({
      orgId: input.orgId,
      username: input.username,
      passwordHash: input.password.hash,
      displayName: input.displayName,
      roles: input.roles,
      mustChangePassword: generated !== null,
      passwordChangedAt: input.now,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: users.id });
  if (!row) throw new Error('account not created');
  return { userId: row.id, generatedPassword: generated };
}

export async function updateAccount(
  tx: Db,
  orgId: number,
  userId: number,
  patch: { username?: string; displayName?: string; roles?: Role[]; disabled?: boolean; now: Date },
) {
  if (patch.username) await assertUsernameFree(tx, orgId, patch.username, userId);
  await tx
    .update(users)
    .set({
      username: patch.username,
      displayName: patch.displayName,
      roles: patch.roles,
      disabledAt: patch.disabled === undefined ? undefined : patch.disabled ? patch.now : null,
      updatedAt: patch.now,
    })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  if (patch.disabled) await deleteUserSessions(tx, orgId, userId);
}

/** Sets a new password; ends the account's other sessions (a reset ends all of them). */
export async function setAccountPassword(
  tx: Db,
  input: { orgId: number; userId: number; password: PreparedPassword; mustChange: boolean; now: Date; keepSessionId?: string },
) {
  await tx
    .update(users)
    .set({
      passwordHash: input.password.hash,
      mustChangePassword: input.mustChange,
      passwordChangedAt: input.now,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: input.now,
    })
    .where(and(eq(users.orgId, input.orgId), eq(users.id, input.userId)));
  await deleteUserSessions(tx, input.orgId, input.userId, input.keepSessionId);
}

/** How many enabled accounts hold a role (the last administrator may not lock everyone out). */
export async function countActiveWithRole(db: Db, orgId: number, role: Role, exceptUserId?: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        sql`${role} = ANY(${users.roles})`,
        sql`${users.disabledAt} IS NULL`,
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  return row?.n ?? 0;
}
