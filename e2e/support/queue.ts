import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.js';
import { expect } from './fixtures.js';
import { unique } from './run.js';
import { expectNoSidewaysScroll } from './screens.js';

// The queue through its screens, for the stories that need a service, a counter and a ticket.

export const KIOSK = { width: 1080, height: 1920 };
export const PHONE = { width: 360, height: 740 };

export async function newPage(browser: Browser, viewport: { width: number; height: number }, init?: () => void) {
  const context = await browser.newContext({ viewport, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  if (init) await context.addInitScript(init);
  return { context, page: await context.newPage() };
}

export async function look(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
  await expectNoSidewaysScroll(page, label);
}

export interface Setup {
  service: string;
  prefix: string;
  counterNumber: number;
  counterId: string;
}

/** The administrator sets the queue up through the setup pages. */
export async function setUpQueue(admin: Page, prefix: string, counterNumber: number): Promise<Setup> {
  const service = `จดทะเบียนพาณิชย์ ${unique()}`;
  await admin.goto('/staff/admin/queue');
  await admin.getByLabel('ชื่องานบริการ', { exact: true }).fill(service);
  await admin.getByLabel('อักษรนำหน้า', { exact: true }).fill(prefix);
  await admin.getByLabel('เวลาให้บริการเฉลี่ย (นาที)').fill('12');
  await admin.getByLabel(/เปิดตลอด 24 ชั่วโมงทุกวัน/).check();
  await admin.getByRole('button', { name: 'เพิ่มงานบริการ' }).click();
  await expect(admin.getByRole('status')).toContainText('บันทึกงานบริการแล้ว');

  await admin.goto('/staff/admin/queue/counters');
  await admin.getByLabel('หมายเลขช่องบริการ').fill(String(counterNumber));
  await admin.getByLabel('ชื่อช่องบริการ').fill('ทะเบียนพาณิชย์');
  await admin.getByRole('checkbox', { name: new RegExp(service) }).check();
  await admin.getByRole('button', { name: 'เพิ่มช่องบริการ' }).click();
  await expect(admin.getByRole('status')).toContainText('บันทึกช่องบริการแล้ว');

  await admin.goto('/staff/queue');
  const counterId = await admin
    .getByLabel('ช่องบริการของท่าน')
    .locator('option', { hasText: `ช่องบริการ ${counterNumber} ` })
    .getAttribute('value');
  expect(counterId).toBeTruthy();
  return { service, prefix, counterNumber, counterId: String(counterId) };
}

export async function counterAction(admin: Page, s: Setup, button: string | RegExp, notice: string) {
  await admin.goto(`/staff/queue?counter=${s.counterId}`);
  await admin.getByRole('button', { name: button }).first().click();
  await expect(admin.getByRole('status')).toContainText(notice);
}

export async function takeNumberAtKiosk(
  browser: Browser,
  s: Setup,
  group: string | null,
): Promise<{ label: string; statusUrl: string; kiosk: BrowserContext }> {
  const { context, page } = await newPage(browser, KIOSK);
  await page.goto('/queue/kiosk');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ท่านต้องการติดต่องานอะไร');
  // A link to the group question when there are priority groups, else the button that issues.
  await page.locator('.kiosk-service', { hasText: s.service }).click();
  if (group) await page.getByRole('button', { name: group }).click();
  else if (await page.getByRole('button', { name: /ทั่วไป/ }).count()) await page.getByRole('button', { name: /ทั่วไป/ }).click();
  const label = (await page.locator('.ticket__number').first().textContent())?.trim() ?? '';
  expect(label).toMatch(new RegExp(`^${s.prefix}\\d{3}$`));
  // The QR on the ticket leads to the status page of the ticket's token.
  const token = /\/queue\/ticket\/([^/]+)\/print/.exec(page.url())?.[1];
  expect(token).toBeTruthy();
  return { label, statusUrl: `/queue/t/${token}`, kiosk: context };
}
