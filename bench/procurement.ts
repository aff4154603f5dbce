/**
 * `npx tsx bench/procurement.ts`: the public procurement list of one organization, one fiscal
 * year, filtered, on a table of 5,000,000 procurements across 7,850 organizations — against a
 * full-table `count(*)` in the same run. Goal (issue 7): the list ≤ 2% of the count.
 *
 * 1. Creates a fresh database on the PostgreSQL server of BENCH_DATABASE_URL or BENCH_PG_URL (default
 *    postgres://postgres@127.0.0.1:5433/postgres; that URL's own database is never written to),
 *    migrates it, and generates in SQL (INSERT … SELECT generate_series, setseed: repeatable):
 *    7,850 organizations (อบต. and municipalities, each with a host name) and the procurements
 *    month by month over fiscal years 2566–2570 (2570 up to November) — so, as in a real
 *    table, each organization's rows are spread through the heap, interleaved with everyone
 *    else's by time. Sizes are skewed: ~6% large organizations (3–10× weight), the rest a few
 *    hundred rows a year or fewer; methods mostly เฉพาะเจาะจง, some e-bidding, คัดเลือก,
 *    e-market; statuses mostly completed/contracted. The secondary indexes are dropped during
 *    the load and built again after it (as a restore does), then VACUUM ANALYZE.
 * 2. Times, interleaved so both see the same machine load:
 *    (a) `SELECT count(*) FROM procurements` (median, p95 over ≥ 8 runs);
 *    (b) listProcurements() (src/modules/procurement/list.ts, the very function the public page
 *        /procurement, the staff register and the API call) as the public (no actor) for a random
 *        organization, a random full fiscal year, filtered by method and status, 20 rows
 *        (median, p95 over ≥ 300 runs); also its second page (keyset `before`).
 *    and, when the public page answers, (c) GET /procurement?fy=…&method=…&status=… over real
 *    HTTP (the app served by @hono/node-server on a local port, a different organization's host
 *    each time so the page cache does not answer for it).
 * 3. EXPLAIN (ANALYZE, BUFFERS) of the statements one list call sends that read procurements
 *    (captured from the driver), and of the count.
 *
 * Knobs: BENCH_DATABASE_URL, BENCH_PROCUREMENT_ROWS (5000000), BENCH_PROCUREMENT_ORGS (7850),
 * BENCH_PROCUREMENT_LIST_RUNS (300), BENCH_PROCUREMENT_COUNT_RUNS (10), BENCH_PROCUREMENT_HTTP_RUNS
 * (200), BENCH_PROCUREMENT_KEEP=1 (keep the database and print its name),
 * BENCH_PROCUREMENT_DATABASE=<name> (reuse a kept database instead of generating again).
 * Results are printed and written to bench/results/procurement-latest.json. Exit code 1 when
 * the list's median is above 2% of the count's. Not part of `npm test`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/core/config.js';
import type { AppServices, ServiceContext } from '../src/core/context.js';
import { createRegistry, type ModuleDefinition } from '../src/core/module.js';
import { seededRandom } from '../src/core/random.js';
import { closeServices, createServices } from '../src/core/services.js';
import { listProcurements } from '../src/modules/procurement/list.js';
import type { ProcurementMethod, ProcurementStatus } from '../src/modules/procurement/schema.js';
import {
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
import type { Exec } from './surveys-seed.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL || process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5433/postgres';
const ROWS = num('BENCH_PROCUREMENT_ROWS', 5_000_000);
const ORGS = num('BENCH_PROCUREMENT_ORGS', 7850);
const LIST_RUNS = Math.max(50, num('BENCH_PROCUREMENT_LIST_RUNS', 300));
const COUNT_RUNS = Math.max(5, num('BENCH_PROCUREMENT_COUNT_RUNS', 10));
const HTTP_RUNS = num('BENCH_PROCUREMENT_HTTP_RUNS', 200);
const LIMIT_RATIO = 0.02;
/** Fiscal years of data: 2566–2569 whole, 2570 its first two months (October–November). */
const FIRST_FY = 2566;
const MONTHS = 4 * 12 + 2;
const PAGE = 20;

