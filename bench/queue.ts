/**
 * `npx tsx bench/queue.ts [--db=pglite|postgresql|both]`: the service queue under load, with the
 * app in production mode (its own process, as `npm start` runs it), on PGlite and on PostgreSQL.
 *
 * 1. Issuing: 10,000 tickets through POST /api/queue/tickets at 200 concurrent connections, as
 *    a front-desk account (bearer token; the public rate limit does not apply to staff):
 *    throughput, p50/p99. Then, in the database: the numbers of the measured service are exactly
 *    1..N (no duplicate, no gap), N = the 2xx answers = the day counter, one `issued` event and
 *    one audit entry per ticket, and the audit chain intact. References in the same run, same
 *    load, same server: a write through the same command path that does one INSERT (a measure's
 *    progress entry: policy check, transaction, audit entry) and the public home page.
 * 2. Call to board: 100 display boards on GET /api/queue/events (SSE); counters call one ticket
 *    at a time; latency from the call's HTTP response (and from its request) to each board
 *    receiving `event: call`: p50/p95/max, and whether every board got every call once.
 *
 * Knobs (environment): BENCH_QUEUE_TICKETS (10000), BENCH_QUEUE_CONCURRENCY (200),
 * BENCH_QUEUE_REF_REQUESTS (as many as tickets), BENCH_QUEUE_BOARDS (100), BENCH_QUEUE_CALLS (30),
 * BENCH_PG_URL (postgres://postgres@127.0.0.1:5433/postgres: a fresh database is created there
 * and dropped afterwards), BENCH_QUEUE_APP_NODE_ARGS (extra node flags for the app, e.g. --cpu-prof). Results are printed as a markdown table and written to
 * bench/results/queue-<db>.json. Exit code 1 when a check fails (duplicates, gaps, errors).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { verifyAuditChain } from '../src/core/audit/audit.js';
import { loadConfig } from '../src/core/config.js';
import { openDatabase } from '../src/core/db/client.js';
import { type BenchOrg, seedBenchOrg } from './queue-seed.js';
import { Board, type BoardCallSeen } from './queue-sse.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};
const TICKETS = num('BENCH_QUEUE_TICKETS', 10_000);
const CONCURRENCY = num('BENCH_QUEUE_CONCURRENCY', 200);
const REF_REQUESTS = num('BENCH_QUEUE_REF_REQUESTS', TICKETS);
const BOARDS = num('BENCH_QUEUE_BOARDS', 100);
const CALLS = num('BENCH_QUEUE_CALLS', 30);
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
const BOARD_WAIT_MS = 5_000;

type DbName = 'pglite' | 'postgresql';

// ---------------------------------------------------------------------------------------------
// Small tools

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

function dist(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: round(quantile(s, 0.5)), p95: round(quantile(s, 0.95)), max: round(s.at(-1) ?? Number.NaN) };
}

async function waitHttp(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before answering (see its log above)`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`${url} did not answer in time`);
    await sleep(100);
  }
}

/** One HTTP request on a kept-alive connection (the call phase: one call at a time). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function request(
  port: number,
  method: string,
  pathname: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: string; sentAt: number; answeredAt: number }> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathname,
        agent,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sentAt, answeredAt: performance.now() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(port: number, account: { username: string; password: string }): Promise<string> {
  const res = await request(port, 'POST', '/api/auth/login', { body: account });
  if (res.status !== 200) throw new Error(`sign-in of ${account.username} failed: ${res.status} ${res.body.slice(0, 300)}`);
  return (JSON.parse(res.body) as { token: string }).token;
}

// ---------------------------------------------------------------------------------------------
// The app server

interface App {
  child: ChildProcess;
  port: number;
  logFile: string;
}

/** What to undo when the run is interrupted (Ctrl-C): the app server, the PostgreSQL database, the work dir. */
const cleanups = new Set<() => Promise<void> | void>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: cleaning up…`);
    void Promise.allSettled([...cleanups].map(async (f) => f())).then(() => process.exit(130));
  });
}

function startApp(env: Record<string, string>, logFile: string): App {
  const port = 4600 + Math.floor(Math.random() * 1000);
  const log = fs.openSync(logFile, 'a');
  // BENCH_QUEUE_APP_NODE_ARGS: extra flags for the app's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_QUEUE_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  return { child, port, logFile };
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const done = new Promise((r) => app.child.once('exit', r));
  app.child.kill('SIGTERM');
  const killed = await Promise.race([done.then(() => false), sleep(20_000).then(() => true)]);
  if (killed) {
    console.log('  (the app did not stop within 20 s of SIGTERM: killed)');
    app.child.kill('SIGKILL');
    await done;
  }
}

/** Warnings and errors the app logged (pino JSON lines), grouped by message. */
function appLog(logFile: string): { lines: number; messages: { msg: string; level: number; count: number }[] } {
  const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
  const counts = new Map<string, { msg: string; level: number; count: number }>();
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    lines++;
    let msg = line.slice(0, 200);
    let level = 0;
    try {
      const j = JSON.parse(line) as { msg?: string; level?: number; err?: { message?: string } };
      msg = `${j.msg ?? ''}${j.err?.message ? `: ${j.err.message}` : ''}`.slice(0, 200);
      level = j.level ?? 0;
    } catch {
      /* not JSON: kept as is */
    }
    const e = counts.get(msg) ?? { msg, level, count: 0 };
    e.count++;
    counts.set(msg, e);
  }
  return { lines, messages: [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 10) };
}

function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return round(ticks / 100, 2);
  } catch {
    return null;
  }
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Load

interface Load {
  requests: number;
  connections: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** The first few answers that were not 2xx, as received. */
  failures: string[];
  /** Answers per second over the first and the last fifth of the steady state (does it slow down as the queue grows?). */
  firstFifthPerSecond: number;
  lastFifthPerSecond: number;
}

async function load(
  port: number,
  spec: { method: 'GET' | 'POST'; path: string; token?: string; body?: string; amount: number; onOk?: (body: string) => void },
): Promise<Load> {
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let ok = 0;
  const answered: number[] = [];
  const started = performance.now();
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: Math.min(CONCURRENCY, spec.amount),
    amount: spec.amount,
    timeout: 60,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        headers: {
          ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
          ...(spec.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(spec.body ? { body: spec.body } : {}),
        onResponse: (status: number, body: string) => {
          answered.push(performance.now());
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status >= 200 && status < 300) {
            ok++;
            spec.onOk?.(body);
          } else if (failures.length < 5) failures.push(`${status} ${String(body).slice(0, 300)}`);
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  // Steady state only: without the first and last `connections` answers (the pipeline filling and draining).
  const conns = Math.min(CONCURRENCY, spec.amount);
  const steady = answered.slice(conns, Math.max(conns, answered.length - conns));
  const fifth = Math.floor(steady.length / 5);
  const rate = (from: number, to: number) => (fifth < 2 ? 0 : Math.round((to - from) / (((steady[to] ?? 0) - (steady[from] ?? 0)) / 1000)));
  return {
    requests: spec.amount,
    connections: Math.min(CONCURRENCY, spec.amount),
    seconds: round(seconds, 2),
    perSecond: Math.round(ok / seconds),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    ok,
    statuses,
    errors: r.errors,
    timeouts: r.timeouts,
    failures,
    firstFifthPerSecond: rate(0, fifth),
    lastFifthPerSecond: rate(steady.length - 1 - fifth, steady.length - 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Call to board

interface CallToBoard {
  available: boolean;
  reason?: string;
  boards: number;
  connected: number;
  connectErrors: string[];
  /** Time from opening the stream to the first snapshot. */
  firstSnapshotMs: ReturnType<typeof dist> | null;
  calls: number;
  callHttp: ReturnType<typeof dist> | null;
  /** From the call's HTTP response to the board's `event: call` (negative: the board heard first). */
  fromResponseMs: ReturnType<typeof dist> | null;
  /** From sending the call request to the board's `event: call`. */
  fromRequestMs: ReturnType<typeof dist> | null;
  /** Board × call pairs where the board did not get the call within 5 s. */
  missed: number;
  /** A board got the same call twice (recall: false). */
  duplicates: number;
  /** The call event named another label or counter than the call made. */
  wrong: number;
  snapshotsPerBoard: number;
  malformed: string[];
  unknownEvents: Record<string, number>;
  boardsDropped: number;
  callFailures: string[];
}

async function callToBoard(port: number, seed: BenchOrg, counterToken: string): Promise<CallToBoard> {
  const result: CallToBoard = {
    available: false,
    boards: BOARDS,
    connected: 0,
    connectErrors: [],
    firstSnapshotMs: null,
    calls: 0,
    callHttp: null,
    fromResponseMs: null,
    fromRequestMs: null,
    missed: 0,
    duplicates: 0,
    wrong: 0,
    snapshotsPerBoard: 0,
    malformed: [],
    unknownEvents: {},
    boardsDropped: 0,
    callFailures: [],
  };
  const waiting = new Map<number, { boards: Set<Board>; resolve: () => void }>();
  const onCall = (board: Board, call: BoardCallSeen) => {
    const w = waiting.get(call.ticketId);
    if (!w) return;
    w.boards.delete(board);
    if (w.boards.size === 0) w.resolve();
  };

  // One board first: is the endpoint there at all?
  const probe = new Board(0, onCall);
  try {
    await probe.connect({ port, path: '/api/queue/events', timeoutMs: 10_000 });
  } catch (e) {
    probe.close();
    result.reason = (e as Error).message;
    return result;
  }
  result.available = true;
  const boards: Board[] = [probe];
  const firstSnapshot: number[] = [];
  const rest = await Promise.allSettled(
    Array.from({ length: BOARDS - 1 }, async (_, i) => {
      const b = new Board(i + 1, onCall);
      boards.push(b);
      firstSnapshot.push(await b.connect({ port, path: '/api/queue/events', timeoutMs: 20_000 }));
      return b;
    }),
  );
  for (const r of rest) if (r.status === 'rejected' && result.connectErrors.length < 5) result.connectErrors.push(String(r.reason));
  const live = boards.filter((b) => b.error === null && b.closedAt === null);
  result.connected = live.length;
  result.firstSnapshotMs = dist(firstSnapshot);
  await sleep(500);

  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  const httpMs: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const counterIndex = i % seed.counterIds.length;
    const counterId = seed.counterIds[counterIndex] as number;
    // Registered before the request: a board may hear of the call before its HTTP answer arrives.
    let resolveAll = () => {};
    const all = new Promise<void>((r) => {
      resolveAll = r;
    });
    const expecting = new Set(live.filter((b) => b.closedAt === null));
    let ticketId = -1;
    // The ticket id is known only from the answer: collect calls per board until then.
    const pending = { boards: expecting, resolve: resolveAll };
    const before = new Map(live.map((b) => [b, b.calls.length]));
    const res = await request(port, 'POST', `/api/queue/counters/${counterId}/call-next`, { token: counterToken });
    httpMs.push(res.answeredAt - res.sentAt);
    if (res.status !== 200) {
      result.callFailures.push(`call-next ${res.status} ${res.body.slice(0, 300)}`);
      continue;
    }
    const ticket = JSON.parse(res.body) as { id: number; label: string };
    ticketId = ticket.id;
    result.calls++;
    waiting.set(ticketId, pending);
    // Boards that already heard it (before the answer came back).
    for (const b of live) if (b.calls.slice(before.get(b) ?? 0).some((c) => c.ticketId === ticketId)) expecting.delete(b);
    if (expecting.size === 0) resolveAll();
    await Promise.race([all, sleep(BOARD_WAIT_MS)]);
    waiting.delete(ticketId);
    for (const b of live) {
      const seen = b.calls.filter((c) => c.ticketId === ticketId && !c.recall);
      if (seen.length === 0) {
        result.missed++;
        continue;
      }
      if (seen.length > 1) result.duplicates += seen.length - 1;
      const first = seen[0] as BoardCallSeen;
      if (first.label !== ticket.label || first.counterNumber !== counterIndex + 1) result.wrong++;
      fromResponse.push(first.at - res.answeredAt);
      fromRequest.push(first.at - res.sentAt);
    }
    const fin = await request(port, 'POST', `/api/queue/tickets/${ticketId}/finish`, { token: counterToken });
    if (fin.status !== 200) result.callFailures.push(`finish ${fin.status} ${fin.body.slice(0, 300)}`);
    await sleep(300); // past the 250 ms snapshot coalescing, so calls do not overlap
  }
  // Late duplicates (a call event sent twice, a while apart) show up here too.
  await sleep(500);
  result.duplicates = 0;
  for (const b of live) {
    const seen = new Map<number, number>();
    for (const c of b.calls) if (!c.recall) seen.set(c.ticketId, (seen.get(c.ticketId) ?? 0) + 1);
    for (const n of seen.values()) if (n > 1) result.duplicates += n - 1;
  }
  result.boardsDropped = live.filter((b) => b.closedAt !== null || b.error !== null).length;
  result.snapshotsPerBoard = round(live.reduce((s, b) => s + b.snapshots, 0) / Math.max(1, live.length));
  for (const b of live) {
    for (const m of b.malformed) if (result.malformed.length < 5) result.malformed.push(m);
    for (const [k, v] of b.unknown) result.unknownEvents[k] = (result.unknownEvents[k] ?? 0) + v;
  }
  for (const b of boards) b.close();
  result.callHttp = dist(httpMs);
  result.fromResponseMs = dist(fromResponse);
  result.fromRequestMs = dist(fromRequest);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The database checks

interface Checks {
  tickets: number;
  okAnswers: number;
  /** Numbers given twice in a day. */
  duplicateNumbers: number;
  /** Numbers missing from 1..max in a day. */
  gaps: number;
  /** Tickets per Bangkok day (a run across midnight restarts the numbers). */
  days: { day: string; tickets: number; distinct: number; min: number; max: number; counterLast: number | null }[];
  distinctLabelsAnswered: number;
  issuedEvents: number;
  auditEntries: number;
  auditChainOk: boolean;
  auditChainEntries: number;
  passed: boolean;
  problems: string[];
}

async function check(
  dbEnv: { dataDir: string; databaseUrl?: string },
  seed: BenchOrg,
  okAnswers: number,
  labels: Set<string>,
): Promise<Checks> {
  const database = await openDatabase({ dataDir: dbEnv.dataDir, databaseUrl: dbEnv.databaseUrl });
  try {
    const q = database.query.bind(database);
    const days = await q<{ day: string; n: number; d: number; mn: number; mx: number }>(
      `SELECT day::text AS day, count(*)::int AS n, count(DISTINCT number)::int AS d, min(number)::int AS mn, max(number)::int AS mx
         FROM queue_tickets WHERE org_id = $1 AND number_service_id = $2 GROUP BY day ORDER BY day`,
      [seed.orgId, seed.serviceId],
    );
    const counters = await q<{ day: string; last: number }>(
      'SELECT day::text AS day, last::int AS last FROM queue_day_counters WHERE org_id = $1 AND service_id = $2',
      [seed.orgId, seed.serviceId],
    );
    const [events] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM queue_ticket_events e JOIN queue_tickets t ON t.org_id = e.org_id AND t.id = e.ticket_id
        WHERE e.org_id = $1 AND e.kind = 'issued' AND t.number_service_id = $2`,
      [seed.orgId, seed.serviceId],
    );
    const [audit] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log a JOIN queue_tickets t ON t.org_id = a.org_id AND t.id::text = a.entity_id
        WHERE a.org_id = $1 AND a.action = 'queue.issueTicket' AND t.number_service_id = $2`,
      [seed.orgId, seed.serviceId],
    );
    const chain = await verifyAuditChain(database.db, seed.orgId);
    const problems: string[] = [];
    let duplicateNumbers = 0;
    let gaps = 0;
    const out: Checks['days'] = [];
    for (const d of days) {
      duplicateNumbers += d.n - d.d;
      gaps += d.mx - d.d; // numbers 1..max not present (max - distinct, when min >= 1)
      if (d.mn !== 1) problems.push(`${d.day}: the first number is ${d.mn}, not 1`);
      const last = counters.find((c) => c.day === d.day)?.last ?? null;
      if (last !== d.mx) problems.push(`${d.day}: the day counter says ${last}, the highest number is ${d.mx}`);
      out.push({ day: d.day, tickets: d.n, distinct: d.d, min: d.mn, max: d.mx, counterLast: last });
    }
    const tickets = days.reduce((s, d) => s + d.n, 0);
    if (duplicateNumbers) problems.push(`${duplicateNumbers} duplicate number(s)`);
    if (gaps) problems.push(`${gaps} gap(s) in the numbers`);
    // A request whose answer timed out may still have been served: more tickets than 2xx answers is
    // not a numbering fault (the load line reports the timeouts); fewer, or more than requested, is.
    if (tickets < okAnswers) problems.push(`${tickets} tickets in the database, ${okAnswers} 2xx answers`);
    if (tickets > TICKETS) problems.push(`${tickets} tickets, only ${TICKETS} requested`);
    if (labels.size !== okAnswers) problems.push(`${labels.size} distinct labels in ${okAnswers} answers`);
    if ((events?.n ?? 0) !== tickets) problems.push(`${events?.n ?? 0} 'issued' events for ${tickets} tickets`);
    if ((audit?.n ?? 0) !== tickets) problems.push(`${audit?.n ?? 0} audit entries for ${tickets} tickets`);
    const chainOk = chain.ok;
    if (!chainOk) problems.push(`audit chain broken: ${JSON.stringify(chain).slice(0, 300)}`);
    return {
      tickets,
      okAnswers,
      duplicateNumbers,
      gaps,
      days: out,
      distinctLabelsAnswered: labels.size,
      issuedEvents: events?.n ?? 0,
      auditEntries: audit?.n ?? 0,
      auditChainOk: chainOk,
      auditChainEntries: chain.entries,
      passed: problems.length === 0,
      problems,
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// One database

async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> } | { error: string }> {
  const name = `prongsai_bench_queue_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.end().catch(() => {});
    return { error: `${PG_ADMIN_URL}: ${(e as Error).message}` };
  }
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

