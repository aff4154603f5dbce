import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, signedIn, type TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';

/** The queue setup pages: services, counters and priority groups, admins only. */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let admin: TestBrowser;
let otherAdmin: TestBrowser;
let adminUserId: number;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env, { name: 'คิวทดสอบ' });
  other = await createTestOrg(env, { name: 'คิวอื่น' });
  const a = await signedIn(env, org, ['admin']);
  admin = a.browser;
  adminUserId = a.user.userId;
  otherAdmin = (await signedIn(env, other, ['admin'])).browser;
});
after(() => env.close());

const query = async <T>(sql: string, params: unknown[]) => env.services.database.query<T>(sql, params);
const lastAudit = async (orgId: number) =>
  (
    await query<{ action: string; summary: string }>('SELECT action, summary FROM audit_log WHERE org_id = $1 ORDER BY seq DESC LIMIT 1', [
      orgId,
    ])
  )[0];
const serviceRow = async (orgId: number, prefix: string) =>
  (
    await query<{
      id: number;
      name: string;
      hours: Record<string, [string, string]>;
      always_open: boolean;
      active: boolean;
      avg_service_minutes: number;
    }>('SELECT id, name, hours, always_open, active, avg_service_minutes FROM queue_services WHERE org_id = $1 AND prefix = $2', [
      orgId,
      prefix,
    ])
  )[0];
const count = async (table: string, orgId: number) =>
  (await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))[0]?.n;

const BASE = '/staff/admin/queue';

describe('services', () => {
  test('the admin adds a service with weekday hours and edits it to open around the clock', async () => {
    const res = await admin.post(BASE, {
      name: 'ภาษีที่ดินและสิ่งปลูกสร้าง',
      nameEn: 'Land and building tax',
      prefix: 'TX',
      avgServiceMinutes: '12',
      open1: '08:30',
      close1: '16:30',
      open2: '8.30',
      close2: '12:00',
    });
    assert.equal(res.status, 303, admin.lastHtml);
    assert.equal(res.headers.get('location'), BASE);
    const row = await serviceRow(org.org.id, 'TX');
    assert.ok(row);
    assert.deepEqual(row.hours, { '1': ['08:30', '16:30'], '2': ['08:30', '12:00'] });
    assert.equal(row.always_open, false);
    assert.equal(row.avg_service_minutes, 12);
    assert.equal((await lastAudit(org.org.id))?.action, 'queue.createService');

    const list = await (await admin.get(BASE)).text();
    assert.match(list, /ภาษีที่ดินและสิ่งปลูกสร้าง/);
    assert.match(list, /จันทร์ 08:30–16:30/);
    for (const path of [BASE, `${BASE}/counters`, `${BASE}/groups`]) {
      assert.doesNotMatch(await (await admin.get(path)).text(), /queue\.admin\.|core\.[a-z]+\./, `no raw catalog keys on ${path}`);
    }

    const edit = await admin.get(`${BASE}/services/${row.id}`);
    assert.equal(edit.status, 200);
    assert.match(await edit.text(), /value="08:30"/);
    const saved = await admin.post(`${BASE}/services/${row.id}`, {
      name: 'ภาษีที่ดิน',
      prefix: 'TX',
      avgServiceMinutes: '15',
      'alwaysOpen[]': ['yes'],
      'inactive[]': ['yes'],
    });
    assert.equal(saved.status, 303, admin.lastHtml);
    const after = await serviceRow(org.org.id, 'TX');
    assert.equal(after?.name, 'ภาษีที่ดิน');
    assert.equal(after?.always_open, true);
    assert.equal(after?.active, false);
    assert.deepEqual(after?.hours, {});
    assert.equal((await lastAudit(org.org.id))?.action, 'queue.updateService');
  });

  test('a duplicate prefix is refused with a Thai message naming the field, nothing changed', async () => {
    assert.equal(
      (await admin.post(BASE, { name: 'งานทะเบียนทั่วไป', prefix: 'G', avgServiceMinutes: '10', alwaysOpen: ['yes'] })).status,
      303,
    );
    const before = await count('queue_services', org.org.id);
    const dup = await admin.post(BASE, { name: 'งานซ้ำ', prefix: 'G', avgServiceMinutes: '10' });
    assert.equal(dup.status, 422);
    const html = await dup.text();
    assert.match(html, /อักษรนำหน้า G ใช้กับงานบริการอื่นแล้ว/);
    assert.match(html, /value="งานซ้ำ"/, 'the form is shown again with what was typed');
    assert.equal(await count('queue_services', org.org.id), before);

    // Editing another service to the same prefix is refused too.
    const tx = await serviceRow(org.org.id, 'TX');
    assert.ok(tx);
    const edit = await admin.post(`${BASE}/services/${tx.id}`, { name: 'ภาษีที่ดิน', prefix: 'G', avgServiceMinutes: '10' });
    assert.equal(edit.status, 422);
    assert.match(await edit.text(), /อักษรนำหน้า G ใช้กับงานบริการอื่นแล้ว/);
    assert.ok(await serviceRow(org.org.id, 'TX'));
  });

  test('a bad prefix, bad hours and a missing name are refused, naming each field', async () => {
    const before = await count('queue_services', org.org.id);
    const res = await admin.post(BASE, { name: '', prefix: 'a1', avgServiceMinutes: 'x', open3: '09:00', close3: '08:00' });
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /อักษรนำหน้าต้องเป็นอักษรอังกฤษตัวใหญ่ 1–2 ตัว/);
    assert.match(html, /ชื่องานบริการ/);
    assert.match(html, /เวลาปิด วันพุธ/);
    assert.equal(await count('queue_services', org.org.id), before);
  });
});

