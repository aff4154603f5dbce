import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf } from '../../core/http/env.js';

const Organization = z
  .object({
    id: z.number().int(),
    type: z.string().openapi({ example: 'sao' }),
    name: z.string().openapi({ example: 'ลูโบะปือซา' }),
    fullName: z.string().openapi({ example: 'องค์การบริหารส่วนตำบลลูโบะปือซา' }),
    shortName: z.string().openapi({ example: 'อบต.ลูโบะปือซา' }),
    nameEn: z.string().nullable(),
    province: z.string(),
    district: z.string(),
    subdistrict: z.string().nullable(),
    docCode: z.string().openapi({ example: 'นธ 78101' }),
    address: z.string(),
    postcode: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
  })
  .openapi('Organization');

const getOrganization = createRoute({
  method: 'get',
  path: '/organization',
  operationId: 'organization.get',
  tags: ['organization'],
  summary: 'The organization this address serves (public information)',
  responses: { 200: { description: 'The organization', content: { 'application/json': { schema: Organization } } } },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(getOrganization, (c) => {
    const org = orgOf(c);
    return c.json(
      {
        id: org.id,
        type: org.type,
        name: org.name,
        fullName: org.names.full,
        shortName: org.names.short,
        nameEn: org.nameEn,
        province: org.province,
        district: org.district,
        subdistrict: org.subdistrict,
        docCode: org.docCode,
        address: org.address,
        postcode: org.postcode,
        phone: org.phone,
        email: org.email,
        website: org.website,
      },
      200,
    );
  });
}
