import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import {
  countActiveWithRole,
  createAccount,
  getAccount,
  preparePassword,
  setAccountPassword,
  updateAccount,
} from '../../core/auth/accounts.js';
import { hasRole, type Role } from '../../core/auth/roles.js';
import { users } from '../../core/auth/schema.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { forbidden, notFound, ValidationError } from '../../core/http/errors.js';
import { files } from '../../core/storage/schema.js';
import type { AccountInput, DivisionInput, PersonInput, PositionInput } from './inputs.js';
import { staffPolicy } from './policy.js';
import { commandChain, divisions, positions, staffActing, staffMembers } from './schema.js';

export type Division = typeof divisions.$inferSelect;
export type Position = typeof positions.$inferSelect;
export type StaffMember = typeof staffMembers.$inferSelect;

function requireRead(ctx: ServiceContext) {
  if (!staffPolicy.read(ctx.actor)) throw forbidden();
}

export function fullName(p: Pick<StaffMember, 'titlePrefix' | 'firstName' | 'lastName'>): string {
  return `${p.titlePrefix}${p.firstName} ${p.lastName}`;
}

/** A position's title as printed: executive titles take the organization's name from its record. */
export function positionTitle(p: Pick<Position, 'title' | 'appendOrgName'>, orgPlaceName: string, typeFull: string): string {
  return p.appendOrgName ? `${p.title}${typeFull}${orgPlaceName}` : p.title;
}

// ---------- divisions ----------

export async function listDivisions(ctx: ServiceContext, opts: { includeInactive?: boolean } = {}): Promise<Division[]> {
  return dbOf(ctx)
    .select()
    .from(divisions)
    .where(and(eq(divisions.orgId, ctx.orgId), opts.includeInactive ? undefined : eq(divisions.active, true)))
    .orderBy(asc(divisions.sortOrder), asc(divisions.name));
}

async function assertDivisionNameFree(tx: Db, orgId: number, name: string, exceptId?: number) {
  const [row] = await tx
    .select({ id: divisions.id })
    .from(divisions)
    .where(and(eq(divisions.orgId, orgId), eq(divisions.name, name)));
  if (row && row.id !== exceptId) {
    throw new ValidationError([{ field: 'name', label: 'staff.fields.divisionName', message: 'staff.divisionTaken' }]);
  }
}

export async function createDivision(ctx: ServiceContext, input: DivisionInput): Promise<number> {
  return runCommand(ctx, { action: 'staff.createDivision', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await assertDivisionNameFree(tx, ctx.orgId, input.name);
    const [row] = await tx
      .insert(divisions)
      .values({ orgId: ctx.orgId, name: input.name, nameEn: input.nameEn ?? null, sortOrder: input.sortOrder ?? 0 })
      .returning({ id: divisions.id });
    if (!row) throw new Error('insert failed');
    return { result: row.id, entity: 'division', entityId: row.id, summary: `เพิ่มส่วนราชการ ${input.name}` };
  });
}

export async function updateDivision(ctx: ServiceContext, id: number, input: DivisionInput & { active?: boolean }) {
  return runCommand(ctx, { action: 'staff.updateDivision', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await assertDivisionNameFree(tx, ctx.orgId, input.name, id);
    const [row] = await tx
      .update(divisions)
      .set({
        name: input.name,
        nameEn: input.nameEn ?? null,
        sortOrder: input.sortOrder ?? 0,
        active: input.active,
        updatedAt: ctx.app.now(),
      })
      .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.id, id)))
      .returning({ id: divisions.id });
    if (!row) throw notFound();
    return { result: undefined, entity: 'division', entityId: id, summary: `แก้ไขส่วนราชการ ${input.name}` };
  });
}

export async function getDivision(ctx: ServiceContext, id: number): Promise<Division> {
  requireRead(ctx);
  const [row] = await dbOf(ctx)
    .select()
    .from(divisions)
    .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.id, id)));
  if (!row) throw notFound();
  return row;
}

// ---------- positions ----------

export async function listPositions(ctx: ServiceContext): Promise<Position[]> {
  return dbOf(ctx).select().from(positions).where(eq(positions.orgId, ctx.orgId)).orderBy(asc(positions.sortOrder), asc(positions.title));
}

