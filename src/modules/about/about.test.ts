import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { searchDocuments } from '../../core/search/schema.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { providersOf } from '../disclosure/evidence.js';
import { publications } from '../publications/schema.js';
import { staffMembers } from '../staff/schema.js';
import { createDivision, createPosition, createStaff, setActing } from '../staff/service.js';
import * as qa from './qa.js';
import { qaQuestions } from './schema.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-03-20T10:00:00+07:00'); // FY 2567
const people: Record<string, number> = {};

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  // A small office: a mayor, the permanent secretary's post vacant with the deputy acting, two divisions.
  const office = await createDivision(org.ctx, { name: 'สำนักปลัด', sortOrder: 10 });
  const works = await createDivision(org.ctx, { name: 'กองช่าง', sortOrder: 20 });
  const pos = async (
    title: string,
    rank: 'mayor' | 'permanent_secretary' | 'deputy_secretary' | 'division_head' | 'staff',
    divisionId?: number,
    appendOrgName = false,
    sortOrder = 0,
  ) => createPosition(org.ctx, { title, rank, divisionId, appendOrgName, sortOrder });
  const mayor = await pos('นายก', 'mayor', undefined, true, 1);
  const secretary = await pos('ปลัด', 'permanent_secretary', undefined, true, 2);
  const deputy = await pos('รองปลัด', 'deputy_secretary', undefined, true, 3);
  const head = await pos('หัวหน้าสำนักปลัด', 'division_head', office, false, 4);
  await pos('ผู้อำนวยการกองช่าง', 'division_head', works, false, 5);
  const clerk = await pos('เจ้าพนักงานธุรการ', 'staff', office, false, 6);
  const person = async (key: string, firstName: string, positionId: number, divisionId?: number, phone?: string) => {
    people[key] = (await createStaff(org.ctx, { titlePrefix: 'นาย', firstName, lastName: 'ทดสอบ', positionId, divisionId, phone })).staffId;
  };
  await person('mayor', 'สมชาย', mayor, undefined, '081-234-5678');
  await person('deputy', 'อับดุล', deputy);
  await person('head', 'มะยูโซะ', head, office);
  await person('clerk1', 'ซูไฮมี', clerk, office);
  await person('clerk2', 'รอมลี', clerk, office);
  await setActing(org.ctx, people.deputy as number, [secretary]);
});
after(() => env.close());

const anon = (o: TestOrg = org) => new TestBrowser(env, o.host);
/** The text of a page without its tags (names are split into unbreakable parts). */
const plain = (html: string) => html.replace(/<[^>]*>/g, '');

describe('organization pages from the records', () => {
  test('the structure chart: executives, the acting permanent secretary, divisions with heads (or vacant) and staff counts', async () => {
    const s = await svc.orgStructure(org.ctx);
    assert.deepEqual(
      s.executives.map((e) => e.holders.map((h) => h.name)),
      [['นายสมชาย ทดสอบ']],
    );
    assert.equal(s.administration[0]?.holders[0]?.acting, true, 'the deputy acts for the vacant secretary');
    assert.equal(s.administration[0]?.holders[0]?.name, 'นายอับดุล ทดสอบ');
    assert.deepEqual(
      s.divisions.map((d) => [d.name, d.staffCount, d.heads[0]?.holders.length]),
      [
        ['สำนักปลัด', 3, 1],
        ['กองช่าง', 0, 0],
      ],
    );
    const res = await anon().get('/about/structure');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /นายก[^<]*ทดสอบ/, 'executive title carries the organization name');
    assert.match(html, /รักษาราชการแทน/);
    assert.match(html, /ว่าง/, 'the vacant works head is said');
    assert.match(html, /บุคลากร 3 คน/);
    assert.match(html, /about\.css/);
    const en = await anon().get('/about/structure', { cookie: 'prongsai_lang=en' });
    assert.equal(en.status, 200);
  });

  test('executives page: name, position, phone when given; the index lists the pages; other pages are 404', async () => {
    const html = await (await anon().get('/about/executives')).text();
    assert.ok(plain(html).includes('นายสมชาย ทดสอบ'));
    assert.match(html, /href="tel:0812345678"/);
    assert.match(html, /มะยูโซะ/);
    assert.doesNotMatch(html, /ซูไฮมี/, 'ordinary staff are not on the executives page');
    const index = await (await anon().get('/about')).text();
    for (const href of [
      '/about/structure',
      '/about/executives',
      '/about/powers',
      '/about/contact',
      '/about/laws',
      '/about/social',
      '/qa',
      '/privacy',
    ])
      assert.ok(index.includes(`href="${href}"`), href);
    assert.doesNotMatch(index, /href="\/about\/history"/, 'history is listed once written');
    assert.equal((await anon().get('/about/history')).status, 404);
    assert.equal((await anon().get('/about/nonsense')).status, 404);
    assert.equal((await anon().get('/about/powers')).status, 200, 'powers says it is not published yet');
  });
});

