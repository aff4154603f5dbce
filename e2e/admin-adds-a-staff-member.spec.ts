import { expect, test } from './support/fixtures.js';
import { unique } from './support/run.js';
import { addDivision, addPerson, addPosition, signIn, signInFirstTime } from './support/staff.js';

test('an administrator adds a division, a position and a staff member, who then signs in', async ({ adminPage: page, browser }) => {
  const n = unique();
  const division = await test.step('add a division', () => addDivision(page, `กองสาธารณสุขและสิ่งแวดล้อม ${n}`));
  const position = await test.step('add a position in it', () =>
    addPosition(page, { title: `นักวิชาการสาธารณสุข ${n}`, division: division.name, rank: 'staff' }));

  const username = `nurhayati.${n}`;
  const person = await test.step('add a person with a sign-in account and the staff role', async () => {
    const added = await addPerson(page, {
      titlePrefix: 'นาง',
      firstName: 'นูรฮายาตี',
      lastName: `ดอเลาะ ${n}`,
      position: position.title,
      division: division.name,
      username,
      roles: ['staff'],
    });
    await expect(page.getByText('แสดงครั้งเดียว')).toBeVisible();
    expect(added.generatedPassword, 'a generated password like k7qm-w3rt-x9pa').toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    return added;
  });

  await test.step('the generated password is never shown again', async () => {
    await page.goto(`/staff/admin/people/${person.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.displayName);
    await expect(page.locator('body')).not.toContainText(person.generatedPassword!);
    await expect(page.getByLabel('ชื่อผู้ใช้', { exact: true })).toHaveValue(username);
    await expect(page.getByText('รอเปลี่ยนรหัสผ่าน')).toBeVisible();
    await page.goto('/staff/admin/people');
    const row = page.getByRole('row').filter({ hasText: person.displayName });
    await expect(row).toContainText(position.title);
    await expect(row).toContainText(division.name);
    await expect(row).toContainText(username);
    await expect(row).toContainText('เจ้าหน้าที่');
    await expect(page.locator('body')).not.toContainText(person.generatedPassword!);
  });

  await test.step('the new person signs in with it and must choose a new password first', async () => {
    const context = await browser.newContext();
    const own = await context.newPage();
    await signIn(own, { username, password: person.generatedPassword! });
    await expect(own).toHaveURL(/\/staff\/password$/);
    await own.goto('/staff');
    await expect(own, 'nothing else opens before the password is changed').toHaveURL(/\/staff\/password$/);
    await context.close();

    const again = await browser.newContext();
    const newPassword = `ลมทะเลตากใบ-${n}`;
    await signInFirstTime(await again.newPage(), username, person.generatedPassword!, newPassword);
    await again.close();

    const later = await browser.newContext();
    const next = await later.newPage();
    await signIn(next, { username, password: newPassword });
    await expect(next, 'the new password works and no change is asked any more').toHaveURL(/\/staff$/);
    await expect(next.getByRole('banner')).toContainText(person.displayName);
    await later.close();
  });
});
