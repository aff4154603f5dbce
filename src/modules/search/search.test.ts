import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { indexDocument } from '../../core/search/index.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { registerDataset } from '../opendata/registry.js';

/**
 * The public search page (/search, a GET form that works without JavaScript), the API
 * search.query, /sitemap.xml and /robots.txt — with Thai documents in the index of one
 * organization and a page of another organization's that must never show.
 */

const NOW = new Date('2026-06-15T03:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let unregister: () => void;

before(async () => {
  unregister = registerDataset({
    id: 'test-search-sitemap',
    module: 'test',
    frequency: 'monthly',
    title: { th: 'ชุดข้อมูลทดสอบแผนผังเว็บไซต์', en: 'Sitemap test dataset' },
    description: { th: 'ทดสอบ', en: 'Test' },
    async periods(ctx) {
      return ctx.orgId === org.org.id ? ['2026-05', '2026-04'] : [];
    },
    async table() {
      return { columns: [{ key: 'n', th: 'จำนวน', en: 'Count', type: 'integer' }], rows: [[1]] };
    },
  });
  env = await createTestEnv({ now: () => NOW });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  const db = env.services.db;
  await indexDocument(db, org.ctx, {
    source: 'service',
    sourceId: 1,
    title: 'ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร',
    summary: 'ยื่นคำขออนุญาตก่อสร้างอาคารที่กองช่าง',
    body: 'ผู้ประสงค์จะก่อสร้างอาคารต้องยื่นคำขอพร้อมแบบแปลนที่กองช่าง',
    url: '/services/1',
    publishedAt: days(-30),
  });
  await indexDocument(db, org.ctx, {
    source: 'news',
    sourceId: 7,
    title: 'ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี ๒๕๖๗',
    summary: 'ชำระภาษีได้ที่กองคลัง <ภายใน> เดือนเมษายน & ไม่มีค่าปรับ',
    body: 'ขอเชิญชวนผู้เสียภาษีชำระภาษีที่ดินและสิ่งปลูกสร้าง ภายในเดือนเมษายน ณ กองคลัง',
    url: '/news/7',
    publishedAt: days(-10),
  });
  await indexDocument(db, org.ctx, {
    source: 'qa',
    sourceId: 3,
    title: 'ถามเรื่องโคมไฟถนนดับ',
    body: 'โคมไฟถนนหมู่ 2 ดับ ตอบ: กองช่างซ่อมแล้ว',
    url: '/qa#q3',
    publishedAt: days(-3),
  });
  await indexDocument(db, org.ctx, {
    source: 'news',
    sourceId: 9,
    title: 'ประกาศรับสมัครพนักงานจ้าง',
    body: 'รับสมัครพนักงานจ้างทั่วไป',
    url: '/news/9',
    publishedAt: days(2),
  });
  for (let i = 0; i < 14; i++) {
    await indexDocument(db, org.ctx, {
      source: 'news',
      sourceId: 100 + i,
      title: `ข่าวกิจกรรมโครงการที่ ${i + 1}`,
      body: 'กิจกรรมของตำบล',
      url: `/news/${100 + i}`,
      publishedAt: days(-40 - i),
    });
  }
  await indexDocument(db, other.ctx, {
    source: 'news',
    sourceId: 1,
    title: 'ข่าวลับขององค์กรอื่น ภาษีที่ดิน',
    body: 'ภาษีที่ดิน',
    url: '/news/other-org-secret',
    publishedAt: days(-1),
  });
});
after(async () => {
  unregister();
  await env.close();
});

const anon = (o: TestOrg = org) => new TestBrowser(env, o.host);
async function reader(locale: 'en' | 'ms') {
  const b = new TestBrowser(env, org.host);
  assert.equal((await b.get(`/lang/${locale}?next=/`)).status, 303);
  return b;
}
const page = async (path: string, b = anon()) => {
  const res = await b.get(path);
  return { status: res.status, html: await res.text() };
};

describe('the search page', () => {
  test('without a query: the form, suggestions and sections to browse, in Thai', async () => {
    const { status, html } = await page('/search');
    assert.equal(status, 200);
    assert.match(html, /<form class="search-form" method="get" action="\/search"/);
    assert.match(html, /<label class="field__label" for="search-q">คำค้น<\/label>/);
    assert.match(html, /href="\/search\?q=%E0%B8%A0%E0%B8%B2%E0%B8%A9%E0%B8%B5/); // ภาษีที่ดิน suggestion
    assert.match(html, /href="\/services"/);
    assert.match(html, /<link rel="canonical" href="http:\/\/[^"]+\/search"/);
  });

  test('a Thai word finds the building-permit guide, tagged by its kind, with the word marked', async () => {
    const { status, html } = await page(`/search?q=${encodeURIComponent('ก่อสร้าง')}`);
    assert.equal(status, 200);
    assert.match(html, /<a href="\/services\/1">ขออนุญาต<mark>ก่อสร้าง<\/mark>/);
    assert.match(html, /คู่มือบริการ/);
    assert.match(html, /พบ 1 รายการ/);
    assert.doesNotMatch(html, /องค์กรอื่น/);
  });

  test('what the index holds is escaped, never markup', async () => {
    const { html } = await page(`/search?q=${encodeURIComponent('เมษายน')}`);
    assert.match(html, /&lt;ภายใน&gt; เดือน<mark>เมษายน<\/mark> &amp; ไม่มีค่าปรับ/);
    assert.doesNotMatch(html, /<ภายใน>/);
  });

  test('the query is echoed escaped in the title, the box and the no-result message', async () => {
    const q = '<script>alert(1)</script>"\'';
    const { status, html } = await page(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(status, 200);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /ไม่พบ/);
  });

  test('no result: said, with suggestions; operators alone: the field says what to type', async () => {
    const none = await page(`/search?q=${encodeURIComponent('ไม่มีคำนี้แน่นอน')}`);
    assert.equal(none.status, 200);
    assert.match(none.html, /ไม่พบ “ไม่มีคำนี้แน่นอน”/);
    assert.match(none.html, /search-suggest/);
    const ops = await page(`/search?q=${encodeURIComponent("&|!():*'")}`);
    assert.equal(ops.status, 200);
    assert.match(ops.html, /คำค้นต้องมีตัวอักษรหรือตัวเลขอย่างน้อยหนึ่งตัว/);
    assert.match(ops.html, /aria-invalid="true"/);
  });

  test('any input gives a page, never an error: 1,000 characters, quotes, bad paging and source', async () => {
    for (const path of [
      `/search?q=${'ก'.repeat(1000)}`,
      `/search?q=${encodeURIComponent('\'"\\')}`,
      '/search?q=%E0%B8',
      `/search?q=${encodeURIComponent('ภาษี')}&page=-1`,
      `/search?q=${encodeURIComponent('ภาษี')}&page=99999999999`,
      `/search?q=${encodeURIComponent('ภาษี')}&source=${encodeURIComponent("x' OR 1=1")}`,
      '/search?q=a&q=b',
    ]) {
      const { status } = await page(path);
      assert.equal(status, 200, path);
    }
  });

  test('filtered by kind, with a count per kind and a way back to all kinds', async () => {
    const all = await page(`/search?q=${encodeURIComponent('กองช่าง')}`);
    assert.match(all.html, /href="\/search\?q=[^"]*&amp;source=qa"/);
    const qa = await page(`/search?q=${encodeURIComponent('กองช่าง')}&source=qa`);
    assert.match(qa.html, /<a href="\/qa#q3">/);
    assert.doesNotMatch(qa.html, /href="\/services\/1"/);
    assert.match(qa.html, /พบ 1 รายการในถาม-ตอบ/);
  });

  test('ten results a page, with a link to the next one', async () => {
    const first = await page(`/search?q=${encodeURIComponent('กิจกรรม')}`);
    assert.equal((first.html.match(/class="search-hit"/g) ?? []).length, 10);
    assert.match(first.html, /rel="next"/);
    const second = await page(`/search?q=${encodeURIComponent('กิจกรรม')}&page=2`);
    assert.equal((second.html.match(/class="search-hit"/g) ?? []).length, 4);
    assert.match(second.html, /<ol class="search-hits" start="11">/);
    assert.match(second.html, /rel="prev"/);
  });

  test('a scheduled page is not found before its time', async () => {
    const { html } = await page(`/search?q=${encodeURIComponent('พนักงานจ้าง')}`);
    assert.doesNotMatch(html, /\/news\/9/);
  });

  test('in English and in Malay', async () => {
    const en = await page(`/search?q=${encodeURIComponent('ภาษี')}`, await reader('en'));
    assert.match(en.html, /1 results|Search results for/);
    assert.match(en.html, /News and announcements/);
    const ms = await page('/search', await reader('ms'));
    assert.match(ms.html, /Taip apa yang anda cari/);
  });

  test('signed-in staff see the same public results', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const { status, html } = await page(`/search?q=${encodeURIComponent('พนักงานจ้าง')}`, browser);
    assert.equal(status, 200);
    assert.doesNotMatch(html, /\/news\/9/);
  });
});

describe('the API search.query', () => {
  test('returns ranked items with absolute URLs, for anyone', async () => {
    const res = await anon().get(`/api/search?q=${encodeURIComponent('ภาษีที่ดิน')}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      mode: string;
      total: number;
      items: { source: string; path: string; url: string; title: string }[];
      words: string[];
    };
    assert.equal(body.mode, 'all');
    assert.equal(body.total, 1);
    assert.deepEqual(
      body.items.map((i) => i.path),
      ['/news/7'],
    );
    assert.match(body.items[0]?.url ?? '', /^http:\/\/.+\/news\/7$/);
    assert.deepEqual(body.words, ['ภาษี', 'ที่ดิน']);
  });

  test('the other organization sees only its own', async () => {
    const res = await anon(other).get(`/api/search?q=${encodeURIComponent('ภาษี')}`);
    const body = (await res.json()) as { items: { path: string }[] };
    assert.deepEqual(
      body.items.map((i) => i.path),
      ['/news/other-org-secret'],
    );
  });

  test('bad parameters: 422 naming the field; odd queries: 200', async () => {
    const limit = await anon().get('/api/search?q=x&limit=500');
    assert.equal(limit.status, 422);
    const body = (await limit.json()) as { error: { fields: { field: string }[] } };
    assert.ok(body.error.fields.some((f) => f.field === 'limit'));
    assert.equal((await anon().get('/api/search?q=x&source=BAD!')).status, 422);
    assert.equal((await anon().get('/api/search')).status, 422);
    for (const q of ['', "'", '&|!', 'x'.repeat(1000), '(ก่อสร้าง:*']) {
      const res = await anon().get(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
    }
    const r = (await (await anon().get(`/api/search?q=${encodeURIComponent('(ก่อสร้าง:*')}`)).json()) as { total: number };
    assert.equal(r.total, 1);
  });
});

describe('sitemap and robots', () => {
  test('/sitemap.xml lists sections, published pages with lastmod, datasets and ITA years — never another organization’s', async () => {
    const res = await anon().get('/sitemap.xml');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/xml/);
    const xml = await res.text();
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const origin = `http://${org.host}`;
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const p of ['/', '/news', '/services', '/about', '/ita', '/ita/2569', '/ita/2566', '/opendata', '/publications', '/qa']) {
      assert.ok(locs.includes(`${origin}${p}`), p);
    }
    assert.ok(locs.includes(`${origin}/news/7`));
    assert.ok(locs.includes(`${origin}/opendata/test-search-sitemap`));
    // Fragments dropped (/qa#q3 is /qa), scheduled pages left out, nothing of the other organization's or of staff.
    assert.ok(!locs.some((l) => l?.includes('#')));
    assert.ok(!locs.includes(`${origin}/news/9`));
    assert.ok(!xml.includes('other-org-secret'));
    assert.ok(!locs.some((l) => l?.includes('/staff')));
    assert.ok(!locs.includes(`${origin}/ita/2571`));
    assert.equal(new Set(locs).size, locs.length);
    assert.match(xml, new RegExp(`<loc>${origin}/news/7</loc><lastmod>${days(-10).toISOString()}</lastmod>`));
    // The dataset's last month (May 2026) was published on 1 June 2026, 00:00 in Bangkok.
    assert.match(xml, /<loc>[^<]+\/opendata\/test-search-sitemap<\/loc><lastmod>2026-05-31T17:00:00.000Z<\/lastmod>/);
  });

  test('/robots.txt keeps crawlers out of the staff area and names the sitemap', async () => {
    const res = await anon().get('/robots.txt');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const txt = await res.text();
    assert.match(txt, /^User-agent: \*$/m);
    assert.match(txt, /^Disallow: \/staff$/m);
    assert.match(txt, new RegExp(`^Sitemap: http://${org.host.replace(/\./g, '\\.')}/sitemap\\.xml$`, 'm'));
  });
});
