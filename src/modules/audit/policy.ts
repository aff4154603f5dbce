import { type Actor, hasRole } from '../../core/auth/roles.js';

export const auditPolicy = {
  /** Read the organization's audit log: administrators and executives. */
  read: (actor: Actor | null) => hasRole(actor, 'admin', 'executive'),
};
