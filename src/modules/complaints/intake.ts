import { and, arrayContains, asc, eq, isNull } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Role } from '../../core/auth/roles.js';
import { users } from '../../core/auth/schema.js';
import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { type FieldError, tooMany, ValidationError } from '../../core/http/errors.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { notify } from '../../core/notify/notify.js';
import { imageContainerOf, MalformedImageError, stripImageMetadata } from '../../core/storage/exif.js';
import { saveFile } from '../../core/storage/files.js';
import { files as storedFiles } from '../../core/storage/schema.js';
import { bangkokIsoDay, bangkokMidnight, parseIsoDay } from '../../core/thai/bangkok.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { IDENTITY_FIELD_MAX, type ReporterIdentity, sealIdentity } from './identity.js';
import { complaintsPolicy } from './policy.js';
import { newReceiptCode, receiptHash } from './receipt.js';
import {
  ACK_DAYS,
  ATTACHMENT_BYTES_MAX,
  ATTACHMENT_MIMES,
  ATTACHMENTS_MAX,
  ATTACHMENTS_TOTAL_BYTES_MAX,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  SHORT_TEXT_MAX,
  SUBJECT_MAX,
} from './rules.js';
import {
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  complaintAttachments,
  complaintEntries,
  complaintRoutes,
  complaints,
} from './schema.js';
import type { ComplaintSubmission, IncomingFile, InsertOptions } from './types.js';

/**
 * The complaint intake (GlobaLeaks' principles): no account, nothing of the device or address
 * kept, the identity sealed, a receipt code returned once (only its keyed hash is stored), the
 * day received and nothing finer for web complaints, attachments checked by content with image
 * metadata (EXIF, GPS) removed and their names replaced.
 */

/** Submissions from one address to one organization (per app server, in memory; the address is never stored). */
export const SUBMIT_LIMIT = 5;
export const SUBMIT_WINDOW_MS = 60 * 60 * 1000;
export const submitLimiter = new RateLimiter(SUBMIT_LIMIT, SUBMIT_WINDOW_MS);

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const PHONE = /^\+?[0-9][0-9\s-]{7,18}[0-9]$/;

const FIELD_LABEL = (f: string) => `complaints.form.fields.${f}`;

function fieldError(field: string, message: string, params?: Record<string, string | number>): FieldError {
  return { field, label: FIELD_LABEL(field), message, ...(params ? { params } : {}) };
}

/** A submission as stored: trimmed, nulls for what was left empty. */
export interface CleanSubmission {
  category: ComplaintCategory;
  subject: string;
  description: string;
  occurredWhen: string | null;
  place: string | null;
  involved: string | null;
  identity: ReporterIdentity | null;
  mayContact: boolean;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '';
}

