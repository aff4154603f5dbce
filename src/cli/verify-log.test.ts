import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../core/db/client.js';
import { createDivision } from '../modules/staff/service.js';
import { runCliInProcess } from '../testing/cli.js';
import { cleanup, newOrg, preparedDataDir, runChild, withApp } from '../testing/processes.js';

after(cleanup);

let dir: string;
/** Four organizations, each with entries 1..4 (its creation and three divisions). */
let orgIds: number[] = [];

const pgliteOnly = { skip: process.env.TEST_DATABASE_URL ? 'PGlite data dirs: run in the PGlite pass' : false };

async function setup() {
  dir = await preparedDataDir();
  orgIds = await withApp(dir, async (services) => {
    const ids: number[] = [];
    for (let o = 0; o < 4; o++) {
      const ctx = await newOrg(services);
      for (let d = 1; d <= 3; d++) await createDivision(ctx, { name: `กองที่ ${d}` });
      ids.push(ctx.orgId);
    }
    return ids;
  });
}

/** An attacker with database access: the append-only trigger off, one change, the trigger on. */
async function tamper(statement: string) {
  const database = await openDatabase({ dataDir: dir });
  try {
    await database.exec(
      `BEGIN; ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update; COMMIT;`,
    );
  } finally {
    await database.close();
  }
}

/** `verify-log` as users run it: a new process (`node --import tsx src/main.ts verify-log`). */
const verifyLogProcess = (...args: string[]) => runChild(['src/main.ts', 'verify-log', ...args], { DATA_DIR: dir });

/**
 * The same command function src/main.ts calls, in this process: what it prints and the exit code
 * it returns, without the seconds of module loading a new process costs. The first two tests
 * (exit 0 and exit 1) go through the process; the others through this.
 */
const verifyLog = (...args: string[]) => runCliInProcess({ DATA_DIR: dir }, 'verify-log', ...args);
const org = (i: number) => orgIds[i] as number;

// Each test breaks a lower-numbered organization than the one before, so the whole-log check
// (which stops at the first broken organization) names the one just broken.
describe('npm run cli -- verify-log on a PGlite data dir', pgliteOnly, () => {
  before(setup);

  test('an intact log: exit 0', async () => {
    const r = await verifyLogProcess();
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Audit log intact: 16 entries in 4 organization\(s\)\.$/m);
  });

  test('one altered summary: exit 1, naming the organization and the entry', async () => {
    await tamper(`UPDATE audit_log SET summary = 'ไม่มีอะไร' WHERE org_id = ${org(3)} AND seq = 2`);
    const r = await verifyLogProcess();
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^Audit log BROKEN: organization ${org(3)}, entry 2: altered`, 'm'));
  });

  test('a deleted middle entry: exit 1, naming the gap', async () => {
    await tamper(`DELETE FROM audit_log WHERE org_id = ${org(2)} AND seq = 3`);
    const r = await verifyLog();
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^Audit log BROKEN: organization ${org(2)}, entry 3: missing`, 'm'));
  });

  test('a deleted last entry: exit 1, found through audit_heads', async () => {
    await tamper(`DELETE FROM audit_log WHERE org_id = ${org(1)} AND seq = 4`);
    const r = await verifyLog();
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^Audit log BROKEN: organization ${org(1)}, entry 4: missing`, 'm'));
  });

  test('--org= checks one organization: the untouched one is still intact', async () => {
    const r = await verifyLog(`--org=${org(0)}`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Audit log intact: 4 entries in 1 organization\(s\)\.$/m);
  });
});
