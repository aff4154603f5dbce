import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import notificationsModule from '../../modules/notifications/module.js';
import { retryFailedMail } from '../../modules/notifications/service.js';
import { staffMembers } from '../../modules/staff/schema.js';
import { createTestEnv, createTestOrg, createTestUser, type TestEnv, type TestOrg, unique } from '../../testing/harness.js';
import { runCommand } from '../command.js';
import { claimDueMail, MAX_ATTEMPTS, Mailer, mailerWorker, retryDelayMs } from './mailer.js';
import { enqueueMail, notify } from './notify.js';
import { mailOutbox } from './schema.js';

/**
 * The mailer against a real SMTP server (smtp-server, in this process). The clock is the app's
 * test clock: "30 seconds later" is a step of the clock, never a sleep.
 */

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives; can go down and come back on its port. */
class SmtpSink {
  received: Received[] = [];
  private server: SMTPServer | null = null;
  constructor(
    public port = 0,
    private delayMs = 0,
  ) {}

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1000,
      disableReverseLookup: true,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          setTimeout(() => callback(), this.delayMs);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const addr = server.server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string) {
    return this.received.filter((m) => m.to.includes(address));
  }

  /** Resolves when a message to this address has been received (before the server answers it). */
  arrival(address: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.to(address).length > 0 ? resolve() : setTimeout(check, 2));
      check();
    });
  }
}

/** A port nothing listens on (taken from the OS, then released): the mail server is "down". */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const addr = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (!addr || typeof addr !== 'object') throw new Error('no port');
  return addr.port;
}

/** The parts of a message a person reads, decoded: the Subject's encoded words and the body's transfer encoding. */
function decodeMessage(raw: string): { subject: string; text: string; headers: Map<string, string> } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const subject = (headers.get('subject') ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQ(data.replace(/_/g, ' ')),
    );
  const body = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? decodeQ(body.replace(/=\r\n/g, ''))
        : body;
  return { subject, text: text.replace(/\r\n/g, '\n').trimEnd(), headers };
}

function decodeQ(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

let env: TestEnv;
let org: TestOrg;
let clock = new Date();
const sinks: SmtpSink[] = [];
const mailers: Mailer[] = [];

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
});
after(async () => {
  for (const m of mailers) await m.stop();
  for (const s of sinks) await s.stop();
  await env.close();
});

const tick = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function sink(opts: { port?: number; delayMs?: number } = {}): Promise<SmtpSink> {
  const s = new SmtpSink(opts.port, opts.delayMs);
  sinks.push(s);
  await s.start();
  return s;
}

function mailer(smtpUrl: string | undefined, opts: { batchSize?: number } = {}): Mailer {
  const m = new Mailer(env.services, { smtpUrl, from: 'อบต.ทดสอบ <no-reply@test.go.th>', pollMs: 60_000, sendTimeoutMs: 5_000, ...opts });
  mailers.push(m);
  return m;
}

const rowsTo = (to: string) => env.services.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
const queue = (to: string, subject = 'ทดสอบ', text = 'ข้อความ') =>
  enqueueMail(env.services.db, { orgId: org.org.id, to, subject, text, now: clock });

