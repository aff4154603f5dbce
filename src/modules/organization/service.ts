import { and, asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../core/audit/audit.js';
import { systemActor } from '../../core/auth/roles.js';
import { runCommand } from '../../core/command.js';
import { type AppServices, dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, notFound, ValidationError } from '../../core/http/errors.js';
import { saveFile } from '../../core/storage/files.js';
import { type Organization, toOrganization } from '../../core/tenancy/organization.js';
import { organizations, orgHosts } from '../../core/tenancy/schema.js';
import { createPosition, createStaff } from '../staff/service.js';
import type { OrgInput, OrgSettingsInput } from './inputs.js';
import { organizationPolicy } from './policy.js';

export async function getOrganization(ctx: ServiceContext): Promise<Organization> {
  const [row] = await dbOf(ctx).select().from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!row) throw notFound();
  return toOrganization(row);
}

export async function organizationCount(app: AppServices): Promise<number> {
  const [row] = await app.db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  return row?.n ?? 0;
}

async function assertUnique(tx: Db, input: OrgInput, exceptId?: number) {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.type, input.type), eq(organizations.name, input.name), eq(organizations.province, input.province)));
  if (row && row.id !== exceptId) {
    throw new ValidationError([{ field: 'name', label: 'organization.fields.name', message: 'organization.duplicate' }]);
  }
}

async function insertOrganization(
  tx: Db,
  app: AppServices,
  input: OrgInput,
  hostname: string | null,
  auditLabel: string,
  ip: string | null,
) {
  await assertUnique(tx, input);
  const now = app.now();
  const [row] = await tx
    .insert(organizations)
    .values({
      type: input.type,
      name: input.name,
      nameEn: input.nameEn ?? null,
      province: input.province,
      district: input.district,
      subdistrict: input.subdistrict ?? null,
      docCode: input.docCode,
      address: input.address,
      postcode: input.postcode ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      website: input.website ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('organization not created');
  if (hostname) {
    const [taken] = await tx.select().from(orgHosts).where(eq(orgHosts.hostname, hostname));
    if (taken) {
      throw new ValidationError([
        { field: 'hostname', label: 'organization.settings.hostname', message: 'organization.settings.hostTaken' },
      ]);
    }
    await tx.insert(orgHosts).values({ hostname, orgId: row.id, createdAt: now });
  }
  const org = toOrganization(row);
  await appendAudit(tx, {
    orgId: row.id,
    actorUserId: null,
    actorLabel: auditLabel,
    action: 'organization.create',
    entity: 'organization',
    entityId: row.id,
    summary: `สร้างหน่วยงาน ${org.names.full}`,
    ip,
    at: now,
  });
  return org;
}

export interface SetupInput {
  org: OrgInput;
  admin: {
    titlePrefix: string;
    firstName: string;
    lastName: string;
    positionTitle: string;
    email?: string;
    username: string;
    password: string;
  };
}

/**
 * First-run setup: the organization and its first administrator, in one transaction, only
 * while no organization exists (two browsers submitting at once: the second is refused).
 */
export async function setupOrganization(app: AppServices, input: SetupInput, meta: { hostname: string | null; ip: string | null }) {
  const deferred: (() => void | Promise<void>)[] = [];
  const result = await app.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(sql`LOCK TABLE organizations IN EXCLUSIVE MODE`);
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(organizations);
    if ((existing?.n ?? 0) > 0) throw new AppError(409, 'already_set_up', 'organization.setup.alreadyDone');
    const org = await insertOrganization(tx, app, input.org, meta.hostname, 'setup', meta.ip);
    const ctx: ServiceContext = { app, orgId: org.id, actor: systemActor(org.id, 'setup'), ip: meta.ip, tx, deferred };
    const positionId = await createPosition(ctx, { title: input.admin.positionTitle, appendOrgName: false, rank: 'staff' });
    const person = await createStaff(ctx, {
      titlePrefix: input.admin.titlePrefix,
      firstName: input.admin.firstName,
      lastName: input.admin.lastName,
      positionId,
      email: input.admin.email,
      account: { username: input.admin.username, roles: ['admin'], password: input.admin.password },
    });
    return { orgId: org.id, userId: person.userId };
  });
  await afterSetup(app, result.orgId, deferred);
  return result;
}

/**
 * For hosting operators (CLI) and tests: another organization, reached at its own web address,
 * with its first administrator when given — all in one transaction, or nothing.
 */
export async function createOrganization(
  app: AppServices,
  input: OrgInput,
  hostname: string,
  admin?: { titlePrefix: string; firstName: string; lastName: string; positionTitle: string; username: string },
): Promise<Organization & { adminPassword: string | null }> {
  const deferred: (() => void | Promise<void>)[] = [];
  const result = await app.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const org = await insertOrganization(tx, app, input, hostname, 'cli', null);
    let adminPassword: string | null = null;
    if (admin) {
      const ctx: ServiceContext = { app, orgId: org.id, actor: systemActor(org.id, 'cli'), tx, deferred };
      const positionId = await createPosition(ctx, { title: admin.positionTitle, appendOrgName: false, rank: 'staff' });
      const person = await createStaff(ctx, {
        titlePrefix: admin.titlePrefix,
        firstName: admin.firstName,
        lastName: admin.lastName,
        positionId,
        account: { username: admin.username, roles: ['admin'] },
      });
      adminPassword = person.generatedPassword;
    }
    return { ...org, adminPassword };
  });
  await afterSetup(app, result.id, deferred);
  return result;
}

