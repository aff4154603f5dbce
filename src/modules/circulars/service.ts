import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { type Actor, hasRole } from '../../core/auth/roles.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { conflict, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { notify } from '../../core/notify/notify.js';
import { readFileBytes, saveFile } from '../../core/storage/files.js';
import type { Organization } from '../../core/tenancy/organization.js';
import { bangkokIsoDay, parseIsoDay } from '../../core/thai/index.js';
import { findPost, savePost, withdrawPost } from '../news/service.js';
import { CIRCULAR_SERIES, getRegisterEntry, issueNumber } from '../register/service.js';
import { divisions, staffMembers } from '../staff/schema.js';
import { fullName, getPosition, listPositions, positionTitle, staffOfUser } from '../staff/service.js';
import { renderCircularPdf } from './pdf.js';
import { circularsPolicy } from './policy.js';
import {
  type AckMethod,
  CIRCULAR_KINDS,
  type CircularAudience,
  type CircularKind,
  circularAcknowledgements,
  circularRecipients,
  circulars,
  circularVersions,
} from './schema.js';

export type Circular = typeof circulars.$inferSelect;
export type CircularVersion = typeof circularVersions.$inferSelect;
export type Acknowledgement = typeof circularAcknowledgements.$inferSelect;

export const TITLE_MAX = 300;
export const BODY_MAX = 20_000;
export const NAME_MAX = 200;
export const NOTE_MAX = 1000;
export const REASON_MAX = 1000;

export interface CircularInput {
  kind: string;
  title: string;
  body: string;
  /** YYYY-MM-DD */
  dated: string;
  signerName: string;
  signerPosition: string;
  audience: CircularAudience;
  /** YYYY-MM-DD or empty */
  ackDueOn?: string | null;
}

const L = (f: string) => `circulars.fields.${f}`;

/** Those who see every circular and its full report (division heads see their division's people). */
const seesAll = (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'executive');

// ------------------------------------------------------------------ validation

async function checkInput(ctx: ServiceContext, input: CircularInput): Promise<CircularInput> {
  const errors: FieldError[] = [];
  const v = {
    kind: input.kind,
    title: input.title.trim(),
    body: input.body.replace(/\r\n/g, '\n').trim(),
    dated: input.dated.trim(),
    signerName: input.signerName.trim(),
    signerPosition: input.signerPosition.trim(),
    audience: { all: !!input.audience.all, divisionIds: [...new Set(input.audience.divisionIds)] },
    ackDueOn: input.ackDueOn?.trim() || null,
  };
  if (!(CIRCULAR_KINDS as readonly string[]).includes(v.kind))
    errors.push({ field: 'kind', label: L('kind'), message: 'core.validation.choose' });
  const text = (field: 'title' | 'body' | 'signerName' | 'signerPosition', max: number) => {
    if (!v[field]) errors.push({ field, label: L(field), message: 'core.validation.required' });
    else if (v[field].length > max) errors.push({ field, label: L(field), message: 'core.validation.tooLong', params: { max } });
  };
  text('title', TITLE_MAX);
  text('body', BODY_MAX);
  text('signerName', NAME_MAX);
  text('signerPosition', NAME_MAX);
  if (!v.dated) errors.push({ field: 'dated', label: L('dated'), message: 'core.validation.required' });
  else if (!parseIsoDay(v.dated)) errors.push({ field: 'dated', label: L('dated'), message: 'circulars.errors.date' });
  if (v.ackDueOn && !parseIsoDay(v.ackDueOn)) errors.push({ field: 'ackDueOn', label: L('ackDueOn'), message: 'circulars.errors.date' });
  else if (v.ackDueOn && v.dated && v.ackDueOn < v.dated)
    errors.push({ field: 'ackDueOn', label: L('ackDueOn'), message: 'circulars.errors.dueBeforeDate' });
  if (!v.audience.all) {
    if (v.audience.divisionIds.length === 0)
      errors.push({ field: 'audience', label: L('audience'), message: 'circulars.errors.audienceRequired' });
    else {
      const ok = v.audience.divisionIds.every(isRowId)
        ? await dbOf(ctx)
            .select({ id: divisions.id })
            .from(divisions)
            .where(and(eq(divisions.orgId, ctx.orgId), inArray(divisions.id, v.audience.divisionIds)))
        : [];
      if (ok.length !== v.audience.divisionIds.length)
        errors.push({ field: 'audience', label: L('audience'), message: 'circulars.errors.audienceUnknown' });
    }
  } else v.audience.divisionIds = [];
  if (errors.length) throw new ValidationError(errors);
  return v;
}

// ------------------------------------------------------------------ reads

