import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.js';
import { users } from '../../core/auth/schema.js';
import type { ServiceContext } from '../../core/context.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { type CaseUpdate, recordComplaint, setRouting, updateCase } from './cases.js';
import type { ReporterIdentity } from './identity.js';
import { submitComplaint } from './intake.js';
import type { ComplaintCategory, ComplaintChannel } from './schema.js';

/**
 * The complaint channel of อบต.ลูโบะปือซา: six complaints through FY 2567 (none in December,
 * February, April, June and August), each carried to its outcome — finished, forwarded to the
 * NACC, not accepted (a street light belongs to the general channels), one still under
 * investigation — and two of this fiscal year: one new (within its deadline) and one
 * acknowledged, assigned to the นิติกร `legal`, whose reporter gave a name (the demo of an
 * audited reveal). Routing: corruption, bribery and procurement to `legal`, misconduct to `head`.
 */

type Step = { on: string; by: 'legal' | 'head'; update: CaseUpdate };

interface DemoComplaint {
  key: string;
  received: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  subject: string;
  description: string;
  occurredWhen?: string;
  place?: string;
  involved?: string;
  identity?: ReporterIdentity;
  mayContact?: boolean;
  /** Usernames of the staff the complaint is about. */
  concerns?: string[];
  steps: Step[];
}

