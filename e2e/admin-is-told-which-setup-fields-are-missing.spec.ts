import { expect, test } from '@playwright/test';
import { freshServerUrl } from './support/run.js';

// On the second installation, which is never set up: submitting the setup form empty creates
// nothing, so this story can look at the messages without touching the main app.

test('each message in the setup form’s error summary names its own field, as the field’s label does', async ({ page }) => {
  await page.goto(`${freshServerUrl()}/setup`);
  await page.getByRole('button', { name: 'สร้างหน่วยงานและเริ่มใช้งาน' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toBeVisible();

  const links = await summary.getByRole('link').evaluateAll((as) =>
    as.map((a) => {
      const id = (a.getAttribute('href') ?? '').slice(1);
      const doc = a.ownerDocument;
      const field = doc.getElementById(id);
      // A text field's <label for>, or a radio group's <legend>; without the "(ไม่บังคับ)" note.
      const labelEl = field?.tagName === 'FIELDSET' ? field.querySelector('legend') : doc.querySelector(`label[for="${id}"]`);
      const label = labelEl?.firstChild?.textContent?.trim() ?? '';
      return { id, message: a.textContent?.trim() ?? '', label };
    }),
  );
  expect(links.length).toBeGreaterThan(0);
  const wrong = links.filter((l) => !l.label || !l.message.includes(l.label));
  expect(
    wrong,
    `messages that do not name their field:\n${wrong.map((w) => `  #${w.id}: "${w.message}" (the field is labelled "${w.label}")`).join('\n')}`,
  ).toEqual([]);

  // A choice is chosen, not typed: "กรุณาเลือก…" for radio groups and selects.
  const choices = await page.locator('fieldset[id], select[id]').evaluateAll((els) => els.map((e) => e.id));
  const typed = links.filter((l) => choices.includes(l.id) && !l.message.startsWith('กรุณาเลือก'));
  expect(
    typed,
    `choices asked for with "กรอก" (type) instead of "เลือก" (choose):\n${typed.map((w) => `  #${w.id}: "${w.message}"`).join('\n')}`,
  ).toEqual([]);
});
