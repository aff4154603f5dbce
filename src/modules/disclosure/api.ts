import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams, RowId, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { publicationFileHref } from '../publications/service.js';
import { FRESHNESS } from './freshness.js';
import { oitList, unknownIndicator } from './oit-list.js';
import { UPDATE_FREQUENCIES } from './schema.js';
import { listItems, MAX_NOTE, MAX_URL, type RegisterItem, recordUpdate, yearEvidence } from './service.js';

const Year = z.coerce.number().int().min(2500).max(2700);

const IndicatorSchema = z
  .object({
    code: z.string().openapi({ example: 'O4' }),
    name: z.string().openapi({ example: 'ข่าวประชาสัมพันธ์' }),
    gloss: z.string().openapi({ example: 'News' }),
    indicator: z.number().int().openapi({ description: '9 การเปิดเผยข้อมูล, 10 การป้องกันการทุจริต', example: 9 }),
    group: z.string().openapi({ example: 'basic' }),
    verified: z.boolean().openapi({ description: 'false: inferred, not yet confirmed against the NACC manual' }),
    topics: z.array(z.string()).openapi({ example: ['news'] }),
  })
  .openapi('OitIndicator');

const listIndicatorsRoute = createRoute({
  method: 'get',
  path: '/oit/indicators',
  operationId: 'oit.listIndicators',
  tags: ['disclosure'],
  summary: 'The OIT items of an ITA year as this organization uses them (its own list, or the shipped one); public',
  request: {
    query: z.object({ year: Year.optional().openapi({ description: 'Fiscal year B.E.; default the current one', example: 2569 }) }),
  },
  responses: {
    200: {
      description: 'The list',
      content: {
        'application/json': {
          schema: z.object({ fiscalYear: z.number().int(), custom: z.boolean(), items: z.array(IndicatorSchema) }).openapi('OitList'),
        },
      },
    },
    404: { description: 'No OIT list for that year', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

const LinkSchema = z.object({
  title: z.string(),
  url: z.string().openapi({ description: 'Absolute URL', example: 'https://lubopusa.go.th/news/12' }),
  updatedAt: z.string().nullable().openapi({ format: 'date-time' }),
  source: z.enum(['item', 'provider', 'document']),
});

const evidenceRoute = createRoute({
  method: 'get',
  path: '/oit/evidence',
  operationId: 'oit.evidence',
  tags: ['disclosure'],
  summary:
    'What is published under one OIT item of a year: the register items’ URLs, the modules’ pages and the published documents (public)',
  request: {
    query: z.object({
      year: Year.openapi({ example: 2569 }),
      code: z.string().min(1).max(10).openapi({ example: 'O4' }),
    }),
  },
  responses: {
    200: {
      description: 'The evidence',
      content: {
        'application/json': {
          schema: z
            .object({
              fiscalYear: z.number().int(),
              indicator: IndicatorSchema,
              links: z.array(LinkSchema),
              documents: z.array(
                z.object({
                  id: z.number().int(),
                  title: z.string(),
                  sha256: z.string(),
                  publishedAt: z.string().openapi({ format: 'date-time' }),
                  url: z.string(),
                }),
              ),
            })
            .openapi('OitEvidence'),
        },
      },
    },
    404: { description: 'No such year or item', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

const ItemSchema = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int(),
    itemCode: z.string(),
    title: z.string(),
    responsibleStaffId: z.number().int().nullable(),
    responsibleName: z.string().nullable(),
    frequency: z.enum(UPDATE_FREQUENCIES),
    dueOn: z.string().nullable().openapi({ format: 'date' }),
    lastUpdatedAt: z.string().nullable().openapi({ format: 'date-time' }),
    evidenceUrl: z.string().nullable(),
    publicationId: z.number().int().nullable(),
    status: z.enum(FRESHNESS).openapi({ description: 'overdue | never (updated) | due_soon (≤ 14 days) | current' }),
    daysLeft: z.number().int().nullable(),
  })
  .openapi('DisclosureItem');

const itemJson = (i: RegisterItem) => ({
  id: i.id,
  fiscalYear: i.fiscalYear,
  itemCode: i.itemCode,
  title: i.title,
  responsibleStaffId: i.responsibleStaffId,
  responsibleName: i.responsibleName,
  frequency: i.frequency,
  dueOn: i.dueOn,
  lastUpdatedAt: i.lastUpdatedAt ? i.lastUpdatedAt.toISOString() : null,
  evidenceUrl: i.evidenceUrl,
  publicationId: i.publicationId,
  status: i.freshness,
  daysLeft: i.daysLeft,
});

const listItemsRoute = createRoute({
  method: 'get',
  path: '/disclosure/items',
  operationId: 'disclosure.listItems',
  tags: ['disclosure'],
  summary: 'The disclosure register of a year, with each item’s status (signed-in staff)',
  security,
  request: {
    query: z.object({
      year: Year.optional().openapi({ description: 'Fiscal year B.E.; default the current one', example: 2569 }),
      status: z.enum(FRESHNESS).optional(),
      code: z.string().max(10).optional().openapi({ example: 'O11' }),
      staff: RowId.optional().openapi({ description: 'Responsible staff id' }),
    }),
  },
  responses: {
    200: { description: 'The items', content: { 'application/json': { schema: z.object({ items: z.array(ItemSchema) }) } } },
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

const updateItemRoute = createRoute({
  method: 'post',
  path: '/disclosure/items/{id}/updates',
  operationId: 'disclosure.updateItem',
  tags: ['disclosure'],
  summary:
    'Record that an item is current now, with the URL where it is published and/or a note; the due date moves on by the frequency (the responsible person, the ITA coordinator or an admin). PDFs are published from the staff page.',
  security,
  request: {
    params: idPathParams(3),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            url: z.string().max(MAX_URL).nullable().optional().openapi({ example: 'https://lubopusa.go.th/procurement/2569-03' }),
            note: z.string().max(MAX_NOTE).nullable().optional().openapi({ example: 'ลงประกาศสรุปผลเดือนมีนาคมแล้ว' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The item after the update', content: { 'application/json': { schema: ItemSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such item in this organization', content: { 'application/json': { schema: ErrorSchema } } },
    409: { description: 'The item is retired', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

const absolute = (origin: string, url: string) => (/^https?:\/\//i.test(url) ? url : `${origin}${url}`);

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listIndicatorsRoute, async (c) => {
    const ctx = { ...serviceContext(c), actor: null };
    const list = await oitList(ctx, c.req.valid('query').year ?? fiscalYearOf(ctx.app.now()));
    return c.json({ fiscalYear: list.fiscalYear, custom: list.custom, items: list.items }, 200);
  });

  app.openapi(evidenceRoute, async (c) => {
    const ctx = { ...serviceContext(c), actor: null };
    const { year, code } = c.req.valid('query');
    const { evidence } = await yearEvidence(ctx, year);
    const e = evidence.find((x) => x.indicator.code === code);
    if (!e) throw unknownIndicator(year, code);
    const origin = new URL(c.req.url).origin;
    return c.json(
      {
        fiscalYear: year,
        indicator: e.indicator,
        links: e.links.map((l) => ({
          title: l.title,
          url: absolute(origin, l.url),
          updatedAt: l.updatedAt ? l.updatedAt.toISOString() : null,
          source: l.source,
        })),
        documents: e.publications.map((p) => ({
          id: p.id,
          title: p.title,
          sha256: p.sha256,
          publishedAt: p.publishedAt.toISOString(),
          url: absolute(origin, publicationFileHref(p)),
        })),
      },
      200,
    );
  });

  app.openapi(listItemsRoute, async (c) => {
    const ctx = serviceContext(c);
    const q = c.req.valid('query');
    const items = await listItems(ctx, {
      fiscalYear: q.year ?? fiscalYearOf(ctx.app.now()),
      status: q.status,
      itemCode: q.code,
      responsibleStaffId: q.staff,
    });
    return c.json({ items: items.map(itemJson) }, 200);
  });

  app.openapi(updateItemRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { item } = await recordUpdate(serviceContext(c), id, { url: body.url ?? null, note: body.note ?? null });
    return c.json(itemJson(item), 200);
  });
}