describe('counters', () => {
  test('the admin adds a counter serving two services with its staff member, then edits it', async () => {
    const g = await serviceRow(org.org.id, 'G');
    const tx = await serviceRow(org.org.id, 'TX');
    assert.ok(g && tx);
    const page = await (await admin.get(`${BASE}/counters`)).text();
    assert.match(page, /name="serviceIds\[\]"/);
    const res = await admin.post(`${BASE}/counters`, {
      number: '3',
      name: 'ช่องทะเบียน',
      'serviceIds[]': [String(g.id), String(tx.id)],
      staffUserId: String(adminUserId),
    });
    assert.equal(res.status, 303, admin.lastHtml);
    const [row] = await query<{ id: number; staff_user_id: number | null }>(
      'SELECT id, staff_user_id FROM queue_counters WHERE org_id = $1 AND number = 3',
      [org.org.id],
    );
    assert.ok(row);
    assert.equal(row.staff_user_id, adminUserId);
    const links = await query<{ service_id: number }>(
      'SELECT service_id FROM queue_counter_services WHERE org_id = $1 AND counter_id = $2',
      [org.org.id, row.id],
    );
    assert.equal(links.length, 2);

    const dup = await admin.post(`${BASE}/counters`, { number: '3', name: 'ช่องซ้ำ' });
    assert.equal(dup.status, 422);
    assert.match(await dup.text(), /หมายเลขช่องบริการ 3 มีอยู่แล้ว/);

    const edit = await admin.post(`${BASE}/counters/${row.id}`, { number: '4', name: 'ช่องภาษี', 'serviceIds[]': [String(tx.id)] });
    assert.equal(edit.status, 303, admin.lastHtml);
    const after = await query<{ service_id: number }>(
      'SELECT service_id FROM queue_counter_services WHERE org_id = $1 AND counter_id = $2',
      [org.org.id, row.id],
    );
    assert.deepEqual(
      after.map((l) => l.service_id),
      [tx.id],
    );
    assert.match(await (await admin.get(`${BASE}/counters`)).text(), /ช่องภาษี/);
    assert.equal((await lastAudit(org.org.id))?.action, 'queue.updateCounter');
  });
});

describe('priority groups', () => {
  test('the admin adds a group and edits its ratio; a ratio outside 1–20 is refused', async () => {
    const res = await admin.post(`${BASE}/groups`, { name: 'ผู้สูงอายุ', ratio: '3' });
    assert.equal(res.status, 303, admin.lastHtml);
    const [row] = await query<{ id: number; ratio: number }>('SELECT id, ratio FROM queue_priority_groups WHERE org_id = $1', [org.org.id]);
    assert.ok(row);
    assert.equal(row.ratio, 3);
    const bad = await admin.post(`${BASE}/groups/${row.id}`, { name: 'ผู้สูงอายุ', ratio: '21' });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /สัดส่วนการเรียก/);
    const ok = await admin.post(`${BASE}/groups/${row.id}`, { name: 'ผู้สูงอายุ', ratio: '5' });
    assert.equal(ok.status, 303);
    const [after] = await query<{ ratio: number }>('SELECT ratio FROM queue_priority_groups WHERE org_id = $1', [org.org.id]);
    assert.equal(after?.ratio, 5);
    assert.match(await (await admin.get(`${BASE}/groups`)).text(), /หลังคิวทั่วไป 5 คิว/);
  });
});

