import { systemActor } from '../../core/auth/roles.js';
import { organizations } from '../../core/tenancy/schema.js';
import { periodicWorker } from '../../core/workers.js';
import { alertOverdue } from './cases.js';

const EVERY_MS = 15 * 60 * 1000;

/**
 * Overdue alerts: every quarter of an hour, for every organization, the officers are told once
 * about each complaint that passed its acknowledgement deadline unacknowledged (the assigned
 * officer, else every officer the complaint does not concern).
 */
export const complaintsWorker = periodicWorker(
  EVERY_MS,
  'complaint overdue alerts failed',
  (app) => async () => {
    const orgs = await app.db.select({ id: organizations.id }).from(organizations);
    for (const o of orgs) await alertOverdue({ app, orgId: o.id, actor: systemActor(o.id, 'system') });
  },
  { firstAfterMs: 60 * 1000 },
);
