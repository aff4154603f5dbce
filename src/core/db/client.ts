import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type DataDirLock, DataDirLockedError, lockDataDir } from './lock.js';

/** The Drizzle handle every service receives; a transaction has the same type. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DbKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Runs SQL text that may hold several statements (migrations, restore). */
  exec(sqlText: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** The underlying PGlite instance or pg pool, for the event bus. */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** The database could not be reached or opened; printed as one line at start. */
export class DatabaseUnavailableError extends Error {}

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** For tests: a prepared PGlite data dir archive to start from (in memory, no lock). */
  loadDataDir?: Blob | File;
  /** For tests and tools: an in-memory PGlite with no data dir and no lock. */
  memory?: boolean;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts);
}

// Dates travel as timestamptz; return them as JS Dates from both drivers, numerics as strings.
async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {
    /* an idle client lost its connection: the pool replaces it on next use */
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    const where = safeUrl(url);
    throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${where}: ${(e as Error).message}`);
  }
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgresql',
    pool,
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async query(sqlText, params = []) {
      return (await pool.query(sqlText, params)).rows;
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  try {
    if (opts.memory || opts.loadDataDir) {
      client = new PGlite(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    } else {
      lock = await lockDataDir(opts.dataDir);
      client = new PGlite(path.join(opts.dataDir, 'db'));
    }
    await client.waitReady;
  } catch (e) {
    lock?.release();
    // Passed through as itself: its message already names the directory and the holder.
    if (e instanceof DataDirLockedError) throw e;
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${opts.dataDir}: ${(e as Error).message}`);
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    async query(sqlText, params = []) {
      return (await client.query(sqlText, params)).rows as never[];
    },
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(an invalid DATABASE_URL)';
  }
}
