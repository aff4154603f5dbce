import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readXlsx } from '../../core/documents/xlsx.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { checkTable, type DatasetColumn, type DatasetTable, getDataset, registerDataset } from './registry.js';
import { periodLabel } from './service.js';

/**
 * The open-data registry and its public pages, downloads and API, with a dataset of the test's
 * own whose rows belong to one organization: what one organization publishes never shows on
 * another's site.
 */

const ID = 'test-water-supply';
const COLUMNS: DatasetColumn[] = [
  { key: 'village', th: 'หมู่บ้าน', en: 'Village' },
  { key: 'households', th: 'จำนวนครัวเรือน', en: 'Households', type: 'integer' },
  { key: 'litres_per_day', th: 'ลิตรต่อวัน', en: 'Litres a day', type: 'decimal' },
  { key: 'note', th: 'หมายเหตุ', en: 'Note' },
];

/** Per organization id: period → rows. Filled in before(). */
const data = new Map<number, Map<string, DatasetTable['rows']>>();

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let unregister: () => void;

before(async () => {
  unregister = registerDataset({
    id: ID,
    module: 'test',
    frequency: 'monthly',
    keywords: ['ประปา', 'water'],
    title: { th: 'การใช้น้ำประปาหมู่บ้าน', en: 'Village water use', ms: 'Penggunaan air kampung' },
    description: { th: 'ปริมาณน้ำประปาที่ใช้ต่อวันในแต่ละหมู่บ้าน', en: 'Water used a day in each village' },
    async periods(ctx) {
      return [...(data.get(ctx.orgId)?.keys() ?? [])];
    },
    async table(ctx, period) {
      return { columns: COLUMNS, rows: data.get(ctx.orgId)?.get(period) ?? [] };
    },
  });
  env = await createTestEnv();
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  data.set(
    org.org.id,
    new Map([
      [
        '2026-10',
        [
          ['บ้านลูโบะปือซา', 120, 15.5, null],
          ['บ้านบาเจาะ, หมู่ 2', 80, 9.25, '=HYPERLINK("http://x")'],
          ['บ้าน "ใหม่"', 0, null, 'ปิดซ่อม\nสองวัน'],
        ],
      ],
      ['2026-09', [['บ้านลูโบะปือซา', 118, 14, null]]],
    ]),
  );
  // The other organization publishes only in August, with a village name of its own.
  data.set(other.org.id, new Map([['2026-08', [['บ้านของอีกองค์กร', 7, 1, null]]]]));
});
after(async () => {
  unregister();
  await env.close();
});

const anon = (o: TestOrg = org) => new TestBrowser(env, o.host);
/** A visitor who chose a language with the switch (pages follow the cookie it sets). */
async function reader(locale: 'en' | 'ms', o: TestOrg = org) {
  const b = new TestBrowser(env, o.host);
  assert.equal((await b.get(`/lang/${locale}?next=/`)).status, 303);
  return b;
}
type Row = Record<string, string | number | null>;
interface DataJson {
  id: string;
  title: { th: string; en: string };
  publisher: string;
  period: string;
  columns: { key: string; type: string }[];
  rows: Row[];
}
interface DatasetJson {
  id: string;
  periods: string[];
  frequency: string | null;
  publisher: string;
  distributions: { period: string; format: string; mediaType: string; url: string }[];
  data?: DataJson | null;
}
interface ErrorJson {
  error: { message: string };
}
const json = async <T>(res: Response) => (await res.json()) as T;
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('registry', () => {
  test('ids are checked, registered once, and can be taken out again', () => {
    const def = {
      id: 'test-once',
      module: 'test',
      title: { th: 'ก', en: 'a' },
      description: { th: 'ก', en: 'a' },
      periods: async () => [],
      table: async () => ({ columns: [], rows: [] }),
    };
    assert.throws(() => registerDataset({ ...def, id: 'Bad Id' }), /lowercase/);
    assert.throws(() => registerDataset({ ...def, id: 'ends-' }), /lowercase/);
    const remove = registerDataset(def);
    assert.equal(getDataset('test-once'), def);
    assert.throws(() => registerDataset(def), /twice/);
    remove();
    assert.equal(getDataset('test-once'), undefined);
  });

  test('a table with a repeated or malformed key, or a row of the wrong width, is refused', () => {
    const ok = { columns: [{ key: 'a', th: 'ก', en: 'a' }], rows: [[1]] };
    assert.equal(checkTable('x', ok), ok);
    assert.throws(() => checkTable('x', { ...ok, columns: [...ok.columns, { key: 'a', th: 'ข', en: 'b' }] }), /repeated/);
    assert.throws(() => checkTable('x', { ...ok, columns: [{ key: 'A b', th: 'ก', en: 'a' }] }), /bad/);
    assert.throws(() => checkTable('x', { ...ok, rows: [[1, 2]] }), /2 cells for 1 columns/);
  });

  test('a month reads as a B.E. month in Thai, English and Malay; other periods as they are', () => {
    assert.equal(periodLabel('2026-10', 'th'), 'ตุลาคม 2569');
    assert.match(periodLabel('2026-10', 'en'), /^October 2569/);
    assert.match(periodLabel('2026-10', 'ms'), /^Oktober 2569/);
    assert.equal(periodLabel('2569', 'th'), '2569');
    assert.equal(periodLabel('2026-13', 'th'), '2026-13');
  });
});

