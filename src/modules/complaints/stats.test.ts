import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { providersOf } from '../disclosure/evidence.js';
import { getDataset } from '../opendata/registry.js';
import { ACK_DAYS } from './rules.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintStatus,
  complaints,
} from './schema.js';
import { buildComplaintStats, checkStats, fiscalMonthKeys } from './stats.js';
import { renderStatsPdf } from './stats-pdf.js';
import { renderStatsXlsx } from './stats-xlsx.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2026-11-26T10:00:00+07:00'); // FY 2570

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

let seq = 0;
interface Row {
  on: string;
  status: ComplaintStatus;
  category: ComplaintCategory;
  channel: ComplaintChannel;
  subject?: string;
}

/** Complaints straight into the table (the intake is another part's): only what the statistics read matters. */
async function insert(o: TestOrg, fy: number, rows: Row[]) {
  if (!rows.length) return;
  await env.services.db.insert(complaints).values(
    rows.map((r) => ({
      orgId: o.org.id,
      receiptHash: `test-${process.pid}-${++seq}`,
      fiscalYear: fy,
      channel: r.channel,
      category: r.category,
      subject: r.subject ?? 'เรื่องทดสอบ',
      description: 'รายละเอียดเรื่องร้องเรียนสำหรับการทดสอบสถิติ',
      status: r.status,
      ackDueAt: new Date(new Date(`${r.on}T00:00:00+07:00`).getTime() + ACK_DAYS * 86_400_000),
      receivedOn: r.on,
    })),
  );
}

// FY 2567: October 2, November none, December 1, March 2, July 1; a future-dated year is refused.
const FIXED: Row[] = [
  { on: '2023-10-05', status: 'received', category: 'corruption', channel: 'web', subject: 'ความลับเฉพาะกรณีหนึ่ง' },
  { on: '2023-10-20', status: 'finished', category: 'procurement', channel: 'letter' },
  { on: '2023-12-01', status: 'forwarded', category: 'bribery', channel: 'phone' },
  { on: '2024-03-10', status: 'investigating', category: 'misconduct', channel: 'web' },
  { on: '2024-03-11', status: 'not_accepted', category: 'other', channel: 'web' },
  { on: '2024-07-01', status: 'acknowledged', category: 'abuse_of_office', channel: 'walk_in' },
];

