import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { loadAdmin, runDir } from './run.js';
import { signIn } from './staff.js';

/**
 * `adminPage`: a page in its own context, signed in as the first administrator. The sign-in
 * happens once per worker and its cookies are reused, so the stories do not spend the sign-in
 * rate limit. Never sign out on an `adminPage`: that ends the shared session.
 */
export const test = base.extend<{ adminPage: Page }, { adminStorageState: string }>({
  adminStorageState: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const page = await context.newPage();
      await signIn(page, loadAdmin());
      await expect(page).toHaveURL(/\/staff$/);
      const file = path.join(runDir(), `admin-session-${workerInfo.workerIndex}.json`);
      await context.storageState({ path: file });
      await context.close();
      await use(file);
    },
    { scope: 'worker' },
  ],
  adminPage: async ({ browser, adminStorageState }, use) => {
    const context = await browser.newContext({ storageState: adminStorageState });
    await use(await context.newPage());
    await context.close();
  },
});

export { expect };
