import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/http/errors.js';
import { notifications } from '../../core/notify/schema.js';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg, unique } from '../../testing/harness.js';
import { createPosition, createStaff, setActing, setCommandChain } from '../staff/service.js';
import { sweepRoutingReminders } from './reminders.js';
import { routingCases, routingSteps } from './schema.js';
import {
  decide,
  latestCase,
  listInbox,
  type RoutingCase,
  registerRoutable,
  remindDays,
  signedComments,
  submitForRouting,
} from './service.js';

/**
 * Routing over a three-step chain (head of office → permanent secretary, vacant, acted for by
 * the deputy → mayor) with a document kind registered here. The clock is the app's test clock.
 */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let clock = new Date('2024-10-22T02:00:00Z');
const DAY = 86_400_000;

interface Person {
  staffId: number;
  userId: number;
  username: string;
  password: string;
  name: string;
  ctx: ServiceContext;
}
let clerk: Person;
let head: Person;
let deputy: Person;
let mayor: Person;
let outsider: Person; // same organization, not in the chain
let foreign: Person; // another organization

const events: { what: 'prepare' | 'completed' | 'returned'; entityId: string; caseId?: number }[] = [];
/** Documents that exist; prepare refuses others (as a real kind would). */
const documents = new Set<string>();

function actorOf(o: TestOrg, userId: number, username: string, displayName: string, roles: Role[]): Actor {
  return { orgId: o.org.id, userId, username, displayName, roles, mustChangePassword: false };
}

async function person(
  o: TestOrg,
  titlePrefix: string,
  firstName: string,
  lastName: string,
  roles: Role[],
  positionId?: number,
): Promise<Person> {
  const username = unique('r');
  const password = `pw-${unique('s')}-long`;
  const created = await createStaff(o.ctx, { titlePrefix, firstName, lastName, positionId, account: { username, roles, password } });
  const userId = created.userId as number;
  const name = `${titlePrefix}${firstName} ${lastName}`;
  return {
    staffId: created.staffId,
    userId,
    username,
    password,
    name,
    ctx: { app: env.services, orgId: o.org.id, actor: actorOf(o, userId, username, name, roles) },
  };
}

const errorOf = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  assert.fail('expected an error');
};

const inboxOf = async (who: Person) =>
  env.services.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, who.ctx.orgId), eq(notifications.userId, who.userId)));

const stepsOf = async (caseId: number) => (await latestCaseById(caseId)).steps;
async function latestCaseById(caseId: number) {
  const [c] = await env.services.db.select().from(routingCases).where(eq(routingCases.id, caseId));
  assert.ok(c);
  const found = await latestCase(org.ctx, c.entity, c.entityId);
  assert.ok(found);
  return found;
}

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env, { name: 'ลูโบะทดสอบ' });
  other = await createTestOrg(env);
  registerRoutable({
    entity: 'test.doc',
    async prepare(_tx, ctx, entityId) {
      events.push({ what: 'prepare', entityId });
      if (!documents.has(entityId)) throw new AppError(404, 'not_found', 'core.errors.notFound');
      if (!ctx.actor) throw new AppError(403, 'forbidden', 'core.errors.forbidden');
      return { title: `บันทึกทดสอบ ${entityId}`, href: `/staff/test-docs/${entityId}.pdf` };
    },
    async onCompleted(_tx, _ctx, c) {
      events.push({ what: 'completed', entityId: c.entityId, caseId: c.id });
    },
    async onReturned(_tx, _ctx, c) {
      events.push({ what: 'returned', entityId: c.entityId, caseId: c.id });
    },
  });
  const ctx = org.ctx;
  const headPos = await createPosition(ctx, { title: 'หัวหน้าสำนักปลัด', appendOrgName: false, rank: 'division_head' });
  const secretaryPos = await createPosition(ctx, { title: 'ปลัด', appendOrgName: true, rank: 'permanent_secretary' });
  const deputyPos = await createPosition(ctx, { title: 'รองปลัด', appendOrgName: true, rank: 'deputy_secretary' });
  const mayorPos = await createPosition(ctx, { title: 'นายก', appendOrgName: true, rank: 'mayor' });
  const clerkPos = await createPosition(ctx, { title: 'เจ้าพนักงานธุรการชำนาญงาน', appendOrgName: false, rank: 'staff' });
  clerk = await person(org, 'นางสาว', 'ฟาตีเมาะ', 'หะเดวา', ['ita_coordinator', 'staff'], clerkPos);
  head = await person(org, 'นาง', 'วิชุดา', 'กุลเกื้อ', ['division_head'], headPos);
  deputy = await person(org, 'นางสาว', 'ฟาตีเมาะ', 'ชะรีแลม', ['executive'], deputyPos);
  mayor = await person(org, 'นาย', 'จิรเดช', 'ชามาละ', ['executive'], mayorPos);
  outsider = await person(org, 'นาย', 'มะรอนิง', 'ยูโซะ', ['staff']);
  foreign = await person(other, 'นาย', 'ต่างถิ่น', 'ทดสอบ', ['executive', 'admin']);
  await setActing(ctx, deputy.staffId, [secretaryPos]);
  await setCommandChain(ctx, [headPos, secretaryPos, mayorPos]);
});
after(() => env.close());

