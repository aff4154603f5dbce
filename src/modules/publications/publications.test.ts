import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import type { AppError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { measuresReportItem, oitItemsOf } from './oit-items.js';
import { getPublication, listPublications, type Publication, publish, supersedePublication } from './service.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

/** A small but real PDF (one empty page); `tag` makes each one's bytes different. */
function pdf(tag: string): Uint8Array {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% ${tag}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return new TextEncoder().encode(body);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function publishAs(ctx: ServiceContext, input: Parameters<typeof publish>[2]): Promise<Publication> {
  return runCommand(ctx, { action: 'test.publish', allowed: true }, async (tx, _tools, txCtx) => {
    const p = await publish(tx, txCtx, input);
    return { result: p, entity: 'publication', entityId: p.id, summary: 'test publish' };
  });
}

const report = (tag: string, extra: Partial<Parameters<typeof publish>[2]> = {}) => ({
  fiscalYear: 2567,
  itemCode: 'o43',
  title: `รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม ${tag}`,
  bytes: pdf(tag),
  fileName: `report-${tag}.pdf`,
  ...extra,
});

describe('OIT item lists', () => {
  test('2566–2567 have o1–o43, 2569 has O1–O26; the measures report item follows the year', () => {
    const fy67 = oitItemsOf(2567);
    assert.equal(fy67.length, 43);
    assert.deepEqual(
      fy67.map((i) => i.code),
      Array.from({ length: 43 }, (_, i) => `o${i + 1}`),
    );
    assert.equal(oitItemsOf(2566), fy67);
    assert.equal(fy67.find((i) => i.code === 'o43')?.name, 'การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน');
    assert.equal(fy67.filter((i) => i.indicator === 10)[0]?.code, 'o31');
    const fy69 = oitItemsOf(2569);
    assert.deepEqual(
      fy69.map((i) => i.code),
      Array.from({ length: 26 }, (_, i) => `O${i + 1}`),
    );
    assert.ok(oitItemsOf(2568).length >= 26);
    assert.equal(measuresReportItem(2566), 'o43');
    assert.equal(measuresReportItem(2567), 'o43');
    assert.equal(measuresReportItem(2569), 'O26');
    assert.equal(measuresReportItem(2570), 'O26');
    assert.ok(oitItemsOf(2568).some((i) => i.code === measuresReportItem(2568)));
  });
});

describe('publishing', () => {
  test('publish stores the bytes with their sha256, size and type; the file route returns exactly those bytes', async () => {
    const input = report('a');
    const p = await publishAs(org.ctx, input);
    assert.equal(p.sha256, sha(input.bytes));
    assert.equal(p.size, input.bytes.byteLength);
    assert.equal(p.mime, 'application/pdf');
    assert.equal(p.supersededBy, null);

    const browser = new TestBrowser(env, org.host);
    const res = await browser.get(`/publications/${p.id}/file`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('etag'), `"${p.sha256}"`);
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
    assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''.+\.pdf/);
    const got = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual(got, input.bytes);
    assert.equal(sha(got), p.sha256);
    const again = await browser.get(`/publications/${p.id}/file`, { 'if-none-match': `"${p.sha256}"` });
    assert.equal(again.status, 304);
  });

  test('only a PDF is published (checked by content); a bad item code is named', async () => {
    await assert.rejects(
      publishAs(org.ctx, report('txt', { bytes: new TextEncoder().encode('not a pdf at all') })),
      (e: AppError) => e.status === 422,
    );
    await assert.rejects(
      publishAs(org.ctx, report('bad', { itemCode: 'O26' })),
      (e: AppError) => e.status === 422 && e.fields[0]?.field === 'itemCode',
    );
  });

  test('a staff member without the coordinator role cannot publish', async () => {
    const { user } = await signedIn(env, org, ['staff']);
    const ctx: ServiceContext = {
      ...org.ctx,
      actor: {
        orgId: org.org.id,
        userId: user.userId,
        username: user.username,
        displayName: 'x',
        roles: ['staff'],
        mustChangePassword: false,
      },
    };
    await assert.rejects(publishAs(ctx, report('staff')), (e: AppError) => e.status === 403);
  });

  test('superseding needs a reason; the old version stays, marked, with the reason and a pointer to the new one', async () => {
    const old = await publishAs(org.ctx, report('b'));
    await assert.rejects(
      publishAs(org.ctx, report('b2', { supersedes: { id: old.id, reason: '   ' } })),
      (e: AppError) => e.status === 422 && e.fields[0]?.field === 'reason',
    );
    assert.equal((await getPublication(org.ctx, old.id)).supersededBy, null);
    const fresh = await publishAs(org.ctx, report('b3', { supersedes: { id: old.id, reason: 'แก้ชื่อหน่วยงานที่พิมพ์ผิด' } }));
    const marked = await getPublication(org.ctx, old.id);
    assert.equal(marked.supersededBy, fresh.id);
    assert.equal(marked.supersedeReason, 'แก้ชื่อหน่วยงานที่พิมพ์ผิด');
    assert.ok(marked.supersededAt);
    // Superseding twice is refused.
    await assert.rejects(
      publishAs(org.ctx, report('b4', { supersedes: { id: old.id, reason: 'อีกครั้ง' } })),
      (e: AppError) => e.status === 409,
    );

    const current = await listPublications(org.ctx, { fiscalYear: 2567 });
    assert.ok(current.some((p) => p.id === fresh.id));
    assert.ok(!current.some((p) => p.id === old.id));
    const all = await listPublications(org.ctx, { fiscalYear: 2567, includeSuperseded: true });
    assert.ok(all.some((p) => p.id === old.id));

    const browser = new TestBrowser(env, org.host);
    const page = await (await browser.get(`/publications/${old.id}`)).text();
    assert.match(page, /ฉบับนี้ถูกแทนที่แล้ว/);
    assert.match(page, /แก้ชื่อหน่วยงานที่พิมพ์ผิด/);
    assert.ok(page.includes(`href="/publications/${fresh.id}"`));
    assert.ok(page.includes(old.sha256));
    const item = await (await browser.get('/ita/2567/o43')).text();
    assert.ok(item.includes(`/publications/${old.id}`));
    assert.ok(item.includes(`/publications/${fresh.id}`));
  });

  test('the database refuses a supersession without its reason', async () => {
    const p = await publishAs(org.ctx, report('db'));
    await assert.rejects(
      env.services.database.query(
        "UPDATE publications SET superseded_by = $1, superseded_at = now(), supersede_reason = ' ' WHERE org_id = $2 AND id = $3",
        [p.id, org.org.id, p.id],
      ),
    );
  });
});

describe('the coordinator supersedes through the staff page', () => {
  async function postMultipart(
    browser: TestBrowser,
    path: string,
    fields: Record<string, string>,
    file?: { bytes: Uint8Array; name: string; type: string },
  ) {
    const token = await browser.csrf(path);
    const form = new FormData();
    form.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
    const res = await browser.request(path, { method: 'POST', body: form });
    return res;
  }

  test('reason and PDF are required; a replacement is published and logged; others cannot', async () => {
    const old = await publishAs(org.ctx, report('page'));
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const path = `/staff/publications/${old.id}/supersede`;

    const noReason = await postMultipart(browser, path, { reason: '' }, { bytes: pdf('p2'), name: 'new.pdf', type: 'application/pdf' });
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /กรุณาระบุเหตุผลที่แทนที่ฉบับเดิม/);

    const notPdf = await postMultipart(
      browser,
      path,
      { reason: 'แก้ไข' },
      { bytes: new TextEncoder().encode('hello'), name: 'x.pdf', type: 'application/pdf' },
    );
    assert.equal(notPdf.status, 422);
    assert.equal((await getPublication(org.ctx, old.id)).supersededBy, null);

    const ok = await postMultipart(
      browser,
      path,
      { reason: 'แก้ไขตารางหน้า ๒', title: '' },
      { bytes: pdf('p3'), name: 'new.pdf', type: 'application/pdf' },
    );
    assert.equal(ok.status, 303);
    const marked = await getPublication(org.ctx, old.id);
    assert.ok(marked.supersededBy);
    assert.equal(ok.headers.get('location'), `/publications/${marked.supersededBy}`);
    const fresh = await getPublication(org.ctx, marked.supersededBy as number);
    assert.equal(fresh.title, old.title);
    assert.equal(fresh.sha256, sha(pdf('p3')));

    const [audit] = await env.services.database.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE org_id = $1 AND action = 'publications.supersede' ORDER BY seq DESC LIMIT 1",
      [org.org.id],
    );
    assert.equal(audit?.action, 'publications.supersede');

    const log = await (await browser.get('/staff/publications')).text();
    assert.ok(log.includes(fresh.sha256));
    assert.match(log, /แก้ไขตารางหน้า ๒/);
    assert.ok(log.indexOf(fresh.sha256) < log.indexOf(old.sha256), 'newest first');

    // A staff member without the role: refused.
    const { browser: clerk } = await signedIn(env, org, ['staff']);
    assert.equal((await clerk.get(`/staff/publications/${fresh.id}/supersede`)).status, 403);
    // The coordinator of another organization cannot even see it.
    const { browser: stranger } = await signedIn(env, other, ['ita_coordinator']);
    assert.equal((await stranger.get(`/staff/publications/${fresh.id}/supersede`)).status, 404);
    await assert.rejects(
      supersedePublication(other.ctx, fresh.id, { reason: 'x', bytes: pdf('x'), fileName: 'x.pdf' }),
      (e: AppError) => e.status === 404,
    );
  });
});

