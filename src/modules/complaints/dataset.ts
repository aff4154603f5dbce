import type { ServiceContext } from '../../core/context.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { type DatasetColumn, type DatasetTable, registerDataset } from '../opendata/registry.js';
import { buildComplaintStats, fiscalMonthKeys, statsYears } from './stats.js';

/**
 * The open dataset of the complaint statistics (สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ): one
 * period per fiscal year (B.E.), twelve month rows of counts — received, in progress, finished,
 * each complaint by its status on the day of download. Counts only. A year is listed once it
 * is over (the current year is on the statistics page).
 */
export const COMPLAINT_STATS_DATASET_ID = 'complaint-statistics';

const COLUMNS: DatasetColumn[] = [
  { key: 'fiscal_year', th: 'ปีงบประมาณ (พ.ศ.)', en: 'Fiscal year (B.E.)', ms: 'Tahun kewangan (B.E.)', type: 'integer' },
  { key: 'month', th: 'เดือน (ค.ศ.)', en: 'Month', ms: 'Bulan' },
  { key: 'quarter', th: 'ไตรมาส', en: 'Quarter', ms: 'Suku tahun', type: 'integer' },
  { key: 'received', th: 'เรื่องที่ได้รับ', en: 'Received', ms: 'Diterima', type: 'integer' },
  { key: 'in_progress', th: 'อยู่ระหว่างดำเนินการ', en: 'In progress', ms: 'Dalam tindakan', type: 'integer' },
  { key: 'finished', th: 'ดำเนินการแล้วเสร็จ', en: 'Finished', ms: 'Selesai', type: 'integer' },
];

export async function complaintStatsPeriods(ctx: ServiceContext): Promise<string[]> {
  const current = fiscalYearOf(ctx.app.now());
  const years = await statsYears(ctx);
  // statsYears always holds this year; an ended year is listed only when it had complaints.
  const withData = await Promise.all(
    years.filter((y) => y < current).map(async (y) => ((await buildComplaintStats(ctx, y)).total.received > 0 ? y : null)),
  );
  return withData.filter((y): y is number => y !== null).map(String);
}

export async function complaintStatsTable(ctx: ServiceContext, period: string): Promise<DatasetTable> {
  const fy = Number(period);
  if (!/^\d{4}$/.test(period) || fy >= fiscalYearOf(ctx.app.now())) return { columns: COLUMNS, rows: [] };
  const s = await buildComplaintStats(ctx, fy);
  const all = fiscalMonthKeys(fy);
  return {
    columns: COLUMNS,
    rows: s.months.map((m) => [fy, m.month, Math.floor(all.indexOf(m.month) / 3) + 1, m.received, m.inProgress, m.finished]),
  };
}

registerDataset({
  id: COMPLAINT_STATS_DATASET_ID,
  module: 'complaints',
  frequency: 'yearly',
  keywords: ['เรื่องร้องเรียน', 'ร้องเรียนการทุจริต', 'ประพฤติมิชอบ', 'ITA', 'complaints', 'corruption'],
  title: {
    th: 'สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบรายเดือน',
    en: 'Monthly corruption and misconduct complaint statistics',
    ms: 'Statistik bulanan aduan rasuah dan salah laku',
  },
  description: {
    th: 'จำนวนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบที่ได้รับในแต่ละเดือนของปีงบประมาณ จำนวนที่อยู่ระหว่างดำเนินการ และที่ดำเนินการแล้วเสร็จ (ตามสถานะ ณ วันที่ดาวน์โหลด) เฉพาะจำนวน ไม่มีข้อมูลของเรื่องใดหรือผู้ร้องเรียน',
    en: 'For each month of a fiscal year: the corruption and misconduct complaints received, how many are in progress and how many are finished (by their status on the day of download). Counts only: nothing about any case or reporter.',
    ms: 'Bagi setiap bulan tahun kewangan: aduan rasuah dan salah laku yang diterima, berapa dalam tindakan dan berapa selesai (mengikut status pada hari muat turun). Bilangan sahaja.',
  },
  periods: complaintStatsPeriods,
  table: complaintStatsTable,
});
