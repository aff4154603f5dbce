import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, createTestUser, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';

let env: TestEnv;
let org: TestOrg;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
});
after(() => env.close());

describe('sign-in', () => {
  test('a staff member signs in, reaches the back office and signs out', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const b = new TestBrowser(env, org.host);
    const res = await b.signIn(user.username, user.password);
    assert.equal(res.headers.get('location'), '/staff');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('prongsai_session='));
    assert.match(cookie ?? '', /HttpOnly/);
    assert.match(cookie ?? '', /SameSite=Lax/);
    const home = await b.get('/staff');
    assert.equal(home.status, 200);
    assert.match(await home.text(), /ทดสอบ/);
    const out = await b.post('/logout', {}, { from: '/staff' });
    assert.equal(out.status, 303);
    const again = await b.get('/staff');
    assert.equal(again.status, 303);
    assert.match(again.headers.get('location') ?? '', /^\/login\?next=/);
  });

  test('a wrong password is refused with a message naming the problem, and nothing else changes', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const b = new TestBrowser(env, org.host);
    const res = await b.post('/login', { username: user.username, password: 'wrong-password' }, { from: '/login' });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง/);
    assert.equal(b.cookie('prongsai_session'), undefined);
  });

  test('five wrong passwords lock the account, even for the right password', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const b = new TestBrowser(env, org.host);
    for (let i = 0; i < 4; i++) {
      const r = await b.post('/login', { username: user.username, password: `nope-${i}` }, { from: '/login' });
      assert.equal(r.status, 401);
    }
    const locked = await b.post('/login', { username: user.username, password: 'nope-5' }, { from: '/login' });
    assert.equal(locked.status, 429);
    assert.match(await locked.text(), /ระงับชั่วคราว/);
    const right = await b.post('/login', { username: user.username, password: user.password }, { from: '/login' });
    assert.equal(right.status, 429);
  });

  test('a form without its CSRF token is refused', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const b = new TestBrowser(env, org.host);
    const res = await b.post('/login', { username: user.username, password: user.password }, { csrf: 'forged-token-forged-token' });
    assert.equal(res.status, 403);
  });
});

describe('cookies behind HTTPS', () => {
  test('behind a trusted proxy that says https the session cookie is Secure; over plain http it is not', async () => {
    const proxied = await createTestEnv({ env: { TRUST_PROXY: '1' } });
    try {
      const o = await createTestOrg(proxied);
      const user = await createTestUser(proxied, o, ['staff']);
      const login = async (proto: string) => {
        const b = new TestBrowser(proxied, o.host);
        const token = await b.csrf('/login');
        const res = await b.request('/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': proto },
          body: new URLSearchParams({ _csrf: token, username: user.username, password: user.password }).toString(),
        });
        assert.equal(res.status, 303);
        return res.headers.getSetCookie().find((c) => c.startsWith('prongsai_session=')) ?? '';
      };
      assert.match(await login('https'), /; Secure/);
      assert.doesNotMatch(await login('http'), /Secure/);
    } finally {
      await proxied.close();
    }
  });
});
