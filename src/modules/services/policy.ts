import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * The service catalog: every signed-in staff member reads the guides (drafts too); the
 * administrator, the ITA coordinator and division heads write, publish and withdraw them. The
 * public reads published guides only (service.ts, without a policy: they are public content).
 */
export const servicesPolicy = {
  read: (actor: Actor | null) => !!actor,
  edit: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'division_head'),
};
