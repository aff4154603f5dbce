import { expect, test } from './support/fixtures.js';
import { counterAction, look, newPage, PHONE, setUpQueue, takeNumberAtKiosk } from './support/queue.js';

// The satisfaction survey (issue 5), through the screens in Thai: a citizen takes a number, is
// served, and scans the ticket's QR on a phone; the status page offers the survey; a question
// left out is named and nothing filled is lost; the answer is sent once (the ticket's link is
// single-use); the month's report counts the response at the ticket's service.

test('a citizen scans the ticket QR, rates the service, and the month report shows the response', async ({ browser, adminPage: admin }) => {
  test.setTimeout(120_000);
  const s = await setUpQueue(admin, 'SV', 75);
  const { statusUrl, kiosk } = await takeNumberAtKiosk(browser, s, null);
  await kiosk.close();
  await counterAction(admin, s, 'เรียกคิวถัดไป', 'เรียกคิวแล้ว');
  await counterAction(admin, s, 'เริ่มให้บริการ', 'เริ่มให้บริการแล้ว');
  await counterAction(admin, s, 'ให้บริการเสร็จ', 'บันทึกว่าให้บริการเสร็จแล้ว');

  // The phone: the ticket's page after service leads to the survey.
  const phone = await newPage(browser, PHONE);
  await phone.page.goto(statusUrl);
  await phone.page.getByRole('link', { name: 'ให้คะแนนความพึงพอใจต่อบริการ' }).click();
  await expect(phone.page).toHaveURL(/\/survey\/t\//);
  const surveyLink = phone.page.url();
  await look(phone.page, 'survey from a ticket on a phone');

  // Every rating question is a group of five radio buttons; the citizen answers all but the last.
  const questions = phone.page.locator('fieldset:has(input[type="radio"][value="5"])');
  const count = await questions.count();
  expect(count).toBeGreaterThanOrEqual(10);
  for (let i = 0; i < count - 1; i++) await questions.nth(i).locator('input[type="radio"][value="5"]').check({ force: true });
  await questions.nth(0).locator('input[type="radio"][value="4"]').check({ force: true });
  await phone.page.getByLabel('ข้อเสนอแนะ').fill('ที่จอดรถไม่พอในช่วงเช้า');
  await phone.page.getByRole('button', { name: 'ส่งแบบประเมิน' }).click();

  // The form comes back naming the question left out, with everything else kept.
  await expect(phone.page.getByRole('alert')).toContainText(`ข้อ ${count}`);
  await expect(questions.nth(0).locator('input[type="radio"][value="4"]')).toBeChecked();
  await expect(questions.nth(1).locator('input[type="radio"][value="5"]')).toBeChecked();
  await expect(phone.page.getByLabel('ข้อเสนอแนะ')).toHaveValue('ที่จอดรถไม่พอในช่วงเช้า');
  await look(phone.page, 'survey with a question left out');
  await questions
    .nth(count - 1)
    .locator('input[type="radio"][value="3"]')
    .check({ force: true });
  await phone.page.getByRole('button', { name: 'ส่งแบบประเมิน' }).click();
  await expect(phone.page.getByRole('heading', { level: 1 })).toContainText('ขอบคุณ');

  // The ticket's link answers once: opening it again says so kindly.
  await phone.page.goto(surveyLink);
  await expect(phone.page.locator('main')).toContainText('ตอบแบบประเมินของบัตรคิวนี้แล้ว');
  await look(phone.page, 'survey of a ticket already answered');
  await phone.context.close();

  // The month's report counts one response at the ticket's service, with its suggestion.
  await admin.goto('/staff/surveys');
  await expect(admin.getByRole('heading', { level: 1 })).toContainText('ผลการประเมินความพึงพอใจ');
  const row = admin.getByRole('row', { name: new RegExp(s.service) }).first();
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(0)).toHaveText('1');
  await look(admin, 'satisfaction report of the month');
  await admin.goto('/staff/surveys/suggestions');
  await expect(admin.locator('main')).toContainText('ที่จอดรถไม่พอในช่วงเช้า');
});
