import { and, asc, eq, isNotNull, lte, or, sql } from 'drizzle-orm';
import { systemActor } from '../../core/auth/roles.js';
import type { AppServices } from '../../core/context.js';
import { organizations } from '../../core/tenancy/schema.js';
import { periodicWorker } from '../../core/workers.js';
import { routingSteps } from './schema.js';
import { remindDays, remindOrganization } from './service.js';

const DAY_MS = 86_400_000;

/**
 * One sweep over every organization: the assignee of a step active for more than N days (the
 * organization's setting routingRemindDays, else PRONGSAI_ROUTING_REMIND_DAYS, else 3) is
 * reminded, once every N days. Uses app.now(), so a test moves the clock instead of waiting.
 * Returns how many reminders went out.
 */
export async function sweepRoutingReminders(app: AppServices, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const now = app.now();
  // Organizations with a step waiting at least a day: the only ones that can be due.
  const candidates = await app.db
    .selectDistinct({ orgId: routingSteps.orgId, settings: organizations.settings })
    .from(routingSteps)
    .innerJoin(organizations, eq(organizations.id, routingSteps.orgId))
    .where(
      and(
        eq(routingSteps.status, 'active'),
        isNotNull(routingSteps.assigneeUserId),
        lte(routingSteps.activatedAt, new Date(now.getTime() - DAY_MS)),
      ),
    )
    .orderBy(asc(routingSteps.orgId));
  let sent = 0;
  for (const o of candidates) {
    const days = remindDays(o.settings, env);
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    // A read first, so an organization with nothing due gets no audit entry.
    const [due] = await app.db
      .select({ id: routingSteps.id })
      .from(routingSteps)
      .where(
        and(
          eq(routingSteps.orgId, o.orgId),
          eq(routingSteps.status, 'active'),
          isNotNull(routingSteps.assigneeUserId),
          lte(routingSteps.activatedAt, cutoff),
          or(sql`${routingSteps.remindedAt} is null`, lte(routingSteps.remindedAt, cutoff)),
        ),
      )
      .limit(1);
    if (!due) continue;
    try {
      sent += await remindOrganization({ app, orgId: o.orgId, actor: systemActor(o.orgId, 'routing-reminders') }, days);
    } catch (e) {
      app.log.error({ err: e, orgId: o.orgId }, 'routing reminders failed for an organization');
    }
  }
  return sent;
}

/** Hourly sweep while the app serves. */
export const routingReminderWorker = periodicWorker(
  60 * 60_000,
  'routing reminder sweep failed',
  (app) => () => sweepRoutingReminders(app),
  { firstAfterMs: 60_000 },
);
