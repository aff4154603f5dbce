import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Meetings that gather opinions (measures 5 and 8). The administrator, the ITA coordinator and
 * executives organize them (invitations, attendance, minutes, actions, publishing); every staff
 * member reads the meetings and their results, gives opinions (anonymously if they choose) and
 * marks the actions they own as done.
 */
export const meetingsPolicy = {
  read: (actor: Actor | null) => !!actor,
  manage: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'executive'),
  opine: (actor: Actor | null) => !!actor,
};
