import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed, ValidationError } from '../../core/http/errors.js';
import { importProcurements, MAX_IMPORT_ROWS } from './import.js';
import { procurementPolicy } from './policy.js';
import { PROCUREMENT_METHODS, PROCUREMENT_STATUSES } from './schema.js';

const counts = <T extends readonly string[]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int().optional()])));

const ImportSummarySchema = z
  .object({
    fiscalYear: z.number().int().openapi({ example: 2567 }),
    count: z.number().int().openapi({ description: 'Procurements imported' }),
    budgetSatang: z.number().int().openapi({ description: 'Sum of their budgets, integer satang (1 baht = 100 satang)' }),
    agreedSatang: z.number().int().openapi({ description: 'Sum of their agreed prices, integer satang' }),
    bids: z.number().int().openapi({ description: 'Bids imported with them' }),
    byStatus: counts(PROCUREMENT_STATUSES),
    byMethod: counts(PROCUREMENT_METHODS),
    firstId: z.number().int(),
    lastId: z.number().int(),
    fileName: z.string(),
  })
  .openapi('ProcurementImportSummary');

const importRoute = createRoute({
  method: 'post',
  path: '/procurement/import',
  operationId: 'procurement.import',
  tags: ['procurement'],
  summary:
    'Import procurements of a fiscal year from XLSX or CSV (the template at /staff/procurement/import/template.xlsx, or an e-GP export), all or nothing',
  description:
    `Multipart form: fiscalYear (B.E., e.g. 2567) and file (.xlsx or .csv in UTF-8 or Windows-874, at most ${MAX_IMPORT_ROWS} rows). ` +
    "Columns are matched by their headers (the template's Thai names or the e-GP export's). Bidders go in one cell: " +
    '"name: price; name (tax id): price". Every problem is returned with 422, one entry of `fields` per problem: ' +
    '`field` is "row <n>, <column>" (the row as Excel numbers it, the column as the file heads it) or "file"; ' +
    'nothing is imported unless every row is right. Duplicates (same e-GP project number, or same title and ' +
    'contract number) within the file or already recorded are refused.',
  security,
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            fiscalYear: z.string().openapi({ example: '2567', description: 'B.E. fiscal year' }),
            file: z.any().openapi({ type: 'string', format: 'binary' }),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Imported', content: { 'application/json': { schema: ImportSummarySchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: { description: 'No such fiscal year', content: { 'application/json': { schema: ErrorSchema } } },
    413: { description: 'File too large', content: { 'application/json': { schema: ErrorSchema } } },
    422: errorResponses[422],
  },
});

export function importApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(importRoute, async (c) => {
    const ctx = serviceContext(c);
    ensureAllowed(procurementPolicy.edit(ctx.actor), !!ctx.actor);
    const body = await c.req.parseBody();
    const file = body.file;
    const fyText = typeof body.fiscalYear === 'string' ? body.fiscalYear.trim() : '';
    const fiscalYear = /^\d{4}$/.test(fyText) ? Number(fyText) : Number.NaN;
    if (!Number.isInteger(fiscalYear))
      throw new ValidationError([
        { field: 'fiscalYear', label: 'procurement.import.fiscalYear', message: 'procurement.import.fiscalYearInvalid' },
      ]);
    if (!(file instanceof File) || file.size === 0)
      throw new ValidationError([{ field: 'file', label: 'procurement.import.file', message: 'procurement.import.fileRequired' }]);
    const summary = await importProcurements(ctx, {
      fiscalYear,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
    });
    return c.json(summary, 201);
  });
}
