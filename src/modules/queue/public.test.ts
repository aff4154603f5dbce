import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { qrSvg } from '../../core/qr.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { DEVICE_COOKIE } from './public-routes.js';
import { queueTickets } from './schema.js';
import {
  addHoliday,
  callNext,
  createCounter,
  createPriorityGroup,
  createService,
  finish,
  noShow,
  type QueueService,
  removeHoliday,
  startServing,
  updateQueueSettings,
} from './service.js';

/** The citizen's pages (kiosk, printed ticket, live status, online ticket) and the front desk, through HTTP as a browser. */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// Thursday 26 November 2026, 10:00 in Bangkok (B.E. 2569).
let clock = new Date('2026-11-26T03:00:00Z');
let open: QueueService;
let office: QueueService;
let elderly: number;
let counterId: number;

async function ticketsOf(o: TestOrg, serviceId?: number) {
  return env.services.db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, o.org.id), serviceId ? eq(queueTickets.serviceId, serviceId) : undefined));
}

const tokenOf = (location: string | null) => {
  const m = /\/queue\/(?:ticket|t)\/([\w-]+)/.exec(location ?? '');
  assert.ok(m?.[1], `no ticket token in ${location}`);
  return m[1];
};

const keyOf = (html: string) => {
  const m = /name="key" value="([^"]+)"/.exec(html);
  assert.ok(m?.[1], 'no idempotency key on the page');
  return m[1];
};

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  open = await createService(org.ctx, { name: 'งานทะเบียนทั่วไป', nameEn: 'General registration', prefix: 'A', alwaysOpen: true });
  const weekdays: [string, string] = ['08:30', '16:30'];
  office = await createService(org.ctx, {
    name: 'ชำระค่าธรรมเนียมขยะ',
    prefix: 'F',
    hours: { '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays },
  });
  elderly = (await createPriorityGroup(org.ctx, { name: 'ผู้สูงอายุ', nameEn: 'Older persons', ratio: 2 })).id;
  counterId = (await createCounter(org.ctx, { number: 2, name: 'ช่องทดสอบ', serviceIds: [open.id, office.id] })).id;
});
after(() => env.close());