describe('written pages', () => {
  test('the ITA coordinator writes a page: sanitized, versioned in the publication log (o3), in the search index; edits need a reason', async () => {
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const path = '/staff/admin/about/pages/powers';
    assert.equal((await browser.get(path)).status, 200);
    const body = '## มาตรา ๖๖\nพัฒนาตำบล <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const ok = await browser.post(path, { title: '', body, version: '0' });
    assert.equal(ok.status, 303);
    const page = await svc.getPage(org.ctx, 'powers');
    assert.equal(page?.version, 1);
    assert.match(page?.bodyHtml ?? '', /<h2>มาตรา ๖๖<\/h2>/);
    assert.doesNotMatch(page?.bodyHtml ?? '', /script|javascript:|onerror/i);
    const pub = await anon().get('/about/powers');
    const html = await pub.text();
    assert.match(html, /พัฒนาตำบล/);
    assert.doesNotMatch(html, /<script>alert|onerror=/);
    assert.match(html, /ฉบับที่ 1/);
    const logged = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'org_page'), eq(publications.sourceId, 'powers')));
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.kind, 'page');
    assert.equal(logged[0]?.itemCode, 'o3');
    const [indexed] = await env.services.db
      .select()
      .from(searchDocuments)
      .where(and(eq(searchDocuments.orgId, org.org.id), eq(searchDocuments.source, 'page'), eq(searchDocuments.sourceId, 'powers')));
    assert.equal(indexed?.url, '/about/powers');

    const noReason = await browser.post(path, { title: '', body: 'ฉบับใหม่', version: '1' });
    assert.equal(noReason.status, 422);
    const text = await noReason.text();
    assert.match(text, /กรุณาระบุเหตุผลที่แก้ไขหน้าที่เผยแพร่แล้ว/);
    assert.match(text, /ฉบับใหม่/, 'what was typed is kept');
    const empty = await browser.post(path, { title: '', body: '<script>x</script>', reason: 'r', version: '1' });
    assert.equal(empty.status, 422, 'a body that sanitizes to nothing is empty');
    assert.equal((await svc.getPage(org.ctx, 'powers'))?.version, 1, 'nothing changed');

    const edit = await browser.post(path, { title: 'อำนาจหน้าที่ของ อบต.', body: 'ฉบับใหม่ มาตรา ๖๗', reason: 'เพิ่มมาตรา ๖๗', version: '1' });
    assert.equal(edit.status, 303);
    const stale = await browser.post(path, { title: '', body: 'ซ้อน', reason: 'x', version: '1' });
    assert.equal(stale.status, 409);
    const rows = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.sourceEntity, 'org_page'), eq(publications.sourceId, 'powers')));
    assert.equal(rows.length, 2);
    const first = rows.find((r) => r.id === logged[0]?.id);
    assert.equal(first?.supersedeReason, 'เพิ่มมาตรา ๖๗');
    assert.match(await (await anon().get('/about/powers')).text(), /อำนาจหน้าที่ของ อบต\.[\s\S]*ฉบับใหม่ มาตรา ๖๗/);
  });

  test('privacy: the default statement until the organization writes its own (o10)', async () => {
    const before = await (await anon().get('/privacy')).text();
    assert.match(before, /พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒/);
    const { browser } = await signedIn(env, org, ['admin']);
    assert.equal((await browser.post('/staff/admin/about/pages/privacy', { body: 'นโยบายของ อบต. เอง ข้อ ๑', version: '0' })).status, 303);
    const after = await (await anon().get('/privacy')).text();
    assert.match(after, /นโยบายของ อบต\. เอง ข้อ ๑/);
    assert.doesNotMatch(after, /ใช้คุกกี้ที่จำเป็นเท่านั้น/);
    assert.match(await (await anon(other).get('/privacy')).text(), /ใช้คุกกี้ที่จำเป็นเท่านั้น/, 'the other organization keeps the default');
  });

  test('who may edit: plain staff and division heads 403, signed out not let in, another organization unaffected; unknown key 404', async () => {
    const staff = await signedIn(env, org, ['staff']);
    assert.equal((await staff.browser.get('/staff/admin/about')).status, 403);
    const refused = await staff.browser.post('/staff/admin/about/pages/laws', { body: 'x', version: '0' }, { from: '/staff' });
    assert.equal(refused.status, 403);
    const headUser = await signedIn(env, org, ['division_head']);
    assert.equal((await headUser.browser.get('/staff/admin/about/profile')).status, 403);
    assert.notEqual((await anon().get('/staff/admin/about')).status, 200);
    const admin = await signedIn(env, org, ['admin']);
    assert.equal((await admin.browser.get('/staff/admin/about/pages/nonsense')).status, 404);
    const outsider = await signedIn(env, other, ['admin']);
    assert.equal((await outsider.browser.post('/staff/admin/about/pages/laws', { body: 'ของอีกหน่วยงาน', version: '0' })).status, 303);
    assert.equal(await svc.getPage(org.ctx, 'laws'), null);
    assert.match(await (await anon(other).get('/about/laws')).text(), /ของอีกหน่วยงาน/);
    assert.doesNotMatch(await (await anon().get('/about/laws')).text(), /ของอีกหน่วยงาน/);
  });
});

