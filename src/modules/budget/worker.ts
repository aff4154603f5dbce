import { isNotNull } from 'drizzle-orm';
import type { AppServices } from '../../core/context.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { periodicWorker } from '../../core/workers.js';
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
export const budgetMonthWorker = periodicWorker(TICK_MS, 'budget month roll-over failed', (app) => {
  let month = bangkokMonth(app.now());
  return async () => {
    const now = app.now();
    await announceNewMonth(app, month, now);
    month = bangkokMonth(now);
  };
});
