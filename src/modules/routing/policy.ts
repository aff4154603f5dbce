import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * Who may do what with routed documents. The decisive checks are per record and live in the
 * service: only the assignee of an active step signs it; a case is seen by those taking part.
 */
export const routingPolicy = {
  /** Send a document for comments and signatures; the document's kind decides further (its prepare()). */
  submit: (actor: Actor | null) => !!actor,
  /** Have an inbox of documents to sign: a person's account, not the system actor. */
  useInbox: (actor: Actor | null) => !!actor && actor.userId > 0,
  /** See every case of the organization, whoever takes part: administrators and the ITA coordinator. */
  seeAll: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator'),
  /** Sign a step (the service also checks that the step is theirs and active). */
  decide: (actor: Actor | null) => !!actor && actor.userId > 0,
  /** Send the reminders of an organization: the system's worker only, never a person's request. */
  remind: (actor: Actor | null) => !!actor && actor.userId === 0,
};
