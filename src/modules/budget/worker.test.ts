import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { publishReport } from './report.js';
import { insertPlanFixture } from './report-demo.js';
import { announceNewMonth, bangkokMonth } from './worker.js';

/** The public progress is "through the last ended month": when a month ends, the cached page must not keep the old one. */

let env: TestEnv;
let org: TestOrg;
let unpublished: TestOrg;
let now = new Date('2024-01-31T23:00:00+07:00');

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  unpublished = await createTestOrg(env);
  const line = {
    side: 'ด้านบริหารงานทั่วไป',
    program: 'แผนงานบริหารงานทั่วไป',
    work: 'งานบริหารทั่วไป',
    category: 'operating' as const,
    item: 'ค่าวัสดุสำนักงาน',
    approvedSatang: 12_000_000,
    phases: [3_000_000, 3_000_000, 3_000_000, 3_000_000],
    disbursed: [1_000_000, 1_000_000, 1_000_000, 1_000_000],
  };
  await insertPlanFixture(org.ctx, 2567, [line]);
  await insertPlanFixture(unpublished.ctx, 2567, [line]);
  await publishReport(org.ctx, { fy: 2567, kind: 'plan' });
});
after(() => env.close());

test('the month is read on the Bangkok clock', () => {
  assert.equal(bangkokMonth(new Date('2024-01-31T16:59:59Z')), '2024-01');
  assert.equal(bangkokMonth(new Date('2024-01-31T17:00:00Z')), '2024-02');
});

test('a new month drops the cached progress page of organizations with a published plan, once', async () => {
  const anon = new TestBrowser(env, org.host);
  assert.match(await (await anon.get('/budget/2567')).text(), /ถึงสิ้นเดือนธันวาคม 2566/);
  const was = now;
  now = new Date('2024-02-01T08:00:00+07:00');
  try {
    assert.match(await (await anon.get('/budget/2567')).text(), /ถึงสิ้นเดือนธันวาคม 2566/, 'the cached page until told');
    assert.deepEqual(await announceNewMonth(env.services, bangkokMonth(was), now), [org.org.id]);
    assert.match(await (await anon.get('/budget/2567')).text(), /ถึงสิ้นเดือนมกราคม 2567/);
    assert.deepEqual(await announceNewMonth(env.services, bangkokMonth(now), now), [], 'the same month: nothing');
  } finally {
    now = was;
  }
});