describe('public pages', () => {
  test('the list shows the datasets the organization has data for; another organization sees only its own', async () => {
    const res = await anon().get('/opendata');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>ข้อมูลเปิด<\/h1>/);
    assert.match(html, /href="\/opendata\/test-water-supply"/);
    assert.match(html, /การใช้น้ำประปาหมู่บ้าน/);
    assert.match(html, /มีข้อมูล 2 ช่วงเวลา ล่าสุด ตุลาคม 2569/);

    const theirs = await (await anon(other).get('/opendata')).text();
    assert.match(theirs, /มีข้อมูล 1 ช่วงเวลา ล่าสุด สิงหาคม 2569/);
    assert.doesNotMatch(theirs, /ตุลาคม 2569/);
  });

  test('an organization without data for any dataset says so', async () => {
    const third = await createTestOrg(env);
    const html = await (await anon(third).get('/opendata')).text();
    assert.match(html, /ยังไม่มีชุดข้อมูลที่เผยแพร่/);
    assert.doesNotMatch(html, /test-water-supply/);
    // The dataset exists, so its page does, with no periods.
    const page = await anon(third).get(`/opendata/${ID}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /ยังไม่มีข้อมูลของชุดนี้/);
  });

  test('the dataset page: description, publisher, every period with its three downloads, the newest period shown', async () => {
    const res = await anon().get(`/opendata/${ID}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /ปริมาณน้ำประปาที่ใช้ต่อวันในแต่ละหมู่บ้าน/);
    assert.ok(html.includes(org.org.names.full), 'publisher');
    for (const p of ['2026-10', '2026-09']) {
      for (const f of ['csv', 'xlsx', 'json']) assert.ok(html.includes(`href="/opendata/${ID}/${p}.${f}"`), `${p}.${f}`);
    }
    assert.match(html, /<h2 id="opendata-preview">ข้อมูล ตุลาคม 2569<\/h2>/);
    assert.match(html, /บ้านบาเจาะ, หมู่ 2/);
    assert.match(html, /<td class="num">9\.3<\/td>/, 'a decimal shown with one place');
    assert.match(html, /<code class="mono">litres_per_day<\/code>/);
    assert.doesNotMatch(html, /บ้านของอีกองค์กร/);
  });

  test('?period= shows another period; a period the dataset does not have is a 404 page', async () => {
    const html = await (await anon().get(`/opendata/${ID}?period=2026-09`)).text();
    assert.match(html, /ข้อมูล กันยายน 2569/);
    assert.match(html, /<td class="num">118<\/td>/);
    const missing = await anon().get(`/opendata/${ID}?period=2026-08`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /ชุดข้อมูลนี้ไม่มีข้อมูลช่วงเวลา 2026-08/);
  });

  test('English and Malay readers get the page in their language', async () => {
    const en = await (await (await reader('en')).get(`/opendata/${ID}`)).text();
    assert.match(en, /<h1>Village water use<\/h1>/);
    assert.match(en, /Download the data of each period/);
    assert.match(en, /Data of October 2569/);
    const ms = await (await (await reader('ms')).get(`/opendata/${ID}`)).text();
    assert.match(ms, /<h1>Penggunaan air kampung<\/h1>/);
    assert.match(ms, /Muat turun data setiap tempoh/);
    // No Malay description: Thai, the readers' other language.
    assert.match(ms, /ปริมาณน้ำประปาที่ใช้ต่อวันในแต่ละหมู่บ้าน/);
  });

  test('an unknown dataset is a 404 page in the reader’s language', async () => {
    const res = await anon().get('/opendata/no-such-data');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /ไม่พบชุดข้อมูลนี้/);
    const en = await (await reader('en')).get('/opendata/no-such-data');
    assert.equal(en.status, 404);
    assert.match(await en.text(), /There is no such dataset/);
  });

  test('staff signed in see the same public page', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const res = await browser.get(`/opendata/${ID}`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /บ้านลูโบะปือซา/);
  });
});

