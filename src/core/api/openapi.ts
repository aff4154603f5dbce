import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { ValidationError } from '../http/errors.js';
import { issuesToFieldErrors } from '../http/validation.js';

/**
 * The JSON API: every operation is declared with zod (validation and the OpenAPI 3.1 document
 * come from one definition) and has a stable operationId `module.verb`. Invalid input gets the
 * project's error shape, naming each field in the caller's language, not a raw ZodError.
 */
export function createApi(): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const labels: Record<string, string> = {};
        for (const issue of result.error.issues) {
          const field = issue.path.map(String).join('.');
          labels[field] = field;
        }
        throw new ValidationError(issuesToFieldErrors(result.error.issues, labels));
      }
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token returned by auth.login',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'prongsai_session',
  });
  return api;
}

export function openApiDocument(api: OpenAPIHono<AppEnv>, version: string) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Prongsai API',
      version,
      description:
        'The JSON API of Prongsai (โปร่งใส). Sign in with auth.login to get a bearer token; ' +
        'send it as `Authorization: Bearer <token>`. Errors have the shape ' +
        '`{ "error": { "code", "message", "fields": [{ "field", "message" }], "requestId" } }`; ' +
        'messages follow Accept-Language (th, en).',
    },
    servers: [{ url: '/api' }],
  });
}
