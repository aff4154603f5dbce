import { type Actor, hasRole } from '../../core/auth/roles.js';

export const organizationPolicy = {
  /** Change the organization's record, emblem, colors and web addresses. */
  manage: (actor: Actor | null) => hasRole(actor, 'admin'),
};
