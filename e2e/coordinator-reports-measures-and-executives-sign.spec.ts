import type { Browser, Page } from '@playwright/test';
import { pdfText, popplerMissing, squash } from '../src/core/documents/pdf-tools.js';
import { toThaiDigits } from '../src/core/thai/index.js';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { unique } from './support/run.js';
import { expectNoSidewaysScroll } from './support/screens.js';
import { addDivision, addPerson, addPosition, signInFirstTime } from './support/staff.js';

// The user story of issue 3, as the people do it through the screens in Thai: the ITA
// coordinator plans the year from the template, records a measure's results with evidence,
// prepares the report memo and submits it; the head of office, the permanent secretary and the
// mayor each read it and sign by typed name; the coordinator publishes it; the public ITA page
// of the year shows it under its OIT item, and the published PDF carries the three comments.
// Everyone works without JavaScript; the executives on a phone. Every page on the way passes
// axe and fits its screen.

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * axe (WCAG 2.1 AA) and no sideways scrolling on the page the person is on. axe needs
 * JavaScript, which the person has switched off: the page is opened again, with the same
 * cookies and window size, in a second window that runs it.
 */
async function look(page: Page, label: string) {
  const context = page.context();
  const checker = await context.browser()!.newContext({ storageState: await context.storageState(), viewport: page.viewportSize() });
  try {
    const p = await checker.newPage();
    await p.goto(page.url());
    await expectNoAxeViolations(p, label);
    await expectNoSidewaysScroll(p, label);
  } finally {
    await checker.close();
  }
}

/** The fiscal year (B.E.) of today in Bangkok: from 1 October. */
function currentFiscalYear(now = new Date()): number {
  const bangkok = new Date(now.getTime() + 7 * 3600_000);
  return bangkok.getUTCFullYear() + 543 + (bangkok.getUTCMonth() >= 9 ? 1 : 0);
}

interface Person {
  username: string;
  password: string;
  displayName: string;
}

async function person(
  browser: Browser,
  admin: Page,
  p: { titlePrefix: 'นาย' | 'นาง' | 'นางสาว'; firstName: string; lastName: string; position: string; division?: string; roles: string[] },
): Promise<Person> {
  const n = unique();
  const username = `e2e.report.${n}`;
  const added = await addPerson(admin, { ...p, username });
  const password = `ลูโบะปือซา-${n}-2567`;
  const context = await browser.newContext();
  try {
    await signInFirstTime(await context.newPage(), username, added.generatedPassword!, password);
  } finally {
    await context.close();
  }
  return { username, password, displayName: added.displayName };
}

/** A page in its own browser context, signed in as `who`. */
async function as(browser: Browser, who: Person, baseURL: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill(who.username);
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  await expect(page).toHaveURL(/\/staff$/);
  return page;
}

