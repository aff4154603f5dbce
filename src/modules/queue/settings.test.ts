import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/http/errors.js';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { queueCounters } from './schema.js';
import {
  activeOnlineTicket,
  addHoliday,
  callNext,
  createCounter,
  createService,
  finish,
  getQueueSettings,
  holidayOn,
  issueTicket,
  listHolidays,
  normalizePhone,
  type QueueService,
  removeHoliday,
  updateQueueSettings,
} from './service.js';

/** Organization settings, holidays and the rules of online tickets (one active per phone and device). */

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
// Thursday 26 November 2026, 10:00 in Bangkok.
let clock = new Date('2026-11-26T03:00:00Z');
const DAY = 24 * 3600 * 1000;

function actorOf(o: TestOrg, userId: number, roles: Role[]): Actor {
  return { orgId: o.org.id, userId, username: `u${userId}`, displayName: `ผู้ทดสอบ ${userId}`, roles, mustChangePassword: false };
}
function refused(status: number, key: string) {
  return (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.messageKey, key);
    assert.equal(e.status, status);
    return true;
  };
}
function fieldError(field: string, message: string) {
  return (e: unknown) => {
    refused(422, 'core.errors.validation')(e);
    assert.deepEqual(
      (e as AppError).fields.map((f) => [f.field, f.message]),
      [[field, message]],
    );
    return true;
  };
}

let admin: ServiceContext;
let staff: ServiceContext;
let citizen: (ip: string) => ServiceContext;
let office: QueueService;
let allDay: QueueService;

before(async () => {
  env = await createTestEnv({ now: () => clock });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  admin = { app: env.services, orgId: org.org.id, actor: actorOf(org, 1, ['admin']) };
  staff = { app: env.services, orgId: org.org.id, actor: actorOf(org, 2, ['staff']) };
  citizen = (ip: string) => ({ app: env.services, orgId: org.org.id, actor: null, ip });
  const weekdays = {
    '1': ['08:30', '16:30'],
    '2': ['08:30', '16:30'],
    '3': ['08:30', '16:30'],
    '4': ['08:30', '16:30'],
    '5': ['08:30', '16:30'],
  } as const;
  office = await createService(admin, { name: 'งานทะเบียนพาณิชย์', prefix: 'D', hours: weekdays as never });
  allDay = await createService(admin, { name: 'แจ้งเหตุสาธารณภัย', prefix: 'Z', alwaysOpen: true });
  await createCounter(admin, { number: 1, name: 'ช่อง 1', serviceIds: [office.id, allDay.id] });
});
after(async () => {
  await env.close();
});

describe('settings', () => {
  test('defaults until set; only an administrator changes them, within limits, and the change is audited', async () => {
    assert.deepEqual(await getQueueSettings(citizen('1.1.1.1')), { allowOnline: false, boardRecent: 6, kioskReturnSeconds: 20 });
    await assert.rejects(updateQueueSettings(staff, { allowOnline: true }), refused(403, 'core.errors.forbidden'));
    await assert.rejects(updateQueueSettings(citizen('1.1.1.1'), { allowOnline: true }), refused(401, 'core.errors.unauthorized'));
    await assert.rejects(updateQueueSettings(admin, { boardRecent: 40 }), fieldError('boardRecent', 'queue.errors.between'));
    await assert.rejects(updateQueueSettings(admin, { kioskReturnSeconds: 2 }), fieldError('kioskReturnSeconds', 'queue.errors.between'));
    assert.equal((await getQueueSettings(admin)).boardRecent, 6);
    const next = await updateQueueSettings(admin, { boardRecent: 8 });
    assert.deepEqual(next, { allowOnline: false, boardRecent: 8, kioskReturnSeconds: 20 });
    // The other organization keeps its defaults.
    assert.equal((await getQueueSettings({ ...citizen('1.1.1.1'), orgId: other.org.id })).boardRecent, 6);
    const audit = await env.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.org.id), eq(auditLog.action, 'queue.updateSettings')));
    assert.equal(audit.length, 1);
  });
});

