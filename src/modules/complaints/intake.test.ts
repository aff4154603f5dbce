import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { flushAnonymousTallies } from '../../core/audit/anonymous.js';
import { auditLog } from '../../core/audit/schema.js';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { MIN_FILL_MS } from '../../core/http/anti-spam.js';
import { notifications } from '../../core/notify/schema.js';
import { exifWithGps, jpegWithGps } from '../../core/storage/exif-fixtures.js';
import { files as storedFiles } from '../../core/storage/schema.js';
import {
  createTestEnv,
  createTestOrg,
  createTestUser,
  TestBrowser,
  type TestEnv,
  type TestOrg,
  type TestUser,
} from '../../testing/harness.js';
import { openIdentity } from './identity.js';
import { SUBMIT_LIMIT, submitComplaint } from './intake.js';
import { receiptHash } from './receipt.js';
import { ATTACHMENT_BYTES_MAX, ATTACHMENTS_MAX } from './rules.js';
import { complaintAttachments, complaintEntries, complaintRoutes, complaints } from './schema.js';
import type { ComplaintSubmission } from './types.js';

let env: TestEnv;
let org: TestOrg;
let officerA: TestUser;
let officerB: TestUser;
let clock = new Date('2026-11-26T14:37:12+07:00'); // FY 2570
const tick = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let ipCounter = 0;
/** A new client address (rate limits are per address; TRUST_PROXY=1 reads it from X-Forwarded-For). */
const newIp = () => `203.0.113.${++ipCounter}`;

before(async () => {
  env = await createTestEnv({ now: () => clock, env: { TRUST_PROXY: '1' } });
  org = await createTestOrg(env);
  officerA = await createTestUser(env, org, ['complaint_officer']);
  officerB = await createTestUser(env, org, ['complaint_officer', 'division_head']);
  await createTestUser(env, org, ['admin', 'executive']);
});
after(() => env.close());

const valid = (over: Partial<ComplaintSubmission> = {}): ComplaintSubmission => ({
  category: 'bribery',
  subject: 'เรียกเงินค่าอนุญาตก่อสร้าง',
  description: 'เจ้าหน้าที่กองช่างเรียกเงิน 3,000 บาท เพื่อเร่งออกใบอนุญาตก่อสร้างบ้าน โดยไม่มีใบเสร็จ',
  occurredWhen: 'ต้นเดือนพฤศจิกายน 2569',
  place: 'ที่ทำการ อบต.',
  involved: 'นายช่างโยธา',
  ...over,
});

const publicCtx = (ip: string | null = null) => ({ app: env.services, orgId: org.org.id, actor: null, ip });

async function countComplaints(o = org) {
  return (await env.services.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.orgId, o.org.id))).length;
}

async function fieldsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; fields?: { field: string; message: string; params?: Record<string, unknown> }[] };
    assert.equal(err.status, 422, String(e));
    return (err.fields ?? []).map((f) => `${f.field}:${f.message}`);
  }
  assert.fail('expected a validation error');
}

/** A browser posting the complaint form as multipart, with the token of the page it was given. */
async function openForm(b: TestBrowser) {
  const res = await b.get('/complaints');
  assert.equal(res.status, 200);
  const html = b.lastHtml;
  const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token && csrf);
  return { token, csrf, html };
}

async function postForm(
  b: TestBrowser,
  form: { token: string; csrf: string },
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array }[] = [],
  ip = newIp(),
) {
  const body = new FormData();
  body.append('_csrf', form.csrf);
  body.append('form_token', form.token);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append('attachments', new File([f.bytes], f.name));
  const res = await b.request('/complaints', { method: 'POST', body, headers: { 'x-forwarded-for': ip } });
  if ((res.headers.get('content-type') ?? '').includes('text/html')) b.lastHtml = await res.clone().text();
  return res;
}

const formFields = (over: Record<string, string> = {}) => ({
  category: 'procurement',
  subject: 'ฮั้วประมูลโครงการถนนหมู่ 3',
  description: 'ผู้รับเหมาสามรายเสนอราคาใกล้เคียงกันผิดปกติ และเป็นญาติกับกรรมการตรวจรับ',
  identityMode: 'anonymous',
  website: '',
  ...over,
});

