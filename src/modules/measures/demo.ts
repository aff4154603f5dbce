import type { DemoContext } from '../../core/module.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import * as svc from './service.js';
import { MEASURE_TEMPLATES } from './templates.js';

/** ITA 2566 of อบต.ลูโบะปือซา per indicator (IIT 1–5, EIT 6–8, OIT 9–10), with what was weak. */
const ITA_2566 = [
  { indicator: '1', name: 'การปฏิบัติหน้าที่', score: 92.4, weakPoints: '' },
  {
    indicator: '2',
    name: 'การใช้งบประมาณ',
    score: 71.35,
    weakPoints: 'บุคลากรส่วนหนึ่งไม่ทราบแผนการใช้จ่ายงบประมาณประจำปี และไม่มั่นใจว่าการเบิกจ่ายที่ไม่ถูกต้องจะถูกลงโทษ',
  },
  { indicator: '3', name: 'การใช้อำนาจ', score: 84.1, weakPoints: 'บุคลากรไม่มีช่องทางแสดงความคิดเห็นต่อผู้บริหารอย่างเป็นทางการ' },
  { indicator: '4', name: 'การใช้ทรัพย์สินของราชการ', score: 80.52, weakPoints: '' },
  { indicator: '5', name: 'การแก้ไขปัญหาการทุจริต', score: 76.8, weakPoints: 'ยังไม่มีมาตรการลงโทษที่ชัดเจนเมื่อพบการทุจริต' },
  { indicator: '6', name: 'คุณภาพการดำเนินงาน', score: 85.9, weakPoints: 'ผู้รับบริการไม่ทราบขั้นตอนและระยะเวลาการให้บริการ' },
  { indicator: '7', name: 'ประสิทธิภาพการสื่อสาร', score: 78.25, weakPoints: 'ข้อมูลที่เผยแพร่ไม่เป็นปัจจุบัน' },
  { indicator: '8', name: 'การปรับปรุงการทำงาน', score: 79.6, weakPoints: 'ผู้มาติดต่อรอคิวโดยไม่มีลำดับที่ชัดเจน ไม่มีการประเมินความพึงพอใจ ณ จุดบริการ' },
  { indicator: '9', name: 'การเปิดเผยข้อมูล', score: 68.75, weakPoints: 'ไม่ได้เผยแพร่ข้อมูลการใช้จ่ายงบประมาณและแผนผังขั้นตอนการให้บริการบนเว็บไซต์' },
  { indicator: '10', name: 'การป้องกันการทุจริต', score: 62.5, weakPoints: 'ไม่มีรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส' },
];

/** Which indicators each of the ten measures answers. */
const WEAKNESSES: Record<number, string[]> = {
  1: ['2', '5'],
  2: ['6'],
  3: ['7', '9'],
  4: ['8'],
  5: ['3'],
  6: ['8'],
  7: ['6'],
  8: ['3'],
  9: ['2', '9'],
  10: ['6', '9'],
};

const SUCCESS: Record<number, string> = {
  1: 'มีประกาศมาตรการลงโทษ และแจ้งเวียนบุคลากรครบทุกคน',
  2: 'มีรายงานผลการให้บริการ ณ จุดแรกรับทุกเดือน',
  3: 'ข้อมูลบนเว็บไซต์ปรับปรุงภายใน 7 วันหลังมีการเปลี่ยนแปลง',
  4: 'มีรายงานผลการประเมินความพึงพอใจอย่างน้อยไตรมาสละ 1 ครั้ง',
  5: 'จัดประชุมระดมความคิดเห็นอย่างน้อยปีละ 1 ครั้ง มีรายงานการประชุม',
  6: 'ผู้มาติดต่อได้รับบริการตามลำดับบัตรคิวทุกราย',
  7: 'จัดสิ่งอำนวยความสะดวกครบ 8 รายการ',
  8: 'มีการประชุมแลกเปลี่ยนความคิดเห็นอย่างน้อยปีละ 1 ครั้ง',
  9: 'เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีบนเว็บไซต์',
  10: 'เผยแพร่แผนผังขั้นตอนการให้บริการครบทุกงานบริการ',
};

/** Progress of FY 2567 (1 Oct 2023 – 30 Sep 2024), per measure: [date, text]. */
const PROGRESS_2567: Record<number, [string, string][]> = {
  1: [
    ['2023-11-08', 'มีคำสั่งแต่งตั้งคณะกรรมการจัดทำมาตรการลงโทษ'],
    ['2023-12-14', 'ประชุมคณะกรรมการ ยกร่างประกาศมาตรการลงโทษ'],
    ['2024-01-10', 'ลงนามประกาศ และบันทึกแจ้งเวียนบุคลากรทุกคน'],
  ],
  2: [
    ['2023-10-16', 'แต่งตั้งเจ้าหน้าที่ประจำจุดแรกรับ'],
    ['2024-04-05', 'รายงานผลการให้บริการ ณ จุดแรกรับ ไตรมาส 2'],
  ],
  4: [['2024-04-02', 'รวบรวมแบบประเมินความพึงพอใจเดือนมกราคม–มีนาคม 2567 และรายงานผู้บริหาร']],
  5: [['2024-02-20', 'ประชุมระดมความคิดเห็นบุคลากร 32 คน จัดทำรายงานการประชุม']],
  6: [
    ['2024-03-01', 'เริ่มใช้บัตรคิวที่จุดบริการสำนักปลัด'],
    ['2024-09-20', 'สรุปผู้มาใช้บริการทั้งปีเสนอผู้บริหาร'],
  ],
  9: [['2023-11-30', 'เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี 2567 บนเว็บไซต์และบอร์ดประชาสัมพันธ์']],
};