async function runOn(db: DbName) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-queue-'));
  const dataDir = path.join(work, 'data');
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (db === 'postgresql') {
    const created = await createPgDatabase();
    if ('error' in created) {
      console.log(`\n## PostgreSQL: not reachable (${created.error}) — skipped`);
      return null;
    }
    databaseUrl = created.url;
    drop = created.drop;
  }
  console.log(`\n## ${db === 'pglite' ? 'PGlite' : `PostgreSQL (${databaseUrl?.replace(/\/\/[^@]*@/, '//')})`}`);
  const loadavgBefore = os.loadavg().map((x) => round(x, 2));
  let app: App | null = null;
  const cleanup = async () => {
    if (app) await stopApp(app).catch(() => {});
    if (drop) await drop().catch((e) => console.log(`could not drop the bench database: ${(e as Error).message}`));
    fs.rmSync(work, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  try {
    const seedStart = performance.now();
    const seed = await seedBenchOrg(
      loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: 'silent', NODE_ENV: 'production' }, 'bench'),
    );
    console.log(`seeded (migrations, organization, accounts, services, counters) in ${Math.round(performance.now() - seedStart)} ms`);
    const logFile = path.join(work, 'app.log');
    app = startApp({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' }, logFile);
    try {
      await waitHttp(`http://127.0.0.1:${app.port}/healthz`, app.child);
    } catch (e) {
      console.log(fs.readFileSync(logFile, 'utf8').slice(-2000));
      throw e;
    }
    const port = app.port;
    const [frontDesk, counter, coordinator] = [
      await signIn(port, seed.frontDesk),
      await signIn(port, seed.counterStaff),
      await signIn(port, seed.coordinator),
    ];
    const issueBody = (serviceId: number) => JSON.stringify({ serviceId, channel: 'front_desk' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
    const progressBody = JSON.stringify({ happenedOn: today, text: 'ประชุมคณะทำงานและเผยแพร่สถิติการให้บริการ' });
    const progressPath = `/api/measures/${seed.measureId}/progress`;

    // Warm-up (JIT, caches, connection pools): its tickets go to another service.
    const warm = Math.min(1000, TICKETS);
    await load(port, { method: 'POST', path: '/api/queue/tickets', token: frontDesk, body: issueBody(seed.warmupServiceId), amount: warm });
    await load(port, { method: 'POST', path: progressPath, token: coordinator, body: progressBody, amount: Math.min(500, REF_REQUESTS) });
    await load(port, { method: 'GET', path: '/', amount: Math.min(500, REF_REQUESTS) });
    console.log('warmed up');

    const labels = new Set<string>();
    const cpu0 = cpuSeconds(app.child.pid);
    const issue = await load(port, {
      method: 'POST',
      path: '/api/queue/tickets',
      token: frontDesk,
      body: issueBody(seed.serviceId),
      amount: TICKETS,
      onOk: (body) => {
        try {
          labels.add((JSON.parse(body) as { ticket: { label: string } }).ticket.label);
        } catch {
          /* counted as a missing label */
        }
      },
    });
    const cpu1 = cpuSeconds(app.child.pid);
    console.log(
      `issuing: ${issue.ok}/${TICKETS} in ${issue.seconds} s — ${issue.perSecond} tickets/s (first fifth ${issue.firstFifthPerSecond}/s, last fifth ${issue.lastFifthPerSecond}/s), p50 ${issue.p50} ms, p99 ${issue.p99} ms (app CPU ${cpu0 !== null && cpu1 !== null ? round(cpu1 - cpu0, 1) : '?'} s)`,
    );
    const write = await load(port, { method: 'POST', path: progressPath, token: coordinator, body: progressBody, amount: REF_REQUESTS });
    console.log(
      `reference, one INSERT through a command (measures.addProgress): ${write.perSecond} req/s, p50 ${write.p50} ms, p99 ${write.p99} ms`,
    );
    const home = await load(port, { method: 'GET', path: '/', amount: REF_REQUESTS });
    console.log(`reference, home page GET /: ${home.perSecond} req/s, p50 ${home.p50} ms, p99 ${home.p99} ms`);
    const rssAfterLoad = rssMb(app.child.pid);

    const board = await callToBoard(port, seed, counter);
    if (board.available) {
      console.log(
        `call to board: ${board.connected}/${BOARDS} boards, ${board.calls} calls — from the call's answer p50 ${board.fromResponseMs?.p50} ms, p95 ${board.fromResponseMs?.p95} ms, max ${board.fromResponseMs?.max} ms; missed ${board.missed}, duplicates ${board.duplicates}, wrong ${board.wrong}`,
      );
    } else {
      console.log(`call to board: the SSE endpoint is not available (${board.reason})`);
    }
    const rssEnd = rssMb(app.child.pid);

    await stopApp(app);
    const checks = await check({ dataDir, databaseUrl }, seed, issue.ok, labels);
    console.log(
      `database: ${checks.tickets} tickets, ${checks.duplicateNumbers} duplicate numbers, ${checks.gaps} gaps, audit chain ${checks.auditChainOk ? 'intact' : 'BROKEN'} — ${checks.passed ? 'passed' : `FAILED: ${checks.problems.join('; ')}`}`,
    );
    const logged = appLog(logFile);
    if (logged.lines) {
      console.log(`the app logged ${logged.lines} warning/error line(s):`);
      for (const m of logged.messages) console.log(`  ${m.count}× [${m.level}] ${m.msg}`);
    }
    return {
      db,
      date: new Date().toISOString(),
      machine: {
        cores: os.cpus().length,
        model: os.cpus()[0]?.model,
        node: process.version,
        loadavgBefore,
        loadavgAfter: os.loadavg().map((x) => round(x, 2)),
      },
      settings: { tickets: TICKETS, concurrency: CONCURRENCY, referenceRequests: REF_REQUESTS, boards: BOARDS, calls: CALLS },
      issue,
      reference: { insertCommand: write, homePage: home },
      ratioToInsertCommand: round(issue.perSecond / Math.max(1, write.perSecond), 2),
      callToBoard: board,
      checks,
      app: {
        rssMbAfterLoad: rssAfterLoad,
        rssMbEnd: rssEnd,
        cpuSecondsIssuing: cpu0 !== null && cpu1 !== null ? round(cpu1 - cpu0, 1) : null,
        log: logged,
      },
    };
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

type Result = NonNullable<Awaited<ReturnType<typeof runOn>>>;

function table(results: Result[]): string {
  const col = (r: Result) => (r.db === 'pglite' ? 'PGlite' : 'PostgreSQL');
  const rows: [string, (r: Result) => string][] = [
    [`issue ${TICKETS} tickets @${CONCURRENCY} (tickets/s)`, (r) => String(r.issue.perSecond)],
    ['issue p50 / p99 (ms)', (r) => `${r.issue.p50} / ${r.issue.p99}`],
    ['issue tickets/s, first fifth → last fifth', (r) => `${r.issue.firstFifthPerSecond} → ${r.issue.lastFifthPerSecond}`],
    [
      'issue non-2xx / no answer (timeouts of 60 s)',
      (r) =>
        `${Object.entries(r.issue.statuses)
          .filter(([code]) => !code.startsWith('2'))
          .reduce(
            (n, [, c]) => n + c,
            0,
          )} / ${r.issue.requests - Object.values(r.issue.statuses).reduce((n, c) => n + c, 0)} (${r.issue.timeouts})`,
    ],
    ['duplicate numbers / gaps', (r) => `${r.checks.duplicateNumbers} / ${r.checks.gaps}`],
    ['checks (numbers, events, audit chain)', (r) => (r.checks.passed ? 'passed' : `**FAILED** (${r.checks.problems.length})`)],
    ['reference: one INSERT via a command (req/s)', (r) => String(r.reference.insertCommand.perSecond)],
    ['reference p50 / p99 (ms)', (r) => `${r.reference.insertCommand.p50} / ${r.reference.insertCommand.p99}`],
    ['issuing ÷ reference INSERT', (r) => `${r.ratioToInsertCommand}×`],
    ['reference: home page GET / (req/s)', (r) => String(r.reference.homePage.perSecond)],
    ['home page p50 / p99 (ms)', (r) => `${r.reference.homePage.p50} / ${r.reference.homePage.p99}`],
    [
      `call → ${BOARDS} boards, from the answer p50 / p95 / max (ms)`,
      (r) =>
        r.callToBoard.available
          ? `${r.callToBoard.fromResponseMs?.p50} / ${r.callToBoard.fromResponseMs?.p95} / ${r.callToBoard.fromResponseMs?.max}`
          : 'n/a (no endpoint)',
    ],
    [
      'call → boards, from the request p50 / p95 / max (ms)',
      (r) =>
        r.callToBoard.available
          ? `${r.callToBoard.fromRequestMs?.p50} / ${r.callToBoard.fromRequestMs?.p95} / ${r.callToBoard.fromRequestMs?.max}`
          : 'n/a',
    ],
    [
      'boards connected; calls; missed / duplicate / wrong',
      (r) =>
        r.callToBoard.available
          ? `${r.callToBoard.connected}; ${r.callToBoard.calls}; ${r.callToBoard.missed} / ${r.callToBoard.duplicates} / ${r.callToBoard.wrong}`
          : 'n/a',
    ],
    ['app RSS after load (MB)', (r) => String(r.app.rssMbAfterLoad ?? '?')],
  ];
  const head = `| | ${results.map(col).join(' | ')} |\n|---|${results.map(() => '---|').join('')}`;
  return `${head}\n${rows.map(([name, f]) => `| ${name} | ${results.map(f).join(' | ')} |`).join('\n')}`;
}

async function main() {
  const arg = process.argv.find((a) => a.startsWith('--db='))?.slice(5) ?? 'both';
  const dbs: DbName[] = arg === 'both' ? ['pglite', 'postgresql'] : arg === 'pglite' || arg === 'postgresql' ? [arg] : [];
  if (dbs.length === 0) {
    console.error('usage: npx tsx bench/queue.ts [--db=pglite|postgresql|both]');
    process.exit(2);
  }
  console.log(
    `Prongsai queue bench — ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${TICKETS} tickets at ${CONCURRENCY} connections, ${BOARDS} boards, ${CALLS} calls`,
  );
  const results: Result[] = [];
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  for (const db of dbs) {
    const r = await runOn(db);
    if (!r) continue;
    results.push(r);
    fs.writeFileSync(path.join(dir, `queue-${db}.json`), `${JSON.stringify(r, null, 2)}\n`);
  }
  agent.destroy();
  if (results.length === 0) {
    console.error('nothing was measured');
    process.exit(1);
  }
  console.log(`\n${table(results)}\n`);
  console.log(`written to ${results.map((r) => `bench/results/queue-${r.db}.json`).join(', ')}`);
  const failed = results.filter(
    (r) =>
      !r.checks.passed ||
      r.issue.ok !== TICKETS ||
      (r.callToBoard.available &&
        (r.callToBoard.missed > 0 || r.callToBoard.duplicates > 0 || r.callToBoard.wrong > 0 || r.callToBoard.callFailures.length > 0)),
  );
  if (failed.length) {
    console.log(`FAILED on ${failed.map((r) => r.db).join(', ')} — see the lines above and the JSON`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
