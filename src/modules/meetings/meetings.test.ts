import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { flushAnonymousTallies } from '../../core/audit/anonymous.js';
import { auditLog } from '../../core/audit/schema.js';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readFileBytes } from '../../core/storage/files.js';
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
import { publications } from '../publications/schema.js';
import meetingsModule from './module.js';
import { renderInvitation, renderMinutes } from './pdf.js';
import { meetingOpinions } from './schema.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let now = new Date('2024-03-01T10:00:00+07:00'); // FY 2567
let ita: TestUser;
let plain: TestUser;
let plain2: TestUser;
let otherIta: TestUser;

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  ita = await createTestUser(env, org, ['ita_coordinator', 'staff']);
  plain = await createTestUser(env, org, ['staff']);
  plain2 = await createTestUser(env, org, ['staff']);
  otherIta = await createTestUser(env, other, ['ita_coordinator', 'staff']);
});
after(() => env.close());

const asIta = () => actingAs(org, ita, ['ita_coordinator', 'staff']);
const asPlain = () => actingAs(org, plain, ['staff']);

const input = (over: Partial<svc.MeetingInput> = {}): svc.MeetingInput => ({
  kind: 'internal',
  title: 'การประชุมแลกเปลี่ยนความคิดเห็นของบุคลากร ครั้งที่ 1',
  purpose: 'รับฟังความคิดเห็นของบุคลากร',
  day: '2024-03-15',
  startTime: '09:30',
  endTime: '12:00',
  place: 'ห้องประชุม อบต.',
  agenda: [{ title: 'เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ' }, { title: 'แลกเปลี่ยนความคิดเห็น', detail: 'การให้บริการ' }],
  chairName: 'นายจิรเดช ชามาละ',
  chairPosition: 'นายกองค์การบริหารส่วนตำบล',
  recorderName: 'นางสาวฟาตีเมาะ หะเดวา',
  recorderPosition: 'เจ้าพนักงานธุรการชำนาญงาน',
  audience: 'all',
  ...over,
});

async function auditOf(o: TestOrg, action: string) {
  return env.services.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.action, action)));
}

