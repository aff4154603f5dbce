import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, TestBrowser, type TestEnv } from '../../testing/harness.js';

/** First-run setup on an empty installation: this file's database has no organization. */
let env: TestEnv;
const host = 'setup.test';

before(async () => {
  env = await createTestEnv();
});
after(() => env.close());

const count = async (table: string) => (await env.services.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

const valid = {
  type: 'sao',
  name: 'ลูโบะปือซา',
  province: 'นราธิวาส',
  district: 'ยี่งอ',
  docCode: 'นธ ๗๘๑๐๑',
  address: 'เลขที่ 99 หมู่ที่ 2 ตำบลลูโบะปือซา',
  postcode: '96180',
  phone: '073 530 123',
  titlePrefix: 'นาย',
  firstName: 'อับดุลเลาะ',
  lastName: 'สาและ',
  positionTitle: 'นักวิชาการคอมพิวเตอร์',
  username: 'admin',
  password: 'ข้าวเหนียวมะม่วง2567',
  passwordConfirm: 'ข้าวเหนียวมะม่วง2567',
};

/** The code printed at start; a browser on another computer must type it. */
const setupCode = () => fs.readFileSync(path.join(env.dataDir, 'setup-code'), 'utf8').trim();

describe('first-run setup', () => {
  test('before setup every page leads to /setup; health and the API say so plainly', async () => {
    const b = new TestBrowser(env, host);
    for (const path of ['/', '/staff', '/login', '/privacy']) {
      const res = await b.get(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.get('location'), '/setup');
    }
    const health = await b.get('/healthz');
    assert.deepEqual(await health.json(), { status: 'ok', db: env.services.database.kind, version: 'test' });
    const api = await b.get('/api/auth/me', { accept: 'application/json' });
    assert.equal(api.status, 503);
    const page = await b.get('/setup');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /ตั้งค่าระบบครั้งแรก/);
  });

  test('an empty form is answered with each field named in Thai, and nothing is created', async () => {
    const b = new TestBrowser(env, host);
    const res = await b.post('/setup', {});
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /class="error-summary"/);
    for (const msg of ['กรุณาเลือกประเภทองค์กรปกครองส่วนท้องถิ่น', 'กรุณากรอกชื่อหน่วยงาน', 'กรุณากรอกอำเภอ', 'กรุณากรอกชื่อผู้ใช้', 'href="#f-docCode"']) {
      assert.ok(html.includes(msg), `missing: ${msg}`);
    }
    assert.equal(await count('organizations'), 0);
  });

  test('from another computer, setup needs the setup code printed at start', async () => {
    const b = new TestBrowser(env, host);
    const page = await (await b.get('/setup')).text();
    assert.match(page, /รหัสตั้งค่าระบบ/);
    assert.match(setupCode(), /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const none = await b.post('/setup', valid);
    assert.equal(none.status, 422);
    assert.match(await none.text(), /รหัสตั้งค่าระบบไม่ถูกต้อง/);
    const wrong = await b.post('/setup', { ...valid, setupCode: 'AAAA-AAAA' });
    assert.equal(wrong.status, 422);
    assert.equal(await count('organizations'), 0);
  });

  test('a weak or mismatched password is refused and named', async () => {
    const b = new TestBrowser(env, host);
    const short = await b.post('/setup', { ...valid, setupCode: setupCode(), password: 'short', passwordConfirm: 'short' });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร/);
    const mismatch = await b.post('/setup', { ...valid, setupCode: setupCode(), passwordConfirm: 'something-else-2567' });
    assert.equal(mismatch.status, 422);
    assert.match(await mismatch.text(), /รหัสผ่านทั้งสองช่องไม่ตรงกัน/);
    const badCode = await b.post('/setup', { ...valid, setupCode: setupCode(), docCode: '78101' });
    assert.match(await badCode.text(), /อักษรย่อจังหวัดตามด้วยตัวเลข/);
    assert.equal(await count('organizations'), 0);
  });

  test('a valid setup creates the organization and its administrator, once', async () => {
    const b = new TestBrowser(env, host);
    const res = await b.post('/setup', { ...valid, setupCode: setupCode().toLowerCase() });
    assert.equal(res.status, 303);
    assert.ok(!fs.existsSync(path.join(env.dataDir, 'setup-code')), 'the code is gone once used');
    assert.equal(res.headers.get('location'), '/login');
    const login = await b.get('/login');
    assert.match(await login.text(), /ตั้งค่าระบบเรียบร้อยแล้ว/);
    const [org] = await env.services.database.query('SELECT name, doc_code, postcode FROM organizations');
    assert.deepEqual(org, { name: 'ลูโบะปือซา', doc_code: 'นธ 78101', postcode: '96180' });
    // The admin signs in with the password chosen at setup, with no forced change.
    const signedIn = await b.post('/login', { username: 'admin', password: valid.password }, { from: '/login' });
    assert.equal(signedIn.headers.get('location'), '/staff');
    const home = await b.get('/staff');
    assert.match(await home.text(), /ผู้ดูแลระบบ/);
    // Setup is gone; a second submission changes nothing.
    const again = await new TestBrowser(env, 'other.test').get('/setup');
    assert.equal(again.status, 303);
    assert.equal(await count('organizations'), 1);
    const audit = await env.services.database.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq');
    assert.deepEqual(audit.map((r) => r.action).slice(0, 3), ['organization.create', 'staff.createPosition', 'staff.createStaff']);
  });
});