describe('contact, social channels and photos', () => {
  test('coordinates and social links are validated by field (http/https only); the contact page links OSM and Google Maps; the cache is dropped', async () => {
    const cached = await (await anon().get('/about/contact')).text();
    assert.match(cached, /หน่วยงานยังไม่ได้ระบุพิกัดที่ตั้ง/);
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const path = '/staff/admin/about/profile';
    assert.equal((await browser.get(path)).status, 200);
    const badUrl = await browser.post(path, {
      latitude: '6.4031',
      longitude: '',
      officeHours: 'จันทร์–ศุกร์',
      socialRows: '2',
      'social0.kind': 'facebook',
      'social0.url': 'javascript:alert(1)',
      'social0.label': '',
      'social1.kind': 'line',
      'social1.url': 'https://lin.ee/abc',
      'social1.label': '',
    });
    assert.equal(badUrl.status, 422);
    const text = await badUrl.text();
    assert.match(text, /ลิงก์ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:\/\/ หรือ http:\/\//);
    assert.match(text, /กรุณากรอกทั้งละติจูดและลองจิจูด/);
    assert.match(text, /href="#f-social0-url"/, 'the summary links the field');
    assert.match(text, /value="https:\/\/lin.ee\/abc"/, 'rows are kept');
    const farAway = await browser.post(path, { latitude: '96', longitude: '101.78', socialRows: '0' });
    assert.equal(farAway.status, 422);
    assert.equal((await svc.getProfile(org.ctx)).latitude, null, 'nothing stored');
    const ok = await browser.post(path, {
      latitude: '6.4031',
      longitude: '101.7806',
      officeHours: 'จันทร์–ศุกร์ 08:30–16:30 น.',
      socialRows: '3',
      'social0.kind': 'facebook',
      'social0.url': 'https://www.facebook.com/lubopeusa.sao',
      'social0.label': 'เพจ อบต.',
      'social1.kind': 'line',
      'social1.url': 'https://lin.ee/lubopeusa',
      'social1.label': '',
      'social2.kind': 'facebook',
      'social2.url': '',
      'social2.label': '',
    });
    assert.equal(ok.status, 303);
    const profile = await svc.getProfile(org.ctx);
    assert.equal(profile.social.length, 2, 'the blank row is dropped');
    const contact = await (await anon().get('/about/contact')).text();
    assert.match(contact, /https:\/\/www.openstreetmap.org\/\?mlat=6.4031&amp;mlon=101.7806/);
    assert.match(contact, /https:\/\/www.google.com\/maps\/search\/\?api=1&amp;query=6.4031%2C101.7806/);
    assert.match(contact, /จันทร์–ศุกร์ 08:30–16:30 น\./);
    assert.doesNotMatch(contact, /<iframe/);
    const social = await (await anon().get('/about/social')).text();
    assert.match(social, /href="https:\/\/www.facebook.com\/lubopeusa.sao"/);
    assert.match(social, /เพจ อบต\./);
    assert.match(social, /LINE Official Account/);
    assert.ok(svc.isWebUrl('http://example.go.th/x'));
    for (const u of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.th',
      'https://',
      'www.facebook.com',
      'https://a b.th',
      'JaVaScRiPt:alert(1)',
    ])
      assert.equal(svc.isWebUrl(u), false, u);
  });

  test('a portrait: image by content, served publicly for the person; not an image 422; another organization’s person 404; plain staff 403', async () => {
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const mayor = people.mayor as number;
    const upload = async (b: TestBrowser, staffId: number, bytes: Uint8Array, name: string) => {
      const csrf = await b.csrf('/staff/admin/about/photos');
      const form = new FormData();
      form.append('_csrf', csrf);
      form.append(`photo-${staffId}`, new File([bytes], name));
      return b.request(`/staff/admin/about/photos/${staffId}`, { method: 'POST', body: form });
    };
    const notImage = await upload(browser, mayor, new TextEncoder().encode('%PDF-1.4 not a photo'), 'x.png');
    assert.equal(notImage.status, 422);
    assert.match(await notImage.text(), /ไม่รับไฟล์ประเภทนี้/);
    const res = await upload(browser, mayor, PNG, 'mayor.png');
    assert.equal(res.status, 303);
    const [row] = await env.services.db
      .select()
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, org.org.id), eq(staffMembers.id, mayor)));
    assert.ok(row?.photoFileId);
    const photo = await anon().get(`/about/photos/${mayor}?v=${row.photoFileId}`);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    assert.match(photo.headers.get('cache-control') ?? '', /immutable/);
    assert.match(await (await anon().get('/about/executives')).text(), new RegExp(`src="/about/photos/${mayor}\\?v=${row.photoFileId}"`));
    assert.equal((await anon(other).get(`/about/photos/${mayor}`)).status, 404, 'not through another organization’s host');
    const outsider = await signedIn(env, other, ['admin']);
    assert.equal((await upload(outsider.browser, mayor, PNG, 'x.png')).status, 404);
    const staff = await signedIn(env, org, ['staff']);
    const refused = await staff.browser.post(`/staff/admin/about/photos/${mayor}/delete`, {}, { from: '/staff' });
    assert.equal(refused.status, 403);
    assert.equal((await browser.post(`/staff/admin/about/photos/${mayor}/delete`, {}, { from: '/staff/admin/about/photos' })).status, 303);
    assert.equal((await anon().get(`/about/photos/${mayor}`)).status, 404);
  });
});

