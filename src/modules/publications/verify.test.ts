import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import type { AppError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg, unique } from '../../testing/harness.js';
import { CHAIN_GENESIS, chainLog } from './chain.js';
import { LOG_CSV_COLUMNS } from './log-csv.js';
import { parseSha256 } from './routes.js';
import {
  getPublication,
  listPublications,
  type Publication,
  publish,
  publishContent,
  sourceHref,
  supersedePublication,
  withdrawDocument,
  withdrawPublication,
} from './service.js';
import { verifyPublications } from './verify.js';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function pdf(tag: string): Uint8Array {
  return new TextEncoder().encode(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${tag}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

async function publishDoc(ctx: ServiceContext, tag: string, bytes = pdf(`${tag} ${unique('')}`)): Promise<Publication> {
  return runCommand(ctx, { action: 'test.publish', allowed: true }, async (tx, _tools, txCtx) => {
    const p = await publish(tx, txCtx, { fiscalYear: 2567, itemCode: 'o43', title: `เอกสาร ${tag}`, bytes, fileName: `${tag}.pdf` });
    return { result: p, entity: 'publication', entityId: p.id, summary: 'test publish' };
  });
}

async function publishNews(ctx: ServiceContext, postId: number, text: string, replaces?: { publicationId: number; reason: string }) {
  return runCommand(ctx, { action: 'test.news', allowed: true }, async (tx, _tools, txCtx) => {
    const p = await publishContent(tx, txCtx, {
      kind: 'news',
      topic: 'news',
      title: `ข่าว ${postId}`,
      source: { entity: 'news.post', id: postId },
      snapshot: { body: text },
      replaces,
    });
    return { result: p, entity: 'news', entityId: postId, summary: 'test news' };
  });
}

async function withdrawAny(ctx: ServiceContext, id: number, reason: string) {
  return runCommand(ctx, { action: 'test.withdraw', allowed: true }, async (tx, _tools, txCtx) => {
    const w = await withdrawPublication(tx, txCtx, { id, reason });
    return { result: w, entity: 'news', entityId: id, summary: 'test withdraw' };
  });
}

const allRows = (o: TestOrg) => listPublications(o.ctx, { includeSuperseded: true });
const verifyOrg = (o: TestOrg) => verifyPublications(env.services.database.db, env.services.files, o.org.id);

/** An attacker with database access: the immutability trigger off, one change, the trigger on. */
async function tamper(statement: string) {
  await env.services.database.exec(
    `BEGIN; ALTER TABLE publications DISABLE TRIGGER publications_immutable; ${statement}; ALTER TABLE publications ENABLE TRIGGER publications_immutable; COMMIT;`,
  );
}

describe('stored chain links', () => {
  test('every row stores its link when written: publish, new version, withdrawal; the stored links are the recomputed ones', async () => {
    const o = await createTestOrg(env);
    const a = await publishDoc(o.ctx, 'a');
    const n1 = await publishNews(o.ctx, 7, 'ฉบับแรก');
    const n2 = await publishNews(o.ctx, 7, 'ฉบับแก้ไข', { publicationId: n1.id, reason: 'แก้คำผิด' });
    const linksBefore = (await allRows(o)).map((p) => [p.id, p.chainLink]);
    const w = await withdrawAny(o.ctx, n2.id, 'ประกาศผิดเรื่อง');

    assert.equal(a.chainLink, chainLog([a]).head, 'the first link starts from the genesis');
    assert.equal(w.action, 'withdraw');
    assert.equal(w.withdraws, n2.id);
    assert.equal(w.sha256, n2.sha256, 'a withdrawal repeats the file it withdraws');
    const rows = await allRows(o);
    const recomputed = chainLog(rows);
    for (const r of recomputed.rows) assert.equal(r.entry.chainLink, r.chain, `row #${r.entry.id}`);
    // A withdrawal hashes "withdraws:<id>" as its ref; no earlier link changed when it was added.
    const prev = rows.find((p) => p.id === n2.id)?.chainLink as string;
    assert.equal(w.chainLink, sha(`${prev}|${w.id}|${w.sha256}|${w.publishedAt.toISOString()}|withdraws:${n2.id}`));
    for (const [id, link] of linksBefore) assert.equal(rows.find((p) => p.id === id)?.chainLink, link);
    // The replacement names what it replaced.
    const n1prev = rows.find((p) => p.id === n1.id)?.chainLink as string;
    assert.equal(n2.chainLink, sha(`${n1prev}|${n2.id}|${n2.sha256}|${n2.publishedAt.toISOString()}|${n1.id}`));
    const report = await verifyOrg(o);
    assert.deepEqual(
      { ok: report.ok, publications: report.publications, crossChecked: report.crossChecked, legacy: report.legacy },
      { ok: true, publications: 4, crossChecked: 4, legacy: 0 },
    );
    assert.equal(CHAIN_GENESIS.length, 64);
  });

  test('writers of one organization line up: many publications at once still make one unbroken chain', async () => {
    const o = await createTestOrg(env);
    const done = await Promise.all(Array.from({ length: 8 }, (_, i) => publishDoc(o.ctx, `parallel-${i}`)));
    const rows = await allRows(o);
    assert.equal(rows.length, 8);
    assert.equal(new Set(done.map((p) => p.chainLink)).size, 8, 'no two rows took the same previous link');
    const report = await verifyOrg(o);
    assert.ok(report.ok, JSON.stringify(report.problem));
    assert.equal(report.publications, 8);
  });
});

describe('verification fails on tampering', () => {
  test('an altered sha256: the first bad row is named', async () => {
    const o = await createTestOrg(env);
    await publishDoc(o.ctx, 't1');
    const bad = await publishDoc(o.ctx, 't2');
    await publishDoc(o.ctx, 't3');
    assert.ok((await verifyOrg(o)).ok);
    await tamper(`UPDATE publications SET sha256 = '${sha('forged')}' WHERE org_id = ${o.org.id} AND id = ${bad.id}`);
    const r = await verifyOrg(o);
    assert.equal(r.ok, false);
    assert.equal(r.problem?.id, bad.id);
    assert.equal(r.problem?.reason, 'link_mismatch');
    assert.equal(r.publications, 1, 'the rows before it were fine');
  });

  test('an altered published_at, and a row whose stored link was recomputed by the attacker (caught by its audit entry)', async () => {
    const o = await createTestOrg(env);
    const first = await publishDoc(o.ctx, 'd1');
    const second = await publishDoc(o.ctx, 'd2');
    await tamper(`UPDATE publications SET created_at = created_at - interval '1 day' WHERE org_id = ${o.org.id} AND id = ${second.id}`);
    const r = await verifyOrg(o);
    assert.equal(r.problem?.id, second.id);
    assert.equal(r.problem?.reason, 'link_mismatch');

    // The attacker also rewrites the stored links to match: the chain is consistent again, but
    // the row no longer says what its audit entry (in the hash-chained audit log) says.
    const rows = await allRows(o);
    for (const { entry, chain } of chainLog(rows).rows) {
      await tamper(`UPDATE publications SET chain_link = '${chain}' WHERE org_id = ${o.org.id} AND id = ${entry.id}`);
    }
    const again = await verifyOrg(o);
    assert.equal(again.ok, false);
    assert.equal(again.problem?.id, second.id);
    assert.equal(again.problem?.reason, 'audit_mismatch');
    assert.match(again.problem?.detail ?? '', /publishedAt|chain/);
    assert.ok(first.id < second.id);
  });

  test('a file altered on disk, a kind changed, a deleted last row', async () => {
    const o = await createTestOrg(env);
    const doc = await publishDoc(o.ctx, 'disk');
    fs.writeFileSync(env.services.files.pathOf(doc.sha256), pdf('something else'));
    let r = await verifyOrg(o);
    assert.equal(r.problem?.reason, 'file_altered');
    assert.equal(r.problem?.id, doc.id);
    fs.rmSync(env.services.files.pathOf(doc.sha256));
    r = await verifyOrg(o);
    assert.equal(r.problem?.reason, 'file_missing');

    const o2 = await createTestOrg(env);
    const n = await publishNews(o2.ctx, 3, 'ข่าว');
    await tamper(`UPDATE publications SET kind = 'document' WHERE org_id = ${o2.org.id} AND id = ${n.id}`);
    r = await verifyOrg(o2);
    assert.equal(r.problem?.reason, 'audit_mismatch');
    assert.match(r.problem?.detail ?? '', /^kind/);

    const o3 = await createTestOrg(env);
    await publishDoc(o3.ctx, 'keep');
    const last = await publishDoc(o3.ctx, 'gone');
    await tamper(`DELETE FROM publications WHERE org_id = ${o3.org.id} AND id = ${last.id}`);
    r = await verifyOrg(o3);
    assert.equal(r.problem?.reason, 'row_missing');
    assert.equal(r.problem?.id, last.id);
  });

  test('another organization is checked on its own, and stays intact', async () => {
    const o = await createTestOrg(env);
    await publishDoc(o.ctx, 'fine');
    const r = await verifyOrg(o);
    assert.ok(r.ok);
    assert.equal(r.organizations, 1);
  });
});

describe('withdrawing a document (ITA coordinator)', () => {
  test('the coordinator withdraws with a reason; it leaves the ITA page, the log says when and why; others cannot', async () => {
    const doc = await publishDoc(org.ctx, 'withdraw-me');
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const path = `/staff/publications/${doc.id}/withdraw`;
    assert.ok((await (await browser.get('/staff/publications')).text()).includes(path), 'the staff log offers it');

    const empty = await browser.post(path, { reason: '  ' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /กรุณาระบุเหตุผลที่ถอนการเผยแพร่/);
    assert.equal((await getPublication(org.ctx, doc.id)).withdrawnBy, null);

    // A clerk is refused; another organization's coordinator does not see it at all.
    const { browser: clerk } = await signedIn(env, org, ['staff']);
    assert.equal((await clerk.get(path)).status, 403);
    const { browser: stranger } = await signedIn(env, other, ['ita_coordinator']);
    assert.equal((await stranger.get(path)).status, 404);
    await assert.rejects(withdrawDocument(other.ctx, doc.id, { reason: 'x' }), (e: AppError) => e.status === 404);

    const reason = 'เผยแพร่ผิดปีงบประมาณ';
    const ok = await browser.post(path, { reason });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `/publications/${doc.id}`);
    const marked = await getPublication(org.ctx, doc.id);
    assert.ok(marked.withdrawnBy);
    const w = await getPublication(org.ctx, marked.withdrawnBy as number);
    assert.equal(w.reason, reason);

    const current = await listPublications(org.ctx, { fiscalYear: 2567 });
    assert.ok(!current.some((p) => p.id === doc.id), 'no longer current (not on the ITA page)');
    const anon = new TestBrowser(env, org.host);
    const ita = await (await anon.get('/ita/2567/o43')).text();
    assert.ok(!ita.includes(`/publications/${doc.id}"`), 'the ITA item page no longer lists it');
    const logHtml = await (await anon.get('/publications')).text();
    assert.ok(logHtml.includes(reason));
    assert.match(logHtml, new RegExp(`ถอนการเผยแพร่ #${doc.id}`));
    const page = await (await anon.get(`/publications/${doc.id}`)).text();
    assert.match(page, /ถอนการเผยแพร่แล้ว/);
    assert.ok(page.includes(reason));

    // Twice: refused, nothing changed.
    const again = await browser.post(path, { reason: 'อีกครั้ง' });
    assert.equal(again.status, 409);
    // Content is withdrawn by its own module, not here.
    const news = await publishNews(org.ctx, 99, 'ข่าว');
    await assert.rejects(withdrawDocument(org.ctx, news.id, { reason: 'x' }), (e: AppError) => e.status === 409);
    assert.ok((await verifyOrg(org)).ok);
  });
});

describe('check a file against the log (public, without JavaScript)', () => {
  async function postCheck(browser: TestBrowser, path: string, fields: Record<string, string>, file?: Uint8Array) {
    const token = await browser.csrf('/publications/check');
    const form = new FormData();
    form.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new File([file as Uint8Array<ArrayBuffer>], 'copy.pdf', { type: 'application/pdf' }));
    return browser.request(path, { method: 'POST', body: form });
  }

  test('an upload is hashed and found (where and when); another file is not; a pasted sha256 works; bad input is named', async () => {
    const bytes = pdf(`check ${unique('')}`);
    const doc = await publishDoc(org.ctx, 'check', bytes);
    const second = await publishDoc(org.ctx, 'check-2');
    const anon = new TestBrowser(env, org.host);

    const same = await postCheck(anon, `/publications/${doc.id}/check`, {}, bytes);
    assert.equal(same.status, 200);
    const sameHtml = await same.text();
    assert.match(sameHtml, /ตรงกัน: ไฟล์นี้คือไฟล์ของรายการนี้/);
    assert.ok(sameHtml.includes(doc.sha256));

    // The file of another entry, checked on this one: not this, but there.
    const elsewhere = await (await postCheck(anon, `/publications/${doc.id}/check`, {}, bytes)).text();
    assert.ok(elsewhere.includes(doc.sha256));
    const wrong = await (await postCheck(anon, `/publications/${second.id}/check`, {}, bytes)).text();
    assert.match(wrong, /ไม่ตรงกับไฟล์ของรายการนี้/);
    assert.ok(wrong.includes(`href="/publications/${doc.id}"`), 'and says where it was published');

    const unknown = await (await postCheck(anon, '/publications/check', {}, pdf('never published'))).text();
    assert.match(unknown, /ไม่พบไฟล์นี้ในบันทึกการเผยแพร่/);

    // sha256sum's output, in capitals, pasted.
    const pasted = await postCheck(anon, '/publications/check', { sha256: `${doc.sha256.toUpperCase()}  copy.pdf` });
    assert.equal(pasted.status, 200);
    const pastedHtml = await pasted.text();
    assert.match(pastedHtml, /พบไฟล์นี้ในบันทึกการเผยแพร่ 1 รายการ/);
    assert.ok(pastedHtml.includes(`href="/publications/${doc.id}"`));

    const bad = await postCheck(anon, '/publications/check', { sha256: 'not-a-hash' });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /ค่า SHA-256 ต้องเป็นตัวอักษร 0–9 หรือ a–f จำนวน 64 ตัว/);
    assert.ok(badHtml.includes('value="not-a-hash"'), 'the form is shown again with what was typed');
    const nothing = await postCheck(anon, '/publications/check', {});
    assert.equal(nothing.status, 422);
    assert.match(await nothing.text(), /กรุณาเลือกไฟล์ หรือวางค่า SHA-256/);

    // Another organization's log does not know this file; an id of another organization is a 404.
    const there = new TestBrowser(env, other.host);
    assert.match(await (await postCheck(there, '/publications/check', { sha256: doc.sha256 })).text(), /ไม่พบไฟล์นี้/);
    const foreign = await publishDoc(other.ctx, 'foreign');
    assert.equal((await postCheck(anon, `/publications/check`, { sha256: foreign.sha256 })).status, 200);
    const token = await anon.csrf('/publications/check');
    const form = new FormData();
    form.append('_csrf', token);
    form.append('sha256', foreign.sha256);
    assert.equal((await anon.request(`/publications/${foreign.id}/check`, { method: 'POST', body: form })).status, 404);

    // Malay page too.
    await anon.get('/lang/ms?next=/');
    assert.match(await (await anon.get('/publications/check')).text(), /Semak fail dengan log penerbitan/);
  });

  test('parseSha256 reads what people paste', () => {
    const h = sha('x');
    assert.equal(parseSha256(h), h);
    assert.equal(parseSha256(`  ${h.toUpperCase()} *file.pdf`), h);
    assert.equal(parseSha256(h.match(/../g)?.join(' ') ?? ''), h, 'certutil with spaces between bytes');
    assert.equal(parseSha256(`SHA256 hash of file.pdf:\n${h}\nCertUtil: -hashfile command completed successfully.`), h);
    assert.equal(parseSha256(h.slice(1)), null);
    assert.equal(parseSha256(`${h}0`), null);
    assert.equal(parseSha256(''), null);
  });
});

