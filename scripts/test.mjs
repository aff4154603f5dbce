#!/usr/bin/env node
// The whole suite, as the README promises: unit and integration tests on PGlite, again on
// PostgreSQL when TEST_DATABASE_URL is set, then the browser tests in Chromium when it is
// installed (said clearly when skipped).
//   npm test                      everything
//   npm test -- src/modules/auth  only test files under these paths (no browser tests)
//   npm test -- --e2e             only the browser tests
//
// Each test file runs in its own process (as `node --test` would run it), a few at a time (PRONGSAI_TEST_CONCURRENCY, default: the cores, at least 2). The two
// database passes share one queue, longest files first, so no core idles at the end while one
// long file finishes. Durations of earlier runs are kept in node_modules/.cache/prongsai/
// test-times.json; a fresh clone estimates them (files that start the app as child processes,
// then files with a test database, then the rest). The PostgreSQL pass runs only the files whose
// imports reach TEST_DATABASE_URL: the others would run exactly the same code a second time.
// One line per file with its time; a failing file's whole output; the slowest files of each
// pass at the end. PRONGSAI_TEST_CPU=1 adds each file's CPU time (user + system, its child
// processes included; needs /usr/bin/time), steadier than wall time on a busy machine.
//
// The TypeScript is compiled once per run, into this run's own mirror of the repository
// (scripts/compile-tests.mjs, about two seconds), and each file runs as plain JavaScript with
// source maps (`node --enable-source-maps FILE.js`): the same esbuild transform tsx applies, but
// done once instead of once per process, and without tsx's module hooks in every process. That
// halves each process's start-up. PRONGSAI_TEST_TSX=1 runs the files through tsx as before.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileForTests, removeCompiled } from './compile-tests.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const e2eOnly = args.includes('--e2e');
const filters = args.filter((a) => !a.startsWith('--'));
const timeCommand = '/usr/bin/time';
const cpuTimes = process.env.PRONGSAI_TEST_CPU === '1' && fs.existsSync(timeCommand);

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

/** The repository files a file imports (static and dynamic imports of relative paths). */
const importsOf = new Map();
function localImports(file) {
  let out = importsOf.get(file);
  if (out) return out;
  out = [];
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = path.join(path.dirname(file), m[1] ?? '');
    const candidates = [
      target,
      target.replace(/\.js$/, '.ts'),
      target.replace(/\.js$/, '.tsx'),
      `${target}.ts`,
      `${target}.tsx`,
      path.join(target, 'index.ts'),
    ];
    const found = candidates.find((c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile());
    if (found) out.push(found);
  }
  importsOf.set(file, out);
  return out;
}

/** The file and every repository file it imports, directly or not. */
function closure(file) {
  const seen = new Set();
  const stack = [file];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...localImports(f));
  }
  return seen;
}

/**
 * Whether a test file can run differently with TEST_DATABASE_URL set: some file it imports,
 * directly or not, reads it (src/testing/database.ts for every test database). A file whose
 * imports never reach it runs exactly the same code on both passes: once is enough.
 */
const usesTestDatabase = (file) =>
  [...closure(file)].some((f) => fs.readFileSync(path.join(root, f), 'utf8').includes('TEST_DATABASE_URL'));

const timesFile = path.join(root, 'node_modules/.cache/prongsai/test-times.json');
function readTimes() {
  try {
    return JSON.parse(fs.readFileSync(timesFile, 'utf8'));
  } catch {
    return {};
  }
}
function writeTimes(times) {
  try {
    fs.mkdirSync(path.dirname(timesFile), { recursive: true });
    fs.writeFileSync(timesFile, `${JSON.stringify(times, null, 1)}\n`);
  } catch {
    // A read-only checkout runs in the estimated order next time.
  }
}

/**
 * A guess at a file's duration (ms) when no earlier run timed it: files that start the app as
 * child processes are by far the slowest, then the ones with a test database; longer first.
 */
function estimate(file) {
  const imports = closure(file);
  const size = fs.statSync(path.join(root, file)).size;
  if (imports.has('src/testing/processes.ts')) return 60_000 + size;
  if (imports.has('src/testing/database.ts')) return 20_000 + size;
  return 5_000 + size;
}

