import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { searchDocuments } from '../../core/search/schema.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { providersOf } from '../disclosure/evidence.js';
import { publications } from '../publications/schema.js';
import { latestNews, listPublicPosts } from './read.js';
import { newsAttachments, newsPosts } from './schema.js';
import * as svc from './service.js';
import { announceScheduledNews } from './worker.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// A clock the tests move (scheduled posts): 20 March 2024 10:00 Bangkok, FY 2567.
let now = new Date('2024-03-20T10:00:00+07:00');

/** The smallest PDF file-type recognises, and a 1×1 PNG. */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

const fields = (over: Record<string, string> = {}) => ({
  kind: 'announcement',
  category: 'tax',
  title: 'ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง',
  summary: 'ชำระได้ถึง 30 เมษายน 2567 ที่กองคลัง',
  body: '## กำหนดชำระ\n\nภายใน **30 เมษายน 2567**\n\n- เงินสด\n- โอนผ่านธนาคาร',
  intent: 'publish',
  when: 'now',
  version: '0',
  ...over,
});

/** Posts the edit form as multipart (files), with the CSRF token of the form page. */
async function postMultipart(
  b: TestBrowser,
  path: string,
  values: Record<string, string | string[]>,
  files: Record<string, { bytes: Uint8Array; name: string }> = {},
  from = path,
) {
  const csrf = await b.csrf(from);
  const form = new FormData();
  form.append('_csrf', csrf);
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) for (const x of v) form.append(k, x);
    else form.append(k, v);
  }
  for (const [k, f] of Object.entries(files)) form.append(k, new File([f.bytes], f.name));
  const res = await b.request(path, { method: 'POST', body: form });
  if ((res.headers.get('content-type') ?? '').includes('text/html')) b.lastHtml = await res.clone().text();
  return res;
}

const idOf = (res: Response) => Number(/\/staff\/news\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);

