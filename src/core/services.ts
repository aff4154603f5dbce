import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { Config } from './config.js';
import type { AppServices } from './context.js';
import { createSecrets, loadMasterKey } from './crypto/secrets.js';
import { type Database, type OpenOptions, openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { createEventBus } from './events/bus.js';
import { buildCatalogs } from './i18n/i18n.js';
import { coreMessages } from './i18n/messages.js';
import type { ModuleDefinition } from './module.js';
import { FileStore } from './storage/store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function catalogsFor(modules: readonly ModuleDefinition[]) {
  return buildCatalogs([
    { namespace: 'core', messages: coreMessages },
    ...modules.flatMap((m) => (m.messages ? [{ namespace: m.name, messages: m.messages }] : [])),
  ]);
}

/**
 * Opens what the application holds for its whole life: the database (migrated to the latest
 * schema), the event bus, the file store, the message catalogs and the logger.
 */
export async function createServices(
  config: Config,
  modules: readonly ModuleDefinition[],
  opts: { database?: Database; dbOptions?: Partial<OpenOptions>; logger?: pino.Logger; now?: () => Date } = {},
): Promise<AppServices> {
  const log = opts.logger ?? pino({ level: config.logLevel, base: undefined });
  const database = opts.database ?? (await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, ...opts.dbOptions }));
  try {
    const applied = await migrate(database);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  const events = await createEventBus(database, (err, event) => log.error({ err, topic: event.topic }, 'event subscriber failed'));
  return {
    config,
    database,
    db: database.db,
    log,
    events,
    files: new FileStore(path.join(config.dataDir, 'files')),
    catalogs: catalogsFor(modules),
    secrets: createSecrets(loadMasterKey(config.secretKey, config.dataDir)),
    now: opts.now ?? (() => new Date()),
  };
}

export async function closeServices(app: AppServices) {
  await app.events.close();
  await app.database.close();
}
