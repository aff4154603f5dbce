import type { Logger } from 'pino';
import type { Actor } from './auth/roles.js';
import type { Config } from './config.js';
import type { Secrets } from './crypto/secrets.js';
import type { Database, Db } from './db/client.js';
import type { EventBus } from './events/bus.js';
import type { Catalogs } from './i18n/i18n.js';
import type { FileStore } from './storage/store.js';

/** What the running application holds once: made at start, shared by every request. */
export interface AppServices {
  config: Config;
  database: Database;
  db: Db;
  log: Logger;
  events: EventBus;
  files: FileStore;
  catalogs: Catalogs;
  /** Sealing and keyed hashes with the installation's master key. */
  secrets: Secrets;
  /** The clock, replaceable in tests. */
  now: () => Date;
}

/**
 * What every service call receives: the application, the organization it works in and who
 * asks. No query runs without an organization.
 */
export interface ServiceContext {
  app: AppServices;
  orgId: number;
  actor: Actor | null;
  ip?: string | null;
  /** Set when the call is part of a larger transaction (e.g. first-run setup): commands join it. */
  tx?: Db;
  /** With tx: after-commit steps are handed to the transaction's owner, which runs them. */
  deferred?: (() => void | Promise<void>)[];
}

/** The database a service call works on: the caller's transaction when it is part of one, else the application's. */
export function dbOf(ctx: ServiceContext): Db {
  return ctx.tx ?? ctx.app.db;
}