async function findCircular(db: Db, orgId: number, id: number): Promise<Circular | null> {
  if (!isRowId(id)) return null;
  const [row] = await db
    .select()
    .from(circulars)
    .where(and(eq(circulars.orgId, orgId), eq(circulars.id, id)));
  return row ?? null;
}

/** The staff record of the signed-in person (null for the system or an account without one). */
async function myStaff(ctx: ServiceContext) {
  return ctx.actor?.userId ? staffOfUser(ctx, ctx.actor.userId) : null;
}

async function isRecipient(db: Db, orgId: number, circularId: number, staffId: number): Promise<boolean> {
  const [r] = await db
    .select({ s: circularRecipients.staffId })
    .from(circularRecipients)
    .where(
      and(eq(circularRecipients.orgId, orgId), eq(circularRecipients.circularId, circularId), eq(circularRecipients.staffId, staffId)),
    );
  return !!r;
}

async function findVersion(db: Db, orgId: number, circularId: number, version: number): Promise<CircularVersion | null> {
  const [row] = await db
    .select()
    .from(circularVersions)
    .where(and(eq(circularVersions.orgId, orgId), eq(circularVersions.circularId, circularId), eq(circularVersions.version, version)));
  return row ?? null;
}

/** Join condition: a recipient's staff record. */
const recipientStaff = () => and(eq(staffMembers.orgId, circularRecipients.orgId), eq(staffMembers.id, circularRecipients.staffId));

/** Join condition: a recipient's acknowledgement of the given version (a column or a number). */
const recipientAckOf = (version: typeof circulars.currentVersion | number) =>
  and(
    eq(circularAcknowledgements.orgId, circularRecipients.orgId),
    eq(circularAcknowledgements.circularId, circularRecipients.circularId),
    eq(circularAcknowledgements.staffId, circularRecipients.staffId),
    eq(circularAcknowledgements.version, version),
  );

/**
 * A circular the person may see: managers and report readers see all; anyone else only a
 * circulated one they are a recipient of. Anything else is 404 (as if it did not exist).
 */
export async function getCircular(ctx: ServiceContext, id: number): Promise<Circular> {
  ensureAllowed(circularsPolicy.read(ctx.actor), !!ctx.actor);
  const row = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!row) throw notFound();
  if (circularsPolicy.manage(ctx.actor) || circularsPolicy.report(ctx.actor)) return row;
  const me = await myStaff(ctx);
  if (row.status !== 'draft' && me && (await isRecipient(dbOf(ctx), ctx.orgId, id, me.id))) return row;
  throw notFound();
}

export async function listVersions(ctx: ServiceContext, id: number): Promise<CircularVersion[]> {
  await getCircular(ctx, id);
  return dbOf(ctx)
    .select()
    .from(circularVersions)
    .where(and(eq(circularVersions.orgId, ctx.orgId), eq(circularVersions.circularId, id)))
    .orderBy(desc(circularVersions.version));
}

export async function getVersion(ctx: ServiceContext, id: number, version: number): Promise<CircularVersion> {
  await getCircular(ctx, id);
  if (!Number.isInteger(version) || version < 1 || version > 32767) throw notFound();
  const row = await findVersion(dbOf(ctx), ctx.orgId, id, version);
  if (!row) throw notFound();
  return row;
}

/** The frozen PDF of a version. */
export async function versionFile(ctx: ServiceContext, id: number, version: number) {
  const v = await getVersion(ctx, id, version);
  return { version: v, ...(await readFileBytes(ctx, v.fileId)) };
}

export interface CircularListItem {
  circular: Circular;
  recipients: number;
  acknowledged: number;
  /** 0–100, whole numbers; null before circulation. */
  percent: number | null;
}

/** Whole-number percent, rounded down so 100 % means everyone. */
export function percentOf(done: number, total: number): number | null {
  if (total === 0) return null;
  return Math.floor((done * 100) / total);
}

