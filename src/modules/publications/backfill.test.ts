import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../core/db/client.js';
import { migrate, readMigrations } from '../../core/db/migrate.js';
import { chainLog } from './chain.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

// The SQL is the same on PostgreSQL; the PGlite pass runs it once.
test('0011 backfills the chain links of rows written before links were stored, exactly as chain.ts computes them', {
  skip: process.env.TEST_DATABASE_URL ? 'runs in the PGlite pass' : false,
}, async () => {
  const pglite = new PGlite();
  await pglite.waitReady;
  try {
    const database = { kind: 'pglite', pglite } as unknown as Database;
    const migrations = readMigrations();
    const i0011 = migrations.find((m) => m.tag === '0011_public_portal')?.idx as number;
    await migrate(database, { untilIdx: i0011 - 1, migrations });
    // Rows as the app wrote them before 0011 (foreign keys aside: this is about the chain).
    await pglite.exec('SET session_replication_role = replica');
    const rows: { org: number; id: number; sha256: string; at: Date; sup: number | null }[] = [];
    let id = 0;
    for (const org of [1, 2]) {
      for (let i = 0; i < 4; i++) {
        id++;
        rows.push({ org, id, sha256: sha(`${org}-${i}`), at: new Date(Date.UTC(2024, 0, i + 1, 3, 30, 0, 7 * i)), sup: null });
      }
    }
    (rows[1] as { sup: number | null }).sup = 4; // org 1: #2 superseded by #4
    for (const r of rows) {
      await pglite.query(
        `INSERT INTO publications (org_id, id, fiscal_year, item_code, title, file_id, sha256, size, mime, created_at, superseded_by, superseded_at, supersede_reason)
         VALUES ($1, $2, 2567, 'o43', 't', 1, $3, 10, 'application/pdf', $4, $5, $6, $7)`,
        [r.org, r.id, r.sha256, r.at.toISOString(), r.sup, r.sup ? r.at.toISOString() : null, r.sup ? 'แก้ไข' : null],
      );
    }
    await pglite.exec('SET session_replication_role = origin');
    assert.deepEqual(
      await migrate(database, { migrations }),
      migrations.filter((m) => m.idx >= i0011).map((m) => m.tag),
    );

    const stored = (await pglite.query<{ org_id: number; chain_link: string }>('SELECT org_id, chain_link FROM publications ORDER BY id'))
      .rows;
    for (const org of [1, 2]) {
      const expected = chainLog(
        rows.filter((r) => r.org === org).map((r) => ({ id: r.id, sha256: r.sha256, publishedAt: r.at, supersededBy: r.sup })),
      ).rows.map((x) => x.chain);
      assert.deepEqual(
        stored.filter((r) => r.org_id === org).map((r) => r.chain_link),
        expected,
        `organization ${org}`,
      );
    }
    // The immutability trigger is on again after the backfill.
    await assert.rejects(pglite.query(`UPDATE publications SET chain_link = 'x' WHERE id = 1`), /immutable/);
  } finally {
    await pglite.close();
  }
});
