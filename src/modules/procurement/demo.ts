import { runCommand } from '../../core/command.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokDate, bangkokIsoDay, fiscalYearOf, formatThaiDate } from '../../core/thai/index.js';
import { renderAnnouncementPdf } from '../news/announcement-pdf.js';
import { getOrganization } from '../organization/service.js';
import type { ProcurementCategory, ProcurementMethod, ProcurementStatus } from './schema.js';
import { addNotice, insertProcurements, type Procurement } from './service.js';
import type { BidInput, ProcurementInput } from './types.js';

/**
 * The demo register of อบต.ลูโบะปือซา: FY 2567 (October 2566 – September 2567) month by month,
 * and October–November of the current fiscal year. Deterministic (a seeded generator), so the
 * monthly สขร.๑ summaries part D produces from it are the same on every run.
 *
 * April 2024 (เมษายน 2567) has NO procurement on purpose: the first half-year's purchases were
 * done by March, สงกรานต์ and the ฮารีรายอ holidays fall in the month, and the second-half
 * budget (the งบลงทุน transfer) arrived only in May — the month whose สขร.๑ says
 * "ไม่มีการจัดซื้อจัดจ้าง". Every other month of FY 2567 has several.
 */

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid 13-digit tax id from a 12-digit stem (the check digit computed). */
export function taxIdFrom(stem: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(stem[i]) * (13 - i);
  return `${stem}${(11 - (sum % 11)) % 10}`;
}

interface Supplier {
  name: string;
  taxId: string;
}

const S = (name: string, stem: string): Supplier => ({ name, taxId: taxIdFrom(stem) });

const SUPPLIERS = {
  fuel: [S('หจก.บาเจาะปิโตรเลียม', '096355100012'), S('บริษัท นราพลังงาน จำกัด', '096555200031')],
  milk: [S('สหกรณ์โคนมนราธิวาส จำกัด', '099300030011'), S('บริษัท แดรี่ใต้ จำกัด', '090555300045')],
  office: [S('ร้านบาเจาะเครื่องเขียน', '396010012345'), S('หจก.นราศึกษาภัณฑ์', '096355100233'), S('ร้านอัลฟาอิซซาน', '396010045678')],
  food: [S('นางสาวรอฮานี มะแซ', '396010078901'), S('นางแวเยาะ สาและ', '396010011122')],
  service: [S('นายมะยูโซะ ดอเลาะ', '396010033344'), S('นายอับดุลรอมัน เจ๊ะอุมา', '396010055566')],
  works: [
    S('หจก.ลูโบะก่อสร้าง', '096355100456'),
    S('บริษัท ตากใบวิศวกรรม จำกัด', '096555200789'),
    S('หจก.ปัตตานีโยธา', '094355100321'),
    S('บริษัท รือเสาะการโยธา จำกัด', '096555200654'),
    S('หจก.สุไหงปาดีค้าวัสดุ', '096355100987'),
  ],
  computer: [S('บริษัท นราคอมพิวเตอร์ จำกัด', '096555201112'), S('หจก.ยะลาไอที', '095355101113'), S('บริษัท ไอทีซิตี้ปัตตานี จำกัด', '094555201114')],
  repair: [S('อู่ช่างหะมะ', '396010077788'), S('หจก.บาเจาะการช่าง', '096355101115')],
};

interface Template {
  title: string;
  category: ProcurementCategory;
  method: ProcurementMethod;
  /** Budget in baht, as [min, max]. */
  baht: [number, number];
  suppliers: Supplier[];
  bidders: number;
  division: 'office' | 'finance' | 'works' | 'education';
  source?: string;
}

