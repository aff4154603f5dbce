import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { loadAdmin, runDir } from './run.js';
import { signIn } from './staff.js';

/**
 * `adminPage`: a page in its own context, signed in as the first administrator. The sign-in
 * happens once per run (the first worker that needs it; the others read its cookies from the run
 * directory) and its cookies are reused, so the stories do not spend the sign-in rate limit
 * (30 attempts in 10 minutes from one address). Never sign out on an `adminPage`: that ends the
 * shared session.
 */
export const test = base.extend<{ adminPage: Page }, { adminStorageState: string }>({
  adminStorageState: [
    async ({ browser }, use, workerInfo) => {
      const file = path.join(runDir(), 'admin-session.json');
      if (!fs.existsSync(file)) {
        const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
        const page = await context.newPage();
        await signIn(page, loadAdmin());
        await expect(page).toHaveURL(/\/staff$/);
        // Written whole, then renamed: another worker never reads half a file. Two workers
        // signing in at the same moment each keep a valid session.
        const partial = `${file}.${workerInfo.workerIndex}.tmp`;
        await context.storageState({ path: partial });
        fs.renameSync(partial, file);
        await context.close();
      }
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
