import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Database, openDatabase } from '../core/db/client.js';
import { setLogo } from '../modules/organization/service.js';
import { createStaff } from '../modules/staff/service.js';
import { runCliInProcess } from '../testing/cli.js';
import {
  cleanup,
  createPgDatabase,
  newOrg,
  preparedDataDir,
  runChild,
  startChild,
  storedFiles,
  tableRows,
  tempDir,
  withApp,
} from '../testing/processes.js';

after(cleanup);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/**
 * The command line as users run it: a new process (`node --import tsx src/main.ts …`). Each one
 * costs seconds of module loading, so the happy paths go through it and the refusals below run
 * the same command function in this process (`run`), as src/main.ts calls it: its printed
 * lines and the exit code it returns.
 */
const cli = (env: Record<string, string>, ...args: string[]) => runChild(['src/main.ts', ...args], env);

const run = runCliInProcess;

async function rowsOf(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    return await tableRows(database);
  } finally {
    await database.close();
  }
}

const pgUrl = process.env.TEST_DATABASE_URL || undefined;

/** Two organizations with staff, an account and a logo (one stored file: the same bytes twice). */
async function content(dataDir: string, databaseUrl = '') {
  await withApp(
    dataDir,
    async (services) => {
      for (let i = 0; i < 2; i++) {
        const ctx = await newOrg(services);
        await createStaff(ctx, {
          titlePrefix: 'นาย',
          firstName: 'สมชาย',
          lastName: `คนที่ ${i}`,
          account: { username: `user${i}x`, roles: ['staff'] },
        });
        await setLogo(ctx, { bytes: PNG, name: 'logo.png' });
      }
    },
    databaseUrl,
  );
}

let source: string;
let archive: string;

describe('npm run cli -- backup / restore on PGlite', { skip: pgUrl ? 'PGlite data dirs: run in the PGlite pass' : false }, () => {
  before(async () => {
    source = await preparedDataDir();
    archive = path.join(tempDir(), 'prongsai-backup.tar.gz');
    await content(source);
  });

  test('usage: backup and restore want exactly one FILE (exit 2)', async () => {
    for (const command of ['backup', 'restore']) {
      const r = await run({ DATA_DIR: source }, command);
      assert.equal(r.code, 2, command);
      assert.match(r.stderr, new RegExp(`^Usage: prongsai ${command} FILE`));
    }
  });

  test('backup of a DATA_DIR with no database: exit 1, nothing created', async () => {
    const empty = tempDir();
    const file = path.join(tempDir(), 'none.tar');
    const r = await run({ DATA_DIR: empty }, 'backup', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^prongsai: there is no database in .* to back up/);
    assert.equal(fs.existsSync(path.join(empty, 'db')), false);
    assert.equal(fs.existsSync(file), false);
  });

  test('backup while the PGlite server runs: exit 1, one line saying to stop it or use PostgreSQL', async () => {
    const server = startChild(['src/main.ts', 'serve'], { DATA_DIR: source, PORT: '0' });
    try {
      const serving = await server.waitForLine(/is serving on/, 120_000);
      // Answered only after the line's tick, in which the server also sets its SIGTERM handler:
      // the SIGTERM below must not reach a server that is still starting.
      assert.equal((await fetch(`${/is serving on (\S+)/.exec(serving)?.[1]}/healthz`)).status, 200);
      const r = await run({ DATA_DIR: source }, 'backup', archive);
      assert.equal(r.code, 1);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(
        lines[0] ?? '',
        new RegExp(`^prongsai: cannot back up: the data directory ${source} is in use by process ${server.proc.pid}`),
      );
      assert.match(lines[0] ?? '', /Stop the server.*PostgreSQL/);
      assert.equal(fs.existsSync(archive), false);
    } finally {
      server.proc.kill('SIGTERM');
      const { code } = await server.exited;
      assert.equal(code, 0, 'the server stops cleanly on SIGTERM');
    }
  });

  test('backup, then restore into a new DATA_DIR: identical rows and files, the audit log verified', async () => {
    const b = await cli({ DATA_DIR: source }, 'backup', archive);
    assert.equal(b.code, 0, b.stderr);
    assert.match(
      b.stdout,
      /^Backup written: .*prongsai-backup\.tar\.gz \(.+\): \d+ rows in \d+ tables, 1 stored file, schema at \d{4}_\w+, from PGlite in /m,
    );

    const target = path.join(tempDir(), 'restored'); // does not exist yet: restore creates it
    const r = await cli({ DATA_DIR: target }, 'restore', archive);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Restored \d+ rows in \d+ tables and 1 stored file into PGlite in /m);
    assert.match(r.stdout, /^Audit log intact: 6 entries in 2 organization\(s\)\.$/m);
    assert.deepEqual(await rowsOf(target), await rowsOf(source));
    assert.deepEqual(storedFiles(path.join(target, 'files')), storedFiles(path.join(source, 'files')));

    const again = await run({ DATA_DIR: target }, 'restore', archive);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr.trim(),
      /^prongsai: restore failed: Refusing to restore: the target is not empty \(it holds 2 organization\(s\)\)\. Restore into a new, empty DATA_DIR\.$/,
    );

    const existing = await run({ DATA_DIR: source }, 'backup', archive);
    assert.equal(existing.code, 1);
    assert.match(existing.stderr, /already exists: choose a new file name/);
  });

  test('restore of a file that is not a backup: exit 1, one line', async () => {
    const junk = path.join(tempDir(), 'junk.tar');
    fs.writeFileSync(junk, 'this is not a tar archive at all'.repeat(100));
    const r = await run({ DATA_DIR: tempDir() }, 'restore', junk);
    assert.equal(r.code, 1);
    assert.match(r.stderr.trim(), /^prongsai: restore failed: .*junk\.tar is not a readable backup archive/);
  });
});

