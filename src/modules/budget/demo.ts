import type { Actor } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokDate } from '../../core/thai/bangkok.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { importPlan, type PlanFileLine, planFileXlsx } from './import.js';
import type { BudgetCategory, BudgetPhasing } from './schema.js';
import * as svc from './service.js';

/**
 * The spending plan of อบต.ลูโบะปือซา (อำเภอบาเจาะ จังหวัดนราธิวาส): FY 2567 as its ข้อบัญญัติ
 * งบประมาณรายจ่าย might read (about 48 million baht, งบบุคลากร about 37 %), imported
 * through the import from a generated XLSX, with disbursements recorded month by month by the
 * finance division — most lines at 90–98 % by September, the two road and drain projects late
 * (contracts signed in the fourth quarter), the reserve fund partly used. FY 2570 (this year at
 * demo time) by month, with October and November recorded so far.
 */

type DivisionKey = 'office' | 'finance' | 'works' | 'education';

interface DemoLine {
  side: string;
  program: string;
  work: string;
  category: BudgetCategory;
  item: string;
  division: DivisionKey | null;
  /** Approved, whole baht. */
  baht: number;
  /** Quarter weights (default by category); a late project's disbursement starts in month 10. */
  quarters?: [number, number, number, number];
  late?: boolean;
  /** Share disbursed by September (default 0.90–0.98). */
  used?: number;
}

const ADMIN = 'ด้านบริหารทั่วไป';
const SOCIAL = 'ด้านบริการชุมชนและสังคม';
const ECONOMY = 'ด้านการเศรษฐกิจ';
const OTHER = 'ด้านการดำเนินงานอื่น';

const GENERAL = 'แผนงานบริหารงานทั่วไป';
const SECURITY = 'แผนงานการรักษาความสงบภายใน';
const EDUCATION = 'แผนงานการศึกษา';
const HEALTH = 'แผนงานสาธารณสุข';
const WELFARE = 'แผนงานสังคมสงเคราะห์';
const HOUSING = 'แผนงานเคหะและชุมชน';
const COMMUNITY = 'แผนงานสร้างความเข้มแข็งของชุมชน';
const RELIGION = 'แผนงานการศาสนาวัฒนธรรมและนันทนาการ';
const WORKS = 'แผนงานอุตสาหกรรมและการโยธา';
const FARMING = 'แผนงานการเกษตร';
const CENTRAL = 'แผนงานงบกลาง';

const l = (
  side: string,
  program: string,
  work: string,
  category: BudgetCategory,
  division: DivisionKey | null,
  item: string,
  baht: number,
  extra: Partial<DemoLine> = {},
): DemoLine => ({ side, program, work, category, division, item, baht, ...extra });

