#!/usr/bin/env node
// The whole suite, as the README promises: unit and integration tests on PGlite, again on
// PostgreSQL when TEST_DATABASE_URL is set, then the browser tests in Chromium when it is
// installed (said clearly when skipped).
//   npm test                      everything
//   npm test -- src/modules/auth  only test files under these paths (no browser tests)
//   npm test -- --e2e             only the browser tests
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const e2eOnly = args.includes('--e2e');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(path.relative(root, p));
  }
  return out;
}

function run(label, command, commandArgs, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===`);
  return r.status === 0;
}

const results = [];
if (!e2eOnly) {
  const files = walk(path.join(root, 'src')).filter((f) => filters.length === 0 || filters.some((x) => f.startsWith(path.normalize(x))));
  if (files.length === 0) {
    console.error('No test files match', filters.join(' '));
    process.exit(1);
  }
  const concurrency = String(Math.max(2, os.availableParallelism()));
  // Prepare the migrated PGlite template once, before the test processes race for it.
  const prepared = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', "import('./src/testing/database.ts').then((m) => m.ensurePgliteTemplate())"],
    { cwd: root, stdio: 'inherit' },
  );
  if (prepared.status !== 0) process.exit(1);
  const testArgs = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=dot', ...files];
  const pgliteEnv = { TEST_DATABASE_URL: '' };
  process.env.PRONGSAI_TEST_FAST_HASHING = '1';
  results.push([
    'unit and integration tests on PGlite',
    run('unit and integration tests on PGlite', process.execPath, testArgs, pgliteEnv),
  ]);
  if (process.env.TEST_DATABASE_URL) {
    results.push(['unit and integration tests on PostgreSQL', run('unit and integration tests on PostgreSQL', process.execPath, testArgs)]);
  } else {
    console.log(
      '\nPostgreSQL pass SKIPPED: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the suite on PostgreSQL too.',
    );
  }
}

if (filters.length === 0 || e2eOnly) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(chromium)) {
    results.push([
      'browser tests in Chromium',
      run('browser tests in Chromium', process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test'], {
        CHROMIUM_PATH: chromium,
      }),
    ]);
  } else {
    console.log(`\nBrowser tests SKIPPED: Chromium not found at ${chromium}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
}

console.log('\nSummary:');
for (const [label, ok] of results) console.log(`  ${ok ? 'ok    ' : 'FAILED'} ${label}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
