import { and, eq } from 'drizzle-orm';
import type { Actor, Role } from '../../core/auth/roles.js';
import { users } from '../../core/auth/schema.js';
import type { ServiceContext } from '../../core/context.js';
import type { DemoContext } from '../../core/module.js';
import { getOrganization } from '../organization/service.js';
import { staffMembers } from '../staff/schema.js';
import { acknowledge, circulate, createCircular, publishOnPortal, recordPaperAck, remindPending } from './service.js';

/** The seed's measure 1: the announcement on disciplinary punishment for corruption (FY 2567). */
export const PUNISHMENT_TITLE = 'มาตรการลงโทษทางวินัยกรณีเจ้าหน้าที่กระทำการทุจริตหรือประพฤติมิชอบ';

const punishmentBody = (org: string) =>
  [
    `ด้วย${org} มีเจตนารมณ์ในการบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้ ตามหลักธรรมาภิบาล และเพื่อให้การป้องกันและปราบปรามการทุจริตและประพฤติมิชอบของบุคลากรในสังกัดเป็นไปอย่างมีประสิทธิภาพ สอดคล้องกับยุทธศาสตร์ชาติว่าด้วยการป้องกันและปราบปรามการทุจริต และการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)`,
    `อาศัยอำนาจตามพระราชบัญญัติระเบียบบริหารงานบุคคลส่วนท้องถิ่น พ.ศ. 2542 ประกาศคณะกรรมการพนักงานส่วนตำบลจังหวัดนราธิวาส เรื่อง มาตรฐานทั่วไปเกี่ยวกับวินัยและการรักษาวินัย และการดำเนินการทางวินัย และประมวลจริยธรรมของข้าราชการส่วนท้องถิ่น ${org}จึงกำหนดมาตรการลงโทษทางวินัยกรณีเจ้าหน้าที่กระทำการทุจริตหรือประพฤติมิชอบ ดังนี้`,
    '1. พนักงานส่วนตำบล ลูกจ้างประจำ และพนักงานจ้างผู้ใดปฏิบัติหรือละเว้นการปฏิบัติหน้าที่โดยมิชอบ เพื่อให้เกิดความเสียหายแก่ผู้หนึ่งผู้ใด หรือปฏิบัติหน้าที่โดยทุจริต เป็นความผิดวินัยอย่างร้ายแรง มีโทษปลดออกหรือไล่ออก',
    '2. ผู้ใดเรียก รับ หรือยอมจะรับทรัพย์สินหรือประโยชน์อื่นใดจากผู้มาติดต่อราชการ ผู้รับจ้าง หรือผู้มีส่วนได้เสีย เพื่อกระทำการหรือไม่กระทำการอย่างใดในตำแหน่งหน้าที่ ไม่ว่าการนั้นจะชอบหรือมิชอบด้วยหน้าที่ เป็นความผิดวินัยอย่างร้ายแรง มีโทษปลดออกหรือไล่ออก และให้ดำเนินคดีอาญาด้วย',
    '3. ผู้ใดใช้ทรัพย์สินของทางราชการ หรือใช้ตำแหน่งหน้าที่แสวงหาประโยชน์สำหรับตนเองหรือผู้อื่นโดยมิชอบ หรือกระทำการอันเป็นการขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวม ให้ดำเนินการทางวินัยตามควรแก่กรณี ตั้งแต่ภาคทัณฑ์ ตัดเงินเดือน ลดขั้นเงินเดือน จนถึงปลดออกหรือไล่ออก',
    '4. ผู้ใดฝ่าฝืนประมวลจริยธรรมของข้าราชการส่วนท้องถิ่น หรือประมวลจริยธรรมของหน่วยงาน ให้ผู้บังคับบัญชาดำเนินการตามประมวลจริยธรรม โดยอาจว่ากล่าวตักเตือน ทำทัณฑ์บน หรือนำไปประกอบการพิจารณาการเลื่อนขั้นเงินเดือนและการประเมินผลการปฏิบัติงาน หากการฝ่าฝืนนั้นเป็นความผิดวินัย ให้ดำเนินการทางวินัยด้วย',
    '5. ผู้บังคับบัญชาที่รู้หรือได้รับรายงานว่าผู้ใต้บังคับบัญชากระทำการทุจริตหรือประพฤติมิชอบ แล้วไม่ดำเนินการตามอำนาจหน้าที่ ให้ถือว่าผู้บังคับบัญชานั้นกระทำผิดวินัย',
    `6. เมื่อมีการร้องเรียนหรือตรวจพบการทุจริต ให้ผู้บังคับบัญชาแต่งตั้งคณะกรรมการสืบสวนข้อเท็จจริงภายใน 7 วันทำการ และรายงานผลต่อนายก${org} ทั้งนี้ ผู้ร้องเรียนและพยานจะได้รับความคุ้มครองและเก็บรักษาข้อมูลเป็นความลับ`,
    'จึงประกาศให้ทราบโดยทั่วกัน และให้บุคลากรทุกคนถือปฏิบัติโดยเคร่งครัด',
  ].join('\n\n');

