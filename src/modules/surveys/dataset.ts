import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { systemActor } from '../../core/auth/roles.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { bangkokDateParts, bangkokMidnight, daysInMonth } from '../../core/thai/bangkok.js';
import { type DatasetColumn, type DatasetTable, registerDataset } from '../opendata/registry.js';
import { satisfactionByDivision } from './report.js';
import { surveyResponses } from './schema.js';
import { roundHalfUp } from './stats.js';

/**
 * The surveys' open dataset: the month's satisfaction results per division (ผลการประเมินความ
 * พึงพอใจรายเดือน จำแนกตามกอง) — respondents, the overall mean and percent, as in the monthly
 * report. Totals only: no answer, no suggestion, no demographic. A month is published once it
 * is over.
 */
export const SURVEY_DATASET_ID = 'service-satisfaction';

const MONTH = /^(\d{4})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The months before this one with responses, newest first ('YYYY-MM'). */
export async function surveyDatasetPeriods(ctx: ServiceContext): Promise<string[]> {
  const p = bangkokDateParts(ctx.app.now());
  const start = bangkokMidnight({ year: p.year, month: p.month, day: 1 });
  const month = sql<string>`to_char(${surveyResponses.submittedAt} AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM')`;
  const rows = await dbOf(ctx)
    .selectDistinct({ month })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.orgId, ctx.orgId), lt(surveyResponses.submittedAt, start)))
    .orderBy(desc(month));
  return rows.map((r) => r.month);
}

const COLUMNS: DatasetColumn[] = [
  { key: 'month', th: 'เดือน (ค.ศ.)', en: 'Month', ms: 'Bulan' },
  { key: 'division', th: 'กอง / ส่วนราชการ', en: 'Division', ms: 'Bahagian' },
  { key: 'respondents', th: 'จำนวนผู้ตอบแบบประเมิน', en: 'Respondents', ms: 'Bilangan responden', type: 'integer' },
  { key: 'mean', th: 'คะแนนเฉลี่ยโดยรวม (เต็ม 5)', en: 'Overall mean (of 5)', ms: 'Purata keseluruhan (daripada 5)', type: 'decimal' },
  { key: 'sd', th: 'ส่วนเบี่ยงเบนมาตรฐาน', en: 'Standard deviation', ms: 'Sisihan piawai', type: 'decimal' },
  { key: 'percent', th: 'ร้อยละความพึงพอใจ', en: 'Satisfaction (percent)', ms: 'Kepuasan (peratus)', type: 'decimal' },
];

/** One row per division with responses in the month. */
export async function surveyDatasetTable(ctx: ServiceContext, period: string): Promise<DatasetTable> {
  const m = MONTH.exec(period);
  if (!m) return { columns: COLUMNS, rows: [] };
  const year = Number(m[1]);
  const month = Number(m[2]);
  // The report is for executives; the dataset publishes only its per-division totals, which
  // are public by design (the OIT evidence), so it reads them as the system.
  const rows = await satisfactionByDivision(
    { ...ctx, actor: systemActor(ctx.orgId, 'opendata') },
    { from: `${period}-01`, to: `${period}-${pad(daysInMonth(year, month))}` },
  );
  const r2 = (x: number | null) => (x == null ? null : roundHalfUp(x, 2));
  return {
    columns: COLUMNS,
    rows: rows.filter((r) => r.n > 0).map((r) => [period, r.name, r.n, r2(r.overall.mean), r2(r.overall.sd), r2(r.overall.percent)]),
  };
}

registerDataset({
  id: SURVEY_DATASET_ID,
  module: 'surveys',
  frequency: 'monthly',
  keywords: ['ความพึงพอใจ', 'แบบประเมินความพึงพอใจ', 'คุณภาพการให้บริการ', 'satisfaction', 'service quality'],
  title: {
    th: 'ผลการประเมินความพึงพอใจต่อการให้บริการรายเดือน จำแนกตามกอง',
    en: 'Monthly service satisfaction per division',
    ms: 'Kepuasan perkhidmatan bulanan mengikut bahagian',
  },
  description: {
    th: 'จำนวนผู้ตอบแบบประเมินความพึงพอใจต่อคุณภาพในการให้บริการ ณ จุดให้บริการ คะแนนเฉลี่ยโดยรวม (มาตรวัด 5 ระดับ) ส่วนเบี่ยงเบนมาตรฐาน และร้อยละความพึงพอใจ (ค่าเฉลี่ย ÷ 5 × 100) ของแต่ละกองในแต่ละเดือน คะแนนเฉลี่ยโดยรวมคำนวณจากคำตอบทุกข้อของทุกแบบประเมิน',
    en: 'For each division and month: the number of people who rated the service, the overall mean on the 5-level scale, its standard deviation, and the satisfaction percent (mean ÷ 5 × 100). The overall mean pools every answer of every form.',
    ms: 'Bagi setiap bahagian dan bulan: bilangan orang yang menilai perkhidmatan, purata keseluruhan pada skala 5 tahap, sisihan piawai, dan peratus kepuasan (purata ÷ 5 × 100). Purata keseluruhan dikira daripada semua jawapan semua borang.',
  },
  periods: surveyDatasetPeriods,
  table: surveyDatasetTable,
});
