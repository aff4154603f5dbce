import type { DemoContext } from '../../core/module.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { seedQueueHistory } from './demo-history.js';
import { addHoliday, createCounter, createPriorityGroup, createService, issueTicket, updateQueueSettings } from './service.js';

const WEEKDAYS_OFFICE: [string, string] = ['08:30', '16:30'];

/** Public holidays of fiscal year 2570 (and the substitute days), as the Cabinet announces them; lunar ones vary by year. */
const HOLIDAYS: [string, string][] = [
  ['2026-10-13', 'วันนวมินทรมหาราช'],
  ['2026-10-23', 'วันปิยมหาราช'],
  ['2026-12-07', 'ชดเชยวันคล้ายวันพระบรมราชสมภพฯ วันชาติ และวันพ่อแห่งชาติ'],
  ['2026-12-10', 'วันรัฐธรรมนูญ'],
  ['2026-12-31', 'วันสิ้นปี'],
  ['2027-01-01', 'วันขึ้นปีใหม่'],
  ['2027-04-06', 'วันจักรี'],
  ['2027-04-13', 'วันสงกรานต์'],
  ['2027-04-14', 'วันสงกรานต์'],
  ['2027-04-15', 'วันสงกรานต์'],
  ['2027-05-04', 'วันฉัตรมงคล'],
  ['2027-06-03', 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี'],
  ['2027-07-28', 'วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว'],
  ['2027-08-12', 'วันแม่แห่งชาติ'],
  ['2027-10-13', 'วันนวมินทรมหาราช'],
  ['2027-10-25', 'ชดเชยวันปิยมหาราช'],
];

/** Services an อบต. runs at its counter; open around the clock in the demo, one with office hours. */
const SERVICES = [
  {
    key: 'allowance',
    prefix: 'A',
    name: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ',
    nameEn: 'Elderly and disability allowances',
    division: 'office',
    minutes: 8,
  },
  { key: 'landTax', prefix: 'B', name: 'ภาษีที่ดินและสิ่งปลูกสร้าง', nameEn: 'Land and building tax', division: 'finance', minutes: 12 },
  { key: 'building', prefix: 'C', name: 'ขออนุญาตก่อสร้างอาคาร', nameEn: 'Building permits', division: 'works', minutes: 20 },
  { key: 'commerce', prefix: 'D', name: 'จดทะเบียนพาณิชย์', nameEn: 'Commercial registration', division: 'finance', minutes: 15 },
  { key: 'general', prefix: 'E', name: 'งานทะเบียนทั่วไป', nameEn: 'General registration', division: 'office', minutes: 6 },
] as const;

export async function seedDemoQueue(demo: DemoContext) {
  const { ctx } = demo;
  const divisions = (demo.shared.get('staff.divisions') as Map<string, number> | undefined) ?? new Map<string, number>();
  const people = (demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined) ?? new Map();
  const ids = new Map<string, number>();
  let order = 10;
  for (const s of SERVICES) {
    const row = await createService(ctx, {
      name: s.name,
      nameEn: s.nameEn,
      prefix: s.prefix,
      divisionId: divisions.get(s.division) ?? null,
      avgServiceMinutes: s.minutes,
      alwaysOpen: true,
      sortOrder: order,
    });
    ids.set(s.key, row.id);
    order += 10;
  }
  // Office hours only (Monday to Friday): shows how a request outside the hours is answered.
  const fees = await createService(ctx, {
    name: 'ชำระค่าธรรมเนียมเก็บขนขยะมูลฝอย',
    nameEn: 'Waste collection fees',
    prefix: 'F',
    divisionId: divisions.get('finance') ?? null,
    avgServiceMinutes: 5,
    hours: { '1': WEEKDAYS_OFFICE, '2': WEEKDAYS_OFFICE, '3': WEEKDAYS_OFFICE, '4': WEEKDAYS_OFFICE, '5': WEEKDAYS_OFFICE },
    sortOrder: order,
  });
  ids.set('fees', fees.id);
  const pick = (...keys: string[]) => keys.map((k) => ids.get(k)).filter((x): x is number => x !== undefined);
  const counters = [
    { number: 1, name: 'สวัสดิการและทะเบียน', services: pick('allowance', 'general'), staff: 'counter1' },
    { number: 2, name: 'การคลัง', services: pick('landTax', 'commerce', 'fees'), staff: 'finance' },
    { number: 3, name: 'งานช่างและทะเบียน', services: pick('building', 'general', 'allowance'), staff: 'frontdesk' },
  ];
  for (const c of counters) {
    await createCounter(ctx, { number: c.number, name: c.name, serviceIds: c.services, staffUserId: people.get(c.staff)?.userId ?? null });
  }
  const groups = [
    { name: 'ผู้สูงอายุ', nameEn: 'Older persons' },
    { name: 'ผู้พิการ', nameEn: 'Persons with disabilities' },
    { name: 'หญิงตั้งครรภ์', nameEn: 'Pregnant women' },
  ];
  const groupIds: number[] = [];
  for (const [i, g] of groups.entries()) groupIds.push((await createPriorityGroup(ctx, { ...g, ratio: 2, sortOrder: (i + 1) * 10 })).id);
  await updateQueueSettings(ctx, { allowOnline: true, boardRecent: 6, kioskReturnSeconds: 25 });
  const today = bangkokIsoDay(ctx.app.now());
  // Not today's: the demo should take numbers whatever day it is started.
  for (const [day, name] of HOLIDAYS) if (day !== today) await addHoliday(ctx, { day, name });
  // A few people waiting now, so the counter page has someone to call.
  const waiting = [
    { service: 'allowance', group: groupIds[0] },
    { service: 'general' },
    { service: 'allowance' },
    { service: 'landTax' },
    { service: 'general', group: groupIds[2] },
    { service: 'building' },
  ];
  for (const w of waiting) {
    const serviceId = ids.get(w.service);
    if (serviceId) await issueTicket(ctx, { serviceId, priorityGroupId: w.group ?? null, channel: 'front_desk' });
  }
  const history = await seedQueueHistory(ctx, { days: 42, until: demo.now });
  demo.log(`queue history: ${history.tickets} tickets, ${history.events} events over 6 weeks`);
  demo.log(
    `queue: ${SERVICES.length + 1} services, ${counters.length} counters, ${groups.length} priority groups, ${waiting.length} tickets waiting`,
  );
}
