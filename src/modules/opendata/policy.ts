import type { Actor } from '../../core/auth/roles.js';

/**
 * Open data is public by nature: anyone (signed in or not, a citizen or a harvester) reads the
 * datasets of the organization the Host names. Datasets hold aggregates only, never personal data.
 */
export const opendataPolicy = {
  read: (_actor: Actor | null) => true,
};