export async function getPosition(ctx: ServiceContext, id: number): Promise<Position> {
  requireRead(ctx);
  const [row] = await dbOf(ctx)
    .select()
    .from(positions)
    .where(and(eq(positions.orgId, ctx.orgId), eq(positions.id, id)));
  if (!row) throw notFound();
  return row;
}

async function assertDivisionExists(tx: Db, orgId: number, divisionId: number | undefined, field = 'divisionId') {
  if (divisionId === undefined) return;
  const [row] = await tx
    .select({ id: divisions.id })
    .from(divisions)
    .where(and(eq(divisions.orgId, orgId), eq(divisions.id, divisionId)));
  if (!row) throw new ValidationError([{ field, label: 'staff.fields.division', message: 'core.validation.choose' }]);
}

async function assertPositionsExist(tx: Db, orgId: number, ids: number[], field: string, label: string) {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.orgId, orgId), inArray(positions.id, ids)));
  if (rows.length !== new Set(ids).size) throw new ValidationError([{ field, label, message: 'core.validation.choose' }]);
}

export async function createPosition(ctx: ServiceContext, input: PositionInput): Promise<number> {
  return runCommand(ctx, { action: 'staff.createPosition', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await assertDivisionExists(tx, ctx.orgId, input.divisionId);
    const [row] = await tx
      .insert(positions)
      .values({
        orgId: ctx.orgId,
        title: input.title,
        titleEn: input.titleEn ?? null,
        appendOrgName: input.appendOrgName,
        divisionId: input.divisionId ?? null,
        rank: input.rank,
        sortOrder: input.sortOrder ?? 0,
      })
      .returning({ id: positions.id });
    if (!row) throw new Error('insert failed');
    return { result: row.id, entity: 'position', entityId: row.id, summary: `เพิ่มตำแหน่ง ${input.title}` };
  });
}

export async function updatePosition(ctx: ServiceContext, id: number, input: PositionInput) {
  return runCommand(ctx, { action: 'staff.updatePosition', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await assertDivisionExists(tx, ctx.orgId, input.divisionId);
    const [row] = await tx
      .update(positions)
      .set({
        title: input.title,
        titleEn: input.titleEn ?? null,
        appendOrgName: input.appendOrgName,
        divisionId: input.divisionId ?? null,
        rank: input.rank,
        sortOrder: input.sortOrder ?? 0,
        updatedAt: ctx.app.now(),
      })
      .where(and(eq(positions.orgId, ctx.orgId), eq(positions.id, id)))
      .returning({ id: positions.id });
    if (!row) throw notFound();
    return { result: undefined, entity: 'position', entityId: id, summary: `แก้ไขตำแหน่ง ${input.title}` };
  });
}

// ---------- people ----------

export interface StaffListItem {
  id: number;
  name: string;
  titlePrefix: string;
  firstName: string;
  lastName: string;
  positionId: number | null;
  positionTitle: string | null;
  positionAppendOrgName: boolean;
  divisionId: number | null;
  divisionName: string | null;
  userId: number | null;
  username: string | null;
  roles: Role[];
  disabled: boolean;
  active: boolean;
  email: string | null;
  phone: string | null;
}

