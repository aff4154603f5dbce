import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with the integrity measures plan.
 * - read: every signed-in staff member of the organization.
 * - coordinate: the ITA coordinator (or an admin) plans the year, edits every measure, sees
 *   what is missing and prepares the report.
 * - update: staff of a measure's responsible division update the implementation of their own
 *   measures (the service passes whether the actor's division is responsible).
 */
export const measuresPolicy = {
  read: (actor: Actor | null) => !!actor,
  coordinate: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  /** Change a measure's implementation (status, progress, results, evidence, checkpoints). */
  update: (actor: Actor | null, ownDivision: boolean) => hasRole(actor, 'admin', 'ita_coordinator') || (!!actor && ownDivision),
  /** Evidence files are internal until published: staff only. */
  readFiles: (actor: Actor | null) => !!actor,
};
