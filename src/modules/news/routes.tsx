import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, notFound } from '../../core/http/errors.js';
import { type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId, rowIdParam } from '../../core/http/ids.js';
import { siteOrigin } from '../../core/http/request.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { isNewsCategory } from './categories.js';
import { atomFeed, type FeedInfo, feedUpdated, rssFeed } from './feeds.js';
import { newsPolicy } from './policy.js';
import * as read from './read.js';
import { POST_KINDS } from './schema.js';
import * as svc from './service.js';
import { PostFormPage } from './views/form.js';
import { NewsListPage, NewsPostPage } from './views/public.js';
import { type FormState, StaffListPage, StaffPostPage } from './views/staff.js';

const MAX_PAGE = 10_000;

/** ?page=N (1 when absent); anything but a sensible number is a page that does not exist. */
function pageOf(c: AppContext): number {
  const raw = c.req.query('page');
  if (raw === undefined || raw === '') return 1;
  const n = parseRowId(raw);
  if (n === null || n > MAX_PAGE) throw notFound();
  return n;
}

const fieldErrorsOf = (e: unknown) => formErrorsOf(e, [409, 413, 422]);
const statusOf = formErrorStatus;

async function bytesOf(f: File | undefined) {
  return f ? { bytes: new Uint8Array(await f.arrayBuffer()), name: f.name || 'file' } : null;
}

async function postInput(values: FormValues, files: Record<string, File>): Promise<svc.PostInput> {
  const intent = formValue(values, 'intent') === 'publish' ? 'publish' : 'draft';
  const attachment = await bytesOf(files.attachment);
  const removeList = values.removeAttachments;
  const version = Number(formValue(values, 'version'));
  return {
    kind: formValue(values, 'kind'),
    category: formValue(values, 'category'),
    title: formValue(values, 'title'),
    summary: formValue(values, 'summary'),
    body: formValue(values, 'body'),
    coverAlt: formValue(values, 'coverAlt'),
    cover: await bytesOf(files.cover),
    removeCover: formValue(values, 'removeCover') === '1',
    attachment: attachment ? { ...attachment, label: formValue(values, 'attachmentName') } : null,
    removeAttachments: (Array.isArray(removeList) ? removeList : []).map((x) => parseRowId(x)).filter((x): x is number => x !== null),
    intent,
    schedule:
      formValue(values, 'when') === 'later'
        ? { date: formValue(values, 'publishDate'), time: formValue(values, 'publishTime') || '00:00' }
        : null,
    reason: formValue(values, 'reason'),
    version: Number.isInteger(version) ? version : -1,
  };
}