export async function listStaff(
  ctx: ServiceContext,
  opts: { q?: string; divisionId?: number; includeInactive?: boolean } = {},
): Promise<StaffListItem[]> {
  requireRead(ctx);
  const q = opts.q?.trim();
  const rows = await dbOf(ctx)
    .select({ s: staffMembers, p: positions, d: divisions, u: users })
    .from(staffMembers)
    .leftJoin(positions, and(eq(positions.orgId, staffMembers.orgId), eq(positions.id, staffMembers.positionId)))
    .leftJoin(divisions, and(eq(divisions.orgId, staffMembers.orgId), eq(divisions.id, staffMembers.divisionId)))
    .leftJoin(users, and(eq(users.orgId, staffMembers.orgId), eq(users.id, staffMembers.userId)))
    .where(
      and(
        eq(staffMembers.orgId, ctx.orgId),
        opts.includeInactive ? undefined : eq(staffMembers.active, true),
        opts.divisionId ? eq(staffMembers.divisionId, opts.divisionId) : undefined,
        q
          ? or(
              ilike(staffMembers.firstName, `%${q}%`),
              ilike(staffMembers.lastName, `%${q}%`),
              ilike(users.username, `%${q}%`),
              ilike(positions.title, `%${q}%`),
            )
          : undefined,
      ),
    )
    .orderBy(asc(divisions.sortOrder), asc(positions.sortOrder), asc(staffMembers.firstName));
  return rows.map(({ s, p, d, u }) => ({
    id: s.id,
    name: fullName(s),
    titlePrefix: s.titlePrefix,
    firstName: s.firstName,
    lastName: s.lastName,
    positionId: s.positionId,
    positionTitle: p?.title ?? null,
    positionAppendOrgName: p?.appendOrgName ?? false,
    divisionId: s.divisionId,
    divisionName: d?.name ?? null,
    userId: s.userId,
    username: u?.username ?? null,
    roles: (u?.roles ?? []) as Role[],
    disabled: !!u?.disabledAt,
    active: s.active,
    email: s.email,
    phone: s.phone,
  }));
}

export interface StaffDetail extends StaffListItem {
  actingPositionIds: number[];
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  lockedUntil: Date | null;
}

export async function getStaff(ctx: ServiceContext, id: number): Promise<StaffDetail> {
  requireRead(ctx);
  const [row] = await dbOf(ctx)
    .select({ s: staffMembers, p: positions, d: divisions, u: users })
    .from(staffMembers)
    .leftJoin(positions, and(eq(positions.orgId, staffMembers.orgId), eq(positions.id, staffMembers.positionId)))
    .leftJoin(divisions, and(eq(divisions.orgId, staffMembers.orgId), eq(divisions.id, staffMembers.divisionId)))
    .leftJoin(users, and(eq(users.orgId, staffMembers.orgId), eq(users.id, staffMembers.userId)))
    .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, id)));
  if (!row) throw notFound();
  const acting = await dbOf(ctx)
    .select({ positionId: staffActing.positionId })
    .from(staffActing)
    .where(and(eq(staffActing.orgId, ctx.orgId), eq(staffActing.staffId, id)));
  const { s, p, d, u } = row;
  return {
    id: s.id,
    name: fullName(s),
    titlePrefix: s.titlePrefix,
    firstName: s.firstName,
    lastName: s.lastName,
    positionId: s.positionId,
    positionTitle: p?.title ?? null,
    positionAppendOrgName: p?.appendOrgName ?? false,
    divisionId: s.divisionId,
    divisionName: d?.name ?? null,
    userId: s.userId,
    username: u?.username ?? null,
    roles: (u?.roles ?? []) as Role[],
    disabled: !!u?.disabledAt,
    active: s.active,
    email: s.email,
    phone: s.phone,
    actingPositionIds: acting.map((a) => a.positionId),
    mustChangePassword: u?.mustChangePassword ?? false,
    lastLoginAt: u?.lastLoginAt ?? null,
    lockedUntil: u?.lockedUntil ?? null,
  };
}

/** The staff record of a signed-in account (for "my profile" and for routing). */
export async function staffOfUser(ctx: ServiceContext, userId: number): Promise<StaffMember | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(staffMembers)
    .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.userId, userId)));
  return row ?? null;
}

async function checkPersonRefs(tx: Db, orgId: number, input: PersonInput) {
  await assertDivisionExists(tx, orgId, input.divisionId);
  await assertPositionsExist(tx, orgId, input.positionId ? [input.positionId] : [], 'positionId', 'staff.fields.position');
}

export interface CreatedPerson {
  staffId: number;
  userId: number | null;
  /** Shown once to the administrator, to hand to the person; never stored in clear. */
  generatedPassword: string | null;
}

