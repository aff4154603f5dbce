import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createDivision } from '../staff/service.js';

let env: TestEnv;
let org: TestOrg;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  for (let i = 1; i <= 60; i++) await createDivision(org.ctx, { name: `กองที่ ${i}` });
});
after(() => env.close());

describe('the audit log page', () => {
  test('the admin sees the newest entries first, pages back, and the chain is reported intact', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const page = await browser.get('/staff/audit');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ครบถ้วนและไม่ถูกแก้ไข/);
    // The sign-in itself is the newest write.
    assert.ok(html.indexOf('auth.login') < html.indexOf('staff.createDivision'));
    const next = /href="(\/staff\/audit\?before=\d+)"/.exec(html)?.[1];
    assert.ok(next, 'a link to older entries');
    const older = await (await browser.get(next.replace(/&amp;/g, '&'))).text();
    assert.match(older, /organization\.create/);
  });

  test('filters by action and by text', async () => {
    const { browser } = await signedIn(env, org, ['executive']);
    const res = await browser.get(`/staff/audit?action=staff.createDivision&q=${encodeURIComponent('กองที่ 7')}`);
    const html = await res.text();
    assert.match(html, /กองที่ 7/);
    assert.ok(!html.includes('กองที่ 8<'));
  });

  test('staff without the role get 403, and the API says the same', async () => {
    const { browser, user } = await signedIn(env, org, ['staff', 'ita_coordinator']);
    assert.equal((await browser.get('/staff/audit')).status, 403);
    const login = await env.app.request(`http://${org.host}/api/auth/login`, {
      method: 'POST',
      headers: { host: org.host, 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const api = await env.app.request(`http://${org.host}/api/audit`, { headers: { host: org.host, authorization: `Bearer ${token}` } });
    assert.equal(api.status, 403);
    const body = (await api.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'forbidden');
  });
});

describe('checking only the newest entries', () => {
  test('starts from the stored link of the entry before them and counts only those', async () => {
    const { verifyAuditChain } = await import('../../core/audit/audit.js');
    const full = await verifyAuditChain(env.services.db, org.org.id);
    const tail = await verifyAuditChain(env.services.db, org.org.id, { lastEntries: 10 });
    assert.equal(full.ok, true);
    assert.equal(tail.ok, true);
    assert.equal(tail.entries, 10);
    assert.ok(full.entries > 60);
  });
});
