import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { providersOf } from '../disclosure/evidence.js';
import { getDataset } from '../opendata/registry.js';
import { withdrawDocument } from '../publications/service.js';
import { LINES_PAGE } from './public-routes.js';
import { publishedReports, publishReport } from './report.js';
import { type FixtureLine, insertPlanFixture } from './report-demo.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-01-15T10:00:00+07:00'); // FY 2567, October–December ended

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

const programs = ['แผนงานบริหารงานทั่วไป', 'แผนงานการศึกษา', 'แผนงานสาธารณสุข'];
/** 40 lines: more than one page; 100,000.00 baht each, 10,000.00 disbursed in each month. */
const LINES: FixtureLine[] = Array.from({ length: 40 }, (_, i) => ({
  side: 'ด้านบริหารงานทั่วไป',
  program: programs[i % 3] as string,
  work: 'งานบริหารทั่วไป',
  category: i % 2 ? 'operating' : 'personnel',
  item: `รายการทดสอบที่ ${i + 1}`,
  approvedSatang: 10_000_000,
  phases: [2_500_000, 2_500_000, 2_500_000, 2_500_000],
  disbursed: [1_000_000, 1_000_000, 1_000_000, 1_000_000],
}));

describe('budget public pages and open data', () => {
  test('nothing public before the plan is published: pages, datasets, evidence', async () => {
    await insertPlanFixture(org.ctx, 2567, LINES);
    const anon = new TestBrowser(env, org.host);
    const list = await anon.get('/budget');
    assert.equal(list.status, 200);
    assert.match(await list.text(), /ยังไม่มีแผนการใช้จ่ายงบประมาณที่เผยแพร่/);
    assert.equal((await anon.get('/budget/2567')).status, 404);
    assert.equal((await anon.get('/budget/2567/plan.xlsx')).status, 404);
    assert.deepEqual(await getDataset('budget-plan')?.periods(org.ctx), []);
    assert.deepEqual(await getDataset('budget-disbursement')?.periods(org.ctx), []);
    for (const p of providersOf('operating-plan').filter((x) => x.module === 'budget')) assert.deepEqual(await p.links(org.ctx, 2567), []);
  });

  test('after publishing: totals through the last ended month, filters, keyset pagination, documents, datasets, evidence; not in another organization', async () => {
    await publishReport(org.ctx, { fy: 2567, kind: 'plan' });
    const anon = new TestBrowser(env, org.host);
    assert.match(await (await anon.get('/budget')).text(), /href="\/budget\/2567"/);
    const page = await anon.get('/budget/2567');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ผลการเบิกจ่ายถึงสิ้นเดือนธันวาคม 2566/);
    assert.match(html, /4,000,000\.00/, 'approved 40 × 100,000');
    assert.match(html, /1,200,000\.00/, 'disbursed 40 × 3 × 10,000 through December');
    assert.match(html, /<svg role="img"/);
    assert.match(html, /href="\/publications\/\d+"/);
    assert.match(html, /href="\/budget\/2567\/plan\.xlsx"/);
    assert.match(html, /href="\/opendata\/budget-plan"/);
    assert.equal((html.match(/รายการทดสอบที่ /g) ?? []).length, LINES_PAGE);
    const next = /href="(\/budget\/2567\?after=(\d+))#lines"/.exec(html);
    assert.ok(next, 'a next page link');
    assert.equal(next[2], String(LINES_PAGE));
    const page2 = await (await anon.get(next[1] as string)).text();
    assert.equal((page2.match(/รายการทดสอบที่ /g) ?? []).length, 40 - LINES_PAGE);
    assert.match(page2, /รายการทดสอบที่ 40</);
    assert.doesNotMatch(page2, /rel="next"/);
    const filtered = await (await anon.get(`/budget/2567?program=${encodeURIComponent('แผนงานการศึกษา')}&category=operating`)).text();
    // Lines 2, 8, 14, 20, 26, 32, 38 are การศึกษา (i % 3 = 1) and operating (odd i).
    assert.equal((filtered.match(/รายการทดสอบที่ /g) ?? []).length, 7);
    assert.match(filtered, /แสดง 1–7 จาก 7 รายการ/);
    const ms = new TestBrowser(env, org.host);
    await ms.get('/lang/ms?next=/budget/2567');
    assert.match(await (await ms.get('/budget/2567')).text(), /Pelan perbelanjaan, tahun kewangan 2567/);
    const xlsx = await anon.get('/budget/2567/plan.xlsx');
    assert.equal(xlsx.status, 200);
    assert.equal((await anon.get('/budget/2567/annual.xlsx')).status, 404);

    assert.deepEqual(await getDataset('budget-plan')?.periods(org.ctx), ['2567']);
    const plan = await getDataset('budget-plan')?.table(org.ctx, '2567');
    assert.equal(plan?.rows.length, 40);
    assert.deepEqual(plan?.rows[0]?.slice(0, 12), [
      2567,
      1,
      'ด้านบริหารงานทั่วไป',
      'แผนงานบริหารงานทั่วไป',
      'งานบริหารทั่วไป',
      'งบบุคลากร',
      'รายการทดสอบที่ 1',
      null,
      100_000,
      'quarter',
      25_000,
      25_000,
    ]);
    const paid = await getDataset('budget-disbursement')?.table(org.ctx, '2567');
    assert.equal(paid?.rows.length, 40 * 3, 'through December only');
    assert.deepEqual(paid?.rows[0]?.slice(7), [1, '2023-10', 10_000]);
    const links = (
      await Promise.all(
        providersOf('operating-plan')
          .filter((x) => x.module === 'budget')
          .map((p) => p.links(org.ctx, 2567)),
      )
    ).flat();
    assert.ok(links.some((l) => l.url === '/budget/2567'));
    assert.ok(links.some((l) => /^\/publications\/\d+$/.test(l.url)));

    const outsider = new TestBrowser(env, other.host);
    assert.equal((await outsider.get('/budget/2567')).status, 404);
    assert.doesNotMatch(await (await outsider.get('/budget')).text(), /\/budget\/2567/);
  });

  test('a report withdrawn on the publication log is no longer linked; publishing again needs no supersede reason', async () => {
    const before = (await publishedReports(org.ctx, 2567)).get('plan');
    assert.ok(before?.publicationId);
    await withdrawDocument(org.ctx, before.publicationId, { reason: 'แนบไฟล์ผิดฉบับ' });
    assert.equal((await publishedReports(org.ctx, 2567)).has('plan'), false);
    const again = await publishReport(org.ctx, { fy: 2567, kind: 'plan' });
    assert.ok(again.publication.id !== before.publicationId);
    assert.equal((await publishedReports(org.ctx, 2567)).get('plan')?.publicationId, again.publication.id);
  });
});