/** Steps after an organization's creation committed; a failure here is logged, never reported as a failed creation. */
async function afterSetup(app: AppServices, orgId: number, deferred: (() => void | Promise<void>)[]) {
  for (const step of [() => app.events.publish({ topic: 'org.changed', orgId }), ...deferred]) {
    try {
      await step();
    } catch (err) {
      app.log.error({ err, orgId }, 'a step after creating an organization failed');
    }
  }
}

export async function updateOrganization(ctx: ServiceContext, input: OrgSettingsInput) {
  return runCommand(ctx, { action: 'organization.update', allowed: organizationPolicy.manage(ctx.actor) }, async (tx, tools) => {
    await assertUnique(tx, input, ctx.orgId);
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, ctx.orgId));
    if (!before) throw notFound();
    await tx
      .update(organizations)
      .set({
        type: input.type,
        name: input.name,
        nameEn: input.nameEn ?? null,
        province: input.province,
        district: input.district,
        subdistrict: input.subdistrict ?? null,
        docCode: input.docCode,
        address: input.address,
        postcode: input.postcode ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        website: input.website ?? null,
        brandColor: input.brandColor,
        version: sql`${organizations.version} + 1`,
        updatedAt: ctx.app.now(),
      })
      .where(eq(organizations.id, ctx.orgId));
    tools.publish({ topic: 'org.changed' });
    const changed = Object.keys(input).filter(
      (k) => String((before as Record<string, unknown>)[k] ?? '') !== String((input as Record<string, unknown>)[k] ?? ''),
    );
    return {
      result: undefined,
      entity: 'organization',
      entityId: ctx.orgId,
      summary: `แก้ไขข้อมูลหน่วยงาน${changed.length ? ` (${changed.join(', ')})` : ''}`,
      data: { changed },
    };
  });
}

export async function setLogo(ctx: ServiceContext, file: { bytes: Uint8Array; name: string } | null) {
  return runCommand(ctx, { action: 'organization.setLogo', allowed: organizationPolicy.manage(ctx.actor) }, async (tx, tools) => {
    let fileId: number | null = null;
    if (file) {
      const saved = await saveFile(
        { ...ctx, tx },
        { bytes: file.bytes, name: file.name, kinds: ['image', 'svg'], maxBytes: 2 * 1024 * 1024 },
      );
      fileId = saved.id;
    }
    await tx
      .update(organizations)
      .set({ logoFileId: fileId, version: sql`${organizations.version} + 1`, updatedAt: ctx.app.now() })
      .where(eq(organizations.id, ctx.orgId));
    tools.publish({ topic: 'org.changed' });
    return {
      result: fileId,
      entity: 'organization',
      entityId: ctx.orgId,
      summary: file ? `เปลี่ยนตราสัญลักษณ์ (${file.name})` : 'นำตราสัญลักษณ์ออก',
    };
  });
}

export async function listHosts(ctx: ServiceContext): Promise<string[]> {
  const rows = await dbOf(ctx)
    .select({ h: orgHosts.hostname })
    .from(orgHosts)
    .where(eq(orgHosts.orgId, ctx.orgId))
    .orderBy(asc(orgHosts.hostname));
  return rows.map((r) => r.h);
}

export async function addHost(ctx: ServiceContext, hostname: string) {
  return runCommand(ctx, { action: 'organization.addHost', allowed: organizationPolicy.manage(ctx.actor) }, async (tx, tools) => {
    const [taken] = await tx.select().from(orgHosts).where(eq(orgHosts.hostname, hostname));
    if (taken && taken.orgId !== ctx.orgId) {
      throw new ValidationError([
        { field: 'hostname', label: 'organization.settings.hostname', message: 'organization.settings.hostTaken' },
      ]);
    }
    if (!taken) await tx.insert(orgHosts).values({ hostname, orgId: ctx.orgId, createdAt: ctx.app.now() });
    tools.publish({ topic: 'org.changed' });
    return { result: undefined, entity: 'org_host', entityId: hostname, summary: `เพิ่มที่อยู่เว็บ ${hostname}` };
  });
}

export async function removeHost(ctx: ServiceContext, hostname: string) {
  return runCommand(ctx, { action: 'organization.removeHost', allowed: organizationPolicy.manage(ctx.actor) }, async (tx, tools) => {
    const rows = await tx
      .delete(orgHosts)
      .where(and(eq(orgHosts.hostname, hostname), eq(orgHosts.orgId, ctx.orgId)))
      .returning();
    if (rows.length === 0) throw notFound();
    tools.publish({ topic: 'org.changed' });
    return { result: undefined, entity: 'org_host', entityId: hostname, summary: `นำที่อยู่เว็บ ${hostname} ออก` };
  });
}

/** The full names of organizations no web address leads to (reachable only while they are alone). */
export async function organizationsWithoutHost(app: AppServices): Promise<string[]> {
  const rows = await app.db
    .select({ org: organizations })
    .from(organizations)
    .leftJoin(orgHosts, eq(orgHosts.orgId, organizations.id))
    .where(sql`${orgHosts.hostname} IS NULL`);
  return rows.map((r) => toOrganization(r.org).names.full);
}
