import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { modules } from '../../modules/index.js';
import { setLogo } from '../../modules/organization/service.js';
import { createDivision, createPosition, createStaff } from '../../modules/staff/service.js';
import { openTestDatabase } from '../../testing/database.js';
import { createTestEnv, createTestOrg, createTestUser, type TestEnv, unique } from '../../testing/harness.js';
import { cleanup, createPgDatabase, storedFiles, tableRows, tarMemberData, tempDir } from '../../testing/processes.js';
import { appendAudit, verifyAuditChain } from '../audit/audit.js';
import { systemActor } from '../auth/roles.js';
import { runCommand } from '../command.js';
import { loadConfig } from '../config.js';
import { type Database, type Db, openDatabase } from '../db/client.js';
import { appliedMigrations, migrate, readMigrations } from '../db/migrate.js';
import { createServices } from '../services.js';
import { saveFile } from '../storage/files.js';
import { ArchiveError } from './archive.js';
import { createBackup } from './backup.js';
import { RestoreRefusedError, restoreBackup } from './restore.js';
import { backupLevel, readManifest } from './verify.js';

const pgUrl = process.env.TEST_DATABASE_URL || undefined;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

after(cleanup);

/** The whole app on PGlite even in the PostgreSQL pass, for the PGlite → PostgreSQL direction. */
async function pgliteEnv(): Promise<TestEnv> {
  const saved = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = '';
  try {
    return await createTestEnv();
  } finally {
    process.env.TEST_DATABASE_URL = saved;
  }
}

/** Real content through the services: two organizations, staff, accounts, files, audited commands. */
async function buildContent(env: TestEnv) {
  const a = await createTestOrg(env);
  const b = await createTestOrg(env);
  await createTestUser(env, a, ['admin']);
  // Quotes, backslashes, a newline and Thai text must come back byte for byte.
  const div = await createDivision(a.ctx, { name: `กองคลัง "${unique('d')}" \\ ทดสอบ`, nameEn: 'Finance\nDivision' });
  const pos = await createPosition(a.ctx, { title: 'ผู้อำนวยการกองคลัง', appendOrgName: true, divisionId: div, rank: 'division_head' });
  await createStaff(a.ctx, {
    titlePrefix: 'นางสาว',
    firstName: 'สมหญิง',
    lastName: 'ใจดี',
    positionId: pos,
    divisionId: div,
    account: { username: unique('fin'), roles: ['staff', 'admin'] },
  });
  await setLogo(a.ctx, { bytes: PNG, name: 'ตราสัญลักษณ์.png' });
  await createStaff(b.ctx, { titlePrefix: 'นาย', firstName: 'สมชาย', lastName: 'ทดสอบ' });
  await saveFile(b.ctx, { bytes: Buffer.from('รายงานการประชุม\nบรรทัดที่สอง\n'), name: 'report.txt', kinds: ['text'] });
  return { a, b };
}

interface Target {
  database: Database;
  dataDir: string;
  filesRoot: string;
}

async function pgliteDirTarget(): Promise<Target> {
  const dataDir = tempDir();
  const database = await openDatabase({ dataDir });
  return { database, dataDir, filesRoot: path.join(dataDir, 'files') };
}

const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
});

async function pgTarget(url: string): Promise<Target> {
  const made = await createPgDatabase(url);
  const database = await openDatabase({ dataDir: '', databaseUrl: made.url, poolSize: 3 });
  drops.push(async () => {
    await database.close();
    await made.drop();
  });
  const dataDir = tempDir();
  return { database, dataDir, filesRoot: path.join(dataDir, 'files') };
}

