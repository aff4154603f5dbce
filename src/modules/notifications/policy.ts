import { type Actor, hasRole } from '../../core/auth/roles.js';

/** Who may do what with notifications and the e-mail outbox. */
export const notificationsPolicy = {
  /**
   * Read and mark one's own inbox: every signed-in staff account. Not the system actor (user id
   * 0, used by setup and scheduled jobs): it has no inbox.
   */
  useInbox: (actor: Actor | null) => !!actor && actor.userId > 0,
  /** See the organization's outbox (addresses, subjects, errors) and retry failed mail: administrators. */
  manageMail: (actor: Actor | null) => hasRole(actor, 'admin'),
};
