import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { svgToPng } from '../../core/documents/docx.js';
import { sharedGaruda } from '../../core/documents/sample-memo.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokDate, bangkokDateParts, bangkokIsoDay, formatThaiDate } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { renderAnnouncementPdf } from './announcement-pdf.js';
import type { NewsCategory } from './categories.js';
import type { PostKind } from './schema.js';
import { type PostInput, savePost, setPinned, withdrawPost } from './service.js';

const DAY = 86_400_000;

interface DemoPost {
  kind: PostKind;
  category: NewsCategory;
  title: string;
  summary: string;
  body: string;
  /** Days before demo.now (at 10:00 Bangkok). */
  daysAgo: number;
  by: 'head' | 'ita' | 'finance' | 'mayor';
  cover?: { hue: number; alt: string };
}

const POSTS: DemoPost[] = [
  {
    kind: 'news',
    category: 'activity',
    title: 'กิจกรรมปลูกต้นไม้เฉลิมพระเกียรติ ริมคลองบ้านลูโบะปือซา',
    summary: 'ผู้บริหาร พนักงาน และชาวบ้านหมู่ที่ 1–5 ร่วมปลูกต้นไม้กว่า 500 ต้น ริมคลองบ้านลูโบะปือซา',
    body: 'องค์การบริหารส่วนตำบลลูโบะปือซา ร่วมกับผู้นำชุมชน โรงเรียน และชาวบ้าน จัดกิจกรรมปลูกต้นไม้เฉลิมพระเกียรติ บริเวณริมคลองบ้านลูโบะปือซา\n\n- ต้นไม้ที่ปลูก: ยางนา ตะเคียนทอง และไผ่ รวมกว่า **500 ต้น**\n- ผู้เข้าร่วม: ประมาณ 180 คน\n\nขอขอบคุณทุกภาคส่วนที่ร่วมกันดูแลสิ่งแวดล้อมของตำบล',
    daysAgo: 75,
    by: 'head',
    cover: { hue: 130, alt: 'ชาวบ้านและเจ้าหน้าที่ช่วยกันปลูกต้นกล้าริมคลอง' },
  },
  {
    kind: 'news',
    category: 'activity',
    title: 'งานวันเด็กแห่งชาติ ประจำปี ๒๕๖๗ ที่ลานหน้าที่ทำการ อบต.',
    summary: 'เด็ก ๆ กว่า 300 คนร่วมเล่นเกม รับของขวัญ และชมการแสดงของศูนย์พัฒนาเด็กเล็ก',
    body: 'เมื่อวันเสาร์ที่ผ่านมา องค์การบริหารส่วนตำบลลูโบะปือซา จัดงานวันเด็กแห่งชาติ ณ ลานหน้าที่ทำการ\n\n## กิจกรรมในงาน\n\n- การแสดงของเด็กศูนย์พัฒนาเด็กเล็ก\n- ซุ้มเกมและของรางวัล\n- หน่วยบริการตรวจสุขภาพฟันจาก รพ.สต.\n\nขอบคุณผู้สนับสนุนของขวัญทุกท่าน',
    daysAgo: 60,
    by: 'head',
    cover: { hue: 35, alt: 'เด็ก ๆ ร่วมเล่นเกมที่ลานหน้าที่ทำการ อบต. ในงานวันเด็ก' },
  },
  {
    kind: 'announcement',
    category: 'tax',
    title: 'ประกาศ เรื่อง การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี ๒๕๖๗',
    summary: 'ผู้มีหน้าที่เสียภาษีชำระได้ที่กองคลัง ภายในเดือนเมษายน หรือโอนผ่านบัญชีธนาคารของ อบต.',
    body: 'ด้วยองค์การบริหารส่วนตำบลลูโบะปือซา ได้ส่งแบบแจ้งการประเมินภาษีที่ดินและสิ่งปลูกสร้างให้ผู้มีหน้าที่เสียภาษีแล้ว\n\n## ช่องทางการชำระ\n\n1. ชำระด้วยตนเองที่กองคลัง ในวันและเวลาราชการ\n2. โอนเข้าบัญชีธนาคารของ อบต. แล้วส่งหลักฐานทาง LINE ของกองคลัง\n\n**ชำระภายในวันที่ 30 เมษายน** หากพ้นกำหนดต้องเสียเบี้ยปรับและเงินเพิ่มตามกฎหมาย\n\nรายละเอียดตามประกาศที่แนบ',
    daysAgo: 45,
    by: 'finance',
  },
  {
    kind: 'news',
    category: 'council',
    title: 'ประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น หมู่ที่ ๑–๕',
    summary: 'รับฟังความต้องการของประชาชนเพื่อบรรจุในแผนพัฒนาท้องถิ่น ครบทั้ง 5 หมู่บ้าน',
    body: 'องค์การบริหารส่วนตำบลลูโบะปือซา จัดเวทีประชาคมหมู่บ้านครบทั้ง 5 หมู่บ้าน เพื่อรับฟังปัญหาและความต้องการของประชาชน\n\nปัญหาที่เสนอมากที่สุด ได้แก่ ถนนในหมู่บ้าน ไฟฟ้าส่องสว่าง และระบบระบายน้ำ ซึ่งจะนำเข้าสู่การพิจารณาของคณะกรรมการพัฒนาท้องถิ่นต่อไป',
    daysAgo: 38,
    by: 'head',
  },
  {
    kind: 'announcement',
    category: 'welfare',
    title: 'ประกาศรับลงทะเบียนผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ',
    summary: 'ผู้ที่จะมีอายุครบ 60 ปีในปีงบประมาณถัดไป ลงทะเบียนได้ที่สำนักปลัด ในวันและเวลาราชการ',
    body: 'ผู้ที่เกิดในปีที่จะมีอายุครบ 60 ปีบริบูรณ์ในปีงบประมาณถัดไป และมีทะเบียนบ้านอยู่ในตำบลลูโบะปือซา ยื่นคำขอลงทะเบียนได้ที่สำนักปลัด\n\n## เอกสาร\n\n- บัตรประจำตัวประชาชน\n- ทะเบียนบ้าน\n- สมุดบัญชีเงินฝากธนาคาร (กรณีรับเงินโอน)\n\nผู้ที่ไม่สะดวกมาด้วยตนเอง มอบอำนาจให้ผู้อื่นยื่นแทนได้',
    daysAgo: 30,
    by: 'ita',
  },
  {
    kind: 'announcement',
    category: 'jobs',
    title: 'ประกาศรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้างทั่วไป ตำแหน่งคนงานทั่วไป',
    summary: 'รับสมัคร 2 อัตรา ยื่นใบสมัครที่สำนักปลัด ตั้งแต่วันนี้ถึงสิ้นเดือน',
    body: 'องค์การบริหารส่วนตำบลลูโบะปือซา ประกาศรับสมัครบุคคลเพื่อเป็นพนักงานจ้างทั่วไป ตำแหน่งคนงานทั่วไป จำนวน 2 อัตรา\n\n## คุณสมบัติ\n\n- สัญชาติไทย อายุไม่ต่ำกว่า 18 ปี\n- ไม่เป็นผู้ดำรงตำแหน่งทางการเมือง\n\nสอบถามรายละเอียดได้ที่สำนักปลัด',
    daysAgo: 24,
    by: 'ita',
  },
  {
    kind: 'announcement',
    category: 'education',
    title: 'ประกาศรับสมัครเด็กเข้าเรียนศูนย์พัฒนาเด็กเล็ก ภาคเรียนที่ ๑',
    summary: 'รับเด็กอายุ 2 ปีขึ้นไป สมัครได้ที่ศูนย์พัฒนาเด็กเล็กบ้านลูโบะปือซา',
    body: 'ศูนย์พัฒนาเด็กเล็กสังกัดองค์การบริหารส่วนตำบลลูโบะปือซา เปิดรับสมัครเด็กที่มีอายุ 2 ปีขึ้นไป\n\nผู้ปกครองนำสูติบัตรและทะเบียนบ้านของเด็กมาสมัครได้ที่ศูนย์ฯ ในวันและเวลาราชการ',
    daysAgo: 20,
    by: 'head',
  },
  {
    kind: 'news',
    category: 'health',
    title: 'รณรงค์ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า ฟรี ทุกหมู่บ้าน',
    summary: 'นำสุนัขและแมวมารับวัคซีนฟรีตามจุดบริการในแต่ละหมู่บ้าน ตามตารางในข่าวนี้',
    body: 'องค์การบริหารส่วนตำบลลูโบะปือซา ร่วมกับปศุสัตว์อำเภอบาเจาะ ออกหน่วยฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าให้สุนัขและแมว **ไม่มีค่าใช้จ่าย**\n\n| หมู่ที่ | จุดบริการ | เวลา |\n|---|---|---|\n| 1 | ศาลาหมู่บ้าน | 09.00–10.30 น. |\n| 2 | มัสยิดประจำหมู่บ้าน | 10.30–12.00 น. |\n| 3 | โรงเรียนบ้านลูโบะปือซา | 13.00–14.30 น. |\n\nกรุณาใส่ปลอกคอหรือใส่กรงสัตว์มาให้เรียบร้อย',
    daysAgo: 16,
    by: 'head',
    cover: { hue: 200, alt: 'เจ้าหน้าที่ปศุสัตว์ฉีดวัคซีนให้สุนัขที่ศาลาหมู่บ้าน' },
  },
  {
    kind: 'announcement',
    category: 'procurement',
    title: 'ประกาศผู้ชนะการเสนอราคา โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓',
    summary: 'ประกาศผลการจัดซื้อจัดจ้างโดยวิธีเฉพาะเจาะจง โครงการก่อสร้างถนน คสล. สายบ้านบือแนบาเดาะ',
    body: 'ตามที่องค์การบริหารส่วนตำบลลูโบะปือซา ได้ดำเนินการจัดจ้างโครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 โดยวิธีเฉพาะเจาะจง นั้น\n\nผู้ได้รับการคัดเลือก ได้แก่ **หจก.บาเจาะการโยธา** ในวงเงิน 487,000 บาท (สี่แสนแปดหมื่นเจ็ดพันบาทถ้วน)\n\nดูรายละเอียดได้ที่ระบบการจัดซื้อจัดจ้างภาครัฐ [www.gprocurement.go.th](https://www.gprocurement.go.th)',
    daysAgo: 12,
    by: 'finance',
  },
  {
    kind: 'announcement',
    category: 'council',
    title: 'ประกาศเรียกประชุมสภาองค์การบริหารส่วนตำบลลูโบะปือซา สมัยสามัญ สมัยที่ ๒',
    summary: 'ประชุมสภา อบต. เพื่อพิจารณาร่างข้อบัญญัติและเรื่องอื่น ๆ ประชาชนเข้าฟังได้',
    body: 'ประธานสภาองค์การบริหารส่วนตำบลลูโบะปือซา เรียกประชุมสภาฯ สมัยสามัญ สมัยที่ 2 ณ ห้องประชุมสภา อบต.\n\nประชาชนที่สนใจเข้าฟังการประชุมได้ โดยแจ้งชื่อที่สำนักปลัดก่อนเริ่มประชุม',
    daysAgo: 9,
    by: 'ita',
  },
  {
    kind: 'news',
    category: 'tax',
    title: 'เตือน: อีกไม่กี่วันครบกำหนดชำระภาษีที่ดินและสิ่งปลูกสร้าง',
    summary: 'ชำระภายในกำหนดเพื่อไม่ต้องเสียเบี้ยปรับ กองคลังเปิดรับชำระช่วงพักเที่ยงเป็นกรณีพิเศษ',
    body: 'กองคลังขอเตือนผู้ที่ยังไม่ได้ชำระภาษีที่ดินและสิ่งปลูกสร้าง ให้ชำระภายในกำหนด\n\nเพื่ออำนวยความสะดวก กองคลังเปิดรับชำระในช่วงพักเที่ยง (12.00–13.00 น.) ตลอดสัปดาห์นี้',
    daysAgo: 6,
    by: 'finance',
  },
  {
    kind: 'announcement',
    category: 'disaster',
    title: 'ประกาศเตือนภัย ฝนตกหนักและน้ำท่วมฉับพลัน พื้นที่ลุ่มต่ำริมคลอง',
    summary: 'ให้ประชาชนริมคลองเฝ้าระวัง ขนย้ายสิ่งของขึ้นที่สูง แจ้งเหตุได้ที่ศูนย์ป้องกันฯ อบต. ตลอด 24 ชั่วโมง',
    body: 'ศูนย์ป้องกันและบรรเทาสาธารณภัย อบต.ลูโบะปือซา แจ้งเตือนว่าจะมีฝนตกหนักถึงหนักมากในช่วง 2–3 วันนี้\n\n## ขอให้ประชาชน\n\n- ขนย้ายสิ่งของและสัตว์เลี้ยงขึ้นที่สูง\n- งดเดินทางผ่านทางน้ำหลาก\n- ติดตามประกาศของ อบต. ทางเว็บไซต์และ LINE\n\n> แจ้งเหตุฉุกเฉินได้ตลอด 24 ชั่วโมงที่ศูนย์ป้องกันฯ อบต.',
    daysAgo: 4,
    by: 'mayor',
  },
  {
    kind: 'news',
    category: 'disaster',
    title: 'มอบถุงยังชีพช่วยเหลือผู้ประสบอุทกภัย หมู่ที่ ๒ และหมู่ที่ ๔',
    summary: 'นายก อบต. และเจ้าหน้าที่มอบถุงยังชีพ 120 ชุดแก่ครัวเรือนที่ได้รับผลกระทบ',
    body: 'นายกองค์การบริหารส่วนตำบลลูโบะปือซา พร้อมเจ้าหน้าที่ ลงพื้นที่มอบถุงยังชีพแก่ครัวเรือนที่ได้รับผลกระทบจากน้ำท่วม จำนวน 120 ชุด\n\nครัวเรือนที่ได้รับความเสียหาย ยื่นคำร้องขอรับความช่วยเหลือได้ที่สำนักปลัด',
    daysAgo: 2,
    by: 'mayor',
    cover: { hue: 15, alt: 'เจ้าหน้าที่ขนถุงยังชีพลงจากรถเพื่อแจกจ่ายให้ชาวบ้าน' },
  },
];

