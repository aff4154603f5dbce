import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import type { Role } from '../../core/auth/roles.js';
import { AppError } from '../../core/http/errors.js';
import { notifications } from '../../core/notify/schema.js';
import {
  actingAs,
  createTestEnv,
  createTestOrg,
  createTestUser,
  TestBrowser,
  type TestEnv,
  type TestOrg,
  type TestUser,
} from '../../testing/harness.js';
import * as cases from './cases.js';
import { submitComplaint } from './intake.js';
import { complaintEntries, complaints } from './schema.js';
import { complaintsTodo } from './todo.js';
import { trackComplaint } from './track.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let clock = new Date('2026-11-26T10:00:00+07:00'); // FY 2570
let legal: TestUser;
let head: TestUser;
let plain: TestUser;
let admin: TestUser;

const OFFICER: Role[] = ['complaint_officer', 'staff'];

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  legal = await createTestUser(env, org, OFFICER, { firstName: 'นิติกร' });
  head = await createTestUser(env, org, ['division_head', 'complaint_officer'], { firstName: 'หัวหน้า' });
  plain = await createTestUser(env, org, ['staff']);
  admin = await createTestUser(env, org, ['admin', 'executive']);
});
after(() => env.close());

async function file(o: TestOrg, extra: Partial<Parameters<typeof submitComplaint>[1]> = {}) {
  return submitComplaint(
    { app: env.services, orgId: o.org.id, actor: null },
    {
      category: 'bribery',
      subject: 'เจ้าหน้าที่เรียกรับเงินค่าดำเนินการ',
      description: 'เจ้าหน้าที่เรียกเงิน 500 บาทเพื่อให้ออกใบอนุญาตเร็วขึ้น เมื่อวันที่ 3 พฤศจิกายน',
      ...extra,
    },
  );
}

const rejects = async (p: Promise<unknown>, status: number, field?: string) => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, status, `${e.code} ${e.messageKey}`);
    if (field)
      assert.ok(
        e.fields.some((f) => f.field === field),
        JSON.stringify(e.fields),
      );
    return true;
  });
};