export const NO_GIFT_TITLE = 'แนวทางปฏิบัติการงดให้และงดรับของขวัญและประโยชน์อื่นใด (No Gift Policy) ประจำปีงบประมาณ พ.ศ. 2570';

const noGiftBody = (org: string, fixed: boolean) =>
  [
    `ด้วย${org}ได้ประกาศนโยบายงดให้และงดรับของขวัญและประโยชน์อื่นใดจากการปฏิบัติหน้าที่ (No Gift Policy) เพื่อส่งเสริมวัฒนธรรมองค์กรที่ซื่อสัตย์สุจริตและป้องกันการขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวม`,
    `ในช่วงเทศกาลปีใหม่ ${fixed ? 'ตั้งแต่วันที่ 15 ธันวาคม 2569 ถึงวันที่ 15 มกราคม 2570' : 'ตั้งแต่วันที่ 15 ธันวาคม 2569'} ขอให้บุคลากรทุกคนงดให้และงดรับของขวัญ กระเช้า หรือประโยชน์อื่นใดจากผู้มาติดต่อราชการ ผู้รับจ้าง และผู้มีส่วนได้เสีย หากมีผู้นำมามอบให้ ให้ปฏิเสธอย่างสุภาพ และหากจำเป็นต้องรับไว้ ให้รายงานผู้บังคับบัญชาตามแบบรายงานการรับของขวัญภายใน 3 วันทำการ`,
    'จึงแจ้งเวียนมาเพื่อทราบและถือปฏิบัติ และลงชื่อรับทราบในระบบภายในวันที่ 30 พฤศจิกายน 2569',
  ].join('\n\n');

async function actorOf(demo: DemoContext, username: string): Promise<Actor> {
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  const userId = people?.get(username)?.userId;
  if (!userId) throw new Error(`circulars demo: no account ${username}`);
  const [u] = await demo.ctx.app.db
    .select()
    .from(users)
    .where(and(eq(users.orgId, demo.ctx.orgId), eq(users.id, userId)));
  if (!u) throw new Error(`circulars demo: no account ${username}`);
  return { orgId: demo.ctx.orgId, userId, username, displayName: u.displayName, roles: u.roles as Role[], mustChangePassword: false };
}

/**
 * The FY 2567 punishment announcement (measure 1) circulated to all staff: most acknowledged
 * online, one on paper, counter1 and one person without an account still pending, a reminder
 * on the due day, published on the portal; and this year's No Gift circular memo (ว series),
 * circulated, revised as version 2, partly acknowledged (counter1 pending).
 */