/** Every circular with its completion (managers and report readers); others: those circulated to them. */
export async function listCirculars(ctx: ServiceContext): Promise<CircularListItem[]> {
  ensureAllowed(circularsPolicy.read(ctx.actor), !!ctx.actor);
  const db = dbOf(ctx);
  const all = circularsPolicy.manage(ctx.actor) || circularsPolicy.report(ctx.actor);
  let rows: Circular[];
  if (all) {
    rows = await db.select().from(circulars).where(eq(circulars.orgId, ctx.orgId)).orderBy(desc(circulars.dated), desc(circulars.id));
  } else {
    const me = await myStaff(ctx);
    if (!me) return [];
    rows = await db
      .select({ c: circulars })
      .from(circulars)
      .innerJoin(
        circularRecipients,
        and(
          eq(circularRecipients.orgId, circulars.orgId),
          eq(circularRecipients.circularId, circulars.id),
          eq(circularRecipients.staffId, me.id),
        ),
      )
      .where(and(eq(circulars.orgId, ctx.orgId), sql`${circulars.status} <> 'draft'`))
      .orderBy(desc(circulars.dated), desc(circulars.id))
      .then((r) => r.map((x) => x.c));
  }
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({
      circularId: circularRecipients.circularId,
      recipients: sql<number>`count(*)::int`,
      acknowledged: sql<number>`count(${circularAcknowledgements.id})::int`,
    })
    .from(circularRecipients)
    .innerJoin(circulars, and(eq(circulars.orgId, circularRecipients.orgId), eq(circulars.id, circularRecipients.circularId)))
    .leftJoin(circularAcknowledgements, recipientAckOf(circulars.currentVersion))
    .where(and(eq(circularRecipients.orgId, ctx.orgId), inArray(circularRecipients.circularId, ids)))
    .groupBy(circularRecipients.circularId);
  const byId = new Map(counts.map((c) => [c.circularId, c]));
  return rows.map((circular) => {
    const c = byId.get(circular.id);
    const recipients = c?.recipients ?? 0;
    const acknowledged = c?.acknowledged ?? 0;
    return { circular, recipients, acknowledged, percent: circular.currentVersion ? percentOf(acknowledged, recipients) : null };
  });
}

export interface ReportRow {
  staffId: number;
  name: string;
  position: string | null;
  divisionId: number | null;
  hasAccount: boolean;
  /** The acknowledgement of the current version, if any. */
  ack: { at: Date; version: number; method: AckMethod } | null;
  /** An acknowledgement of an earlier version only (the person must acknowledge again). */
  earlier: { at: Date; version: number; method: AckMethod } | null;
  remindCount: number;
}

export interface ReportGroup {
  divisionId: number | null;
  divisionName: string | null;
  rows: ReportRow[];
  acknowledged: number;
  pending: number;
}

export interface CompletionReport {
  circular: Circular;
  version: number;
  groups: ReportGroup[];
  total: number;
  acknowledged: number;
  pending: number;
  percent: number | null;
}

/** Group totals and overall totals, recomputed from the rows. */
export function summarize(rows: readonly Pick<ReportRow, 'divisionId' | 'ack'>[]): {
  total: number;
  acknowledged: number;
  pending: number;
  byDivision: Map<number | null, { acknowledged: number; pending: number }>;
} {
  const byDivision = new Map<number | null, { acknowledged: number; pending: number }>();
  let acknowledged = 0;
  for (const r of rows) {
    const g = byDivision.get(r.divisionId) ?? { acknowledged: 0, pending: 0 };
    if (r.ack) {
      g.acknowledged++;
      acknowledged++;
    } else g.pending++;
    byDivision.set(r.divisionId, g);
  }
  return { total: rows.length, acknowledged, pending: rows.length - acknowledged, byDivision };
}

/**
 * The completion report of the current version: per division, who acknowledged (when, which
 * version, online or on paper) and who has not. Division heads without a wider role see their
 * own division's people only.
 */
export async function completionReport(ctx: ServiceContext, id: number): Promise<CompletionReport> {
  ensureAllowed(circularsPolicy.report(ctx.actor), !!ctx.actor);
  const circular = await getCircular(ctx, id);
  const db = dbOf(ctx);
  let onlyDivision: number | undefined;
  if (!seesAll(ctx.actor)) {
    const me = await myStaff(ctx);
    onlyDivision = me?.divisionId ?? -1;
  }
  const people = await db
    .select({ r: circularRecipients, s: staffMembers, d: divisions })
    .from(circularRecipients)
    .innerJoin(staffMembers, recipientStaff())
    .leftJoin(divisions, and(eq(divisions.orgId, circularRecipients.orgId), eq(divisions.id, circularRecipients.divisionId)))
    .where(
      and(
        eq(circularRecipients.orgId, ctx.orgId),
        eq(circularRecipients.circularId, id),
        onlyDivision === undefined ? undefined : eq(circularRecipients.divisionId, onlyDivision),
      ),
    )
    .orderBy(asc(divisions.sortOrder), asc(divisions.id), asc(staffMembers.firstName));
  const acks = await db
    .select()
    .from(circularAcknowledgements)
    .where(and(eq(circularAcknowledgements.orgId, ctx.orgId), eq(circularAcknowledgements.circularId, id)))
    .orderBy(desc(circularAcknowledgements.version));
  const positionsOf = await positionTitles(
    ctx,
    people.map((p) => p.s.positionId).filter((x): x is number => x != null),
  );
  const rows: (ReportRow & { divisionName: string | null })[] = people.map(({ r, s, d }) => {
    const mine = acks.filter((a) => a.staffId === s.id);
    const cur = mine.find((a) => a.version === circular.currentVersion);
    const prev = cur ? undefined : mine[0];
    return {
      staffId: s.id,
      name: fullName(s),
      position: s.positionId ? (positionsOf.get(s.positionId) ?? null) : null,
      divisionId: r.divisionId,
      divisionName: d?.name ?? null,
      hasAccount: s.userId != null,
      ack: cur ? { at: cur.acknowledgedAt, version: cur.version, method: cur.method } : null,
      earlier: prev ? { at: prev.acknowledgedAt, version: prev.version, method: prev.method } : null,
      remindCount: r.remindCount,
    };
  });
  const sum = summarize(rows);
  const groups: ReportGroup[] = [];
  for (const row of rows) {
    let g = groups.find((x) => x.divisionId === row.divisionId);
    if (!g) {
      const s = sum.byDivision.get(row.divisionId) ?? { acknowledged: 0, pending: 0 };
      g = { divisionId: row.divisionId, divisionName: row.divisionName, rows: [], ...s };
      groups.push(g);
    }
    g.rows.push(row);
  }
  return {
    circular,
    version: circular.currentVersion,
    groups,
    total: sum.total,
    acknowledged: sum.acknowledged,
    pending: sum.pending,
    percent: percentOf(sum.acknowledged, sum.total),
  };
}

