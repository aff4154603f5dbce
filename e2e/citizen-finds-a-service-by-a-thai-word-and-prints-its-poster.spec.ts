import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { look } from './support/queue.js';
import { unique } from './support/run.js';

// The service catalog (issue 6): a division writes a service in the citizen-manual format and
// publishes it; a citizen who does not know its official name types one Thai word into the
// site's search, finds it, reads the steps and prints the poster for the office wall.

test('a citizen finds a service by a Thai word and prints its poster', async ({ adminPage: admin, browser }) => {
  test.setTimeout(120_000);
  // Thai words the search must find inside a run of Thai text with no spaces.
  const title = `ขออนุญาตติดตั้งป้ายโฆษณาชั่วคราว ${unique()}`;

  await admin.goto('/staff/services/new');
  await admin.getByLabel('ชื่อกระบวนงาน', { exact: true }).fill(title);
  await admin.getByLabel('หมวดหมู่ของงานบริการ', { exact: true }).selectOption({ index: 1 });
  await admin.locator('[name="summary"]').fill('ยื่นคำขอติดตั้งป้ายโฆษณาในที่สาธารณะไม่เกิน ๓๐ วัน');
  await admin.locator('[name="steps.0.detail"]').fill('เจ้าหน้าที่ตรวจสอบคำขอและเอกสาร');
  await admin.locator('[name="steps.0.duration"]').fill('15');
  await admin.locator('[name="steps.0.unit"]').selectOption('minutes');
  await admin.locator('[name="steps.1.detail"]').fill('นายก อบต. พิจารณาลงนามอนุญาต');
  await admin.locator('[name="steps.1.duration"]').fill('1');
  await admin.locator('[name="steps.1.unit"]').selectOption('days');
  await admin.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(title);
  await admin.getByRole('button', { name: 'เผยแพร่', exact: true }).click();
  await expect(admin.getByRole('status')).toBeVisible();

  // The citizen: not signed in, on a phone.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const citizen = await context.newPage();
  await citizen.goto('/');
  await citizen.getByRole('searchbox', { name: 'ค้นหาในเว็บไซต์' }).fill('ป้ายโฆษณา');
  await citizen.getByRole('searchbox', { name: 'ค้นหาในเว็บไซต์' }).press('Enter');
  await expect(citizen).toHaveURL(/\/search\?q=/);
  await look(citizen, 'search results for a Thai word');
  await expectNoAxeViolations(citizen, 'search results');
  await citizen.getByRole('link', { name: title }).first().click();

  await expect(citizen.getByRole('heading', { level: 1 })).toContainText(title);
  // The steps as a list a screen reader reads, and the total time of the law's manual.
  await expect(citizen.locator('main')).toContainText('เจ้าหน้าที่ตรวจสอบคำขอและเอกสาร');
  await expect(citizen.locator('main')).toContainText('ระยะเวลาดำเนินการรวม');
  await expect(citizen.locator('main')).toContainText('ไม่มีค่าธรรมเนียม');
  await look(citizen, 'a service guide on a phone');
  await expectNoAxeViolations(citizen, 'a service guide');

  const poster = citizen.getByRole('link', { name: /โปสเตอร์ A4/ });
  const href = (await poster.getAttribute('href')) ?? '';
  const res = await citizen.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/pdf');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await context.close();
});
