import { z } from '@hono/zod-openapi';
import { MAX_ROW_ID } from '../http/ids.js';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'มีข้อมูลที่ต้องแก้ไข' }),
      fields: z.array(z.object({ field: z.string(), message: z.string() })),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** The error responses most operations can give, for the OpenAPI document. */
export const errorResponses = {
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  422: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

/** A row id in a path or a query: a whole number from 1 to MAX_ROW_ID (a larger one is no row, not a database error). */
export const RowId = z.coerce.number().int().positive().max(MAX_ROW_ID);

/** The `{id}` path parameter of an operation on one row. */
export const idPathParams = (example: number) => z.object({ id: RowId.openapi({ param: { name: 'id', in: 'path' }, example }) });