const running = new Set();
/** This run's compiled mirror of the repository (none with PRONGSAI_TEST_TSX=1), deleted at exit. */
let compiled = null;
process.once('exit', () => {
  if (compiled) removeCompiled(compiled);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** Node's flags and the file to run for a test file: compiled JavaScript with source maps, or the .ts through tsx. */
function runnable(file) {
  if (!compiled) return { flags: ['--import', 'tsx'], file };
  return { flags: ['--enable-source-maps'], file: path.join(compiled, file.replace(/\.tsx?$/, '.js')) };
}

/** Runs the jobs, `concurrency` at a time, in the order given; resolves when all have ended. */
function runPool(jobs, concurrency) {
  return new Promise((resolve) => {
    let next = 0;
    let active = 0;
    const start = () => {
      while (active < concurrency && next < jobs.length) {
        const job = jobs[next++];
        active++;
        const started = Date.now();
        let output = '';
        const { flags, file } = runnable(job.file);
        const command = [process.execPath, ...flags, '--test-reporter=spec', file];
        if (cpuTimes) command.unshift(timeCommand, '-f', 'CPU %U %S');
        const child = spawn(command[0], command.slice(1), {
          cwd: root,
          // Child processes that a test starts with `node --import tsx` from the mirror run the
          // real .ts files: tsx must read the repository's tsconfig (JSX settings) for them.
          env: { ...process.env, ...(compiled ? { TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') } : {}), ...job.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        running.add(child);
        child.stdout.setEncoding('utf8').on('data', (d) => {
          output += d;
        });
        child.stderr.setEncoding('utf8').on('data', (d) => {
          output += d;
        });
        child.once('close', (code, signal) => {
          running.delete(child);
          job.ms = Date.now() - started;
          job.ok = code === 0;
          const cpu = cpuTimes ? /^CPU ([\d.]+) ([\d.]+)$/m.exec(output) : null;
          job.cpu = cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined;
          console.log(
            `${job.ok ? 'ok    ' : 'FAILED'} ${seconds(job)}  ${job.pass.padEnd(10)}  ${job.file}${signal ? ` (${signal})` : ''}`,
          );
          if (!job.ok)
            console.log(`\n--- ${job.file} on ${job.pass} ---\n${output.trimEnd()}\n--- end of ${job.file} on ${job.pass} ---\n`);
          active--;
          if (next >= jobs.length && active === 0) resolve();
          else start();
        });
      }
    };
    if (jobs.length === 0) resolve();
    else start();
  });
}

const seconds = (job) =>
  `${(job.ms / 1000).toFixed(1).padStart(6)} s${job.cpu === undefined ? '' : ` (${job.cpu.toFixed(1).padStart(5)} s CPU)`}`;

const results = [];
if (!e2eOnly) {
  const files = walk(path.join(root, 'src'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.startsWith(path.normalize(x))))
    .sort();
  if (files.length === 0) {
    console.error('No test files match', filters.join(' '));
    process.exit(1);
  }
  const concurrency = Number(process.env.PRONGSAI_TEST_CONCURRENCY) || Math.max(2, os.availableParallelism());
  if (process.env.PRONGSAI_TEST_TSX !== '1') {
    const startedCompile = Date.now();
    compiled = await compileForTests();
    console.log(`Compiled the TypeScript for this run in ${((Date.now() - startedCompile) / 1000).toFixed(1)} s.`);
  }
  // Prepare the migrated templates once (PGlite's, and PostgreSQL's when that pass runs), before
  // the test processes race for them.
  const databaseModule = compiled ? path.join(compiled, 'src/testing/database.js') : path.join(root, 'src/testing/database.ts');
  const prepared = spawnSync(
    process.execPath,
    [
      ...(compiled ? [] : ['--import', 'tsx']),
      '-e',
      `import(${JSON.stringify(pathToFileURL(databaseModule).href)}).then(async (m) => { await m.ensurePgliteTemplate(); if (process.env.TEST_DATABASE_URL) await m.ensurePgTemplate(); })`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (prepared.status !== 0) process.exit(1);
  process.env.PRONGSAI_TEST_FAST_HASHING = '1';

  const passes = [{ name: 'PGlite', label: 'unit and integration tests on PGlite', env: { TEST_DATABASE_URL: '' }, files }];
  if (process.env.TEST_DATABASE_URL) {
    passes.push({ name: 'PostgreSQL', label: 'unit and integration tests on PostgreSQL', env: {}, files: files.filter(usesTestDatabase) });
  }
  const times = readTimes();
  const expected = (pass, file) => times[`${pass}:${file}`] ?? times[`PGlite:${file}`] ?? estimate(file);
  const jobs = passes
    .flatMap((p) => p.files.map((file) => ({ pass: p.name, file, env: p.env, expected: expected(p.name, file) })))
    .sort((a, b) => b.expected - a.expected);

  console.log(`\n=== ${passes.map((p) => `${p.label} (${p.files.length} files)`).join(', and ')}: ${concurrency} at a time ===`);
  if (passes.length === 1) {
    console.log(
      'PostgreSQL pass SKIPPED: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run the suite on PostgreSQL too.',
    );
  } else if (passes[1].files.length < files.length) {
    console.log(`${files.length - passes[1].files.length} file(s) never reach a test database: they run once, on the PGlite pass.`);
  }
  const started = Date.now();
  await runPool(jobs, concurrency);

  for (const job of jobs) if (job.ok) times[`${job.pass}:${job.file}`] = job.ms;
  writeTimes(times);

  for (const p of passes) {
    const mine = jobs.filter((j) => j.pass === p.name);
    const failed = mine.filter((j) => !j.ok);
    console.log(`\n=== ${p.label}: ${failed.length ? `FAILED (${failed.map((j) => j.file).join(', ')})` : 'passed'} ===`);
    const total = mine.reduce((s, j) => s + j.ms, 0);
    console.log(`Slowest of ${mine.length} files (together ${Math.round(total / 1000)} s):`);
    for (const j of [...mine].sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`  ${seconds(j)}  ${j.file}`);
    results.push([p.label, failed.length === 0]);
  }
  console.log(`\n=== ${passes.map((p) => p.name).join(' and ')} passes: ${Math.round((Date.now() - started) / 1000)} s ===`);
}

if (filters.length === 0 || e2eOnly) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(chromium)) {
    // The servers the browser tests start run this run's compiled JavaScript (playwright.config.ts
    // reads PRONGSAI_E2E_COMPILED): the same code without compiling the whole app through tsx in
    // each server at start.
    if (!compiled && process.env.PRONGSAI_TEST_TSX !== '1') compiled = await compileForTests();
    results.push([
      'browser tests in Chromium',
      run('browser tests in Chromium', process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test'], {
        CHROMIUM_PATH: chromium,
        ...(compiled ? { PRONGSAI_E2E_COMPILED: compiled, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') } : {}),
      }),
    ]);
  } else {
    console.log(`\nBrowser tests SKIPPED: Chromium not found at ${chromium}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  }
}

console.log('\nSummary:');
for (const [label, ok] of results) console.log(`  ${ok ? 'ok    ' : 'FAILED'} ${label}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
