import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http/env.js';

/** Stub (issue 8 foundations): replaced by the part that owns this file. */
export function api(_api: OpenAPIHono<AppEnv>) {}