describe('complaint intake (service)', () => {
  test('an anonymous complaint: stored with the day only, the receipt hash, fiscal year, deadline, audit anonymous, officers told nothing of it', async () => {
    const before = await countComplaints();
    const out = await submitComplaint(publicCtx(), valid());
    assert.match(out.receiptCode, /^\d{16}$/);
    assert.equal(await countComplaints(), before + 1);
    const [row] = await env.services.db
      .select()
      .from(complaints)
      .where(and(eq(complaints.orgId, org.org.id), eq(complaints.id, out.id)));
    assert.ok(row);
    assert.equal(row.receiptHash, receiptHash(env.services, out.receiptCode));
    assert.notEqual(row.receiptHash, out.receiptCode);
    assert.equal(row.channel, 'web');
    assert.equal(row.status, 'received');
    assert.equal(row.identitySealed, null);
    assert.equal(row.mayContact, false);
    assert.equal(row.fiscalYear, 2570);
    assert.equal(row.receivedOn, '2026-11-26');
    // Nothing finer than the day: created at Bangkok midnight; the deadline the end of the 7th day after.
    assert.equal(row.createdAt.toISOString(), '2026-11-25T17:00:00.000Z');
    assert.equal(row.ackDueAt.toISOString(), '2026-12-03T17:00:00.000Z');
    assert.equal(row.assignedUserId, null);
    const entries = await env.services.db
      .select()
      .from(complaintEntries)
      .where(and(eq(complaintEntries.orgId, org.org.id), eq(complaintEntries.complaintId, out.id)));
    assert.deepEqual(
      entries.map((e) => [e.kind, e.status, e.fromReporter]),
      [['status', 'received', false]],
    );

    // No entry of its own: the day's count enters the chain after the day.
    await flushAnonymousTallies(env.services, '9999-12-31');
    const [audit] = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'complaints.submit')))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.ok(audit);
    assert.equal(audit.actorUserId, null);
    assert.equal(audit.actorLabel, 'anonymous');
    assert.equal(audit.ip, null);
    assert.doesNotMatch(JSON.stringify(audit), /เรียกเงิน|อนุญาต|3,000|นายช่าง/);

    // Unassigned: every officer is told "a new complaint" — nothing of its content; no one else.
    const notes = await env.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, org.org.id), eq(notifications.kind, 'complaints.new')));
    const to = new Set(notes.map((n) => n.userId));
    assert.ok(to.has(officerA.userId) && to.has(officerB.userId));
    assert.equal(to.size, 2);
    assert.doesNotMatch(JSON.stringify(notes), /เรียกเงิน|อนุญาต|นายช่าง/);
  });

  test('a signed-in staff member files anonymously too: no user in the row, the files or the audit entry', async () => {
    const staff = await createTestUser(env, org, ['staff']);
    const ctx = { ...publicCtx(), actor: { userId: staff.userId, orgId: org.org.id, roles: ['staff'] } } as never;
    const out = await submitComplaint(ctx, valid(), [{ name: 'x.jpg', bytes: jpegWithGps() }]);
    await flushAnonymousTallies(env.services, '9999-12-31');
    const audits = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'complaints.submit')));
    assert.ok(audits.length > 0);
    assert.ok(
      audits.every((a) => a.actorUserId === null && a.entityId === null && a.ip === null),
      String(out.id),
    );
    const [att] = await env.services.db.select().from(complaintAttachments).where(eq(complaintAttachments.complaintId, out.id));
    const [file] = await env.services.db
      .select()
      .from(storedFiles)
      .where(eq(storedFiles.id, att?.fileId ?? 0));
    assert.equal(file?.createdBy, null);
  });

  test('an identity is sealed in the row (not readable in plain) and opens only with its own context', async () => {
    const out = await submitComplaint(
      publicCtx(),
      valid({ identity: { name: 'นางสาวซูไฮลา ดอเลาะ', phone: '081 234 5678', email: 'suhaila@example.com' }, mayContact: true }),
    );
    const [row] = await env.services.db.select().from(complaints).where(eq(complaints.id, out.id));
    assert.ok(row?.identitySealed);
    assert.doesNotMatch(row.identitySealed, /ซูไฮลา|081|suhaila/);
    assert.doesNotMatch(JSON.stringify(row), /ซูไฮลา|suhaila/);
    assert.equal(row.mayContact, true);
    assert.deepEqual(openIdentity(env.services, org.org.id, out.id, row.identitySealed), {
      name: 'นางสาวซูไฮลา ดอเลาะ',
      phone: '081 234 5678',
      email: 'suhaila@example.com',
    });
    assert.throws(() => openIdentity(env.services, org.org.id, out.id + 1, row.identitySealed as string));
    // Empty identity fields: anonymous after all; "may contact" without a way to contact is refused.
    const anon = await submitComplaint(publicCtx(), valid({ identity: { name: '  ', phone: '' } }));
    const [a] = await env.services.db.select().from(complaints).where(eq(complaints.id, anon.id));
    assert.equal(a?.identitySealed, null);
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid({ identity: { name: 'ก' }, mayContact: true }))), [
      'mayContact:complaints.form.errors.contactNeeded',
    ]);
  });

  test('routing: the category officer gets it and is the only one notified', async () => {
    await env.services.db.insert(complaintRoutes).values({ orgId: org.org.id, category: 'conflict_of_interest', userId: officerB.userId });
    const out = await submitComplaint(publicCtx(), valid({ category: 'conflict_of_interest' }));
    const [row] = await env.services.db.select().from(complaints).where(eq(complaints.id, out.id));
    assert.equal(row?.assignedUserId, officerB.userId);
    const notes = await env.services.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, org.org.id), eq(notifications.kind, 'complaints.new')))
      .orderBy(desc(notifications.id))
      .limit(1);
    assert.equal(notes[0]?.userId, officerB.userId);
  });

  test('every bad input is refused naming the field, and nothing is stored', async () => {
    const before = await countComplaints();
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), { category: '' as never, subject: '  ', description: '' })), [
      'category:core.validation.choose',
      'subject:core.validation.required',
      'description:core.validation.required',
    ]);
    assert.deepEqual(
      await fieldsOf(
        submitComplaint(
          publicCtx(),
          valid({
            category: 'gossip' as never,
            subject: 'ก'.repeat(201),
            description: 'สั้นไป',
            place: 'ก'.repeat(501),
            identity: { email: 'not-an-address', phone: 'abc' },
          }),
        ),
      ),
      [
        'category:core.validation.invalid',
        'subject:core.validation.tooLong',
        'description:core.validation.tooShort',
        'place:core.validation.tooLong',
        'phone:core.validation.invalidPhone',
        'email:core.validation.invalidEmail',
      ],
    );
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid({ description: 'ก'.repeat(10_001) }))), [
      'description:core.validation.tooLong',
    ]);
    // Files: an .exe renamed .jpg, an oversize file, too many files, an empty one, a broken picture.
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(200).fill(0)]);
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid(), [{ name: 'หลักฐาน.jpg', bytes: exe }])), [
      'attachments:complaints.form.errors.fileType',
    ]);
    const big = new Uint8Array(ATTACHMENT_BYTES_MAX + 1);
    big.set(jpegWithGps());
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid(), [{ name: 'big.jpg', bytes: big }])), [
      'attachments:complaints.form.errors.fileTooLarge',
    ]);
    const many = Array.from({ length: ATTACHMENTS_MAX + 1 }, (_, i) => ({ name: `p${i}.jpg`, bytes: jpegWithGps() }));
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid(), many)), ['attachments:complaints.form.errors.tooManyFiles']);
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid(), [{ name: 'empty.pdf', bytes: new Uint8Array() }])), [
      'attachments:complaints.form.errors.fileEmpty',
    ]);
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), Buffer.from('Exif\0\0junk')]);
    assert.deepEqual(await fieldsOf(submitComplaint(publicCtx(), valid(), [{ name: 'broken.jpg', bytes: broken }])), [
      'attachments:complaints.form.errors.fileBroken',
    ]);
    // The message names the file.
    try {
      await submitComplaint(publicCtx(), valid(), [{ name: 'หลักฐาน.jpg', bytes: exe }]);
    } catch (e) {
      assert.equal((e as { fields: { params: { file: string } }[] }).fields[0]?.params.file, 'หลักฐาน.jpg');
    }
    assert.equal(await countComplaints(), before);
  });

  test('attachments: type by content, EXIF GPS removed, the original name not kept, PDFs kept as sent', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const tagged = jpegWithGps();
    assert.ok(tagged.includes(exifWithGps().subarray(0, 8)) || tagged.includes(Buffer.from('Exif')));
    const out = await submitComplaint(publicCtx(), valid(), [
      { name: 'บ้านนายก-ถ่ายที่ 6.4235N.jpg', bytes: tagged },
      { name: 'สัญญา.pdf', bytes: pdf },
    ]);
    const rows = await env.services.db
      .select({
        fileId: complaintAttachments.fileId,
        fromReporter: complaintAttachments.fromReporter,
        createdAt: complaintAttachments.createdAt,
      })
      .from(complaintAttachments)
      .where(and(eq(complaintAttachments.orgId, org.org.id), eq(complaintAttachments.complaintId, out.id)))
      .orderBy(complaintAttachments.id);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.fromReporter && r.createdAt.toISOString() === '2026-11-25T17:00:00.000Z'));
    const stored = [];
    for (const r of rows) {
      const [f] = await env.services.db.select().from(storedFiles).where(eq(storedFiles.id, r.fileId));
      assert.ok(f);
      stored.push({ f, bytes: await env.services.files.read(f.sha256) });
    }
    assert.equal(stored[0]?.f.name, 'attachment-1.jpg');
    assert.equal(stored[0]?.f.mime, 'image/jpeg');
    assert.ok(!stored[0]?.bytes.includes(Buffer.from('Exif')), 'EXIF gone');
    assert.ok(!stored[0]?.bytes.includes(Buffer.from('ProngsaiCam')));
    assert.equal(stored[1]?.f.name, 'attachment-2.pdf');
    assert.deepEqual(Buffer.from(stored[1]?.bytes ?? []), pdf);
    assert.doesNotMatch(JSON.stringify(stored.map((s) => s.f)), /บ้านนายก|สัญญา/);
  });
});

