import type { Browser, Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { look } from './support/queue.js';
import { unique } from './support/run.js';
import { addDivision, addPerson, addPosition, signInFirstTime } from './support/staff.js';

// Measure 1 of the seed (issue 8): the ITA coordinator composes the announcement on punishment
// (ประกาศ), circulates it to a division, one of its two people acknowledges it from their
// "waiting for my acknowledgement" list, and the completion report shows who has not.

async function personWithAccount(
  admin: Page,
  browser: Browser,
  who: { first: string; last: string; division?: string; position?: string; roles: string[]; password: string },
): Promise<{ page: Page; displayName: string }> {
  const username = `e2e.${unique()}`;
  const person = await addPerson(admin, {
    titlePrefix: 'นาย',
    firstName: who.first,
    lastName: who.last,
    division: who.division,
    position: who.position,
    username,
    roles: who.roles,
  });
  const page = await (await browser.newContext()).newPage();
  await signInFirstTime(page, username, person.generatedPassword ?? '', who.password);
  return { page, displayName: person.displayName };
}

test('the coordinator circulates the punishment announcement and the report shows who has not acknowledged', async ({
  adminPage: admin,
  browser,
}) => {
  test.setTimeout(180_000);
  const n = unique();
  const division = await addDivision(admin, `กองสาธารณสุข ${n}`);
  const position = await addPosition(admin, { title: `นักวิชาการสาธารณสุข ${n}`, division: division.name });
  const coordinator = await personWithAccount(admin, browser, {
    first: 'ฟาตีเมาะ',
    last: `หะเดวา ${n}`,
    roles: ['ita_coordinator', 'staff'],
    password: `ประกาศลูโบะ-${n}-2569`,
  });
  const reader = await personWithAccount(admin, browser, {
    first: 'มะรอนิง',
    last: `ยูโซะ ${n}`,
    division: division.name,
    position: position.title,
    roles: ['staff'],
    password: `อ่านแล้ว-${n}-2569`,
  });
  const late = await personWithAccount(admin, browser, {
    first: 'สุไลมาน',
    last: `เจ๊ะแว ${n}`,
    division: division.name,
    position: position.title,
    roles: ['staff'],
    password: `ยังไม่อ่าน-${n}-2569`,
  });

  // The coordinator composes the announcement and circulates it to the division.
  const title = `มาตรการลงโทษทางวินัยกรณีเจ้าหน้าที่กระทำการทุจริต ${n}`;
  const c = coordinator.page;
  await c.goto('/staff/circulars');
  await c.getByRole('link', { name: 'ร่างใหม่' }).click();
  await expectNoAxeViolations(c, 'the new circular form');
  await c.getByLabel('ประกาศ', { exact: true }).check();
  await c.getByLabel('เรื่อง', { exact: true }).fill(title);
  await c
    .getByLabel('ข้อความ', { exact: true })
    .fill(
      'เพื่อให้การปฏิบัติราชการเป็นไปด้วยความซื่อสัตย์สุจริต หากพบว่าเจ้าหน้าที่ผู้ใดกระทำการทุจริตหรือประพฤติมิชอบ จะถูกดำเนินการทางวินัยอย่างเคร่งครัด\n\nจึงประกาศให้ทราบโดยทั่วกัน',
    );
  await c.getByLabel('ชื่อผู้ลงนาม', { exact: true }).fill('นายจิรเดช ชามาละ');
  await c.getByLabel('ตำแหน่งผู้ลงนาม', { exact: true }).fill('นายกองค์การบริหารส่วนตำบลลูโบะปือซา');
  await c.getByLabel('เฉพาะกองที่เลือก', { exact: true }).check();
  await c.getByLabel(division.name, { exact: true }).check();
  await c.getByRole('button', { name: 'บันทึกร่าง' }).click();
  await expect(c.getByRole('heading', { level: 1 })).toContainText(title);
  await c.getByRole('button', { name: 'แจ้งเวียน' }).click();
  await expect(c.getByRole('status').filter({ hasText: 'แจ้งเวียนแล้ว' })).toBeVisible();
  await expect(c.getByRole('row', { name: new RegExp(reader.displayName) })).toContainText('ยังไม่รับทราบ');
  await expect(c.getByRole('row', { name: new RegExp(late.displayName) })).toContainText('ยังไม่รับทราบ');

  // One of the two reads it in their list and acknowledges it.
  const r = reader.page;
  await r.goto('/staff/circulars/pending');
  await expect(r.locator('main')).toContainText(title);
  await expectNoAxeViolations(r, 'waiting for my acknowledgement');
  await r.getByLabel('ข้าพเจ้าได้อ่านและรับทราบ').first().check();
  await r.getByRole('button', { name: 'รับทราบ', exact: true }).first().click();
  await expect(r.getByRole('status').filter({ hasText: 'บันทึกการรับทราบแล้ว' })).toBeVisible();
  await expect(r.locator('main')).not.toContainText(title);

  // The completion report: who has acknowledged, who has not.
  await c.reload();
  await expect(c.getByRole('row', { name: new RegExp(reader.displayName) })).not.toContainText('ยังไม่รับทราบ');
  await expect(c.getByRole('row', { name: new RegExp(late.displayName) })).toContainText('ยังไม่รับทราบ');
  await expect(c.locator('main')).toContainText(`${division.name}: รับทราบ 1 จาก 2 คน`);
  await look(c, 'the completion report of the circular');
  await expectNoAxeViolations(c, 'the circular with its completion report');
  const pdf = await c.request.get(`${c.url().replace(/[?#].*$/, '')}/report.pdf`);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
});
