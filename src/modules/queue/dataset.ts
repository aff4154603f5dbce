import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { systemActor } from '../../core/auth/roles.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { bangkokDateParts } from '../../core/thai/bangkok.js';
import { type DatasetColumn, type DatasetTable, registerDataset } from '../opendata/registry.js';
import { queueTickets } from './schema.js';
import { monthRange, queueStats } from './stats.js';

/**
 * The queue's open dataset: the month's service statistics per service (สถิติการให้บริการ
 * รายเดือน), as on the statistics page — tickets issued, finished and not shown, and the wait and
 * service times (mean, median, 90th percentile, minutes). Totals only: no staff, no counter, no
 * ticket. A month is published once it is over (its figures no longer change).
 */
export const QUEUE_DATASET_ID = 'queue-service-statistics';

const MONTH = /^(\d{4})-(\d{2})$/;

/** The first day of the current Bangkok month, 'YYYY-MM-01'. */
function thisMonthStart(now: Date): string {
  const p = bangkokDateParts(now);
  return `${p.year}-${String(p.month).padStart(2, '0')}-01`;
}

/** The months before this one in which the organization issued tickets, newest first ('YYYY-MM'). */
export async function queueDatasetPeriods(ctx: ServiceContext): Promise<string[]> {
  const month = sql<string>`to_char(${queueTickets.day}, 'YYYY-MM')`;
  const rows = await dbOf(ctx)
    .selectDistinct({ month })
    .from(queueTickets)
    .where(and(eq(queueTickets.orgId, ctx.orgId), lt(queueTickets.day, thisMonthStart(ctx.app.now()))))
    .orderBy(desc(month));
  return rows.map((r) => r.month);
}

const COLUMNS: DatasetColumn[] = [
  { key: 'service', th: 'งานบริการ', en: 'Service', ms: 'Perkhidmatan' },
  { key: 'service_prefix', th: 'อักษรนำหน้าบัตรคิว', en: 'Ticket letter', ms: 'Huruf tiket' },
  { key: 'month', th: 'เดือน (ค.ศ.)', en: 'Month', ms: 'Bulan' },
  { key: 'issued', th: 'บัตรคิวที่ออก', en: 'Tickets issued', ms: 'Tiket dikeluarkan', type: 'integer' },
  { key: 'finished', th: 'ให้บริการเสร็จ', en: 'Served', ms: 'Selesai dilayan', type: 'integer' },
  { key: 'no_show', th: 'เรียกแล้วไม่มา', en: 'Called, did not come', ms: 'Dipanggil, tidak datang', type: 'integer' },
  { key: 'wait_mean_min', th: 'เวลารอเฉลี่ย (นาที)', en: 'Mean wait (min)', ms: 'Purata menunggu (minit)', type: 'decimal' },
  { key: 'wait_median_min', th: 'เวลารอมัธยฐาน (นาที)', en: 'Median wait (min)', ms: 'Median menunggu (minit)', type: 'decimal' },
  {
    key: 'wait_p90_min',
    th: 'เวลารอที่ร้อยละ 90 ไม่เกิน (นาที)',
    en: '90% waited at most (min)',
    ms: '90% menunggu paling lama (minit)',
    type: 'decimal',
  },
  {
    key: 'service_mean_min',
    th: 'เวลาให้บริการเฉลี่ย (นาที)',
    en: 'Mean service time (min)',
    ms: 'Purata masa layanan (minit)',
    type: 'decimal',
  },
  {
    key: 'service_median_min',
    th: 'เวลาให้บริการมัธยฐาน (นาที)',
    en: 'Median service time (min)',
    ms: 'Median masa layanan (minit)',
    type: 'decimal',
  },
  {
    key: 'service_p90_min',
    th: 'เวลาให้บริการที่ร้อยละ 90 ไม่เกิน (นาที)',
    en: '90% served within (min)',
    ms: '90% dilayan dalam (minit)',
    type: 'decimal',
  },
];

/** One row per service of the month (services with tickets, and the active ones with none). */
export async function queueDatasetTable(ctx: ServiceContext, period: string): Promise<DatasetTable> {
  const m = MONTH.exec(period);
  if (!m) return { columns: COLUMNS, rows: [] };
  // The statistics page is for executives; this dataset publishes only its per-service totals,
  // which are public by design, so it reads them as the system.
  const stats = await queueStats({ ...ctx, actor: systemActor(ctx.orgId, 'opendata') }, monthRange(Number(m[1]), Number(m[2])));
  return {
    columns: COLUMNS,
    rows: stats.byService.map((s) => [
      s.name,
      s.prefix,
      period,
      s.issued,
      s.finished,
      s.noShow,
      s.wait.mean,
      s.wait.median,
      s.wait.p90,
      s.service.mean,
      s.service.median,
      s.service.p90,
    ]),
  };
}

registerDataset({
  id: QUEUE_DATASET_ID,
  module: 'queue',
  frequency: 'monthly',
  keywords: ['บัตรคิว', 'สถิติการให้บริการ', 'ระยะเวลารอคอย', 'queue', 'service statistics', 'waiting time'],
  title: {
    th: 'สถิติการให้บริการรายเดือน (ระบบบัตรคิว)',
    en: 'Monthly service statistics (queue)',
    ms: 'Statistik perkhidmatan bulanan (giliran)',
  },
  description: {
    th: 'จำนวนบัตรคิวที่ออก ที่ให้บริการเสร็จ และที่เรียกแล้วไม่มา กับเวลารอและเวลาให้บริการ (เฉลี่ย มัธยฐาน และร้อยละ 90) ของแต่ละงานบริการในแต่ละเดือน เวลารอนับจากออกบัตรถึงการเรียกครั้งแรก เวลาให้บริการนับจากเริ่มให้บริการถึงเสร็จ',
    en: 'For each service and month: tickets issued, served, and called but not come, with the waiting and service times (mean, median and 90th percentile). The wait runs from the ticket’s issue to its first call; the service time from the start of service to its end.',
    ms: 'Bagi setiap perkhidmatan dan bulan: tiket yang dikeluarkan, yang selesai dilayan, dan yang dipanggil tetapi tidak datang, dengan masa menunggu dan masa layanan (purata, median dan persentil ke-90). Masa menunggu dikira dari tiket dikeluarkan hingga panggilan pertama; masa layanan dari mula dilayan hingga selesai.',
  },
  periods: queueDatasetPeriods,
  table: queueDatasetTable,
});
