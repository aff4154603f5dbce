import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what at the first-contact point: the front desk (and any staff member standing in
 * for it) logs visits; those who answer for the service also read the reports; only an
 * administrator sets how long visitors' names and phones are kept.
 */
export const frontdeskPolicy = {
  log: (actor: Actor | null) => hasRole(actor, 'front_desk', 'staff', 'admin'),
  report: (actor: Actor | null) => hasRole(actor, 'front_desk', 'staff', 'admin', 'executive', 'division_head', 'ita_coordinator'),
  settings: (actor: Actor | null) => hasRole(actor, 'admin'),
};

/** The seed's measure 2: ๒.๑ มีจุดแรกรับให้คำแนะนำ — the monthly report is its evidence. */
export const FRONTDESK_MEASURE_NUMBER = 2;
