import type { Browser, Page } from '@playwright/test';
import { axeResults, expectNoAxeViolations, formatViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { type Credentials, freshServerUrl, unique } from './support/run.js';
import { addDivision, addPerson, addPosition, createStaffMember, signIn } from './support/staff.js';

// axe (WCAG 2.1 A and AA) on every page the app has today in Thai; in English once per layout
// (public, sign-in, kiosk, display board, staff, error pages, setup, no access) and on the pages
// whose markup depends on the language (language switches, forms on a kiosk): elsewhere the words
// change and the markup does not, and each English check was about four seconds of the browser
// tests; and on the forms as they come back with mistakes. Each page is its own test, so one
// failure does not hide the others; the message lists every violation and its elements.

interface Records {
  personId: number;
  divisionId: number;
  positionId: number;
  staff: Credentials;
}
let records: Records | undefined;

/** The records whose pages are checked, made once per worker through the UI. */
async function ensureRecords(browser: Browser, adminStorageState: string, baseURL: string): Promise<Records> {
  if (records) return records;
  const context = await browser.newContext({ storageState: adminStorageState, baseURL });
  const page = await context.newPage();
  const n = unique();
  const division = await addDivision(page, `สำนักปลัด ${n}`);
  const head = await addPosition(page, { title: `หัวหน้าสำนักปลัด ${n}`, division: division.name, rank: 'division_head' });
  const secretary = await addPosition(page, { title: `ปลัด ${n}`, rank: 'permanent_secretary' });
  const mayor = await addPosition(page, { title: `นายก ${n}`, rank: 'mayor' });
  const person = await addPerson(page, {
    titlePrefix: 'นางสาว',
    firstName: 'ซูไรดา',
    lastName: `มะแซ ${n}`,
    position: head.title,
    division: division.name,
    username: `suraida.${n}`,
    roles: ['division_head', 'ita_coordinator'],
  });
  // A chain of command, so the chain page shows its steps (one of them without a holder).
  await page.goto('/staff/admin/chain');
  await page.getByLabel(/^ขั้นที่ 1 /).selectOption({ label: head.title });
  await page.getByLabel(/^ขั้นที่ 2 /).selectOption({ label: secretary.title });
  await page.getByLabel(/^ขั้นที่ 3 /).selectOption({ label: mayor.title });
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('บันทึกสายการบังคับบัญชาแล้ว');
  const staff = await createStaffMember(browser, page);
  await context.close();
  records = { personId: person.id, divisionId: division.id, positionId: head.id, staff };
  return records;
}

test.beforeAll(async ({ browser, adminStorageState }, testInfo) => {
  test.setTimeout(120_000); // about twenty forms filled in through the UI
  await ensureRecords(browser, adminStorageState, String(testInfo.project.use.baseURL));
});

test('the check itself finds a known violation, names it, and keeps to WCAG A and AA', async ({ page }) => {
  // An unlabelled field (WCAG 1.3.1, 4.1.2) on a page without a level-one heading (a best
  // practice only: not reported).
  await page.setContent('<!DOCTYPE html><html lang="th"><title>ทดสอบ</title><main><input id="x"></main></html>');
  const results = await axeResults(page);
  expect(results.violations.map((v) => v.id)).toEqual(['label']);
  expect(formatViolations(results)).toContain('<input id="x">');
});

const r = () => {
  if (!records) throw new Error('records were not made');
  return records;
};

async function open(page: Page, path: string, expectedStatus = 200) {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(expectedStatus);
}

/** Opens the page through the language switch, as a person would. */
async function openInEnglish(page: Page, path: string, expectedStatus = 200) {
  const response = await page.goto(`/lang/en?next=${encodeURIComponent(path)}`);
  expect(response?.status(), `GET ${path} in English`).toBe(expectedStatus);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** [name, path, expected status, also checked in English]. */
const PUBLIC: [string, string, number?, 'en'?][] = [
  ['home page', '/', 200, 'en'],
  ['privacy statement', '/privacy'],
  ['accessibility statement', '/accessibility'],
  ['sign-in page', '/login', 200, 'en'],
  ['API documentation', '/api/docs'],
  ['queue kiosk', '/queue/kiosk', 200, 'en'],
  ['queue display board', '/queue/board', 200, 'en'],
  ['online queue ticket', '/queue/online'],
  ['open data', '/opendata'],
  ['satisfaction survey', '/survey', 200, 'en'],
  ['satisfaction survey on a counter tablet', '/survey/kiosk', 200, 'en'],
  ['satisfaction survey thanks', '/survey/thanks'],
  ['page-not-found page', '/no-such-page', 404, 'en'],
  ['news and announcements', '/news'],
  ['news, filtered', '/news?kind=announcement', 200],
  ['service guides', '/services'],
  ['about the organization', '/about', 200],
  ['structure chart', '/about/structure'],
  ['executives', '/about/executives', 200],
  ['powers and duties', '/about/powers', 200],
  ['contact', '/about/contact', 200],
  ['relevant laws', '/about/laws', 200],
  ['social channels', '/about/social', 200],
  ['questions and answers', '/qa'],
  ['ask a question', '/qa/ask', 200],
  ['search', '/search', 200],
  ['search results', '/search?q=%E0%B8%A0%E0%B8%B2%E0%B8%A9%E0%B8%B5'],
  ['ITA years', '/ita', 200],
  ['ITA year', '/ita/2569'],
  ['ITA indicator', '/ita/2569/O1', 200],
  ['publication log', '/publications'],
  ['check a file against the publication log', '/publications/check', 200],
  ['spending plans', '/budget'],
  ['procurement', '/procurement'],
  ['procurement, filtered', '/procurement?method=e_bidding&status=contracted', 200],
  ['procurement reports', '/procurement/reports', 200],
  ['report corruption', '/complaints'],
  ['follow a complaint', '/complaints/track'],
  ['complaint guideline', '/complaints/guide'],
  ['complaint statistics', '/complaints/stats'],
  ['complaint statistics of a year', '/complaints/stats/2569'],
  ['participation: meetings and their results', '/participation'],
];

/** Paths with ":id" name one of the records made above. */
const withIds = (path: string) =>
  path
    .replace('/people/:id', `/people/${r().personId}`)
    .replace('/divisions/:id', `/divisions/${r().divisionId}`)
    .replace('/positions/:id', `/positions/${r().positionId}`);

/** The back office; `en` marks the pages checked in English too (the layout, a page of forms, charts, the error page). */
const STAFF: { name: string; path: string; status?: number; en?: boolean }[] = [
  { name: 'staff home', path: '/staff', en: true },
  { name: 'change password', path: '/staff/password' },
  { name: 'organization settings', path: '/staff/admin/organization' },
  { name: 'people', path: '/staff/admin/people' },
  { name: 'people, filtered', path: '/staff/admin/people?q=%E0%B8%8B%E0%B8%B9' },
  { name: 'new person', path: '/staff/admin/people/new' },
  { name: 'person', path: '/staff/admin/people/:id', en: true },
  { name: 'divisions', path: '/staff/admin/divisions' },
  { name: 'division', path: '/staff/admin/divisions/:id' },
  { name: 'positions', path: '/staff/admin/positions' },
  { name: 'position', path: '/staff/admin/positions/:id' },
  { name: 'chain of command', path: '/staff/admin/chain' },
  { name: 'audit log', path: '/staff/audit' },
  { name: 'outgoing register', path: '/staff/register' },
  { name: 'queue counter', path: '/staff/queue' },
  { name: 'queue services (admin)', path: '/staff/admin/queue' },
  { name: 'queue counters (admin)', path: '/staff/admin/queue/counters' },
  { name: 'queue priority groups (admin)', path: '/staff/admin/queue/groups' },
  { name: 'queue settings and holidays (admin)', path: '/staff/admin/queue/settings' },
  { name: 'front desk ticket issuing', path: '/staff/queue/issue' },
  { name: 'queue statistics', path: '/staff/queue/stats', en: true },
  { name: 'outgoing mail (admin)', path: '/staff/admin/mail' },
  { name: 'executive dashboard', path: '/staff/dashboard' },
  { name: 'satisfaction report', path: '/staff/surveys' },
  { name: 'satisfaction suggestions', path: '/staff/surveys/suggestions' },
  { name: 'paper survey entry', path: '/staff/surveys/paper' },
  { name: 'survey form editor (admin)', path: '/staff/admin/survey-form' },
  { name: 'first-contact point log', path: '/staff/frontdesk' },
  { name: 'out-of-hours service log', path: '/staff/frontdesk/out-of-hours' },
  { name: 'screening point notes', path: '/staff/frontdesk/screening' },
  { name: 'first-contact point report', path: '/staff/frontdesk/report' },
  { name: 'first-contact point settings (admin)', path: '/staff/admin/frontdesk' },
  { name: 'facilities checklist', path: '/staff/facilities' },
  { name: 'facilities checklist item', path: '/staff/facilities/item?fy=2567&item=seats' },
  { name: 'facilities checklist, printable', path: '/staff/facilities/print?fy=2567' },
  { name: 'news (staff)', path: '/staff/news' },
  { name: 'new news item', path: '/staff/news/new' },
  { name: 'service guides (staff)', path: '/staff/services' },
  { name: 'new service guide', path: '/staff/services/new' },
  { name: 'disclosure register', path: '/staff/disclosure' },
  { name: 'what I must update', path: '/staff/disclosure/mine' },
  { name: 'new disclosure item', path: '/staff/disclosure/new' },
  { name: 'OIT readiness', path: '/staff/disclosure/readiness' },
  { name: 'OIT lists (admin)', path: '/staff/admin/oit-lists' },
  { name: 'OIT list of a year (admin)', path: '/staff/admin/oit-lists/2569' },
  { name: 'organization pages (admin)', path: '/staff/admin/about' },
  { name: 'organization page editor (admin)', path: '/staff/admin/about/pages/powers' },
  { name: 'contact and social channels (admin)', path: '/staff/admin/about/profile' },
  { name: 'executives photos (admin)', path: '/staff/admin/about/photos' },
  { name: 'questions to answer', path: '/staff/qa' },
  { name: 'publication log (staff)', path: '/staff/publications' },
  { name: 'spending plan (no plan yet)', path: '/staff/budget' },
  { name: 'spending plan import', path: '/staff/budget/import' },
  { name: 'budget reports', path: '/staff/budget/reports' },
  { name: 'procurement register', path: '/staff/procurement' },
  { name: 'new procurement', path: '/staff/procurement/new' },
  { name: 'procurement import', path: '/staff/procurement/import' },
  { name: 'procurement reports (staff)', path: '/staff/procurement/reports' },
  { name: 'circulars', path: '/staff/circulars' },
  { name: 'new circular', path: '/staff/circulars/new' },
  { name: 'circulars waiting for my acknowledgement', path: '/staff/circulars/pending' },
  { name: 'meetings', path: '/staff/meetings' },
  { name: 'new meeting', path: '/staff/meetings/new' },
  { name: 'staff suggestion box', path: '/staff/suggestions' },
  { name: 'new staff suggestion', path: '/staff/suggestions/new' },
  { name: 'follow a staff suggestion', path: '/staff/suggestions/track' },
  { name: 'page-not-found page in the back office', path: '/staff/no-such-page', status: 404, en: true },
];

for (const [locale, go] of [
  ['Thai', open],
  ['English', openInEnglish],
] as const) {
  test.describe(`in ${locale}`, () => {
    for (const [name, path, status] of PUBLIC.filter((p) => locale === 'Thai' || p[3] === 'en')) {
      test(`${name} (${path}) has no axe violations`, async ({ page }) => {
        await go(page, path, status);
        await expectNoAxeViolations(page, `${path} (${locale})`);
      });
    }

    for (const { name, path, status } of STAFF.filter((p) => locale === 'Thai' || p.en)) {
      test(`${name} (${path}) has no axe violations`, async ({ adminPage: page }) => {
        await go(page, withIds(path), status);
        await expectNoAxeViolations(page, `${withIds(path)} (${locale})`);
      });
    }

    test('staff inbox (/staff/inbox) has no axe violations, once it exists', async ({ adminPage: page }) => {
      const response = await page.goto(locale === 'Thai' ? '/staff/inbox' : `/lang/en?next=${encodeURIComponent('/staff/inbox')}`);
      test.skip(response?.status() === 404, '/staff/inbox does not exist yet');
      expect(response?.status()).toBe(200);
      await expectNoAxeViolations(page, `/staff/inbox (${locale})`);
    });

    test('no-access page (403) has no axe violations', async ({ page }) => {
      await signIn(page, r().staff);
      await expect(page).toHaveURL(/\/staff$/);
      if (locale === 'English') await page.goto('/lang/en?next=/staff');
      await expectNoAxeViolations(page, `/staff as a staff member (${locale})`);
      const response = await page.goto('/staff/admin/people');
      expect(response?.status()).toBe(403);
      await expectNoAxeViolations(page, `403 on /staff/admin/people (${locale})`);
    });

    test('setup page, empty and with its mistakes listed, has no axe violations', async ({ page }) => {
      const setup = `${freshServerUrl()}/setup`;
      if (locale === 'English') await page.goto(`${freshServerUrl()}/lang/en?next=/setup`);
      else await page.goto(setup);
      await expect(page).toHaveURL(setup);
      await expectNoAxeViolations(page, `/setup (${locale})`);
      await page.locator('form[action="/setup"] button[type="submit"]').click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, `/setup with errors (${locale})`);
    });
  });
}

test.describe('forms shown with their mistakes', () => {
  test('sign-in page after a wrong password and after an empty submit', async ({ page }) => {
    await signIn(page, { username: 'nobody', password: 'not-the-password' });
    await expect(page.getByRole('alert')).toContainText('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
    await expectNoAxeViolations(page, '/login after a wrong password');
    await page.goto('/login');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, '/login submitted empty');
  });

  const EMPTY_SUBMITS: [string, string, string][] = [
    ['new person', '/staff/admin/people/new', 'เพิ่มบุคลากร'],
    ['divisions', '/staff/admin/divisions', 'เพิ่มส่วนราชการ'],
    ['positions', '/staff/admin/positions', 'เพิ่มตำแหน่ง'],
    ['change password', '/staff/password', 'บันทึกรหัสผ่านใหม่'],
    ['division', '/staff/admin/divisions/:id', 'บันทึก'],
  ];
  for (const [name, path, button] of EMPTY_SUBMITS) {
    test(`${name} form (${path}) submitted empty`, async ({ adminPage: page }) => {
      await open(page, withIds(path));
      // Clear what the form came with, then send it.
      for (const input of await page
        .locator('main form:not([method="get"]) input[type="text"], main form:not([method="get"]) input[type="password"]')
        .all()) {
        await input.fill('');
      }
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, `${withIds(path)} submitted empty`);
    });
  }

  test('organization settings with a mistake', async ({ adminPage: page }) => {
    await open(page, '/staff/admin/organization');
    await page.getByLabel('รหัสหนังสือ (ที่)').fill('ไม่ใช่รหัส');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).first().click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, '/staff/admin/organization with a mistake');
  });

  test('person with a mistake in the account form', async ({ adminPage: page }) => {
    await open(page, `/staff/admin/people/${r().personId}`);
    await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill('ช');
    await page.getByRole('button', { name: 'บันทึกบัญชีผู้ใช้' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, `/staff/admin/people/${r().personId} with a mistake`);
  });

  test('the generated password, shown once', async ({ adminPage: page }) => {
    await addPerson(page, {
      titlePrefix: 'นาย',
      firstName: 'มูฮัมหมัด',
      lastName: `ยูโซะ ${unique()}`,
      username: `muhammad.${unique()}`,
      roles: ['front_desk'],
    });
    await expectNoAxeViolations(page, 'the password-once page');
  });
});
