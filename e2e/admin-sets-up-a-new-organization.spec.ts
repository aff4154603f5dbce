import { expect, test } from '@playwright/test';
import { type Credentials, saveAdmin } from './support/run.js';

// The first story of every run (project "setup"): the other stories sign in as this administrator.

const admin: Credentials = {
  username: 'fatimoh.h',
  password: 'ข้าวเหนียวมะม่วง-บาเจาะ-2567',
  displayName: 'นางสาวฟาตีเมาะ หะยีสาและ',
};

test('an administrator sets up a new organization on the first visit', async ({ page }) => {
  await test.step('the first visit to / leads to the setup page', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ตั้งค่าระบบครั้งแรก');
  });

  await test.step('submitting the empty form lists every missing field, linked to it, and creates nothing', async () => {
    await page.getByRole('button', { name: 'สร้างหน่วยงานและเริ่มใช้งาน' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('heading')).toHaveText('มีข้อมูลที่ต้องแก้ไข');

    // Every required field is listed, in Thai. (That each message names its own field's label is
    // the story admin-is-told-which-setup-fields-are-missing, on the second, never-set-up server.)
    const required = [
      'type',
      'name',
      'province',
      'district',
      'docCode',
      'address',
      'titlePrefix',
      'firstName',
      'lastName',
      'positionTitle',
      'username',
      'password',
    ];
    for (const name of required) {
      await expect(summary.locator(`a[href="#f-${name}"]`), `the error summary links to the field "${name}"`).toHaveText(
        /^กรุณา(กรอก|เลือก)\S/,
      );
    }
    // Every link in the summary leads to a field on the page, and the field shows its own message.
    for (const href of await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      const field = page.locator(String(href));
      await expect(field, `${href} exists`).toHaveCount(1);
      await expect(page.locator(`${href}-error`), `${href} has its message beside it`).toBeVisible();
    }
    await expect(page.getByLabel('ชื่อหน่วยงาน (เฉพาะชื่อ)')).toHaveAttribute('aria-invalid', 'true');

    await page.goto('/');
    await expect(page, 'nothing was created: / still leads to setup').toHaveURL(/\/setup$/);
  });

  await test.step('a complete setup creates the organization and its administrator', async () => {
    await page.getByLabel('องค์การบริหารส่วนตำบล (อบต.)').check();
    await page.getByLabel('ชื่อหน่วยงาน (เฉพาะชื่อ)').fill('ลุโบะสาวอ');
    await page.getByLabel(/^ชื่อภาษาอังกฤษ/).fill('Luboh Sawo');
    await page.getByLabel('จังหวัด', { exact: true }).selectOption('นราธิวาส');
    await page.getByLabel('อำเภอ', { exact: true }).fill('บาเจาะ');
    await page.getByLabel(/^ตำบล/).fill('ลุโบะสาวอ');
    await page.getByLabel('รหัสหนังสือ (ที่)').fill('นธ ๗๘๑๐๑');
    await page.getByLabel('ที่อยู่สำนักงาน').fill('๙๙ หมู่ที่ ๓ ตำบลลุโบะสาวอ อำเภอบาเจาะ จังหวัดนราธิวาส');
    await page.getByLabel(/^รหัสไปรษณีย์/).fill('96170');
    await page.getByLabel(/^โทรศัพท์/).fill('073 123 456');

    await page.getByLabel('นางสาว', { exact: true }).check();
    await page.getByLabel('ชื่อ', { exact: true }).fill('ฟาตีเมาะ');
    await page.getByLabel('นามสกุล', { exact: true }).fill('หะยีสาและ');
    await page.getByLabel('ชื่อตำแหน่ง', { exact: true }).fill('นักวิชาการคอมพิวเตอร์ชำนาญการ');
    await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill(admin.username);
    await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(admin.password);
    await page.getByLabel('ยืนยันรหัสผ่านใหม่', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'สร้างหน่วยงานและเริ่มใช้งาน' }).click();

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('status')).toContainText('ตั้งค่าระบบเรียบร้อยแล้ว');
    saveAdmin(admin);
  });

  await test.step('the setup page is gone: it now leads to the organization’s home page', async () => {
    await page.goto('/setup');
    await expect(page).not.toHaveURL(/\/setup$/);
    await expect(page.getByRole('banner')).toContainText('องค์การบริหารส่วนตำบลลุโบะสาวอ');
    await expect(page.getByRole('banner')).toContainText('อำเภอบาเจาะ จังหวัดนราธิวาส');
  });
});