async function newDocument(): Promise<string> {
  const id = unique('d');
  documents.add(id);
  return id;
}

describe('submitting', () => {
  test('steps follow the chain, with headings, acting positions, the first active and its signer notified', async () => {
    const id = await newDocument();
    const before = (await inboxOf(head)).length;
    const c = await submitForRouting(clerk.ctx, 'test.doc', id);
    assert.equal(c.status, 'in_progress');
    assert.equal(c.title, `บันทึกทดสอบ ${id}`);
    assert.equal(c.submittedBy, clerk.userId);
    const steps = await stepsOf(c.id);
    assert.deepEqual(
      steps.map((s) => [s.seq, s.heading, s.assigneeName, s.assigneePositions, s.acting, s.status]),
      [
        [1, 'ความเห็นหัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลลูโบะทดสอบ', 'นางวิชุดา กุลเกื้อ', ['หัวหน้าสำนักปลัด'], false, 'active'],
        [
          2,
          'ความเห็นปลัดองค์การบริหารส่วนตำบลลูโบะทดสอบ',
          'นางสาวฟาตีเมาะ ชะรีแลม',
          ['รองปลัดองค์การบริหารส่วนตำบลลูโบะทดสอบ', 'รักษาการแทนปลัดองค์การบริหารส่วนตำบลลูโบะทดสอบ'],
          true,
          'waiting',
        ],
        [3, 'ความเห็นนายกองค์การบริหารส่วนตำบลลูโบะทดสอบ', 'นายจิรเดช ชามาละ', ['นายกองค์การบริหารส่วนตำบลลูโบะทดสอบ'], false, 'waiting'],
      ],
    );
    const notes = await inboxOf(head);
    assert.equal(notes.length, before + 1);
    assert.match(notes.at(-1)?.title ?? '', /รอท่านลงนาม/);
    assert.equal(notes.at(-1)?.href, `/staff/routing/${c.id}`);
  });

  test('a document already in routing cannot be submitted twice (409); prepare refusing stops the submit', async () => {
    const id = await newDocument();
    await submitForRouting(clerk.ctx, 'test.doc', id);
    const again = await errorOf(submitForRouting(clerk.ctx, 'test.doc', id));
    assert.equal(again.status, 409);
    assert.equal(again.messageKey, 'routing.errors.alreadyRouting');
    const missing = await errorOf(submitForRouting(clerk.ctx, 'test.doc', 'no-such-document'));
    assert.equal(missing.status, 404);
    const unknownKind = await errorOf(submitForRouting(clerk.ctx, 'nobody.registered', id));
    assert.equal(unknownKind.status, 404);
    const rows = await env.services.db
      .select()
      .from(routingCases)
      .where(and(eq(routingCases.orgId, org.org.id), eq(routingCases.entityId, 'no-such-document')));
    assert.equal(rows.length, 0);
  });

  test('an empty chain or a step nobody can sign is refused with a clear message', async () => {
    const id = await newDocument();
    const lonely = await person(other, 'นาง', 'ผู้เสนอ', 'ทดสอบ', ['staff']);
    const empty = await errorOf(submitForRouting(lonely.ctx, 'test.doc', id));
    assert.equal(empty.status, 422);
    assert.equal(empty.messageKey, 'routing.errors.noChain');
    const vacantPos = await createPosition(other.ctx, { title: 'นายก', appendOrgName: true, rank: 'mayor' });
    await setCommandChain(other.ctx, [vacantPos]);
    const vacant = await errorOf(submitForRouting(lonely.ctx, 'test.doc', id));
    assert.equal(vacant.status, 422);
    assert.equal(vacant.messageKey, 'routing.errors.vacant');
    assert.match(String(vacant.params.position), /^นายกองค์การบริหารส่วนตำบล/);
    // A holder without an account cannot sign either.
    await createStaff(other.ctx, { titlePrefix: 'นาย', firstName: 'ไม่มี', lastName: 'บัญชี', positionId: vacantPos });
    const noAccount = await errorOf(submitForRouting(lonely.ctx, 'test.doc', id));
    assert.equal(noAccount.messageKey, 'routing.errors.noAccount');
    const rows = await env.services.db.select().from(routingCases).where(eq(routingCases.orgId, other.org.id));
    assert.equal(rows.length, 0);
  });
});