describe('meetings', () => {
  test('meetings.create: all active staff invited, an outgoing number, the invitation memo PDF; plain staff 403; bad input names the field', async () => {
    const m = await svc.createMeeting(asIta(), input(), renderInvitation);
    assert.equal(m.fiscalYear, 2567);
    assert.ok(m.registerEntryId && m.invitationFileId);
    const d = await svc.getMeeting(asPlain(), m.id);
    assert.deepEqual(d.invitees.map((i) => i.staffId).sort(), [ita.staffId, plain.staffId, plain2.staffId].sort());
    assert.equal(d.sequence, 1);
    assert.equal(d.registerNumber, 1);
    if (!popplerMissing()) {
      const { bytes } = await readFileBytes(org.ctx, m.invitationFileId as number);
      const text = squash(await pdfText(bytes));
      assert.match(text, /บันทึกข้อความ/);
      assert.match(text, /ขอเชิญประชุม/);
      assert.match(text, /ที่นธ๗๘๑๐๑\/๑วันที่/);
      assert.match(text, /เวลา๐๙\.๓๐น\./);
      assert.match(text, /ระเบียบวาระที่๒แลกเปลี่ยนความคิดเห็น/);
    }
    await assert.rejects(svc.createMeeting(asPlain(), input(), renderInvitation), { status: 403 });
    await assert.rejects(
      svc.createMeeting(asIta(), input({ title: ' ', day: '2024-02-30', startTime: '25:00', agenda: [] }), renderInvitation),
      (e: { status: number; fields: { field: string }[] }) =>
        e.status === 422 && ['title', 'day', 'startTime', 'agenda'].every((f) => e.fields.some((x) => x.field === f)),
    );
    await assert.rejects(svc.createMeeting(asIta(), input({ audience: 'people', staffIds: [otherIta.staffId] }), renderInvitation), {
      status: 422,
    });
  });

  test('a stakeholder meeting: chosen people and outsiders with minimal data, a หนังสือภายนอก', async () => {
    const m = await svc.createMeeting(
      asIta(),
      input({
        kind: 'stakeholder',
        title: 'การประชุมประชาคมตำบล',
        audience: 'people',
        staffIds: [ita.staffId],
        outside: [
          { name: 'นายมะยูโซะ ดอเลาะ', affiliation: 'กำนัน' },
          { name: 'นางรอกีเยาะ อาแว', affiliation: 'ประธาน อสม.', contact: '081 234 5678' },
        ],
      }),
      renderInvitation,
    );
    const d = await svc.getMeeting(asIta(), m.id);
    assert.equal(d.invitees.length, 3);
    assert.equal(d.invitees.filter((i) => i.kind === 'outside').length, 2);
    if (!popplerMissing()) {
      const text = squash(await pdfText((await readFileBytes(org.ctx, m.invitationFileId as number)).bytes));
      assert.match(text, /ขอแสดงความนับถือ/);
      assert.match(text, /บัญชีรายชื่อผู้ได้รับเชิญ/);
      assert.match(text, /๑นายมะยูโซะดอเลาะกำนัน/);
      assert.doesNotMatch(text, /บันทึกข้อความ/);
    }
  });

  test('anonymous opinions store no author and the audit entry has no user and no address; a named one keeps its author', async () => {
    const m = await svc.createMeeting(asIta(), input({ title: 'ประชุมรับความคิดเห็น' }), renderInvitation);
    const anon = await svc.addOpinion({ ...asPlain(), ip: '203.0.113.9' }, m.id, {
      text: 'ขอแนวปฏิบัติเรื่องของฝาก',
      agendaIndex: 1,
      anonymous: true,
    });
    const named = await svc.addOpinion(asPlain(), m.id, { text: 'ควรมีป้ายขั้นตอนบริการ', agendaIndex: null });
    const rows = await env.services.db.select().from(meetingOpinions).where(eq(meetingOpinions.orgId, org.org.id));
    const a = rows.find((r) => r.id === anon.id);
    const n = rows.find((r) => r.id === named.id);
    assert.equal(a?.authorStaffId, null);
    assert.equal(a?.authorName, null);
    assert.equal(a?.createdAt.toISOString(), '2024-02-29T17:00:00.000Z', 'only the day (midnight Bangkok) is kept');
    assert.equal(n?.authorStaffId, plain.staffId);
    // The anonymous opinion has no entry of its own; the day's count enters the chain after the day.
    await flushAnonymousTallies(env.services, '9999-12-31');
    const entries = (await auditOf(org, 'meetings.addOpinion')).filter((e) => e.actorLabel === 'anonymous');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.actorUserId, null);
    assert.equal(entries[0]?.ip, null);
    assert.equal(entries[0]?.entityId, null);
    assert.deepEqual(entries[0]?.data, { day: '2024-03-01', count: 1 });
    assert.ok(!JSON.stringify(entries[0]).includes(plain.username));
    const d = await svc.getMeeting(asIta(), m.id);
    assert.equal(d.opinions.find((o) => o.id === anon.id)?.author, null);
    // Bad input: empty text, an agenda item that does not exist → 422; plain staff cannot record 'during'.
    await assert.rejects(svc.addOpinion(asPlain(), m.id, { text: '  ' }), { status: 422 });
    await assert.rejects(svc.addOpinion(asPlain(), m.id, { text: 'x', agendaIndex: 9 }), { status: 422 });
    await assert.rejects(svc.addOpinion(asPlain(), m.id, { text: 'x', during: true }), { status: 403 });
    // Another organization's staff: 404.
    await assert.rejects(svc.addOpinion(actingAs(other, otherIta, ['ita_coordinator']), m.id, { text: 'x' }), { status: 404 });
  });

  test('attendance, minutes frozen with sha256 on close, published to the public page; later edits refused', async () => {
    const m = await svc.createMeeting(asIta(), input({ title: 'ประชุมที่จะปิด', publishToPublic: true }), renderInvitation);
    const kept = await svc.createMeeting(asIta(), input({ title: 'ประชุมเฉพาะบุคลากร' }), renderInvitation);
    await svc.addOpinion(asPlain(), m.id, { text: 'ความเห็นก่อนประชุม', agendaIndex: 1, anonymous: true });
    // Closing before attendance is refused.
    await assert.rejects(
      svc.saveMinutes(asIta(), m.id, { items: [{ resolution: 'รับทราบ' }, { resolution: 'เห็นชอบ' }], close: true }, renderMinutes),
      { status: 422 },
    );
    const d = await svc.getMeeting(asIta(), m.id);
    await assert.rejects(svc.recordAttendance(asPlain(), m.id, { entries: [] }), { status: 403 });
    await svc.recordAttendance(asIta(), m.id, {
      entries: d.invitees.map((i) => ({
        inviteeId: i.id,
        attended: i.staffId !== plain2.staffId,
        note: i.staffId === plain2.staffId ? 'ลาป่วย' : 'x',
      })),
      walkIns: [{ name: 'นายดอเลาะ เจ๊ะหลง', affiliation: 'ประชาชน หมู่ที่ 3' }],
    });
    // An invitee of another meeting is not this meeting's: 404.
    const k = await svc.getMeeting(asIta(), kept.id);
    await assert.rejects(svc.recordAttendance(asIta(), m.id, { entries: [{ inviteeId: k.invitees[0]?.id ?? 0, attended: true }] }), {
      status: 404,
    });
    const held = await svc.getMeeting(asIta(), m.id);
    assert.equal(held.meeting.status, 'held');
    assert.equal(held.invitees.filter((i) => i.attended === true).length, 3);
    assert.equal(held.invitees.find((i) => i.staffId === plain2.staffId)?.attendanceNote, 'ลาป่วย');
    assert.equal(held.invitees.find((i) => i.staffId === ita.staffId)?.attendanceNote, null, 'a note only for an absence');
    // A resolution is required for every item on close.
    await assert.rejects(
      svc.saveMinutes(asIta(), m.id, { items: [{ resolution: 'รับทราบ' }, { resolution: '' }], close: true }, renderMinutes),
      (e: { fields: { field: string }[] }) => e.fields.some((f) => f.field === 'resolution-1'),
    );
    await svc.addAction(asIta(), m.id, { title: 'จัดทำป้ายขั้นตอนบริการ', ownerStaffId: plain.staffId, dueOn: '2024-05-31' });
    now = new Date('2024-03-15T13:00:00+07:00');
    const closed = await svc.saveMinutes(
      asIta(),
      m.id,
      {
        items: [{ discussion: 'ประธานแจ้งผล ITA', resolution: 'รับทราบ' }, { resolution: 'เห็นชอบให้จัดทำป้าย' }],
        endTime: '11:45',
        close: true,
      },
      renderMinutes,
    );
    assert.equal(closed.status, 'closed');
    assert.ok(closed.publicationId, 'published, as chosen at creation');
    const { bytes } = await readFileBytes(org.ctx, closed.minutesFileId as number);
    assert.equal(closed.minutesSha256, createHash('sha256').update(bytes).digest('hex'));
    const [pub] = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.id, closed.publicationId as number)));
    assert.equal(pub?.sha256, closed.minutesSha256);
    assert.equal(pub?.itemCode, 'o30');
    if (!popplerMissing()) {
      const text = squash(await pdfText(bytes));
      for (const s of [
        'รายงานการประชุมประชุมที่จะปิด',
        'ครั้งที่ ๓/๒๕๖๗', // the third internal meeting of FY 2567 in this organization
        'ผู้มาประชุม',
        'ผู้ไม่มาประชุม',
        'ลาป่วย',
        'ผู้เข้าร่วมประชุม',
        'นายดอเลาะ เจ๊ะหลง',
        'เริ่มประชุมเวลา ๐๙.๓๐ น.',
        'ระเบียบวาระที่ ๑',
        'มติที่ประชุม เห็นชอบให้จัดทำป้าย',
        'ความเห็นก่อนประชุม (ไม่ระบุชื่อ',
        'เลิกประชุมเวลา ๑๑.๔๕ น.',
        'ผู้จดรายงานการประชุม',
        'ผู้ตรวจรายงานการประชุม',
      ])
        assert.ok(text.includes(s.replace(/\s/g, '')), s);
    }
    await assert.rejects(svc.saveMinutes(asIta(), m.id, { items: [{ resolution: 'แก้' }] }, renderMinutes), { status: 409 });
    await assert.rejects(svc.addOpinion(asPlain(), m.id, { text: 'ช้าไป' }), { status: 409 });
    // The public page shows the published meeting only.
    const page = await (await new TestBrowser(env, org.host).get('/participation')).text();
    assert.match(page, /ประชุมที่จะปิด/);
    assert.match(page, /เห็นชอบให้จัดทำป้าย/);
    assert.doesNotMatch(page, /ประชุมเฉพาะบุคลากร/);
    assert.doesNotMatch(page, /ความเห็นก่อนประชุม/, 'opinions themselves are not on the public page');
    const ms = await (await new TestBrowser(env, org.host).get('/participation', { 'accept-language': 'ms' })).text();
    assert.ok(ms.length > 0);
    assert.doesNotMatch(await (await new TestBrowser(env, other.host).get('/participation')).text(), /ประชุมที่จะปิด/);
    // Frozen minutes served to staff; the owner marks the action done, another plain staff member cannot.
    const [action] = (await svc.getMeeting(asPlain(), m.id)).actions;
    assert.ok(action);
    await assert.rejects(svc.completeAction(actingAs(org, plain2, ['staff']), action.id, null), { status: 403 });
    const mine = await svc.myOpenActions(asPlain());
    assert.deepEqual(
      mine.map((a) => a.id),
      [action.id],
    );
    const todo = await meetingsModule.todo?.(asPlain());
    assert.ok(todo?.some((t) => t.label === 'meetings.todo.actions'));
    await svc.completeAction(asPlain(), action.id, 'ติดป้ายแล้ว');
    await assert.rejects(svc.completeAction(asPlain(), action.id, null), { status: 409 });
    assert.deepEqual(await svc.myOpenActions(asPlain()), []);
    now = new Date('2024-03-01T10:00:00+07:00');
  });

  test('the reminder: a fiscal year without an internal meeting, for admin and the ITA coordinator only', async () => {
    const o = await createTestOrg(env);
    const coordinator = await createTestUser(env, o, ['ita_coordinator']);
    const staff = await createTestUser(env, o, ['staff']);
    const ctx = actingAs(o, coordinator, ['ita_coordinator']);
    assert.equal(await svc.missingInternalMeeting(ctx), 2567);
    assert.equal(await svc.missingInternalMeeting(actingAs(o, staff, ['staff'])), null);
    const todo = await meetingsModule.todo?.(ctx);
    assert.ok(todo?.some((t) => t.label === 'meetings.todo.noMeeting' && t.params?.year === 2567));
    const b = new TestBrowser(env, o.host);
    await b.signIn(coordinator.username, coordinator.password);
    assert.match(await (await b.get('/staff/meetings')).text(), /ยังไม่มีการประชุมแลกเปลี่ยนความคิดเห็นของบุคลากร/);
    await svc.createMeeting(ctx, input({ kind: 'stakeholder', audience: 'none', outside: [{ name: 'กำนัน' }] }), renderInvitation);
    assert.equal(await svc.missingInternalMeeting(ctx), 2567, 'a stakeholder meeting does not count');
    await svc.createMeeting(ctx, input(), renderInvitation);
    assert.equal(await svc.missingInternalMeeting(ctx), null);
    assert.doesNotMatch(await (await b.get('/staff/meetings')).text(), /ยังไม่มีการประชุมแลกเปลี่ยนความคิดเห็นของบุคลากร/);
  });

  test('pages without JavaScript: create by form (422 keeps values), opinion form anonymous, 404 for another org, plain staff cannot manage', async () => {
    now = new Date('2024-03-01T10:00:00+07:00');
    const b = new TestBrowser(env, org.host);
    await b.signIn(ita.username, ita.password);
    const bad = await b.post('/staff/meetings/new', {
      kind: 'internal',
      title: 'ประชุมจากแบบฟอร์ม',
      day: '',
      startTime: '9',
      agenda: '',
      audience: 'all',
    });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /ประชุมจากแบบฟอร์ม/);
    assert.match(html, /กรอกวันที่ประชุมเป็นวันที่/);
    assert.match(html, /กรอกระเบียบวาระการประชุมอย่างน้อย 1 วาระ/);
    const ok = await b.post('/staff/meetings/new', {
      kind: 'internal',
      title: 'ประชุมจากแบบฟอร์ม',
      day: '20/03/2567', // typed the Thai way
      startTime: '13:30',
      endTime: '15:00',
      place: 'ห้องประชุม',
      agenda: 'เรื่องแจ้งเพื่อทราบ\nแลกเปลี่ยนความคิดเห็น | การบริการ',
      audience: 'all',
      outside: '',
    });
    assert.equal(ok.status, 303);
    const location = ok.headers.get('location') ?? '';
    assert.match(location, /^\/staff\/meetings\/\d+$/);
    const id = Number(location.split('/').pop());
    const page = await (await b.get(location)).text();
    assert.match(page, /แลกเปลี่ยนความคิดเห็น/);
    assert.match(page, /20 มีนาคม 2567 13:30/);
    assert.match(page, /invitation\.pdf/);
    const pdf = await b.get(`${location}/invitation.pdf`);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');

    const p = new TestBrowser(env, org.host);
    await p.signIn(plain.username, plain.password);
    assert.equal((await p.get('/staff/meetings/new')).status, 403);
    assert.equal((await p.get(location)).status, 200);
    const sent = await p.post(`${location}/opinion`, { text: 'ความเห็นจากแบบฟอร์ม', agendaIndex: '1', 'anonymous[]': ['', '1'] });
    assert.equal(sent.status, 303);
    const d = await svc.getMeeting(asIta(), id);
    assert.equal(d.opinions[0]?.text, 'ความเห็นจากแบบฟอร์ม');
    assert.equal(d.opinions[0]?.author, null);
    assert.equal(d.opinions[0]?.agendaIndex, 1);
    assert.equal((await p.post(`${location}/attendance`, {}, { from: location })).status, 403);

    const o = new TestBrowser(env, other.host);
    await o.signIn(otherIta.username, otherIta.password);
    assert.equal((await o.get(location)).status, 404);
    assert.equal((await o.get(`${location}/invitation.pdf`)).status, 404);
    assert.equal((await o.get('/staff/meetings/999999999')).status, 404);
    assert.notEqual((await new TestBrowser(env, org.host).get(location)).status, 200);
  });

  test('API: meetings.create, meetings.recordAttendance, meetings.addOpinion, meetings.minutes', async () => {
    now = new Date('2024-03-01T10:00:00+07:00');
    const b = new TestBrowser(env, org.host);
    await b.signIn(ita.username, ita.password);
    const post = (path: string, body: unknown) =>
      b.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/api/meetings', { ...input({ title: 'ประชุมผ่าน API' }), agenda: [{ title: 'วาระเดียว' }] });
    assert.equal(created.status, 201, await created.clone().text());
    const m = (await created.json()) as { id: number; status: string; invitationUrl: string };
    assert.equal(m.status, 'planned');
    assert.equal(m.invitationUrl, `/staff/meetings/${m.id}/invitation.pdf`);
    const op = await post(`/api/meetings/${m.id}/opinions`, { text: 'ผ่าน API', anonymous: true });
    assert.equal(op.status, 201);
    const d = await svc.getMeeting(asIta(), m.id);
    const att = await post(`/api/meetings/${m.id}/attendance`, { entries: d.invitees.map((i) => ({ inviteeId: i.id, attended: true })) });
    assert.equal(att.status, 200);
    const bad = await post(`/api/meetings/${m.id}/minutes`, { items: [{ resolution: '' }], close: true });
    assert.equal(bad.status, 422);
    const closed = await post(`/api/meetings/${m.id}/minutes`, { items: [{ resolution: 'รับทราบ' }], close: true, publishToPublic: false });
    assert.equal(closed.status, 200);
    const body = (await closed.json()) as { status: string; minutesSha256: string; publicationId: number | null };
    assert.equal(body.status, 'closed');
    assert.match(body.minutesSha256, /^[0-9a-f]{64}$/);
    assert.equal(body.publicationId, null);
    assert.equal((await post(`/api/meetings/${m.id}/minutes`, { items: [] })).status, 409);
    assert.equal((await post('/api/meetings/999999/opinions', { text: 'x' })).status, 404);
    const p = new TestBrowser(env, org.host);
    await p.signIn(plain.username, plain.password);
    assert.equal(
      (await p.request('/api/meetings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input()) }))
        .status,
      403,
    );
  });
});
