import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with the facilities checklist (measure 7): every staff member reads it (and
 * sees its photos); the administrator, the ITA coordinator and division heads keep it up to date.
 */
export const facilitiesPolicy = {
  read: (actor: Actor | null) => !!actor,
  edit: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'division_head'),
};
