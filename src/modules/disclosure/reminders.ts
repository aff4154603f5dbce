import { periodicWorker } from '../../core/workers.js';
import { sendDisclosureReminders } from './service.js';

const HOUR_MS = 60 * 60_000;

/**
 * Reminds the responsible staff of items due within 7 days or overdue: a first pass a minute
 * after start, then every hour; each item is reminded at most once a Bangkok day (remindedOn),
 * so the hourly pass only catches what became due or was reassigned since.
 */
export const disclosureReminderWorker = periodicWorker(
  HOUR_MS,
  'disclosure reminders failed',
  (app) => () => sendDisclosureReminders(app, app.now()),
  { firstAfterMs: 60_000 },
);
