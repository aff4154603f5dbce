import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cleanup, preparedDataDir, ROOT, runChild, startChild, tempDir } from '../../testing/processes.js';
import { DataDirLockedError, lockDataDir } from './lock.js';

after(cleanup);

const lockFile = (dir: string) => path.join(dir, 'prongsai.lock');
const record = (pid: number, start: string | null, host = os.hostname()) =>
  JSON.stringify({ pid, start, host, since: new Date().toISOString() });

/** A process that opens DIR as the app does and holds it until killed. */
const holder = `
import { openDatabase } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/core/db/client.ts')).href)};
try {
  const database = await openDatabase({ dataDir: process.env.DIR });
  await database.query('SELECT 1');
  console.log('opened ' + process.pid);
  if (process.env.THEN_EXIT) { await database.close(); process.exit(0); }
  setInterval(() => {}, 60_000);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}`;
const openDir = (dir: string, env: Record<string, string> = {}) => startChild(['--input-type=module', '-e', holder], { DIR: dir, ...env });

describe('the data-dir lock, in one process', () => {
  test('a second lock on the same directory is refused, naming it; after release it is free again', async () => {
    const dir = tempDir();
    const first = await lockDataDir(dir);
    await assert.rejects(
      lockDataDir(dir),
      (e: Error) => e instanceof DataDirLockedError && e.message.includes(dir) && e.message.includes(String(process.pid)),
    );
    first.release();
    assert.equal(fs.existsSync(lockFile(dir)), false);
    const again = await lockDataDir(dir);
    again.release();
  });

  test('a lock left by a process that is gone is taken over', async () => {
    const dir = tempDir();
    const gone = await runChild(['-e', 'console.log(process.pid)']);
    fs.writeFileSync(lockFile(dir), record(Number(gone.stdout.trim()), '1'));
    const lock = await lockDataDir(dir);
    assert.equal(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')).pid, process.pid);
    lock.release();
  });

  test('a lock whose pid now belongs to another process (other start time) is taken over', async () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), record(process.ppid, 'not-its-start-time'));
    const lock = await lockDataDir(dir);
    lock.release();
  });

  test('a lock written before a reboot is taken over, even when its pid and start time recur', async () => {
    const dir = tempDir();
    const start = fs.readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19] ?? null;
    const mine = JSON.parse(record(process.pid, start));
    fs.writeFileSync(lockFile(dir), JSON.stringify({ ...mine, boot: 'an-earlier-boot' }));
    const lock = await lockDataDir(dir);
    lock.release();
  });

  test('a half-written lock file (a crash while writing it) is taken over', async () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), '{"pid":');
    const lock = await lockDataDir(dir);
    lock.release();
  });

  test("another machine's lock (shared disk) is respected: its process cannot be checked", async () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), record(1, null, 'some-other-host'));
    await assert.rejects(lockDataDir(dir), DataDirLockedError);
  });
});

// PGlite data dirs only: nothing here changes with TEST_DATABASE_URL, so it runs in the PGlite pass.
const pgliteOnly = { skip: process.env.TEST_DATABASE_URL ? 'PGlite data dirs: run in the PGlite pass' : false };

describe('the data-dir lock, across processes', pgliteOnly, () => {
  test('a second process is refused while the first holds the directory; after SIGKILL the next start succeeds', async () => {
    const dir = await preparedDataDir();
    const first = openDir(dir);
    const line = await first.waitForLine(/^opened \d+/);
    const firstPid = Number(line.split(' ')[1]);

    const second = await runChild(['--input-type=module', '-e', holder], { DIR: dir });
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr.trim(), new RegExp(`^The data directory ${dir} is already in use by process ${firstPid}\\.`));

    first.proc.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.ok(fs.existsSync(lockFile(dir)), 'a killed process leaves its lock file behind');

    const third = await runChild(['--input-type=module', '-e', holder], { DIR: dir, THEN_EXIT: '1' });
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /^opened \d+/);
    assert.equal(fs.existsSync(lockFile(dir)), false, 'a clean exit removes the lock file');
  });

  test('`tsx src/main.ts serve` on a locked directory exits 1 with one line naming the directory', async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir);
    try {
      const r = await runChild(['src/main.ts', 'serve'], { DATA_DIR: dir, PORT: '0' });
      assert.equal(r.code, 1);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(
        lines[0] ?? '',
        new RegExp(`^prongsai: The data directory ${dir} is already in use by process ${process.pid}\\. Stop that process first`),
      );
      assert.equal(r.stdout.trim(), '');
    } finally {
      lock.release();
    }
  });
});
