import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, type TestEnv, type TestOrg } from '../../testing/harness.js';

// The database guards of drizzle/0006_immutable_documents.sql: whatever the code does, a
// publication is never changed or deleted except superseded once, and a submitted report
// version keeps its document.

let env: TestEnv;
let org: TestOrg;

before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
});
after(() => env.close());

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => env.services.database.query<T>(text, params);

async function refused(text: string, params: unknown[], pattern: RegExp) {
  await assert.rejects(q(text, params), (e: Error) => pattern.test(`${e.message} ${(e as { cause?: Error }).cause?.message ?? ''}`));
}

describe('publications', () => {
  async function publication(): Promise<number> {
    const sha = createHash('sha256').update(String(Math.random())).digest('hex');
    const [file] = await q<{ id: number }>(
      "INSERT INTO files (org_id, sha256, size, mime, name) VALUES ($1, $2, 10, 'application/pdf', 'a.pdf') RETURNING id",
      [org.org.id, sha],
    );
    const [p] = await q<{ id: number }>(
      "INSERT INTO publications (org_id, fiscal_year, item_code, title, file_id, sha256, size, mime) VALUES ($1, 2567, 'o43', 'รายงาน', $2, $3, 10, 'application/pdf') RETURNING id",
      [org.org.id, file?.id, sha],
    );
    return p?.id ?? 0;
  }

  test('its file, hash and title cannot be changed, and it cannot be deleted', async () => {
    const id = await publication();
    await refused("UPDATE publications SET title = 'อื่น' WHERE org_id = $1 AND id = $2", [org.org.id, id], /immutable/);
    await refused("UPDATE publications SET sha256 = repeat('0', 64) WHERE org_id = $1 AND id = $2", [org.org.id, id], /immutable/);
    await refused('DELETE FROM publications WHERE org_id = $1 AND id = $2', [org.org.id, id], /immutable/);
    const [row] = await q<{ title: string }>('SELECT title FROM publications WHERE org_id = $1 AND id = $2', [org.org.id, id]);
    assert.equal(row?.title, 'รายงาน');
  });

  test('it can be superseded once, with a reason, and then never again', async () => {
    const old = await publication();
    const replacement = await publication();
    await q(
      "UPDATE publications SET superseded_by = $3, superseded_at = now(), supersede_reason = 'แก้ชื่อหน่วยงาน' WHERE org_id = $1 AND id = $2",
      [org.org.id, old, replacement],
    );
    const [row] = await q<{ superseded_by: number | null }>('SELECT superseded_by FROM publications WHERE org_id = $1 AND id = $2', [
      org.org.id,
      old,
    ]);
    assert.equal(row?.superseded_by, replacement);
    await refused("UPDATE publications SET supersede_reason = 'อื่น' WHERE org_id = $1 AND id = $2", [org.org.id, old], /immutable/);
    await refused(
      'UPDATE publications SET superseded_by = NULL, superseded_at = NULL, supersede_reason = NULL WHERE org_id = $1 AND id = $2',
      [org.org.id, old],
      /immutable/,
    );
  });
});

describe('report versions', () => {
  async function report(content: object | null): Promise<number> {
    const [plan] = await q<{ id: number }>("INSERT INTO measure_plans (org_id, fiscal_year, title) VALUES ($1, $2, 'แผน') RETURNING id", [
      org.org.id,
      2500 + Math.floor(Math.random() * 1000),
    ]);
    const [r] = await q<{ id: number }>(
      'INSERT INTO measure_reports (org_id, plan_id, version, status, memo, content) VALUES ($1, $2, 1, $3, \'{"subject":"เรื่อง"}\', $4) RETURNING id',
      [org.org.id, plan?.id, content ? 'routing' : 'draft', content ? JSON.stringify(content) : null],
    );
    return r?.id ?? 0;
  }

  test('a draft can be edited and deleted', async () => {
    const id = await report(null);
    await q('UPDATE measure_reports SET memo = \'{"subject":"ใหม่"}\' WHERE org_id = $1 AND id = $2', [org.org.id, id]);
    await q('DELETE FROM measure_reports WHERE org_id = $1 AND id = $2', [org.org.id, id]);
  });

  test('a submitted version keeps its document; only its status moves on', async () => {
    const id = await report({ rows: [['มาตรการ']] });
    await refused('UPDATE measure_reports SET content = \'{"rows":[]}\' WHERE org_id = $1 AND id = $2', [org.org.id, id], /frozen/);
    await refused('UPDATE measure_reports SET memo = \'{"subject":"อื่น"}\' WHERE org_id = $1 AND id = $2', [org.org.id, id], /frozen/);
    await refused('UPDATE measure_reports SET content = NULL WHERE org_id = $1 AND id = $2', [org.org.id, id], /frozen/);
    await refused('DELETE FROM measure_reports WHERE org_id = $1 AND id = $2', [org.org.id, id], /frozen/);
    await q("UPDATE measure_reports SET status = 'signed', signed_at = now() WHERE org_id = $1 AND id = $2", [org.org.id, id]);
    const [row] = await q<{ status: string }>('SELECT status FROM measure_reports WHERE org_id = $1 AND id = $2', [org.org.id, id]);
    assert.equal(row?.status, 'signed');
  });
});
