import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import pino from 'pino';
import { createApp } from '../../app.js';
import type { Actor } from '../../core/auth/roles.js';
import { loadConfig } from '../../core/config.js';
import type { AppServices, ServiceContext } from '../../core/context.js';
import { openDatabase } from '../../core/db/client.js';
import { formatSse } from '../../core/events/sse.js';
import type { AppEnv } from '../../core/http/env.js';
import { createRegistry } from '../../core/module.js';
import { closeServices, createServices } from '../../core/services.js';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { modules } from '../index.js';
import { boardSnapshot } from './board.js';
import { openBoardStreams } from './board-api.js';
import { queueTickets } from './schema.js';
import {
  callNext,
  createCounter,
  createService,
  finish,
  issueTicket,
  pauseCounter,
  type QueueService,
  recall,
  resumeCounter,
  startServing,
  updateQueueSettings,
} from './service.js';

/** The display board: its snapshot, its page, and the live stream (SSE) over the event bus. */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// Thursday 26 November 2026, 10:00 in Bangkok.
let clock = new Date('2026-11-26T03:00:00Z');
const tick = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

const staffActor = (o: TestOrg, userId: number): Actor => ({
  orgId: o.org.id,
  userId,
  username: `u${userId}`,
  displayName: `ผู้ทดสอบ ${userId}`,
  roles: ['staff'],
  mustChangePassword: false,
});
let staff: ServiceContext;
let otherStaff: ServiceContext;
let a: QueueService;
let b: QueueService;
let z: QueueService;
let counter1: number;
let counter2: number;
let otherCounter: number;

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env, { name: 'ลูโบะปือซา' });
  other = await createTestOrg(env);
  staff = { app: env.services, orgId: org.org.id, actor: staffActor(org, 901) };
  otherStaff = { app: env.services, orgId: other.org.id, actor: staffActor(other, 902) };
  a = await createService(org.ctx, { name: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ', prefix: 'A', alwaysOpen: true, sortOrder: 1 });
  b = await createService(org.ctx, { name: 'ภาษีที่ดินและสิ่งปลูกสร้าง', prefix: 'B', alwaysOpen: true, sortOrder: 2 });
  counter1 = (await createCounter(org.ctx, { number: 1, name: 'สวัสดิการ', serviceIds: [a.id] })).id;
  counter2 = (await createCounter(org.ctx, { number: 2, name: 'การคลัง', serviceIds: [b.id] })).id;
  z = await createService(other.ctx, { name: 'งานของที่อื่น', prefix: 'Z', alwaysOpen: true });
  otherCounter = (await createCounter(other.ctx, { number: 1, name: 'ที่อื่น', serviceIds: [z.id] })).id;
});
after(() => env.close());

const kiosk = (o: TestOrg, service: QueueService) =>
  issueTicket({ app: env.services, orgId: o.org.id, actor: o.ctx.actor }, { serviceId: service.id, channel: 'front_desk' });

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads a board stream as a browser's EventSource would (events only; comments and retry skipped). */
async function openStream(app: Hono<AppEnv>, host: string) {
  const res = await app.request(`http://${host}/api/queue/events`, { headers: { host } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const body = res.body;
  if (!body) throw new Error('no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const raw: string[] = [];
  async function next(): Promise<SseEvent> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        raw.push(block);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (event) return { event, data: JSON.parse(data) };
        continue;
      }
      // A guard so a missing event fails the test instead of hanging it (not a timing assertion).
      let guard: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          guard = setTimeout(() => reject(new Error(`no event within 15 s; got so far: ${raw.join(' | ')}`)), 15_000);
        }),
      ]).finally(() => clearTimeout(guard));
      if (chunk.done) throw new Error('the stream ended');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  }
  async function nextOf(name: string): Promise<SseEvent> {
    for (;;) {
      const e = await next();
      if (e.event === name) return e;
    }
  }
  return { res, next, nextOf, raw, close: () => reader.cancel() };
}

