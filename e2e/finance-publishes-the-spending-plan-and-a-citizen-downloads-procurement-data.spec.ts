import ExcelJS from 'exceljs';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { look } from './support/queue.js';
import { unique } from './support/run.js';
import { addDivision, addPerson, addPosition, signInFirstTime } from './support/staff.js';

// Measure 9 and the OIT budget and procurement items (issue 7): the head of the finance division
// imports the spending plan of FY 2569 from Excel (a first file with a wrong cell is refused,
// naming its row and column, and nothing is imported), records six months of disbursements,
// publishes the plan and the 6-month report; a citizen then reads the plan's progress on the
// public site, and downloads the procurement data as CSV after finance imported the year's
// procurements from the template.

const FY = 2569;
const HEADERS = ['ด้าน', 'แผนงาน', 'งาน', 'งบ', 'รายการ/โครงการ', 'งบประมาณตามข้อบัญญัติ', 'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3', 'ไตรมาส 4'];

async function planXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('แผนการใช้จ่าย');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('finance imports the plan, records disbursements and publishes the 6-month report; a citizen reads it and downloads procurement data as CSV', async ({
  adminPage: admin,
  browser,
}) => {
  test.setTimeout(240_000);
  const n = unique();
  const salary = `เงินเดือนพนักงานส่วนตำบล ${n}`;
  const supplies = `ค่าวัสดุสำนักงาน ${n}`;
  const road = `โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 ${n}`;

  // The head of the finance division, with an account.
  const division = await addDivision(admin, `กองคลัง ${n}`);
  const position = await addPosition(admin, { title: `ผู้อำนวยการกองคลัง ${n}`, division: division.name, rank: 'division_head' });
  const username = `e2e.finance.${n}`;
  const person = await addPerson(admin, {
    titlePrefix: 'นาง',
    firstName: 'รอฮานี',
    lastName: `มะแซ ${n}`,
    position: position.title,
    division: division.name,
    username,
    roles: ['division_head'],
  });
  const context = await browser.newContext();
  const finance = await context.newPage();
  await signInFirstTime(finance, username, person.generatedPassword ?? '', `กองคลังบาเจาะ-${n}-2569`);

  // A first file with text in a number cell: refused, row and column named, nothing imported.
  await finance.goto(`/staff/budget/import?fy=${FY}`);
  await expectNoAxeViolations(finance, 'the plan import form');
  const good: (string | number)[][] = [
    ['ด้านบริหารทั่วไป', 'แผนงานบริหารงานทั่วไป', 'งานบริหารทั่วไป', 'งบบุคลากร', salary, 2_400_000, 600_000, 600_000, 600_000, 600_000],
    ['ด้านบริหารทั่วไป', 'แผนงานบริหารงานทั่วไป', 'งานบริหารทั่วไป', 'งบดำเนินงาน', supplies, 120_000, 30_000, 30_000, 30_000, 30_000],
    ['ด้านบริการชุมชนและสังคม', 'แผนงานเคหะและชุมชน', 'งานไฟฟ้าและประปา', 'งบลงทุน', road, 1_250_000, 0, 1_250_000, 0, 0],
  ];
  const bad = good.map((r) => [...r]);
  (bad[1] as (string | number)[])[5] = 'หนึ่งแสนสองหมื่น';
  await finance.locator('[name="file"]').setInputFiles({
    name: 'แผนการใช้จ่าย.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await planXlsx(bad),
  });
  await finance.getByRole('button', { name: 'ตรวจและนำเข้า' }).click();
  await expect(finance.getByRole('alert')).toContainText('ยังไม่ได้นำเข้า');
  const problem = finance.getByRole('row', { name: /หนึ่งแสนสองหมื่น/ });
  await expect(problem).toContainText('3');
  await expect(problem).toContainText('งบประมาณตามข้อบัญญัติ');
  await look(finance, 'the plan import refused, row and column named');
  await expectNoAxeViolations(finance, 'the plan import with its problems');
  await finance.goto(`/staff/budget?fy=${FY}`);
  await expect(finance.locator('main')).not.toContainText(salary);

  // The corrected file: imported.
  await finance.goto(`/staff/budget/import?fy=${FY}`);
  await finance.locator('[name="file"]').setInputFiles({
    name: 'แผนการใช้จ่าย.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await planXlsx(good),
  });
  await finance.getByRole('button', { name: 'ตรวจและนำเข้า' }).click();
  await expect(finance.getByRole('status').filter({ hasText: 'นำเข้าแผนการใช้จ่ายงบประมาณแล้ว' })).toBeVisible();
  await expect(finance.locator('main')).toContainText(salary);
  await expect(finance.locator('main')).toContainText('3,770,000.00');

  // Six months of disbursements (October 2568 – March 2569): salaries every month, supplies
  // twice, the road project paid in February.
  for (let month = 1; month <= 6; month++) {
    await finance.goto(`/staff/budget/disburse?fy=${FY}&month=${month}`);
    await finance.getByRole('textbox', { name: new RegExp(salary) }).fill('200,000');
    if (month === 2 || month === 5) await finance.getByRole('textbox', { name: new RegExp(supplies) }).fill('28,500.50');
    if (month === 5) await finance.getByRole('textbox', { name: new RegExp(road) }).fill('1,180,000');
    await finance.getByRole('button', { name: 'บันทึกการเบิกจ่าย' }).click();
    await expect(finance.getByRole('status').filter({ hasText: 'บันทึกการเบิกจ่ายแล้ว' })).toBeVisible();
  }
  // 6 × 200,000 + 2 × 28,500.50 + 1,180,000 = 2,437,001.00
  await finance.goto(`/staff/budget?fy=${FY}`);
  await expect(finance.locator('main')).toContainText('2,437,001.00');

  // More than the line's budget: refused with the figures, nothing recorded.
  await finance.goto(`/staff/budget/disburse?fy=${FY}&month=7`);
  await finance.getByRole('textbox', { name: new RegExp(supplies) }).fill('90,000');
  await finance.getByRole('button', { name: 'บันทึกการเบิกจ่าย' }).click();
  await expect(finance.locator('main')).toContainText('เกินงบประมาณ');
  await finance.goto(`/staff/budget?fy=${FY}`);
  await expect(finance.locator('main')).toContainText('2,437,001.00');

  // The plan and the 6-month report, published.
  await finance.goto(`/staff/budget/reports?fy=${FY}`);
  await expectNoAxeViolations(finance, 'the budget reports');
  await finance.locator('#form-plan').getByRole('button', { name: 'เผยแพร่' }).click();
  await expect(finance.getByRole('status').filter({ hasText: 'เผยแพร่รายงานแล้ว' })).toBeVisible();
  await finance
    .locator('#form-half-year [name="narrative"]')
    .fill('การเบิกจ่ายโครงการก่อสร้างถนนล่าช้ากว่าแผนหนึ่งเดือน เนื่องจากฝนตกต่อเนื่องในเดือนมกราคม\nเร่งรัดการตรวจรับงานและเบิกจ่ายในไตรมาสที่ 3');
  await finance.locator('#form-half-year').getByRole('button', { name: 'เผยแพร่' }).click();
  await expect(finance.getByRole('status').filter({ hasText: 'เผยแพร่รายงานแล้ว' })).toBeVisible();
  await look(finance, 'the plan and the 6-month report published');

  // The year's procurements, imported from the template as it is downloaded.
  const template = await finance.request.get(`/staff/procurement/import/template.csv?fy=${FY}`);
  expect(template.status()).toBe(200);
  const csvTemplate = await template.body();
  await finance.goto(`/staff/procurement/import?fy=${FY}`);
  await finance.locator('[name="file"]').setInputFiles({ name: 'จัดซื้อจัดจ้าง.csv', mimeType: 'text/csv', buffer: csvTemplate });
  await finance.getByRole('button', { name: 'ตรวจและนำเข้า' }).click();
  await expect(finance.locator('main')).toContainText('นำเข้าแล้ว 2 รายการ');
  await context.close();

  // A citizen: the plan's progress and the published report, then the procurement data.
  const citizenContext = await browser.newContext();
  const citizen = await citizenContext.newPage();
  await citizen.goto(`/budget/${FY}`);
  await expect(citizen.getByRole('heading', { level: 1 })).toContainText(String(FY));
  await expect(citizen.locator('main')).toContainText('3,770,000.00');
  await expect(citizen.locator('main')).toContainText('2,437,001.00');
  await expect(citizen.locator('main')).toContainText('รอบ 6 เดือน');
  await look(citizen, 'the public spending plan with its progress');
  await expectNoAxeViolations(citizen, 'the public spending plan');

  await citizen.goto(`/procurement?fy=${FY}`);
  await expect(citizen.locator('main')).toContainText('ก่อสร้างถนนคอนกรีตเสริมเหล็ก');
  await expectNoAxeViolations(citizen, 'the public procurement list');
  const download = citizen.waitForEvent('download');
  await citizen.getByRole('link', { name: 'ดาวน์โหลดข้อมูลตามเงื่อนไขนี้ (CSV)' }).click();
  const file = await download;
  const text = (await import('node:fs')).readFileSync((await file.path()) ?? '', 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('ก่อสร้างถนนคอนกรีตเสริมเหล็ก');
  expect(text).toContain('หจก.นราธิวาสการโยธา');
  await citizenContext.close();
});
