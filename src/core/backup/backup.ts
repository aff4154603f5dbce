import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/client.js';
import { FileStore } from '../storage/store.js';
import { ArchiveWriter, FORMAT, FORMAT_VERSION, fileMember, MANIFEST, type Manifest, tableMember, wantsGzip } from './archive.js';
import { MIGRATIONS_TABLE, readCatalog, type TableInfo } from './catalog.js';
import { ident, type Session, withSession } from './session.js';

/** A backup that cannot be taken, for a reason a person can act on; printed as one line. */
export class BackupError extends Error {}

export interface BackupOptions {
  database: Database;
  /** DATA_DIR/files: the content-addressed file store. */
  filesRoot: string;
  /** The archive to write; it must not exist yet. Ending in .gz or .tgz compresses it. */
  file: string;
  appVersion: string;
  gzip?: boolean;
  /** Rows fetched per page from the dump cursor. */
  pageSize?: number;
  now?: () => Date;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  rows: number;
  files: number;
  manifest: Manifest;
  ms: number;
}

interface StagedTable {
  info: TableInfo;
  member: string;
  path: string;
  rows: number;
  size: number;
  sha256: string;
}

/**
 * Writes one archive of the whole database and file store. The rows are read inside one
 * REPEATABLE READ transaction, so on PostgreSQL a backup taken beside the running app is a
 * consistent snapshot; on PGlite the caller holds the data-dir lock, so nothing else writes.
 *
 * Rows go first to a staging directory beside the archive (a tar header needs each member's
 * size before its bytes, and a table's dump must not sit in memory); the archive is written
 * under a temporary name and linked into place only when complete and synced, so a failed
 * backup never leaves a half archive under the name asked for.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupSummary> {
  const started = performance.now();
  const file = path.resolve(opts.file);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name (a backup never overwrites one).`);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw new BackupError(`The directory ${dir} does not exist.`);
  const store = new FileStore(opts.filesRoot);
  const staging = await fsp.mkdtemp(path.join(dir, '.prongsai-backup-'));
  const partial = path.join(dir, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const dump = await dumpDatabase(opts.database, store, staging, opts.pageSize ?? 1000);
    const sizes = await Promise.all(dump.files.map(async (sha) => (await fsp.stat(store.pathOf(sha))).size));
    const members: Manifest['members'] = {};
    for (const t of dump.tables) members[t.member] = { sha256: t.sha256, size: t.size };
    // A stored file's name is its sha256; the bytes are checked against it while archived.
    dump.files.forEach((sha, i) => {
      members[fileMember(sha)] = { sha256: sha, size: sizes[i] ?? 0 };
    });
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: opts.appVersion,
      createdAt: (opts.now?.() ?? new Date()).toISOString(),
      database: { kind: opts.database.kind, serverVersion: dump.serverVersion },
      migrations: dump.migrations,
      tables: dump.tables.map((t) => ({ name: t.info.name, member: t.member, rows: t.rows })),
      sequences: dump.sequences,
      files: dump.files.length,
      members,
    };

    const writer = new ArchiveWriter(partial, opts.gzip ?? wantsGzip(file));
    try {
      await writer.addBuffer(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
      for (const t of dump.tables) {
        const sha = await writer.addFile(t.member, t.path, t.size);
        if (sha !== t.sha256) throw new Error(`the staged dump of ${t.info.name} changed while it was archived`);
      }
      for (const [i, sha] of dump.files.entries()) {
        const got = await writer.addFile(fileMember(sha), store.pathOf(sha), sizes[i] ?? 0);
        if (got !== sha) {
          throw new BackupError(
            `The stored file ${store.pathOf(sha)} is damaged: its content no longer matches its name. Put back a good copy (e.g. from an older backup) and try again.`,
          );
        }
      }
      await writer.finish();
    } catch (e) {
      await writer.abort(e as Error);
      throw e;
    }
    await syncFile(partial);
    // link() refuses an existing name, so a file that appeared meanwhile is not overwritten.
    try {
      await fsp.link(partial, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new BackupError(`${file} appeared while the backup was written; it was left alone.`);
      throw e;
    }
    await syncDir(dir);
    const rows = dump.tables.reduce((n, t) => n + t.rows, 0);
    return { file, bytes: (await fsp.stat(file)).size, rows, files: dump.files.length, manifest, ms: performance.now() - started };
  } finally {
    await fsp.rm(partial, { force: true });
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

interface Dump {
  serverVersion: string;
  migrations: Manifest['migrations'];
  sequences: Manifest['sequences'];
  tables: StagedTable[];
  files: string[];
}

async function dumpDatabase(database: Database, store: FileStore, staging: string, pageSize: number): Promise<Dump> {
  return withSession(database, async (s) => {
    await s.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Timestamps come out in UTC whatever the server's zone: the same data gives the same dump.
    await s.query("SET LOCAL TimeZone = 'UTC'");
    const [known] = await s.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`public.${MIGRATIONS_TABLE}`]);
    if (!known?.ok) throw new BackupError('This database has no Prongsai schema (it was never migrated): there is nothing to back up.');
    const migrations = (
      await s.query<{ idx: number; tag: string; hash: string }>(`SELECT idx, tag, hash FROM ${MIGRATIONS_TABLE} ORDER BY idx`)
    ).map((m) => ({ idx: Number(m.idx), tag: m.tag, hash: m.hash }));
    const [server] = await s.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const catalog = await readCatalog(s);
    for (const t of catalog.tables) {
      if (!/^[a-z_][a-z0-9_]*$/.test(t.name))
        throw new BackupError(`The table name "${t.name}" cannot be backed up (lower-case letters, digits and _ only).`);
    }
    // The snapshot was fixed by the first query above. Listing the files after it includes every
    // file a row of the snapshot names: saveFile stores the bytes before its row commits.
    const files = await store.list();
    const sequences: Manifest['sequences'] = [];
    for (const name of catalog.freeSequences) {
      const [v] = await s.query<{ lastValue: string; isCalled: boolean }>(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM public.${ident(name)}`,
      );
      if (v) sequences.push({ name, lastValue: v.lastValue, isCalled: v.isCalled });
    }
    const tables: StagedTable[] = [];
    for (const [i, info] of catalog.tables.entries()) {
      tables.push(await dumpTable(s, info, path.join(staging, `${String(i).padStart(4, '0')}.jsonl`), pageSize));
    }
    await s.query('COMMIT');
    return { serverVersion: server?.v ?? 'unknown', migrations, sequences, tables, files };
  });
}

/** One table as JSON lines, fetched in pages from a cursor in primary-key order. */
async function dumpTable(s: Session, info: TableInfo, target: string, pageSize: number): Promise<StagedTable> {
  const order = info.primaryKey.length ? ` ORDER BY ${info.primaryKey.map((c) => `t.${ident(c)}`).join(', ')}` : '';
  await s.query(`DECLARE prongsai_dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM public.${ident(info.name)} AS t${order}`);
  const hash = createHash('sha256');
  const out = await fsp.open(target, 'wx');
  let rows = 0;
  let size = 0;
  try {
    for (;;) {
      const page = await s.query<{ j: string }>(`FETCH FORWARD ${pageSize} FROM prongsai_dump`);
      if (page.length === 0) break;
      // A json (not jsonb) column keeps its text, newlines included; a raw newline in JSON is
      // only ever whitespace (inside strings it is escaped), so a space keeps one row per line.
      const text = `${page.map((r) => (r.j.includes('\n') ? r.j.replace(/\n/g, ' ') : r.j)).join('\n')}\n`;
      const buf = Buffer.from(text, 'utf8');
      hash.update(buf);
      size += buf.byteLength;
      rows += page.length;
      await out.write(buf);
      if (page.length < pageSize) break;
    }
  } finally {
    await out.close();
  }
  await s.query('CLOSE prongsai_dump');
  return { info, member: tableMember(info.name), path: target, rows, size, sha256: hash.digest('hex') };
}

async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a new name in the directory durable (best effort: not every file system allows it). */
export async function syncDir(dir: string): Promise<void> {
  try {
    await syncFile(dir);
  } catch {
    /* e.g. EISDIR/EPERM on some platforms: the data itself was synced */
  }
}
