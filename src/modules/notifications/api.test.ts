import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { notify } from '../../core/notify/notify.js';
import { notifications } from '../../core/notify/schema.js';
import { createTestEnv, createTestOrg, createTestUser, type TestEnv, type TestOrg, type TestUser } from '../../testing/harness.js';

/** notifications.list and notifications.markRead, with the bearer token auth.login gives. */
let env: TestEnv;
let org: TestOrg;
let otherOrg: TestOrg;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  otherOrg = await createTestOrg(env);
});
after(() => env.close());

interface ApiNotification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  href: string | null;
  createdAt: string;
  readAt: string | null;
}
interface ApiList {
  items: ApiNotification[];
  nextBefore: number | null;
  unread: number;
}

function call(where: TestOrg, path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { host: where.host };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return env.app.request(`http://${where.host}/api${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

async function tokenFor(where: TestOrg, user: TestUser): Promise<string> {
  const res = await call(where, '/auth/login', { method: 'POST', json: { username: user.username, password: user.password } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

async function tell(where: TestOrg, user: TestUser, title: string, href?: string): Promise<number> {
  const r = await notify(where.ctx, { userIds: [user.userId], kind: 'test.api', title, href });
  return r.notificationIds[0] ?? 0;
}

describe('notifications API', () => {
  test('lists one’s own notifications newest first, pages by key, and marks one read', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const older = await tell(org, user, 'ประกาศผลการประเมิน ITA');
    const newer = await tell(org, user, 'ครบกำหนดส่งรายงาน', '/staff');
    const token = await tokenFor(org, user);

    const res = await call(org, '/notifications', { token });
    assert.equal(res.status, 200);
    const list = (await res.json()) as ApiList;
    assert.deepEqual(
      list.items.map((n) => n.id),
      [newer, older],
    );
    assert.equal(list.unread, 2);
    assert.equal(list.nextBefore, null);
    assert.equal(list.items[0]?.title, 'ครบกำหนดส่งรายงาน');
    assert.equal(list.items[0]?.href, '/staff');
    assert.equal(list.items[0]?.readAt, null);
    assert.match(list.items[0]?.createdAt ?? '', /^\d{4}-\d\d-\d\dT/);

    const page1 = (await (await call(org, '/notifications?limit=1', { token })).json()) as ApiList;
    assert.deepEqual(
      page1.items.map((n) => n.id),
      [newer],
    );
    assert.equal(page1.nextBefore, newer);
    const page2 = (await (await call(org, `/notifications?limit=1&before=${page1.nextBefore}`, { token })).json()) as ApiList;
    assert.deepEqual(
      page2.items.map((n) => n.id),
      [older],
    );
    assert.equal(page2.nextBefore, null);

    const marked = await call(org, `/notifications/${older}/read`, { method: 'POST', token });
    assert.equal(marked.status, 200);
    const body = (await marked.json()) as ApiNotification;
    assert.equal(body.id, older);
    assert.ok(body.readAt);
    // Marking again keeps the first reading time.
    const again = (await (await call(org, `/notifications/${older}/read`, { method: 'POST', token })).json()) as ApiNotification;
    assert.equal(again.readAt, body.readAt);
    const after = (await (await call(org, '/notifications', { token })).json()) as ApiList;
    assert.equal(after.unread, 1);
  });

  test('another person’s notification is 404, in the same organization or another', async () => {
    const owner = await createTestUser(env, org, ['staff']);
    const id = await tell(org, owner, 'ของเจ้าของเท่านั้น');
    const colleague = await createTestUser(env, org, ['admin']);
    const stranger = await createTestUser(env, otherOrg, ['admin']);

    for (const [where, user] of [
      [org, colleague],
      [otherOrg, stranger],
    ] as const) {
      const token = await tokenFor(where, user);
      const res = await call(where, `/notifications/${id}/read`, { method: 'POST', token });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
      const list = (await (await call(where, '/notifications', { token })).json()) as ApiList;
      assert.ok(!list.items.some((n) => n.id === id), 'never listed');
    }
    const [row] = await env.services.db.select().from(notifications).where(eq(notifications.id, id));
    assert.equal(row?.readAt, null);
  });

  test('a token works only at its own organization', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const token = await tokenFor(org, user);
    assert.equal((await call(otherOrg, '/notifications', { token })).status, 401);
  });

  test('without a token: 401; a malformed id: 422', async () => {
    assert.equal((await call(org, '/notifications')).status, 401);
    assert.equal((await call(org, '/notifications/1/read', { method: 'POST', json: {} })).status, 401);
    const user = await createTestUser(env, org, ['staff']);
    const token = await tokenFor(org, user);
    assert.equal((await call(org, '/notifications/abc/read', { method: 'POST', token })).status, 422);
    assert.equal((await call(org, '/notifications/99999999999/read', { method: 'POST', token })).status, 422);
    assert.equal((await call(org, '/notifications?limit=1000', { token })).status, 422);
  });

  test('both operations are in the OpenAPI document with their operationIds', async () => {
    const doc = (await (await call(org, '/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    assert.equal(doc.paths['/notifications']?.get?.operationId, 'notifications.list');
    assert.equal(doc.paths['/notifications/{id}/read']?.post?.operationId, 'notifications.markRead');
  });
});