/** A small real PDF to attach as evidence. */
const EVIDENCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('the coordinator reports the measures, three executives comment and sign, and the report is published on the ITA page', async ({
  browser,
  adminPage: admin,
}, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = String(testInfo.project.use.baseURL);
  const n = unique();
  const fy = currentFiscalYear();

  // The administrator sets up the office, its people and the chain of command.
  const division = await addDivision(admin, `สำนักปลัด ${n}`);
  const clerk = await addPosition(admin, { title: `เจ้าพนักงานธุรการ ${n}`, division: division.name, rank: 'staff' });
  const headPos = await addPosition(admin, { title: `หัวหน้าสำนักปลัด ${n}`, division: division.name, rank: 'division_head' });
  const secretaryPos = await addPosition(admin, { title: `ปลัด ${n}`, rank: 'permanent_secretary' });
  const mayorPos = await addPosition(admin, { title: `นายก ${n}`, rank: 'mayor' });
  const coordinator = await person(browser, admin, {
    titlePrefix: 'นางสาว',
    firstName: 'ฟาตีเมาะ',
    lastName: `หะเดวา ${n}`,
    position: clerk.title,
    division: division.name,
    roles: ['staff', 'ita_coordinator'],
  });
  const head = await person(browser, admin, {
    titlePrefix: 'นาง',
    firstName: 'วิชุดา',
    lastName: `กุลเกื้อ ${n}`,
    position: headPos.title,
    division: division.name,
    roles: ['division_head'],
  });
  const secretary = await person(browser, admin, {
    titlePrefix: 'นางสาว',
    firstName: 'ฟาตีเมาะ',
    lastName: `ชะรีแลม ${n}`,
    position: secretaryPos.title,
    roles: ['executive'],
  });
  const mayor = await person(browser, admin, {
    titlePrefix: 'นาย',
    firstName: 'จิรเดช',
    lastName: `ชามาละ ${n}`,
    position: mayorPos.title,
    roles: ['executive'],
  });
  await admin.goto('/staff/admin/chain');
  await admin.getByLabel(/^ขั้นที่ 1 /).selectOption({ label: headPos.title });
  await admin.getByLabel(/^ขั้นที่ 2 /).selectOption({ label: secretaryPos.title });
  await admin.getByLabel(/^ขั้นที่ 3 /).selectOption({ label: mayorPos.title });
  await admin.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'บันทึกสายการบังคับบัญชาแล้ว' }).first()).toBeVisible();

  // The coordinator plans the year from the template of ten measures.
  const c = await as(browser, coordinator, baseURL);
  await c.goto('/staff/measures');
  await look(c, 'measures: plans');
  await c.getByLabel('ปีงบประมาณ (พ.ศ.)', { exact: true }).fill(String(fy));
  await c.getByLabel('เริ่มจากแม่แบบ ๑๐ มาตรการ', { exact: true }).check();
  await c.getByRole('button', { name: 'สร้างแผน' }).click();
  await expect(c.getByRole('status')).toBeVisible();
  await expect(c.getByRole('heading', { level: 1 })).toContainText(String(fy));
  await expect(c.getByRole('link', { name: /^มาตรการลงโทษที่รวดเร็ว/ }).first()).toBeVisible();
  await look(c, 'measures: the plan');

  // Measure 1: results, outcome and a PDF as evidence.
  await c
    .getByRole('link', { name: /^มาตรการลงโทษที่รวดเร็ว/ })
    .first()
    .click();
  await c.getByLabel(/^สรุปผลการดำเนินงาน/).fill('จัดทำประกาศมาตรการลงโทษ และบันทึกแจ้งเวียนให้บุคลากรทุกคนทราบ');
  await c.getByLabel(/^ผลลัพธ์หรือความสำเร็จของการดำเนินการ/).fill('บุคลากรทุกคนรับทราบและถือปฏิบัติตามมาตรการ');
  await c.getByRole('button', { name: 'บันทึกผลการดำเนินงาน' }).click();
  await expect(c.getByRole('status').filter({ hasText: 'บันทึกแล้ว' }).first()).toBeVisible();
  await c.getByText('แนบไฟล์', { exact: true }).first().click();
  await c
    .getByLabel(/^ชื่อหลักฐาน/)
    .first()
    .fill('ประกาศมาตรการลงโทษ');
  await c.getByLabel(/^ไฟล์หลักฐาน/).setInputFiles({ name: 'ประกาศ.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
  await c.getByRole('button', { name: 'แนบไฟล์' }).click();
  await expect(c.getByRole('status').filter({ hasText: 'แนบหลักฐานแล้ว' }).first()).toBeVisible();
  await expect(c.getByRole('link', { name: /ประกาศมาตรการลงโทษ/ })).toBeVisible();
  await look(c, 'measures: a measure');

  // The report: the check warns about the measures still without results, then it is submitted.
  await c.goto('/staff/reports');
  await look(c, 'reports: the list');
  await c.getByRole('button', { name: 'เริ่มจัดทำรายงาน' }).first().click();
  await expect(c.getByRole('heading', { level: 1 })).toContainText(String(fy));
  await expect(c.getByText(/^พบ \d+ รายการที่ควรตรวจ/)).toBeVisible();
  await expect(c.getByText('บันทึกข้อความ').first()).toBeVisible();
  await look(c, 'reports: a draft with warnings');
  await c.getByRole('button', { name: 'เสนอผู้บริหาร' }).click();
  await expect(c.getByRole('status').filter({ hasText: 'เสนอรายงานแล้ว' }).first()).toBeVisible();
  const reportUrl = c.url();

  // Each executive in turn finds it waiting, reads it and signs by typed name.
  const steps: [Person, string][] = [
    [head, 'เพื่อโปรดทราบ'],
    [secretary, 'ทราบ'],
    [mayor, 'ทราบ'],
  ];
  for (const [who, decision] of steps) {
    const p = await as(browser, who, baseURL, PHONE);
    await expect(p.getByText(/มีเอกสาร 1 เรื่องรอท่านลงนาม/)).toBeVisible();
    await p.goto('/staff/routing');
    await look(p, `routing: inbox of ${who.username}`);
    const waiting = p.locator('section, article, li, div').filter({ hasText: new RegExp(`รายงานผลการดำเนินการตามมาตรการ.*${fy}`) });
    await waiting.getByRole('link', { name: 'เปิดเอกสาร' }).first().click();
    await expect(p.getByText('บันทึกข้อความ').first()).toBeVisible();
    await look(p, `routing: the document and the form, for ${who.username}`);
    await p.getByLabel(decision, { exact: true }).check();
    await p.getByLabel(/^ลงชื่อ \(พิมพ์ชื่อ-นามสกุลของท่าน\)/).fill(who.displayName);
    await p.getByRole('button', { name: 'ลงนาม', exact: true }).click();
    await expect(p.getByRole('status').filter({ hasText: 'ลงนามเรียบร้อยแล้ว' }).first()).toBeVisible();
    await p.context().close();
  }

  // Signed: the coordinator publishes it.
  await c.goto(reportUrl);
  await expect(c.getByText('ลงนามครบแล้ว').first()).toBeVisible();
  await look(c, 'reports: signed');
  await c.getByRole('button', { name: 'เผยแพร่บนหน้า ITA' }).click();
  await expect(c.getByRole('status').filter({ hasText: 'เผยแพร่แล้ว' }).first()).toBeVisible();

  // The public ITA page of the year shows it, for anyone, without signing in.
  const visitor = await (await browser.newContext({ baseURL, viewport: PHONE, javaScriptEnabled: false })).newPage();
  await visitor.goto('/ita');
  await look(visitor, 'public: ITA years');
  await visitor.goto(`/ita/${fy}`);
  await look(visitor, 'public: the ITA year');
  const link = visitor.getByRole('link', { name: new RegExp(`รายงานผลการดำเนินการตามมาตรการ.*${fy}`) });
  await expect(link.first()).toBeVisible();
  await link.first().click();
  await expect(visitor.getByText(/SHA-256/).first()).toBeVisible();
  await look(visitor, 'public: the publication');
  const fileHref = await visitor
    .getByRole('link', { name: /ดาวน์โหลด/ })
    .first()
    .getAttribute('href');
  const response = await visitor.request.get(String(fileHref));
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  const pdf = new Uint8Array(await response.body());
  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  if (!popplerMissing()) {
    const text = squash(pdfText(pdf));
    for (const who of [coordinator, head, secretary, mayor]) expect(text).toContain(squash(toThaiDigits(who.displayName)));
    expect(text).toContain(squash('เพื่อโปรดทราบ'));
    expect(text).toContain(squash('จัดทำประกาศมาตรการลงโทษ'));
  }
  await visitor.context().close();
  await c.goto('/staff/publications');
  await look(c, 'publications: the log');
  await c.context().close();
});
