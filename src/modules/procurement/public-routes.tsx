import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';

export function publicRoutes(_app: Hono<AppEnv>) {}