async function roundTrip(source: TestEnv, target: Target, gzip: boolean) {
  const content = await buildContent(source);
  const sourceFiles = path.join(source.dataDir, 'files');
  const archive = path.join(tempDir(), gzip ? 'backup.tar.gz' : 'backup.tar');
  const backup = await createBackup({ database: source.services.database, filesRoot: sourceFiles, file: archive, appVersion: 'test' });
  assert.equal(backup.files, 2);
  const restored = await restoreBackup({ database: target.database, filesRoot: target.filesRoot, file: archive });
  console.log(
    `  ${source.services.database.kind} → ${target.database.kind}: ${backup.rows} rows, ${backup.files} files, ${backup.bytes} bytes; ` +
      `backup ${backup.ms.toFixed(0)} ms, restore ${restored.ms.total.toFixed(0)} ms (verify ${restored.ms.verify.toFixed(0)}, load ${restored.ms.load.toFixed(0)})`,
  );

  const before = await tableRows(source.services.database);
  assert.deepEqual(await tableRows(target.database), before);
  assert.deepEqual(storedFiles(target.filesRoot), storedFiles(sourceFiles));
  for (const t of backup.manifest.tables) assert.equal(t.rows, before[t.name]?.length, t.name);
  assert.ok(restored.chain.ok, JSON.stringify(restored.chain));
  assert.equal(restored.chain.entries, (before.audit_log ?? []).length);
  assert.deepEqual(restored.migratedAfter, []);

  // A new write after the restore: the next id (the sequence was reset), the next chain entry.
  const config = loadConfig({ DATA_DIR: target.dataDir, LOG_LEVEL: 'silent' }, 'test');
  const services = await createServices(config, modules, { database: target.database, logger: pino({ level: 'silent' }) });
  try {
    const [max] = await target.database.query<{ id: number; seq: number }>(
      'SELECT (SELECT max(id) FROM staff_members) AS id, (SELECT seq FROM audit_heads WHERE org_id = $1)::int AS seq',
      [content.a.org.id],
    );
    const ctx = { app: services, orgId: content.a.org.id, actor: systemActor(content.a.org.id, 'test') };
    const created = await createStaff(ctx, { titlePrefix: 'นาง', firstName: 'มาลี', lastName: 'หลังกู้คืน' });
    assert.equal(created.staffId, Number(max?.id) + 1);
    const chain = await verifyAuditChain(target.database.db, content.a.org.id);
    assert.ok(chain.ok, JSON.stringify(chain));
    assert.equal(chain.entries, Number(max?.seq) + 1);
  } finally {
    await services.events.close();
  }

  // Restoring again into the now non-empty target is refused and changes nothing.
  const rowsNow = await tableRows(target.database);
  const filesNow = storedFiles(target.filesRoot);
  await assert.rejects(
    restoreBackup({ database: target.database, filesRoot: target.filesRoot, file: archive }),
    (e: Error) => e instanceof RestoreRefusedError && /not empty \(it holds \d+ organization\(s\)\)/.test(e.message),
  );
  assert.deepEqual(await tableRows(target.database), rowsNow);
  assert.deepEqual(storedFiles(target.filesRoot), filesNow);
}

describe('backup and restore round trip', () => {
  test('PGlite → archive → a new PGlite data dir', { skip: pgUrl ? 'done in the PGlite pass' : false }, async () => {
    const source = await createTestEnv();
    try {
      const target = await pgliteDirTarget();
      try {
        await roundTrip(source, target, true);
      } finally {
        await target.database.close();
      }
    } finally {
      await source.close();
    }
  });

  test('PGlite → archive → an empty PostgreSQL database', { skip: pgUrl ? false : 'needs TEST_DATABASE_URL' }, async () => {
    const source = await pgliteEnv();
    try {
      await roundTrip(source, await pgTarget(pgUrl as string), false);
    } finally {
      await source.close();
    }
  });

  test('PostgreSQL → archive → a new PGlite data dir', { skip: pgUrl ? false : 'needs TEST_DATABASE_URL' }, async () => {
    const source = await createTestEnv();
    try {
      const target = await pgliteDirTarget();
      try {
        await roundTrip(source, target, true);
      } finally {
        await target.database.close();
      }
    } finally {
      await source.close();
    }
  });
});

