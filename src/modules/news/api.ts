import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { siteOrigin } from '../../core/http/request.js';
import { NEWS_CATEGORIES } from './categories.js';
import { descriptionOf, getPublicPost, listPublicPosts, type NewsSummary } from './read.js';
import { POST_KINDS } from './schema.js';
import { newsHref } from './service.js';
import { publicFileHref } from './views/public.js';

const MAX_PAGE_SIZE = 50;

const SummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(POST_KINDS).openapi({ description: 'news = ข่าวประชาสัมพันธ์, announcement = ประกาศ' }),
    category: z.enum(NEWS_CATEGORIES),
    title: z.string().openapi({ example: 'ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี 2567' }),
    summary: z.string().nullable(),
    description: z.string().openapi({ description: 'The summary, or the start of the text when there is none' }),
    publishedAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    pinned: z.boolean(),
    url: z.string().openapi({ description: 'The public page (absolute)', example: 'https://lubopusa.go.th/news/12' }),
    coverUrl: z.string().nullable().openapi({ description: 'The cover image (absolute), if any' }),
    coverAlt: z.string().nullable(),
  })
  .openapi('NewsSummary');

const PostSchema = SummarySchema.extend({
  bodyHtml: z
    .string()
    .openapi({ description: 'The text as sanitized HTML (a fixed allow-list of tags; no scripts, styles or event handlers)' }),
  attachments: z.array(
    z.object({
      name: z.string(),
      mime: z.string().openapi({ example: 'application/pdf' }),
      size: z.number().int().openapi({ description: 'Bytes' }),
      sha256: z.string(),
      url: z.string(),
    }),
  ),
  publicationId: z.number().int().nullable().openapi({ description: 'The current version in the publication log (/publications/{id})' }),
  withdrawn: z
    .object({ at: z.string().openapi({ format: 'date-time' }), reason: z.string() })
    .nullable()
    .openapi({ description: 'Set when the post was withdrawn: then only the title, when and why are given' }),
}).openapi('NewsPost');

/** The only place that shapes a post as JSON. */
function summaryJson(origin: string, p: NewsSummary) {
  return {
    id: p.id,
    kind: p.kind,
    category: p.category as (typeof NEWS_CATEGORIES)[number],
    title: p.title,
    summary: p.summary,
    description: p.description,
    publishedAt: p.publishAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    pinned: p.pinned,
    url: origin + newsHref(p.id),
    coverUrl: p.coverFileId ? origin + publicFileHref(p.id, p.coverFileId) : null,
    coverAlt: p.coverAlt,
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/news',
  operationId: 'news.list',
  tags: ['news'],
  summary: 'Published news and announcements of the organization, pinned first then newest first (public; no token needed)',
  request: {
    query: z.object({
      kind: z.enum(POST_KINDS).optional(),
      category: z.enum(NEWS_CATEGORIES).optional(),
      page: z.coerce.number().int().min(1).max(10_000).optional().openapi({ example: 1 }),
      pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().openapi({ example: 10 }),
    }),
  },
  responses: {
    200: {
      description: 'One page of posts and the total',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(SummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
        },
      },
    },
    422: errorResponses[422],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/news/{id}',
  operationId: 'news.get',
  tags: ['news'],
  summary: 'One published post with its text (sanitized HTML) and attachments; a withdrawn one with when and why (public)',
  request: { params: idPathParams(12) },
  responses: {
    200: { description: 'The post', content: { 'application/json': { schema: PostSchema } } },
    404: { description: 'No such published post in this organization', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 10;
    const { posts, total } = await listPublicPosts(serviceContext(c), { kind: q.kind, category: q.category, page, pageSize });
    const origin = siteOrigin(c);
    return c.json({ items: posts.map((p) => summaryJson(origin, p)), total, page, pageSize }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { post, attachments, withdrawn } = await getPublicPost(serviceContext(c), id);
    const origin = siteOrigin(c);
    const publishAt = post.publishAt ?? post.createdAt;
    const base = summaryJson(origin, {
      id: post.id,
      kind: post.kind,
      category: post.category,
      title: post.title,
      summary: withdrawn ? null : post.summary,
      description: withdrawn ? post.title : descriptionOf(post),
      publishAt,
      updatedAt: post.updatedAt,
      pinned: post.pinned === 1,
      coverFileId: withdrawn ? null : post.coverFileId,
      coverAlt: withdrawn ? null : post.coverAlt,
    });
    return c.json(
      {
        ...base,
        bodyHtml: withdrawn ? '' : post.bodyHtml,
        attachments: attachments.map((a) => ({
          name: a.name,
          mime: a.mime,
          size: a.size,
          sha256: a.sha256,
          url: origin + publicFileHref(post.id, a.fileId),
        })),
        publicationId: post.publicationId,
        withdrawn: withdrawn ? { at: (post.withdrawnAt ?? publishAt).toISOString(), reason: post.withdrawReason ?? '' } : null,
      },
      200,
    );
  });
}
