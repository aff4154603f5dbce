import type { ServiceContext } from '../../core/context.js';
import { translator } from '../../core/i18n/i18n.js';
import { fiscalMonths } from '../../core/thai/index.js';
import { type DatasetColumn, type DatasetTable, registerDataset } from '../opendata/registry.js';
import { publicPlan, publishedPlanYears } from './report.js';

/**
 * The budget's open datasets, per fiscal year ('YYYY', B.E.), only for years whose plan is
 * published: budget-plan (every line of the spending plan with its classification, approved
 * amount and phases) and budget-disbursement (per line and month, through the last ended month).
 * Amounts in baht with two decimals, exact from integer satang.
 */
export const PLAN_DATASET_ID = 'budget-plan';
export const DISBURSEMENT_DATASET_ID = 'budget-disbursement';

const YEAR = /^\d{4}$/;

/** Satang → baht as a decimal with exactly the satang (string → number only at the edge). */
const baht = (satang: number): number => Number((satang / 100).toFixed(2));

async function periods(ctx: ServiceContext): Promise<string[]> {
  return (await publishedPlanYears(ctx)).map((y) => String(y.fiscalYear));
}

const LINE_COLUMNS: DatasetColumn[] = [
  { key: 'fiscal_year', th: 'ปีงบประมาณ (พ.ศ.)', en: 'Fiscal year (B.E.)', ms: 'Tahun kewangan (B.E.)', type: 'integer' },
  { key: 'line_no', th: 'ลำดับ', en: 'Line', ms: 'Bil.', type: 'integer' },
  { key: 'side', th: 'ด้าน', en: 'Area', ms: 'Bidang' },
  { key: 'program', th: 'แผนงาน', en: 'Program', ms: 'Program' },
  { key: 'work', th: 'งาน', en: 'Work', ms: 'Kerja' },
  { key: 'category', th: 'งบ', en: 'Expense group', ms: 'Kumpulan perbelanjaan' },
  { key: 'item', th: 'รายการ/โครงการ', en: 'Item or project', ms: 'Butiran atau projek' },
];

function categoryName(ctx: ServiceContext, c: string) {
  return translator(ctx.app.catalogs, 'th')(`budget.categories.${c}`);
}

export async function planDatasetTable(ctx: ServiceContext, period: string): Promise<DatasetTable> {
  const columns: DatasetColumn[] = [
    ...LINE_COLUMNS,
    { key: 'division', th: 'ส่วนราชการ', en: 'Division', ms: 'Bahagian' },
    {
      key: 'approved_baht',
      th: 'งบประมาณตามข้อบัญญัติ (บาท)',
      en: 'Approved budget (baht)',
      ms: 'Belanjawan diluluskan (baht)',
      type: 'decimal',
    },
    {
      key: 'phasing',
      th: 'การกระจายแผน (quarter = รายไตรมาส, month = รายเดือน)',
      en: 'Phasing (quarter or month)',
      ms: 'Agihan (quarter atau month)',
    },
    ...Array.from({ length: 12 }, (_, i) => ({
      key: `phase_${i + 1}_baht`,
      th: `แผนงวดที่ ${i + 1} (บาท)`,
      en: `Planned, phase ${i + 1} (baht)`,
      ms: `Dirancang, fasa ${i + 1} (baht)`,
      type: 'decimal' as const,
    })),
    { key: 'note', th: 'หมายเหตุ', en: 'Note', ms: 'Catatan' },
  ];
  if (!YEAR.test(period)) return { columns, rows: [] };
  const found = await publicPlan(ctx, Number(period));
  if (!found) return { columns, rows: [] };
  return {
    columns,
    rows: found.data.lines.map((l, i) => [
      found.data.plan.fiscalYear,
      i + 1,
      l.side,
      l.program,
      l.work,
      categoryName(ctx, l.category),
      l.item,
      l.divisionName ?? null,
      baht(l.approvedSatang),
      found.data.plan.phasing,
      ...Array.from({ length: 12 }, (_, m) => (m < l.phases.length ? baht(l.phases[m] ?? 0) : null)),
      l.note ?? null,
    ]),
  };
}