const MONTHLY: Template[] = [
  {
    title: 'ซื้อน้ำมันเชื้อเพลิงและหล่อลื่น ประจำเดือน{month}',
    category: 'goods',
    method: 'specific',
    baht: [18000, 32000],
    suppliers: SUPPLIERS.fuel,
    bidders: 1,
    division: 'office',
  },
  {
    title: 'ซื้ออาหารเสริม (นม) โรงเรียนและศูนย์พัฒนาเด็กเล็ก ประจำเดือน{month}',
    category: 'goods',
    method: 'specific',
    baht: [128000, 176000],
    suppliers: SUPPLIERS.milk,
    bidders: 1,
    division: 'education',
  },
  {
    title: 'จ้างเหมาประกอบอาหารกลางวันศูนย์พัฒนาเด็กเล็กบ้านลูโบะปือซา ประจำเดือน{month}',
    category: 'services',
    method: 'specific',
    baht: [42000, 58000],
    suppliers: SUPPLIERS.food,
    bidders: 1,
    division: 'education',
  },
  {
    title: 'จ้างเหมาบริการทำความสะอาดอาคารสำนักงาน ประจำเดือน{month}',
    category: 'services',
    method: 'specific',
    baht: [9000, 9000],
    suppliers: SUPPLIERS.service,
    bidders: 1,
    division: 'office',
  },
];

const OCCASIONAL: Template[] = [
  {
    title: 'ซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์ แฟ้ม)',
    category: 'goods',
    method: 'specific',
    baht: [8000, 25000],
    suppliers: SUPPLIERS.office,
    bidders: 1,
    division: 'office',
  },
  {
    title: 'ซื้อวัสดุงานบ้านงานครัว',
    category: 'goods',
    method: 'specific',
    baht: [5000, 15000],
    suppliers: SUPPLIERS.office,
    bidders: 1,
    division: 'office',
  },
  {
    title: 'จ้างซ่อมแซมรถบรรทุกน้ำอเนกประสงค์ ทะเบียน บค 1234 นราธิวาส',
    category: 'services',
    method: 'specific',
    baht: [12000, 38000],
    suppliers: SUPPLIERS.repair,
    bidders: 1,
    division: 'office',
  },
  {
    title: 'ซื้อวัสดุไฟฟ้าและวิทยุ',
    category: 'goods',
    method: 'specific',
    baht: [9000, 30000],
    suppliers: SUPPLIERS.office,
    bidders: 1,
    division: 'works',
  },
  {
    title: 'ซื้อวัสดุการศึกษา ศูนย์พัฒนาเด็กเล็ก',
    category: 'goods',
    method: 'specific',
    baht: [15000, 40000],
    suppliers: SUPPLIERS.office,
    bidders: 1,
    division: 'education',
  },
  {
    title: 'จ้างเหมาจัดทำป้ายประชาสัมพันธ์โครงการ',
    category: 'services',
    method: 'specific',
    baht: [3000, 9000],
    suppliers: SUPPLIERS.office,
    bidders: 1,
    division: 'office',
  },
];

