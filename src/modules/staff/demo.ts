import type { Role } from '../../core/auth/roles.js';
import type { DemoContext } from '../../core/module.js';
import { createDivision, createPosition, createStaff, setActing, setCommandChain } from './service.js';

/**
 * The people and positions of the founding memo (../shared/reference/seed-ita-measures-report-2567.txt):
 * the clerk who wrote it, the head of the office, the deputy acting for the vacant permanent
 * secretary, and the mayor — plus the accounts a demo needs for every role.
 */
interface DemoPerson {
  username: string;
  titlePrefix: string;
  firstName: string;
  lastName: string;
  positionKey: string;
  divisionKey: string | null;
  roles: Role[];
  email?: string;
}

export const DEMO_DIVISIONS = [
  { key: 'office', name: 'สำนักปลัด', nameEn: 'Office of the Permanent Secretary' },
  { key: 'finance', name: 'กองคลัง', nameEn: 'Finance Division' },
  { key: 'works', name: 'กองช่าง', nameEn: 'Public Works Division' },
  { key: 'education', name: 'กองการศึกษา ศาสนาและวัฒนธรรม', nameEn: 'Education, Religion and Culture Division' },
] as const;

const POSITIONS = [
  { key: 'mayor', title: 'นายก', titleEn: 'Mayor', appendOrgName: true, division: null, rank: 'mayor' },
  { key: 'secretary', title: 'ปลัด', titleEn: 'Permanent Secretary', appendOrgName: true, division: null, rank: 'permanent_secretary' },
  { key: 'deputy', title: 'รองปลัด', titleEn: 'Deputy Permanent Secretary', appendOrgName: true, division: null, rank: 'deputy_secretary' },
  {
    key: 'head',
    title: 'หัวหน้าสำนักปลัด',
    titleEn: 'Head of the Office of the Permanent Secretary',
    appendOrgName: false,
    division: 'office',
    rank: 'division_head',
  },
  {
    key: 'financeHead',
    title: 'ผู้อำนวยการกองคลัง',
    titleEn: 'Director of the Finance Division',
    appendOrgName: false,
    division: 'finance',
    rank: 'division_head',
  },
  {
    key: 'worksHead',
    title: 'ผู้อำนวยการกองช่าง',
    titleEn: 'Director of the Public Works Division',
    appendOrgName: false,
    division: 'works',
    rank: 'division_head',
  },
  {
    key: 'clerk',
    title: 'เจ้าพนักงานธุรการชำนาญงาน',
    titleEn: 'Senior Administrative Officer',
    appendOrgName: false,
    division: 'office',
    rank: 'staff',
  },
  {
    key: 'computer',
    title: 'นักวิชาการคอมพิวเตอร์ชำนาญการ',
    titleEn: 'Computer Technical Officer',
    appendOrgName: false,
    division: 'office',
    rank: 'staff',
  },
  {
    key: 'admin',
    title: 'เจ้าพนักงานธุรการปฏิบัติงาน',
    titleEn: 'Administrative Officer',
    appendOrgName: false,
    division: 'office',
    rank: 'staff',
  },
  {
    key: 'legal',
    title: 'นิติกรชำนาญการ',
    titleEn: 'Legal Officer',
    appendOrgName: false,
    division: 'office',
    rank: 'staff',
  },
  {
    key: 'educationOfficer',
    title: 'นักวิชาการศึกษาปฏิบัติการ',
    titleEn: 'Education Officer',
    appendOrgName: false,
    division: 'education',
    rank: 'staff',
  },
] as const;