async function positionTitles(ctx: ServiceContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await listPositions(ctx)).map((p) => [p.id, p.title]));
}

export interface PendingItem {
  circular: Circular;
  version: CircularVersion;
}

/** The signed-in person's circulars waiting for their acknowledgement of the current version. */
export async function pendingFor(ctx: ServiceContext): Promise<PendingItem[]> {
  ensureAllowed(circularsPolicy.acknowledge(ctx.actor), !!ctx.actor);
  const me = await myStaff(ctx);
  if (!me) return [];
  const rows = await dbOf(ctx)
    .select({ c: circulars, v: circularVersions })
    .from(circularRecipients)
    .innerJoin(circulars, and(eq(circulars.orgId, circularRecipients.orgId), eq(circulars.id, circularRecipients.circularId)))
    .innerJoin(
      circularVersions,
      and(
        eq(circularVersions.orgId, circulars.orgId),
        eq(circularVersions.circularId, circulars.id),
        eq(circularVersions.version, circulars.currentVersion),
      ),
    )
    .leftJoin(circularAcknowledgements, recipientAckOf(circulars.currentVersion))
    .where(
      and(
        eq(circularRecipients.orgId, ctx.orgId),
        eq(circularRecipients.staffId, me.id),
        eq(circulars.status, 'circulated'),
        isNull(circularAcknowledgements.id),
      ),
    )
    .orderBy(asc(circulars.ackDueOn), asc(circulars.id));
  return rows.map((r) => ({ circular: r.c, version: r.v }));
}

/** The signed-in person's own acknowledgements of a circular (to show "you acknowledged on …"). */
export async function myAcknowledgements(ctx: ServiceContext, id: number): Promise<Acknowledgement[]> {
  const me = await myStaff(ctx);
  if (!me) return [];
  return dbOf(ctx)
    .select()
    .from(circularAcknowledgements)
    .where(
      and(
        eq(circularAcknowledgements.orgId, ctx.orgId),
        eq(circularAcknowledgements.circularId, id),
        eq(circularAcknowledgements.staffId, me.id),
      ),
    )
    .orderBy(desc(circularAcknowledgements.version));
}

/** The memo's "ที่" when numbered: the register entry's number. */
export async function registerNumberOf(ctx: ServiceContext, c: Circular): Promise<number | null> {
  if (!c.registerEntryId) return null;
  return (await getRegisterEntry(ctx, c.registerEntryId))?.number ?? null;
}

/** The PDF of the text as it stands (a draft's preview, or the next version). */
export async function previewPdf(ctx: ServiceContext, id: number): Promise<Uint8Array> {
  ensureAllowed(circularsPolicy.manage(ctx.actor), !!ctx.actor);
  const c = await getCircular(ctx, id);
  return renderCircularPdf(ctx, c, await registerNumberOf(ctx, c));
}

// ------------------------------------------------------------------ writes

/** The columns an author writes (on creating a draft and on editing it). */
const editableColumns = (v: CircularInput) => ({
  kind: v.kind as CircularKind,
  title: v.title,
  body: v.body,
  dated: v.dated,
  signerName: v.signerName,
  signerPosition: v.signerPosition,
  audience: v.audience,
  ackDueOn: v.ackDueOn ?? null,
});