export async function seedDemoMeasures(demo: DemoContext) {
  const { ctx } = demo;
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number }> | undefined;
  const personId = (u: string) => people?.get(u)?.staffId;
  const owner: Record<number, string[]> = {
    1: ['head'],
    2: ['counter1', 'frontdesk'],
    3: ['ita'],
    4: ['ita'],
    5: ['head'],
    6: ['frontdesk'],
    7: ['counter1'],
    8: ['head'],
    9: ['finance'],
    10: ['ita', 'admin'],
  };

  // ---- FY 2567: the seed's plan, done, with results, evidence and checkpoints (backdated).
  const at = (iso: string) => new Date(`${iso}T10:00:00+07:00`);
  const backdated = (iso: string) => ({ ...ctx, app: { ...ctx.app, now: () => at(iso) } });
  const plan = await svc.createPlan(backdated('2023-10-02'), { fiscalYear: 2567, origin: 'template' });
  const ita = new Map<string, number>();
  for (const r of ITA_2566) ita.set(r.indicator, (await svc.saveItaResult(backdated('2023-10-02'), plan.id, r)).id);
  for (const m of await svc.listMeasures(ctx, plan.id)) {
    const t = MEASURE_TEMPLATES.find((x) => x.number === m.number);
    if (!t) continue;
    const staffIds = (owner[m.number] ?? []).map(personId).filter((x): x is number => x !== undefined);
    let cur = await svc.updateMeasure(backdated('2023-10-05'), m.id, m.version, {
      successIndicator: SUCCESS[m.number] ?? '',
      rationale: `ตอบจุดอ่อนของผลการประเมิน ITA ปี 2566 ตัวชี้วัดที่ ${(WEAKNESSES[m.number] ?? []).join(', ')}`,
      weaknessIds: (WEAKNESSES[m.number] ?? []).map((i) => ita.get(i)).filter((x): x is number => x !== undefined),
      staffIds,
    });
    for (const [d, text] of PROGRESS_2567[m.number] ?? []) await svc.addProgress(backdated(d), m.id, { happenedOn: d, text });
    cur = await svc.getMeasure(ctx, m.id);
    cur = await svc.updateMeasure(backdated('2024-03-29'), m.id, cur.version, {
      checkpoint6: (PROGRESS_2567[m.number] ?? []).length
        ? 'ดำเนินการตามแผน รายละเอียดตามบันทึกความก้าวหน้า'
        : 'อยู่ระหว่างเตรียมการ จะดำเนินการในครึ่งปีหลัง',
    });
    await svc.attachEvidence(backdated('2024-09-25'), m.id, {
      title:
        m.number === 5 || m.number === 8
          ? 'รายงานการประชุมระดมความคิดเห็นบุคลากร'
          : m.number === 6
            ? 'รายงานสถิติบัตรคิว ปีงบประมาณ 2567'
            : m.number === 4
              ? 'รายงานผลการประเมินความพึงพอใจ'
              : `ประกาศ/หลักฐานการดำเนินการตามมาตรการที่ ${m.number}`,
      link: {
        kind:
          m.number === 5 || m.number === 8
            ? 'minutes'
            : m.number === 6
              ? 'queue_report'
              : m.number === 4
                ? 'survey_report'
                : 'announcement',
        href: `/ita/2567#measure-${m.number}`,
      },
    });
    await svc.updateMeasure(backdated('2024-09-27'), m.id, cur.version, {
      status: 'done',
      resultsSummary: t.example.results,
      outcome: t.example.outcome,
      checkpoint12: 'ดำเนินการครบตามแผน สรุปผลตามรายงาน',
    });
  }

  // ---- This fiscal year: started from the FY 2567 plan, some in progress, some missing results.
  const fy = fiscalYearOf(demo.now);
  if (fy !== 2567 && !(await svc.getPlanByYear(ctx, fy))) {
    const start = new Date(
      Math.max(demo.now.getTime() - 120 * 24 * 3600 * 1000, svc.checkpointDates(fy).six.getTime() - 183 * 24 * 3600 * 1000),
    );
    const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(d);
    const current = await svc.createPlan(backdated(iso(start)), { fiscalYear: fy, origin: 'copy', sourcePlanId: plan.id });
    const list = await svc.listMeasures(ctx, current.id);
    let n = 0;
    for (const m of list) {
      n++;
      if (n > 6) break; // the rest not started yet
      const d = iso(new Date(start.getTime() + n * 7 * 24 * 3600 * 1000));
      if (d > iso(demo.now)) break;
      await svc.addProgress(backdated(d), m.id, { happenedOn: d, text: `เริ่มดำเนินการตามมาตรการที่ ${m.number}: ${m.methods[0] ?? m.title}` });
      if (n <= 2) {
        const cur = await svc.getMeasure(ctx, m.id);
        await svc.updateMeasure(backdated(d), m.id, cur.version, { resultsSummary: [`ดำเนินการแล้วบางส่วน (${m.methods[0] ?? ''})`] });
      }
    }
    demo.log(`measures: FY 2567 plan with ${MEASURE_TEMPLATES.length} measures done; FY ${fy} plan copied, ${Math.min(n, 6)} in progress`);
  } else {
    demo.log(`measures: FY 2567 plan with ${MEASURE_TEMPLATES.length} measures`);
  }
  demo.shared.set('measures.plan2567', plan.id);
}