describe('complaint statistics', () => {
  before(async () => {
    await insert(org, 2567, FIXED);
    await insert(other, 2567, [{ on: '2023-11-15', status: 'finished', category: 'corruption', channel: 'web' }]);
  });

  test('counts per month, quarter, category and channel against a fixed set; the other organization is not counted', async () => {
    const s = await buildComplaintStats(org.ctx, 2567);
    const m = (key: string) => s.months.find((x) => x.month === key);
    assert.deepEqual(s.total, { received: 6, inProgress: 3, finished: 3 });
    assert.deepEqual({ ...m('2023-10') }, { month: '2023-10', future: false, received: 2, inProgress: 1, finished: 1 });
    assert.equal(m('2023-11')?.received, 0, 'the other organization’s November complaint is not ours');
    assert.deepEqual(
      s.quarters.map((q) => [q.quarter, q.received, q.inProgress, q.finished]),
      [
        [1, 3, 1, 2],
        [2, 2, 1, 1],
        [3, 0, 0, 0],
        [4, 1, 1, 0],
      ],
    );
    assert.equal(s.byCategory.find((c) => c.category === 'bribery')?.finished, 1);
    assert.deepEqual(
      s.byChannel.filter((c) => c.received).map((c) => [c.channel, c.received]),
      [
        ['web', 3],
        ['letter', 1],
        ['walk_in', 1],
        ['phone', 1],
      ],
    );
    const q2 = await buildComplaintStats(org.ctx, 2567, { kind: 'quarter', quarter: 2 });
    assert.deepEqual(q2.total, { received: 2, inProgress: 1, finished: 1 });
    assert.deepEqual(
      q2.months.map((x) => x.month),
      ['2024-01', '2024-02', '2024-03'],
    );
    const march = await buildComplaintStats(org.ctx, 2567, { kind: 'month', month: '2024-03' });
    assert.deepEqual(march.total, { received: 2, inProgress: 1, finished: 1 });
    await assert.rejects(buildComplaintStats(org.ctx, 2567, { kind: 'month', month: '2024-10' }), /not_found/);
    await assert.rejects(buildComplaintStats(org.ctx, 2571), /not_found/, 'a fiscal year not begun');
    // A mismatch is an error, never a silent fix.
    assert.throws(() => checkStats({ ...s, total: { ...s.total, finished: 2 } }), /do not add up/);
  });

  test('property: in every period in progress + finished = received, and the months add up to the year', async () => {
    const fresh = await createTestOrg(env);
    let fy = 2549;
    const row = fc.record({
      month: fc.integer({ min: 0, max: 11 }),
      day: fc.integer({ min: 1, max: 28 }),
      status: fc.constantFrom(...COMPLAINT_STATUSES),
      category: fc.constantFrom(...COMPLAINT_CATEGORIES),
      channel: fc.constantFrom(...COMPLAINT_CHANNELS),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), async (rows) => {
        fy++; // each run its own (past) fiscal year
        const months = fiscalMonthKeys(fy);
        await insert(
          fresh,
          fy,
          rows.map((r) => ({ ...r, on: `${months[r.month]}-${String(r.day).padStart(2, '0')}` })),
        );
        const s = await buildComplaintStats(fresh.ctx, fy);
        assert.equal(s.total.received, rows.length);
        for (const x of [...s.months, ...s.quarters, s.total, ...s.byCategory, ...s.byChannel])
          assert.equal(x.inProgress + x.finished, x.received);
        months.forEach((key, i) => {
          const expected = rows.filter((r) => r.month === i);
          const got = s.months.find((x) => x.month === key);
          assert.equal(got?.received, expected.length);
          assert.equal(got?.finished, expected.filter((r) => ['finished', 'forwarded', 'not_accepted'].includes(r.status)).length);
        });
      }),
      { numRuns: 15 },
    );
  });

  test('the public page (th, en, ms): the chart with its tables, none said for an empty month and year, nothing of a case', async () => {
    const anon = new TestBrowser(env, org.host);
    const res = await anon.get('/complaints/stats/2567');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. 2567/);
    assert.match(html, /<svg role="img" aria-label="แผนภูมิแท่ง/);
    assert.match(html, /<caption id="cstats-month-table-caption">/);
    assert.match(html, /<td colspan="3">ไม่มีเรื่องร้องเรียน<\/td>/, 'November has none');
    assert.doesNotMatch(html, /ความลับเฉพาะกรณีหนึ่ง/, 'no subject of any case');
    assert.match(html, /href="\/complaints\/stats\/2567.pdf"/);
    const empty = await (await anon.get('/complaints/stats/2566')).text();
    assert.match(empty, /ไม่มีเรื่องร้องเรียนในปีงบประมาณ พ.ศ. 2566/);
    assert.doesNotMatch(empty, /<svg role="img"/, 'no chart of nothing');
    const current = await (await anon.get('/complaints/stats')).text();
    assert.match(current, /ปีงบประมาณ พ.ศ. 2570/);
    assert.match(current, /ยังไม่ถึงเดือนนี้/, 'months to come are not "none"');
    assert.equal((await anon.get('/complaints/stats/2571')).status, 404);
    assert.equal((await anon.get('/complaints/stats/2499')).status, 404);
    for (const [locale, text] of [
      ['en', /Corruption and misconduct complaint statistics, fiscal year 2567/],
      ['ms', /Statistik aduan rasuah dan salah laku, tahun kewangan 2567/],
    ] as const) {
      const b = new TestBrowser(env, org.host);
      await b.get(`/lang/${locale}?next=/`);
      const page = await (await b.get('/complaints/stats/2567')).text();
      assert.match(page, text);
      assert.match(page, locale === 'en' ? /No complaints/ : /Tiada aduan/);
    }
  });

  test('the PDF says what it must in Thai digits; an empty year says none', { skip: popplerMissing() }, async () => {
    const pdf = await renderStatsPdf(org.ctx, await buildComplaintStats(org.ctx, 2567));
    const text = squash(pdfText(pdf, { layout: true }));
    for (const expected of [
      'รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ',
      'ประจำปีงบประมาณพ.ศ.๒๕๖๗',
      'ได้รับเรื่องร้องเรียนทั้งสิ้น๖เรื่อง',
      'พฤศจิกายน๒๕๖๖ไม่มีเรื่องร้องเรียน',
      'ไตรมาสที่๓',
      'การเรียกรับเงินหรือผลประโยชน์',
      'โทรศัพท์',
    ])
      assert.ok(text.includes(squash(expected)), `PDF text has ${expected}`);
    assert.ok(!text.includes('ความลับเฉพาะกรณีหนึ่ง'));
    const none = squash(pdfText(await renderStatsPdf(org.ctx, await buildComplaintStats(org.ctx, 2566)), { layout: true }));
    assert.ok(none.includes(squash('ไม่มีเรื่องร้องเรียน')), 'an empty year says none');
    const res = await new TestBrowser(env, org.host).get('/complaints/stats/2567.pdf');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
  });

  test('the XLSX: numbers as numbers, the quarter rows and the total', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderStatsXlsx(org.ctx, await buildComplaintStats(org.ctx, 2567))) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.ok(ws);
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    assert.ok(rows.some((r) => r[0] === 'ตุลาคม 2566' && r[1] === 2 && r[2] === 1 && r[3] === 1));
    assert.ok(rows.some((r) => r[0] === 'พฤศจิกายน 2566' && r[1] === 0 && r[4] === 'ไม่มีเรื่องร้องเรียน'));
    assert.ok(rows.some((r) => r[0] === 'ไตรมาสที่ 1' && r[1] === 3));
    assert.ok(rows.some((r) => r[0] === 'รวม' && r[1] === 6 && r[2] === 3 && r[3] === 3));
    const res = await new TestBrowser(env, org.host).get('/complaints/stats/2567.xlsx');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /complaint-statistics-2567\.xlsx/);
  });

  test('complaints.stats (API): JSON per year, quarter and month, PDF and XLSX; public; 404 for a future year', async () => {
    const anon = new TestBrowser(env, org.host);
    const year = (await (await anon.get('/api/complaints/stats?fy=2567')).json()) as { total: unknown; months: unknown[] };
    assert.deepEqual(year.total, { received: 6, inProgress: 3, finished: 3 });
    assert.equal(year.months.length, 12);
    const q = (await (await anon.get('/api/complaints/stats?fy=2567&quarter=1')).json()) as { total: { received: number } };
    assert.equal(q.total.received, 3);
    const m = (await (await anon.get('/api/complaints/stats?fy=2567&month=2023-12')).json()) as { total: { finished: number } };
    assert.equal(m.total.finished, 1);
    assert.equal((await anon.get('/api/complaints/stats?fy=2567&month=2024-12')).status, 404);
    assert.equal((await anon.get('/api/complaints/stats?fy=2571')).status, 404);
    assert.equal((await anon.get('/api/complaints/stats?fy=abc')).status, 422);
    const pdf = await anon.get('/api/complaints/stats?fy=2567&format=pdf&quarter=2');
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /complaint-statistics-2567-q2\.pdf/);
    const doc = (await (await anon.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    assert.equal(doc.paths['/complaints/stats']?.get?.operationId, 'complaints.stats');
  });

  test('open data (ended years with complaints, month rows) and the OIT evidence links', async () => {
    const ds = getDataset('complaint-statistics');
    assert.ok(ds);
    const periods = await ds.periods(org.ctx);
    assert.ok(periods.includes('2567'));
    assert.ok(!periods.includes('2570'), 'the running year is on the page, not in the dataset');
    assert.ok(!periods.includes('2566'), 'a year without complaints is not a dataset period');
    const table = await ds.table(org.ctx, '2567');
    assert.equal(table.rows.length, 12);
    assert.deepEqual(table.rows[0], [2567, '2023-10', 1, 2, 1, 1]);
    assert.equal((await new TestBrowser(env, org.host).get('/opendata/complaint-statistics')).status, 200);
    const links = (await Promise.all(providersOf('complaint-statistics').map((p) => p.links(org.ctx, 2567)))).flat();
    assert.deepEqual(
      links.map((l) => l.url),
      ['/complaints/stats/2567', '/complaints/stats/2567.pdf', '/complaints/stats/2567.xlsx'],
    );
    const channel = (await Promise.all(providersOf('complaint-channel').map((p) => p.links(org.ctx, 2567)))).flat();
    assert.ok(channel.some((l) => l.url === '/complaints'));
    const guide = (await Promise.all(providersOf('complaint-guideline').map((p) => p.links(org.ctx, 2567)))).flat();
    assert.ok(guide.some((l) => l.url === '/complaints/guide'));
  });
});
