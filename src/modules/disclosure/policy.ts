import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with the disclosure register: every staff member reads it (and sees what
 * they must update); the administrator and the ITA coordinator keep the register (create and
 * edit items); an item is brought up to date by its responsible person, the ITA coordinator
 * or the administrator; only the administrator replaces a year's OIT list; executives, division
 * heads and the coordinator read OIT readiness.
 */
export const disclosurePolicy = {
  read: (actor: Actor | null) => !!actor,
  manage: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  /** `isOwner`: the actor is the item's responsible staff member. */
  update: (actor: Actor | null, isOwner: boolean) => !!actor && (isOwner || hasRole(actor, 'admin', 'ita_coordinator')),
  manageLists: (actor: Actor | null) => hasRole(actor, 'admin'),
  readiness: (actor: Actor | null) => hasRole(actor, 'executive', 'admin', 'ita_coordinator', 'division_head'),
};
