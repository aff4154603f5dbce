import { type Actor, hasRole } from '../../core/auth/roles.js';

/**
 * News and announcements: every signed-in staff member may write a draft (and keep editing
 * their own drafts); what the public sees — publishing, scheduling, editing after publishing,
 * pinning, withdrawing — is decided by the administrator, the ITA coordinator, division heads
 * and executives. Published posts are public.
 */
export const newsPolicy = {
  /** The staff list of posts, drafts included. */
  read: (actor: Actor | null) => !!actor,
  draft: (actor: Actor | null) => !!actor,
  publish: (actor: Actor | null) => hasRole(actor, 'admin', 'ita_coordinator', 'division_head', 'executive'),
  /** A draft: its author or anyone who may publish. A published post: those who may publish. */
  edit: (actor: Actor | null, post: { authorId: number | null; publicationId: number | null; withdrawnAt: Date | null }) =>
    !!actor &&
    post.withdrawnAt == null &&
    (newsPolicy.publish(actor) || (post.publicationId == null && post.authorId != null && post.authorId === actor.userId)),
};
