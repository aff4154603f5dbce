import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import { seededRandom } from '../../core/random.js';
import { bangkokDate, bangkokDateParts, bangkokIsoDay } from '../../core/thai/bangkok.js';
import { queuePolicy } from './policy.js';
import {
  type Channel,
  queueDayCounters,
  type queueTicketEvents,
  type queueTickets,
  type TicketEventKind,
  type TicketStatus,
} from './schema.js';
import { listHolidays, listSetup, ticketLabel } from './service.js';

/**
 * Weeks of realistic ticket history for the demo, so the statistics mean something: office
 * days only (no weekends, no holidays), a morning peak and an afternoon wave with a lunch dip,
 * Mondays busiest and Fridays quieter, priority groups (older persons most at the allowance
 * service), a few no-shows (called, called again, then not come), a few transfers between
 * services, and each counter's lunch break. Counters are simulated: a ticket is called when a
 * counter serving it is free, so wait times grow when the office is busy.
 *
 * Written in bulk (one INSERT per table, the rows as one JSON parameter, in one command with one
 * audit entry), so the demo stays quick: six weeks are a few thousand tickets and about five times as many events.
 * Deterministic: the same days give the same history.
 */
export interface HistoryOptions {
  /** How many calendar days back from `until` (its own day excluded: today stays live). */
  days: number;
  until: Date;
  /** Tickets on an ordinary Tuesday (default 65). */
  perDay?: number;
  seed?: number;
}

const MIN = 60_000;
/** Share of the day's tickets by service prefix (the demo's A–F); other prefixes share the rest. */
const SHARE: Record<string, number> = { A: 0.3, B: 0.13, C: 0.06, D: 0.07, E: 0.36, F: 0.08 };
/** Monday busiest (after the weekend), Friday quieter (Friday prayers in Narathiwat). */
const WEEKDAY_LOAD = [0, 1.35, 1.0, 0.95, 1.0, 0.75, 0];
/** Transfers that happen at a real counter: allowance ↔ general registration, commerce → fees. */
const TRANSFER_TO: Record<string, string> = { A: 'E', E: 'A', D: 'F', C: 'E' };
const TRANSFER_REASONS = ['ต้องแก้ไขทะเบียนบ้านก่อนยื่นคำขอ', 'ต้องชำระค่าธรรมเนียมที่งานการคลัง', 'ขอเอกสารรับรองเพิ่มเติม'];

type TicketRow = typeof queueTickets.$inferInsert;
type EventRow = Omit<typeof queueTicketEvents.$inferInsert, 'ticketId'> & { ticketKey: string | null };

interface Sim {
  key: string;
  serviceId: number;
  numberServiceId: number;
  prefix: string;
  number: number;
  day: string;
  issuedAt: Date;
  channel: Channel;
  priorityGroupId: number | null;
  issuedBy: number | null;
  readyAt: Date;
  transferred: boolean;
  calledAt: Date | null;
  lastCalledAt: Date | null;
  callCount: number;
  servingAt: Date | null;
  finishedAt: Date | null;
  status: TicketStatus;
  counterId: number | null;
}

