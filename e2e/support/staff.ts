import { type Browser, expect, type Page } from '@playwright/test';
import { type Credentials, unique } from './run.js';

/**
 * The steps the stories share, written as a person does them in Thai through the UI (labels and
 * button names from the Thai catalogs), so a broken label breaks the test as it would break a
 * screen reader.
 */

export async function signIn(page: Page, who: Pick<Credentials, 'username' | 'password'>) {
  await page.goto('/login');
  await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill(who.username);
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('status')).toContainText('ออกจากระบบแล้ว');
}

export async function addDivision(page: Page, name = `กองคลัง ${unique()}`): Promise<{ name: string; id: number }> {
  await page.goto('/staff/admin/divisions');
  await page.getByLabel('ชื่อส่วนราชการ', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'เพิ่มส่วนราชการ' }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/divisions$/);
  await expect(page.getByRole('status')).toContainText('บันทึกส่วนราชการแล้ว');
  const link = page.getByRole('link', { name, exact: true });
  await expect(link).toBeVisible();
  return { name, id: idFrom(await link.getAttribute('href')) };
}

export async function addPosition(
  page: Page,
  opts: { title?: string; division?: string; rank?: string } = {},
): Promise<{ title: string; id: number }> {
  const title = opts.title ?? `นักวิชาการเงินและบัญชี ${unique()}`;
  await page.goto('/staff/admin/positions');
  await page.getByLabel('ชื่อตำแหน่ง', { exact: true }).fill(title);
  if (opts.division) await page.getByLabel('สังกัดส่วนราชการ', { exact: true }).selectOption({ label: opts.division });
  await page.getByLabel('ระดับในสายบังคับบัญชา', { exact: true }).selectOption(opts.rank ?? 'staff');
  await page.getByRole('button', { name: 'เพิ่มตำแหน่ง' }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/positions$/);
  await expect(page.getByRole('status')).toContainText('บันทึกตำแหน่งแล้ว');
  const link = page.getByRole('link', { name: title, exact: true });
  await expect(link).toBeVisible();
  return { title, id: idFrom(await link.getAttribute('href')) };
}

export interface NewPerson {
  titlePrefix: 'นาย' | 'นาง' | 'นางสาว';
  firstName: string;
  lastName: string;
  position?: string;
  division?: string;
  username?: string;
  /** Role values, e.g. ['staff']. */
  roles?: string[];
}

/** Adds a person; with a username the app shows the generated password once, which is returned. */
export async function addPerson(
  page: Page,
  person: NewPerson,
): Promise<{ id: number; generatedPassword: string | null; displayName: string }> {
  await page.goto('/staff/admin/people/new');
  await page.getByLabel(person.titlePrefix, { exact: true }).check();
  await page.getByLabel('ชื่อ', { exact: true }).fill(person.firstName);
  await page.getByLabel('นามสกุล', { exact: true }).fill(person.lastName);
  if (person.position) await page.getByLabel('ตำแหน่ง', { exact: true }).selectOption({ label: person.position });
  if (person.division) await page.getByLabel('สังกัดส่วนราชการ', { exact: true }).selectOption({ label: person.division });
  if (person.username) await page.getByLabel(/^ชื่อผู้ใช้/).fill(person.username);
  for (const role of person.roles ?? []) await page.locator(`input[name="roles[]"][value="${role}"]`).check();
  await page.getByRole('button', { name: 'เพิ่มบุคลากร' }).click();
  const displayName = `${person.titlePrefix}${person.firstName} ${person.lastName}`;
  if (!person.username) {
    await expect(page.getByRole('status')).toContainText('เพิ่มบุคลากรแล้ว');
    return { id: idFrom(new URL(page.url()).pathname), generatedPassword: null, displayName };
  }
  const secret = page.locator('.secret');
  await expect(secret).toBeVisible();
  const generatedPassword = ((await secret.textContent()) ?? '').trim();
  const href = await page.getByRole('link', { name: displayName }).getAttribute('href');
  return { id: idFrom(href), generatedPassword, displayName };
}

/** First sign-in with a generated password: the app insists on a new one before anything else. */
export async function signInFirstTime(page: Page, username: string, generatedPassword: string, newPassword: string) {
  await signIn(page, { username, password: generatedPassword });
  await expect(page).toHaveURL(/\/staff\/password$/);
  await expect(page.getByText('รหัสผ่านของท่านถูกสร้างโดยระบบ')).toBeVisible();
  await page.getByLabel('รหัสผ่านปัจจุบัน', { exact: true }).fill(generatedPassword);
  await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(newPassword);
  await page.getByLabel('ยืนยันรหัสผ่านใหม่', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('status')).toContainText('เปลี่ยนรหัสผ่านแล้ว');
}

/**
 * A staff member with the 'staff' role only, added by the administrator through the UI and
 * signed in once (password changed). Returns the credentials that now work.
 */
export async function createStaffMember(browser: Browser, adminPage: Page): Promise<Credentials> {
  const n = unique();
  const division = await addDivision(adminPage, `กองช่าง ${n}`);
  const position = await addPosition(adminPage, { title: `นายช่างโยธา ${n}`, division: division.name });
  const username = `e2e.staff.${n}`;
  const person = await addPerson(adminPage, {
    titlePrefix: 'นาย',
    firstName: 'อับดุลเลาะ',
    lastName: `สาแม ${n}`,
    position: position.title,
    division: division.name,
    username,
    roles: ['staff'],
  });
  const password = `ทะเลบาเจาะ-${n}-2567`;
  const context = await browser.newContext();
  try {
    await signInFirstTime(await context.newPage(), username, person.generatedPassword!, password);
  } finally {
    await context.close();
  }
  return { username, password, displayName: person.displayName };
}

function idFrom(href: string | null): number {
  const id = Number(/\/(\d+)$/.exec(href ?? '')?.[1]);
  if (!id) throw new Error(`No record id in ${href}`);
  return id;
}