describe('the officers’ side of complaints', () => {
  test('the list: officers only; never a case about the officer; filters', async () => {
    const a = await file(org);
    const b = await file(org, { category: 'procurement', subject: 'จัดซื้อวัสดุแพงเกินจริง' });
    await file(other);
    await cases.updateCase(actingAs(org, legal, OFFICER), b.id, { concernsUserIds: [head.userId] });
    const mine = await cases.listCases(actingAs(org, legal, OFFICER));
    assert.ok(mine.some((r) => r.id === a.id) && mine.some((r) => r.id === b.id));
    const heads = await cases.listCases(actingAs(org, head, ['complaint_officer']));
    assert.ok(heads.some((r) => r.id === a.id));
    assert.ok(!heads.some((r) => r.id === b.id), 'the case about head is hidden from head');
    await rejects(cases.getCase(actingAs(org, head, ['complaint_officer']), b.id), 404);
    const proc = await cases.listCases(actingAs(org, legal, OFFICER), { category: 'procurement' });
    assert.ok(proc.every((r) => r.category === 'procurement') && proc.some((r) => r.id === b.id));
    await rejects(cases.listCases(actingAs(org, admin, ['admin', 'executive'])), 403);
    await rejects(cases.listCases({ app: env.services, orgId: org.org.id, actor: null }), 401);
    // Another organization's officer sees none of these, and a case id of ours is a 404 there.
    const stranger = await createTestUser(env, other, OFFICER);
    const theirs = await cases.listCases(actingAs(other, stranger, OFFICER));
    assert.ok(!theirs.some((r) => r.id === a.id));
    await rejects(cases.getCase(actingAs(other, stranger, OFFICER), a.id), 404);
  });

  test('statuses move per NEXT_STATUSES; closing and reopening need a reason; stale form → 409; nothing changed on refusal', async () => {
    const { id, receiptCode } = await file(org);
    const ctx = actingAs(org, legal, OFFICER);
    await rejects(cases.updateCase(ctx, id, { status: 'finished' }), 422, 'status'); // received → finished not allowed
    await rejects(cases.updateCase(ctx, id, { status: 'not_accepted', reason: '  ' }), 422, 'reason');
    let row = (await cases.getCase(ctx, id)).complaint;
    assert.equal(row.status, 'received');
    assert.equal(row.acknowledgedAt, null);
    await cases.updateCase(ctx, id, { status: 'acknowledged', expectedStatus: 'received' });
    row = (await cases.getCase(ctx, id)).complaint;
    assert.equal(row.status, 'acknowledged');
    assert.ok(row.acknowledgedAt);
    await rejects(cases.updateCase(ctx, id, { status: 'investigating', expectedStatus: 'received' }), 409);
    await cases.updateCase(ctx, id, { status: 'finished', reason: 'ตรวจสอบแล้วพบว่ามีมูล ได้ดำเนินการทางวินัยแล้ว' });
    row = (await cases.getCase(ctx, id)).complaint;
    assert.ok(row.finishedAt);
    await rejects(cases.updateCase(ctx, id, { status: 'investigating' }), 422, 'reason');
    await cases.updateCase(ctx, id, { status: 'investigating', reason: 'ได้รับข้อมูลใหม่จากผู้ร้องเรียน' });
    row = (await cases.getCase(ctx, id)).complaint;
    assert.equal(row.status, 'investigating');
    assert.equal(row.finishedAt, null);
    // The reporter sees the statuses with the reasons.
    const view = await trackComplaint({ app: env.services, orgId: org.org.id, actor: null }, receiptCode, { floorMs: 0 });
    assert.ok(view?.history.some((h) => h.text === 'ตรวจสอบแล้วพบว่ามีมูล ได้ดำเนินการทางวินัยแล้ว'));
    await rejects(cases.updateCase(ctx, id, {}), 422);
  });

  test('internal notes never reach the reporter; messages do; both audited without their text', async () => {
    const { id, receiptCode } = await file(org);
    const ctx = actingAs(org, legal, OFFICER);
    const secretNote = 'บันทึกภายใน: ผู้ถูกร้องน่าจะเป็นนายสมชาย ต้องตรวจบัญชีก่อน';
    await cases.updateCase(ctx, id, { note: secretNote });
    await cases.updateCase(ctx, id, { message: 'ขอเอกสารเพิ่มเติม เช่น ใบเสร็จ' });
    await rejects(cases.updateCase(ctx, id, { note: '' }), 422, 'note');
    await rejects(cases.updateCase(ctx, id, { message: 'x'.repeat(6000) }), 422, 'message');
    const view = await trackComplaint({ app: env.services, orgId: org.org.id, actor: null }, receiptCode, { floorMs: 0 });
    assert.ok(view);
    const text = JSON.stringify(view);
    assert.ok(!text.includes('สมชาย'), 'the note is not in the reporter view');
    assert.ok(text.includes('ขอเอกสารเพิ่มเติม'));
    assert.ok(!text.includes(legal.username), 'no officer name');
    const detail = await cases.getCase(ctx, id);
    assert.ok(detail.entries.some((e) => e.kind === 'note' && e.text === secretNote));
    const audit = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.entityId, String(id))));
    assert.ok(audit.length >= 2, 'the note and the message (the anonymous submission is only counted)');
    assert.ok(!JSON.stringify(audit).includes('สมชาย'), 'the audit log holds no note text');
  });

  test('assignment: only complaint officers, never someone the complaint concerns; concerns cannot include the assignee', async () => {
    const { id } = await file(org);
    const ctx = actingAs(org, legal, OFFICER);
    await rejects(cases.updateCase(ctx, id, { assignedUserId: plain.userId }), 422, 'assignedUserId');
    await cases.updateCase(ctx, id, { concernsUserIds: [head.userId] });
    await rejects(cases.updateCase(ctx, id, { assignedUserId: head.userId }), 422, 'assignedUserId');
    await cases.updateCase(ctx, id, { assignedUserId: legal.userId });
    await rejects(cases.updateCase(ctx, id, { concernsUserIds: [legal.userId] }), 422, 'concernsUserIds');
    await rejects(cases.updateCase(ctx, id, { concernsUserIds: [999_999] }), 422, 'concernsUserIds');
    const d = await cases.getCase(ctx, id);
    assert.equal(d.complaint.assignedUserId, legal.userId);
    assert.deepEqual(d.complaint.concernsUserIds, [head.userId]);
    assert.ok(!d.assignable.some((o) => o.userId === head.userId));
    // Assigning someone else tells them (nothing of the content in the notification).
    const { id: id2 } = await file(org, { subject: 'เรื่องลับเฉพาะ ทดสอบการแจ้งเตือน' });
    await cases.updateCase(ctx, id2, { assignedUserId: head.userId });
    const notes = await env.services.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.orgId, org.org.id), eq(notifications.userId, head.userId), eq(notifications.kind, 'complaints.assigned')),
      );
    assert.ok(notes.some((n) => n.href === `/staff/complaints/${id2}`));
    assert.ok(!JSON.stringify(notes).includes('เรื่องลับเฉพาะ'));
    // A non-officer cannot update at all.
    await rejects(cases.updateCase(actingAs(org, admin, ['admin', 'executive']), id, { note: 'x' }), 403);
  });

  test('reveal: only the assigned officer, with a reason; the audit entry names who and why; anonymous → 409', async () => {
    const { id } = await file(org, { identity: { name: 'นางสาวอามีนะห์ ดอเลาะ', phone: '081 234 5678' }, mayContact: true });
    const [stored] = await env.services.db
      .select({ s: complaints.identitySealed })
      .from(complaints)
      .where(and(eq(complaints.orgId, org.org.id), eq(complaints.id, id)));
    assert.ok(stored?.s && !stored.s.includes('อามีนะห์'));
    const ctxLegal = actingAs(org, legal, OFFICER);
    const ctxHead = actingAs(org, head, ['complaint_officer']);
    await rejects(cases.revealIdentity(ctxLegal, id, 'ต้องติดต่อผู้ร้องเรียนเพื่อขอข้อมูล'), 403); // nobody assigned
    await cases.updateCase(ctxLegal, id, { assignedUserId: legal.userId });
    await rejects(cases.revealIdentity(ctxHead, id, 'ต้องติดต่อผู้ร้องเรียนเพื่อขอข้อมูล'), 403);
    await rejects(cases.revealIdentity(ctxLegal, id, 'สั้น'), 422, 'reason');
    assert.equal((await cases.getCase(ctxLegal, id)).canReveal, true);
    const identity = await cases.revealIdentity(ctxLegal, id, 'ต้องติดต่อผู้ร้องเรียนเพื่อขอข้อมูล');
    assert.equal(identity.name, 'นางสาวอามีนะห์ ดอเลาะ');
    const reveals = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'complaints.revealIdentity'), eq(auditLog.entityId, String(id))));
    assert.equal(reveals.length, 1, 'refused reveals leave no entry; the one made leaves one');
    assert.equal(reveals[0]?.actorUserId, legal.userId);
    assert.match(reveals[0]?.summary ?? '', /ต้องติดต่อผู้ร้องเรียนเพื่อขอข้อมูล/);
    assert.ok(!JSON.stringify(reveals).includes('อามีนะห์'), 'the identity is not in the log');
    const detail = await cases.getCase(ctxLegal, id);
    assert.ok(detail.audit.some((a) => a.action === 'complaints.revealIdentity'));
    assert.ok(!JSON.stringify(detail).includes('อามีนะห์'), 'the case view never holds the identity');
    const anon = await file(org);
    await cases.updateCase(ctxLegal, anon.id, { assignedUserId: legal.userId });
    await rejects(cases.revealIdentity(ctxLegal, anon.id, 'ต้องติดต่อผู้ร้องเรียนเพื่อขอข้อมูล'), 409);
  });

  test('routing sends a new complaint to the category’s officer; only officers (and admins) configure it', async () => {
    await rejects(cases.setRouting(actingAs(org, plain, ['staff']), { bribery: legal.userId }), 403);
    await rejects(cases.setRouting(actingAs(org, legal, OFFICER), { bribery: plain.userId }), 422, 'route_bribery');
    await cases.setRouting(actingAs(org, admin, ['admin']), { bribery: legal.userId, procurement: head.userId });
    const r = await cases.getRouting(actingAs(org, legal, OFFICER));
    assert.equal(r.routes.bribery, legal.userId);
    const { id } = await file(org);
    assert.equal((await cases.getCase(actingAs(org, legal, OFFICER), id)).complaint.assignedUserId, legal.userId);
    await cases.setRouting(actingAs(org, legal, OFFICER), {});
    assert.deepEqual((await cases.getRouting(actingAs(org, legal, OFFICER))).routes, {});
  });

  test('overdue: the worker tells once, the assigned officer or every officer not concerned; todo counts', async () => {
    const o = await createTestOrg(env);
    const a = await createTestUser(env, o, OFFICER);
    const b = await createTestUser(env, o, OFFICER);
    const c = await createTestUser(env, o, OFFICER);
    const first = await file(o);
    const second = await file(o);
    await cases.updateCase(actingAs(o, a, OFFICER), first.id, { assignedUserId: b.userId });
    await cases.updateCase(actingAs(o, a, OFFICER), second.id, { concernsUserIds: [c.userId] });
    const sys = { ...o.ctx };
    assert.equal(await cases.alertOverdue(sys), 0, 'nothing due yet');
    const todoBefore = await complaintsTodo(actingAs(o, a, OFFICER));
    assert.ok(todoBefore.some((t) => t.label === 'complaints.todo.unassigned' && t.params?.count === 1));
    assert.ok(!todoBefore.some((t) => t.label === 'complaints.todo.overdue'));
    const saved = clock;
    clock = new Date(saved.getTime() + 9 * 86_400_000);
    try {
      assert.equal(await cases.alertOverdue(sys), 2);
      assert.equal(await cases.alertOverdue(sys), 0, 'only once');
      const sent = await env.services.db
        .select({ userId: notifications.userId, href: notifications.href })
        .from(notifications)
        .where(and(eq(notifications.orgId, o.org.id), eq(notifications.kind, 'complaints.overdue')));
      const to = (id: number) =>
        sent
          .filter((s) => s.href === `/staff/complaints/${id}`)
          .map((s) => s.userId)
          .sort();
      assert.deepEqual(to(first.id), [b.userId]);
      assert.deepEqual(to(second.id), [a.userId, b.userId].sort(), 'not the officer the complaint concerns');
      const todo = await complaintsTodo(actingAs(o, a, OFFICER));
      assert.ok(todo.some((t) => t.label === 'complaints.todo.overdue' && t.params?.count === 2));
      assert.deepEqual(
        await complaintsTodo(actingAs(o, c, OFFICER)).then((t) => t.find((x) => x.label === 'complaints.todo.overdue')?.params?.count),
        1,
      );
      assert.deepEqual(await complaintsTodo(actingAs(o, a, ['admin'])), []);
      const overdue = await cases.listCases(actingAs(o, a, OFFICER), { overdue: true });
      assert.equal(overdue.length, 2);
      await cases.updateCase(actingAs(o, b, OFFICER), first.id, { status: 'acknowledged' });
      assert.equal((await cases.listCases(actingAs(o, a, OFFICER), { overdue: true })).length, 1);
    } finally {
      clock = saved;
    }
  });

  test('pages without JS: record a letter (receipt code shown once), change status, note, reveal shown on that response only', async () => {
    const browser = new TestBrowser(env, org.host);
    await browser.signIn(legal.username, legal.password);
    const form = await browser.get('/staff/complaints/new');
    assert.equal(form.status, 200);
    const bad = await browser.post('/staff/complaints/new', {
      channel: 'letter',
      receivedOn: '1/1/2580',
      category: '',
      subject: '',
      description: 'สั้น',
    });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /error-summary/);
    assert.match(badHtml, /value="1\/1\/2580"/, 'the form comes back with its values');
    const res = await browser.post('/staff/complaints/new', {
      channel: 'letter',
      receivedOn: '20/11/2569',
      category: 'abuse_of_office',
      subject: 'หนังสือร้องเรียนการออกหนังสือรับรองล่าช้าโดยมิชอบ',
      description: 'ผู้ร้องส่งหนังสือแจ้งว่าเจ้าหน้าที่ไม่ออกหนังสือรับรองให้โดยไม่มีเหตุผลอันควร เป็นเวลากว่าสองเดือน',
      name: 'นายอับดุลเลาะ สาและ',
      phone: '0812345678',
      mayContact: ['', 'yes'],
    });
    assert.equal(res.status, 303, await res.clone().text());
    const location = res.headers.get('location') ?? '';
    const id = Number(/\/staff\/complaints\/(\d+)$/.exec(location)?.[1]);
    assert.ok(id > 0);
    const page = await browser.get(location);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const html = await page.text();
    const code = /class="cmp-receipt"[^>]*>\s*([\d ]{19})/.exec(html)?.[1];
    assert.ok(code, 'the receipt code is shown');
    assert.ok(!html.includes('อับดุลเลาะ'), 'the identity is not on the case page');
    const again = await (await browser.get(location)).text();
    assert.ok(!again.includes('class="cmp-receipt"'), 'shown once');
    const row = (await cases.getCase(actingAs(org, legal, OFFICER), id)).complaint;
    assert.equal(row.channel, 'letter');
    assert.equal(row.receivedOn, '2026-11-20');
    const tracked = await trackComplaint({ app: env.services, orgId: org.org.id, actor: null }, code.replace(/ /g, ''), { floorMs: 0 });
    assert.equal(tracked?.subject, 'หนังสือร้องเรียนการออกหนังสือรับรองล่าช้าโดยมิชอบ');

    // Status (form post + 303), an invalid one re-shown with the message.
    assert.equal(
      (
        await browser.post(
          `/staff/complaints/${id}/status`,
          { status: 'finished', expectedStatus: 'received', reason: '' },
          { from: location },
        )
      ).status,
      422,
    );
    assert.equal(
      (
        await browser.post(
          `/staff/complaints/${id}/status`,
          { status: 'acknowledged', expectedStatus: 'received', reason: '' },
          { from: location },
        )
      ).status,
      303,
    );
    assert.equal((await browser.post(`/staff/complaints/${id}/note`, { note: 'โทรสอบถามกองช่างแล้ว' }, { from: location })).status, 303);
    assert.equal(
      (await browser.post(`/staff/complaints/${id}/assign`, { assignedUserId: String(legal.userId) }, { from: location })).status,
      303,
    );
    const casePage = await (await browser.get(location)).text();
    assert.match(casePage, /โทรสอบถามกองช่างแล้ว/);
    assert.match(casePage, /name="reason"/);
    // Reveal: shown on the POST's own response, never on a later GET.
    const reveal = await browser.post(`/staff/complaints/${id}/reveal`, { reason: 'ต้องโทรนัดผู้ร้องเรียนมาให้ถ้อยคำ' }, { from: location });
    assert.equal(reveal.status, 200);
    assert.equal(reveal.headers.get('cache-control'), 'no-store');
    const revealed = await reveal.text();
    assert.match(revealed, /นายอับดุลเลาะ สาและ/);
    assert.match(revealed, /ต้องโทรนัดผู้ร้องเรียนมาให้ถ้อยคำ/, 'the audit table on the page shows the reveal and its reason');
    assert.ok(!(await (await browser.get(location)).text()).includes('อับดุลเลาะ'));
    // The list and the routing page.
    const list = await (await browser.get('/staff/complaints?status=open')).text();
    assert.match(list, /หนังสือร้องเรียนการออกหนังสือรับรองล่าช้าโดยมิชอบ/);
    assert.equal((await browser.get('/staff/complaints/routing')).status, 200);
    assert.equal(
      (await browser.post('/staff/complaints/routing', { route_bribery: String(legal.userId) }, { from: '/staff/complaints/routing' }))
        .status,
      303,
    );
    assert.equal((await cases.getRouting(actingAs(org, legal, OFFICER))).routes.bribery, legal.userId);
  });

  test('API complaints.update', async () => {
    const { id } = await file(org);
    const browser = new TestBrowser(env, org.host);
    await browser.signIn(legal.username, legal.password);
    const patch = (body: unknown) =>
      browser.request(`/api/complaints/cases/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await patch({ status: 'investigating', note: 'เริ่มตรวจสอบ', assignedUserId: legal.userId });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.deepEqual(await ok.json(), { id, status: 'investigating' });
    assert.equal((await patch({ status: 'received' })).status, 422);
    assert.equal((await patch({ status: 'finished' })).status, 422);
    assert.equal((await patch({ status: 'finished', expectedStatus: 'received', reason: 'x' })).status, 409);
    const entries = await env.services.db
      .select()
      .from(complaintEntries)
      .where(and(eq(complaintEntries.orgId, org.org.id), eq(complaintEntries.complaintId, id)));
    assert.ok(entries.some((e) => e.kind === 'note' && e.text === 'เริ่มตรวจสอบ'));
    assert.equal(
      (
        await browser.request('/api/complaints/cases/999999', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: '{"note":"x"}',
        })
      ).status,
      404,
    );
  });
});
