import { flushAnonymousTallies } from '../../core/audit/anonymous.js';
import { periodicWorker } from '../../core/workers.js';

/** Every ten minutes (and soon after start), yesterday's and older anonymous counts enter the audit chains. */
export const anonymousAuditWorker = periodicWorker(
  10 * 60 * 1000,
  'flushing anonymous audit counts failed',
  (app) => () => flushAnonymousTallies(app),
  {
    firstAfterMs: 30_000,
  },
);
