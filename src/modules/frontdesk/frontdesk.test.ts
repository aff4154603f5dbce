import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readXlsx } from '../../core/documents/xlsx.js';
import type { AppError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createPlan, getPlanByYear, listEvidence, listMeasures } from '../measures/service.js';
import { queueTickets } from '../queue/schema.js';
import { createService } from '../queue/service.js';
import { createDivision } from '../staff/service.js';
import { seedDemoFrontdesk } from './demo.js';
import { frontdeskReport } from './report.js';
import { renderFrontdeskPdf, renderFrontdeskXlsx } from './report-pdf.js';
import { frontdeskVisits } from './schema.js';
import { addScreeningNote, erasePersonalData, logVisit, updateFrontdeskSettings, visitCounts } from './service.js';

/**
 * A small known log (Bangkok = UTC+7), organization `org`:
 *
 * Mon 15 Jan 2024  09:00 tax          walk_in  advice,document_check   routed → finance
 *                  09:30 inquiry      phone    advice                  resolved
 *                  10:00 allowance    walk_in  advice,form_filling     queued (ticket A001, service of division office)
 *                  13:00 complaint    line     advice                  follow_up   (name + phone)
 * Tue 16 Jan 2024  11:00 tax          walk_in  advice                  routed → finance
 *                  17:30 other        phone    advice  (out of hours)  resolved
 * Outside the range: 1 Feb 2024. The other organization: one visit on 15 Jan.
 */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let clock = new Date('2024-01-15T02:00:00Z');
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const actor = (o: TestOrg, userId: number, roles: Role[]): Actor => ({
  orgId: o.org.id,
  userId,
  username: `u${userId}`,
  displayName: `ผู้ใช้ ${userId}`,
  roles,
  mustChangePassword: false,
});
const as = (o: TestOrg, roles: Role[], userId = 999_999): ServiceContext => ({ ...o.ctx, actor: actor(o, userId, roles) });
const refused = (status: number, field?: string) => (e: unknown) => {
  const err = e as AppError;
  assert.equal(err.status, status, String(e));
  if (field)
    assert.ok(
      err.fields.some((f) => f.field === field),
      `field ${field} in ${JSON.stringify(err.fields)}`,
    );
  return true;
};

let desk: ServiceContext;
let finance: number;
let office: number;
let allowanceService: number;
let otherDivision: number;

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  const u = await createTestUser(env, org, ['front_desk']);
  desk = as(org, ['front_desk'], u.userId);
  office = await createDivision(org.ctx, { name: 'สำนักปลัด', sortOrder: 1 });
  finance = await createDivision(org.ctx, { name: 'กองคลัง', sortOrder: 2 });
  otherDivision = await createDivision(other.ctx, { name: 'กองช่าง' });
  allowanceService = (
    await createService(org.ctx, { name: 'เบี้ยยังชีพผู้สูงอายุ', prefix: 'A', alwaysOpen: true, divisionId: office, sortOrder: 1 })
  ).id;
  const log = async (when: Date, input: Parameters<typeof logVisit>[1], ctx = desk) => {
    clock = new Date(when.getTime() + 60_000);
    return logVisit(ctx, { visitedAt: when, ...input });
  };
  await log(at('2024-01-15', '09:00'), {
    purpose: 'tax',
    channel: 'walk_in',
    help: ['advice', 'document_check'],
    outcome: 'routed',
    routedDivisionId: finance,
  });
  await log(at('2024-01-15', '09:30'), { purpose: 'inquiry', channel: 'phone', help: ['advice'], outcome: 'resolved' });
  await log(at('2024-01-15', '10:00'), {
    purpose: 'allowance',
    channel: 'walk_in',
    help: ['form_filling', 'advice'],
    outcome: 'resolved',
    issueTicket: { serviceId: allowanceService },
  });
  await log(at('2024-01-15', '13:00'), {
    purpose: 'complaint',
    channel: 'line',
    help: ['advice'],
    outcome: 'follow_up',
    visitorName: 'นางสาวนูรีซัน ดอเลาะ',
    visitorPhone: '081-234-5678',
  });
  await log(at('2024-01-16', '11:00'), {
    purpose: 'tax',
    channel: 'walk_in',
    help: ['advice'],
    outcome: 'routed',
    routedDivisionId: finance,
  });
  await log(at('2024-01-16', '17:30'), { kind: 'out_of_hours', purpose: 'other', channel: 'phone', help: ['advice'], outcome: 'resolved' });
  await log(at('2024-02-01', '09:00'), { purpose: 'tax', channel: 'walk_in', help: [], outcome: 'resolved' });
  await log(at('2024-01-15', '09:00'), { purpose: 'tax', channel: 'walk_in', help: [], outcome: 'resolved' }, as(other, ['front_desk']));
  clock = new Date('2024-01-16T12:00:00Z');
  await addScreeningNote(desk, { day: '2024-01-15', screened: 42, note: 'คัดกรองผู้มาติดต่อ ไม่มีปัญหา' });
  clock = new Date('2024-02-02T02:00:00Z');
});

