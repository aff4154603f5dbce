import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { getPublicProcurement, listConditions, listProcurements, publicYears } from './list.js';
import { type ProcurementMethod, type ProcurementStatus, procurementNotices, procurements } from './schema.js';

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
let publicCtx: ServiceContext;
const now = new Date('2024-10-20T10:00:00+07:00');

type Row = typeof procurements.$inferInsert;

function row(orgId: number, i: number, over: Partial<Row> = {}): Row {
  const methods: ProcurementMethod[] = ['specific', 'specific', 'e_bidding', 'selection'];
  const month = (i % 12) + 1; // fiscal month
  const y = month <= 3 ? 2023 : 2024;
  const m = month <= 3 ? month + 9 : month - 3;
  const day = `${y}-${String(m).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  return {
    orgId,
    fiscalYear: 2567,
    title: `จัดซื้อวัสดุสำนักงาน รายการที่ ${i}`,
    category: i % 5 === 0 ? 'works' : 'goods',
    method: methods[i % methods.length] as ProcurementMethod,
    status: 'contracted',
    budgetSatang: 1_000_000 + i,
    announcedOn: day,
    contractDate: day,
    winnerName: i % 7 === 0 ? 'ร้านนูรุลฮูดา 100%_ดี' : 'หจก.บาเจาะพาณิชย์',
    agreedPriceSatang: 990_000 + i,
    ...over,
  };
}

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  publicCtx = { app: env.services, orgId: org.org.id, actor: null };
  const db = env.services.db;
  await db.insert(procurements).values(Array.from({ length: 45 }, (_, i) => row(org.org.id, i + 1)));
  await db
    .insert(procurements)
    .values([
      row(org.org.id, 100, { title: 'โครงการในแผน ยังไม่ประกาศ', status: 'planned', announcedOn: null, contractDate: null }),
      row(org.org.id, 101, { title: 'ยกเลิกก่อนประกาศ', status: 'cancelled', announcedOn: null, contractDate: null }),
      row(org.org.id, 102, { title: 'ยกเลิกหลังประกาศ', status: 'cancelled', contractDate: null }),
      row(org.org.id, 103, { fiscalYear: 2568, title: 'ปีถัดไป' }),
    ]);
  await db.insert(procurements).values(Array.from({ length: 5 }, (_, i) => row(other.org.id, i + 1, { title: 'ของอีกหน่วยงาน' })));
});
after(() => env.close());

const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

describe('listProcurements', () => {
  test('keyset pages newest first by id: 20 + 20 + the rest, no overlap, nothing of another organization', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await listProcurements(publicCtx, { fiscalYear: 2567, limit: 20, before });
      sizes.push(page.rows.length);
      seen.push(...page.rows.map((r) => r.id));
      if (page.nextBefore == null) break;
      assert.equal(page.nextBefore, page.rows[page.rows.length - 1]?.id);
      before = page.nextBefore;
    }
    assert.deepEqual(sizes, [20, 20, 6], '45 contracted + the one cancelled after its invitation');
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => b - a),
    );
    assert.equal(new Set(seen).size, seen.length);
    const otherPage = await listProcurements({ ...publicCtx, orgId: other.org.id }, { fiscalYear: 2567, limit: 50 });
    assert.equal(otherPage.rows.length, 5);
    assert.ok(otherPage.rows.every((r) => r.orgId === other.org.id));
  });

  test('exactly limit rows left: no next page', async () => {
    const all = await listProcurements(publicCtx, { fiscalYear: 2567, limit: 46 });
    assert.equal(all.rows.length, 46);
    assert.equal(all.nextBefore, null);
  });

  test('public rule: planned and cancelled-before-announced stay hidden until the plan notice is published', async () => {
    const before = titles((await listProcurements(publicCtx, { fiscalYear: 2567, limit: 200 })).rows);
    assert.ok(!before.includes('โครงการในแผน ยังไม่ประกาศ'));
    assert.ok(!before.includes('ยกเลิกก่อนประกาศ'));
    assert.ok(before.includes('ยกเลิกหลังประกาศ'));
    const [planned] = await env.services.db
      .select({ id: procurements.id })
      .from(procurements)
      .where(sql`${procurements.orgId} = ${org.org.id} and ${procurements.status} = 'planned'`);
    assert.ok(planned);
    await assert.rejects(getPublicProcurement(publicCtx, planned.id), { status: 404 });

    // Staff see everything; the public may not ask for that.
    const staff = { ...publicCtx, actor: systemActor(org.org.id, 'test') };
    const all = titles((await listProcurements(staff, { fiscalYear: 2567, limit: 200, includeUnpublished: true })).rows);
    assert.equal(all.length, 48);
    await assert.rejects(listProcurements(publicCtx, { fiscalYear: 2567, limit: 10, includeUnpublished: true }), { status: 401 });

    // A plan notice not yet in the publication log changes nothing; once logged, the plan is public.
    const [notice] = await env.services.db
      .insert(procurementNotices)
      .values({ orgId: org.org.id, fiscalYear: 2567, kind: 'plan', title: 'ประกาศแผน', noticeDate: '2023-10-15', fileId: 1 })
      .returning();
    assert.equal((await listProcurements(publicCtx, { fiscalYear: 2567, limit: 200 })).rows.length, 46);
    await env.services.db
      .update(procurementNotices)
      .set({ publicationId: 999 })
      .where(sql`${procurementNotices.orgId} = ${org.org.id} and ${procurementNotices.id} = ${notice?.id}`);
    assert.equal((await listProcurements(publicCtx, { fiscalYear: 2567, limit: 200 })).rows.length, 48);
    assert.equal((await getPublicProcurement(publicCtx, planned.id)).procurement.status, 'planned');
    // Another organization's published plan never opens this one's.
    await assert.rejects(getPublicProcurement({ ...publicCtx, orgId: other.org.id }, planned.id), { status: 404 });
    await env.services.db.delete(procurementNotices).where(sql`${procurementNotices.orgId} = ${org.org.id}`);
  });

  test('filters: method, status, category, month of the contract, words (with % and _ taken literally), year', async () => {
    const list = (f: object) => listProcurements(publicCtx, { fiscalYear: 2567, limit: 200, ...f });
    const eb = (await list({ method: 'e_bidding' })).rows;
    assert.ok(eb.length > 0 && eb.every((r) => r.method === 'e_bidding'));
    const cancelled = (await list({ status: 'cancelled' })).rows;
    assert.deepEqual(titles(cancelled), ['ยกเลิกหลังประกาศ']);
    const works = (await list({ category: 'works' })).rows;
    assert.ok(works.length === 9 && works.every((r) => r.category === 'works'));
    const march = (await list({ month: '2024-03' })).rows;
    assert.ok(march.length > 0 && march.every((r) => r.contractDate?.startsWith('2024-03')));
    const pct = (await list({ q: '100%_' })).rows;
    assert.ok(pct.length === 6 && pct.every((r) => r.winnerName?.includes('100%_')));
    assert.equal((await list({ q: '1_0' })).rows.length, 0, '_ is not a wildcard');
    assert.equal((await list({ q: 'รายการที่ 44' })).rows.length, 1);
    assert.deepEqual(titles((await listProcurements(publicCtx, { fiscalYear: 2568, limit: 10 })).rows), ['ปีถัดไป']);
    // Unknown filter values are ignored rather than matching nothing (the page validates them first).
    assert.equal((await list({ method: 'bogus' as ProcurementMethod, status: 'x' as ProcurementStatus })).rows.length, 46);
    assert.equal((await listProcurements(publicCtx, { fiscalYear: 12, limit: 10 })).rows.length, 0);
    assert.deepEqual(await publicYears(publicCtx), [2568, 2567]);
  });

  test('the query is served by the procurements_year* indexes (EXPLAIN with sequential scans discouraged)', async () => {
    const cases = [
      { filter: { fiscalYear: 2567 }, index: /procurements_year/ },
      { filter: { fiscalYear: 2567, method: 'e_bidding' as const }, index: /procurements_year(_method)?/ },
      { filter: { fiscalYear: 2567, status: 'contracted' as const, before: 30 }, index: /procurements_year(_status)?/ },
    ];
    for (const c of cases) {
      const plan = await env.services.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const q = tx
          .select()
          .from(procurements)
          .where(listConditions(org.org.id, c.filter, false))
          .orderBy(sql`${procurements.id} desc`)
          .limit(21);
        const res = (await tx.execute(sql`explain ${q}`)) as unknown as { rows: Record<string, string>[] };
        return res.rows.map((r) => Object.values(r)[0]).join('\n');
      });
      assert.match(plan, c.index, plan);
      assert.doesNotMatch(plan, /Seq Scan/, plan);
    }
  });
});
