import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import type { Role } from '../../core/auth/roles.js';
import { jpegWithGps } from '../../core/storage/exif-fixtures.js';
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

/**
 * Every officers' route of the complaint channel against everyone who must get nothing: another
 * organization's officer, staff without the complaint_officer role (plain staff, the
 * administrator, the executive), an officer the complaint is about, and nobody signed in. None
 * of them reads the content or the identity, none of them changes anything; only the assigned
 * officer reveals the identity, and the reveal is in the audit log with who and why.
 */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const SUBJECT = 'ร้องเรียนปลัดเรียกรับผลประโยชน์จากผู้รับเหมาโครงการถนน';
const DESCRIPTION = 'ผู้รับเหมาเล่าว่าต้องจ่ายเงินร้อยละห้าของวงเงินสัญญาให้เจ้าหน้าที่ก่อนตรวจรับงาน';
const REPORTER = 'นายมะยูโซะ ตาเยะ';
const NOTE = 'บันทึกภายในลับเฉพาะ-ตรวจบัญชีธนาคาร';

let assigned: TestUser;
let officer: TestUser;
let concerned: TestUser;
const browsers: Record<string, TestBrowser> = {};
let caseId = 0;
let attachmentId = 0;

const signIn = async (o: TestOrg, roles: Role[]) => {
  const u = await createTestUser(env, o, roles);
  const b = new TestBrowser(env, o.host);
  await b.signIn(u.username, u.password);
  return { u, b };
};

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  const a = await signIn(org, ['complaint_officer']);
  assigned = a.u;
  browsers.assigned = a.b;
  const o = await signIn(org, ['complaint_officer', 'staff']);
  officer = o.u;
  browsers.officer = o.b;
  const c = await signIn(org, ['complaint_officer', 'division_head']);
  concerned = c.u;
  browsers.concerned = c.b;
  browsers.stranger = (await signIn(other, ['complaint_officer'])).b;
  browsers.plain = (await signIn(org, ['staff'])).b;
  browsers.admin = (await signIn(org, ['admin'])).b;
  browsers.executive = (await signIn(org, ['executive', 'ita_coordinator', 'division_head', 'front_desk'])).b;
  browsers.anonymous = new TestBrowser(env, org.host);

  const filed = await submitComplaint(
    { app: env.services, orgId: org.org.id, actor: null },
    {
      category: 'bribery',
      subject: SUBJECT,
      description: DESCRIPTION,
      identity: { name: REPORTER, phone: '0899999999' },
      mayContact: true,
    },
    [{ name: 'หลักฐาน.jpg', bytes: jpegWithGps() }],
  );
  caseId = filed.id;
  const ctx = (u: TestUser) => actingAs(org, u, ['complaint_officer']);
  await cases.updateCase(ctx(officer), caseId, { assignedUserId: assigned.userId, concernsUserIds: [concerned.userId], note: NOTE });
  attachmentId = (await cases.getCase(ctx(assigned), caseId)).attachments[0]?.id ?? 0;
  assert.ok(attachmentId > 0);
});
after(() => env.close());

const ROUTES = () => {
  const id = caseId;
  return {
    get: [
      `/staff/complaints`,
      `/staff/complaints?status=open`,
      `/staff/complaints/new`,
      `/staff/complaints/${id}`,
      `/staff/complaints/${id}/attachments/${attachmentId}`,
    ],
    post: [
      [`/staff/complaints/${id}/status`, { status: 'not_accepted', reason: 'ไม่รับ', expectedStatus: 'received' }],
      [`/staff/complaints/${id}/message`, { message: 'ข้อความแทรก' }],
      [`/staff/complaints/${id}/note`, { note: 'บันทึกแทรก' }],
      [`/staff/complaints/${id}/assign`, { assignedUserId: '' }],
      [`/staff/complaints/${id}/concerns`, { concernsUserIds: [''] }],
      [`/staff/complaints/${id}/reveal`, { reason: 'อยากรู้ว่าใครร้องเรียน' }],
      [
        `/staff/complaints/new`,
        { channel: 'phone', receivedOn: '1/11/2569', category: 'other', subject: 'แทรก', description: 'ข้อความแทรกยาวพอสมควรเพื่อผ่านการตรวจ' },
      ],
    ] as [string, Record<string, string | string[]>][],
  };
};

/** What must never appear in an outsider's response. */
const SECRETS = [SUBJECT, DESCRIPTION, REPORTER, NOTE, '0899999999'];

async function snapshot() {
  const db = env.services.db;
  const [row] = await db
    .select()
    .from(complaints)
    .where(and(eq(complaints.orgId, org.org.id), eq(complaints.id, caseId)));
  const [entries] = await db
    .select({ n: count() })
    .from(complaintEntries)
    .where(and(eq(complaintEntries.orgId, org.org.id), eq(complaintEntries.complaintId, caseId)));
  const [cs] = await db.select({ n: count() }).from(complaints).where(eq(complaints.orgId, org.org.id));
  const [reveals] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'complaints.revealIdentity'));
  return JSON.stringify({ row, entries: entries?.n, complaints: cs?.n, reveals: reveals?.n });
}

async function assertNothing(who: string, res: Response, allowed: number[]) {
  const body = await res.text();
  assert.ok(allowed.includes(res.status), `${who}: ${res.status} not in ${allowed} (${res.url})`);
  for (const s of SECRETS) assert.ok(!body.includes(s), `${who} got "${s}"`);
}

