import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { pdfPageSizes, pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { renderPdf } from '../../core/documents/typst.js';
import { searchDocuments } from '../../core/search/schema.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { publications } from '../publications/schema.js';
import { createService } from '../queue/service.js';
import { seedDemoStaff } from '../staff/demo.js';
import { createDivision, createPosition, createStaff } from '../staff/service.js';
import { seedDemo } from './demo.js';
import { wrapThai } from './flow.js';
import * as svc from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let works: number;
let headPosition: number;
let queueId: number;
const now = new Date('2025-01-15T10:00:00+07:00'); // FY 2568

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  works = await createDivision(org.ctx, { name: 'กองช่าง', nameEn: 'Works' });
  headPosition = await createPosition(org.ctx, {
    title: 'ผู้อำนวยการกองช่าง',
    divisionId: works,
    rank: 'division_head',
    appendOrgName: false,
  });
  await createStaff(org.ctx, { titlePrefix: 'นาย', firstName: 'สุไลมาน', lastName: 'เจ๊ะแว', positionId: headPosition, divisionId: works });
  queueId = (await createService(org.ctx, { name: 'ขออนุญาตก่อสร้างอาคาร', prefix: 'C', alwaysOpen: true })).id;
});
after(() => env.close());

const db = () => env.services.db;

/** A complete form as the editor posts it: two steps, one document, no fee rows (= no fee). */
function form(over: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'การขออนุญาตก่อสร้างอาคาร',
    category: 'permit',
    divisionId: String(works),
    queueServiceId: String(queueId),
    summary: 'ยื่นขออนุญาตก่อนก่อสร้างอาคาร',
    legalBasis: 'พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522\nกฎกระทรวง ฉบับที่ 4 (พ.ศ. 2526)',
    location: 'ที่ทำการ อบต.',
    hours: 'จันทร์–ศุกร์ 08:30–16:30 น.',
    criteria: 'ต้องได้รับใบอนุญาตก่อนก่อสร้าง',
    'steps.0.kind': 'check',
    'steps.0.detail': 'ตรวจสอบเอกสารคำขอ',
    'steps.0.duration': '30',
    'steps.0.unit': 'minutes',
    'steps.0.responsible': `p:${headPosition}`,
    'steps.0.order': '1',
    'steps.1.kind': 'consider',
    'steps.1.detail': 'พิจารณาแบบแปลนและตรวจสถานที่',
    'steps.1.duration': '40',
    'steps.1.unit': 'minutes',
    'steps.1.responsible': `d:${works}`,
    'steps.1.order': '2',
    'steps.2.kind': 'check',
    'steps.2.unit': 'minutes',
    'steps.2.order': '3',
    'documents.0.group': 'identity',
    'documents.0.name': 'บัตรประจำตัวประชาชน',
    'documents.0.issuer': 'กรมการปกครอง',
    'documents.0.originals': '1',
    'documents.0.copies': '1',
    'documents.0.unit': 'copy',
    'documents.1.group': 'other',
    'documents.1.unit': 'copy',
    'fees.0.item': '',
    'fees.0.amount': '',
    ...over,
  };
}

async function createViaForm(b: TestBrowser, over: Record<string, string> = {}): Promise<number> {
  const res = await b.post('/staff/services', form(over), { from: '/staff/services/new' });
  assert.equal(res.status, 303, await res.text());
  const id = Number(/\/staff\/services\/(\d+)$/.exec(res.headers.get('location') ?? '')?.[1]);
  assert.ok(id > 0);
  return id;
}

describe('service guide rules', () => {
  test('total time sums each unit, carrying minutes into hours but never hours into days', () => {
    assert.deepEqual(svc.totalTime([]), { days: 0, hours: 0, minutes: 0 });
    assert.deepEqual(
      svc.totalTime([
        { duration: 30, unit: 'minutes' },
        { duration: 40, unit: 'minutes' },
        { duration: 2, unit: 'hours' },
        { duration: 15, unit: 'days' },
      ]),
      { days: 15, hours: 3, minutes: 10 },
    );
  });

  test('flowchart lines break between Thai words, and a cut line ends with …', () => {
    const lines = wrapThai('เจ้าพนักงานท้องถิ่นลงนามในใบอนุญาตหรือหนังสือแจ้งไม่อนุญาตพร้อมเหตุผล', 14, 2);
    assert.equal(lines.length, 2);
    assert.ok(lines[0]?.startsWith('เจ้าพนักงาน'));
    assert.ok(lines[1]?.endsWith('…'));
    assert.deepEqual(wrapThai('ตรวจเอกสาร', 30, 3), ['ตรวจเอกสาร']);
  });
});

