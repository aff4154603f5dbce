import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * The staff suggestion box: every signed-in staff member submits (anonymously: nothing of the
 * author is stored) and reads the answered suggestions; executives and the administrator answer
 * and see the statistics.
 */
export const suggestionsPolicy = {
  submit: (actor: Actor | null) => !!actor,
  read: (actor: Actor | null) => !!actor,
  answer: (actor: Actor | null) => hasRole(actor, 'executive', 'admin'),
};