export async function seedQueueHistory(ctx: ServiceContext, opts: HistoryOptions): Promise<{ tickets: number; events: number }> {
  const setup = await listSetup(ctx);
  const services = setup.services.filter((s) => s.active);
  const counters = setup.counters.filter((c) => c.active && c.serviceIds.length > 0);
  const groups = setup.groups.filter((g) => g.active);
  if (services.length === 0 || counters.length === 0) return { tickets: 0, events: 0 };
  const rand = seededRandom(opts.seed ?? 20261102);
  const normal = () => {
    // Box–Muller.
    const u = Math.max(rand(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const untilDay = bangkokIsoDay(opts.until);
  const first = new Date(opts.until.getTime() - opts.days * 86_400_000);
  const holidays = new Set((await listHolidays(ctx, { from: bangkokIsoDay(first), to: untilDay })).map((h) => h.day));
  const byPrefix = new Map(services.map((s) => [s.prefix, s]));
  const known = services.filter((s) => SHARE[s.prefix] !== undefined);
  const rest = services.filter((s) => SHARE[s.prefix] === undefined);
  const shares = services.map((s) => SHARE[s.prefix] ?? (known.length ? 0.05 : 1 / services.length) / Math.max(1, rest.length));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const frontDesk = counters.find((c) => c.number === 3)?.staffUserId ?? counters[0]?.staffUserId ?? null;
  const elderly = groups[0]?.id ?? null;

  const ticketRows: TicketRow[] = [];
  const allEvents: EventRow[] = [];
  const dayCounters: (typeof queueDayCounters.$inferInsert)[] = [];

  for (let i = opts.days; i >= 1; i--) {
    const date = new Date(opts.until.getTime() - i * 86_400_000);
    const p = bangkokDateParts(date);
    const day = bangkokIsoDay(date);
    if (day >= untilDay || p.weekday === 0 || p.weekday === 6 || holidays.has(day)) continue;
    const at = (minutes: number) => new Date(bangkokDate(p.year, p.month, p.day).getTime() + minutes * MIN);
    // The first days of a month are busier at the allowance service (the monthly payment).
    const load = WEEKDAY_LOAD[p.weekday] ?? 1;
    const count = Math.round((opts.perDay ?? 65) * load * (0.85 + rand() * 0.3));
    const sims: Sim[] = [];
    const numbers = new Map<number, number>();
    const arrivals: number[] = [];
    for (let k = 0; k < count; k++) {
      // Minutes after midnight: a morning peak around 10:00 and an afternoon wave around 13:45.
      let m = rand() < 0.62 ? 600 + normal() * 55 : 825 + normal() * 65;
      if (m >= 720 && m < 780 && rand() < 0.6) m += 60; // few come over lunch
      arrivals.push(Math.min(16 * 60 + 15, Math.max(8 * 60 + 30, m)));
    }
    arrivals.sort((a, b) => a - b);
    for (const m of arrivals) {
      let r = rand() * shareSum;
      let sIdx = 0;
      while (sIdx < shares.length - 1 && r >= (shares[sIdx] ?? 0)) r -= shares[sIdx++] ?? 0;
      let service = services[sIdx] ?? services[0];
      if (!service) continue;
      if (p.day <= 10 && service.prefix === 'E' && rand() < 0.25 && byPrefix.has('A')) service = byPrefix.get('A') ?? service;
      const number = (numbers.get(service.id) ?? 0) + 1;
      numbers.set(service.id, number);
      const issuedAt = at(m + rand());
      const u = rand();
      const channel: Channel = u < 0.68 ? 'kiosk' : u < 0.94 ? 'front_desk' : 'online';
      const g = rand();
      const priorityGroupId =
        groups.length === 0
          ? null
          : service.prefix === 'A' && g < 0.35
            ? elderly
            : g < 0.07
              ? elderly
              : g < 0.1
                ? (groups[1]?.id ?? null)
                : g < 0.11
                  ? (groups[2]?.id ?? null)
                  : null;
      sims.push({
        key: randomBytes(18).toString('base64url'),
        serviceId: service.id,
        numberServiceId: service.id,
        prefix: service.prefix,
        number,
        day,
        issuedAt,
        channel,
        priorityGroupId,
        issuedBy: channel === 'front_desk' ? frontDesk : null,
        readyAt: issuedAt,
        transferred: false,
        calledAt: null,
        lastCalledAt: null,
        callCount: 0,
        servingAt: null,
        finishedAt: null,
        status: 'issued',
        counterId: null,
      });
    }
    for (const [serviceId, last] of numbers) dayCounters.push({ orgId: ctx.orgId, serviceId, day, last });

    // The counters: each is free from 08:30, takes a 45-minute lunch (staggered), calls the
    // oldest ready ticket of its services when free.
    const free = new Map(counters.map((c) => [c.id, at(8 * 60 + 30)]));
    const lunch = new Map(counters.map((c, idx) => [c.id, { start: at(12 * 60 + (idx % 2) * 30), taken: false }]));
    const events = new Map<string, EventRow[]>(sims.map((s) => [s.key, []]));
    const counterEvents: EventRow[] = [];
    const ev = (
      s: Sim | null,
      kind: TicketEventKind,
      when: Date,
      serviceId: number | null,
      counterId: number | null,
      staff: number | null,
      reason: string | null = null,
    ) => {
      const row: EventRow = {
        orgId: ctx.orgId,
        ticketKey: s?.key ?? null,
        kind,
        at: when,
        serviceId,
        counterId,
        staffUserId: staff,
        reason,
      };
      if (s) events.get(s.key)?.push(row);
      else counterEvents.push(row);
    };
    for (const s of sims) ev(s, 'issued', s.issuedAt, s.serviceId, null, s.issuedBy);
    const pending = [...sims];
    while (pending.length > 0) {
      pending.sort((a, b) => a.readyAt.getTime() - b.readyAt.getTime());
      const s = pending.shift() as Sim;
      const able = counters.filter((c) => c.serviceIds.includes(s.serviceId));
      if (able.length === 0) {
        s.status = s.transferred ? 'transferred' : 'issued';
        continue;
      }
      const counter = able.reduce((best, c) => ((free.get(c.id) ?? 0) < (free.get(best.id) ?? 0) ? c : best));
      let callAt = new Date(Math.max(s.readyAt.getTime(), (free.get(counter.id) ?? s.readyAt).getTime()) + (0.3 + rand()) * MIN);
      const l = lunch.get(counter.id);
      if (l && !l.taken && callAt.getTime() >= l.start.getTime()) {
        l.taken = true;
        const back = new Date(Math.max(callAt.getTime(), l.start.getTime()) + 45 * MIN);
        ev(
          null,
          'counter_paused',
          new Date(Math.max(l.start.getTime(), (free.get(counter.id) ?? l.start).getTime())),
          null,
          counter.id,
          counter.staffUserId,
          'พักกลางวัน',
        );
        ev(null, 'counter_resumed', back, null, counter.id, counter.staffUserId);
        callAt = new Date(back.getTime() + (0.3 + rand()) * MIN);
      }
      const staff = counter.staffUserId;
      s.counterId = counter.id;
      s.calledAt ??= callAt;
      s.lastCalledAt = callAt;
      s.callCount += 1;
      ev(s, 'called', callAt, s.serviceId, counter.id, staff);
      if (!s.transferred && rand() < 0.05) {
        // Called, not there; called again after a minute or two; then marked as not come.
        const again = new Date(callAt.getTime() + (1 + rand()) * MIN);
        s.lastCalledAt = again;
        s.callCount += 1;
        ev(s, 'recalled', again, s.serviceId, counter.id, staff);
        const gone = new Date(again.getTime() + (1.5 + rand() * 1.5) * MIN);
        ev(s, 'no_show', gone, s.serviceId, counter.id, staff);
        s.status = 'no_show';
        s.finishedAt = gone;
        free.set(counter.id, gone);
        continue;
      }
      const pressedServe = rand() < 0.9;
      const start = new Date(callAt.getTime() + (0.5 + rand() * 1.5) * MIN);
      if (pressedServe) {
        s.servingAt = start;
        ev(s, 'serving', start, s.serviceId, counter.id, staff);
      }
      const avg = services.find((x) => x.id === s.serviceId)?.avgServiceMinutes ?? 10;
      const minutes = Math.max(1.5, avg * Math.exp(normal() * 0.35));
      const end = new Date(start.getTime() + minutes * MIN);
      const target = TRANSFER_TO[s.prefix] ? byPrefix.get(TRANSFER_TO[s.prefix] as string) : undefined;
      if (!s.transferred && target && target.id !== s.serviceId && rand() < 0.04) {
        const when = new Date(start.getTime() + Math.min(minutes, 2 + rand() * 3) * MIN);
        ev(s, 'transferred', when, target.id, counter.id, staff, pick(TRANSFER_REASONS));
        s.transferred = true;
        s.serviceId = target.id;
        s.counterId = null;
        s.servingAt = null;
        s.readyAt = when;
        free.set(counter.id, when);
        pending.push(s);
        continue;
      }
      ev(s, 'finished', end, s.serviceId, counter.id, staff);
      s.status = 'finished';
      s.servingAt ??= end;
      s.finishedAt = end;
      free.set(counter.id, end);
    }
    for (const s of sims) {
      allEvents.push(...(events.get(s.key) ?? []));
      ticketRows.push({
        orgId: ctx.orgId,
        serviceId: s.serviceId,
        numberServiceId: s.numberServiceId,
        day: s.day,
        number: s.number,
        label: ticketLabel(s.prefix, s.number),
        priorityGroupId: s.priorityGroupId,
        status: s.status,
        counterId: s.counterId,
        idempotencyKey: null,
        channel: s.channel,
        publicToken: s.key,
        issuedBy: s.issuedBy,
        issuedAt: s.issuedAt,
        calledAt: s.calledAt,
        lastCalledAt: s.lastCalledAt,
        callCount: s.callCount,
        servingAt: s.servingAt,
        finishedAt: s.finishedAt,
      });
    }
    allEvents.push(...counterEvents);
  }
  // Ids in time order, as the live system would have given them.
  allEvents.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  if (ticketRows.length === 0) return { tickets: 0, events: 0 };
  // One JSON parameter per table (json_to_recordset): far quicker than thousands of bound
  // parameters, on PGlite above all.
  const json = (rows: unknown[]) => JSON.stringify(rows);
  return runCommand(ctx, { action: 'queue.seedHistory', allowed: queuePolicy.manage(ctx.actor) }, async (tx) => {
    const inserted = (await tx.execute(sql`
      INSERT INTO queue_tickets (org_id, service_id, number_service_id, day, number, label, priority_group_id, status,
        counter_id, channel, public_token, issued_by, issued_at, called_at, last_called_at, call_count, serving_at, finished_at)
      SELECT ${ctx.orgId}, x."serviceId", x."numberServiceId", x.day, x.number, x.label, x."priorityGroupId", x.status,
        x."counterId", x.channel, x."publicToken", x."issuedBy", x."issuedAt", x."calledAt", x."lastCalledAt", x."callCount",
        x."servingAt", x."finishedAt"
      FROM json_to_recordset(${json(ticketRows)}::json) AS x("serviceId" int, "numberServiceId" int, day date, number int,
        label text, "priorityGroupId" int, status text, "counterId" int, channel text, "publicToken" text, "issuedBy" int,
        "issuedAt" timestamptz, "calledAt" timestamptz, "lastCalledAt" timestamptz, "callCount" int, "servingAt" timestamptz,
        "finishedAt" timestamptz)
      RETURNING id, public_token
    `)) as unknown as { rows: { id: number; public_token: string }[] };
    const ids = new Map(inserted.rows.map((r) => [r.public_token, Number(r.id)]));
    const eventRows = allEvents.map(({ ticketKey, ...e }) => ({ ...e, ticketId: ticketKey ? (ids.get(ticketKey) ?? null) : null }));
    await tx.execute(sql`
      INSERT INTO queue_ticket_events (org_id, ticket_id, kind, at, service_id, counter_id, staff_user_id, reason)
      SELECT ${ctx.orgId}, x."ticketId", x.kind, x.at, x."serviceId", x."counterId", x."staffUserId", x.reason
      FROM json_to_recordset(${json(eventRows)}::json) AS x("ticketId" int, kind text, at timestamptz, "serviceId" int,
        "counterId" int, "staffUserId" int, reason text)
    `);
    if (dayCounters.length) await tx.insert(queueDayCounters).values(dayCounters);
    const result = { tickets: ticketRows.length, events: eventRows.length };
    return {
      result,
      entity: 'queue_ticket',
      summary: `สร้างประวัติบัตรคิวตัวอย่าง ${result.tickets} ใบ ย้อนหลัง ${opts.days} วัน`,
      data: result,
    };
  });
}