export async function createStaff(
  ctx: ServiceContext,
  input: PersonInput & { account?: AccountInput & { password?: string } },
): Promise<CreatedPerson> {
  const password = input.account ? await preparePassword(input.account.password) : null;
  return runCommand(ctx, { action: 'staff.createStaff', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await checkPersonRefs(tx, ctx.orgId, input);
    const now = ctx.app.now();
    let userId: number | null = null;
    let generatedPassword: string | null = null;
    if (input.account && password) {
      const created = await createAccount(tx, {
        orgId: ctx.orgId,
        username: input.account.username,
        displayName: fullName(input),
        roles: input.account.roles,
        password,
        now,
      });
      userId = created.userId;
      generatedPassword = created.generatedPassword;
    }
    const [row] = await tx
      .insert(staffMembers)
      .values({
        orgId: ctx.orgId,
        titlePrefix: input.titlePrefix,
        firstName: input.firstName,
        lastName: input.lastName,
        positionId: input.positionId ?? null,
        divisionId: input.divisionId ?? null,
        userId,
        email: input.email ?? null,
        phone: input.phone ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: staffMembers.id });
    if (!row) throw new Error('insert failed');
    return {
      result: { staffId: row.id, userId, generatedPassword },
      entity: 'staff',
      entityId: row.id,
      summary: `เพิ่มบุคลากร ${fullName(input)}${input.account ? ` พร้อมบัญชีผู้ใช้ ${input.account.username} (${input.account.roles.join(', ') || '-'})` : ''}`,
    };
  });
}

export async function updateStaff(ctx: ServiceContext, id: number, input: PersonInput & { active?: boolean }) {
  return runCommand(ctx, { action: 'staff.updateStaff', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await checkPersonRefs(tx, ctx.orgId, input);
    const now = ctx.app.now();
    const [row] = await tx
      .update(staffMembers)
      .set({
        titlePrefix: input.titlePrefix,
        firstName: input.firstName,
        lastName: input.lastName,
        positionId: input.positionId ?? null,
        divisionId: input.divisionId ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        active: input.active,
        updatedAt: now,
      })
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, id)))
      .returning({ userId: staffMembers.userId });
    if (!row) throw notFound();
    if (row.userId) await updateAccount(tx, ctx.orgId, row.userId, { displayName: fullName(input), now });
    return { result: undefined, entity: 'staff', entityId: id, summary: `แก้ไขข้อมูลบุคลากร ${fullName(input)}` };
  });
}

async function staffRow(tx: Db, orgId: number, id: number): Promise<StaffMember> {
  const [row] = await tx
    .select()
    .from(staffMembers)
    .where(and(eq(staffMembers.orgId, orgId), eq(staffMembers.id, id)));
  if (!row) throw notFound();
  return row;
}

/** The administrators may not remove the last way in: the last enabled admin keeps the role. */
async function assertAdminRemains(tx: Db, orgId: number, userId: number) {
  if ((await countActiveWithRole(tx, orgId, 'admin', userId)) === 0) {
    throw new ValidationError([{ field: 'roles', label: 'staff.fields.roles', message: 'staff.lastAdmin' }]);
  }
}

/** Gives a person an account, or changes its username and roles. A new account gets a generated password. */
export async function setAccount(ctx: ServiceContext, staffId: number, input: AccountInput): Promise<{ generatedPassword: string | null }> {
  const password = await preparePassword(); // used only when the person has no account yet
  return runCommand(ctx, { action: 'staff.setAccount', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    const person = await staffRow(tx, ctx.orgId, staffId);
    const now = ctx.app.now();
    if (person.userId) {
      const account = await getAccount(tx, ctx.orgId, person.userId);
      if (account?.roles.includes('admin') && !input.roles.includes('admin')) {
        await assertAdminRemains(tx, ctx.orgId, person.userId);
      }
      await updateAccount(tx, ctx.orgId, person.userId, { username: input.username, roles: input.roles, now });
      return {
        result: { generatedPassword: null },
        entity: 'account',
        entityId: person.userId,
        summary: `แก้ไขบัญชีผู้ใช้ ${input.username} ของ ${fullName(person)}: บทบาท ${input.roles.join(', ') || '-'}`,
        data: { before: { username: account?.username, roles: account?.roles }, after: input },
      };
    }
    const created = await createAccount(tx, {
      orgId: ctx.orgId,
      username: input.username,
      displayName: fullName(person),
      roles: input.roles,
      password,
      now,
    });
    await tx
      .update(staffMembers)
      .set({ userId: created.userId, updatedAt: now })
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, staffId)));
    return {
      result: { generatedPassword: created.generatedPassword },
      entity: 'account',
      entityId: created.userId,
      summary: `สร้างบัญชีผู้ใช้ ${input.username} ให้ ${fullName(person)}: บทบาท ${input.roles.join(', ') || '-'}`,
    };
  });
}

