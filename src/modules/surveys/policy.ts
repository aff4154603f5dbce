import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with satisfaction surveys. Answering is public (a ticket's single-use link,
 * the counter tablet, the rate-limited public link); typing in paper forms is staff work; the
 * reports are for the executives, division heads and the ITA coordinator.
 */
export const surveysPolicy = {
  /** The form and answering it: anyone. */
  answer: (_actor: Actor | null) => true,
  /** Type in a paper form (recorded with who entered it). */
  enterPaper: (actor: Actor | null) => hasRole(actor, 'staff', 'front_desk', 'division_head', 'admin', 'ita_coordinator'),
  /** Change the form (a new version). */
  manageForm: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  /** Reports, the suggestions list, the documents. */
  readReport: (actor: Actor | null) => hasRole(actor, 'executive', 'division_head', 'admin', 'ita_coordinator'),
  /** Tag a suggestion (problem, suggestion, compliment). */
  tagSuggestion: (actor: Actor | null) => hasRole(actor, 'executive', 'division_head', 'admin', 'ita_coordinator'),
  /** Record the executive's response and the action taken. */
  respondToSuggestion: (actor: Actor | null) => hasRole(actor, 'executive', 'division_head', 'admin'),
  /** Publish a monthly report as the OIT evidence. */
  publish: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
};
