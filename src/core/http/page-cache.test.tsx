import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { modules } from '../../modules/index.js';
import { updateOrganization } from '../../modules/organization/service.js';
import { createTestEnv, createTestOrg, createTestUser, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { defineModule } from '../module.js';
import { Form } from '../ui/components.js';
import { renderToString } from '../ui/render.js';

/** A public page with a form (as the portal will have), served through the page cache. */
const formPage = defineModule({
  name: 'cachetest',
  routes: (app) => {
    let renders = 0;
    app.get('/cachetest/form', (c) => c.get('pages').respond(c, () => renderToString(c, <Form action="/x">form</Form>)));
    app.get('/cachetest/plain', (c) => c.get('pages').respond(c, async () => `<p>render ${++renders}</p>`));
  },
});

let env: TestEnv;
let org: TestOrg;
before(async () => {
  env = await createTestEnv({ modules: [...modules, formPage] });
  org = await createTestOrg(env);
});
after(() => env.close());

describe('the page cache of public pages', () => {
  test('an anonymous visitor gets the same bytes again without a new render; a query string is never cached', async () => {
    const b = new TestBrowser(env, org.host);
    const first = await (await b.get('/cachetest/plain')).text();
    const second = await (await b.get('/cachetest/plain')).text();
    assert.equal(second, first);
    const q1 = await (await b.get('/cachetest/plain?x=1')).text();
    const q2 = await (await b.get('/cachetest/plain?x=1')).text();
    assert.notEqual(q1, first);
    assert.notEqual(q2, q1, 'rendered each time');
  });

  test('a signed-in visitor is never served the cache', async () => {
    const user = await createTestUser(env, org, ['staff']);
    const anon = new TestBrowser(env, org.host);
    const cached = await (await anon.get('/cachetest/plain')).text();
    const b = new TestBrowser(env, org.host);
    await b.signIn(user.username, user.password);
    assert.notEqual(await (await b.get('/cachetest/plain')).text(), cached);
  });

  test("a page holding a visitor's CSRF token is not kept for the next visitor", async () => {
    const a = new TestBrowser(env, org.host);
    const b = new TestBrowser(env, org.host);
    await a.get('/cachetest/form');
    await b.get('/cachetest/form');
    const ta = await a.csrf('/cachetest/form');
    const tb = await b.csrf('/cachetest/form');
    assert.notEqual(ta, tb);
    assert.equal(b.cookie('prongsai_csrf'), tb, "each visitor's form carries their own cookie's token");
  });

  test('a change to the organization is on the next page at once', async () => {
    const b = new TestBrowser(env, org.host);
    assert.match(await (await b.get('/')).text(), new RegExp(org.org.name));
    await updateOrganization(org.ctx, {
      type: 'sao',
      name: `${org.org.name}ใหม่`,
      province: org.org.province,
      district: org.org.district,
      docCode: org.org.docCode,
      address: org.org.address,
      brandColor: '#1d3f8f',
    });
    assert.match(await (await b.get('/')).text(), new RegExp(`${org.org.name}ใหม่`));
  });

  test('compressed variants and validators are served', async () => {
    const b = new TestBrowser(env, org.host);
    const br = await b.get('/privacy', { 'accept-encoding': 'br, gzip' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    const etag = br.headers.get('etag') ?? '';
    assert.ok(etag);
    const again = await b.get('/privacy', { 'if-none-match': etag });
    assert.equal(again.status, 304);
  });
});
