import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { ServiceContext } from '../../core/context.js';
import { popplerMissing, pdfText as rawPdfText, squash } from '../../core/documents/pdf-tools.js';

/** The text of a PDF without the zero-width word breaks the layout inserts. */
const pdfText = (pdf: Uint8Array) => rawPdfText(pdf).replace(/\u200b/g, '');

import { notifications } from '../../core/notify/schema.js';
import { readFileBytes } from '../../core/storage/files.js';
import {
  createTestEnv,
  createTestOrg,
  createTestUser,
  signedIn,
  TestBrowser,
  type TestEnv,
  type TestOrg,
  type TestUser,
} from '../../testing/harness.js';
import { findPost } from '../news/service.js';
import { createDivision, createStaff } from '../staff/service.js';
import { renderReportPdf } from './pdf.js';
import { circularAcknowledgements, circularVersions } from './schema.js';
import * as svc from './service.js';
import { remindDue } from './worker.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let clock = new Date('2024-01-15T09:00:00+07:00'); // FY 2567
let coordinator: TestUser;
let office: number;
let works: number;
let officeClerk: TestUser;
let worksClerk: TestUser;
let paperPerson: number;

const as = async (u: TestUser, o: TestOrg = org): Promise<ServiceContext> => {
  const { users } = await import('../../core/auth/schema.js');
  const [row] = await env.services.db.select().from(users).where(eq(users.id, u.userId));
  if (!row) throw new Error('no user');
  return {
    app: env.services,
    orgId: o.org.id,
    actor: {
      orgId: o.org.id,
      userId: u.userId,
      username: u.username,
      displayName: row.displayName,
      roles: row.roles as never,
      mustChangePassword: false,
    },
  };
};

const input = (over: Partial<svc.CircularInput> = {}): svc.CircularInput => ({
  kind: 'announcement',
  title: 'มาตรการลงโทษทางวินัยกรณีเจ้าหน้าที่กระทำการทุจริต',
  body: 'ย่อหน้าแรก ข้อ 1 ลงโทษไล่ออก\n\nจึงประกาศให้ทราบโดยทั่วกัน',
  dated: '2024-01-15',
  signerName: 'นายจิรเดช ชามาละ',
  signerPosition: 'นายกองค์การบริหารส่วนตำบลทดสอบ',
  audience: { all: true, divisionIds: [] },
  ackDueOn: '2024-01-31',
  ...over,
});

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  office = await createDivision(org.ctx, { name: 'สำนักปลัด', sortOrder: 10 });
  works = await createDivision(org.ctx, { name: 'กองช่าง', sortOrder: 20 });
  coordinator = await createTestUser(env, org, ['ita_coordinator', 'staff']);
  officeClerk = await createTestUser(env, org, ['staff']);
  worksClerk = await createTestUser(env, org, ['staff']);
  const { staffMembers } = await import('../staff/schema.js');
  await env.services.db.update(staffMembers).set({ divisionId: office }).where(eq(staffMembers.id, officeClerk.staffId));
  await env.services.db.update(staffMembers).set({ divisionId: works }).where(eq(staffMembers.id, worksClerk.staffId));
  paperPerson = (await createStaff(org.ctx, { titlePrefix: 'นาย', firstName: 'สุไลมาน', lastName: 'เจ๊ะแว', divisionId: works })).staffId;
});
after(() => env.close());

const immutable = (e: unknown) => /immutable/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));

