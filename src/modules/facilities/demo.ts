import { svgToPng } from '../../core/documents/docx.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokIsoDay, fiscalYearOf } from '../../core/thai/index.js';
import { fiscalYearDays } from '../measures/service.js';
import { FACILITY_ITEMS, type FacilityItemKey } from './items.js';
import { addCustomItem, addPhoto, attachChecklistEvidence, saveCheck } from './service.js';

/** FY 2567 as the office recorded it: every item done, checked through the year, with notes. */
const FY2567: Record<FacilityItemKey, { on: string; note: string; caption: string }> = {
  seats: {
    on: '2023-11-14',
    note: 'จัดเก้าอี้พักรอ 24 ที่นั่ง หน้าห้องสำนักปลัดและกองคลัง มีที่นั่งสำรองสำหรับผู้สูงอายุและหญิงตั้งครรภ์ 4 ที่',
    caption: 'จุดพักรอหน้าห้องสำนักปลัด',
  },
  signage: {
    on: '2023-11-14',
    note: 'ติดป้ายบอกทางจากประตูทางเข้าไปยังจุดบริการทุกงาน ภาษาไทยและภาษามลายูอักษรรูมี',
    caption: 'ป้ายบอกทางหน้าอาคารสำนักงาน',
  },
  responsibility_chart: {
    on: '2023-12-06',
    note: 'ติดแผนผังผู้รับผิดชอบพร้อมเบอร์โทรศัพท์และไลน์ของแต่ละกอง และโปสเตอร์ผังขั้นตอนการให้บริการ 6 งาน',
    caption: 'แผนผังผู้รับผิดชอบและผังขั้นตอนการให้บริการ',
  },
  request_forms: {
    on: '2024-01-10',
    note: 'วางแบบคำร้องพร้อมตัวอย่างการกรอก 12 แบบ ที่โต๊ะประชาสัมพันธ์ เจ้าหน้าที่จุดแรกรับช่วยกรอก',
    caption: 'ชั้นวางแบบคำร้องพร้อมตัวอย่างการกรอก',
  },
  out_of_hours: {
    on: '2024-02-03',
    note: 'เปิดรับชำระภาษีวันเสาร์ต้นเดือน 08.30–12.00 น. ช่วงกุมภาพันธ์–เมษายน ประกาศทางเพจและหอกระจายข่าว',
    caption: 'ประกาศให้บริการนอกเวลาราชการ',
  },
  lighting: {
    on: '2024-03-12',
    note: 'เปลี่ยนหลอดไฟ LED ในจุดพักรอและทางเดิน 18 ดวง ตรวจวัดแสงสว่างผ่านเกณฑ์',
    caption: 'จุดพักรอหลังเปลี่ยนหลอดไฟ',
  },
  queue_cards: {
    on: '2024-04-02',
    note: 'ใช้ระบบบัตรคิวอัตโนมัติ ตู้กดบัตรคิวหน้าอาคาร และจอเรียกคิวในห้องพักรอ',
    caption: 'ตู้กดบัตรคิวและจอเรียกคิว',
  },
  screening_point: {
    on: '2024-05-08',
    note: 'จัดโต๊ะจุดคัดกรองผู้มาติดต่อหน้าทางเข้า มีเจ้าหน้าที่ประจำในวันและเวลาราชการ',
    caption: 'จุดคัดกรองผู้มาติดต่อหน้าทางเข้า',
  },
};

/** This year so far: some items checked again, some partly, the rest waiting. */
const CURRENT: { key: FacilityItemKey; status: 'done' | 'partial'; note: string }[] = [
  { key: 'seats', status: 'done', note: 'ตรวจแล้ว เก้าอี้พักรอเพียงพอ ซ่อมเก้าอี้ชำรุด 2 ตัว' },
  { key: 'queue_cards', status: 'done', note: 'ระบบบัตรคิวใช้งานปกติ เพิ่มบัตรคิวออนไลน์' },
  { key: 'signage', status: 'partial', note: 'ป้ายหน้ากองช่างซีดจาง อยู่ระหว่างจัดทำใหม่' },
  { key: 'lighting', status: 'done', note: 'แสงสว่างเพียงพอทุกจุด' },
  { key: 'responsibility_chart', status: 'partial', note: 'ปรับปรุงแผนผังตามโครงสร้างใหม่ รอติดตั้งที่กองการศึกษา' },
];

const hue: Record<FacilityItemKey, number> = {
  seats: 210,
  signage: 140,
  responsibility_chart: 30,
  request_forms: 260,
  out_of_hours: 230,
  lighting: 45,
  queue_cards: 190,
  screening_point: 0,
};

