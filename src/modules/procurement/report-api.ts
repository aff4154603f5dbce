import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http/env.js';

export function reportApi(_app: OpenAPIHono<AppEnv>) {}
