import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { AppError } from '../../core/http/errors.js';
import { toThaiDigits } from '../../core/thai/index.js';
import { createTestEnv, signedIn, TestBrowser, type TestEnv } from '../../testing/harness.js';
import { getMeasure, listMeasures, updateMeasure } from '../measures/service.js';
import { getPublication } from '../publications/service.js';
import { decide, latestCase } from '../routing/service.js';
import { rowCells, TABLE_HEADERS } from './document.js';
import { withSeedErrors } from './seed-errors.js';
import {
  buildReportMemo,
  checkReportVersion,
  contentOf,
  getReport,
  listVersions,
  memoOf,
  publishReport,
  REPORT_ENTITY,
  renderReportFile,
  startVersion,
  submitReport,
  updateMemo,
} from './service.js';
import { type Person, type ReportFixture, reportFixture } from './testing.js';

const skipPdf = popplerMissing();
const th = (s: string) => toThaiDigits(s);

async function rejects(p: Promise<unknown>, status: number, key?: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, status);
    if (key) assert.equal(e.messageKey, key);
    return true;
  });
}

const form = (r: { rev: number; memo: unknown }) => {
  const m = memoOf(r as never);
  return { rev: r.rev, ...m };
};

async function sign(p: Person, reportId: number, decision: 'forward' | 'acknowledge' | 'return', reason?: string) {
  const routed = await latestCase(p.ctx, REPORT_ENTITY, reportId);
  const step = routed?.steps.find((s) => s.status === 'active' && s.assigneeUserId === p.actor.userId);
  assert.ok(step, `no active step for ${p.name}`);
  await decide(p.ctx, step.id, { decision, signatureName: p.name, ...(reason ? { reason } : {}) });
}

function assertInOrder(haystack: string, needles: readonly string[]) {
  const text = squash(haystack);
  let from = 0;
  for (const needle of needles) {
    const n = squash(needle);
    const at = text.indexOf(n, from);
    assert.ok(at >= 0, `"${needle}" not found after position ${from} (or out of order)`);
    from = at + n.length;
  }
}

function foundOnPages(pages: readonly string[], needle: string): boolean {
  return pages.some((page, k) => {
    if (page.includes(needle)) return true;
    const next = pages[k + 1];
    if (next === undefined) return false;
    for (let i = 4; i <= needle.length - 4; i++) if (page.includes(needle.slice(0, i)) && next.includes(needle.slice(i))) return true;
    return false;
  });
}

