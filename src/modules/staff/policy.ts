import { type Actor, hasRole } from '../../core/auth/roles.js';

/** Who may do what with divisions, positions, staff and accounts. */
export const staffPolicy = {
  /** Add and change divisions, positions, people, accounts and the chain of command. */
  manage: (actor: Actor | null) => hasRole(actor, 'admin'),
  /** See the staff directory (names, positions, divisions): every signed-in staff member. */
  read: (actor: Actor | null) => !!actor,
};
