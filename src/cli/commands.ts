import type { Config } from '../core/config.js';
import { verifyAuditChain } from '../core/audit/audit.js';
import { openDatabase } from '../core/db/client.js';
import { migrate } from '../core/db/migrate.js';
import { startServer } from '../server.js';

export type Command = (config: Config, args: string[]) => Promise<number | undefined>;

async function serveCommand(config: Config): Promise<undefined> {
  const server = await startServer(config, {
    onListen: (url) => {
      console.log(`Prongsai ${config.version} is serving on ${url} (database: ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})`);
    },
  });
  const stop = async (signal: string) => {
    console.log(`${signal}: stopping…`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
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
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const orgArg = args.find((a) => a.startsWith('--org='));
    const report = await verifyAuditChain(database.db, orgArg ? Number(orgArg.slice(6)) : undefined);
    if (report.ok) {
      console.log(`Audit log intact: ${report.entries} entries in ${report.organizations} organization(s).`);
      return 0;
    }
    const p = report.problem;
    console.error(`Audit log BROKEN: organization ${p?.orgId}, entry ${p?.seq}: ${p?.reason?.replace('_', ' ')} (${report.entries} entries before it are intact).`);
    return 1;
  } finally {
    await database.close();
  }
}

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  'verify-log': verifyLogCommand,
};
