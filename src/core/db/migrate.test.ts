import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openTestDatabase } from '../../testing/database.js';
import { createPgDatabase } from '../../testing/processes.js';
import { type Database, openDatabase } from './client.js';
import { appliedMigrations, MigrationMismatchError, migrate, readMigrations } from './migrate.js';

const pgUrl = process.env.TEST_DATABASE_URL || undefined;
const all = readMigrations();
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c();
});

/** A database with no schema at all: a fresh PostgreSQL database, or a new in-memory PGlite. */
async function blank(): Promise<Database> {
  if (pgUrl) {
    const t = await openTestDatabase();
    closers.push(() => t.drop());
    return t.database;
  }
  const database = await openDatabase({ dataDir: '', memory: true });
  closers.push(() => database.close());
  return database;
}

/** A migrated database (on PGlite a copy of the prepared template: no slow initdb). */
async function migrated(): Promise<Database> {
  const t = await openTestDatabase();
  closers.push(() => t.drop());
  await migrate(t.database);
  return t.database;
}

const tables = async (database: Database) =>
  (await database.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.t);

describe('migrate', () => {
  test('applies in journal order, stops at untilIdx, and a second run does nothing', async () => {
    const database = await blank();
    assert.ok(all.length >= 2);
    assert.deepEqual(await migrate(database, { untilIdx: 0 }), [all[0]?.tag]);
    assert.deepEqual(
      (await appliedMigrations(database)).map((m) => m.idx),
      [0],
    );
    assert.deepEqual(
      await migrate(database),
      all.slice(1).map((m) => m.tag),
    );
    const schema = await tables(database);
    assert.deepEqual(await migrate(database), []);
    assert.deepEqual(await tables(database), schema);
    assert.deepEqual(
      await appliedMigrations(database),
      all.map((m) => ({ idx: m.idx, tag: m.tag, hash: m.hash })),
    );
  });

  test('a migration changed after it was applied is refused with MigrationMismatchError, changing nothing', async () => {
    const database = await migrated();
    const changed = all.map((m, i) =>
      i === 1 ? { ...m, hash: 'e'.repeat(64), statements: [...m.statements, 'CREATE TABLE should_not_exist (a int)'] } : m,
    );
    await assert.rejects(
      migrate(database, { migrations: changed }),
      (e: Error) => e instanceof MigrationMismatchError && e.message.includes(all[1]?.tag ?? '?'),
    );
    assert.ok(!(await tables(database)).includes('should_not_exist'));
  });

  test('a failing migration rolls back whole and is not recorded', async () => {
    const database = await migrated();
    const next = all.length;
    const broken = [
      ...all,
      { idx: next, tag: '9999_broken', hash: 'b'.repeat(64), statements: ['CREATE TABLE half_done (a int)', 'SELECT 1 / 0'] },
    ];
    await assert.rejects(migrate(database, { migrations: broken }), /Migration 9999_broken failed: division by zero/);
    assert.ok(!(await tables(database)).includes('half_done'));
    assert.equal((await appliedMigrations(database)).length, all.length);
  });

  test('concurrent migrate() calls on PostgreSQL apply each migration once', {
    skip: pgUrl ? false : 'needs TEST_DATABASE_URL',
  }, async () => {
    const made = await createPgDatabase(pgUrl as string);
    // Separate pools, as separate app servers starting at once would have.
    const servers = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ dataDir: '', databaseUrl: made.url, poolSize: 2 })));
    closers.push(async () => {
      for (const s of servers) await s.close();
      await made.drop();
    });
    const applied = await Promise.all(servers.map((s) => migrate(s)));
    assert.deepEqual(applied.flat().sort(), all.map((m) => m.tag).sort());
    const [first] = servers;
    assert.ok(first);
    const rows = await first.query<{ idx: number; n: number }>(
      'SELECT idx, count(*)::int AS n FROM prongsai_migrations GROUP BY idx ORDER BY idx',
    );
    assert.deepEqual(
      rows.map((r) => [r.idx, r.n]),
      all.map((m) => [m.idx, 1]),
    );
  });
});
