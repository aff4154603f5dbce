import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { expectNoSidewaysScroll } from './support/screens.js';

// A grandmother's cheap phone (360 × 740), an office screen (1280 × 800) and a TV or wide screen
// (1920 × 1080): no page scrolls sideways, and screenshots are kept for people to look at
// (design.md: "take screenshots at 360 px, 1280 px and 1920 px and look at them").

const SCREENS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
/** `viewportShot`: a page too long for a full-page screenshot in time (the API reference): the first screen is kept. */
const PAGES: { name: string; path: string; signedIn: boolean; viewportShot?: boolean }[] = [
  { name: 'home', path: '/', signedIn: false },
  { name: 'login', path: '/login', signedIn: false },
  { name: 'staff', path: '/staff', signedIn: true },
  { name: 'staff-admin-people', path: '/staff/admin/people', signedIn: true },
  { name: 'staff-inbox', path: '/staff/inbox', signedIn: true },
  { name: 'staff-audit', path: '/staff/audit', signedIn: true },
  { name: 'staff-admin-organization', path: '/staff/admin/organization', signedIn: true },
  { name: 'staff-admin-people-new', path: '/staff/admin/people/new', signedIn: true },
  { name: 'staff-admin-chain', path: '/staff/admin/chain', signedIn: true },
  { name: 'staff-register', path: '/staff/register', signedIn: true },
  { name: 'api-docs', path: '/api/docs', signedIn: false, viewportShot: true },
  { name: 'queue-kiosk', path: '/queue/kiosk', signedIn: false },
  { name: 'queue-board', path: '/queue/board', signedIn: false },
  { name: 'queue-online', path: '/queue/online', signedIn: false },
  { name: 'opendata', path: '/opendata', signedIn: false },
  { name: 'staff-queue', path: '/staff/queue', signedIn: true },
  { name: 'staff-queue-stats', path: '/staff/queue/stats', signedIn: true },
  { name: 'survey', path: '/survey', signedIn: false },
  { name: 'staff-dashboard', path: '/staff/dashboard', signedIn: true },
  { name: 'staff-surveys', path: '/staff/surveys', signedIn: true },
  { name: 'staff-frontdesk', path: '/staff/frontdesk', signedIn: true },
  { name: 'staff-facilities', path: '/staff/facilities', signedIn: true },
  { name: 'news', path: '/news', signedIn: false },
  { name: 'services', path: '/services', signedIn: false },
  { name: 'about-structure', path: '/about/structure', signedIn: false },
  { name: 'procurement', path: '/procurement', signedIn: false },
  { name: 'staff-budget', path: '/staff/budget', signedIn: true },
  { name: 'staff-procurement', path: '/staff/procurement', signedIn: true },
  { name: 'search', path: '/search?q=%E0%B8%A0%E0%B8%B2%E0%B8%A9%E0%B8%B5', signedIn: false },
  { name: 'ita-year', path: '/ita/2569', signedIn: false },
  { name: 'publications', path: '/publications', signedIn: false },
  { name: 'staff-disclosure', path: '/staff/disclosure', signedIn: true },
  { name: 'staff-services-new', path: '/staff/services/new', signedIn: true },
  { name: 'complaints', path: '/complaints', signedIn: false, viewportShot: true },
  { name: 'complaint-stats', path: '/complaints/stats/2569', signedIn: false },
  { name: 'staff-circulars-new', path: '/staff/circulars/new', signedIn: true },
  { name: 'staff-meetings-new', path: '/staff/meetings/new', signedIn: true, viewportShot: true },
];
const SHOTS = path.join('test-results', 'screenshots');

for (const screen of SCREENS) {
  test.describe(`at ${screen.width} × ${screen.height}`, () => {
    test.use({ viewport: screen });

    for (const p of PAGES) {
      const check = async (tab: Page) => {
        await tab.setViewportSize(screen);
        const response = await tab.goto(p.path);
        expect(response?.status()).toBe(200);
        await tab.locator('html').evaluate((html) => html.ownerDocument.fonts.ready.then(() => undefined));
        await expectNoSidewaysScroll(tab, `${p.path} at ${screen.width} px`);
        await tab.screenshot({ path: path.join(SHOTS, `${p.name}-${screen.width}.png`), fullPage: !p.viewportShot });
      };
      if (p.signedIn) test(`${p.path} fits without sideways scrolling`, ({ adminPage }) => check(adminPage));
      else test(`${p.path} fits without sideways scrolling`, ({ page }) => check(page));
    }
  });
}
