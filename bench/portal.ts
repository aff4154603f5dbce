/**
 * `npm run bench:portal`: the public portal of the demo organization (news, services, the
 * organization pages — realistic pages, not an empty site), in production mode on PGlite:
 *
 * 1. throughput of the home page and the news list (and a news item, a service guide) served by
 *    the app — rendered once into the page cache, then bytes — against nginx serving the very
 *    same bytes as static files, in the same run (goal: ≥ 0.5× nginx);
 * 2. Lighthouse (mobile, Debian Chromium) on the home page, a news page and a service page
 *    (goals: performance ≥ 0.9, accessibility ≥ 0.95, best practices ≥ 0.9, SEO ≥ 0.9).
 *    Lighthouse is fetched with npx at the pinned version the first time (not a dependency of
 *    the app). BENCH_LIGHTHOUSE=0 skips it.
 *
 * Results are printed and written to bench/results/portal-*.json. Not part of `npm test`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTIONS, DURATION, freePort, load, type Measured, startNginx, stop, waitHttp } from './http-bench.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const LIGHTHOUSE = 'lighthouse@12.8.2';
const CHROME = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function startDemo(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'demo'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      PRONGSAI_DEMO_PASSWORD: 'bench-demo-password-2567',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The first link on a page that matches a pattern (a news item, a service guide). */
async function firstLink(url: string, pattern: RegExp): Promise<string | null> {
  const html = await (await fetch(url)).text();
  return pattern.exec(html)?.[1] ?? null;
}

interface PageResult {
  path: string;
  bytes: number;
  app: Measured;
  nginx: Measured | null;
  ratioToNginx: number | null;
}

interface LighthouseScores {
  path: string;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  failed?: string[];
}

function lighthouse(url: string): LighthouseScores | null {
  const out = path.join(os.tmpdir(), `prongsai-lh-${process.pid}-${Date.now()}.json`);
  const run = spawnSync(
    'npx',
    [
      '-y',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--form-factor=mobile',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking',
    ],
    { cwd: root, env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 },
  );
  if (run.status !== 0 || !fs.existsSync(out)) return null;
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  const score = (k: string) => {
    const s = report.categories?.[k]?.score;
    return typeof s === 'number' ? Math.round(s * 100) / 100 : null;
  };
  // The audits that cost points, so a low score says why.
  const failed = Object.values(report.audits as Record<string, { id: string; score: number | null; scoreDisplayMode: string }>)
    .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
    .map((a) => a.id);
  return {
    path: new URL(url).pathname,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    failed,
  };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-portal-bench-'));
  fs.chmodSync(work, 0o755); // nginx's worker runs as an unprivileged user and must read the pages
  const dataDir = path.join(work, 'data');
  const port = freePort(4300);
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `Prongsai portal bench — ${os.cpus().length} cores, Node ${process.version}, ${DURATION} s per run, ${CONNECTIONS} connections`,
  );
  console.log('seeding the demo organization …');
  const app = startDemo(dataDir, port);
  await waitHttp(`${base}/healthz`, 600_000);
  // The demo seeds before it serves; /healthz answers once it serves.

  const paths = ['/', '/news'];
  const news = await firstLink(`${base}/news`, /href="(\/news\/\d+)"/);
  if (news) paths.push(news);
  const service = await firstLink(`${base}/services`, /href="(\/services\/\d+)"/);
  if (service) paths.push(service);

  const bodies = new Map<string, Buffer>();
  const appResults = new Map<string, Measured>();
  for (const p of paths) {
    const res = await fetch(base + p);
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    bodies.set(p, Buffer.from(await res.arrayBuffer()));
    appResults.set(p, await load(base + p));
  }

  let scores: LighthouseScores[] = [];
  if (process.env.BENCH_LIGHTHOUSE !== '0') {
    const targets = ['/', news, service].filter((p): p is string => !!p);
    scores = targets.map(
      (p) => lighthouse(base + p) ?? { path: p, performance: null, accessibility: null, bestPractices: null, seo: null },
    );
  }
  await stop(app);

  // nginx serves the same bytes, one file per page.
  const www = path.join(work, 'nginx', 'www');
  const files = new Map<string, string>();
  paths.forEach((p, i) => {
    const name = `page-${i}.html`;
    fs.mkdirSync(www, { recursive: true });
    fs.writeFileSync(path.join(www, name), bodies.get(p) as Buffer);
    files.set(p, name);
  });
  const nginxPort = freePort(5300);
  const nginx = startNginx(path.join(work, 'nginx'), nginxPort);
  const nginxResults = new Map<string, Measured>();
  if (nginx) {
    await waitHttp(`http://127.0.0.1:${nginxPort}/${files.get('/')}`);
    for (const p of paths) nginxResults.set(p, await load(`http://127.0.0.1:${nginxPort}/${files.get(p)}`));
    await stop(nginx);
  }

  const pages: PageResult[] = paths.map((p) => {
    const a = appResults.get(p) as Measured;
    const n = nginxResults.get(p) ?? null;
    return {
      path: p,
      bytes: (bodies.get(p) as Buffer).byteLength,
      app: a,
      nginx: n,
      ratioToNginx: n ? Math.round((a.requestsPerSec / n.requestsPerSec) * 100) / 100 : null,
    };
  });

  for (const r of pages) {
    console.log(`\n${r.path} (${r.bytes} bytes of HTML)`);
    console.log(
      `  prongsai: ${r.app.requestsPerSec} req/s, p50 ${r.app.p50} ms, p99 ${r.app.p99} ms, errors ${r.app.errors}, non-2xx ${r.app.non2xx}`,
    );
    if (r.nginx) {
      console.log(`  nginx:    ${r.nginx.requestsPerSec} req/s, p50 ${r.nginx.p50} ms, p99 ${r.nginx.p99} ms`);
      console.log(`  ratio:    ${r.ratioToNginx}× nginx (goal ≥ 0.5×)`);
    } else {
      console.log('  nginx: not installed (apt-get install nginx) — no reference in this run');
    }
  }
  if (scores.length) {
    console.log('\nLighthouse (mobile): performance / accessibility / best practices / SEO (goals 0.9 / 0.95 / 0.9 / 0.9)');
    for (const s of scores) {
      console.log(
        `  ${s.path}: ${s.performance} / ${s.accessibility} / ${s.bestPractices} / ${s.seo}${s.failed?.length ? `  (failed: ${s.failed.join(', ')})` : ''}`,
      );
    }
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    database: 'pglite',
    pages,
    lighthouse: scores,
    goal: { ratioToNginx: 0.5, lighthouse: { performance: 0.9, accessibility: 0.95, bestPractices: 0.9, seo: 0.9 } },
  };
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `portal-${result.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'portal-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(root, out)}`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
