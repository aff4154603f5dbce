import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';

export function reportRoutes(_app: Hono<AppEnv>) {}
