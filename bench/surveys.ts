/**
 * `npx tsx bench/surveys.ts [--db=pglite|postgresql|both]`: the monthly satisfaction report of
 * one division on a large survey table, against a full-table `count(*)` in the same run.
 *
 * 1. Generates (bench/surveys-seed.ts, INSERT … SELECT generate_series) 1,000,000 responses
 *    across 500 organizations on PostgreSQL — 100,000 across 50 on PGlite — with their
 *    divisions, queue services, form version and ~15% suggestions, then VACUUM ANALYZE.
 * 2. Times, interleaved so both see the same machine load: surveyReport(ctx, { from, to,
 *    divisionId }) (src/modules/surveys/report.ts, as an executive of the organization) for
 *    random organizations, months of the two years and divisions (median, p95 over ≥ 50 runs),
 *    and the reference `SELECT count(*) FROM survey_responses` (median over ≥ 5 runs). Also, for
 *    information, the report of the busiest division-month of the largest organization.
 * 3. EXPLAIN (ANALYZE, BUFFERS) of the statements one report sends that read survey_responses
 *    (captured from the driver while it runs, re-run with the same parameters).
 *
 * The requirement (PostgreSQL, 1M responses): report median ≤ 5% of the count median, the
 * statements on survey_responses use survey_responses_division_time and no Seq Scan on it.
 * On PGlite the same figures are printed for information (the requirement is PostgreSQL's).
 *
 * Knobs (environment): BENCH_SURVEYS_RESPONSES (1000000 on PostgreSQL, 100000 on PGlite),
 * BENCH_SURVEYS_ORGS (500 / 50), BENCH_SURVEYS_REPORT_RUNS (60), BENCH_SURVEYS_COUNT_RUNS (8),
 * BENCH_PG_URL (else DATABASE_URL, else TEST_DATABASE_URL: the server where a fresh database
 * prongsai_bench_surveys_<pid> is created and dropped afterwards; the URL's own database is
 * never written to), BENCH_SURVEYS_KEEP=1 (keep that database and print its name),
 * BENCH_SURVEYS_DATABASE=<name> (reuse a kept database instead of generating again).
 * Without --db: PostgreSQL when a URL is given, else PGlite. Results are printed and written
 * to bench/results/surveys-<db>.json. Exit code 1 when the PostgreSQL run fails the requirement.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../src/core/auth/roles.js';
import { loadConfig } from '../src/core/config.js';
import type { AppServices, ServiceContext } from '../src/core/context.js';
import { seededRandom } from '../src/core/random.js';
import { catalogsFor, closeServices, createServices } from '../src/core/services.js';
import { messages as surveysMessages } from '../src/modules/surveys/messages.js';
import { surveyReport } from '../src/modules/surveys/report.js';
import {
  BenchDatabaseNameError,
  benchDatabase,
  type Captured,
  captured,
  cleanups,
  dist,
  dropOrKeep,
  explainJson,
  installCapture,
  machineInfo,
  num,
  planLines,
  redactUrl,
  round,
  scans,
  withConnection,
} from './pg-bench.js';
import { type SeedResult, seedSurveys } from './surveys-seed.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
type DbName = 'pglite' | 'postgresql';

const PG_ADMIN_URL = process.env.BENCH_PG_URL || process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const REPORT_RUNS = Math.max(50, num('BENCH_SURVEYS_REPORT_RUNS', 60));
const COUNT_RUNS = Math.max(5, num('BENCH_SURVEYS_COUNT_RUNS', 8));
const WORST_RUNS = 10;
const LIMIT_RATIO = 0.05;
const sizes = (db: DbName) => ({
  responses: num('BENCH_SURVEYS_RESPONSES', db === 'postgresql' ? 1_000_000 : 100_000),
  organizations: num('BENCH_SURVEYS_ORGS', db === 'postgresql' ? 500 : 50),
});

// ---------------------------------------------------------------------------------------------
// Small tools

const pad = (n: number) => String(n).padStart(2, '0');

/** Inclusive Bangkok days of the month `back` months before the current Bangkok month. */
function monthBack(now: Date, back: number): { from: string; to: string } {
  const bkk = new Date(now.getTime() + 7 * 3_600_000);
  const m = bkk.getUTCFullYear() * 12 + bkk.getUTCMonth() - back;
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
}

// ---------------------------------------------------------------------------------------------
// The database

