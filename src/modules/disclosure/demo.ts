import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { renderPdf, typstString } from '../../core/documents/typst.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokDate, bangkokIsoDay, fiscalYearOf, toThaiDigits } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { addDays } from './freshness.js';
import { createItem, type ItemInput, recordUpdate } from './service.js';

/** The demo accounts that keep register items, with their roles (as the staff seed gives them). */
const OWNERS: Record<string, Role[]> = {
  ita: ['ita_coordinator', 'staff'],
  head: ['division_head'],
  finance: ['division_head', 'staff'],
  frontdesk: ['front_desk', 'staff'],
  admin: ['admin', 'staff'],
};

type Owner = keyof typeof OWNERS;

interface DemoItem {
  code: string;
  title: string;
  owner: Owner | null;
  frequency: ItemInput['frequency'];
  /** Due date: days from today (negative: late). */
  due: number | null;
  topic?: string;
  /** Brought up to date this many days ago (none: never). */
  updated?: { daysAgo: number; url?: string; pdf?: string; note?: string };
}

/** A small official-looking PDF (Thai digits) for the documents the demo publishes. */
async function demoPdf(orgName: string, title: string, lines: string[], date: Date): Promise<Uint8Array> {
  const body = lines.map((l) => `#par(first-line-indent: 2.5em)[#${typstString(l)}]`).join('\n\n');
  const source = `#set page(paper: "a4", margin: (x: 2.5cm, y: 2cm))
#set text(font: "Sarabun", lang: "th", size: 16pt)
#align(center)[#text(weight: "bold", size: 18pt)[#${typstString(orgName)}]]
#align(center)[#text(weight: "bold")[#${typstString(title)}]]
#v(1em)
${body}
#v(2em)
#align(right)[#${typstString(`ประกาศ ณ วันที่ ${toThaiDigits(bangkokIsoDay(date).split('-').reverse().join('/'))}`)}]
`;
  return renderPdf(source);
}

/**
 * The disclosure register of อบต.ลูโบะปือซา for the current ITA year (2569 when the demo runs in
 * it) and for 2567: items under the OIT codes with owners (ita, head, finance, frontdesk), some
 * current, some due soon, some overdue, one never updated; a few updates published as PDFs, so
 * the ITA page shows documents and links.
 */
