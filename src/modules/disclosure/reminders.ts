import type { Worker } from '../../core/module.js';
import { sendDisclosureReminders } from './service.js';

const HOUR_MS = 60 * 60_000;

/**
 * Reminds the responsible staff of items due within 7 days or overdue: a first pass a minute
 * after start, then every hour; each item is reminded at most once a Bangkok day (remindedOn),
 * so the hourly pass only catches what became due or was reassigned since.
 */
export const disclosureReminderWorker: Worker = (app) => {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = sendDisclosureReminders(app, app.now()).catch((e) => app.log.error({ err: e }, 'disclosure reminders failed'));
  };
  const first = setTimeout(tick, 60_000);
  first.unref();
  const timer = setInterval(tick, HOUR_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
};
