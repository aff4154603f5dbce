import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import type { DemoContext } from '../../core/module.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { renderInvitation, renderMinutes } from './pdf.js';
import * as svc from './service.js';

type Person = 'ita' | 'head' | 'deputy' | 'mayor' | 'admin' | 'frontdesk' | 'finance' | 'counter1' | 'legal';

const ROLES: Record<Person, Role[]> = {
  ita: ['ita_coordinator', 'staff'],
  head: ['division_head', 'complaint_officer'],
  deputy: ['executive'],
  mayor: ['executive'],
  admin: ['admin', 'staff'],
  frontdesk: ['front_desk', 'staff'],
  finance: ['division_head', 'staff'],
  counter1: ['staff'],
  legal: ['complaint_officer', 'staff'],
};

const at = (iso: string) => new Date(iso);

const MAYOR = { chairName: 'นายจิรเดช ชามาละ', chairPosition: 'นายกองค์การบริหารส่วนตำบลลูโบะปือซา' };
const RECORDER = { recorderName: 'นางสาวฟาตีเมาะ หะเดวา', recorderPosition: 'เจ้าพนักงานธุรการชำนาญงาน' };

/**
 * The demo's meetings: the FY 2567 staff opinion-exchange meeting of measure 8 (all staff invited,
 * attendance, opinions — some anonymous — minutes, actions: three done, one open, published), the
 * FY 2567 village forum with community leaders (measure 5, published), and this year's staff
 * meeting planned in December with opinions coming in (so the staff can give theirs now; the
 * reminder "no meeting this year" is therefore not shown in the demo — it is covered by tests).
 */
