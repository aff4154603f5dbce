import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { siteOrigin } from '../../core/http/request.js';
import type { Organization } from '../../core/tenancy/organization.js';
import { toArabicDigits } from '../../core/thai/digits.js';
import { thaiSearchTokens } from '../../core/thai/segment.js';
import { type CatalogContext, datasetDates, datasetUri, LICENSE, MEDIA_TYPE, periodRange } from './dcat.js';
import { type DatasetSummary, downloadHref, FORMATS, listDatasets } from './service.js';

/**
 * A CKAN-compatible read API at /api/3/action/<action>, so that CKAN harvesters (data.go.th's
 * thai_gdc catalogs, ckanext-harvest's CKAN harvester, ckanapi) can take the organization's
 * datasets. Shapes follow CKAN's Action API documentation (docs.ckan.org "API guide"):
 * - every answer is { help, success, result } or { help, success: false, error: { __type, message } };
 * - Not Found Error → 404, Validation Error / Search Error → 409, an unknown action → 400;
 * - GET with query parameters, or POST with a JSON object (ckanapi posts); CORS open for GET.
 * Actions: package_list, package_search (q, fq, rows, start, sort, facet.field), package_show,
 * organization_list, organization_show, status_show, help_show. One organization per site: the
 * Host names it, as everywhere else.
 */

export const CKAN_PREFIX = '/api/3/action';

/** Reported by status_show: the CKAN API version whose read shapes this follows. */
const CKAN_COMPAT_VERSION = '2.10.0';
const MAX_ROWS = 1000;

class CkanError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly type: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const notFound = (what: string) => new CkanError(404, 'Not Found Error', `Not found: ${what}`);
const invalid = (field: string, message: string) => new CkanError(409, 'Validation Error', message, { [field]: [message] });

type Params = Record<string, unknown>;

/** CKAN's timestamps: ISO 8601 in UTC without a zone ("2026-10-01T00:00:00.000000"). */
function ckanTime(d: Date | null): string | null {
  return d ? d.toISOString().replace(/Z$/, '000') : null;
}

/** The organization's CKAN name: its English name as a slug, else org-<id> (CKAN names: a-z 0-9 - _). */
export function ckanOrgName(org: Organization): string {
  const slug = (org.nameEn ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90);
  return slug.length >= 2 ? slug : `org-${org.id}`;
}

function organizationDict(cc: CatalogContext, packageCount?: number) {
  const { org, origin } = cc;
  const name = ckanOrgName(cc.org);
  return {
    id: name,
    name,
    title: org.names.full,
    display_name: org.names.full,
    type: 'organization',
    description: [org.address, org.postcode].filter(Boolean).join(' '),
    image_url: org.logoFileId ? `${origin}/logo?v=${org.version}` : '',
    image_display_url: org.logoFileId ? `${origin}/logo?v=${org.version}` : '',
    created: ckanTime(org.createdAt),
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
    ...(packageCount !== undefined ? { package_count: packageCount } : {}),
  };
}

function tagDict(name: string) {
  return { id: name, name, display_name: name, state: 'active', vocabulary_id: null };
}

/** A dataset as CKAN's package dictionary: one resource per period and format. */
export function packageDict(cc: CatalogContext, s: DatasetSummary) {
  const { def, periods } = s;
  const { issued, modified } = datasetDates(periods);
  const resources = periods.flatMap((period) =>
    FORMATS.map((format) => {
      const range = periodRange(period);
      return {
        id: `${def.id}--${period}--${format}`,
        package_id: def.id,
        name: `${def.title.th} ${period} (${format.toUpperCase()})`,
        description: def.title.en ? `${def.title.en}, ${period}` : '',
        format: format.toUpperCase(),
        mimetype: MEDIA_TYPE[format],
        url: `${cc.origin}${downloadHref(def.id, period, format)}`,
        url_type: null,
        created: ckanTime(range?.issued ?? null),
        last_modified: ckanTime(range?.issued ?? null),
        metadata_modified: ckanTime(range?.issued ?? null),
        state: 'active',
        datastore_active: false,
        cache_url: null,
        hash: '',
        size: null,
        position: 0,
        temporal_start: range?.start ?? null,
        temporal_end: range?.end ?? null,
      };
    }),
  );
  resources.forEach((r, i) => {
    r.position = i;
  });
  const tags = (def.keywords ?? []).map(tagDict);
  const org = organizationDict(cc);
  return {
    id: def.id,
    name: def.id,
    title: def.title.th,
    title_translated: { th: def.title.th, en: def.title.en, ...(def.title.ms ? { ms: def.title.ms } : {}) },
    notes: def.description.th,
    notes_translated: { th: def.description.th, en: def.description.en, ...(def.description.ms ? { ms: def.description.ms } : {}) },
    type: 'dataset',
    state: 'active',
    private: false,
    isopen: true,
    license_id: LICENSE.ckanId,
    license_title: LICENSE.title,
    license_url: LICENSE.uri,
    url: datasetUri(cc.origin, def.id),
    version: null,
    author: cc.org.names.full,
    author_email: cc.org.email ?? null,
    maintainer: cc.org.names.full,
    maintainer_email: cc.org.email ?? null,
    metadata_created: ckanTime(issued),
    metadata_modified: ckanTime(modified),
    creator_user_id: null,
    owner_org: org.id,
    organization: org,
    tags,
    num_tags: tags.length,
    groups: [],
    extras: [
      { key: 'frequency', value: def.frequency ?? 'irregular' },
      { key: 'publisher', value: cc.org.names.full },
      { key: 'source_module', value: def.module },
    ],
    relationships_as_object: [],
    relationships_as_subject: [],
    resources,
    num_resources: resources.length,
  };
}

