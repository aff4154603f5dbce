import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { CHAIN_GENESIS, chainLog, chainRef } from './chain.js';
import { oitItem } from './oit-items.js';
import { PUBLICATION_ACTIONS, PUBLICATION_KINDS } from './schema.js';
import { getPublication, listPublications, type Publication, publicationFileHref, publicationHref, sourceHref } from './service.js';

const PublicationSchema = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int().openapi({ description: 'Buddhist Era fiscal year (1 October – 30 September)', example: 2567 }),
    itemCode: z.string().openapi({ description: 'OIT item of that year’s list', example: 'o43' }),
    itemName: z.string().nullable().openapi({ example: 'การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน' }),
    title: z.string().openapi({ example: 'รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567' }),
    sha256: z.string().openapi({
      description: 'SHA-256 of the file, lowercase hex',
      example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    }),
    size: z.number().int().openapi({ description: 'Bytes' }),
    mime: z.string().openapi({ example: 'application/pdf' }),
    publishedAt: z.string().openapi({ format: 'date-time' }),
    publisherPosition: z.string().nullable().openapi({ description: 'Position of the person who published it (never a username)' }),
    supersededBy: z.number().int().nullable(),
    supersededAt: z.string().nullable().openapi({ format: 'date-time' }),
    supersedeReason: z.string().nullable(),
    kind: z.enum(PUBLICATION_KINDS).openapi({ description: 'document (an OIT PDF), or a version of public content (JSON snapshot)' }),
    action: z.enum(PUBLICATION_ACTIONS).openapi({ description: 'publish (a document or a new version) or withdraw (taken off the site)' }),
    withdraws: z.number().int().nullable().openapi({ description: 'On a withdrawal: the publication withdrawn' }),
    withdrawnBy: z.number().int().nullable().openapi({ description: 'On a withdrawn publication: its withdrawal' }),
    reason: z.string().nullable().openapi({ description: 'On a withdrawal: the reason given' }),
    sourceHref: z
      .string()
      .nullable()
      .openapi({ description: 'The live page of the content (news, service guide, page)', example: '/news/7' }),
    href: z.string().openapi({ description: 'Public page', example: '/publications/12' }),
    fileHref: z.string().openapi({ description: 'The file itself (ETag = sha256)', example: '/publications/12/file' }),
  })
  .openapi('Publication');

/** The only place that shapes a publication as JSON. */
function present(p: Publication): z.infer<typeof PublicationSchema> {
  return {
    id: p.id,
    fiscalYear: p.fiscalYear,
    itemCode: p.itemCode,
    itemName: oitItem(p.fiscalYear, p.itemCode)?.name ?? null,
    title: p.title,
    sha256: p.sha256,
    size: p.size,
    mime: p.mime,
    publishedAt: p.publishedAt.toISOString(),
    publisherPosition: p.publisherPosition,
    supersededBy: p.supersededBy,
    supersededAt: p.supersededAt ? p.supersededAt.toISOString() : null,
    supersedeReason: p.supersedeReason,
    kind: p.kind,
    action: p.action,
    withdraws: p.withdraws,
    withdrawnBy: p.withdrawnBy,
    reason: p.reason,
    sourceHref: p.action === 'publish' ? sourceHref(p) : null,
    href: publicationHref(p),
    fileHref: publicationFileHref(p),
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/publications',
  operationId: 'publications.list',
  tags: ['publications'],
  summary: 'The organization’s published documents, newest first (public; no token needed)',
  request: {
    query: z.object({
      fiscalYear: z.coerce.number().int().min(2500).max(2700).optional().openapi({ example: 2567 }),
      includeSuperseded: z
        .enum(['true', 'false', '1', '0'])
        .optional()
        .transform((v) => v === 'true' || v === '1')
        .openapi({ description: 'Also list versions that were replaced', example: 'false' }),
    }),
  },
  responses: {
    200: { description: 'Publications', content: { 'application/json': { schema: z.object({ items: z.array(PublicationSchema) }) } } },
    422: errorResponses[422],
  },
});

const LogEntrySchema = PublicationSchema.extend({
  replaces: z.number().int().nullable().openapi({ description: 'The publication this one superseded' }),
  ref: z
    .string()
    .openapi({ description: 'The last field the chain hashes: the id replaced, withdraws:<id>, or empty', example: 'withdraws:12' }),
  chain: z.string().openapi({ description: 'The hash chain after this entry (stored when it was written)' }),
}).openapi('PublicationLogEntry');

const logRoute = createRoute({
  method: 'get',
  path: '/publications/log',
  operationId: 'publications.log',
  tags: ['publications'],
  summary: 'The whole publication log in publication order, with the hash chain (public; no token needed)',
  description:
    'Every entry (publications of documents and content versions, and withdrawals), oldest first, each with its chain value: chain = SHA-256(previous chain|id|sha256|published_at|ref) over UTF-8, from 64 zeros. head is the last entry’s chain value.',
  responses: {
    200: {
      description: 'The log',
      content: {
        'application/json': {
          schema: z.object({ head: z.string(), count: z.number().int(), items: z.array(LogEntrySchema) }),
        },
      },
    },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/publications/{id}',
  operationId: 'publications.get',
  tags: ['publications'],
  summary: 'One published document (public; no token needed)',
  request: {
    params: idPathParams(12),
  },
  responses: {
    200: { description: 'The publication', content: { 'application/json': { schema: PublicationSchema } } },
    404: { description: 'No such publication in this organization', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const items = await listPublications(serviceContext(c), { fiscalYear: q.fiscalYear, includeSuperseded: q.includeSuperseded });
    return c.json({ items: items.map(present) }, 200);
  });

  app.openapi(logRoute, async (c) => {
    const all = await listPublications(serviceContext(c), { includeSuperseded: true });
    const rows = chainLog(all).rows;
    const items = rows.map(({ entry, replaces, chain }) => ({
      ...present(entry),
      replaces,
      ref: chainRef(entry, replaces),
      chain: entry.chainLink ?? chain,
    }));
    return c.json({ head: items.at(-1)?.chain ?? CHAIN_GENESIS, count: items.length, items }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(present(await getPublication(serviceContext(c), id)), 200);
  });
}