function staffReader(c: AppContext): ServiceContext {
  ensureAllowed(newsPolicy.read(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

/** The feeds' description of themselves, in Thai (the organization's own language for its news). */
function feedInfo(c: AppContext, posts: read.NewsSummary[], now: Date): FeedInfo {
  const org = orgOf(c);
  const t = c.get('t');
  return {
    origin: siteOrigin(c),
    title: t('news.feeds.title', { org: org.names.full }),
    description: t('news.public.lead'),
    author: org.names.full,
    language: c.get('locale'),
    categoryName: (k) => t(`news.categories.${k}`),
    kindName: (k) => t(`news.kinds.${k}`),
    updated: feedUpdated(posts, now),
  };
}

function sendXml(c: AppContext, xml: string, type: string) {
  const body = Buffer.from(xml);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('Content-Type', `${type}; charset=utf-8`);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(body as unknown as Uint8Array<ArrayBuffer>);
}

export function routes(app: Hono<AppEnv>) {
  // ---------------------------------------------------------------- public

  app.get('/news', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = serviceContext(c);
      const kindRaw = c.req.query('kind') ?? '';
      const categoryRaw = c.req.query('category') ?? '';
      const kind = (POST_KINDS as readonly string[]).includes(kindRaw) ? kindRaw : null;
      const category = isNewsCategory(categoryRaw) ? categoryRaw : null;
      const page = pageOf(c);
      const { posts, total } = await read.listPublicPosts(ctx, { kind, category, page });
      if (page > 1 && posts.length === 0) throw notFound();
      return renderToString(c, <NewsListPage posts={posts} state={{ kind, category, page, total, pageSize: read.PUBLIC_PAGE_SIZE }} />);
    }),
  );

  app.get('/news/rss.xml', async (c) => {
    const ctx = serviceContext(c);
    const posts = await read.feedPosts(ctx);
    return sendXml(c, rssFeed(feedInfo(c, posts, ctx.app.now()), posts), 'application/rss+xml');
  });

  app.get('/news/atom.xml', async (c) => {
    const ctx = serviceContext(c);
    const posts = await read.feedPosts(ctx);
    return sendXml(c, atomFeed(feedInfo(c, posts, ctx.app.now()), posts), 'application/atom+xml');
  });

  app.get('/news/:id', (c) => {
    const id = rowIdParam(c);
    return c.get('pages').respond(c, async () => {
      const view = await read.getPublicPost(serviceContext(c), id);
      return renderToString(c, <NewsPostPage view={view} />);
    });
  });

  app.get('/news/:id/files/:fileId', async (c) => {
    const { file, bytes } = await read.publicPostFile(serviceContext(c), rowIdParam(c), rowIdParam(c, 'fileId'));
    return serveStoredFile(c, file, bytes);
  });

  // ---------------------------------------------------------------- staff

  const listPage = async (c: AppContext) => {
    const ctx = staffReader(c);
    const raw = c.req.query('status') ?? '';
    const status = (read.STAFF_STATUSES as readonly string[]).includes(raw) ? raw : null;
    const page = pageOf(c);
    const { rows, total } = await read.listStaffPosts(ctx, { status, page });
    return renderPage(
      c,
      <StaffListPage
        rows={rows}
        total={total}
        status={status}
        page={page}
        pageSize={read.STAFF_PAGE_SIZE}
        canPublish={newsPolicy.publish(ctx.actor)}
      />,
    );
  };

  const formPage = async (c: AppContext, ctx: ServiceContext, id: number | null, state: FormState, status = 200) => {
    const found = id === null ? null : await read.getStaffPost(ctx, id);
    return renderPage(
      c,
      <PostFormPage
        post={found?.post ?? null}
        attachments={found?.attachments ?? []}
        canPublish={newsPolicy.publish(ctx.actor)}
        now={ctx.app.now()}
        state={state}
      />,
      status,
    );
  };

  const postPage = async (c: AppContext, ctx: ServiceContext, id: number, withdraw?: FormState, status = 200) => {
    const { post, attachments } = await read.getStaffPost(ctx, id);
    return renderPage(
      c,
      <StaffPostPage
        post={post}
        attachments={attachments}
        status={svc.statusOf(post, ctx.app.now())}
        canEdit={newsPolicy.edit(ctx.actor, post)}
        canPublish={newsPolicy.publish(ctx.actor)}
        withdraw={withdraw ?? { values: {}, errors: [] }}
      />,
      status,
    );
  };

  const save = async (c: AppContext, id: number | null) => {
    const ctx = staffReader(c);
    const { values, files } = await readForm(c);
    let saved: svc.NewsPost;
    try {
      saved = await svc.savePost(ctx, id, await postInput(values, files));
    } catch (e) {
      if (e instanceof AppError && (e.status === 403 || e.status === 401 || e.status === 404)) throw e;
      return formPage(c, ctx, id, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    const status = svc.statusOf(saved, ctx.app.now());
    flash(
      c,
      id !== null && saved.version > 1 && status === 'published' && saved.publicationId ? 'news.flash.saved' : `news.flash.${status}`,
    );
    return c.redirect(`/staff/news/${saved.id}`, 303);
  };

  app.get('/staff/news', listPage);

  app.get('/staff/news/new', async (c) => {
    const ctx = staffReader(c);
    ensureAllowed(newsPolicy.draft(ctx.actor), !!ctx.actor);
    return formPage(c, ctx, null, { values: {}, errors: [] });
  });
  app.post('/staff/news/new', (c) => save(c, null));

  app.get('/staff/news/:id', async (c) => postPage(c, staffReader(c), rowIdParam(c)));

  app.get('/staff/news/:id/edit', async (c) => {
    const ctx = staffReader(c);
    const id = rowIdParam(c);
    const { post } = await read.getStaffPost(ctx, id);
    ensureAllowed(newsPolicy.edit(ctx.actor, post), !!ctx.actor);
    return formPage(c, ctx, id, { values: {}, errors: [] });
  });
  app.post('/staff/news/:id/edit', (c) => save(c, rowIdParam(c)));

  app.post('/staff/news/:id/withdraw', async (c) => {
    const ctx = staffReader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await svc.withdrawPost(ctx, id, formValue(values, 'withdrawReason'));
    } catch (e) {
      if (e instanceof AppError && (e.status === 403 || e.status === 401 || e.status === 404)) throw e;
      return postPage(c, ctx, id, { values, errors: fieldErrorsOf(e) }, statusOf(e));
    }
    flash(c, 'news.flash.withdrawn');
    return c.redirect(`/staff/news/${id}`, 303);
  });

  app.post('/staff/news/:id/pin', async (c) => {
    const ctx = staffReader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const pinned = formValue(values, 'pinned') === '1';
    await svc.setPinned(ctx, id, pinned);
    flash(c, pinned ? 'news.flash.pinned' : 'news.flash.unpinned');
    return c.redirect(`/staff/news/${id}`, 303);
  });

  app.post('/staff/news/:id/delete', async (c) => {
    const ctx = staffReader(c);
    await svc.deleteDraft(ctx, rowIdParam(c));
    flash(c, 'news.flash.deleted');
    return c.redirect('/staff/news', 303);
  });

  app.get('/staff/news/:id/files/:fileId', async (c) => {
    const { file, bytes } = await read.staffPostFile(staffReader(c), rowIdParam(c), rowIdParam(c, 'fileId'));
    return serveStoredFile(c, file, bytes);
  });
}