describe('deciding', () => {
  test('the full sequence: three signatures complete the case, onCompleted runs, the submitter is told', async () => {
    const id = await newDocument();
    const c = await submitForRouting(clerk.ctx, 'test.doc', id);
    let steps = await stepsOf(c.id);
    const [s1, s2, s3] = steps as [(typeof steps)[0], (typeof steps)[0], (typeof steps)[0]];

    clock = new Date(clock.getTime() + 3600_000);
    await decide(head.ctx, s1.id, { decision: 'forward', signatureName: '  นางวิชุดา   กุลเกื้อ ' });
    steps = await stepsOf(c.id);
    assert.deepEqual(
      steps.map((s) => s.status),
      ['signed', 'active', 'waiting'],
    );
    assert.equal(steps[0]?.signatureName, 'นางวิชุดา กุลเกื้อ');
    assert.equal(steps[0]?.signedAt?.getTime(), clock.getTime());
    assert.ok((await inboxOf(deputy)).some((n) => n.href === `/staff/routing/${c.id}`));

    // The deputy, acting for the secretary, types the name without the title: accepted too.
    await decide(deputy.ctx, s2.id, { decision: 'acknowledge', signatureName: 'ฟาตีเมาะชะรีแลม' });
    const done = await decide(mayor.ctx, s3.id, {
      decision: 'comment',
      comment: 'ทราบ ให้ประกาศบนเว็บไซต์ต่อไป',
      signatureName: 'นายจิรเดช ชามาละ',
    });
    assert.equal(done.status, 'completed');
    assert.ok(done.completedAt);
    assert.deepEqual(
      events.filter((e) => e.entityId === id).map((e) => e.what),
      ['prepare', 'completed'],
    );
    const comments = signedComments(await stepsOf(c.id));
    assert.deepEqual(
      comments.map((x) => [x.text, x.name, x.positions, x.acting]),
      [
        ['เพื่อโปรดทราบ', 'นางวิชุดา กุลเกื้อ', ['หัวหน้าสำนักปลัด'], false],
        ['ทราบ', 'นางสาวฟาตีเมาะ ชะรีแลม', ['รองปลัดองค์การบริหารส่วนตำบลลูโบะทดสอบ', 'รักษาการแทนปลัดองค์การบริหารส่วนตำบลลูโบะทดสอบ'], true],
        ['ทราบ ให้ประกาศบนเว็บไซต์ต่อไป', 'นายจิรเดช ชามาละ', ['นายกองค์การบริหารส่วนตำบลลูโบะทดสอบ'], false],
      ],
    );
    assert.ok((await inboxOf(clerk)).some((n) => n.kind === 'routing.completed' && n.href === `/staff/routing/${c.id}`));
    const inbox = await listInbox(clerk.ctx);
    assert.ok(inbox.done.some((x) => x.id === c.id));
    assert.ok(!inbox.sent.some((x) => x.case.id === c.id));
    const [audit] = await env.services.database.query<{ action: string; summary: string }>(
      'SELECT action, summary FROM audit_log WHERE org_id = $1 ORDER BY seq DESC LIMIT 1',
      [org.org.id],
    );
    assert.equal(audit?.action, 'routing.decide');
  });

  test('only the assignee of the active step signs: others 403, another organization 404, a waiting step 409', async () => {
    const c = await submitForRouting(clerk.ctx, 'test.doc', await newDocument());
    const [s1, , s3] = await stepsOf(c.id);
    assert.ok(s1 && s3);
    const byMayor = await errorOf(decide(mayor.ctx, s1.id, { decision: 'acknowledge', signatureName: mayor.name }));
    assert.equal(byMayor.status, 403);
    const byOutsider = await errorOf(decide(outsider.ctx, s1.id, { decision: 'acknowledge', signatureName: outsider.name }));
    assert.equal(byOutsider.status, 404);
    const byForeign = await errorOf(decide({ ...foreign.ctx }, s1.id, { decision: 'acknowledge', signatureName: foreign.name }));
    assert.equal(byForeign.status, 404);
    const anonymous = await errorOf(
      decide({ app: env.services, orgId: org.org.id, actor: null }, s1.id, { decision: 'acknowledge', signatureName: 'x' }),
    );
    assert.equal(anonymous.status, 401);
    const early = await errorOf(decide(mayor.ctx, s3.id, { decision: 'acknowledge', signatureName: mayor.name }));
    assert.equal(early.status, 409);
    assert.deepEqual(
      (await stepsOf(c.id)).map((s) => s.status),
      ['active', 'waiting', 'waiting'],
    );
  });

  test('a typed name that is not the signer’s own is refused in Thai, nothing changes', async () => {
    const c = await submitForRouting(clerk.ctx, 'test.doc', await newDocument());
    const [s1] = await stepsOf(c.id);
    assert.ok(s1);
    const wrong = await errorOf(decide(head.ctx, s1.id, { decision: 'acknowledge', signatureName: 'นายจิรเดช ชามาละ' }));
    assert.equal(wrong.status, 422);
    assert.equal(wrong.fields[0]?.field, 'signatureName');
    assert.equal(wrong.fields[0]?.message, 'routing.errors.signatureMismatch');
    const empty = await errorOf(decide(head.ctx, s1.id, { decision: 'acknowledge', signatureName: '  ' }));
    assert.equal(empty.fields[0]?.message, 'routing.errors.signatureRequired');
    const noComment = await errorOf(decide(head.ctx, s1.id, { decision: 'comment', signatureName: head.name }));
    assert.equal(noComment.fields[0]?.field, 'comment');
    assert.equal((await stepsOf(c.id))[0]?.status, 'active');
  });

  test('return needs a reason, ends the case as returned, tells the submitter; a resubmit makes a new case', async () => {
    const id = await newDocument();
    const c = await submitForRouting(clerk.ctx, 'test.doc', id);
    const [s1, s2] = await stepsOf(c.id);
    assert.ok(s1 && s2);
    await decide(head.ctx, s1.id, { decision: 'forward', signatureName: head.name });
    const noReason = await errorOf(decide(deputy.ctx, s2.id, { decision: 'return', signatureName: deputy.name }));
    assert.equal(noReason.status, 422);
    assert.equal(noReason.fields[0]?.field, 'reason');
    const reason = 'ชื่อหน่วยงานในเอกสารไม่ถูกต้อง (แม่ตง) โปรดแก้ไข';
    const returned = await decide(deputy.ctx, s2.id, { decision: 'return', reason, signatureName: deputy.name });
    assert.equal(returned.status, 'returned');
    assert.equal(returned.returnReason, reason);
    assert.deepEqual(
      (await stepsOf(c.id)).map((s) => s.status),
      ['signed', 'returned', 'cancelled'],
    );
    assert.deepEqual(
      events.filter((e) => e.entityId === id).map((e) => e.what),
      ['prepare', 'returned'],
    );
    const note = (await inboxOf(clerk)).find((n) => n.kind === 'routing.returned' && n.href === `/staff/routing/${c.id}`);
    assert.ok(note);
    assert.match(note.body ?? '', /แม่ตง/);
    // Returned steps are not comment blocks of the document.
    assert.equal(signedComments(await stepsOf(c.id)).length, 1);

    const again = await submitForRouting(clerk.ctx, 'test.doc', id);
    assert.notEqual(again.id, c.id);
    const latest = await latestCase(clerk.ctx, 'test.doc', id);
    assert.equal(latest?.case.id, again.id);
    assert.deepEqual(
      latest?.steps.map((s) => s.status),
      ['active', 'waiting', 'waiting'],
    );
  });

  test('two decisions on one step at once: exactly one wins', async () => {
    const c = await submitForRouting(clerk.ctx, 'test.doc', await newDocument());
    const [s1] = await stepsOf(c.id);
    assert.ok(s1);
    const results = await Promise.allSettled([
      decide(head.ctx, s1.id, { decision: 'forward', signatureName: head.name }),
      decide(head.ctx, s1.id, { decision: 'approve', signatureName: head.name }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((failed.reason as AppError).status, 409);
    const steps = await stepsOf(c.id);
    assert.deepEqual(
      steps.map((s) => s.status),
      ['signed', 'active', 'waiting'],
    );
  });

  test('a parallel group: the next step starts only when everyone of the group has signed', async () => {
    const db = env.services.db;
    const now = clock;
    const [c] = await db
      .insert(routingCases)
      .values({
        orgId: org.org.id,
        entity: 'test.doc',
        entityId: await newDocument(),
        title: 'เวียนพร้อมกัน',
        href: '/x.pdf',
        submittedBy: clerk.userId,
        submittedAt: now,
      })
      .returning();
    assert.ok(c);
    const step = (seq: number, p: Person, status: 'active' | 'waiting') => ({
      orgId: org.org.id,
      caseId: c.id,
      seq,
      heading: `ความเห็น ${p.name}`,
      assigneeStaffId: p.staffId,
      assigneeUserId: p.userId,
      assigneeName: p.name,
      assigneePositions: [],
      status,
      activatedAt: status === 'active' ? now : null,
    });
    const [a, b, m] = await db
      .insert(routingSteps)
      .values([step(1, head, 'active'), step(1, deputy, 'active'), step(2, mayor, 'waiting')])
      .returning();
    assert.ok(a && b && m);
    await decide(deputy.ctx, b.id, { decision: 'acknowledge', signatureName: deputy.name });
    assert.deepEqual(
      (await stepsOf(c.id)).map((s) => s.status),
      ['active', 'signed', 'waiting'],
    );
    await decide(head.ctx, a.id, { decision: 'acknowledge', signatureName: head.name });
    assert.deepEqual(
      (await stepsOf(c.id)).map((s) => s.status),
      ['signed', 'signed', 'active'],
    );
    const final: RoutingCase = await decide(mayor.ctx, m.id, { decision: 'approve', signatureName: mayor.name });
    assert.equal(final.status, 'completed');
    assert.deepEqual(
      signedComments(await stepsOf(c.id)).map((x) => x.text),
      ['ทราบ', 'ทราบ', 'อนุมัติ'],
    );
  });
});

describe('reminders', () => {
  test('N comes from the organization setting, else the environment, else 3', () => {
    assert.equal(remindDays({ routingRemindDays: 5 }, { PRONGSAI_ROUTING_REMIND_DAYS: '2' }), 5);
    assert.equal(remindDays({}, { PRONGSAI_ROUTING_REMIND_DAYS: '2' }), 2);
    assert.equal(remindDays({ routingRemindDays: 'x' }, { PRONGSAI_ROUTING_REMIND_DAYS: '-1' }), 3);
    assert.equal(remindDays(null, {}), 3);
  });

  test('a step waiting more than N days reminds its assignee once every N days', async () => {
    // A fresh organization, so other tests' open cases do not count.
    const o = await createTestOrg(env);
    const pos = await createPosition(o.ctx, { title: 'นายก', appendOrgName: true, rank: 'mayor' });
    const boss = await person(o, 'นาย', 'เตือน', 'ความจำ', ['executive'], pos);
    const writer = await person(o, 'นาง', 'ผู้', 'เขียน', ['staff']);
    await setCommandChain(o.ctx, [pos]);
    const id = await newDocument();
    const c = await submitForRouting(writer.ctx, 'test.doc', id);
    const reminders = async () => (await inboxOf(boss)).filter((n) => n.kind === 'routing.reminder');
    const env3 = { PRONGSAI_ROUTING_REMIND_DAYS: '3' };

    const start = clock;
    clock = new Date(start.getTime() + 2 * DAY);
    await sweepRoutingReminders(env.services, env3);
    assert.equal((await reminders()).length, 0);
    clock = new Date(start.getTime() + 3 * DAY + 60_000);
    await sweepRoutingReminders(env.services, env3);
    assert.equal((await reminders()).length, 1);
    assert.match((await reminders())[0]?.title ?? '', /3 วัน/);
    assert.equal((await reminders())[0]?.href, `/staff/routing/${c.id}`);
    await sweepRoutingReminders(env.services, env3);
    clock = new Date(start.getTime() + 5 * DAY);
    await sweepRoutingReminders(env.services, env3);
    assert.equal((await reminders()).length, 1, 'not again before another N days');
    clock = new Date(start.getTime() + 6 * DAY + 120_000);
    await sweepRoutingReminders(env.services, env3);
    assert.equal((await reminders()).length, 2);
    // A shorter period from the environment.
    clock = new Date(clock.getTime() + DAY + 60_000);
    await sweepRoutingReminders(env.services, { PRONGSAI_ROUTING_REMIND_DAYS: '1' });
    assert.equal((await reminders()).length, 3);
    // Once signed, no more reminders.
    const [s] = (await latestCase(o.ctx, 'test.doc', id))?.steps ?? [];
    assert.ok(s);
    await decide(boss.ctx, s.id, { decision: 'approve', signatureName: boss.name });
    clock = new Date(clock.getTime() + 10 * DAY);
    await sweepRoutingReminders(env.services, env3);
    assert.equal((await reminders()).length, 3);
  });
});

describe('pages', () => {
  test('the signer reads the inbox and the case, a wrong typed name is re-shown in Thai, the right one signs', async () => {
    const c = await submitForRouting(clerk.ctx, 'test.doc', await newDocument());
    clock = new Date(clock.getTime() + 2 * DAY + 1000);
    const browser = new TestBrowser(env, org.host);
    await browser.signIn(head.username, head.password);
    const home = await (await browser.get('/staff')).text();
    assert.match(home, /รอท่านลงนาม/);
    const inbox = await browser.get('/staff/routing');
    assert.equal(inbox.status, 200);
    const html = await inbox.text();
    assert.ok(html.includes(c.title));
    assert.match(html, /รอมาแล้ว 2 วัน/);

    const page = await browser.get(`/staff/routing/${c.id}`);
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ \(ฉบับที่ ๔\) พ.ศ. ๒๕๖๔/);
    assert.match(text, /เพื่อโปรดทราบ/);
    assert.ok(text.includes(`href="/staff/test-docs/`));
    const [s1] = await stepsOf(c.id);
    assert.ok(s1);
    const action = `/staff/routing/${c.id}/steps/${s1.id}`;
    const bad = await browser.post(action, { decision: 'forward', signatureName: 'คนอื่น' }, { from: `/staff/routing/${c.id}` });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /ชื่อที่พิมพ์ไม่ตรงกับชื่อของท่านในระบบ/);
    const ok = await browser.post(action, { decision: 'forward', signatureName: head.name }, { from: `/staff/routing/${c.id}` });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `/staff/routing/${c.id}`);
    // A second tap after signing: back to the case, told it no longer waits, nothing signed twice.
    const again = await browser.post(
      action,
      { decision: 'approve', signatureName: head.name },
      { csrf: await browser.csrf('/staff/routing') },
    );
    assert.equal(again.status, 303);
    const after = await (await browser.get(`/staff/routing/${c.id}`)).text();
    assert.match(after, /ขั้นนี้ไม่ได้รอการลงนามแล้ว/);
    assert.equal((await stepsOf(c.id))[0]?.decision, 'forward');
    assert.match(after, /ลงชื่อ \(พิมพ์ชื่อ\): นางวิชุดา กุลเกื้อ/);
    assert.doesNotMatch(after, /name="signatureName"/);

    // The mayor (not yet his turn) sees the case but no form; an outsider gets 404; another org's staff 404.
    const mb = new TestBrowser(env, org.host);
    await mb.signIn(mayor.username, mayor.password);
    const mp = await (await mb.get(`/staff/routing/${c.id}`)).text();
    assert.doesNotMatch(mp, /name="signatureName"/);
    const early = await mb.post(
      `/staff/routing/${c.id}/steps/${s1.id}`,
      { decision: 'forward', signatureName: mayor.name },
      { from: `/staff/routing/${c.id}` },
    );
    assert.equal(early.status, 403);
    const ob = new TestBrowser(env, org.host);
    await ob.signIn(outsider.username, outsider.password);
    assert.equal((await ob.get(`/staff/routing/${c.id}`)).status, 404);
    const fb = new TestBrowser(env, other.host);
    await fb.signIn(foreign.username, foreign.password);
    assert.equal((await fb.get(`/staff/routing/${c.id}`)).status, 404);
    const anon = new TestBrowser(env, org.host);
    const anonRes = await anon.get(`/staff/routing/${c.id}`);
    assert.ok([302, 303, 401].includes(anonRes.status));
  });
});