const PEOPLE: DemoPerson[] = [
  {
    username: 'ita',
    titlePrefix: 'นางสาว',
    firstName: 'ฟาตีเมาะ',
    lastName: 'หะเดวา',
    positionKey: 'clerk',
    divisionKey: 'office',
    roles: ['ita_coordinator', 'staff'],
    email: 'fatimoh.h@lubopeusa.example',
  },
  {
    username: 'head',
    titlePrefix: 'นาง',
    firstName: 'วิชุดา',
    lastName: 'กุลเกื้อ',
    positionKey: 'head',
    divisionKey: 'office',
    roles: ['division_head', 'complaint_officer'],
  },
  {
    username: 'deputy',
    titlePrefix: 'นางสาว',
    firstName: 'ฟาตีเมาะ',
    lastName: 'ชะรีแลม',
    positionKey: 'deputy',
    divisionKey: null,
    roles: ['executive'],
  },
  {
    username: 'mayor',
    titlePrefix: 'นาย',
    firstName: 'จิรเดช',
    lastName: 'ชามาละ',
    positionKey: 'mayor',
    divisionKey: null,
    roles: ['executive'],
  },
  {
    username: 'admin',
    titlePrefix: 'นาย',
    firstName: 'อับดุลเลาะ',
    lastName: 'สาและ',
    positionKey: 'computer',
    divisionKey: 'office',
    roles: ['admin', 'staff'],
  },
  {
    username: 'frontdesk',
    titlePrefix: 'นางสาว',
    firstName: 'นูรีซัน',
    lastName: 'ดอเลาะ',
    positionKey: 'admin',
    divisionKey: 'office',
    roles: ['front_desk', 'staff'],
  },
  {
    username: 'finance',
    titlePrefix: 'นาง',
    firstName: 'รอฮานี',
    lastName: 'มะแซ',
    positionKey: 'financeHead',
    divisionKey: 'finance',
    roles: ['division_head', 'staff'],
  },
  {
    username: 'counter1',
    titlePrefix: 'นาย',
    firstName: 'มะรอนิง',
    lastName: 'ยูโซะ',
    positionKey: 'admin',
    divisionKey: 'office',
    roles: ['staff'],
  },
  {
    // Receives the corruption complaints (the complaint officer role): the office's legal officer.
    username: 'legal',
    titlePrefix: 'นาย',
    firstName: 'อิสมาแอ',
    lastName: 'เจ๊ะมะ',
    positionKey: 'legal',
    divisionKey: 'office',
    roles: ['complaint_officer', 'staff'],
  },
];

/** Staff without accounts, so the directory and the structure look like a real office. */
const OTHERS: { titlePrefix: string; firstName: string; lastName: string; positionKey: string; divisionKey: string }[] = [
  { titlePrefix: 'นาย', firstName: 'สุไลมาน', lastName: 'เจ๊ะแว', positionKey: 'worksHead', divisionKey: 'works' },
  { titlePrefix: 'นางสาว', firstName: 'ซาฟีหยะ', lastName: 'บือราเฮง', positionKey: 'educationOfficer', divisionKey: 'education' },
];

export async function seedDemoStaff(demo: DemoContext) {
  const { ctx } = demo;
  const divisionIds = new Map<string, number>();
  let order = 10;
  for (const d of DEMO_DIVISIONS) {
    divisionIds.set(d.key, await createDivision(ctx, { name: d.name, nameEn: d.nameEn, sortOrder: order }));
    order += 10;
  }
  const positionIds = new Map<string, number>();
  order = 10;
  for (const p of POSITIONS) {
    positionIds.set(
      p.key,
      await createPosition(ctx, {
        title: p.title,
        titleEn: p.titleEn,
        appendOrgName: p.appendOrgName,
        divisionId: p.division ? divisionIds.get(p.division) : undefined,
        rank: p.rank,
        sortOrder: order,
      }),
    );
    order += 10;
  }
  const staffIds = new Map<string, { staffId: number; userId: number | null }>();
  for (const p of PEOPLE) {
    const created = await createStaff(ctx, {
      titlePrefix: p.titlePrefix,
      firstName: p.firstName,
      lastName: p.lastName,
      positionId: positionIds.get(p.positionKey),
      divisionId: p.divisionKey ? divisionIds.get(p.divisionKey) : undefined,
      email: p.email,
      account: { username: p.username, roles: p.roles, password: demo.password(p.username) },
    });
    staffIds.set(p.username, created);
  }
  for (const p of OTHERS) {
    await createStaff(ctx, {
      titlePrefix: p.titlePrefix,
      firstName: p.firstName,
      lastName: p.lastName,
      positionId: positionIds.get(p.positionKey),
      divisionId: divisionIds.get(p.divisionKey),
    });
  }
  // The seed memo: the deputy signs "รักษาการแทนปลัด" — the permanent secretary's post is vacant.
  const deputy = staffIds.get('deputy');
  const secretary = positionIds.get('secretary');
  if (deputy && secretary) await setActing(ctx, deputy.staffId, [secretary]);
  const chain = ['head', 'secretary', 'mayor'].map((k) => positionIds.get(k)).filter((x): x is number => x !== undefined);
  await setCommandChain(ctx, chain);
  demo.shared.set('staff.divisions', divisionIds);
  demo.shared.set('staff.positions', positionIds);
  demo.shared.set('staff.people', staffIds);
  demo.log(
    `staff: ${DEMO_DIVISIONS.length} divisions, ${POSITIONS.length} positions, ${PEOPLE.length + OTHERS.length} people, chain of command set`,
  );
}