describe('kiosk', () => {
  test('without JavaScript: service, then priority group, then a form POST gives a ticket and its print page', async () => {
    const kiosk = new TestBrowser(env, org.host);
    const start = await kiosk.get('/queue/kiosk');
    assert.equal(start.status, 200);
    const html = kiosk.lastHtml;
    assert.match(html, /ท่านต้องการติดต่องานอะไร/);
    assert.match(html, new RegExp(`href="/queue/kiosk\\?service=${open.id}"`));
    assert.match(html, /<noscript><meta http-equiv="refresh" content="300;url=\/queue\/kiosk"/);
    assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script (CSP)');
    await kiosk.get(`/queue/kiosk?service=${open.id}`);
    assert.match(kiosk.lastHtml, /ท่านอยู่ในกลุ่มใดต่อไปนี้/);
    assert.match(kiosk.lastHtml, /งานที่เลือก: งานทะเบียนทั่วไป/);
    // Returns to the start by itself without JavaScript too (kioskReturnSeconds, default 20).
    assert.match(kiosk.lastHtml, /content="20;url=\/queue\/kiosk"/);
    const before = (await ticketsOf(org, open.id)).length;
    const res = await kiosk.post(
      '/queue/kiosk',
      { serviceId: String(open.id), priorityGroupId: String(elderly), key: keyOf(kiosk.lastHtml), paper: '80' },
      { csrf: await kiosk.csrf() },
    );
    assert.equal(res.status, 303);
    const location = res.headers.get('location') ?? '';
    assert.match(location, /^\/queue\/ticket\/[\w-]+\/print\?print=1&from=kiosk&paper=80$/);
    const rows = await ticketsOf(org, open.id);
    assert.equal(rows.length, before + 1);
    const t = rows.find((r) => r.publicToken === tokenOf(location));
    assert.equal(t?.channel, 'kiosk');
    assert.equal(t?.priorityGroupId, elderly);
    assert.equal(t?.issuedBy, null);
  });

  test('a double press (same key) gives one ticket and the same page', async () => {
    const kiosk = new TestBrowser(env, org.host);
    await kiosk.get(`/queue/kiosk?service=${open.id}&paper=58`);
    const key = keyOf(kiosk.lastHtml);
    const csrf = await kiosk.csrf();
    const before = (await ticketsOf(org, open.id)).length;
    const fields = { serviceId: String(open.id), priorityGroupId: '', key, paper: '58' };
    const [a, b] = await Promise.all([kiosk.post('/queue/kiosk', fields, { csrf }), kiosk.post('/queue/kiosk', fields, { csrf })]);
    assert.equal(a.status, 303);
    assert.equal(b.headers.get('location'), a.headers.get('location'));
    assert.match(a.headers.get('location') ?? '', /paper=58$/);
    assert.equal((await ticketsOf(org, open.id)).length, before + 1);
    // A new render of the page has a new key: the next citizen gets the next number.
    await kiosk.get(`/queue/kiosk?service=${open.id}`);
    assert.notEqual(keyOf(kiosk.lastHtml), key);
  });

  test('a closed service is shown disabled with its hours; pressing it anyway gets a big, kind message and no ticket', async () => {
    const saved = clock;
    clock = new Date('2026-11-26T11:00:00Z'); // Thursday 18:00 in Bangkok
    try {
      const kiosk = new TestBrowser(env, org.host);
      const csrf = await kiosk.csrf(`/queue/kiosk?service=${open.id}`);
      await kiosk.get('/queue/kiosk');
      assert.doesNotMatch(kiosk.lastHtml, new RegExp(`service=${office.id}"`));
      assert.match(kiosk.lastHtml, /aria-disabled="true"[\s\S]*?ชำระค่าธรรมเนียมขยะ[\s\S]*?ปิดอยู่ เปิดเวลา 08:30–16:30 น\./);
      const before = (await ticketsOf(org, office.id)).length;
      const res = await kiosk.post('/queue/kiosk', { serviceId: String(office.id), key: 'kiosk-closed-1', paper: '80' }, { csrf });
      assert.equal(res.status, 409);
      const html = await res.text();
      assert.match(html, /ขออภัย ยังออกบัตรคิวให้ไม่ได้/);
      assert.match(html, /รับบัตรคิวเฉพาะเวลา 08:30–16:30 น\./);
      assert.match(html, /role="alert"/);
      assert.match(html, /href="\/queue\/kiosk"/);
      assert.equal((await ticketsOf(org, office.id)).length, before);
    } finally {
      clock = saved;
    }
  });

  test('on a holiday the kiosk says so; services keeping office hours are closed, round-the-clock ones still issue', async () => {
    const kiosk = new TestBrowser(env, org.host);
    const csrf = await kiosk.csrf(`/queue/kiosk?service=${open.id}`);
    await addHoliday(org.ctx, { day: '2026-11-26', name: 'วันหยุดทดสอบ' });
    try {
      await kiosk.get('/queue/kiosk');
      assert.match(kiosk.lastHtml, /วันนี้เป็นวันหยุด \(วันหยุดทดสอบ\)/);
      assert.doesNotMatch(kiosk.lastHtml, new RegExp(`href="/queue/kiosk\\?service=${office.id}"`));
      assert.match(kiosk.lastHtml, /ชำระค่าธรรมเนียมขยะ[\s\S]*?ปิดวันหยุด/);
      assert.match(kiosk.lastHtml, new RegExp(`href="/queue/kiosk\\?service=${open.id}"`));
      const res = await kiosk.post('/queue/kiosk', { serviceId: String(office.id), key: 'kiosk-holiday-1' }, { csrf });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /วันหยุดทดสอบ/);
      assert.equal((await ticketsOf(org)).filter((t) => t.idempotencyKey === 'kiosk-holiday-1').length, 0);
    } finally {
      await removeHoliday(org.ctx, '2026-11-26');
    }
  });

  test('English and Malay kiosks speak their language', async () => {
    const kiosk = new TestBrowser(env, org.host);
    await kiosk.get('/lang/en?next=/queue/kiosk');
    await kiosk.get('/queue/kiosk');
    assert.match(kiosk.lastHtml, /What have you come for\?/);
    assert.match(kiosk.lastHtml, /General registration/);
    await kiosk.get('/lang/ms?next=/queue/kiosk');
    await kiosk.get(`/queue/kiosk?service=${open.id}`);
    assert.match(kiosk.lastHtml, /Adakah anda dalam kumpulan ini\?/);
    assert.match(kiosk.lastHtml, /lang="ms"/);
  });
});

