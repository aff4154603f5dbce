import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createDivision } from '../../modules/staff/service.js';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { runCommand } from '../command.js';
import type { Db } from '../db/client.js';
import { appendAudit, verifyAuditChain } from './audit.js';
import { canonicalJson, entryHash, GENESIS_HASH } from './chain.js';

let env: TestEnv;

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

/** An organization with `n` audit entries after its creation entry (n + 1 in all). */
async function orgWithEntries(n: number): Promise<TestOrg> {
  const org = await createTestOrg(env);
  for (let i = 1; i <= n; i++) await createDivision(org.ctx, { name: `กอง ${i}` });
  return org;
}

/**
 * What someone with the database password can do: switch the append-only trigger off, change
 * the log, switch it on again (one transaction: DDL is transactional in PostgreSQL).
 */
async function tamper(statement: string) {
  await env.services.db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update'));
    await t.execute(sql.raw(statement));
    await t.execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update'));
  });
}

describe('canonical JSON and entry hashes', () => {
  test('object keys are sorted at every depth, so jsonb key order does not change the hash', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } }), '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
    assert.equal(canonicalJson({ a: undefined, b: new Date('2024-10-22T03:00:00.000Z') }), '{"b":"2024-10-22T03:00:00.000Z"}');
  });

  test('every covered field changes the hash', () => {
    const e = {
      orgId: 1,
      seq: 1,
      at: new Date('2024-10-22T03:00:00.000Z'),
      actorUserId: 7,
      actorLabel: 'admin',
      action: 'x.do',
      entity: 'x',
      entityId: '1',
      summary: 'ทำ',
      data: { a: 1 },
      ip: '127.0.0.1',
      prevHash: GENESIS_HASH,
    };
    const h = entryHash(e);
    assert.match(h, /^[0-9a-f]{64}$/);
    const variants = [
      { orgId: 2 },
      { seq: 2 },
      { at: new Date(1) },
      { actorUserId: null },
      { actorLabel: 'b' },
      { action: 'y' },
      { entity: 'y' },
      { entityId: null },
      { summary: 'อื่น' },
      { data: { a: 2 } },
      { ip: null },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const v of variants) assert.notEqual(entryHash({ ...e, ...v }), h, JSON.stringify(v));
  });
});

