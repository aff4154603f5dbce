import { type Actor, hasRole } from '../../core/auth/roles.js';

/** What the policy needs of a complaint to decide about one case. */
export interface CaseAccess {
  concernsUserIds: readonly number[];
  assignedUserId: number | null;
}

/**
 * Corruption and misconduct complaints. Anyone may file one (no account). Only staff with the
 * complaint_officer role see complaints, never one about themselves; only the officer a
 * complaint is assigned to may reveal the reporter's identity (every reveal is audited). Being
 * administrator or executive gives no access. Officers record complaints from other channels
 * and set the routing (which officer receives which category).
 */
export const complaintsPolicy = {
  submit: (_actor: Actor | null) => true,
  /** The officers' pages at all (the list shows only cases `readCase` allows). */
  handle: (actor: Actor | null) => hasRole(actor, 'complaint_officer'),
  readCase: (actor: Actor | null, c: CaseAccess) =>
    hasRole(actor, 'complaint_officer') && !!actor && !c.concernsUserIds.includes(actor.userId),
  /** Status changes, messages to the reporter, notes, assignment. */
  updateCase: (actor: Actor | null, c: CaseAccess) => complaintsPolicy.readCase(actor, c),
  revealIdentity: (actor: Actor | null, c: CaseAccess) =>
    complaintsPolicy.readCase(actor, c) && !!actor && c.assignedUserId === actor.userId,
  /** May this user be assigned the case? Never one about themselves. */
  assignable: (userId: number, c: Pick<CaseAccess, 'concernsUserIds'>) => !c.concernsUserIds.includes(userId),
  configure: (actor: Actor | null) => hasRole(actor, 'complaint_officer', 'admin'),
};