describe('printed ticket', () => {
  test('organization, service, number, B.E. date and time, waiting ahead, estimate and a QR to the status page', async () => {
    const desk = await signedIn(env, org, ['front_desk']);
    const issue = async () => {
      const res = await desk.browser.post('/staff/queue/issue', {
        serviceId: String(office.id),
        priorityGroupId: '',
        paper: '58',
        key: keyOf(await (await desk.browser.get('/staff/queue/issue')).text()),
      });
      assert.equal(res.status, 303, await res.text());
      return res.headers.get('location') ?? '';
    };
    await issue();
    const location = await issue();
    assert.match(location, /from=desk&paper=58$/);
    const citizen = new TestBrowser(env, org.host);
    const res = await citizen.get(location);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const html = citizen.lastHtml;
    assert.match(html, new RegExp(`${org.org.names.typeFull}<wbr/><span class="nowrap">${org.org.name}</span>`));
    assert.match(html, /ชำระค่าธรรมเนียมขยะ/);
    assert.match(html, /class="ticket__number">F\d{3}</);
    assert.match(html, /ออกบัตร 26 พ\.ย\. 2569 10:00 น\./);
    assert.match(html, /มีคิวรอก่อนหน้า \d+ คิว/);
    assert.match(html, /รอประมาณ \d+ นาที/);
    assert.match(html, /class="ticket-page paper-58"/);
    assert.match(html, /data-ticket-print="auto"/);
    // The QR encodes this ticket's status page on this site.
    const token = tokenOf(location);
    const expected = await qrSvg(`http://${org.host}/queue/t/${token}`, { label: 'คิวอาร์โค้ดไปยังหน้าลำดับคิว' });
    assert.ok(html.includes(expected), 'the QR of the status page URL');
    assert.match(html, /href="\/staff\/queue\/issue\?paper=58"/);
  });

  test('an unknown token is a clear 404', async () => {
    const res = await new TestBrowser(env, org.host).get('/queue/ticket/nosuchtokennosuchtoken/print');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /ไม่พบบัตรคิวนี้/);
  });
});