export async function seedDemoMeetings(demo: DemoContext): Promise<void> {
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  if (!people) {
    demo.log('meetings: no demo staff, skipped');
    return;
  }
  const staffId = (p: Person) => people.get(p)?.staffId ?? null;
  const as = (p: Person, iso: string): ServiceContext => {
    const u = people.get(p);
    const actor: Actor | null = u?.userId
      ? { orgId: demo.ctx.orgId, userId: u.userId, username: p, displayName: p, roles: ROLES[p], mustChangePassword: false }
      : demo.ctx.actor;
    return { ...demo.ctx, app: { ...demo.ctx.app, now: () => at(iso) }, actor };
  };

  // ------------------------------------------------------------ FY 2567: staff opinion exchange (measure 8)
  const internal = await svc.createMeeting(
    as('ita', '2024-03-01T10:00:00+07:00'),
    {
      kind: 'internal',
      title: 'การประชุมแลกเปลี่ยนความคิดเห็นของบุคลากรเพื่อการปรับปรุงการปฏิบัติงานด้านคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2567',
      purpose:
        'รับฟังความคิดเห็นของบุคลากรต่อการปฏิบัติงานและการให้บริการ และนำผลการประเมินคุณธรรมและความโปร่งใส (ITA) มาปรับปรุงการปฏิบัติงาน ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ข้อ 8',
      day: '2024-03-15',
      startTime: '09:30',
      endTime: '12:00',
      place: 'ห้องประชุมองค์การบริหารส่วนตำบลลูโบะปือซา',
      agenda: [
        {
          title: 'เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ',
          detail: 'ผลการประเมิน ITA ประจำปีงบประมาณ 2566 และมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2567',
        },
        { title: 'แลกเปลี่ยนความคิดเห็นเพื่อปรับปรุงการให้บริการประชาชน' },
        { title: 'แนวทางป้องกันการรับสินบนและผลประโยชน์ทับซ้อนในการปฏิบัติงาน' },
        { title: 'เรื่องอื่น ๆ' },
      ],
      ...MAYOR,
      ...RECORDER,
      audience: 'all',
      publishToPublic: true,
    },
    renderInvitation,
  );
  const opine = (p: Person, iso: string, text: string, agendaIndex: number | null, anonymous = false) =>
    svc.addOpinion(as(p, iso), internal.id, { text, agendaIndex, anonymous });
  await opine('frontdesk', '2024-03-05T14:10:00+07:00', 'ควรมีป้ายแสดงขั้นตอนและระยะเวลาการให้บริการแต่ละงานที่จุดบริการ ประชาชนจะได้ไม่ต้องถามซ้ำ', 1);
  await opine(
    'counter1',
    '2024-03-07T09:00:00+07:00',
    'บางครั้งมีผู้มาติดต่อนำของฝากมาให้เจ้าหน้าที่หลังได้รับบริการ ขอให้มีแนวปฏิบัติที่ชัดเจนว่ารับได้หรือไม่ และต้องปฏิเสธอย่างไรไม่ให้เสียน้ำใจ',
    2,
    true,
  );
  await opine(
    'legal',
    '2024-03-08T11:30:00+07:00',
    'เสนอให้ทบทวนคู่มือการจัดการเรื่องร้องเรียนการทุจริต และประชาสัมพันธ์ช่องทางร้องเรียนให้ประชาชนทราบมากขึ้น',
    2,
  );
  await opine(
    'finance',
    '2024-03-12T16:00:00+07:00',
    'ขอให้ประกาศผลการจัดซื้อจัดจ้างรายเดือนบนเว็บไซต์ตรงเวลาทุกเดือน และแจ้งเตือนผู้รับผิดชอบล่วงหน้า',
    null,
    true,
  );
  const ita = (iso: string) => as('ita', iso);
  await svc.addOpinion(ita('2024-03-15T10:40:00+07:00'), internal.id, {
    text: 'ผู้มาติดต่อที่เป็นผู้สูงอายุมักรอนาน ควรจัดช่องบริการเร่งด่วนสำหรับผู้สูงอายุและคนพิการ',
    agendaIndex: 1,
    during: true,
  });
  const detail = await svc.getMeeting(demo.ctx, internal.id);
  const absent = new Map<number | null, string>([
    [staffId('finance'), 'ไปราชการ ณ สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนราธิวาส'],
    [staffId('legal'), 'ลาป่วย'],
  ]);
  await svc.recordAttendance(ita('2024-03-15T12:10:00+07:00'), internal.id, {
    entries: detail.invitees.map((i) => ({
      inviteeId: i.id,
      attended: !absent.has(i.staffId),
      note: absent.get(i.staffId) ?? null,
    })),
  });
  const fresh = await svc.getMeeting(demo.ctx, internal.id);
  for (const o of fresh.opinions) {
    const response =
      o.agendaIndex === 1
        ? 'ที่ประชุมเห็นชอบ มอบงานธุรการจัดทำป้ายและจัดช่องบริการเร่งด่วน'
        : o.agendaIndex === 2
          ? 'ที่ประชุมเห็นชอบ ให้ถือแนวปฏิบัติตามนโยบายไม่รับของขวัญ (No Gift Policy) และมอบนิติกรทบทวนคู่มือ'
          : 'รับไปดำเนินการ กองคลังจัดทำปฏิทินการประกาศผลการจัดซื้อจัดจ้าง';
    await svc.respondToOpinion(ita('2024-03-18T10:00:00+07:00'), o.id, response);
  }
  await svc.saveMinutes(
    ita('2024-03-20T15:00:00+07:00'),
    internal.id,
    {
      items: [
        {
          discussion:
            'ประธานแจ้งผลการประเมิน ITA ประจำปีงบประมาณ 2566 ได้ 86.42 คะแนน ระดับ A ตัวชี้วัดที่ควรปรับปรุง ได้แก่ การป้องกันการทุจริต และการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง และแจ้งมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2567 จำนวน 8 มาตรการ',
          resolution: 'ที่ประชุมรับทราบ',
        },
        {
          discussion: 'บุคลากรเสนอให้จัดทำป้ายแสดงขั้นตอนและระยะเวลาการให้บริการ และจัดช่องบริการเร่งด่วนสำหรับผู้สูงอายุและคนพิการ',
          resolution: 'เห็นชอบให้จัดทำป้ายแสดงขั้นตอนและระยะเวลาการให้บริการทุกงาน และจัดช่องบริการเร่งด่วน ภายในเดือนพฤษภาคม 2567',
        },
        {
          discussion: 'มีผู้เสนอ (ไม่ระบุชื่อ) ให้มีแนวปฏิบัติเรื่องการรับของฝากจากผู้มาติดต่อ นิติกรชี้แจงประมวลจริยธรรมและประกาศนโยบายไม่รับของขวัญ',
          resolution:
            'ถือปฏิบัติตามนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) มอบนิติกรทบทวนคู่มือการจัดการเรื่องร้องเรียนการทุจริตและเผยแพร่ช่องทางร้องเรียน',
        },
        {
          discussion: 'กองคลังเสนอให้จัดทำปฏิทินการประกาศผลการจัดซื้อจัดจ้างรายเดือนบนเว็บไซต์',
          resolution: 'เห็นชอบ ให้ประชุมแลกเปลี่ยนความคิดเห็นของบุคลากรอีกครั้งในปีงบประมาณถัดไป',
        },
      ],
      startTime: '09:30',
      endTime: '12:00',
      close: false,
    },
    renderMinutes,
  );
  const action = async (p: Person | null, title: string, dueOn: string, done?: { iso: string; note: string }) => {
    const a = await svc.addAction(ita('2024-03-20T15:10:00+07:00'), internal.id, {
      title,
      ownerStaffId: p ? staffId(p) : null,
      dueOn,
    });
    if (done && p) await svc.completeAction(as(p, done.iso), a.id, done.note);
  };
  await action('frontdesk', 'จัดทำป้ายแสดงขั้นตอนและระยะเวลาการให้บริการ และช่องบริการเร่งด่วน', '2024-05-31', {
    iso: '2024-05-20T10:00:00+07:00',
    note: 'ติดตั้งป้าย 6 งานบริการ และช่องบริการเร่งด่วนที่จุดบริการเบ็ดเสร็จ',
  });
  await action('legal', 'ทบทวนคู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', '2024-06-30', {
    iso: '2024-06-25T14:00:00+07:00',
    note: 'ปรับปรุงคู่มือ ฉบับปี 2567 และเผยแพร่บนเว็บไซต์แล้ว',
  });
  await action('admin', 'ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริตบนเว็บไซต์และเพจเฟซบุ๊ก', '2024-04-30', {
    iso: '2024-04-10T09:30:00+07:00',
    note: 'เผยแพร่แล้วทั้งเว็บไซต์และเพจ',
  });
  await action('head', 'จัดอบรมประมวลจริยธรรมและนโยบายไม่รับของขวัญให้บุคลากรบรรจุใหม่', '2026-12-18');
  await svc.saveMinutes(ita('2024-03-22T10:00:00+07:00'), internal.id, { items: [], close: true, publishToPublic: true }, renderMinutes);

  // ------------------------------------------------------------ FY 2567: village forum with stakeholders (measure 5)
  const forum = await svc.createMeeting(
    as('ita', '2024-05-08T10:00:00+07:00'),
    {
      kind: 'stakeholder',
      title: 'การประชุมประชาคมตำบลเพื่อรับฟังความคิดเห็นของผู้มีส่วนได้ส่วนเสีย ประจำปีงบประมาณ 2567',
      purpose:
        'รับฟังความคิดเห็นและข้อเสนอแนะของผู้นำชุมชนและประชาชนต่อการดำเนินงานขององค์การบริหารส่วนตำบล การให้บริการ และการป้องกันการทุจริต ตามมาตรการข้อ 5',
      day: '2024-05-22',
      startTime: '13:30',
      endTime: '16:00',
      place: 'ศาลาอเนกประสงค์ หมู่ที่ 3 ตำบลลูโบะปือซา',
      agenda: [
        { title: 'ชี้แจงผลการดำเนินงานและแผนงานโครงการ ประจำปีงบประมาณ 2567' },
        { title: 'รับฟังความคิดเห็นต่อการให้บริการและการดำเนินงานขององค์การบริหารส่วนตำบล' },
        { title: 'ช่องทางการร้องเรียนและการมีส่วนร่วมตรวจสอบการใช้งบประมาณ' },
      ],
      ...MAYOR,
      ...RECORDER,
      audience: 'people',
      staffIds: (['mayor', 'deputy', 'head', 'finance', 'ita'] as Person[]).map(staffId).filter((x): x is number => x !== null),
      outside: [
        { name: 'นายมะยูโซะ ดอเลาะ', affiliation: 'กำนันตำบลลูโบะปือซา' },
        { name: 'นายอับดุลรอแม สาแม', affiliation: 'ผู้ใหญ่บ้าน หมู่ที่ 1' },
        { name: 'นายสุกรี มามะ', affiliation: 'ผู้ใหญ่บ้าน หมู่ที่ 2' },
        { name: 'นายมูฮำหมัด เจ๊ะเต๊ะ', affiliation: 'ผู้ใหญ่บ้าน หมู่ที่ 3' },
        { name: 'นายอิสมาแอล ยูโซะ', affiliation: 'อิหม่ามมัสยิดประจำหมู่บ้าน หมู่ที่ 4' },
        { name: 'นางรอกีเยาะ อาแว', affiliation: 'ประธานอาสาสมัครสาธารณสุขประจำหมู่บ้าน' },
        { name: 'นางสาวนูรฮายาตี หะยีมะ', affiliation: 'ผู้แทนกลุ่มสตรีตำบลลูโบะปือซา' },
        { name: 'นายรุสลี แวหะยี', affiliation: 'ผู้อำนวยการโรงเรียนบ้านลูโบะปือซา' },
      ],
      publishToPublic: true,
    },
    renderInvitation,
  );
  const fd = await svc.getMeeting(demo.ctx, forum.id);
  await svc.recordAttendance(ita('2024-05-22T16:10:00+07:00'), forum.id, {
    entries: fd.invitees.map((i) => ({
      inviteeId: i.id,
      attended: i.name !== 'นายรุสลี แวหะยี',
      note: i.name === 'นายรุสลี แวหะยี' ? 'ติดภารกิจประชุมผู้บริหารสถานศึกษา' : null,
    })),
    walkIns: [
      { name: 'นายดอเลาะ เจ๊ะหลง', affiliation: 'ประชาชน หมู่ที่ 3' },
      { name: 'นางแวนะ บือซา', affiliation: 'ประชาชน หมู่ที่ 5' },
    ],
  });
  const during = (iso: string, text: string, agendaIndex: number, authorName: string | null) =>
    svc.addOpinion(ita(iso), forum.id, { text, agendaIndex, during: true, authorName });
  const f1 = await during('2024-05-22T14:20:00+07:00', 'ถนนสายบ้านลูโบะปือซา–บ้านบือราเป๊ะ ชำรุดเป็นหลุมบ่อ ขอให้ซ่อมก่อนฤดูฝน', 1, 'นายสุกรี มามะ');
  const f2 = await during('2024-05-22T14:35:00+07:00', 'ไฟฟ้าส่องสว่างริมทางในหมู่ที่ 3 ดับหลายจุด แจ้งแล้วแต่ไม่ทราบความคืบหน้า', 1, null);
  const f3 = await during(
    '2024-05-22T15:05:00+07:00',
    'อยากให้ติดประกาศผลการจัดซื้อจัดจ้างที่มัสยิดและที่ทำการผู้ใหญ่บ้านด้วย ไม่ใช่เฉพาะบนเว็บไซต์',
    2,
    'นางสาวนูรฮายาตี หะยีมะ',
  );
  await svc.respondToOpinion(ita('2024-05-24T10:00:00+07:00'), f1.id, 'บรรจุในแผนซ่อมบำรุงถนน กองช่างสำรวจและซ่อมแซมภายในเดือนกรกฎาคม 2567');
  await svc.respondToOpinion(ita('2024-05-24T10:05:00+07:00'), f2.id, 'กองช่างเปลี่ยนหลอดไฟแล้ว และให้แจ้งความคืบหน้าทางระบบติดตามคำร้อง');
  await svc.respondToOpinion(ita('2024-05-24T10:10:00+07:00'), f3.id, 'เห็นชอบ ให้ส่งประกาศผลการจัดซื้อจัดจ้างรายเดือนไปติดที่ทำการผู้ใหญ่บ้านทุกหมู่');
  await svc.saveMinutes(
    ita('2024-05-24T11:00:00+07:00'),
    forum.id,
    {
      items: [
        {
          discussion: 'นายกองค์การบริหารส่วนตำบลชี้แจงผลการดำเนินงานรอบ 6 เดือน และโครงการตามข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ 2567',
          resolution: 'ที่ประชุมรับทราบ',
        },
        {
          discussion: 'ผู้นำชุมชนเสนอปัญหาถนนชำรุดและไฟฟ้าส่องสว่างริมทาง',
          resolution: 'มอบกองช่างสำรวจและซ่อมแซมถนนและไฟฟ้าส่องสว่าง และรายงานผลในการประชุมประชาคมครั้งถัดไป',
        },
        {
          discussion: 'ชี้แจงช่องทางร้องเรียนการทุจริต ทั้งทางเว็บไซต์ ตู้รับเรื่อง และโทรศัพท์ และการตรวจสอบการใช้งบประมาณ',
          resolution: 'เห็นชอบให้ติดประกาศผลการจัดซื้อจัดจ้างรายเดือนที่ที่ทำการผู้ใหญ่บ้านทุกหมู่',
        },
      ],
      close: false,
    },
    renderMinutes,
  );
  const fa = await svc.addAction(ita('2024-05-24T11:10:00+07:00'), forum.id, {
    title: 'ซ่อมแซมถนนสายบ้านลูโบะปือซา–บ้านบือราเป๊ะ',
    ownerStaffId: staffId('deputy'),
    dueOn: '2024-07-31',
  });
  await svc.completeAction(ita('2024-07-26T15:00:00+07:00'), fa.id, 'ซ่อมผิวจราจรแล้วเสร็จ 1.2 กิโลเมตร');
  const fb = await svc.addAction(ita('2024-05-24T11:12:00+07:00'), forum.id, {
    title: 'ส่งประกาศผลการจัดซื้อจัดจ้างรายเดือนไปติดที่ทำการผู้ใหญ่บ้านทุกหมู่',
    ownerStaffId: staffId('finance'),
    dueOn: '2024-06-30',
  });
  await svc.completeAction(as('finance', '2024-06-10T09:00:00+07:00'), fb.id, 'ส่งทุกเดือนตั้งแต่เดือนมิถุนายน 2567');
  await svc.saveMinutes(ita('2024-05-27T09:00:00+07:00'), forum.id, { items: [], close: true, publishToPublic: true }, renderMinutes);

  // ------------------------------------------------------------ this year: the staff meeting planned, opinions coming in
  const fy = fiscalYearOf(demo.now);
  const createdAt = new Date(demo.now.getTime() - 6 * 24 * 3600_000);
  const meetingDay = new Date(demo.now.getTime() + 14 * 24 * 3600_000);
  const iso = (d: Date) => d.toISOString();
  const dayOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const planned = await svc.createMeeting(
    as('ita', iso(createdAt)),
    {
      kind: 'internal',
      title: `การประชุมแลกเปลี่ยนความคิดเห็นของบุคลากรเพื่อการปรับปรุงการปฏิบัติงานด้านคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ${fy}`,
      purpose: 'ทบทวนผลการดำเนินงานตามมาตรการปีที่ผ่านมา และรับฟังความคิดเห็นของบุคลากรเพื่อจัดทำมาตรการปีงบประมาณนี้',
      day: dayOf(meetingDay),
      startTime: '09:30',
      endTime: '12:00',
      place: 'ห้องประชุมองค์การบริหารส่วนตำบลลูโบะปือซา',
      agenda: [
        { title: 'เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ' },
        { title: 'ติดตามผลการดำเนินงานตามมติการประชุมครั้งที่แล้ว' },
        { title: 'แลกเปลี่ยนความคิดเห็นต่อมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณนี้' },
        { title: 'เรื่องอื่น ๆ' },
      ],
      ...MAYOR,
      ...RECORDER,
      audience: 'all',
      publishToPublic: true,
    },
    renderInvitation,
  );
  await svc.addOpinion(as('frontdesk', iso(new Date(createdAt.getTime() + 2 * 24 * 3600_000))), planned.id, {
    text: 'เสนอให้ใช้ระบบบัตรคิวออนไลน์ประชาสัมพันธ์ผ่านผู้ใหญ่บ้าน เพราะผู้สูงอายุยังไม่ทราบ',
    agendaIndex: 2,
  });
  await svc.addOpinion(as('finance', iso(new Date(createdAt.getTime() + 3 * 24 * 3600_000))), planned.id, {
    text: 'ควรกำหนดผู้รับผิดชอบตอบข้อร้องเรียนในแต่ละกองให้ชัดเจน และแจ้งให้บุคลากรทุกคนทราบ',
    agendaIndex: 2,
    anonymous: true,
  });
  demo.log('meetings: FY 2567 staff opinion exchange (published), FY 2567 village forum (published), this year planned');
}
