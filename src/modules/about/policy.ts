import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with the organization pages (o1–o10) and the Q&A channel (o8). The public
 * reads what is published and asks questions; the administrator and the ITA coordinator write
 * the pages, the contact profile and the executives' photos; they and division heads answer
 * or reject questions.
 */
export const aboutPolicy = {
  readPublic: (_actor: Actor | null) => true,
  ask: (_actor: Actor | null) => true,
  edit: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  moderate: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'division_head'),
};
