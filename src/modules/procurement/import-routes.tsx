import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';

export function importRoutes(_app: Hono<AppEnv>) {}
