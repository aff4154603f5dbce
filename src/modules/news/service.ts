import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { htmlToText, indexDocument, removeDocument } from '../../core/search/index.js';
import { imageContainerOf, MalformedImageError, stripImageMetadata } from '../../core/storage/exif.js';
import { getFile, saveFile } from '../../core/storage/files.js';
import { files } from '../../core/storage/schema.js';
import type { FileKind } from '../../core/storage/store.js';
import { parseThaiDateInput } from '../../core/thai/index.js';
import { renderRichText } from '../../core/ui/richtext.js';
import { publishContent, withdrawPublication } from '../publications/service.js';
import { isNewsCategory } from './categories.js';
import { newsPolicy } from './policy.js';
import { newsAttachments, newsPosts, POST_KINDS, type PostKind } from './schema.js';

export type NewsPost = typeof newsPosts.$inferSelect;

/** Where a post stands: a draft, waiting for its time, on the public pages, or taken off them. */
export type PostStatus = 'draft' | 'scheduled' | 'published' | 'withdrawn';

export interface NewsAttachment {
  fileId: number;
  name: string;
  sortOrder: number;
  mime: string;
  size: number;
  sha256: string;
}

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 300;
export const BODY_MAX = 50_000;
export const ALT_MAX = 200;
export const REASON_MAX = 2000;
export const ATTACHMENT_NAME_MAX = 200;
export const ATTACHMENTS_MAX = 10;
export const COVER_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** How far ahead a post may be scheduled. */
export const SCHEDULE_MAX_DAYS = 366;
const ATTACHMENT_KINDS: FileKind[] = ['pdf', 'image', 'office'];

