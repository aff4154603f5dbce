import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, createTestUser, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';

let env: TestEnv;
let org: TestOrg;

before(async () => {
  env = await createTestEnv({ env: { BODY_LIMIT: String(64 * 1024) } });
  org = await createTestOrg(env);
});
after(() => env.close());

const req = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('host', org.host);
  return env.app.request(`http://${org.host}${path}`, { ...init, headers });
};

describe('HTTP basics', () => {
  test('health answers with the database kind and version', async () => {
    const res = await req('/healthz');
    assert.deepEqual(await res.json(), { status: 'ok', db: env.services.database.kind, version: 'test' });
  });

  test('pages carry a CSP that allows no inline script, and the other secure headers', async () => {
    const res = await req('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.ok(!csp.includes('unsafe-inline'));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    const html = await res.text();
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script element');
    assert.ok(!/\sstyle="/.test(html), 'no inline style attribute');
    assert.ok(!/\son[a-z]+="/.test(html), 'no inline event handler');
  });

  test('an unknown page is a designed 404 in Thai, and in English after the switch', async () => {
    const b = new TestBrowser(env, org.host);
    const res = await b.get('/no/such/page');
    assert.equal(res.status, 404);
    const th = await res.text();
    assert.match(th, /ไม่พบหน้าที่ต้องการ/);
    assert.match(th, /<html lang="th"/);
    const sw = await b.get('/lang/en?next=/no/such/page');
    assert.equal(sw.status, 303);
    assert.equal(sw.headers.get('location'), '/no/such/page');
    const en = await (await b.get('/no/such/page')).text();
    assert.match(en, /Page not found/);
    assert.match(en, /<html lang="en"/);
  });

  test('the language switch never redirects to another site', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', ' /x']) {
      const res = await req(`/lang/th?next=${encodeURIComponent(next)}`);
      assert.equal(res.headers.get('location'), '/', next);
    }
  });

  test('a body over the limit gets 413 with a clear message, as a page and as JSON', async () => {
    const big = 'x'.repeat(70 * 1024);
    const page = await req('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length + 2) },
      body: `a=${big}`,
    });
    assert.equal(page.status, 413);
    assert.match(await page.text(), /ขนาดใหญ่เกินกำหนด/);
    const api = await req('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: big, password: 'x' }),
    });
    assert.equal(api.status, 413);
    const body = (await api.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'payload_too_large');
  });

  test('static assets are served with content hashes and long caching; unknown assets are 404', async () => {
    const home = await (await req('/')).text();
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(home)?.[1];
    assert.ok(css);
    const res = await req(css, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(res.headers.get('content-encoding'), 'br');
    const font = /url\((\/assets\/fonts\/sarabun-thai-400-normal\.woff2\?v=[0-9a-f]+)\)/.exec(
      await (await req(/href="(\/assets\/fonts\.css\?v=[0-9a-f]+)"/.exec(home)?.[1] ?? '')).text(),
    );
    assert.ok(font?.[1], 'the Thai Sarabun font is self-hosted');
    assert.equal((await req(font[1])).headers.get('content-type'), 'font/woff2');
    assert.equal((await req('/assets/nope.css')).status, 404);
  });

  test("the organization's color comes from its record as a stylesheet", async () => {
    const res = await req(`/theme.css?v=${org.org.version}`);
    assert.match(await res.text(), /--brand:#1d3f8f/);
  });
});

describe('the JSON API', () => {
  test('the OpenAPI 3.1 document lists every operation with a unique module.verb operationId', async () => {
    const doc = (await (await req('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    const ids = Object.values(doc.paths).flatMap((m) => Object.values(m).map((op) => op.operationId));
    for (const id of ['auth.login', 'auth.logout', 'auth.me', 'organization.get', 'staff.list', 'staff.listDivisions', 'audit.list']) {
      assert.ok(ids.includes(id), id);
    }
    for (const id of ids) assert.match(id ?? '', /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
    assert.equal(new Set(ids).size, ids.length);
    const docs = await req('/api/docs');
    assert.equal(docs.status, 200);
    assert.match(await docs.text(), /auth\.login/);
  });

  test('login, me and logout with a bearer token', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const login = await req('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    assert.equal(login.status, 200);
    const { token, user: me } = (await login.json()) as { token: string; user: { username: string; roles: string[] } };
    assert.equal(me.username, user.username);
    const auth = { authorization: `Bearer ${token}` };
    const who = (await (await req('/api/auth/me', { headers: auth })).json()) as { username: string; organization: { fullName: string } };
    assert.equal(who.username, user.username);
    assert.equal(who.organization.fullName, org.org.names.full);
    assert.equal((await req('/api/auth/logout', { method: 'POST', headers: auth })).status, 204);
    assert.equal((await req('/api/auth/me', { headers: auth })).status, 401);
    // A bearer token is for the API only: it does not open the back office pages.
    const again = (await (
      await req('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: user.password }),
      })
    ).json()) as { token: string };
    const page = await req('/staff', { headers: { authorization: `Bearer ${again.token}` } });
    assert.equal(page.status, 303);
  });

  test('invalid input is answered in the project’s shape, naming the field, in Thai or English', async () => {
    const th = await req('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'x' }),
    });
    assert.equal(th.status, 422);
    const body = (await th.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
    assert.equal(body.error.code, 'validation_failed');
    assert.deepEqual(
      body.error.fields.map((f) => f.field),
      ['username'],
    );
    assert.match(body.error.fields[0]?.message ?? '', /กรุณากรอก/);
    const en = await req('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-US,en' },
      body: JSON.stringify({ password: 'x' }),
    });
    const enBody = (await en.json()) as { error: { fields: { message: string }[] } };
    assert.match(enBody.error.fields[0]?.message ?? '', /^Enter username/);
    const broken = await req('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    assert.equal(broken.status, 400);
    assert.ok(!(await broken.text()).includes('    at '), 'no stack trace');
  });

  test('a cookie-authenticated API write must be JSON (a cross-site form cannot forge it)', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const b = new TestBrowser(env, org.host);
    await b.signIn(user.username, user.password);
    const res = await b.request('/api/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    assert.equal(res.status, 403);
    const cross = await b.request('/staff/password', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'x=1',
    });
    assert.equal(cross.status, 403);
  });
});

describe('behind a proxy', () => {
  test("the client's address is read from the right of X-Forwarded-For: the left end is the client's own say", async () => {
    const proxied = await createTestEnv({ env: { TRUST_PROXY: '1' } });
    try {
      const o = await createTestOrg(proxied);
      const user = await createTestUser(proxied, o, ['staff']);
      const b = new TestBrowser(proxied, o.host);
      const token = await b.csrf('/login');
      await b.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
        body: new URLSearchParams({ _csrf: token, username: user.username, password: user.password }).toString(),
      });
      const [entry] = await proxied.services.database.query<{ ip: string }>(
        "SELECT ip FROM audit_log WHERE org_id = $1 AND action = 'auth.login' ORDER BY seq DESC LIMIT 1",
        [o.org.id],
      );
      assert.equal(entry?.ip, '203.0.113.7');
    } finally {
      await proxied.close();
    }
  });
});

describe('a token of an account still on its generated password', () => {
  test('reaches only auth.me and auth.logout until the password is changed', async () => {
    const { createStaff } = await import('../../modules/staff/service.js');
    const created = await createStaff(org.ctx, {
      titlePrefix: 'นาย',
      firstName: 'ใหม่',
      lastName: 'เพิ่งมา',
      account: { username: `fresh${org.org.id}`, roles: ['admin'] },
    });
    const login = await req('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `fresh${org.org.id}`, password: created.generatedPassword }),
    });
    const { token, user } = (await login.json()) as { token: string; user: { mustChangePassword: boolean } };
    assert.equal(user.mustChangePassword, true);
    const auth = { authorization: `Bearer ${token}` };
    assert.equal((await req('/api/auth/me', { headers: auth })).status, 200);
    const audit = await req('/api/audit', { headers: auth });
    assert.equal(audit.status, 403);
    assert.equal(((await audit.json()) as { error: { code: string } }).error.code, 'password_change_required');
  });
});