describe('Q&A (o8)', () => {
  test('a citizen asks without a name; a double submit stores one; too short is 422 by name; pending questions are not public', async () => {
    const b = anon();
    assert.equal((await b.get('/qa/ask')).status, 200);
    const key = /name="key" value="([^"]+)"/.exec(b.lastHtml)?.[1];
    assert.ok(key);
    const fields = { question: 'ขอทราบวันเก็บขยะในหมู่ที่ ๓ ครับ', askerName: '', contact: '081-111-2222', key };
    const first = await b.post('/qa/ask', fields, { from: '/qa/ask' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/qa/thanks');
    assert.equal((await b.post('/qa/ask', fields, { from: '/qa/ask' })).status, 303);
    const rows = await env.services.db
      .select()
      .from(qaQuestions)
      .where(and(eq(qaQuestions.orgId, org.org.id), eq(qaQuestions.clientKey, key)));
    assert.equal(rows.length, 1, 'one question stored');
    assert.equal(rows[0]?.status, 'pending');
    const short = await b.post('/qa/ask', { question: 'สั้น', key: 'k-short-key-1' }, { from: '/qa/ask' });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /คำถามสั้นเกินไป/);
    const list = await (await anon().get('/qa')).text();
    assert.doesNotMatch(list, /วันเก็บขยะ/);
    assert.equal((await anon().get(`/qa/${rows[0]?.id}`)).status, 404);
  });

  test('a moderator answers (public, in search, contact never shown), edits the answer, rejects with a reason never shown', async () => {
    const asked = await qa.askQuestion(
      { ...org.ctx, actor: null, ip: '10.0.0.1' },
      {
        question: 'ต้องใช้เอกสารอะไรบ้างในการขออนุญาตก่อสร้าง',
        askerName: 'นางสาวทดสอบ',
        contact: 'secret-contact@example.com',
        clientKey: 'k-answer-0001',
      },
    );
    const spam = await qa.askQuestion(
      { ...org.ctx, actor: null, ip: '10.0.0.2' },
      { question: 'โฆษณาขายของ ราคาถูกมาก', clientKey: 'k-spam-00001' },
    );
    const { browser } = await signedIn(env, org, ['division_head']);
    const list = await (await browser.get('/staff/qa')).text();
    assert.match(list, /ต้องใช้เอกสารอะไรบ้าง/);
    const item = await (await browser.get(`/staff/qa/${asked.id}`)).text();
    assert.match(item, /secret-contact@example.com/, 'staff see the contact');
    const blank = await browser.post(`/staff/qa/${asked.id}/answer`, { question: 'ต้องใช้เอกสารอะไรบ้างในการขออนุญาตก่อสร้าง', answer: '' });
    assert.equal(blank.status, 422);
    assert.match(await blank.text(), /คำตอบ/);
    const ok = await browser.post(`/staff/qa/${asked.id}/answer`, {
      question: 'ต้องใช้เอกสารอะไรบ้างในการขออนุญาตก่อสร้าง',
      answer: 'แบบ ข.1 โฉนดที่ดิน และแบบแปลน',
    });
    assert.equal(ok.status, 303);
    const pub = await (await anon().get('/qa')).text();
    assert.match(pub, /ต้องใช้เอกสารอะไรบ้าง[\s\S]*แบบ ข\.1 โฉนดที่ดิน/);
    assert.match(pub, /นางสาวทดสอบ/);
    assert.doesNotMatch(pub, /secret-contact/);
    const one = await anon().get(`/qa/${asked.id}`);
    assert.equal(one.status, 200);
    assert.doesNotMatch(await one.text(), /secret-contact/);
    const [doc] = await env.services.db
      .select()
      .from(searchDocuments)
      .where(and(eq(searchDocuments.orgId, org.org.id), eq(searchDocuments.source, 'qa'), eq(searchDocuments.sourceId, String(asked.id))));
    assert.equal(doc?.url, `/qa/${asked.id}`);
    const answeredAt = (await qa.getQuestion(org.ctx, asked.id)).answeredAt;
    assert.equal(
      (
        await browser.post(`/staff/qa/${asked.id}/answer`, {
          question: 'ต้องใช้เอกสารอะไรบ้างในการขออนุญาตก่อสร้าง',
          answer: 'แบบ ข.1 และแบบแปลน (แก้ไข)',
        })
      ).status,
      303,
    );
    const edited = await qa.getQuestion(org.ctx, asked.id);
    assert.equal(edited.answer, 'แบบ ข.1 และแบบแปลน (แก้ไข)');
    assert.equal(edited.answeredAt?.getTime(), answeredAt?.getTime(), 'the first answer time stays');
    assert.equal((await browser.post(`/staff/qa/${asked.id}/reject`, { reason: 'x' })).status, 409, 'an answered question is not rejected');

    assert.equal((await browser.post(`/staff/qa/${spam.id}/reject`, { reason: '' })).status, 422);
    assert.equal((await browser.post(`/staff/qa/${spam.id}/reject`, { reason: 'ข้อความโฆษณา' })).status, 303);
    const after = await (await anon().get('/qa')).text();
    assert.doesNotMatch(after, /โฆษณาขายของ|ข้อความโฆษณา/);
    assert.equal((await anon().get(`/qa/${spam.id}`)).status, 404);
    assert.equal((await browser.post(`/staff/qa/${spam.id}/answer`, { question: 'x'.repeat(20), answer: 'y' })).status, 409);
  });

  test('moderation permissions: plain staff 403, signed out not let in, another organization’s question 404; the to-do counts waiting questions', async () => {
    const q = await qa.askQuestion(
      { ...org.ctx, actor: null, ip: '10.0.0.3' },
      { question: 'คำถามสำหรับทดสอบสิทธิ์', clientKey: 'k-perm-00001' },
    );
    const staff = await signedIn(env, org, ['staff']);
    assert.equal((await staff.browser.get('/staff/qa')).status, 403);
    assert.equal(
      (await staff.browser.post(`/staff/qa/${q.id}/answer`, { question: 'x'.repeat(20), answer: 'y' }, { from: '/staff' })).status,
      403,
    );
    assert.notEqual((await anon().get(`/staff/qa/${q.id}`)).status, 200);
    const outsider = await signedIn(env, other, ['admin']);
    assert.equal((await outsider.browser.get(`/staff/qa/${q.id}`)).status, 404);
    assert.equal(
      (await outsider.browser.post(`/staff/qa/${q.id}/answer`, { question: 'x'.repeat(20), answer: 'y' }, { from: '/staff/qa' })).status,
      404,
    );
    assert.equal((await qa.getQuestion(org.ctx, q.id)).status, 'pending');
    const moderator = await signedIn(env, org, ['ita_coordinator']);
    assert.match(await (await moderator.browser.get('/staff')).text(), /คำถามจากประชาชนรอตอบ \d+ รายการ/);
    assert.equal((await moderator.browser.get('/staff/qa?status=bogus')).status, 404);
    assert.equal((await anon().get('/qa?page=abc')).status, 404);
    assert.equal((await anon().get('/qa/0')).status, 404);
  });

  test('rate limit: the sixth question from one address within ten minutes is refused with 429', async () => {
    const third = await createTestOrg(env);
    const ctx = { ...third.ctx, actor: null, ip: '192.0.2.7' };
    for (let i = 0; i < qa.ASK_LIMIT; i++)
      await qa.askQuestion(ctx, { question: `คำถามข้อที่ ${i} สำหรับทดสอบ`, clientKey: `k-rate-${i}-0000` });
    await assert.rejects(
      qa.askQuestion(ctx, { question: 'คำถามที่เกินกำหนด', clientKey: 'k-rate-x-0000' }),
      (e: { status?: number }) => e.status === 429,
    );
    // A repeated submit of a stored question is not a new one: answered from the key, not refused.
    assert.equal((await qa.askQuestion(ctx, { question: 'คำถามข้อที่ 0 สำหรับทดสอบ', clientKey: 'k-rate-0-0000' })).created, false);
    await qa.askQuestion({ ...ctx, ip: '192.0.2.8' }, { question: 'จากอีกที่อยู่หนึ่ง', clientKey: 'k-rate-y-0000' });
  });
});

