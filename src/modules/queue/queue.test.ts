import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import type { BusEvent } from '../../core/events/bus.js';
import { AppError } from '../../core/http/errors.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { createTestEnv, createTestOrg, createTestUser, signedIn, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { seedDemoQueue } from './demo.js';
import { queueDayCounters, queueTicketEvents, queueTickets } from './schema.js';
import {
  callNext,
  callTicket,
  createCounter,
  createPriorityGroup,
  createService,
  finish,
  getTicketByToken,
  issueTicket,
  listCounters,
  listPriorityGroups,
  listServices,
  listWaiting,
  noShow,
  pauseCounter,
  type QueueCounter,
  type QueueService,
  recall,
  resumeCounter,
  startServing,
  ticketEvents,
  transfer,
} from './service.js';

/** The queue core: numbering, idempotency, hours, calling with priority fairness, counter work. */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// Thursday 26 November 2026, 10:00 in Bangkok.
let clock = new Date('2026-11-26T03:00:00Z');
const SECOND = 1000;

function actorOf(o: TestOrg, userId: number, roles: Role[]): Actor {
  return { orgId: o.org.id, userId, username: `u${userId}`, displayName: `ผู้ทดสอบ ${userId}`, roles, mustChangePassword: false };
}
let staff: ServiceContext;
let publicCtx: ServiceContext;
let admin: ServiceContext;

function refused(status: number, key: string) {
  return (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.messageKey, key);
    assert.equal(e.status, status);
    return true;
  };
}

let open: QueueService;
let office: QueueService;
let closed: QueueService;
let elderly: number;

async function setupService(prefix: string, extra: Partial<Parameters<typeof createService>[1]> = {}) {
  return createService(admin, { name: `งานทดสอบ ${prefix}`, prefix, alwaysOpen: true, avgServiceMinutes: 10, ...extra });
}

async function ticketCount(serviceId: number) {
  return (
    await env.services.db
      .select()
      .from(queueTickets)
      .where(and(eq(queueTickets.orgId, org.org.id), eq(queueTickets.serviceId, serviceId)))
  ).length;
}

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  admin = org.ctx;
  staff = { app: env.services, orgId: org.org.id, actor: actorOf(org, 901, ['staff']) };
  publicCtx = { app: env.services, orgId: org.org.id, actor: null };
  open = await setupService('A');
  const weekdays: [string, string] = ['08:30', '16:30'];
  office = await setupService('F', {
    alwaysOpen: false,
    hours: { '1': weekdays, '2': weekdays, '3': weekdays, '4': weekdays, '5': weekdays },
  });
  closed = await setupService('X', { active: false });
  elderly = (await createPriorityGroup(admin, { name: 'ผู้สูงอายุ', ratio: 2 })).id;
});
after(() => env.close());