describe('service catalog: staff editor', () => {
  test('plain staff read but cannot write; the signed-out are sent away; another organization sees nothing', async () => {
    const { browser: head } = await signedIn(env, org, ['division_head']);
    const id = await createViaForm(head);
    const { browser: staff } = await signedIn(env, org, ['staff']);
    const list = await staff.get('/staff/services');
    assert.equal(list.status, 200);
    assert.match(await list.text(), /การขออนุญาตก่อสร้างอาคาร/);
    assert.equal((await staff.get('/staff/services/new')).status, 403);
    const page = await staff.get(`/staff/services/${id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(await page.text(), /name="steps\.0\.detail"/, 'no editor for plain staff');
    const csrf = await staff.csrf('/staff/services');
    assert.equal((await staff.post(`/staff/services/${id}/publish`, { version: '1' }, { csrf })).status, 403);
    await assert.rejects(
      svc.publishGuide({ ...org.ctx, actor: { ...org.ctx.actor!, roles: ['staff'] } }, id, { version: 1 }),
      /forbidden|Forbidden/i,
    );
    const anon = await new TestBrowser(env, org.host).get('/staff/services');
    assert.notEqual(anon.status, 200);
    const { browser: foreign } = await signedIn(env, other, ['admin']);
    assert.equal((await foreign.get(`/staff/services/${id}`)).status, 404);
    assert.equal((await foreign.get(`/staff/services/${id}/preview`)).status, 404);
    const fcsrf = await foreign.csrf('/staff/services');
    assert.equal((await foreign.post(`/staff/services/${id}/publish`, { version: '1' }, { csrf: fcsrf })).status, 404);
    assert.equal((await new TestBrowser(env, other.host).get(`/services/${id}`)).status, 404);
  });

  test('bad input: 422 naming each field (rows by number), values kept, nothing stored; "add rows" saves nothing', async () => {
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const before = (await svc.listGuides(org.ctx)).length;
    const bad = await browser.post(
      '/staff/services',
      form({
        title: '',
        category: 'nope',
        'steps.1.duration': 'สิบ',
        'documents.0.originals': '0',
        'documents.0.copies': '0',
        'fees.0.item': 'ค่าธรรมเนียม',
        'fees.0.amount': '-5',
        divisionId: '999999',
      }),
      { from: '/staff/services/new' },
    );
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /กรุณากรอกชื่อกระบวนงาน/);
    assert.match(html, /กรุณาเลือกหมวดหมู่ของงานบริการ/);
    assert.match(html, /กรุณาเลือกส่วนราชการที่รับผิดชอบ/);
    assert.match(html, /แถวที่ 2: กรอกระยะเวลาเป็นตัวเลขมากกว่า 0/);
    assert.match(html, /href="#f-steps-1-duration"/);
    assert.match(html, /แถวที่ 1: ระบุจำนวนฉบับจริงหรือสำเนา/);
    assert.match(html, /แถวที่ 1: กรอกจำนวนเงิน \(บาท\)เป็นจำนวนเงินบาท/);
    assert.match(html, /พิจารณาแบบแปลนและตรวจสถานที่/, 'typed values are kept');
    assert.match(html, /value="สิบ"/);
    assert.equal((await svc.listGuides(org.ctx)).length, before);

    const more = await browser.post('/staff/services', form({ intent: 'addSteps' }), { from: '/staff/services/new' });
    assert.equal(more.status, 200);
    const moreHtml = await more.text();
    assert.match(moreHtml, /name="steps\.6\.detail"/, '2 filled + 2 spare + 3 more rows');
    assert.doesNotMatch(moreHtml, /name="steps\.7\.detail"/);
    assert.equal((await svc.listGuides(org.ctx)).length, before);
  });

  test('rows are reordered by their order box and removed when ticked', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const id = await createViaForm(browser, { 'steps.0.order': '5', 'documents.0.remove': '1' });
    const { guide } = await svc.getGuide(org.ctx, id);
    assert.deepEqual(
      guide.steps.map((s) => s.detail),
      ['พิจารณาแบบแปลนและตรวจสถานที่', 'ตรวจสอบเอกสารคำขอ'],
    );
    assert.equal(guide.steps[1]?.positionId, headPosition);
    assert.equal(guide.steps[1]?.divisionId, works, 'a position brings its division');
    assert.equal(guide.documents.length, 0);
    assert.deepEqual(guide.legalBasis, ['พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522', 'กฎกระทรวง ฉบับที่ 4 (พ.ศ. 2526)']);
  });
});

describe('service catalog: publish, versions, withdraw', () => {
  test('a draft is not public; publishing logs it, indexes it and shows the whole manual', async () => {
    const { browser } = await signedIn(env, org, ['division_head']);
    const id = await createViaForm(browser);
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get(`/services/${id}`)).status, 404);
    assert.doesNotMatch(await (await anon.get('/services')).text(), new RegExp(`/services/${id}"`));

    const pub = await browser.post(`/staff/services/${id}/publish`, { version: '1' }, { from: `/staff/services/${id}` });
    assert.equal(pub.status, 303);
    const { guide } = await svc.getGuide(org.ctx, id);
    assert.equal(guide.status, 'published');
    const [p] = await db()
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.id, guide.publicationId ?? 0)));
    assert.equal(p?.kind, 'service');
    assert.equal(p?.sourceId, String(id));
    const [doc] = await db()
      .select()
      .from(searchDocuments)
      .where(and(eq(searchDocuments.orgId, org.org.id), eq(searchDocuments.source, 'service'), eq(searchDocuments.sourceId, String(id))));
    assert.equal(doc?.url, `/services/${id}`);

    const list = await anon.get('/services');
    const listHtml = await list.text();
    assert.match(listHtml, new RegExp(`href="/services/${id}"`));
    assert.match(listHtml, /ใช้เวลา 1 ชั่วโมง 10 นาที/);
    assert.match(listHtml, /ไม่มีค่าธรรมเนียม/);

    const page = await anon.get(`/services/${id}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ระยะเวลาดำเนินการรวม/);
    assert.match(html, /1 ชั่วโมง 10 นาที/);
    assert.match(html, /<svg[^>]*class="service-flow__svg"[^>]*aria-hidden="true"/);
    assert.match(html, /<ol class="service-flow__list visually-hidden"><li>การตรวจสอบเอกสาร: ตรวจสอบเอกสารคำขอ/);
    assert.match(html, /ผู้อำนวยการกองช่าง/);
    assert.match(html, /ไม่มีค่าธรรมเนียม/);
    assert.match(html, /ตู้ ปณ\.1111 สายด่วน 1111/);
    assert.match(html, /www\.1111\.go\.th/);
    assert.match(html, /href="\/queue\/online\?service=\d+"/);
    assert.match(html, /poster\.pdf\?size=A3/);
    assert.match(html, /social-plugins\.line\.me/);
    assert.match(html, /<meta property="og:type" content="article"/);
    assert.doesNotMatch(html, /<script/);
    // Another organization's host does not have it.
    assert.equal((await new TestBrowser(env, other.host).get(`/services/${id}`)).status, 404);
    // Publishing twice is refused.
    await assert.rejects(svc.publishGuide(org.ctx, id, { version: guide.version }), /conflict/i);
  });

  test('editing a published guide needs a reason and makes a new version; withdrawing takes it off with a reason', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const id = await createViaForm(browser);
    await svc.publishGuide(org.ctx, id, { version: 1 });
    const first = (await svc.getGuide(org.ctx, id)).guide;
    const anon = new TestBrowser(env, org.host);
    assert.match(await (await anon.get(`/services/${id}`)).text(), /ที่ทำการ อบต\./); // cached now

    const noReason = await browser.post(`/staff/services/${id}`, { ...form({ location: 'อาคารใหม่' }), version: String(first.version) });
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /กรุณากรอกเหตุผลที่แก้ไข/);
    assert.equal((await svc.getGuide(org.ctx, id)).guide.location, 'ที่ทำการ อบต.');

    const stale = await browser.post(`/staff/services/${id}`, { ...form(), version: '1', reason: 'แก้' });
    assert.equal(stale.status, 409);

    const ok = await browser.post(`/staff/services/${id}`, {
      ...form({ location: 'อาคารใหม่' }),
      version: String(first.version),
      reason: 'ย้ายจุดบริการ',
    });
    assert.equal(ok.status, 303);
    const second = (await svc.getGuide(org.ctx, id)).guide;
    assert.notEqual(second.publicationId, first.publicationId);
    const [old] = await db()
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.id, first.publicationId ?? 0)));
    assert.equal(old?.supersededBy, second.publicationId);
    assert.equal(old?.supersedeReason, 'ย้ายจุดบริการ');
    assert.match(await (await anon.get(`/services/${id}`)).text(), /อาคารใหม่/, 'the cached page was dropped');

    const noWhy = await browser.post(`/staff/services/${id}/withdraw`, { reason: ' ' });
    assert.equal(noWhy.status, 422);
    assert.match(await noWhy.text(), /กรุณากรอกเหตุผล/);
    const gone = await browser.post(`/staff/services/${id}/withdraw`, { reason: 'ยกเลิกบริการนี้' }, { from: `/staff/services/${id}` });
    assert.equal(gone.status, 303);
    assert.equal((await svc.getGuide(org.ctx, id)).guide.status, 'withdrawn');
    assert.equal((await anon.get(`/services/${id}`)).status, 404);
    assert.equal((await anon.get(`/services/${id}/poster.pdf`)).status, 404);
    const docs = await db()
      .select()
      .from(searchDocuments)
      .where(and(eq(searchDocuments.orgId, org.org.id), eq(searchDocuments.source, 'service'), eq(searchDocuments.sourceId, String(id))));
    assert.equal(docs.length, 0);
    const [w] = await db()
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, org.org.id), eq(publications.withdraws, second.publicationId ?? 0)));
    assert.equal(w?.reason, 'ยกเลิกบริการนี้');
    // Published again: a fresh publication.
    await svc.publishGuide(org.ctx, id, { version: (await svc.getGuide(org.ctx, id)).guide.version });
    assert.equal((await anon.get(`/services/${id}`)).status, 200);
  });

  test('a guide without steps cannot be published', async () => {
    const g = await svc.createGuide(org.ctx, { title: 'ไม่มีขั้นตอน', category: 'other' });
    await assert.rejects(
      svc.publishGuide(org.ctx, g.id, { version: g.version }),
      (e: unknown) => e instanceof Error && /validation/i.test(String((e as { code?: string }).code)),
    );
  });
});

describe('service catalog: forms, poster, API', () => {
  test('forms: PDF by content, public once published; a text file is refused naming the field', async () => {
    const { browser } = await signedIn(env, org, ['admin']);
    const id = await createViaForm(browser);
    const pdf = await renderPdf('#set page(width: 5cm, height: 5cm)\nแบบคำขอ');
    const upload = async (bytes: Uint8Array, name: string) => {
      const csrf = await browser.csrf(`/staff/services/${id}`);
      const body = new FormData();
      body.append('_csrf', csrf);
      body.append('kind', 'form');
      body.append('name', '');
      body.append('file', new File([bytes], name));
      return browser.request(`/staff/services/${id}/files`, { method: 'POST', body });
    };
    assert.equal((await upload(pdf, 'แบบคำขอ.pdf')).status, 303);
    const bad = await upload(new TextEncoder().encode('<script>alert(1)</script>'), 'x.pdf');
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /href="#f-file"/);
    const { files } = await svc.getGuide(org.ctx, id);
    assert.equal(files.length, 1);
    assert.equal(files[0]?.name, 'แบบคำขอ');
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get(`/services/${id}/files/${files[0]?.fileId}`)).status, 404, 'not while a draft');
    await svc.publishGuide(org.ctx, id, { version: (await svc.getGuide(org.ctx, id)).guide.version });
    const dl = await anon.get(`/services/${id}/files/${files[0]?.fileId}`);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.equal((await anon.get(`/services/${id}/files/999999`)).status, 404);
  });

  test('the poster: one page A4 or A3, Thai digits, the steps, who holds the position, the QR', async (t) => {
    const g = await svc.createGuide(org.ctx, {
      title: 'การขออนุญาตก่อสร้างอาคาร',
      category: 'permit',
      divisionId: works,
      steps: Array.from({ length: 9 }, (_, i) => ({
        kind: 'consider',
        detail: `ขั้นตอนที่ยาวพอสมควรเพื่อทดสอบการจัดหน้าโปสเตอร์ให้อยู่ในหน้าเดียว รอบที่ ${i + 1}`,
        duration: 3,
        unit: 'days',
        positionId: headPosition,
      })),
      documents: [{ group: 'identity', name: 'บัตรประจำตัวประชาชน', originals: 1, copies: 1, unit: 'copy' }],
    });
    await svc.publishGuide(org.ctx, g.id, { version: g.version });
    const anon = new TestBrowser(env, org.host);
    assert.equal((await anon.get(`/services/${g.id}/poster.pdf?size=A5`)).status, 404);
    for (const size of ['A4', 'A3'] as const) {
      const res = await anon.get(`/services/${g.id}/poster.pdf?size=${size}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (popplerMissing()) {
        t.diagnostic('poppler missing: page checks skipped');
        continue;
      }
      const pages = pdfPageSizes(bytes);
      assert.equal(pages.length, 1, `${size} fits one page`);
      assert.ok(Math.abs((pages[0]?.[0] ?? 0) - (size === 'A4' ? 595 : 842)) < 2);
      const text = squash(pdfText(bytes));
      assert.match(text, /การขออนุญาตก่อสร้างอาคาร/);
      assert.match(text, /๒๗วัน/, 'total in Thai digits');
      assert.match(text, /นายสุไลมานเจ๊ะแว/, 'the holder of the position');
      assert.match(text, /ไม่มีค่าธรรมเนียม/);
    }
  });

  test('API: services.list, services.get, services.poster — published only, this organization only', async () => {
    const g = await svc.createGuide(org.ctx, {
      title: 'การขอข้อมูลข่าวสารของราชการ',
      category: 'information',
      steps: [{ kind: 'check', detail: 'ยื่นคำขอ', duration: 15, unit: 'minutes' }],
      fees: [{ item: 'ค่าถ่ายสำเนา', amount: '1' }],
    });
    const draft = await svc.createGuide(org.ctx, { title: 'ร่าง', category: 'other' });
    await svc.publishGuide(org.ctx, g.id, { version: g.version });
    const anon = new TestBrowser(env, org.host);
    const list = await anon.get('/api/services?category=information');
    assert.equal(list.status, 200);
    const body = (await list.json()) as { items: { id: number; feeSatang: number; total: svc.TotalTime; url: string }[] };
    const item = body.items.find((i) => i.id === g.id);
    assert.equal(item?.feeSatang, 100);
    assert.deepEqual(item?.total, { days: 0, hours: 0, minutes: 15 });
    assert.match(item?.url ?? '', new RegExp(`^http://${org.host.replace(/\./g, '\\.')}/services/${g.id}$`));
    assert.ok(!body.items.some((i) => i.id === draft.id));
    assert.equal((await anon.get('/api/services?category=bogus')).status, 422);
    const one = await anon.get(`/api/services/${g.id}`);
    assert.equal(one.status, 200);
    const full = (await one.json()) as { steps: unknown[]; fees: { amountSatang: number }[]; posterUrls: { A4: string } };
    assert.equal(full.steps.length, 1);
    assert.equal(full.fees[0]?.amountSatang, 100);
    assert.equal((await anon.get(`/api/services/${draft.id}`)).status, 404);
    assert.equal((await new TestBrowser(env, other.host).get(`/api/services/${g.id}`)).status, 404);
    const poster = await anon.get(`/api/services/${g.id}/poster?size=A3`);
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'application/pdf');
    const spec = (await (await anon.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(spec.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const op of ['services.list', 'services.get', 'services.poster']) assert.ok(ids.includes(op), op);
  });
});