export function statusOf(p: Pick<NewsPost, 'publicationId' | 'publishAt' | 'withdrawnAt'>, now: Date): PostStatus {
  if (p.withdrawnAt) return 'withdrawn';
  if (p.publicationId == null || p.publishAt == null) return 'draft';
  return p.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

const field = (name: string, message: string, params?: FieldError['params']): FieldError => ({
  field: name,
  label: `news.fields.${name}`,
  message,
  params,
});

export async function findPost(db: Db, orgId: number, id: number): Promise<NewsPost | null> {
  if (!isRowId(id)) return null;
  const [row] = await db
    .select()
    .from(newsPosts)
    .where(and(eq(newsPosts.orgId, orgId), eq(newsPosts.id, id)));
  return row ?? null;
}

export async function attachmentsOf(db: Db, orgId: number, postId: number): Promise<NewsAttachment[]> {
  return db
    .select({
      fileId: newsAttachments.fileId,
      name: newsAttachments.name,
      sortOrder: newsAttachments.sortOrder,
      mime: files.mime,
      size: files.size,
      sha256: files.sha256,
    })
    .from(newsAttachments)
    .innerJoin(files, and(eq(files.orgId, newsAttachments.orgId), eq(files.id, newsAttachments.fileId)))
    .where(and(eq(newsAttachments.orgId, orgId), eq(newsAttachments.postId, postId)))
    .orderBy(asc(newsAttachments.sortOrder), asc(newsAttachments.fileId));
}

// ---------------------------------------------------------------- writing a post

export interface UploadInput {
  bytes: Uint8Array;
  name: string;
}

export interface PostInput {
  kind: string;
  category: string;
  title: string;
  summary?: string | null;
  /** Markdown subset (see core/ui/richtext). */
  body?: string | null;
  coverAlt?: string | null;
  cover?: UploadInput | null;
  removeCover?: boolean;
  /** One new attachment per save, with the name readers see (default: the file's name). */
  attachment?: (UploadInput & { label?: string | null }) | null;
  /** File ids of attachments to take off. */
  removeAttachments?: number[];
  /** draft: keep it unpublished; publish: publish (now, or at `schedule`), or a new version of a published post. */
  intent: 'draft' | 'publish';
  /** A later date and time to appear (Bangkok), as typed: date like 22/10/2567 or 2024-10-22, time HH:MM. */
  schedule?: { date: string; time: string } | null;
  /** Why a published post is changed (required then; shown in the publication log). */
  reason?: string | null;
  /** The version the form was shown with (0 for a new post): a stale form gets 409. */
  version: number;
}

/** A typed date and time in Bangkok, or null when unreadable. */
export function parseSchedule(date: string, time: string): Date | null {
  const day = parseThaiDateInput(date);
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(time.trim());
  if (!day || !m) return null;
  return new Date(day.getTime() + (Number(m[1]) * 60 + Number(m[2])) * 60_000);
}

interface Checked {
  kind: PostKind;
  category: string;
  title: string;
  summary: string | null;
  body: string;
  coverAlt: string | null;
  reason: string | null;
  publishAt: Date | null;
  attachmentLabel: string | null;
}

function check(ctx: ServiceContext, existing: NewsPost | null, input: PostInput, attachmentCount: number): Checked {
  const errors: FieldError[] = [];
  const now = ctx.app.now();
  const title = input.title.trim();
  const summary = input.summary?.trim() || null;
  const body = (input.body ?? '').replace(/\r\n?/g, '\n').trim();
  const coverAlt = input.coverAlt?.trim() || null;
  const reason = input.reason?.trim() || null;
  if (!(POST_KINDS as readonly string[]).includes(input.kind)) errors.push(field('kind', 'core.validation.choose'));
  if (!isNewsCategory(input.category)) errors.push(field('category', 'core.validation.choose'));
  if (!title) errors.push(field('title', 'core.validation.required'));
  else if (title.length > TITLE_MAX) errors.push(field('title', 'core.validation.tooLong', { max: TITLE_MAX }));
  if (summary && summary.length > SUMMARY_MAX) errors.push(field('summary', 'core.validation.tooLong', { max: SUMMARY_MAX }));
  if (body.length > BODY_MAX) errors.push(field('body', 'core.validation.tooLong', { max: BODY_MAX }));
  const hasCover = !!input.cover || (!!existing?.coverFileId && !input.removeCover);
  if (hasCover && !coverAlt) errors.push(field('coverAlt', 'news.errors.coverAlt'));
  if (coverAlt && coverAlt.length > ALT_MAX) errors.push(field('coverAlt', 'core.validation.tooLong', { max: ALT_MAX }));
  const label = input.attachment ? input.attachment.label?.trim() || input.attachment.name.trim() || null : null;
  if (label && label.length > ATTACHMENT_NAME_MAX)
    errors.push(field('attachmentName', 'core.validation.tooLong', { max: ATTACHMENT_NAME_MAX }));
  if (input.attachment && attachmentCount >= ATTACHMENTS_MAX)
    errors.push(field('attachment', 'news.errors.tooManyAttachments', { max: ATTACHMENTS_MAX }));
  const logged = existing?.publicationId != null;
  if (logged && input.intent !== 'publish') errors.push({ field: '_', label: '', message: 'news.errors.alreadyPublished' });
  if (logged && !reason) errors.push(field('reason', 'news.errors.reasonRequired'));
  if (reason && reason.length > REASON_MAX) errors.push(field('reason', 'core.validation.tooLong', { max: REASON_MAX }));
  let publishAt: Date | null = null;
  if (input.intent === 'publish' && !logged && input.schedule) {
    const at = parseSchedule(input.schedule.date, input.schedule.time);
    if (!at) errors.push(field('publishDate', 'news.errors.scheduleInvalid'));
    else if (at.getTime() <= now.getTime()) errors.push(field('publishDate', 'news.errors.schedulePast'));
    else if (at.getTime() > now.getTime() + SCHEDULE_MAX_DAYS * 86_400_000)
      errors.push(field('publishDate', 'news.errors.scheduleTooFar', { days: SCHEDULE_MAX_DAYS }));
    else publishAt = at;
  }
  if (errors.length) throw new ValidationError(errors);
  return {
    kind: input.kind as PostKind,
    category: input.category,
    title,
    summary,
    body,
    coverAlt,
    reason,
    publishAt,
    attachmentLabel: label,
  };
}

const FILE_ERRORS: Record<string, string> = {
  empty_file: 'news.errors.fileEmpty',
  file_too_large: 'news.errors.fileTooLarge',
  file_type_not_allowed: 'news.errors.fileType',
};

/** A file stored for a post, its refusal named by the form field it came from. */
async function storeUpload(txCtx: ServiceContext, name: string, upload: UploadInput, kinds: FileKind[], maxBytes: number) {
  let bytes = upload.bytes;
  try {
    if (imageContainerOf(bytes)) bytes = stripImageMetadata(bytes);
  } catch (e) {
    if (e instanceof MalformedImageError) throw new ValidationError([field(name, 'news.errors.imageBroken')]);
    throw e;
  }
  try {
    return await saveFile(txCtx, { bytes, name: upload.name, kinds, maxBytes });
  } catch (e) {
    const key = e instanceof AppError ? FILE_ERRORS[e.code] : undefined;
    if (e instanceof AppError && key) {
      const params = { ...e.params, allowed: kinds.map((k) => k.toUpperCase()).join(', ') };
      throw new AppError(e.status, e.code, 'core.errors.validation', params, [field(name, key, params)]);
    }
    throw e;
  }
}

/** What the public sees of a version: logged as the publication's snapshot. */
function snapshotOf(p: NewsPost, attachments: NewsAttachment[], cover: { sha256: string } | null) {
  return {
    kind: p.kind,
    category: p.category,
    title: p.title,
    summary: p.summary,
    body: p.bodySource,
    html: p.bodyHtml,
    cover: cover ? { sha256: cover.sha256, alt: p.coverAlt } : null,
    attachments: attachments.map((a) => ({ name: a.name, sha256: a.sha256, size: a.size, mime: a.mime })),
    publishAt: p.publishAt?.toISOString() ?? null,
  };
}

export const newsHref = (id: number) => `/news/${id}`;

/** The post's plain text for the search index and descriptions. */
export function plainText(p: Pick<NewsPost, 'bodyHtml'>): string {
  return htmlToText(p.bodyHtml);
}

/**
 * Creates (id null) or changes a post. Publishing logs the version in the publication log (a
 * changed published post: a new version replacing the current one, with the reason) and puts
 * it in the search index with its publish time, inside the same transaction.
 */
export async function savePost(ctx: ServiceContext, id: number | null, input: PostInput): Promise<NewsPost> {
  const db = dbOf(ctx);
  const existing = id === null ? null : await findPost(db, ctx.orgId, id);
  if (id !== null && !existing) throw notFound();
  const publishing = input.intent === 'publish';
  const allowed = existing
    ? newsPolicy.edit(ctx.actor, existing) && (!publishing || newsPolicy.publish(ctx.actor))
    : publishing
      ? newsPolicy.publish(ctx.actor)
      : newsPolicy.draft(ctx.actor);
  if (existing?.withdrawnAt && ctx.actor) throw conflict('news.errors.withdrawn');
  const current = existing ? await attachmentsOf(db, ctx.orgId, existing.id) : [];
  const removing = new Set((input.removeAttachments ?? []).filter((f) => current.some((a) => a.fileId === f)));
  const v = allowed ? check(ctx, existing, input, current.length - removing.size) : null;
  return runCommand(ctx, { action: existing ? 'news.update' : 'news.create', allowed }, async (tx, _tools, txCtx) => {
    if (!v) throw new Error('unchecked');
    const now = ctx.app.now();
    let row: NewsPost | null | undefined = existing ? await findPost(tx, ctx.orgId, existing.id) : null;
    if (row && row.version !== input.version) throw conflict('news.errors.conflict');
    let coverFileId = row?.coverFileId ?? null;
    if (input.removeCover) coverFileId = null;
    if (input.cover) coverFileId = (await storeUpload(txCtx, 'cover', input.cover, ['image'], COVER_MAX_BYTES)).id;
    const values = {
      kind: v.kind,
      category: v.category,
      title: v.title,
      summary: v.summary,
      bodySource: v.body,
      bodyHtml: renderRichText(v.body),
      coverFileId,
      coverAlt: coverFileId ? v.coverAlt : null,
      updatedAt: now,
    };
    if (row) {
      [row] = await tx
        .update(newsPosts)
        .set({ ...values, version: row.version + 1 })
        .where(and(eq(newsPosts.orgId, ctx.orgId), eq(newsPosts.id, row.id), eq(newsPosts.version, row.version)))
        .returning();
      if (!row) throw conflict('news.errors.conflict');
    } else {
      [row] = await tx
        .insert(newsPosts)
        .values({ ...values, orgId: ctx.orgId, version: 1, authorId: ctx.actor?.userId || null, createdAt: now })
        .returning();
      if (!row) throw new Error('post not created');
    }
    const postId = row.id;
    if (removing.size) {
      await tx
        .delete(newsAttachments)
        .where(
          and(eq(newsAttachments.orgId, ctx.orgId), eq(newsAttachments.postId, postId), inArray(newsAttachments.fileId, [...removing])),
        );
    }
    if (input.attachment) {
      const stored = await storeUpload(txCtx, 'attachment', input.attachment, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES);
      const [last] = await tx
        .select({ n: max(newsAttachments.sortOrder) })
        .from(newsAttachments)
        .where(and(eq(newsAttachments.orgId, ctx.orgId), eq(newsAttachments.postId, postId)));
      await tx
        .insert(newsAttachments)
        .values({ orgId: ctx.orgId, postId, fileId: stored.id, name: v.attachmentLabel ?? stored.name, sortOrder: (last?.n ?? -1) + 1 })
        .onConflictDoNothing();
    }
    let summary = `${existing ? 'แก้ไข' : 'สร้าง'}ข่าว/ประกาศ "${v.title}"`;
    if (publishing) {
      const publishAt = row.publishAt ?? v.publishAt ?? now;
      const attachments = await attachmentsOf(tx, ctx.orgId, postId);
      const cover = coverFileId ? await getFile(txCtx, coverFileId) : null;
      const shown: NewsPost = { ...row, publishAt };
      const publication = await publishContent(tx, txCtx, {
        kind: 'news',
        topic: 'news',
        title: v.title,
        source: { entity: 'news_post', id: postId },
        snapshot: snapshotOf(shown, attachments, cover),
        replaces: row.publicationId != null && v.reason ? { publicationId: row.publicationId, reason: v.reason } : undefined,
        // Scheduled: the log holds the version's place now, and shows what it is from publishAt.
        visibleFrom: publishAt,
      });
      [row] = await tx
        .update(newsPosts)
        .set({ publishAt, publicationId: publication.id })
        .where(and(eq(newsPosts.orgId, ctx.orgId), eq(newsPosts.id, postId)))
        .returning();
      if (!row) throw new Error('post vanished');
      await indexDocument(tx, txCtx, {
        source: 'news',
        sourceId: postId,
        title: row.title,
        summary: row.summary,
        body: [row.summary ?? '', plainText(row), ...attachments.map((a) => a.name)].join('\n'),
        url: newsHref(postId),
        publishedAt: publishAt,
      });
      summary =
        existing?.publicationId != null
          ? `แก้ไขข่าว/ประกาศที่เผยแพร่แล้ว "${v.title}" (ฉบับใหม่): ${v.reason}`
          : publishAt.getTime() > now.getTime()
            ? `ตั้งเวลาเผยแพร่ข่าว/ประกาศ "${v.title}" เมื่อ ${publishAt.toISOString()}`
            : `เผยแพร่ข่าว/ประกาศ "${v.title}"`;
    }
    return {
      result: row,
      entity: 'news_post',
      entityId: postId,
      summary,
      data: { kind: row.kind, category: row.category, publicationId: row.publicationId, publishAt: row.publishAt?.toISOString() ?? null },
    };
  });
}

/**
 * Takes a published (or scheduled) post off the public pages: the withdrawal is logged with
 * its reason, the post leaves the search index, and its page says when and why it was withdrawn.
 */
export async function withdrawPost(ctx: ServiceContext, id: number, reasonInput: string): Promise<NewsPost> {
  const existing = await findPost(dbOf(ctx), ctx.orgId, id);
  if (!existing) throw notFound();
  const allowed = newsPolicy.publish(ctx.actor);
  const reason = reasonInput.trim();
  if (allowed) {
    if (existing.withdrawnAt || existing.publicationId == null) throw conflict('news.errors.notPublished');
    if (!reason) throw new ValidationError([field('withdrawReason', 'news.errors.reasonRequired')]);
    if (reason.length > REASON_MAX) throw new ValidationError([field('withdrawReason', 'core.validation.tooLong', { max: REASON_MAX })]);
  }
  return runCommand(ctx, { action: 'news.withdraw', allowed }, async (tx, _tools, txCtx) => {
    const row = await findPost(tx, ctx.orgId, id);
    if (!row || row.withdrawnAt || row.publicationId == null) throw conflict('news.errors.notPublished');
    await withdrawPublication(tx, txCtx, { id: row.publicationId, reason });
    const [done] = await tx
      .update(newsPosts)
      .set({ withdrawnAt: ctx.app.now(), withdrawReason: reason, pinned: 0, version: row.version + 1, updatedAt: ctx.app.now() })
      .where(and(eq(newsPosts.orgId, ctx.orgId), eq(newsPosts.id, id)))
      .returning();
    if (!done) throw new Error('post vanished');
    await removeDocument(tx, txCtx, 'news', id);
    return { result: done, entity: 'news_post', entityId: id, summary: `ถอนข่าว/ประกาศ "${row.title}": ${reason}`, data: { reason } };
  });
}

/** Pins a post to the top of the public list (or unpins it). Not a new version: the content is unchanged. */
export async function setPinned(ctx: ServiceContext, id: number, pinned: boolean): Promise<NewsPost> {
  const existing = await findPost(dbOf(ctx), ctx.orgId, id);
  if (!existing) throw notFound();
  const allowed = newsPolicy.publish(ctx.actor);
  if (allowed && existing.withdrawnAt) throw conflict('news.errors.withdrawn');
  return runCommand(ctx, { action: pinned ? 'news.pin' : 'news.unpin', allowed }, async (tx, tools) => {
    const [row] = await tx
      .update(newsPosts)
      .set({ pinned: pinned ? 1 : 0, updatedAt: ctx.app.now() })
      .where(and(eq(newsPosts.orgId, ctx.orgId), eq(newsPosts.id, id)))
      .returning();
    if (!row) throw notFound();
    if (row.publicationId != null) tools.publish({ topic: 'pages.changed', data: { news: id } });
    return { result: row, entity: 'news_post', entityId: id, summary: `${pinned ? 'ปักหมุด' : 'เลิกปักหมุด'}ข่าว/ประกาศ "${row.title}"` };
  });
}

/** Deletes a draft that was never published (a published post is withdrawn instead, never deleted). */
export async function deleteDraft(ctx: ServiceContext, id: number): Promise<void> {
  const existing = await findPost(dbOf(ctx), ctx.orgId, id);
  if (!existing) throw notFound();
  const allowed = newsPolicy.edit(ctx.actor, existing);
  if (allowed && existing.publicationId != null) throw conflict('news.errors.alreadyPublished');
  await runCommand(ctx, { action: 'news.deleteDraft', allowed }, async (tx) => {
    const row = await findPost(tx, ctx.orgId, id);
    if (!row || row.publicationId != null) throw conflict('news.errors.alreadyPublished');
    await tx.delete(newsAttachments).where(and(eq(newsAttachments.orgId, ctx.orgId), eq(newsAttachments.postId, id)));
    await tx.delete(newsPosts).where(and(eq(newsPosts.orgId, ctx.orgId), eq(newsPosts.id, id)));
    return { result: undefined, entity: 'news_post', entityId: id, summary: `ลบร่างข่าว/ประกาศ "${row.title}"` };
  });
}