describe('a backup on PostgreSQL beside the running app', () => {
  test('is one consistent snapshot while commands keep writing', { skip: pgUrl ? false : 'needs TEST_DATABASE_URL' }, async () => {
    const source = await createTestEnv();
    drops.push(() => source.close());
    const { a, b } = await buildContent(source);
    // Writers in two organizations all through the backup: without one snapshot, audit_heads
    // (dumped first) and audit_log (dumped later) would disagree and the chain would not verify.
    let stop = false;
    let writes = 0;
    const write = async (org: typeof a) => {
      while (!stop) {
        await runCommand(org.ctx, { action: 'test.write', allowed: true }, async () => ({
          result: 0,
          entity: 'test',
          summary: 'ระหว่างสำรอง',
        }));
        writes++;
      }
    };
    const writers = [write(a), write(a), write(b)];
    while (writes < 10) await new Promise((r) => setTimeout(r, 5));
    const archive = path.join(tempDir(), 'live.tar');
    let backup: Awaited<ReturnType<typeof createBackup>>;
    try {
      // One row per page: many round trips, so the writers get in between them.
      backup = await createBackup({
        database: source.services.database,
        filesRoot: path.join(source.dataDir, 'files'),
        file: archive,
        appVersion: 'test',
        pageSize: 1,
      });
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    const during = writes;
    const target = await pgTarget(pgUrl as string);
    const restored = await restoreBackup({ database: target.database, filesRoot: target.filesRoot, file: archive });
    assert.ok(restored.chain.ok, JSON.stringify(restored.chain));
    const audit = backup.manifest.tables.find((t) => t.name === 'audit_log');
    const [now] = await source.services.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    assert.ok(audit && now && audit.rows < now.n, `writes went on during the backup (${during} writes)`);
  });
});

describe('a backup from an older schema', () => {
  test('is loaded at its own migration level, then the newer migrations run; a newer target is refused', async () => {
    const all = readMigrations();
    assert.ok(all.length >= 2, 'needs at least two migrations');
    const level = all.length - 2;
    const blank = async () => {
      if (pgUrl) {
        const t = await openTestDatabase();
        drops.push(() => t.drop());
        return t.database;
      }
      const database = await openDatabase({ dataDir: '', memory: true });
      drops.push(() => database.close());
      return database;
    };
    const old = await blank();
    await migrate(old, { untilIdx: level });
    const [org] = await old.query<{ id: number }>(
      "INSERT INTO organizations (type, name, province, district, doc_code, address) VALUES ('sao', 'เก่า', 'ยะลา', 'เมือง', 'ยล 1', '1') RETURNING id",
    );
    const orgId = Number(org?.id);
    await old.db.transaction((tx) =>
      appendAudit(tx as unknown as Db, {
        orgId,
        actorUserId: null,
        actorLabel: 'setup',
        action: 'organization.create',
        entity: 'organization',
        summary: 'เก่า',
      }),
    );
    const archive = path.join(tempDir(), 'old.tar');
    const backup = await createBackup({ database: old, filesRoot: path.join(tempDir(), 'files'), file: archive, appVersion: 'old' });
    assert.equal(backup.manifest.migrations.at(-1)?.idx, level);

    const newer = await openTestDatabase();
    drops.push(() => newer.drop());
    await migrate(newer.database);
    await assert.rejects(
      restoreBackup({ database: newer.database, filesRoot: path.join(tempDir(), 'files'), file: archive }),
      (e: Error) => e instanceof RestoreRefusedError && e.message.includes(`already at migration ${all.at(-1)?.tag}`),
    );

    const target = await blank();
    const restored = await restoreBackup({ database: target, filesRoot: path.join(tempDir(), 'files'), file: archive });
    assert.deepEqual(restored.migratedAfter, [all.at(-1)?.tag]);
    assert.ok(restored.chain.ok);
    assert.equal((await appliedMigrations(target)).length, all.length);
    const [row] = await target.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [orgId]);
    assert.equal(row?.name, 'เก่า');
  });
});

