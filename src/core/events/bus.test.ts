import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../testing/database.js';
import { type BusEvent, createEventBus } from './bus.js';

let tdb: TestDatabase;
before(async () => {
  tdb = await openTestDatabase();
});
after(() => tdb.drop());

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('event bus', () => {
  test('a subscriber gets each event once, at once, on the server that published it', async () => {
    const bus = await createEventBus(tdb.database);
    const got: BusEvent[] = [];
    bus.subscribe('org.changed', (e) => got.push(e));
    await bus.publish({ topic: 'org.changed', orgId: 7 });
    assert.deepEqual(got, [{ topic: 'org.changed', orgId: 7 }]);
    await new Promise((r) => setTimeout(r, 150)); // the NOTIFY echo, if any, has arrived by now
    assert.equal(got.length, 1);
    await bus.close();
  });

  test('on PostgreSQL another app server sees the event through LISTEN/NOTIFY', { skip: !process.env.TEST_DATABASE_URL }, async () => {
    // Two buses on one pool stand for two app servers: each has its own LISTEN connection.
    const one = await createEventBus(tdb.database);
    const two = await createEventBus(tdb.database);
    const got: BusEvent[] = [];
    two.subscribe('*', (e) => got.push(e));
    await one.publish({ topic: 'queue.called', orgId: 3, data: { ticket: 'A12' } });
    await waitFor(() => got.length > 0);
    assert.deepEqual(got, [{ topic: 'queue.called', orgId: 3, data: { ticket: 'A12' } }]);
    await one.close();
    await two.close();
  });
});
