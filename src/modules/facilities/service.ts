import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { MalformedImageError, stripImageMetadata } from '../../core/storage/exif.js';
import { readFileBytes, type StoredFile, saveFile } from '../../core/storage/files.js';
import { files } from '../../core/storage/schema.js';
import { megabytes } from '../../core/storage/store.js';
import { bangkokIsoDay, parseIsoDay } from '../../core/thai/index.js';
import { attachLinkedEvidence, type Evidence, fiscalYearDays, type LinkedEvidenceState, linkedEvidenceState } from '../measures/service.js';
import { CUSTOM_PREFIX, FACILITIES_MEASURE_NUMBER, FACILITY_ITEMS, isStandardItem } from './items.js';
import { facilitiesPolicy } from './policy.js';
import { FACILITY_STATUSES, type FacilityStatus, facilityChecks, facilityPhotos } from './schema.js';

export type FacilityCheck = typeof facilityChecks.$inferSelect;

export interface FacilityPhoto {
  id: number;
  checkId: number;
  fileId: number;
  caption: string | null;
  mime: string;
  createdAt: Date;
}

/** One line of the checklist: a standard item (recorded or not yet) or one of the organization's own. */
export interface ChecklistLine {
  /** Null: a standard item nobody has recorded yet this year (shown as not done). */
  id: number | null;
  itemKey: string;
  standard: boolean;
  /** The organization's own items only; standard items take their title from the catalog. */
  title: string | null;
  status: FacilityStatus;
  checkedOn: string | null;
  note: string | null;
  version: number;
  updatedAt: Date | null;
  photos: FacilityPhoto[];
}

export interface Checklist {
  fiscalYear: number;
  lines: ChecklistLine[];
  counts: Record<FacilityStatus, number>;
}

/** Photos: the three image formats, by their content, no larger than this. */
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_LINE = 12;
export const NOTE_MAX = 2000;
export const TITLE_MAX = 200;
export const CAPTION_MAX = 200;
export const CUSTOM_ITEMS_MAX = 30;

/** Fiscal years (B.E.) the checklist accepts. */
export function isFiscalYear(fy: unknown): fy is number {
  return typeof fy === 'number' && Number.isInteger(fy) && fy >= 2550 && fy <= 2700;
}

const bad = (field: string, label: string, message: string, params?: FieldError['params']): never => {
  throw new ValidationError([{ field, label, message, params }]);
};

function requireRead(ctx: ServiceContext) {
  ensureAllowed(facilitiesPolicy.read(ctx.actor), !!ctx.actor);
}

// ---------------------------------------------------------------- reads