type Package = ReturnType<typeof packageDict>;

function str(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
  return String(v);
}

function int(p: Params, key: string, dflt: number, max: number): number {
  const v = str(p, key);
  if (v === undefined || v === '') return dflt;
  if (!/^\d{1,9}$/.test(v.trim())) throw invalid(key, 'Invalid integer');
  return Math.min(max, Number(v));
}

/** Lower case, Arabic digits: how text is compared for q and fq. */
const fold = (s: string) => toArabicDigits(s.normalize('NFC').toLowerCase());

/** A term of fq / q as field:value (quotes and a leading + dropped). */
interface Term {
  field: string;
  value: string;
}

const TERM = /([+-]?)([a-z_]+):("(?:[^"\\]|\\.)*"|\[[^\]]*\]|\S+)/gi;

function parseTerms(s: string): { terms: Term[]; rest: string } {
  const terms: Term[] = [];
  const rest = s.replace(TERM, (_m, sign: string, field: string, raw: string) => {
    if (sign === '-') throw new CkanError(409, 'Search Error', `Search Query is invalid: negated terms are not supported (${field})`);
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    terms.push({ field: field.toLowerCase(), value });
    return ' ';
  });
  return { terms, rest: rest.replace(/\b(AND|OR)\b/g, ' ').trim() };
}

/** metadata_modified:[2026-01-01T00:00:00Z TO *] */
function inRange(value: string, at: string | null): boolean {
  const m = /^\[\s*(\S+)\s+TO\s+(\S+)\s*\]$/i.exec(value);
  if (!m) throw new CkanError(409, 'Search Error', `Search Query is invalid: bad range ${value.slice(0, 80)}`);
  if (!at) return false;
  const t = Date.parse(`${at.slice(0, 23)}Z`);
  const bound = (b: string) => (b === '*' ? null : Date.parse(b.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(b) ? b : `${b}Z`));
  const lo = bound(m[1] as string);
  const hi = bound(m[2] as string);
  if ((lo !== null && Number.isNaN(lo)) || (hi !== null && Number.isNaN(hi))) {
    throw new CkanError(409, 'Search Error', `Search Query is invalid: bad date in ${value.slice(0, 80)}`);
  }
  return (lo === null || t >= lo) && (hi === null || t <= hi);
}

function matchesTerm(p: Package, { field, value }: Term): boolean {
  const v = fold(value);
  switch (field) {
    case 'tags':
      return p.tags.some((t) => fold(t.name) === v);
    case 'organization':
    case 'owner_org':
      return fold(p.organization.name) === v;
    case 'res_format':
      return p.resources.some((r) => fold(r.format) === v);
    case 'name':
    case 'id':
      return p.name === value;
    case 'dataset_type':
    case 'type':
      return v === 'dataset';
    case 'license_id':
      return fold(p.license_id) === v;
    case 'state':
      return v === 'active';
    case 'capacity':
      return v === 'public';
    case 'metadata_modified':
      return inRange(value, p.metadata_modified);
    case 'metadata_created':
      return inRange(value, p.metadata_created);
    case 'text':
      return matchesText(p, value);
    default:
      throw new CkanError(409, 'Search Error', `Search Query is invalid: unknown field ${field.slice(0, 40)}`);
  }
}

/** Free text: every word (Thai segmented) appears in the title, description, keywords or name, in any language. */
function matchesText(p: Package, q: string): boolean {
  const words = thaiSearchTokens(q).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return true;
  const hay = fold(
    [
      p.name,
      ...Object.values(p.title_translated),
      ...Object.values(p.notes_translated),
      ...p.tags.map((t) => t.name),
      p.organization.title,
    ].join(' '),
  );
  return words.every((w) => hay.includes(w));
}