describe('live status page', () => {
  test('waiting, called (counter number, big), serving, finished; works without JavaScript; another organization cannot see it', async () => {
    const desk = await signedIn(env, org, ['front_desk']);
    const issue = async () => {
      await desk.browser.get('/staff/queue/issue');
      const res = await desk.browser.post('/staff/queue/issue', { serviceId: String(open.id), key: keyOf(desk.browser.lastHtml) });
      return tokenOf(res.headers.get('location'));
    };
    const staffCtx: ServiceContext = {
      app: env.services,
      orgId: org.org.id,
      actor: { orgId: org.org.id, userId: desk.user.userId, username: 'd', displayName: 'd', roles: ['staff'], mustChangePassword: false },
    };
    // Clear the queue of this service so the positions are known.
    for (;;) {
      try {
        const t = await callNext(staffCtx, counterId);
        await finish(staffCtx, t.id);
      } catch {
        break;
      }
    }
    const first = await issue();
    const second = await issue();
    const citizen = new TestBrowser(env, org.host);
    await citizen.get(`/queue/t/${second}`);
    let html = citizen.lastHtml;
    assert.match(html, /รออีก 1 คิว/);
    assert.match(html, /ประมาณ 10 นาที/);
    assert.match(html, /<noscript><meta http-equiv="refresh" content="30"/);
    assert.match(html, /queue-status\.js/);
    assert.match(html, /data-live="true"/);
    await citizen.get(`/queue/t/${first}`);
    assert.match(citizen.lastHtml, /ท่านเป็นคิวถัดไป/);

    const called = await callNext(staffCtx, counterId);
    await citizen.get(`/queue/t/${first}`);
    html = citizen.lastHtml;
    assert.match(html, /queue-status__box--called" role="alert"/);
    assert.match(html, /ถึงคิวของท่านแล้ว/);
    assert.match(html, /เชิญที่ช่องบริการ <span class="queue-status__counter">2<\/span>/);
    await citizen.get(`/queue/t/${second}`);
    assert.match(citizen.lastHtml, /ท่านเป็นคิวถัดไป/);

    await startServing(staffCtx, called.id);
    await citizen.get(`/queue/t/${first}`);
    assert.match(citizen.lastHtml, /กำลังให้บริการที่ช่องบริการ 2/);
    await finish(staffCtx, called.id);
    await citizen.get(`/queue/t/${first}`);
    html = citizen.lastHtml;
    assert.match(html, /ขอบคุณที่มาใช้บริการ/);
    assert.match(html, /data-live="false"/);
    assert.doesNotMatch(html, /http-equiv="refresh"/, 'a finished ticket stops reloading');

    const next = await callNext(staffCtx, counterId);
    await noShow(staffCtx, next.id);
    await citizen.get(`/queue/t/${second}`);
    assert.match(citizen.lastHtml, /เรียกหมายเลขนี้แล้วแต่ไม่พบท่าน/);

    // The token belongs to its organization only.
    const stranger = new TestBrowser(env, other.host);
    assert.equal((await stranger.get(`/queue/t/${first}`)).status, 404);
    assert.equal((await stranger.get(`/queue/ticket/${first}/print`)).status, 404);
  });

  test('a waiting ticket of an earlier day says it is no longer valid', async () => {
    const desk = await signedIn(env, org, ['front_desk']);
    await desk.browser.get('/staff/queue/issue');
    const res = await desk.browser.post('/staff/queue/issue', { serviceId: String(open.id), key: keyOf(desk.browser.lastHtml) });
    const token = tokenOf(res.headers.get('location'));
    const saved = clock;
    clock = new Date('2026-11-27T03:00:00Z');
    try {
      const citizen = new TestBrowser(env, org.host);
      await citizen.get(`/queue/t/${token}`);
      assert.match(citizen.lastHtml, /บัตรคิวนี้เป็นของวันที่ 26 พฤศจิกายน 2569 ใช้ไม่ได้แล้ว/);
      assert.match(citizen.lastHtml, /data-status="expired"/);
    } finally {
      clock = saved;
    }
  });

  test('unknown tokens are 404', async () => {
    const citizen = new TestBrowser(env, org.host);
    assert.equal((await citizen.get('/queue/t/abc')).status, 404);
    assert.equal((await citizen.get('/queue/t/aaaaaaaaaaaaaaaaaaaaaaaa')).status, 404);
  });
});

describe('online ticket', () => {
  let web: TestOrg;
  let svc: QueueService;
  before(async () => {
    // Its own organization: the public rate limit counts per organization and address.
    web = await createTestOrg(env);
    svc = await createService(web.ctx, { name: 'ภาษีที่ดินและสิ่งปลูกสร้าง', prefix: 'B', alwaysOpen: true });
  });

  test('not allowed: a clear page, and a POST issues nothing', async () => {
    const citizen = new TestBrowser(env, web.host);
    const res = await citizen.get('/queue/online');
    assert.equal(res.status, 200);
    assert.match(citizen.lastHtml, /ยังไม่เปิดรับบัตรคิวออนไลน์/);
    assert.match(citizen.lastHtml, /ตู้กดบัตรคิวหรือเคาน์เตอร์ประชาสัมพันธ์/);
    assert.doesNotMatch(citizen.lastHtml, /name="phone"/);
    const post = await citizen.post(
      '/queue/online',
      { serviceId: String(svc.id), phone: '0812345678' },
      { from: `/queue/kiosk?service=${svc.id}` },
    );
    assert.equal(post.status, 409);
    assert.equal((await ticketsOf(web)).length, 0);
  });

  test('allowed: an invalid phone is 422 naming the field; a valid one gives a ticket; the device and the phone get one at a time', async () => {
    await updateQueueSettings(web.ctx, { allowOnline: true });
    const phone = new TestBrowser(env, web.host);
    await phone.get('/queue/online');
    assert.ok(phone.cookie(DEVICE_COOKIE), 'a long-lived device cookie');
    assert.doesNotMatch(phone.lastHtml, /name="serviceId" value="\d+" checked/, 'nothing chosen for the citizen');
    // A service guide's link names its service: it comes chosen.
    await phone.get(`/queue/online?service=${svc.id}`);
    assert.match(phone.lastHtml, new RegExp(`name="serviceId" value="${svc.id}" checked`));
    assert.match(phone.lastHtml, /name="phone"/);
    assert.match(phone.lastHtml, /ภาษีที่ดินและสิ่งปลูกสร้าง/);
    assert.doesNotMatch(phone.lastHtml, /http-equiv="refresh"/);

    const bad = await phone.post('/queue/online', { serviceId: String(svc.id), phone: '12345', key: keyOf(phone.lastHtml) });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /href="#f-phone"/);
    assert.match(badHtml, /กรอกหมายเลขโทรศัพท์มือถือให้ถูกต้อง 10 หลัก/);
    assert.match(badHtml, /value="12345"/, 'the form is shown again with what was typed');
    const none = await phone.post('/queue/online', { phone: '' }, { from: '/queue/online' });
    assert.equal(none.status, 422);
    assert.match(await none.text(), /href="#f-serviceId"/);
    assert.equal((await ticketsOf(web)).length, 0);

    await phone.get('/queue/online');
    const ok = await phone.post('/queue/online', { serviceId: String(svc.id), phone: '081-234-5678', key: keyOf(phone.lastHtml) });
    assert.equal(ok.status, 303);
    const token = tokenOf(ok.headers.get('location'));
    assert.equal(ok.headers.get('location'), `/queue/t/${token}`);
    const [row] = await ticketsOf(web);
    assert.equal(row?.channel, 'online');
    assert.ok(row?.phoneHash && !row.phoneHash.includes('0812345678'), 'the phone number is not stored as such');

    // The same device goes straight to its ticket.
    const again = await phone.get('/queue/online');
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), `/queue/t/${token}`);
    // The same device with another phone number: taken to its ticket, nothing new.
    const other = await phone.post(
      '/queue/online',
      { serviceId: String(svc.id), phone: '0899999999', key: 'online-other-phone' },
      { csrf: phone.cookie('prongsai_csrf') },
    );
    assert.equal(other.status, 303);
    assert.equal(other.headers.get('location'), `/queue/t/${token}`);
    // Another device with the same phone number: refused with a clear message.
    const second = new TestBrowser(env, web.host);
    await second.get('/queue/online');
    const refused = await second.post('/queue/online', { serviceId: String(svc.id), phone: '0812345678', key: keyOf(second.lastHtml) });
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /มีบัตรคิว B001 ที่ยังรอรับบริการอยู่/);
    assert.equal((await ticketsOf(web)).length, 1);
  });
});