/** The checklist of a fiscal year: the eight standard items in the seed's order, then the organization's own. */
export async function getChecklist(ctx: ServiceContext, fiscalYear: number): Promise<Checklist> {
  requireRead(ctx);
  if (!isFiscalYear(fiscalYear)) throw notFound();
  const db = dbOf(ctx);
  const rows = await db
    .select()
    .from(facilityChecks)
    .where(and(eq(facilityChecks.orgId, ctx.orgId), eq(facilityChecks.fiscalYear, fiscalYear)))
    .orderBy(asc(facilityChecks.sortOrder), asc(facilityChecks.id));
  const photos = rows.length
    ? await db
        .select({
          id: facilityPhotos.id,
          checkId: facilityPhotos.checkId,
          fileId: facilityPhotos.fileId,
          caption: facilityPhotos.caption,
          mime: files.mime,
          createdAt: facilityPhotos.createdAt,
        })
        .from(facilityPhotos)
        .innerJoin(files, and(eq(files.orgId, facilityPhotos.orgId), eq(files.id, facilityPhotos.fileId)))
        .where(
          and(
            eq(facilityPhotos.orgId, ctx.orgId),
            inArray(
              facilityPhotos.checkId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(facilityPhotos.createdAt), asc(facilityPhotos.id))
    : [];
  const photosOf = (id: number) => photos.filter((p) => p.checkId === id);
  const line = (r: FacilityCheck): ChecklistLine => ({
    id: r.id,
    itemKey: r.itemKey,
    standard: isStandardItem(r.itemKey),
    title: isStandardItem(r.itemKey) ? null : r.title,
    status: r.status,
    checkedOn: r.checkedOn,
    note: r.note,
    version: r.version,
    updatedAt: r.updatedAt,
    photos: photosOf(r.id),
  });
  const byKey = new Map(rows.map((r) => [r.itemKey, r]));
  const lines: ChecklistLine[] = [
    ...FACILITY_ITEMS.map((key) => {
      const r = byKey.get(key);
      return r
        ? line(r)
        : {
            id: null,
            itemKey: key,
            standard: true,
            title: null,
            status: 'not_done' as const,
            checkedOn: null,
            note: null,
            version: 0,
            updatedAt: null,
            photos: [],
          };
    }),
    ...rows.filter((r) => !isStandardItem(r.itemKey)).map(line),
  ];
  const counts: Record<FacilityStatus, number> = { done: 0, partial: 0, not_done: 0 };
  for (const l of lines) counts[l.status]++;
  return { fiscalYear, lines, counts };
}

/** A stored photo's bytes, for signed-in staff of the organization only. */
export async function photoFile(ctx: ServiceContext, photoId: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  requireRead(ctx);
  const photo = await findPhoto(ctx, photoId);
  return readFileBytes(ctx, photo.fileId);
}

async function findPhoto(ctx: ServiceContext, photoId: number) {
  if (!isRowId(photoId)) throw notFound();
  const [photo] = await dbOf(ctx)
    .select()
    .from(facilityPhotos)
    .where(and(eq(facilityPhotos.orgId, ctx.orgId), eq(facilityPhotos.id, photoId)));
  if (!photo) throw notFound();
  return photo;
}

async function findLine(db: Db, orgId: number, fiscalYear: number, itemKey: string): Promise<FacilityCheck | null> {
  const [row] = await db
    .select()
    .from(facilityChecks)
    .where(and(eq(facilityChecks.orgId, orgId), eq(facilityChecks.fiscalYear, fiscalYear), eq(facilityChecks.itemKey, itemKey)));
  return row ?? null;
}

/** The row of a line, created (not done) for a standard item on its first change. */
async function ensureLine(tx: Db, ctx: ServiceContext, fiscalYear: number, itemKey: string): Promise<FacilityCheck> {
  const found = await findLine(tx, ctx.orgId, fiscalYear, itemKey);
  if (found) return found;
  if (!isStandardItem(itemKey)) throw notFound();
  await tx
    .insert(facilityChecks)
    .values({
      orgId: ctx.orgId,
      fiscalYear,
      itemKey,
      sortOrder: FACILITY_ITEMS.indexOf(itemKey),
      updatedBy: ctx.actor?.userId || null,
      createdAt: ctx.app.now(),
      updatedAt: ctx.app.now(),
    })
    .onConflictDoNothing();
  const row = await findLine(tx, ctx.orgId, fiscalYear, itemKey);
  if (!row) throw new Error('facility check not created');
  return row;
}

async function lineExists(ctx: ServiceContext, fiscalYear: number, itemKey: string): Promise<boolean> {
  if (isStandardItem(itemKey)) return true;
  if (!itemKey.startsWith(CUSTOM_PREFIX)) return false;
  return !!(await findLine(dbOf(ctx), ctx.orgId, fiscalYear, itemKey));
}

// ---------------------------------------------------------------- writes

export interface CheckInput {
  status: string;
  /** YYYY-MM-DD (Bangkok), the day the item was checked; required when done or partly done. */
  checkedOn?: string | null;
  note?: string | null;
  /** The version the form was shown with (0 for a line never recorded): a stale form gets 409. */
  version: number;
}

/** Records the state of one line: status, the day it was checked, a note. */
export async function saveCheck(ctx: ServiceContext, fiscalYear: number, itemKey: string, input: CheckInput): Promise<FacilityCheck> {
  const allowed = facilitiesPolicy.edit(ctx.actor);
  if (!isFiscalYear(fiscalYear)) throw notFound();
  if (allowed && !(await lineExists(ctx, fiscalYear, itemKey))) throw notFound();
  const errors: FieldError[] = [];
  const checkedOn = input.checkedOn?.trim() || null;
  const note = input.note?.trim() || null;
  if (allowed) {
    if (!(FACILITY_STATUSES as readonly string[]).includes(input.status))
      errors.push({ field: 'status', label: 'facilities.fields.status', message: 'core.validation.choose' });
    if (checkedOn) {
      const { first, last } = fiscalYearDays(fiscalYear);
      if (!parseIsoDay(checkedOn))
        errors.push({ field: 'checkedOn', label: 'facilities.fields.checkedOn', message: 'facilities.errors.date' });
      else if (checkedOn > bangkokIsoDay(ctx.app.now()))
        errors.push({ field: 'checkedOn', label: 'facilities.fields.checkedOn', message: 'facilities.errors.future' });
      else if (checkedOn < first || checkedOn > last)
        errors.push({
          field: 'checkedOn',
          label: 'facilities.fields.checkedOn',
          message: 'facilities.errors.outsideYear',
          params: { year: fiscalYear },
        });
    } else if (input.status === 'done' || input.status === 'partial') {
      errors.push({ field: 'checkedOn', label: 'facilities.fields.checkedOn', message: 'facilities.errors.dateRequired' });
    }
    if (note && note.length > NOTE_MAX)
      errors.push({ field: 'note', label: 'facilities.fields.note', message: 'core.validation.tooLong', params: { max: NOTE_MAX } });
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'facilities.saveCheck', allowed }, async (tx) => {
    const existing = await findLine(tx, ctx.orgId, fiscalYear, itemKey);
    if ((existing?.version ?? 0) !== input.version) throw conflict('facilities.errors.conflict');
    const values = {
      status: input.status as FacilityStatus,
      checkedOn,
      note,
      updatedBy: ctx.actor?.userId || null,
      updatedAt: ctx.app.now(),
    };
    const [updated] = existing
      ? await tx
          .update(facilityChecks)
          .set({ ...values, version: existing.version + 1 })
          .where(and(eq(facilityChecks.orgId, ctx.orgId), eq(facilityChecks.id, existing.id), eq(facilityChecks.version, existing.version)))
          .returning()
      : await tx
          .insert(facilityChecks)
          .values({
            ...values,
            orgId: ctx.orgId,
            fiscalYear,
            itemKey,
            sortOrder: FACILITY_ITEMS.indexOf(itemKey as never),
            createdAt: ctx.app.now(),
          })
          .onConflictDoNothing()
          .returning();
    if (!updated) throw conflict('facilities.errors.conflict');
    return {
      result: updated,
      entity: 'facility_check',
      entityId: updated.id,
      summary: `บันทึกรายการตรวจสิ่งอำนวยความสะดวก ปีงบประมาณ ${fiscalYear} (${itemKey}): ${updated.status}`,
      data: { fiscalYear, itemKey, status: updated.status, checkedOn },
    };
  });
}

/** Adds one of the organization's own items to a year's checklist. */
export async function addCustomItem(ctx: ServiceContext, fiscalYear: number, titleInput: string): Promise<FacilityCheck> {
  const allowed = facilitiesPolicy.edit(ctx.actor);
  if (!isFiscalYear(fiscalYear)) throw notFound();
  const title = titleInput.trim();
  if (allowed && !title) bad('title', 'facilities.fields.title', 'core.validation.required');
  if (allowed && title.length > TITLE_MAX) bad('title', 'facilities.fields.title', 'core.validation.tooLong', { max: TITLE_MAX });
  return runCommand(ctx, { action: 'facilities.addItem', allowed }, async (tx) => {
    const own = (
      await tx
        .select({ itemKey: facilityChecks.itemKey })
        .from(facilityChecks)
        .where(and(eq(facilityChecks.orgId, ctx.orgId), eq(facilityChecks.fiscalYear, fiscalYear)))
    ).filter((r) => !isStandardItem(r.itemKey));
    if (own.length >= CUSTOM_ITEMS_MAX)
      bad('title', 'facilities.fields.title', 'facilities.errors.tooManyItems', { max: CUSTOM_ITEMS_MAX });
    const [row] = await tx
      .insert(facilityChecks)
      .values({
        orgId: ctx.orgId,
        fiscalYear,
        itemKey: `${CUSTOM_PREFIX}${randomBytes(6).toString('hex')}`,
        title,
        sortOrder: 100 + own.length,
        updatedBy: ctx.actor?.userId || null,
        createdAt: ctx.app.now(),
        updatedAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('item not added');
    return {
      result: row,
      entity: 'facility_check',
      entityId: row.id,
      summary: `เพิ่มรายการตรวจสิ่งอำนวยความสะดวก ปีงบประมาณ ${fiscalYear}: ${title}`,
    };
  });
}

/** Removes one of the organization's own items (with its photos); the standard items stay. */
export async function removeCustomItem(ctx: ServiceContext, checkId: number): Promise<FacilityCheck> {
  requireRead(ctx);
  if (!isRowId(checkId)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(facilityChecks)
    .where(and(eq(facilityChecks.orgId, ctx.orgId), eq(facilityChecks.id, checkId)));
  if (!row || isStandardItem(row.itemKey)) throw notFound();
  return runCommand(ctx, { action: 'facilities.removeItem', allowed: facilitiesPolicy.edit(ctx.actor) }, async (tx) => {
    await tx.delete(facilityChecks).where(and(eq(facilityChecks.orgId, ctx.orgId), eq(facilityChecks.id, checkId)));
    return {
      result: row,
      entity: 'facility_check',
      entityId: row.id,
      summary: `นำรายการตรวจสิ่งอำนวยความสะดวกออก ปีงบประมาณ ${row.fiscalYear}: ${row.title ?? row.itemKey}`,
    };
  });
}

/**
 * Adds a photo to a line: a JPEG, PNG or WebP by its content (not its name), within the size
 * limit, stripped of EXIF, GPS and other metadata before it is stored.
 */
export async function addPhoto(
  ctx: ServiceContext,
  fiscalYear: number,
  itemKey: string,
  input: { bytes: Uint8Array; name: string; caption?: string | null },
): Promise<FacilityPhoto> {
  const allowed = facilitiesPolicy.edit(ctx.actor);
  if (!isFiscalYear(fiscalYear)) throw notFound();
  if (allowed && !(await lineExists(ctx, fiscalYear, itemKey))) throw notFound();
  const caption = input.caption?.trim() || null;
  let clean: Uint8Array = input.bytes;
  let mime = '';
  if (allowed) {
    if (input.bytes.byteLength === 0) bad('photo', 'facilities.fields.photo', 'facilities.errors.photoEmpty');
    if (input.bytes.byteLength > PHOTO_MAX_BYTES) {
      const params = { max: megabytes(PHOTO_MAX_BYTES) };
      throw new AppError(413, 'file_too_large', 'facilities.errors.photoTooLarge', params, [
        { field: 'photo', label: 'facilities.fields.photo', message: 'facilities.errors.photoTooLarge', params },
      ]);
    }
    const type = await fileTypeFromBuffer(input.bytes);
    if (!type || !(PHOTO_MIMES as readonly string[]).includes(type.mime))
      bad('photo', 'facilities.fields.photo', 'facilities.errors.photoType');
    mime = type?.mime ?? '';
    try {
      clean = stripImageMetadata(input.bytes);
    } catch (e) {
      if (e instanceof MalformedImageError) bad('photo', 'facilities.fields.photo', 'facilities.errors.photoBroken');
      throw e;
    }
    if (caption && caption.length > CAPTION_MAX)
      bad('caption', 'facilities.fields.caption', 'core.validation.tooLong', { max: CAPTION_MAX });
  }
  return runCommand(ctx, { action: 'facilities.addPhoto', allowed }, async (tx, _t, txCtx) => {
    const line = await ensureLine(tx, txCtx, fiscalYear, itemKey);
    const count = await tx
      .select({ id: facilityPhotos.id })
      .from(facilityPhotos)
      .where(and(eq(facilityPhotos.orgId, ctx.orgId), eq(facilityPhotos.checkId, line.id)));
    if (count.length >= PHOTOS_PER_LINE)
      bad('photo', 'facilities.fields.photo', 'facilities.errors.tooManyPhotos', { max: PHOTOS_PER_LINE });
    const stored = await saveFile(txCtx, { bytes: clean, name: input.name, kinds: ['image'], maxBytes: PHOTO_MAX_BYTES });
    const [row] = await tx
      .insert(facilityPhotos)
      .values({
        orgId: ctx.orgId,
        checkId: line.id,
        fileId: stored.id,
        caption,
        createdBy: ctx.actor?.userId || null,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('photo not saved');
    return {
      result: {
        id: row.id,
        checkId: row.checkId,
        fileId: row.fileId,
        caption: row.caption,
        mime: stored.mime || mime,
        createdAt: row.createdAt,
      },
      entity: 'facility_check',
      entityId: line.id,
      summary: `เพิ่มรูปถ่ายรายการตรวจสิ่งอำนวยความสะดวก ปีงบประมาณ ${fiscalYear} (${line.title ?? itemKey})`,
      data: { fileId: stored.id },
    };
  });
}

export async function removePhoto(ctx: ServiceContext, photoId: number): Promise<{ fiscalYear: number; itemKey: string }> {
  requireRead(ctx);
  const photo = await findPhoto(ctx, photoId);
  return runCommand(ctx, { action: 'facilities.removePhoto', allowed: facilitiesPolicy.edit(ctx.actor) }, async (tx) => {
    const [line] = await tx
      .select()
      .from(facilityChecks)
      .where(and(eq(facilityChecks.orgId, ctx.orgId), eq(facilityChecks.id, photo.checkId)));
    await tx.delete(facilityPhotos).where(and(eq(facilityPhotos.orgId, ctx.orgId), eq(facilityPhotos.id, photo.id)));
    return {
      result: { fiscalYear: line?.fiscalYear ?? 0, itemKey: line?.itemKey ?? '' },
      entity: 'facility_check',
      entityId: photo.checkId,
      summary: `นำรูปถ่ายรายการตรวจสิ่งอำนวยความสะดวกออก (${line?.title ?? line?.itemKey ?? ''})`,
      data: { fileId: photo.fileId },
    };
  });
}

// ---------------------------------------------------------------- evidence of measure 7

/** Where the checklist of a year is, as measure 7's evidence: its PDF. */
export function checklistHref(fiscalYear: number): string {
  return `/staff/facilities/checklist.pdf?fy=${fiscalYear}`;
}

/** Measure 7 of the year's plan, and the checklist attached to it. */
export type EvidenceState = LinkedEvidenceState;

/** Whether measure 7 of the year's plan exists and already holds the checklist. */
export async function evidenceState(ctx: ServiceContext, fiscalYear: number): Promise<EvidenceState> {
  requireRead(ctx);
  return linkedEvidenceState(ctx, fiscalYear, FACILITIES_MEASURE_NUMBER, { kind: 'facilities', href: checklistHref(fiscalYear) });
}

/**
 * Attaches the year's checklist to measure 7 of that year's plan as a link of kind
 * 'facilities' (staff-only, like the checklist). Attaching twice keeps the first.
 */
export async function attachChecklistEvidence(
  ctx: ServiceContext,
  fiscalYear: number,
  title: string,
): Promise<{ evidence: Evidence; measureId: number; created: boolean }> {
  requireRead(ctx);
  if (!isFiscalYear(fiscalYear)) throw notFound();
  return attachLinkedEvidence(ctx, fiscalYear, FACILITIES_MEASURE_NUMBER, { title, kind: 'facilities', href: checklistHref(fiscalYear) });
}