describe('service catalog: demo', () => {
  test('the demo seeds eight manuals, seven published, with forms and a second version', async () => {
    const demoOrg = await createTestOrg(env, { name: 'ลูโบะปือซา' });
    const shared = new Map<string, unknown>();
    const demo = { ctx: demoOrg.ctx, shared, log: () => {}, password: () => 'demo-pass-1234', now };
    await seedDemoStaff(demo);
    await seedDemo(demo);
    const all = await svc.listGuides(demoOrg.ctx);
    assert.equal(all.length, 8);
    const published = await svc.listPublishedGuides(demoOrg.ctx);
    assert.equal(published.length, 7);
    for (const g of published) {
      assert.ok(g.steps.length >= 2, g.title);
      assert.ok(g.documents.length >= 1, g.title);
      assert.ok(g.legalBasis.length >= 1, g.title);
    }
    const withForms = await Promise.all(published.map((g) => svc.getGuide(demoOrg.ctx, g.id)));
    assert.ok(withForms.filter((v) => v.files.some((f) => f.kind === 'example')).length >= 4);
    const building = withForms.find((v) => v.guide.category === 'permit');
    assert.equal(building?.total.days, 45);
    assert.match(building?.steps.find((s) => s.positionName?.startsWith('นายก'))?.holderName ?? '', /จิรเดช/);
    const logRows = await db()
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, demoOrg.org.id), eq(publications.kind, 'service')));
    assert.equal(logRows.length, 8, 'seven publications and one new version');
  });
});
