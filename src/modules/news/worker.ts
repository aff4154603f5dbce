import { and, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import type { AppServices } from '../../core/context.js';
import { periodicWorker } from '../../core/workers.js';
import { newsPosts } from './schema.js';

const TICK_MS = 15_000;

/**
 * The organizations with a scheduled post whose time came in (since, now]: their cached public
 * pages (the news list, the home page) are dropped, so the post appears. Uses the times given,
 * so a test moves the clock instead of waiting. Returns the organizations told.
 */
export async function announceScheduledNews(app: AppServices, since: Date, now: Date): Promise<number[]> {
  if (now.getTime() <= since.getTime()) return [];
  const rows = await app.db
    .selectDistinct({ orgId: newsPosts.orgId })
    .from(newsPosts)
    .where(
      and(isNotNull(newsPosts.publicationId), isNull(newsPosts.withdrawnAt), gt(newsPosts.publishAt, since), lte(newsPosts.publishAt, now)),
    );
  for (const r of rows) await app.events.publish({ topic: 'pages.changed', orgId: r.orgId, data: { news: 'scheduled' } });
  return rows.map((r) => r.orgId);
}

/**
 * Scheduled publishing: every 15 seconds, the organizations whose scheduled posts came due
 * since the last look get 'pages.changed' (every app server hears it), so no cached list keeps
 * hiding a post whose time has come. Pages cached before this process started do not exist.
 */
export const scheduledNewsWorker = periodicWorker(TICK_MS, 'scheduled news sweep failed', (app) => {
  let since = app.now();
  return async () => {
    const now = app.now();
    await announceScheduledNews(app, since, now);
    since = now;
  };
});