const SORTS: Record<string, (a: Package, b: Package) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  title_string: (a, b) => a.title.localeCompare(b.title, 'th'),
  metadata_modified: (a, b) => (a.metadata_modified ?? '').localeCompare(b.metadata_modified ?? ''),
  metadata_created: (a, b) => (a.metadata_created ?? '').localeCompare(b.metadata_created ?? ''),
};

/** CKAN's sort: "field asc|desc" separated by commas; "score desc" keeps the relevance (here: the list) order. */
function sorter(sort: string): (a: Package, b: Package) => number {
  const keys = sort
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [field = '', dir = 'asc'] = s.split(/\s+/);
      if (field === 'score') return null;
      const cmp = SORTS[field];
      if (!cmp || !/^(asc|desc)$/i.test(dir))
        throw new CkanError(409, 'Search Error', `Search Query is invalid: cannot sort by ${s.slice(0, 60)}`);
      return dir.toLowerCase() === 'desc' ? (a: Package, b: Package) => cmp(b, a) : cmp;
    })
    .filter((f): f is (a: Package, b: Package) => number => f !== null);
  return (a, b) => {
    for (const k of keys) {
      const r = k(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

const FACETABLE: Record<string, (p: Package) => string[]> = {
  tags: (p) => p.tags.map((t) => t.name),
  organization: (p) => [p.organization.name],
  res_format: (p) => [...new Set(p.resources.map((r) => r.format))],
  license_id: (p) => [p.license_id],
};

function facetFields(p: Params): string[] {
  const raw = p['facet.field'];
  if (raw === undefined) return [];
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      throw invalid('facet.field', 'Invalid JSON list');
    }
  }
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw invalid('facet.field', 'Invalid JSON list');
  return (list as string[]).filter((f) => f in FACETABLE);
}

async function packages(ctx: ServiceContext, cc: CatalogContext): Promise<Package[]> {
  return (await listDatasets(ctx)).map((s) => packageDict(cc, s));
}

function packageSearch(all: Package[], p: Params) {
  const rows = int(p, 'rows', 10, MAX_ROWS);
  const start = int(p, 'start', 0, 1_000_000);
  const q = str(p, 'q') ?? '';
  const fq = str(p, 'fq') ?? '';
  const sort = str(p, 'sort') ?? 'score desc, metadata_modified desc';
  if (q.length > 1000 || fq.length > 1000) throw invalid(q.length > 1000 ? 'q' : 'fq', 'Too long');
  const qParts = q.trim() === '*:*' || q.trim() === '*' ? { terms: [], rest: '' } : parseTerms(q);
  const fqParts = parseTerms(fq);
  const terms = [...qParts.terms, ...fqParts.terms];
  const cmp = sorter(sort);
  const found = all.filter((pkg) => terms.every((t) => matchesTerm(pkg, t)) && matchesText(pkg, qParts.rest)).sort(cmp);

  const fields = facetFields(p);
  const limitRaw = str(p, 'facet.limit');
  const facetLimit = limitRaw !== undefined && /^-?\d+$/.test(limitRaw) ? Number(limitRaw) : 50;
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  for (const f of fields) {
    const counts = new Map<string, number>();
    for (const pkg of found) for (const v of FACETABLE[f]?.(pkg) ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
    const items = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const cut = facetLimit < 0 ? items : items.slice(0, facetLimit);
    facets[f] = Object.fromEntries(cut);
    searchFacets[f] = { title: f, items: cut.map(([name, count]) => ({ name, display_name: name, count })) };
  }
  return { count: found.length, facets, results: found.slice(start, start + rows), sort, search_facets: searchFacets };
}

function idParam(p: Params): string {
  const id = str(p, 'id') ?? str(p, 'name');
  if (!id?.trim()) throw new CkanError(409, 'Validation Error', 'Missing value', { id: ['Missing value'] });
  return id.trim();
}

const HELP: Record<string, string> = {
  package_list:
    'Return a list of the names of the site’s datasets (packages).\n\n:param limit: if given, the list of datasets will be broken into pages of at most ``limit`` datasets per page\n:param offset: when ``limit`` is given, the offset to start returning packages from\n:rtype: list of strings',
  package_search:
    'Searches for packages satisfying a given search criteria.\n\n:param q: the search query (words, or field:value)\n:param fq: filter query, e.g. tags:ภาษี, res_format:CSV, organization:<name>, metadata_modified:[2026-01-01T00:00:00Z TO *]\n:param sort: e.g. "metadata_modified desc", "name asc", "score desc, metadata_modified desc"\n:param rows: the maximum number of matching rows to return (at most 1000)\n:param start: the offset in the complete result\n:param facet.field: a JSON list of fields to facet on (tags, organization, res_format, license_id)\n:returns: a dictionary with count, results, facets, search_facets and sort',
  package_show:
    'Return the metadata of a dataset (package) and its resources.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
  organization_list:
    'Return a list of the names of the site’s organizations.\n\n:param all_fields: return group dictionaries instead of just names\n:rtype: list of strings',
  organization_show:
    'Return the details of an organization.\n\n:param id: the id or name of the organization\n:param include_datasets: include a truncated list of the organization’s datasets\n:rtype: dictionary',
  status_show: 'Return a dictionary with information about the site’s configuration.\n\n:rtype: dictionary',
  help_show: 'Return the help string for a particular API action.\n\n:param name: action function name (eg `package_show`)\n:rtype: string',
};

async function runAction(c: AppContext, action: string, p: Params): Promise<unknown> {
  const ctx = serviceContext(c);
  const cc: CatalogContext = { origin: siteOrigin(c), org: orgOf(c) };
  switch (action) {
    case 'package_list': {
      const names = (await packages(ctx, cc)).map((x) => x.name).sort();
      const limit = str(p, 'limit') === undefined ? names.length : int(p, 'limit', names.length, MAX_ROWS);
      const offset = int(p, 'offset', 0, 1_000_000);
      return names.slice(offset, offset + limit);
    }
    case 'package_search':
      return packageSearch(await packages(ctx, cc), p);
    case 'package_show': {
      const id = idParam(p);
      const found = (await packages(ctx, cc)).find((x) => x.id === id || x.name === id);
      if (!found) throw notFound('Dataset');
      return found;
    }
    case 'organization_list': {
      const all = str(p, 'all_fields');
      if (all === 'true' || all === 'True' || all === '1') {
        return [organizationDict(cc, (await packages(ctx, cc)).length)];
      }
      return [ckanOrgName(cc.org)];
    }
    case 'organization_show': {
      const id = idParam(p);
      if (id !== ckanOrgName(cc.org)) throw notFound('Organization');
      const pkgs = await packages(ctx, cc);
      const include = str(p, 'include_datasets');
      return {
        ...organizationDict(cc, pkgs.length),
        ...(include === 'true' || include === 'True' || include === '1' ? { packages: pkgs.slice(0, MAX_ROWS) } : {}),
        users: [],
        extras: [],
        tags: [],
        groups: [],
      };
    }
    case 'status_show':
      return {
        ckan_version: CKAN_COMPAT_VERSION,
        site_title: cc.org.names.full,
        site_description: '',
        site_url: cc.origin,
        locale_default: 'th',
        error_emails_to: null,
        extensions: [],
        prongsai_version: c.get('app').config.version,
      };
    case 'help_show': {
      const name = str(p, 'name');
      if (!name) throw new CkanError(409, 'Validation Error', 'Missing value', { name: ['Missing value'] });
      const help = HELP[name];
      if (!help) throw notFound(`Action function ${name.slice(0, 60)}`);
      return help;
    }
    default:
      throw new CkanError(400, 'Bad Request', `Bad request - Action name not known: ${action.slice(0, 60)}`);
  }
}

function queryParams(c: AppContext): Params {
  const out: Params = {};
  const url = new URL(c.req.url);
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

const ACTION = /^[a-z_]{1,60}$/;

export function ckanRoutes(app: Hono<AppEnv>) {
  const handle = async (c: AppContext, params: Params | null) => {
    const action = c.req.param('action') ?? '';
    const help = `${siteOrigin(c)}${CKAN_PREFIX}/help_show?name=${encodeURIComponent(ACTION.test(action) ? action : 'help_show')}`;
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'no-cache');
    try {
      if (params === null) throw new CkanError(400, 'Bad Request', 'Bad request - JSON Error: the body must be a JSON object');
      if (!ACTION.test(action)) throw new CkanError(400, 'Bad Request', 'Bad request - Action name not known');
      const result = await runAction(c, action, params);
      return c.json({ help, success: true, result }, 200);
    } catch (e) {
      if (!(e instanceof CkanError)) throw e;
      return c.json({ help, success: false, error: { __type: e.type, message: e.message, ...e.fields } }, e.status);
    }
  };

  app.get(`${CKAN_PREFIX}/:action`, (c) => handle(c, queryParams(c)));
  app.post(`${CKAN_PREFIX}/:action`, async (c) => {
    let body: unknown;
    try {
      const text = await c.req.text();
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      body = null;
    }
    const params = body && typeof body === 'object' && !Array.isArray(body) ? { ...queryParams(c), ...(body as Params) } : null;
    return handle(c, params);
  });
  app.options(`${CKAN_PREFIX}/:action`, (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Allow-Methods', 'GET, OPTIONS');
    c.header('Access-Control-Allow-Headers', 'Content-Type');
    c.header('Access-Control-Max-Age', '86400');
    return c.body(null, 204);
  });
}