describe('issuing tickets', () => {
  test('numbers per service per Bangkok day with a label, position and estimated wait; restarts the next day', async () => {
    const svc = await setupService('B', { avgServiceMinutes: 12 });
    await createCounter(admin, { number: 21, name: 'ช่อง B', serviceIds: [svc.id] });
    const first = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
    const second = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
    const third = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
    assert.deepEqual(
      [first, second, third].map((r) => [r.ticket.number, r.ticket.label, r.created]),
      [
        [1, 'B001', true],
        [2, 'B002', true],
        [3, 'B003', true],
      ],
    );
    assert.equal(third.status.waitingAhead, 2);
    assert.equal(third.status.estimateMinutes, 24);
    assert.equal(first.ticket.day, '2026-11-26');
    // Another service has its own series.
    const otherSvc = await setupService('C');
    assert.equal((await issueTicket(publicCtx, { serviceId: otherSvc.id, channel: 'kiosk' })).ticket.label, 'C001');
    // Midnight in Bangkok (17:00 UTC) starts a new day.
    const saved = clock;
    clock = new Date('2026-11-26T17:00:01Z');
    try {
      const next = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
      assert.equal(next.ticket.label, 'B001');
      assert.equal(next.ticket.day, '2026-11-27');
      assert.equal(bangkokIsoDay(new Date('2026-11-26T16:59:59Z')), '2026-11-26');
    } finally {
      clock = saved;
    }
  });

  test('50 concurrent requests get the numbers 1..50 exactly once', async () => {
    const svc = await setupService('K');
    const results = await Promise.all(Array.from({ length: 50 }, () => issueTicket(admin, { serviceId: svc.id, channel: 'front_desk' })));
    const numbers = results.map((r) => r.ticket.number).sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal(new Set(results.map((r) => r.ticket.publicToken)).size, 50);
    const [counter] = await env.services.db
      .select()
      .from(queueDayCounters)
      .where(and(eq(queueDayCounters.orgId, org.org.id), eq(queueDayCounters.serviceId, svc.id)));
    assert.equal(counter?.last, 50);
  });

  test('the same idempotency key gives the same ticket, also when pressed concurrently', async () => {
    const svc = await setupService('I');
    const a = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk', idempotencyKey: 'kiosk1-press-1' });
    const b = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk', idempotencyKey: 'kiosk1-press-1' });
    assert.equal(b.ticket.id, a.ticket.id);
    assert.equal(b.created, false);
    const taps = await Promise.all(
      Array.from({ length: 5 }, () => issueTicket(admin, { serviceId: svc.id, channel: 'front_desk', idempotencyKey: 'double-tap' })),
    );
    assert.equal(new Set(taps.map((t) => t.ticket.id)).size, 1);
    assert.equal(taps.filter((t) => t.created).length, 1);
    assert.equal(await ticketCount(svc.id), 2);
    // No number was used up by the repeats.
    assert.equal((await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' })).ticket.number, 3);
  });

  test('unknown, closed and out-of-hours services are refused with a clear message, changing nothing', async () => {
    await assert.rejects(issueTicket(publicCtx, { serviceId: 999_999, channel: 'kiosk' }), refused(404, 'queue.errors.unknownService'));
    await assert.rejects(issueTicket(publicCtx, { serviceId: closed.id, channel: 'kiosk' }), refused(409, 'queue.errors.serviceClosed'));
    // Thursday 10:00: the office-hours service is open.
    assert.equal((await issueTicket(publicCtx, { serviceId: office.id, channel: 'kiosk' })).ticket.label, 'F001');
    const saved = clock;
    try {
      clock = new Date('2026-11-26T11:00:00Z'); // Thursday 18:00 in Bangkok
      await assert.rejects(issueTicket(publicCtx, { serviceId: office.id, channel: 'kiosk' }), (e: unknown) => {
        refused(409, 'queue.errors.outsideHours')(e);
        assert.deepEqual((e as AppError).params, { service: office.name, hours: '08:30–16:30' });
        return true;
      });
      clock = new Date('2026-11-28T03:00:00Z'); // Saturday
      await assert.rejects(issueTicket(publicCtx, { serviceId: office.id, channel: 'kiosk' }), refused(409, 'queue.errors.closedToday'));
      // The always-open service takes numbers on Saturday night too.
      clock = new Date('2026-11-28T16:30:00Z');
      await issueTicket(publicCtx, { serviceId: open.id, channel: 'kiosk' });
    } finally {
      clock = saved;
    }
    assert.equal(await ticketCount(office.id), 1);
    assert.equal((await issueTicket(publicCtx, { serviceId: office.id, channel: 'kiosk' })).ticket.label, 'F002');
    await assert.rejects(
      issueTicket(publicCtx, { serviceId: open.id, channel: 'kiosk', priorityGroupId: 999_999 }),
      refused(404, 'queue.errors.unknownGroup'),
    );
  });

  test('the front-desk channel needs staff; a public caller cannot use it', async () => {
    await assert.rejects(issueTicket(publicCtx, { serviceId: open.id, channel: 'front_desk' }), refused(401, 'core.errors.unauthorized'));
    const desk: ServiceContext = { app: env.services, orgId: org.org.id, actor: actorOf(org, 902, ['front_desk']) };
    assert.equal((await issueTicket(desk, { serviceId: open.id, channel: 'front_desk' })).ticket.issuedBy, 902);
  });

  test('the public status by token: position, estimate, the counter when called; unknown tokens 404', async () => {
    const svc = await setupService('S', { avgServiceMinutes: 5 });
    const counter = await createCounter(admin, { number: 31, name: 'ช่อง S', serviceIds: [svc.id] });
    await createCounter(admin, { number: 32, name: 'ช่อง S2', serviceIds: [svc.id] });
    const t1 = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
    await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
    const t3 = await issueTicket(publicCtx, { serviceId: svc.id, channel: 'kiosk' });
    const s3 = await getTicketByToken(publicCtx, t3.ticket.publicToken);
    assert.equal(s3.waitingAhead, 2);
    assert.equal(s3.estimateMinutes, 5); // two counters: 2 × 5 / 2
    assert.equal(s3.status, 'issued');
    assert.ok(!('publicToken' in s3) && !('id' in s3) && !('issuedBy' in s3));
    await callNext(staff, counter.id);
    const s1 = await getTicketByToken(publicCtx, t1.ticket.publicToken);
    assert.equal(s1.status, 'called');
    assert.equal(s1.counterNumber, 31);
    assert.equal((await getTicketByToken(publicCtx, t3.ticket.publicToken)).waitingAhead, 1);
    await assert.rejects(getTicketByToken(publicCtx, 'nope'), refused(404, 'queue.errors.unknownTicket'));
    await assert.rejects(getTicketByToken(publicCtx, 'A'.repeat(24)), refused(404, 'queue.errors.unknownTicket'));
    // Another organization's ticket is not found through this one.
    await assert.rejects(
      getTicketByToken({ ...publicCtx, orgId: other.org.id }, t3.ticket.publicToken),
      refused(404, 'queue.errors.unknownTicket'),
    );
  });
});

describe('calling', () => {
  let svc: QueueService;
  let counter: QueueCounter;
  before(async () => {
    svc = await setupService('P');
    counter = await createCounter(admin, { number: 41, name: 'ช่อง P', serviceIds: [svc.id] });
  });

  test('priority tickets are called first, then after every two normal calls (ratio 2): normal tickets are never starved', async () => {
    const issued: string[] = [];
    for (const g of [null, null, null, null, elderly, elderly, elderly]) {
      issued.push((await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk', priorityGroupId: g })).ticket.label);
    }
    const called: string[] = [];
    for (let i = 0; i < 7; i++) {
      const t = await callNext(staff, counter.id);
      called.push(t.label);
      await finish(staff, t.id);
    }
    // P001–P004 normal, P005–P007 elderly.
    assert.deepEqual(called, ['P005', 'P001', 'P002', 'P006', 'P003', 'P004', 'P007']);
    await assert.rejects(callNext(staff, counter.id), refused(409, 'queue.errors.nothingWaiting'));
  });

  test('a counter busy with a ticket refuses another call; two concurrent presses call one ticket', async () => {
    const a = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    const b = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    const results = await Promise.allSettled([callNext(staff, counter.id), callNext(staff, counter.id)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const bad = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 1);
    assert.equal(bad.length, 1);
    const reason = bad[0]?.reason as AppError;
    refused(409, 'queue.errors.counterBusy')(reason);
    assert.deepEqual(reason.params, { counter: 41, label: a.ticket.label });
    const [still] = await env.services.db
      .select()
      .from(queueTickets)
      .where(and(eq(queueTickets.orgId, org.org.id), eq(queueTickets.id, b.ticket.id)));
    assert.equal(still?.status, 'issued');
    await finish(staff, a.ticket.id);
    const next = await callNext(staff, counter.id);
    assert.equal(next.id, b.ticket.id);
    await noShow(staff, next.id);
  });

  test('recall is throttled to once per 10 seconds; serving, finishing and no-show follow the states', async () => {
    const t = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    const called = await callNext(staff, counter.id);
    assert.equal(called.id, t.ticket.id);
    await assert.rejects(recall(staff, called.id), (e: unknown) => {
      refused(429, 'queue.errors.recallTooSoon')(e);
      assert.equal((e as AppError).params.seconds, 10);
      return true;
    });
    clock = new Date(clock.getTime() + 10 * SECOND);
    const again = await recall(staff, called.id);
    assert.equal(again.callCount, 2);
    await assert.rejects(recall(staff, called.id), refused(429, 'queue.errors.recallTooSoon'));
    const serving = await startServing(staff, called.id);
    assert.equal(serving.status, 'serving');
    await assert.rejects(startServing(staff, called.id), refused(409, 'queue.errors.wrongStatus'));
    await assert.rejects(noShow(staff, called.id), refused(409, 'queue.errors.wrongStatus'));
    clock = new Date(clock.getTime() + 20 * SECOND);
    await assert.rejects(recall(staff, called.id), refused(409, 'queue.errors.wrongStatus'));
    const done = await finish(staff, called.id);
    assert.equal(done.status, 'finished');
    assert.ok(done.finishedAt && done.servingAt && done.calledAt);
    const kinds = (await ticketEvents(staff, called.id)).map((e) => [e.kind, e.counterId === null ? null : e.counterId]);
    assert.deepEqual(kinds, [
      ['issued', null],
      ['called', counter.id],
      ['recalled', counter.id],
      ['serving', counter.id],
      ['finished', counter.id],
    ]);
  });

  test('transfer keeps the number and moves the ticket to the other service’s queue; a finished ticket cannot be transferred', async () => {
    const target = await setupService('T');
    const targetCounter = await createCounter(admin, { number: 42, name: 'ช่อง T', serviceIds: [target.id] });
    const t = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    await callNext(staff, counter.id);
    const moved = await transfer(staff, t.ticket.id, { serviceId: target.id, reason: 'ต้องยื่นเอกสารงานช่าง' });
    assert.equal(moved.label, t.ticket.label);
    assert.equal(moved.status, 'transferred');
    assert.equal(moved.counterId, null);
    await assert.rejects(transfer(staff, t.ticket.id, { serviceId: target.id }), refused(422, 'core.errors.validation'));
    // The first counter is free again; the ticket is called at the target's counter.
    await assert.rejects(callNext(staff, counter.id), refused(409, 'queue.errors.nothingWaiting'));
    const there = await callNext(staff, targetCounter.id);
    assert.equal(there.id, t.ticket.id);
    await finish(staff, there.id);
    await assert.rejects(transfer(staff, t.ticket.id, { serviceId: svc.id }), refused(409, 'queue.errors.finishedNoTransfer'));
    const [ev] = await env.services.db
      .select()
      .from(queueTicketEvents)
      .where(
        and(
          eq(queueTicketEvents.orgId, org.org.id),
          eq(queueTicketEvents.ticketId, t.ticket.id),
          eq(queueTicketEvents.kind, 'transferred'),
        ),
      );
    assert.equal(ev?.reason, 'ต้องยื่นเอกสารงานช่าง');
  });

  test('a ticket called out of turn needs a reason, kept on the call; the fairness order goes on for the rest', async () => {
    const first = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    const second = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    await assert.rejects(callTicket(staff, counter.id, second.ticket.id, '  '), refused(422, 'core.errors.validation'));
    const t = await callTicket(staff, counter.id, second.ticket.id, 'กลับมาหลังเรียกไม่พบ');
    assert.equal(t.id, second.ticket.id);
    assert.equal(t.status, 'called');
    // Busy counter: no second call; a ticket not waiting: refused.
    await assert.rejects(callTicket(staff, counter.id, first.ticket.id, 'x'), refused(409, 'queue.errors.counterBusy'));
    await finish(staff, t.id);
    await assert.rejects(callTicket(staff, counter.id, second.ticket.id, 'อีกครั้ง'), refused(409, 'queue.errors.wrongStatus'));
    const [ev] = (await ticketEvents(staff, t.id)).filter((e) => e.kind === 'called');
    assert.equal(ev?.reason, 'กลับมาหลังเรียกไม่พบ');
    assert.equal((await callNext(staff, counter.id)).id, first.ticket.id);
    await finish(staff, first.ticket.id);
    // Another organization's staff cannot reach this ticket.
    const otherStaff: ServiceContext = { app: env.services, orgId: other.org.id, actor: actorOf(other, 990, ['staff']) };
    const third = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    await assert.rejects(callTicket(otherStaff, counter.id, third.ticket.id, 'x'), refused(404, 'queue.errors.unknownCounter'));
    await noShow(staff, (await callNext(staff, counter.id)).id);
  });

  test('a ticket sent to one counter is called only there, even before older tickets of that counter', async () => {
    const second = await createCounter(admin, { number: 43, name: 'ช่อง P2', serviceIds: [svc.id] });
    const a = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    const b = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    await callNext(staff, counter.id); // a
    const sent = await transfer(staff, a.ticket.id, { counterId: second.id, reason: 'ต้องให้หัวหน้างานลงนาม' });
    assert.equal(sent.targetCounterId, second.id);
    assert.equal(sent.serviceId, svc.id);
    // Counter 41 does not see it; counter 43 does.
    assert.deepEqual(
      (await listWaiting(staff, [svc.id], counter.id)).map((t) => t.id),
      [b.ticket.id],
    );
    assert.deepEqual(
      (await listWaiting(staff, [svc.id], second.id)).map((t) => t.id),
      [a.ticket.id, b.ticket.id],
    );
    assert.equal((await callNext(staff, counter.id)).id, b.ticket.id);
    await finish(staff, b.ticket.id);
    await assert.rejects(callNext(staff, counter.id), refused(409, 'queue.errors.nothingWaiting'));
    await assert.rejects(callTicket(staff, counter.id, a.ticket.id, 'ลองเรียก'), refused(409, 'queue.errors.sentElsewhere'));
    const there = await callNext(staff, second.id);
    assert.equal(there.id, a.ticket.id);
    assert.equal(there.targetCounterId, null);
    await finish(staff, there.id);
    const moved = (await ticketEvents(staff, a.ticket.id)).find((e) => e.kind === 'transferred');
    assert.equal(moved?.counterId, second.id);
    assert.equal(moved?.reason, 'ต้องให้หัวหน้างานลงนาม');
  });

  test('a paused counter calls nobody until resumed; pausing needs a reason', async () => {
    await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    await assert.rejects(pauseCounter(staff, counter.id, '  '), refused(422, 'core.errors.validation'));
    const paused = await pauseCounter(staff, counter.id, 'พักกลางวัน');
    assert.equal(paused.pausedReason, 'พักกลางวัน');
    await assert.rejects(pauseCounter(staff, counter.id, 'อีกครั้ง'), refused(409, 'queue.errors.alreadyPaused'));
    await assert.rejects(callNext(staff, counter.id), refused(409, 'queue.errors.counterPaused'));
    await resumeCounter(staff, counter.id);
    await assert.rejects(resumeCounter(staff, counter.id), refused(409, 'queue.errors.notPaused'));
    const t = await callNext(staff, counter.id);
    await finish(staff, t.id);
  });

  test('a call is published on the event bus after commit with the organization, counter and label', async () => {
    const seen: BusEvent[] = [];
    const off = env.services.events.subscribe('queue.called', (e) => seen.push(e));
    try {
      const t = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
      await callNext(staff, counter.id);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]?.orgId, org.org.id);
      assert.deepEqual(seen[0]?.data, {
        ticketId: t.ticket.id,
        label: t.ticket.label,
        counterId: counter.id,
        counterNumber: 41,
        serviceId: svc.id,
      });
      await finish(staff, t.ticket.id);
    } finally {
      off();
    }
  });

  test('permission edges: the public and other organizations cannot work a counter', async () => {
    const t = await issueTicket(staff, { serviceId: svc.id, channel: 'front_desk' });
    await assert.rejects(callNext(publicCtx, counter.id), refused(401, 'core.errors.unauthorized'));
    const executive: ServiceContext = { app: env.services, orgId: org.org.id, actor: actorOf(org, 903, ['executive']) };
    await assert.rejects(callNext(executive, counter.id), refused(403, 'core.errors.forbidden'));
    const foreign: ServiceContext = { app: env.services, orgId: other.org.id, actor: actorOf(other, 904, ['staff', 'admin']) };
    await assert.rejects(callNext(foreign, counter.id), refused(404, 'queue.errors.unknownCounter'));
    await assert.rejects(finish(foreign, t.ticket.id), refused(404, 'queue.errors.unknownTicket'));
    await assert.rejects(issueTicket(foreign, { serviceId: svc.id, channel: 'front_desk' }), refused(404, 'queue.errors.unknownService'));
    await assert.rejects(createService(staff, { name: 'x', prefix: 'Z' }), refused(403, 'core.errors.forbidden'));
    const called = await callNext(staff, counter.id);
    await finish(staff, called.id);
  });
});

describe('demo seed', () => {
  test('services open around the clock, one with office hours, counters and priority groups, people waiting', async () => {
    const demoOrg = await createTestOrg(env);
    const lines: string[] = [];
    await seedDemoQueue({ ctx: demoOrg.ctx, shared: new Map(), log: (l) => lines.push(l), password: () => 'x', now: clock });
    const services = await listServices(demoOrg.ctx);
    assert.deepEqual(
      services.map((s) => [s.service.prefix, s.service.alwaysOpen]),
      [
        ['A', true],
        ['B', true],
        ['C', true],
        ['D', true],
        ['E', true],
        ['F', false],
      ],
    );
    assert.ok(services.some((s) => s.service.name === 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ'));
    assert.deepEqual(
      (await listPriorityGroups(demoOrg.ctx)).map((g) => g.name),
      ['ผู้สูงอายุ', 'ผู้พิการ', 'หญิงตั้งครรภ์'],
    );
    assert.equal((await listCounters(demoOrg.ctx)).length, 3);
    assert.equal(
      services.reduce((n, s) => n + s.waiting, 0),
      6,
    );
    assert.match(lines.join('\n'), /queue:/);
  });
});

describe('queue API and counter page', () => {
  function call(where: TestOrg, path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
    const headers: Record<string, string> = { host: where.host };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return env.app.request(`http://${where.host}/api${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
  }

  test('list, issue (idempotent), status by token and call next through the API; errors in Thai', async () => {
    const apiOrg = await createTestOrg(env);
    const svc = await createService(apiOrg.ctx, { name: 'งานทะเบียนทั่วไป', prefix: 'E', alwaysOpen: true, avgServiceMinutes: 6 });
    const counter = await createCounter(apiOrg.ctx, { number: 1, name: 'ช่อง 1', serviceIds: [svc.id] });
    await createPriorityGroup(apiOrg.ctx, { name: 'หญิงตั้งครรภ์', ratio: 1 });
    const list = await call(apiOrg, '/queue/services');
    assert.equal(list.status, 200);
    const body = (await list.json()) as {
      services: { id: number; openNow: boolean; prefix: string }[];
      priorityGroups: { name: string }[];
    };
    assert.deepEqual(
      body.services.map((s) => [s.prefix, s.openNow]),
      [['E', true]],
    );
    assert.deepEqual(
      body.priorityGroups.map((g) => g.name),
      ['หญิงตั้งครรภ์'],
    );
    const first = await call(apiOrg, '/queue/tickets', { method: 'POST', json: { serviceId: svc.id, idempotencyKey: 'k-1' } });
    assert.equal(first.status, 201);
    const issued = (await first.json()) as { ticketId: number; token: string; created: boolean; ticket: { label: string } };
    assert.equal(issued.ticket.label, 'E001');
    const repeat = await call(apiOrg, '/queue/tickets', { method: 'POST', json: { serviceId: svc.id, idempotencyKey: 'k-1' } });
    assert.equal(repeat.status, 200);
    assert.equal(((await repeat.json()) as { ticketId: number }).ticketId, issued.ticketId);
    const status = await call(apiOrg, `/queue/status/${issued.token}`);
    assert.equal(status.status, 200);
    assert.equal(((await status.json()) as { status: string }).status, 'issued');
    const closedOne = await call(apiOrg, '/queue/tickets', { method: 'POST', json: { serviceId: 999_999 } });
    assert.equal(closedOne.status, 404);
    assert.match(((await closedOne.json()) as { error: { message: string } }).error.message, /ไม่พบงานบริการ/);
    // Counter work needs a signed-in staff member.
    // (A JSON request: a cookie-less form post is refused earlier by the CSRF check.)
    const anon = await call(apiOrg, `/queue/counters/${counter.id}/call-next`, { method: 'POST', json: {} });
    assert.equal(anon.status, 401);
    const user = await createTestUser(env, apiOrg, ['staff']);
    const login = await call(apiOrg, '/auth/login', { method: 'POST', json: { username: user.username, password: user.password } });
    const token = ((await login.json()) as { token: string }).token;
    const called = await call(apiOrg, `/queue/counters/${counter.id}/call-next`, { method: 'POST', token });
    assert.equal(called.status, 200);
    const ticket = (await called.json()) as { id: number; status: string };
    assert.equal(ticket.status, 'called');
    const busy = await call(apiOrg, `/queue/counters/${counter.id}/call-next`, { method: 'POST', token });
    assert.equal(busy.status, 409);
    assert.match(((await busy.json()) as { error: { message: string } }).error.message, /E001/);
    const tooSoon = await call(apiOrg, `/queue/tickets/${ticket.id}/recall`, { method: 'POST', token });
    assert.equal(tooSoon.status, 429);
    for (const step of ['serving', 'finish']) {
      assert.equal((await call(apiOrg, `/queue/tickets/${ticket.id}/${step}`, { method: 'POST', token })).status, 200);
    }
    const moved = await call(apiOrg, `/queue/tickets/${ticket.id}/transfer`, { method: 'POST', token, json: { serviceId: svc.id } });
    assert.equal(moved.status, 409);
    const pause = await call(apiOrg, `/queue/counters/${counter.id}/pause`, {
      method: 'POST',
      token,
      json: { paused: true, reason: 'ประชุม' },
    });
    assert.equal(pause.status, 200);
    assert.equal(((await pause.json()) as { paused: boolean }).paused, true);
    const resume = await call(apiOrg, `/queue/counters/${counter.id}/pause`, { method: 'POST', token, json: { paused: false } });
    assert.equal(((await resume.json()) as { paused: boolean }).paused, false);
  });

  test('the OpenAPI document has the queue operations; the public ones need no sign-in', async () => {
    const res = await call(org, '/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };
    const ops = new Map(Object.values(doc.paths).flatMap((m) => Object.values(m).map((op) => [op.operationId ?? '', op] as const)));
    const ids = [
      'queue.listServices',
      'queue.issueTicket',
      'queue.getTicket',
      'queue.callNext',
      'queue.recall',
      'queue.startServing',
      'queue.finish',
      'queue.noShow',
      'queue.transfer',
      'queue.pauseCounter',
    ];
    for (const id of ids) assert.ok(ops.has(id), id);
    for (const id of ['queue.listServices', 'queue.issueTicket', 'queue.getTicket']) assert.deepEqual(ops.get(id)?.security, [], id);
    assert.ok((ops.get('queue.callNext')?.security ?? []).length > 0);
  });

  test('public ticketing is rate-limited per address', async () => {
    const rateOrg = await createTestOrg(env);
    const svc = await createService(rateOrg.ctx, { name: 'งานทดสอบ', prefix: 'R', alwaysOpen: true });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await call(rateOrg, '/queue/tickets', { method: 'POST', json: { serviceId: svc.id } })).status);
    }
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(201));
    assert.equal(statuses[30], 429);
  });

  test('the staff counter page: choose a counter, see the waiting list, call, and a refused second call shows why', async () => {
    const pageOrg = await createTestOrg(env);
    const svc = await createService(pageOrg.ctx, { name: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ', prefix: 'A', alwaysOpen: true });
    const counter = await createCounter(pageOrg.ctx, { number: 2, name: 'สวัสดิการ', serviceIds: [svc.id] });
    await issueTicket(pageOrg.ctx, { serviceId: svc.id, channel: 'front_desk' });
    await issueTicket(pageOrg.ctx, { serviceId: svc.id, channel: 'front_desk' });
    const { browser } = await signedIn(env, pageOrg, ['staff']);
    const res = await browser.get(`/staff/queue?counter=${counter.id}`);
    assert.equal(res.status, 200);
    assert.match(browser.lastHtml, /A001/);
    assert.match(browser.lastHtml, /A002/);
    const callRes = await browser.post(`/staff/queue/${counter.id}/call`, {}, { from: `/staff/queue?counter=${counter.id}` });
    assert.equal(callRes.status, 303);
    await browser.get(`/staff/queue?counter=${counter.id}`);
    assert.match(browser.lastHtml, /คิว A001/);
    const again = await browser.post(`/staff/queue/${counter.id}/call`, {}, { from: `/staff/queue?counter=${counter.id}` });
    assert.equal(again.status, 409);
    assert.match(browser.lastHtml, /กำลังดูแลคิว A001/);
    const pause = await browser.post(`/staff/queue/${counter.id}/pause`, { reason: '' }, { from: `/staff/queue?counter=${counter.id}` });
    assert.equal(pause.status, 422);
    // Not for the public.
    const { browser: exec } = await signedIn(env, pageOrg, ['executive']);
    assert.equal((await exec.get('/staff/queue')).status, 403);
  });
});