describe('public pages and API', () => {
  test('anyone reads the ITA pages without signing in; the year page lists the OIT items with what is published', async () => {
    const p = await publishAs(org.ctx, report('pub', { itemCode: 'o42', title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปี 2567' }));
    const browser = new TestBrowser(env, org.host);
    const years = await browser.get('/ita');
    assert.equal(years.status, 200);
    assert.ok((await years.text()).includes('href="/ita/2567"'));
    const res = await browser.get('/ita/2567');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล/);
    assert.match(html, /ตัวชี้วัดที่ 10 การป้องกันการทุจริต/);
    assert.match(html, /โครงสร้าง/);
    assert.match(html, /การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน/);
    assert.match(html, /ยังไม่มีเอกสารเผยแพร่/);
    assert.ok(html.includes(`/publications/${p.id}/file`));
    assert.ok(html.includes(p.sha256.slice(0, 12)));
    // Published after the page was cached: the page shows it.
    const later = await publishAs(org.ctx, report('later', { itemCode: 'o1', title: 'แผนผังโครงสร้างองค์กร' }));
    assert.ok((await (await browser.get('/ita/2567')).text()).includes(`/publications/${later.id}`));

    const detail = await (await browser.get(`/publications/${p.id}`)).text();
    assert.ok(detail.includes(p.sha256));
    assert.match(detail, /2567/);

    assert.equal((await browser.get('/ita/2567/o99')).status, 404);
    assert.equal((await browser.get('/ita/abc')).status, 404);
    assert.equal((await browser.get('/publications/999999')).status, 404);

    // English and Malay readers.
    await browser.get('/lang/en?next=/');
    assert.match(await (await browser.get('/ita/2567')).text(), /Indicator 9/);
    await browser.get('/lang/ms?next=/');
    assert.match(await (await browser.get('/ita/2567')).text(), /Penunjuk 9/);
  });

  test('the API lists and gets publications without a token; another organization sees none of them', async () => {
    const p = await publishAs(org.ctx, report('api'));
    const anon = new TestBrowser(env, org.host);
    const list = await anon.get('/api/publications?fiscalYear=2567');
    assert.equal(list.status, 200);
    const body = (await list.json()) as { items: { id: number; sha256: string; supersededBy: number | null }[] };
    const mine = body.items.find((i) => i.id === p.id);
    assert.equal(mine?.sha256, p.sha256);
    assert.ok(body.items.every((i) => i.supersededBy === null));
    const withOld = (await (await anon.get('/api/publications?fiscalYear=2567&includeSuperseded=true')).json()) as { items: unknown[] };
    assert.ok(withOld.items.length > body.items.length);
    const one = await anon.get(`/api/publications/${p.id}`);
    assert.equal(one.status, 200);
    assert.equal(((await one.json()) as { itemCode: string }).itemCode, 'o43');

    const stranger = new TestBrowser(env, other.host);
    assert.equal((await stranger.get(`/api/publications/${p.id}`)).status, 404);
    assert.equal((await stranger.get(`/publications/${p.id}`)).status, 404);
    assert.equal((await stranger.get(`/publications/${p.id}/file`)).status, 404);
    const theirs = (await (await stranger.get('/api/publications')).json()) as { items: unknown[] };
    assert.equal(theirs.items.length, 0);
    assert.equal((await anon.get('/api/publications?fiscalYear=abc')).status, 422);

    const spec = (await (await anon.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.ok(ids.includes('publications.list'));
    assert.ok(ids.includes('publications.get'));
  });

  test('the publication log is for staff only', async () => {
    const anon = new TestBrowser(env, org.host);
    const res = await anon.get('/staff/publications');
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/login/);
  });
});

describe('demo', () => {
  test('the demo publishes the FY 2567 measures plan under o42 as a real PDF', async () => {
    const o = await createTestOrg(env, { name: 'ลูโบะปือซา' });
    const { seedDemoPublications } = await import('./demo.js');
    const lines: string[] = [];
    await seedDemoPublications({ ctx: o.ctx, shared: new Map(), log: (l) => lines.push(l), password: () => 'x', now: new Date() });
    const [p] = await listPublications(o.ctx, { fiscalYear: 2567 });
    assert.equal(p?.itemCode, 'o42');
    assert.equal(p?.publishedAt.toISOString(), '2023-12-20T03:30:00.000Z');
    const res = await new TestBrowser(env, o.host).get(`/publications/${p?.id}/file`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
    assert.equal(sha(bytes), p?.sha256);
    assert.match(lines.join('\n'), /o42/);
  });
});
