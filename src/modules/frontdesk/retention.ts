import { periodicWorker } from '../../core/workers.js';
import { erasePersonalData } from './service.js';

const HOUR_MS = 60 * 60_000;

/**
 * Erases visitors' names and phones past the retention period: a first sweep a minute after
 * start, then every hour while the app serves (erasePersonalData itself takes `now`, so the
 * tests call it with a moved clock instead of waiting for this timer).
 */
export const frontdeskRetentionWorker = periodicWorker(
  HOUR_MS,
  'frontdesk retention sweep failed',
  (app) => () => erasePersonalData(app, app.now()),
  { firstAfterMs: 60_000 },
);