/** A forgotten password: a new generated one, to be replaced at the next sign-in; all sessions end. */
export async function resetPassword(ctx: ServiceContext, staffId: number): Promise<string> {
  const password = await preparePassword();
  return runCommand(ctx, { action: 'staff.resetPassword', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    const person = await staffRow(tx, ctx.orgId, staffId);
    if (!person.userId) throw notFound();
    await setAccountPassword(tx, { orgId: ctx.orgId, userId: person.userId, password, mustChange: true, now: ctx.app.now() });
    return { result: password.generated ?? '', entity: 'account', entityId: person.userId, summary: `ตั้งรหัสผ่านใหม่ให้ ${fullName(person)}` };
  });
}

export async function setAccountDisabled(ctx: ServiceContext, staffId: number, disabled: boolean) {
  return runCommand(
    ctx,
    { action: disabled ? 'staff.disableAccount' : 'staff.enableAccount', allowed: staffPolicy.manage(ctx.actor) },
    async (tx) => {
      const person = await staffRow(tx, ctx.orgId, staffId);
      if (!person.userId) throw notFound();
      if (disabled) {
        if (person.userId === ctx.actor?.userId) throw forbidden('staff.cannotDisableSelf');
        const account = await getAccount(tx, ctx.orgId, person.userId);
        if (account?.roles.includes('admin')) await assertAdminRemains(tx, ctx.orgId, person.userId);
      }
      await updateAccount(tx, ctx.orgId, person.userId, { disabled, now: ctx.app.now() });
      return {
        result: undefined,
        entity: 'account',
        entityId: person.userId,
        summary: `${disabled ? 'ระงับ' : 'เปิดใช้'}บัญชีผู้ใช้ของ ${fullName(person)}`,
      };
    },
  );
}

/** รักษาการแทน: the positions a person acts for besides their own. */
export async function setActing(ctx: ServiceContext, staffId: number, positionIds: number[]) {
  return runCommand(ctx, { action: 'staff.setActing', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    const person = await staffRow(tx, ctx.orgId, staffId);
    const ids = [...new Set(positionIds)];
    await assertPositionsExist(tx, ctx.orgId, ids, 'positionIds', 'staff.fields.acting');
    await tx.delete(staffActing).where(and(eq(staffActing.orgId, ctx.orgId), eq(staffActing.staffId, staffId)));
    if (ids.length > 0) {
      await tx.insert(staffActing).values(ids.map((positionId) => ({ orgId: ctx.orgId, staffId, positionId })));
    }
    return {
      result: undefined,
      entity: 'staff',
      entityId: staffId,
      summary: `กำหนดการรักษาการแทนของ ${fullName(person)}`,
      data: { positionIds: ids },
    };
  });
}

// ---------- chain of command ----------

export interface ChainStep {
  step: number;
  position: Position;
  /** Who signs for this step: the holder of the position, or else whoever acts for it. */
  holder: { staffId: number; name: string; ownPositionId: number | null; acting: boolean; userId: number | null } | null;
}