export async function seedDemo(demo: DemoContext): Promise<void> {
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  const org = await getOrganization(demo.ctx);
  const today = bangkokIsoDay(demo.now);
  const fy = fiscalYearOf(demo.now);
  const actorOf = (owner: Owner | null): Actor | null => {
    const p = owner ? people?.get(owner) : undefined;
    if (!owner || !p?.userId) return demo.ctx.actor;
    return {
      orgId: demo.ctx.orgId,
      userId: p.userId,
      username: owner,
      displayName: owner,
      roles: OWNERS[owner] ?? ['staff'],
      mustChangePassword: false,
    };
  };

  const current: DemoItem[] = [
    {
      code: 'O1',
      title: 'แผนผังโครงสร้างและอำนาจหน้าที่ของ อบต.',
      owner: 'head',
      frequency: 'on_change',
      due: null,
      topic: 'structure',
      updated: { daysAgo: 120, url: '/about/structure' },
    },
    {
      code: 'O2',
      title: 'ข้อมูลผู้บริหาร (นายก รองนายก เลขานุการนายก)',
      owner: 'head',
      frequency: 'on_change',
      due: null,
      topic: 'executives',
      updated: { daysAgo: 95, url: '/about/executives' },
    },
    {
      code: 'O3',
      title: 'ที่อยู่ เบอร์โทรศัพท์ อีเมล และช่องทางถาม-ตอบ',
      owner: 'frontdesk',
      frequency: 'yearly',
      due: 200,
      topic: 'contact',
      updated: { daysAgo: 160, url: '/about/contact' },
    },
    {
      code: 'O4',
      title: 'ข่าวประชาสัมพันธ์ประจำเดือน',
      owner: 'ita',
      frequency: 'monthly',
      due: 9,
      topic: 'news',
      updated: { daysAgo: 21, url: '/news', note: 'ลงข่าวกิจกรรมและประกาศของเดือนครบแล้ว' },
    },
    { code: 'O5', title: 'แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) ฉบับเพิ่มเติม', owner: 'head', frequency: 'yearly', due: -45 },
    {
      code: 'O6',
      title: 'แผนการดำเนินงานประจำปีงบประมาณ',
      owner: 'head',
      frequency: 'yearly',
      due: -12,
      updated: { daysAgo: 380, note: 'แผนปีก่อน' },
    },
    {
      code: 'O9',
      title: 'คู่มือสำหรับประชาชน (งานบริการทุกงาน)',
      owner: 'ita',
      frequency: 'on_change',
      due: null,
      topic: 'service-guides',
      updated: { daysAgo: 30, url: '/services' },
    },
    {
      code: 'O10',
      title: 'สถิติการให้บริการและการให้บริการออนไลน์ รายไตรมาส',
      owner: 'frontdesk',
      frequency: 'quarterly',
      due: 5,
      topic: 'service-statistics',
      updated: { daysAgo: 85, url: '/opendata' },
    },
    {
      code: 'O11',
      title: 'สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)',
      owner: 'finance',
      frequency: 'monthly',
      due: -3,
      updated: { daysAgo: 33, pdf: 'สรุปผลการจัดซื้อจัดจ้างประจำเดือน (แบบ สขร.1) เดือนก่อน' },
    },
    {
      code: 'O12',
      title: `รายงานสรุปผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. ${fy - 1}`,
      owner: 'finance',
      frequency: 'yearly',
      due: 250,
      updated: { daysAgo: 110, pdf: `รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ${fy - 1}` },
    },
    { code: 'O16', title: 'แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', owner: 'head', frequency: 'yearly', due: 30 },
    {
      code: 'O17',
      title: 'ช่องทางแจ้งเรื่องร้องเรียนการทุจริต (ออนไลน์ โทรศัพท์ ตู้รับเรื่อง)',
      owner: 'head',
      frequency: 'on_change',
      due: null,
      updated: { daysAgo: 140, url: '/about/contact#complaints' },
    },
    {
      code: 'O18',
      title: 'สถิติเรื่องร้องเรียนการทุจริต รายไตรมาส',
      owner: 'head',
      frequency: 'quarterly',
      due: -20,
      updated: { daysAgo: 115, note: 'ไตรมาสที่ 1 ไม่มีเรื่องร้องเรียน' },
    },
    {
      code: 'O21',
      title: 'การประเมินความเสี่ยงการทุจริตประจำปี',
      owner: 'ita',
      frequency: 'yearly',
      due: 180,
      updated: { daysAgo: 150, pdf: 'รายงานการประเมินความเสี่ยงการทุจริต' },
    },
    {
      code: 'O23',
      title: 'แผนปฏิบัติการป้องกันการทุจริต',
      owner: 'ita',
      frequency: 'yearly',
      due: 190,
      updated: { daysAgo: 160, url: '/publications' },
    },
  ];

  const y2567: DemoItem[] = [
    {
      code: 'o1',
      title: 'แผนผังโครงสร้างองค์กร',
      owner: 'head',
      frequency: 'once',
      due: null,
      topic: 'structure',
      updated: { daysAgo: 0, url: '/about/structure' },
    },
    {
      code: 'o7',
      title: 'ข่าวประชาสัมพันธ์',
      owner: 'ita',
      frequency: 'once',
      due: null,
      topic: 'news',
      updated: { daysAgo: 0, url: '/news' },
    },
    {
      code: 'o11',
      title: 'แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2567',
      owner: 'head',
      frequency: 'once',
      due: null,
      updated: { daysAgo: 0, note: 'ประกาศใช้แล้ว' },
    },
    {
      code: 'o21',
      title: 'สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) ปี 2567',
      owner: 'finance',
      frequency: 'once',
      due: null,
      updated: { daysAgo: 0, pdf: 'สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2567 (ต.ค. 2566 – มี.ค. 2567)' },
    },
    { code: 'o29', title: 'ข้อมูลสถิติเรื่องร้องเรียนการทุจริต ปี 2567', owner: 'head', frequency: 'once', due: null },
    {
      code: 'o36',
      title: 'แผนปฏิบัติการป้องกันการทุจริต ปี 2567',
      owner: 'ita',
      frequency: 'once',
      due: null,
      updated: { daysAgo: 0, url: '/publications' },
    },
  ];

  const seed = async (year: number, list: DemoItem[], when: (d: DemoItem) => Date) => {
    for (const d of list) {
      const staffId = d.owner ? (people?.get(d.owner)?.staffId ?? null) : null;
      // Items due relative to today; a 'once' item of a past year was due in that year.
      const dueOn = d.due !== null ? addDays(today, d.due) : d.frequency === 'once' ? `${year - 543}-06-30` : null;
      const item = await createItem(demo.ctx, {
        fiscalYear: year,
        itemCode: d.code,
        title: d.title,
        responsibleStaffId: staffId,
        frequency: d.frequency,
        dueOn,
        topic: d.topic ?? null,
      });
      if (!d.updated) continue;
      // Brought up to date by its owner, on the day it was (the demo's clock set back).
      const updateAt = when(d);
      const ctx: ServiceContext = { ...demo.ctx, app: { ...demo.ctx.app, now: () => updateAt }, actor: actorOf(d.owner) };
      const lines = [
        `${org.names.full} ขอประกาศ${d.updated.pdf ?? ''} เพื่อเผยแพร่ให้ประชาชนทราบโดยทั่วกัน ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540`,
        'รายละเอียดตามเอกสารแนบท้ายประกาศนี้ หากมีข้อสงสัยติดต่อได้ที่สำนักงาน ในวันและเวลาราชการ',
      ].map(toThaiDigits);
      const pdf = d.updated.pdf
        ? { bytes: await demoPdf(org.names.full, d.updated.pdf, lines, updateAt), name: `${d.code}.pdf`, title: d.updated.pdf }
        : null;
      await recordUpdate(ctx, item.id, { url: d.updated.url ?? null, note: d.updated.note ?? null, pdf });
    }
    return list.length;
  };

  let n = 0;
  if (fy >= 2569) n += await seed(fy, current, (d) => new Date(demo.now.getTime() - (d.updated?.daysAgo ?? 0) * 86_400_000));
  if (fy > 2569) {
    // 2569 is over: what was done then was done once; what was not is still overdue there.
    let m = 0;
    const done = current.map((d): DemoItem => (d.updated ? { ...d, frequency: 'once', due: null } : { ...d, due: -200 }));
    n += await seed(2569, done, () => bangkokDate(2026, 1 + (m++ % 8), 15, 10, 0));
  }
  // 2567's items were brought up to date during that year (spread over its months).
  let k = 0;
  n += await seed(2567, y2567, () => bangkokDate(2024, 1 + (k++ % 8), 12, 10, 0));
  demo.log(`disclosure: ${n} register items`);
}
