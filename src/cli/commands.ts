import type { Config } from '../core/config.js';
import { openDatabase } from '../core/db/client.js';
import { migrate } from '../core/db/migrate.js';
import { hasDatabase } from './data-dir.js';

export type Command = (config: Config, args: string[]) => Promise<number | undefined>;

/**
 * SIGINT/SIGTERM close the server (and its database) before exiting. Installed before the server
 * starts, so a signal that arrives while it starts (after "is serving on" was printed, say) waits
 * for the start and then closes, instead of killing the process mid-write.
 */
function stopOnSignals(): (server: { close(): Promise<void> }) => void {
  let started: ((server: { close(): Promise<void> }) => void) | null = null;
  const ready = new Promise<{ close(): Promise<void> }>((resolve) => {
    started = resolve;
  });
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping…`);
    await (await ready).close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return (server) => started?.(server);
}

const serving = (config: Config) => (url: string) =>
  console.log(
    `Prongsai ${config.version} is serving on ${url} (database: ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})`,
  );

async function serveCommand(config: Config): Promise<undefined> {
  const { startServer } = await import('../server.js');
  const onServing = stopOnSignals();
  const server = await startServer(config, { onListen: serving(config) });
  onServing(server);
  return undefined;
}

/**
 * The demo organization in its own data dir (./data-demo unless DATA_DIR is set). Started again
 * it keeps its data; `--reset` starts over.
 */
async function demoCommand(base: Config, args: string[]): Promise<undefined> {
  const { startServer } = await import('../server.js');
  const { demoDataDir, printDemoAccounts, resetDemoDir, seedDemo } = await import('../demo/run.js');
  const config = { ...base, dataDir: demoDataDir() };
  if (args.includes('--reset')) resetDemoDir(config.dataDir);
  const onServing = stopOnSignals();
  let record: Awaited<ReturnType<typeof seedDemo>> = null;
  const server = await startServer(config, {
    onListen: serving(config),
    beforeServe: async (services) => {
      record = await seedDemo(services, config, (line) => console.log(`demo: ${line}`));
    },
  });
  printDemoAccounts(record, server.url);
  onServing(server);
  return undefined;
}

async function migrateCommand(config: Config): Promise<number> {
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const applied = await migrate(database);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}

/** Checks every organization's audit chain; exits 1 naming the first bad entry. */
async function verifyLogCommand(config: Config, args: string[]): Promise<number> {
  const orgArg = args.find((a) => a.startsWith('--org='))?.slice(6);
  const orgId = orgArg === undefined ? undefined : Number(orgArg);
  if (orgId !== undefined && !(Number.isInteger(orgId) && orgId > 0)) {
    console.error('Usage: prongsai verify-log [--org=<organization id>]');
    return 2;
  }
  if (!hasDatabase(config)) {
    console.error(`prongsai: there is no database in ${config.dataDir} to check (set DATA_DIR, or DATABASE_URL for PostgreSQL).`);
    return 1;
  }
  const { verifyAuditChain } = await import('../core/audit/audit.js');
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const report = await verifyAuditChain(database.db, orgId);
    if (report.ok) {
      console.log(`Audit log intact: ${report.entries} entries in ${report.organizations} organization(s).`);
      return 0;
    }
    const p = report.problem;
    console.error(
      `Audit log BROKEN: organization ${p?.orgId}, entry ${p?.seq}: ${p?.reason?.replace('_', ' ')} (${report.entries} entries before it are intact).`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

export const commands: Record<string, Command> = {
  serve: serveCommand,
  demo: demoCommand,
  'create-org': async (config, args) => (await import('./create-org.js')).createOrgCommand(config, args),
  migrate: migrateCommand,
  'verify-log': verifyLogCommand,
  backup: async (config, args) => (await import('./backup.js')).backupCommand(config, args),
  restore: async (config, args) => (await import('./backup.js')).restoreCommand(config, args),
  'verify-publications': async (config, args) => (await import('./verify-publications.js')).verifyPublicationsCommand(config, args),
};
