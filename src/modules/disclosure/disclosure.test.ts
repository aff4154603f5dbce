import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { readXlsx } from '../../core/documents/xlsx.js';
import type { AppError } from '../../core/http/errors.js';
import { notifications } from '../../core/notify/schema.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { oitItemForTopic, oitItemsOf, shippedOitList, topicsOfItem } from '../publications/oit-items.js';
import { registerOitEvidence } from './evidence.js';
import { addMonthsToDay, freshnessOf, nextDueOn } from './freshness.js';
import { oitIndicator, oitList, parseOitListJson, resetOitList, saveOitList } from './oit-list.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const clock = new Date('2026-03-20T10:00:00+07:00'); // fiscal year 2569

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

function pdf(tag: string): Uint8Array {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% ${tag}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return new TextEncoder().encode(body);
}

const refused = (status: number, field?: string) => (e: AppError) =>
  e.status === status && (!field || e.fields.some((f) => f.field === field));

describe('freshness', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  test('overdue once the due date passed; never before the first update; due soon within 14 days; current otherwise', () => {
    assert.equal(freshnessOf({ dueOn: '2026-03-19', lastUpdatedAt: at }, '2026-03-20'), 'overdue');
    assert.equal(freshnessOf({ dueOn: '2026-03-19', lastUpdatedAt: null }, '2026-03-20'), 'overdue');
    assert.equal(freshnessOf({ dueOn: '2026-03-20', lastUpdatedAt: null }, '2026-03-20'), 'never');
    assert.equal(freshnessOf({ dueOn: '2026-03-20', lastUpdatedAt: at }, '2026-03-20'), 'due_soon');
    assert.equal(freshnessOf({ dueOn: '2026-04-03', lastUpdatedAt: at }, '2026-03-20'), 'due_soon');
    assert.equal(freshnessOf({ dueOn: '2026-04-04', lastUpdatedAt: at }, '2026-03-20'), 'current');
    assert.equal(freshnessOf({ dueOn: null, lastUpdatedAt: at }, '2026-03-20'), 'current');
    assert.equal(freshnessOf({ dueOn: null, lastUpdatedAt: null }, '2026-03-20'), 'never');
  });

  test('the due date moves on by the frequency, keeping its day, past today', () => {
    assert.equal(nextDueOn('monthly', '2026-03-10', '2026-03-08'), '2026-04-10');
    assert.equal(nextDueOn('monthly', '2025-12-10', '2026-03-20'), '2026-04-10', 'months behind: the next one after today');
    assert.equal(nextDueOn('quarterly', '2026-01-15', '2026-01-10'), '2026-04-15');
    assert.equal(nextDueOn('semiannual', '2026-03-31', '2026-03-20'), '2026-09-30');
    assert.equal(nextDueOn('yearly', null, '2026-03-20'), '2027-03-20');
    assert.equal(nextDueOn('monthly', '2026-04-10', '2026-03-20'), '2026-04-10', 'updated before it is due: the schedule stays');
    assert.equal(nextDueOn('once', '2026-03-10', '2026-03-20'), null);
    assert.equal(nextDueOn('on_change', null, '2026-03-20'), null);
    assert.equal(addMonthsToDay('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonthsToDay('2025-11-15', 3), '2026-02-15');
  });
});

describe('OIT lists', () => {
  test('the shipped files keep the API of oit-items: 2566–2567 o1–o43, 2568 O1–O27, 2569+ O1–O26, topics per item', () => {
    assert.equal(oitItemsOf(2566).length, 43);
    assert.equal(oitItemsOf(2567)[42]?.code, 'o43');
    assert.equal(oitItemsOf(2568).length, 27);
    assert.equal(oitItemsOf(2569).length, 26);
    assert.equal(oitItemsOf(2571).length, 26);
    assert.equal(oitItemsOf(2565).length, 0);
    assert.equal(oitItemForTopic(2567, 'news'), 'o7');
    assert.equal(oitItemForTopic(2569, 'news'), 'O4');
    assert.deepEqual(topicsOfItem(2569, 'O1'), ['structure', 'powers']);
    assert.deepEqual(shippedOitList(2569).find((i) => i.code === 'O10')?.topics, ['e-service', 'service-statistics', 'satisfaction']);
  });

  test('oitList: the shipped list unless the organization set its own; unknown years and codes are clear 404s', async () => {
    const list = await oitList(org.ctx, 2569);
    assert.equal(list.custom, false);
    assert.equal(list.items.length, 26);
    await assert.rejects(oitList(org.ctx, 2560), (e: AppError) => e.status === 404 && e.messageKey === 'disclosure.errors.unknownYear');
    await assert.rejects(
      oitIndicator(org.ctx, 2569, 'O99'),
      (e: AppError) => e.status === 404 && e.messageKey === 'disclosure.errors.unknownIndicator',
    );
    const page = await new TestBrowser(env, org.host).get('/ita/2569/O99');
    assert.equal(page.status, 404);
    assert.match(await page.text(), /ไม่มีข้อ O99 ในรายการข้อ OIT ของปี 2569/);
    const api = await new TestBrowser(env, org.host).get('/api/oit/indicators?year=2561');
    assert.equal(api.status, 404);
    assert.match(JSON.stringify(await api.json()), /2561/);
  });

  test('the admin replaces a year’s list (rows or JSON) with field-named errors; others may not; another organization keeps the shipped list; reset', async () => {
    const { browser: admin } = await signedIn(env, org, ['admin']);
    const { browser: coordinator } = await signedIn(env, org, ['ita_coordinator']);
    assert.equal((await coordinator.get('/staff/admin/oit-lists/2570')).status, 403);
    const page = await admin.get('/staff/admin/oit-lists/2570');
    assert.equal(page.status, 200);

    // Row 2 has a bad code, row 3 an unknown group: 422, the rows named, nothing saved.
    const bad = await admin.post('/staff/admin/oit-lists/2570', {
      mode: 'rows',
      'row-1-code': 'O1',
      'row-1-name': 'โครงสร้าง',
      'row-1-indicator': '9',
      'row-1-group': 'basic',
      'row-2-code': 'X2',
      'row-2-name': 'ข้อมูลผู้บริหาร',
      'row-2-indicator': '9',
      'row-2-group': 'basic',
      'row-3-code': 'O3',
      'row-3-name': 'ข่าวประชาสัมพันธ์',
      'row-3-indicator': '9',
      'row-3-group': 'news',
      'row-4-code': '',
    });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /แถว 2: รหัสข้อต้องเป็นตัว o หรือ O ตามด้วยตัวเลข/);
    assert.match(html, /href="#f-row-3-group"/);
    assert.match(html, /value="ข่าวประชาสัมพันธ์"/, 'what was typed is kept');
    assert.equal((await oitList(org.ctx, 2570)).custom, false);

    const ok = await admin.post('/staff/admin/oit-lists/2570', {
      mode: 'rows',
      'row-1-code': 'O1',
      'row-1-name': 'โครงสร้าง หน้าที่และอำนาจ',
      'row-1-indicator': '9',
      'row-1-group': 'basic',
      'row-1-topics': 'structure, powers',
      'row-2-code': '',
      'row-3-code': 'O2',
      'row-3-name': 'ข่าวประชาสัมพันธ์',
      'row-3-gloss': 'News',
      'row-3-indicator': '9',
      'row-3-group': 'basic',
      'row-3-verified': 'false',
      'row-3-topics': 'news',
    });
    assert.equal(ok.status, 303);
    const mine = await oitList(org.ctx, 2570);
    assert.equal(mine.custom, true);
    assert.deepEqual(
      mine.items.map((i) => [i.code, i.verified, i.topics]),
      [
        ['O1', true, ['structure', 'powers']],
        ['O2', false, ['news']],
      ],
    );
    assert.equal((await oitList(other.ctx, 2570)).custom, false, 'another organization keeps the shipped list');
    // The public page and the API follow the organization's list.
    const anon = new TestBrowser(env, org.host);
    assert.match(await (await anon.get('/ita/2570')).text(), /มีข้อมูลแล้ว 0 จาก 2 ข้อ/);
    const api = (await (await anon.get('/api/oit/indicators?year=2570')).json()) as { custom: boolean; items: { code: string }[] };
    assert.equal(api.custom, true);
    assert.deepEqual(
      api.items.map((i) => i.code),
      ['O1', 'O2'],
    );

    // JSON: a broken text names the field; a shipped-format file is accepted.
    const broken = await admin.post('/staff/admin/oit-lists/2570', { mode: 'json', json: '{"items": [' });
    assert.equal(broken.status, 422);
    assert.match(await broken.text(), /อ่าน JSON ไม่ได้/);
    assert.throws(
      () => parseOitListJson('[{"code":"O1","name":"","indicator":11,"group":"basic"}]'),
      (e: AppError) => e.fields.length === 2,
    );
    const json = await admin.post('/staff/admin/oit-lists/2570', {
      mode: 'json',
      json: JSON.stringify({ items: shippedOitList(2569).slice(0, 3) }),
      note: 'ตามคู่มือ ITA 2570',
    });
    assert.equal(json.status, 303);
    assert.equal((await oitList(org.ctx, 2570)).items.length, 3);

    await assert.rejects(saveOitList(other.ctx, 2599, { items: [] }), refused(404));
    assert.equal((await admin.post('/staff/admin/oit-lists/2570/reset', {}, { from: '/staff/admin/oit-lists/2570' })).status, 303);
    assert.equal((await oitList(org.ctx, 2570)).custom, false);
    await resetOitList(org.ctx, 2570); // nothing to reset: still fine
  });
});