after(async () => {
  await env.close();
});

const JAN = { from: '2024-01-15', to: '2024-01-16' };

describe('logging and the report', () => {
  test('the report counts the known log exactly, and nothing of another organization', async () => {
    const r = await frontdeskReport(as(org, ['executive']), JAN);
    assert.equal(r.total, 6);
    assert.deepEqual(r.byKind, { visit: 5, out_of_hours: 1 });
    assert.equal(r.ticketsIssued, 1);
    const nonZero = <T extends { n: number }>(xs: T[], key: keyof T) => Object.fromEntries(xs.filter((x) => x.n).map((x) => [x[key], x.n]));
    assert.deepEqual(nonZero(r.byPurpose, 'purpose'), { tax: 2, inquiry: 1, allowance: 1, complaint: 1 });
    assert.deepEqual(nonZero(r.byChannel, 'channel'), { walk_in: 3, phone: 1, line: 1 });
    assert.deepEqual(nonZero(r.byHelp, 'help'), { advice: 5, document_check: 1, form_filling: 1 });
    assert.deepEqual(nonZero(r.byOutcome, 'outcome'), { routed: 2, resolved: 1, queued: 1, follow_up: 1 });
    assert.deepEqual(
      r.byDivision.map((d) => [d.name, d.n]),
      [
        ['กองคลัง', 2],
        ['สำนักปลัด', 1],
      ],
    );
    assert.deepEqual(r.byDay, [
      { day: '2024-01-15', visits: 4, outOfHours: 0 },
      { day: '2024-01-16', visits: 1, outOfHours: 1 },
    ]);
    assert.equal(r.outOfHours.length, 1);
    assert.equal(r.screenedTotal, 42);
    assert.deepEqual(await visitCounts(as(org, ['executive']), JAN), { total: 6, byKind: { visit: 5, out_of_hours: 1 } });
    assert.deepEqual(await visitCounts(as(other, ['executive']), JAN), { total: 1, byKind: { visit: 1, out_of_hours: 0 } });
    assert.equal((await visitCounts(as(org, ['admin']), { from: '2024-01-17', to: '2024-01-31' })).total, 0);
  });

  test('issuing a queue ticket: the ticket exists, channel front_desk, linked to the visit', async () => {
    clock = new Date('2024-02-05T03:00:00Z');
    const { visit, ticket } = await logVisit(desk, {
      purpose: 'allowance',
      channel: 'walk_in',
      help: ['advice'],
      outcome: 'resolved',
      issueTicket: { serviceId: allowanceService },
    });
    assert.ok(ticket);
    assert.equal(visit.outcome, 'queued');
    assert.equal(visit.serviceId, allowanceService);
    const [t] = await env.services.db
      .select()
      .from(queueTickets)
      .where(and(eq(queueTickets.orgId, org.org.id), eq(queueTickets.id, visit.ticketId ?? -1)));
    assert.equal(t?.channel, 'front_desk');
    assert.equal(t?.publicToken, ticket.token);
    assert.equal(t?.label, ticket.label);
    assert.equal(t?.issuedBy, desk.actor?.userId);
    // Another organization's service is unknown; nothing is written.
    const before = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, other.org.id));
    await assert.rejects(
      logVisit(as(other, ['front_desk']), {
        purpose: 'allowance',
        channel: 'walk_in',
        help: [],
        outcome: 'resolved',
        issueTicket: { serviceId: allowanceService },
      }),
      refused(422, 'issueTicket'),
    );
    const afterRows = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, other.org.id));
    assert.equal(afterRows.length, before.length);
  });

  test('validation: unknown purpose, future time, phone format, another organization’s division → 422 naming the field', async () => {
    clock = new Date('2024-02-05T03:00:00Z');
    const ok = { purpose: 'tax', channel: 'walk_in' as const, help: [] as never[], outcome: 'resolved' as const };
    const count = async () => (await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, org.org.id))).length;
    const n = await count();
    await assert.rejects(logVisit(desk, { ...ok, purpose: 'lottery' }), refused(422, 'purpose'));
    await assert.rejects(logVisit(desk, { ...ok, visitedAt: new Date(clock.getTime() + 3_600_000) }), refused(422, 'visitedAt'));
    await assert.rejects(logVisit(desk, { ...ok, visitorPhone: '12345' }), refused(422, 'visitorPhone'));
    await assert.rejects(logVisit(desk, { ...ok, outcome: 'routed', routedDivisionId: otherDivision }), refused(422, 'routedDivisionId'));
    await assert.rejects(logVisit(desk, { ...ok, outcome: 'routed' }), refused(422, 'routedDivisionId'));
    await assert.rejects(logVisit(desk, { ...ok, channel: 'pigeon' as never }), refused(422, 'channel'));
    await assert.rejects(logVisit(desk, { ...ok, help: ['magic' as never] }), refused(422, 'help'));
    assert.equal(await count(), n);
    // A landline and a mobile with dashes are fine, stored as digits.
    const { visit } = await logVisit(desk, { ...ok, visitorPhone: '073-512-345' });
    assert.equal(visit.visitorPhone, '073512345');
  });

  test('permission edges: who may log, read the report and change settings', async () => {
    const ok = { purpose: 'tax', channel: 'walk_in' as const, help: [] as never[], outcome: 'resolved' as const };
    await assert.rejects(logVisit(as(org, ['executive']), ok), refused(403));
    await assert.rejects(logVisit({ ...org.ctx, actor: null }, ok), refused(401));
    await assert.rejects(frontdeskReport({ ...org.ctx, actor: null }, JAN), refused(401));
    await assert.rejects(visitCounts({ ...org.ctx, actor: null }, JAN), refused(401));
    for (const role of ['executive', 'division_head', 'ita_coordinator', 'front_desk', 'staff', 'admin'] as Role[]) {
      assert.equal((await frontdeskReport(as(org, [role]), JAN)).total, 6, role);
    }
    await assert.rejects(updateFrontdeskSettings(desk, { retentionDays: 30 }), refused(403));
    await assert.rejects(updateFrontdeskSettings(org.ctx, { retentionDays: 0 }), refused(422, 'retentionDays'));

    // Pages: the front desk logs; an executive reads the report but cannot log; settings for admins.
    const { browser: exec } = await signedIn(env, org, ['executive']);
    assert.equal((await exec.get('/staff/frontdesk')).status, 403);
    assert.equal((await exec.get('/staff/frontdesk/report?period=month&month=2024-01')).status, 200);
    assert.equal((await exec.get('/staff/admin/frontdesk')).status, 403);
    // Another organization's executive sees only its own visit.
    const { browser: otherExec } = await signedIn(env, other, ['executive']);
    const html = await (await otherExec.get('/staff/frontdesk/report?period=day&day=2024-01-15')).text();
    assert.doesNotMatch(html, /กองคลัง/);
    const anon = await env.app.request(`http://${org.host}/staff/frontdesk/report`, { headers: { host: org.host } });
    assert.notEqual(anon.status, 200);
  });
});