/** circulars.create: a draft announcement or memo. */
export async function createCircular(ctx: ServiceContext, input: CircularInput): Promise<Circular> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const v = allowed ? await checkInput(ctx, input) : input;
  return runCommand(ctx, { action: 'circulars.create', allowed }, async (tx) => {
    const now = ctx.app.now();
    const [row] = await tx
      .insert(circulars)
      .values({
        orgId: ctx.orgId,
        ...editableColumns(v),
        createdBy: ctx.actor?.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('circular not created');
    return { result: row, entity: 'circular', entityId: row.id, summary: `ร่างหนังสือเวียน/ประกาศ "${row.title}"`, data: { kind: row.kind } };
  });
}

/** Edits the text: a draft, or a circulated one whose revision will be circulated as the next version. */
export async function updateCircular(ctx: ServiceContext, id: number, input: CircularInput): Promise<Circular> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const existing = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!existing) throw notFound();
  if (allowed && existing.status === 'withdrawn') throw conflict('circulars.errors.withdrawn');
  const v = allowed ? await checkInput(ctx, input) : input;
  if (allowed && existing.status !== 'draft' && v.kind !== existing.kind)
    throw new ValidationError([{ field: 'kind', label: L('kind'), message: 'circulars.errors.kindFixed' }]);
  return runCommand(ctx, { action: 'circulars.update', allowed }, async (tx) => {
    const [row] = await tx
      .update(circulars)
      .set({
        ...editableColumns(v),
        updatedAt: ctx.app.now(),
      })
      .where(and(eq(circulars.orgId, ctx.orgId), eq(circulars.id, id)))
      .returning();
    if (!row) throw notFound();
    return { result: row, entity: 'circular', entityId: id, summary: `แก้ไขหนังสือเวียน/ประกาศ "${row.title}"` };
  });
}

/** The active staff of the audience (everyone, or the chosen divisions). */
async function resolveAudience(tx: Db, orgId: number, audience: CircularAudience) {
  return tx
    .select({ id: staffMembers.id, divisionId: staffMembers.divisionId, userId: staffMembers.userId })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.orgId, orgId),
        eq(staffMembers.active, true),
        audience.all ? undefined : audience.divisionIds.length ? inArray(staffMembers.divisionId, audience.divisionIds) : sql`false`,
      ),
    );
}

/**
 * circulars.circulate: freezes the text as the next version (PDF rendered, stored, its sha256
 * kept), resolves the audience to the active staff (new people are added; those already
 * recipients stay) and notifies them. A memo takes its number from the ว series on first
 * circulation. A second circulation needs a change note; everyone must acknowledge it again.
 */
export async function circulate(ctx: ServiceContext, id: number, input: { changeNote?: string | null } = {}): Promise<CircularVersion> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const existing = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!existing) throw notFound();
  const changeNote = input.changeNote?.trim() || null;
  if (allowed) {
    if (existing.status === 'withdrawn') throw conflict('circulars.errors.withdrawn');
    if (existing.currentVersion > 0 && !changeNote)
      throw new ValidationError([{ field: 'changeNote', label: L('changeNote'), message: 'circulars.errors.changeNoteRequired' }]);
    if (changeNote && changeNote.length > NOTE_MAX)
      throw new ValidationError([
        { field: 'changeNote', label: L('changeNote'), message: 'core.validation.tooLong', params: { max: NOTE_MAX } },
      ]);
  }
  return runCommand(ctx, { action: 'circulars.circulate', allowed }, async (tx, _t, txCtx) => {
    // Lock the row: two coordinators circulating at once get consecutive versions.
    await tx.execute(sql`select 1 from circulars where org_id = ${ctx.orgId} and id = ${id} for update`);
    let c = await findCircular(tx, ctx.orgId, id);
    if (!c) throw notFound();
    if (c.status === 'withdrawn') throw conflict('circulars.errors.withdrawn');
    const now = ctx.app.now();
    if (c.kind === 'memo' && !c.registerEntryId) {
      const entry = await issueNumber(tx, txCtx, {
        series: CIRCULAR_SERIES,
        documentDate: new Date(`${c.dated}T12:00:00+07:00`),
        subject: c.title,
        recipient: 'บุคลากรทุกคน',
        entity: 'circular',
        entityId: c.id,
      });
      const [u] = await tx
        .update(circulars)
        .set({ registerEntryId: entry.id })
        .where(and(eq(circulars.orgId, ctx.orgId), eq(circulars.id, id)))
        .returning();
      if (u) c = u;
    }
    const version = c.currentVersion + 1;
    const pdf = await renderCircularPdf(txCtx, c, await registerNumberOf(txCtx, c));
    const file = await saveFile(txCtx, { bytes: pdf, name: `circular-${c.id}-v${version}.pdf`, kinds: ['pdf'] });
    const [v] = await tx
      .insert(circularVersions)
      .values({
        orgId: ctx.orgId,
        circularId: c.id,
        version,
        title: c.title,
        fileId: file.id,
        sha256: file.sha256,
        changeNote: version > 1 ? changeNote : null,
        createdBy: ctx.actor?.userId || null,
        createdAt: now,
      })
      .returning();
    if (!v) throw new Error('version not written');
    const people = await resolveAudience(tx, ctx.orgId, c.audience);
    if (people.length)
      await tx
        .insert(circularRecipients)
        .values(people.map((p) => ({ orgId: ctx.orgId, circularId: c.id, staffId: p.id, divisionId: p.divisionId, addedAt: now })))
        .onConflictDoNothing();
    await tx
      .update(circulars)
      .set({
        status: 'circulated',
        currentVersion: version,
        circulatedAt: c.circulatedAt ?? now,
        circulatedBy: c.circulatedBy ?? (ctx.actor?.userId || null),
        updatedAt: now,
      })
      .where(and(eq(circulars.orgId, ctx.orgId), eq(circulars.id, id)));
    const recipients = await tx
      .select({ userId: staffMembers.userId })
      .from(circularRecipients)
      .innerJoin(staffMembers, recipientStaff())
      .where(and(eq(circularRecipients.orgId, ctx.orgId), eq(circularRecipients.circularId, id)));
    const userIds = recipients.map((r) => r.userId).filter((u): u is number => u != null);
    await notify(txCtx, {
      userIds,
      kind: 'circulars.circulated',
      title: `${version > 1 ? 'แจ้งเวียน (ฉบับแก้ไข)' : 'แจ้งเวียน'}: ${c.title}`.slice(0, 300),
      body: 'โปรดอ่านและกดรับทราบ',
      href: '/staff/circulars/pending',
      email: true,
    });
    return {
      result: v,
      entity: 'circular',
      entityId: id,
      summary: `แจ้งเวียน "${c.title}" ฉบับที่ ${version} ถึงบุคลากร ${recipients.length} คน`,
      data: { version, sha256: file.sha256, recipients: recipients.length, changeNote },
    };
  });
}