describe('downloads', () => {
  test('CSV: UTF-8 with a BOM, the column keys as header, Thai intact, RFC 4180 quoting, formulas defused', async () => {
    const res = await anon().get(`/opendata/${ID}/2026-10.csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="test-water-supply-2026-10\.csv"/);
    const bytes = await bytesOf(res);
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    assert.equal(
      text,
      '\uFEFFvillage,households,litres_per_day,note\r\n' +
        'บ้านลูโบะปือซา,120,15.5,\r\n' +
        '"บ้านบาเจาะ, หมู่ 2",80,9.25,"\'=HYPERLINK(""http://x"")"\r\n' +
        '"บ้าน ""ใหม่""",0,,"ปิดซ่อม\nสองวัน"\r\n',
    );
  });

  test('XLSX: readable, the period as sheet with Thai headers and numbers as numbers, and a sheet about the data', async () => {
    const res = await anon().get(`/opendata/${ID}/2026-10.xlsx`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = await readXlsx(Buffer.from(await res.arrayBuffer()));
    assert.deepEqual([...book.keys()], ['2026-10', 'เกี่ยวกับข้อมูล']);
    const rows = book.get('2026-10') ?? [];
    assert.deepEqual(rows[0], ['หมู่บ้าน', 'จำนวนครัวเรือน', 'ลิตรต่อวัน', 'หมายเหตุ']);
    assert.deepEqual(rows[1]?.slice(0, 3), ['บ้านลูโบะปือซา', 120, 15.5]);
    assert.equal(rows.length, 4);
    const about = book.get('เกี่ยวกับข้อมูล') ?? [];
    const value = (label: string) => about.find((r) => r[0] === label)?.[1];
    assert.equal(value('ชุดข้อมูล'), 'การใช้น้ำประปาหมู่บ้าน');
    assert.equal(value('ผู้เผยแพร่'), org.org.names.full);
    assert.equal(value('ช่วงเวลา'), 'ตุลาคม 2569');
    assert.equal(value('ที่มา'), `http://${org.host}/opendata/${ID}`);
    assert.equal(value('litres_per_day'), 'ลิตรต่อวัน');

    const en = await readXlsx(Buffer.from(await (await (await reader('en')).get(`/opendata/${ID}/2026-10.xlsx`)).arrayBuffer()));
    assert.deepEqual(en.get('2026-10')?.[0], ['Village', 'Households', 'Litres a day', 'Note']);
    assert.ok(en.has('About'));
  });

  test('JSON: what the data is, the column dictionary and one object per row', async () => {
    const res = await anon().get(`/opendata/${ID}/2026-10.json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = await json<DataJson>(res);
    assert.equal(body.id, ID);
    assert.equal(body.period, '2026-10');
    assert.equal(body.publisher, org.org.names.full);
    assert.deepEqual(body.title, { th: 'การใช้น้ำประปาหมู่บ้าน', en: 'Village water use' });
    assert.deepEqual(
      body.columns.map((c) => `${c.key}:${c.type}`),
      ['village:text', 'households:integer', 'litres_per_day:decimal', 'note:text'],
    );
    assert.equal(body.rows.length, 3);
    assert.deepEqual(body.rows[0], { village: 'บ้านลูโบะปือซา', households: 120, litres_per_day: 15.5, note: null });
    assert.equal(body.rows[2]?.note, 'ปิดซ่อม\nสองวัน');
  });

  test('unknown dataset, unknown period, another organization’s period, a bad file name: 404, nothing sent', async () => {
    for (const path of [
      '/opendata/no-such-data/2026-10.csv',
      `/opendata/${ID}/2026-07.csv`,
      `/opendata/${ID}/2026-08.json`, // the other organization's period
      `/opendata/${ID}/2026-10.pdf`,
      `/opendata/${ID}/2026-10`,
      `/opendata/${ID}/..%2F2026-10.csv`,
    ]) {
      const res = await anon().get(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /csv|json|sheet/, path);
    }
    // And the other organization's own period is there, on its own site only, with its own rows.
    const theirs = await anon(other).get(`/opendata/${ID}/2026-08.csv`);
    assert.equal(theirs.status, 200);
    const text = await theirs.text();
    assert.match(text, /บ้านของอีกองค์กร/);
    assert.doesNotMatch(text, /ลูโบะปือซา/);
    assert.equal((await anon(other).get(`/opendata/${ID}/2026-10.csv`)).status, 404);
  });
});

describe('API', () => {
  test('opendata.list: the organization’s datasets with periods and absolute download addresses', async () => {
    const res = await anon().get('/api/opendata');
    assert.equal(res.status, 200);
    const body = await json<{ items: DatasetJson[] }>(res);
    const mine = body.items.find((d) => d.id === ID);
    assert.ok(mine);
    assert.deepEqual(mine.periods, ['2026-10', '2026-09']);
    assert.equal(mine.frequency, 'monthly');
    assert.equal(mine.publisher, org.org.names.full);
    assert.equal(mine.distributions.length, 6);
    assert.deepEqual(mine.distributions[0], {
      period: '2026-10',
      format: 'csv',
      mediaType: 'text/csv',
      url: `http://${org.host}/opendata/${ID}/2026-10.csv`,
    });

    const theirs = await json<{ items: DatasetJson[] }>(await anon(other).get('/api/opendata'));
    assert.deepEqual(theirs.items.find((d) => d.id === ID)?.periods, ['2026-08']);
  });

  test('opendata.get: the metadata, and with a period the rows', async () => {
    const meta = await json<DatasetJson>(await anon().get(`/api/opendata/${ID}`));
    assert.equal(meta.id, ID);
    assert.equal(meta.data, null);
    const res = await anon().get(`/api/opendata/${ID}?period=2026-09`);
    assert.equal(res.status, 200);
    const body = await json<DatasetJson>(res);
    assert.deepEqual(body.data?.rows, [{ village: 'บ้านลูโบะปือซา', households: 118, litres_per_day: 14, note: null }]);
  });

  test('opendata.get: unknown dataset or period 404, malformed 422, another organization’s period 404', async () => {
    const unknown = await anon().get('/api/opendata/no-such-data');
    assert.equal(unknown.status, 404);
    assert.equal((await json<ErrorJson>(unknown)).error.message, 'ไม่พบชุดข้อมูลนี้');
    const period = await anon().get(`/api/opendata/${ID}?period=2026-08`);
    assert.equal(period.status, 404);
    assert.equal((await json<ErrorJson>(period)).error.message, 'ชุดข้อมูลนี้ไม่มีข้อมูลช่วงเวลา 2026-08');
    assert.equal((await anon().get(`/api/opendata/${ID}?period=${encodeURIComponent('2026/10')}`)).status, 422);
    assert.equal((await anon().get('/api/opendata/Not_An_Id')).status, 422);
  });
});