describe('personal data retention', () => {
  test('names and phones are erased after the retention days; the statistics do not change', async () => {
    const o = await createTestOrg(env);
    const longer = await createTestOrg(env);
    await updateFrontdeskSettings(longer.ctx, { retentionDays: 200 });
    const day0 = new Date('2024-03-01T03:00:00Z');
    clock = day0;
    const input = {
      purpose: 'complaint',
      channel: 'walk_in' as const,
      help: ['advice' as const],
      outcome: 'follow_up' as const,
      visitorName: 'นายมะรอนิง สาแม',
      visitorPhone: '0891234567',
    };
    await logVisit(as(o, ['front_desk']), input);
    await logVisit(as(o, ['front_desk']), { ...input, visitorName: null });
    await logVisit(as(o, ['front_desk']), { ...input, visitorName: null, visitorPhone: null });
    await logVisit(as(longer, ['front_desk']), input);
    const range = { from: '2024-03-01', to: '2024-03-01' };
    const before = await frontdeskReport(as(o, ['executive']), range);

    // Before the retention ends nothing of this organization is erased (others' older visits may be).
    await erasePersonalData(env.services, new Date(day0.getTime() + 89 * 86_400_000));
    const early = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, o.org.id));
    assert.equal(early.filter((r) => r.visitorPhone).length, 2);
    assert.equal(early.filter((r) => r.personalErasedAt).length, 0);
    const erased = await erasePersonalData(env.services, new Date(day0.getTime() + 91 * 86_400_000));
    assert.ok(erased >= 2, `erased ${erased}`);
    const rows = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, o.org.id));
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.visitorName === null && r.visitorPhone === null));
    assert.equal(rows.filter((r) => r.personalErasedAt).length, 2);
    const kept = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, longer.org.id));
    assert.equal(kept[0]?.visitorName, 'นายมะรอนิง สาแม');
    const afterReport = await frontdeskReport(as(o, ['executive']), range);
    assert.deepEqual(afterReport, before);
    const audit = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.action, 'frontdesk.erasePersonalData')));
    assert.equal(audit.length, 1);
    assert.doesNotMatch(audit[0]?.summary ?? '', /มะรอนิง/);
    // Nothing left to erase: no second audit entry.
    await erasePersonalData(env.services, new Date(day0.getTime() + 92 * 86_400_000));
    const again = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.action, 'frontdesk.erasePersonalData')));
    assert.equal(again.length, 1);
    // The longer retention is reached too, in time.
    await erasePersonalData(env.services, new Date(day0.getTime() + 201 * 86_400_000));
    const gone = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, longer.org.id));
    assert.equal(gone[0]?.visitorName, null);
  });
});