export async function disbursementDatasetTable(ctx: ServiceContext, period: string): Promise<DatasetTable> {
  const columns: DatasetColumn[] = [
    ...LINE_COLUMNS,
    {
      key: 'fiscal_month',
      th: 'เดือนที่ของปีงบประมาณ (1 = ตุลาคม)',
      en: 'Fiscal month (1 = October)',
      ms: 'Bulan kewangan (1 = Oktober)',
      type: 'integer',
    },
    { key: 'month', th: 'เดือน (ค.ศ.)', en: 'Month', ms: 'Bulan' },
    { key: 'disbursed_baht', th: 'เบิกจ่าย (บาท)', en: 'Disbursed (baht)', ms: 'Dibelanjakan (baht)', type: 'decimal' },
  ];
  if (!YEAR.test(period)) return { columns, rows: [] };
  const found = await publicPlan(ctx, Number(period));
  if (!found) return { columns, rows: [] };
  const fy = found.data.plan.fiscalYear;
  const months = fiscalMonths(fy);
  const rows = found.data.lines.flatMap((l, i) =>
    months
      .slice(0, found.progress.throughMonth)
      .map((ym, m) => [
        fy,
        i + 1,
        l.side,
        l.program,
        l.work,
        categoryName(ctx, l.category),
        l.item,
        m + 1,
        `${ym.year}-${String(ym.month).padStart(2, '0')}`,
        baht(l.disbursedByMonth[m] ?? 0),
      ]),
  );
  return { columns, rows };
}

registerDataset({
  id: PLAN_DATASET_ID,
  module: 'budget',
  frequency: 'yearly',
  keywords: ['งบประมาณ', 'แผนการใช้จ่ายงบประมาณ', 'ข้อบัญญัติงบประมาณ', 'budget', 'spending plan'],
  title: {
    th: 'แผนการใช้จ่ายงบประมาณประจำปี รายรายการ',
    en: 'Annual spending plan, line by line',
    ms: 'Pelan perbelanjaan tahunan, butiran demi butiran',
  },
  description: {
    th: 'ทุกรายการของแผนการใช้จ่ายงบประมาณประจำปีที่เผยแพร่แล้ว จำแนกตามด้าน แผนงาน งาน และงบรายจ่าย พร้อมงบประมาณตามข้อบัญญัติและแผนการเบิกจ่ายรายไตรมาส (4 งวด) หรือรายเดือน (12 งวด เริ่มเดือนตุลาคม) จำนวนเงินเป็นบาท ทศนิยม 2 ตำแหน่ง',
    en: 'Every line of the published annual spending plan, by area, program, work and expense group, with the approved budget and the planned disbursement per quarter (4 phases) or month (12 phases from October). Amounts in baht with two decimals.',
    ms: 'Setiap butiran pelan perbelanjaan tahunan yang diterbitkan, mengikut bidang, program, kerja dan kumpulan perbelanjaan, dengan belanjawan yang diluluskan dan perbelanjaan yang dirancang bagi setiap suku tahun (4 fasa) atau bulan (12 fasa bermula Oktober). Jumlah dalam baht dengan dua tempat perpuluhan.',
  },
  periods,
  table: planDatasetTable,
});

registerDataset({
  id: DISBURSEMENT_DATASET_ID,
  module: 'budget',
  frequency: 'monthly',
  keywords: ['งบประมาณ', 'การเบิกจ่าย', 'ผลการใช้จ่ายงบประมาณ', 'budget', 'disbursement'],
  title: {
    th: 'ผลการเบิกจ่ายงบประมาณ รายรายการรายเดือน',
    en: 'Budget disbursements per line and month',
    ms: 'Perbelanjaan belanjawan mengikut butiran dan bulan',
  },
  description: {
    th: 'จำนวนเงินที่เบิกจ่ายในแต่ละเดือนของทุกรายการในแผนการใช้จ่ายงบประมาณที่เผยแพร่แล้ว ถึงเดือนล่าสุดที่สิ้นสุดแล้ว (เดือนที่ 1 ของปีงบประมาณคือเดือนตุลาคม) จำนวนเงินเป็นบาท ทศนิยม 2 ตำแหน่ง',
    en: 'What was disbursed in each month on every line of the published spending plan, through the last month that has ended (fiscal month 1 is October). Amounts in baht with two decimals.',
    ms: 'Jumlah yang dibelanjakan setiap bulan bagi setiap butiran pelan perbelanjaan yang diterbitkan, hingga bulan terakhir yang telah tamat (bulan kewangan 1 ialah Oktober). Jumlah dalam baht dengan dua tempat perpuluhan.',
  },
  periods,
  table: disbursementDatasetTable,
});
