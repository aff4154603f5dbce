import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

/**
 * Applies the SQL migrations drizzle-kit generated into ./drizzle, in journal order, each in
 * its own transaction. On PostgreSQL an advisory lock makes several app servers starting at
 * once apply each migration exactly once.
 */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface Migration {
  idx: number;
  tag: string;
  hash: string;
  statements: string[];
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      // Line endings normalized: a Windows checkout (CRLF) is the same migration.
      const text = fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8').replace(/\r\n/g, '\n');
      return {
        idx: e.idx,
        tag: e.tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

const TABLE = `CREATE TABLE IF NOT EXISTS prongsai_migrations (
  idx integer PRIMARY KEY,
  tag text NOT NULL,
  hash text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
const LOCK_KEY = 7_355_608_001;

export interface AppliedMigration {
  idx: number;
  tag: string;
  hash: string;
}

type Exec = (sqlText: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs fn with one connection for the whole of it (a pool client on PostgreSQL). */
async function withConnection<T>(database: Database, fn: (exec: Exec) => Promise<T>): Promise<T> {
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      return await fn(async (q, p) => (await client.query(q, p)).rows);
    } finally {
      client.release();
    }
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database connection');
  return fn(async (q, p) => {
    if (p && p.length > 0) return (await pglite.query(q, p)).rows as Record<string, unknown>[];
    const results = await pglite.exec(q);
    return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
  });
}

export async function appliedMigrations(database: Database): Promise<AppliedMigration[]> {
  return withConnection(database, async (exec) => {
    await exec(TABLE);
    const rows = await exec('SELECT idx, tag, hash FROM prongsai_migrations ORDER BY idx');
    return rows.map((r) => ({ idx: Number(r.idx), tag: String(r.tag), hash: String(r.hash) }));
  });
}

export class MigrationMismatchError extends Error {}

/**
 * Brings the database to the latest migration, or only up to `untilIdx` (restore uses this to
 * load data into the schema it was dumped from). Returns the tags it applied.
 */
export async function migrate(database: Database, opts: { untilIdx?: number; migrations?: Migration[] } = {}): Promise<string[]> {
  const migrations = opts.migrations ?? readMigrations();
  return withConnection(database, async (exec) => {
    if (database.kind === 'postgresql') await exec(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    try {
      await exec(TABLE);
      const done = new Map((await exec('SELECT idx, hash FROM prongsai_migrations')).map((r) => [Number(r.idx), String(r.hash)]));
      const applied: string[] = [];
      for (const m of migrations) {
        if (opts.untilIdx !== undefined && m.idx > opts.untilIdx) break;
        const hash = done.get(m.idx);
        if (hash !== undefined) {
          if (hash !== m.hash) {
            throw new MigrationMismatchError(
              `Migration ${m.tag} was changed after it was applied to this database; ` +
                'restore the original file or add a new migration instead.',
            );
          }
          continue;
        }
        await exec('BEGIN');
        try {
          for (const statement of m.statements) await exec(statement);
          await exec('INSERT INTO prongsai_migrations (idx, tag, hash) VALUES ($1, $2, $3)', [m.idx, m.tag, m.hash]);
          await exec('COMMIT');
        } catch (e) {
          await exec('ROLLBACK');
          throw new Error(`Migration ${m.tag} failed: ${(e as Error).message}`);
        }
        applied.push(m.tag);
      }
      return applied;
    } finally {
      if (database.kind === 'postgresql') await exec(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}