describe('pages without JavaScript', () => {
  test('quick log: a 303 and today’s list; a bad phone gives 422 naming it and keeps the values; a ticket goes to its print page', async () => {
    clock = new Date('2024-02-05T03:00:00Z');
    const { browser } = await signedIn(env, org, ['front_desk']);
    const page = await browser.get('/staff/frontdesk');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /frontdesk\.css/);
    assert.match(html, /ข้อมูลส่วนบุคคล/);
    const res = await browser.post('/staff/frontdesk', {
      purpose: 'information_request',
      channel: 'walk_in',
      'help[]': 'advice',
      dest: `div:${office}`,
      note: 'ขอสำเนาประกาศจัดซื้อจัดจ้าง',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/staff/frontdesk');
    assert.match(await (await browser.get('/staff/frontdesk')).text(), /ขอสำเนาประกาศจัดซื้อจัดจ้าง/);

    const bad = await browser.post('/staff/frontdesk', {
      purpose: 'complaint',
      channel: 'phone',
      dest: 'follow_up',
      visitorName: 'นางรอกายะ บือราเฮง',
      visitorPhone: '12-34',
    });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /เบอร์โทรศัพท์ไม่ถูกต้อง/);
    assert.match(badHtml, /value="นางรอกายะ บือราเฮง"/);
    assert.match(badHtml, /href="#f-visitorPhone"/);
    const noPurpose = await browser.post('/staff/frontdesk', { channel: 'walk_in', dest: 'resolved' });
    assert.equal(noPurpose.status, 422);
    assert.match(await noPurpose.text(), /กรุณาเลือกติดต่อเรื่อง/);

    const ticket = await browser.post('/staff/frontdesk', { purpose: 'allowance', channel: 'walk_in', dest: `svc:${allowanceService}` });
    assert.equal(ticket.status, 303);
    assert.match(ticket.headers.get('location') ?? '', /^\/queue\/ticket\/[\w-]+\/print\?print=1&from=frontdesk/);
  });

  test('out of hours and the screening point', async () => {
    clock = new Date('2024-02-05T12:00:00Z');
    const { browser } = await signedIn(env, org, ['staff']);
    const res = await browser.post(
      '/staff/frontdesk/out-of-hours',
      { date: '2024-02-03', time: '09:15', purpose: 'tax', channel: 'walk_in', dest: 'resolved', note: 'ชำระภาษีวันเสาร์' },
      { from: '/staff/frontdesk/out-of-hours' },
    );
    assert.equal(res.status, 303);
    assert.match(await (await browser.get('/staff/frontdesk/out-of-hours')).text(), /ชำระภาษีวันเสาร์/);
    const future = await browser.post(
      '/staff/frontdesk/out-of-hours',
      { date: '2024-02-06', time: '18:00', purpose: 'tax', channel: 'walk_in', dest: 'resolved' },
      { from: '/staff/frontdesk/out-of-hours' },
    );
    assert.equal(future.status, 422);
    assert.match(await future.text(), /ต้องไม่เป็นเวลาในอนาคต/);
    const note = await browser.post(
      '/staff/frontdesk/screening',
      { day: '2024-02-05', screened: '31', note: 'ผู้สูงอายุหลายราย' },
      { from: '/staff/frontdesk/screening' },
    );
    assert.equal(note.status, 303);
    const badNote = await browser.post(
      '/staff/frontdesk/screening',
      { day: '2024-02-05', screened: 'many', note: '' },
      { from: '/staff/frontdesk/screening' },
    );
    assert.equal(badNote.status, 422);
    const r = await frontdeskReport(as(org, ['admin']), { from: '2024-02-01', to: '2024-02-29' });
    assert.equal(r.byKind.out_of_hours, 1);
    assert.equal(r.screenedTotal, 31);
  });

  test('settings: an admin sets the retention days', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const res = await browser.post('/staff/admin/frontdesk', { retentionDays: '60' });
    assert.equal(res.status, 303);
    const bad = await browser.post('/staff/admin/frontdesk', { retentionDays: '-3' });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /เก็บชื่อและเบอร์โทรศัพท์ไว้/);
    const { browser: fd } = await signedIn(env, org, ['front_desk']);
    assert.equal((await fd.get('/staff/admin/frontdesk')).status, 403);
  });
});

