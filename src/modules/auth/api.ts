import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import { ROLES } from '../../core/auth/roles.js';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { unauthorized } from '../../core/http/errors.js';
import { setSessionCookie } from './cookies.js';
import { login, logout } from './service.js';

const Me = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string().openapi({ example: 'นางสาวฟาตีเมาะ หะเดวา' }),
    roles: z.array(z.enum(ROLES)),
    mustChangePassword: z.boolean(),
    organization: z.object({ id: z.number().int(), fullName: z.string() }),
  })
  .openapi('Me');

const LoginBody = z
  .object({
    username: z.string().trim().min(1).max(100).openapi({ example: 'ita' }),
    password: z.string().min(1).max(200),
  })
  .openapi('LoginRequest');

const LoginResponse = z
  .object({
    token: z.string().openapi({ description: 'Send as Authorization: Bearer <token>' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    user: Me,
  })
  .openapi('LoginResponse');

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'auth.login',
  tags: ['auth'],
  summary: 'Sign in; returns a bearer token and sets a session cookie',
  request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: LoginResponse } } },
    401: { description: 'Wrong username or password', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
    429: { description: 'Locked for a while after repeated failures', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'auth.logout',
  tags: ['auth'],
  summary: 'End this session or token',
  security,
  responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  operationId: 'auth.me',
  tags: ['auth'],
  summary: 'Who the token or session belongs to',
  security,
  responses: { 200: { description: 'The signed-in account', content: { 'application/json': { schema: Me } } }, 401: errorResponses[401] },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(loginRoute, async (c) => {
    const org = orgOf(c);
    const body = c.req.valid('json');
    const result = await login(c.get('app'), org.id, {
      ...body,
      kind: 'api',
      ip: c.get('ip'),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setSessionCookie(c, result.token);
    const a = result.actor;
    return c.json(
      {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        user: {
          id: a.userId,
          username: a.username,
          displayName: a.displayName,
          roles: [...a.roles],
          mustChangePassword: a.mustChangePassword,
          organization: { id: org.id, fullName: org.names.full },
        },
      },
      200,
    );
  });

  app.openapi(logoutRoute, async (c) => {
    const session = c.get('session');
    if (!session) throw unauthorized();
    await logout(serviceContext(c), session.id);
    return c.body(null, 204);
  });

  app.openapi(meRoute, (c) => {
    const a = c.get('actor');
    if (!a) throw unauthorized();
    const org = orgOf(c);
    return c.json(
      {
        id: a.userId,
        username: a.username,
        displayName: a.displayName,
        roles: [...a.roles],
        mustChangePassword: a.mustChangePassword,
        organization: { id: org.id, fullName: org.names.full },
      },
      200,
    );
  });
}