describe('OIT evidence', () => {
  test('providers link only what is public: written pages once written, structure and contact from the records', async () => {
    const links = async (topic: Parameters<typeof providersOf>[0]) =>
      (
        await Promise.all(
          providersOf(topic)
            .filter((p) => p.module === 'about')
            .map((p) => p.links(org.ctx, 2567)),
        )
      ).flat();
    assert.deepEqual(
      (await links('structure')).map((l) => l.url),
      ['/about/structure'],
    );
    assert.deepEqual(
      (await links('powers')).map((l) => l.url),
      ['/about/powers'],
    );
    assert.deepEqual(
      (await links('social')).map((l) => l.url),
      ['/about/social'],
    );
    assert.deepEqual(
      (await links('qa')).map((l) => l.url),
      ['/qa'],
    );
    const otherLaws = (
      await Promise.all(
        providersOf('laws')
          .filter((p) => p.module === 'about')
          .map((p) => p.links(other.ctx, 2567)),
      )
    ).flat();
    assert.equal(otherLaws.length, 1);
    const fresh = await createTestOrg(env);
    const none = (
      await Promise.all(
        providersOf('powers')
          .filter((p) => p.module === 'about')
          .map((p) => p.links(fresh.ctx, 2567)),
      )
    ).flat();
    assert.deepEqual(none, [], 'no powers page, no link');
  });
});

describe('languages', () => {
  test('every string of the public pages is in Thai, English and Patani Malay', () => {
    const { catalogs } = env.services;
    const publicKeys = [...catalogs.th.keys()].filter(
      (k) =>
        /^about\.(pages|public|qa)\./.test(k) ||
        /^about\.nav\.(about|qa)$/.test(k) ||
        /^about\.(fields|hints|errors)\.(question|askerName|contact|questionShort|clientKey|tooMany)$/.test(k),
    );
    assert.ok(publicKeys.length > 60, String(publicKeys.length));
    assert.deepEqual(
      publicKeys.filter((k) => !catalogs.ms.has(k)),
      [],
    );
  });
});
