import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv } from '../../testing/harness.js';
import { publications } from '../publications/schema.js';
import { seedDemoStaff } from '../staff/demo.js';
import { seedDemo } from './demo.js';
import * as qa from './qa.js';
import * as svc from './service.js';

let env: TestEnv;
const now = new Date('2026-11-20T05:00:00Z');

before(async () => {
  env = await createTestEnv({ now: () => now });
});
after(() => env.close());

describe('about demo', () => {
  test('the demo organization gets its pages, contact, social channels, portraits and Q&A (8 answered, 2 waiting)', async () => {
    const o = await createTestOrg(env, { name: 'ลูโบะปือซา' });
    const lines: string[] = [];
    const demo = {
      ctx: o.ctx,
      shared: new Map<string, unknown>(),
      log: (l: string) => lines.push(l),
      password: () => 'demo-pass-1234',
      now,
    };
    await seedDemoStaff(demo);
    await seedDemo(demo);
    const pages = await svc.listPages(o.ctx);
    assert.deepEqual(
      pages.filter((p) => p.page).map((p) => p.key),
      ['powers', 'laws', 'privacy', 'history', 'vision'],
    );
    assert.equal(pages.find((p) => p.key === 'laws')?.page?.version, 2);
    const logged = await env.services.db
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, o.org.id), eq(publications.kind, 'page')));
    assert.equal(logged.length, 6);
    const profile = await svc.getProfile(o.ctx);
    assert.equal(profile.latitude, '6.4031');
    assert.equal(profile.social.length, 3);
    const s = await svc.orgStructure(o.ctx);
    const shown = [...s.executives, ...s.administration, ...s.divisions.flatMap((d) => d.heads)].flatMap((x) => x.holders);
    assert.ok(shown.length >= 4 && shown.every((p) => p.photoUrl), 'every executive and head has a portrait');
    const counts = await qa.statusCounts(o.ctx);
    assert.deepEqual(counts, { pending: 2, answered: 8, rejected: 0 });
    const answered = await qa.listAnswered({ ...o.ctx, actor: null });
    assert.ok(answered.items.every((q) => q.answeredAt.getTime() <= now.getTime() && q.askedAt.getTime() <= q.answeredAt.getTime()));
    assert.match(lines.join('\n'), /about:/);
    const b = new TestBrowser(env, o.host);
    for (const path of [
      '/about',
      '/about/structure',
      '/about/executives',
      '/about/powers',
      '/about/laws',
      '/about/vision',
      '/about/history',
      '/about/contact',
      '/about/social',
      '/privacy',
      '/qa',
      '/qa/ask',
    ])
      assert.equal((await b.get(path)).status, 200, path);
    const photo = shown[0];
    assert.ok(photo?.photoUrl);
    const img = await b.get(photo.photoUrl);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/svg+xml');
  });
});