const COMPLAINTS: DemoComplaint[] = [
  {
    key: 'road-materials',
    received: '2023-11-14',
    channel: 'web',
    category: 'procurement',
    subject: 'ราคาวัสดุโครงการถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 สูงกว่าท้องตลาด',
    description:
      'โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านบือแนปีแย หมู่ที่ 3 ซื้อปูนซีเมนต์และเหล็กเส้นในราคาสูงกว่าร้านค้าในอำเภอบาเจาะมาก ขอให้ตรวจสอบการจัดซื้อว่ามีการล็อกสเปกหรือไม่',
    occurredWhen: 'ตุลาคม 2566',
    place: 'หมู่ที่ 3 บ้านบือแนปีแย',
    steps: [
      { on: '2023-11-15', by: 'legal', update: { status: 'acknowledged', reason: 'รับเรื่องไว้ตรวจสอบแล้ว' } },
      {
        on: '2023-11-20',
        by: 'legal',
        update: { status: 'investigating', note: 'ขอสำเนาใบสั่งซื้อ ราคากลาง และใบเสนอราคาจากกองคลังแล้ว' },
      },
      {
        on: '2024-01-12',
        by: 'legal',
        update: {
          status: 'finished',
          reason: 'ตรวจสอบเอกสารการจัดซื้อแล้ว ราคาที่ซื้อไม่เกินราคากลางที่คณะกรรมการกำหนด และเป็นวัสดุตามมาตรฐาน มอก. ที่ระบุในแบบ ไม่พบการทุจริต',
        },
      },
    ],
  },
  {
    key: 'permit-bribe',
    received: '2024-01-09',
    channel: 'phone',
    category: 'bribery',
    subject: 'เจ้าหน้าที่เรียกเงินเพื่อเร่งออกใบอนุญาตก่อสร้างอาคาร',
    description: 'ผู้ร้องโทรศัพท์แจ้งว่ายื่นขออนุญาตก่อสร้างบ้านพักอาศัยตั้งแต่เดือนพฤศจิกายน แล้วมีผู้อ้างว่าเป็นเจ้าหน้าที่เรียกเงิน 3,000 บาท เพื่อให้ออกใบอนุญาตภายในสัปดาห์',
    occurredWhen: 'ธันวาคม 2566',
    place: 'สำนักงาน อบต.ลูโบะปือซา',
    identity: { name: 'นายอับดุลรอมัน เจ๊ะแว', phone: '081 765 4321' },
    mayContact: true,
    steps: [
      { on: '2024-01-10', by: 'legal', update: { status: 'acknowledged', reason: 'รับเรื่องไว้แล้ว จะตรวจสอบข้อเท็จจริง' } },
      {
        on: '2024-01-16',
        by: 'legal',
        update: { note: 'เรื่องมีมูลเกี่ยวกับการเรียกรับสินบน อยู่ในอำนาจของ ป.ป.ช. ควรส่งเรื่องพร้อมบันทึกถ้อยคำ' },
      },
      {
        on: '2024-01-24',
        by: 'legal',
        update: {
          status: 'forwarded',
          reason: 'ส่งเรื่องให้สำนักงาน ป.ป.ช. ประจำจังหวัดนราธิวาสดำเนินการตามอำนาจหน้าที่แล้ว ท่านติดตามต่อได้ที่สำนักงาน ป.ป.ช. ประจำจังหวัดนราธิวาส',
        },
      },
    ],
  },
  {
    key: 'street-lights',
    received: '2024-03-18',
    channel: 'web',
    category: 'other',
    subject: 'ไฟฟ้าส่องสว่างริมถนนสายลูโบะปือซา–บาเจาะดับหลายจุด',
    description: 'ไฟส่องสว่างริมถนนดับต่อเนื่องกันมากกว่าสองสัปดาห์ กลางคืนมืดมาก เด็กนักเรียนกลับจากเรียนตาดีกาอันตราย ขอให้มาซ่อมโดยเร็ว',
    place: 'ถนนสายลูโบะปือซา–บาเจาะ ช่วงหมู่ที่ 1',
    steps: [
      {
        on: '2024-03-19',
        by: 'head',
        update: {
          status: 'not_accepted',
          reason:
            'เรื่องนี้ไม่ใช่การร้องเรียนการทุจริตหรือประพฤติมิชอบ จึงไม่รับไว้พิจารณาในช่องทางนี้ ได้ส่งต่อให้งานไฟฟ้าสาธารณะ กองช่าง ดำเนินการซ่อมแล้ว เรื่องทั่วไปแจ้งได้ที่ Traffy Fondue หรือโทร 073-000-000',
        },
      },
    ],
  },
  {
    key: 'counter-absent',
    received: '2024-05-06',
    channel: 'walk_in',
    category: 'misconduct',
    subject: 'เจ้าหน้าที่ไม่อยู่ประจำจุดบริการในเวลาราชการ',
    description: 'ผู้ร้องมาติดต่อชำระภาษีที่ดินและสิ่งปลูกสร้างสามครั้งในช่วงบ่าย ไม่มีเจ้าหน้าที่อยู่ประจำเคาน์เตอร์ ต้องรอนานกว่าหนึ่งชั่วโมงทุกครั้ง',
    occurredWhen: 'เมษายน–พฤษภาคม 2567 ช่วงบ่าย',
    place: 'เคาน์เตอร์บริการ ชั้น 1',
    concerns: ['counter1'],
    steps: [
      { on: '2024-05-07', by: 'head', update: { status: 'acknowledged', reason: 'รับเรื่องไว้แล้ว' } },
      { on: '2024-05-13', by: 'head', update: { status: 'investigating', note: 'ตรวจบันทึกการลงเวลาและตารางเวรเคาน์เตอร์ย้อนหลัง 2 เดือน' } },
      {
        on: '2024-06-03',
        by: 'head',
        update: {
          status: 'finished',
          reason: 'ตรวจสอบแล้วพบว่ามีการขาดเวรจริง ผู้บังคับบัญชาได้ว่ากล่าวตักเตือนเป็นหนังสือ และจัดเวรสำรองประจำเคาน์เตอร์ช่วงบ่ายแล้ว ขอบคุณที่แจ้งเรื่อง',
        },
      },
    ],
  },
  {
    key: 'relative-contractor',
    received: '2024-07-22',
    channel: 'web',
    category: 'conflict_of_interest',
    subject: 'ญาติของผู้มีอำนาจเป็นผู้รับจ้างโครงการขุดลอกคลอง',
    description: 'ห้างหุ้นส่วนที่ได้งานขุดลอกคลองหมู่ที่ 5 เป็นของญาติใกล้ชิดของหัวหน้าส่วนราชการที่เป็นกรรมการกำหนดราคากลาง ขอให้ตรวจสอบว่ามีผลประโยชน์ทับซ้อนหรือไม่',
    occurredWhen: 'มิถุนายน 2567',
    involved: 'หัวหน้าส่วนราชการ (กรรมการกำหนดราคากลาง)',
    concerns: ['head'],
    steps: [
      { on: '2024-07-23', by: 'legal', update: { status: 'acknowledged', reason: 'รับเรื่องไว้แล้ว' } },
      {
        on: '2024-08-05',
        by: 'legal',
        update: {
          status: 'investigating',
          reason: 'อยู่ระหว่างตรวจสอบเอกสารการจัดจ้างและความสัมพันธ์ของผู้เกี่ยวข้อง',
          note: 'ขอหนังสือรับรองห้างหุ้นส่วนจากกรมพัฒนาธุรกิจการค้า และคำสั่งแต่งตั้งคณะกรรมการกำหนดราคากลาง',
        },
      },
    ],
  },
  {
    key: 'certificate-delay',
    received: '2024-09-03',
    channel: 'letter',
    category: 'abuse_of_office',
    subject: 'ออกหนังสือรับรองการทำประโยชน์ในที่ดินล่าช้าโดยไม่มีเหตุผล',
    description: 'ผู้ร้องยื่นคำขอหนังสือรับรองการทำประโยชน์ในที่ดินตั้งแต่เดือนมิถุนายน 2567 เกินระยะเวลาตามคู่มือสำหรับประชาชนแล้วยังไม่ได้รับ และไม่มีผู้ใดชี้แจงเหตุผล',
    occurredWhen: 'มิถุนายน–สิงหาคม 2567',
    steps: [
      { on: '2024-09-04', by: 'legal', update: { status: 'acknowledged', reason: 'รับหนังสือร้องเรียนไว้แล้ว' } },
      {
        on: '2024-09-20',
        by: 'legal',
        update: {
          status: 'finished',
          reason:
            'ตรวจสอบแล้วคำขอรอผลรังวัดจากสำนักงานที่ดินอำเภอบาเจาะ ได้ชี้แจงผู้ร้องเป็นหนังสือและออกหนังสือรับรองให้เมื่อวันที่ 18 กันยายน 2567 แล้ว กำชับให้แจ้งสถานะคำขอแก่ผู้ยื่นทุกราย',
        },
      },
    ],
  },
  // ---- this fiscal year (2570)
  {
    key: 'fuel-claims',
    received: '2026-10-28',
    channel: 'web',
    category: 'corruption',
    subject: 'เบิกค่าน้ำมันรถส่วนกลางสูงผิดปกติ',
    description: 'รถยนต์ส่วนกลางคันหนึ่งถูกนำไปใช้ส่วนตัวในวันหยุด แต่มีการเบิกค่าน้ำมันเชื้อเพลิงเต็มถังทุกสัปดาห์ ขอให้ตรวจสอบสมุดบันทึกการใช้รถและใบเสร็จค่าน้ำมัน',
    occurredWhen: 'สิงหาคม–ตุลาคม 2569',
    place: 'สำนักงาน อบต.ลูโบะปือซา',
    identity: { name: 'นางสาวนูรีซัน มะแซ', phone: '089 123 4567', email: 'nurisan.m@example.com' },
    mayContact: true,
    steps: [
      { on: '2026-10-29', by: 'legal', update: { status: 'acknowledged', reason: 'รับเรื่องไว้แล้ว จะแจ้งความคืบหน้าให้ทราบ' } },
      {
        on: '2026-11-05',
        by: 'legal',
        update: {
          message: 'หากท่านมีภาพถ่ายหรือวันเวลาที่เห็นรถถูกใช้ในวันหยุด ขอให้แนบเพิ่มเติมผ่านหน้าติดตามเรื่องด้วยเลขรับเรื่องของท่าน',
          note: 'ขอสมุดบันทึกการใช้รถและใบเสร็จค่าน้ำมันย้อนหลัง 3 เดือนจากสำนักปลัดแล้ว',
        },
      },
    ],
  },
  {
    key: 'market-fees',
    received: '2026-11-24',
    channel: 'web',
    category: 'bribery',
    subject: 'เก็บค่าแผงตลาดนัดโดยไม่ออกใบเสร็จ',
    description: 'ผู้ค้าตลาดนัดวันพฤหัสบดีถูกเรียกเก็บค่าแผงรายสัปดาห์เพิ่มจากอัตราที่ประกาศ แผงละ 50 บาท โดยไม่มีใบเสร็จรับเงินของ อบต.',
    occurredWhen: 'พฤศจิกายน 2569 ทุกวันพฤหัสบดี',
    place: 'ตลาดนัดหน้ามัสยิดบ้านลูโบะปือซา',
    steps: [],
  },
];

