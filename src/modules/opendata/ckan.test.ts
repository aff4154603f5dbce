import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv, type TestOrg } from '../../testing/harness.js';
import { periodRange } from './dcat.js';
import { type DatasetColumn, registerDataset } from './registry.js';

/**
 * Harvesting the open data: DCAT-AP JSON-LD (/opendata/catalog.jsonld, /opendata/<id>.jsonld)
 * and the CKAN-compatible Action API (/api/3/action/…), compared with the shapes CKAN documents
 * (docs.ckan.org, "API guide": { help, success, result } and { help, success: false, error:
 * { __type, message } }; package_search's result { count, results, facets, search_facets, sort };
 * a package dict with name, title, notes, tags, resources, organization, license …).
 */

const COLUMNS: DatasetColumn[] = [{ key: 'n', th: 'จำนวน', en: 'Count', type: 'integer' }];
const periodsOf = new Map<number, string[]>();

let env: TestEnv;
let org: TestOrg;
let other: TestOrg;
const unregister: (() => void)[] = [];

before(async () => {
  unregister.push(
    registerDataset({
      id: 'test-ckan-water',
      module: 'test',
      frequency: 'monthly',
      keywords: ['ประปา', 'water'],
      title: { th: 'การใช้น้ำประปาหมู่บ้าน', en: 'Village water use', ms: 'Penggunaan air kampung' },
      description: { th: 'ปริมาณน้ำประปาที่ใช้ในแต่ละหมู่บ้าน', en: 'Water used in each village' },
      async periods(ctx) {
        return periodsOf.get(ctx.orgId) ?? [];
      },
      async table() {
        return { columns: COLUMNS, rows: [[1]] };
      },
    }),
    registerDataset({
      id: 'test-ckan-budget',
      module: 'test',
      frequency: 'yearly',
      keywords: ['งบประมาณ', 'budget'],
      title: { th: 'งบประมาณรายจ่ายประจำปี', en: 'Annual budget' },
      description: { th: 'งบประมาณรายจ่ายตามแผนงาน', en: 'Budget by programme' },
      async periods(ctx) {
        return ctx.orgId === org.org.id ? ['2569'] : [];
      },
      async table() {
        return { columns: COLUMNS, rows: [[2]] };
      },
    }),
    registerDataset({
      // Registered, but no period yet: not published.
      id: 'test-ckan-empty',
      module: 'test',
      title: { th: 'ยังไม่มีข้อมูล', en: 'Nothing yet' },
      description: { th: '-', en: '-' },
      async periods() {
        return [];
      },
      async table() {
        return { columns: COLUMNS, rows: [] };
      },
    }),
  );
  env = await createTestEnv();
  org = await createTestOrg(env);
  other = await createTestOrg(env);
  periodsOf.set(org.org.id, ['2026-10', '2026-09']);
  periodsOf.set(other.org.id, ['2026-08']);
});
after(async () => {
  for (const u of unregister) u();
  await env.close();
});

const anon = (o: TestOrg = org) => new TestBrowser(env, o.host);
type Json = Record<string, unknown>;
async function action(path: string, o: TestOrg = org): Promise<{ status: number; body: Json; res: Response }> {
  const res = await anon(o).get(`/api/3/action/${path}`);
  return { status: res.status, body: (await res.json()) as Json, res };
}

describe('period ranges (dct:temporal, issue dates)', () => {
  test('a month, a B.E. fiscal year, a calendar year, anything else', () => {
    assert.deepEqual(periodRange('2026-02'), { start: '2026-02-01', end: '2026-02-28', issued: new Date('2026-02-28T17:00:00Z') });
    assert.equal(periodRange('2026-12')?.issued.toISOString(), '2026-12-31T17:00:00.000Z');
    assert.deepEqual(periodRange('2569'), { start: '2025-10-01', end: '2026-09-30', issued: new Date('2026-09-30T17:00:00Z') });
    assert.equal(periodRange('2026')?.end, '2026-12-31');
    assert.equal(periodRange('2026-13'), null);
    assert.equal(periodRange('q1'), null);
  });
});

