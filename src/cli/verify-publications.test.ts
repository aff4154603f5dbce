import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCommand } from '../core/command.js';
import type { ServiceContext } from '../core/context.js';
import { openDatabase } from '../core/db/client.js';
import { publish, publishContent, withdrawPublication } from '../modules/publications/service.js';
import { runCliInProcess } from '../testing/cli.js';
import { cleanup, createPgDatabase, newOrg, preparedDataDir, runChild, withApp } from '../testing/processes.js';

after(cleanup);

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function pdf(tag: string): Uint8Array {
  return new TextEncoder().encode(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      `% ${tag} ${process.pid}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

interface Published {
  orgId: number;
  ids: number[];
  docSha: string;
}

/** An organization with a document, a news item in two versions and a withdrawal: four rows. */
async function seed(ctx: ServiceContext, tag: string): Promise<Published> {
  return runCommand(ctx, { action: 'test.seed', allowed: true }, async (tx, _tools, txCtx) => {
    const doc = await publish(tx, txCtx, { fiscalYear: 2567, itemCode: 'o43', title: `รายงาน ${tag}`, bytes: pdf(tag), fileName: 'r.pdf' });
    const source = { entity: 'news.post', id: 1 };
    const n1 = await publishContent(tx, txCtx, { kind: 'news', topic: 'news', title: 'ข่าว', source, snapshot: { tag } });
    const n2 = await publishContent(tx, txCtx, {
      kind: 'news',
      topic: 'news',
      title: 'ข่าว',
      source,
      snapshot: { tag, v: 2 },
      replaces: { publicationId: n1.id, reason: 'แก้ไข' },
    });
    const w = await withdrawPublication(tx, txCtx, { id: n2.id, reason: 'ถอน' });
    return {
      result: { orgId: ctx.orgId, ids: [doc.id, n1.id, n2.id, w.id], docSha: doc.sha256 },
      entity: 'test',
      summary: 'seed',
    };
  });
}

/** An attacker with database access: the immutability trigger off, one change, the trigger on. */
async function tamper(target: { dataDir?: string; databaseUrl?: string }, statement: string) {
  const database = await openDatabase({ dataDir: target.dataDir ?? '', databaseUrl: target.databaseUrl });
  try {
    await database.exec(
      `BEGIN; ALTER TABLE publications DISABLE TRIGGER publications_immutable; ${statement}; ALTER TABLE publications ENABLE TRIGGER publications_immutable; COMMIT;`,
    );
  } finally {
    await database.close();
  }
}

const pgliteOnly = { skip: process.env.TEST_DATABASE_URL ? 'PGlite data dirs: run in the PGlite pass' : false };

// Each test breaks a lower-numbered organization than the one before, so the whole-log check
// (which stops at the first broken organization) names the one just broken.
describe('npm run cli -- verify-publications on a PGlite data dir', pgliteOnly, () => {
  let dir: string;
  let orgs: Published[] = [];
  // The process for exit 0 and one exit 1; the other cases run the same command in this process.
  const verifyProcess = (...args: string[]) => runChild(['src/main.ts', 'verify-publications', ...args], { DATA_DIR: dir });
  const verify = (...args: string[]) => runCliInProcess({ DATA_DIR: dir }, 'verify-publications', ...args);

  before(async () => {
    dir = await preparedDataDir();
    orgs = await withApp(dir, async (services) => {
      const out: Published[] = [];
      for (let i = 0; i < 3; i++) out.push(await seed(await newOrg(services), `org-${i}`));
      return out;
    });
  });

  test('an intact log: exit 0 with the counts', async () => {
    const r = await verifyProcess();
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Publication log intact: 12 publication\(s\) in 3 organization\(s\), 9 file\(s\) hashed, 12 cross-checked with the audit log\.$/m,
    );
  });

  test('a published file altered on disk: exit 1, naming the organization and the publication', async () => {
    const o = orgs[2] as Published;
    fs.writeFileSync(path.join(dir, 'files', o.docSha.slice(0, 2), o.docSha), pdf('forged'));
    const r = await verify();
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(`^Publication log BROKEN: organization ${o.orgId}, publication #${o.ids[0]}: the stored file was altered`, 'm'),
    );
  });

  test('a row altered in the database (sha256): exit 1, naming that row', async () => {
    const o = orgs[1] as Published;
    await tamper({ dataDir: dir }, `UPDATE publications SET sha256 = '${sha('forged')}' WHERE org_id = ${o.orgId} AND id = ${o.ids[2]}`);
    const r = await verifyProcess();
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(`^Publication log BROKEN: organization ${o.orgId}, publication #${o.ids[2]}: chain link does not match`, 'm'),
    );
  });

  test('--org= checks one organization: the untouched one is intact; bad usage exits 2', async () => {
    const o = orgs[0] as Published;
    const r = await verify(`--org=${o.orgId}`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Publication log intact: 4 publication\(s\) in 1 organization\(s\)/m);
    assert.equal((await verify('--org=abc')).code, 2);
  });
});

describe('npm run cli -- verify-publications on PostgreSQL', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL',
}, () => {
  let dir: string;
  let db: { url: string; drop(): Promise<void> };
  let o: Published;
  const verify = () => runChild(['src/main.ts', 'verify-publications'], { DATA_DIR: dir, DATABASE_URL: db.url });

  before(async () => {
    db = await createPgDatabase(process.env.TEST_DATABASE_URL as string);
    dir = await preparedDataDir();
    o = await withApp(dir, async (services) => seed(await newOrg(services), 'pg'), db.url);
  });
  after(() => db?.drop());

  test('intact, then a published_at changed in the database: exit 1 naming the row', async () => {
    const ok = await verify();
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Publication log intact: 4 publication\(s\) in 1 organization\(s\)/m);
    await tamper(
      { databaseUrl: db.url },
      `UPDATE publications SET created_at = created_at + interval '1 second' WHERE org_id = ${o.orgId} AND id = ${o.ids[1]}`,
    );
    const bad = await verify();
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      new RegExp(`^Publication log BROKEN: organization ${o.orgId}, publication #${o.ids[1]}: chain link does not match`, 'm'),
    );
  });
});
