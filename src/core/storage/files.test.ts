import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestEnv, createTestOrg, createTestUser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { runCommand } from '../command.js';
import { AppError } from '../http/errors.js';
import { getFile, readFileBytes, saveFile } from './files.js';
import { files } from './schema.js';

/** saveFile: bytes in the store, a row naming them in the caller's organization and transaction. */
let env: TestEnv;
let org: TestOrg;
let otherOrg: TestOrg;

before(async () => {
  env = await createTestEnv({ env: { UPLOAD_LIMIT: String(64 * 1024) } });
  org = await createTestOrg(env);
  otherOrg = await createTestOrg(env);
});
after(() => env.close());

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('saveFile', () => {
  test('writes the files row in the caller’s organization, inside the caller’s command, typed by content', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const ctx = { ...org.ctx, actor: { ...org.ctx.actor!, userId: user.userId } };
    const saved = await runCommand(ctx, { action: 'test.upload', allowed: true }, async (tx) => {
      const f = await saveFile({ ...ctx, tx }, { bytes: PNG, name: '../ภาพกิจกรรม/วันเด็ก.pdf', kinds: ['image'] });
      return { result: f, entity: 'file', entityId: f.id, summary: 'แนบไฟล์' };
    });
    assert.equal(saved.orgId, org.org.id);
    assert.equal(saved.mime, 'image/png');
    assert.equal(saved.size, PNG.byteLength);
    assert.equal(saved.name, '.._ภาพกิจกรรม_วันเด็ก.pdf', 'no path separators survive in the name');
    assert.equal(saved.createdBy, user.userId);
    assert.ok(await env.services.files.has(saved.sha256));

    const read = await readFileBytes(org.ctx, saved.id);
    assert.deepEqual(read.bytes, PNG);
    // Another organization cannot reach the row by its id.
    await assert.rejects(getFile(otherOrg.ctx, saved.id), (e: unknown) => e instanceof AppError && e.status === 404);
  });

  test('a command that fails after saving leaves no row (the bytes may stay: they are content-addressed and harmless)', async () => {
    const bytes = Buffer.from(`ไฟล์ที่ถูกยกเลิก ${Date.now()}\n`);
    await assert.rejects(
      runCommand(org.ctx, { action: 'test.upload', allowed: true }, async (tx) => {
        await saveFile({ ...org.ctx, tx }, { bytes, name: 'cancelled.txt', kinds: ['text'] });
        throw new Error('the rest of the command failed');
      }),
      /the rest of the command failed/,
    );
    const rows = await env.services.db.select().from(files).where(eq(files.name, 'cancelled.txt'));
    assert.equal(rows.length, 0);
  });

  test('the same bytes saved by two organizations are two rows, one stored blob', async () => {
    const bytes = Buffer.from(`แบบฟอร์มกลาง ${Date.now()}\n`);
    const a = await saveFile(org.ctx, { bytes, name: 'form.txt', kinds: ['text'] });
    const b = await saveFile(otherOrg.ctx, { bytes, name: 'form.txt', kinds: ['text'] });
    assert.notEqual(a.id, b.id);
    assert.equal(a.orgId, org.org.id);
    assert.equal(b.orgId, otherOrg.org.id);
    assert.equal(a.sha256, b.sha256);
    assert.equal((await env.services.files.list()).filter((h) => h === a.sha256).length, 1);
  });

  test('the upload limit comes from the configuration (UPLOAD_LIMIT) unless the caller sets one; refusals write nothing', async () => {
    const before = (await env.services.db.select().from(files).where(eq(files.orgId, org.org.id))).length;
    const big = Buffer.alloc(64 * 1024 + 1, 0x61);
    await assert.rejects(
      saveFile(org.ctx, { bytes: big, name: 'big.txt', kinds: ['text'] }),
      (e: unknown) => e instanceof AppError && e.status === 413 && e.code === 'file_too_large',
    );
    await assert.rejects(
      saveFile(org.ctx, { bytes: PNG, name: 'x.png', kinds: ['text'], maxBytes: 10 }),
      (e: unknown) => e instanceof AppError && e.status === 413,
    );
    await assert.rejects(
      saveFile(org.ctx, { bytes: new Uint8Array(0), name: 'empty.txt', kinds: ['text'] }),
      (e: unknown) => e instanceof AppError && e.code === 'empty_file',
    );
    await assert.rejects(
      saveFile(org.ctx, { bytes: PNG, name: 'x.pdf', kinds: ['pdf'] }),
      (e: unknown) => e instanceof AppError && e.code === 'file_type_not_allowed',
    );
    assert.equal((await env.services.db.select().from(files).where(eq(files.orgId, org.org.id))).length, before);
  });
});