/** Checks a submission; every problem named by its field (the form shows them all at once). */
export function validateSubmission(input: ComplaintSubmission): CleanSubmission {
  const errors: FieldError[] = [];
  const category = text(input.category);
  if (!category) errors.push(fieldError('category', 'core.validation.choose'));
  else if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(category)) errors.push(fieldError('category', 'core.validation.invalid'));
  const subject = text(input.subject).replace(/\s+/g, ' ');
  if (!subject) errors.push(fieldError('subject', 'core.validation.required'));
  else if (subject.length > SUBJECT_MAX) errors.push(fieldError('subject', 'core.validation.tooLong', { max: SUBJECT_MAX }));
  const description = text(input.description);
  if (!description) errors.push(fieldError('description', 'core.validation.required'));
  else if (description.length < DESCRIPTION_MIN)
    errors.push(fieldError('description', 'core.validation.tooShort', { min: DESCRIPTION_MIN }));
  else if (description.length > DESCRIPTION_MAX)
    errors.push(fieldError('description', 'core.validation.tooLong', { max: DESCRIPTION_MAX }));
  const short = (f: 'occurredWhen' | 'place' | 'involved') => {
    const v = text(input[f]);
    if (v.length > SHORT_TEXT_MAX) errors.push(fieldError(f, 'core.validation.tooLong', { max: SHORT_TEXT_MAX }));
    return v || null;
  };
  const occurredWhen = short('occurredWhen');
  const place = short('place');
  const involved = short('involved');
  let identity: ReporterIdentity | null = null;
  if (input.identity) {
    const id: ReporterIdentity = {};
    for (const f of ['name', 'phone', 'email', 'address'] as const) {
      const v = text(input.identity[f]).replace(f === 'address' ? /[^\S\n]+/g : /\s+/g, ' ');
      if (!v) continue;
      if (v.length > IDENTITY_FIELD_MAX) errors.push(fieldError(f, 'core.validation.tooLong', { max: IDENTITY_FIELD_MAX }));
      else if (f === 'email' && !EMAIL.test(v)) errors.push(fieldError(f, 'core.validation.invalidEmail'));
      else if (f === 'phone' && !PHONE.test(v)) errors.push(fieldError(f, 'core.validation.invalidPhone'));
      id[f] = v;
    }
    if (Object.keys(id).length > 0) identity = id;
  }
  const mayContact = !!input.mayContact && !!identity && !!(identity.phone || identity.email || identity.address);
  if (input.mayContact && identity && !mayContact) errors.push(fieldError('mayContact', 'complaints.form.errors.contactNeeded'));
  if (errors.length) throw new ValidationError(errors);
  return { category: category as ComplaintCategory, subject, description, occurredWhen, place, involved, identity, mayContact };
}

/** An attachment that passed the checks: the bytes to store (images stripped) and its new name. */
export interface CheckedFile {
  bytes: Uint8Array;
  mime: (typeof ATTACHMENT_MIMES)[number];
  name: string;
}

const EXTENSIONS: Record<(typeof ATTACHMENT_MIMES)[number], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** A name safe to repeat in a message (the original name is never stored). */
function shownName(name: string): string {
  const n = name.replace(/[\\/\0\r\n\t]/g, '_').trim();
  return (n.length > 80 ? `${n.slice(0, 77)}…` : n) || '?';
}

/**
 * Checks the files of one submission (or one reporter's follow-up): how many, how big, the type
 * by content (JPEG, PNG, WebP, PDF; the name's extension is ignored), images re-written without
 * their metadata. PDFs are kept as they are: their metadata (author, producer) is not stripped.
 * `start` numbers the new names after the attachments already stored.
 */
