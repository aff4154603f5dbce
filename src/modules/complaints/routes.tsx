import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';

/** Stub (issue 8 foundations): replaced by the part that owns this file. */
export function routes(_app: Hono<AppEnv>) {}