/** Well-formed XML: every tag closed in order, no bare & or < in text. */
function assertWellFormed(xml: string) {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g)) {
    if (m[5] !== undefined) {
      assert.doesNotMatch(m[5], /&(?!(amp|lt|gt|quot|apos);)/, 'bare & in text');
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the open tag`);
    else stack.push(name ?? '');
  }
  assert.deepEqual(stack, [], 'every tag closed');
  assert.doesNotMatch(body.replace(/<[^>]+>/g, ''), /</);
}

describe('news and announcements', () => {
  let postId = 0;

  test('a division head publishes with a cover and a PDF: public list, page (OG article), files, log, search, evidence', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const res = await postMultipart(
      browser,
      '/staff/news/new',
      { ...fields(), coverAlt: 'เจ้าหน้าที่กองคลังรับชำระภาษี', attachmentName: 'ประกาศกำหนดชำระภาษี' },
      { cover: { bytes: PNG, name: 'cover.png' }, attachment: { bytes: PDF, name: 'tax.pdf' } },
    );
    assert.equal(res.status, 303, browser.lastHtml.slice(0, 500));
    postId = idOf(res);
    assert.ok(postId > 0);

    const anon = new TestBrowser(env, org.host);
    const list = await anon.get('/news');
    assert.equal(list.status, 200);
    const listHtml = await list.text();
    assert.match(listHtml, /ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง/);
    assert.match(listHtml, /application\/rss\+xml/);

    const page = await anon.get(`/news/${postId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<meta property="og:type" content="article"/);
    assert.match(html, /<meta name="description" content="ชำระได้ถึง 30 เมษายน 2567 ที่กองคลัง"/);
    assert.match(html, new RegExp(`<link rel="canonical" href="http://${org.host.replace(/\./g, '\\.')}/news/${postId}"`));
    assert.match(html, /<h2>กำหนดชำระ<\/h2>/);
    assert.match(html, /<strong>30 เมษายน 2567<\/strong>/);
    assert.match(html, /20 มีนาคม 2567/, 'the date in B.E.');
    assert.match(html, /ประกาศกำหนดชำระภาษี<\/a> <span class="muted">\(PDF, 1 KB\)/);
    assert.match(html, /alt="เจ้าหน้าที่กองคลังรับชำระภาษี"/);
    assert.match(html, /social-plugins\.line\.me/);

    const [att] = await env.services.db.select().from(newsAttachments).where(eq(newsAttachments.postId, postId));
    assert.ok(att);
    const file = await anon.get(`/news/${postId}/files/${att.fileId}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.equal((await anon.get(`/news/${postId}/files/${att.fileId + 1000}`)).status, 404);

    const [post] = await env.services.db.select().from(newsPosts).where(eq(newsPosts.id, postId));
    assert.ok(post?.publicationId);
    const [pub] = await env.services.db.select().from(publications).where(eq(publications.id, post.publicationId));
    assert.equal(pub?.kind, 'news');
    assert.equal(pub?.sourceId, String(postId));
    const [doc] = await env.services.db
      .select()
      .from(searchDocuments)
      .where(and(eq(searchDocuments.orgId, org.org.id), eq(searchDocuments.source, 'news')));
    assert.equal(doc?.url, `/news/${postId}`);

    const [provider] = providersOf('news');
    assert.ok(provider);
    const links = await provider.links({ ...org.ctx, actor: null }, 2567);
    assert.deepEqual(
      links.map((l) => l.url),
      [`/news/${postId}`],
    );
    assert.deepEqual(await provider.links({ ...org.ctx, actor: null }, 2566), []);
    assert.equal((await latestNews({ ...org.ctx, actor: null }, { limit: 3 }))[0]?.id, postId);
  });

  test('bad input: 422 naming the field, values kept, nothing stored', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const before = (await env.services.db.select().from(newsPosts).where(eq(newsPosts.orgId, org.org.id))).length;
    const noTitle = await postMultipart(browser, '/staff/news/new', fields({ title: '  ', summary: 'สรุปที่พิมพ์ไว้' }));
    assert.equal(noTitle.status, 422);
    const h1 = await noTitle.text();
    assert.match(h1, /กรุณากรอกหัวข้อ/);
    assert.match(h1, /สรุปที่พิมพ์ไว้/);
    const noAlt = await postMultipart(browser, '/staff/news/new', fields(), { cover: { bytes: PNG, name: 'c.png' } });
    assert.equal(noAlt.status, 422);
    assert.match(await noAlt.text(), /กรุณากรอกคำอธิบายภาพหน้าปก/);
    const badFile = await postMultipart(browser, '/staff/news/new', fields(), {
      attachment: { bytes: new TextEncoder().encode('just text'), name: 'x.pdf' },
    });
    assert.equal(badFile.status, 422);
    assert.match(await badFile.text(), /ไฟล์แนบเป็นไฟล์ประเภทที่ไม่รับ/);
    const past = await postMultipart(
      browser,
      '/staff/news/new',
      fields({ when: 'later', publishDate: '19/03/2567', publishTime: '08:00' }),
    );
    assert.equal(past.status, 422);
    assert.match(await past.text(), /วันที่เผยแพร่ต้องเป็นเวลาในอนาคต/);
    const garbled = await postMultipart(browser, '/staff/news/new', fields({ when: 'later', publishDate: 'พรุ่งนี้', publishTime: '8' }));
    assert.equal(garbled.status, 422);
    const badKind = await postMultipart(browser, '/staff/news/new', fields({ kind: 'rumour', category: 'gossip' }));
    assert.equal(badKind.status, 422);
    assert.match(await badKind.text(), /กรุณาเลือกประเภท/);
    const after = (await env.services.db.select().from(newsPosts).where(eq(newsPosts.orgId, org.org.id))).length;
    assert.equal(after, before);
  });

  test('staff draft: not public; the drafter cannot publish; others cannot touch it; another organization sees 404', async () => {
    const { browser: clerk } = await signedIn(env, org, ['staff']);
    const form = await clerk.get('/staff/news/new');
    assert.equal(form.status, 200);
    assert.doesNotMatch(await form.text(), /value="publish"/, 'no publish button for a drafter');
    const res = await postMultipart(clerk, '/staff/news/new', fields({ intent: 'draft', title: 'ร่างข่าวกิจกรรม' }));
    assert.equal(res.status, 303);
    const draftId = idOf(res);
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get(`/news/${draftId}`)).status, 404);
    assert.doesNotMatch(await (await anon.get('/news')).text(), /ร่างข่าวกิจกรรม/);
    assert.equal((await anon.get(`/news/${draftId}/edit`)).status, 404);
    assert.notEqual((await anon.get('/staff/news')).status, 200);

    const publishOwn = await postMultipart(clerk, `/staff/news/${draftId}/edit`, fields({ intent: 'publish', version: '1' }));
    assert.equal(publishOwn.status, 403);
    const { browser: other1 } = await signedIn(env, org, ['staff']);
    assert.equal((await other1.get(`/staff/news/${draftId}/edit`)).status, 403);
    assert.equal((await other1.post(`/staff/news/${draftId}/pin`, { pinned: '1' }, { from: `/staff/news/${draftId}` })).status, 403);

    const { browser: outsider } = await signedIn(env, other, ['admin']);
    assert.equal((await outsider.get(`/staff/news/${draftId}`)).status, 404);
    assert.equal((await outsider.get(`/staff/news/${postId}/edit`)).status, 404);
    assert.equal((await new TestBrowser(env, other.host).get(`/news/${postId}`)).status, 404);
    const outsiderEdit = await postMultipart(outsider, `/staff/news/${postId}/edit`, fields({ version: '1' }), {}, '/staff/news/new');
    assert.equal(outsiderEdit.status, 404);

    // A division head publishes the clerk's draft.
    const { browser: head } = await signedIn(env, org, ['division_head']);
    const ok = await postMultipart(head, `/staff/news/${draftId}/edit`, fields({ title: 'ร่างข่าวกิจกรรม', version: '1' }));
    assert.equal(ok.status, 303);
    assert.equal((await anon.get(`/news/${draftId}`)).status, 200);
  });

  test('edit after publishing needs a reason and is a new version; a stale form gets 409', async () => {
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const [before] = await env.services.db.select().from(newsPosts).where(eq(newsPosts.id, postId));
    assert.ok(before?.publicationId);
    const path = `/staff/news/${postId}/edit`;
    const noReason = await postMultipart(browser, path, fields({ version: String(before.version), title: 'หัวข้อใหม่' }));
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /กรุณากรอกเหตุผลที่แก้ไข/);
    const draft = await postMultipart(browser, path, fields({ version: String(before.version), intent: 'draft', reason: 'x' }));
    assert.equal(draft.status, 422);
    const ok = await postMultipart(
      browser,
      path,
      fields({
        version: String(before.version),
        title: 'ประชาสัมพันธ์การชำระภาษี (แก้ไขวันที่)',
        reason: 'แก้ไขวันสุดท้ายของการชำระ',
        coverAlt: 'เจ้าหน้าที่กองคลังรับชำระภาษี',
      }),
    );
    assert.equal(ok.status, 303);
    const [afterRow] = await env.services.db.select().from(newsPosts).where(eq(newsPosts.id, postId));
    assert.ok(afterRow?.publicationId && afterRow.publicationId !== before.publicationId);
    const [old] = await env.services.db.select().from(publications).where(eq(publications.id, before.publicationId));
    assert.equal(old?.supersededBy, afterRow.publicationId);
    assert.equal(old?.supersedeReason, 'แก้ไขวันสุดท้ายของการชำระ');
    assert.equal(afterRow.publishAt?.getTime(), before.publishAt?.getTime(), 'the first publish time stays');
    const stale = await postMultipart(browser, path, fields({ version: String(before.version), reason: 'อีกครั้ง', coverAlt: 'ภาพ' }));
    assert.equal(stale.status, 409);
    const page = await (await new TestBrowser(env, org.host).get(`/news/${postId}`)).text();
    assert.match(page, /ประชาสัมพันธ์การชำระภาษี \(แก้ไขวันที่\)/);
  });

  test('scheduled: hidden and unsearchable until its time; the worker drops the cached list when it comes', async () => {
    const { browser } = await signedIn(env, org, ['executive']);
    const anon = new TestBrowser(env, org.host);
    await anon.get('/news'); // cached now
    const res = await postMultipart(
      browser,
      '/staff/news/new',
      fields({
        kind: 'news',
        category: 'health',
        title: 'ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า',
        when: 'later',
        publishDate: '21/03/2567',
        publishTime: '08:30',
      }),
    );
    assert.equal(res.status, 303);
    const id = idOf(res);
    const [row] = await env.services.db.select().from(newsPosts).where(eq(newsPosts.id, id));
    assert.equal(row?.publishAt?.toISOString(), new Date('2024-03-21T08:30:00+07:00').toISOString());
    assert.equal(svc.statusOf(row as svc.NewsPost, now), 'scheduled');
    assert.equal((await anon.get(`/news/${id}`)).status, 404);
    const cached = await (await anon.get('/news')).text();
    assert.doesNotMatch(cached, /ฉีดวัคซีน/);
    assert.doesNotMatch(await (await anon.get('/news/rss.xml')).text(), /ฉีดวัคซีน/);

    const was = now;
    now = new Date('2024-03-21T08:31:00+07:00');
    try {
      assert.doesNotMatch(await (await anon.get('/news')).text(), /ฉีดวัคซีน/, 'the cached list until told');
      assert.deepEqual(await announceScheduledNews(env.services, was, now), [org.org.id]);
      assert.match(await (await anon.get('/news')).text(), /ฉีดวัคซีน/);
      assert.equal((await anon.get(`/news/${id}`)).status, 200);
      assert.deepEqual(await announceScheduledNews(env.services, now, now), [], 'told once');
    } finally {
      now = was;
    }
  });

  test('withdraw with a reason: the page says when and why (noindex), gone from the list, feeds, search and files', async () => {
    const { browser: clerk } = await signedIn(env, org, ['staff']);
    assert.equal(
      (await clerk.post(`/staff/news/${postId}/withdraw`, { withdrawReason: 'x' }, { from: `/staff/news/${postId}` })).status,
      403,
    );
    const { browser } = await signedIn(env, org, ['admin']);
    const empty = await browser.post(`/staff/news/${postId}/withdraw`, { withdrawReason: ' ' }, { from: `/staff/news/${postId}` });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /กรุณากรอกเหตุผลที่ถอน/);
    const res = await browser.post(
      `/staff/news/${postId}/withdraw`,
      { withdrawReason: 'ประกาศซ้ำกับฉบับที่ออกโดยกองคลัง' },
      { from: `/staff/news/${postId}` },
    );
    assert.equal(res.status, 303);
    const anon = new TestBrowser(env, org.host);
    const page = await anon.get(`/news/${postId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ข่าวนี้ถูกถอนแล้ว/);
    assert.match(html, /ประกาศซ้ำกับฉบับที่ออกโดยกองคลัง/);
    assert.match(html, /<meta name="robots" content="noindex"/);
    assert.doesNotMatch(html, /กำหนดชำระ/);
    assert.doesNotMatch(await (await anon.get('/news')).text(), /ประชาสัมพันธ์การชำระภาษี/);
    assert.doesNotMatch(await (await anon.get('/news/atom.xml')).text(), /ประชาสัมพันธ์การชำระภาษี/);
    const [att] = await env.services.db.select().from(newsAttachments).where(eq(newsAttachments.postId, postId));
    assert.equal((await anon.get(`/news/${postId}/files/${att?.fileId}`)).status, 404);
    const docs = await env.services.db
      .select()
      .from(searchDocuments)
      .where(and(eq(searchDocuments.orgId, org.org.id), eq(searchDocuments.sourceId, String(postId))));
    assert.equal(docs.length, 0);
    const again = await browser.post(`/staff/news/${postId}/withdraw`, { withdrawReason: 'อีกครั้ง' }, { from: `/staff/news/${postId}` });
    assert.equal(again.status, 409);
    const api = await anon.get(`/api/news/${postId}`);
    assert.equal(api.status, 200);
    const json = (await api.json()) as { withdrawn: { reason: string } | null; bodyHtml: string };
    assert.equal(json.withdrawn?.reason, 'ประกาศซ้ำกับฉบับที่ออกโดยกองคลัง');
    assert.equal(json.bodyHtml, '');
  });

  test('script in the text never reaches the page', async () => {
    const ctx = { ...org.ctx };
    const p = await svc.savePost(ctx, null, {
      kind: 'news',
      category: 'general',
      title: '<script>alert(1)</script>ข่าว',
      body: 'ก่อน <script>alert(1)</script> <img src=x onerror=alert(1)> [คลิก](javascript:alert(1)) หลัง',
      intent: 'publish',
      version: 0,
    });
    const html = await (await new TestBrowser(env, org.host).get(`/news/${p.id}`)).text();
    assert.doesNotMatch(html, /<script>alert|onerror|javascript:alert/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;ข่าว/);
  });

  test('list: pinned first, then newest; filters; 10 a page; bad page 404', async () => {
    const ctx = org.ctx;
    for (let i = 0; i < 11; i++) {
      now = new Date(now.getTime() + 60_000);
      await svc.savePost(ctx, null, { kind: 'news', category: 'activity', title: `กิจกรรมที่ ${i + 1}`, intent: 'publish', version: 0 });
    }
    const old = await svc.savePost(ctx, null, {
      kind: 'announcement',
      category: 'jobs',
      title: 'รับสมัครพนักงานจ้าง',
      intent: 'publish',
      version: 0,
    });
    now = new Date(now.getTime() + 60_000);
    await svc.savePost(ctx, null, { kind: 'news', category: 'activity', title: 'กิจกรรมล่าสุด', intent: 'publish', version: 0 });
    await svc.setPinned(ctx, old.id, true);
    const pub = { ...ctx, actor: null };
    const first = await listPublicPosts(pub, { page: 1 });
    assert.equal(first.posts.length, 10);
    assert.equal(first.posts[0]?.title, 'รับสมัครพนักงานจ้าง');
    assert.equal(first.posts[1]?.title, 'กิจกรรมล่าสุด');
    const jobs = await listPublicPosts(pub, { category: 'jobs' });
    assert.deepEqual(
      jobs.posts.map((p) => p.title),
      ['รับสมัครพนักงานจ้าง'],
    );
    const anon = new TestBrowser(env, org.host);
    const page2 = await anon.get('/news?page=2');
    assert.equal(page2.status, 200);
    assert.match(await page2.text(), /rel="prev"/);
    assert.equal((await anon.get('/news?page=99')).status, 404);
    assert.equal((await anon.get('/news?page=abc')).status, 404);
    const filtered = await (await anon.get('/news?kind=announcement')).text();
    assert.match(filtered, /รับสมัครพนักงานจ้าง/);
    assert.doesNotMatch(filtered, /กิจกรรมล่าสุด/);
    assert.equal((await anon.get('/news/abc')).status, 404);
    assert.equal((await anon.get('/news/99999999999')).status, 404);

    const api = await anon.get('/api/news?kind=announcement&pageSize=5');
    assert.equal(api.status, 200);
    const body = (await api.json()) as { items: { title: string; url: string }[]; total: number };
    assert.ok(body.items.some((x) => x.title === 'รับสมัครพนักงานจ้าง'));
    assert.match(body.items[0]?.url ?? '', /^http:\/\/.+\/news\/\d+$/);
    assert.equal((await anon.get('/api/news?kind=rumour')).status, 422);
    const one = await anon.get(`/api/news/${old.id}`);
    assert.equal(((await one.json()) as { title: string }).title, 'รับสมัครพนักงานจ้าง');
    assert.equal((await new TestBrowser(env, other.host).get(`/api/news/${old.id}`)).status, 404);
  });

  test('RSS 2.0 and Atom 1.0: well-formed, absolute links, newest 20', async () => {
    const anon = new TestBrowser(env, org.host);
    const rss = await anon.get('/news/rss.xml');
    assert.equal(rss.status, 200);
    assert.equal(rss.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    const rssXml = await rss.text();
    assertWellFormed(rssXml);
    assert.match(rssXml, /<rss version="2\.0"/);
    assert.match(rssXml, new RegExp(`<atom:link href="http://${org.host.replace(/\./g, '\\.')}/news/rss\\.xml" rel="self"`));
    const items = [...rssXml.matchAll(/<item>/g)].length;
    assert.equal(items, 15, 'the 15 visible posts (fewer than 20)');
    assert.match(rssXml, /<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
    assert.match(rssXml, /&lt;script&gt;/, 'the title escaped');
    for (const m of rssXml.matchAll(/<link>([^<]+)<\/link>/g)) assert.match(m[1] ?? '', /^http:\/\//);
    const atom = await anon.get('/news/atom.xml');
    const atomXml = await atom.text();
    assertWellFormed(atomXml);
    assert.match(atomXml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.equal([...atomXml.matchAll(/<entry>/g)].length, 15);
    assert.match(atomXml, /<updated>\d{4}-\d{2}-\d{2}T/);
    const etag = atom.headers.get('etag') ?? '';
    assert.equal((await anon.get('/news/atom.xml', { 'if-none-match': etag })).status, 304);
  });

  test('delete a draft; a published post cannot be deleted', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    const res = await postMultipart(browser, '/staff/news/new', fields({ intent: 'draft', title: 'ร่างที่จะลบ' }));
    const id = idOf(res);
    const del = await browser.post(`/staff/news/${id}/delete`, {}, { from: `/staff/news/${id}` });
    assert.equal(del.status, 303);
    assert.equal((await browser.get(`/staff/news/${id}`)).status, 404);
    const published = await svc.savePost(org.ctx, null, {
      kind: 'news',
      category: 'general',
      title: 'เผยแพร่แล้ว',
      intent: 'publish',
      version: 0,
    });
    await assert.rejects(svc.deleteDraft(org.ctx, published.id), /conflict/);
    await assert.rejects(svc.deleteDraft(org.ctx, postId), /forbidden/, 'a withdrawn post stays');
  });
});
