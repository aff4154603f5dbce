import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, notFound } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { readFileBytes, type StoredFile } from '../../core/storage/files.js';
import { fiscalYearRange } from '../../core/thai/index.js';
import { isNewsCategory } from './categories.js';
import { newsPolicy } from './policy.js';
import { newsAttachments, newsPosts, POST_KINDS, type PostKind } from './schema.js';
import { attachmentsOf, findPost, type NewsAttachment, type NewsPost, type PostStatus, plainText, statusOf } from './service.js';

export const PUBLIC_PAGE_SIZE = 10;
export const STAFF_PAGE_SIZE = 25;
export const FEED_SIZE = 20;

/** What a list, the home page and the feeds show of a published post. */
export interface NewsSummary {
  id: number;
  kind: PostKind;
  category: string;
  title: string;
  summary: string | null;
  /** The summary, or the start of the text when there is none (descriptions, feeds). */
  description: string;
  publishAt: Date;
  updatedAt: Date;
  pinned: boolean;
  coverFileId: number | null;
  coverAlt: string | null;
}

const DESCRIPTION_MAX = 200;

export function descriptionOf(p: Pick<NewsPost, 'summary' | 'bodyHtml' | 'title'>): string {
  if (p.summary) return p.summary;
  const text = plainText(p).replace(/\s+/g, ' ').trim();
  if (!text) return p.title;
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;
}

function summaryOf(p: NewsPost): NewsSummary {
  return {
    id: p.id,
    kind: p.kind,
    category: p.category,
    title: p.title,
    summary: p.summary,
    description: descriptionOf(p),
    publishAt: p.publishAt ?? p.createdAt,
    updatedAt: p.updatedAt,
    pinned: p.pinned === 1,
    coverFileId: p.coverFileId,
    coverAlt: p.coverAlt,
  };
}

/** On the public pages now: published (logged), its time has come, not withdrawn. */
function visible(ctx: ServiceContext): SQL {
  return and(
    eq(newsPosts.orgId, ctx.orgId),
    isNotNull(newsPosts.publicationId),
    isNull(newsPosts.withdrawnAt),
    lte(newsPosts.publishAt, ctx.app.now()),
  ) as SQL;
}

export interface PublicFilter {
  kind?: string | null;
  category?: string | null;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** The public list: pinned first, then newest first; filtered by kind and category; paged. */
export async function listPublicPosts(ctx: ServiceContext, f: PublicFilter = {}): Promise<{ posts: NewsSummary[]; total: number }> {
  const where = [visible(ctx)];
  if (f.kind && (POST_KINDS as readonly string[]).includes(f.kind)) where.push(eq(newsPosts.kind, f.kind as PostKind));
  if (f.category && isNewsCategory(f.category)) where.push(eq(newsPosts.category, f.category));
  const size = f.pageSize ?? PUBLIC_PAGE_SIZE;
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const db = dbOf(ctx);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(newsPosts)
      .where(and(...where))
      .orderBy(desc(newsPosts.pinned), desc(newsPosts.publishAt), desc(newsPosts.id))
      .limit(size)
      .offset((page - 1) * size),
    db
      .select({ n: count() })
      .from(newsPosts)
      .where(and(...where)),
  ]);
  return { posts: rows.map(summaryOf), total: totals[0]?.n ?? 0 };
}

/** For the home page: the newest published posts (pinned first). */
export async function latestNews(ctx: ServiceContext, opts: { limit?: number } = {}): Promise<NewsSummary[]> {
  const limit = Math.min(Math.max(1, opts.limit ?? 5), 50);
  return (await listPublicPosts(ctx, { page: 1, pageSize: limit })).posts;
}

/** For the RSS and Atom feeds: the newest published posts, by publish time only. */
export async function feedPosts(ctx: ServiceContext, limit = FEED_SIZE): Promise<NewsSummary[]> {
  const rows = await dbOf(ctx)
    .select()
    .from(newsPosts)
    .where(visible(ctx))
    .orderBy(desc(newsPosts.publishAt), desc(newsPosts.id))
    .limit(limit);
  return rows.map(summaryOf);
}

export interface PublicPost {
  post: NewsPost;
  attachments: NewsAttachment[];
  /** Withdrawn after it was on the public pages: the page says when and why, nothing else. */
  withdrawn: boolean;
}

/**
 * A post as the public sees it; a draft, a scheduled post before its time, a post of another
 * organization, or one withdrawn before it ever appeared: 404.
 */
