import type { Actor } from '../../core/auth/roles.js';

/** The register is the office's shared book: every staff member may read it and take a number. */
export const registerPolicy = {
  read: (actor: Actor | null) => !!actor,
  issue: (actor: Actor | null) => !!actor,
};
