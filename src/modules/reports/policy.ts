import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with the ITA measures report.
 * - read: the coordinator and the executives who review it (and admins); not every clerk.
 * - coordinate: the ITA coordinator (or an admin) prepares, submits and publishes it.
 */
export const reportsPolicy = {
  read: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'executive', 'division_head'),
  coordinate: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
};
