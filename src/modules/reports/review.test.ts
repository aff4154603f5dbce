import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv } from '../../testing/harness.js';
import { currentPublication, getPublication, supersedePublication } from '../publications/service.js';
import { decide, latestCase, submitForRouting } from '../routing/service.js';
import { setAccount } from '../staff/service.js';
import { getReport, publishReport, REPORT_ENTITY, renderReportFile, startVersion, submitReport } from './service.js';
import { type Person, type ReportFixture, reportFixture } from './testing.js';

async function sign(p: Person, reportId: number, decision: 'forward' | 'acknowledge') {
  const routed = await latestCase(p.ctx, REPORT_ENTITY, reportId);
  const step = routed?.steps.find((s) => s.status === 'active' && s.assigneeUserId === p.actor.userId);
  assert.ok(step, `no active step for ${p.name}`);
  await decide(p.ctx, step.id, { decision, signatureName: p.name });
}

async function signAll(f: ReportFixture, id: number) {
  await sign(f.head, id, 'forward');
  await sign(f.deputy, id, 'acknowledge');
  await sign(f.mayor, id, 'acknowledge');
}

describe('ids from a URL or the API that are no row', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('an id beyond the integer column is a 404 page, never a 500 (GET and POST)', async () => {
    const org = await createTestOrg(env);
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const big = '99999999999';
    for (const p of [
      `/staff/measures/${big}`,
      `/staff/measures/plans/${big}`,
      `/staff/measures/plans/${big}/new`,
      `/staff/measures/evidence/${big}/file`,
      `/staff/reports/${big}`,
      `/staff/reports/${big}/file`,
      `/staff/routing/${big}`,
      `/publications/${big}`,
      `/publications/${big}/file`,
      '/staff/measures/abc',
      '/staff/reports/abc',
      '/ita/abcd',
      '/publications/-1/file',
    ]) {
      assert.equal((await browser.get(p)).status, 404, p);
    }
    const csrf = await browser.csrf('/staff/measures');
    for (const p of [
      `/staff/measures/${big}/edit`,
      `/staff/measures/${big}/implementation`,
      `/staff/measures/${big}/progress`,
      `/staff/measures/${big}/evidence`,
      `/staff/measures/evidence/${big}/delete`,
      `/staff/measures/plans/${big}/ita`,
      `/staff/reports/plans/${big}/start`,
      `/staff/reports/${big}/memo`,
    ]) {
      const fields = {
        number: '1',
        title: 'x',
        budgetKind: 'none',
        status: 'planned',
        happenedOn: '1/1/2567',
        text: 'x',
        indicator: '1',
        name: 'x',
      };
      assert.equal((await browser.post(p, fields, { csrf })).status, 404, p);
    }
  });
});

describe('reports across routing and publications', () => {
  let env: TestEnv;
  let f: ReportFixture;
  before(async () => {
    env = await createTestEnv();
    f = await reportFixture(env);
  });
  after(() => env.close());

  it('routing.submit takes the report id only as written ("1e0", "01", "+1" name no report)', async () => {
    const v = await startVersion(f.ita.ctx, f.planId);
    for (const written of [`${v.id}e0`, `0${v.id}`, `+${v.id}`, `${v.id}.0`, `0x${v.id.toString(16)}`]) {
      await assert.rejects(submitForRouting(f.ita.ctx, REPORT_ENTITY, written), (e: unknown) => e instanceof AppError && e.status === 404);
    }
    assert.equal((await getReport(f.ita.ctx, v.id)).status, 'draft');
    assert.equal(await latestCase(f.ita.ctx, REPORT_ENTITY, v.id), null);
  });

  it('a new version is published over a correction made on the publication log', async () => {
    const v1 = await startVersion(f.ita.ctx, f.planId);
    await submitReport(f.ita.ctx, v1.id);
    await signAll(f, v1.id);
    const p1 = await getReport(f.ita.ctx, (await publishReport(f.ita.ctx, v1.id, {})).id);
    assert.ok(p1.publicationId);
    // The coordinator replaces the published PDF by hand (e.g. a scan with the wet signatures).
    const pdf = (await renderReportFile(f.ita.ctx, v1.id, 'pdf')).bytes;
    const correction = await supersedePublication(f.ita.ctx, p1.publicationId, {
      reason: 'แนบฉบับสแกนที่ลงนามจริง',
      bytes: pdf,
      fileName: 'scan.pdf',
    });
    const v2 = await startVersion(f.ita.ctx, f.planId);
    await submitReport(f.ita.ctx, v2.id);
    await signAll(f, v2.id);
    const published = await publishReport(f.ita.ctx, v2.id, { reason: 'แก้ไขผลการดำเนินงานมาตรการที่ 3' });
    assert.equal(published.status, 'published');
    assert.ok(published.publicationId);
    const replaced = await getPublication(f.ita.ctx, correction.id);
    assert.equal(replaced.supersededBy, published.publicationId);
    assert.equal((await currentPublication(f.ita.ctx, p1.publicationId)).id, published.publicationId);
    assert.equal((await getReport(f.ita.ctx, v1.id)).status, 'superseded');
  });

  it('a reviewer on the chain who holds no report role still reads the document on the routing page', async () => {
    const g = await reportFixture(env);
    // The head of office signs as a plain staff member (roles are the organization's choice).
    await setAccount(g.org.ctx, g.head.staffId, { username: g.head.username, roles: ['staff'] });
    const v = await startVersion(g.ita.ctx, g.planId);
    const routed = await submitReport(g.ita.ctx, v.id);
    const head = new TestBrowser(env, g.org.host);
    await head.signIn(g.head.username, g.head.password);
    const res = await head.get(`/staff/routing/${routed.id}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /class="report-preview"/);
    assert.match(html, /name="signatureName"/);
    // The report pages themselves stay closed to that role.
    assert.equal((await head.get(`/staff/reports/${v.id}`)).status, 403);
  });
});