/** A small drawing standing in for a photo of the item (no text: the demo has no fonts for resvg). */
function pictureSvg(key: FacilityItemKey): string {
  const h = hue[key];
  const shapes: Record<FacilityItemKey, string> = {
    seats: Array.from(
      { length: 5 },
      (_, i) =>
        `<rect x="${50 + i * 80}" y="190" width="60" height="60" rx="6" fill="hsl(${h},50%,40%)"/><rect x="${50 + i * 80}" y="150" width="60" height="44" rx="6" fill="hsl(${h},50%,55%)"/>`,
    ).join(''),
    signage: `<rect x="225" y="140" width="20" height="170" fill="#555"/><path d="M120 90h230l40 40-40 40H120z" fill="hsl(${h},55%,35%)"/><path d="M170 130h130m-30-22 30 22-30 22" stroke="#fff" stroke-width="12" fill="none"/>`,
    responsibility_chart: `<rect x="100" y="50" width="280" height="240" fill="#fff" stroke="#333" stroke-width="4"/><rect x="200" y="75" width="80" height="40" fill="hsl(${h},70%,50%)"/>${[130, 210, 290].map((x) => `<rect x="${x - 30}" y="180" width="60" height="36" fill="hsl(${h},60%,65%)"/><path d="M240 115v35H${x}v30" stroke="#333" stroke-width="3" fill="none"/>`).join('')}`,
    request_forms: [0, 1, 2]
      .map(
        (i) =>
          `<rect x="${90 + i * 110}" y="${80 + i * 10}" width="100" height="140" fill="#fff" stroke="#444" stroke-width="3"/>${[0, 1, 2, 3].map((j) => `<rect x="${102 + i * 110}" y="${100 + i * 10 + j * 25}" width="76" height="8" fill="hsl(${h},40%,60%)"/>`).join('')}`,
      )
      .join(''),
    out_of_hours: `<circle cx="240" cy="170" r="100" fill="#fff" stroke="hsl(${h},50%,30%)" stroke-width="10"/><path d="M240 170V100M240 170l50 30" stroke="hsl(${h},50%,30%)" stroke-width="10" stroke-linecap="round"/>`,
    lighting: [120, 240, 360]
      .map(
        (x) =>
          `<path d="M${x} 40v40" stroke="#444" stroke-width="4"/><path d="M${x - 40} 120l40-40 40 40z" fill="#333"/><circle cx="${x}" cy="130" r="14" fill="hsl(${h},100%,60%)"/><path d="M${x - 60} 300l60-160 60 160z" fill="hsl(${h},100%,75%)" opacity="0.5"/>`,
      )
      .join(''),
    queue_cards: `<rect x="140" y="60" width="200" height="250" rx="12" fill="hsl(${h},40%,35%)"/><rect x="165" y="85" width="150" height="90" fill="hsl(${h},70%,85%)"/><rect x="200" y="210" width="80" height="60" fill="#fff"/>`,
    screening_point: `<rect x="90" y="200" width="300" height="80" fill="hsl(${h},45%,45%)"/><circle cx="240" cy="120" r="36" fill="hsl(${h},30%,70%)"/><rect x="200" y="156" width="80" height="50" rx="20" fill="hsl(${h},30%,70%)"/>`,
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="hsl(${h},30%,92%)"/><rect y="300" width="480" height="60" fill="hsl(${h},15%,75%)"/>${shapes[key]}</svg>`;
}

async function picture(key: FacilityItemKey): Promise<Uint8Array | null> {
  const png = await svgToPng(new TextEncoder().encode(pictureSvg(key)), 360);
  return png?.png ?? null;
}

/** The FY 2567 checklist complete, with photos, attached to measure 7; this year's partly done. */
export async function seedDemoFacilities(demo: DemoContext): Promise<void> {
  const { ctx } = demo;
  const at = (iso: string) => new Date(`${iso}T10:30:00+07:00`);
  const backdated = (iso: string) => ({ ...ctx, app: { ...ctx.app, now: () => at(iso) } });
  let photos = 0;
  for (const key of FACILITY_ITEMS) {
    const r = FY2567[key];
    await saveCheck(backdated(r.on), 2567, key, { status: 'done', checkedOn: r.on, note: r.note, version: 0 });
    const bytes = await picture(key);
    if (bytes) {
      await addPhoto(backdated(r.on), 2567, key, { bytes, name: `${key}-2567.png`, caption: r.caption });
      photos++;
    }
  }
  const ramp = await addCustomItem(backdated('2024-06-18'), 2567, 'ทางลาดและราวจับสำหรับผู้สูงอายุและคนพิการ');
  await saveCheck(backdated('2024-06-18'), 2567, ramp.itemKey, {
    status: 'done',
    checkedOn: '2024-06-18',
    note: 'ทำทางลาดคอนกรีตพร้อมราวจับสแตนเลสที่ทางเข้าอาคารสำนักงาน',
    version: ramp.version,
  });
  if (demo.shared.get('measures.plan2567')) {
    await attachChecklistEvidence(backdated('2024-09-25'), 2567, 'แบบตรวจสิ่งอำนวยความสะดวกในการบริการประชาชน ปีงบประมาณ 2567');
  }

  const fy = fiscalYearOf(demo.now);
  let current = 0;
  if (fy !== 2567) {
    const { first } = fiscalYearDays(fy);
    const today = bangkokIsoDay(demo.now);
    for (const [i, c] of CURRENT.entries()) {
      const d = new Date(`${first}T12:00:00+07:00`);
      d.setUTCDate(d.getUTCDate() + 10 + i * 12);
      const [on = today] = [bangkokIsoDay(d), today].sort(); // never after today
      await saveCheck(backdated(on), fy, c.key, { status: c.status, checkedOn: on, note: c.note, version: 0 });
      current++;
    }
  }
  demo.log(
    `facilities: FY 2567 checklist complete (${FACILITY_ITEMS.length + 1} items, ${photos} photos); FY ${fy}: ${current} items checked`,
  );
}