function docxText(bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-docx-')), 'r.docx');
  fs.writeFileSync(file, bytes);
  const r = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return r.stdout
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

describe('the ITA measures report', () => {
  let env: TestEnv;
  let f: ReportFixture;
  before(async () => {
    env = await createTestEnv();
    f = await reportFixture(env);
  });
  after(() => env.close());

  it('goes from draft to published: frozen, numbered, signed, never editable again', async () => {
    const v1 = await startVersion(f.ita.ctx, f.planId);
    assert.equal(v1.version, 1);
    assert.equal(v1.status, 'draft');
    const m = memoOf(v1);
    assert.equal(m.to, `นายกองค์การบริหารส่วนตำบล${f.org.org.name}`);
    assert.match(m.agency, new RegExp(`^สำนักปลัด องค์การบริหารส่วนตำบล${f.org.org.name}`));
    assert.equal(m.signerName, f.ita.name);
    assert.deepEqual(m.signerPositions, ['เจ้าพนักงานธุรการชำนาญงาน']);
    assert.equal(m.subject, 'รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2567');
    assert.equal((await startVersion(f.ita.ctx, f.planId)).id, v1.id, 'the open draft is reused');

    // Memo edits: the coordinator only; a stale rev is refused, nothing changed.
    const edited = await updateMemo(f.ita.ctx, v1.id, { ...form(v1), body: [...m.body.slice(0, 2), 'จึงเรียนมาเพื่อโปรดทราบ'] });
    assert.equal(edited.rev, v1.rev + 1);
    await rejects(updateMemo(f.ita.ctx, v1.id, { ...form(v1), subject: 'ทับของคนอื่น' }), 409, 'reports.errors.stale');
    assert.equal(memoOf(await getReport(f.ita.ctx, v1.id)).subject, m.subject);
    await rejects(updateMemo(f.clerk.ctx, v1.id, form(edited)), 403);

    // Submit: not by a plain staff member; the coordinator's submission freezes it with a register number.
    await rejects(submitReport(f.clerk.ctx, v1.id), 403);
    await rejects(submitReport(f.head.ctx, v1.id), 403);
    await submitReport(f.ita.ctx, v1.id);
    const routing = await getReport(f.ita.ctx, v1.id);
    assert.equal(routing.status, 'routing');
    const content = contentOf(routing);
    assert.ok(content);
    assert.equal(content.rows.length, 10);
    assert.match(content.reference, /^นธ ๗๘๑๐๑\/[๐-๙]+$/);
    await rejects(updateMemo(f.ita.ctx, v1.id, form(routing)), 409, 'reports.errors.notEditable');
    await rejects(submitReport(f.ita.ctx, v1.id), 409);
    await rejects(startVersion(f.ita.ctx, f.planId), 409, 'reports.errors.routing');

    // A change to a measure now does not change the frozen document.
    const m1 = (await listMeasures(f.ita.ctx, f.planId))[0];
    assert.ok(m1);
    await updateMeasure(f.ita.ctx, m1.id, m1.version, { outcome: 'เปลี่ยนหลังเสนอแล้ว' });
    assert.notEqual(contentOf(await getReport(f.ita.ctx, v1.id))?.rows[0]?.outcome, 'เปลี่ยนหลังเสนอแล้ว');
    const back = await getMeasure(f.ita.ctx, m1.id);
    await updateMeasure(f.ita.ctx, m1.id, back.version, { outcome: content.rows[0]?.outcome ?? '' });

    await sign(f.head, v1.id, 'forward');
    await rejects(publishReport(f.ita.ctx, v1.id, {}), 409, 'reports.errors.notSigned');
    await sign(f.deputy, v1.id, 'acknowledge');
    await sign(f.mayor, v1.id, 'acknowledge');
    const signed = await getReport(f.ita.ctx, v1.id);
    assert.equal(signed.status, 'signed');
    assert.ok(signed.signedAt);
    await rejects(updateMemo(f.ita.ctx, v1.id, form(signed)), 409, 'reports.errors.notEditable');

    // Publish: the coordinator only.
    await rejects(publishReport(f.head.ctx, v1.id, {}), 403);
    await rejects(publishReport(f.clerk.ctx, v1.id, {}), 403);
    const published = await publishReport(f.ita.ctx, v1.id, {});
    assert.equal(published.status, 'published');
    assert.ok(published.publicationId);
    const pub = await getPublication(f.ita.ctx, published.publicationId);
    assert.equal(pub.itemCode, 'o43');
    assert.equal(pub.fiscalYear, 2567);
    assert.match(pub.sha256, /^[0-9a-f]{64}$/);
    await rejects(publishReport(f.ita.ctx, v1.id, {}), 409);
    await rejects(updateMemo(f.ita.ctx, v1.id, form(published)), 409, 'reports.errors.notEditable');

    // A new version copies the memo and starts over; publishing it supersedes v1, with a reason.
    const v2 = await startVersion(f.ita.ctx, f.planId);
    assert.equal(v2.version, 2);
    assert.equal(v2.status, 'draft');
    assert.deepEqual(memoOf(v2).body, memoOf(published).body);
    await submitReport(f.ita.ctx, v2.id);
    await sign(f.head, v2.id, 'forward');
    await sign(f.deputy, v2.id, 'acknowledge');
    await sign(f.mayor, v2.id, 'acknowledge');
    await rejects(publishReport(f.ita.ctx, v2.id, {}), 422);
    const p2 = await publishReport(f.ita.ctx, v2.id, { reason: 'แก้ไขผลการดำเนินงานมาตรการที่ ๑' });
    assert.equal(p2.status, 'published');
    assert.equal((await getReport(f.ita.ctx, v1.id)).status, 'superseded');
    const old = await getPublication(f.ita.ctx, published.publicationId);
    assert.equal(old.supersededBy, p2.publicationId);
  });

  it('renders every field in reading order in the PDF, and the same text in the DOCX', { skip: skipPdf || false }, async () => {
    const v = await startVersion(f.ita.ctx, f.planId);
    await submitReport(f.ita.ctx, v.id);
    await sign(f.head, v.id, 'forward');
    await sign(f.deputy, v.id, 'acknowledge');
    await sign(f.mayor, v.id, 'acknowledge');
    const r = await getReport(f.ita.ctx, v.id);
    const content = contentOf(r);
    assert.ok(content);
    const input = await buildReportMemo(f.ita.ctx, r);
    assert.equal(input.comments?.length, 3);
    const pdf = await renderReportFile(f.ita.ctx, v.id, 'pdf');
    const text = pdfText(pdf.bytes);
    const full = `องค์การบริหารส่วนตำบล${f.org.org.name}`;
    const memoParts = [
      'บันทึกข้อความ',
      'ส่วนราชการ',
      content.memo.agency,
      'ที่',
      content.reference,
      'วันที่',
      'เรื่อง',
      content.memo.subject,
      'เรียน',
      content.memo.to,
      ...content.memo.body,
      `(${content.memo.signerName})`,
      ...content.memo.signerPositions,
      `ความเห็นหัวหน้าสำนักปลัด${''}`,
      'เพื่อโปรดทราบ',
      `(${f.head.name})`,
      'หัวหน้าสำนักปลัด',
      `ความเห็นปลัด${full}`,
      'ทราบ',
      `(${f.deputy.name})`,
      `รองปลัด${full}`,
      `รักษาการแทนปลัด${full}`,
      `ความเห็นนายก${full}`,
      'ทราบ',
      `(${f.mayor.name})`,
      `นายก${full}`,
      ...content.memo.tableTitle,
      content.memo.tableIntro,
      ...TABLE_HEADERS,
    ].map(th);
    assertInOrder(text, memoParts);
    // The table: rows in order (their first words), and every cell's paragraphs on the table's
    // pages (raw order keeps a cell together; a cell broken across a page is found in two parts).
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', ['-'], { input: pdf.bytes, encoding: 'utf8' }).stdout)?.[1] ?? '0');
    const raw = Array.from({ length: pages }, (_, i) => squash(pdfText(pdf.bytes, { raw: true, page: i + 1 })));
    assertInOrder(
      raw.join(''),
      content.rows.map((row) => th(rowCells(row)[0]?.[0] ?? '').slice(0, 20)),
    );
    const cells = content.rows.flatMap((row) => rowCells(row).flat()).map(th);
    for (const cell of cells) assert.ok(foundOnPages(raw, squash(cell)), `cell text missing: ${cell}`);

    const docx = await renderReportFile(f.ita.ctx, v.id, 'docx');
    assert.equal(docx.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const words = docxText(docx.bytes);
    assertInOrder(words, [...memoParts.filter((s) => s !== 'บันทึกข้อความ'), ...cells]);
  });

  it('returned: the version stays as history, a new version copies its memo', async () => {
    const v = await startVersion(f.ita.ctx, f.planId);
    await submitReport(f.ita.ctx, v.id);
    await sign(f.head, v.id, 'return', 'ชื่อหน่วยงานไม่ถูกต้อง');
    const returned = await getReport(f.ita.ctx, v.id);
    assert.equal(returned.status, 'returned');
    await rejects(updateMemo(f.ita.ctx, v.id, form(returned)), 409, 'reports.errors.notEditable');
    await rejects(submitReport(f.ita.ctx, v.id), 409);
    const next = await startVersion(f.ita.ctx, f.planId);
    assert.equal(next.version, returned.version + 1);
    assert.deepEqual(memoOf(next), memoOf(returned));
    assert.equal((await getReport(f.ita.ctx, v.id)).status, 'returned');
  });
});

describe('the check on a version like the seed', () => {
  let env: TestEnv;
  let f: ReportFixture;
  before(async () => {
    env = await createTestEnv();
    f = await reportFixture(env);
  });
  after(() => env.close());

  it('finds the seed’s errors on v1 and nothing on the fixed version', async () => {
    const v1 = await startVersion(f.ita.ctx, f.planId);
    const good = memoOf(v1);
    await updateMemo(f.ita.ctx, v1.id, { rev: v1.rev, ...withSeedErrors(good, f.org.org.names.full, f.org.org.name) });
    const list = await listMeasures(f.ita.ctx, f.planId);
    const [m4, m5] = [list.find((m) => m.number === 4), list.find((m) => m.number === 5)];
    assert.ok(m4 && m5);
    await updateMeasure(f.ita.ctx, m5.id, m5.version, { title: m4.title });
    const codes = (await checkReportVersion(f.ita.ctx, await getReport(f.ita.ctx, v1.id))).map((w) => w.code);
    assert.deepEqual(codes, ['wording', 'executiveTitle', 'orgName', 'orgName', 'orgName', 'duplicateTitle']);

    const again = await getReport(f.ita.ctx, v1.id);
    await updateMemo(f.ita.ctx, v1.id, { ...good, rev: again.rev });
    const fresh = await getMeasure(f.ita.ctx, m5.id);
    await updateMeasure(f.ita.ctx, m5.id, fresh.version, { title: m5.title });
    assert.deepEqual(await checkReportVersion(f.ita.ctx, await getReport(f.ita.ctx, v1.id)), []);
  });
});

describe('report pages and API', () => {
  let env: TestEnv;
  let f: ReportFixture;
  let other: ReportFixture;
  let reportId: number;
  before(async () => {
    env = await createTestEnv();
    f = await reportFixture(env);
    other = await reportFixture(env, { withResults: false });
  });
  after(() => env.close());

  it('the coordinator starts, edits and submits from the pages; warnings and preview are shown', async () => {
    const ita = new TestBrowser(env, f.org.host);
    await ita.signIn(f.ita.username, f.ita.password);
    const list = await ita.get('/staff/reports');
    assert.equal(list.status, 200);
    const start = await ita.post(`/staff/reports/plans/${f.planId}/start`, {}, { from: '/staff/reports' });
    assert.equal(start.status, 303);
    const href = start.headers.get('location') ?? '';
    reportId = Number(/\/staff\/reports\/(\d+)$/.exec(href)?.[1]);
    assert.ok(reportId > 0);
    const page = await ita.get(href);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /report-warnings/);
    assert.match(html, /name="rev" value="1"/);

    // Bad input: a clear message naming the field, nothing changed.
    const bad = await ita.post(`${href}/memo`, { rev: '1', agency: '', subject: 'x', to: 'y', body: 'z', signerName: 'n' }, { from: href });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /ส่วนราชการ/);
    const r0 = await getReport(f.ita.ctx, reportId);
    assert.equal(r0.rev, 1);

    const m = memoOf(r0);
    const fields = {
      rev: '1',
      agency: m.agency,
      subject: m.subject,
      to: m.to,
      body: [...m.body, 'ทั้งนี้ ได้แจ้งเว็บไซต์ขององค์การบริหารส่วนตำบลแม่ตง แล้ว'].join('\n'),
      signerName: m.signerName,
      signerPositions: m.signerPositions.join('\n'),
      tableTitle: m.tableTitle.join('\n'),
      tableIntro: m.tableIntro,
    };
    const ok = await ita.post(`${href}/memo`, fields, { from: href });
    assert.equal(ok.status, 303);
    const stale = await ita.post(`${href}/memo`, fields, { from: href });
    assert.equal(stale.status, 409);
    assert.match(await stale.text(), /มีผู้อื่นแก้ไข/);
    const warned = await (await ita.get(href)).text();
    assert.match(warned, /แม่ตง/);

    const api = await ita.get(`/api/measures/reports/${reportId}/check`);
    assert.equal(api.status, 200);
    const body = (await api.json()) as { warnings: { code: string; message: string }[] };
    assert.deepEqual(
      body.warnings.map((w) => w.code),
      ['orgName'],
    );
    assert.match(body.warnings[0]?.message ?? '', /ข้อความย่อหน้าที่ 4/);

    const htmlPreview = await ita.get(`/api/measures/reports/${reportId}/render?format=html`);
    assert.equal(htmlPreview.status, 200);
    assert.match(htmlPreview.headers.get('content-type') ?? '', /text\/html/);
    const pdf = await ita.get(`/api/measures/reports/${reportId}/render?format=pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    const submitted = await ita.post(`${href}/submit`, {}, { from: href });
    assert.equal(submitted.status, 303);
    assert.equal((await getReport(f.ita.ctx, reportId)).status, 'routing');
    const frozen = await ita.post(`${href}/memo`, { ...fields, rev: '2' }, { from: href });
    assert.equal(frozen.status, 409);
  });

  it('starting a new version while one is routed goes back to it with a warning; nothing is made', async () => {
    const ita = new TestBrowser(env, f.org.host);
    await ita.signIn(f.ita.username, f.ita.password);
    const earlier = await listVersions(f.ita.ctx, f.planId);
    assert.equal(earlier[0]?.status, 'routing');
    const res = await ita.post(`/staff/reports/plans/${f.planId}/start`, {}, { from: '/staff/reports' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/staff/reports/${reportId}`);
    const page = await ita.get(`/staff/reports/${reportId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(
      html,
      /class="banner banner--warning"[^>]*>(?:(?!<\/div>)[\s\S])*?<div class="banner__body">ยังเริ่มฉบับใหม่ไม่ได้ เพราะฉบับล่าสุดอยู่ระหว่างเสนอผู้บริหาร/,
    );
    assert.doesNotMatch(await (await ita.get(`/staff/reports/${reportId}`)).text(), /ยังเริ่มฉบับใหม่ไม่ได้/, 'shown once');
    assert.deepEqual(
      (await listVersions(f.ita.ctx, f.planId)).map((v) => [v.id, v.status]),
      earlier.map((v) => [v.id, v.status]),
    );
  });

  it('a plain staff member may not see the report; staff of another organization find nothing', async () => {
    const { browser: clerk } = await signedIn(env, f.org, ['staff']);
    assert.equal((await clerk.get(`/staff/reports/${reportId}`)).status, 403);
    assert.equal((await clerk.get(`/api/measures/reports/${reportId}/check`)).status, 403);
    const stranger = new TestBrowser(env, other.org.host);
    await stranger.signIn(other.ita.username, other.ita.password);
    assert.equal((await stranger.get(`/staff/reports/${reportId}`)).status, 404);
    assert.equal((await stranger.get(`/api/measures/reports/${reportId}/render?format=pdf`)).status, 404);
    assert.equal((await stranger.get(`/api/measures/reports/${reportId}/check`)).status, 404);
    const post = await stranger.post(`/staff/reports/${reportId}/publish`, {}, { from: '/staff/reports' });
    assert.equal(post.status, 404);
  });

  it('an executive reads the report and sees the warnings on the routing page, but cannot publish', async () => {
    const head = new TestBrowser(env, f.org.host);
    await head.signIn(f.head.username, f.head.password);
    assert.equal((await head.get(`/staff/reports/${reportId}`)).status, 200);
    const routed = await latestCase(f.ita.ctx, REPORT_ENTITY, reportId);
    assert.ok(routed);
    const page = await head.get(`/staff/routing/${routed.case.id}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /report-warnings/);
    const publish = await head.post(`/staff/reports/${reportId}/publish`, {}, { from: `/staff/reports/${reportId}` });
    assert.equal(publish.status, 403);
  });

  it('the coordinator’s todo lists a signed report waiting to be published', async () => {
    for (const p of [f.head, f.deputy, f.mayor]) await sign(p, reportId, p === f.head ? 'forward' : 'acknowledge');
    const todo = await env.registry.todo(f.ita.ctx);
    assert.ok(todo.some((t) => t.label === 'reports.todo.publish' && t.href === `/staff/reports/${reportId}`));
    const ita = new TestBrowser(env, f.org.host);
    await ita.signIn(f.ita.username, f.ita.password);
    const res = await ita.post(`/staff/reports/${reportId}/publish`, {}, { from: `/staff/reports/${reportId}` });
    assert.equal(res.status, 303);
    assert.equal((await getReport(f.ita.ctx, reportId)).status, 'published');
    assert.ok(!(await env.registry.todo(f.ita.ctx)).some((t) => t.label === 'reports.todo.publish'));
  });
});