/** The year's larger projects, in the month their contracts were signed (Gregorian month 1–12). */
const PROJECTS: (Template & { month: number; day: number })[] = [
  {
    month: 12,
    day: 19,
    title: 'ซื้อครุภัณฑ์คอมพิวเตอร์ (เครื่องคอมพิวเตอร์สำหรับงานประมวลผล แบบที่ 1 จำนวน 3 เครื่อง)',
    category: 'goods',
    method: 'specific',
    baht: [66000, 66000],
    suppliers: SUPPLIERS.computer,
    bidders: 1,
    division: 'finance',
  },
  {
    month: 1,
    day: 24,
    title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านบือแนปีแน (กว้าง 5 เมตร ยาว 850 เมตร)',
    category: 'works',
    method: 'e_bidding',
    baht: [2450000, 2450000],
    suppliers: SUPPLIERS.works,
    bidders: 4,
    division: 'works',
    source: 'เงินอุดหนุนเฉพาะกิจ',
  },
  {
    month: 2,
    day: 15,
    title: 'ซ่อมแซมฝายน้ำล้น หมู่ที่ 5 บ้านลูโบะปือซา',
    category: 'works',
    method: 'selection',
    baht: [480000, 480000],
    suppliers: SUPPLIERS.works,
    bidders: 3,
    division: 'works',
  },
  {
    month: 3,
    day: 12,
    title: 'ซื้อครุภัณฑ์สำนักงาน (ตู้เหล็กเก็บเอกสาร 2 บาน จำนวน 4 หลัง)',
    category: 'goods',
    method: 'e_market',
    baht: [22000, 22000],
    suppliers: SUPPLIERS.office,
    bidders: 3,
    division: 'finance',
  },
  {
    month: 5,
    day: 28,
    title: 'ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก หมู่ที่ 2 บ้านกาเยาะมาตี',
    category: 'works',
    method: 'e_bidding',
    baht: [1380000, 1380000],
    suppliers: SUPPLIERS.works,
    bidders: 5,
    division: 'works',
  },
  {
    month: 6,
    day: 20,
    title: 'ปรับปรุงอาคารศูนย์พัฒนาเด็กเล็กบ้านลูโบะปือซา',
    category: 'works',
    method: 'selection',
    baht: [395000, 395000],
    suppliers: SUPPLIERS.works,
    bidders: 3,
    division: 'education',
  },
  {
    month: 7,
    day: 10,
    title: 'ซื้อครุภัณฑ์คอมพิวเตอร์ (เครื่องพิมพ์เลเซอร์ จำนวน 2 เครื่อง และเครื่องสำรองไฟ จำนวน 3 เครื่อง)',
    category: 'goods',
    method: 'specific',
    baht: [27400, 27400],
    suppliers: SUPPLIERS.computer,
    bidders: 1,
    division: 'office',
  },
  {
    month: 8,
    day: 22,
    title: 'ก่อสร้างถนนลูกรัง หมู่ที่ 6 สายบ้านบาโงกาเสาะ',
    category: 'works',
    method: 'specific',
    baht: [286000, 286000],
    suppliers: SUPPLIERS.works,
    bidders: 1,
    division: 'works',
  },
  {
    month: 9,
    day: 5,
    title: 'จ้างที่ปรึกษาสำรวจความพึงพอใจของผู้รับบริการ ประจำปีงบประมาณ 2567',
    category: 'consulting',
    method: 'consultant',
    baht: [20000, 20000],
    suppliers: [S('มหาวิทยาลัยนราธิวาสราชนครินทร์', '099400016811')],
    bidders: 1,
    division: 'office',
  },
];

const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const shift = (day: string, days: number) => {
  const t = new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};
const later = (a: string, b: string) => (a > b ? a : b);