/** Stores an acknowledgement; a second one of the same version by the same person is refused. */
async function insertAcknowledgement(tx: Db, row: typeof circularAcknowledgements.$inferInsert): Promise<Acknowledgement> {
  const [done] = await tx.insert(circularAcknowledgements).values(row).onConflictDoNothing().returning();
  if (!done) throw conflict('circulars.errors.alreadyAcknowledged');
  return done;
}

/**
 * circulars.acknowledge: the signed-in person acknowledges the version they were shown (its
 * number and sha256). A superseded version, a second acknowledgement and a person who is not
 * a recipient are refused.
 */
export async function acknowledge(ctx: ServiceContext, id: number, input: { version: number; sha256: string }): Promise<Acknowledgement> {
  const allowed = circularsPolicy.acknowledge(ctx.actor);
  ensureAllowed(allowed, !!ctx.actor);
  const me = await myStaff(ctx);
  const c = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!c || !me || c.status === 'draft' || !(await isRecipient(dbOf(ctx), ctx.orgId, id, me.id))) throw notFound();
  if (c.status === 'withdrawn') throw conflict('circulars.errors.withdrawn');
  return runCommand(ctx, { action: 'circulars.acknowledge', allowed }, async (tx) => {
    const cur = await findCircular(tx, ctx.orgId, id);
    if (!cur) throw notFound();
    const v = await findVersion(tx, ctx.orgId, id, input.version);
    if (!v) throw new ValidationError([{ field: 'version', label: L('version'), message: 'circulars.errors.noSuchVersion' }]);
    if (v.version !== cur.currentVersion) throw conflict('circulars.errors.superseded', { version: cur.currentVersion });
    if (v.sha256 !== input.sha256) throw conflict('circulars.errors.shaMismatch');
    const done = await insertAcknowledgement(tx, {
      orgId: ctx.orgId,
      circularId: id,
      version: v.version,
      staffId: me.id,
      userId: ctx.actor?.userId || null,
      sha256: v.sha256,
      method: 'online',
      acknowledgedAt: ctx.app.now(),
    });
    return {
      result: done,
      entity: 'circular',
      entityId: id,
      summary: `รับทราบ "${cur.title}" ฉบับที่ ${v.version}`,
      data: { version: v.version, sha256: v.sha256, staffId: me.id },
    };
  });
}

