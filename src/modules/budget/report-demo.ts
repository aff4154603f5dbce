import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import type { DemoContext } from '../../core/module.js';
import { budgetPolicy } from './policy.js';
import { publishReport, readPlan } from './report.js';
import { type BudgetCategory, type BudgetPhasing, budgetDisbursements, budgetLines, budgetPlans } from './schema.js';

/**
 * The reports' demo (after part A's seed, which imports the plans and records the
 * disbursements): the FY 2567 plan published, its 6-month report with the finance division's
 * narrative and the annual report; the FY 2570 plan published (its first months' progress shows
 * on the public page).
 */

const NARRATIVE_2567_HALF = [
  'การเบิกจ่ายงบลงทุนต่ำกว่าแผน เนื่องจากโครงการก่อสร้างถนนคอนกรีตเสริมเหล็กต้องรอให้ผ่านฤดูฝนและน้ำท่วมขังในเดือนพฤศจิกายน–ธันวาคม จึงเริ่มก่อสร้างได้ในเดือนกุมภาพันธ์',
  'เงินอุดหนุนที่ได้รับจัดสรรจากรัฐบาลงวดแรกโอนเข้ามาล่าช้ากว่ากำหนด ทำให้การเบิกจ่ายโครงการอาหารกลางวันและอาหารเสริม (นม) ในไตรมาสแรกต่ำกว่าแผน',
  'ข้อเสนอแนะ: ให้ทุกกองส่งแผนการเบิกจ่ายรายเดือนต่อกองคลังภายในวันที่ 5 ของเดือน และเร่งจัดทำรายละเอียดโครงการลงทุนให้เสร็จก่อนต้นปีงบประมาณ',
].join('\n');

const NARRATIVE_2567_ANNUAL = [
  'ภาพรวมเบิกจ่ายได้ใกล้เคียงแผน งบบุคลากรและงบกลางเบิกจ่ายตามแผน',
  'โครงการก่อสร้างฝายชะลอน้ำ หมู่ที่ 5 ดำเนินการไม่แล้วเสร็จในปีงบประมาณ เนื่องจากระดับน้ำสูงในช่วงเดือนสิงหาคม–กันยายน ได้กันเงินไว้เบิกเหลื่อมปีตามระเบียบ',
  'ข้อเสนอแนะ: ปีงบประมาณถัดไปให้กำหนดช่วงก่อสร้างโครงการที่อยู่ใกล้ลำน้ำในเดือนมกราคม–พฤษภาคม และติดตามผลการเบิกจ่ายในที่ประชุมประจำเดือนของหัวหน้าส่วนราชการ',
].join('\n');

export async function seedReportsDemo(demo: DemoContext): Promise<void> {
  const ctx = demo.ctx;
  const plan2567 = await readPlan(ctx, 2567);
  if (plan2567?.lines.length) {
    await publishReport(ctx, { fy: 2567, kind: 'plan' });
    await publishReport(ctx, { fy: 2567, kind: 'half-year', narrative: NARRATIVE_2567_HALF });
    await publishReport(ctx, { fy: 2567, kind: 'annual', narrative: NARRATIVE_2567_ANNUAL });
    demo.log('budget: FY 2567 plan, 6-month and annual reports published');
  } else {
    demo.log('budget: no FY 2567 plan to report on');
  }
  const plan2570 = await readPlan(ctx, 2570);
  if (plan2570?.lines.length) {
    await publishReport(ctx, { fy: 2570, kind: 'plan' });
    demo.log('budget: FY 2570 plan published');
  }
}

/** A line to insert directly (tests, fixtures): phases sum to approvedSatang. */
export interface FixtureLine {
  side: string;
  program: string;
  work: string;
  category: BudgetCategory;
  item: string;
  approvedSatang: number;
  phases: number[];
  divisionId?: number | null;
  note?: string | null;
  /** Disbursed per fiscal month (index 0 = ตุลาคม). */
  disbursed?: number[];
}

/**
 * Writes a plan with its lines and disbursements straight into the tables (one command), for
 * tests of the reports that must not depend on the import; returns the plan id.
 */
export async function insertPlanFixture(
  ctx: ServiceContext,
  fy: number,
  lines: FixtureLine[],
  opts: { phasing?: BudgetPhasing; title?: string; totalSatang?: number } = {},
): Promise<number> {
  return runCommand(ctx, { action: 'budget.fixture', allowed: budgetPolicy.edit(ctx.actor) }, async (tx) => {
    const total = opts.totalSatang ?? lines.reduce((a, l) => a + l.approvedSatang, 0);
    const [plan] = await tx
      .insert(budgetPlans)
      .values({
        orgId: ctx.orgId,
        fiscalYear: fy,
        title: opts.title ?? `แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. ${fy}`,
        phasing: opts.phasing ?? 'quarter',
        totalSatang: total,
      })
      .returning();
    if (!plan) throw new Error('no plan');
    for (const [i, l] of lines.entries()) {
      const [row] = await tx
        .insert(budgetLines)
        .values({
          orgId: ctx.orgId,
          planId: plan.id,
          position: i + 1,
          side: l.side,
          program: l.program,
          work: l.work,
          category: l.category,
          item: l.item,
          divisionId: l.divisionId ?? null,
          approvedSatang: l.approvedSatang,
          phases: l.phases,
          note: l.note ?? null,
        })
        .returning();
      if (!row) throw new Error('no line');
      for (const [m, amount] of (l.disbursed ?? []).entries()) {
        if (amount > 0) {
          await tx
            .insert(budgetDisbursements)
            .values({ orgId: ctx.orgId, planId: plan.id, lineId: row.id, month: m + 1, amountSatang: amount });
        }
      }
    }
    return { result: plan.id, entity: 'budget_plan', entityId: plan.id, summary: `fixture plan ${fy}` };
  });
}
