/**
 * For `bench/surveys.ts`: generates the satisfaction-survey data the benchmark reads, in SQL
 * (INSERT … SELECT generate_series), on one connection so that `setseed` makes it repeatable:
 * organizations, four divisions and six queue services each, one form version each (the
 * default form), the responses and about 15% of them with a suggestion.
 *
 * The responses look like real ones: organizations of very different sizes (a big municipality
 * gets ten times what a small อบต. gets), divisions weighted สำนักปลัด > กองคลัง > กองช่าง >
 * กองการศึกษา (2% without a division: the public link), working days and office hours in
 * Bangkok over the two years before today, channels ticket/tablet/paper/public, locales th/ms/en,
 * ratings mostly 4–5 from a per-response mood with the known weak items (waiting time,
 * parking) a little lower and parking sometimes left blank, demographics filled about 3 times
 * in 4.
 */
import { DEFAULT_FORM } from '../src/modules/surveys/default-form.js';
import type { FormDefinition } from '../src/modules/surveys/schema.js';

/** Runs one statement on the seeding connection and returns its rows. */
export type Exec = (sqlText: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface SeedSettings {
  responses: number;
  organizations: number;
  /** Rows per INSERT statement (each commits on its own: progress and bounded memory). */
  chunk: number;
  /** 0 < seed < 1, for setseed. */
  seed: number;
}

export interface SeedResult {
  organizations: number;
  divisions: number;
  services: number;
  formVersions: number;
  responses: number;
  suggestions: number;
  /** ms per phase. */
  timings: Record<string, number>;
  /** Every rating item key of the form the responses answer. */
  itemKeys: string[];
}

const DIVISIONS = [
  { name: 'สำนักปลัด', nameEn: 'Office of the Permanent Secretary' },
  { name: 'กองคลัง', nameEn: 'Finance Division' },
  { name: 'กองช่าง', nameEn: 'Public Works Division' },
  { name: 'กองการศึกษา ศาสนาและวัฒนธรรม', nameEn: 'Education, Religion and Culture Division' },
];

/** Queue services A–F and the division (1-based) each belongs to. */
const SERVICES = [
  { prefix: 'A', name: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ', division: 1 },
  { prefix: 'B', name: 'งานทะเบียนทั่วไป', division: 1 },
  { prefix: 'C', name: 'ชำระภาษีที่ดินและสิ่งปลูกสร้าง', division: 2 },
  { prefix: 'D', name: 'ขออนุญาตก่อสร้าง', division: 3 },
  { prefix: 'E', name: 'รับสมัครศูนย์พัฒนาเด็กเล็ก', division: 4 },
  { prefix: 'F', name: 'ทะเบียนพาณิชย์', division: 2 },
];

const SUGGESTIONS = [
  'ที่จอดรถไม่พอ ช่วงเช้าต้องจอดริมถนน',
  'อยากให้มีบริการวันเสาร์ สำหรับคนที่ทำงานวันธรรมดา',
  'เจ้าหน้าที่บริการดีมาก พูดจาสุภาพ ขอบคุณครับ',
  'รอนานเกินไป ควรเพิ่มช่องบริการช่วงสิ้นเดือน',
  'ห้องน้ำควรทำความสะอาดบ่อยกว่านี้',
  'อยากให้มีแบบฟอร์มตัวอย่างที่กรอกแล้ววางไว้ให้ดู',
  'ป้ายบอกทางไปกองช่างไม่ชัด หาไม่เจอ',
  'บริการรวดเร็ว ได้รับเอกสารภายในวันเดียว',
  'อยากให้ชำระภาษีผ่านพร้อมเพย์ได้',
  'ควรมีเจ้าหน้าที่พูดภาษามลายูช่วยอธิบายให้ผู้สูงอายุ',
  'ที่นั่งรอไม่พอในวันจ่ายเบี้ยยังชีพ',
  'ขอบคุณที่ช่วยแนะนำขั้นตอนอย่างละเอียด',
];
const ACTIONS = [
  'ประสานขอใช้ลานโรงเรียนข้างที่ทำการเป็นที่จอดรถชั่วคราวในวันจ่ายเบี้ยยังชีพ',
  'จัดเจ้าหน้าที่เวรให้บริการวันเสาร์เดือนละ 2 ครั้ง',
  'เพิ่มช่องบริการชั่วคราวช่วงวันที่ 25 ถึงสิ้นเดือน',
  'จัดทำป้ายบอกทางและแผนผังจุดบริการใหม่',
];

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => {
  if (!/^[a-z0-9_]+$/.test(s)) throw new Error(`unexpected form key ${JSON.stringify(s)}`);
  return s;
};

/** The rating item keys of a form, in order. */
export function formItemKeys(def: FormDefinition): string[] {
  return def.groups.flatMap((g) => g.items.map((i) => i.key));
}

/**
 * The ratings jsonb of one response: base = the respondent's mood (5: 45%, 4: 40%, 3: 12%, 2: 3%),
 * each item base −1 (≈17%) / +1 (≈12%), weak items one lower 35% of the time, clamped 1..5.
 */
function ratingsSql(def: FormDefinition): string {
  const weak = new Set(['waiting', 'parking', 'speed']);
  const pairs = formItemKeys(def).map((key) => {
    const penalty = weak.has(key) ? ' - floor(random() + 0.35)::int' : '';
    return `${q(ident(key))}, least(5, greatest(1, s.base + floor(random() + 0.12)::int - floor(random() + 0.17)::int${penalty}))`;
  });
  const obj = `jsonb_build_object(${pairs.join(', ')})`;
  return formItemKeys(def).includes('parking') ? `CASE WHEN random() < 0.04 THEN ${obj} - 'parking' ELSE ${obj} END` : obj;
}

function demographicsSql(def: FormDefinition): string {
  if (def.demographics.length === 0) return `'{}'::jsonb`;
  const pairs = def.demographics.map((d) => {
    const opts = d.options.map((o) => q(ident(o.key))).join(', ');
    return `${q(ident(d.key))}, CASE WHEN random() < 0.75 THEN (ARRAY[${opts}])[1 + floor(random() * ${d.options.length})::int] END`;
  });
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(', ')}))`;
}

async function timed<T>(timings: Record<string, number>, name: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  timings[name] = Math.round(performance.now() - t0);
  return r;
}

export async function seedSurveys(exec: Exec, s: SeedSettings, log: (line: string) => void = () => {}): Promise<SeedResult> {
  const def = DEFAULT_FORM;
  const timings: Record<string, number> = {};
  await exec('SET synchronous_commit = off');
  await exec(`SELECT setseed(${s.seed})`);

  await timed(timings, 'organizations', async () => {
    await exec(
      `INSERT INTO organizations (type, name, name_en, province, district, doc_code, address, postcode, phone, email)
       SELECT CASE WHEN g % 10 = 0 THEN 'tambon_municipality' ELSE 'sao' END,
              'ทดสอบที่ ' || g, 'Bench ' || g, 'นราธิวาส', 'ยี่งอ', 'นธ ' || (78100 + g),
              'เลขที่ ' || g || ' หมู่ที่ 2 ตำบลทดสอบ อำเภอยี่งอ จังหวัดนราธิวาส 96180', '96180', '073 530 123',
              'saraban' || g || '@bench.example'
         FROM generate_series(1, $1::int) g`,
      [s.organizations],
    );
    // idx 0..n-1 in id order: the generator picks organizations by index.
    await exec(`CREATE TEMP TABLE bench_orgs (idx int PRIMARY KEY, org_id int NOT NULL, form_version_id int, first_division_id int,
                  first_service_id int)`);
    await exec(`INSERT INTO bench_orgs (idx, org_id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM organizations`);
  });

  await timed(timings, 'divisions, services, forms', async () => {
    const divValues = DIVISIONS.map((d, i) => `(${i + 1}, ${q(d.name)}, ${q(d.nameEn)})`).join(', ');
    await exec(
      `INSERT INTO divisions (org_id, name, name_en, sort_order)
       SELECT o.org_id, d.name, d.name_en, d.k * 10 FROM bench_orgs o CROSS JOIN (VALUES ${divValues}) AS d(k, name, name_en)
        ORDER BY o.idx, d.k`,
    );
    await exec(
      `UPDATE bench_orgs o SET first_division_id = d.first FROM (SELECT org_id, min(id) AS first FROM divisions GROUP BY org_id) d
        WHERE d.org_id = o.org_id`,
    );
    const svcValues = SERVICES.map((x, i) => `(${i}, ${q(x.prefix)}, ${q(x.name)}, ${x.division})`).join(', ');
    await exec(
      `INSERT INTO queue_services (org_id, division_id, name, prefix, avg_service_minutes, always_open, sort_order)
       SELECT o.org_id, o.first_division_id + v.div - 1, v.name, v.prefix, 8, true, v.k * 10
         FROM bench_orgs o CROSS JOIN (VALUES ${svcValues}) AS v(k, prefix, name, div) ORDER BY o.idx, v.k`,
    );
    await exec(
      `UPDATE bench_orgs o SET first_service_id = v.first FROM (SELECT org_id, min(id) AS first FROM queue_services GROUP BY org_id) v
        WHERE v.org_id = o.org_id`,
    );
    await exec(
      `INSERT INTO survey_form_versions (org_id, version, definition, created_at)
       SELECT org_id, 1, $1::jsonb, now() - interval '800 days' FROM bench_orgs ORDER BY idx`,
      [JSON.stringify(def)],
    );
    await exec(`UPDATE bench_orgs o SET form_version_id = f.id FROM survey_form_versions f WHERE f.org_id = o.org_id AND f.version = 1`);
  });

  // Divisions (k = 1..4) by rd; services by division (k = 0..5, see SERVICES) for 60% of the
  // responses (the ticket's service or the one chosen on the tablet), else none.
  const responseSql = `
    INSERT INTO survey_responses (org_id, form_version_id, division_id, service_id, channel, ratings, demographics, locale,
                                  paper_ref, submitted_at, created_at)
    SELECT o.org_id, o.form_version_id,
           CASE WHEN s.dk IS NULL THEN NULL ELSE o.first_division_id + s.dk - 1 END,
           CASE WHEN s.dk IS NULL OR s.rs >= 0.6 THEN NULL
                ELSE o.first_service_id + CASE s.dk WHEN 1 THEN (CASE WHEN s.rs < 0.3 THEN 0 ELSE 1 END)
                                                    WHEN 2 THEN (CASE WHEN s.rs < 0.4 THEN 2 ELSE 5 END)
                                                    WHEN 3 THEN 3 ELSE 4 END END,
           s.channel,
           ${ratingsSql(def)},
           ${demographicsSql(def)},
           CASE WHEN s.rl < 0.85 THEN 'th' WHEN s.rl < 0.97 THEN 'ms' ELSE 'en' END,
           CASE WHEN s.channel = 'paper' THEN 'P' || s.g END,
           s.at, s.at
      FROM (
        SELECT g, oi, dk, rs, rl, base, at,
               CASE WHEN rc < 0.45 THEN 'ticket' WHEN rc < 0.70 THEN 'tablet' WHEN rc < 0.90 THEN 'paper' ELSE 'public' END AS channel
          FROM (
            SELECT g,
                   least($3::int - 1, floor($3::int * power(random(), 1.4)))::int AS oi,
                   (SELECT CASE WHEN r < 0.35 THEN 1 WHEN r < 0.65 THEN 2 WHEN r < 0.85 THEN 3 WHEN r < 0.98 THEN 4 END
                      FROM (SELECT random() + g * 0 AS r) x) AS dk,
                   random() AS rs, random() AS rl, random() AS rc,
                   (SELECT CASE WHEN r < 0.45 THEN 5 WHEN r < 0.85 THEN 4 WHEN r < 0.97 THEN 3 ELSE 2 END
                      FROM (SELECT random() + g * 0 AS r) x) AS base,
                   (SELECT least(now(), ((day - CASE extract(dow FROM day) WHEN 6 THEN 1 WHEN 0 THEN 2 ELSE 0 END)
                                          + time '08:30' + random() * interval '8 hours') AT TIME ZONE 'Asia/Bangkok')
                      FROM (SELECT (now() AT TIME ZONE 'Asia/Bangkok')::date - floor(random() * 730)::int + g * 0 AS day) x) AS at
              FROM generate_series($1::int, $2::int) g
          ) r
      ) s
      JOIN bench_orgs o ON o.idx = s.oi`;

  await timed(timings, 'responses', async () => {
    for (let from = 1; from <= s.responses; from += s.chunk) {
      const to = Math.min(s.responses, from + s.chunk - 1);
      const t0 = performance.now();
      await exec(responseSql, [from, to, s.organizations]);
      log(`  responses ${to.toLocaleString('en')}/${s.responses.toLocaleString('en')} (${Math.round(performance.now() - t0)} ms)`);
    }
  });

  // About 15%, more from people who were less pleased; answered with an action when older than
  // two months (most of them), tagged when older than a week.
  await timed(timings, 'suggestions', async () => {
    await exec(
      `INSERT INTO survey_suggestions (org_id, response_id, division_id, submitted_at, text, tag, executive_response, action_taken,
                                       responded_at, created_at)
       SELECT org_id, id, division_id, submitted_at, text,
              CASE WHEN submitted_at < now() - interval '7 days' THEN
                CASE WHEN text LIKE 'ขอบคุณ%' OR text LIKE '%บริการดี%' OR text LIKE 'บริการรวดเร็ว%' THEN 'compliment'
                     WHEN rt < 0.5 THEN 'problem' ELSE 'suggestion' END END,
              CASE WHEN answered THEN 'รับทราบ ขอบคุณสำหรับข้อเสนอแนะ และได้มอบหมายกองที่เกี่ยวข้องดำเนินการแล้ว' END,
              CASE WHEN answered THEN (ARRAY[${ACTIONS.map(q).join(', ')}])[1 + floor(rt * ${ACTIONS.length})::int] END,
              CASE WHEN answered THEN submitted_at + interval '10 days' END,
              submitted_at
         FROM (
           SELECT r.org_id, r.id, r.division_id, r.submitted_at,
                  (ARRAY[${SUGGESTIONS.map(q).join(', ')}])[1 + floor(random() * ${SUGGESTIONS.length})::int] AS text,
                  random() AS rt,
                  r.submitted_at < now() - interval '60 days' AND random() < 0.85 AS answered
             FROM survey_responses r
            WHERE random() < CASE WHEN (r.ratings->>'overall')::int <= 3 THEN 0.35 ELSE 0.13 END
         ) x`,
    );
  });

  await timed(timings, 'vacuum analyze', async () => {
    await exec('VACUUM (ANALYZE) survey_responses');
    await exec('VACUUM (ANALYZE) survey_suggestions');
    await exec('ANALYZE organizations');
    await exec('ANALYZE divisions');
    await exec('ANALYZE queue_services');
    await exec('ANALYZE survey_form_versions');
  });

  const [counts] = await exec(
    `SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM divisions)::int AS divisions,
            (SELECT count(*) FROM queue_services)::int AS services, (SELECT count(*) FROM survey_form_versions)::int AS forms,
            (SELECT count(*) FROM survey_responses)::int AS responses, (SELECT count(*) FROM survey_suggestions)::int AS suggestions`,
  );
  await exec('DROP TABLE bench_orgs');
  await exec('SET synchronous_commit = on');
  return {
    organizations: Number(counts?.orgs),
    divisions: Number(counts?.divisions),
    services: Number(counts?.services),
    formVersions: Number(counts?.forms),
    responses: Number(counts?.responses),
    suggestions: Number(counts?.suggestions),
    timings,
    itemKeys: formItemKeys(def),
  };
}
