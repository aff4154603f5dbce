import type { DemoContext } from '../../core/module.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { fiscalMonthKeys } from './monthly.js';
import { produceReport, publishReport, type ReportPeriodRef } from './reports.js';

/** The officer's analysis of FY 2567 in the annual procurement report (the demo's words). */
const ANALYSIS_2567 = {
  problems: [
    'การจัดซื้อจัดจ้างโครงการก่อสร้างหลายโครงการเริ่มได้ช้า เนื่องจากข้อบัญญัติงบประมาณประกาศใช้ล่าช้าและต้องรอเงินอุดหนุนเฉพาะกิจ',
    'ผู้ประกอบการในพื้นที่อำเภอบาเจาะมีจำนวนน้อย ทำให้บางโครงการมีผู้เสนอราคาเพียงรายเดียว',
    'เดือนเมษายนไม่มีการจัดซื้อจัดจ้าง เนื่องจากอยู่ระหว่างช่วงวันหยุดสงกรานต์และรอการโอนเงินงบประมาณ',
  ].join('\n'),
  improvements: [
    'จัดทำแผนการจัดซื้อจัดจ้างให้แล้วเสร็จตั้งแต่ต้นปีงบประมาณ และเร่งรัดโครงการก่อสร้างให้ประกาศเชิญชวนภายในไตรมาสที่ ๒',
    'ประชาสัมพันธ์ประกาศเชิญชวนผ่านเว็บไซต์และช่องทางออนไลน์ เพื่อให้มีผู้ประกอบการเข้าเสนอราคามากขึ้น',
    'เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือนภายในวันที่ ๑๐ ของเดือนถัดไปทุกเดือน',
  ].join('\n'),
};

/**
 * After the register's seed (demo.ts): the twelve สขร.๑ of FY 2567 produced and published — April
 * 2024 has no procurement and says so — the four quarterly winners attachments and the annual
 * report with the officer's analysis. Of the current year, the months already over.
 */
export async function seedReportsDemo(demo: DemoContext): Promise<void> {
  const ctx = demo.ctx;
  const publishAll = async (refs: ReportPeriodRef[], analysis?: { problems: string; improvements: string }) => {
    for (const ref of refs) {
      const r = await produceReport(ctx, ref, analysis);
      await publishReport(ctx, r.id);
    }
  };
  const fy = 2567;
  await publishAll(fiscalMonthKeys(fy).map((period) => ({ fiscalYear: fy, kind: 'monthly' as const, period })));
  await publishAll([1, 2, 3, 4].map((q) => ({ fiscalYear: fy, kind: 'quarterly' as const, period: String(q) })));
  await publishAll([{ fiscalYear: fy, kind: 'annual', period: '' }], ANALYSIS_2567);
  // The current year: the months that are over (October when the demo runs in late November).
  const current = fiscalYearOf(demo.now);
  const today = demo.now.toISOString().slice(0, 7);
  const over = fiscalMonthKeys(current).filter((m) => m < today);
  await publishAll(over.map((period) => ({ fiscalYear: current, kind: 'monthly' as const, period })));
  demo.log(`procurement reports: ${12 + 4 + 1 + over.length} published (FY ${fy} and ${over.length} month(s) of FY ${current})`);
}