describe('API', () => {
  function call(where: TestOrg, path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
    const headers: Record<string, string> = { host: where.host };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return env.app.request(`http://${where.host}/api${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
  }
  async function tokenFor(where: TestOrg, who: { username: string; password: string }): Promise<string> {
    const res = await call(where, '/auth/login', { method: 'POST', json: { username: who.username, password: who.password } });
    assert.equal(res.status, 200);
    return ((await res.json()) as { token: string }).token;
  }

  test('routing.submit, routing.inbox and routing.decide', async () => {
    const id = await newDocument();
    const clerkToken = await tokenFor(org, clerk);
    const sub = await call(org, '/routing/cases', { method: 'POST', token: clerkToken, json: { entity: 'test.doc', entityId: id } });
    assert.equal(sub.status, 201);
    const c = (await sub.json()) as { id: number; status: string };
    assert.equal(c.status, 'in_progress');
    const twice = await call(org, '/routing/cases', { method: 'POST', token: clerkToken, json: { entity: 'test.doc', entityId: id } });
    assert.equal(twice.status, 409);

    const headToken = await tokenFor(org, head);
    const inbox = (await (await call(org, '/routing/inbox', { token: headToken })).json()) as {
      waiting: { case: { id: number }; step: { id: number; heading: string } }[];
    };
    const mine = inbox.waiting.find((w) => w.case.id === c.id);
    assert.ok(mine);
    const mayorToken = await tokenFor(org, mayor);
    const notMine = await call(org, `/routing/steps/${mine.step.id}/decision`, {
      method: 'POST',
      token: mayorToken,
      json: { decision: 'acknowledge', signatureName: mayor.name },
    });
    assert.equal(notMine.status, 403);
    const wrongName = await call(org, `/routing/steps/${mine.step.id}/decision`, {
      method: 'POST',
      token: headToken,
      json: { decision: 'acknowledge', signatureName: 'ผิดชื่อ' },
    });
    assert.equal(wrongName.status, 422);
    const body = (await wrongName.json()) as { error: { fields: { field: string; message: string }[] } };
    assert.equal(body.error.fields[0]?.field, 'signatureName');
    assert.match(body.error.fields[0]?.message ?? '', /ไม่ตรงกับชื่อของท่านในระบบ/);
    const badDecision = await call(org, `/routing/steps/${mine.step.id}/decision`, {
      method: 'POST',
      token: headToken,
      json: { decision: 'maybe', signatureName: head.name },
    });
    assert.equal(badDecision.status, 422);
    const ok = await call(org, `/routing/steps/${mine.step.id}/decision`, {
      method: 'POST',
      token: headToken,
      json: { decision: 'forward', signatureName: head.name },
    });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { status: string }).status, 'in_progress');

    const foreignToken = await tokenFor(other, foreign);
    const cross = await call(other, `/routing/steps/${mine.step.id}/decision`, {
      method: 'POST',
      token: foreignToken,
      json: { decision: 'forward', signatureName: foreign.name },
    });
    assert.equal(cross.status, 404);
    const crossSubmit = await call(other, '/routing/cases', {
      method: 'POST',
      token: foreignToken,
      json: { entity: 'test.doc', entityId: id },
    });
    assert.equal(crossSubmit.status, 422); // the other organization has no usable chain for it
    assert.equal((await call(org, '/routing/inbox')).status, 401);
    assert.equal(
      (await call(org, '/routing/steps/1/decision', { method: 'POST', json: { decision: 'forward', signatureName: 'x' } })).status,
      401,
    );
  });
});