describe('the disclosure register', () => {
  let owner: Awaited<ReturnType<typeof signedIn>>;
  let colleague: Awaited<ReturnType<typeof signedIn>>;
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let itemId: number;

  before(async () => {
    owner = await signedIn(env, org, ['division_head']);
    colleague = await signedIn(env, org, ['staff']);
    coordinator = await signedIn(env, org, ['ita_coordinator']);
  });

  test('the ITA coordinator adds items with field-named errors; plain staff may not', async () => {
    const form = {
      itemCode: 'O11',
      title: 'สรุปผลการจัดซื้อจัดจ้างประจำเดือน',
      responsibleStaffId: String(owner.user.staffId),
      frequency: 'monthly',
      dueOn: '2026-03-10',
    };
    assert.equal((await colleague.browser.get('/staff/disclosure/new?fy=2569')).status, 403);
    const bad = await coordinator.browser.post('/staff/disclosure/new?fy=2569', {
      ...form,
      itemCode: 'O99',
      title: '',
      dueOn: '31/02/2569',
    });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /กรุณาเลือกข้อ OIT ที่มีในรายการข้อ OIT ของปี 2569/);
    assert.match(html, /กรุณากรอกชื่อรายการ|ชื่อรายการ/);
    assert.match(html, /วันครบกำหนดต้องเป็นวันที่ที่ถูกต้อง/);
    const res = await coordinator.browser.post('/staff/disclosure/new?fy=2569', form);
    assert.equal(res.status, 303);
    itemId = Number(res.headers.get('location')?.split('/').pop());
    const reg = await svc.register(org.ctx, 2569);
    const item = reg.items.find((i) => i.id === itemId);
    assert.equal(item?.freshness, 'overdue');
    assert.equal(item?.daysLeft, -10);
    assert.equal(item?.responsibleName?.includes('ทดสอบ'), true);
    const page = await colleague.browser.get('/staff/disclosure?fy=2569');
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /สรุปผลการจัดซื้อจัดจ้างประจำเดือน/);
    assert.match(text, /เลยกำหนด/);
    assert.match(text, /O26/, 'every indicator of the year is listed');
    assert.equal((await colleague.browser.get('/staff/disclosure?fy=2569&status=overdue')).status, 200);
    assert.equal((await colleague.browser.get('/staff/disclosure?fy=1999')).status, 404);
  });

  test('"what I must update" shows the owner their overdue item; the todo says so', async () => {
    const mine = await owner.browser.get('/staff/disclosure/mine');
    assert.match(await mine.text(), /สรุปผลการจัดซื้อจัดจ้างประจำเดือน/);
    const other = await colleague.browser.get('/staff/disclosure/mine');
    assert.doesNotMatch(await other.text(), /สรุปผลการจัดซื้อจัดจ้างประจำเดือน/);
    const home = await owner.browser.get('/staff');
    assert.match(await home.text(), /เลยกำหนดปรับปรุง 1 รายการ/);
  });

  test('only the owner, the ITA coordinator and the admin update an item; another organization gets 404', async () => {
    const path = `/staff/disclosure/items/${itemId}`;
    const before = await svc.getItem(org.ctx, itemId);
    const notMine = await colleague.browser.post(`${path}/update`, { url: 'https://example.go.th/x' }, { from: path });
    assert.equal(notMine.status, 403);
    await assert.rejects(svc.recordUpdate(other.ctx, itemId, { url: 'https://example.go.th/x' }), refused(404));
    const { browser: stranger } = await signedIn(env, other, ['ita_coordinator']);
    assert.equal((await stranger.get(path)).status, 404);
    assert.equal((await svc.getItem(org.ctx, itemId)).updates.length, before.updates.length, 'nothing recorded');

    const empty = await owner.browser.post(`${path}/update`, { url: '', note: '' }, { from: path });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /อย่างน้อยหนึ่งอย่าง/);
    const js = await owner.browser.post(`${path}/update`, { url: 'javascript:alert(1)', note: 'ลอง' }, { from: path });
    assert.equal(js.status, 422);
    const jsHtml = await js.text();
    assert.match(jsHtml, /URL ที่เผยแพร่ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http/);
    assert.match(jsHtml, /ลอง/, 'the note typed is kept');

    const ok = await owner.browser.post(
      `${path}/update`,
      { url: 'https://lubopusa.go.th/procurement/2569-02', note: 'ลงสรุปผลเดือนกุมภาพันธ์' },
      { from: path },
    );
    assert.equal(ok.status, 303);
    const after = await svc.getItem(org.ctx, itemId);
    assert.equal(after.item.freshness, 'current');
    assert.equal(after.item.dueOn, '2026-04-10');
    assert.equal(after.item.evidenceUrl, 'https://lubopusa.go.th/procurement/2569-02');
    assert.equal(after.updates.length, 1);
    assert.ok(after.updates[0]?.updatedByName?.includes('ทดสอบ'));

    const byCoordinator = await svc.recordUpdate(
      {
        ...org.ctx,
        actor: { ...org.ctx.actor!, userId: coordinator.user.userId, roles: ['ita_coordinator'], username: coordinator.user.username },
      },
      itemId,
      { note: 'ตรวจแล้ว' },
    );
    assert.equal(byCoordinator.item.dueOn, '2026-04-10', 'not due yet: a second update keeps the schedule');
  });

  test('a PDF update is published under the item’s code and shows on the ITA page with the item’s URL and providers’ links', async () => {
    const path = `/staff/disclosure/items/${itemId}`;
    const csrf = await owner.browser.csrf(path);
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('pdfTitle', 'สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2569');
    form.append('pdf', new File([pdf('march')], 'sor-khor-ror-1.pdf', { type: 'application/pdf' }));
    const res = await owner.browser.request(`${path}/update`, { method: 'POST', body: form });
    assert.equal(res.status, 303);
    const d = await svc.getItem(org.ctx, itemId);
    assert.ok(d.item.publicationId);

    const notPdf = new FormData();
    notPdf.append('_csrf', await owner.browser.csrf(path));
    notPdf.append('pdf', new File([new TextEncoder().encode('hello')], 'x.pdf'));
    const rejected = await owner.browser.request(`${path}/update`, { method: 'POST', body: notPdf });
    assert.equal(rejected.status, 422);

    const off = registerOitEvidence({
      topic: 'news',
      module: 'test',
      links: async (_ctx, fy) => (fy === 2569 ? [{ title: 'ข่าวประชาสัมพันธ์ทั้งหมด', url: '/news', updatedAt: clock }] : []),
    });
    try {
      const anon = new TestBrowser(env, org.host);
      const year = await (await anon.get('/ita/2569')).text();
      assert.ok(year.includes(`/publications/${d.item.publicationId}/file`));
      assert.match(year, /สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2569/);
      assert.ok(year.includes('href="https://lubopusa.go.th/procurement/2569-02"'));
      assert.match(year, /ข่าวประชาสัมพันธ์ทั้งหมด/);
      assert.ok(!year.includes(owner.user.username), 'no staff names on the public page');
      const item = await (await anon.get('/ita/2569/O11')).text();
      assert.match(item, /สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2569/);

      // The URL list: CSV with a BOM, a header and absolute URLs, every indicator; the XLSX the same rows.
      const csvRes = await anon.get('/ita/2569/urls.csv');
      assert.equal(csvRes.status, 200);
      assert.match(csvRes.headers.get('content-type') ?? '', /text\/csv/);
      const bytes = new Uint8Array(await csvRes.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      const lines = csv.trim().split('\r\n');
      assert.equal(lines[0], 'ข้อ,ชื่อข้อ,รายการ,URL');
      assert.ok(lines.includes(`O4,ข่าวประชาสัมพันธ์,ข่าวประชาสัมพันธ์ทั้งหมด,http://${org.host}/news`));
      assert.ok(
        lines.includes(`O11,สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน,สรุปผลการจัดซื้อจัดจ้างประจำเดือน,https://lubopusa.go.th/procurement/2569-02`),
      );
      assert.ok(lines.some((l) => l.startsWith('O11,') && l.endsWith(`http://${org.host}/publications/${d.item.publicationId}/file`)));
      for (const i of oitItemsOf(2569))
        assert.ok(
          lines.some((l) => l.startsWith(`${i.code},`) && l.endsWith(`/ita/2569/${i.code}`)),
          i.code,
        );
      const xlsxRes = await anon.get('/ita/2569/urls.xlsx');
      assert.equal(xlsxRes.status, 200);
      const sheets = await readXlsx(Buffer.from(await xlsxRes.arrayBuffer()));
      const rows = [...sheets.values()][0] ?? [];
      const data = rows.filter((r) => typeof r[0] === 'string' && /^O\d+$/.test(r[0] as string));
      assert.equal(data.length, lines.length - 1);
      assert.ok(data.some((r) => r[2] === 'ข่าวประชาสัมพันธ์ทั้งหมด' && r[3] === `http://${org.host}/news`));
      assert.equal((await anon.get('/ita/2540/urls.csv')).status, 404);

      const ev = (await (await anon.get('/api/oit/evidence?year=2569&code=O11')).json()) as {
        links: { url: string }[];
        documents: { id: number }[];
      };
      assert.ok(ev.links.some((l) => l.url === 'https://lubopusa.go.th/procurement/2569-02'));
      assert.ok(ev.documents.some((x) => x.id === d.item.publicationId));
    } finally {
      off();
    }
  });

  test('OIT readiness per indicator: covered, partly, missing; only for executives and the like', async () => {
    const late = await svc.createItem(org.ctx, {
      fiscalYear: 2569,
      itemCode: 'O5',
      title: 'แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)',
      frequency: 'yearly',
      dueOn: '2026-01-31',
      responsibleStaffId: owner.user.staffId,
    });
    await svc.recordUpdate(org.ctx, late.id, { url: '/plans/2566-2570' });
    // Updated once, then the due date came round again.
    await svc.createItem(org.ctx, { fiscalYear: 2569, itemCode: 'O5', title: 'แผนดำเนินงาน', frequency: 'once', dueOn: '2026-02-01' });
    const r = await svc.readiness(org.ctx, 2569);
    const row = (code: string) => r.rows.find((x) => x.indicator.code === code);
    assert.equal(row('O11')?.status, 'covered');
    assert.equal(row('O5')?.status, 'partly');
    assert.equal(row('O5')?.itemsLate, 1);
    assert.equal(row('O26')?.status, 'missing');
    assert.equal(r.counts.covered + r.counts.partly + r.counts.missing, 26);
    const { browser: mayor } = await signedIn(env, org, ['executive']);
    const page = await mayor.get('/staff/disclosure/readiness?fy=2569');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /ความพร้อม OIT ปีงบประมาณ 2569/);
    assert.equal((await colleague.browser.get('/staff/disclosure/readiness')).status, 403);
    const dash = await mayor.get('/staff/dashboard');
    assert.match(await dash.text(), /ความพร้อม OIT ปี 2569/);
  });

  test('reminders: one notification a day to each responsible person with items due within 7 days or overdue', async () => {
    const soon = await svc.createItem(org.ctx, {
      fiscalYear: 2569,
      itemCode: 'O18',
      title: 'สถิติเรื่องร้องเรียนการทุจริต รายไตรมาส',
      frequency: 'quarterly',
      dueOn: '2026-03-25',
      responsibleStaffId: colleague.user.staffId,
    });
    await svc.createItem(org.ctx, {
      fiscalYear: 2569,
      itemCode: 'O19',
      title: 'ผลการจัดเวทีประชาคม',
      frequency: 'yearly',
      dueOn: '2026-05-30',
      responsibleStaffId: colleague.user.staffId,
    });
    const inbox = async (userId: number) =>
      (
        await env.services.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.orgId, org.org.id), eq(notifications.userId, userId), eq(notifications.kind, 'disclosure.due')))
      ).length;
    const sent = await svc.sendDisclosureReminders(env.services, clock);
    assert.ok(sent >= 1);
    assert.equal(await inbox(colleague.user.userId), 1, 'one notification for the item due in 5 days (not the one due in May)');
    assert.equal(await inbox(owner.user.userId), 0, 'nothing of the owner is due within 7 days');
    await svc.sendDisclosureReminders(env.services, clock);
    assert.equal(await inbox(colleague.user.userId), 1, 'once a day');
    await svc.sendDisclosureReminders(env.services, new Date(clock.getTime() + 86_400_000));
    assert.equal(await inbox(colleague.user.userId), 2, 'again the next day while still due');
    await svc.recordUpdate(org.ctx, soon.id, { note: 'เผยแพร่แล้ว' });
    assert.equal((await svc.getItem(org.ctx, soon.id)).item.dueOn, '2026-06-25');
  });

  test('API: listItems for staff only; updateItem only by the owner, the coordinator or an admin', async () => {
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get('/api/disclosure/items?year=2569')).status, 401);
    const list = await owner.browser.get('/api/disclosure/items?year=2569&status=current');
    assert.equal(list.status, 200);
    const body = (await list.json()) as { items: { id: number; status: string }[] };
    assert.ok(body.items.some((i) => i.id === itemId && i.status === 'current'));
    const post = (b: TestBrowser, id: number, json: unknown) =>
      b.request(`/api/disclosure/items/${id}/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
        body: JSON.stringify(json),
      });
    assert.equal((await post(colleague.browser, itemId, { note: 'x' })).status, 403);
    const ok = await post(owner.browser, itemId, { url: 'https://lubopusa.go.th/procurement/2569-03' });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal(((await ok.json()) as { evidenceUrl: string }).evidenceUrl, 'https://lubopusa.go.th/procurement/2569-03');
    assert.equal((await post(owner.browser, 999999, { note: 'x' })).status, 404);
    assert.equal((await post(owner.browser, itemId, { url: 'ftp://x' })).status, 422);
  });

  test('a staff member of another organization never sees this register', async () => {
    const user = await createTestUser(env, other, ['admin']);
    const b = new TestBrowser(env, other.host);
    await b.signIn(user.username, user.password);
    const page = await (await b.get('/staff/disclosure?fy=2569')).text();
    assert.doesNotMatch(page, /สรุปผลการจัดซื้อจัดจ้างประจำเดือน/);
    assert.equal((await b.get(`/staff/disclosure/items/${itemId}/edit`)).status, 404);
    const api = (await (await b.get('/api/disclosure/items?year=2569')).json()) as { items: unknown[] };
    assert.equal(api.items.length, 0);
  });
});
