import { expectNoAxeViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { look } from './support/queue.js';
import { unique } from './support/run.js';

// The disclosure register (issue 6): the coordinator registers an information item under an
// OIT indicator with its responsible person and a due date that has passed; that person sees
// it overdue in "what I must update", publishes the document, and the public ITA page an
// assessor reads shows it under the indicator.

/** A small valid PDF (the store checks the type by content). */
function pdf(text: string): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    `% ${text}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.from(body);
}

function isoDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(d);
}

test('a responsible staff member sees an overdue item, publishes it, and the ITA page shows the evidence', async ({ adminPage: admin }) => {
  test.setTimeout(120_000);
  const title = `แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ – ๒๕๗๐) ${unique()}`;
  const documentTitle = `แผนพัฒนาท้องถิ่น ฉบับเพิ่มเติม ${unique()}`;

  await admin.goto('/staff/disclosure/new');
  // The form is for this ITA year (its action names it).
  const action = (await admin.locator('form[action*="/staff/disclosure/new"]').getAttribute('action')) ?? '';
  const year = Number(/fy=(\d{4})/.exec(action)?.[1]);
  expect(year).toBeGreaterThan(2566);
  await admin.locator('[name="itemCode"]').selectOption({ index: 1 });
  const code = await admin.locator('[name="itemCode"]').inputValue();
  await admin.locator('[name="title"]').fill(title);
  // The signed-in administrator is the responsible person (set up by the first-run story).
  const me = await admin.locator('[name="responsibleStaffId"] option', { hasText: 'ฟาตีเมาะ หะยีสาและ' }).first().getAttribute('value');
  await admin.locator('[name="responsibleStaffId"]').selectOption(me ?? '');
  await admin.getByRole('radio', { name: 'ทุกปี' }).check();
  await admin.locator('[name="dueOn"]').fill(isoDay(new Date(Date.now() - 3 * 24 * 3600 * 1000)));
  await admin.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(title);

  // "What I must update": the item, overdue.
  await admin.goto('/staff/disclosure/mine');
  const row = admin.getByRole('row', { name: new RegExp(title.replace(/[()]/g, '.')) });
  await expect(row).toContainText('เลยกำหนด');
  await look(admin, 'what I must update, one overdue');
  await row.getByRole('link').first().click();
  await expect(admin.getByRole('heading', { level: 1 })).toContainText(title);
  await expectNoAxeViolations(admin, 'a disclosure item');

  // Nothing given: the form says so and records nothing.
  await admin.getByRole('button', { name: 'บันทึกการปรับปรุง' }).click();
  await expect(admin.getByRole('alert')).toBeVisible();

  await admin.locator('[name="pdf"]').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: pdf(documentTitle) });
  await admin.locator('[name="pdfTitle"]').fill(documentTitle);
  await admin.getByRole('button', { name: 'บันทึกการปรับปรุง' }).click();
  await expect(admin.getByRole('status')).toContainText('บันทึกการปรับปรุงแล้ว');
  await expect(admin.locator('main')).toContainText('เป็นปัจจุบัน');

  // The assessor's page: the document under the indicator, in the year's URL list too.
  await admin.goto(`/ita/${year}/${code}`);
  await expect(admin.locator('main')).toContainText(documentTitle);
  await look(admin, 'the ITA item with its evidence');
  await expectNoAxeViolations(admin, 'the ITA item with its evidence');
  const csv = await admin.request.get(`/ita/${year}/urls.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(documentTitle);
});
