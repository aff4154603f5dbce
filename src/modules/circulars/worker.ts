import { systemActor } from '../../core/auth/roles.js';
import type { AppServices } from '../../core/context.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { periodicWorker } from '../../core/workers.js';
import { dueForReminder, remindPending } from './service.js';

const TICK_MS = 15 * 60_000;

/**
 * On a circular's due day (or the first run after it), those still pending are reminded once —
 * in their inbox and by e-mail — as the system; the audit log records it. Returns the circulars
 * reminded ({orgId, id}).
 */
export async function remindDue(app: AppServices): Promise<{ orgId: number; id: number }[]> {
  const due = await dueForReminder(app.db, bangkokIsoDay(app.now()));
  for (const d of due) {
    await remindPending({ app, orgId: d.orgId, actor: systemActor(d.orgId, 'circulars-reminder') }, d.id);
  }
  return due;
}

export const circularsReminderWorker = periodicWorker(TICK_MS, 'circular reminders failed', (app) => () => remindDue(app), {
  firstAfterMs: 60_000,
});