/** The chain a report is routed up, with who holds each step today. */
export async function resolveCommandChain(ctx: ServiceContext): Promise<ChainStep[]> {
  requireRead(ctx);
  const d = dbOf(ctx);
  const steps = await d
    .select({ step: commandChain.step, position: positions })
    .from(commandChain)
    .innerJoin(positions, and(eq(positions.orgId, commandChain.orgId), eq(positions.id, commandChain.positionId)))
    .where(eq(commandChain.orgId, ctx.orgId))
    .orderBy(asc(commandChain.step));
  const out: ChainStep[] = [];
  for (const s of steps) {
    const [holder] = await d
      .select()
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.positionId, s.position.id), eq(staffMembers.active, true)))
      .orderBy(asc(staffMembers.id))
      .limit(1);
    if (holder) {
      out.push({
        step: s.step,
        position: s.position,
        holder: { staffId: holder.id, name: fullName(holder), ownPositionId: holder.positionId, acting: false, userId: holder.userId },
      });
      continue;
    }
    const [acting] = await d
      .select({ s: staffMembers })
      .from(staffActing)
      .innerJoin(staffMembers, and(eq(staffMembers.orgId, staffActing.orgId), eq(staffMembers.id, staffActing.staffId)))
      .where(and(eq(staffActing.orgId, ctx.orgId), eq(staffActing.positionId, s.position.id), eq(staffMembers.active, true)))
      .orderBy(asc(staffMembers.id))
      .limit(1);
    out.push({
      step: s.step,
      position: s.position,
      holder: acting
        ? { staffId: acting.s.id, name: fullName(acting.s), ownPositionId: acting.s.positionId, acting: true, userId: acting.s.userId }
        : null,
    });
  }
  return out;
}

export async function setCommandChain(ctx: ServiceContext, positionIds: number[]) {
  return runCommand(ctx, { action: 'staff.setCommandChain', allowed: staffPolicy.manage(ctx.actor) }, async (tx) => {
    await assertPositionsExist(tx, ctx.orgId, positionIds, 'step1', 'staff.chain.step1');
    await tx.delete(commandChain).where(eq(commandChain.orgId, ctx.orgId));
    await tx.insert(commandChain).values(positionIds.map((positionId, i) => ({ orgId: ctx.orgId, step: i + 1, positionId })));
    const titles = await tx
      .select({ id: positions.id, title: positions.title })
      .from(positions)
      .where(and(eq(positions.orgId, ctx.orgId), inArray(positions.id, positionIds)));
    const names = positionIds.map((id) => titles.find((t) => t.id === id)?.title ?? String(id));
    return { result: undefined, entity: 'command_chain', summary: `กำหนดสายการบังคับบัญชา: ${names.join(' → ')}`, data: { positionIds } };
  });
}

export async function staffCounts(ctx: ServiceContext) {
  requireRead(ctx);
  const [row] = await dbOf(ctx)
    .select({
      people: sql<number>`count(*)::int`,
      accounts: sql<number>`count(${staffMembers.userId})::int`,
    })
    .from(staffMembers)
    .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true)));
  return row ?? { people: 0, accounts: 0 };
}

/**
 * Sets (or with null removes) the portrait of a staff member shown on the public executives
 * page (o2). The file must be an image of this organization already in the store; the
 * administrator and the ITA coordinator (who keeps the organization pages) may set it.
 */
export async function setStaffPhoto(ctx: ServiceContext, staffId: number, fileId: number | null): Promise<void> {
  const allowed = hasRole(ctx.actor, 'admin', 'ita_coordinator');
  return runCommand(ctx, { action: 'staff.setPhoto', allowed }, async (tx, tools) => {
    const person = await staffRow(tx, ctx.orgId, staffId);
    if (fileId !== null) {
      const [file] = await tx
        .select({ mime: files.mime })
        .from(files)
        .where(and(eq(files.orgId, ctx.orgId), eq(files.id, fileId)));
      if (!file?.mime.startsWith('image/')) {
        throw new ValidationError([
          { field: 'photo', label: 'about.fields.photo', message: 'core.files.typeNotAllowed', params: { allowed: 'image' } },
        ]);
      }
    }
    await tx
      .update(staffMembers)
      .set({ photoFileId: fileId, updatedAt: ctx.app.now() })
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, staffId)));
    tools.publish({ topic: 'pages.changed' });
    return {
      result: undefined,
      entity: 'staff',
      entityId: staffId,
      summary: `${fileId === null ? 'นำรูปถ่ายออก' : 'ตั้งรูปถ่าย'}: ${fullName(person)}`,
      data: { fileId },
    };
  });
}