describe('the public log shows kinds, versions and withdrawals; CSV and API carry them', () => {
  test('news versions and a withdrawal: kinds, the live page link, CSV kind/action/ref, API publications.log', async () => {
    const o = await createTestOrg(env);
    const doc = await publishDoc(o.ctx, 'kinds');
    const n1 = await publishNews(o.ctx, 41, 'ข่าวรับสมัครงาน');
    const n2 = await publishNews(o.ctx, 41, 'ข่าวรับสมัครงาน (แก้)', { publicationId: n1.id, reason: 'แก้วันปิดรับสมัคร' });
    const w = await withdrawAny(o.ctx, n2.id, 'ยกเลิกการรับสมัคร');
    assert.equal(sourceHref(n2), '/news/41');
    const anon = new TestBrowser(env, o.host);
    const html = await (await anon.get('/publications')).text();
    assert.match(html, /ข่าว\/ประกาศ/);
    assert.match(html, /เอกสาร/);
    assert.ok(html.includes('href="/news/41"'), 'content links to its live page');
    assert.ok(html.includes('ยกเลิกการรับสมัคร') && html.includes('แก้วันปิดรับสมัคร'));
    assert.ok(html.includes(`<code class="mono">${w.chainLink}</code>`), 'the head is the newest stored link');

    const res = await anon.get('/publications/log.csv');
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())).replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split('\r\n');
    assert.equal(header, LOG_CSV_COLUMNS.join(','));
    const rows = lines.map((l) => l.split(','));
    const i = (c: (typeof LOG_CSV_COLUMNS)[number]) => LOG_CSV_COLUMNS.indexOf(c);
    const wRow = rows.find((r) => r[0] === String(w.id));
    assert.equal(wRow?.[i('kind')], 'news');
    assert.equal(wRow?.[i('action')], 'withdraw');
    assert.equal(wRow?.[i('withdraws')], String(n2.id));
    assert.equal(wRow?.[i('ref')], `withdraws:${n2.id}`);
    assert.equal(rows.find((r) => r[0] === String(n2.id))?.[i('source_url')], `http://${o.host}/news/41`);
    assert.equal(rows.find((r) => r[0] === String(doc.id))?.[i('kind')], 'document');
    let prev = CHAIN_GENESIS;
    for (const r of rows) {
      prev = sha(`${prev}|${r[0]}|${r[i('sha256')]}|${r[i('published_at')]}|${r[i('ref')]}`);
      assert.equal(r[i('chain')], prev);
    }

    const api = await anon.get('/api/publications/log');
    assert.equal(api.status, 200);
    const body = (await api.json()) as {
      head: string;
      count: number;
      items: { id: number; kind: string; action: string; chain: string }[];
    };
    assert.equal(body.count, 4);
    assert.equal(body.head, prev);
    assert.deepEqual(
      body.items.map((x) => [x.id, x.kind, x.action]),
      [
        [doc.id, 'document', 'publish'],
        [n1.id, 'news', 'publish'],
        [n2.id, 'news', 'publish'],
        [w.id, 'news', 'withdraw'],
      ],
    );
    // The snapshot is JSON, downloaded as .json; its entry page says what it is.
    const file = await anon.get(`/publications/${n1.id}/file`);
    assert.match(file.headers.get('content-type') ?? '', /application\/json/);
    assert.match(file.headers.get('content-disposition') ?? '', /\.json/);
    const wPage = await (await anon.get(`/publications/${w.id}`)).text();
    assert.match(wPage, new RegExp(`การถอนการเผยแพร่ของรายการ #${n2.id}`));
    const n2Page = await (await anon.get(`/publications/${n2.id}`)).text();
    assert.match(n2Page, /ถอนการเผยแพร่แล้ว/);
    assert.ok(n2Page.includes('href="/news/41"'));
  });

  test('superseding through the existing command keeps working and stays verifiable', async () => {
    const o = await createTestOrg(env);
    const old = await publishDoc(o.ctx, 'sup');
    const fresh = await supersedePublication(o.ctx, old.id, { reason: 'แก้ตาราง', bytes: pdf(`sup2 ${unique('')}`), fileName: 'n.pdf' });
    assert.ok(fresh.chainLink);
    assert.ok((await verifyOrg(o)).ok);
  });
});