function build(
  t: Template,
  fy: number,
  contract: string | null,
  rand: () => number,
  divisions: Map<string, number> | undefined,
  seq: number,
  status: ProcurementStatus = 'completed',
): ProcurementInput {
  const [y, m] = (contract ?? '2000-01').split('-').map(Number) as [number, number];
  const title = t.title.replace('{month}', `${THAI_MONTHS[m - 1]} ${y + 543}`);
  const [lo, hi] = t.baht;
  const budgetBaht = lo === hi ? lo : Math.round((lo + rand() * (hi - lo)) / 100) * 100;
  const budget = budgetBaht * 100;
  const reference = t.method === 'specific' ? budget : Math.round(budget * (0.97 + rand() * 0.03));
  const winnerIdx = Math.floor(rand() * t.suppliers.length);
  const winner = t.suppliers[winnerIdx] as Supplier;
  // Prices: the winner lowest; for small purchases the price is usually the budget or a little under.
  const winnerPrice = t.method === 'specific' ? Math.round(budget * (0.93 + rand() * 0.07)) : Math.round(reference * (0.86 + rand() * 0.1));
  const bids: BidInput[] = [{ bidderName: winner.name, taxId: winner.taxId, priceSatang: winnerPrice }];
  for (let i = 1; i < Math.min(t.bidders, t.suppliers.length + 0); i++) {
    const s = t.suppliers[(winnerIdx + i) % t.suppliers.length] as Supplier;
    bids.push({ bidderName: s.name, taxId: s.taxId, priceSatang: Math.round(winnerPrice * (1.01 + rand() * 0.08)) });
  }
  const fyStart = `${fy - 544}-10-01`;
  const lead =
    t.method === 'e_bidding' ? 35 : t.method === 'selection' || t.method === 'consultant' ? 14 : t.method === 'e_market' ? 10 : 3;
  const announcedOn = contract ? later(fyStart, shift(contract, -lead)) : null;
  const awardedOn = contract ? later(announcedOn ?? fyStart, shift(contract, t.method === 'specific' ? -1 : -5)) : null;
  const reached = status === 'contracted' || status === 'completed';
  const reasons: Record<ProcurementMethod, string> = {
    specific: 'เป็นผู้มีอาชีพขายหรือรับจ้างโดยตรง เสนอราคาไม่เกินวงเงินงบประมาณ',
    selection: 'เป็นผู้เสนอราคาต่ำสุด และมีคุณสมบัติครบถ้วนตามเงื่อนไขที่กำหนด',
    e_bidding: 'เป็นผู้เสนอราคาต่ำสุด และมีคุณสมบัติครบถ้วนตามประกาศเชิญชวน',
    e_market: 'เป็นผู้เสนอราคาต่ำสุดในระบบตลาดอิเล็กทรอนิกส์',
    consultant: 'เป็นสถาบันการศึกษาที่มีความเชี่ยวชาญ เสนอราคาไม่เกินวงเงิน',
    design: 'มีผลงานและความเชี่ยวชาญตรงตามเงื่อนไข',
    other: 'เสนอราคาไม่เกินวงเงินงบประมาณ',
  };
  const egp =
    t.method === 'specific' && budget < 10_000_00
      ? null
      : `${String(fy - 2500).padStart(2, '0')}${String(m).padStart(2, '0')}9${String(100000 + seq * 7919).slice(-5)}${String(seq % 10)}`;
  return {
    fiscalYear: fy,
    title,
    category: t.category,
    method: t.method,
    status,
    divisionId: divisions?.get(t.division) ?? null,
    budgetSource: t.source ?? 'เงินงบประมาณรายจ่ายประจำปี',
    budgetSatang: budget,
    referencePriceSatang: reference,
    plannedMonth: contract ? ((m + 2) % 12) + 1 : null,
    announcedOn: status === 'planned' ? null : announcedOn,
    awardedOn: reached || status === 'awarded' ? awardedOn : null,
    winnerName: reached || status === 'awarded' ? winner.name : null,
    winnerTaxId: reached || status === 'awarded' ? winner.taxId : null,
    agreedPriceSatang: reached || status === 'awarded' ? winnerPrice : null,
    selectionReason: reached || status === 'awarded' ? reasons[t.method] : null,
    contractNo: reached ? `${t.category === 'goods' ? 'ซ' : 'จ'} ${seq}/${y + 543}` : null,
    contractDate: reached ? contract : null,
    egpProjectNo: egp,
    bids: status === 'planned' || (status === 'announced' && t.method === 'specific') ? [] : status === 'announced' ? [] : bids,
  };
}

/** FY 2567, twelve months with April 2024 empty (see above). */
export function fy2567Inputs(divisions?: Map<string, number>): ProcurementInput[] {
  const rand = rng(2567);
  const out: ProcurementInput[] = [];
  let seq = 1;
  const months: [number, number][] = [
    [2023, 10],
    [2023, 11],
    [2023, 12],
    [2024, 1],
    [2024, 2],
    [2024, 3],
    [2024, 5],
    [2024, 6],
    [2024, 7],
    [2024, 8],
    [2024, 9],
  ];
  for (const [y, m] of months) {
    for (const [i, t] of MONTHLY.entries()) out.push(build(t, 2567, iso(y, m, 2 + i), rand, divisions, seq++));
    const extra = 1 + Math.floor(rand() * 2);
    for (let i = 0; i < extra; i++) {
      const t = OCCASIONAL[Math.floor(rand() * OCCASIONAL.length)] as Template;
      out.push(build(t, 2567, iso(y, m, 8 + Math.floor(rand() * 18)), rand, divisions, seq++));
    }
    for (const p of PROJECTS.filter((p) => p.month === m))
      out.push(build(p, 2567, iso(y, m, p.day), rand, divisions, seq++, m >= 8 ? 'contracted' : 'completed'));
  }
  // A cancelled e-bidding: invited in March 2024, no bidder qualified; re-planned for FY 2568.
  out.push({
    ...build(PROJECTS[1] as Template, 2567, null, rand, divisions, seq++, 'planned'),
    title: 'ก่อสร้างอาคารอเนกประสงค์ หมู่ที่ 4 บ้านกูจิงลือปะ',
    budgetSatang: 1_650_000_00,
    referencePriceSatang: 1_642_500_00,
    status: 'cancelled',
    announcedOn: '2024-03-04',
    cancelReason: 'ไม่มีผู้ยื่นข้อเสนอที่ผ่านการพิจารณาคุณสมบัติ จึงยกเลิกการประกวดราคาและตั้งงบประมาณใหม่ในปีงบประมาณ 2568',
    plannedMonth: 6,
  });
  return out;
}

