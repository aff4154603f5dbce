import { eq, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import type { DemoContext } from '../../core/module.js';
import { seededRandom } from '../../core/random.js';
import { bangkokDate, bangkokDateParts, daysInMonth } from '../../core/thai/bangkok.js';
import { queueServices } from '../queue/schema.js';
import { currentForm, ratingItems } from './forms.js';
import { surveysPolicy } from './policy.js';
import type { SuggestionTag, SurveyChannel } from './schema.js';

/**
 * Months of realistic satisfaction answers for the demo organization, so the reports, the
 * dashboard and the PDF mean something: fiscal year 2567 (October 2023 – September 2024, with
 * January–March 2567 as in the seed's reports) and the last six months up to the demo's now;
 * 25–70 forms a month per division, mostly 4–5 with weaker items (the waiting time, parking),
 * a mix of channels, about 15 % with a Thai suggestion. Suggestions older than 40 days are tagged
 * and answered by the mayor with the action taken; recent ones mostly wait.
 *
 * Bulk-written (one INSERT per table, the rows as one JSON parameter, in one command with one
 * audit entry). Deterministic: the same now gives the same history.
 */

/** Quality of each division's service (the mean the answers scatter around). */
const DIVISION_QUALITY: Record<string, number> = { office: 4.45, finance: 4.35, works: 4.05, education: 4.55 };
/** Items rated lower or higher than the division's quality. */
const ITEM_SHIFT: Record<string, number> = {
  waiting: -0.55,
  parking: -0.85,
  seating: -0.2,
  signage: -0.15,
  speed: -0.2,
  courtesy: 0.2,
  attentive: 0.15,
  fairness: 0.1,
};

const SUGGESTIONS: { text: string; tag: SuggestionTag; division?: string; response: string; action: string }[] = [
  {
    text: 'ที่จอดรถไม่พอ ช่วงเช้าวันจันทร์ต้องจอดริมถนน',
    tag: 'problem',
    response: 'รับทราบ มอบกองช่างสำรวจพื้นที่ข้างอาคารเพื่อจัดที่จอดรถเพิ่ม',
    action: 'ตีเส้นที่จอดรถเพิ่ม 12 ช่อง ด้านข้างอาคารสำนักงาน',
  },
  {
    text: 'อยากให้มีบริการวันเสาร์ สำหรับคนที่ทำงานวันธรรมดา',
    tag: 'suggestion',
    response: 'เห็นควรทดลองเปิดบริการวันเสาร์เดือนละครั้ง',
    action: 'เปิดบริการวันเสาร์แรกของเดือน เวลา 08.30–12.00 น. เริ่มเดือนถัดไป',
  },
  {
    text: 'เจ้าหน้าที่บริการดี ยิ้มแย้ม อธิบายชัดเจน',
    tag: 'compliment',
    response: 'ขอบคุณสำหรับคำชม จะแจ้งให้เจ้าหน้าที่ทราบ',
    action: 'แจ้งคำชมในการประชุมประจำเดือนของพนักงาน',
  },
  {
    text: 'รอคิวนานช่วงเช้า ควรเพิ่มช่องบริการ',
    tag: 'problem',
    response: 'ให้สำนักปลัดจัดเจ้าหน้าที่เสริมช่องบริการช่วง 09.00–11.00 น.',
    action: 'เพิ่มเจ้าหน้าที่ช่องบริการที่ 3 ช่วงเช้าวันจันทร์และวันอังคาร',
  },
  {
    text: 'อยากให้ชำระภาษีผ่าน QR code ได้',
    tag: 'suggestion',
    division: 'finance',
    response: 'มอบกองคลังประสานธนาคารเพื่อเปิดรับชำระผ่าน QR code',
    action: 'เปิดรับชำระภาษีที่ดินและสิ่งปลูกสร้างผ่าน QR code พร้อมเพย์แล้ว',
  },
  {
    text: 'ป้ายบอกทางไปกองช่างไม่ชัด หาห้องไม่เจอ',
    tag: 'problem',
    division: 'works',
    response: 'ให้จัดทำป้ายบอกทางใหม่ให้ชัดเจน ทั้งภาษาไทยและภาษามลายู',
    action: 'ติดตั้งป้ายบอกทางใหม่ 4 จุด ภาษาไทยและมลายูอักษรรูมี',
  },
  {
    text: 'ขอบคุณเจ้าหน้าที่ที่ช่วยกรอกแบบฟอร์มให้ผู้สูงอายุ',
    tag: 'compliment',
    response: 'ขอบคุณครับ เป็นแนวทางที่ดี ให้ถือปฏิบัติทุกช่องบริการ',
    action: 'จัดทำตัวอย่างการกรอกแบบฟอร์มติดไว้ที่จุดบริการ',
  },
  {
    text: 'อยากให้มีน้ำดื่มบริการที่จุดรอ',
    tag: 'suggestion',
    response: 'เห็นชอบ ให้สำนักปลัดจัดตู้น้ำดื่มบริการประชาชน',
    action: 'ติดตั้งตู้น้ำดื่มที่จุดรอรับบริการแล้ว',
  },
  {
    text: 'ห้องน้ำควรสะอาดกว่านี้',
    tag: 'problem',
    response: 'ให้แม่บ้านทำความสะอาดห้องน้ำทุก 2 ชั่วโมง และมีตารางตรวจ',
    action: 'ติดตารางทำความสะอาดห้องน้ำ ตรวจวันละ 4 ครั้ง',
  },
  {
    text: 'ครูและพี่เลี้ยงศูนย์พัฒนาเด็กเล็กดูแลเด็กดีมาก',
    tag: 'compliment',
    division: 'education',
    response: 'ขอบคุณสำหรับคำชม จะแจ้งศูนย์พัฒนาเด็กเล็กทราบ',
    action: 'มอบเกียรติบัตรแก่ครูผู้ดูแลเด็กในวันครู',
  },
  {
    text: 'อยากให้ส่งเอกสารผ่านไลน์ได้ ไม่ต้องเดินทางมาหลายรอบ',
    tag: 'suggestion',
    response: 'มอบสำนักปลัดศึกษาการรับคำร้องออนไลน์ผ่านไลน์ของ อบต.',
    action: 'เปิดรับคำร้องทั่วไปผ่าน LINE Official Account ของ อบต.',
  },
  {
    text: 'บริการรวดเร็ว ประทับใจมาก',
    tag: 'compliment',
    response: 'ขอบคุณครับ',
    action: 'แจ้งเจ้าหน้าที่ทราบ',
  },
];

const CHANNELS: [SurveyChannel, number][] = [
  ['ticket', 0.35],
  ['tablet', 0.3],
  ['paper', 0.2],
  ['public', 0.15],
];
const DEMOGRAPHICS: Record<string, [string, number][]> = {
  gender: [
    ['female', 0.55],
    ['male', 0.42],
    ['unsaid', 0.03],
  ],
  age: [
    ['under20', 0.04],
    ['a20_29', 0.14],
    ['a30_39', 0.22],
    ['a40_49', 0.24],
    ['a50_59', 0.18],
    ['a60plus', 0.18],
  ],
  education: [
    ['primary', 0.38],
    ['secondary', 0.34],
    ['diploma', 0.1],
    ['bachelor', 0.15],
    ['higher', 0.03],
  ],
  occupation: [
    ['farmer', 0.38],
    ['trader', 0.2],
    ['labourer', 0.2],
    ['government', 0.07],
    ['student', 0.05],
    ['other', 0.1],
  ],
};

/** The months to seed: fiscal year 2567 and the six months ending with the demo's month. */
function monthsToSeed(now: Date): { year: number; month: number }[] {
  const out = new Map<string, { year: number; month: number }>();
  for (let i = 0; i < 12; i++) {
    const idx = 2023 * 12 + 9 + i;
    out.set(`${Math.floor(idx / 12)}-${(idx % 12) + 1}`, { year: Math.floor(idx / 12), month: (idx % 12) + 1 });
  }
  const p = bangkokDateParts(now);
  for (let i = 5; i >= 0; i--) {
    const idx = p.year * 12 + (p.month - 1) - i;
    out.set(`${Math.floor(idx / 12)}-${(idx % 12) + 1}`, { year: Math.floor(idx / 12), month: (idx % 12) + 1 });
  }
  return [...out.values()].sort((a, b) => a.year - b.year || a.month - b.month);
}

/** Seeds the history; returns the counts. Call after the staff (divisions, the mayor) and the queue's services. */
export async function seedSurveyHistory(demo: DemoContext): Promise<void> {
  const { ctx, now } = demo;
  const divisions = (demo.shared.get('staff.divisions') as Map<string, number> | undefined) ?? new Map<string, number>();
  const people = (demo.shared.get('staff.people') as Map<string, { userId: number | null }> | undefined) ?? new Map();
  const mayor = people.get('mayor')?.userId ?? null;
  const form = await currentForm(ctx);
  const items = ratingItems(form.definition).map((i) => i.itemKey);
  const services = await ctx.app.db
    .select({ id: queueServices.id, divisionId: queueServices.divisionId })
    .from(queueServices)
    .where(eq(queueServices.orgId, ctx.orgId));
  const rand = seededRandom(25670101);
  const normal = () => {
    const u = Math.max(rand(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const pickWeighted = <T>(xs: [T, number][]): T => {
    let x = rand();
    for (const [v, w] of xs) {
      x -= w;
      if (x <= 0) return v;
    }
    return (xs[xs.length - 1] as [T, number])[0];
  };
  const nowMs = now.getTime();
  const responses: Record<string, unknown>[] = [];
  const suggestions: Record<string, unknown>[] = [];
  let k = 0;
  for (const { year, month } of monthsToSeed(now)) {
    const days = daysInMonth(year, month);
    const officeDays = Array.from({ length: days }, (_, i) => i + 1).filter((d) => {
      const w = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
      return w >= 1 && w <= 5 && bangkokDate(year, month, d, 8, 30).getTime() < nowMs;
    });
    if (!officeDays.length) continue;
    // A slow rise over the months (the office acting on the suggestions), a dip in the rainy season.
    const drift = (year * 12 + month - (2023 * 12 + 10)) * 0.006 + (month === 11 || month === 12 ? -0.08 : 0);
    for (const [key, divisionId] of divisions) {
      const quality = (DIVISION_QUALITY[key] ?? 4.3) + drift;
      const share =
        officeDays.length /
        Math.max(
          1,
          Array.from({ length: days }, (_, i) => i + 1).filter((d) => {
            const w = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
            return w >= 1 && w <= 5;
          }).length,
        );
      const count = Math.round((25 + rand() * 45) * share);
      const own = services.filter((s) => s.divisionId === divisionId).map((s) => s.id);
      for (let i = 0; i < count; i++) {
        const day = officeDays[Math.floor(rand() * officeDays.length)] as number;
        const minutes = 8 * 60 + 30 + Math.floor(rand() * (7.5 * 60));
        const at = bangkokDate(year, month, day, Math.floor(minutes / 60), minutes % 60);
        if (at.getTime() >= nowMs) continue;
        let channel = pickWeighted(CHANNELS);
        if (channel === 'ticket' && !own.length) channel = 'tablet';
        const person = normal() * 0.35;
        const ratings: Record<string, number> = {};
        for (const item of items) {
          const v = quality + (ITEM_SHIFT[item] ?? 0) + person + normal() * 0.55;
          ratings[item] = Math.max(1, Math.min(5, Math.round(v)));
        }
        const demographics: Record<string, string> = {};
        if (rand() < 0.75) for (const [dk, opts] of Object.entries(DEMOGRAPHICS)) if (rand() < 0.9) demographics[dk] = pickWeighted(opts);
        const clientKey = `demo-history-${k++}`;
        responses.push({
          formVersionId: form.id,
          divisionId,
          serviceId: own.length && rand() < 0.8 ? own[Math.floor(rand() * own.length)] : null,
          channel,
          ratings,
          demographics,
          locale: rand() < 0.85 ? 'th' : 'ms',
          clientKey,
          paperRef: channel === 'paper' ? `${String(month).padStart(2, '0')}/${String(i + 1).padStart(3, '0')}` : null,
          submittedAt: at.toISOString(),
        });
        if (rand() < 0.15) {
          const pool = SUGGESTIONS.filter((s) => !s.division || s.division === key);
          const s = pool[Math.floor(rand() * pool.length)] as (typeof SUGGESTIONS)[number];
          const ageDays = (nowMs - at.getTime()) / 86_400_000;
          const old = ageDays > 40;
          const tagged = old ? rand() < 0.92 : rand() < 0.5;
          const answered = mayor != null && (old || rand() < 0.3);
          const respondedAt = answered ? new Date(Math.min(nowMs - 3_600_000, at.getTime() + (2 + rand() * 12) * 86_400_000)) : null;
          suggestions.push({
            clientKey,
            divisionId,
            submittedAt: at.toISOString(),
            text: s.text,
            tag: tagged || answered ? s.tag : null,
            executiveResponse: answered ? s.response : null,
            actionTaken: answered ? s.action : null,
            respondedBy: answered ? mayor : null,
            respondedAt: respondedAt ? respondedAt.toISOString() : null,
          });
        }
      }
    }
  }
  if (!responses.length) return;
  responses.sort((a, b) => String(a.submittedAt).localeCompare(String(b.submittedAt)));
  const json = (rows: unknown[]) => JSON.stringify(rows);
  const allowed = surveysPolicy.manageForm(ctx.actor);
  await runCommand(ctx, { action: 'surveys.seedHistory', allowed }, async (tx) => {
    const inserted = (await tx.execute(sql`
      INSERT INTO survey_responses (org_id, form_version_id, division_id, service_id, channel, ratings, demographics, locale,
        client_key, entered_by, paper_ref, submitted_at)
      SELECT ${ctx.orgId}, x."formVersionId", x."divisionId", x."serviceId", x.channel, x.ratings, x.demographics, x.locale,
        x."clientKey", NULL, x."paperRef", x."submittedAt"
      FROM json_to_recordset(${json(responses)}::json) AS x("formVersionId" int, "divisionId" int, "serviceId" int, channel text,
        ratings jsonb, demographics jsonb, locale text, "clientKey" text, "paperRef" text, "submittedAt" timestamptz)
      RETURNING id, client_key
    `)) as unknown as { rows: { id: number; client_key: string }[] };
    const ids = new Map(inserted.rows.map((r) => [r.client_key, Number(r.id)]));
    const rows = suggestions.map(({ clientKey, ...s }) => ({ ...s, responseId: ids.get(clientKey as string) }));
    if (rows.length) {
      await tx.execute(sql`
        INSERT INTO survey_suggestions (org_id, response_id, division_id, submitted_at, text, tag, executive_response, action_taken,
          responded_by, responded_at)
        SELECT ${ctx.orgId}, x."responseId", x."divisionId", x."submittedAt", x.text, x.tag, x."executiveResponse", x."actionTaken",
          x."respondedBy", x."respondedAt"
        FROM json_to_recordset(${json(rows)}::json) AS x("responseId" int, "divisionId" int, "submittedAt" timestamptz, text text,
          tag text, "executiveResponse" text, "actionTaken" text, "respondedBy" int, "respondedAt" timestamptz)
      `);
    }
    const result = { responses: responses.length, suggestions: rows.length };
    demo.log(`survey history: ${result.responses} responses, ${result.suggestions} suggestions`);
    return {
      result,
      entity: 'survey_response',
      summary: `สร้างผลการประเมินความพึงพอใจตัวอย่าง ${result.responses} ฉบับ ข้อเสนอแนะ ${result.suggestions} เรื่อง`,
      data: result,
    };
  });
}