describe('complaint form (pages, anti-spam, receipt)', () => {
  test('the form in th, en, ms without JavaScript: labels, honeypot hidden, a token; no script', async () => {
    const b = new TestBrowser(env, org.host);
    for (const [lang, words] of [
      ['th', ['แจ้งเรื่องร้องเรียน', 'ประเภทเรื่อง', 'ไม่เปิดเผยตัวตน', 'ส่งเรื่องร้องเรียน', 'Traffy Fondue']],
      ['en', ['File a complaint', 'Type of complaint', 'Stay anonymous', 'Send the complaint']],
      ['ms', ['Hantar aduan', 'Jenis aduan', 'Tidak mendedahkan identiti']],
    ] as const) {
      await b.get(`/lang/${lang}?next=/complaints`);
      const { html } = await openForm(b);
      for (const w of words) assert.ok(html.includes(w), `${lang}: ${w}`);
      assert.match(html, /enctype="multipart\/form-data"/);
      assert.match(html, /<div class="complaints-hp" aria-hidden="true"><label for="f-hp">/);
      assert.match(html, /name="website" value="" tabindex="-1"/);
      assert.match(html, /<input[^>]*name="attachments"[^>]*multiple/);
    }
    await b.get('/lang/th?next=/complaints');
    const guide = await b.get('/complaints/guide');
    assert.equal(guide.status, 200);
    assert.match(b.lastHtml, /แนวปฏิบัติการจัดการเรื่องร้องเรียน/);
    assert.match(b.lastHtml, /ภายใน 7 วัน/);
  });

  test('too fast, honeypot, forged, expired, replayed → refused with a message and nothing stored; a person gets the receipt once', async () => {
    const b = new TestBrowser(env, org.host);
    const before = await countComplaints();
    const form = await openForm(b);
    // Too fast: a script, not a person.
    tick(MIN_FILL_MS - 1000);
    let res = await postForm(b, form, formFields());
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /ส่งแบบฟอร์มเร็วเกินไป/);
    assert.match(b.lastHtml, /ฮั้วประมูลโครงการถนนหมู่ 3/, 'the values are kept');
    tick(5000);
    // The honeypot filled.
    res = await postForm(b, form, formFields({ website: 'http://spam.example' }));
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /ไม่สามารถรับแบบฟอร์มนี้ได้/);
    // A forged token.
    res = await postForm(b, { ...form, token: form.token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, formFields());
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /แบบฟอร์มไม่สมบูรณ์/);
    // A validation error gives the token back: the corrected form goes through with it.
    res = await postForm(b, form, formFields({ subject: '' }));
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /กรุณากรอกเรื่อง/);
    assert.equal(await countComplaints(), before);
    res = await postForm(b, form, formFields());
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/complaints/receipt');
    assert.equal(await countComplaints(), before + 1);
    // Replayed.
    res = await postForm(b, form, formFields());
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /แบบฟอร์มนี้ส่งไปแล้ว/);
    assert.equal(await countComplaints(), before + 1);

    // The receipt: the code once, big and grouped; then gone.
    const receipt = await b.get('/complaints/receipt');
    assert.equal(receipt.status, 200);
    assert.equal(receipt.headers.get('cache-control'), 'no-store');
    const code = /data-receipt-code="(\d{16})"/.exec(b.lastHtml)?.[1];
    assert.ok(code);
    assert.match(b.lastHtml, new RegExp(`<span class="receipt-box__group">${code.slice(0, 4)}</span>`));
    const [row] = await env.services.db
      .select()
      .from(complaints)
      .where(and(eq(complaints.orgId, org.org.id), eq(complaints.receiptHash, receiptHash(env.services, code))));
    assert.equal(row?.category, 'procurement');
    assert.equal(row?.identitySealed, null);
    const pdfToken = /name="t" value="([^"]+)"/.exec(b.lastHtml)?.[1];
    assert.ok(pdfToken);
    await b.get('/complaints/receipt');
    assert.doesNotMatch(b.lastHtml, /data-receipt-code/);
    assert.match(b.lastHtml, /หน้านี้แสดงรหัสรับเรื่องแล้ว/);

    // The PDF receipt: the code, the date, the category — nothing of the content.
    const pdf = await b.post('/complaints/receipt.pdf', { t: pdfToken }, { csrf: form.csrf });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    if (!popplerMissing()) {
      const text = squash(pdfText(bytes)).replace(/\u200b/g, '');
      assert.ok(text.includes(squash(code.replace(/(\d{4})(?=\d)/g, '$1 '))), text);
      assert.match(text, /ใบรับเรื่องร้องเรียน/);
      assert.match(text, /การจัดซื้อจัดจ้างไม่โปร่งใส/);
      assert.match(text, /๒๖พฤศจิกายน๒๕๖๙/);
      assert.doesNotMatch(text, /ฮั้ว|ผู้รับเหมา/);
    }
    // A forged PDF token gives nothing.
    assert.equal(
      (
        await b.post(
          '/complaints/receipt.pdf',
          { t: `${pdfToken.slice(0, 20)}${pdfToken[20] === 'A' ? 'B' : 'A'}${pdfToken.slice(21)}` },
          { csrf: form.csrf },
        )
      ).status,
      410,
    );

    // Expired: a form open more than two hours.
    const late = await openForm(b);
    tick(2 * 60 * 60 * 1000 + 1000);
    res = await postForm(b, late, formFields());
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /เกิน 2 ชั่วโมง/);
    assert.equal(await countComplaints(), before + 1);
  });

  test('a named complaint through the form: identity sealed; "anonymous" discards what was typed in the identity fields', async () => {
    const b = new TestBrowser(env, org.host);
    let form = await openForm(b);
    tick(4000);
    let res = await postForm(
      b,
      form,
      formFields({ identityMode: 'named', name: 'นายอับดุลเลาะ สาและ', phone: '0812345678', 'mayContact[]': 'yes' }),
    );
    assert.equal(res.status, 303);
    const [named] = await env.services.db
      .select()
      .from(complaints)
      .where(eq(complaints.orgId, org.org.id))
      .orderBy(desc(complaints.id))
      .limit(1);
    assert.ok(named?.identitySealed);
    assert.equal(named.mayContact, true);
    assert.deepEqual(openIdentity(env.services, org.org.id, named.id, named.identitySealed), {
      name: 'นายอับดุลเลาะ สาและ',
      phone: '0812345678',
    });
    form = await openForm(b);
    tick(4000);
    res = await postForm(b, form, formFields({ identityMode: 'anonymous', name: 'นายอับดุลเลาะ สาและ' }), [
      { name: 'x.jpg', bytes: jpegWithGps() },
    ]);
    assert.equal(res.status, 303);
    const [anon] = await env.services.db
      .select()
      .from(complaints)
      .where(eq(complaints.orgId, org.org.id))
      .orderBy(desc(complaints.id))
      .limit(1);
    assert.equal(anon?.identitySealed, null);
    // A wrong file through the form: 422, the file named, nothing stored.
    form = await openForm(b);
    tick(4000);
    const n = await countComplaints();
    res = await postForm(b, form, formFields(), [{ name: 'setup.jpg', bytes: new Uint8Array([0x4d, 0x5a, ...new Array(300).fill(1)]) }]);
    assert.equal(res.status, 422);
    assert.match(b.lastHtml, /setup\.jpg/);
    assert.equal(await countComplaints(), n);
  });

  test('rate limit per address: the sixth submission within the hour is refused with a message', async () => {
    const b = new TestBrowser(env, org.host);
    const ip = newIp();
    for (let i = 0; i < SUBMIT_LIMIT; i++) {
      const form = await openForm(b);
      tick(4000);
      assert.equal((await postForm(b, form, formFields(), [], ip)).status, 303);
    }
    const n = await countComplaints();
    const form = await openForm(b);
    tick(4000);
    const res = await postForm(b, form, formFields(), [], ip);
    assert.equal(res.status, 429);
    assert.match(b.lastHtml, /ส่งเรื่องจากเครือข่ายนี้บ่อยเกินไป/);
    assert.equal(await countComplaints(), n);
    // Another address is not affected.
    const again = await openForm(b);
    tick(4000);
    assert.equal((await postForm(b, again, formFields(), [], newIp())).status, 303);
  });

  test('API complaints.submit: JSON without files, multipart with files; bad input 422 naming the field', async () => {
    const ip = newIp();
    const headers = { host: org.host, 'content-type': 'application/json', 'x-forwarded-for': ip };
    let res = await env.app.request('/api/complaints', { method: 'POST', headers, body: JSON.stringify(valid()) });
    assert.equal(res.status, 201, await res.clone().text());
    const body = (await res.json()) as { receiptCode: string; receivedOn: string; ackDueOn: string; category: string };
    assert.match(body.receiptCode, /^\d{16}$/);
    assert.equal(body.category, 'bribery');
    assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(body.receivedOn) && /^\d{4}-\d{2}-\d{2}$/.test(body.ackDueOn));
    res = await env.app.request('/api/complaints', {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...valid(), description: 'สั้น' }),
    });
    assert.equal(res.status, 422);
    const err = (await res.json()) as { error: { fields: { field: string }[] } };
    assert.deepEqual(
      err.error.fields.map((f) => f.field),
      ['description'],
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(valid({ category: 'misconduct' }))) form.append(k, String(v));
    form.append('identity[name]', 'นายเจ๊ะมะ');
    form.append('attachments', new File([jpegWithGps()], 'a.jpg'));
    form.append('attachments', new File([jpegWithGps()], 'b.jpg'));
    // Multipart is not JSON: the API takes it with a bearer token only (the CSRF rule); the complaint is anonymous all the same.
    res = await env.app.request('/api/complaints', { method: 'POST', headers: { host: org.host, 'x-forwarded-for': ip }, body: form });
    assert.equal(res.status, 403);
    const relay = await createTestUser(env, org, ['staff']);
    const login = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { host: org.host, 'content-type': 'application/json' },
      body: JSON.stringify({ username: relay.username, password: relay.password }),
    });
    const { token } = (await login.json()) as { token: string };
    res = await env.app.request('/api/complaints', {
      method: 'POST',
      headers: { host: org.host, 'x-forwarded-for': ip, authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(res.status, 201, await res.clone().text());
    const [row] = await env.services.db
      .select()
      .from(complaints)
      .where(eq(complaints.orgId, org.org.id))
      .orderBy(desc(complaints.id))
      .limit(1);
    assert.equal(row?.category, 'misconduct');
    assert.ok(row?.identitySealed);
    const atts = await env.services.db.select().from(complaintAttachments).where(eq(complaintAttachments.complaintId, row.id));
    assert.equal(atts.length, 2);
    // Even through a signed-in token: no entry naming the case or the caller, only the day's count.
    const named = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.entityId, String(row.id)), eq(auditLog.action, 'complaints.submit')));
    assert.equal(named.length, 0);
  });
});
