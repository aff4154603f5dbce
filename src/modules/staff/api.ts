import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, security } from '../../core/api/schemas.js';
import { ROLES } from '../../core/auth/roles.js';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { ensureAllowed } from '../../core/http/errors.js';
import { staffPolicy } from './policy.js';
import { listDivisions, listStaff, positionTitle } from './service.js';

const StaffMember = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ example: 'นางวิชุดา กุลเกื้อ' }),
    position: z.string().nullable().openapi({ example: 'หัวหน้าสำนักงานปลัด' }),
    division: z.string().nullable().openapi({ example: 'สำนักปลัด' }),
    divisionId: z.number().int().nullable(),
    username: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    active: z.boolean(),
  })
  .openapi('StaffMember');

const Division = z
  .object({ id: z.number().int(), name: z.string(), nameEn: z.string().nullable(), active: z.boolean() })
  .openapi('Division');

const listRoute = createRoute({
  method: 'get',
  path: '/staff',
  operationId: 'staff.list',
  tags: ['staff'],
  summary: 'The staff directory of the organization',
  security,
  request: {
    query: z.object({
      q: z.string().max(100).optional().openapi({ description: 'Search name, position or username' }),
      divisionId: z.coerce.number().int().positive().optional(),
    }),
  },
  responses: {
    200: { description: 'Staff members', content: { 'application/json': { schema: z.object({ items: z.array(StaffMember) }) } } },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const divisionsRoute = createRoute({
  method: 'get',
  path: '/divisions',
  operationId: 'staff.listDivisions',
  tags: ['staff'],
  summary: 'The divisions (ส่วนราชการ) of the organization',
  security,
  responses: {
    200: { description: 'Divisions', content: { 'application/json': { schema: z.object({ items: z.array(Division) }) } } },
    401: errorResponses[401],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    ensureAllowed(staffPolicy.read(c.get('actor')), !!c.get('actor'));
    const org = orgOf(c);
    const q = c.req.valid('query');
    const people = await listStaff(serviceContext(c), { q: q.q, divisionId: q.divisionId });
    return c.json(
      {
        items: people.map((p) => ({
          id: p.id,
          name: p.name,
          position: p.positionTitle
            ? positionTitle({ title: p.positionTitle, appendOrgName: p.positionAppendOrgName }, org.name, org.names.typeFull)
            : null,
          division: p.divisionName,
          divisionId: p.divisionId,
          username: p.username,
          roles: p.roles,
          active: p.active,
        })),
      },
      200,
    );
  });
  app.openapi(divisionsRoute, async (c) => {
    ensureAllowed(staffPolicy.read(c.get('actor')), !!c.get('actor'));
    const rows = await listDivisions(serviceContext(c), { includeInactive: true });
    return c.json({ items: rows.map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn, active: d.active })) }, 200);
  });
}