/** A paper acknowledgement (signed on the circulated sheet) recorded by the coordinator for a recipient. */
export async function recordPaperAck(ctx: ServiceContext, id: number, input: { staffId: number; on: string }): Promise<Acknowledgement> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const c = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!c) throw notFound();
  const on = input.on.trim();
  if (allowed) {
    if (c.status !== 'circulated') throw conflict('circulars.errors.notCirculated');
    if (!isRowId(input.staffId) || !(await isRecipient(dbOf(ctx), ctx.orgId, id, input.staffId)))
      throw new ValidationError([{ field: 'staffId', label: L('person'), message: 'circulars.errors.notRecipient' }]);
    if (!parseIsoDay(on)) throw new ValidationError([{ field: 'on', label: L('ackOn'), message: 'circulars.errors.date' }]);
    if (on > bangkokIsoDay(ctx.app.now()) || (c.circulatedAt && on < bangkokIsoDay(c.circulatedAt)))
      throw new ValidationError([{ field: 'on', label: L('ackOn'), message: 'circulars.errors.ackOnRange' }]);
  }
  return runCommand(ctx, { action: 'circulars.recordPaperAck', allowed }, async (tx) => {
    const cur = await findCircular(tx, ctx.orgId, id);
    if (!cur) throw notFound();
    const v = await findVersion(tx, ctx.orgId, id, cur.currentVersion);
    if (!v) throw conflict('circulars.errors.notCirculated');
    const [s] = await tx
      .select()
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, input.staffId)));
    if (!s) throw notFound();
    const today = bangkokIsoDay(ctx.app.now());
    const at = on === today ? ctx.app.now() : new Date(`${on}T12:00:00+07:00`);
    const done = await insertAcknowledgement(tx, {
      orgId: ctx.orgId,
      circularId: id,
      version: v.version,
      staffId: s.id,
      userId: null,
      sha256: v.sha256,
      method: 'paper',
      recordedBy: ctx.actor?.userId || null,
      acknowledgedAt: at,
    });
    return {
      result: done,
      entity: 'circular',
      entityId: id,
      summary: `บันทึกการรับทราบ (ลงนามในเอกสาร) "${cur.title}" ฉบับที่ ${v.version}: ${fullName(s)}`,
      data: { version: v.version, staffId: s.id, on },
    };
  });
}

/** Pending recipients of the current version, with their accounts. */
async function pendingPeople(tx: Db, orgId: number, c: Circular) {
  return tx
    .select({ staffId: circularRecipients.staffId, userId: staffMembers.userId })
    .from(circularRecipients)
    .innerJoin(staffMembers, recipientStaff())
    .leftJoin(circularAcknowledgements, recipientAckOf(c.currentVersion))
    .where(and(eq(circularRecipients.orgId, orgId), eq(circularRecipients.circularId, c.id), isNull(circularAcknowledgements.id)));
}

/** Reminds those still pending (an inbox item and an e-mail each); returns how many were reminded. */
export async function remindPending(ctx: ServiceContext, id: number): Promise<number> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const c = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!c) throw notFound();
  if (allowed && c.status !== 'circulated') throw conflict('circulars.errors.notCirculated');
  return runCommand(ctx, { action: 'circulars.remind', allowed }, async (tx, _t, txCtx) => {
    const now = ctx.app.now();
    const pending = await pendingPeople(tx, ctx.orgId, c);
    const userIds = pending.map((p) => p.userId).filter((u): u is number => u != null);
    await notify(txCtx, {
      userIds,
      kind: 'circulars.reminder',
      title: `เตือน: โปรดอ่านและรับทราบ "${c.title}"`.slice(0, 300),
      body: c.ackDueOn ? `กำหนดรับทราบภายในวันที่ ${c.ackDueOn}` : undefined,
      href: '/staff/circulars/pending',
      email: true,
    });
    if (pending.length)
      await tx
        .update(circularRecipients)
        .set({ remindedAt: now, remindCount: sql`${circularRecipients.remindCount} + 1` })
        .where(
          and(
            eq(circularRecipients.orgId, ctx.orgId),
            eq(circularRecipients.circularId, id),
            inArray(
              circularRecipients.staffId,
              pending.map((p) => p.staffId),
            ),
          ),
        );
    await tx
      .update(circulars)
      .set({ lastRemindedAt: now })
      .where(and(eq(circulars.orgId, ctx.orgId), eq(circulars.id, id)));
    return {
      result: userIds.length,
      entity: 'circular',
      entityId: id,
      summary: `เตือนผู้ที่ยังไม่รับทราบ "${c.title}" ${userIds.length} คน`,
      data: { pending: pending.length, notified: userIds.length },
    };
  });
}

/** Circulars of every organization whose due day has come and that were not reminded since (for the worker). */
export async function dueForReminder(db: Db, today: string): Promise<{ orgId: number; id: number }[]> {
  return db
    .select({ orgId: circulars.orgId, id: circulars.id })
    .from(circulars)
    .where(
      and(
        eq(circulars.status, 'circulated'),
        lte(circulars.ackDueOn, today),
        or(isNull(circulars.lastRemindedAt), sql`(${circulars.lastRemindedAt} at time zone 'Asia/Bangkok')::date < ${circulars.ackDueOn}`),
      ),
    );
}

/**
 * Publishes an announcement on the portal: a news post (kind announcement) with the current
 * version's PDF attached, through the news service (so it enters the publication log).
 */
