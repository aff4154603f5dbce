import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createPosition, createStaff, resolveCommandChain, setAccountDisabled, setActing, setCommandChain } from './service.js';

let env: TestEnv;
let org: TestOrg;
let admin: TestBrowser;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env, { name: 'บ้านทดสอบ' });
  admin = (await signedIn(env, org, ['admin'])).browser;
});
after(() => env.close());

const lastAudit = async () => {
  const [row] = await env.services.database.query<{ action: string; actor_label: string; summary: string }>(
    'SELECT action, actor_label, summary FROM audit_log WHERE org_id = $1 ORDER BY seq DESC LIMIT 1',
    [org.org.id],
  );
  return row ?? { action: '', actor_label: '', summary: '' };
};
const staffCount = async () =>
  (await env.services.database.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_members WHERE org_id = $1', [org.org.id]))[0]?.n;

describe('divisions and positions', () => {
  test('the admin adds a division; a duplicate name is refused and named', async () => {
    const res = await admin.post('/staff/admin/divisions', { name: 'กองช่าง', nameEn: 'Public Works' });
    assert.equal(res.status, 303);
    const audit = await lastAudit();
    assert.equal(audit.action, 'staff.createDivision');
    assert.match(audit.summary, /กองช่าง/);
    const dup = await admin.post('/staff/admin/divisions', { name: 'กองช่าง' });
    assert.equal(dup.status, 422);
    assert.match(await dup.text(), /มีส่วนราชการชื่อนี้แล้ว/);
    const list = await admin.get('/staff/admin/divisions');
    assert.equal((await list.text()).match(/>กองช่าง</g)?.length, 1);
  });

  test('an executive position is printed with the organization name from its record', async () => {
    const res = await admin.post('/staff/admin/positions', { title: 'นายก', appendOrgName: 'true', rank: 'mayor' });
    assert.equal(res.status, 303);
    const list = await (await admin.get('/staff/admin/positions')).text();
    assert.match(list, /นายกองค์การบริหารส่วนตำบลบ้านทดสอบ/);
  });

  test('a position without a title is refused, naming the field', async () => {
    const res = await admin.post('/staff/admin/positions', { title: '', rank: 'staff' });
    assert.equal(res.status, 422);
    assert.match(await res.text(), /กรุณากรอกชื่อตำแหน่ง/);
  });
});

describe('people and accounts', () => {
  test('a new person gets a generated password shown once, and must replace it at first sign-in', async () => {
    const res = await admin.post('/staff/admin/people/new', {
      titlePrefix: 'นางสาว',
      firstName: 'มาลี',
      lastName: 'ใจดี',
      username: 'malee',
      roles: ['staff'],
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const password = /class="secret">([a-z0-9-]{14})</.exec(await res.text())?.[1];
    assert.ok(password, 'the generated password is on the page');
    const malee = new TestBrowser(env, org.host);
    const signIn = await malee.post('/login', { username: 'malee', password }, { from: '/login' });
    assert.equal(signIn.headers.get('location'), '/staff/password');
    const blocked = await malee.get('/staff');
    assert.equal(blocked.headers.get('location'), '/staff/password');
    const changed = await malee.post('/staff/password', { current: password, next: 'ดอกมะลิบานเช้า2567', confirm: 'ดอกมะลิบานเช้า2567' });
    assert.equal(changed.status, 303);
    assert.equal((await malee.get('/staff')).status, 200);
  });

  test('a person with missing fields is refused with each field named, nothing created', async () => {
    const before = await staffCount();
    const res = await admin.post('/staff/admin/people/new', { titlePrefix: '', firstName: '', lastName: '' });
    assert.equal(res.status, 422);
    const html = await res.text();
    for (const m of ['กรุณาเลือกคำนำหน้าชื่อ', 'กรุณากรอกชื่อ', 'กรุณากรอกนามสกุล']) assert.ok(html.includes(m), m);
    assert.equal(await staffCount(), before);
  });

  test('a taken username is refused', async () => {
    const res = await admin.post('/staff/admin/people/new', {
      titlePrefix: 'นาย',
      firstName: 'สมชาย',
      lastName: 'ซ้ำ',
      username: 'MALEE',
      roles: ['staff'],
    });
    assert.equal(res.status, 422);
    assert.match(await res.text(), /ชื่อผู้ใช้นี้มีผู้ใช้แล้ว/);
  });

  test('a password reset ends the person’s sessions and the old password stops working', async () => {
    const { browser: person, user } = await signedIn(env, org, ['staff']);
    const reset = await admin.post(
      `/staff/admin/people/${user.staffId}/reset-password`,
      {},
      { from: `/staff/admin/people/${user.staffId}` },
    );
    assert.equal(reset.status, 200);
    assert.equal((await person.get('/staff')).status, 303, 'the old session ended');
    const old = await new TestBrowser(env, org.host).post(
      '/login',
      { username: user.username, password: user.password },
      { from: '/login' },
    );
    assert.equal(old.status, 401);
  });

  test('a disabled account cannot sign in and its session ends; enabled again it can', async () => {
    const { browser: person, user } = await signedIn(env, org, ['staff']);
    const res = await admin.post(`/staff/admin/people/${user.staffId}/disable`, {}, { from: `/staff/admin/people/${user.staffId}` });
    assert.equal(res.status, 303);
    assert.equal((await person.get('/staff')).status, 303);
    const refused = await new TestBrowser(env, org.host).post(
      '/login',
      { username: user.username, password: user.password },
      { from: '/login' },
    );
    assert.equal(refused.status, 401);
    await admin.post(`/staff/admin/people/${user.staffId}/enable`, {}, { from: `/staff/admin/people/${user.staffId}` });
    const ok = await new TestBrowser(env, org.host).post(
      '/login',
      { username: user.username, password: user.password },
      { from: '/login' },
    );
    assert.equal(ok.status, 303);
  });

  test('the last administrator cannot take away the last way in', async () => {
    const admins = await env.services.database.query<{ id: number; username: string }>(
      `SELECT s.id, u.username FROM staff_members s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id WHERE s.org_id = $1 AND 'admin' = ANY(u.roles)`,
      [org.org.id],
    );
    assert.equal(admins.length, 1);
    const { id, username } = admins[0] as { id: number; username: string };
    const res = await admin.post(
      `/staff/admin/people/${id}/account`,
      { username, roles: ['staff'] },
      { from: `/staff/admin/people/${id}` },
    );
    assert.equal(res.status, 422);
    assert.match(await res.text(), /ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน/);
    const self = await admin.post(`/staff/admin/people/${id}/disable`, {}, { from: `/staff/admin/people/${id}` });
    assert.equal(self.status, 403);
  });
});

describe('chain of command', () => {
  test('a vacant step is signed by whoever acts for it (รักษาการแทน)', async () => {
    const ctx = org.ctx;
    const head = await createPosition(ctx, { title: 'หัวหน้าสำนักปลัด', appendOrgName: false, rank: 'division_head' });
    const secretary = await createPosition(ctx, { title: 'ปลัด', appendOrgName: true, rank: 'permanent_secretary' });
    const deputy = await createPosition(ctx, { title: 'รองปลัด', appendOrgName: true, rank: 'deputy_secretary' });
    const mayor = await createPosition(ctx, { title: 'นายก', appendOrgName: true, rank: 'mayor' });
    await createStaff(ctx, { titlePrefix: 'นาง', firstName: 'วิชุดา', lastName: 'กุลเกื้อ', positionId: head });
    const dep = await createStaff(ctx, { titlePrefix: 'นางสาว', firstName: 'ฟาตีเมาะ', lastName: 'ชะรีแลม', positionId: deputy });
    await setActing(ctx, dep.staffId, [secretary]);
    await setCommandChain(ctx, [head, secretary, mayor]);
    const chain = await resolveCommandChain(ctx);
    assert.deepEqual(
      chain.map((s) => [s.step, s.position.title, s.holder?.name ?? null, s.holder?.acting ?? null]),
      [
        [1, 'หัวหน้าสำนักปลัด', 'นางวิชุดา กุลเกื้อ', false],
        [2, 'ปลัด', 'นางสาวฟาตีเมาะ ชะรีแลม', true],
        [3, 'นายก', null, null],
      ],
    );
    const page = await (await admin.get('/staff/admin/chain')).text();
    assert.match(page, /รักษาการแทน/);
    assert.match(page, /ยังไม่มีผู้ดำรงตำแหน่งหรือผู้รักษาการ/);
  });
});

describe('permissions', () => {
  const adminPages = [
    '/staff/admin/people',
    '/staff/admin/people/new',
    '/staff/admin/divisions',
    '/staff/admin/positions',
    '/staff/admin/chain',
    '/staff/admin/organization',
  ];

  for (const role of ['staff', 'executive', 'division_head', 'front_desk', 'ita_coordinator'] as const) {
    test(`a ${role} cannot open or post to the admin pages`, async () => {
      const { browser } = await signedIn(env, org, [role]);
      for (const p of adminPages) {
        const res = await browser.get(p);
        assert.equal(res.status, 403, `GET ${p}`);
        assert.match(await res.text(), /ไม่มีสิทธิ์เข้าถึง/);
      }
      const token = await browser.csrf('/staff');
      for (const p of [
        '/staff/admin/divisions',
        '/staff/admin/positions',
        '/staff/admin/people/new',
        '/staff/admin/chain',
        '/staff/admin/organization',
      ]) {
        const res = await browser.post(p, { name: 'x', title: 'x', rank: 'staff' }, { csrf: token });
        assert.equal(res.status, 403, `POST ${p}`);
      }
      const nav = await (await browser.get('/staff')).text();
      assert.ok(!nav.includes('/staff/admin/people'), 'no admin links in the navigation');
    });
  }

  test('signed out, the admin pages lead to sign-in and posts are refused', async () => {
    const anon = new TestBrowser(env, org.host);
    const res = await anon.get('/staff/admin/people');
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/login\?next=%2Fstaff%2Fadmin%2Fpeople/);
    const token = await anon.csrf('/login');
    const post = await anon.post('/staff/admin/divisions', { name: 'x' }, { csrf: token });
    assert.equal(post.status, 401);
  });
});

describe('writes that race', () => {
  test('two administrators disabling each other at the same moment leave one of them', async () => {
    const o = await createTestOrg(env);
    const one = await createTestUser(env, o, ['admin']);
    const two = await createTestUser(env, o, ['admin']);
    const as = (u: typeof one) => ({
      ...o.ctx,
      actor: {
        orgId: o.org.id,
        userId: u.userId,
        username: u.username,
        displayName: u.username,
        roles: ['admin'] as const,
        mustChangePassword: false,
      },
    });
    const results = await Promise.allSettled([
      setAccountDisabled(as(one), two.staffId, true),
      setAccountDisabled(as(two), one.staffId, true),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one of the two succeeds');
    const [row] = await env.services.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND 'admin' = ANY(roles) AND disabled_at IS NULL`,
      [o.org.id],
    );
    assert.equal(row?.n, 1);
  });

  test('the same username taken by two requests at once: one gets it, the other is told', async () => {
    const o = await createTestOrg(env);
    const make = () =>
      createStaff(o.ctx, { titlePrefix: 'นาย', firstName: 'ซ้ำ', lastName: 'พร้อมกัน', account: { username: 'sametime', roles: ['staff'] } });
    const results = await Promise.allSettled([make(), make()]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((refused.reason as { messageKey?: string }).messageKey, 'core.errors.validation');
  });
});