describe('npm run cli -- backup / restore on PostgreSQL', { skip: pgUrl ? false : 'needs TEST_DATABASE_URL' }, () => {
  test('backup beside the running server, restore into an empty database', async () => {
    const from = await createPgDatabase(pgUrl as string);
    const to = await createPgDatabase(pgUrl as string);
    const server = { child: undefined as ReturnType<typeof startChild> | undefined };
    try {
      const dataDir = tempDir();
      await content(dataDir, from.url);
      server.child = startChild(['src/main.ts', 'serve'], { DATA_DIR: dataDir, DATABASE_URL: from.url, PORT: '0' });
      await server.child.waitForLine(/is serving on/, 120_000);

      const file = path.join(tempDir(), 'pg.tar');
      const b = await cli({ DATA_DIR: dataDir, DATABASE_URL: from.url }, 'backup', file);
      assert.equal(b.code, 0, b.stderr);
      assert.match(b.stdout, /^Backup written: .* 1 stored file, .*from PostgreSQL \(DATABASE_URL\)/m);

      const targetDir = tempDir();
      const r = await cli({ DATA_DIR: targetDir, DATABASE_URL: to.url }, 'restore', file);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Audit log intact: 6 entries in 2 organization\(s\)\.$/m);
      const [a, c] = await Promise.all([from.url, to.url].map((databaseUrl) => openDatabase({ dataDir: '', databaseUrl, poolSize: 1 })));
      try {
        assert.deepEqual(await tableRows(c as Database), await tableRows(a as Database));
      } finally {
        await a?.close();
        await c?.close();
      }
      assert.deepEqual(storedFiles(path.join(targetDir, 'files')), storedFiles(path.join(dataDir, 'files')));

      const again = await run({ DATA_DIR: tempDir(), DATABASE_URL: to.url }, 'restore', file);
      assert.equal(again.code, 1);
      assert.match(
        again.stderr.trim(),
        /^prongsai: restore failed: Refusing to restore: the target is not empty \(it holds 2 organization\(s\)\)\. Restore into a new, empty PostgreSQL database/,
      );
    } finally {
      server.child?.proc.kill('SIGTERM');
      await server.child?.exited;
      await from.drop();
      await to.drop();
    }
  });
});
