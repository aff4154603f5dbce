import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { flushAnonymousTallies } from '../../core/audit/anonymous.js';
import { auditLog } from '../../core/audit/schema.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { seedDemoSuggestions } from './demo.js';
import { staffSuggestions } from './schema.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const clock = new Date('2026-11-26T14:37:12+07:00'); // FY 2570

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

/** The code shown once after the POST-redirect. */
async function submitThroughPages(b: TestBrowser, category: string, text: string): Promise<string> {
  const res = await b.post('/staff/suggestions/new', { category, text });
  assert.equal(res.status, 303, await res.clone().text());
  assert.equal(res.headers.get('location'), '/staff/suggestions/submitted');
  const page = await (await b.get('/staff/suggestions/submitted')).text();
  const m = /class="sbox-code__value" lang="en">([A-Z0-9-]+)</.exec(page);
  assert.ok(m?.[1], 'the code is shown');
  return m[1];
}

describe('staff suggestion box', () => {
  test('nothing of the author is stored: no user id in the row or the audit entry, the day only; the code only as a keyed hash', async () => {
    const { browser, user } = await signedIn(env, org, ['staff']);
    const code = await submitThroughPages(browser, 'integrity', 'ขอให้เปิดเผยผลการจัดซื้อจัดจ้างที่บอร์ดหน้าสำนักงานทุกเดือน');
    assert.match(code, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // Shown once: a reload says it has been shown.
    const again = await (await browser.get('/staff/suggestions/submitted')).text();
    assert.doesNotMatch(again, new RegExp(code));
    assert.match(again, /แสดงได้ครั้งเดียว/);

    const [row] = await env.services.db.select().from(staffSuggestions).where(eq(staffSuggestions.orgId, org.org.id));
    assert.ok(row);
    assert.equal(row.createdAt.toISOString(), '2026-11-25T17:00:00.000Z', 'midnight Bangkok of the day');
    assert.equal(row.answeredBy, null);
    const plainCode = code.replace('-', '');
    const rowText = JSON.stringify(row);
    assert.ok(!rowText.includes(plainCode), 'the code itself is not stored');
    assert.equal(row.codeHash, env.services.secrets.mac('suggestion-code', `${org.org.id}:${plainCode}`));
    assert.deepEqual(
      Object.keys(row).sort(),
      ['answer', 'answeredAt', 'answeredBy', 'category', 'codeHash', 'createdAt', 'id', 'orgId', 'status', 'text'],
      'no column for an author (answeredBy is the executive who answers)',
    );
    // No entry of its own: the day's count enters the chain after the day.
    await flushAnonymousTallies(env.services, '9999-12-31');
    const entries = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'suggestions.submit')));
    assert.equal(entries.length, 1);
    const e = entries[0];
    assert.ok(e);
    assert.equal(e.actorUserId, null);
    assert.equal(e.actorLabel, 'anonymous');
    assert.equal(e.ip, null);
    assert.equal(e.entityId, null, 'not even which suggestion');
    assert.ok(!JSON.stringify(e).includes(user.username));
  });

  test('follow with the code: spaces, dashes and lower case are fine; a wrong code or another organization’s gives nothing', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const code = await submitThroughPages(browser, 'welfare', 'เสนอให้ทำหลังคาที่จอดรถจักรยานยนต์สำหรับผู้มาติดต่อ');
    const found = await browser.post('/staff/suggestions/track', { code: ` ${code.toLowerCase().replace('-', ' ')} ` });
    assert.equal(found.status, 200);
    const html = await found.text();
    assert.match(html, /หลังคาที่จอดรถจักรยานยนต์/);
    assert.match(html, /รอคำตอบ/);
    const wrong = await browser.post('/staff/suggestions/track', { code: 'AAAAA-BBBBB' });
    assert.equal(wrong.status, 404);
    assert.match(await wrong.text(), /ไม่พบความคิดเห็นของรหัสนี้/);
    const malformed = await browser.post('/staff/suggestions/track', { code: 'xyz' });
    assert.equal(malformed.status, 404, 'malformed answers as unknown');
    const outsider = await signedIn(env, other, ['staff']);
    assert.equal((await outsider.browser.post('/staff/suggestions/track', { code })).status, 404);
    await assert.rejects(svc.trackSuggestion({ ...other.ctx }, code), /not_found/);
    // Plain staff do not see a suggestion waiting for an answer in the list.
    const list = await (await browser.get('/staff/suggestions')).text();
    assert.doesNotMatch(list, /หลังคาที่จอดรถจักรยานยนต์/);
  });

  test('bad input re-shows the form naming the field, nothing stored; the day’s limit says so', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const before = (await env.services.db.select().from(staffSuggestions).where(eq(staffSuggestions.orgId, org.org.id))).length;
    const noCat = await browser.post('/staff/suggestions/new', { text: 'ข้อความที่ยาวพอสมควรสำหรับการทดสอบ' });
    assert.equal(noCat.status, 422);
    const body = await noCat.text();
    assert.match(body, /กรุณาเลือกหมวดเรื่อง/);
    assert.match(body, /ข้อความที่ยาวพอสมควรสำหรับการทดสอบ/, 'what was typed is kept');
    const short = await browser.post('/staff/suggestions/new', { category: 'work', text: 'สั้น' });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /สั้นเกินไป/);
    const long = await browser.post('/staff/suggestions/new', { category: 'work', text: 'ก'.repeat(svc.TEXT_MAX + 1) });
    assert.equal(long.status, 422);
    assert.equal((await env.services.db.select().from(staffSuggestions).where(eq(staffSuggestions.orgId, org.org.id))).length, before);
    for (let i = 0; i < svc.SUBMIT_LIMIT; i++) await submitThroughPages(browser, 'work', `ข้อเสนอเรื่องการทำงานลำดับที่ ${i + 1} ของวันนี้`);
    const over = await browser.post('/staff/suggestions/new', { category: 'work', text: 'ข้อเสนอเกินจำนวนที่กำหนดต่อวัน' });
    assert.equal(over.status, 429);
    assert.match(await over.text(), /วันนี้ท่านส่งความคิดเห็นครบ 3 เรื่องแล้ว/);
  });

  test('executives answer (visible to all staff) or close with a reason; plain staff and another organization cannot', async () => {
    const author = await signedIn(env, org, ['staff']);
    const code = await submitThroughPages(author.browser, 'service', 'ขอให้เปิดจุดบริการช่วงพักกลางวันในช่วงเปิดภาคเรียน');
    const id = (await svc.trackSuggestion(org.ctx, code)).id;
    const exec = await signedIn(env, org, ['executive']);
    const list = await (await exec.browser.get('/staff/suggestions')).text();
    assert.match(list, /ขอให้เปิดจุดบริการช่วงพักกลางวัน/, 'executives see what waits');
    assert.match(list, new RegExp(`/staff/suggestions/${id}/answer`));
    const empty = await exec.browser.post(`/staff/suggestions/${id}/answer`, { action: 'answer', text: '' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /กรุณากรอกคำตอบ/);
    const ok = await exec.browser.post(`/staff/suggestions/${id}/answer`, { action: 'answer', text: 'จัดเวรเจ้าหน้าที่ช่วงพักกลางวันแล้ว' });
    assert.equal(ok.status, 303);
    const seen = await (await author.browser.get('/staff/suggestions')).text();
    assert.match(seen, /จัดเวรเจ้าหน้าที่ช่วงพักกลางวันแล้ว/, 'all staff see the answer');
    assert.match(seen, /ขอให้เปิดจุดบริการช่วงพักกลางวัน/);
    // A second one answered on 30 November: days 0 and 4 (Bangkok days), median 2.
    const later = { ...org.ctx, app: { ...org.ctx.app, now: () => new Date('2026-11-30T08:00:00+07:00') } };
    const second = await svc.submitSuggestion(org.ctx, { category: 'service', text: 'ขอให้มีป้ายบอกทางไปห้องประชุมที่ชัดเจน' });
    await svc.answerSuggestion(later, (await svc.trackSuggestion(org.ctx, second.trackingCode)).id, { action: 'answer', text: 'ติดป้ายแล้ว' });
    const stats = await svc.suggestionStats(org.ctx, 2570);
    const service = stats.byCategory.find((c) => c.key === 'service');
    assert.deepEqual([service?.received, service?.answered, service?.medianDays], [2, 2, 2]);
    assert.equal(stats.byMonth.find((m) => m.key === '2026-11')?.received, stats.total.received);
    // Plain staff: 403 on the page and the POST; another organization's executive: 404.
    assert.equal((await author.browser.get(`/staff/suggestions/${id}/answer`)).status, 403);
    const refused = await author.browser.post(
      `/staff/suggestions/${id}/answer`,
      { action: 'close', text: 'x' },
      { from: '/staff/suggestions' },
    );
    assert.equal(refused.status, 403);
    const outsider = await signedIn(env, other, ['executive']);
    assert.equal((await outsider.browser.get(`/staff/suggestions/${id}/answer`)).status, 404);
    assert.equal((await new TestBrowser(env, org.host).get('/staff/suggestions')).status !== 200, true);
    // Closing with a reason.
    const closed = await svc.answerSuggestion({ ...org.ctx }, id, { action: 'close', text: 'ดำเนินการแล้วตามคำตอบเดิม' });
    assert.equal(closed.status, 'closed');
  });

  test('API: suggestions.submit and suggestions.answer', async () => {
    const staff = await signedIn(env, org, ['staff']);
    const csrfFree = { 'content-type': 'application/json' };
    const sub = await staff.browser.request('/api/suggestions', {
      method: 'POST',
      headers: csrfFree,
      body: JSON.stringify({ category: 'other', text: 'เสนอให้มีน้ำดื่มสะอาดสำหรับผู้มาติดต่อ' }),
    });
    assert.equal(sub.status, 201, await sub.clone().text());
    const { trackingCode } = (await sub.json()) as { trackingCode: string };
    const id = (await svc.trackSuggestion(org.ctx, trackingCode)).id;
    const bad = await staff.browser.request(`/api/suggestions/${id}/answer`, {
      method: 'POST',
      headers: csrfFree,
      body: JSON.stringify({ action: 'answer', text: 'ได้' }),
    });
    assert.equal(bad.status, 403);
    const exec = await signedIn(env, org, ['admin']);
    const ans = await exec.browser.request(`/api/suggestions/${id}/answer`, {
      method: 'POST',
      headers: csrfFree,
      body: JSON.stringify({ action: 'answer', text: 'ติดตั้งตู้น้ำดื่มแล้ว' }),
    });
    assert.equal(ans.status, 200, await ans.clone().text());
    assert.equal(((await ans.json()) as { status: string }).status, 'answered');
    const doc = (await (await staff.browser.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    assert.equal(doc.paths['/suggestions']?.post?.operationId, 'suggestions.submit');
    assert.equal(doc.paths['/suggestions/{id}/answer']?.post?.operationId, 'suggestions.answer');
  });

  test('the demo seeds on a fresh organization: eight suggestions, one waiting (the executives’ to-do)', async () => {
    const fresh = await createTestOrg(env);
    await seedDemoSuggestions({
      ctx: fresh.ctx,
      shared: new Map(),
      log: () => {},
      password: () => 'x',
      now: new Date('2026-11-26T10:00:00+07:00'),
    });
    const fy67 = await svc.listSuggestions(fresh.ctx, { fiscalYear: 2567 });
    assert.equal(fy67.length, 6);
    assert.equal(fy67.filter((s) => s.status === 'closed').length, 1);
    const fy70 = await svc.listSuggestions(fresh.ctx, { fiscalYear: 2570 });
    assert.deepEqual(fy70.map((s) => s.status).sort(), ['answered', 'new']);
    assert.equal(await svc.waitingCount(fresh.ctx), 1);
  });
});
