import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { staffMembers } from '../../modules/staff/schema.js';
import { createTestEnv, createTestOrg, createTestUser, type TestEnv, type TestOrg, type TestUser, unique } from '../../testing/harness.js';
import { users } from '../auth/schema.js';
import { runCommand } from '../command.js';
import type { Db } from '../db/client.js';
import { enqueueMail, notify } from './notify.js';
import { mailOutbox, notifications } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let withEmail: TestUser;
let withoutEmail: TestUser;
let address: string;

before(async () => {
  env = await createTestEnv({ env: { PUBLIC_URL: 'https://lubopeusa.example.go.th/' } });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  withEmail = await createTestUser(env, org, ['staff']);
  withoutEmail = await createTestUser(env, org, ['staff']);
  address = `${unique('fatimoh')}@example.go.th`;
  await env.services.db
    .update(staffMembers)
    .set({ email: address })
    .where(and(eq(staffMembers.orgId, org.org.id), eq(staffMembers.id, withEmail.staffId)));
});
after(() => env.close());

const inboxOf = (u: TestUser) =>
  env.services.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, org.org.id), eq(notifications.userId, u.userId)));
const mailTo = (to: string) => env.services.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));

describe('notify', () => {
  test('writes an inbox row per person and queues e-mail for those with an address, in the caller’s command', async () => {
    const kind = `measures.${unique('due')}`;
    const result = await runCommand(org.ctx, { action: 'test.remind', allowed: true }, async (tx) => {
      const r = await notify(
        { ...org.ctx, tx },
        {
          userIds: [withEmail.userId, withoutEmail.userId, withEmail.userId],
          kind,
          title: 'มาตรการ "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" ครบกำหนดใน 7 วัน',
          body: 'โปรดแนบหลักฐานก่อนวันที่ 30 เมษายน 2568',
          href: '/staff/measures/12',
          email: true,
        },
      );
      return { result: r, entity: 'test', summary: 'เตือน' };
    });
    assert.equal(result.notificationIds.length, 2, 'a person listed twice is notified once');
    assert.equal(result.mailIds.length, 1, 'only the person with an address gets e-mail');
    const [mine] = (await inboxOf(withEmail)).filter((n) => n.kind === kind);
    assert.equal(mine?.title, 'มาตรการ "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" ครบกำหนดใน 7 วัน');
    assert.equal(mine?.href, '/staff/measures/12');
    assert.equal(mine?.readAt, null);
    assert.equal((await inboxOf(withoutEmail)).filter((n) => n.kind === kind).length, 1);
    const [mail] = await mailTo(address);
    assert.equal(mail?.status, 'pending');
    assert.equal(mail?.orgId, org.org.id);
    assert.equal(mail?.subject, 'มาตรการ "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" ครบกำหนดใน 7 วัน');
    assert.equal(mail?.textBody, 'โปรดแนบหลักฐานก่อนวันที่ 30 เมษายน 2568\n\nhttps://lubopeusa.example.go.th/staff/measures/12');
  });

  test('a command that fails after notifying leaves neither the inbox rows nor the e-mail behind', async () => {
    const kind = `measures.${unique('rolledback')}`;
    const before = (await mailTo(address)).length;
    await assert.rejects(
      runCommand(org.ctx, { action: 'test.remind', allowed: true }, async (tx) => {
        const r = await notify({ ...org.ctx, tx }, { userIds: [withEmail.userId], kind, title: 'จะไม่ถูกส่ง', email: true });
        assert.equal(r.notificationIds.length, 1);
        assert.equal(r.mailIds.length, 1);
        // Inside the transaction both rows are there…
        assert.equal((await tx.select().from(notifications).where(eq(notifications.kind, kind))).length, 1);
        throw new Error('the write after the notification failed');
      }),
      /the write after the notification failed/,
    );
    // …and after the rollback neither is.
    assert.equal((await env.services.db.select().from(notifications).where(eq(notifications.kind, kind))).length, 0);
    assert.equal((await mailTo(address)).length, before);
  });

  test('without email: true no e-mail is queued', async () => {
    const before = (await mailTo(address)).length;
    const r = await notify(org.ctx, { userIds: [withEmail.userId], kind: 'test.quiet', title: 'เฉพาะในระบบ' });
    assert.equal(r.mailIds.length, 0);
    assert.equal((await mailTo(address)).length, before);
  });

  test('an account of another organization is refused, and nothing is written', async () => {
    const stranger = await createTestUser(env, other, ['staff']);
    const kind = `test.${unique('stranger')}`;
    await assert.rejects(notify(org.ctx, { userIds: [withEmail.userId, stranger.userId], kind, title: 'ผิดหน่วยงาน' }), /no account/);
    const rows = await env.services.db.select().from(notifications).where(eq(notifications.kind, kind));
    assert.equal(rows.length, 0);
  });

  test('links must be paths on this site; titles are required', async () => {
    for (const href of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'staff/x']) {
      await assert.rejects(notify(org.ctx, { userIds: [withEmail.userId], kind: 'test.link', title: 'x', href }), /href/, href);
    }
    await assert.rejects(notify(org.ctx, { userIds: [withEmail.userId], kind: 'test.link', title: '   ' }), /title/);
    assert.deepEqual(await notify(org.ctx, { userIds: [], kind: 'test.none', title: 'x' }), { notificationIds: [], mailIds: [] });
  });

  test('a disabled account keeps its inbox row but gets no e-mail', async () => {
    const u = await createTestUser(env, org, ['staff']);
    const to = `${unique('disabled')}@example.go.th`;
    await env.services.db
      .update(staffMembers)
      .set({ email: to })
      .where(and(eq(staffMembers.orgId, org.org.id), eq(staffMembers.id, u.staffId)));
    await env.services.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(and(eq(users.orgId, org.org.id), eq(users.id, u.userId)));
    const r = await notify(org.ctx, { userIds: [u.userId], kind: 'test.disabled', title: 'x', email: true });
    assert.equal(r.notificationIds.length, 1);
    assert.equal(r.mailIds.length, 0);
    assert.equal((await mailTo(to)).length, 0);
  });
});

describe('enqueueMail', () => {
  test('queues a message in the given transaction, one line of subject, and refuses what is not an address', async () => {
    const to = `${unique('direct')}@example.go.th`;
    const id = await env.services.db.transaction((tx) =>
      enqueueMail(tx as unknown as Db, { orgId: org.org.id, to, subject: 'เรื่อง\r\nBcc: someone@evil.example', text: 'ข้อความ' }),
    );
    const [row] = await env.services.db
      .select()
      .from(mailOutbox)
      .where(inArray(mailOutbox.id, [id]));
    assert.equal(row?.subject, 'เรื่อง Bcc: someone@evil.example');
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 0);
    for (const bad of ['not-an-address', 'a@b.c\r\nBcc: x@y.z', 'a@b.c, d@e.f']) {
      await assert.rejects(enqueueMail(env.services.db, { orgId: org.org.id, to: bad, subject: 's', text: 't' }), /not an e-mail address/);
    }
  });
});
