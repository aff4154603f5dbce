import type { DemoContext } from '../../core/module.js';
import type { Organization } from '../../core/tenancy/organization.js';
import { bangkokDate } from '../../core/thai/bangkok.js';
import { reserveNumber } from './service.js';

/** A few letters of the demo year, as the clerk of อบต.ลูโบะปือซา would have registered them. */
export async function seedDemoRegister(demo: DemoContext) {
  const org = demo.shared.get('organization') as Organization | undefined;
  if (!org) return;
  const year = demo.now.getUTCFullYear();
  const letters = [
    { series: '' as const, month: 1, day: 9, subject: 'ขอส่งรายงานผลการประเมินความพึงพอใจ ประจำเดือนธันวาคม', recipient: 'นายอำเภอยี่งอ' },
    {
      series: 'ว' as const,
      month: 1,
      day: 15,
      subject: 'แจ้งเวียนมาตรการลงโทษหากพบการใช้จ่ายงบประมาณเพื่อประโยชน์ส่วนตน',
      recipient: 'บุคลากรทุกคน',
    },
    { series: '' as const, month: 2, day: 3, subject: 'ขอเชิญประชุมประชาคมแสดงความคิดเห็นต่อการให้บริการ', recipient: 'กำนันตำบลลูโบะปือซา' },
    {
      series: '' as const,
      month: 2,
      day: 20,
      subject: 'รายงานผลการดำเนินงานจุดแรกรับ ประจำเดือนมกราคม',
      recipient: 'นายกองค์การบริหารส่วนตำบลลูโบะปือซา',
    },
  ];
  for (const l of letters) {
    await reserveNumber(
      demo.ctx,
      { series: l.series, documentDate: bangkokDate(year, l.month, l.day), subject: l.subject, recipient: l.recipient },
      org.docCode,
    );
  }
  demo.log(`register: ${letters.length} letters in ${year + 543}`);
}
