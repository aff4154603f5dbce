import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '../core/db/client.js';
import { migrate, readMigrations } from '../core/db/migrate.js';

/**
 * Test databases. Creating a PGlite database (initdb in WASM) takes seconds, so a migrated
 * template is made once per migration set and every test process starts from a copy of it.
 * With TEST_DATABASE_URL each test process gets its own fresh PostgreSQL database, dropped at
 * the end. Tests isolate further by creating their own organizations.
 */
export function templatePath(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.hash);
  return path.join(os.tmpdir(), `prongsai-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

export async function ensurePgliteTemplate(): Promise<string> {
  const file = templatePath();
  if (fs.existsSync(file)) return file;
  const database = await openDatabase({ dataDir: '', memory: true });
  await migrate(database);
  const dump = await (database.pglite as PGlite).dumpDataDir('none');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file);
  await database.close();
  return file;
}
export interface TestDatabase {
  database: Database;
  kind: 'pglite' | 'postgresql';
  drop(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `prongsai_test_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ dataDir: '', databaseUrl: u.toString(), poolSize: 5 });
    return {
      database,
      kind: 'postgresql',
      async drop() {
        await database.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const file = await ensurePgliteTemplate();
  const blob = new Blob([fs.readFileSync(file)]);
  const database = await openDatabase({ dataDir: '', loadDataDir: blob });
  return { database, kind: 'pglite', drop: () => database.close() };
}