export async function seedDemoCirculars(demo: DemoContext): Promise<void> {
  const org = await getOrganization(demo.ctx);
  const at = (iso: string) => new Date(iso);
  const as = async (username: string, iso: string): Promise<ServiceContext> => ({
    ...demo.ctx,
    actor: await actorOf(demo, username),
    app: { ...demo.ctx.app, now: () => at(iso) },
  });
  const ack = async (username: string, id: number, version: number, sha256: string, iso: string) =>
    acknowledge(await as(username, iso), id, { version, sha256 });

  // ---- FY 2567: the punishment announcement
  const a = await createCircular(await as('ita', '2024-01-12T10:00:00+07:00'), {
    kind: 'announcement',
    title: PUNISHMENT_TITLE,
    body: punishmentBody(org.names.full),
    dated: '2024-01-15',
    signerName: 'นายจิรเดช ชามาละ',
    signerPosition: `นายก${org.names.full}`,
    audience: { all: true, divisionIds: [] },
    ackDueOn: '2024-01-31',
  });
  const v = await circulate(await as('ita', '2024-01-15T09:30:00+07:00'), a.id);
  const online: [string, string][] = [
    ['ita', '2024-01-15T09:45:00+07:00'],
    ['mayor', '2024-01-15T10:20:00+07:00'],
    ['deputy', '2024-01-15T11:05:00+07:00'],
    ['head', '2024-01-15T13:40:00+07:00'],
    ['admin', '2024-01-16T08:50:00+07:00'],
    ['finance', '2024-01-16T14:15:00+07:00'],
    ['legal', '2024-01-18T09:10:00+07:00'],
    ['frontdesk', '2024-01-31T15:30:00+07:00'],
  ];
  for (const [u, when] of online) await ack(u, a.id, v.version, v.sha256, when);
  await publishOnPortal(await as('ita', '2024-01-16T10:00:00+07:00'), a.id);
  const people = await demo.ctx.app.db
    .select({ id: staffMembers.id, firstName: staffMembers.firstName, userId: staffMembers.userId })
    .from(staffMembers)
    .where(eq(staffMembers.orgId, demo.ctx.orgId));
  // The head of กองช่าง has no account: he signed the paper copy on the notice board.
  const paper = people.find((p) => p.firstName === 'สุไลมาน' && p.userId == null);
  if (paper) await recordPaperAck(await as('ita', '2024-01-26T11:00:00+07:00'), a.id, { staffId: paper.id, on: '2024-01-25' });
  await remindPending(await as('ita', '2024-01-31T16:00:00+07:00'), a.id);

  // ---- This year: the No Gift circular memo, revised once
  const noGiftMemo = (revised: boolean) => ({
    kind: 'memo',
    title: NO_GIFT_TITLE,
    body: noGiftBody(org.names.full, revised),
    dated: '2026-10-20',
    signerName: 'นางสาวฟาตีเมาะ ชะรีแลม',
    signerPosition: `รองปลัด${org.names.full} รักษาราชการแทนปลัด${org.names.full}`,
    audience: { all: true, divisionIds: [] },
    ackDueOn: '2026-11-30',
  });
  const m = await createCircular(await as('ita', '2026-10-19T14:00:00+07:00'), noGiftMemo(false));
  const m1 = await circulate(await as('ita', '2026-10-20T09:00:00+07:00'), m.id);
  await ack('ita', m.id, 1, m1.sha256, '2026-10-20T09:20:00+07:00');
  await ack('head', m.id, 1, m1.sha256, '2026-10-20T10:00:00+07:00');
  await ack('admin', m.id, 1, m1.sha256, '2026-10-21T08:40:00+07:00');
  const { updateCircular } = await import('./service.js');
  await updateCircular(await as('ita', '2026-10-22T09:00:00+07:00'), m.id, noGiftMemo(true));
  const m2 = await circulate(await as('ita', '2026-10-22T09:30:00+07:00'), m.id, {
    changeNote: 'ระบุวันสิ้นสุดช่วงงดรับของขวัญ (15 มกราคม 2570) ให้ชัดเจน',
  });
  const second: [string, string][] = [
    ['head', '2026-10-22T10:15:00+07:00'],
    ['mayor', '2026-10-22T13:30:00+07:00'],
    ['deputy', '2026-10-22T14:00:00+07:00'],
    ['finance', '2026-10-23T09:05:00+07:00'],
    ['legal', '2026-10-24T10:40:00+07:00'],
    ['admin', '2026-10-27T08:30:00+07:00'],
  ];
  for (const [u, when] of second) await ack(u, m.id, m2.version, m2.sha256, when);
  demo.shared.set('circulars.ids', { punishment: a.id, noGift: m.id });
  demo.log(
    `circulars: FY 2567 announcement "${PUNISHMENT_TITLE}" circulated (${online.length + (paper ? 1 : 0)} acknowledged, counter1 pending, on the portal); FY 2570 circular memo v2 (counter1 pending)`,
  );
}
