import { and, eq, gte, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import type { DemoContext } from '../../core/module.js';
import { seededRandom } from '../../core/random.js';
import { bangkokDate, bangkokIsoDay } from '../../core/thai/bangkok.js';
import { queueServices, queueTickets } from '../queue/schema.js';
import { frontdeskPolicy } from './policy.js';
import type { Purpose } from './purposes.js';
import type { HelpKind, VisitChannel, VisitKind, VisitOutcome } from './schema.js';
import { DEFAULT_RETENTION_DAYS } from './service.js';

/**
 * The demo's front desk: office days of the last three months up to demo.now and January–March
 * 2567 (2024, the seed report's quarter), with a morning peak, land-tax season (February–April)
 * busier, the desk's queue tickets of the queue demo linked to their visits, a few names and
 * phones (erased on visits older than the retention, as the worker would have), some service out
 * of hours (7.5) and screening-point notes (7.8). Deterministic; written in bulk in one command.
 */

const DAY_MS = 86_400_000;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function weighted<T extends string>(r: Rand, w: Record<T, number>): T {
  const entries = Object.entries(w) as [T, number][];
  let u = r() * entries.reduce((a, [, x]) => a + x, 0);
  for (const [k, x] of entries) {
    u -= x;
    if (u <= 0) return k;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

/** Walk-ins without a queue ticket: what people ask the desk about. */
const PURPOSE_WEIGHT: Record<Purpose, number> = {
  tax: 10,
  commerce_registration: 4,
  building_permit: 5,
  allowance: 14,
  inquiry: 24,
  information_request: 4,
  complaint: 8,
  other_agency: 12,
  other: 9,
};

/** Where each kind of matter goes (division key of the staff demo), when it is sent on. */
const DIVISION_OF: Partial<Record<Purpose, string>> = {
  tax: 'finance',
  commerce_registration: 'finance',
  building_permit: 'works',
  allowance: 'office',
  information_request: 'office',
  complaint: 'office',
};

/** The queue demo's services by prefix → the purpose a visitor with that ticket came for. */
const PURPOSE_OF_PREFIX: Record<string, Purpose> = {
  A: 'allowance',
  B: 'tax',
  C: 'building_permit',
  D: 'commerce_registration',
  E: 'other',
  F: 'tax',
};

const NOTES: Partial<Record<Purpose, string[]>> = {
  complaint: [
    'แจ้งไฟฟ้าส่องสว่างในหมู่บ้านดับ หมู่ที่ 3',
    'ร้องเรียนถนนชำรุดเป็นหลุมบ่อ หมู่ที่ 5',
    'แจ้งน้ำประปาหมู่บ้านไม่ไหล 2 วัน',
    'ร้องเรียนขยะตกค้างหน้าตลาดนัด',
    'แจ้งท่อระบายน้ำอุดตัน หน้ามัสยิด',
  ],
  inquiry: [
    'สอบถามกำหนดจ่ายเบี้ยยังชีพเดือนนี้',
    'สอบถามเอกสารที่ใช้ขออนุญาตก่อสร้าง',
    'สอบถามการรับสมัครเด็กเข้าศูนย์พัฒนาเด็กเล็ก',
    'สอบถามกำหนดชำระภาษีที่ดินและสิ่งปลูกสร้าง',
    'สอบถามโครงการฝึกอาชีพสตรี',
  ],
  information_request: ['ขอสำเนาประกาศผลการจัดซื้อจัดจ้าง', 'ขอข้อมูลงบประมาณโครงการถนน หมู่ที่ 2'],
  other_agency: [
    'แนะนำไปที่ว่าการอำเภอ (ทำบัตรประจำตัวประชาชน)',
    'แนะนำไปสำนักงานที่ดินจังหวัดนราธิวาส',
    'แนะนำไปการไฟฟ้าส่วนภูมิภาค',
    'แนะนำไปโรงพยาบาลส่งเสริมสุขภาพตำบล',
  ],
  allowance: ['ลงทะเบียนผู้สูงอายุรายใหม่', 'ยื่นขอเปลี่ยนบัญชีรับเงิน', 'ยื่นคำขอเบี้ยความพิการ'],
  other: ['ขอใช้สถานที่จัดกิจกรรมหมู่บ้าน', 'ขอรับถังขยะ', 'ขอหนังสือรับรองการเป็นผู้มีรายได้น้อย'],
};

const NAMES = [
  'นายมะรอนิง สาแม',
  'นางสาวนูรีซัน ดอเลาะ',
  'นายอับดุลเลาะ มะแซ',
  'นางแวมีเนาะ แวดาโอะ',
  'นายสมชาย ทองดี',
  'นางรอกายะ บือราเฮง',
  'นายอิสมาแอ ยูโซะ',
  'นางสาวฟาตีมะห์ หะยีสะมะแอ',
  'นายสุริยา แก้วมณี',
  'นางซารีฟะ เจ๊ะเลาะ',
];

const OUT_OF_HOURS: {
  when: 'lunch' | 'evening' | 'saturday';
  purpose: Purpose;
  outcome: VisitOutcome;
  note: string;
  channel: VisitChannel;
}[] = [
  { when: 'lunch', purpose: 'allowance', outcome: 'resolved', note: 'ผู้สูงอายุมายื่นเอกสารเบี้ยยังชีพช่วงพักเที่ยง รับเรื่องไว้ให้', channel: 'walk_in' },
  { when: 'evening', purpose: 'complaint', outcome: 'routed', note: 'โทรแจ้งไฟฟ้าส่องสว่างดับหลังเวลาราชการ ส่งเรื่องกองช่าง', channel: 'phone' },
  { when: 'saturday', purpose: 'tax', outcome: 'resolved', note: 'บริการรับชำระภาษีที่ดินวันเสาร์ ตามประกาศขยายเวลาให้บริการ', channel: 'walk_in' },
  { when: 'lunch', purpose: 'inquiry', outcome: 'resolved', note: 'สอบถามเอกสารสมัครงานจ้างเหมาบริการ ช่วงพักเที่ยง', channel: 'walk_in' },
  {
    when: 'evening',
    purpose: 'other',
    outcome: 'resolved',
    note: 'ขอหนังสือรับรองด่วนเพื่อใช้ประกอบการรักษาพยาบาล ออกให้หลังเลิกงาน',
    channel: 'walk_in',
  },
  { when: 'evening', purpose: 'complaint', outcome: 'follow_up', note: 'แจ้งน้ำท่วมขังถนนในหมู่บ้านทาง LINE นัดออกตรวจพรุ่งนี้', channel: 'line' },
];

const SCREENING_NOTES = [
  'คัดกรองผู้มาติดต่อ แนะนำจุดบริการ ไม่มีปัญหา',
  'ผู้สูงอายุหลายราย จัดให้นั่งรอและรับบริการช่องทางพิเศษ',
  'แนะนำผู้ที่เอกสารไม่ครบให้ถ่ายสำเนาที่จุดบริการก่อนรับบัตรคิว',
  'ผู้มาติดต่อมากช่วงเช้าเพราะใกล้กำหนดชำระภาษี เปิดช่องบริการเพิ่ม',
  'มีผู้พิการนั่งรถเข็น 1 ราย พาไปใช้ทางลาดและช่องบริการชั้นล่าง',
];

interface Row {
  kind: VisitKind;
  visitedAt: string;
  purpose: string;
  serviceId: number | null;
  channel: VisitChannel;
  help: HelpKind[];
  routedDivisionId: number | null;
  ticketId: number | null;
  outcome: VisitOutcome;
  note: string | null;
  visitorName: string | null;
  visitorPhone: string | null;
  personalErasedAt: string | null;
  loggedBy: number | null;
}

const isoDays = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
/** A minute of the office day: a morning peak, a lunch dip, an afternoon wave. */
function officeMinute(r: Rand): number {
  const u = r();
  if (u < 0.55) return 8 * 60 + 30 + Math.floor(r() * 180); // 08:30–11:30
  if (u < 0.62) return 11 * 60 + 30 + Math.floor(r() * 60); // 11:30–12:30
  return 13 * 60 + Math.floor(r() * 210); // 13:00–16:30
}

export async function seedDemoFrontdesk(demo: DemoContext) {
  const { ctx } = demo;
  const r = seededRandom(20240101);
  const divisions = (demo.shared.get('staff.divisions') as Map<string, number> | undefined) ?? new Map<string, number>();
  const people = (demo.shared.get('staff.people') as Map<string, { userId: number | null }> | undefined) ?? new Map();
  const clerk = people.get('frontdesk')?.userId ?? null;
  const now = demo.now;
  const today = bangkokIsoDay(now);
  const recentFrom = bangkokIsoDay(new Date(now.getTime() - 91 * DAY_MS));
  const HOLIDAYS = new Set(['2024-01-01', '2024-02-26']);
  const retentionCutoff = now.getTime() - DEFAULT_RETENTION_DAYS * DAY_MS;

  // The desk's queue tickets (queue demo history and today's waiting ones): one visit each.
  const tickets = await ctx.app.db
    .select({
      id: queueTickets.id,
      serviceId: queueTickets.serviceId,
      issuedAt: queueTickets.issuedAt,
      prefix: queueServices.prefix,
      divisionId: queueServices.divisionId,
    })
    .from(queueTickets)
    .innerJoin(queueServices, and(eq(queueServices.orgId, queueTickets.orgId), eq(queueServices.id, queueTickets.serviceId)))
    .where(
      and(
        eq(queueTickets.orgId, ctx.orgId),
        eq(queueTickets.channel, 'front_desk'),
        gte(queueTickets.day, recentFrom),
        // Today's waiting tickets of the queue demo were issued a moment after demo.now.
        sql`${queueTickets.issuedAt} <= ${new Date(now.getTime() + 15 * 60_000).toISOString()}::timestamptz`,
      ),
    );
  const ticketDays = new Set(tickets.map((t) => bangkokIsoDay(t.issuedAt)));

  const rows: Row[] = [];
  const personal = (at: Date, force = false): Pick<Row, 'visitorName' | 'visitorPhone' | 'personalErasedAt'> => {
    if (!force && r() > 0.1) return { visitorName: null, visitorPhone: null, personalErasedAt: null };
    if (at.getTime() < retentionCutoff) {
      return {
        visitorName: null,
        visitorPhone: null,
        personalErasedAt: new Date(at.getTime() + DEFAULT_RETENTION_DAYS * DAY_MS).toISOString(),
      };
    }
    const phone = `0${pick(r, ['8', '9', '6'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
    return { visitorName: pick(r, NAMES), visitorPhone: phone, personalErasedAt: null };
  };

  for (const t of tickets) {
    const purpose = PURPOSE_OF_PREFIX[t.prefix] ?? 'other';
    const at = new Date(Math.min(now.getTime(), t.issuedAt.getTime() - (1 + Math.floor(r() * 3)) * 60_000));
    const help: HelpKind[] = ['advice'];
    if (purpose === 'allowance' || purpose === 'commerce_registration' || purpose === 'building_permit') {
      if (r() < 0.45) help.push('form_filling');
      if (r() < 0.5) help.push('document_check');
    }
    rows.push({
      kind: 'visit',
      visitedAt: at.toISOString(),
      purpose,
      serviceId: t.serviceId,
      channel: 'walk_in',
      help,
      routedDivisionId: null,
      ticketId: t.id,
      outcome: 'queued',
      note: null,
      ...personal(at),
      loggedBy: clerk,
    });
  }

  const officeDays = [...isoDays('2024-01-01', '2024-03-31'), ...isoDays(recentFrom, today)].filter(
    (d) => weekday(d) >= 1 && weekday(d) <= 5 && !HOLIDAYS.has(d),
  );
  for (const day of officeDays) {
    const [y, m, d] = parts(day);
    const taxSeason = m >= 2 && m <= 4;
    // Days with queue history already have the desk's ticket visits: fewer walk-ins to add.
    const base = ticketDays.has(day) ? 9 : 20;
    const load = [0, 1.3, 1, 0.95, 1, 0.75, 0][weekday(day)] ?? 1;
    const count = Math.round((base + r() * 8) * load * (taxSeason ? 1.15 : 1));
    for (let i = 0; i < count; i++) {
      const minute = officeMinute(r);
      const at = bangkokDate(y, m, d, Math.floor(minute / 60), minute % 60);
      if (at.getTime() > now.getTime()) continue;
      const purpose = weighted(r, { ...PURPOSE_WEIGHT, tax: PURPOSE_WEIGHT.tax * (taxSeason ? 2.2 : 1) });
      const channel = weighted<VisitChannel>(r, { walk_in: 74, phone: 16, line: 7, online: 3 });
      const help: HelpKind[] = [];
      let outcome: VisitOutcome = 'resolved';
      let routed: number | null = null;
      const division = DIVISION_OF[purpose];
      if (purpose === 'other_agency') outcome = 'referred_out';
      else if (purpose === 'complaint') outcome = r() < 0.55 ? 'routed' : 'follow_up';
      else if (division && r() < (purpose === 'information_request' ? 0.5 : 0.7)) outcome = 'routed';
      else if (r() < 0.05) outcome = 'follow_up';
      if (outcome === 'routed') routed = divisions.get(division ?? 'office') ?? null;
      if (outcome === 'routed' && routed === null) outcome = 'resolved';
      if (r() < 0.85 || outcome === 'resolved') help.push('advice');
      if (channel === 'walk_in' && ['allowance', 'commerce_registration', 'building_permit', 'information_request'].includes(purpose)) {
        if (r() < 0.4) help.push('form_filling');
        if (r() < 0.35) help.push('document_check');
      }
      if (outcome === 'routed' && channel === 'walk_in' && r() < 0.6) help.push('routing');
      if (help.length === 0) help.push('other');
      const notes = NOTES[purpose];
      const note = notes && (purpose === 'complaint' || purpose === 'other_agency' || r() < 0.2) ? pick(r, notes) : null;
      rows.push({
        kind: 'visit',
        visitedAt: at.toISOString(),
        purpose,
        serviceId: null,
        channel,
        help,
        routedDivisionId: routed,
        ticketId: null,
        outcome,
        note,
        ...personal(at, outcome === 'follow_up'),
        loggedBy: clerk,
      });
    }
  }

  // Out of hours: about three a month, lunch breaks, evenings and the odd Saturday.
  const months = [
    [2024, 1],
    [2024, 2],
    [2024, 3],
    ...[3, 2, 1, 0].map((back) => {
      const [y, m] = parts(today);
      const i = y * 12 + (m - 1) - back;
      return [Math.floor(i / 12), (i % 12) + 1];
    }),
  ] as [number, number][];
  let k = 0;
  for (const [y, m] of months) {
    for (let j = 0; j < 3; j++) {
      const e = OUT_OF_HOURS[k++ % OUT_OF_HOURS.length] as (typeof OUT_OF_HOURS)[number];
      const pool = isoDays(`${y}-${String(m).padStart(2, '0')}-01`, `${y}-${String(m).padStart(2, '0')}-28`).filter((d) =>
        e.when === 'saturday' ? weekday(d) === 6 : weekday(d) >= 1 && weekday(d) <= 5,
      );
      const day = pick(r, pool);
      const [yy, mm, dd] = parts(day);
      const [h, min] =
        e.when === 'lunch'
          ? [12, 5 + Math.floor(r() * 45)]
          : e.when === 'evening'
            ? [16, 40 + Math.floor(r() * 19)]
            : [9, Math.floor(r() * 59)];
      const at = bangkokDate(yy, mm, dd, e.when === 'evening' && r() < 0.5 ? 17 : h, min);
      if (at.getTime() > now.getTime()) continue;
      const routed = e.outcome === 'routed' ? (divisions.get('works') ?? null) : null;
      rows.push({
        kind: 'out_of_hours',
        visitedAt: at.toISOString(),
        purpose: e.purpose,
        serviceId: null,
        channel: e.channel,
        help: ['advice'],
        routedDivisionId: routed,
        ticketId: null,
        outcome: routed === null && e.outcome === 'routed' ? 'resolved' : e.outcome,
        note: e.note,
        visitorName: null,
        visitorPhone: null,
        personalErasedAt: null,
        loggedBy: clerk,
      });
    }
  }

  // Screening point: Mondays and Wednesdays lately, Mondays in January–March 2567.
  const screening = officeDays
    .filter((d) => d < today && (weekday(d) === 1 || (d >= recentFrom && weekday(d) === 3)))
    .map((day) => ({ day, screened: 18 + Math.floor(r() * 40), note: pick(r, SCREENING_NOTES), loggedBy: clerk }));

  const json = (x: unknown[]) => JSON.stringify(x);
  await runCommand(ctx, { action: 'frontdesk.seedDemo', allowed: frontdeskPolicy.log(ctx.actor) }, async (tx) => {
    await tx.execute(sql`
      INSERT INTO frontdesk_visits (org_id, kind, visited_at, purpose, service_id, channel, help, routed_division_id, ticket_id,
        outcome, note, visitor_name, visitor_phone, personal_erased_at, logged_by)
      SELECT ${ctx.orgId}, x.kind, x."visitedAt", x.purpose, x."serviceId", x.channel, x.help, x."routedDivisionId", x."ticketId",
        x.outcome, x.note, x."visitorName", x."visitorPhone", x."personalErasedAt", x."loggedBy"
      FROM json_to_recordset(${json(rows)}::json) AS x(kind text, "visitedAt" timestamptz, purpose text, "serviceId" int,
        channel text, help jsonb, "routedDivisionId" int, "ticketId" int, outcome text, note text, "visitorName" text,
        "visitorPhone" text, "personalErasedAt" timestamptz, "loggedBy" int)
    `);
    await tx.execute(sql`
      INSERT INTO frontdesk_screening_notes (org_id, day, screened, note, logged_by)
      SELECT ${ctx.orgId}, x.day, x.screened, x.note, x."loggedBy"
      FROM json_to_recordset(${json(screening)}::json) AS x(day date, screened int, note text, "loggedBy" int)
    `);
    return {
      result: null,
      entity: 'frontdesk_visit',
      summary: `สร้างบันทึกจุดแรกรับตัวอย่าง ${rows.length} รายการ และบันทึกจุดคัดกรอง ${screening.length} วัน`,
      data: { visits: rows.length, screening: screening.length },
    };
  });
  demo.log(`frontdesk: ${rows.length} visits (${tickets.length} with a queue ticket), ${screening.length} screening notes`);
}