describe('holidays', () => {
  test('no ticket on a holiday for services with hours; around-the-clock services stay open', async () => {
    await assert.rejects(addHoliday(staff, { day: '2026-12-05', name: 'วันพ่อแห่งชาติ' }), refused(403, 'core.errors.forbidden'));
    await assert.rejects(addHoliday(admin, { day: '2026-02-30', name: 'x' }), fieldError('day', 'core.validation.invalid'));
    await assert.rejects(addHoliday(admin, { day: '2026-12-10', name: '  ' }), fieldError('name', 'core.validation.required'));
    await addHoliday(admin, { day: '2026-11-26', name: 'วันหยุดชดเชยวันลอยกระทง' });
    await addHoliday(admin, { day: '2026-12-10', name: 'วันรัฐธรรมนูญ' });
    await assert.rejects(addHoliday(admin, { day: '2026-12-10', name: 'ซ้ำ' }), fieldError('day', 'queue.errors.holidayTaken'));
    assert.equal(await holidayOn(citizen('2.2.2.2'), '2026-11-26'), 'วันหยุดชดเชยวันลอยกระทง');
    assert.equal(await holidayOn({ ...citizen('2.2.2.2'), orgId: other.org.id }, '2026-11-26'), null);
    await assert.rejects(issueTicket(citizen('2.2.2.2'), { serviceId: office.id, channel: 'kiosk' }), (e: unknown) => {
      refused(409, 'queue.errors.holiday')(e);
      assert.deepEqual((e as AppError).params, { name: 'วันหยุดชดเชยวันลอยกระทง' });
      return true;
    });
    assert.equal((await issueTicket(citizen('2.2.2.2'), { serviceId: allDay.id, channel: 'kiosk' })).ticket.label, 'Z001');
    assert.deepEqual(
      (await listHolidays(admin, { from: '2026-11-01', to: '2026-11-30' })).map((h) => h.day),
      ['2026-11-26'],
    );
    await removeHoliday(admin, '2026-11-26');
    await assert.rejects(removeHoliday(admin, '2026-11-26'), refused(404, 'queue.errors.unknownHoliday'));
    assert.equal((await issueTicket(citizen('2.2.2.2'), { serviceId: office.id, channel: 'kiosk' })).ticket.label, 'D001');
  });
});

describe('online tickets', () => {
  test('phone numbers: Thai mobiles only, spaces, dashes and +66 accepted', () => {
    assert.equal(normalizePhone('081-234-5678'), '0812345678');
    assert.equal(normalizePhone('+66 81 234 5678'), '0812345678');
    assert.equal(normalizePhone('073 123 456'), null);
    assert.equal(normalizePhone('0212345678'), null);
    assert.equal(normalizePhone('08123456789'), null);
  });

  test('refused until the organization allows them; then one active ticket per phone and per device', async () => {
    const online = (ip: string, phone: string, deviceId?: string) =>
      issueTicket(citizen(ip), { serviceId: office.id, channel: 'online', phone, deviceId });
    await assert.rejects(online('3.3.3.1', '0812345678', 'dev-a'), refused(409, 'queue.errors.onlineClosed'));
    await updateQueueSettings(admin, { allowOnline: true });
    await assert.rejects(online('3.3.3.1', '12345'), fieldError('phone', 'queue.errors.phoneInvalid'));
    await assert.rejects(online('3.3.3.1', ''), fieldError('phone', 'queue.errors.phoneInvalid'));
    const first = await online('3.3.3.1', '081 234 5678', 'dev-a');
    assert.equal(first.ticket.channel, 'online');
    assert.equal(first.ticket.phoneHash?.includes('0812345678'), false);
    // Same phone from another device, same device with another phone: refused, naming the ticket.
    await assert.rejects(online('3.3.3.2', '0812345678', 'dev-b'), (e: unknown) => {
      refused(409, 'queue.errors.onlineHasActive')(e);
      assert.deepEqual((e as AppError).params, { label: first.ticket.label });
      return true;
    });
    await assert.rejects(online('3.3.3.3', '0899999999', 'dev-a'), refused(409, 'queue.errors.onlineHasActive'));
    assert.deepEqual(await activeOnlineTicket(citizen('3.3.3.1'), 'dev-a'), { token: first.ticket.publicToken, label: first.ticket.label });
    assert.equal(await activeOnlineTicket(citizen('3.3.3.1'), 'dev-b'), null);
    assert.equal(await activeOnlineTicket({ ...citizen('3.3.3.1'), orgId: other.org.id }, 'dev-a'), null);
    // Once served, the phone and device may take another number.
    const [counter] = await env.services.db.select().from(queueCounters).where(eq(queueCounters.orgId, org.org.id));
    const counterId = counter?.id as number;
    let called = await callNext(staff, counterId);
    while (called.id !== first.ticket.id) {
      await finish(staff, called.id);
      called = await callNext(staff, counterId);
    }
    await finish(staff, called.id);
    assert.equal(await activeOnlineTicket(citizen('3.3.3.1'), 'dev-a'), null);
    const again = await online('3.3.3.1', '0812345678', 'dev-a');
    assert.notEqual(again.ticket.id, first.ticket.id);
    // A ticket never served yesterday does not hold the phone today.
    clock = new Date(clock.getTime() + DAY);
    const today = await online('3.3.3.1', '0812345678', 'dev-a');
    assert.notEqual(today.ticket.id, again.ticket.id);
  });
});
