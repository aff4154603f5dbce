import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../core/backup/archive.js';
import { BackupError, createBackup } from '../core/backup/backup.js';
import { RestoreRefusedError, restoreBackup } from '../core/backup/restore.js';
import { backupLevel, readManifest } from '../core/backup/verify.js';
import type { Config } from '../core/config.js';
import { type Database, openDatabase } from '../core/db/client.js';
import { DataDirLockedError } from '../core/db/lock.js';
import type { Command } from './commands.js';
import { hasDatabase } from './data-dir.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const where = (config: Config) => (config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`);

/**
 * Opens the database for a backup or restore. On PGlite the data dir is locked for the whole
 * run: a running server holds that lock, and PGlite cannot safely be opened by two processes.
 */
async function open(config: Config, doing: 'back up' | 'restore'): Promise<Database | string> {
  try {
    return await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: 2 });
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    return doing === 'back up'
      ? `cannot back up: the data directory ${e.dir} is in use by process ${e.holderPid} (a running Prongsai). ` +
          'Stop the server, run the backup, then start it again — or run on PostgreSQL (DATABASE_URL), where backup works beside the running app, or use pg_dump.'
      : `cannot restore: the data directory ${e.dir} is in use by process ${e.holderPid}. Stop that process first; restore needs the directory to itself.`;
  }
}

/** `backup FILE`: one archive of the database and the stored files (FILE.tar, or .tar.gz/.tgz to compress). */
export const backupCommand: Command = async (config, args) => {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('Usage: prongsai backup FILE   (e.g. backup-2025-01-31.tar.gz; .gz or .tgz compresses)');
    return 2;
  }
  // Opening an absent PGlite directory would create a new, empty database just to back it up.
  if (!hasDatabase(config)) {
    console.error(`prongsai: there is no database in ${config.dataDir} to back up (set DATA_DIR, or DATABASE_URL for PostgreSQL).`);
    return 1;
  }
  const database = await open(config, 'back up');
  if (typeof database === 'string') {
    console.error(`prongsai: ${database}`);
    return 1;
  }
  try {
    const result = await createBackup({ database, filesRoot: path.join(config.dataDir, 'files'), file, appVersion: config.version });
    const t = result.manifest.tables.length;
    console.log(
      `Backup written: ${result.file} (${formatBytes(result.bytes)}): ${count(result.rows, 'row')} in ${count(t, 'table')}, ${count(result.files, 'stored file')}, ` +
        `schema at ${result.manifest.migrations.at(-1)?.tag ?? 'none'}, from ${where(config)}, in ${seconds(result.ms)}.`,
    );
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      console.error(`prongsai: backup failed: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
};

/** `restore FILE`: into an empty target only; the archive is checked completely first. */
export const restoreCommand: Command = async (config, args) => {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('Usage: prongsai restore FILE   (into an empty DATA_DIR, or an empty PostgreSQL database with DATABASE_URL)');
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`prongsai: restore failed: ${path.resolve(file)} does not exist.`);
    return 1;
  }
  // The manifest first: a file that is no backup (or too new) is refused before a database is
  // opened — opening an absent PGlite DATA_DIR would create one.
  try {
    backupLevel(await readManifest(file));
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    console.error(`prongsai: restore failed: ${e.message}`);
    return 1;
  }
  const database = await open(config, 'restore');
  if (typeof database === 'string') {
    console.error(`prongsai: ${database}`);
    return 1;
  }
  try {
    const r = await restoreBackup({ database, filesRoot: path.join(config.dataDir, 'files'), file, log: (line) => console.log(line) });
    const m = r.manifest;
    console.log(
      `Restored ${count(r.rows, 'row')} in ${count(m.tables.length, 'table')} and ${count(r.files, 'stored file')} into ${where(config)} ` +
        `(backup of ${m.database.kind} taken ${m.createdAt} by Prongsai ${m.appVersion}) in ${seconds(r.ms.total)}.`,
    );
    if (r.migratedAfter.length > 0) console.log(`Then migrated to the current schema: ${r.migratedAfter.join(', ')}.`);
    if (!r.chain.ok) {
      const p = r.chain.problem;
      console.error(
        `prongsai: the restored audit log does NOT verify: organization ${p?.orgId}, entry ${p?.seq}: ${p?.reason.replace('_', ' ')}. ` +
          'The data is restored; check the backup this came from.',
      );
      return 1;
    }
    console.log(`Audit log intact: ${r.chain.entries} entries in ${r.chain.organizations} organization(s).`);
    return 0;
  } catch (e) {
    if (e instanceof RestoreRefusedError || e instanceof ArchiveError) {
      console.error(`prongsai: restore failed: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