export async function publishOnPortal(ctx: ServiceContext, id: number, input: { summary?: string | null } = {}): Promise<Circular> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const c = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!c) throw notFound();
  if (allowed) {
    if (c.kind !== 'announcement') throw conflict('circulars.errors.onlyAnnouncements');
    if (c.status !== 'circulated') throw conflict('circulars.errors.notCirculated');
    if (c.newsPostId) throw conflict('circulars.errors.alreadyPublished');
  }
  return runCommand(ctx, { action: 'circulars.publish', allowed }, async (tx, _t, txCtx) => {
    const v = await findVersion(tx, ctx.orgId, id, c.currentVersion);
    if (!v) throw conflict('circulars.errors.notCirculated');
    const { bytes } = await readFileBytes(txCtx, v.fileId);
    const paragraphs = c.body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const post = await savePost(txCtx, null, {
      kind: 'announcement',
      category: 'general',
      title: `ประกาศ เรื่อง ${c.title}`.slice(0, 200),
      summary: (input.summary?.trim() || paragraphs[0] || c.title).slice(0, 300),
      body: paragraphs.join('\n\n'),
      attachment: { bytes, name: `announcement-${c.id}-v${v.version}.pdf`, label: `ประกาศ เรื่อง ${c.title} (PDF)`.slice(0, 200) },
      intent: 'publish',
      version: 0,
    });
    const [row] = await tx
      .update(circulars)
      .set({ newsPostId: post.id, publicationId: post.publicationId ?? null })
      .where(and(eq(circulars.orgId, ctx.orgId), eq(circulars.id, id)))
      .returning();
    if (!row) throw notFound();
    return {
      result: row,
      entity: 'circular',
      entityId: id,
      summary: `เผยแพร่ประกาศ "${c.title}" บนเว็บไซต์ (ข่าว ${post.id})`,
      data: { newsPostId: post.id },
    };
  });
}

/** Withdraws a circular: no one is asked to acknowledge it any more; on the portal it is withdrawn too. */
export async function withdrawCircular(ctx: ServiceContext, id: number, reasonInput: string): Promise<Circular> {
  const allowed = circularsPolicy.manage(ctx.actor);
  const c = await findCircular(dbOf(ctx), ctx.orgId, id);
  if (!c) throw notFound();
  const reason = reasonInput.trim();
  if (allowed) {
    if (c.status === 'withdrawn') throw conflict('circulars.errors.withdrawn');
    if (!reason) throw new ValidationError([{ field: 'reason', label: L('reason'), message: 'core.validation.required' }]);
    if (reason.length > REASON_MAX)
      throw new ValidationError([{ field: 'reason', label: L('reason'), message: 'core.validation.tooLong', params: { max: REASON_MAX } }]);
  }
  return runCommand(ctx, { action: 'circulars.withdraw', allowed }, async (tx, _t, txCtx) => {
    if (c.newsPostId) {
      const post = await findPost(tx, ctx.orgId, c.newsPostId);
      if (post && !post.withdrawnAt && post.publicationId != null) await withdrawPost(txCtx, c.newsPostId, reason);
    }
    const [row] = await tx
      .update(circulars)
      .set({ status: 'withdrawn', withdrawnReason: reason, updatedAt: ctx.app.now() })
      .where(and(eq(circulars.orgId, ctx.orgId), eq(circulars.id, id)))
      .returning();
    if (!row) throw notFound();
    return { result: row, entity: 'circular', entityId: id, summary: `ถอนหนังสือเวียน/ประกาศ "${c.title}": ${reason}`, data: { reason } };
  });
}

/** Divisions for the audience picker (any signed-in staff may see division names). */
export async function divisionOptions(ctx: ServiceContext) {
  return dbOf(ctx)
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.active, true)))
    .orderBy(asc(divisions.sortOrder), asc(divisions.id));
}

/** Pending count for the staff home. */
export async function pendingCount(ctx: ServiceContext): Promise<number> {
  if (!ctx.actor) return 0;
  return (await pendingFor(ctx)).length;
}

/** Whether the signed-in person is among a circular's recipients. */
export async function amRecipient(ctx: ServiceContext, id: number): Promise<boolean> {
  const me = await myStaff(ctx);
  return !!me && (await isRecipient(dbOf(ctx), ctx.orgId, id, me.id));
}

/** The signed-in person as the signer of the completion report: full name and position as printed. */
export async function reportSigner(
  ctx: ServiceContext,
  org: Pick<Organization, 'name' | 'names'>,
): Promise<{ name: string; position: string }> {
  const me = await myStaff(ctx);
  if (!me) return { name: ctx.actor?.displayName ?? '', position: '' };
  const p = me.positionId ? await getPosition(ctx, me.positionId) : null;
  return { name: fullName(me), position: p ? positionTitle(p, org.name, org.names.typeFull) : '' };
}
