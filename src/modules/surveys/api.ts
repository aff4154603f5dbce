import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http/env.js';
import { collectApi } from './collect-api.js';
import { reportApi } from './report-api.js';

export function api(app: OpenAPIHono<AppEnv>) {
  collectApi(app);
  reportApi(app);
}