describe('documents and API', () => {
  test('the PDF is the official Thai report with Thai digits; the XLSX has the counts', async (t) => {
    const ctx = as(org, ['executive']);
    const r = await frontdeskReport(ctx, { from: '2024-01-01', to: '2024-01-31' });
    const xlsx = await renderFrontdeskXlsx(ctx, r, { kind: 'month', year: 2024, month: 1 }, (k) => k, 'th');
    const sheets = await readXlsx(xlsx);
    const summary = [...sheets.values()][0] ?? [];
    assert.ok(summary.some((row) => row[1] === 5));
    if (popplerMissing()) {
      t.skip(popplerMissing() || '');
      return;
    }
    const pdf = await renderFrontdeskPdf(ctx, r, { kind: 'month', year: 2024, month: 1 });
    const text = squash(pdfText(pdf));
    assert.match(text, /รายงานผลการอำนวยความสะดวกในการบริการประชาชนณจุดแรกรับ/);
    assert.match(text, /ประจำเดือนมกราคมพ\.ศ\.๒๕๖๗/);
    assert.match(text, /ปีงบประมาณพ\.ศ\.๒๕๖๗/);
    assert.match(text, /กองคลัง/);
    assert.match(text, /ปัญหาและอุปสรรค/);
    assert.doesNotMatch(text, /นูรีซัน/);
    assert.doesNotMatch(text, /2024|2567/);
  });

  test('downloads through the page and the API (logVisit, report)', async () => {
    clock = new Date('2024-02-05T03:00:00Z');
    const { browser } = await signedIn(env, org, ['division_head']);
    const xlsx = await browser.get('/staff/frontdesk/report.xlsx?period=month&month=2024-01');
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.headers.get('content-disposition'), 'attachment; filename="frontdesk-2024-01.xlsx"');
    const bad = await browser.get('/staff/frontdesk/report?period=month&month=2024-13');
    assert.equal(bad.status, 422);

    const user = await createTestUser(env, org, ['front_desk']);
    const login = await env.app.request(`http://${org.host}/api/auth/login`, {
      method: 'POST',
      headers: { host: org.host, 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const call = (path: string, method = 'GET', json?: unknown) =>
      env.app.request(`http://${org.host}/api${path}`, {
        method,
        headers: { host: org.host, authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
    const created = await call('/frontdesk/visits', 'POST', {
      purpose: 'inquiry',
      channel: 'phone',
      help: ['advice'],
      visitorPhone: '0812345678',
    });
    assert.equal(created.status, 201);
    const body = (await created.json()) as { visit: { outcome: string; hasPersonalData: boolean; visitorPhone?: string } };
    assert.equal(body.visit.outcome, 'resolved');
    assert.equal(body.visit.hasPersonalData, true);
    assert.equal(body.visit.visitorPhone, undefined);
    const invalid = await call('/frontdesk/visits', 'POST', { purpose: 'lottery', channel: 'phone' });
    assert.equal(invalid.status, 422);
    const err = (await invalid.json()) as { error: { fields: { field: string }[] } };
    assert.deepEqual(
      err.error.fields.map((f) => f.field),
      ['purpose'],
    );
    const report = await call('/frontdesk/report?from=2024-01-15&to=2024-01-16');
    assert.equal(report.status, 200);
    const rb = (await report.json()) as { total: number; byKind: { visit: number } };
    assert.equal(rb.total, 6);
    assert.equal((await call('/frontdesk/report?from=2024-01-16&to=2024-01-15')).status, 422);
  });
});

describe('demo', () => {
  test('the demo seeds the last three months and January–March 2567, with no names past the retention', async () => {
    const o = await createTestOrg(env);
    const now = new Date('2026-11-20T05:00:00Z');
    clock = now;
    const lines: string[] = [];
    await seedDemoFrontdesk({ ctx: o.ctx, shared: new Map(), log: (l) => lines.push(l), password: () => 'x', now });
    const admin = as(o, ['admin']);
    const jan = await frontdeskReport(admin, { from: '2024-01-01', to: '2024-01-31' });
    assert.ok(jan.byKind.visit > 200, `January 2567: ${jan.byKind.visit}`);
    assert.ok(jan.byKind.out_of_hours >= 1);
    assert.ok(jan.screening.length >= 3);
    const oct = await frontdeskReport(admin, { from: '2026-10-01', to: '2026-10-31' });
    assert.ok(oct.byKind.visit > 200);
    const rows = await env.services.db.select().from(frontdeskVisits).where(eq(frontdeskVisits.orgId, o.org.id));
    const cutoff = now.getTime() - 90 * 86_400_000;
    assert.ok(rows.some((r) => r.visitorName));
    assert.ok(rows.filter((r) => r.visitedAt.getTime() < cutoff).every((r) => r.visitorName === null && r.visitorPhone === null));
    assert.ok(rows.every((r) => r.visitedAt.getTime() <= now.getTime()));
    assert.match(lines.join('\n'), /frontdesk:/);
  });
});

describe('evidence of measure 2', () => {
  test("a month's report is attached once to measure 2 of that fiscal year's plan; only who may update it attaches", async () => {
    const path = '/staff/frontdesk/report/evidence?period=month&month=2024-01';
    const from = '/staff/frontdesk/report?period=month&month=2024-01';
    const { browser: ita } = await signedIn(env, org, ['ita_coordinator']);
    let page = await (await ita.get(from)).text();
    assert.match(page, /ยังไม่มีแผนมาตรการของปีงบประมาณ 2567/);
    assert.equal((await ita.post(path, {}, { from })).status, 409, 'no plan yet');

    await createPlan(org.ctx, { fiscalYear: 2567, origin: 'template' });
    const plan = await getPlanByYear(org.ctx, 2567);
    const m2 = plan ? (await listMeasures(org.ctx, plan.id)).find((m) => m.number === 2) : undefined;
    assert.ok(m2);
    const { browser: fd } = await signedIn(env, org, ['front_desk']);
    assert.doesNotMatch(
      await (await fd.get(from)).text(),
      /action="\/staff\/frontdesk\/report\/evidence/,
      'the front desk reads, does not attach',
    );
    assert.equal((await fd.post(path, {}, { from })).status, 403);

    page = await (await ita.get(from)).text();
    assert.match(page, /action="\/staff\/frontdesk\/report\/evidence\?period=month&amp;month=2024-01"/);
    assert.equal((await ita.post(path, {}, { from })).status, 303);
    assert.equal((await ita.post(path, {}, { from })).status, 303);
    const links = (await listEvidence(org.ctx, m2.id)).filter((e) => e.linkKind === 'frontdesk_report');
    assert.equal(links.length, 1, 'attached once');
    assert.equal(links[0]?.linkHref, '/staff/frontdesk/report.pdf?period=month&month=2024-01');
    assert.match(links[0]?.title ?? '', /ประจำเดือนมกราคม 2567/);
    assert.match(await (await ita.get(from)).text(), /แนบเป็นหลักฐานมาตรการที่ 2 แล้ว/);
    // A day's report is not a month's evidence; another organization's coordinator has no plan to attach to.
    assert.doesNotMatch(await (await ita.get('/staff/frontdesk/report?period=day&day=2024-01-15')).text(), /id="evidence"/);
    const intruder = await signedIn(env, other, ['ita_coordinator']);
    assert.equal((await intruder.browser.post(path, {}, { from })).status, 409);
  });
});
