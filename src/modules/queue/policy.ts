import { type Actor, hasRole } from '../../core/auth/roles.js';
import type { Channel } from './schema.js';

/**
 * Who may do what with the queue. Taking a number at the kiosk or online is public (the API
 * rate-limits it); the front desk issues for people in person; counter work is for staff.
 */
export const queuePolicy = {
  /** The list of services and a ticket's public status: anyone. */
  readPublic: (_actor: Actor | null) => true,
  issue: (actor: Actor | null, channel: Channel) => (channel === 'front_desk' ? hasRole(actor, 'front_desk', 'staff', 'admin') : true),
  /** Work at a counter: call, recall, serve, finish, no-show, transfer, pause. */
  serve: (actor: Actor | null) => hasRole(actor, 'staff', 'front_desk', 'admin'),
  /** Set up services, counters and priority groups. */
  manage: (actor: Actor | null) => hasRole(actor, 'admin'),
};
