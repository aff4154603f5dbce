import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import { notify } from '../../core/notify/notify.js';
import { mailOutbox, notifications } from '../../core/notify/schema.js';
import {
  createTestEnv,
  createTestOrg,
  createTestUser,
  signedIn,
  TestBrowser,
  type TestEnv,
  type TestOrg,
  type TestUser,
  unique,
} from '../../testing/harness.js';
import { INBOX_PAGE } from './service.js';

/** Staff members read and clear their own notifications; nobody else's, in no other organization. */
let env: TestEnv;
let org: TestOrg;
let otherOrg: TestOrg;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  otherOrg = await createTestOrg(env);
});
after(() => env.close());

async function tell(to: TestUser, title: string, extra: { href?: string; body?: string } = {}, where: TestOrg = org): Promise<number> {
  const r = await notify(where.ctx, { userIds: [to.userId], kind: 'test.inbox', title, ...extra });
  const id = r.notificationIds[0];
  if (!id) throw new Error('not notified');
  return id;
}

const readAtOf = async (id: number) =>
  (await env.services.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, id)))[0]?.readAt;

describe('staff member reads their notifications', () => {
  test('the inbox lists them newest first, unread ones bold and tagged; the staff home counts them', async () => {
    const { browser, user } = await signedIn(env, org, ['staff']);
    await tell(user, 'เรื่องเก่า: ประชุมประจำเดือน');
    await tell(user, 'เรื่องใหม่: มาตรการครบกำหนด', { body: 'โปรดแนบหลักฐาน', href: '/staff' });

    const home = await (await browser.get('/staff')).text();
    assert.match(home, /ข้อความใหม่ 2 รายการ/);
    assert.match(home, /href="\/staff\/inbox"/);

    const res = await browser.get('/staff/inbox');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.indexOf('เรื่องใหม่') < html.indexOf('เรื่องเก่า'), 'newest first');
    // Unread: a card marked unread (bold title), holding its title.
    assert.match(
      html,
      /<li class="inbox__item inbox__item--unread"[^>]*>(?:(?!<\/li>)[\s\S])*<h2 class="inbox__title">เรื่องใหม่: มาตรการครบกำหนด<\/h2>/,
    );
    assert.match(html, /โปรดแนบหลักฐาน/);
    assert.match(html, /<strong class="tag tag--info"><svg[\s\S]*?<\/svg>ใหม่<\/strong>/);
    assert.match(html, /ยังไม่ได้อ่าน 2 รายการ/);
    assert.match(html, /<a href="\/staff\/inbox" aria-current="page">/, 'the menu marks the inbox as the current page');
  });

  test('marking one as read works as a plain form, and is audited', async () => {
    const { browser, user } = await signedIn(env, org, ['staff']);
    const id = await tell(user, 'อ่านแล้วจะไม่หนา');
    const res = await browser.post(`/staff/inbox/${id}/read`, {}, { from: '/staff/inbox' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/staff/inbox#n-${id}`);
    assert.ok(await readAtOf(id));
    const html = await (await browser.get('/staff/inbox')).text();
    assert.doesNotMatch(html, /<li class="inbox__item inbox__item--unread"[^>]*>(?:(?!<\/li>)[\s\S])*อ่านแล้วจะไม่หนา/);
    assert.match(html, /อ่านแล้วจะไม่หนา/);
    assert.match(html, /อ่านครบทุกรายการแล้ว/);
    const [entry] = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'notifications.markRead')))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.equal(entry?.entityId, String(id));
    assert.equal(entry?.actorUserId, user.userId);
  });

  test('opening an item marks it read and leads to its page; a link elsewhere leads back to the inbox', async () => {
    const { browser, user } = await signedIn(env, org, ['staff']);
    const id = await tell(user, 'ไปที่หน้าเปลี่ยนรหัสผ่าน', { href: '/staff/password' });
    const html = await (await browser.get('/staff/inbox')).text();
    assert.match(html, new RegExp(`action="/staff/inbox/${id}/open"`));
    const res = await browser.post(`/staff/inbox/${id}/open`, {}, { from: '/staff/inbox' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/staff/password');
    assert.ok(await readAtOf(id));

    // A row written around notify() with a link to another site is never followed.
    const [row] = await env.services.db
      .insert(notifications)
      .values({ orgId: org.org.id, userId: user.userId, kind: 'test.evil', title: 'ลิงก์ภายนอก', href: '//evil.example/phish' })
      .returning();
    const evil = await browser.post(`/staff/inbox/${row?.id}/open`, {}, { from: '/staff/inbox' });
    assert.equal(evil.headers.get('location'), '/staff/inbox');
  });

  test('"mark all read" clears what was shown, not what arrived after the page was drawn', async () => {
    const { browser, user } = await signedIn(env, org, ['staff']);
    await tell(user, 'หนึ่ง');
    await tell(user, 'สอง');
    await browser.get('/staff/inbox');
    const seen = /name="upTo" value="(\d+)"/.exec(browser.lastHtml)?.[1];
    assert.ok(seen);
    const late = await tell(user, 'มาทีหลัง');
    const res = await browser.post('/staff/inbox/read-all', { upTo: seen }, { csrf: await browser.csrf() });
    assert.equal(res.status, 303);
    const rows = await env.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, org.org.id), eq(notifications.userId, user.userId)));
    assert.deepEqual(
      rows.filter((r) => !r.readAt).map((r) => r.id),
      [late],
    );
    const home = await (await browser.get('/staff')).text();
    assert.match(home, /ข้อความใหม่ 1 รายการ/);
  });

  test('a long inbox pages by key, newest first, without repeating or losing an item', async () => {
    const { browser, user } = await signedIn(env, org, ['staff']);
    const total = INBOX_PAGE + 3;
    for (let i = 1; i <= total; i++) await tell(user, `รายการที่ ${String(i).padStart(2, '0')}`);
    const first = await (await browser.get('/staff/inbox')).text();
    const titles = (html: string) => [...html.matchAll(/<h2 class="inbox__title">รายการที่ (\d\d)<\/h2>/g)].map((m) => Number(m[1]));
    assert.deepEqual(titles(first).slice(0, 3), [total, total - 1, total - 2]);
    assert.equal(titles(first).length, INBOX_PAGE);
    const next = /href="(\/staff\/inbox\?before=\d+)" rel="next"/.exec(first)?.[1];
    assert.ok(next, 'a link to older items');
    const second = await (await browser.get(next)).text();
    assert.deepEqual(titles(second), [3, 2, 1]);
    assert.doesNotMatch(second, /rel="next"/);
    assert.match(second, /href="\/staff\/inbox" rel="prev"/);
    // Marking on the second page brings the person back to the second page.
    const id = Number(/action="\/staff\/inbox\/(\d+)\/read"/.exec(second)?.[1]);
    const res = await browser.post(`/staff/inbox/${id}/read`, { before: next.split('=')[1] ?? '' }, { csrf: await browser.csrf() });
    assert.equal(res.headers.get('location'), `${next}#n-${id}`);
  });
});

