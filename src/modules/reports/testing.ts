/** Test fixtures of the reports module: an organization with the seed's chain of command and a FY 2567 plan. */
import type { Actor, Role } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { sharedGaruda } from '../../core/documents/sample-memo.js';
import { createTestOrg, type TestEnv, type TestOrg, unique } from '../../testing/harness.js';
import { createPlan, listMeasures, updateMeasure } from '../measures/service.js';
import { MEASURE_TEMPLATES } from '../measures/templates.js';
import { setLogo } from '../organization/service.js';
import { createDivision, createPosition, createStaff, setActing, setCommandChain } from '../staff/service.js';

export interface Person {
  actor: Actor;
  ctx: ServiceContext;
  name: string;
  username: string;
  password: string;
  staffId: number;
}

export interface ReportFixture {
  org: TestOrg;
  ita: Person;
  head: Person;
  deputy: Person;
  mayor: Person;
  clerk: Person;
  planId: number;
}

export async function reportFixture(env: TestEnv, opts: { withResults?: boolean } = {}): Promise<ReportFixture> {
  const org = await createTestOrg(env);
  const ctx = org.ctx;
  const office = await createDivision(ctx, { name: 'สำนักปลัด', sortOrder: 10 });
  const pos = async (title: string, rank: string, appendOrgName = false, divisionId?: number) =>
    createPosition(ctx, { title, appendOrgName, rank: rank as 'staff', divisionId, sortOrder: 0 });
  const mayorPos = await pos('นายก', 'mayor', true);
  const secretaryPos = await pos('ปลัด', 'permanent_secretary', true);
  const deputyPos = await pos('รองปลัด', 'deputy_secretary', true);
  const headPos = await pos('หัวหน้าสำนักปลัด', 'division_head', false, office);
  const clerkPos = await pos('เจ้าพนักงานธุรการชำนาญงาน', 'staff', false, office);
  const person = async (
    titlePrefix: string,
    firstName: string,
    lastName: string,
    positionId: number,
    divisionId: number | undefined,
    roles: Role[],
  ): Promise<Person> => {
    const username = unique('r');
    const password = `pw-${unique('secret')}-long`;
    const created = await createStaff(ctx, {
      titlePrefix,
      firstName,
      lastName,
      positionId,
      divisionId,
      account: { username, roles, password },
    });
    if (!created.userId) throw new Error('no account');
    const name = `${titlePrefix}${firstName} ${lastName}`;
    const actor: Actor = { orgId: org.org.id, userId: created.userId, username, displayName: name, roles, mustChangePassword: false };
    return { actor, ctx: { app: env.services, orgId: org.org.id, actor }, name, username, password, staffId: created.staffId };
  };
  const ita = await person('นางสาว', 'ฟาตีเมาะ', 'หะเดวา', clerkPos, office, ['ita_coordinator', 'staff']);
  const head = await person('นาง', 'วิชุดา', 'กุลเกื้อ', headPos, office, ['division_head']);
  const deputy = await person('นางสาว', 'ฟาตีเมาะ', 'ชะรีแลม', deputyPos, undefined, ['executive']);
  const mayor = await person('นาย', 'จิรเดช', 'ชามาละ', mayorPos, undefined, ['executive']);
  const clerk = await person('นาย', 'มะรอนิง', 'ยูโซะ', clerkPos, office, ['staff']);
  await setActing(ctx, deputy.staffId, [secretaryPos]);
  await setCommandChain(ctx, [headPos, secretaryPos, mayorPos]);
  const garuda = sharedGaruda();
  if (garuda) await setLogo(ctx, { bytes: garuda.bytes, name: 'garuda.svg' });
  const plan = await createPlan(ita.ctx, { fiscalYear: 2567, origin: 'template' });
  if (opts.withResults !== false) {
    for (const m of await listMeasures(ita.ctx, plan.id)) {
      const t = MEASURE_TEMPLATES.find((x) => x.number === m.number);
      if (t) await updateMeasure(ita.ctx, m.id, m.version, { resultsSummary: t.example.results, outcome: t.example.outcome });
    }
  }
  return { org, ita, head, deputy, mayor, clerk, planId: plan.id };
}
