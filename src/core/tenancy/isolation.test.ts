import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDivision, createPosition } from '../../modules/staff/service.js';
import {
  createTestEnv,
  createTestOrg,
  createTestUser,
  TestBrowser,
  type TestEnv,
  type TestOrg,
  type TestUser,
} from '../../testing/harness.js';
import { ROLES } from '../auth/roles.js';

/**
 * Staff of one organization can never read or change another's data. Rather than a list of
 * routes that would go stale, this walks every route the app registers, with the other
 * organization's ids in every id parameter, signed in with every role.
 */
let env: TestEnv;
let a: TestOrg;
let b: TestOrg;
let adminA: TestUser;
let intruder: TestUser;
const idsOfA: number[] = [];
let markers: string[] = [];

async function snapshot(orgId: number): Promise<string> {
  const tables = await env.services.database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE column_name = 'org_id' AND table_schema = 'public' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await env.services.database.query(`SELECT row_to_json(t)::text AS j FROM ${table_name} t WHERE org_id = $1 ORDER BY 1`, [
      orgId,
    ]);
    parts.push(`${table_name}:${rows.map((r) => r.j).join('|')}`);
  }
  const org = await env.services.database.query(`SELECT row_to_json(o)::text AS j FROM organizations o WHERE id = $1`, [orgId]);
  return parts.join('\n') + JSON.stringify(org);
}

before(async () => {
  env = await createTestEnv();
  a = await createTestOrg(env);
  b = await createTestOrg(env);
  adminA = await createTestUser(env, a, ['admin'], { firstName: 'ลับเฉพาะเอ' });
  intruder = await createTestUser(env, b, [...ROLES]);
  const division = await createDivision(a.ctx, { name: `กองลับ${a.org.id}` });
  const position = await createPosition(a.ctx, { title: `ตำแหน่งลับ${a.org.id}`, appendOrgName: false, rank: 'staff' });
  idsOfA.push(division, position, adminA.staffId, adminA.userId);
  markers = [a.org.name, adminA.username, `กองลับ${a.org.id}`, `ตำแหน่งลับ${a.org.id}`, 'ลับเฉพาะเอ'];
});
after(() => env.close());

function concretePaths(path: string): string[] {
  if (!path.includes(':')) return [path];
  if (/:locale/.test(path)) return [path.replace(/:locale/, 'en')];
  if (/:name\{/.test(path)) return [];
  return [...new Set(idsOfA)].map((id) => path.replace(/:(\w+)(\{[^}]*\})?/g, String(id)));
}

function routes(method: 'GET' | 'POST') {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of env.app.routes) {
    if (r.method !== method || r.path.includes('*')) continue;
    for (const p of concretePaths(r.path)) {
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
  }
  return out;
}

/** The body; of an endless event stream (a display board's), up to the end of its first snapshot. */
async function bodyOf(res: Response): Promise<string> {
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) return res.text();
  const reader = res.body?.getReader();
  if (!reader) return '';
  let text = '';
  const decoder = new TextDecoder();
  const complete = () => /event: snapshot\ndata: .*\n\n/.test(text);
  while (!complete()) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('organizations are isolated from each other', () => {
  test('every GET route, as another organization with every role, shows none of its data', async () => {
    const browser = new TestBrowser(env, b.host);
    await browser.signIn(intruder.username, intruder.password);
    const paths = routes('GET');
    assert.ok(paths.length > 15, `expected the app's routes, got ${paths.length}`);
    for (const p of paths) {
      for (const accept of ['text/html', 'application/json']) {
        const res = await browser.get(p, { accept });
        const body = await bodyOf(res);
        for (const m of markers)
          assert.ok(!body.includes(m), `${p} (${accept}) showed "${m}" of another organization (status ${res.status})`);
      }
    }
  });

  test('every POST route, as another organization with every role, changes nothing of it', async () => {
    const before = await snapshot(a.org.id);
    const browser = new TestBrowser(env, b.host);
    await browser.signIn(intruder.username, intruder.password);
    const token = await browser.csrf('/staff');
    // Fresh values for every request, so no earlier request's record blocks a later one.
    let n = 0;
    const fieldsFor = () => ({
      name: `เจาะระบบ${++n}`,
      title: `เจาะระบบ${n}`,
      rank: 'staff',
      titlePrefix: 'นาย',
      firstName: 'เจาะ',
      lastName: 'ระบบ',
      username: `intruder${b.org.id}x${n}`,
      roles: 'admin',
      positionIds: String(idsOfA[1]),
      hostname: 'stolen.example',
      step1: String(idsOfA[1]),
      step2: String(idsOfA[1]),
      step3: String(idsOfA[1]),
    });
    for (const p of routes('POST')) {
      if (p === '/logout' || p === '/login' || p === '/setup') continue;
      await browser.post(p, fieldsFor(), { csrf: token });
      const json = await browser.request(p, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fieldsFor()),
      });
      const text = await json.text();
      for (const m of markers) assert.ok(!text.includes(m), `POST ${p} answered with "${m}" of another organization`);
    }
    const now = (await snapshot(a.org.id)).split('\n');
    const was = before.split('\n');
    const changed = now.find((line, i) => line !== was[i]);
    assert.equal(changed, undefined, `organization A changed: ${changed?.slice(0, 300)}`);
  });

  test("a session of one organization is not a session on another's address", async () => {
    const browser = new TestBrowser(env, a.host);
    await browser.signIn(adminA.username, adminA.password);
    const cookie = browser.cookie('prongsai_session');
    assert.ok(cookie);
    const res = await env.app.request(`http://${b.host}/staff`, { headers: { host: b.host, cookie: `prongsai_session=${cookie}` } });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/login/);
  });

  test("a bearer token of one organization is refused on another's API", async () => {
    const login = await env.app.request(`http://${a.host}/api/auth/login`, {
      method: 'POST',
      headers: { host: a.host, 'content-type': 'application/json' },
      body: JSON.stringify({ username: adminA.username, password: adminA.password }),
    });
    assert.equal(login.status, 200);
    const { token } = (await login.json()) as { token: string };
    const own = await env.app.request(`http://${a.host}/api/staff`, { headers: { host: a.host, authorization: `Bearer ${token}` } });
    assert.equal(own.status, 200);
    for (const path of ['/api/auth/me', '/api/staff', '/api/divisions', '/api/audit']) {
      const res = await env.app.request(`http://${b.host}${path}`, { headers: { host: b.host, authorization: `Bearer ${token}` } });
      assert.equal(res.status, 401, path);
    }
  });

  test('an unknown host, when several organizations exist, is a clear 404 and not some organization', async () => {
    const res = await env.app.request('http://nobody.test/', { headers: { host: 'nobody.test' } });
    assert.equal(res.status, 404);
    const body = await res.text();
    assert.match(body, /ไม่พบหน่วยงานของที่อยู่เว็บนี้/);
    assert.ok(!body.includes(a.org.name) && !body.includes(b.org.name));
  });

  test('the audit chains of the two organizations are separate and both intact', async () => {
    const rows = await env.services.database.query(
      'SELECT org_id, count(*)::int AS n FROM audit_log WHERE org_id IN ($1, $2) GROUP BY org_id',
      [a.org.id, b.org.id],
    );
    assert.equal(rows.length, 2);
    const { verifyAuditChain } = await import('../audit/audit.js');
    assert.equal((await verifyAuditChain(env.services.db, a.org.id)).ok, true);
    assert.equal((await verifyAuditChain(env.services.db, b.org.id)).ok, true);
  });
});
