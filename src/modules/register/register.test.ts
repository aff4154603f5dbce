import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bangkokDate } from '../../core/thai/bangkok.js';
import { createTestEnv, createTestOrg, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { formatRegisterNumber, issueNumber, registerYearOf, reserveNumber } from './service.js';

let env: TestEnv;
let org: TestOrg;
before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
});
after(() => env.close());

const numbers = async (orgId: number, year: number, series: string) =>
  (
    await env.services.database.query<{ number: number }>(
      'SELECT number FROM register_entries WHERE org_id = $1 AND year = $2 AND series = $3 ORDER BY number',
      [orgId, year, series],
    )
  ).map((r) => r.number);

describe('the outgoing register', () => {
  test('concurrent requests get distinct, consecutive numbers; the circular series counts on its own', async () => {
    const o = await createTestOrg(env);
    const date = bangkokDate(2026, 3, 1);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => reserveNumber(o.ctx, { series: '', documentDate: date, subject: `หนังสือ ${i}` }, o.org.docCode)),
    );
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => reserveNumber(o.ctx, { series: 'ว', documentDate: date, subject: `เวียน ${i}` }, o.org.docCode)),
    );
    assert.deepEqual(
      await numbers(o.org.id, 2569, ''),
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    assert.deepEqual(await numbers(o.org.id, 2569, 'ว'), [1, 2, 3, 4, 5]);
  });

  test('numbering restarts with the calendar year, counted in Bangkok', () => {
    // 31 Dec 2025 18:00 UTC is already 1 Jan 2026 in Bangkok.
    assert.equal(registerYearOf(new Date(Date.UTC(2025, 11, 31, 18))), 2569);
    assert.equal(registerYearOf(new Date(Date.UTC(2025, 11, 31, 16))), 2568);
  });

  test('a number taken inside a write that fails is not used up', async () => {
    const o = await createTestOrg(env);
    const date = bangkokDate(2026, 5, 1);
    await reserveNumber(o.ctx, { series: '', documentDate: date, subject: 'ฉบับแรก' }, o.org.docCode);
    await assert.rejects(
      env.services.db.transaction(async (tx) => {
        await issueNumber(tx as never, o.ctx, { series: '', documentDate: date, subject: 'ล้มเหลว' });
        throw new Error('the document failed');
      }),
    );
    const next = await reserveNumber(o.ctx, { series: '', documentDate: date, subject: 'ฉบับที่สอง' }, o.org.docCode);
    assert.equal(next.number, 2);
  });

  test('the "ที่" is printed with Thai digits in documents', () => {
    assert.equal(formatRegisterNumber('นธ 78101', '', 123, 'thai'), 'นธ ๗๘๑๐๑/๑๒๓');
    assert.equal(formatRegisterNumber('นธ 78101', 'ว', 12, 'thai'), 'นธ ๗๘๑๐๑/ว ๑๒');
    assert.equal(formatRegisterNumber('นธ 78101', 'ว', 12), 'นธ 78101/ว 12');
  });

  test('a clerk takes a number through the page; a bad date is named; every issue is audited', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const res = await browser.post('/staff/register', {
      series: 'normal',
      subject: 'ขอความอนุเคราะห์รถบรรทุกน้ำ',
      recipient: 'นายอำเภอยี่งอ',
      documentDate: '22/10/2567',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/staff/register?year=2567');
    const list = await (await browser.get('/staff/register?year=2567')).text();
    assert.match(list, /นธ 78101\/1</);
    assert.match(list, /ขอความอนุเคราะห์รถบรรทุกน้ำ/);
    const bad = await browser.post('/staff/register', { series: 'normal', subject: 'x', documentDate: '31/02/2567' });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /ลงวันที่ไม่ถูกต้อง/);
    const [entry] = await env.services.database.query<{ action: string; summary: string }>(
      "SELECT action, summary FROM audit_log WHERE org_id = $1 AND action = 'register.reserveNumber' ORDER BY seq DESC LIMIT 1",
      [org.org.id],
    );
    assert.match(entry?.summary ?? '', /ออกเลขที่หนังสือ นธ 78101\/1 เรื่อง ขอความอนุเคราะห์รถบรรทุกน้ำ/);
  });

  test('signed out, the register is not shown', async () => {
    const { TestBrowser } = await import('../../testing/harness.js');
    const res = await new TestBrowser(env, org.host).get('/staff/register');
    assert.equal(res.status, 303);
  });
});