async function asUser(demo: DemoContext, username: string, roles: Actor['roles']): Promise<ServiceContext> {
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  const userId = people?.get(username)?.userId;
  if (!userId) throw new Error(`complaints demo: no account ${username}`);
  // The real name, so the case's audit trail reads as it would in use ("legal (นาย…)").
  const [u] = await demo.ctx.app.db
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, demo.ctx.orgId), eq(users.id, userId)));
  const displayName = u?.name ?? username;
  return { ...demo.ctx, actor: { orgId: demo.ctx.orgId, userId, username, displayName, roles, mustChangePassword: false } };
}

/** The context at a moment of the demo's past (10:00 Bangkok time on that day, or later in the day). */
function on(ctx: ServiceContext, day: string, hour = 10): ServiceContext {
  const when = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  return { ...ctx, app: { ...ctx.app, now: () => when } };
}

export async function seedDemo(demo: DemoContext): Promise<void> {
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  if (!people?.get('legal')?.userId || !people.get('head')?.userId) {
    demo.log('complaints: no demo officers (legal, head); skipped');
    return;
  }
  const officers = {
    legal: await asUser(demo, 'legal', ['complaint_officer', 'staff']),
    head: await asUser(demo, 'head', ['division_head', 'complaint_officer']),
  };
  const today = bangkokIsoDay(demo.now);
  const ids: Record<string, number> = {};
  for (const c of COMPLAINTS) {
    if (c.received > today) continue;
    const input = {
      category: c.category,
      subject: c.subject,
      description: c.description,
      occurredWhen: c.occurredWhen ?? null,
      place: c.place ?? null,
      involved: c.involved ?? null,
      identity: c.identity ?? null,
      mayContact: c.mayContact ?? false,
    };
    const { id } =
      c.channel === 'web'
        ? await submitComplaint(on({ ...demo.ctx, actor: null, ip: null }, c.received, 9), input)
        : await recordComplaint(on(officers.legal, c.received, 11), { ...input, channel: c.channel, receivedOn: c.received });
    ids[c.key] = id;
    const concerns = (c.concerns ?? []).flatMap((u) => {
      const userId = people.get(u)?.userId;
      return userId ? [userId] : [];
    });
    // The officer who takes the case assigns it to themself first (and records whom it concerns).
    const first = c.steps[0];
    const assignee = first ? (people.get(first.by)?.userId ?? null) : null;
    if (first && (assignee || concerns.length > 0))
      await updateCase(on(officers[first.by], first.on, 9), id, {
        ...(assignee ? { assignedUserId: assignee } : {}),
        ...(concerns.length ? { concernsUserIds: concerns } : {}),
      });
    for (const [n, s] of c.steps.entries()) await updateCase(on(officers[s.by], s.on, 10 + n), id, s.update);
  }
  // Set last, so this year's newest complaint still waits for an officer (the officers' to-do shows it).
  await setRouting(officers.legal, {
    corruption: people.get('legal')?.userId ?? null,
    bribery: people.get('legal')?.userId ?? null,
    procurement: people.get('legal')?.userId ?? null,
    misconduct: people.get('head')?.userId ?? null,
  });
  demo.shared.set('complaints.ids', ids);
  demo.log(`complaints: ${Object.keys(ids).length} complaints (FY 2567 and this year), routing set`);
}
