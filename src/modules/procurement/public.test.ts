import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readXlsx } from '../../core/documents/xlsx.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { getDataset } from '../opendata/registry.js';
import { PROCUREMENT_DATASET_ID, PROCUREMENT_MONTHLY_DATASET_ID } from './dataset.js';
import { produceReport, publishReport } from './reports.js';
import { procurementBids, procurements } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-11-10T10:00:00+07:00');
let roadId = 0;
let plannedId = 0;
let otherId = 0;

type Row = typeof procurements.$inferInsert;

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env, { name: 'ลูโบะปือซา' });
  other = await createTestOrg(env);
  const orgId = org.org.id;
  const many: Row[] = Array.from({ length: 25 }, (_, i) => ({
    orgId,
    fiscalYear: 2567,
    title: `ซื้อวัสดุสำนักงาน ชุดที่ ${i + 1}`,
    category: 'goods',
    method: 'specific',
    status: 'contracted',
    budgetSatang: 100_000 + i,
    agreedPriceSatang: 99_000 + i,
    winnerName: 'ร้านนูรุลฮูดาพาณิชย์',
    announcedOn: '2023-11-01',
    contractDate: `2023-11-${String(i + 1).padStart(2, '0')}`,
  }));
  await env.services.db.insert(procurements).values(many);
  const [road, planned] = await env.services.db
    .insert(procurements)
    .values([
      {
        orgId,
        fiscalYear: 2567,
        title: 'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3, "สายกลาง"',
        category: 'works',
        method: 'e_bidding',
        status: 'contracted',
        budgetSatang: 125_000_050,
        referencePriceSatang: 124_850_000,
        winnerName: '=หจก.บาเจาะก่อสร้าง',
        agreedPriceSatang: 119_900_000,
        announcedOn: '2023-12-01',
        contractNo: '3/2567',
        contractDate: '2023-12-20',
        egpProjectNo: '66129012345',
      },
      {
        orgId,
        fiscalYear: 2567,
        title: 'โครงการในแผน ยังไม่ประกาศ',
        category: 'goods',
        method: 'specific',
        status: 'planned',
        budgetSatang: 500,
      },
    ])
    .returning();
  roadId = road?.id as number;
  plannedId = planned?.id as number;
  await env.services.db.insert(procurementBids).values([
    { orgId, procurementId: roadId, position: 1, bidderName: '=หจก.บาเจาะก่อสร้าง', priceSatang: 119_900_000 },
    { orgId, procurementId: roadId, position: 2, bidderName: 'บริษัท นราก่อสร้าง จำกัด', priceSatang: 121_500_000 },
  ]);
  const [o] = await env.services.db
    .insert(procurements)
    .values({
      orgId: other.org.id,
      fiscalYear: 2567,
      title: 'ของอีกหน่วยงาน',
      category: 'goods',
      method: 'specific',
      status: 'contracted',
      budgetSatang: 1,
    })
    .returning();
  otherId = o?.id as number;
});
after(() => env.close());