describe('complaints security: every officers’ route', () => {
  const outsiders: [string, number[]][] = [
    ['stranger', [404]], // another organization's officer: the case does not exist there
    ['plain', [403]],
    ['admin', [403]],
    ['executive', [403]],
    ['concerned', [404]], // an officer the complaint is about: as if it did not exist
    ['anonymous', [302, 303, 401]],
  ];

  for (const [who, caseStatuses] of outsiders) {
    test(`${who}: no content, no identity, nothing changed`, async () => {
      const b = browsers[who] as TestBrowser;
      const before = await snapshot();
      const { get, post } = ROUTES();
      for (const path of get) {
        const res = await b.get(path);
        const onCase = path.includes(`/${caseId}`);
        // The list and the record form: officers of another organization and the concerned officer
        // may open them (without this case); the others are refused.
        const allowed = onCase ? caseStatuses : who === 'stranger' || who === 'concerned' ? [200] : caseStatuses;
        await assertNothing(`${who} GET ${path}`, res, allowed);
      }
      // POSTs carry a valid CSRF token of the outsider's own session where they have one.
      const token = who === 'anonymous' ? null : await b.csrf('/staff');
      for (const [path, fields] of post) {
        const res = await b.post(path, fields, { csrf: token ?? 'no-session-token' });
        if (path === '/staff/complaints/new') {
          if (who === 'stranger' || who === 'concerned') {
            // An officer may record a complaint in their own organization: that is not this case.
            assert.ok([303, 422].includes(res.status), `${who} record ${res.status}`);
            continue;
          }
          await assertNothing(`${who} POST ${path}`, res, who === 'anonymous' ? [302, 303, 401, 403] : [403]);
          continue;
        }
        await assertNothing(`${who} POST ${path}`, res, who === 'anonymous' ? [302, 303, 401, 403] : caseStatuses);
      }
      const api = await b.request(`/api/complaints/cases/${caseId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'not_accepted', reason: 'x', note: 'y' }),
      });
      await assertNothing(`${who} PATCH api`, api, who === 'anonymous' ? [401] : caseStatuses);
      if (who === 'stranger' || who === 'concerned') {
        // The record POST may have added a complaint of their own org (stranger) or ours (concerned): compare the case itself.
        const a = JSON.parse(before);
        const z = JSON.parse(await snapshot());
        assert.deepEqual({ ...z, complaints: 0 }, { ...a, complaints: 0 });
      } else assert.equal(await snapshot(), before, `${who} changed something`);
    });
  }

  test('an officer not assigned reads the case but cannot reveal the identity (403, no entry); the routing page holds no case content', async () => {
    const b = browsers.officer as TestBrowser;
    const page = await b.get(`/staff/complaints/${caseId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes(SUBJECT) && html.includes(NOTE));
    assert.ok(!html.includes(REPORTER));
    assert.ok(!html.includes('/reveal#identity'), 'no reveal form for an officer not assigned');
    assert.match(html, /เฉพาะผู้รับผิดชอบเรื่องเท่านั้นที่เปิดดูตัวตนผู้ร้องเรียนได้/);
    const before = await snapshot();
    const res = await b.post(
      `/staff/complaints/${caseId}/reveal`,
      { reason: 'อยากรู้ว่าใครร้องเรียนเรื่องนี้' },
      { from: `/staff/complaints/${caseId}` },
    );
    await assertNothing('officer reveal', res, [403]);
    assert.equal(await snapshot(), before);
    const routing = await (browsers.admin as TestBrowser).get('/staff/complaints/routing');
    await assertNothing('admin routing', routing, [200]);
  });

  test('attachments are served as downloads, stripped, never sniffed, never cached', async () => {
    const res = await (browsers.assigned as TestBrowser).get(`/staff/complaints/${caseId}/attachments/${attachmentId}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment-1\.jpg/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString('hex'), 'ffd8');
    assert.ok(!bytes.includes(Buffer.from('Exif')), 'the EXIF block (GPS) is gone');
    const other = await (browsers.assigned as TestBrowser).get(`/staff/complaints/${caseId}/attachments/${attachmentId + 1000}`);
    assert.equal(other.status, 404);
  });

  test('only the assigned officer reveals; the identity is on that response only; the audit log shows who and why', async () => {
    const b = browsers.assigned as TestBrowser;
    const path = `/staff/complaints/${caseId}`;
    const page = await (await b.get(path)).text();
    assert.ok(!page.includes(REPORTER));
    assert.match(page, /เปิดดูตัวตนผู้ร้องเรียน/);
    const reason = 'ต้องติดต่อผู้ร้องเรียนเพื่อนัดให้ถ้อยคำเพิ่มเติม';
    const res = await b.post(`${path}/reveal`, { reason }, { from: path });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const html = await res.text();
    assert.ok(html.includes(REPORTER) && html.includes('0899999999'));
    assert.ok(!(await (await b.get(path)).text()).includes(REPORTER), 'not on the next GET');
    assert.ok(!(await (await b.get('/staff/complaints')).text()).includes(REPORTER), 'never in the list');
    const [entry] = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'complaints.revealIdentity'), eq(auditLog.entityId, String(caseId))));
    assert.equal(entry?.actorUserId, assigned.userId);
    assert.match(entry?.actorLabel ?? '', new RegExp(assigned.username));
    assert.match(entry?.summary ?? '', new RegExp(reason));
    assert.ok(!JSON.stringify(entry).includes(REPORTER));
    // The case page's audit section and the organization's audit log (admin) both show it.
    const casePage = await (await b.get(path)).text();
    assert.match(casePage, new RegExp(`${assigned.username}[^<]*</td>\\s*<th scope="row" class="cmp-audit__what">[^<]*${reason}`));
    const log = await (await (browsers.admin as TestBrowser).get('/staff/audit?action=complaints.revealIdentity')).text();
    assert.match(log, new RegExp(reason));
    assert.ok(!log.includes(REPORTER));
  });
});
