import type { Database } from '../db/client.js';

/**
 * One database connection held for a whole backup or restore: a snapshot transaction, a cursor
 * and a multi-statement load only mean something on one connection. On PostgreSQL that is one
 * client checked out of the pool; PGlite has exactly one session anyway (and the data-dir lock
 * keeps every other process out of it).
 */
export interface Session {
  /** One statement, parameterised; the rows it returned. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
}

export async function withSession<T>(database: Database, fn: (session: Session) => Promise<T>): Promise<T> {
  if (database.pool) {
    const client = await database.pool.connect();
    const session: Session = {
      async query<R>(sqlText: string, params: unknown[] = []) {
        return (await client.query(sqlText, params)).rows as R[];
      },
    };
    let result: T;
    try {
      result = await fn(session);
    } catch (e) {
      // A transaction may still be open: roll it back, and if the connection does not answer,
      // hand the error to release() so the pool discards the client instead of reusing it.
      const answered = await rollbackQuietly((q) => client.query(q));
      client.release(answered ? undefined : (e as Error));
      throw e;
    }
    client.release();
    return result;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database connection');
  try {
    return await fn({
      async query<R>(sqlText: string, params: unknown[] = []) {
        return (await pglite.query(sqlText, params)).rows as R[];
      },
    });
  } catch (e) {
    await rollbackQuietly((q) => pglite.query(q));
    throw e;
  }
}

/** ROLLBACK, reporting whether the connection answered (outside a transaction it is a no-op). */
export async function rollbackQuietly(run: (sqlText: string) => Promise<unknown>): Promise<boolean> {
  try {
    await run('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

/** An identifier quoted for SQL text (table and column names come from the catalog). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
