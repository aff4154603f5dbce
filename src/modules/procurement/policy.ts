import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Procurement (the procurement officer works in the finance division): every staff member reads
 * the register; the administrator and division heads record procurements, bids, notices and
 * imports; reports (สขร.๑, quarterly, annual) are produced and published by them and by the ITA
 * coordinator. Procurement results are public information (พ.ร.บ.ข้อมูลข่าวสารฯ มาตรา ๙ (๘)).
 */
export const procurementPolicy = {
  read: (actor: Actor | null) => !!actor,
  edit: (actor: Actor | null) => hasRole(actor, 'admin', 'division_head'),
  publish: (actor: Actor | null) => hasRole(actor, 'admin', 'division_head', 'ita_coordinator'),
};