/** A fresh database on the server of PG_ADMIN_URL (or a kept one to reuse), and how to drop it. */
async function pgDatabase(): Promise<Awaited<ReturnType<typeof benchDatabase>> | { error: string }> {
  try {
    return await benchDatabase(PG_ADMIN_URL, 'BENCH_SURVEYS_DATABASE', 'prongsai_bench_surveys');
  } catch (e) {
    if (e instanceof BenchDatabaseNameError) return { error: e.message };
    return { error: `${redactUrl(PG_ADMIN_URL)}: ${(e as Error).message}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Capturing what a report sends, and its plans

interface Explained {
  statement: string;
  values: unknown[];
  planningMs: number;
  executionMs: number;
  /** Planning + execution under EXPLAIN (ANALYZE, TIMING OFF): without the per-row clock reads that inflate a 1M-row count. */
  serverMs: number;
  jit: boolean;
  nodes: string[];
  indexesOnResponses: string[];
  seqScanOnResponses: boolean;
  text: string;
}

async function explain(app: AppServices, c: Captured, responseIndexes: ReadonlySet<string>): Promise<Explained> {
  const top = await explainJson(app, c);
  const text = (await app.database.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${c.text}`, c.values))
    .map((r) => r['QUERY PLAN'])
    .join('\n');
  const quiet = await app.database.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${c.text}`, c.values);
  const quietRaw = quiet[0]?.['QUERY PLAN'];
  const quietTop = (
    (typeof quietRaw === 'string' ? JSON.parse(quietRaw) : quietRaw) as { 'Planning Time': number; 'Execution Time': number }[]
  )[0];
  const { indexes, seqScan } = scans(top.Plan, responseIndexes, 'survey_responses');
  return {
    statement: c.text.replace(/\s+/g, ' ').trim(),
    values: c.values,
    planningMs: round(top['Planning Time'], 3),
    executionMs: round(top['Execution Time'], 3),
    serverMs: round((quietTop?.['Planning Time'] ?? Number.NaN) + (quietTop?.['Execution Time'] ?? Number.NaN), 3),
    jit: top.JIT !== undefined,
    nodes: planLines(top.Plan, true),
    indexesOnResponses: indexes,
    seqScanOnResponses: seqScan,
    text,
  };
}

// ---------------------------------------------------------------------------------------------
// One database

async function runOn(db: DbName) {
  const { responses, organizations } = sizes(db);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-surveys-'));
  let target: Awaited<ReturnType<typeof pgDatabase>> | null = null;
  if (db === 'postgresql') {
    if (!PG_ADMIN_URL) {
      console.log('\n## PostgreSQL: no BENCH_PG_URL, DATABASE_URL or TEST_DATABASE_URL — skipped');
      return null;
    }
    target = await pgDatabase();
    if ('error' in target) {
      console.log(`\n## PostgreSQL: not reachable (${target.error}) — skipped`);
      return null;
    }
  }
  const pgTarget = target && !('error' in target) ? target : null;
  const keep = !!process.env.BENCH_SURVEYS_KEEP || !!pgTarget?.reused;
  console.log(`\n## ${db === 'pglite' ? 'PGlite (in memory)' : `PostgreSQL (${redactUrl(pgTarget?.url ?? '')})`}`);
  const loadavgBefore = os.loadavg().map((x) => round(x));
  let app: AppServices | null = null;
  const cleanup = async () => {
    if (app) await closeServices(app).catch(() => {});
    app = null;
    if (pgTarget) await dropOrKeep(pgTarget, keep);
    fs.rmSync(work, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  try {
    const config = loadConfig({ DATA_DIR: work, DATABASE_URL: pgTarget?.url ?? '', LOG_LEVEL: 'silent', NODE_ENV: 'production' }, 'bench');
    // The surveys catalog only (the report names "no division" in Thai): the bench does not load
    // the pages of every module, only the database and the report.
    const services: AppServices = {
      ...(await createServices(config, [], db === 'pglite' ? { dbOptions: { memory: true } } : {})),
      catalogs: catalogsFor([{ name: 'surveys', messages: surveysMessages }]),
    };
    app = services;

    // 1. The data.
    const existing = Number((await services.database.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_responses'))[0]?.n ?? 0);
    let seed: SeedResult | null = null;
    const t0 = performance.now();
    if (existing === 0) {
      console.log(`generating ${responses.toLocaleString('en')} responses across ${organizations} organizations…`);
      seed = await withConnection(services, (exec) =>
        seedSurveys(exec, { responses, organizations, chunk: db === 'postgresql' ? 100_000 : 25_000, seed: 0.42 }, console.log),
      );
      console.log(
        `generated in ${round((performance.now() - t0) / 1000, 1)} s: ${seed.organizations} organizations, ${seed.divisions} divisions, ${seed.responses.toLocaleString('en')} responses, ${seed.suggestions.toLocaleString('en')} suggestions (${JSON.stringify(seed.timings)})`,
      );
    } else {
      console.log(`reusing ${existing.toLocaleString('en')} responses already in the database`);
    }
    const [data] = await services.database.query<{
      organizations: number;
      divisions: number;
      responses: number;
      suggestions: number;
      first: string;
      last: string;
      tableSize: string;
      indexesSize: string;
      divisionTimeIndexSize: string;
    }>(
      `SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM divisions)::int AS divisions,
              (SELECT count(*) FROM survey_responses)::int AS responses, (SELECT count(*) FROM survey_suggestions)::int AS suggestions,
              (SELECT min(submitted_at) FROM survey_responses)::text AS first, (SELECT max(submitted_at) FROM survey_responses)::text AS last,
              pg_size_pretty(pg_table_size('survey_responses')) AS "tableSize",
              pg_size_pretty(pg_indexes_size('survey_responses')) AS "indexesSize",
              pg_size_pretty(pg_relation_size('survey_responses_division_time')) AS "divisionTimeIndexSize"`,
    );

    // 2. What to ask: random organization, month of the two years, division of that organization.
    const orgRows = await services.database.query<{ org_id: number; ids: number[] }>(
      'SELECT org_id, array_agg(id ORDER BY id) AS ids FROM divisions GROUP BY org_id ORDER BY org_id',
    );
    const now = new Date();
    const rnd = seededRandom(20_240_101);
    const pick = () => {
      const o = orgRows[Math.floor(rnd() * orgRows.length)] as { org_id: number; ids: number[] };
      const month = monthBack(now, 1 + Math.floor(rnd() * 23));
      const divisionId = o.ids[Math.floor(rnd() * o.ids.length)] as number;
      return { orgId: o.org_id, ...month, divisionId };
    };
    const executive = (orgId: number): Actor => ({
      orgId,
      userId: 1,
      username: 'mayor',
      displayName: 'นายกองค์การบริหารส่วนตำบล (bench)',
      roles: ['executive'],
      mustChangePassword: false,
    });
    const ctxOf = (orgId: number): ServiceContext => ({ app: services, orgId, actor: executive(orgId) });
    const report = async (p: ReturnType<typeof pick>) => {
      const t = performance.now();
      const r = await surveyReport(ctxOf(p.orgId), { from: p.from, to: p.to, divisionId: p.divisionId });
      return { ms: performance.now() - t, n: r.n };
    };
    const count = async () => {
      const t = performance.now();
      const [r] = await services.database.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_responses');
      return { ms: performance.now() - t, n: Number(r?.n) };
    };

    // Warm-up: the table into the caches, the code paths JIT-compiled.
    await count();
    for (let i = 0; i < 10; i++) await report(pick());

    // 3. Interleaved: a count after every `every` reports.
    const every = Math.max(1, Math.floor(REPORT_RUNS / COUNT_RUNS));
    const reportMs: number[] = [];
    const reportN: number[] = [];
    const countMs: number[] = [];
    for (let i = 0; i < REPORT_RUNS; i++) {
      const r = await report(pick());
      reportMs.push(r.ms);
      reportN.push(r.n);
      if ((i + 1) % every === 0 && countMs.length < COUNT_RUNS) countMs.push((await count()).ms);
    }
    while (countMs.length < COUNT_RUNS) countMs.push((await count()).ms);
    const reportDist = dist(reportMs);
    const countDist = dist(countMs);
    const ratio = reportDist.median / countDist.median;
    console.log(
      `report (one division, one month; ${REPORT_RUNS} runs, ${dist(reportN).median} responses median, ${Math.max(...reportN)} max): median ${reportDist.median} ms, p95 ${reportDist.p95} ms, max ${reportDist.max} ms`,
    );
    console.log(`reference count(*) of ${data?.responses?.toLocaleString('en')} rows (${COUNT_RUNS} runs): median ${countDist.median} ms`);
    console.log(
      `ratio report ÷ count: ${round(ratio * 100, 2)}% (limit ${LIMIT_RATIO * 100}%) — ${ratio <= LIMIT_RATIO ? 'PASS' : 'FAIL'}`,
    );

    // For information: the busiest division-month of all (the largest organization).
    const [busiest] = await services.database.query<{ org_id: number; division_id: number; month: string; n: number }>(
      `SELECT org_id, division_id, to_char(submitted_at AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM') AS month, count(*)::int AS n
         FROM survey_responses WHERE division_id IS NOT NULL
          AND submitted_at < date_trunc('month', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
        GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 1`,
    );
    let worst: { orgId: number; divisionId: number; month: string; responses: number; ms: ReturnType<typeof dist> } | null = null;
    if (busiest) {
      const [y, m] = busiest.month.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const p = {
        orgId: busiest.org_id,
        divisionId: busiest.division_id,
        from: `${busiest.month}-01`,
        to: `${busiest.month}-${pad(last)}`,
      };
      const ms: number[] = [];
      for (let i = 0; i < WORST_RUNS; i++) ms.push((await report(p)).ms);
      worst = { orgId: p.orgId, divisionId: p.divisionId, month: busiest.month, responses: busiest.n, ms: dist(ms) };
      console.log(
        `busiest division-month (org ${p.orgId}, division ${p.divisionId}, ${busiest.month}: ${busiest.n} responses, ${WORST_RUNS} runs): median ${worst.ms.median} ms, p95 ${worst.ms.p95} ms`,
      );
    }

    // 4. Plans: what one report sends that reads survey_responses, re-run under EXPLAIN ANALYZE.
    installCapture(services);
    const sample = pick();
    const { result: sampleReport, sent } = await captured(() =>
      surveyReport(ctxOf(sample.orgId), { from: sample.from, to: sample.to, divisionId: sample.divisionId }),
    );
    // The timed function counts what it should: its n against a direct count of the same responses.
    const [direct] = await services.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM survey_responses WHERE org_id = $1 AND division_id = $2
          AND submitted_at >= ($3::date)::timestamp AT TIME ZONE 'Asia/Bangkok'
          AND submitted_at < ($4::date + 1)::timestamp AT TIME ZONE 'Asia/Bangkok'`,
      [sample.orgId, sample.divisionId, sample.from, sample.to],
    );
    const countsAgree = Number(direct?.n) === sampleReport.n;
    console.log(`sample report n = ${sampleReport.n}, direct count ${direct?.n}: ${countsAgree ? 'agree' : 'DIFFERENT'}`);
    const onResponses = sent.filter((c) => /\bsurvey_responses\b/.test(c.text) && /^\s*(select|with)\b/i.test(c.text));
    const responseIndexes = new Set(
      (await services.database.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'survey_responses'`)).map(
        (r) => r.indexname,
      ),
    );
    const plans: Explained[] = [];
    for (const c of onResponses) plans.push(await explain(services, c, responseIndexes));
    const countPlan = await explain(services, { text: 'SELECT count(*) FROM survey_responses', values: [] }, responseIndexes);
    const planOk =
      plans.length > 0 &&
      plans.every((p) => !p.seqScanOnResponses) &&
      plans.every((p) => p.indexesOnResponses.includes('survey_responses_division_time'));
    // For information, less sensitive to the machine's load than the wall-clock ratio: the
    // server's own time (planning + execution, EXPLAIN ANALYZE without timing) of the report's statements
    // on survey_responses against that of the count.
    const serverMs = round(
      plans.reduce((t, p) => t + p.serverMs, 0),
      3,
    );
    const serverRatio = round(serverMs / countPlan.serverMs, 4);
    console.log(
      `\nthe report sent ${sent.length} statements, ${onResponses.length} on survey_responses (org ${sample.orgId}, division ${sample.divisionId}, ${sample.from}..${sample.to}):`,
    );
    for (const [i, p] of plans.entries()) {
      console.log(
        `\n  [${i + 1}] ${p.statement.slice(0, 160)}…\n  planning ${p.planningMs} ms, execution ${p.executionMs} ms${p.jit ? ', JIT' : ''}; indexes on survey_responses: ${p.indexesOnResponses.join(', ') || 'none'}; Seq Scan on survey_responses: ${p.seqScanOnResponses ? 'YES' : 'no'}`,
      );
      for (const line of p.nodes) console.log(`    ${line}`);
    }
    console.log('\n  reference count(*):');
    for (const line of countPlan.nodes) console.log(`    ${line}`);
    console.log(`  planning ${countPlan.planningMs} ms, execution ${countPlan.executionMs} ms${countPlan.jit ? ', JIT' : ''}`);
    console.log(
      `\nserver time (EXPLAIN (ANALYZE, TIMING OFF): planning + execution) of the report's statements on survey_responses: ${serverMs} ms = ${round(serverRatio * 100, 2)}% of the count's`,
    );
    console.log(
      `\nplans: ${planOk ? 'PASS' : 'FAIL'} (survey_responses_division_time in every statement on survey_responses, no Seq Scan)`,
    );

    return {
      db,
      date: new Date().toISOString(),
      machine: await machineInfo(services, loadavgBefore),
      settings: { responses, organizations, reportRuns: REPORT_RUNS, countRuns: COUNT_RUNS, limitRatio: LIMIT_RATIO },
      data: {
        ...(data as NonNullable<typeof data>),
        generated: seed ? { seconds: round((performance.now() - t0) / 1000, 1), ...seed } : null,
      },
      report: {
        function: 'surveyReport(ctx, { from, to, divisionId }) — one division, one calendar month',
        ms: reportDist,
        responsesPerReport: dist(reportN),
      },
      reference: { statement: 'SELECT count(*) FROM survey_responses', ms: countDist },
      ratio: round(ratio, 4),
      ratioPassed: ratio <= LIMIT_RATIO,
      busiestDivisionMonth: worst,
      sampleCheck: { reportN: sampleReport.n, directCount: Number(direct?.n), agree: countsAgree },
      plans: { sample, statementsSent: sent.length, onResponses: plans, count: countPlan, serverMs, serverRatio, passed: planOk },
      passed: ratio <= LIMIT_RATIO && planOk && countsAgree,
      raw: { reportMs: reportMs.map((x) => round(x, 3)), countMs: countMs.map((x) => round(x, 3)) },
    };
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

type Result = NonNullable<Awaited<ReturnType<typeof runOn>>>;

function table(results: Result[]): string {
  const col = (r: Result) => `${r.db === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${Number(r.data.responses).toLocaleString('en')} rows)`;
  const rows: [string, (r: Result) => string][] = [
    ['organizations / responses', (r) => `${r.data.organizations} / ${Number(r.data.responses).toLocaleString('en')}`],
    ['survey_responses table / indexes', (r) => `${r.data.tableSize} / ${r.data.indexesSize}`],
    ['report median / p95 / max (ms)', (r) => `${r.report.ms.median} / ${r.report.ms.p95} / ${r.report.ms.max}`],
    ['responses in one report (median / max)', (r) => `${r.report.responsesPerReport.median} / ${r.report.responsesPerReport.max}`],
    ['reference count(*) median (ms)', (r) => String(r.reference.ms.median)],
    ['report ÷ count (limit 5%)', (r) => `${round(r.ratio * 100, 2)}% ${r.ratioPassed ? 'pass' : '**FAIL**'}`],
    [
      'busiest division-month: responses, median (ms)',
      (r) => (r.busiestDivisionMonth ? `${r.busiestDivisionMonth.responses}, ${r.busiestDivisionMonth.ms.median}` : 'n/a'),
    ],
    [
      'plans: division_time index, no Seq Scan',
      (r) =>
        `${r.plans.passed ? 'pass' : '**FAIL**'} (${r.plans.onResponses.map((p) => p.indexesOnResponses.join('+') || 'none').join('; ')})`,
    ],
  ];
  const head = `| | ${results.map(col).join(' | ')} |\n|---|${results.map(() => '---|').join('')}`;
  return `${head}\n${rows.map(([name, f]) => `| ${name} | ${results.map(f).join(' | ')} |`).join('\n')}`;
}

async function main() {
  const arg = process.argv.find((a) => a.startsWith('--db='))?.slice(5) ?? (PG_ADMIN_URL ? 'postgresql' : 'pglite');
  const dbs: DbName[] = arg === 'both' ? ['pglite', 'postgresql'] : arg === 'pglite' || arg === 'postgresql' ? [arg] : [];
  if (dbs.length === 0) {
    console.error('usage: npx tsx bench/surveys.ts [--db=pglite|postgresql|both]');
    process.exit(2);
  }
  console.log(
    `Prongsai surveys bench — ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; ${REPORT_RUNS} reports, ${COUNT_RUNS} counts`,
  );
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const results: Result[] = [];
  for (const db of dbs) {
    const r = await runOn(db);
    if (!r) continue;
    results.push(r);
    fs.writeFileSync(path.join(dir, `surveys-${db}.json`), `${JSON.stringify(r, null, 2)}\n`);
  }
  if (results.length === 0) {
    console.error('nothing was measured');
    process.exit(1);
  }
  console.log(`\n${table(results)}\n`);
  console.log(`written to ${results.map((r) => `bench/results/surveys-${r.db}.json`).join(', ')}`);
  const failed = results.filter((r) => r.db === 'postgresql' && !r.passed);
  if (failed.length) {
    console.log('FAILED on PostgreSQL — see the figures and plans above and the JSON');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