/** The current fiscal year's first two months, up to `today` (YYYY-MM-DD). */
export function currentYearInputs(fy: number, today: string, divisions?: Map<string, number>): ProcurementInput[] {
  const rand = rng(fy);
  const g = fy - 543;
  const out: ProcurementInput[] = [];
  let seq = 1;
  for (const [y, m] of [
    [g - 1, 10],
    [g - 1, 11],
  ] as [number, number][]) {
    for (const [i, t] of MONTHLY.entries()) {
      const day = iso(y, m, 2 + i);
      if (day <= today) out.push(build(t, fy, day, rand, divisions, seq++, m === 10 ? 'completed' : 'contracted'));
    }
    const t = OCCASIONAL[Math.floor(rand() * OCCASIONAL.length)] as Template;
    const day = iso(y, m, 12);
    if (day <= today) out.push(build(t, fy, day, rand, divisions, seq++, 'contracted'));
  }
  // Announced and waiting for bids, and one only in the plan.
  const road = build(PROJECTS[1] as Template, fy, null, rand, divisions, seq++, 'announced');
  out.push({
    ...road,
    title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1 บ้านลูโบะปือซา สายกลางหมู่บ้าน',
    announcedOn: later(`${g - 1}-10-01`, shift(today, -12)),
    plannedMonth: 3,
  });
  out.push({
    ...build(PROJECTS[2] as Template, fy, null, rand, divisions, seq++, 'planned'),
    title: 'ซ่อมแซมฝายน้ำล้น หมู่ที่ 2 บ้านกาเยาะมาตี',
    plannedMonth: 5,
  });
  return out;
}