/** FY 2567, in the order of the ordinance. */
const PLAN_2567: DemoLine[] = [
  // ด้านบริหารทั่วไป — แผนงานบริหารงานทั่วไป — งานบริหารทั่วไป
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'เงินเดือนนายก/รองนายก', 514_080),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'เงินค่าตอบแทนประจำตำแหน่งนายก/รองนายก', 42_120),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'เงินค่าตอบแทนเลขานุการ/ที่ปรึกษานายก', 86_400),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'เงินค่าตอบแทนสมาชิกสภาองค์การบริหารส่วนตำบล', 1_454_400),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'เงินเดือนพนักงาน', 4_850_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'เงินเพิ่มต่าง ๆ ของพนักงาน', 180_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'personnel', 'office', 'ค่าตอบแทนพนักงานจ้าง', 1_980_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'ค่าตอบแทนผู้ปฏิบัติราชการอันเป็นประโยชน์แก่องค์กรปกครองส่วนท้องถิ่น', 250_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'ค่าเช่าบ้าน', 180_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'รายจ่ายเพื่อให้ได้มาซึ่งบริการ', 450_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'ค่าใช้จ่ายในการเลือกตั้ง', 500_000, { quarters: [0, 0, 1, 0], used: 0.62 }),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'ค่าใช้จ่ายในการเดินทางไปราชการ', 150_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'ค่าบำรุงรักษาและซ่อมแซมทรัพย์สิน', 200_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'วัสดุสำนักงาน', 150_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'วัสดุเชื้อเพลิงและหล่อลื่น', 250_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'operating', 'office', 'ค่าไฟฟ้า', 360_000),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'investment', 'office', 'ครุภัณฑ์คอมพิวเตอร์ เครื่องคอมพิวเตอร์สำหรับงานสำนักงาน จำนวน 3 เครื่อง', 66_000, {
    quarters: [0, 1, 0, 0],
    used: 1,
  }),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'investment', 'office', 'ครุภัณฑ์สำนักงาน เก้าอี้สำนักงาน จำนวน 10 ตัว', 25_000, {
    quarters: [0, 1, 0, 0],
    used: 0.98,
  }),
  l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'other', 'office', 'ค่าจ้างสถาบันการศึกษาประเมินความพึงพอใจผู้รับบริการ', 20_000, {
    quarters: [0, 0, 0, 1],
    used: 1,
  }),
  // งานบริหารงานคลัง
  l(ADMIN, GENERAL, 'งานบริหารงานคลัง', 'personnel', 'finance', 'เงินเดือนพนักงาน', 2_150_000),
  l(ADMIN, GENERAL, 'งานบริหารงานคลัง', 'personnel', 'finance', 'ค่าตอบแทนพนักงานจ้าง', 520_000),
  l(ADMIN, GENERAL, 'งานบริหารงานคลัง', 'operating', 'finance', 'โครงการจัดทำแผนที่ภาษีและทะเบียนทรัพย์สิน', 100_000, { quarters: [0, 1, 1, 0] }),
  l(ADMIN, GENERAL, 'งานบริหารงานคลัง', 'operating', 'finance', 'วัสดุสำนักงาน', 60_000),
  l(ADMIN, GENERAL, 'งานบริหารงานคลัง', 'investment', 'finance', 'ครุภัณฑ์สำนักงาน ตู้เหล็กเก็บเอกสาร 2 บาน จำนวน 2 ตู้', 12_000, {
    quarters: [0, 1, 0, 0],
    used: 1,
  }),
  // แผนงานการรักษาความสงบภายใน
  l(ADMIN, SECURITY, 'งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย', 'operating', 'office', 'ค่าตอบแทนอาสาสมัครป้องกันภัยฝ่ายพลเรือน (อปพร.)', 120_000),
  l(ADMIN, SECURITY, 'งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย', 'operating', 'office', 'โครงการป้องกันและลดอุบัติเหตุทางถนนช่วงเทศกาล', 80_000, {
    quarters: [1, 0, 1, 0],
  }),
  l(ADMIN, SECURITY, 'งานป้องกันภัยฝ่ายพลเรือนและระงับอัคคีภัย', 'operating', 'office', 'โครงการฝึกอบรมทบทวนอาสาสมัครป้องกันภัยฝ่ายพลเรือน', 150_000, {
    quarters: [0, 1, 0, 0],
  }),
  // ด้านบริการชุมชนและสังคม — การศึกษา
  l(SOCIAL, EDUCATION, 'งานบริหารทั่วไปเกี่ยวกับการศึกษา', 'personnel', 'education', 'เงินเดือนพนักงาน', 1_250_000),
  l(SOCIAL, EDUCATION, 'งานระดับก่อนวัยเรียนและประถมศึกษา', 'personnel', 'education', 'เงินเดือนครูผู้ดูแลเด็ก', 2_350_000),
  l(SOCIAL, EDUCATION, 'งานระดับก่อนวัยเรียนและประถมศึกษา', 'personnel', 'education', 'ค่าตอบแทนพนักงานจ้าง (ผู้ดูแลเด็ก)', 640_000),
  l(SOCIAL, EDUCATION, 'งานระดับก่อนวัยเรียนและประถมศึกษา', 'operating', 'education', 'ค่าอาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก', 1_350_000),
  l(SOCIAL, EDUCATION, 'งานระดับก่อนวัยเรียนและประถมศึกษา', 'operating', 'education', 'ค่าอาหารกลางวันศูนย์พัฒนาเด็กเล็ก', 980_000),
  l(SOCIAL, EDUCATION, 'งานระดับก่อนวัยเรียนและประถมศึกษา', 'operating', 'education', 'ค่าจัดการเรียนการสอนศูนย์พัฒนาเด็กเล็ก (รายหัว)', 170_000),
  l(
    SOCIAL,
    EDUCATION,
    'งานระดับก่อนวัยเรียนและประถมศึกษา',
    'subsidy',
    'education',
    'อุดหนุนค่าอาหารกลางวันโรงเรียนสังกัด สพฐ. ในตำบล 4 แห่ง',
    2_860_000,
    {
      quarters: [1, 1, 0, 1],
    },
  ),
  // สาธารณสุข
  l(SOCIAL, HEALTH, 'งานบริการสาธารณสุขและงานสาธารณสุขอื่น', 'operating', 'office', 'โครงการป้องกันและควบคุมโรคไข้เลือดออก', 120_000, {
    quarters: [0, 0, 1, 1],
  }),
  l(SOCIAL, HEALTH, 'งานบริการสาธารณสุขและงานสาธารณสุขอื่น', 'operating', 'office', 'โครงการสัตว์ปลอดโรค คนปลอดภัยจากโรคพิษสุนัขบ้า', 60_000, {
    quarters: [0, 1, 0, 0],
  }),
  l(SOCIAL, HEALTH, 'งานบริการสาธารณสุขและงานสาธารณสุขอื่น', 'subsidy', 'office', 'อุดหนุนโครงการตามพระราชดำริด้านสาธารณสุข หมู่ที่ 1–7', 140_000, {
    quarters: [0, 0, 1, 0],
  }),
  // สังคมสงเคราะห์
  l(SOCIAL, WELFARE, 'งานสวัสดิการสังคมและสังคมสงเคราะห์', 'operating', 'office', 'โครงการช่วยเหลือผู้ยากไร้และผู้ด้อยโอกาส', 50_000),
  // เคหะและชุมชน
  l(SOCIAL, HOUSING, 'งานบริหารทั่วไปเกี่ยวกับเคหะและชุมชน', 'personnel', 'works', 'เงินเดือนพนักงาน', 1_480_000),
  l(SOCIAL, HOUSING, 'งานบริหารทั่วไปเกี่ยวกับเคหะและชุมชน', 'personnel', 'works', 'ค่าตอบแทนพนักงานจ้าง', 420_000),
  l(SOCIAL, HOUSING, 'งานบริหารทั่วไปเกี่ยวกับเคหะและชุมชน', 'operating', 'works', 'วัสดุก่อสร้าง', 150_000),
  l(SOCIAL, HOUSING, 'งานไฟฟ้าและประปา', 'subsidy', 'works', 'อุดหนุนการไฟฟ้าส่วนภูมิภาคอำเภอบาเจาะ ขยายเขตไฟฟ้า หมู่ที่ 5', 350_000, {
    quarters: [0, 0, 1, 0],
    used: 1,
  }),
  // สร้างความเข้มแข็งของชุมชน
  l(SOCIAL, COMMUNITY, 'งานส่งเสริมและสนับสนุนความเข้มแข็งชุมชน', 'operating', 'office', 'โครงการประชาคมหมู่บ้านและจัดทำแผนพัฒนาท้องถิ่น', 30_000, {
    quarters: [0, 1, 0, 0],
  }),
  l(SOCIAL, COMMUNITY, 'งานส่งเสริมและสนับสนุนความเข้มแข็งชุมชน', 'operating', 'office', 'โครงการส่งเสริมอาชีพกลุ่มสตรี (ทำขนมพื้นบ้านและบูดู)', 60_000, {
    quarters: [0, 0, 1, 0],
  }),
  // ศาสนาวัฒนธรรมและนันทนาการ
  l(SOCIAL, RELIGION, 'งานกีฬาและนันทนาการ', 'operating', 'education', 'โครงการแข่งขันกีฬาต้านยาเสพติด ตำบลลูโบะปือซา', 150_000, {
    quarters: [0, 1, 0, 0],
  }),
  l(SOCIAL, RELIGION, 'งานศาสนาวัฒนธรรมท้องถิ่น', 'operating', 'education', 'โครงการจัดงานเมาลิดสัมพันธ์', 100_000, { quarters: [0, 0, 0, 1] }),
  l(SOCIAL, RELIGION, 'งานศาสนาวัฒนธรรมท้องถิ่น', 'operating', 'education', 'โครงการส่งเสริมประเพณีวันฮารีรายอ', 80_000, { quarters: [0, 0, 1, 0] }),
  // ด้านการเศรษฐกิจ — อุตสาหกรรมและการโยธา
  l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'operating', 'works', 'ค่าบำรุงรักษาและซ่อมแซมถนนในตำบล', 300_000),
  l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'investment', 'works', 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านลูโบะปือซา–บ้านกาเด็ง หมู่ที่ 3', 2_450_000, {
    quarters: [0, 1, 1, 0],
    late: true,
    used: 0.4,
  }),
  l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'investment', 'works', 'ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก หมู่ที่ 2', 980_000, {
    quarters: [0, 0, 1, 0],
    late: true,
    used: 0.55,
  }),
  l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'investment', 'works', 'ปรับปรุงถนนลูกรังเป็นถนนลาดยางแอสฟัลท์ติก หมู่ที่ 6', 1_870_000, {
    quarters: [0, 1, 1, 0],
  }),
  l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'investment', 'works', 'ซ่อมแซมฝายน้ำล้น หมู่ที่ 4', 450_000, {
    quarters: [0, 0, 1, 0],
    used: 0.99,
  }),
  // การเกษตร
  l(ECONOMY, FARMING, 'งานส่งเสริมการเกษตร', 'operating', 'office', 'โครงการส่งเสริมการปลูกผักปลอดสารพิษ', 40_000, { quarters: [0, 1, 0, 0] }),
  // ด้านการดำเนินงานอื่น — งบกลาง
  l(OTHER, CENTRAL, 'งบกลาง', 'central', 'finance', 'เงินสมทบกองทุนประกันสังคม', 180_000),
  l(OTHER, CENTRAL, 'งบกลาง', 'central', 'office', 'เบี้ยยังชีพผู้สูงอายุ', 9_850_000),
  l(OTHER, CENTRAL, 'งบกลาง', 'central', 'office', 'เบี้ยยังชีพคนพิการ', 3_120_000),
  l(OTHER, CENTRAL, 'งบกลาง', 'central', 'finance', 'สำรองจ่าย', 400_000, { used: 0.35 }),
  l(OTHER, CENTRAL, 'งบกลาง', 'central', 'finance', 'เงินสมทบกองทุนหลักประกันสุขภาพระดับท้องถิ่น', 170_000, { quarters: [0, 0, 1, 0], used: 1 }),
  l(OTHER, CENTRAL, 'งบกลาง', 'central', 'finance', 'เงินสมทบกองทุนบำเหน็จบำนาญข้าราชการส่วนท้องถิ่น (กบท.)', 320_000, {
    quarters: [0, 0, 1, 0],
    used: 1,
  }),
];

