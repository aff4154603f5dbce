import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { indexDocument, removeDocument } from './index.js';
import { highlightParts, MAX_QUERY_LENGTH, normalizeQuery, parseQuery, searchLimiter, searchQuery } from './search.js';

/**
 * Thai full-text search over the public index, on PGlite and PostgreSQL: real Thai documents,
 * what a Thai query should find (and what it should not), scheduled pages, other organizations'
 * pages, and input a visitor may type that must never raise a tsquery syntax error.
 */

const NOW = new Date('2026-06-15T03:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;

const DOCS = [
  {
    source: 'service',
    sourceId: 1,
    title: 'ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร',
    summary: 'ยื่นคำขออนุญาตก่อสร้างอาคารตามพระราชบัญญัติควบคุมอาคาร พ.ศ. ๒๕๒๒ ที่กองช่าง',
    body: 'ผู้ประสงค์จะก่อสร้างอาคารต้องยื่นคำขอพร้อมแบบแปลน กองช่างตรวจพิจารณาภายใน ๔๕ วัน',
    url: '/services/1',
    publishedAt: days(-30),
  },
  {
    source: 'news',
    sourceId: 7,
    title: 'ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี ๒๕๖๗',
    summary: null,
    body: 'องค์การบริหารส่วนตำบลขอเชิญชวนผู้เสียภาษีชำระภาษีที่ดินและสิ่งปลูกสร้าง ภายในเดือนเมษายน ๒๕๖๗ ณ กองคลัง',
    url: '/news/7',
    publishedAt: days(-10),
  },
  {
    source: 'news',
    sourceId: 8,
    title: 'รับลงทะเบียนผู้สูงอายุเพื่อรับเบี้ยยังชีพ',
    summary: 'ผู้ที่จะมีอายุครบ 60 ปี ลงทะเบียนได้ที่สำนักปลัด',
    body: 'ผู้สูงอายุที่มีสิทธิรับเบี้ยยังชีพ ลงทะเบียนได้ทุกวันทำการ เอกสาร: บัตรประจำตัวประชาชน สมุดบัญชีเงินฝาก',
    url: '/news/8',
    publishedAt: days(-2),
  },
  {
    // Scheduled: indexed now, public tomorrow.
    source: 'news',
    sourceId: 9,
    title: 'ประกาศรับสมัครพนักงานจ้างทั่วไป',
    summary: null,
    body: 'รับสมัครพนักงานจ้างทั่วไป ตำแหน่งคนงาน จำนวน ๒ อัตรา',
    url: '/news/9',
    publishedAt: days(1),
  },
  {
    source: 'page',
    sourceId: 'powers',
    title: 'อำนาจหน้าที่',
    summary: null,
    body: 'จัดให้มีและบำรุงรักษาทางน้ำและทางบก รักษาความสะอาดของถนน ป้องกันและบรรเทาสาธารณภัย',
    url: '/about/powers',
    publishedAt: days(-100),
  },
];

before(async () => {
  env = await createTestEnv({ now: () => NOW });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  for (const d of DOCS) await indexDocument(env.services.db, org.ctx, d);
  // Another organization's building permit page: never found on this organization's site.
  await indexDocument(env.services.db, other.ctx, {
    source: 'service',
    sourceId: 1,
    title: 'ขออนุญาตก่อสร้างอาคาร (อีกองค์กร)',
    body: 'ก่อสร้าง',
    url: '/services/1',
    publishedAt: days(-5),
  });
});
after(async () => {
  await env.close();
});

const ids = (r: { hits: { source: string; sourceId: string }[] }) => r.hits.map((h) => `${h.source}:${h.sourceId}`);

describe('parsing a query', () => {
  test('Thai words are segmented, Thai digits read as Arabic ones, repeats dropped', () => {
    const p = parseQuery('ขออนุญาตก่อสร้าง ๒๕๖๗ 2567');
    assert.deepEqual(p.words, ['ขอ', 'อนุญาต', 'ก่อสร้าง', '2567']);
    assert.ok(p.all?.includes("'ก่อสร้าง'"));
    assert.ok(p.all?.includes("'2567':*"), p.all ?? '');
  });

  test('operators, quotes and backslashes never reach the tsquery as syntax', () => {
    for (const q of ['a & b | !c', '(x:* \' " \\', "don't", '&&&', "'''", ':*', '!()', 'ก่อสร้าง:* | !ภาษี']) {
      const p = parseQuery(q);
      for (const w of p.words) assert.match(w, /^[\p{L}\p{M}\p{N}]+$/u, `${q} gave word ${w}`);
    }
    assert.equal(parseQuery('&|!():*\'"').all, null);
  });

  test('a query is cut at the maximum length; control characters and lone surrogates are dropped', () => {
    assert.equal(normalizeQuery('ก'.repeat(1000)).length, MAX_QUERY_LENGTH);
    assert.equal(normalizeQuery('a\u0000b\u001fc\ud800d'), 'a b c d');
    assert.equal(normalizeQuery('  \n\t '), '');
    assert.equal(normalizeQuery(undefined), '');
  });

  test('highlighting marks the query words, Thai digits for Arabic ones', () => {
    const parts = highlightParts('ภาษีที่ดิน ปี ๒๕๖๗', ['ภาษี', '2567']);
    assert.deepEqual(
      parts.filter((p) => p.match).map((p) => p.text),
      ['ภาษี', '๒๕๖๗'],
    );
    assert.equal(parts.map((p) => p.text).join(''), 'ภาษีที่ดิน ปี ๒๕๖๗');
    assert.deepEqual(highlightParts('abc', []), [{ text: 'abc', match: false }]);
  });
});

describe('searching the index', () => {
  test('a document about ขออนุญาตก่อสร้างอาคาร is found by ก่อสร้าง, อนุญาต and the whole phrase', async () => {
    for (const q of ['ก่อสร้าง', 'อนุญาต', 'ขออนุญาตก่อสร้างอาคาร', 'อาคาร']) {
      const r = await searchQuery(org.ctx, { q });
      assert.equal(r.mode, 'all', q);
      assert.deepEqual(ids(r), ['service:1'], q);
    }
  });

  test('ใบอนุญาตก่อสร้าง (the guide never says ใบ) finds it through the any-word fallback, first', async () => {
    const r = await searchQuery(org.ctx, { q: 'ใบอนุญาตก่อสร้าง' });
    assert.equal(r.mode, 'any');
    assert.equal(ids(r)[0], 'service:1');
  });

  test('a long phrase needs two of its words in the fallback: one common word matches nothing', async () => {
    // อาคาร สูง ใน กรุงเทพมหานคร ปี นี้: pages have อาคาร, or สูง, or ปี, but none two of them.
    const r = await searchQuery(org.ctx, { q: 'อาคารสูงในกรุงเทพมหานครปีนี้' });
    assert.deepEqual(ids(r), []);
    // Typed apart, the words are alternatives: each page with one of them.
    const apart = await searchQuery(org.ctx, { q: 'อาคาร เบี้ยยังชีพ' });
    assert.equal(apart.mode, 'any');
    assert.deepEqual(ids(apart).sort(), ['news:8', 'service:1']);
  });

  test('a word still being typed matches as a prefix: ก่อสร finds ก่อสร้าง', async () => {
    const r = await searchQuery(org.ctx, { q: 'ก่อสร' });
    assert.deepEqual(ids(r), ['service:1']);
  });

  test('a part of a word is not a word: สร้าง does not find ก่อสร้าง (only สิ่งปลูกสร้าง, split as สร้าง)', async () => {
    const r = await searchQuery(org.ctx, { q: 'สร้าง' });
    assert.ok(!ids(r).includes('service:1'));
    assert.ok(ids(r).includes('news:7'));
  });

  test('๒๕๖๗ and 2567 find the same page', async () => {
    const thai = await searchQuery(org.ctx, { q: '๒๕๖๗' });
    const arabic = await searchQuery(org.ctx, { q: '2567' });
    assert.deepEqual(ids(thai), ['news:7']);
    assert.deepEqual(ids(arabic), ['news:7']);
  });

  test('every word must match when some page has them all: ภาษี 2567 → the tax notice', async () => {
    const r = await searchQuery(org.ctx, { q: 'ภาษี 2567' });
    assert.equal(r.mode, 'all');
    assert.deepEqual(ids(r), ['news:7']);
  });

  test('title words rank above body words', async () => {
    // ผู้สูงอายุ is in news:8's title; เบี้ยยังชีพ too. ลงทะเบียน is in its title as well.
    const r = await searchQuery(org.ctx, { q: 'เบี้ยยังชีพ' });
    assert.equal(ids(r)[0], 'news:8');
    assert.ok(r.hits[0] && r.hits[0].rank > 0);
  });

  test('a page scheduled for tomorrow is not found today', async () => {
    const r = await searchQuery(org.ctx, { q: 'พนักงานจ้าง' });
    assert.deepEqual(ids(r), []);
    assert.equal(r.total, 0);
  });

  test('another organization’s pages are never found', async () => {
    const r = await searchQuery(org.ctx, { q: 'อีกองค์กร' });
    assert.deepEqual(ids(r), []);
    const theirs = await searchQuery(other.ctx, { q: 'ก่อสร้าง' });
    assert.deepEqual(ids(theirs), ['service:1']);
    assert.equal(theirs.hits[0]?.title, 'ขออนุญาตก่อสร้างอาคาร (อีกองค์กร)');
  });

  test('filtered by source, with the count per source whatever the filter', async () => {
    const all = await searchQuery(org.ctx, { q: 'ลงทะเบียน ภาษี' });
    assert.equal(all.mode, 'any');
    const only = await searchQuery(org.ctx, { q: 'ภาษี', source: 'page' });
    assert.deepEqual(ids(only), []);
    const news = await searchQuery(org.ctx, { q: 'ภาษี', source: 'news' });
    assert.deepEqual(ids(news), ['news:7']);
    assert.deepEqual(news.sources, [{ source: 'news', count: 1 }]);
    // A source name that is not one is ignored, not an error.
    const bad = await searchQuery(org.ctx, { q: 'ภาษี', source: "x'; DROP TABLE" });
    assert.deepEqual(ids(bad), ['news:7']);
  });

  test('paging: total counts every match, limit and offset cut the list', async () => {
    const first = await searchQuery(org.ctx, { q: 'ลงทะเบียน ภาษี อาคาร', limit: 1 });
    assert.equal(first.hits.length, 1);
    assert.ok(first.total >= 3, String(first.total));
    const second = await searchQuery(org.ctx, { q: 'ลงทะเบียน ภาษี อาคาร', limit: 1, offset: 1 });
    assert.notDeepEqual(ids(first), ids(second));
    const beyond = await searchQuery(org.ctx, { q: 'ลงทะเบียน ภาษี อาคาร', limit: 10, offset: 50 });
    assert.deepEqual(beyond.hits, []);
    assert.equal(beyond.total, first.total);
  });

  test('snippets: the summary when there is one, else the words around the match, read as Thai', async () => {
    const withSummary = await searchQuery(org.ctx, { q: 'ก่อสร้าง' });
    assert.equal(withSummary.hits[0]?.snippet, DOCS[0]?.summary);
    const fromBody = await searchQuery(org.ctx, { q: 'บรรเทาสาธารณภัย' });
    assert.match(fromBody.hits[0]?.snippet ?? '', /บรรเทาสาธารณภัย/);
  });

  test('one address is slowed down after 120 searches a minute (429 with the wait); another address or organization is not', async () => {
    const ip = '203.0.113.77';
    const mine = { ...org.ctx, ip };
    assert.ok((await searchQuery(mine, { q: 'ภาษี' })).total > 0);
    for (let i = 0; i < 119; i++) searchLimiter.hit(`${org.org.id}|${ip}`);
    await assert.rejects(searchQuery(mine, { q: 'ภาษี' }), (e: { status?: number; messageKey?: string; params?: { seconds?: number } }) => {
      assert.equal(e.status, 429);
      assert.equal(e.messageKey, 'core.search.tooMany');
      assert.ok((e.params?.seconds ?? 0) > 0);
      return true;
    });
    assert.ok((await searchQuery({ ...org.ctx, ip: '203.0.113.78' }, { q: 'ภาษี' })).total > 0);
    assert.equal((await searchQuery({ ...other.ctx, ip }, { q: 'ภาษี' })).total >= 0, true);
    // An empty query costs nothing and is not counted.
    assert.equal((await searchQuery(mine, { q: '' })).total, 0);
    searchLimiter.reset(`${org.org.id}|${ip}`);
  });

  test('any input: empty, 1,000 characters, tsquery operators and quotes give results or none, never an error', async () => {
    const inputs = [
      '',
      '   ',
      'ก'.repeat(1000),
      'x'.repeat(1000),
      '&',
      '|',
      '!',
      '()',
      ':*',
      "'",
      "''",
      '"',
      '\\',
      'ก่อสร้าง & | ! ( ) : * \' "',
      "don't",
      'a:*b',
      '!!ภาษี',
      "ภาษี'|'2567",
      '<script>alert(1)</script>',
      '%_%',
      '\u0000',
      '🙂 ภาษี',
      'ก่อสร้าง '.repeat(100),
    ];
    for (const q of inputs) {
      const r = await searchQuery(org.ctx, { q });
      assert.ok(Array.isArray(r.hits), q);
    }
    assert.deepEqual(ids(await searchQuery(org.ctx, { q: 'ก่อสร้าง & | ! ( ) : * \' "' })), ['service:1']);
    assert.deepEqual(ids(await searchQuery(org.ctx, { q: '!!ภาษี' })), ['news:7']);
    assert.equal((await searchQuery(org.ctx, { q: '' })).mode, 'none');
  });

  test('a removed page is no longer found', async () => {
    await indexDocument(env.services.db, org.ctx, {
      source: 'qa',
      sourceId: 3,
      title: 'ถามเรื่องไฟฟ้าส่องสว่าง',
      body: 'โคมไฟถนนดับ',
      url: '/qa#q3',
      publishedAt: days(-1),
    });
    assert.deepEqual(ids(await searchQuery(org.ctx, { q: 'โคมไฟ' })), ['qa:3']);
    await removeDocument(env.services.db, org.ctx, 'qa', 3);
    assert.deepEqual(ids(await searchQuery(org.ctx, { q: 'โคมไฟ' })), []);
  });
});