describe('nobody reads another person’s notifications', () => {
  test('a colleague and another organization’s staff get 404 and never see them listed', async () => {
    const owner = await createTestUser(env, org, ['staff']);
    const secret = `ลับเฉพาะ${unique('')}`;
    const id = await tell(owner, secret, { href: '/staff' });

    const colleague = await signedIn(env, org, ['admin']);
    const stranger = await signedIn(env, otherOrg, ['admin']);
    for (const { browser } of [colleague, stranger]) {
      const list = await (await browser.get('/staff/inbox')).text();
      assert.doesNotMatch(list, new RegExp(secret));
      const csrf = await browser.csrf('/staff/inbox');
      assert.equal((await browser.post(`/staff/inbox/${id}/read`, {}, { csrf })).status, 404);
      assert.equal((await browser.post(`/staff/inbox/${id}/open`, {}, { csrf })).status, 404);
      assert.equal((await browser.post('/staff/inbox/99999999999/read', {}, { csrf })).status, 404);
    }
    assert.equal(await readAtOf(id), null, 'still unread for its owner');
  });

  test('"mark all read" by one person leaves everyone else’s unread', async () => {
    const owner = await createTestUser(env, org, ['staff']);
    const id = await tell(owner, 'ของคนอื่น');
    const { browser } = await signedIn(env, org, ['staff']);
    await browser.post('/staff/inbox/read-all', {}, { from: '/staff/inbox' });
    assert.equal(await readAtOf(id), null);
  });

  test('signed out, the inbox asks to sign in and its forms are refused', async () => {
    const b = new TestBrowser(env, org.host);
    const res = await b.get('/staff/inbox');
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/login\?next=%2Fstaff%2Finbox/);
    const post = await b.post('/staff/inbox/1/read', {}, { from: '/login' });
    assert.equal(post.status, 401);
  });
});

describe('administrator watches the e-mail outbox', () => {
  test('sees the counts and recent mail with errors, and retries the failed ones', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const to = `${unique('failed')}@example.go.th`;
    await env.services.db.insert(mailOutbox).values([
      {
        orgId: org.org.id,
        toAddress: to,
        subject: 'ส่งไม่ได้',
        textBody: 'x',
        status: 'failed',
        attempts: 12,
        lastError: 'ECONNREFUSED connect 127.0.0.1:25',
      },
      { orgId: otherOrg.org.id, toAddress: 'other@example.go.th', subject: 'ของหน่วยงานอื่น', textBody: 'x', status: 'failed', attempts: 12 },
    ]);
    const page = await browser.get('/staff/admin/mail');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ส่งไม่สำเร็จ/);
    assert.match(html, /ECONNREFUSED connect 127\.0\.0\.1:25/);
    assert.match(html, new RegExp(to.replace(/\./g, '\\.')));
    assert.doesNotMatch(html, /ของหน่วยงานอื่น/);
    assert.match(html, /SMTP_URL/, 'says that no mail server is configured');

    const res = await browser.post('/staff/admin/mail/retry', {}, { from: '/staff/admin/mail' });
    assert.equal(res.status, 303);
    const rows = await env.services.db.select().from(mailOutbox).where(eq(mailOutbox.status, 'failed'));
    assert.deepEqual(
      rows.map((r) => r.subject),
      ['ของหน่วยงานอื่น'],
      'only this organization’s failed mail is queued again',
    );
    const [mine] = await env.services.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
    assert.equal(mine?.status, 'pending');
    assert.equal(mine?.attempts, 0);
  });

  test('is for administrators only', async () => {
    const { browser } = await signedIn(env, org, ['staff', 'executive']);
    assert.equal((await browser.get('/staff/admin/mail')).status, 403);
    const csrf = await browser.csrf('/staff/inbox');
    assert.equal((await browser.post('/staff/admin/mail/retry', {}, { csrf })).status, 403);
    assert.doesNotMatch(browser.lastHtml, /href="\/staff\/admin\/mail"/, 'no menu entry either');
  });
});
