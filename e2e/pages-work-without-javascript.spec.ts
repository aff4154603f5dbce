import { expect, test } from '@playwright/test';
import { loadAdmin, unique } from './support/run.js';
import { addDivision, signIn, signOut } from './support/staff.js';

// Progressive enhancement: every page works as plain HTML forms (style.md, GOV.UK's rule).
test.use({ javaScriptEnabled: false });

test('with JavaScript off, a staff member signs in, adds a division and signs out', async ({ page }) => {
  const admin = loadAdmin();
  await signIn(page, admin);
  await expect(page).toHaveURL(/\/staff$/);

  const division = await addDivision(page, `กองการศึกษา ${unique()}`);
  await page.goto(`/staff/admin/divisions/${division.id}`);
  await expect(page.getByLabel('ชื่อส่วนราชการ', { exact: true })).toHaveValue(division.name);

  await test.step('a form with a mistake comes back with the error summary, without script', async () => {
    await page.getByLabel('ชื่อส่วนราชการ', { exact: true }).fill('');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('กรุณากรอกชื่อส่วนราชการ');
  });

  await test.step('the language switch is a plain link', async () => {
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('link', { name: 'ไทย' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  });

  await signOut(page);
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/login\?next=%2Fstaff$/);
});