/** A small deterministic generator (mulberry32): the demo is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits whole baht into parts by weight, in whole baht (satang), the remainder on the last weighted part. */
function split(totalSatang: number, weights: readonly number[]): number[] {
  const w = weights.reduce((s, x) => s + x, 0);
  if (w === 0 || totalSatang === 0) return weights.map(() => 0);
  const out = weights.map((x) => Math.floor((totalSatang * x) / w / 100) * 100);
  let last = -1;
  weights.forEach((x, i) => {
    if (x > 0) last = i;
  });
  out[last] = (out[last] ?? 0) + totalSatang - out.reduce((s, x) => s + x, 0);
  return out;
}

const DEFAULT_QUARTERS: Record<BudgetCategory, [number, number, number, number]> = {
  personnel: [1, 1, 1, 1],
  operating: [1, 1, 1, 1],
  investment: [0, 1, 1, 0],
  subsidy: [1, 0, 1, 0],
  other: [0, 1, 1, 0],
  central: [1, 1, 1, 1],
};

function phasesOf(line: DemoLine, phasing: BudgetPhasing): number[] {
  const q = line.quarters ?? DEFAULT_QUARTERS[line.category];
  const satang = line.baht * 100;
  if (phasing === 'quarter') return split(satang, q);
  return split(
    satang,
    Array.from({ length: 12 }, (_, m) => q[Math.floor(m / 3)] ?? 0),
  );
}