describe('board snapshot', () => {
  test('the ticket at each counter, the last calls newest first, waiting per service; nothing of another organization', async () => {
    const a1 = await kiosk(org, a);
    const a2 = await kiosk(org, a);
    await kiosk(org, a);
    const b1 = await kiosk(org, b);
    await kiosk(other, z);

    let s = await boardSnapshot({ app: env.services, orgId: org.org.id, actor: null });
    assert.equal(s.orgName, 'องค์การบริหารส่วนตำบลลูโบะปือซา');
    assert.equal(s.now, clock.toISOString());
    assert.deepEqual(
      s.counters.map((c) => [c.number, c.name, c.paused, c.current]),
      [
        [1, 'สวัสดิการ', false, null],
        [2, 'การคลัง', false, null],
      ],
    );
    assert.deepEqual(s.recent, []);
    assert.deepEqual(
      s.waiting.map((w) => [w.prefix, w.name, w.waiting]),
      [
        ['A', 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ', 3],
        ['B', 'ภาษีที่ดินและสิ่งปลูกสร้าง', 1],
      ],
    );

    tick(60);
    assert.equal((await callNext(staff, counter1)).id, a1.ticket.id);
    tick(60);
    assert.equal((await callNext(staff, counter2)).id, b1.ticket.id);
    tick(60);
    await finish(staff, a1.ticket.id);
    assert.equal((await callNext(staff, counter1)).id, a2.ticket.id);
    tick(30);
    await recall(staff, a2.ticket.id);
    const elsewhere = await callNext(otherStaff, otherCounter);

    s = await boardSnapshot({ app: env.services, orgId: org.org.id, actor: null });
    const [c1, c2] = s.counters;
    assert.deepEqual(c1?.current && { ...c1.current }, {
      ticketId: a2.ticket.id,
      label: 'A002',
      counterNumber: 1,
      counterName: 'สวัสดิการ',
      serviceName: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ',
      calledAt: clock.toISOString(),
      recall: true,
    });
    assert.equal(c2?.current?.label, 'B001');
    assert.equal(c2?.current?.recall, false);
    // Newest first, each ticket once (A002 at its recall), the finished A001 still listed.
    assert.deepEqual(
      s.recent.map((r) => [r.label, r.counterNumber, r.recall]),
      [
        ['A002', 1, true],
        ['B001', 2, false],
        ['A001', 1, false],
      ],
    );
    assert.deepEqual(
      s.waiting.map((w) => w.waiting),
      [1, 0],
    );
    const json = JSON.stringify(s);
    assert.ok(!json.includes('Z0'), 'no ticket of another organization');
    assert.ok(!json.includes(a1.ticket.publicToken), 'no status-page token');

    // The number of recent calls follows the organization's setting.
    await finish(staff, b1.ticket.id);
    await updateQueueSettings(org.ctx, { boardRecent: 3 });
    for (let i = 0; i < 3; i++) await kiosk(org, b);
    for (let i = 0; i < 3; i++) {
      tick(60);
      const called = await callNext(staff, counter2);
      await finish(staff, called.id);
    }
    s = await boardSnapshot({ app: env.services, orgId: org.org.id, actor: null });
    assert.deepEqual(
      s.recent.map((r) => r.label),
      ['B004', 'B003', 'B002'],
    );
    assert.equal(s.counters[1]?.current, null);
    await finish(staff, a2.ticket.id);
    await finish(otherStaff, elsewhere.id);
  });
});

describe('board page', () => {
  test('public, works without JavaScript (refreshes itself), links its own script and styles', async () => {
    const res = await env.app.request(`http://${org.host}/queue/board`, { headers: { host: org.host } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<noscript><meta http-equiv="refresh" content="15"/);
    assert.match(html, /src="\/assets\/queue-board\.js\?v=[0-9a-f]+"/);
    assert.match(html, /href="\/assets\/queue-board\.css\?v=[0-9a-f]+"/);
    assert.match(html, /<h1 class="board__org">องค์การบริหารส่วนตำบลลูโบะปือซา<\/h1>/);
    assert.match(html, /class="call__counter-number">1</);
    assert.match(html, /B004/, 'the recent calls');
    assert.match(html, /รอ \d+ คิว/);
    assert.ok(!/<script>/.test(html) && !/ on[a-z]+="/.test(html), 'no inline script or handler (CSP)');
    // The voice call's template reaches the script from the catalog.
    assert.match(html, /ขอเชิญหมายเลข \{letters\} \{number\} ที่ช่องบริการ \{counter\}/);
  });

  test('another organization’s board shows its own calls only', async () => {
    const res = await env.app.request(`http://${other.host}/queue/board`, { headers: { host: other.host } });
    const html = await res.text();
    assert.match(html, /Z001/);
    assert.ok(!/A002|B00\d/.test(html));
  });
});

describe('board stream (SSE)', () => {
  test('a snapshot on connect; a call then a snapshot after callNext and recall; updates on other changes', async () => {
    const stream = await openStream(env.app, org.host);
    try {
      const first = await stream.next();
      assert.equal(first.event, 'snapshot');
      assert.equal((first.data as { orgName: string }).orgName, 'องค์การบริหารส่วนตำบลลูโบะปือซา');
      assert.ok(stream.raw.length >= 1);
      assert.equal(openBoardStreams(env.services, org.org.id), 1);

      await kiosk(org, a);
      const afterIssue = await stream.next();
      assert.equal(afterIssue.event, 'snapshot');
      tick(60);
      const t = await callNext(staff, counter1);
      const call = await stream.next();
      assert.equal(call.event, 'call');
      assert.deepEqual(call.data, {
        ticketId: t.id,
        label: t.label,
        counterNumber: 1,
        counterName: 'สวัสดิการ',
        serviceName: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ',
        calledAt: clock.toISOString(),
        recall: false,
      });
      const snap = await stream.next();
      assert.equal(snap.event, 'snapshot');
      assert.equal((snap.data as { counters: { current: { label: string } | null }[] }).counters[0]?.current?.label, t.label);

      tick(20);
      await recall(staff, t.id);
      const again = await stream.nextOf('call');
      assert.equal((again.data as { label: string; recall: boolean }).label, t.label);
      assert.equal((again.data as { recall: boolean }).recall, true);

      await startServing(staff, t.id);
      await pauseCounter(staff, counter2, 'พักกลางวัน');
      // Other changes come as snapshots (coalesced): eventually counter 2 shows paused.
      for (;;) {
        const e = await stream.nextOf('snapshot');
        if ((e.data as { counters: { paused: boolean }[] }).counters[1]?.paused) break;
      }
      await finish(staff, t.id);
    } finally {
      await stream.close();
    }
  });

  test('another organization’s calls never reach this board', async () => {
    const stream = await openStream(env.app, org.host);
    try {
      await stream.nextOf('snapshot');
      await kiosk(other, z);
      tick(60);
      await finish(otherStaff, (await callNext(otherStaff, otherCounter)).id);
      await kiosk(org, a);
      tick(60);
      const mine = await callNext(staff, counter1);
      // The other organization's call happened first: had it leaked, it would come first.
      const call = await stream.nextOf('call');
      assert.equal((call.data as { label: string }).label, mine.label);
      assert.ok(!stream.raw.some((block) => block.includes('Z00')), 'nothing of the other organization');
      await finish(staff, mine.id);
    } finally {
      await stream.close();
    }
  });

  test('bus.resync (events may have been missed) sends a fresh snapshot', async () => {
    const stream = await openStream(env.app, org.host);
    try {
      await stream.nextOf('snapshot');
      env.services.events.deliverLocal({ topic: 'bus.resync', orgId: 0 });
      assert.equal((await stream.next()).event, 'snapshot');
    } finally {
      await stream.close();
    }
  });

  test('closing the connection unsubscribes: no stream and no bus handler remain', async (t) => {
    const before = openBoardStreams(env.services, org.org.id);
    const s1 = await openStream(env.app, org.host);
    const s2 = await openStream(env.app, org.host);
    t.after(async () => {
      await s1.close();
      await s2.close();
    });
    await s1.nextOf('snapshot');
    await s2.nextOf('snapshot');
    assert.equal(openBoardStreams(env.services, org.org.id), before + 2);
    await s1.close();
    assert.equal(openBoardStreams(env.services, org.org.id), before + 1);
    // The other board still hears calls.
    await kiosk(org, a);
    tick(60);
    const called = await callNext(staff, counter1);
    assert.equal(((await s2.nextOf('call')).data as { label: string }).label, called.label);
    await s2.close();
    assert.equal(openBoardStreams(env.services, org.org.id), 0);
    await finish(staff, called.id);
  });

  test('data lines never carry a raw newline', () => {
    assert.equal(formatSse('x', 'a\nb'), 'event: x\ndata: a\ndata: b\n\n');
  });

  test('the OpenAPI document describes queue.events as text/event-stream', async () => {
    const res = await env.app.request(`http://${org.host}/api/openapi.json`, { headers: { host: org.host } });
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content: Record<string, unknown> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths['/queue/events']?.get;
    assert.equal(op?.operationId, 'queue.events');
    assert.ok(op?.responses['200']?.content['text/event-stream']);
    assert.ok(doc.components.schemas.QueueBoardSnapshot && doc.components.schemas.QueueBoardCall);
  });
});

/**
 * Two app servers on one PostgreSQL, as behind a load balancer: numbers never repeat or skip
 * when both issue at once, and a board on server 1 sees a call made on server 2 (LISTEN/NOTIFY).
 */
describe('two app servers on one PostgreSQL', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let second: { services: AppServices; app: Hono<AppEnv> } | null = null;

  before(async () => {
    const pool = env.services.database.pool as unknown as { options: { connectionString: string } };
    const database = await openDatabase({ dataDir: '', databaseUrl: pool.options.connectionString, poolSize: 5 });
    const config = loadConfig({ DATA_DIR: env.dataDir, LOG_LEVEL: 'silent' }, 'test');
    const services = await createServices(config, modules, { database, logger: pino({ level: 'silent' }), now: () => clock });
    second = { services, app: createApp(services, createRegistry(modules)).app };
  });
  after(async () => {
    if (second) await closeServices(second.services);
  });

  test('concurrent issuing from both servers gives 1..n, no repeat, no gap', async () => {
    if (!second) throw new Error('no second server');
    const svc = await createService(org.ctx, { name: 'งานทะเบียนทั่วไป', prefix: 'E', alwaysOpen: true });
    const on = (services: AppServices): ServiceContext => ({ app: services, orgId: org.org.id, actor: org.ctx.actor });
    const n = 60;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        issueTicket(on(i % 2 ? (second as { services: AppServices }).services : env.services), {
          serviceId: svc.id,
          channel: 'front_desk',
        }),
      ),
    );
    const rows = await env.services.db
      .select({ number: queueTickets.number, label: queueTickets.label })
      .from(queueTickets)
      .where(and(eq(queueTickets.orgId, org.org.id), eq(queueTickets.serviceId, svc.id)))
      .orderBy(asc(queueTickets.number));
    assert.deepEqual(
      rows.map((r) => r.number),
      Array.from({ length: n }, (_, i) => i + 1),
    );
    assert.equal(new Set(results.map((r) => r.ticket.label)).size, n);
  });

  test('a board connected to server 1 sees a call made on server 2', async () => {
    if (!second) throw new Error('no second server');
    const stream = await openStream(env.app, org.host);
    try {
      await stream.nextOf('snapshot');
      const t = await kiosk(org, b);
      tick(60);
      const onSecond: ServiceContext = { app: second.services, orgId: org.org.id, actor: staffActor(org, 903) };
      // Counter 2 was paused by an earlier test: open it again, on server 2 too.
      await resumeCounter(onSecond, counter2).catch(() => {});
      await callNext(onSecond, counter2);
      const call = await stream.nextOf('call');
      assert.equal((call.data as { label: string }).label, t.ticket.label);
      assert.equal((call.data as { counterNumber: number }).counterNumber, 2);
    } finally {
      await stream.close();
    }
  });
});