export async function getPublicPost(ctx: ServiceContext, id: number): Promise<PublicPost> {
  const post = await findPost(dbOf(ctx), ctx.orgId, id);
  const now = ctx.app.now().getTime();
  if (!post || post.publicationId == null || !post.publishAt || post.publishAt.getTime() > now) throw notFound();
  if (post.withdrawnAt) {
    if (post.withdrawnAt.getTime() < post.publishAt.getTime()) throw notFound();
    return { post, attachments: [], withdrawn: true };
  }
  return { post, attachments: await attachmentsOf(dbOf(ctx), ctx.orgId, id), withdrawn: false };
}

/** A file (cover or attachment) of a post the public can see. */
export async function publicPostFile(ctx: ServiceContext, postId: number, fileId: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  const { post, attachments, withdrawn } = await getPublicPost(ctx, postId);
  if (withdrawn || !isRowId(fileId)) throw notFound();
  if (post.coverFileId !== fileId && !attachments.some((a) => a.fileId === fileId)) throw notFound();
  return readFileBytes(ctx, fileId);
}

// ---------------------------------------------------------------- staff

export interface StaffRow {
  post: NewsPost;
  status: PostStatus;
}

export const STAFF_STATUSES = ['draft', 'scheduled', 'published', 'withdrawn'] as const;

export async function listStaffPosts(
  ctx: ServiceContext,
  f: { status?: string | null; page?: number } = {},
): Promise<{ rows: StaffRow[]; total: number }> {
  ensureAllowed(newsPolicy.read(ctx.actor), !!ctx.actor);
  const now = ctx.app.now();
  const where: SQL[] = [eq(newsPosts.orgId, ctx.orgId)];
  switch (f.status) {
    case 'draft':
      where.push(isNull(newsPosts.publicationId), isNull(newsPosts.withdrawnAt));
      break;
    case 'scheduled':
      where.push(isNotNull(newsPosts.publicationId), isNull(newsPosts.withdrawnAt), sql`${newsPosts.publishAt} > ${now}`);
      break;
    case 'published':
      where.push(visible(ctx));
      break;
    case 'withdrawn':
      where.push(isNotNull(newsPosts.withdrawnAt));
      break;
  }
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const db = dbOf(ctx);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(newsPosts)
      .where(and(...where))
      .orderBy(sql`${newsPosts.publishAt} desc nulls first`, desc(newsPosts.updatedAt), desc(newsPosts.id))
      .limit(STAFF_PAGE_SIZE)
      .offset((page - 1) * STAFF_PAGE_SIZE),
    db
      .select({ n: count() })
      .from(newsPosts)
      .where(and(...where)),
  ]);
  return { rows: rows.map((post) => ({ post, status: statusOf(post, now) })), total: totals[0]?.n ?? 0 };
}

export async function getStaffPost(ctx: ServiceContext, id: number): Promise<{ post: NewsPost; attachments: NewsAttachment[] }> {
  ensureAllowed(newsPolicy.read(ctx.actor), !!ctx.actor);
  const post = await findPost(dbOf(ctx), ctx.orgId, id);
  if (!post) throw notFound();
  return { post, attachments: await attachmentsOf(dbOf(ctx), ctx.orgId, id) };
}

/** A file of any post of the organization, for signed-in staff (drafts' files included). */
export async function staffPostFile(ctx: ServiceContext, postId: number, fileId: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  const { post, attachments } = await getStaffPost(ctx, postId);
  if (post.coverFileId !== fileId && !attachments.some((a) => a.fileId === fileId)) throw notFound();
  return readFileBytes(ctx, fileId);
}

/** OIT evidence (topic 'news'): the posts published in a fiscal year and still on the public pages. */
export async function postsOfFiscalYear(ctx: ServiceContext, fiscalYear: number): Promise<NewsSummary[]> {
  const { start, end } = fiscalYearRange(fiscalYear);
  const rows = await dbOf(ctx)
    .select()
    .from(newsPosts)
    .where(and(visible(ctx), gte(newsPosts.publishAt, start), lt(newsPosts.publishAt, end)))
    .orderBy(desc(newsPosts.publishAt), desc(newsPosts.id));
  return rows.map(summaryOf);
}

/** How many attachments each post has (staff list). */
export async function attachmentCounts(ctx: ServiceContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ postId: newsAttachments.postId, n: count() })
    .from(newsAttachments)
    .where(and(eq(newsAttachments.orgId, ctx.orgId), inArray(newsAttachments.postId, ids)))
    .groupBy(newsAttachments.postId);
  return new Map(rows.map((r) => [r.postId, r.n]));
}
