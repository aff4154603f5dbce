/**
 * `npm run bench`: the public home page of a freshly set-up organization, served by the app in
 * production mode, against nginx serving the very same HTML bytes as a static file, in the
 * same run and on the same machine (autocannon, 64 connections). Also the cold start (new data
 * dir: initdb in WASM; existing data dir) and the process's memory in PGlite mode.
 * Results are printed and written to bench/results/. Not part of `npm test`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTIONS, DURATION, freePort, load, type Measured, startNginx, stop, waitHttp } from './http-bench.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function startApp(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function timedStart(dataDir: string, port: number): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = startApp(dataDir, port);
  await waitHttp(`http://127.0.0.1:${port}/healthz`);
  return { child, ms: Math.round(performance.now() - started) };
}

async function setUp(base: string) {
  const page = await fetch(`${base}/setup`);
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const body = new URLSearchParams({
    _csrf: token,
    type: 'sao',
    name: 'ลูโบะปือซา',
    province: 'นราธิวาส',
    district: 'ยี่งอ',
    docCode: 'นธ 78101',
    address: 'เลขที่ 99 หมู่ที่ 2 ตำบลลูโบะปือซา อำเภอยี่งอ จังหวัดนราธิวาส',
    postcode: '96180',
    phone: '073 530 123',
    email: 'saraban@lubopeusa.example',
    titlePrefix: 'นาย',
    firstName: 'อับดุลเลาะ',
    lastName: 'สาและ',
    positionTitle: 'นักวิชาการคอมพิวเตอร์',
    username: 'admin',
    password: 'bench-password-2567',
    passwordConfirm: 'bench-password-2567',
  });
  const res = await fetch(`${base}/setup`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`setup failed: ${res.status}`);
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-'));
  fs.chmodSync(work, 0o755); // nginx's worker runs as an unprivileged user and must read the page
  const dataDir = path.join(work, 'data');
  const port = freePort(4100);
  console.log(`Prongsai bench — ${os.cpus().length} cores, Node ${process.version}, ${DURATION} s per run, ${CONNECTIONS} connections`);

  const first = await timedStart(dataDir, port);
  console.log(`cold start, new data dir (initdb + migrations): ${first.ms} ms`);
  await setUp(`http://127.0.0.1:${port}`);
  await stop(first.child);
  const second = await timedStart(dataDir, port);
  const app = second.child;
  console.log(`cold start, existing data dir: ${second.ms} ms`);
  const rssIdle = rssMb(app.pid as number);

  const url = `http://127.0.0.1:${port}/`;
  const html = Buffer.from(await (await fetch(url)).arrayBuffer());
  const appResult = await load(url);
  const rssLoaded = rssMb(app.pid as number);
  await stop(app);

  let nginxResult: Measured | null = null;
  const www = path.join(work, 'nginx', 'www');
  fs.mkdirSync(www, { recursive: true });
  fs.writeFileSync(path.join(www, 'index.html'), html);
  const nginxPort = freePort(5100);
  const nginx = startNginx(path.join(work, 'nginx'), nginxPort);
  if (nginx) {
    await waitHttp(`http://127.0.0.1:${nginxPort}/`);
    nginxResult = await load(`http://127.0.0.1:${nginxPort}/`);
    await stop(nginx);
  }

  const ratio = nginxResult ? appResult.requestsPerSec / nginxResult.requestsPerSec : null;
  const result = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    page: { path: '/', bytes: html.byteLength },
    coldStartNewDataDirMs: first.ms,
    coldStartExistingDataDirMs: second.ms,
    rssMb: { idle: rssIdle, afterLoad: rssLoaded },
    app: appResult,
    nginx: nginxResult,
    ratioToNginx: ratio === null ? null : Math.round(ratio * 100) / 100,
    goal: { ratioToNginx: 0.5, p99Ms: 50 },
  };
  console.log(`\nhome page (${html.byteLength} bytes of HTML)`);
  console.log(
    `  prongsai: ${appResult.requestsPerSec} req/s, p50 ${appResult.p50} ms, p99 ${appResult.p99} ms, errors ${appResult.errors}, non-2xx ${appResult.non2xx}`,
  );
  if (nginxResult) {
    console.log(`  nginx:    ${nginxResult.requestsPerSec} req/s, p50 ${nginxResult.p50} ms, p99 ${nginxResult.p99} ms`);
    console.log(`  ratio:    ${result.ratioToNginx}× nginx (goal ≥ 0.5×), p99 ${appResult.p99} ms (goal < 50 ms)`);
  } else {
    console.log('  nginx: not installed (apt-get install nginx) — no reference in this run');
  }
  console.log(`memory (RSS, PGlite): ${rssIdle} MB idle, ${rssLoaded} MB after load`);
  const out = path.join(root, 'bench', 'results', `${result.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(root, out)}`);
  fs.rmSync(work, { recursive: true, force: true });
  spawnSync('true');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
