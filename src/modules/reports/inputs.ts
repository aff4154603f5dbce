import { z } from '@hono/zod-openapi';
import { linesOf } from '../../core/http/lines.js';

const lines = (max: number) => z.string().max(max).optional().transform(linesOf);

/** The memo form: one line per paragraph / position / title line. */
export const MemoFormInput = z.object({
  rev: z.coerce.number().int().positive(),
  agency: z.string().trim().min(1).max(300),
  subject: z.string().trim().min(1).max(500),
  to: z.string().trim().min(1).max(300),
  body: lines(20000).refine((l) => l.length > 0 && l.length <= 30, { message: 'reports.errors.body' }),
  signerName: z.string().trim().min(1).max(200),
  signerPositions: lines(1000),
  tableTitle: lines(1000),
  tableIntro: z.string().trim().max(5000).optional(),
});
export type MemoForm = z.output<typeof MemoFormInput>;

export const memoLabels = {
  rev: 'reports.fields.rev',
  agency: 'reports.fields.agency',
  subject: 'reports.fields.subject',
  to: 'reports.fields.to',
  body: 'reports.fields.body',
  signerName: 'reports.fields.signerName',
  signerPositions: 'reports.fields.signerPositions',
  tableTitle: 'reports.fields.tableTitle',
  tableIntro: 'reports.fields.tableIntro',
};

export const PublishInput = z.object({
  reason: z.string().trim().max(2000).optional(),
});
