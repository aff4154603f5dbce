import type { Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import type { DemoContext } from '../../core/module.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { answerSuggestion, listSuggestions, submitSuggestion } from './service.js';

/**
 * The demo's suggestion box (อบต.ลูโบะปือซา): six suggestions of FY 2567 — five answered by the
 * mayor or the deputy, one closed with a reason — and two of this fiscal year, one answered and
 * one waiting (so the executives' to-do shows it). Submitted anonymously as the system (nothing
 * of an author exists to seed), answered as the executives, each on its own day.
 */
interface DemoSuggestion {
  /** 'YYYY-MM-DD', or days before the demo's now. */
  on: string | number;
  category: 'work' | 'integrity' | 'welfare' | 'service' | 'other';
  text: string;
  answer?: { by: 'mayor' | 'deputy'; after: number; action: 'answer' | 'close'; text: string };
}

const SUGGESTIONS: DemoSuggestion[] = [
  {
    on: '2023-11-08',
    category: 'integrity',
    text: 'เสนอให้ติดประกาศสรุปผลการจัดซื้อจัดจ้างรายเดือนที่บอร์ดหน้าสำนักงานด้วย นอกจากบนเว็บไซต์ เพราะชาวบ้านหลายหมู่บ้านไม่ได้ใช้อินเทอร์เน็ต และมักถามเจ้าหน้าที่ว่าโครงการไหนใครได้งาน',
    answer: {
      by: 'mayor',
      after: 12,
      action: 'answer',
      text: 'เห็นด้วย มอบกองคลังติดประกาศสรุปผลการจัดซื้อจัดจ้าง (แบบ สขร.๑) ที่บอร์ดประชาสัมพันธ์หน้าสำนักงานและที่ทำการผู้ใหญ่บ้านทุกหมู่ ภายในวันที่ ๑๐ ของทุกเดือน เริ่มเดือนธันวาคม ๒๕๖๖',
    },
  },
  {
    on: '2024-01-15',
    category: 'welfare',
    text: 'ห้องน้ำชั้นล่างสำหรับผู้มาติดต่อชำรุดบ่อย ก๊อกน้ำรั่วและไม่มีราวจับ ผู้สูงอายุที่มารับเบี้ยยังชีพลื่นล้มเกือบทุกเดือน ขอให้ซ่อมและติดราวจับ',
    answer: {
      by: 'deputy',
      after: 9,
      action: 'answer',
      text: 'มอบกองช่างสำรวจและซ่อมแซมแล้ว ติดตั้งราวจับและพื้นกันลื่นแล้วเสร็จเมื่อวันที่ ๑๖ กุมภาพันธ์ ๒๕๖๗ ขอบคุณที่แจ้งเข้ามา',
    },
  },
  {
    on: '2024-03-04',
    category: 'work',
    text: 'เจ้าหน้าที่ที่บรรจุใหม่หลายคนยังใช้ระบบสารบรรณอิเล็กทรอนิกส์และระบบ e-LAAS ไม่คล่อง งานค้างช่วงสิ้นเดือน ขอให้จัดอบรมภายในสักครึ่งวัน',
    answer: {
      by: 'mayor',
      after: 14,
      action: 'answer',
      text: 'อนุมัติให้สำนักปลัดร่วมกับกองคลังจัดอบรมภายใน เรื่องระบบสารบรรณอิเล็กทรอนิกส์และ e-LAAS ในวันที่ ๒๖ เมษายน ๒๕๖๗ ให้เจ้าหน้าที่ใหม่ทุกคนเข้าร่วม และทำคู่มือสั้น ๆ เก็บไว้ที่งานธุรการ',
    },
  },
  {
    on: '2024-05-21',
    category: 'service',
    text: 'ช่วงเปิดภาคเรียนผู้ปกครองมาติดต่อเรื่องอาหารเสริม (นม) และทุนการศึกษาช่วงพักกลางวันมาก แต่ไม่มีเจ้าหน้าที่อยู่ ต้องรอถึงบ่ายโมง เสนอให้จัดเวรช่วงพักกลางวัน',
    answer: {
      by: 'deputy',
      after: 13,
      action: 'answer',
      text: 'จัดเวรเจ้าหน้าที่ให้บริการที่จุดแรกรับช่วง ๑๒.๐๐–๑๓.๐๐ น. ทุกวันทำการ เริ่ม ๑ มิถุนายน ๒๕๖๗ ผู้ที่อยู่เวรพักเที่ยงช่วง ๑๓.๐๐–๑๔.๐๐ น. แทน',
    },
  },
  {
    on: '2024-08-12',
    category: 'integrity',
    text: 'บางครั้งผู้รับเหมานำของฝากหรือกระเช้ามาให้ที่กองช่างหลังตรวจรับงาน ไม่ทราบว่าควรปฏิเสธอย่างไรหรือต้องรายงานใคร อยากให้มีแนวทางที่ชัดเจนตามนโยบายไม่รับของขวัญ (No Gift Policy)',
    answer: {
      by: 'mayor',
      after: 14,
      action: 'answer',
      text: 'ให้ปฏิเสธทุกกรณีที่เกี่ยวกับการตรวจรับงาน หากปฏิเสธไม่ได้ให้รายงานหัวหน้าสำนักปลัดภายใน ๓ วันตามแบบรายงานการรับของขวัญ สำนักปลัดจะทำหนังสือเวียนซักซ้อมแนวทางให้ทุกกองทราบภายในเดือนกันยายน ๒๕๖๗',
    },
  },
  {
    on: '2024-09-02',
    category: 'other',
    text: 'ขอให้ผู้บริหารพิจารณาเรื่องที่เพื่อนร่วมงานในกองยืมเงินแล้วไม่คืน',
    answer: {
      by: 'mayor',
      after: 7,
      action: 'close',
      text: 'เป็นเรื่องส่วนบุคคลระหว่างเจ้าหน้าที่ ไม่ใช่เรื่องการปฏิบัติงานของหน่วยงาน ขอให้ผู้เกี่ยวข้องปรึกษาหัวหน้าสำนักปลัดโดยตรง ซึ่งพร้อมไกล่เกลี่ยเป็นการส่วนตัว',
    },
  },
  {
    on: 40,
    category: 'work',
    text: 'เครื่องคอมพิวเตอร์งานทะเบียนพาณิชย์และงานจัดเก็บรายได้ไม่มีการสำรองข้อมูล ถ้าเครื่องเสียข้อมูลผู้เสียภาษีจะหาย เสนอให้สำรองข้อมูลทุกสัปดาห์และเก็บสำเนาไว้นอกสำนักงาน',
    answer: {
      by: 'deputy',
      after: 10,
      action: 'answer',
      text: 'เห็นด้วย มอบสำนักปลัด (งานเทคโนโลยีสารสนเทศ) จัดทำการสำรองข้อมูลอัตโนมัติทุกวันศุกร์ และส่งสำเนาเข้ารหัสไปเก็บที่ระบบคลาวด์ของหน่วยงาน ให้รายงานผลในการประชุมประจำเดือนธันวาคม',
    },
  },
  {
    on: 5,
    category: 'welfare',
    text: 'เสนอให้ทำหลังคาที่จอดรถจักรยานยนต์ของเจ้าหน้าที่และผู้มาติดต่อ หน้าฝนรถและเบาะเปียกทุกวัน ผู้มาติดต่อบางคนต้องยืนรอฝนหยุดก่อนกลับ',
  },
];

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoSuggestions(demo: DemoContext): Promise<void> {
  const people = demo.shared.get('staff.people') as Map<string, { userId: number | null }> | undefined;
  const at = (base: ServiceContext, d: Date): ServiceContext => ({ ...base, app: { ...base.app, now: () => d } });
  const as = (username: string, roles: Role[]): ServiceContext => {
    const userId = people?.get(username)?.userId;
    if (!userId) return demo.ctx;
    return { ...demo.ctx, actor: { orgId: demo.ctx.orgId, userId, username, displayName: username, roles, mustChangePassword: false } };
  };
  const dayOf = (on: string | number) =>
    typeof on === 'number' ? new Date(demo.now.getTime() - on * DAY) : new Date(`${on}T10:00:00+07:00`);
  let answered = 0;
  for (const s of SUGGESTIONS) {
    const received = dayOf(s.on);
    await submitSuggestion(at(demo.ctx, received), { category: s.category, text: s.text });
    if (!s.answer) continue;
    // The one just submitted: the newest of its fiscal year waiting for an answer.
    const all = await listSuggestions(demo.ctx, { fiscalYear: fiscalYearOf(received), status: 'new' });
    const mine = all.find((x) => x.text === s.text);
    if (!mine) continue;
    const exec = as(s.answer.by, ['executive']);
    const when = new Date(Math.min(received.getTime() + s.answer.after * DAY + 5 * 60 * 60 * 1000, demo.now.getTime()));
    await answerSuggestion(at(exec, when), mine.id, { action: s.answer.action, text: s.answer.text });
    answered++;
  }
  demo.log(`suggestions: ${SUGGESTIONS.length} staff suggestions, ${answered} answered or closed`);
}