describe('public procurement pages', () => {
  test('the list: newest first, 20 a page, "older →" by keyset, filters kept in the links; planned ones hidden', async () => {
    const b = new TestBrowser(env, org.host);
    const first = await b.get('/procurement?fy=2567');
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.match(html, /จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก/);
    assert.doesNotMatch(html, /โครงการในแผน ยังไม่ประกาศ/);
    assert.doesNotMatch(html, /ของอีกหน่วยงาน/);
    assert.match(html, /<caption>/);
    assert.match(html, /class="table-wrap" tabindex="0"/);
    const rows = html.match(/<tr>\s*<th scope="row">/g) ?? [];
    assert.equal(rows.length, 20);
    const older = /href="(\/procurement\?fy=2567&amp;before=\d+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(older, 'a link to the older page');
    const second = await (await b.get(older)).text();
    assert.equal((second.match(/<tr>\s*<th scope="row">/g) ?? []).length, 6);
    assert.doesNotMatch(second, /before=\d+"[^>]*rel="next"|rel="next"/);
    assert.match(second, /ซื้อวัสดุสำนักงาน ชุดที่ 1</);

    const filtered = await (await b.get('/procurement?fy=2567&method=e_bidding&q=%E0%B8%96%E0%B8%99%E0%B8%99')).text();
    assert.equal((filtered.match(/<tr>\s*<th scope="row">/g) ?? []).length, 1);
    assert.match(filtered, /procurement\.csv\?fy=2567&amp;method=e_bidding&amp;q=/);
    const none = await (await b.get('/procurement?fy=2567&status=cancelled')).text();
    assert.match(none, /ไม่พบรายการตามเงื่อนไขที่เลือก/);
    // A bad filter value is dropped, a bad page key is a 404; English and Malay pages.
    assert.equal((await b.get('/procurement?fy=2567&method=bogus')).status, 200);
    assert.equal((await b.get('/procurement?fy=2567&before=abc')).status, 404);
    assert.match(await (await b.get('/procurement?fy=2567&lang=en')).text(), /Procurement|การจัดซื้อจัดจ้าง/);
  });

  test('the details: facts, bids with the winner marked, OCDS link; planned and other organizations’ ids are 404', async () => {
    const b = new TestBrowser(env, org.host);
    const res = await b.get(`/procurement/${roadId}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /1,250,000.50 บาท/);
    assert.match(html, /บริษัท นราก่อสร้าง จำกัด/);
    assert.match(html, /ผู้ได้รับการคัดเลือก/);
    assert.match(html, new RegExp(`/procurement/${roadId}/ocds.json`));
    assert.match(html, /66129012345/);
    assert.equal((await b.get(`/procurement/${plannedId}`)).status, 404);
    assert.equal((await b.get(`/procurement/${otherId}`)).status, 404);
    assert.equal((await b.get('/procurement/99999999')).status, 404);
    // Signed-in staff see the public page as the public does.
    const staff = await signedIn(env, org, ['admin']);
    assert.equal((await staff.browser.get(`/procurement/${plannedId}`)).status, 404);
  });

  test('the CSV download: BOM, the filtered rows, exact amounts, formulas neutralised, a link per row', async () => {
    const b = new TestBrowser(env, org.host);
    const res = await b.get('/procurement.csv?fy=2567&category=works');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /procurement-2567\.csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[0]?.startsWith('รหัส,ปีงบประมาณ,งานที่จัดซื้อหรือจัดจ้าง,ประเภท,วิธีซื้อหรือจ้าง'));
    assert.ok(lines[0]?.endsWith(',ที่อยู่หน้าเว็บ'));
    const row = lines[1] as string;
    assert.match(row, /"จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3, ""สายกลาง"""/);
    assert.match(row, /,1250000\.50,1248500\.00,/);
    assert.match(row, /,'=หจก\.บาเจาะก่อสร้าง,/);
    assert.match(row, /'=หจก\.บาเจาะก่อสร้าง: 1199000\.00; บริษัท นราก่อสร้าง จำกัด: 1215000\.00/);
    assert.match(row, new RegExp(`http://${org.host.replace(/\./g, '\\.')}/procurement/${roadId}$`));
    const all = new TextDecoder().decode(new Uint8Array(await (await b.get('/procurement.csv?fy=2567')).arrayBuffer()));
    assert.equal(all.trim().split('\r\n').length, 27, 'every page of the list, not only the first; planned left out');
  });

  test('API procurement.list: keyset pages; all=true for staff only; monthlySummary and annualReport need the read policy', async () => {
    const anon = new TestBrowser(env, org.host);
    const page = (await (await anon.get('/api/procurement?fy=2567&limit=10')).json()) as { rows: { id: number }[]; nextBefore: number };
    assert.equal(page.rows.length, 10);
    const next = (await (await anon.get(`/api/procurement?fy=2567&limit=10&before=${page.nextBefore}`)).json()) as {
      rows: { id: number }[];
    };
    assert.ok(next.rows.every((r) => r.id < page.nextBefore));
    assert.equal((await anon.get('/api/procurement?fy=2567&all=true')).status, 401);
    assert.equal((await anon.get('/api/procurement?fy=2567&method=nope')).status, 422);
    assert.equal((await anon.get('/api/procurement/monthly-summary?fy=2567&month=2023-11')).status, 401);
    const staff = await signedIn(env, org, ['staff']);
    const all = (await (await staff.browser.get('/api/procurement?fy=2567&all=true&limit=100')).json()) as { rows: { id: number }[] };
    assert.equal(all.rows.length, 27);
    const pdf = await staff.browser.get('/api/procurement/monthly-summary?fy=2567&month=2023-11&format=pdf');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const xlsx = await staff.browser.get('/api/procurement/monthly-summary?fy=2567&month=2024-04&format=xlsx');
    const book = await readXlsx(Buffer.from(await xlsx.arrayBuffer()));
    assert.deepEqual(book.get('สขร.1')?.at(-1)?.[1], 'ไม่มีการจัดซื้อจัดจ้าง');
    assert.equal((await staff.browser.get('/api/procurement/monthly-summary?fy=2567&month=2024-10')).status, 404);
    const annual = (await (await staff.browser.get('/api/procurement/annual-report?fy=2567')).json()) as {
      total: { count: number; agreedSatang: number };
    };
    assert.equal(annual.total.count, 26);
    assert.equal(annual.total.agreedSatang, 25 * 99_000 + 300 + 119_900_000);
    assert.equal(
      (await staff.browser.get('/api/procurement/annual-report?fy=2567&format=pdf')).headers.get('content-type'),
      'application/pdf',
    );
  });

  test('open data: the yearly dataset of public rows; the monthly one lists only published months', async () => {
    const ctx = { ...org.ctx, actor: null };
    const yearly = getDataset(PROCUREMENT_DATASET_ID);
    assert.ok(yearly);
    assert.deepEqual(await yearly.periods(ctx), ['2567']);
    const table = await yearly.table(ctx, '2567');
    assert.equal(table.rows.length, 26);
    const road = table.rows.find((r) => r[0] === roadId);
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    assert.equal(road?.[col('budget_baht')], 1250000.5);
    assert.equal(road?.[col('method')], 'e_bidding');
    const monthly = getDataset(PROCUREMENT_MONTHLY_DATASET_ID);
    assert.ok(monthly);
    assert.deepEqual(await monthly.periods(ctx), []);
    const r = await produceReport(org.ctx, { fiscalYear: 2567, kind: 'monthly', period: '2023-12' });
    await publishReport(org.ctx, r.id);
    assert.deepEqual(await monthly.periods(ctx), ['2023-12']);
    const m = await monthly.table(ctx, '2023-12');
    assert.equal(m.rows.length, 1);
    assert.equal(m.rows[0]?.[0], '2023-12');
    const page = await new TestBrowser(env, org.host).get(`/opendata/${PROCUREMENT_DATASET_ID}/2567.csv`);
    assert.equal(page.status, 200);
  });
});