export async function checkAttachments(incoming: IncomingFile[], start = 0): Promise<CheckedFile[]> {
  const list = incoming.filter((f) => f.bytes.byteLength > 0 || f.name);
  const errors: FieldError[] = [];
  if (list.length > ATTACHMENTS_MAX) {
    errors.push(fieldError('attachments', 'complaints.form.errors.tooManyFiles', { max: ATTACHMENTS_MAX }));
    throw new ValidationError(errors);
  }
  if (list.reduce((sum, f) => sum + f.bytes.byteLength, 0) > ATTACHMENTS_TOTAL_BYTES_MAX) {
    errors.push(fieldError('attachments', 'complaints.form.errors.filesTooLarge', { max: ATTACHMENTS_TOTAL_BYTES_MAX / 1024 / 1024 }));
    throw new ValidationError(errors);
  }
  const out: CheckedFile[] = [];
  for (const [i, f] of list.entries()) {
    const file = shownName(f.name);
    if (f.bytes.byteLength === 0) {
      errors.push(fieldError('attachments', 'complaints.form.errors.fileEmpty', { file }));
      continue;
    }
    if (f.bytes.byteLength > ATTACHMENT_BYTES_MAX) {
      errors.push(fieldError('attachments', 'complaints.form.errors.fileTooLarge', { file, max: ATTACHMENT_BYTES_MAX / 1024 / 1024 }));
      continue;
    }
    const type = await fileTypeFromBuffer(f.bytes);
    const mime = ATTACHMENT_MIMES.find((m) => m === type?.mime);
    if (!mime) {
      errors.push(fieldError('attachments', 'complaints.form.errors.fileType', { file }));
      continue;
    }
    let bytes = f.bytes;
    if (mime !== 'application/pdf') {
      try {
        if (imageContainerOf(bytes)) bytes = stripImageMetadata(bytes);
        else throw new MalformedImageError('jpeg', 'unknown container');
      } catch (e) {
        if (!(e instanceof MalformedImageError)) throw e;
        errors.push(fieldError('attachments', 'complaints.form.errors.fileBroken', { file }));
        continue;
      }
    }
    out.push({ bytes, mime, name: `attachment-${start + i + 1}.${EXTENSIONS[mime]}` });
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/** Stores checked attachments of a complaint (inside the caller's command). */
export async function storeAttachments(
  tx: Db,
  ctx: ServiceContext,
  complaintId: number,
  checked: CheckedFile[],
  opts: { fromReporter: boolean; at: Date },
): Promise<number[]> {
  const ids: number[] = [];
  const txCtx: ServiceContext = { ...ctx, tx, actor: opts.fromReporter ? null : ctx.actor };
  for (const f of checked) {
    const row = await saveFile(txCtx, { bytes: f.bytes, name: f.name, kinds: ['image', 'pdf'], maxBytes: ATTACHMENT_BYTES_MAX });
    // The upload's moment would be finer than the day received: keep the day only.
    await tx
      .update(storedFiles)
      .set({ createdAt: opts.at })
      .where(and(eq(storedFiles.orgId, ctx.orgId), eq(storedFiles.id, row.id)));
    const [a] = await tx
      .insert(complaintAttachments)
      .values({ orgId: ctx.orgId, complaintId, fileId: row.id, fromReporter: opts.fromReporter, createdAt: opts.at })
      .returning({ id: complaintAttachments.id });
    if (a) ids.push(a.id);
  }
  return ids;
}

/** The complaint officers of the organization with an enabled account, by name. */
export function activeOfficers(db: Db, orgId: number): Promise<{ userId: number; name: string }[]> {
  return db
    .select({ userId: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.disabledAt), arrayContains(users.roles, ['complaint_officer' satisfies Role])))
    .orderBy(asc(users.displayName));
}

/** Their user ids. */
export async function officerUserIds(db: Db, orgId: number): Promise<number[]> {
  return (await activeOfficers(db, orgId)).map((o) => o.userId);
}

function dayOf(iso: string): { year: number; month: number; day: number } {
  const d = parseIsoDay(iso);
  if (!d) throw new ValidationError([fieldError('receivedOn', 'core.validation.invalid')]);
  return d;
}

/**
 * Records a complaint inside the caller's transaction (the web form through submitComplaint; an
 * officer recording a letter, call or visit through the officers' side). Validates (field
 * messages), inserts, seals the identity under the new row's id, routes it to the category's
 * officer (else unassigned) and notifies the officer(s) — "a new complaint", nothing of its
 * content. Returns the receipt code: the only time it exists in clear.
 */
export async function insertComplaint(
  tx: Db,
  ctx: ServiceContext,
  input: ComplaintSubmission,
  opts: InsertOptions,
): Promise<{ id: number; receiptCode: string }> {
  const clean = validateSubmission(input);
  const now = ctx.app.now();
  const receivedOn = opts.receivedOn ?? bangkokIsoDay(now);
  const d = dayOf(receivedOn);
  if (receivedOn > bangkokIsoDay(now)) throw new ValidationError([fieldError('receivedOn', 'core.validation.invalid')]);
  const dayStart = bangkokMidnight(d);
  // The deadline is the end of the ACK_DAYS-th day: nothing finer than the day is kept
  // (Bangkok has no daylight saving: a day is always 24 hours).
  const ackDueAt = new Date(dayStart.getTime() + (ACK_DAYS + 1) * DAY_MS);
  const receiptCode = newReceiptCode();

  const officers = await officerUserIds(tx, ctx.orgId);
  const [route] = await tx
    .select({ userId: complaintRoutes.userId })
    .from(complaintRoutes)
    .where(and(eq(complaintRoutes.orgId, ctx.orgId), eq(complaintRoutes.category, clean.category)));
  const assignee = route && officers.includes(route.userId) ? route.userId : null;

  const [row] = await tx
    .insert(complaints)
    .values({
      orgId: ctx.orgId,
      receiptHash: receiptHash(ctx.app, receiptCode),
      fiscalYear: fiscalYearOf(dayStart),
      channel: opts.channel,
      category: clean.category,
      subject: clean.subject,
      description: clean.description,
      occurredWhen: clean.occurredWhen,
      place: clean.place,
      involved: clean.involved,
      mayContact: clean.mayContact,
      status: 'received',
      assignedUserId: assignee,
      assignedAt: assignee ? dayStart : null,
      ackDueAt,
      receivedOn,
      createdAt: dayStart,
      updatedAt: dayStart,
    })
    .returning({ id: complaints.id });
  if (!row) throw new Error('complaint not stored');
  if (clean.identity) {
    const sealed = sealIdentity(ctx.app, ctx.orgId, row.id, clean.identity);
    await tx
      .update(complaints)
      .set({ identitySealed: sealed })
      .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.id, row.id)));
  }
  await tx.insert(complaintEntries).values({
    orgId: ctx.orgId,
    complaintId: row.id,
    kind: 'status',
    status: 'received',
    fromReporter: false,
    createdAt: dayStart,
  });
  const recipients = (assignee ? [assignee] : officers).filter((id) => id !== ctx.actor?.userId);
  if (recipients.length > 0) {
    await notify(
      { ...ctx, tx },
      {
        userIds: recipients,
        kind: 'complaints.new',
        title: assignee ? 'มีเรื่องร้องเรียนใหม่มอบหมายให้ท่าน' : 'มีเรื่องร้องเรียนใหม่รอผู้รับผิดชอบ',
        href: '/staff/complaints',
        email: true,
      },
    );
  }
  return { id: row.id, receiptCode };
}