describe('restore refuses', () => {
  let source: TestEnv;
  let archive: string;
  const emptyTarget = async () => {
    const t = await openTestDatabase();
    drops.push(() => t.drop());
    return { database: t.database, filesRoot: path.join(tempDir(), 'files') };
  };

  before(async () => {
    source = await createTestEnv();
    drops.push(() => source.close());
    await buildContent(source);
    archive = path.join(tempDir(), 'plain.tar');
    await createBackup({
      database: source.services.database,
      filesRoot: path.join(source.dataDir, 'files'),
      file: archive,
      appVersion: 'test',
    });
  });

  for (const member of ['db/organizations.jsonl', 'file']) {
    test(`an archive whose ${member} member was altered, before writing anything`, async () => {
      const manifest = await readManifest(archive);
      const name = member === 'file' ? (Object.keys(manifest.members).find((m) => m.startsWith('files/')) as string) : member;
      const bytes = fs.readFileSync(archive);
      const { offset, size } = tarMemberData(bytes, name);
      const at = offset + Math.floor(size / 2);
      bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
      const tampered = path.join(tempDir(), 'tampered.tar');
      fs.writeFileSync(tampered, bytes);

      const target = await emptyTarget();
      const rowsBefore = await tableRows(target.database);
      const [level] = await target.database.query<{ t: string | null }>("SELECT to_regclass('public.prongsai_migrations')::text AS t");
      await assert.rejects(
        restoreBackup({ database: target.database, filesRoot: target.filesRoot, file: tampered }),
        (e: Error) => e instanceof ArchiveError && e.message.includes(`member ${name} does not match its sha256`),
      );
      assert.deepEqual(await tableRows(target.database), rowsBefore);
      const [levelAfter] = await target.database.query<{ t: string | null }>("SELECT to_regclass('public.prongsai_migrations')::text AS t");
      assert.equal(levelAfter?.t, level?.t); // not even migrated
      assert.deepEqual(storedFiles(target.filesRoot), {});
    });
  }

  test('a truncated archive', async () => {
    const bytes = fs.readFileSync(archive);
    const cut = path.join(tempDir(), 'cut.tar');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await emptyTarget();
    await assert.rejects(restoreBackup({ database: target.database, filesRoot: target.filesRoot, file: cut }), ArchiveError);
    assert.deepEqual(storedFiles(target.filesRoot), {});
  });

  test('a target that holds only a stored file', async () => {
    const target = await emptyTarget();
    fs.mkdirSync(path.join(target.filesRoot, 'ab'), { recursive: true });
    fs.writeFileSync(path.join(target.filesRoot, 'ab', `ab${'0'.repeat(62)}`), 'x');
    await assert.rejects(
      restoreBackup({ database: target.database, filesRoot: target.filesRoot, file: archive }),
      (e: Error) => e instanceof RestoreRefusedError && /holds 1 stored file/.test(e.message),
    );
  });

  test('a backup from a newer version (a migration this one does not know)', async () => {
    const manifest = await readManifest(archive);
    const newer = {
      ...manifest,
      migrations: [...manifest.migrations, { idx: manifest.migrations.length, tag: '9999_future', hash: 'f'.repeat(64) }],
    };
    assert.throws(() => backupLevel(newer), /newer Prongsai .*9999_future/);
    assert.equal(backupLevel(manifest), manifest.migrations.length - 1);
  });

  test('a backup never overwrites an existing file', async () => {
    await assert.rejects(
      createBackup({
        database: source.services.database,
        filesRoot: path.join(source.dataDir, 'files'),
        file: archive,
        appVersion: 'test',
      }),
      /already exists/,
    );
  });
});
