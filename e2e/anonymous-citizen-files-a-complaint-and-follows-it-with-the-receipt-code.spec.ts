import type { Browser, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { look } from './support/queue.js';
import { unique } from './support/run.js';
import { addPerson, signInFirstTime } from './support/staff.js';

// The complaint channel (issue 8), on GlobaLeaks' principles: a citizen reports without an
// account and without a name, keeps the receipt code shown once, and later follows the case
// with it — the officer's status and reason are there, the officer's internal note is not.
// A second reporter gives a name; the assigned officer reveals it with a reason, and the audit
// log shows who revealed it and why.

/** The form's anti-spam token refuses a submission made within 3 s of the page being served. */
const HUMAN_PAUSE_MS = 3_200;

async function fileComplaint(
  page: Page,
  complaint: { category: string; subject: string; description: string; name?: string; phone?: string },
): Promise<string> {
  await page.goto('/complaints');
  await page.getByLabel('ประเภทเรื่อง').selectOption({ label: complaint.category });
  await page.getByLabel('เรื่อง', { exact: true }).fill(complaint.subject);
  await page.getByLabel('รายละเอียด', { exact: true }).fill(complaint.description);
  if (complaint.name) {
    await page.getByLabel('ให้ข้อมูลติดต่อ').check();
    await page.getByRole('textbox', { name: /^ชื่อ-นามสกุล/ }).fill(complaint.name);
    if (complaint.phone) await page.getByRole('textbox', { name: /^หมายเลขโทรศัพท์/ }).fill(complaint.phone);
    await page.getByLabel('ยินยอมให้เจ้าหน้าที่ติดต่อกลับเพื่อสอบถามข้อเท็จจริง').check();
  }
  await page.waitForTimeout(HUMAN_PAUSE_MS);
  await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
  await expect(page).toHaveURL(/\/complaints\/receipt$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ได้รับเรื่องร้องเรียนของท่านแล้ว');
  const code = (await page.locator('#receipt-code').getAttribute('data-receipt-code')) ?? '';
  expect(code).toMatch(/^\d{16}$/);
  return code;
}

async function officer(admin: Page, browser: Browser, n: string): Promise<{ page: Page; displayName: string }> {
  const username = `e2e.legal.${n}`;
  const person = await addPerson(admin, {
    titlePrefix: 'นาย',
    firstName: 'อิสมาแอ',
    lastName: `เจ๊ะมะ ${n}`,
    username,
    roles: ['complaint_officer', 'staff'],
  });
  const page = await (await browser.newContext()).newPage();
  await signInFirstTime(page, username, person.generatedPassword ?? '', `ร้องเรียน-${n}-2569`);
  return { page, displayName: person.displayName };
}

async function openCase(page: Page, subject: string) {
  await page.goto('/staff/complaints');
  await page.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('เรื่องร้องเรียนเลขที่');
  await expect(page.locator('main')).toContainText(subject);
}

test('an anonymous citizen files a complaint and later follows it with the receipt code', async ({ adminPage: admin, browser }) => {
  test.setTimeout(180_000);
  const n = unique();
  const subject = `เรียกเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง ${n}`;
  const citizen = await (await browser.newContext()).newPage();
  // Sent empty: every missing field named, nothing stored.
  await citizen.goto('/complaints');
  await citizen.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
  await expect(citizen.getByRole('alert').first()).toContainText('รายละเอียด');
  await expectNoAxeViolations(citizen, 'the complaint form with its mistakes');
  const code = await fileComplaint(citizen, {
    category: 'การเรียกรับเงินหรือผลประโยชน์',
    subject,
    description: 'เจ้าหน้าที่ขอเงิน 3,000 บาทเพื่อให้ใบอนุญาตก่อสร้างบ้านออกเร็วขึ้น เมื่อต้นเดือนที่ผ่านมา ที่ห้องกองช่าง',
  });
  await look(citizen, 'the receipt code, shown once');
  await expectNoAxeViolations(citizen, 'the receipt page');
  // Shown once: the same page again has no code.
  await citizen.reload();
  await expect(citizen.locator('main')).toContainText('หน้านี้แสดงรหัสรับเรื่องแล้ว');
  await expect(citizen.locator('#receipt-code')).toHaveCount(0);

  // An officer acknowledges it with a reason the reporter reads, and writes an internal note.
  const legal = await officer(admin, browser, n);
  for (const path of ['/staff/complaints', '/staff/complaints/new', '/staff/complaints/routing']) {
    await legal.page.goto(path);
    await expectNoAxeViolations(legal.page, `${path} as a complaint officer`);
  }
  await openCase(legal.page, subject);
  await expectNoAxeViolations(legal.page, 'a complaint as its officer sees it');
  const statusForm = legal.page.getByRole('form', { name: 'เปลี่ยนสถานะ' });
  await statusForm.getByLabel('ตอบรับเรื่องแล้ว', { exact: true }).check();
  await statusForm.getByRole('textbox', { name: /^เหตุผล/ }).fill('รับเรื่องไว้แล้ว อยู่ระหว่างรวบรวมข้อเท็จจริงจากกองช่าง');
  await statusForm.getByRole('button', { name: 'บันทึกสถานะ' }).click();
  await expect(legal.page.getByRole('status').filter({ hasText: 'บันทึกสถานะแล้ว' })).toBeVisible();
  const note = `ตรวจสอบสมุดคุมใบอนุญาตเดือนนี้ ${n}`;
  await legal.page.getByLabel('บันทึก', { exact: true }).fill(note);
  await legal.page.getByRole('button', { name: 'เพิ่มบันทึกภายใน' }).click();
  await expect(legal.page.locator('main')).toContainText(note);

  // The citizen comes back with the code, typed with spaces as it was printed.
  const later = await (await browser.newContext()).newPage();
  await later.goto('/complaints/track');
  await later.getByLabel('รหัสรับเรื่อง').fill(code.replace(/(\d{4})(?=\d)/g, '$1 '));
  await later.getByRole('button', { name: 'ดูสถานะ' }).click();
  await expect(later.getByRole('heading', { name: 'สถานะเรื่องของท่าน' })).toBeVisible();
  await expect(later.locator('main')).toContainText('ตอบรับเรื่องแล้ว');
  await expect(later.locator('main')).toContainText('อยู่ระหว่างรวบรวมข้อเท็จจริงจากกองช่าง');
  await expect(later.locator('main')).not.toContainText(note);
  await expect(later.locator('main')).not.toContainText(legal.displayName);
  await expectNoAxeViolations(later, 'the case followed with its receipt code');

  // A wrong code says nothing about any case.
  await later.goto('/complaints/track');
  await later.getByLabel('รหัสรับเรื่อง').fill('1234 5678 9012 3456');
  await later.getByRole('button', { name: 'ดูสถานะ' }).click();
  await expect(later.locator('main')).toContainText('ไม่พบเรื่องตามรหัสนี้');
});

test('an officer reveals the identity of a named reporter and the audit log shows it', async ({ adminPage: admin, browser }) => {
  test.setTimeout(180_000);
  const n = unique();
  const subject = `เบิกค่าน้ำมันรถส่วนกลางสูงผิดปกติ ${n}`;
  const reporter = await (await browser.newContext()).newPage();
  await fileComplaint(reporter, {
    category: 'การทุจริตต่อหน้าที่',
    subject,
    description: 'ใบเบิกค่าน้ำมันรถส่วนกลางเดือนที่แล้วสูงกว่าทุกเดือนเกือบสองเท่า ทั้งที่รถจอดอยู่ที่ทำการเกือบทั้งเดือน',
    name: `นางสาวนูรีซัน มะแซ ${n}`,
    phone: '089 123 4567',
  });

  const legal = await officer(admin, browser, n);
  await openCase(legal.page, subject);
  await expect(legal.page.locator('main')).not.toContainText(`นูรีซัน มะแซ ${n}`);
  // Only the assigned officer may reveal: the officer takes the case first.
  await legal.page.getByLabel('ผู้รับผิดชอบ', { exact: true }).selectOption({ label: legal.displayName });
  await legal.page.getByRole('button', { name: 'บันทึกผู้รับผิดชอบ' }).click();
  await expect(legal.page.getByRole('status').filter({ hasText: 'บันทึกผู้รับผิดชอบแล้ว' })).toBeVisible();
  const reason = 'ต้องโทรสอบถามเลขทะเบียนรถและเดือนที่เบิก ผู้ร้องยินยอมให้ติดต่อกลับ';
  await legal.page.getByLabel('เหตุผลที่ต้องเปิดดูตัวตน').fill(reason);
  await legal.page.getByRole('button', { name: 'เปิดดูตัวตนผู้ร้องเรียน' }).click();
  await expect(legal.page.locator('main')).toContainText(`นางสาวนูรีซัน มะแซ ${n}`);
  await expect(legal.page.locator('main')).toContainText('089 123 4567');
  await look(legal.page, 'the revealed identity, shown this once');
  await expectNoAxeViolations(legal.page, 'the case with the revealed identity');
  // Shown on that response only.
  await openCase(legal.page, subject);
  await expect(legal.page.locator('main')).not.toContainText(`นูรีซัน มะแซ ${n}`);

  // The administrator cannot open the case, but the audit log shows who revealed it and why.
  const caseUrl = legal.page.url();
  const denied = await admin.goto(caseUrl);
  expect([403, 404]).toContain(denied?.status());
  await admin.goto('/staff/audit?action=complaints.revealIdentity');
  const row = admin.getByRole('row', { name: new RegExp(reason) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`e2e.legal.${n}`);
  await expect(row).not.toContainText('089');
});
