import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { pdfText, popplerMissing } from '../../core/documents/pdf-tools.js';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { seedDemo } from './demo.js';
import { feedPosts, listPublicPosts, listStaffPosts } from './read.js';
import { newsAttachments } from './schema.js';

let env: TestEnv;
let org: TestOrg;
const now = new Date('2024-04-10T09:00:00+07:00');

before(async () => {
  env = await createTestEnv({ now: () => now });
  org = await createTestOrg(env);
});
after(() => env.close());

test('the demo seed: fifteen posts of the last months, one pinned with a PDF ประกาศ, one withdrawn, one scheduled, one draft', async () => {
  const lines: string[] = [];
  await seedDemo({ ctx: org.ctx, shared: new Map(), log: (l) => lines.push(l), password: () => 'x', now });
  const pub = { ...org.ctx, actor: null };
  const { posts, total } = await listPublicPosts(pub, { page: 1 });
  assert.equal(total, 13, 'published and still shown');
  assert.ok(posts[0]?.pinned, 'the pinned tax announcement first');
  assert.match(posts[0]?.title ?? '', /ภาษีที่ดินและสิ่งปลูกสร้าง/);
  const staff = await listStaffPosts(org.ctx, {});
  const counts = new Map<string, number>();
  for (const r of staff.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(counts), { draft: 1, scheduled: 1, published: 13, withdrawn: 1 });
  assert.equal((await feedPosts(pub)).length, 13);

  const [att] = await env.services.db
    .select()
    .from(newsAttachments)
    .where(eq(newsAttachments.postId, posts[0]?.id ?? 0));
  assert.ok(att, 'the announcement PDF is attached');
  const res = await new TestBrowser(env, org.host).get(`/news/${posts[0]?.id}/files/${att.fileId}`);
  assert.equal(res.status, 200);
  const pdf = new Uint8Array(await res.arrayBuffer());
  assert.equal(new TextDecoder().decode(pdf.slice(0, 5)), '%PDF-');
  if (!popplerMissing()) {
    const text = pdfText(pdf);
    assert.match(text.replace(/\s+/g, ''), /ประกาศ/);
    assert.match(text, /[๐-๙]/, 'Thai digits');
  }
});
