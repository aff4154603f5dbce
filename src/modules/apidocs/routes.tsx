import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { renderPage } from '../../core/ui/render.js';
import { ApiDocsPage, type ApiOperation } from './views/docs.js';

type Json = Record<string, unknown>;

/** Reads the OpenAPI document the API serves and lists its operations for people. */
function operationsOf(doc: Json): ApiOperation[] {
  const out: ApiOperation[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = ((op.parameters ?? []) as Json[]).map((p) => ({
        name: String(p.name),
        in: String(p.in),
        required: !!p.required,
        description: p.description ? String(p.description) : '',
      }));
      const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema?: Json }> | undefined;
      out.push({
        operationId: String(op.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path: `/api${path}`,
        summary: String(op.summary ?? ''),
        secured: Array.isArray(op.security) && op.security.length > 0,
        params,
        body: body?.['application/json']?.schema ? JSON.stringify(body['application/json'].schema, null, 2) : null,
        responses: Object.entries((op.responses ?? {}) as Record<string, Json>).map(([code, r]) => ({
          code,
          description: String(r.description ?? ''),
        })),
      });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

export function routes(app: Hono<AppEnv>) {
  app.get('/api/docs', async (c) => {
    const res = await app.request('/api/openapi.json', { headers: { host: c.req.header('host') ?? 'localhost' } }, c.env);
    const doc = (await res.json()) as Json;
    return renderPage(
      c,
      <ApiDocsPage operations={operationsOf(doc)} schemas={(doc.components as Json | undefined)?.schemas as Json | undefined} />,
    );
  });
}