describe('circulars', () => {
  test('circulate freezes a version whose sha256 is the stored PDF’s; everyone active is a recipient; the PDF is a ประกาศ in Thai digits', async () => {
    const ctx = await as(coordinator);
    const c = await svc.createCircular(ctx, input());
    assert.equal(c.status, 'draft');
    const v = await svc.circulate(ctx, c.id);
    assert.equal(v.version, 1);
    const { bytes, file } = await readFileBytes(ctx, v.fileId);
    assert.equal(v.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(file.sha256, v.sha256);
    const report = await svc.completionReport(ctx, c.id);
    assert.equal(report.total, 4); // the coordinator, two clerks and the person without an account
    assert.equal(report.acknowledged, 0);
    if (!popplerMissing()) {
      const text = squash(await pdfText(bytes));
      assert.match(text, /ประกาศองค์การบริหารส่วนตำบล/);
      assert.match(text, /มาตรการลงโทษทางวินัย/);
      assert.match(text, /ประกาศณวันที่๑๕มกราคมพ\.ศ\.๒๕๖๗/);
      assert.match(text, /นายจิรเดชชามาละ/);
    }
    // Recipients with an account were told.
    const told = await env.services.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, org.org.id),
          eq(notifications.userId, officeClerk.userId),
          eq(notifications.kind, 'circulars.circulated'),
        ),
      );
    assert.equal(told.length, 1);
  });

  test('versions and acknowledgements are immutable (the trigger refuses UPDATE and DELETE)', async () => {
    const ctx = await as(coordinator);
    const c = await svc.createCircular(ctx, input({ title: 'ทดสอบแก้ไขไม่ได้' }));
    const v = await svc.circulate(ctx, c.id);
    await svc.acknowledge(await as(officeClerk), c.id, { version: v.version, sha256: v.sha256 });
    const db = env.services.db;
    await assert.rejects(
      db
        .update(circularVersions)
        .set({ sha256: 'x' })
        .where(and(eq(circularVersions.orgId, org.org.id), eq(circularVersions.circularId, c.id))),
      immutable,
    );
    await assert.rejects(db.delete(circularVersions).where(eq(circularVersions.circularId, c.id)), immutable);
    await assert.rejects(
      db.update(circularAcknowledgements).set({ method: 'paper' }).where(eq(circularAcknowledgements.circularId, c.id)),
      immutable,
    );
    await assert.rejects(db.delete(circularAcknowledgements).where(eq(circularAcknowledgements.circularId, c.id)), immutable);
  });

  test('one acknowledgement per version; a superseded version is refused naming the newer one; a wrong sha256 is refused', async () => {
    const ctx = await as(coordinator);
    const c = await svc.createCircular(ctx, input({ title: 'ฉบับแก้ไข' }));
    const v1 = await svc.circulate(ctx, c.id);
    const clerk = await as(officeClerk);
    await assert.rejects(svc.acknowledge(clerk, c.id, { version: 1, sha256: '0'.repeat(64) }), {
      status: 409,
      messageKey: 'circulars.errors.shaMismatch',
    });
    const first = await svc.acknowledge(clerk, c.id, { version: 1, sha256: v1.sha256 });
    await assert.rejects(svc.acknowledge(clerk, c.id, { version: 1, sha256: v1.sha256 }), {
      status: 409,
      messageKey: 'circulars.errors.alreadyAcknowledged',
    });
    // A second circulation needs a change note.
    await assert.rejects(svc.circulate(ctx, c.id), { status: 422 });
    await svc.updateCircular(ctx, c.id, input({ title: 'ฉบับแก้ไข', body: 'ข้อความใหม่\n\nจึงประกาศให้ทราบ' }));
    const v2 = await svc.circulate(ctx, c.id, { changeNote: 'แก้ข้อ 1' });
    assert.equal(v2.version, 2);
    assert.notEqual(v2.sha256, v1.sha256);
    const worker = await as(worksClerk);
    await assert.rejects(svc.acknowledge(worker, c.id, { version: 1, sha256: v1.sha256 }), {
      status: 409,
      messageKey: 'circulars.errors.superseded',
      params: { version: 2 },
    });
    // The clerk who acknowledged v1 is pending again for v2; the first acknowledgement stands.
    assert.ok((await svc.pendingFor(clerk)).some((p) => p.circular.id === c.id && p.version.version === 2));
    const report = await svc.completionReport(ctx, c.id);
    const row = report.groups.flatMap((g) => g.rows).find((r) => r.staffId === officeClerk.staffId);
    assert.equal(row?.ack, null);
    assert.equal(row?.earlier?.version, 1);
    assert.equal(row?.earlier?.at.getTime(), first.acknowledgedAt.getTime());
    await svc.acknowledge(clerk, c.id, { version: 2, sha256: v2.sha256 });
    assert.ok(!(await svc.pendingFor(clerk)).some((p) => p.circular.id === c.id));
  });

  test('audience by divisions: only the chosen divisions’ active staff; others cannot see or acknowledge it (404)', async () => {
    const ctx = await as(coordinator);
    await assert.rejects(svc.createCircular(ctx, input({ audience: { all: false, divisionIds: [] } })), { status: 422 });
    const otherDivision = await createDivision(other.ctx, { name: 'กองอื่น' });
    await assert.rejects(svc.createCircular(ctx, input({ audience: { all: false, divisionIds: [otherDivision] } })), { status: 422 });
    const c = await svc.createCircular(
      ctx,
      input({ kind: 'memo', title: 'หนังสือเวียนกองช่าง', audience: { all: false, divisionIds: [works] } }),
    );
    const v = await svc.circulate(ctx, c.id);
    const report = await svc.completionReport(ctx, c.id);
    assert.deepEqual(
      report.groups.map((g) => g.divisionName),
      ['กองช่าง'],
    );
    assert.deepEqual(report.groups[0]?.rows.map((r) => r.staffId).sort(), [worksClerk.staffId, paperPerson].sort());
    await assert.rejects(svc.acknowledge(await as(officeClerk), c.id, { version: 1, sha256: v.sha256 }), { status: 404 });
    await assert.rejects(svc.getCircular(await as(officeClerk), c.id), { status: 404 });
    // The memo took a number from the ว series.
    assert.ok((await svc.registerNumberOf(ctx, c.id ? await svc.getCircular(ctx, c.id) : c)) !== null);
    if (!popplerMissing()) {
      const { bytes } = await svc.versionFile(ctx, c.id, 1);
      assert.match(squash(await pdfText(bytes)), /บันทึกข้อความ/);
      assert.match(squash(await pdfText(bytes)), /ที่นธ๗๘๑๐๑\/ว/);
    }
  });

  test('paper acknowledgement, reminders (button and worker on the due day), report PDF totals', async () => {
    const ctx = await as(coordinator);
    const c = await svc.createCircular(ctx, input({ title: 'ทดสอบเตือน', ackDueOn: '2024-01-20' }));
    await svc.circulate(ctx, c.id);
    await assert.rejects(svc.recordPaperAck(ctx, c.id, { staffId: paperPerson, on: '2024-02-01' }), { status: 422 });
    await svc.recordPaperAck(ctx, c.id, { staffId: paperPerson, on: '2024-01-15' });
    await assert.rejects(svc.recordPaperAck(ctx, c.id, { staffId: paperPerson, on: '2024-01-15' }), { status: 409 });
    assert.equal(await svc.remindPending(ctx, c.id), 3); // those pending with an account
    await assert.rejects(svc.remindPending(await as(officeClerk), c.id), { status: 403 });
    // The worker: nothing before the due day, once on it.
    assert.ok(!(await remindDue(env.services)).some((d) => d.id === c.id));
    clock = new Date('2024-01-20T08:00:00+07:00');
    try {
      assert.ok((await remindDue(env.services)).some((d) => d.id === c.id));
      assert.ok(!(await remindDue(env.services)).some((d) => d.id === c.id), 'only once');
    } finally {
      clock = new Date('2024-01-15T09:00:00+07:00');
    }
    const report = await svc.completionReport(ctx, c.id);
    assert.equal(report.acknowledged, 1);
    const paper = report.groups.flatMap((g) => g.rows).find((r) => r.staffId === paperPerson);
    assert.equal(paper?.ack?.method, 'paper');
    const pdf = await renderReportPdf(ctx, report, { name: 'นางสาวทดสอบ', position: 'นักวิชาการ' });
    if (!popplerMissing()) {
      const text = squash(await pdfText(pdf));
      assert.match(text, /รายงานผลการแจ้งเวียนประกาศ/);
      assert.match(text, /รับทราบแล้ว๑คน/);
      assert.match(text, /ลงนามในเอกสาร/);
    }
    // A report whose totals do not match its rows is refused, never silently fixed.
    await assert.rejects(renderReportPdf(ctx, { ...report, acknowledged: 2 }, { name: 'x', position: 'y' }), /do not match/);
  });

  test('completion counts: acknowledged + pending = total in every division and overall (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ divisionId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), acked: fc.boolean() }), {
          maxLength: 60,
        }),
        (people) => {
          const rows = people.map((p) => ({
            divisionId: p.divisionId,
            ack: p.acked ? { at: new Date(0), version: 1, method: 'online' as const } : null,
          }));
          const s = svc.summarize(rows);
          assert.equal(s.total, rows.length);
          assert.equal(s.acknowledged + s.pending, s.total);
          assert.equal(s.acknowledged, people.filter((p) => p.acked).length);
          let sum = 0;
          for (const [d, g] of s.byDivision) {
            const mine = people.filter((p) => p.divisionId === d);
            assert.equal(g.acknowledged + g.pending, mine.length);
            assert.equal(g.acknowledged, mine.filter((p) => p.acked).length);
            sum += g.acknowledged + g.pending;
          }
          assert.equal(sum, s.total);
          const pct = svc.percentOf(s.acknowledged, s.total);
          if (s.total === 0) assert.equal(pct, null);
          else assert.ok(pct !== null && pct >= 0 && pct <= 100 && (pct === 100) === (s.pending === 0));
        },
      ),
    );
  });

  test('permission edges: staff cannot create or circulate; another organization’s staff get 404; signed out goes to sign-in', async () => {
    const clerk = await as(officeClerk);
    await assert.rejects(svc.createCircular(clerk, input()), { status: 403 });
    const ctx = await as(coordinator);
    const c = await svc.createCircular(ctx, input({ title: 'ร่างยังไม่เวียน' }));
    await assert.rejects(svc.circulate(clerk, c.id), { status: 403 });
    await assert.rejects(svc.getCircular(clerk, c.id), { status: 404 }, 'a draft is not shown to staff');
    const outsider = await createTestUser(env, other, ['ita_coordinator', 'staff']);
    await assert.rejects(svc.getCircular(await as(outsider, other), c.id), { status: 404 });
    await assert.rejects(svc.circulate(await as(outsider, other), c.id), { status: 404 });
    const b = new TestBrowser(env, other.host);
    await b.signIn(outsider.username, outsider.password);
    assert.equal((await b.get(`/staff/circulars/${c.id}`)).status, 404);
    assert.equal((await b.get(`/staff/circulars/${c.id}/report.csv`)).status, 404);
    assert.equal((await b.get(`/staff/circulars/${c.id}/versions/1.pdf`)).status, 404);
    const anon = await new TestBrowser(env, org.host).get('/staff/circulars');
    assert.notEqual(anon.status, 200);
    const { browser } = await signedIn(env, org, ['staff']);
    assert.equal((await browser.get('/staff/circulars/new')).status, 403);
    assert.equal((await browser.get(`/staff/circulars/${c.id}/report.csv`)).status, 403);
    assert.equal((await browser.get('/staff/circulars/abc')).status, 404);
  });

  test('pages without JavaScript: compose, circulate, acknowledge from the pending list, the report shows who has not', async () => {
    const b = new TestBrowser(env, org.host);
    await b.signIn(coordinator.username, coordinator.password);
    const bad = await b.post('/staff/circulars/new', {
      kind: 'announcement',
      title: '',
      body: 'x',
      dated: '32/13/2567',
      signerName: 'ก',
      signerPosition: 'ข',
      audience: 'all',
    });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /เรื่อง/);
    assert.match(html, /วันที่ไม่ถูกต้อง/);
    assert.match(html, /value="ข"/, 'values re-shown');
    const ok = await b.post('/staff/circulars/new', {
      kind: 'announcement',
      title: 'ประกาศทดสอบหน้าเว็บ',
      body: 'ข้อความ\n\nจึงประกาศให้ทราบ',
      dated: '15/01/2567',
      signerName: 'นายจิรเดช ชามาละ',
      signerPosition: 'นายก',
      audience: 'all',
      'divisionIds[]': '',
      ackDueOn: '',
    });
    assert.equal(ok.status, 303);
    const path = ok.headers.get('location') ?? '';
    const id = Number(path.split('/').pop());
    assert.equal((await b.get(`/staff/circulars/${id}/preview.pdf`)).headers.get('content-type'), 'application/pdf');
    assert.equal((await b.post(`/staff/circulars/${id}/circulate`, {}, { from: path })).status, 303);

    const clerk = new TestBrowser(env, org.host);
    await clerk.signIn(worksClerk.username, worksClerk.password);
    const pending = await clerk.get('/staff/circulars/pending');
    assert.match(await pending.text(), /ประกาศทดสอบหน้าเว็บ/);
    const v = await svc.getVersion(await as(coordinator), id, 1);
    const noTick = await clerk.post(
      `/staff/circulars/${id}/acknowledge`,
      { version: '1', sha256: v.sha256, back: '/staff/circulars/pending' },
      { from: '/staff/circulars/pending' },
    );
    assert.equal(noTick.status, 422);
    assert.match(await noTick.text(), /ข้าพเจ้าได้อ่านและรับทราบ/);
    const acked = await clerk.post(
      `/staff/circulars/${id}/acknowledge`,
      { version: '1', sha256: v.sha256, back: '/staff/circulars/pending', [`confirm-${id}[]`]: ['', 'yes'] },
      { from: '/staff/circulars/pending' },
    );
    assert.equal(acked.status, 303);
    assert.equal(acked.headers.get('location'), '/staff/circulars/pending');
    const again = await clerk.post(
      `/staff/circulars/${id}/acknowledge`,
      { version: '1', sha256: v.sha256, [`confirm-${id}[]`]: 'yes' },
      { from: `/staff/circulars/${id}` },
    );
    assert.equal(again.status, 409);
    assert.match(await again.text(), /รับทราบฉบับนี้ไว้แล้ว/);

    const detail = await (await b.get(`/staff/circulars/${id}`)).text();
    assert.match(detail, /ยังไม่รับทราบ/);
    assert.match(detail, /เตือนผู้ที่ยังไม่รับทราบ/);
    const csv = await (await b.get(`/staff/circulars/${id}/report.csv`)).text();
    assert.match(csv, /สุไลมาน เจ๊ะแว/);
    const list = await (await b.get('/staff/circulars')).text();
    assert.match(list, /ประกาศทดสอบหน้าเว็บ/);
    assert.match(list, /1 จาก 5 คน \(20%\)/);
    // The todo on the staff home.
    const todo = await env.registry.todo(await as(officeClerk));
    assert.ok(todo.some((t) => t.label === 'circulars.todo.pending'));
  });

  test('published on the portal as a news announcement with the PDF; withdrawing withdraws it there too', async () => {
    const ctx = await as(coordinator);
    const c = await svc.createCircular(ctx, input({ title: 'ประกาศเผยแพร่' }));
    await assert.rejects(svc.publishOnPortal(ctx, c.id), { status: 409 });
    await svc.circulate(ctx, c.id);
    const published = await svc.publishOnPortal(ctx, c.id);
    assert.ok(published.newsPostId);
    const page = await new TestBrowser(env, org.host).get(`/news/${published.newsPostId}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /ประกาศเผยแพร่/);
    await assert.rejects(svc.withdrawCircular(ctx, c.id, ''), { status: 422 });
    await svc.withdrawCircular(ctx, c.id, 'ยกเลิกประกาศ');
    const post = await findPost(env.services.db, org.org.id, published.newsPostId ?? 0);
    assert.ok(post?.withdrawnAt);
    assert.ok(!(await svc.pendingFor(await as(officeClerk))).some((p) => p.circular.id === c.id));
  });

  test('API: circulars.create, circulate, pending, acknowledge (bearer tokens)', async () => {
    const token = async (u: TestUser) => {
      const res = await env.app.request(`http://${org.host}/api/auth/login`, {
        method: 'POST',
        headers: { host: org.host, 'content-type': 'application/json' },
        body: JSON.stringify({ username: u.username, password: u.password }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const call = (path: string, t: string, json?: unknown) =>
      env.app.request(`http://${org.host}/api${path}`, {
        method: json === undefined ? 'GET' : 'POST',
        headers: { host: org.host, authorization: `Bearer ${t}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    const coord = await token(coordinator);
    const clerk = await token(officeClerk);
    const { ackDueOn: _, ...body } = input({ title: 'ผ่าน API' });
    assert.equal((await call('/circulars', clerk, body)).status, 403);
    const bad = await call('/circulars', coord, { ...body, dated: 'x' });
    assert.equal(bad.status, 422);
    const created = await call('/circulars', coord, body);
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: number };
    const circ = await call(`/circulars/${id}/circulate`, coord, {});
    assert.equal(circ.status, 201);
    const v = (await circ.json()) as { version: number; sha256: string };
    const pending = (await (await call('/circulars/pending', clerk)).json()) as { items: { circular: { id: number } }[] };
    assert.ok(pending.items.some((i) => i.circular.id === id));
    assert.equal((await call(`/circulars/${id}/acknowledge`, clerk, { version: v.version, sha256: v.sha256 })).status, 201);
    assert.equal((await call(`/circulars/${id}/acknowledge`, clerk, { version: v.version, sha256: v.sha256 })).status, 409);
    assert.equal((await call('/circulars/999999/acknowledge', clerk, { version: 1, sha256: v.sha256 })).status, 404);
    assert.equal((await call('/circulars/pending', '')).status, 401);
    void sql;
  });
});
