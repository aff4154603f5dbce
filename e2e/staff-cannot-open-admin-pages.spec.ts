import { expect, test } from './support/fixtures.js';
import { createStaffMember, signIn } from './support/staff.js';

test('a staff member without the admin role gets the designed “no access” page on admin pages', async ({ adminPage, browser, page }) => {
  const staff = await test.step('the administrator adds a staff member with the staff role only', () =>
    createStaffMember(browser, adminPage));

  await signIn(page, staff);
  await expect(page).toHaveURL(/\/staff$/);

  await test.step('the staff menu has no administration section', async () => {
    const nav = page.getByRole('navigation', { name: 'เมนูเจ้าหน้าที่' });
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('link', { name: 'หน้าหลักเจ้าหน้าที่' })).toBeVisible();
    await expect(nav.getByRole('heading', { name: 'ผู้ดูแลระบบ' })).toHaveCount(0);
    for (const href of [
      '/staff/admin/organization',
      '/staff/admin/people',
      '/staff/admin/divisions',
      '/staff/admin/positions',
      '/staff/admin/chain',
      '/staff/audit',
    ]) {
      await expect(page.locator(`a[href="${href}"]`), `no link to ${href}`).toHaveCount(0);
    }
  });

  for (const path of [
    '/staff/admin/people',
    '/staff/admin/organization',
    '/staff/audit',
    '/staff/admin/divisions',
    '/staff/admin/positions',
    '/staff/admin/chain',
    '/staff/admin/people/new',
  ]) {
    await test.step(`${path} answers 403 with the designed page`, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('ไม่มีสิทธิ์เข้าถึง');
      await expect(page.getByText('บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้')).toBeVisible();
      // Still inside the back office: the staff layout with the person's name and a way home.
      await expect(page.getByRole('banner')).toContainText(staff.displayName);
      await expect(page.getByRole('main').getByRole('link', { name: 'กลับหน้าแรก' })).toHaveAttribute('href', '/staff');
    });
  }
});
