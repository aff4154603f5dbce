import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Circulars and announcements to staff (measure 1). The administrator and the ITA coordinator
 * compose, circulate, remind and record paper acknowledgements; executives and division heads
 * read the completion report (division heads: their divisions' people); every signed-in staff
 * member reads what was circulated to them and acknowledges it, once per version.
 */
export const circularsPolicy = {
  read: (actor: Actor | null) => !!actor,
  manage: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  report: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'executive', 'division_head'),
  acknowledge: (actor: Actor | null) => !!actor,
};