export async function seedDemo(demo: DemoContext): Promise<void> {
  const { ctx } = demo;
  const divisions = demo.shared.get('staff.divisions') as Map<string, number> | undefined;
  const org = await getOrganization(ctx);
  const fyNow = fiscalYearOf(demo.now);
  const today = bangkokIsoDay(demo.now);

  const seed = async (fy: number, inputs: ProcurementInput[]) =>
    runCommand(ctx, { action: 'procurement.create', allowed: true }, async (tx, _t, txCtx) => {
      const rows = await insertProcurements(tx, txCtx, inputs);
      return {
        result: rows,
        entity: 'procurement',
        summary: `บันทึกการจัดซื้อจัดจ้าง ปีงบประมาณ ${fy} (ข้อมูลตัวอย่าง) ${rows.length} รายการ`,
        data: { fiscalYear: fy, count: rows.length },
      };
    });
  const rows2567 = await seed(2567, fy2567Inputs(divisions));
  const rowsNow = fyNow !== 2567 ? await seed(fyNow, currentYearInputs(fyNow, today, divisions)) : [];

  const signer = { name: 'นายจิรเดช ชามาละ', position: `นายก${org.names.full}` };
  const pdf = (subject: string, paragraphs: string[], day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return renderAnnouncementPdf({
      org: org.names.full,
      subject,
      paragraphs: [...paragraphs, 'จึงประกาศให้ทราบโดยทั่วกัน'],
      dated: `ประกาศ ณ วันที่ ${formatThaiDate(bangkokDate(y, m, d), { era: true })}`,
      signer,
    });
  };
  const notice = async (
    fy: number,
    p: Procurement | null,
    kind: 'plan' | 'invitation' | 'winner',
    title: string,
    day: string,
    body: string[],
  ) =>
    addNotice(ctx, {
      fiscalYear: fy,
      procurementId: p?.id ?? null,
      kind,
      title,
      noticeDate: day,
      bytes: await pdf(title.replace(/^ประกาศ/, ''), body, day),
      fileName: `procurement-${kind}-${fy}-${p?.id ?? 'plan'}.pdf`,
    });

  await notice(2567, null, 'plan', 'ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2567', '2023-10-20', [
    `ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11 กำหนดให้หน่วยงานของรัฐจัดทำแผนการจัดซื้อจัดจ้างประจำปีและประกาศเผยแพร่ในระบบเครือข่ายสารสนเทศของกรมบัญชีกลางและของหน่วยงานของรัฐ`,
    `${org.names.full} จึงขอเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2567 รายละเอียดตามเอกสารแนบท้ายประกาศนี้`,
  ]);
  const road = rows2567.find((r) => r.method === 'e_bidding' && r.status !== 'cancelled');
  if (road?.announcedOn && road.awardedOn) {
    await notice(2567, road, 'invitation', `ประกาศประกวดราคา${road.title} ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)`, road.announcedOn, [
      `${org.names.full} มีความประสงค์จะประกวดราคา${road.title} ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) ราคากลางของงานก่อสร้างในการประกวดราคาครั้งนี้เป็นเงินทั้งสิ้น 2,450,000.00 บาท`,
      'ผู้สนใจยื่นข้อเสนอผ่านระบบการจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP) ตามกำหนดในเอกสารประกวดราคา',
    ]);
    await notice(2567, road, 'winner', `ประกาศผู้ชนะการเสนอราคา${road.title}`, road.awardedOn, [
      `ตามประกาศ${org.names.full} เรื่อง ประกวดราคา${road.title} ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) นั้น`,
      `ผู้ได้รับการคัดเลือก ได้แก่ ${road.winnerName} โดยเสนอราคาต่ำสุด เป็นเงินทั้งสิ้น ${((road.agreedPriceSatang ?? 0) / 100).toLocaleString('th-TH', { minimumFractionDigits: 2 })} บาท`,
    ]);
  }
  const computer = rows2567.find((r) => r.title.startsWith('ซื้อครุภัณฑ์คอมพิวเตอร์'));
  if (computer?.awardedOn)
    await notice(2567, computer, 'winner', `ประกาศผู้ชนะการเสนอราคา${computer.title} โดยวิธีเฉพาะเจาะจง`, computer.awardedOn, [
      `ตามที่${org.names.full} ได้มีโครงการ${computer.title} โดยวิธีเฉพาะเจาะจง นั้น`,
      `ผู้ได้รับการคัดเลือก ได้แก่ ${computer.winnerName} เสนอราคาไม่เกินวงเงินงบประมาณ`,
    ]);
  if (fyNow !== 2567) {
    await notice(
      fyNow,
      null,
      'plan',
      `ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ${fyNow}`,
      later(`${fyNow - 544}-10-15`, `${fyNow - 544}-10-15`) <= today ? `${fyNow - 544}-10-15` : today,
      [
        `${org.names.full} ขอเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ${fyNow} ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11 รายละเอียดตามเอกสารแนบท้ายประกาศนี้`,
      ],
    );
    const invited = rowsNow.find((r) => r.status === 'announced');
    if (invited?.announcedOn)
      await notice(
        fyNow,
        invited,
        'invitation',
        `ประกาศประกวดราคา${invited.title} ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)`,
        invited.announcedOn,
        [
          `${org.names.full} มีความประสงค์จะประกวดราคา${invited.title} ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) ผู้สนใจยื่นข้อเสนอผ่านระบบ e-GP ตามกำหนดในเอกสารประกวดราคา`,
        ],
      );
  }
  demo.shared.set(
    'procurement:fy2567',
    rows2567.map((r) => r.id),
  );
  demo.shared.set(
    'procurement:current',
    rowsNow.map((r) => r.id),
  );
  demo.log(
    `procurement: ${rows2567.length} procurements in FY 2567 (April 2024 empty), ${rowsNow.length} in FY ${fyNow}, notices with PDFs`,
  );
}