describe('settings and holidays', () => {
  test('the admin turns online tickets on, is told which number is out of range, and adds and removes a holiday', async () => {
    const page = await admin.get(`${BASE}/settings`);
    assert.equal(page.status, 200);
    const bad = await admin.post(`${BASE}/settings`, { allowOnline: 'yes', boardRecent: '50', kioskReturnSeconds: '20' });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /จำนวนการเรียกล่าสุดบนจอแสดงคิวต้องเป็นจำนวนเต็ม 3–12/);
    assert.equal(await count('queue_settings', org.org.id), 0);
    const ok = await admin.post(`${BASE}/settings`, { 'allowOnline[]': 'yes', boardRecent: '8', kioskReturnSeconds: '30' });
    assert.equal(ok.status, 303);
    const [row] = await query<{ allow_online: boolean; board_recent: number }>(
      'SELECT allow_online, board_recent FROM queue_settings WHERE org_id = $1',
      [org.org.id],
    );
    assert.deepEqual(row, { allow_online: true, board_recent: 8 });
    assert.equal((await lastAudit(org.org.id))?.action, 'queue.updateSettings');

    const badDay = await admin.post(`${BASE}/settings/holidays`, { day: '2599-13-40', name: 'ผิด' });
    assert.equal(badDay.status, 422);
    assert.match(await badDay.text(), /วันที่ไม่ถูกต้อง/);
    assert.equal((await admin.post(`${BASE}/settings/holidays`, { day: '2099-12-10', name: 'วันรัฐธรรมนูญ' })).status, 303);
    const listed = await (await admin.get(`${BASE}/settings`)).text();
    assert.match(listed, /วันรัฐธรรมนูญ/);
    assert.match(listed, /10 ธันวาคม พ\.ศ\. 2642/);
    // Another organization's admin cannot remove it.
    const csrf = await otherAdmin.csrf(`${BASE}/settings`);
    assert.equal((await otherAdmin.post(`${BASE}/settings/holidays/2099-12-10/remove`, {}, { csrf })).status, 404);
    assert.equal(await count('queue_holidays', org.org.id), 1);
    assert.equal((await admin.post(`${BASE}/settings/holidays/2099-12-10/remove`, {})).status, 303);
    assert.equal(await count('queue_holidays', org.org.id), 0);
  });
});

describe('who may set up the queue', () => {
  test('a non-admin is refused every page and every post', async () => {
    const { browser } = await signedIn(env, org, ['staff', 'front_desk']);
    const tx = await serviceRow(org.org.id, 'TX');
    assert.ok(tx);
    for (const p of [BASE, `${BASE}/counters`, `${BASE}/groups`, `${BASE}/settings`, `${BASE}/services/${tx.id}`]) {
      assert.equal((await browser.get(p)).status, 403, `GET ${p}`);
    }
    const csrf = await browser.csrf('/staff/queue');
    const before = await count('queue_services', org.org.id);
    const res = await browser.post(BASE, { name: 'แอบเพิ่ม', prefix: 'Z', avgServiceMinutes: '10' }, { csrf });
    assert.equal(res.status, 403);
    assert.equal(await count('queue_services', org.org.id), before);
    const nav = await (await admin.get(BASE)).text();
    assert.match(nav, /href="\/staff\/admin\/queue"/);
  });

  test("another organization's ids are not found", async () => {
    const tx = await serviceRow(org.org.id, 'TX');
    const [counter] = await query<{ id: number }>('SELECT id FROM queue_counters WHERE org_id = $1', [org.org.id]);
    const [group] = await query<{ id: number }>('SELECT id FROM queue_priority_groups WHERE org_id = $1', [org.org.id]);
    assert.ok(tx && counter && group);
    assert.equal((await otherAdmin.get(`${BASE}/services/${tx.id}`)).status, 404);
    assert.equal((await otherAdmin.get(`${BASE}/counters/${counter.id}`)).status, 404);
    assert.equal((await otherAdmin.get(`${BASE}/groups/${group.id}`)).status, 404);
    const csrf = await otherAdmin.csrf(BASE);
    const res = await otherAdmin.post(`${BASE}/services/${tx.id}`, { name: 'ยึด', prefix: 'TX', avgServiceMinutes: '10' }, { csrf });
    assert.equal(res.status, 404);
    assert.equal((await serviceRow(org.org.id, 'TX'))?.name, 'ภาษีที่ดิน');
  });
});
