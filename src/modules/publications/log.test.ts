import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import { createTestEnv, createTestOrg, signedIn, TestBrowser, type TestEnv, type TestOrg, unique } from '../../testing/harness.js';
import { createPosition, createStaff } from '../staff/service.js';
import { CHAIN_GENESIS, type ChainEntry, chainLink, chainLog } from './chain.js';
import { LOG_CSV_COLUMNS } from './log-csv.js';
import { type Publication, publish, supersedePublication } from './service.js';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

describe('the hash chain (pure)', () => {
  const rows: ChainEntry[] = [
    { id: 3, sha256: sha('a'), publishedAt: new Date('2023-12-20T03:30:00.000Z'), supersededBy: 5 },
    { id: 4, sha256: sha('b'), publishedAt: new Date('2024-01-05T02:00:00.000Z'), supersededBy: null },
    { id: 5, sha256: sha('c'), publishedAt: new Date('2024-02-01T09:15:00.000Z'), supersededBy: null },
  ];

  test('the same input gives the same head, whatever order the rows come in; an empty log is the genesis', () => {
    const a = chainLog(rows);
    assert.equal(a.head, chainLog(rows.map((r) => ({ ...r }))).head);
    assert.equal(a.head, chainLog([...rows].reverse()).head);
    assert.deepEqual(
      a.rows.map((r) => r.entry.id),
      [3, 4, 5],
    );
    assert.equal(a.rows[2]?.chain, a.head);
    assert.equal(chainLog([]).head, CHAIN_GENESIS);
    assert.match(a.head, /^[0-9a-f]{64}$/);
  });

  test('each link is SHA-256 of previous|id|sha256|published_at|replaces, as the page says', () => {
    // 5 replaced 3: the link of 5 names 3; the link of 3 does not depend on what replaced it.
    const replaces: Record<number, string> = { 3: '', 4: '', 5: '3' };
    let prev = CHAIN_GENESIS;
    for (const r of rows) prev = sha(`${prev}|${r.id}|${r.sha256}|${r.publishedAt.toISOString()}|${replaces[r.id]}`);
    assert.equal(chainLog(rows).head, prev);
    assert.equal(chainLink(CHAIN_GENESIS, rows[0] as ChainEntry, null), chainLog(rows).rows[0]?.chain);
    assert.deepEqual(
      chainLog(rows).rows.map((r) => r.replaces),
      [null, null, 3],
    );
  });

  test('a link never changes once written: superseding a row later adds a link and leaves the old ones', () => {
    const before = chainLog(rows.slice(0, 2).map((r) => ({ ...r, supersededBy: null })));
    const after = chainLog(rows);
    assert.deepEqual(
      after.rows.slice(0, 2).map((r) => r.chain),
      before.rows.map((r) => r.chain),
    );
  });

  test('changing any field of any row, dropping or adding a row, changes the head', () => {
    const head = chainLog(rows).head;
    const variants: ChainEntry[][] = [];
    rows.forEach((r, i) => {
      const swap = (patch: Partial<ChainEntry>) => rows.map((x, j) => (j === i ? { ...x, ...patch } : x));
      variants.push(swap({ id: r.id + 100 }));
      variants.push(swap({ sha256: sha(`changed ${i}`) }));
      variants.push(swap({ publishedAt: new Date(r.publishedAt.getTime() + 1000) }));
      variants.push(swap({ supersededBy: r.supersededBy == null ? (r.id === 4 ? 5 : 4) : null }));
      variants.push(rows.filter((_, j) => j !== i));
    });
    variants.push([...rows, { id: 6, sha256: sha('d'), publishedAt: new Date(), supersededBy: null }]);
    const heads = variants.map((v) => chainLog(v).head);
    for (const h of heads) assert.notEqual(h, head);
    assert.equal(new Set(heads).size, heads.length, 'every change gives its own head');
  });
});

// ---------- the public log over HTTP ----------

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
before(async () => {
  env = await createTestEnv();
  org = await createTestOrg(env);
  other = await createTestOrg(env);
});
after(() => env.close());