/**
 * What a line disbursed in each month of the year (satang, 12): its share of the year spread over
 * the planned months with some noise; a late project only from month 10 (July) on.
 */
function disbursementsOf(line: DemoLine, approvedSatang: number, rnd: () => number): number[] {
  const used = line.used ?? 0.9 + rnd() * 0.08;
  const target = Math.min(approvedSatang, Math.floor((approvedSatang * used) / 100) * 100);
  const q = line.quarters ?? DEFAULT_QUARTERS[line.category];
  const weights = Array.from({ length: 12 }, (_, m) => {
    if (line.late) return m >= 9 ? ([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2][m] ?? 0) : 0;
    const planned = q[Math.floor(m / 3)] ?? 0;
    // Projects pay out late in their quarter (after delivery and inspection).
    const inQuarter = line.category === 'investment' || line.category === 'subsidy' ? ([0.2, 0.5, 1.3][m % 3] ?? 1) : 1;
    return planned * inQuarter * (0.75 + rnd() * 0.5);
  });
  return split(target, weights);
}

function asUser(demo: DemoContext, username: string, roles: Actor['roles']): ServiceContext {
  const people = demo.shared.get('staff.people') as Map<string, { userId: number | null }> | undefined;
  const userId = people?.get(username)?.userId;
  if (!userId) return demo.ctx;
  return { ...demo.ctx, actor: { orgId: demo.ctx.orgId, userId, username, displayName: username, roles, mustChangePassword: false } };
}

