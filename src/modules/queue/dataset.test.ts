import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { getDataset } from '../opendata/registry.js';
import { QUEUE_DATASET_ID, queueDatasetPeriods, queueDatasetTable } from './dataset.js';
import { callNext, createCounter, createService, finish, issueTicket, noShow, startServing } from './service.js';

/**
 * The queue's open dataset: one row per service per finished month, from the statistics
 * (queueStats), public without signing in, and only the organization's own tickets.
 */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// Thursday 15 October 2026, 09:00 in Bangkok.
let clock = new Date('2026-10-15T02:00:00Z');
const at = (hhmm: string, day = '2026-10-15') => new Date(`${day}T${hhmm}:00+07:00`);

function staffOf(o: TestOrg): ServiceContext {
  const actor: Actor = {
    orgId: o.org.id,
    userId: 901,
    username: 'counter',
    displayName: 'เจ้าหน้าที่',
    roles: ['staff'],
    mustChangePassword: false,
  };
  return { app: env.services, orgId: o.org.id, actor };
}
const publicOf = (o: TestOrg): ServiceContext => ({ app: env.services, orgId: o.org.id, actor: null });

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);

  const a = await createService(org.ctx, { name: 'งานทะเบียนราษฎร', prefix: 'A', alwaysOpen: true, avgServiceMinutes: 10 });
  const b = await createService(org.ctx, { name: 'งานรับชำระภาษี', prefix: 'B', alwaysOpen: true, avgServiceMinutes: 10 });
  const counter = await createCounter(org.ctx, { number: 1, name: 'ช่องบริการ 1', serviceIds: [a.id, b.id] });
  const staff = staffOf(org);
  const citizen = publicOf(org);

  clock = at('09:00');
  for (let i = 0; i < 3; i++) await issueTicket(citizen, { serviceId: a.id, channel: 'kiosk' });
  // A001: waits 10 min, served 09:12–09:20 (8 min).
  clock = at('09:10');
  const t1 = await callNext(staff, counter.id);
  clock = at('09:12');
  await startServing(staff, t1.id);
  clock = at('09:20');
  await finish(staff, t1.id);
  // A002: waits 20 min, does not come.
  const t2 = await callNext(staff, counter.id);
  await noShow(staff, t2.id);
  // A003: waits 30 min, finished at 09:36 without "serve" pressed: 6 min from the call.
  clock = at('09:30');
  const t3 = await callNext(staff, counter.id);
  clock = at('09:36');
  await finish(staff, t3.id);
  // B001: issued, never called.
  clock = at('09:40');
  await issueTicket({ ...staff, actor: { ...(staff.actor as Actor), roles: ['front_desk'] } }, { serviceId: b.id, channel: 'front_desk' });

  // The other organization served in September, with a service of its own.
  const z = await createService(other.ctx, { name: 'งานขององค์กรอื่น', prefix: 'Z', alwaysOpen: true, avgServiceMinutes: 5 });
  const zc = await createCounter(other.ctx, { number: 1, name: 'ช่อง 1', serviceIds: [z.id] });
  clock = at('10:00', '2026-09-10');
  await issueTicket(publicOf(other), { serviceId: z.id, channel: 'kiosk' });
  clock = at('10:05', '2026-09-10');
  const zt = await callNext(staffOf(other), zc.id);
  clock = at('10:09', '2026-09-10');
  await finish(staffOf(other), zt.id);

  // Now: 5 November 2026. November's ticket makes no period yet (the month is not over).
  clock = at('09:00', '2026-11-05');
  await issueTicket(citizen, { serviceId: a.id, channel: 'kiosk' });
});
after(() => env.close());

describe('queue service statistics dataset', () => {
  test('is registered with the opendata module as a monthly dataset of the queue', () => {
    const def = getDataset(QUEUE_DATASET_ID);
    assert.ok(def);
    assert.equal(def.module, 'queue');
    assert.equal(def.frequency, 'monthly');
    assert.equal(def.title.th, 'สถิติการให้บริการรายเดือน (ระบบบัตรคิว)');
  });

  test('periods: the months that are over and had tickets, of this organization only, newest first', async () => {
    assert.deepEqual(await queueDatasetPeriods(publicOf(org)), ['2026-10']);
    assert.deepEqual(await queueDatasetPeriods(publicOf(other)), ['2026-09']);
    // Once November is over, it is a period too.
    const saved = clock;
    clock = at('00:00', '2026-12-01');
    try {
      assert.deepEqual(await queueDatasetPeriods(publicOf(org)), ['2026-11', '2026-10']);
    } finally {
      clock = saved;
    }
  });

  test('the table: per service, counts and wait/service minutes as the statistics define them; readable by the public', async () => {
    const table = await queueDatasetTable(publicOf(org), '2026-10');
    assert.deepEqual(
      table.columns.map((c) => c.key),
      [
        'service',
        'service_prefix',
        'month',
        'issued',
        'finished',
        'no_show',
        'wait_mean_min',
        'wait_median_min',
        'wait_p90_min',
        'service_mean_min',
        'service_median_min',
        'service_p90_min',
      ],
    );
    assert.deepEqual(table.rows, [
      // Waits 10, 20, 30; service 8 and 6 (p90 by linear interpolation, as percentile_cont).
      ['งานทะเบียนราษฎร', 'A', '2026-10', 3, 2, 1, 20, 20, 28, 7, 7, 7.8],
      ['งานรับชำระภาษี', 'B', '2026-10', 1, 0, 0, null, null, null, null, null, null],
    ]);
  });

  test('on the public site: listed, downloadable without signing in, never another organization’s rows', async () => {
    const browser = new TestBrowser(env, org.host);
    const list = await (await browser.get('/opendata')).text();
    assert.match(list, /สถิติการให้บริการรายเดือน \(ระบบบัตรคิว\)/);
    const page = await (await browser.get(`/opendata/${QUEUE_DATASET_ID}`)).text();
    assert.match(page, /ข้อมูล ตุลาคม 2569/);
    assert.match(page, /งานทะเบียนราษฎร/);

    const csv = await browser.get(`/opendata/${QUEUE_DATASET_ID}/2026-10.csv`);
    assert.equal(csv.status, 200);
    const text = await csv.text();
    assert.equal(text.split('\r\n')[1], 'งานทะเบียนราษฎร,A,2026-10,3,2,1,20,20,28,7,7,7.8');
    assert.doesNotMatch(text, /งานขององค์กรอื่น/);

    const xlsx = await readXlsx(Buffer.from(await (await browser.get(`/opendata/${QUEUE_DATASET_ID}/2026-10.xlsx`)).arrayBuffer()));
    assert.deepEqual(xlsx.get('2026-10')?.[1]?.slice(0, 6), ['งานทะเบียนราษฎร', 'A', '2026-10', 3, 2, 1]);

    // The month in progress and the other organization's month are not there.
    assert.equal((await browser.get(`/opendata/${QUEUE_DATASET_ID}/2026-11.csv`)).status, 404);
    assert.equal((await browser.get(`/opendata/${QUEUE_DATASET_ID}/2026-09.csv`)).status, 404);
    const theirs = (await (await new TestBrowser(env, other.host).get(`/opendata/${QUEUE_DATASET_ID}/2026-09.json`)).json()) as {
      rows: { service: string; issued: number }[];
    };
    assert.deepEqual(
      theirs.rows.map((r) => [r.service, r.issued]),
      [['งานขององค์กรอื่น', 1]],
    );
  });
});