function pdf(tag: string): Uint8Array {
  return new TextEncoder().encode(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${tag}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

async function publishAs(ctx: ServiceContext, tag: string, extra: Partial<Parameters<typeof publish>[2]> = {}): Promise<Publication> {
  return runCommand(ctx, { action: 'test.publish', allowed: true }, async (tx, _tools, txCtx) => {
    const p = await publish(tx, txCtx, {
      fiscalYear: 2567,
      itemCode: 'o43',
      title: `รายงานผลการดำเนินการตามมาตรการ, "ฉบับ" ${tag}`,
      bytes: pdf(`${tag} ${unique('')}`),
      fileName: `${tag}.pdf`,
      ...extra,
    });
    return { result: p, entity: 'publication', entityId: p.id, summary: 'test publish' };
  });
}

/** A coordinator with a position, acting as themselves. */
async function coordinator(o: TestOrg, positionTitle: string) {
  const positionId = await createPosition(o.ctx, { title: positionTitle, appendOrgName: false, rank: 'staff' });
  const username = unique('coord');
  const created = await createStaff(o.ctx, {
    titlePrefix: 'นางสาว',
    firstName: 'ผู้ประสานงาน',
    lastName: `นามสกุล${username}`,
    positionId,
    account: { username, roles: ['ita_coordinator'], password: `pw-${unique('x')}-long` },
  });
  const ctx: ServiceContext = {
    ...o.ctx,
    actor: {
      orgId: o.org.id,
      userId: created.userId as number,
      username,
      displayName: 'ผู้ประสานงาน',
      roles: ['ita_coordinator'],
      mustChangePassword: false,
    },
  };
  return { ctx, username };
}

/** RFC 4180, enough for our own file. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function readCsv(browser: TestBrowser) {
  const res = await browser.get('/publications/log.csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="publication-log-\d{4}-\d{2}-\d{2}\.csv"/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return { bytes, text, header, rows };
}

/** The index of a CSV column by name. */
const col = (name: (typeof LOG_CSV_COLUMNS)[number]) => LOG_CSV_COLUMNS.indexOf(name);

const headOf = (html: string) => {
  const m = /<code class="mono">([0-9a-f]{64})<\/code>/.exec(html);
  assert.ok(m?.[1], 'the page shows the head of the chain');
  return m[1];
};

describe('the public publication log', () => {
  test('anyone reads the log and the CSV without signing in: position not username, full sha256, BOM, chain', async () => {
    const { ctx, username } = await coordinator(org, 'นักวิเคราะห์นโยบายและแผนชำนาญการ');
    const first = await publishAs(ctx, 'log-a');
    const second = await publishAs(org.ctx, 'log-b', { itemCode: 'o42' });

    const anon = new TestBrowser(env, org.host);
    const res = await anon.get('/publications');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const html = await res.text();
    assert.match(html, /บันทึกการเผยแพร่/);
    assert.ok(html.includes(first.sha256) && html.includes(second.sha256), 'the full sha256 of each');
    assert.ok(html.includes(`href="/publications/${first.id}"`));
    assert.ok(html.includes('href="/ita/2567/o43"'));
    assert.ok(html.indexOf(second.sha256) < html.indexOf(first.sha256), 'newest first');
    assert.match(html, /นักวิเคราะห์นโยบายและแผนชำนาญการ/);
    assert.ok(!html.includes(username), 'never a username');
    assert.ok(!html.includes('/staff/publications/'), 'no staff actions in public');
    assert.match(html, /sha256sum file\.pdf/);
    assert.match(html, /certutil -hashfile file\.pdf SHA256/);
    assert.ok(html.includes('href="/publications/log.csv"'));
    // The nav and the ITA page lead here.
    assert.ok((await (await anon.get('/ita')).text()).includes('href="/publications"'));

    const csv = await readCsv(anon);
    assert.deepEqual([...csv.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
    assert.deepEqual(csv.header, [...LOG_CSV_COLUMNS]);
    assert.ok(csv.text.includes(first.sha256) && csv.text.includes(second.sha256));
    const byId = new Map(csv.rows.map((r) => [Number(r[0]), r]));
    const row = byId.get(first.id);
    assert.ok(row);
    assert.equal(row[col('published_at')], first.publishedAt.toISOString());
    assert.equal(row[col('kind')], 'document');
    assert.equal(row[col('action')], 'publish');
    assert.equal(row[col('fiscal_year')], '2567');
    assert.equal(row[col('item_code')], 'o43');
    assert.equal(row[col('title')], first.title, 'a title with a comma and quotes survives');
    assert.equal(row[col('sha256')], first.sha256);
    assert.equal(row[col('size')], String(first.size));
    assert.equal(row[col('file_url')], `http://${org.host}/publications/${first.id}/file`);
    assert.equal(row[col('chain')], first.chainLink, 'the stored link');
    // Publication order; the last column of the last row is the head the page shows.
    const ids = csv.rows.map((r) => Number(r[0]));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.equal(csv.rows.at(-1)?.at(-1), headOf(html));

    // Anyone can recompute the chain from the CSV alone.
    let prev = CHAIN_GENESIS;
    for (const r of csv.rows) {
      prev = sha(`${prev}|${r[0]}|${r[col('sha256')]}|${r[col('published_at')]}|${r[col('ref')]}`);
      assert.equal(r[col('chain')], prev);
    }

    // In English and Malay too.
    await anon.get('/lang/en?next=/');
    assert.match(await (await anon.get('/publications')).text(), /Publication log/);
    await anon.get('/lang/ms?next=/');
    assert.match(await (await anon.get('/publications')).text(), /Log penerbitan/);
  });

  test('another organization’s publications never appear, on the page or in the CSV', async () => {
    const mine = await publishAs(org.ctx, 'mine');
    const theirs = await publishAs(other.ctx, 'theirs');
    const here = new TestBrowser(env, org.host);
    const there = new TestBrowser(env, other.host);
    const hereHtml = await (await here.get('/publications')).text();
    const thereHtml = await (await there.get('/publications')).text();
    assert.ok(hereHtml.includes(mine.sha256) && !hereHtml.includes(theirs.sha256));
    assert.ok(thereHtml.includes(theirs.sha256) && !thereHtml.includes(mine.sha256));
    const hereCsv = await readCsv(here);
    const thereCsv = await readCsv(there);
    assert.ok(!hereCsv.text.includes(theirs.sha256));
    assert.ok(!thereCsv.text.includes(mine.sha256));
    assert.deepEqual(
      thereCsv.rows.map((r) => Number(r[0])),
      [theirs.id],
    );
    assert.notEqual(headOf(hereHtml), headOf(thereHtml));
  });

  test('a supersession shows its reason, and moves the head of the chain', async () => {
    const old = await publishAs(org.ctx, 'old');
    const anon = new TestBrowser(env, org.host);
    const before = await (await anon.get('/publications')).text();
    const headBefore = headOf(before);
    const csvBefore = await readCsv(anon);

    const reason = 'แก้ชื่อหน่วยงานที่พิมพ์ผิด, หน้า ๒';
    const fresh = await supersedePublication(org.ctx, old.id, { reason, bytes: pdf(`fresh ${unique('')}`), fileName: 'fresh.pdf' });

    // The cached page was dropped when the supersession committed.
    const afterHtml = await (await anon.get('/publications')).text();
    const headAfter = headOf(afterHtml);
    assert.notEqual(headAfter, headBefore);
    assert.ok(afterHtml.includes(reason));
    assert.ok(afterHtml.includes(`#${old.id}`));
    assert.match(afterHtml, /แทนที่ฉบับ #\d+/);
    assert.ok(afterHtml.indexOf(fresh.sha256) < afterHtml.indexOf(old.sha256), 'the replacement is newer');

    const csvAfter = await readCsv(anon);
    assert.equal(csvAfter.rows.at(-1)?.at(-1), headAfter);
    const oldRow = csvAfter.rows.find((r) => Number(r[0]) === old.id);
    assert.equal(oldRow?.[col('superseded_by')], String(fresh.id));
    assert.match(oldRow?.[col('superseded_at')] ?? '', /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(oldRow?.[col('supersede_reason')], reason);
    const freshRow = csvAfter.rows.find((r) => Number(r[0]) === fresh.id);
    assert.equal(freshRow?.[col('replaces')], String(old.id), 'the replacement names what it replaced');
    assert.equal(freshRow?.[col('ref')], String(old.id));
    // Every row kept before keeps its chain value, the superseded one included: the chain only grows.
    for (const r of csvBefore.rows) assert.equal(csvAfter.rows.find((x) => x[0] === r[0])?.at(-1), r.at(-1));
  });

  test('the staff log keeps its supersede column and links the public log', async () => {
    const p = await publishAs(org.ctx, 'staff-view');
    const { browser } = await signedIn(env, org, ['ita_coordinator']);
    const html = await (await browser.get('/staff/publications')).text();
    assert.ok(html.includes(`/staff/publications/${p.id}/supersede`));
    assert.ok(html.includes('href="/publications"'));
    assert.ok(html.includes(p.sha256));
  });
});
