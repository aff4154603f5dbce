import type { Actor } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { sharedGaruda } from '../../core/documents/sample-memo.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokDate } from '../../core/thai/index.js';
import { getMeasure, getPlanByYear, listMeasures, updateMeasure } from '../measures/service.js';
import { getOrganization, setLogo } from '../organization/service.js';
import { decide, latestCase } from '../routing/service.js';
import { getStaff } from '../staff/service.js';
import type { ReportMemo } from './document.js';
import { withSeedErrors } from './seed-errors.js';
import { defaultMemo, getReport, memoOf, publishReport, REPORT_ENTITY, startVersion, submitReport, updateMemo } from './service.js';

const FISCAL_YEAR = 2567;

async function actorOf(ctx: ServiceContext, staffId: number): Promise<Actor> {
  const s = await getStaff(ctx, staffId);
  if (!s.userId || !s.username) throw new Error(`demo: ${s.name} has no account`);
  return { orgId: ctx.orgId, userId: s.userId, username: s.username, displayName: s.name, roles: s.roles, mustChangePassword: false };
}

/** The context of a person at a moment of the seed's history (backdated: app.now overridden). */
function at(ctx: ServiceContext, actor: Actor, when: Date): ServiceContext {
  return { ...ctx, actor, app: { ...ctx.app, now: () => when } };
}

const memoForm = (m: ReportMemo, rev: number) => ({ rev, ...m, tableIntro: m.tableIntro });

async function signActive(
  ctx: ServiceContext,
  reportId: number,
  who: Actor,
  name: string,
  when: Date,
  decision: 'forward' | 'acknowledge' | 'return',
  reason?: string,
) {
  const routed = await latestCase(at(ctx, who, when), REPORT_ENTITY, reportId);
  const step = routed?.steps.find((s) => s.status === 'active' && s.assigneeUserId === who.userId);
  if (!step) throw new Error(`demo: no active step for ${name}`);
  await decide(at(ctx, who, when), step.id, { decision, signatureName: name, ...(reason ? { reason } : {}) });
}

/**
 * FY 2567's report as it happened in the seed, with its copy errors caught this time: version 1
 * (other organizations' names in the text, measures 4 and 5 with the same title) is returned by
 * the head of office; version 2, fixed, goes through the three executives (เพื่อโปรดทราบ / ทราบ /
 * ทราบ, 22–24 October 2567) and is published on the 25th.
 */
export async function seedDemoReports(demo: DemoContext) {
  const { ctx } = demo;
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  if (!people) return;
  const plan = await getPlanByYear(ctx, FISCAL_YEAR);
  if (!plan) {
    demo.log('reports: no FY 2567 plan, skipped');
    return;
  }
  const staffId = (u: string) => {
    const p = people.get(u);
    if (!p) throw new Error(`demo: no ${u}`);
    return p.staffId;
  };
  const [ita, head, deputy, mayor] = await Promise.all(['ita', 'head', 'deputy', 'mayor'].map((u) => actorOf(ctx, staffId(u))));
  if (!ita || !head || !deputy || !mayor) return;

  // The organization's emblem for its documents: the development Garuda, when it is beside the repository.
  const org = await getOrganization(ctx);
  const garuda = sharedGaruda();
  if (!org.logoFileId && garuda) await setLogo(ctx, { bytes: garuda.bytes, name: 'garuda.svg' });

  // Version 1, 21 October 2567: last year's text pasted in, measure 5 titled like measure 4.
  const d1 = bangkokDate(2024, 10, 21, 9, 10);
  const v1 = await startVersion(at(ctx, ita, d1), plan.id);
  const correct = await defaultMemo(at(ctx, ita, d1), FISCAL_YEAR);
  await updateMemo(at(ctx, ita, d1), v1.id, memoForm(withSeedErrors(correct, org.names.full, org.name), v1.rev));
  const list = await listMeasures(ctx, plan.id);
  const m4 = list.find((m) => m.number === 4);
  const m5 = list.find((m) => m.number === 5);
  const m5Title = m5?.title;
  if (m4 && m5) await updateMeasure(at(ctx, ita, d1), m5.id, m5.version, { title: m4.title });
  await submitReport(at(ctx, ita, bangkokDate(2024, 10, 21, 10, 0)), v1.id);
  await signActive(
    ctx,
    v1.id,
    head,
    head.displayName,
    bangkokDate(2024, 10, 21, 14, 20),
    'return',
    'ชื่อหน่วยงานในข้อความไม่ตรงกับองค์การบริหารส่วนตำบลลูโบะปือซา (บุษบือชา, แม่ตง) ตำแหน่งผู้รับพิมพ์ผิด และมาตรการที่ ๔ กับ ๕ ชื่อซ้ำกัน กรุณาแก้ไขแล้วเสนอใหม่',
  );

  // Version 2, 22 October: the measure's own title back, the memo in the organization's own words.
  const d2 = bangkokDate(2024, 10, 22, 8, 45);
  if (m5 && m5Title) {
    const fresh = await getMeasure(ctx, m5.id);
    await updateMeasure(at(ctx, ita, d2), m5.id, fresh.version, { title: m5Title });
  }
  const v2 = await startVersion(at(ctx, ita, d2), plan.id);
  await updateMemo(at(ctx, ita, d2), v2.id, memoForm({ ...correct, authorStaffId: memoOf(v2).authorStaffId }, v2.rev));
  await submitReport(at(ctx, ita, bangkokDate(2024, 10, 22, 9, 0)), v2.id);
  await signActive(ctx, v2.id, head, head.displayName, bangkokDate(2024, 10, 22, 14, 5), 'forward');
  await signActive(ctx, v2.id, deputy, deputy.displayName, bangkokDate(2024, 10, 23, 9, 30), 'acknowledge');
  await signActive(ctx, v2.id, mayor, mayor.displayName, bangkokDate(2024, 10, 24, 15, 45), 'acknowledge');
  await publishReport(at(ctx, ita, bangkokDate(2024, 10, 25, 10, 0)), v2.id, {});
  const published = await getReport(at(ctx, ita, bangkokDate(2024, 10, 25, 10, 0)), v2.id);
  demo.shared.set('reports.published', published.id);
  demo.log(`reports: FY ${FISCAL_YEAR} report v1 returned, v2 signed by three executives and published`);
}
