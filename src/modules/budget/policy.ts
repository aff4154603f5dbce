import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * The spending plan and its progress (measure 9): every staff member reads them (the seed: "to
 * staff and the public"); the administrator and division heads (the finance division's head
 * keeps the plan; other heads report their divisions' disbursements) import the plan and record
 * disbursements; reports are produced and published by them and by the ITA coordinator.
 * The public sees the plan, its progress and the published reports once the plan is published.
 */
export const budgetPolicy = {
  read: (actor: Actor | null) => !!actor,
  edit: (actor: Actor | null) => hasRole(actor, 'admin', 'division_head'),
  publish: (actor: Actor | null) => hasRole(actor, 'admin', 'division_head', 'ita_coordinator'),
};