/**
 * A complaint from the public form (or the API): rate-limited per address (the address is not
 * stored), attachments checked before anything is written, recorded anonymously (the audit entry
 * keeps no user and no address, and its summary nothing of the content).
 */
export async function submitComplaint(
  ctx: ServiceContext,
  input: ComplaintSubmission,
  incoming: IncomingFile[] = [],
): Promise<{ id: number; receiptCode: string }> {
  validateSubmission(input);
  const checked = await checkAttachments(incoming);
  if (ctx.ip) {
    const wait = submitLimiter.hit(`${ctx.orgId}|${ctx.ip}`, ctx.app.now().getTime());
    if (wait > 0) throw tooMany('complaints.antispam.tooManySubmissions', { minutes: Math.ceil(wait / 60) });
  }
  return runCommand(
    ctx,
    { action: 'complaints.submit', allowed: complaintsPolicy.submit(ctx.actor), anonymous: true },
    async (tx, tools, txCtx) => {
      // The statistics pages count it.
      tools.publish({ topic: 'pages.changed', data: { complaints: 'submit' } });
      // The reporter acts as no one: even a signed-in staff member files anonymously.
      const anon: ServiceContext = { ...txCtx, actor: null };
      const out = await insertComplaint(tx, anon, input, { channel: 'web' });
      const at = bangkokMidnight(dayOf(bangkokIsoDay(ctx.app.now())));
      await storeAttachments(tx, anon, out.id, checked, { fromReporter: true, at });
      return {
        result: out,
        entity: 'complaint',
        entityId: out.id,
        summary: 'รับเรื่องร้องเรียนใหม่ทางเว็บไซต์',
        data: { attachments: checked.length },
      };
    },
  );
}
