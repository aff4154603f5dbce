import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the real server (`tsx src/main.ts serve`) on a fresh PGlite data dir, driven
 * by Debian's Chromium (never a downloaded browser). The specs share one app and create their own
 * data; the "setup" project (the first-run setup story) runs before the rest.
 *
 * Two workers (PRONGSAI_E2E_WORKERS to change it), in three projects after "setup", queued in
 * this order:
 *   - "axe" (pages-pass-axe): its tests spread over both workers, each worker making its own
 *     records in the file's beforeAll;
 *   - "stories" (every other story): one at a time, in file order, as before: stories change
 *     the organization (the coordinator sets the chain of command and then routes a report
 *     along it), so no two of them run side by side;
 *   - "screens" (pages-fit-phones-and-wide-screens): only reads pages, so its tests run on the
 *     worker the stories leave free.
 * Playwright hands out work in that order, so the axe file's beforeAll (which sets a chain of
 * command too) has run on both workers before the first story starts.
 *
 * Playwright starts `webServer` before `globalSetup` runs, so the run's temporary directory and
 * ports are chosen here, when the runner first reads this file, and handed to the worker processes
 * (which read this file again) through the environment. `e2e/global-teardown.ts` stops the servers
 * and deletes the directory.
 */

/** A port nothing listens on now, chosen by the kernel: several runs on one machine never collide. */
function freePort(): number {
  const script = "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

if (!process.env.PRONGSAI_E2E_DIR) {
  // First read, in the runner process: this run's directory and ports.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-e2e-'));
  process.env.PRONGSAI_E2E_DIR = dir;
  process.env.PRONGSAI_E2E_PORT = String(freePort());
  process.env.PRONGSAI_E2E_FRESH_PORT = String(freePort());
  // The global teardown deletes it; this covers runs that end before the teardown can run
  // (a server that failed to start). Playwright has stopped the servers by the time this runs.
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

const runDir = process.env.PRONGSAI_E2E_DIR;
const port = process.env.PRONGSAI_E2E_PORT ?? '';
const freshPort = process.env.PRONGSAI_E2E_FRESH_PORT ?? '';
const baseURL = `http://127.0.0.1:${port}`;
const freshURL = `http://127.0.0.1:${freshPort}`;
process.env.PRONGSAI_E2E_FRESH_URL = freshURL;

/**
 * `npm test` hands over its compiled mirror of the repository (scripts/compile-tests.mjs: the
 * transform tsx applies, done once): the servers start from it without compiling the whole app
 * again, each on its own. Run directly, Playwright starts them through tsx as `npm start` does.
 */
const compiled = process.env.PRONGSAI_E2E_COMPILED;
const serveCommand =
  compiled && fs.existsSync(path.join(compiled, 'src/main.js'))
    ? `"${process.execPath}" --enable-source-maps "${path.join(compiled, 'src/main.js')}" serve`
    : 'npx tsx src/main.ts serve';

/** The app as `npm start` runs it: PGlite in its own data dir, whatever DATABASE_URL the shell has. */
function server(url: string, port: string, dataDir: string) {
  return {
    command: serveCommand,
    url: `${url}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: { PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  };
}

const SETUP = /admin-sets-up-a-new-organization\.spec\.ts$/;
const AXE = /pages-pass-axe\.spec\.ts$/;
const SCREENS = /pages-fit-phones-and-wide-screens\.spec\.ts$/;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  workers: Number(process.env.PRONGSAI_E2E_WORKERS) || 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // DOM snapshots and network of a failed test, without the costly screencast.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: SETUP },
    { name: 'axe', testMatch: AXE, fullyParallel: true, dependencies: ['setup'] },
    { name: 'stories', testMatch: /\.spec\.ts$/, testIgnore: [SETUP, AXE, SCREENS], workers: 1, dependencies: ['setup'] },
    { name: 'screens', testMatch: SCREENS, fullyParallel: true, dependencies: ['setup'] },
  ],
  webServer: [
    server(baseURL, port, path.join(runDir, 'data')),
    // A second installation that is never set up: the only way to reach the setup page after
    // the first story has used it.
    server(freshURL, freshPort, path.join(runDir, 'data-fresh')),
  ],
});