describe('DCAT-AP JSON-LD', () => {
  test('the catalog: dcat:Catalog, the publisher, the license, one dcat:Dataset per published dataset', async () => {
    const res = await anon().get('/opendata/catalog.jsonld');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/ld\+json/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const doc = (await res.json()) as Json & { 'dcat:dataset': Json[] };
    assert.equal((doc['@context'] as Json).dcat, 'http://www.w3.org/ns/dcat#');
    assert.equal(doc['@type'], 'dcat:Catalog');
    assert.equal(doc['@id'], `http://${org.host}/opendata/catalog.jsonld`);
    assert.deepEqual(doc['dct:license'], { '@id': 'https://creativecommons.org/licenses/by/4.0/' });
    assert.equal((doc['dct:publisher'] as Json)['@type'], 'foaf:Organization');
    const ids = doc['dcat:dataset'].map((d) => d['dct:identifier']);
    assert.ok(ids.includes('test-ckan-water'));
    assert.ok(ids.includes('test-ckan-budget'));
    assert.ok(!ids.includes('test-ckan-empty'));
    const titles = doc['dct:title'] as { '@language': string; '@value': string }[];
    assert.deepEqual(
      titles.map((t) => t['@language']),
      ['th', 'en', 'ms'],
    );
  });

  test('a dataset: distributions per period and format, temporal coverage, frequency, issued and modified', async () => {
    const res = await anon().get('/opendata/test-ckan-water.jsonld');
    assert.equal(res.status, 200);
    const d = (await res.json()) as Json & { 'dcat:distribution': Json[] };
    assert.equal(d['@type'], 'dcat:Dataset');
    assert.equal(d['@id'], `http://${org.host}/opendata/test-ckan-water`);
    assert.deepEqual(d['dcat:keyword'], ['ประปา', 'water']);
    assert.deepEqual(d['dct:accrualPeriodicity'], { '@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY' });
    assert.deepEqual(d['dct:issued'], { '@type': 'xsd:dateTime', '@value': '2026-09-30T17:00:00.000Z' });
    assert.deepEqual(d['dct:modified'], { '@type': 'xsd:dateTime', '@value': '2026-10-31T17:00:00.000Z' });
    assert.deepEqual((d['dct:temporal'] as Json)['dcat:startDate'], { '@type': 'xsd:date', '@value': '2026-09-01' });
    assert.deepEqual((d['dct:temporal'] as Json)['dcat:endDate'], { '@type': 'xsd:date', '@value': '2026-10-31' });
    assert.equal(d['dcat:distribution'].length, 6);
    const csv = d['dcat:distribution'].find((x) => String(x['@id']).endsWith('/2026-10.csv')) as Json;
    assert.deepEqual(csv['dcat:downloadURL'], { '@id': `http://${org.host}/opendata/test-ckan-water/2026-10.csv` });
    assert.deepEqual(csv['dcat:mediaType'], { '@id': 'https://www.iana.org/assignments/media-types/text/csv' });
    assert.deepEqual(csv['dct:format'], { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' });
    // Every download address it gives works.
    assert.equal((await anon().get('/opendata/test-ckan-water/2026-10.csv')).status, 200);
  });

  test('unknown, unpublished or another organization’s: 404; the dataset page still works', async () => {
    assert.equal((await anon().get('/opendata/no-such.jsonld')).status, 404);
    assert.equal((await anon().get('/opendata/test-ckan-empty.jsonld')).status, 404);
    assert.equal((await anon(other).get('/opendata/test-ckan-budget.jsonld')).status, 404);
    assert.equal((await anon().get('/opendata/test-ckan-water')).status, 200);
    const theirs = (await (await anon(other).get('/opendata/test-ckan-water.jsonld')).json()) as { 'dcat:distribution': Json[] };
    assert.ok(theirs['dcat:distribution'].every((x) => String(x['@id']).includes('/2026-08.')));
  });
});

describe('the CKAN Action API', () => {
  test('package_list: the names of the published datasets, in CKAN’s envelope, CORS open', async () => {
    const { status, body, res } = await action('package_list');
    assert.equal(status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(Object.keys(body).sort(), ['help', 'result', 'success']);
    assert.equal(body.success, true);
    assert.match(String(body.help), /\/api\/3\/action\/help_show\?name=package_list$/);
    assert.ok(Array.isArray(body.result));
    const names = body.result as string[];
    assert.ok(names.includes('test-ckan-water') && names.includes('test-ckan-budget'));
    assert.ok(!names.includes('test-ckan-empty'));
    const paged = await action('package_list?limit=1&offset=1');
    assert.equal((paged.body.result as string[]).length, 1);
    assert.equal((paged.body.result as string[])[0], [...names].sort()[1]);
    // The other organization publishes only the water dataset.
    assert.ok(!((await action('package_list', other)).body.result as string[]).includes('test-ckan-budget'));
  });

  test('package_show: CKAN’s package dictionary, with a resource per period and format', async () => {
    const { status, body } = await action('package_show?id=test-ckan-water');
    assert.equal(status, 200);
    const p = body.result as Json & { resources: Json[]; tags: Json[]; organization: Json };
    for (const key of [
      'id',
      'name',
      'title',
      'notes',
      'type',
      'state',
      'private',
      'license_id',
      'license_title',
      'license_url',
      'metadata_created',
      'metadata_modified',
      'owner_org',
      'organization',
      'tags',
      'num_tags',
      'resources',
      'num_resources',
      'groups',
      'extras',
      'url',
      'isopen',
    ]) {
      assert.ok(key in p, key);
    }
    assert.equal(p.name, 'test-ckan-water');
    assert.equal(p.title, 'การใช้น้ำประปาหมู่บ้าน');
    assert.equal(p.type, 'dataset');
    assert.equal(p.state, 'active');
    assert.equal(p.private, false);
    assert.equal(p.license_id, 'cc-by');
    assert.equal(p.metadata_modified, '2026-10-31T17:00:00.000000');
    assert.deepEqual(
      p.tags.map((t) => t.name),
      ['ประปา', 'water'],
    );
    assert.equal(p.num_resources, 6);
    assert.equal(p.resources.length, 6);
    const r = p.resources[0] as Json;
    for (const key of ['id', 'package_id', 'name', 'format', 'mimetype', 'url', 'created', 'last_modified', 'position', 'state']) {
      assert.ok(key in r, key);
    }
    assert.equal(r.package_id, 'test-ckan-water');
    assert.equal(r.format, 'CSV');
    assert.equal(r.url, `http://${org.host}/opendata/test-ckan-water/2026-10.csv`);
    assert.equal(p.organization.is_organization, true);
    assert.equal(p.owner_org, p.organization.id);
  });

  test('errors as CKAN gives them: Not Found Error 404, Validation Error 409, unknown action 400', async () => {
    const missing = await action('package_show?id=no-such');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.success, false);
    assert.ok(!('result' in missing.body));
    assert.equal((missing.body.error as Json).__type, 'Not Found Error');
    assert.equal(typeof (missing.body.error as Json).message, 'string');
    // Registered but unpublished, and another organization's only dataset, are not found either.
    assert.equal((await action('package_show?id=test-ckan-empty')).status, 404);
    assert.equal((await action('package_show?id=test-ckan-budget', other)).status, 404);

    const noId = await action('package_show');
    assert.equal(noId.status, 409);
    assert.equal((noId.body.error as Json).__type, 'Validation Error');
    assert.deepEqual((noId.body.error as Json).id, ['Missing value']);

    const unknown = await action('package_create');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.success, false);
    const weird = await anon().get('/api/3/action/..%2F..%2Fetc');
    assert.ok([400, 404].includes(weird.status));
  });

  test('package_search: count, results, facets, search_facets, sort; q, fq=tags:…, rows, start, sort', async () => {
    const all = await action('package_search');
    assert.equal(all.status, 200);
    const r = all.body.result as Json & { results: Json[] };
    assert.deepEqual(Object.keys(r).sort(), ['count', 'facets', 'results', 'search_facets', 'sort']);
    assert.equal(r.count, 2);
    assert.equal(r.sort, 'score desc, metadata_modified desc');

    const byTag = (await action(`package_search?fq=${encodeURIComponent('tags:ประปา')}`)).body.result as Json & { results: Json[] };
    assert.equal(byTag.count, 1);
    assert.equal(byTag.results[0]?.name, 'test-ckan-water');
    const quoted = (await action(`package_search?fq=${encodeURIComponent('tags:"budget"')}`)).body.result as Json;
    assert.equal(quoted.count, 1);

    const q = (await action(`package_search?q=${encodeURIComponent('งบประมาณ')}`)).body.result as Json & { results: Json[] };
    assert.deepEqual(
      q.results.map((x) => x.name),
      ['test-ckan-budget'],
    );
    const en = (await action('package_search?q=village%20water')).body.result as Json;
    assert.equal(en.count, 1);
    const star = (await action(`package_search?q=${encodeURIComponent('*:*')}`)).body.result as Json;
    assert.equal(star.count, 2);

    const sorted = (await action('package_search?sort=name%20desc&rows=1&start=1')).body.result as Json & { results: Json[] };
    assert.equal(sorted.count, 2);
    assert.deepEqual(
      sorted.results.map((x) => x.name),
      ['test-ckan-budget'],
    );

    const harvest = (
      await action(`package_search?fq=${encodeURIComponent('+dataset_type:dataset metadata_modified:[2026-10-15T00:00:00Z TO *]')}`)
    ).body.result as Json & { results: Json[] };
    assert.deepEqual(
      harvest.results.map((x) => x.name),
      ['test-ckan-water'],
    );

    const facets = (await action(`package_search?facet.field=${encodeURIComponent('["tags","res_format"]')}&rows=0`)).body
      .result as Json & {
      results: Json[];
      facets: Record<string, Record<string, number>>;
      search_facets: Record<string, { items: { name: string; count: number }[] }>;
    };
    assert.equal(facets.results.length, 0);
    assert.equal(facets.facets.res_format?.CSV, 2);
    assert.equal(facets.facets.tags?.ประปา, 1);
    assert.ok(facets.search_facets.tags?.items.some((i) => i.name === 'budget' && i.count === 1));
  });

  test('package_search: bad parameters give 409 with CKAN’s error types, never a 500', async () => {
    for (const qs of [
      'rows=abc',
      'start=-1',
      'sort=bogus%20asc',
      'fq=nosuchfield:x',
      `fq=${encodeURIComponent('metadata_modified:[notadate TO *]')}`,
      'facet.field=notjson',
      `q=${'x'.repeat(1001)}`,
    ]) {
      const { status, body } = await action(`package_search?${qs}`);
      assert.equal(status, 409, qs);
      assert.equal(body.success, false, qs);
      assert.match(String((body.error as Json).__type), /Validation Error|Search Error/, qs);
    }
    const big = (await action('package_search?rows=999999')).body.result as Json;
    assert.equal(big.count, 2);
  });

  test('POST with a JSON object (as ckanapi sends) reads the same', async () => {
    const res = await anon().request('/api/3/action/package_show', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'test-ckan-budget' }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { result: Json }).result.name, 'test-ckan-budget');
    const bad = await anon().request('/api/3/action/package_show', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2',
    });
    assert.equal(bad.status, 400);
  });

  test('organization_list, organization_show, status_show, help_show', async () => {
    const list = (await action('organization_list')).body.result as string[];
    assert.equal(list.length, 1);
    const full = (await action('organization_list?all_fields=true')).body.result as Json[];
    assert.equal(full[0]?.package_count, 2);
    const show = await action(`organization_show?id=${encodeURIComponent(list[0] as string)}&include_datasets=true`);
    assert.equal(show.status, 200);
    assert.equal((show.body.result as Json).title, org.org.names.full);
    assert.equal(((show.body.result as Json).packages as Json[]).length, 2);
    assert.equal((await action('organization_show?id=someone-else')).status, 404);
    const status = (await action('status_show')).body.result as Json;
    assert.equal(typeof status.ckan_version, 'string');
    assert.equal(status.site_url, `http://${org.host}`);
    assert.match(String((await action('help_show?name=package_search')).body.result), /package/);
  });

  test('a preflight request is answered for GET', async () => {
    const res = await anon().request('/api/3/action/package_list', { method: 'OPTIONS' });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });
});
