/**
 * Shared by the database benchmarks (bench/surveys.ts, bench/procurement.ts): environment knobs,
 * timing statistics, clean-up on Ctrl-C, the throwaway PostgreSQL database, capturing the
 * statements a function sends and reading their plans.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import type { AppServices } from '../src/core/context.js';
import type { Exec } from './surveys-seed.js';

/** A positive integer from the environment variable `name`, else `fallback`. */
export const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

/** Count, median, p95, min and max of `values`, rounded to `digits` decimals. */
export function dist(values: readonly number[], digits = 2) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    median: round(quantile(s, 0.5), digits),
    p95: round(quantile(s, 0.95), digits),
    min: round(s[0] ?? Number.NaN, digits),
    max: round(s.at(-1) ?? Number.NaN, digits),
  };
}

/** What to undo when the run is interrupted (Ctrl-C): the services, the database, the work dir. */
export const cleanups = new Set<() => Promise<void> | void>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: cleaning up…`);
    void Promise.allSettled([...cleanups].map(async (f) => f())).then(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// The database

/** A connection URL without its user and password, for printing. */
export const redactUrl = (url: string) => url.replace(/\/\/[^@]*@/, '//');

const DB_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

async function adminQuery(adminUrl: string, sqlText: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(sqlText);
  } finally {
    await admin.end().catch(() => {});
  }
}

export interface BenchDatabase {
  url: string;
  name: string;
  reused: boolean;
  /** The environment variable that names a kept database to reuse. */
  reuseVariable: string;
  drop(): Promise<void>;
}

/** The name in `reuseVariable` is not a plain database name. */
export class BenchDatabaseNameError extends Error {}

/**
 * A fresh database `<prefix>_<pid>_<random>` on the server of `adminUrl` (that URL's own database
 * is never written to), or the kept one named by the environment variable `reuseVariable`.
 */
export async function benchDatabase(adminUrl: string, reuseVariable: string, prefix: string): Promise<BenchDatabase> {
  const reuse = process.env[reuseVariable];
  const name = reuse || `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (!DB_NAME_PATTERN.test(name)) throw new BenchDatabaseNameError(`${reuseVariable}: not a plain database name: ${name}`);
  if (!reuse) await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    reused: !!reuse,
    reuseVariable,
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** At the end of a run: drops the bench database, or, when kept, says how to reuse it. */
export async function dropOrKeep(target: BenchDatabase, keep: boolean): Promise<void> {
  if (!keep) await target.drop().catch((e) => console.log(`could not drop the bench database: ${(e as Error).message}`));
  else console.log(`kept database ${target.name} (reuse: ${target.reuseVariable}=${target.name}; drop it when done)`);
}

/** One connection for the whole of fn (setseed, temp tables): a pool client on PostgreSQL. */
export async function withConnection<T>(app: AppServices, fn: (exec: Exec) => Promise<T>): Promise<T> {
  const database = app.database;
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      return await fn(async (q, p) => (await client.query(q, p)).rows);
    } finally {
      client.release();
    }
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database connection');
  return fn(async (q, p) => {
    if (p && p.length > 0) return (await pglite.query(q, p)).rows as Record<string, unknown>[];
    const results = await pglite.exec(q);
    return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
  });
}

/** The machine and the database server's settings, for the results file. */
export async function machineInfo(app: AppServices, loadavgBefore: number[]) {
  const settings = await app.database.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'random_page_cost', 'effective_cache_size')`,
  );
  return {
    cores: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadavgBefore,
    loadavgAfter: os.loadavg().map((x) => round(x)),
    database: Object.fromEntries(settings.map((s) => [s.name, s.setting])),
  };
}

// ---------------------------------------------------------------------------------------------
// Capturing what a function sends, and its plans

export interface Captured {
  text: string;
  values: unknown[];
}

let capture: Captured[] | null = null;

/** Records every statement sent while capturing (node-postgres clients and, if any, the PGlite instance). */
export function installCapture(app?: AppServices): void {
  const record = (args: unknown[]) => {
    if (!capture) return;
    const [a, b] = args;
    if (typeof a === 'string') capture.push({ text: a, values: Array.isArray(b) ? b : [] });
    else if (a && typeof a === 'object' && 'text' in a) {
      // drizzle passes the parameters as the second argument, node-postgres config objects as `values`.
      const c = a as { text: string; values?: unknown[] };
      capture.push({ text: c.text, values: Array.isArray(b) ? b : (c.values ?? []) });
    }
  };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __benchCaptured?: boolean };
  if (!proto.__benchCaptured) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      record(args);
      return original.apply(this, args);
    };
    proto.__benchCaptured = true;
  }
  const pglite = app?.database.pglite as unknown as { query: (...args: unknown[]) => unknown } | undefined;
  if (pglite) {
    const original = pglite.query.bind(pglite);
    pglite.query = (...args: unknown[]) => {
      record(args);
      return original(...args);
    };
  }
}

/** What fn returned, and the statements sent (after installCapture) while it ran. */
export async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; sent: Captured[] }> {
  const sent: Captured[] = [];
  capture = sent;
  try {
    return { result: await fn(), sent };
  } finally {
    capture = null;
  }
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Subplan Name'?: string;
  'CTE Name'?: string;
  Plans?: PlanNode[];
}

/** The plan as indented lines; `names`: also the CTE and subplan names. */
export function planLines(node: PlanNode, names = false, depth = 0, out: string[] = []): string[] {
  const parts = [node['Node Type']];
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Relation Name']) parts.push(`on ${node['Relation Name']}`);
  if (names && node['CTE Name']) parts.push(`(CTE ${node['CTE Name']})`);
  if (names && node['Subplan Name']) parts.push(`[${node['Subplan Name']}]`);
  const stats = `rows ${node['Actual Rows'] ?? '?'}×${node['Actual Loops'] ?? '?'}, ${round(node['Actual Total Time'] ?? 0, 3)} ms, buffers hit ${node['Shared Hit Blocks'] ?? 0} read ${node['Shared Read Blocks'] ?? 0}`;
  out.push(`${'  '.repeat(depth)}${parts.join(' ')} (${stats})`);
  for (const child of node.Plans ?? []) planLines(child, names, depth + 1, out);
  return out;
}

function walk(node: PlanNode, f: (n: PlanNode) => void): void {
  f(node);
  for (const child of node.Plans ?? []) walk(child, f);
}

/** The JSON plan of `c` under EXPLAIN (ANALYZE, BUFFERS). */
export async function explainJson(app: AppServices, c: Captured) {
  const rows = await app.database.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${c.text}`, c.values);
  const raw = rows[0]?.['QUERY PLAN'];
  const top = (
    (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      Plan: PlanNode;
      'Planning Time': number;
      'Execution Time': number;
      JIT?: unknown;
    }[]
  )[0];
  if (!top) throw new Error('EXPLAIN returned no plan');
  return top;
}

/**
 * Which of `tableIndexes` the plan uses (a Bitmap Index Scan names its index only, no relation:
 * known by the table's index names), and whether it has a Seq Scan on `table`.
 */
export function scans(plan: PlanNode, tableIndexes: ReadonlySet<string>, table: string): { indexes: string[]; seqScan: boolean } {
  const indexes = new Set<string>();
  let seqScan = false;
  walk(plan, (n) => {
    if (n['Index Name'] && tableIndexes.has(n['Index Name'])) indexes.add(n['Index Name']);
    if (n['Relation Name'] === table && n['Node Type'] === 'Seq Scan') seqScan = true;
  });
  return { indexes: [...indexes], seqScan };
}
