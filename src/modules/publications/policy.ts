import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Publications are public by nature: anyone (signed in or not) may read them in the
 * organization the Host names. Only the ITA coordinator (or an admin) publishes or supersedes.
 */
export const publicationsPolicy = {
  read: (_actor: Actor | null) => true,
  publish: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  /**
   * A version of public content (news, a service guide, an organization page) is logged by the
   * module that publishes it, after that module's own policy let the actor publish it.
   */
  publishContent: (actor: Actor | null) => !!actor,
  /** Withdrawing a document from the ITA pages; content modules withdraw their own under their policy. */
  withdraw: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  supersede: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  /** The staff publication log (who published what, when). */
  log: (actor: Actor | null) => !!actor,
};
