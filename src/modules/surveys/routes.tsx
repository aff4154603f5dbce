import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { collectRoutes } from './collect-routes.js';
import { reportRoutes } from './report-routes.js';

export function routes(app: Hono<AppEnv>) {
  collectRoutes(app);
  reportRoutes(app);
}