const at = (ctx: ServiceContext, when: Date): ServiceContext => ({ ...ctx, app: { ...ctx.app, now: () => when } });

/** The last day of fiscal month m (1 = October) of fiscal year fy, 15:00 Bangkok. */
function endOfFiscalMonth(fy: number, m: number): Date {
  const calMonth = ((m + 8) % 12) + 1;
  const year = fy - 543 - (m <= 3 ? 1 : 0);
  const next = bangkokDate(calMonth === 12 ? year + 1 : year, calMonth === 12 ? 1 : calMonth + 1, 1, 15);
  return new Date(next.getTime() - 86_400_000);
}

/** FY 2570: the same plan a little larger (salary steps, more elderly), with its own new projects. */
function plan2570(): DemoLine[] {
  const grown = PLAN_2567.filter((x) => !x.late && !/เลือกตั้ง|ปรับปรุงถนนลูกรัง|ฝายน้ำล้น|ครุภัณฑ์/.test(x.item)).map((x) => ({
    ...x,
    baht: Math.round((x.baht * (x.category === 'personnel' ? 1.05 : x.category === 'central' ? 1.07 : 1.02)) / 100) * 100,
    used: undefined,
  }));
  return [
    ...grown,
    l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'investment', 'works', 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านบือแนปีแน หมู่ที่ 7', 1_980_000, {
      quarters: [0, 1, 1, 0],
    }),
    l(ECONOMY, WORKS, 'งานก่อสร้างโครงสร้างพื้นฐาน', 'investment', 'works', 'ก่อสร้างสะพานคอนกรีตเสริมเหล็กข้ามคลอง หมู่ที่ 1', 1_250_000, {
      quarters: [0, 0, 1, 1],
    }),
    l(ADMIN, GENERAL, 'งานบริหารทั่วไป', 'investment', 'office', 'ครุภัณฑ์คอมพิวเตอร์ เครื่องพิมพ์เลเซอร์ จำนวน 2 เครื่อง', 16_000, {
      quarters: [0, 1, 0, 0],
    }),
  ];
}