describe('mailer', () => {
  test('retries wait 30 s, 1 min, 2 min … and never more than an hour', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(retryDelayMs(8), 3_600_000);
    assert.equal(retryDelayMs(MAX_ATTEMPTS), 3_600_000);
  });

  test('a notification e-mail reaches the SMTP server with its Thai subject and body intact', async () => {
    const smtp = await sink();
    const user = await createTestUser(env, org, ['staff']);
    const to = `${unique('fatimoh')}@example.go.th`;
    await env.services.db
      .update(staffMembers)
      .set({ email: to })
      .where(and(eq(staffMembers.orgId, org.org.id), eq(staffMembers.id, user.staffId)));
    const title = 'แจ้งเตือน: มาตรการ "ประชุมประชาคมหมู่บ้าน" ครบกำหนดวันที่ ๓๐ เมษายน ๒๕๖๘';
    const body = 'เรียน นางสาวฟาตีเมาะ หะเดวา\nโปรดแนบรายงานการประชุมและภาพถ่ายก่อนครบกำหนด ขอบคุณค่ะ';
    await runCommand(org.ctx, { action: 'test.remind', allowed: true }, async (tx) => {
      await notify({ ...org.ctx, tx }, { userIds: [user.userId], kind: 'measures.due', title, body, email: true });
      return { result: undefined, entity: 'test', summary: 'เตือน' };
    });

    const pass = await mailer(smtp.url).kick();
    assert.deepEqual(pass, { sent: 1, retrying: 0, gaveUp: 0 });
    const [msg] = smtp.to(to);
    assert.ok(msg, 'delivered');
    const decoded = decodeMessage(msg.raw);
    assert.equal(decoded.subject, title);
    assert.equal(decoded.text, body);
    assert.match(decoded.headers.get('content-type') ?? '', /charset=utf-8/i);
    const [row] = await rowsTo(to);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1);
    assert.ok(row?.sentAt);
    assert.equal(decoded.headers.get('message-id'), `<outbox-${org.org.id}-${row?.id}@test.go.th>`);
  });

  test('while the SMTP server is down the message waits with its error; once it is up and the message is due, it is sent', async () => {
    const port = await freePort();
    const m = mailer(`smtp://127.0.0.1:${port}`);
    const to = `${unique('down')}@example.go.th`;
    await queue(to, 'เรื่องที่ต้องรอ');

    assert.deepEqual(await m.kick(), { sent: 0, retrying: 1, gaveUp: 0 });
    let [row] = await rowsTo(to);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 1);
    assert.match(row?.lastError ?? '', /ECONNREFUSED|ECONNECTION/);
    assert.equal(row?.nextAttemptAt.getTime(), clock.getTime() + 30_000);

    // Not due yet: another pass leaves it alone, even with the server back.
    const smtp = await sink({ port });
    assert.deepEqual(await m.kick(), { sent: 0, retrying: 0, gaveUp: 0 });
    assert.equal(smtp.to(to).length, 0);

    tick(30_000);
    assert.deepEqual(await m.kick(), { sent: 1, retrying: 0, gaveUp: 0 });
    [row] = await rowsTo(to);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 2);
    assert.equal(smtp.to(to).length, 1);
    assert.equal(decodeMessage(smtp.to(to)[0]?.raw ?? '').subject, 'เรื่องที่ต้องรอ');
  });

  test(`after ${MAX_ATTEMPTS} failed attempts the message is marked failed, with its last error kept`, async () => {
    const m = mailer(`smtp://127.0.0.1:${await freePort()}`);
    const to = `${unique('gaveup')}@example.go.th`;
    await queue(to);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const pass = await m.kick();
      assert.equal(pass.retrying + pass.gaveUp, 1, `attempt ${attempt}`);
      const [row] = await rowsTo(to);
      assert.equal(row?.attempts, attempt);
      if (attempt < MAX_ATTEMPTS) {
        assert.equal(row?.status, 'pending');
        assert.equal(row?.nextAttemptAt.getTime(), clock.getTime() + retryDelayMs(attempt));
        tick(retryDelayMs(attempt));
      }
    }
    const [row] = await rowsTo(to);
    assert.equal(row?.status, 'failed');
    assert.ok(row?.lastError);
    tick(24 * 3600_000);
    assert.deepEqual(await m.kick(), { sent: 0, retrying: 0, gaveUp: 0 }, 'a failed message is not tried again by itself');
  });

  test('without SMTP_URL the mail stays queued, untouched', async () => {
    const to = `${unique('nosmtp')}@example.go.th`;
    await queue(to);
    const m = mailer(undefined);
    assert.deepEqual(await m.kick(), { sent: 0, retrying: 0, gaveUp: 0 });
    const [row] = await rowsTo(to);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 0);
  });

  test('a message claimed by a mailer that died is sent by another once the claim runs out: resent, never lost', async () => {
    const smtp = await sink();
    const to = `${unique('crash')}@example.go.th`;
    const id = await queue(to);
    // The dead mailer's claim: the row is leased for a minute and nobody marks it.
    const claimed = await claimDueMail(env.services.db, { now: clock, limit: 1000, leaseMs: 60_000 });
    assert.ok(claimed.some((r) => r.id === id));
    const m = mailer(smtp.url);
    await m.kick();
    assert.equal(smtp.to(to).length, 0, 'not while the claim holds');
    tick(60_000);
    await m.kick();
    assert.equal(smtp.to(to).length, 1);
    const [row] = await rowsTo(to);
    assert.equal(row?.status, 'sent');
  });

  test('two mailers working the outbox at once never send a message twice', async () => {
    const smtp = await sink({ delayMs: 5 });
    const addresses = Array.from({ length: 30 }, (_, i) => `${unique(`both${i}x`)}@example.go.th`);
    const ids = [];
    for (const a of addresses) ids.push(await queue(a, `เรื่องที่ ${a}`));
    // Small batches so the two interleave; on PostgreSQL they claim on separate connections.
    const [a, b] = [mailer(smtp.url, { batchSize: 2 }), mailer(smtp.url, { batchSize: 2 })];
    const [pa, pb] = await Promise.all([a.kick(), b.kick()]);
    assert.equal(pa.sent + pb.sent >= addresses.length, true);
    for (const address of addresses) assert.equal(smtp.to(address).length, 1, `${address} received exactly one copy`);
    const rows = await env.services.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
    assert.equal(rows.length, addresses.length);
    for (const r of rows) {
      assert.equal(r.status, 'sent');
      assert.equal(r.attempts, 1, 'claimed exactly once');
    }
  });

  test('"retry failed now" puts failed mail back and wakes the running mailer at once', { timeout: 20_000 }, async () => {
    const smtp = await sink();
    const own = await createTestOrg(env); // an organization whose only failed message is this one
    const to = `${unique('retry')}@example.go.th`;
    await env.services.db
      .insert(mailOutbox)
      .values({ orgId: own.org.id, toAddress: to, subject: 'ลองใหม่', textBody: 'x', status: 'failed', attempts: MAX_ATTEMPTS });
    // Polling once an hour: only the wake-up can deliver within this test's time limit.
    const m = new Mailer(env.services, { smtpUrl: smtp.url, pollMs: 3_600_000, sendTimeoutMs: 5_000 });
    mailers.push(m);
    m.start();
    await m.kick(); // the start-up pass is over (a failed message is not tried by itself)
    assert.equal(smtp.to(to).length, 0);
    assert.equal(await retryFailedMail(own.ctx), 1);
    await smtp.arrival(to);
    await m.stop(); // waits for the pass, so the row is marked
    const [row] = await rowsTo(to);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1, 'a fresh count of attempts');
  });

  test('the notifications module runs the mailer as its worker', async () => {
    assert.ok(notificationsModule.workers?.includes(mailerWorker));
    // Without SMTP_URL (the test configuration) it starts, does nothing and stops cleanly.
    const stop = mailerWorker(env.services);
    await stop();
  });

  test('a row another server holds locked is skipped, not waited for (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED)', {
    skip: process.env.TEST_DATABASE_URL ? false : 'PGlite runs one transaction at a time in one process: no second server to lock against',
  }, async () => {
    const pool = env.services.database.pool;
    assert.ok(pool);
    const held = await queue(`${unique('held')}@example.go.th`);
    const free = await queue(`${unique('free')}@example.go.th`);
    // Another app server is in the middle of claiming `held`: its transaction holds the row lock.
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM mail_outbox WHERE org_id = $1 AND id = $2 FOR UPDATE', [org.org.id, held]);
      const claimed = await claimDueMail(env.services.db, { now: clock, limit: 1000, leaseMs: 60_000 });
      const ids = claimed.map((r) => r.id);
      assert.ok(ids.includes(free), 'the free row is claimed');
      assert.ok(!ids.includes(held), 'the locked row is skipped');
    } finally {
      await other.query('ROLLBACK');
      other.release();
      // Leave nothing due behind for the next test's mailer.
      await env.services.db.delete(mailOutbox).where(inArray(mailOutbox.id, [held, free]));
    }
  });

  test('stop() waits for the message being sent and its mark, and a stopped mailer claims nothing more', async () => {
    const smtp = await sink({ delayMs: 50 });
    const to = `${unique('stop')}@example.go.th`;
    await queue(to);
    const m = mailer(smtp.url);
    const pass = m.kick();
    await smtp.arrival(to); // the server holds its answer 50 ms: the send is in flight now
    await m.stop();
    const [row] = await rowsTo(to);
    assert.equal(row?.status, 'sent', 'marked before stop() returned');
    assert.equal((await pass).sent, 1);
    const later = `${unique('later')}@example.go.th`;
    await queue(later);
    assert.deepEqual(await m.kick(), { sent: 0, retrying: 0, gaveUp: 0 });
    assert.equal(smtp.to(later).length, 0);
  });
});
