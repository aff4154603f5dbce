import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { jpegWithGps } from '../../core/storage/exif-fixtures.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { createPlan, getPlanByYear, listEvidence, listMeasures } from '../measures/service.js';
import { FACILITY_ITEMS } from './items.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const now = new Date('2024-03-20T10:00:00+07:00'); // FY 2567

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

const upload = async (b: TestBrowser, item: string, bytes: Uint8Array, name: string, caption = 'ภาพจุดพักรอ') => {
  const csrf = await b.csrf(`/staff/facilities/item?fy=2567&item=${item}`);
  const form = new FormData();
  form.append('_csrf', csrf);
  form.append('caption', caption);
  form.append('photo', new File([bytes], name));
  return b.request(`/staff/facilities/item/photos?fy=2567&item=${item}`, { method: 'POST', body: form });
};

describe('facilities checklist', () => {
  test('the eight standard items in the seed order, not done until recorded; any staff reads, no one signed out', async () => {
    const list = await svc.getChecklist(org.ctx, 2567);
    assert.deepEqual(
      list.lines.map((l) => l.itemKey),
      [...FACILITY_ITEMS],
    );
    assert.ok(list.lines.every((l) => l.status === 'not_done' && l.id === null));
    assert.deepEqual(list.counts, { done: 0, partial: 0, not_done: 8 });
    const { browser } = await signedIn(env, org, ['staff']);
    const page = await browser.get('/staff/facilities?fy=2567');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /จัดให้มีเก้าอี้รองรับผู้มาติดต่อราชการหรือรับบริการอย่างเพียงพอ/);
    assert.match(html, /จุดคัดกรองผู้มาติดต่อ/);
    assert.doesNotMatch(html, /\/staff\/facilities\/item\?/, 'plain staff get no edit links');
    assert.equal((await browser.get('/staff/facilities?fy=abc')).status, 404);
    const anon = await new TestBrowser(env, org.host).get('/staff/facilities');
    assert.notEqual(anon.status, 200);
  });

  test('a division head records a line; stale form → 409; bad dates → 422 naming the field, nothing stored; plain staff → 403', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const path = '/staff/facilities/item?fy=2567&item=seats';
    const ok = await browser.post(path, { status: 'done', checkedOn: '2024-03-01', note: 'เก้าอี้ 24 ที่นั่ง', version: '0' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/staff/facilities?fy=2567#item-seats');
    let line = (await svc.getChecklist(org.ctx, 2567)).lines[0];
    assert.equal(line?.status, 'done');
    assert.equal(line?.checkedOn, '2024-03-01');
    assert.equal(line?.version, 1);

    const stale = await browser.post(path, { status: 'partial', checkedOn: '2024-03-02', version: '0' });
    assert.equal(stale.status, 409);
    assert.match(await stale.text(), /มีผู้อื่นบันทึกรายการนี้ไปก่อนแล้ว/);

    const future = await browser.post(path, { status: 'done', checkedOn: '2024-03-21', note: 'ใหม่', version: '1' });
    assert.equal(future.status, 422);
    const body = await future.text();
    assert.match(body, /วันที่ตรวจต้องไม่เป็นวันในอนาคต/);
    assert.match(body, /ใหม่/, 'what was typed is kept');
    const noDate = await browser.post(path, { status: 'partial', checkedOn: '', version: '1' });
    assert.equal(noDate.status, 422);
    assert.match(await noDate.text(), /กรุณากรอกวันที่ตรวจ/);
    const lastYear = await browser.post(path, { status: 'done', checkedOn: '2023-09-30', version: '1' });
    assert.equal(lastYear.status, 422);
    assert.match(await lastYear.text(), /วันที่ตรวจต้องอยู่ในปีงบประมาณ 2567/);
    const badStatus = await browser.post(path, { status: 'maybe', checkedOn: '2024-03-01', version: '1' });
    assert.equal(badStatus.status, 422);
    line = (await svc.getChecklist(org.ctx, 2567)).lines[0];
    assert.equal(line?.version, 1, 'nothing changed');
    assert.equal(line?.note, 'เก้าอี้ 24 ที่นั่ง');

    const thaiDate = await browser.post(path, { status: 'partial', checkedOn: '๒/๓/๒๕๖๗', version: '1' });
    assert.equal(thaiDate.status, 303);
    assert.equal((await svc.getChecklist(org.ctx, 2567)).lines[0]?.checkedOn, '2024-03-02');

    const staff = await signedIn(env, org, ['staff']);
    assert.equal((await staff.browser.get(path)).status, 403);
    const refused = await staff.browser.post(
      path,
      { status: 'done', checkedOn: '2024-03-01', version: '2' },
      { from: '/staff/facilities' },
    );
    assert.equal(refused.status, 403);
    assert.equal((await browser.get('/staff/facilities/item?fy=2567&item=nonsense')).status, 404);
  });

  test('a photo is stored without EXIF/GPS, served to staff of the organization only; wrong type 422, too big 413', async () => {
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const res = await upload(browser, 'signage', jpegWithGps(), 'sign.jpg');
    assert.equal(res.status, 303);
    const line = (await svc.getChecklist(org.ctx, 2567)).lines.find((l) => l.itemKey === 'signage');
    const photo = line?.photos[0];
    assert.ok(photo);
    assert.equal(photo.caption, 'ภาพจุดพักรอ');
    assert.equal(line?.status, 'not_done', 'a photo alone does not mark the item done');
    const file = await browser.get(`/staff/facilities/photos/${photo.id}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.ok(!bytes.includes(Buffer.from('Exif')) && !bytes.includes(Buffer.from('ProngsaiCam')), 'EXIF stripped');
    const page = await (await browser.get('/staff/facilities?fy=2567')).text();
    assert.match(page, new RegExp(`<img src="/staff/facilities/photos/${photo.id}"`));

    const reader = await signedIn(env, org, ['staff']);
    assert.equal((await reader.browser.get(`/staff/facilities/photos/${photo.id}`)).status, 200);
    assert.notEqual((await new TestBrowser(env, org.host).get(`/staff/facilities/photos/${photo.id}`)).status, 200);
    const intruder = await signedIn(env, other, ['admin']);
    assert.equal((await intruder.browser.get(`/staff/facilities/photos/${photo.id}`)).status, 404);
    const del = await intruder.browser.post(`/staff/facilities/photos/${photo.id}/delete`, {}, { from: '/staff/facilities' });
    assert.equal(del.status, 404);

    const fake = await upload(browser, 'signage', new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'x.jpg');
    assert.equal(fake.status, 422);
    assert.match(await fake.text(), /รูปถ่ายต้องเป็นไฟล์ JPEG, PNG หรือ WebP/);
    const big = new Uint8Array(svc.PHOTO_MAX_BYTES + 1);
    big.set(jpegWithGps());
    assert.equal((await upload(browser, 'signage', big, 'big.jpg')).status, 413);
    assert.equal((await svc.getChecklist(org.ctx, 2567)).lines.find((l) => l.itemKey === 'signage')?.photos.length, 1);

    const removed = await browser.post(
      `/staff/facilities/photos/${photo.id}/delete`,
      {},
      { from: '/staff/facilities/item?fy=2567&item=signage' },
    );
    assert.equal(removed.status, 303);
    assert.equal((await svc.getChecklist(org.ctx, 2567)).lines.find((l) => l.itemKey === 'signage')?.photos.length, 0);
  });

  test("the organization's own items: added, recorded, removed; a standard item cannot be removed; another org sees none", async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const empty = await browser.post('/staff/facilities/items?fy=2567', { title: '' }, { from: '/staff/facilities?fy=2567' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /ชื่อรายการ/);
    const added = await browser.post(
      '/staff/facilities/items?fy=2567',
      { title: 'ทางลาดสำหรับรถเข็น' },
      { from: '/staff/facilities?fy=2567' },
    );
    assert.equal(added.status, 303);
    const own = (await svc.getChecklist(org.ctx, 2567)).lines.find((l) => !l.standard);
    assert.ok(own?.id);
    assert.equal(own.title, 'ทางลาดสำหรับรถเข็น');
    const rec = await browser.post(`/staff/facilities/item?fy=2567&item=${own.itemKey}`, {
      status: 'done',
      checkedOn: '2024-02-01',
      version: '1',
    });
    assert.equal(rec.status, 303);
    assert.equal((await svc.getChecklist(other.ctx, 2567)).lines.length, 8, "another organization's checklist has only the standard items");
    assert.equal((await svc.getChecklist(other.ctx, 2567)).counts.done, 0);
    const intruder = await signedIn(env, other, ['admin']);
    assert.equal((await intruder.browser.post(`/staff/facilities/items/${own.id}/delete`, {}, { from: '/staff/facilities' })).status, 404);
    assert.equal((await intruder.browser.get(`/staff/facilities/item?fy=2567&item=${own.itemKey}`)).status, 404);

    const seats = (await svc.getChecklist(org.ctx, 2567)).lines[0];
    assert.ok(seats?.id);
    assert.equal((await browser.post(`/staff/facilities/items/${seats.id}/delete`, {}, { from: '/staff/facilities' })).status, 404);
    assert.equal((await browser.post(`/staff/facilities/items/${own.id}/delete`, {}, { from: '/staff/facilities' })).status, 303);
    assert.equal((await svc.getChecklist(org.ctx, 2567)).lines.length, 8);
  });

  test('the PDF (Thai digits, B.E. year, items and photos) and the printable page', async () => {
    const { browser } = await signedIn(env, org, ['staff']);
    await upload((await signedIn(env, org, ['admin'])).browser, 'lighting', jpegWithGps(), 'light.jpg', 'ไฟทางเดิน');
    const res = await browser.get('/staff/facilities/checklist.pdf?fy=2567');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), '%PDF-');
    if (!popplerMissing()) {
      const text = squash(pdfText(pdf));
      assert.match(text, /แบบตรวจสิ่งอำนวยความสะดวกในการบริการประชาชน/);
      assert.match(text, /ประจำปีงบประมาณพ\.ศ\.๒๕๖๗/);
      assert.match(text, /จุดคัดกรองผู้มาติดต่อ/);
      assert.match(text, /ไฟทางเดิน/);
      assert.doesNotMatch(text, /2567/, 'Thai digits only');
    }
    const print = await browser.get('/staff/facilities/print?fy=2567');
    assert.equal(print.status, 200);
    const html = await print.text();
    assert.match(html, /ประจำปีงบประมาณ พ.ศ. 2567/);
    assert.match(html, /ไฟทางเดิน/);
    assert.equal((await new TestBrowser(env, org.host).get('/staff/facilities/checklist.pdf?fy=2567')).status === 200, false);
  });

  test('attached once to measure 7 of the year as a facilities link; only who may update measure 7 attaches', async () => {
    const { browser: head } = await signedIn(env, org, ['division_head']);
    let page = await (await head.get('/staff/facilities?fy=2567')).text();
    assert.match(page, /ยังไม่มีแผนมาตรการของปีงบประมาณ 2567/);
    assert.equal((await head.post('/staff/facilities/evidence?fy=2567', {}, { from: '/staff/facilities' })).status, 409);

    await createPlan(org.ctx, { fiscalYear: 2567, origin: 'template' });
    const plan = await getPlanByYear(org.ctx, 2567);
    assert.ok(plan);
    const m7 = (await listMeasures(org.ctx, plan.id)).find((m) => m.number === 7);
    assert.ok(m7);
    page = await (await head.get('/staff/facilities?fy=2567')).text();
    assert.doesNotMatch(page, /action="\/staff\/facilities\/evidence/, 'a head of another division has no button');
    assert.equal((await head.post('/staff/facilities/evidence?fy=2567', {}, { from: '/staff/facilities' })).status, 403);

    const { browser: ita } = await signedIn(env, org, ['ita_coordinator']);
    page = await (await ita.get('/staff/facilities?fy=2567')).text();
    assert.match(page, /action="\/staff\/facilities\/evidence\?fy=2567"/);
    assert.equal((await ita.post('/staff/facilities/evidence?fy=2567', {}, { from: '/staff/facilities?fy=2567' })).status, 303);
    assert.equal((await ita.post('/staff/facilities/evidence?fy=2567', {}, { from: '/staff/facilities?fy=2567' })).status, 303);
    const links = (await listEvidence(org.ctx, m7.id)).filter((e) => e.linkKind === 'facilities');
    assert.equal(links.length, 1, 'attached once');
    assert.equal(links[0]?.linkHref, '/staff/facilities/checklist.pdf?fy=2567');
    assert.equal(links[0]?.isPublic, false);
    page = await (await ita.get('/staff/facilities?fy=2567')).text();
    assert.match(page, /แนบเป็นหลักฐานมาตรการที่ 7 แล้ว/);
    const intruder = await signedIn(env, other, ['admin']);
    assert.equal((await intruder.browser.post('/staff/facilities/evidence?fy=2567', {}, { from: '/staff/facilities' })).status, 409);
  });
});
