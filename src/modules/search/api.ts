import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { siteOrigin } from '../../core/http/request.js';
import { MAX_LIMIT, MAX_OFFSET, SOURCE_PATTERN, searchQuery } from '../../core/search/search.js';

const HitSchema = z
  .object({
    source: z.string().openapi({ description: 'The kind of page: news, service, page, qa …', example: 'service' }),
    sourceId: z.string().openapi({ example: '12' }),
    title: z.string().openapi({ example: 'ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร' }),
    summary: z.string().nullable(),
    snippet: z.string().openapi({ description: 'The summary, or the words around the first match' }),
    path: z.string().openapi({ example: '/services/12' }),
    url: z.string().openapi({ description: 'Absolute address', example: 'https://lubopuesa.go.th/services/12' }),
    publishedAt: z.string().openapi({ example: '2026-05-01T02:00:00.000Z' }),
    rank: z.number(),
  })
  .openapi('SearchHit');

const ResultSchema = z
  .object({
    query: z.string().openapi({ description: 'The query as read (trimmed, at most 200 characters)' }),
    words: z.array(z.string()).openapi({ description: 'The words searched for (Thai segmented, digits as Arabic)', example: ['ก่อสร้าง'] }),
    mode: z.enum(['all', 'any', 'none']).openapi({
      description: "'all': pages with every word; 'any': none had every word, so pages with some; 'none': nothing to search for or found",
    }),
    total: z.number().int(),
    sources: z.array(z.object({ source: z.string(), count: z.number().int() })),
    items: z.array(HitSchema),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi('SearchResult');

const queryRoute = createRoute({
  method: 'get',
  path: '/search',
  operationId: 'search.query',
  tags: ['search'],
  summary: 'Searches the organization’s published pages (Thai full text; public, no token needed)',
  request: {
    query: z.object({
      q: z.string().max(2000).openapi({ description: 'Words in Thai, English or digits; operators are read as text', example: 'ก่อสร้าง' }),
      source: z.string().regex(SOURCE_PATTERN).optional().openapi({ example: 'service' }),
      limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(10),
      offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
    }),
  },
  responses: {
    200: { description: 'Matches, best first', content: { 'application/json': { schema: ResultSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(queryRoute, async (c) => {
    const { q, source, limit, offset } = c.req.valid('query');
    const r = await searchQuery(serviceContext(c), { q, source, limit, offset });
    const origin = siteOrigin(c);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(
      {
        query: r.query,
        words: r.words,
        mode: r.mode,
        total: r.total,
        sources: r.sources,
        items: r.hits.map((h) => ({
          source: h.source,
          sourceId: h.sourceId,
          title: h.title,
          summary: h.summary,
          snippet: h.snippet,
          path: h.url,
          url: `${origin}${h.url}`,
          publishedAt: h.publishedAt.toISOString(),
          rank: h.rank,
        })),
        limit: r.limit,
        offset: r.offset,
      },
      200,
    );
  });
}
