import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cleanup, preparedDataDir, ROOT, startChild } from '../../testing/processes.js';
import { openDatabase } from './client.js';

after(cleanup);

/**
 * A writer that prints each group id only after its transaction (three rows) committed: what
 * it printed was acknowledged, as a response to a browser would be.
 */
const writer = `
import { openDatabase } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/core/db/client.ts')).href)};
const database = await openDatabase({ dataDir: process.env.DIR });
await database.exec('CREATE TABLE durability (id serial PRIMARY KEY, grp int NOT NULL, note text NOT NULL)');
console.log('ready');
for (let grp = 1; ; grp++) {
  await database.pglite.transaction(async (tx) => {
    for (let i = 0; i < 3; i++) await tx.query('INSERT INTO durability (grp, note) VALUES ($1, $2)', [grp, 'ข้อมูล '.repeat(20)]);
  });
  console.log('committed ' + grp);
}`;

// A PGlite data dir: nothing here changes with TEST_DATABASE_URL, so it runs in the PGlite pass.
const pgliteOnly = { skip: process.env.TEST_DATABASE_URL ? 'PGlite data dirs: run in the PGlite pass' : false };

test('acknowledged writes survive SIGKILL, and no transaction is left half-applied', pgliteOnly, async () => {
  const dir = await preparedDataDir();
  const child = startChild(['--input-type=module', '-e', writer], { DIR: dir });
  await child.waitForLine(/^ready$/);
  await child.waitForLine(/^committed 150$/, 120_000);
  child.proc.kill('SIGKILL');
  await child.exited;
  const acknowledged = child
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('committed '))
    .map((l) => Number(l.slice(10)));
  assert.ok(acknowledged.length >= 150);

  const database = await openDatabase({ dataDir: dir });
  try {
    const rows = await database.query<{ grp: number; n: number }>(
      'SELECT grp, count(*)::int AS n FROM durability GROUP BY grp ORDER BY grp',
    );
    const found = new Map(rows.map((r) => [r.grp, r.n]));
    const lost = acknowledged.filter((g) => found.get(g) !== 3);
    assert.deepEqual(lost, [], 'every acknowledged group is there, whole');
    assert.deepEqual(
      rows.filter((r) => r.n !== 3),
      [],
      'a group the kill interrupted is absent, not partial',
    );
  } finally {
    await database.close();
  }
});
