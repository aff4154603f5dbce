import { expect, test } from '@playwright/test';
import { loadAdmin } from './support/run.js';
import { signIn, signOut } from './support/staff.js';

test('a staff member signs in, and out again', async ({ page }) => {
  const admin = loadAdmin();

  await test.step('the back office sends a visitor to the sign-in page first', async () => {
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/login\?next=%2Fstaff$/);
  });

  await test.step('a wrong password is refused with one message that does not say which part was wrong', async () => {
    await signIn(page, { username: admin.username, password: 'ไม่ใช่รหัสผ่านนี้แน่นอน' });
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('alert')).toContainText('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
    await expect(page.getByLabel('ชื่อผู้ใช้', { exact: true }), 'the username is kept').toHaveValue(admin.username);
    await expect(page.getByLabel('รหัสผ่าน', { exact: true }), 'the password is not sent back').toHaveValue('');
  });

  await test.step('the right password opens the back office', async () => {
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole('banner')).toContainText(admin.displayName);
  });

  await test.step('signing out returns to the sign-in page, and the back office is closed again', async () => {
    await signOut(page);
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/login\?next=%2Fstaff$/);
    await page.goto('/staff/admin/people');
    await expect(page).toHaveURL(/\/login\?next=%2Fstaff%2Fadmin%2Fpeople$/);
  });
});
