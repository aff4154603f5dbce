import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type ChainReport, verifyAuditChain } from '../audit/audit.js';
import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { FileStore } from '../storage/store.js';
import { ArchiveError, drain, fileMemberHash, lines, MANIFEST, type Manifest, readArchive } from './archive.js';
import { syncDir } from './backup.js';
import { type Catalog, MIGRATIONS_TABLE, readCatalog, type TableInfo } from './catalog.js';
import { ident, type Session, withSession } from './session.js';
import { backupLevel, readManifest, verifyArchive } from './verify.js';

/** The target is not one a backup may be restored into; nothing was changed. One line. */
export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  database: Database;
  /** The target's DATA_DIR/files. */
  filesRoot: string;
  file: string;
  /** Rows (and bytes of JSON) sent per INSERT. */
  batchRows?: number;
  batchBytes?: number;
  /** Progress lines for the command line. */
  log?: (line: string) => void;
}

export interface RestoreSummary {
  manifest: Manifest;
  rows: number;
  files: number;
  /** Migrations newer than the backup, applied after the load. */
  migratedAfter: string[];
  chain: ChainReport;
  ms: { verify: number; load: number; total: number };
}

/**
 * Restores an archive into an empty target: checks the archive completely, builds the schema the
 * backup was taken at, loads every row in one transaction (all or nothing), resets the
 * sequences, then brings the schema up to date and verifies the audit chain.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const store = new FileStore(opts.filesRoot);

  // Cheap refusals first (manifest, target), then the full read of every member.
  const level = backupLevel(await readManifest(opts.file));
  await withSession(opts.database, async (s) => assertRestorable(s, store, opts.database, level));
  log('Checking the archive…');
  const manifest = await verifyArchive(opts.file);
  const verified = performance.now();

  await migrate(opts.database, { untilIdx: level });
  const written: string[] = [];
  let rows = 0;
  try {
    await withSession(opts.database, async (s) => {
      await s.query('BEGIN');
      // Again inside the transaction: a server started against the target meanwhile is caught.
      const catalog = await readCatalog(s);
      const emptiness = await describeContents(s, catalog, store);
      if (emptiness) throw new RestoreRefusedError(refusal(emptiness, opts.database));
      checkTables(manifest, catalog);
      log(`Loading ${manifest.tables.length} tables and ${manifest.files} files…`);
      rows = await loadMembers(s, opts, manifest, catalog, store, written);
      await resetSequences(s, catalog, manifest);
      await s.query('COMMIT');
    });
  } catch (e) {
    // The target had no files before: the ones written for this failed restore go again.
    await Promise.all(written.map((f) => fsp.rm(f, { force: true })));
    throw e;
  }
  const loaded = performance.now();
  const migratedAfter = await migrate(opts.database);
  const chain = await verifyAuditChain(opts.database.db);
  const now = performance.now();
  return {
    manifest,
    rows,
    files: written.length,
    migratedAfter,
    chain,
    ms: { verify: verified - started, load: loaded - verified, total: now - started },
  };
}

function refusal(what: string, database: Database): string {
  const where =
    database.kind === 'pglite' ? 'a new, empty DATA_DIR' : 'a new, empty PostgreSQL database (createdb), with an empty DATA_DIR/files';
  return `Refusing to restore: the target is not empty (${what}). Restore into ${where}.`;
}

/** Target empty, and not at a newer schema than the backup; checked before anything is written. */
async function assertRestorable(s: Session, store: FileStore, database: Database, level: number): Promise<void> {
  const catalog = await readCatalog(s);
  const contents = await describeContents(s, catalog, store);
  if (contents) throw new RestoreRefusedError(refusal(contents, database));
  const [known] = await s.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`public.${MIGRATIONS_TABLE}`]);
  if (!known?.ok) return;
  const [newest] = await s.query<{ idx: number; tag: string }>(`SELECT idx, tag FROM ${MIGRATIONS_TABLE} ORDER BY idx DESC LIMIT 1`);
  if (newest && Number(newest.idx) > level) {
    throw new RestoreRefusedError(
      `Refusing to restore: the target database is already at migration ${newest.tag}, newer than the backup's; its data would not fit. Restore into a new, empty database.`,
    );
  }
}

/** What the target already holds, as words for the refusal; null when it is empty. */
async function describeContents(s: Session, catalog: Catalog, store: FileStore): Promise<string | null> {
  const orgs = catalog.tables.find((t) => t.name === 'organizations');
  if (orgs) {
    const [r] = await s.query<{ n: number }>('SELECT count(*)::int AS n FROM public.organizations');
    if (r && r.n > 0) return `it holds ${r.n} organization(s)`;
  }
  for (const t of catalog.tables) {
    const [r] = await s.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM public.${ident(t.name)}) AS any`);
    if (r?.any) return `table ${t.name} has rows`;
  }
  const files = await store.list();
  if (files.length > 0) return `${store.root} holds ${files.length} stored file(s)`;
  return null;
}

function checkTables(manifest: Manifest, catalog: Catalog): void {
  const position = new Map(manifest.tables.map((t, i) => [t.name, i]));
  const target = new Map(catalog.tables.map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    if (!target.has(t.name))
      throw new ArchiveError(`The backup has table ${t.name}, which the target schema lacks at the backup's migration level.`);
  }
  for (const t of catalog.tables) {
    for (const parent of t.references) {
      const p = position.get(parent);
      const c = position.get(t.name);
      if (p !== undefined && c !== undefined && p > c)
        throw new ArchiveError(`The backup lists ${t.name} before ${parent}, which it references.`);
    }
  }
}

