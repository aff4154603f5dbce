import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { actingAs, createTestEnv, createTestOrg, createTestUser, type TestEnv } from '../../testing/harness.js';
import { runCommand } from '../command.js';
import { flushAnonymousTallies } from './anonymous.js';
import { verifyAuditChain } from './audit.js';
import { auditAnonymousTally, auditLog } from './schema.js';

let env: TestEnv;
let clock = new Date('2026-11-26T03:00:00Z'); // 10:00 in Bangkok

before(async () => {
  env = await createTestEnv({ now: () => clock });
});
after(() => env.close());

describe('anonymous writes in the audit log', () => {
  test('leave no entry of their own; the day’s count enters the chain after the day, with no user, address or id', async () => {
    const org = await createTestOrg(env);
    const user = await createTestUser(env, org, ['staff']);
    const ctx = { ...actingAs(org, user, ['staff']), ip: '203.0.113.7' };
    const anonymous = () =>
      runCommand(ctx, { action: 'test.anonymous', allowed: true, anonymous: true }, async () => ({
        result: null,
        entity: 'thing',
        entityId: 42,
        summary: 'secret content',
        data: { secret: 'content' },
      }));
    const named = () =>
      runCommand(ctx, { action: 'test.named', allowed: true }, async () => ({ result: null, entity: 'thing', summary: 'named' }));
    const entries = () => env.services.db.select().from(auditLog).where(eq(auditLog.orgId, org.org.id)).orderBy(asc(auditLog.seq));

    await named();
    await anonymous();
    await named();
    await anonymous();
    assert.equal((await entries()).filter((e) => e.action === 'test.anonymous').length, 0, 'nothing between the named entries');
    const [tally] = await env.services.db.select().from(auditAnonymousTally).where(eq(auditAnonymousTally.orgId, org.org.id));
    assert.deepEqual(tally, { orgId: org.org.id, day: '2026-11-26', action: 'test.anonymous', entity: 'thing', count: 2 });

    // The same day: nothing moves.
    assert.equal(await flushAnonymousTallies(env.services), 0);
    // A rolled-back anonymous write is not counted.
    await assert.rejects(
      runCommand(ctx, { action: 'test.anonymous', allowed: true, anonymous: true }, async () => {
        throw new Error('refused');
      }),
    );
    // The next day: one entry for the day, after every entry of it, dated the day's start.
    clock = new Date('2026-11-27T01:00:00Z');
    await named();
    assert.ok((await flushAnonymousTallies(env.services)) >= 1);
    const all = await entries();
    const last = all.at(-1);
    assert.equal(last?.action, 'test.anonymous');
    assert.equal(last?.actorUserId, null);
    assert.equal(last?.actorLabel, 'anonymous');
    assert.equal(last?.ip, null);
    assert.equal(last?.entityId, null);
    assert.deepEqual(last?.data, { day: '2026-11-26', count: 2 });
    assert.equal(last?.at.toISOString(), '2026-11-25T17:00:00.000Z');
    assert.doesNotMatch(JSON.stringify(last), /secret|203\.0\.113/);
    assert.equal(
      (
        await env.services.db
          .select()
          .from(auditAnonymousTally)
          .where(and(eq(auditAnonymousTally.orgId, org.org.id)))
      ).length,
      0,
    );
    const report = await verifyAuditChain(env.services.db, org.org.id);
    assert.equal(report.ok, true);
  });
});
