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
 * With TEST_DATABASE_URL each test process gets its own PostgreSQL database, dropped at the end:
 * a blank one, or (`migrated: true`, what createTestEnv asks for) a copy of a migrated template
 * database made once per migration set (CREATE DATABASE … TEMPLATE: a file copy instead of
 * running every migration again, about half a second per test environment). Tests isolate
 * further by creating their own organizations.
 */
function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.hash);
  return hash.digest('hex').slice(0, 16);
}

export function templatePath(): string {
  return path.join(os.tmpdir(), `prongsai-pglite-template-${migrationsKey()}.tar`);
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
/**
 * The name of the migrated PostgreSQL template database for this migration set on the server
 * TEST_DATABASE_URL names, made when missing. Made under a temporary name and renamed when
 * complete, so a run beside this one never copies a half-migrated template; nothing stays
 * connected to it (PostgreSQL copies only a database nobody is connected to). It stays on the
 * server for the next runs, like the PGlite template in the temporary directory (a new migration
 * set gets a new name); CI's cluster is thrown away.
 */
export async function ensurePgTemplate(url = process.env.TEST_DATABASE_URL): Promise<string> {
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `prongsai_template_${migrationsKey()}`;
  const exists = async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    } finally {
      await admin.end();
    }
  };
  if (await exists()) return name;
  const partial = `prongsai_partial_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${partial}`);
    const u = new URL(url);
    u.pathname = `/${partial}`;
    const database = await openDatabase({ dataDir: '', databaseUrl: u.toString(), poolSize: 1 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    // Another run may have made it meanwhile: its template is as good as this one.
    if (await exists()) await admin.query(`DROP DATABASE ${partial} WITH (FORCE)`);
    else {
      try {
        await admin.query(`ALTER DATABASE ${partial} RENAME TO ${name}`);
      } catch (e) {
        if ((e as { code?: string }).code !== '42P04') throw e; // duplicate_database: made meanwhile
        await admin.query(`DROP DATABASE ${partial} WITH (FORCE)`);
      }
    }
  } catch (e) {
    await admin.query(`DROP DATABASE IF EXISTS ${partial} WITH (FORCE)`).catch(() => {});
    throw e;
  } finally {
    await admin.end();
  }
  return name;
}

export interface TestDatabase {
  database: Database;
  kind: 'pglite' | 'postgresql';
  drop(): Promise<void>;
}

/**
 * A test database of its own. On PostgreSQL a blank database unless `migrated` (a copy of the
 * migrated template); on PGlite always a copy of the migrated template (migrate() on it applies
 * nothing).
 */
export async function openTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `prongsai_test_${process.pid}_${randomBytes(3).toString('hex')}`;
    const template = opts.migrated ? await ensurePgTemplate(url) : null;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      if (!template) await admin.query(`CREATE DATABASE ${name}`);
      else {
        try {
          await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        } catch (e) {
          // invalid_catalog_name: the template was dropped by hand meanwhile; made again, once.
          if ((e as { code?: string }).code !== '3D000') throw e;
          await admin.query(`CREATE DATABASE ${name} TEMPLATE ${await ensurePgTemplate(url)}`);
        }
      }
    } finally {
      await admin.end();
    }
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