/** Second pass over the (verified) archive: rows into the tables, bytes into the file store. */
async function loadMembers(
  s: Session,
  opts: RestoreOptions,
  manifest: Manifest,
  catalog: Catalog,
  store: FileStore,
  written: string[],
): Promise<number> {
  const tables = new Map(manifest.tables.map((t) => [t.member, t]));
  const target = new Map(catalog.tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  let rows = 0;
  for await (const entry of readArchive(opts.file)) {
    if (entry.name === MANIFEST || entry.type === 'directory') {
      await drain(entry.body);
      continue;
    }
    const expected = manifest.members[entry.name];
    if (!expected) throw new ArchiveError(`The archive changed after it was checked (${entry.name}).`);
    const hash = createHash('sha256');
    const table = tables.get(entry.name);
    if (table) {
      const info = target.get(table.name) as TableInfo;
      // Foreign keys are checked row by row: a parent table must be in before its children.
      const early = info.references.find((p) => !done.has(p) && manifest.tables.some((t) => t.name === p));
      if (early)
        throw new ArchiveError(`The archive holds ${table.name} before ${early}, which it references: it was repacked out of order.`);
      const loaded = await loadTable(s, info, entry.body, hash, opts);
      done.add(table.name);
      if (loaded !== table.rows) throw new ArchiveError(`${entry.name} holds ${loaded} rows, the manifest says ${table.rows}.`);
      rows += loaded;
    } else {
      const sha = fileMemberHash(entry.name) as string;
      written.push(await writeStoredFile(store, sha, entry.body, hash));
    }
    // Checked on the first pass; checked again in case the file changed in between.
    if (hash.digest('hex') !== expected.sha256) throw new ArchiveError(`The archive changed after it was checked (${entry.name}).`);
  }
  for (const t of manifest.tables) {
    const [r] = await s.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.${ident(t.name)}`);
    if (r?.n !== t.rows) throw new Error(`table ${t.name} holds ${r?.n} rows after the load, the backup ${t.rows}`);
  }
  return rows;
}

async function loadTable(
  s: Session,
  table: TableInfo,
  body: AsyncIterable<Buffer>,
  hash: ReturnType<typeof createHash>,
  opts: RestoreOptions,
): Promise<number> {
  const cols = table.columns.map(ident).join(', ');
  const name = `public.${ident(table.name)}`;
  // Columns are matched by name; OVERRIDING SYSTEM VALUE keeps the ids of GENERATED ALWAYS
  // identity columns. The audit_log triggers refuse UPDATE and DELETE only, so INSERT passes.
  const insert = `INSERT INTO ${name} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${name}, $1::json)`;
  const maxRows = opts.batchRows ?? 1000;
  const maxBytes = opts.batchBytes ?? 4 * 1024 * 1024;
  let batch: string[] = [];
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await s.query(insert, [`[${batch.join(',')}]`]);
    rows += batch.length;
    batch = [];
    bytes = 0;
  };
  for await (const line of lines(body, (chunk) => hash.update(chunk))) {
    if (line.length === 0) continue;
    if (line[0] !== '{') throw new ArchiveError(`A row of ${table.name} is not a JSON object.`);
    batch.push(line);
    bytes += line.length;
    if (batch.length >= maxRows || bytes >= maxBytes) await flush();
  }
  await flush();
  return rows;
}

/** Streams one stored file into place (aside, synced, renamed), checking its bytes on the way. */
async function writeStoredFile(
  store: FileStore,
  sha: string,
  body: AsyncIterable<Buffer>,
  hash: ReturnType<typeof createHash>,
): Promise<string> {
  const target = store.pathOf(sha);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const own = createHash('sha256');
  const handle = await fsp.open(tmp, 'wx');
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      own.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  if (own.digest('hex') !== sha) {
    await fsp.rm(tmp, { force: true });
    throw new ArchiveError(`The archive changed after it was checked (stored file ${sha}).`);
  }
  await fsp.rename(tmp, target);
  await syncDir(path.dirname(target));
  return target;
}

/**
 * Identity and serial sequences continue after the largest id loaded (the rows came with their
 * ids, so the sequences never moved); sequences no column owns get the value they had.
 */
async function resetSequences(s: Session, catalog: Catalog, manifest: Manifest): Promise<void> {
  for (const t of catalog.tables) {
    for (const q of t.ownedSequences) {
      const seq = `public.${ident(q.sequence)}`;
      await s.query(
        `SELECT setval($1::regclass, COALESCE((SELECT max(${ident(q.column)}) FROM public.${ident(t.name)}) + 1,
           (SELECT seqstart FROM pg_sequence WHERE seqrelid = $1::regclass)), false)`,
        [seq],
      );
    }
  }
  const free = new Set(catalog.freeSequences);
  for (const q of manifest.sequences) {
    if (!free.has(q.name)) throw new ArchiveError(`The backup has sequence ${q.name}, which the target schema lacks.`);
    await s.query('SELECT setval($1::regclass, $2::bigint, $3)', [`public.${ident(q.name)}`, q.lastValue, q.isCalled]);
  }
}