/** A simple illustration (shapes on a colour), never a photograph of anyone. */
function coverSvg(hue: number): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="hsl(${hue},45%,88%)"/><circle cx="960" cy="170" r="90" fill="hsl(${(hue + 40) % 360},70%,70%)"/><path d="M0 520 Q300 400 600 500 T1200 470 V675 H0Z" fill="hsl(${hue},40%,55%)"/><path d="M0 600 Q350 520 700 590 T1200 560 V675 H0Z" fill="hsl(${hue},45%,38%)"/><rect x="180" y="300" width="220" height="200" rx="10" fill="hsl(${hue},30%,96%)"/><path d="M160 310 L290 220 L420 310Z" fill="hsl(${(hue + 180) % 360},35%,45%)"/></svg>`;
  return new TextEncoder().encode(svg);
}

async function actorOf(demo: DemoContext, username: string): Promise<Actor> {
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  const person = people?.get(username);
  const roles: Record<string, Role[]> = {
    head: ['division_head'],
    ita: ['ita_coordinator', 'staff'],
    finance: ['division_head', 'staff'],
    mayor: ['executive'],
    counter1: ['staff'],
  };
  if (!person?.userId) return demo.ctx.actor as Actor;
  return {
    orgId: demo.ctx.orgId,
    userId: person.userId,
    username,
    displayName: username,
    roles: roles[username] ?? ['staff'],
    mustChangePassword: false,
  };
}

/**
 * About fifteen posts of the last months for อบต.ลูโบะปือซา: tax reminders (one with the signed
 * ประกาศ as PDF), the elderly allowance registration, Children's Day, village forums, rabies
 * vaccination, a flood warning, a job opening, a procurement result, the council meeting; one
 * pinned, one edited after publishing, one withdrawn with its reason, one scheduled for
 * tomorrow morning and a clerk's draft.
 */
export async function seedDemo(demo: DemoContext): Promise<void> {
  const org = await getOrganization(demo.ctx);
  const base = demo.now.getTime();
  const at = (daysAgo: number) => {
    const p = bangkokDateParts(new Date(base - daysAgo * DAY));
    return bangkokDate(p.year, p.month, p.day, 10, 0);
  };
  const as = async (username: string, when: Date): Promise<ServiceContext> => ({
    ...demo.ctx,
    actor: await actorOf(demo, username),
    app: { ...demo.ctx.app, now: () => when },
  });
  const publish = async (ctx: ServiceContext, input: Omit<PostInput, 'intent' | 'version'>) =>
    savePost(ctx, null, { ...input, intent: 'publish', version: 0 });

  const ids = new Map<string, number>();
  for (const p of POSTS) {
    const when = at(p.daysAgo);
    const ctx = await as(p.by, when);
    const cover = p.cover ? (await svgToPng(coverSvg(p.cover.hue), 675))?.png : undefined;
    let attachment: PostInput['attachment'] = null;
    if (p.category === 'tax' && p.kind === 'announcement') {
      const pdf = await renderAnnouncementPdf({
        org: org.names.full,
        subject: 'การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. 2567',
        paragraphs: [
          `ด้วย${org.names.full} ได้ส่งแบบแจ้งการประเมินภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. 2567 ให้แก่ผู้มีหน้าที่เสียภาษีแล้ว อาศัยอำนาจตามพระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562`,
          'จึงขอให้ผู้มีหน้าที่เสียภาษีชำระภาษีภายในเดือนเมษายน 2567 ณ กองคลัง ในวันและเวลาราชการ หรือโอนเข้าบัญชีธนาคารของหน่วยงาน หากพ้นกำหนดจะต้องเสียเบี้ยปรับและเงินเพิ่มตามที่กฎหมายกำหนด',
          'จึงประกาศให้ทราบโดยทั่วกัน',
        ],
        dated: `ประกาศ ณ วันที่ ${formatThaiDate(when, { era: true })}`,
        signer: { name: 'นายจิรเดช ชามาละ', position: `นายก${org.names.full}` },
        garuda: sharedGaruda(),
      });
      attachment = { bytes: pdf, name: 'ประกาศภาษีที่ดินและสิ่งปลูกสร้าง-2567.pdf', label: 'ประกาศ เรื่อง การชำระภาษีที่ดินและสิ่งปลูกสร้าง (PDF ลงนามแล้ว)' };
    }
    const post = await publish(ctx, {
      kind: p.kind,
      category: p.category,
      title: p.title,
      summary: p.summary,
      body: p.body,
      cover: cover ? { bytes: cover, name: 'cover.png' } : null,
      coverAlt: p.cover?.alt ?? null,
      attachment,
    });
    ids.set(p.title, post.id);
    if (attachment) await setPinned(ctx, post.id, true);
  }

  // Edited after publishing: the reminder said the wrong lunch hours; a new version with the reason.
  const reminder = POSTS.find((p) => p.title.startsWith('เตือน:'));
  const reminderId = reminder ? ids.get(reminder.title) : undefined;
  if (reminder && reminderId) {
    const ctx = await as('finance', new Date(at(reminder.daysAgo).getTime() + 3 * 3_600_000));
    await savePost(ctx, reminderId, {
      kind: reminder.kind,
      category: reminder.category,
      title: reminder.title,
      summary: reminder.summary,
      body: reminder.body.replace('(12.00–13.00 น.)', '(12.00–13.00 น.) และวันเสาร์ 09.00–12.00 น.'),
      intent: 'publish',
      reason: 'เพิ่มวันเสาร์ที่เปิดรับชำระภาษี',
      version: 1,
    });
  }

  // Withdrawn: a job notice posted with the wrong closing date.
  const wrongCtx = await as('ita', at(23));
  const wrong = await publish(wrongCtx, {
    kind: 'announcement',
    category: 'jobs',
    title: 'ประกาศรับสมัครพนักงานจ้างทั่วไป (ฉบับลงวันปิดรับสมัครผิด)',
    summary: 'รับสมัครคนงานทั่วไป 2 อัตรา',
    body: 'ประกาศฉบับนี้ลงวันปิดรับสมัครผิด',
  });
  await withdrawPost(await as('ita', at(22)), wrong.id, 'ลงวันปิดรับสมัครผิด ได้ออกประกาศฉบับที่ถูกต้องแทนแล้ว');

  // Scheduled for tomorrow 08:30.
  const tomorrow = bangkokIsoDay(new Date(base + DAY));
  await savePost(await as('head', demo.now), null, {
    kind: 'news',
    category: 'disaster',
    title: 'เชิญร่วมอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.) หลักสูตรทบทวน',
    summary: 'อบรม 2 วันที่ห้องประชุม อบต. สมาชิก อปพร. ทุกคนเข้าร่วมได้ มีอาหารกลางวัน',
    body: 'ศูนย์ป้องกันและบรรเทาสาธารณภัย อบต.ลูโบะปือซา จัดอบรมทบทวนอาสาสมัครป้องกันภัยฝ่ายพลเรือน\n\nลงชื่อได้ที่สำนักปลัด หรือแจ้งผ่านผู้ใหญ่บ้าน',
    intent: 'publish',
    schedule: { date: tomorrow, time: '08:30' },
    version: 0,
  });

  // A clerk's draft, waiting for a division head.
  await savePost(await as('counter1', at(1)), null, {
    kind: 'news',
    category: 'activity',
    title: 'ร่าง: กิจกรรมทำความสะอาดมัสยิดและชุมชนก่อนเดือนรอมฎอน',
    summary: 'ชวนชาวบ้านร่วมทำความสะอาดมัสยิดและถนนในหมู่บ้าน',
    body: 'รายละเอียดวันและเวลาจะแจ้งอีกครั้ง',
    intent: 'draft',
    version: 0,
  });

  demo.log(`news: ${POSTS.length + 1} published (1 withdrawn, 1 edited), 1 scheduled for tomorrow, 1 draft`);
}
