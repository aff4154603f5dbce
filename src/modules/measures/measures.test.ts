import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { jpegWithGps } from '../../core/storage/exif-fixtures.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createDivision, updateStaff } from '../staff/service.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let office: number;
let finance: number;
const now = new Date('2024-03-20T10:00:00+07:00'); // FY 2567, ten days before the 6-month checkpoint

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  office = await createDivision(org.ctx, { name: 'สำนักปลัด', sortOrder: 1 });
  finance = await createDivision(org.ctx, { name: 'กองคลัง', sortOrder: 2 });
});
after(() => env.close());

async function staffIn(o: TestOrg, divisionId: number | null, roles: ('staff' | 'ita_coordinator')[] = ['staff']) {
  const { browser, user } = await signedIn(env, o, roles);
  if (divisionId) await updateStaff(o.ctx, user.staffId, { titlePrefix: 'นาย', firstName: 'ทดสอบ', lastName: user.username, divisionId });
  const ctx = {
    app: env.services,
    orgId: o.org.id,
    actor: { orgId: o.org.id, userId: user.userId, username: user.username, displayName: user.username, roles, mustChangePassword: false },
  };
  return { browser, user, ctx };
}

describe('measures plans', () => {
  test('a plan from the template has the ten measures, planned only; a copy of last year brings no results', async () => {
    const p2567 = await svc.createPlan(org.ctx, { fiscalYear: 2567, origin: 'template' });
    const ms = await svc.listMeasures(org.ctx, p2567.id);
    assert.equal(ms.length, 10);
    assert.deepEqual(
      ms.map((m) => m.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.notEqual(ms[3]?.title, ms[4]?.title, 'measure 5 has its own title');
    assert.deepEqual(ms[1]?.titleDetails, ['2.1 มีจุดแรกรับให้คำแนะนำ หรือช่วยเติมเอกสาร']);
    assert.ok(ms.every((m) => m.resultsSummary.length === 0 && m.outcome === ''));
    assert.equal(ms[0]?.methods[0], 'แต่งตั้งคณะกรรมการจัดทำมาตรการลงโทษ');
    assert.deepEqual(
      ms[8]?.divisions.map((d) => d.name),
      ['กองคลัง'],
    );
    assert.equal(ms[2]?.divisions.length, 2, 'ทุกส่วนราชการตามภารกิจ = every division');
    const first = ms[0];
    assert.ok(first);
    await svc.updateMeasure(org.ctx, first.id, first.version, { resultsSummary: ['ทำแล้ว'], outcome: 'สำเร็จ' });
    const copy = await svc.createPlan(org.ctx, { fiscalYear: 2568, origin: 'copy' });
    const copied = await svc.listMeasures(org.ctx, copy.id);
    assert.equal(copied.length, 10);
    assert.equal(copied[0]?.resultsSummary.length, 0);
    assert.equal(copied[0]?.startsOn, '2024-10-01');
    await assert.rejects(svc.createPlan(org.ctx, { fiscalYear: 2568, origin: 'blank' }), /validation/);
    assert.deepEqual(
      (await svc.listPlans(org.ctx)).map((p) => p.fiscalYear),
      [2568, 2567],
    );
    assert.equal((await svc.getPlanByYear(org.ctx, 2567))?.id, p2567.id);
    await assert.rejects(svc.getPlan(other.ctx, p2567.id), /not_found/);
  });

  test('version check: a stale save is refused and changes nothing', async () => {
    const plan = (await svc.getPlanByYear(org.ctx, 2567)) as svc.Plan;
    const [m] = await svc.listMeasures(org.ctx, plan.id);
    assert.ok(m);
    const v = m.version;
    await svc.updateMeasure(org.ctx, m.id, v, { outcome: 'ฉบับแรก' });
    await assert.rejects(svc.updateMeasure(org.ctx, m.id, v, { outcome: 'ฉบับเก่า' }), (e: Error & { status?: number }) => e.status === 409);
    assert.equal((await svc.getMeasure(org.ctx, m.id)).outcome, 'ฉบับแรก');
  });
});

describe('who may update a measure', () => {
  test('responsible division staff yes; other division no; another organization not found; anonymous not signed in', async () => {
    const plan = (await svc.getPlanByYear(org.ctx, 2567)) as svc.Plan;
    const m9 = (await svc.listMeasures(org.ctx, plan.id)).find((m) => m.number === 9) as svc.MeasureDetail;
    const fin = await staffIn(org, finance);
    const off = await staffIn(org, office);
    const stranger = await staffIn(other, null);

    const ok = await fin.browser.post(
      `/staff/measures/${m9.id}/progress`,
      { happenedOn: '15/1/2567', text: 'เผยแพร่แผนการใช้จ่ายงบประมาณ' },
      { from: `/staff/measures/${m9.id}` },
    );
    assert.equal(ok.status, 303);
    assert.equal((await svc.listProgress(org.ctx, m9.id))[0]?.happenedOn, '2024-01-15');

    const page = await (await off.browser.get(`/staff/measures/${m9.id}`)).text();
    assert.match(page, /ดูได้อย่างเดียว/);
    const csrf = await off.browser.csrf(`/staff/measures`);
    const refused = await off.browser.post(`/staff/measures/${m9.id}/progress`, { happenedOn: '15/1/2567', text: 'x' }, { csrf });
    assert.equal(refused.status, 403);
    await assert.rejects(svc.addProgress(off.ctx, m9.id, { happenedOn: '2024-01-15', text: 'x' }), /forbidden/);
    // Plan fields are the coordinator's, even for the responsible division.
    await assert.rejects(svc.updateMeasure(fin.ctx, m9.id, m9.version + 1, { title: 'x' }), /forbidden/);

    assert.equal((await stranger.browser.get(`/staff/measures/${m9.id}`)).status, 404);
    await assert.rejects(svc.getMeasure(stranger.ctx, m9.id), /not_found/);
    const anon = new TestBrowser(env, org.host);
    const res = await anon.get(`/staff/measures/${m9.id}`);
    assert.ok([302, 303, 401].includes(res.status));
  });

  test('stale save through the page: 409, the newer values shown, nothing overwritten', async () => {
    const plan = (await svc.getPlanByYear(org.ctx, 2567)) as svc.Plan;
    const m2 = (await svc.listMeasures(org.ctx, plan.id)).find((m) => m.number === 2) as svc.MeasureDetail;
    const coord = await staffIn(org, office, ['ita_coordinator', 'staff']);
    const html = await (await coord.browser.get(`/staff/measures/${m2.id}`)).text();
    const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
    await svc.updateMeasure(org.ctx, m2.id, Number(version), { outcome: 'บันทึกโดยอีกคน' });
    const res = await coord.browser.post(
      `/staff/measures/${m2.id}/implementation`,
      { version, status: 'in_progress', outcome: 'ของฉัน' },
      { csrf: await coord.browser.csrf() },
    );
    assert.equal(res.status, 409);
    const body = await res.text();
    assert.match(body, /มีผู้อื่นบันทึกมาตรการนี้ไปก่อนแล้ว/);
    assert.match(body, /บันทึกโดยอีกคน/);
    assert.equal((await svc.getMeasure(org.ctx, m2.id)).outcome, 'บันทึกโดยอีกคน');
  });
});

describe('evidence', () => {
  const upload = (b: TestBrowser, id: number, bytes: Uint8Array, name: string, csrf: string) => {
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('mode', 'file');
    form.append('title', 'รูปถ่ายจุดบริการ');
    form.append('isPublic[]', 'yes');
    form.append('file', new File([bytes], name));
    return b.request(`/staff/measures/${id}/evidence`, { method: 'POST', body: form });
  };

  test('a photo is stored without its GPS EXIF and served to staff only; wrong type and too big are refused in Thai', async () => {
    const plan = (await svc.getPlanByYear(org.ctx, 2567)) as svc.Plan;
    const m6 = (await svc.listMeasures(org.ctx, plan.id)).find((m) => m.number === 6) as svc.MeasureDetail;
    const { browser } = await staffIn(org, office);
    const csrf = await browser.csrf(`/staff/measures/${m6.id}`);
    const ok = await upload(browser, m6.id, jpegWithGps(), 'photo.jpg', csrf);
    assert.equal(ok.status, 303);
    const [ev] = await svc.listEvidence(org.ctx, m6.id);
    assert.ok(ev?.fileId);
    const file = await browser.get(`/staff/measures/evidence/${ev.id}/file`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.ok(!bytes.includes(Buffer.from('Exif')) && !bytes.includes(Buffer.from('ProngsaiCam')));
    assert.equal((await new TestBrowser(env, org.host).get(`/staff/measures/evidence/${ev.id}/file`)).status === 200, false);

    const fake = await upload(
      browser,
      m6.id,
      new TextEncoder().encode('<html>not a pdf</html>'),
      'report.pdf',
      await browser.csrf(`/staff/measures/${m6.id}`),
    );
    assert.equal(fake.status, 422);
    assert.match(await fake.text(), /รับเฉพาะไฟล์ PDF, JPEG, PNG หรือ WebP/);
    const big = new Uint8Array(svc.EVIDENCE_MAX_BYTES + 1);
    big.set(Buffer.from('%PDF-1.4\n'));
    const tooBig = await upload(browser, m6.id, big, 'big.pdf', await browser.csrf(`/staff/measures/${m6.id}`));
    assert.equal(tooBig.status, 413);
    assert.match(await tooBig.text(), /ไฟล์ใหญ่เกินไป/);
    assert.equal((await svc.listEvidence(org.ctx, m6.id)).length, 1);
  });

  test('links: a path on this site or https, with a kind', async () => {
    const plan = (await svc.getPlanByYear(org.ctx, 2567)) as svc.Plan;
    const m6 = (await svc.listMeasures(org.ctx, plan.id)).find((m) => m.number === 6) as svc.MeasureDetail;
    const ev = await svc.attachEvidence(org.ctx, m6.id, {
      title: 'สถิติคิว',
      link: { kind: 'queue_report', href: '/staff/queue/report?fy=2567' },
    });
    assert.equal(ev.linkKind, 'queue_report');
    await assert.rejects(
      svc.attachEvidence(org.ctx, m6.id, { title: 'x', link: { kind: 'other', href: 'javascript:alert(1)' } }),
      /validation/,
    );
    await assert.rejects(
      svc.attachEvidence(org.ctx, m6.id, { title: 'x', link: { kind: 'other', href: 'http://example.com' } }),
      /validation/,
    );
  });
});

describe('what is missing, pages and API', () => {
  test('the coordinator sees the overview and the 6-month checkpoint due; division staff get a todo', async () => {
    const plan = (await svc.getPlanByYear(org.ctx, 2567)) as svc.Plan;
    const missing = await svc.missingOverview(org.ctx, plan.id);
    assert.ok(missing.some((r) => r.missing.includes('noEvidence') && r.missing.includes('checkpoint6Due')));
    const coord = await staffIn(org, office, ['ita_coordinator', 'staff']);
    const html = await (await coord.browser.get(`/staff/measures/plans/${plan.id}`)).text();
    assert.match(html, /สิ่งที่ยังขาด/);
    assert.match(html, /ใกล้ถึงรอบรายงาน ๖ เดือน/);
    const fin = await staffIn(org, finance);
    const todo = await svc.measuresTodo(fin.ctx);
    assert.ok(todo.some((t) => t.label === 'measures.todo.checkpoint6Due'));
    await assert.rejects(svc.missingOverview(fin.ctx, plan.id), /forbidden/);
  });

  test('API: list, get, update with version (409 when stale), progress, evidence link', async () => {
    const user = await createTestUser(env, org, ['ita_coordinator']);
    const login = await env.app.request(`http://${org.host}/api/auth/login`, {
      method: 'POST',
      headers: { host: org.host, 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const call = (path: string, method = 'GET', json?: unknown, o = org) =>
      env.app.request(`http://${o.host}/api${path}`, {
        method,
        headers: { host: o.host, authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
    const list = (await (await call('/measures/plans')).json()) as { items: { id: number; fiscalYear: number }[] };
    const p = list.items.find((x) => x.fiscalYear === 2567);
    assert.ok(p);
    const got = (await (await call(`/measures/plans/${p.id}`)).json()) as { measures: { id: number; version: number }[] };
    assert.equal(got.measures.length, 10);
    const created = await call(`/measures/plans/${p.id}/measures`, 'POST', { title: 'มาตรการใหม่', budget: null });
    assert.equal(created.status, 201);
    const m = (await created.json()) as { id: number; number: number; version: number };
    assert.equal(m.number, 11);
    const upd = await call(`/measures/${m.id}`, 'PATCH', { version: m.version, outcome: 'ok', budget: 5000 });
    assert.equal(upd.status, 200);
    const stale = await call(`/measures/${m.id}`, 'PATCH', { version: m.version, outcome: 'old' });
    assert.equal(stale.status, 409);
    assert.equal((await call(`/measures/${m.id}/progress`, 'POST', { happenedOn: '2024-02-01', text: 'เริ่ม' })).status, 201);
    assert.equal(
      (await call(`/measures/${m.id}/evidence`, 'POST', { title: 'ประกาศ', linkKind: 'announcement', linkHref: '/ita/2567' })).status,
      201,
    );
    assert.equal((await call(`/measures/plans/${p.id}`, 'GET', undefined, other)).status === 200, false);
    const anon = await env.app.request(`http://${org.host}/api/measures/plans`, { headers: { host: org.host } });
    assert.equal(anon.status, 401);
  });
});
