import { expect, test } from './support/fixtures.js';
import { look, setUpQueue } from './support/queue.js';

// The first-contact point (issue 5): the clerk at the front desk logs a visitor in a few taps,
// sends them on with a queue ticket for the right service, prints it, comes back to the log,
// and the counter has the ticket waiting; the day's report counts the visit.

test('the front desk logs a visit, routes it to a queue ticket, and the report counts it', async ({ adminPage: admin }) => {
  test.setTimeout(90_000);
  const s = await setUpQueue(admin, 'FD', 74);

  await admin.goto('/staff/frontdesk');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('จุดแรกรับ');
  await look(admin, 'front desk log');

  // Nothing chosen for the purpose: the form says which field, keeps the rest.
  await admin.getByRole('group', { name: 'ความช่วยเหลือที่ให้' }).getByText('ตรวจเอกสาร').click();
  await admin.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await expect(admin.getByRole('alert')).toContainText('ติดต่อเรื่อง');
  await expect(admin.getByRole('group', { name: 'ความช่วยเหลือที่ให้' }).getByLabel('ตรวจเอกสาร')).toBeChecked();
  await look(admin, 'front desk log with a mistake');

  await admin.getByRole('group', { name: 'ติดต่อเรื่อง' }).getByText('ทะเบียนพาณิชย์').click();
  await admin.getByRole('group', { name: 'ความช่วยเหลือที่ให้' }).getByText('ให้คำแนะนำ').click();
  await admin
    .getByRole('group', { name: 'ผลการติดต่อ' })
    .getByText(new RegExp(`${s.prefix} ${s.service}`))
    .click();
  await admin.getByRole('button', { name: 'บันทึก', exact: true }).click();

  // The ticket to print, then back to the log.
  await expect(admin).toHaveURL(/\/queue\/ticket\/[^/]+\/print\?.*from=frontdesk/);
  const label = (await admin.locator('.ticket__number').first().textContent())?.trim() ?? '';
  expect(label).toMatch(/^FD\d{3}$/);
  await admin.goto('/staff/frontdesk');
  await expect(admin.locator('main')).toContainText(label);

  // The counter sees it waiting.
  await admin.goto(`/staff/queue?counter=${s.counterId}`);
  await expect(admin.locator('main')).toContainText(label);

  // The day's report counts a visit for ทะเบียนพาณิชย์ that was given a ticket.
  await admin.goto('/staff/frontdesk/report?period=day');
  await expect(admin.getByRole('row', { name: /ทะเบียนพาณิชย์/ }).first()).toBeVisible();
  await expect(admin.getByRole('row', { name: /ออกบัตรคิว/ }).first()).toBeVisible();
  await look(admin, 'front desk report of the day');
});
