/**
 * For `bench/queue.ts`: the organization the queue benchmark works in, written straight through
 * the services (as the demo seed does) before the app server starts: one organization, a
 * front-desk account (issues tickets: the public rate limit does not apply to staff), a counter
 * account, the measured service, a warm-up service (so the warm-up never takes a number of the
 * measured series), three counters, and a measure whose progress log is the reference write.
 */
import { systemActor } from '../src/core/auth/roles.js';
import type { Config } from '../src/core/config.js';
import type { ServiceContext } from '../src/core/context.js';
import { closeServices, createServices } from '../src/core/services.js';
import { fiscalYearOf } from '../src/core/thai/index.js';
import { modules } from '../src/modules/index.js';
import { createMeasure, createPlan } from '../src/modules/measures/service.js';
import { createOrganization } from '../src/modules/organization/service.js';
import { createCounter, createService } from '../src/modules/queue/service.js';
import { createStaff } from '../src/modules/staff/service.js';

export interface BenchAccount {
  username: string;
  password: string;
}

export interface BenchOrg {
  orgId: number;
  /** The service whose numbers are measured and checked (must be 1..N exactly). */
  serviceId: number;
  /** Takes the warm-up tickets. */
  warmupServiceId: number;
  /** Counter ids, by counter number 1, 2, 3 (all serve the measured service). */
  counterIds: number[];
  /** The measure whose progress entries are the reference write. */
  measureId: number;
  frontDesk: BenchAccount;
  counterStaff: BenchAccount;
  coordinator: BenchAccount;
}

const PASSWORD = 'bench-queue-password-2567';

export async function seedBenchOrg(config: Config): Promise<BenchOrg> {
  const app = await createServices(config, modules);
  try {
    const org = await createOrganization(
      app,
      {
        type: 'sao',
        name: 'ลูโบะปือซา',
        province: 'นราธิวาส',
        district: 'ยี่งอ',
        docCode: 'นธ 78101',
        address: 'เลขที่ 99 หมู่ที่ 2 ตำบลลูโบะปือซา อำเภอยี่งอ จังหวัดนราธิวาส 96180',
        phone: '073 530 123',
        email: 'saraban@lubopeusa.example',
      },
      'bench.lubopeusa.example',
    );
    const ctx: ServiceContext = { app, orgId: org.id, actor: systemActor(org.id, 'bench') };
    const person = async (username: string, firstName: string, lastName: string, role: 'front_desk' | 'staff' | 'ita_coordinator') => {
      await createStaff(ctx, {
        titlePrefix: 'นางสาว',
        firstName,
        lastName,
        account: { username, roles: [role], password: PASSWORD },
      });
      return { username, password: PASSWORD };
    };
    const frontDesk = await person('frontdesk', 'ฟาตีเมาะ', 'หะยีสาแม', 'front_desk');
    const counterStaff = await person('counter1', 'นูรีซัน', 'ดอเลาะ', 'staff');
    const coordinator = await person('ita', 'รอฮานี', 'มะแซ', 'ita_coordinator');

    const service = await createService(ctx, {
      name: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ',
      nameEn: 'Elderly and disability allowances',
      prefix: 'A',
      avgServiceMinutes: 8,
      alwaysOpen: true,
      sortOrder: 10,
    });
    const warmup = await createService(ctx, {
      name: 'งานทะเบียนทั่วไป',
      nameEn: 'General registration',
      prefix: 'E',
      avgServiceMinutes: 6,
      alwaysOpen: true,
      sortOrder: 20,
    });
    const counterIds: number[] = [];
    const names = ['สวัสดิการและทะเบียน', 'การคลัง', 'งานช่างและทะเบียน'];
    for (const [i, name] of names.entries()) {
      const c = await createCounter(ctx, { number: i + 1, name, serviceIds: [service.id, warmup.id] });
      counterIds.push(c.id);
    }

    const now = app.now();
    const plan = await createPlan(ctx, { fiscalYear: fiscalYearOf(now), origin: 'blank' });
    const measure = await createMeasure(ctx, plan.id, { title: 'เผยแพร่สถิติการให้บริการประชาชนทุกเดือน' });
    return {
      orgId: org.id,
      serviceId: service.id,
      warmupServiceId: warmup.id,
      counterIds,
      measureId: measure.id,
      frontDesk,
      counterStaff,
      coordinator,
    };
  } finally {
    await closeServices(app);
  }
}