async function importYear(demo: DemoContext, fy: number, lines: DemoLine[], phasing: BudgetPhasing, by: ServiceContext, when: Date) {
  const names = new Map((await svc.listDivisions(demo.ctx)).map((d) => [d.id, d.name]));
  const ids = (demo.shared.get('staff.divisions') as Map<string, number> | undefined) ?? new Map<string, number>();
  const nameOf = (key: DivisionKey | null) => (key ? (names.get(ids.get(key) ?? -1) ?? null) : null);
  const file: PlanFileLine[] = lines.map((x) => ({
    side: x.side,
    program: x.program,
    work: x.work,
    category: x.category,
    item: x.item,
    division: nameOf(x.division),
    approvedSatang: x.baht * 100,
    phases: phasesOf(x, phasing),
  }));
  const r = await importPlan(at(by, when), {
    fiscalYear: fy,
    bytes: await planFileXlsx(file, phasing),
    fileName: `แผนการใช้จ่ายงบประมาณ-${fy}.xlsx`,
  });
  return r.plan.id;
}

/** Records each month's disbursements (one command a month, at the month's end, by finance). */
async function recordMonths(by: ServiceContext, fy: number, lines: DemoLine[], months: number, nowCap: Date, seed: number) {
  const data = await svc.getPlan(by, fy);
  if (!data) throw new Error(`budget demo: no plan ${fy}`);
  const rnd = random(seed);
  const paid = data.lines.map((line, i) => {
    const demoLine = lines[i];
    return demoLine ? disbursementsOf(demoLine, line.approvedSatang, rnd) : new Array<number>(12).fill(0);
  });
  for (let m = 1; m <= months; m++) {
    const entries = data.lines
      .map((line, i) => ({ lineId: line.id, month: m, amountSatang: paid[i]?.[m - 1] ?? 0 }))
      .filter((e) => e.amountSatang > 0);
    const end = endOfFiscalMonth(fy, m);
    const when = end.getTime() > nowCap.getTime() ? nowCap : end;
    if (entries.length) await svc.recordDisbursements(at(by, when), fy, entries);
  }
}

export async function seedDemo(demo: DemoContext): Promise<void> {
  const finance = asUser(demo, 'finance', ['division_head', 'staff']);
  const thisYear = fiscalYearOf(demo.now);

  const id2567 = await importYear(demo, 2567, PLAN_2567, 'quarter', finance, bangkokDate(2023, 10, 5, 10));
  await recordMonths(finance, 2567, PLAN_2567, 12, demo.now, 2567);
  demo.shared.set('budget.plan2567', id2567);

  // This year (2570 at demo time): imported in its first week, the months so far recorded
  // (this month's to date, with a smaller share since it has not ended).
  const current = plan2570();
  const id2570 = await importYear(demo, thisYear, current, 'month', finance, bangkokDate(thisYear - 544, 10, 7, 10));
  const month = Math.max(1, svc.currentFiscalMonth(thisYear, demo.now));
  const data = await svc.getPlan(finance, thisYear);
  if (data) {
    const rnd = random(thisYear);
    for (let m = 1; m <= Math.min(month, 12); m++) {
      const share = m < month ? 1 : 0.6; // the month under way: part of its plan so far
      const entries = data.lines
        .map((line) => {
          const planned = svc.linePlannedByMonth(data.plan, line)[m - 1] ?? 0;
          const amount = Math.floor((planned * share * (0.85 + rnd() * 0.13)) / 100) * 100;
          return { lineId: line.id, month: m, amountSatang: amount };
        })
        .filter((e) => e.amountSatang > 0);
      const end = endOfFiscalMonth(thisYear, m);
      if (entries.length)
        await svc.recordDisbursements(at(finance, end.getTime() > demo.now.getTime() ? demo.now : end), thisYear, entries);
    }
  }
  demo.shared.set('budget.plan2570', id2570);
  demo.shared.set(`budget.plan${thisYear}`, id2570);

  const p = await svc.planProgressOf(demo.ctx, 2567, 12);
  const personnel = p?.progress.byCategory.find((c) => c.category === 'personnel')?.approvedSatang ?? 0;
  demo.log(
    `budget: FY 2567 plan of ${PLAN_2567.length} lines, ${((p?.plan.totalSatang ?? 0) / 100).toLocaleString('en')} baht ` +
      `(personnel ${Math.round((personnel * 100) / (p?.plan.totalSatang || 1))} %), ` +
      `${((p?.progress.total.disbursedBp ?? 0) / 100).toFixed(2)} % disbursed by September; FY ${thisYear} plan of ${current.length} lines, ` +
      `${Math.min(month, 12)} month(s) recorded`,
  );
}