describe('verifyAuditChain', () => {
  test('an intact chain verifies, counting its entries', async () => {
    const org = await orgWithEntries(3);
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.deepEqual(report, { ok: true, organizations: 1, entries: 4 });
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE of audit_log', async () => {
    const org = await orgWithEntries(1);
    for (const statement of [
      `UPDATE audit_log SET summary = 'x' WHERE org_id = ${org.org.id}`,
      `DELETE FROM audit_log WHERE org_id = ${org.org.id}`,
      'TRUNCATE audit_log',
    ]) {
      await assert.rejects(env.services.database.query(statement), /audit_log is append-only/, statement);
    }
    assert.equal((await verifyAuditChain(env.services.db, org.org.id)).entries, 2);
  });

  test('an altered entry is named by organization and sequence number', async () => {
    const org = await orgWithEntries(3);
    await tamper(`UPDATE audit_log SET summary = summary || ' (แก้)' WHERE org_id = ${org.org.id} AND seq = 3`);
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.deepEqual(report.problem, { orgId: org.org.id, seq: 3, reason: 'altered' });
    assert.equal(report.entries, 2);
  });

  test('an entry rewritten with a recomputed hash breaks the next link', async () => {
    const org = await orgWithEntries(3);
    const [row] = await env.services.database.query<Record<string, unknown>>(
      'SELECT org_id, seq, at, actor_user_id, actor_label, action, entity, entity_id, summary, data, ip, prev_hash FROM audit_log WHERE org_id = $1 AND seq = 2',
      [org.org.id],
    );
    assert.ok(row);
    const forged = entryHash({
      orgId: Number(row.org_id),
      seq: 2,
      at: new Date(row.at as string | Date),
      actorUserId: (row.actor_user_id as number | null) ?? null,
      actorLabel: String(row.actor_label),
      action: String(row.action),
      entity: String(row.entity),
      entityId: (row.entity_id as string | null) ?? null,
      summary: 'ไม่มีอะไรเกิดขึ้น',
      data: (row.data as Record<string, unknown> | null) ?? null,
      ip: (row.ip as string | null) ?? null,
      prevHash: String(row.prev_hash),
    });
    assert.match(forged, /^[0-9a-f]{64}$/);
    await tamper(`UPDATE audit_log SET summary = 'ไม่มีอะไรเกิดขึ้น', hash = '${forged}' WHERE org_id = ${org.org.id} AND seq = 2`);
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.deepEqual(report.problem, { orgId: org.org.id, seq: 3, reason: 'broken_link' });
  });

  test('a removed middle entry is reported as the gap', async () => {
    const org = await orgWithEntries(4);
    await tamper(`DELETE FROM audit_log WHERE org_id = ${org.org.id} AND seq = 3`);
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.deepEqual(report.problem, { orgId: org.org.id, seq: 3, reason: 'missing' });
  });

  test('removed last entries are found through audit_heads', async () => {
    const org = await orgWithEntries(4);
    await tamper(`DELETE FROM audit_log WHERE org_id = ${org.org.id} AND seq >= 4`);
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.deepEqual(report.problem, { orgId: org.org.id, seq: 4, reason: 'missing' });
  });

  test('a head that does not match the last entry is reported', async () => {
    const org = await orgWithEntries(1);
    // The database refuses a head rewritten in place or set back …
    await assert.rejects(
      env.services.database.query(`UPDATE audit_heads SET hash = '${'a'.repeat(64)}' WHERE org_id = ${org.org.id}`),
      /only moves forward/,
    );
    await assert.rejects(env.services.database.query(`UPDATE audit_heads SET seq = 1 WHERE org_id = ${org.org.id}`), /only moves forward/);
    await assert.rejects(env.services.database.query(`DELETE FROM audit_heads WHERE org_id = ${org.org.id}`), /cannot be deleted/);
    // … and one who switches that off is still caught by the chain.
    await env.services.database.exec(
      `ALTER TABLE audit_heads DISABLE TRIGGER audit_heads_forward_only;
       UPDATE audit_heads SET hash = '${'a'.repeat(64)}' WHERE org_id = ${org.org.id};
       ALTER TABLE audit_heads ENABLE TRIGGER audit_heads_forward_only;`,
    );
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.deepEqual(report.problem, { orgId: org.org.id, seq: 3, reason: 'head_mismatch' });
  });

  test('a write that rolls back leaves no entry', async () => {
    const org = await orgWithEntries(0);
    await assert.rejects(
      runCommand(org.ctx, { action: 'test.fail', allowed: true }, async () => {
        throw new Error('the write failed');
      }),
      /the write failed/,
    );
    assert.deepEqual(await verifyAuditChain(env.services.db, org.org.id), { ok: true, organizations: 1, entries: 1 });
  });
});

describe('concurrent appends', () => {
  test('20 concurrent commands in one organization get seq 2..21 and one unbroken chain', async () => {
    const org = await orgWithEntries(0);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runCommand(org.ctx, { action: 'test.concurrent', allowed: true }, async (tx) => {
          // Work before the append, so on PostgreSQL the transactions overlap and queue on the head row.
          await tx.execute(sql`SELECT pg_sleep(0.02)`);
          return { result: i, entity: 'test', entityId: i, summary: `คำสั่งที่ ${i}` };
        }),
      ),
    );
    assert.equal(results.length, 20);
    const seqs = await env.services.database.query<{ seq: number }>(
      'SELECT seq::int AS seq FROM audit_log WHERE org_id = $1 ORDER BY seq',
      [org.org.id],
    );
    assert.deepEqual(
      seqs.map((r) => r.seq),
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    assert.deepEqual(await verifyAuditChain(env.services.db, org.org.id), { ok: true, organizations: 1, entries: 21 });
  });

  test('20 concurrent first entries of an organization with no head yet start one chain', async () => {
    const orgId = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        env.services.db.transaction((tx) =>
          appendAudit(tx as unknown as Db, {
            orgId,
            actorUserId: null,
            actorLabel: 'test',
            action: 'test.first',
            entity: 'test',
            entityId: i,
            summary: `แรก ${i}`,
          }),
        ),
      ),
    );
    assert.deepEqual(await verifyAuditChain(env.services.db, orgId), { ok: true, organizations: 1, entries: 20 });
  });
});