describe('front desk', () => {
  test('front desk staff issue a ticket with the front_desk channel and go to its print page', async () => {
    const { browser, user } = await signedIn(env, org, ['front_desk']);
    const page = await browser.get('/staff/queue/issue');
    assert.equal(page.status, 200);
    assert.match(browser.lastHtml, /ออกบัตรคิว/);
    assert.match(browser.lastHtml, /ผู้สูงอายุ/);
    const missing = await browser.post('/staff/queue/issue', { key: keyOf(browser.lastHtml) });
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /กรุณาเลือกงานบริการ/);
    await browser.get('/staff/queue/issue');
    const res = await browser.post('/staff/queue/issue', {
      serviceId: String(open.id),
      priorityGroupId: String(elderly),
      paper: '80',
      key: keyOf(browser.lastHtml),
    });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /\/print\?print=1&from=desk&paper=80$/);
    const t = (await ticketsOf(org)).find((r) => r.publicToken === tokenOf(res.headers.get('location')));
    assert.equal(t?.channel, 'front_desk');
    assert.equal(t?.issuedBy, user.userId);
    assert.equal(t?.priorityGroupId, elderly);
  });

  test('a citizen, staff without the role, and staff of another organization are refused', async () => {
    const citizen = new TestBrowser(env, org.host);
    const get = await citizen.get('/staff/queue/issue');
    assert.equal(get.status, 303);
    assert.match(get.headers.get('location') ?? '', /^\/login\?next=/);
    const post = await citizen.post('/staff/queue/issue', { serviceId: String(open.id) }, { from: `/queue/kiosk?service=${open.id}` });
    assert.equal(post.status, 401);

    const exec = await signedIn(env, org, ['executive']);
    assert.equal((await exec.browser.get('/staff/queue/issue')).status, 403);

    // Signed in at another organization: that session means nothing here.
    const outsider = await signedIn(env, other, ['front_desk', 'admin']);
    const cookie = `prongsai_session=${outsider.browser.cookie('prongsai_session')}`;
    const res = await env.app.request(`http://${org.host}/staff/queue/issue`, { headers: { host: org.host, cookie } });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/login/);
    const before = (await ticketsOf(org)).length;
    const body = new URLSearchParams({ serviceId: String(open.id), _csrf: 'x' }).toString();
    const posted = await env.app.request(`http://${org.host}/staff/queue/issue`, {
      method: 'POST',
      headers: { host: org.host, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    assert.ok(posted.status === 401 || posted.status === 403);
    assert.equal((await ticketsOf(org)).length, before);
  });
});