// ---------------------------------------------------------------------------------------------
// Generating the data

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `ARRAY[${xs.map(q).join(', ')}]`;

const GOODS = [
  'ซื้อวัสดุสำนักงาน',
  'ซื้อน้ำมันเชื้อเพลิงและหล่อลื่น',
  'ซื้ออาหารเสริม (นม) โรงเรียน',
  'ซื้อวัสดุคอมพิวเตอร์',
  'ซื้อครุภัณฑ์คอมพิวเตอร์',
  'ซื้อวัสดุงานบ้านงานครัว',
  'ซื้อวัสดุก่อสร้าง',
  'ซื้อวัสดุไฟฟ้าและวิทยุ',
  'ซื้อวัสดุการเกษตร',
  'ซื้อวัสดุวิทยาศาสตร์หรือการแพทย์',
];
const SERVICES = [
  'จ้างเหมาบริการทำความสะอาดอาคาร',
  'จ้างเหมาประกอบอาหารกลางวันศูนย์พัฒนาเด็กเล็ก',
  'จ้างซ่อมแซมรถบรรทุกน้ำ',
  'จ้างเหมาบริการรถรับส่งนักเรียน',
  'จ้างจัดทำป้ายประชาสัมพันธ์',
  'จ้างเหมาบริการดูแลสวนสาธารณะ',
];
const WORKS = [
  'ก่อสร้างถนนคอนกรีตเสริมเหล็ก',
  'ซ่อมแซมฝายชะลอน้ำ',
  'ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก',
  'ปรับปรุงถนนลูกรัง',
  'ขยายเขตไฟฟ้าสาธารณะ',
  'ก่อสร้างอาคารศูนย์พัฒนาเด็กเล็ก',
];
const VENDORS = [
  'ร้านบาเจาะเครื่องเขียน',
  'หจก.นราธิวาสการโยธา',
  'บริษัท ทักษิณก่อสร้าง จำกัด',
  'สหกรณ์โคนมนราธิวาส จำกัด',
  'ร้านอัลอามีนพาณิชย์',
  'หจก.ปั๊มน้ำมันบาเจาะ',
  'ร้านสุไหงปาดีคอมพิวเตอร์',
  'บริษัท ปัตตานีเทรดดิ้ง จำกัด',
  'ร้านนูรุลฮูดาการค้า',
  'หจก.ยี่งอวัสดุ',
];

