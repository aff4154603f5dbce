import { isNotNull } from 'drizzle-orm';
import type { AppServices } from '../../core/context.js';
import type { Worker } from '../../core/module.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { budgetPlans } from './schema.js';

const TICK_MS = 60_000;

/** The Bangkok calendar month of an instant, 'YYYY-MM'. */
export function bangkokMonth(d: Date): string {
  return bangkokIsoDay(d).slice(0, 7);
}

/**
 * A new month has begun (Bangkok time) since `lastMonth`: the public progress pages show the plan
 * "through the last ended month", so every organization with a published plan has its cached
 * pages dropped. Returns the organizations told (none when the month is the same).
 */
export async function announceNewMonth(app: AppServices, lastMonth: string, now: Date): Promise<number[]> {
  if (bangkokMonth(now) === lastMonth) return [];
  const rows = await app.db.selectDistinct({ orgId: budgetPlans.orgId }).from(budgetPlans).where(isNotNull(budgetPlans.publishedAt));
  for (const r of rows) await app.events.publish({ topic: 'pages.changed', orgId: r.orgId, data: { budget: 'month' } });
  return rows.map((r) => r.orgId);
}

/** Once a minute: when the month has turned, the published plans' pages are refreshed. */
export const budgetMonthWorker: Worker = (app) => {
  let stopped = false;
  let month = bangkokMonth(app.now());
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    const now = app.now();
    running = announceNewMonth(app, month, now)
      .then(() => {
        month = bangkokMonth(now);
      })
      .catch((e) => app.log.error({ err: e }, 'budget month roll-over failed'));
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
};
