/** The roles a staff account can hold; what each may do is decided by each module's policy. */
export const ROLES = ['admin', 'executive', 'division_head', 'staff', 'front_desk', 'ita_coordinator', 'complaint_officer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/** The signed-in staff member on whose behalf a request runs. */
export interface Actor {
  orgId: number;
  userId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
  mustChangePassword: boolean;
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r));
}

/** How an actor appears in the audit log: username and name, stable if the name changes later. */
export function actorLabel(actor: Actor | null | undefined): string {
  if (!actor) return 'public';
  return actor.userId === 0 ? actor.username : `${actor.username} (${actor.displayName})`;
}

/**
 * The system acting on its own (first-run setup, the demo seed, scheduled jobs): recorded in
 * the audit log under its label, with no user id.
 */
export function systemActor(orgId: number, label: string): Actor {
  return { orgId, userId: 0, username: label, displayName: label, roles: ['admin'], mustChangePassword: false };
}