async function generate(exec: Exec, log: (s: string) => void): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await f();
    timings[name] = Math.round(performance.now() - t0);
    return r;
  };
  await exec('SET synchronous_commit = off');
  await exec(`SET maintenance_work_mem = '256MB'`);
  await exec('SELECT setseed(0.42)');
  await timed('organizations', async () => {
    await exec(
      `INSERT INTO organizations (type, name, name_en, province, district, doc_code, address, postcode, phone, email)
       SELECT CASE WHEN g % 16 = 0 THEN 'tambon_municipality' ELSE 'sao' END,
              'ทดสอบที่ ' || g, 'Bench ' || g, 'นราธิวาส', 'บาเจาะ', 'นธ ' || (78100 + g),
              'เลขที่ ' || g || ' หมู่ที่ 2 ตำบลทดสอบ อำเภอบาเจาะ จังหวัดนราธิวาส 96170', '96170', '073 530 123',
              'saraban' || g || '@bench.example'
         FROM generate_series(1, $1::int) g`,
      [ORGS],
    );
    await exec(`INSERT INTO org_hosts (hostname, org_id) SELECT 'o' || id || '.bench.test', id FROM organizations`);
    // Each organization's weight: ~6% large (municipalities, big อบต.), the rest small to middling.
    await exec(`CREATE TEMP TABLE bench_orgs (org_id int PRIMARY KEY, w float8 NOT NULL, rate float8)`);
    await exec(
      `INSERT INTO bench_orgs (org_id, w)
       SELECT id, CASE WHEN random() < 0.06 THEN 3 + 7 * random() ELSE 0.25 + 1.25 * power(random(), 1.5) END FROM organizations`,
    );
    // Rows per organization per month, so that the expected total is ROWS.
    await exec(`UPDATE bench_orgs SET rate = w / (SELECT sum(w) FROM bench_orgs) * $1::float8 / $2::int`, [ROWS, MONTHS]);
  });

  // The secondary indexes are built once after the load (much faster than keeping them up row by row).
  const indexes = (await exec(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE tablename = 'procurements' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = indexname)`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of indexes) await exec(`DROP INDEX ${i.indexname}`);

  // As pg_restore --disable-triggers does: the generated rows reference organizations that exist,
  // so the per-row foreign-key checks (a third of the load time) are skipped during the load.
  await exec('SET session_replication_role = replica');
  const titles = `(CASE r.cat WHEN 'goods' THEN (${arr(GOODS)})[1 + floor(random() * ${GOODS.length})::int]
                              WHEN 'works' THEN (${arr(WORKS)})[1 + floor(random() * ${WORKS.length})::int] || ' หมู่ที่ ' || (1 + floor(random() * 9)::int)
                              ELSE (${arr(SERVICES)})[1 + floor(random() * ${SERVICES.length})::int] END)`;
  await timed('procurements', async () => {
    for (let m = 0; m < MONTHS; m++) {
      const fy = FIRST_FY + Math.floor(m / 12);
      const fm = (m % 12) + 1; // 1 = ตุลาคม
      const gYear = fy - 543 - (fm <= 3 ? 1 : 0);
      const gMonth = fm <= 3 ? fm + 9 : fm - 3;
      await exec(
        `INSERT INTO procurements (org_id, fiscal_year, title, category, method, status, budget_satang, reference_price_satang,
                                   planned_month, announced_on, awarded_on, winner_name, agreed_price_satang, selection_reason,
                                   contract_no, contract_date, egp_project_no)
         SELECT r.org_id, $1::int, ${titles}, r.cat, r.method, r.status, r.budget, r.budget,
                $2::int, CASE WHEN r.status <> 'planned' THEN r.day END,
                CASE WHEN r.status IN ('awarded', 'contracted', 'completed') THEN r.day END,
                CASE WHEN r.status IN ('awarded', 'contracted', 'completed') THEN (${arr(VENDORS)})[1 + floor(random() * ${VENDORS.length})::int] END,
                CASE WHEN r.status IN ('awarded', 'contracted', 'completed') THEN floor(r.budget * (0.9 + 0.1 * random()))::bigint END,
                CASE WHEN r.status IN ('awarded', 'contracted', 'completed') THEN 'ราคาต่ำสุดและมีคุณสมบัติครบตามเงื่อนไข' END,
                CASE WHEN r.status IN ('contracted', 'completed') THEN r.n || '/' || $1::int END,
                CASE WHEN r.status IN ('contracted', 'completed') THEN r.day END,
                CASE WHEN r.method <> 'specific' OR random() < 0.5 THEN (60000000000 + floor(random() * 9999999999))::bigint::text END
           FROM (
             SELECT o.org_id, g AS n, s.method, s.status,
                    make_date($3::int, $4::int, 1 + floor(random() * 28)::int) AS day,
                    CASE WHEN s.method = 'e_bidding' THEN CASE WHEN random() < 0.85 THEN 'works' ELSE 'goods' END
                         WHEN s.rc < 0.55 THEN 'goods' WHEN s.rc < 0.9 THEN 'services' ELSE 'works' END AS cat,
                    CASE WHEN s.method IN ('e_bidding', 'selection') THEN 50000000 + floor(power(random(), 2) * 950000000)::bigint
                         ELSE 300000 + floor(power(random(), 3) * 49700000)::bigint END AS budget
               FROM bench_orgs o
               CROSS JOIN LATERAL generate_series(1, floor(o.rate + random())::int) g
               CROSS JOIN LATERAL (
                 SELECT CASE WHEN x.rm < 0.80 THEN 'specific' WHEN x.rm < 0.88 THEN 'e_bidding' WHEN x.rm < 0.95 THEN 'selection'
                             WHEN x.rm < 0.98 THEN 'e_market' ELSE 'other' END AS method,
                        CASE WHEN x.rs < 0.62 THEN 'completed' WHEN x.rs < 0.88 THEN 'contracted' WHEN x.rs < 0.92 THEN 'awarded'
                             WHEN x.rs < 0.95 THEN 'announced' WHEN x.rs < 0.98 THEN 'planned' ELSE 'cancelled' END AS status,
                        x.rc
                   FROM (SELECT random() + g * 0 AS rm, random() + g * 0 AS rs, random() + g * 0 AS rc) x
               ) s
           ) r`,
        [fy, fm, gYear, gMonth],
      );
      if (m % 6 === 5 || m === MONTHS - 1) log(`  … fiscal year ${fy} month ${fm} generated`);
    }
    // Exactly ROWS: the last rows trimmed, or more added to the last month.
    const [{ n } = { n: 0 }] = (await exec('SELECT count(*)::int AS n FROM procurements')) as { n: number }[];
    if (n > ROWS) {
      await exec('DELETE FROM procurements WHERE id >= (SELECT id FROM procurements ORDER BY id OFFSET $1::int LIMIT 1)', [ROWS]);
    } else if (n < ROWS) {
      await exec(
        `INSERT INTO procurements (org_id, fiscal_year, title, category, method, status, budget_satang, planned_month)
         SELECT (SELECT org_id FROM bench_orgs ORDER BY w DESC LIMIT 1 OFFSET (g % 50)), $2::int, 'ซื้อวัสดุสำนักงาน', 'goods', 'specific', 'planned', 500000, 2
           FROM generate_series(1, $1::int) g`,
        [ROWS - n, FIRST_FY + 4],
      );
    }
  });
  await exec('SET session_replication_role = DEFAULT');
  await timed('indexes', async () => {
    for (const i of indexes) await exec(i.indexdef);
  });
  await timed('vacuumAnalyze', async () => {
    await exec('VACUUM ANALYZE procurements');
    await exec('ANALYZE organizations');
    await exec('ANALYZE org_hosts');
    await exec('ANALYZE procurement_notices');
  });
  return timings;
}

// ---------------------------------------------------------------------------------------------
// Capturing what a list call sends, and its plans

async function explain(app: AppServices, c: Captured, tableIndexes: ReadonlySet<string>) {
  const top = await explainJson(app, c);
  const { indexes, seqScan } = scans(top.Plan, tableIndexes, 'procurements');
  return {
    statement: c.text.replace(/\s+/g, ' ').trim(),
    values: c.values,
    planningMs: round(top['Planning Time'], 3),
    executionMs: round(top['Execution Time'], 3),
    indexes,
    seqScan,
    nodes: planLines(top.Plan),
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

function httpGet(
  port: number,
  host: string,
  pathname: string,
  keepBody = false,
): Promise<{ status: number; bytes: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: 'GET', headers: { host, 'accept-language': 'th' }, agent: false },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          if (keepBody) chunks.push(d);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, bytes, body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const target = await benchDatabase(ADMIN_URL, 'BENCH_PROCUREMENT_DATABASE', 'prongsai_bench_procurement');
  const keep = !!process.env.BENCH_PROCUREMENT_KEEP || target.reused;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-bench-procurement-'));
  let services: AppServices | null = null;
  let server: ReturnType<typeof serve> | null = null;
  const cleanup = async () => {
    if (server) await new Promise<void>((r) => server?.close(() => r()));
    server = null;
    if (services) await closeServices(services).catch(() => {});
    services = null;
    await dropOrKeep(target, keep);
    fs.rmSync(work, { recursive: true, force: true });
  };
  cleanups.add(cleanup);
  const loadavgBefore = os.loadavg().map((x) => round(x));
  try {
    console.log(`## PostgreSQL (${redactUrl(target.url)})`);
    const config = loadConfig({ DATA_DIR: work, DATABASE_URL: target.url, LOG_LEVEL: 'silent', NODE_ENV: 'production' }, 'bench');
    // The whole app (for the public page over HTTP) when every module loads; the list alone otherwise.
    let allModules: readonly ModuleDefinition[] = [];
    let createApp: typeof import('../src/app.js').createApp | null = null;
    let appMissing = '';
    try {
      allModules = (await import('../src/modules/index.js')).modules;
      createApp = (await import('../src/app.js')).createApp;
    } catch (e) {
      appMissing = (e as Error).message.split('\n')[0] ?? 'the app did not load';
      console.log(`the app did not load (${appMissing}): the public page over HTTP is skipped`);
    }
    const app = await createServices(config, allModules);
    services = app;

    // 1. The data.
    const [{ n: existing } = { n: 0 }] = await app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM procurements');
    let timings: Record<string, number> | null = null;
    const t0 = performance.now();
    if (existing === 0) {
      console.log(`generating ${ROWS.toLocaleString('en')} procurements across ${ORGS.toLocaleString('en')} organizations…`);
      if (!app.database.pool) throw new Error('PostgreSQL expected');
      timings = await withConnection(app, (exec) => generate(exec, console.log));
      console.log(`generated in ${round((performance.now() - t0) / 1000, 1)} s (${JSON.stringify(timings)})`);
    } else console.log(`reusing ${existing.toLocaleString('en')} procurements already in the database`);
    const generationSeconds = timings ? round((performance.now() - t0) / 1000, 1) : null;

    const [data] = await app.database.query<{
      organizations: number;
      procurements: number;
      tableSize: string;
      indexesSize: string;
      perOrgYearMedian: number;
      perOrgYearP95: number;
      perOrgYearMax: number;
    }>(
      `SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM procurements)::int AS procurements,
              pg_size_pretty(pg_table_size('procurements')) AS "tableSize", pg_size_pretty(pg_indexes_size('procurements')) AS "indexesSize",
              (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM (SELECT count(*) n FROM procurements WHERE fiscal_year < 2570 GROUP BY org_id, fiscal_year) x)::int AS "perOrgYearMedian",
              (SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY n) FROM (SELECT count(*) n FROM procurements WHERE fiscal_year < 2570 GROUP BY org_id, fiscal_year) x)::int AS "perOrgYearP95",
              (SELECT max(n) FROM (SELECT count(*) n FROM procurements GROUP BY org_id, fiscal_year) x)::int AS "perOrgYearMax"`,
    );
    console.log(
      `data: ${data?.procurements.toLocaleString('en')} procurements, ${data?.organizations.toLocaleString('en')} organizations; table ${data?.tableSize}, indexes ${data?.indexesSize}; rows per organization-year: median ${data?.perOrgYearMedian}, p95 ${data?.perOrgYearP95}, max ${data?.perOrgYearMax}`,
    );

    // 2. What to ask: a random organization, a whole fiscal year, a method and a status.
    const orgIds = (await app.database.query<{ id: number }>('SELECT id FROM organizations ORDER BY id')).map((r) => r.id);
    const rnd = seededRandom(20_240_101);
    const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const METHOD_PICKS: ProcurementMethod[] = ['specific', 'specific', 'specific', 'e_bidding', 'selection'];
    const STATUS_PICKS: ProcurementStatus[] = ['completed', 'completed', 'contracted'];
    const pick = () => ({
      orgId: pickOf(orgIds),
      fiscalYear: FIRST_FY + Math.floor(rnd() * 4),
      method: pickOf(METHOD_PICKS),
      status: pickOf(STATUS_PICKS),
    });
    const ctxOf = (orgId: number): ServiceContext => ({ app, orgId, actor: null });
    const list = async (p: ReturnType<typeof pick>, before?: number) => {
      const t = performance.now();
      const r = await listProcurements(ctxOf(p.orgId), {
        fiscalYear: p.fiscalYear,
        method: p.method,
        status: p.status,
        limit: PAGE,
        before,
      });
      return { ms: performance.now() - t, rows: r.rows.length, next: r.nextBefore };
    };
    const countAll = async () => {
      const t = performance.now();
      const [r] = await app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM procurements');
      return { ms: performance.now() - t, n: Number(r?.n) };
    };

    // Warm-up: the table into the caches (as far as they hold it), the code paths compiled.
    await countAll();
    for (let i = 0; i < 20; i++) await list(pick());

    // 3. Interleaved: a count after every `every` list calls.
    const every = Math.max(1, Math.floor(LIST_RUNS / COUNT_RUNS));
    const listMs: number[] = [];
    const listRows: number[] = [];
    const nextMs: number[] = [];
    const countMs: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) {
      const p = pick();
      const r = await list(p);
      listMs.push(r.ms);
      listRows.push(r.rows);
      if (r.next != null && i % 3 === 0) nextMs.push((await list(p, r.next)).ms);
      if ((i + 1) % every === 0 && countMs.length < COUNT_RUNS) countMs.push((await countAll()).ms);
    }
    while (countMs.length < COUNT_RUNS) countMs.push((await countAll()).ms);
    const listDist = dist(listMs, 3);
    const nextDist = dist(nextMs, 3);
    const countDist = dist(countMs, 3);
    const ratio = listDist.median / countDist.median;
    const ratioP95 = listDist.p95 / countDist.median;
    console.log(
      `\n(b) listProcurements (public; one organization, one fiscal year, method + status; ${PAGE} a page; ${LIST_RUNS} runs, ${dist(listRows, 3).median} rows median): median ${listDist.median} ms, p95 ${listDist.p95} ms, max ${listDist.max} ms`,
    );
    console.log(`    its next page (keyset before; ${nextDist.n} runs): median ${nextDist.median} ms, p95 ${nextDist.p95} ms`);
    console.log(`(a) SELECT count(*) FROM procurements (${COUNT_RUNS} runs): median ${countDist.median} ms, p95 ${countDist.p95} ms`);
    console.log(
      `ratio list ÷ count: median ${round(ratio * 100, 3)}% (p95 ${round(ratioP95 * 100, 3)}%) — limit ${LIMIT_RATIO * 100}% — ${ratio <= LIMIT_RATIO ? 'PASS' : 'FAIL'}`,
    );

    // 4. Plans: what one list call sends that reads procurements, under EXPLAIN ANALYZE.
    installCapture();
    const sample = pick();
    const { sent } = await captured(() =>
      listProcurements(ctxOf(sample.orgId), {
        fiscalYear: sample.fiscalYear,
        method: sample.method,
        status: sample.status,
        limit: PAGE,
      }),
    );
    const tableIndexes = new Set(
      (
        await app.database.query<{ indexname: string }>(
          `SELECT indexname FROM pg_indexes WHERE tablename IN ('procurements', 'procurement_notices')`,
        )
      ).map((r) => r.indexname),
    );
    const plans = [];
    for (const c of sent.filter((c) => /^\s*(select|with)\b/i.test(c.text))) plans.push(await explain(app, c, tableIndexes));
    const countPlan = await explain(app, { text: 'SELECT count(*) FROM procurements', values: [] }, tableIndexes);
    console.log(
      `\nthe list call sent ${sent.length} statements (org ${sample.orgId}, ${sample.fiscalYear}, ${sample.method}, ${sample.status}):`,
    );
    for (const [i, p] of plans.entries()) {
      console.log(
        `\n  [${i + 1}] ${p.statement.slice(0, 220)}…\n  planning ${p.planningMs} ms, execution ${p.executionMs} ms; indexes: ${p.indexes.join(', ') || 'none'}; Seq Scan on procurements: ${p.seqScan ? 'YES' : 'no'}`,
      );
      for (const line of p.nodes) console.log(`    ${line}`);
    }
    console.log('\n  reference count(*):');
    for (const line of countPlan.nodes) console.log(`    ${line}`);
    console.log(`  planning ${countPlan.planningMs} ms, execution ${countPlan.executionMs} ms`);
    // Every statement that reads procurements goes through one of its indexes (a tiny lookup table
    // such as procurement_notices may be scanned).
    const onProcurements = plans.filter((p) => /\bfrom "?procurements"?\s/i.test(p.statement));
    const plansOk =
      onProcurements.length > 0 && onProcurements.every((p) => !p.seqScan && p.indexes.some((i) => i.startsWith('procurements')));
    console.log(`\nplans: ${plansOk ? 'PASS' : 'FAIL'} (every statement on procurements through one of its indexes, no Seq Scan on it)`);

    // 5. The public page over HTTP, when part D's page answers.
    let httpResult: Record<string, unknown> = { skipped: 'not run' };
    if (!createApp) httpResult = { skipped: `the app did not load: ${appMissing}` };
    else if (HTTP_RUNS > 0) {
      const registry = createRegistry(allModules);
      const { app: web } = createApp(app, registry);
      const port = await new Promise<number>((resolve) => {
        server = serve({ fetch: web.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
      });
      const url = (p: ReturnType<typeof pick>) => `/procurement?fy=${p.fiscalYear}&method=${p.method}&status=${p.status}`;
      const probe = pick();
      const first = await httpGet(port, `o${probe.orgId}.bench.test`, url(probe), true);
      if (first.status !== 200) {
        httpResult = { skipped: `GET /procurement answered ${first.status}` };
        console.log(`\n(c) the public page: skipped (GET ${url(probe)} answered ${first.status})`);
        const text = (first.body ?? '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        console.log(`    ${text.slice(0, 300)}`);
      } else {
        for (let i = 0; i < 10; i++) {
          const p = pick();
          await httpGet(port, `o${p.orgId}.bench.test`, url(p));
        }
        const ms: number[] = [];
        const bytes: number[] = [];
        const statuses = new Map<number, number>();
        for (let i = 0; i < HTTP_RUNS; i++) {
          // A different organization (and year, filters) each time: the page cache has not seen it.
          const p = pick();
          const t = performance.now();
          const r = await httpGet(port, `o${p.orgId}.bench.test`, url(p));
          ms.push(performance.now() - t);
          bytes.push(r.bytes);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
        const d = dist(ms, 3);
        httpResult = {
          runs: HTTP_RUNS,
          ms: d,
          bytesMedian: dist(bytes, 3).median,
          statuses: Object.fromEntries(statuses),
          ratioToCount: round(d.median / countDist.median, 5),
        };
        console.log(
          `\n(c) GET /procurement?fy=…&method=…&status=… over HTTP (${HTTP_RUNS} runs, a different organization each): median ${d.median} ms, p95 ${d.p95} ms = ${round((d.median / countDist.median) * 100, 3)}% of the count; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
      }
    }

    const result = {
      date: new Date().toISOString(),
      machine: await machineInfo(app, loadavgBefore),
      settings: {
        rows: ROWS,
        organizations: ORGS,
        listRuns: LIST_RUNS,
        countRuns: COUNT_RUNS,
        httpRuns: HTTP_RUNS,
        pageSize: PAGE,
        limitRatio: LIMIT_RATIO,
      },
      data: { ...(data as NonNullable<typeof data>), generationSeconds, generationTimings: timings },
      count: countDist,
      list: {
        ...listDist,
        rowsMedian: dist(listRows, 3).median,
        via: 'listProcurements (src/modules/procurement/list.ts), public context',
      },
      listNextPage: nextDist,
      ratio: round(ratio, 5),
      ratioP95: round(ratioP95, 5),
      pass: ratio <= LIMIT_RATIO,
      plans: { ok: plansOk, list: plans, count: countPlan },
      http: httpResult,
    };
    const out = path.join(root, 'bench', 'results', 'procurement-latest.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwritten ${path.relative(root, out)}`);
    return result.pass;
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

main().then(
  (pass) => process.exit(pass ? 0 : 1),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
