import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';

export function routes(_app: Hono<AppEnv>) {}
