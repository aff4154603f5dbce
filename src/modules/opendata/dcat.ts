import type { Organization } from '../../core/tenancy/organization.js';
import type { DatasetFrequency } from './registry.js';
import { type DatasetSummary, type DownloadFormat, datasetHref, downloadHref, FORMATS } from './service.js';

/**
 * Dataset metadata for harvesters, from the one registry: DCAT-AP as JSON-LD
 * (/opendata/catalog.jsonld, /opendata/<id>.jsonld) and the same facts for the CKAN-compatible
 * API (ckan.ts). Nothing here reads the database: the caller passes the datasets it listed.
 *
 * License: Creative Commons Attribution 4.0 (CC BY 4.0). Thailand's government data catalog
 * (data.go.th) publishes under its own "Open Data Common" terms, which ask for attribution like
 * CC BY but have no stable identifier a harvester can read; CC BY 4.0 has one, is what DCAT-AP
 * and CKAN know, and allows the same uses.
 */
export const LICENSE = {
  uri: 'https://creativecommons.org/licenses/by/4.0/',
  /** CKAN's license id for CC BY (its default license list). */
  ckanId: 'cc-by',
  title: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
} as const;

/** IANA media types of the downloads. */
export const MEDIA_TYPE: Record<DownloadFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The EU file-type vocabulary DCAT-AP uses for dct:format. */
const FILE_TYPE: Record<DownloadFormat, string> = {
  csv: 'http://publications.europa.eu/resource/authority/file-type/CSV',
  xlsx: 'http://publications.europa.eu/resource/authority/file-type/XLSX',
  json: 'http://publications.europa.eu/resource/authority/file-type/JSON',
};

/** The EU frequency vocabulary (dct:accrualPeriodicity). */
const FREQUENCY: Record<DatasetFrequency, string> = {
  daily: 'http://publications.europa.eu/resource/authority/frequency/DAILY',
  monthly: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
  yearly: 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
  irregular: 'http://publications.europa.eu/resource/authority/frequency/IRREG',
};

const LANGUAGE = {
  th: 'http://publications.europa.eu/resource/authority/language/THA',
  en: 'http://publications.europa.eu/resource/authority/language/ENG',
};

export interface PeriodRange {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  /** When the period's data became final and public: the day after it ended (00:00 Bangkok). */
  issued: Date;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** 00:00 in Bangkok (UTC+7) of a day. */
const bangkokMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 7 * 3_600_000);

/**
 * The days a period covers: "YYYY-MM" a Gregorian month; "YYYY" a Buddhist-Era fiscal year
 * (1 October to 30 September) when the number is a B.E. year, else a calendar year. Other period
 * names have no known range (null).
 */
export function periodRange(period: string): PeriodRange | null {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12) return null;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const next = m === 12 ? [y + 1, 1] : [y, m + 1];
    return { start: iso(y, m, 1), end: iso(y, m, last), issued: bangkokMidnight(next[0] as number, next[1] as number, 1) };
  }
  const year = /^(\d{4})$/.exec(period);
  if (year) {
    const n = Number(year[1]);
    if (n >= 2400) {
      const g = n - 543;
      return { start: iso(g - 1, 10, 1), end: iso(g, 9, 30), issued: bangkokMidnight(g, 10, 1) };
    }
    return { start: iso(n, 1, 1), end: iso(n, 12, 31), issued: bangkokMidnight(n + 1, 1, 1) };
  }
  return null;
}

/** When a dataset was first and last published: its oldest and newest periods' issue times. */
export function datasetDates(periods: string[]): { issued: Date | null; modified: Date | null } {
  const times = periods
    .map((p) => periodRange(p)?.issued.getTime())
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  if (times.length === 0) return { issued: null, modified: null };
  return { issued: new Date(times[0] as number), modified: new Date(times[times.length - 1] as number) };
}

/** What the catalog needs to know about where it is served and who publishes it. */
export interface CatalogContext {
  /** This site's origin (https://…), for absolute identifiers. */
  origin: string;
  org: Organization;
}

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adms: 'http://www.w3.org/ns/adms#',
};

const text = (th: string, en: string, ms?: string) => [
  { '@language': 'th', '@value': th },
  { '@language': 'en', '@value': en },
  ...(ms ? [{ '@language': 'ms', '@value': ms }] : []),
];
const dateTime = (d: Date) => ({ '@type': 'xsd:dateTime', '@value': d.toISOString() });
const date = (s: string) => ({ '@type': 'xsd:date', '@value': s });

function publisher({ origin, org }: CatalogContext) {
  return {
    '@id': `${origin}/#organization`,
    '@type': 'foaf:Organization',
    'foaf:name': [{ '@language': 'th', '@value': org.names.full }, ...(org.nameEn ? [{ '@language': 'en', '@value': org.nameEn }] : [])],
    'foaf:homepage': { '@id': `${origin}/` },
  };
}

function contactPoint({ origin, org }: CatalogContext) {
  return {
    '@type': 'vcard:Organization',
    'vcard:fn': org.names.full,
    ...(org.email ? { 'vcard:hasEmail': { '@id': `mailto:${org.email}` } } : {}),
    ...(org.phone ? { 'vcard:hasTelephone': { '@id': `tel:${org.phone.replace(/[^\d+]/g, '')}` } } : {}),
    'vcard:hasURL': { '@id': `${origin}/` },
  };
}

/** A dataset's identifier (its page) and its JSON-LD document. */
export const datasetUri = (origin: string, id: string) => `${origin}${datasetHref(id)}`;
export const datasetJsonLdHref = (id: string) => `${datasetHref(id)}.jsonld`;
export const CATALOG_JSONLD_HREF = '/opendata/catalog.jsonld';

function distribution(cc: CatalogContext, s: DatasetSummary, period: string, format: DownloadFormat) {
  const url = `${cc.origin}${downloadHref(s.def.id, period, format)}`;
  const range = periodRange(period);
  return {
    '@id': url,
    '@type': 'dcat:Distribution',
    'dct:title': text(`${s.def.title.th} ${period} (${format.toUpperCase()})`, `${s.def.title.en} ${period} (${format.toUpperCase()})`),
    'dcat:accessURL': { '@id': url },
    'dcat:downloadURL': { '@id': url },
    'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${MEDIA_TYPE[format]}` },
    'dct:format': { '@id': FILE_TYPE[format] },
    'dct:license': { '@id': LICENSE.uri },
    ...(range
      ? {
          'dct:issued': dateTime(range.issued),
          'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(range.start), 'dcat:endDate': date(range.end) },
        }
      : {}),
  };
}

/** One dataset as a dcat:Dataset node: every period of it, in every format, as a distribution. */
export function datasetNode(cc: CatalogContext, s: DatasetSummary) {
  const { def, periods } = s;
  const { issued, modified } = datasetDates(periods);
  const ranges = periods.map(periodRange).filter((r): r is PeriodRange => r !== null);
  const starts = ranges.map((r) => r.start).sort();
  const ends = ranges.map((r) => r.end).sort();
  return {
    '@id': datasetUri(cc.origin, def.id),
    '@type': 'dcat:Dataset',
    'dct:identifier': def.id,
    'dct:title': text(def.title.th, def.title.en, def.title.ms),
    'dct:description': text(def.description.th, def.description.en, def.description.ms),
    'dcat:keyword': def.keywords ?? [],
    'dct:publisher': publisher(cc),
    'dcat:contactPoint': contactPoint(cc),
    'dcat:landingPage': { '@id': datasetUri(cc.origin, def.id) },
    'dct:language': [{ '@id': LANGUAGE.th }, { '@id': LANGUAGE.en }],
    'dct:license': { '@id': LICENSE.uri },
    'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    ...(def.frequency ? { 'dct:accrualPeriodicity': { '@id': FREQUENCY[def.frequency] } } : {}),
    ...(issued ? { 'dct:issued': dateTime(issued) } : {}),
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    ...(starts.length
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            'dcat:startDate': date(starts[0] as string),
            'dcat:endDate': date(ends[ends.length - 1] as string),
          },
        }
      : {}),
    'dcat:distribution': periods.flatMap((p) => FORMATS.map((f) => distribution(cc, s, p, f))),
  };
}

/** /opendata/<id>.jsonld: the dataset, with a context of its own. */
export function datasetJsonLd(cc: CatalogContext, s: DatasetSummary) {
  return { '@context': CONTEXT, ...datasetNode(cc, s) };
}

/** /opendata/catalog.jsonld: the organization's dcat:Catalog with every published dataset. */
export function catalogJsonLd(cc: CatalogContext, datasets: DatasetSummary[], titles: { th: string; en: string; ms: string }) {
  const modified = datasets
    .map((s) => datasetDates(s.periods).modified?.getTime())
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => b - a)[0];
  return {
    '@context': CONTEXT,
    '@id': `${cc.origin}${CATALOG_JSONLD_HREF}`,
    '@type': 'dcat:Catalog',
    'dct:title': text(titles.th, titles.en, titles.ms),
    'dct:publisher': publisher(cc),
    'foaf:homepage': { '@id': `${cc.origin}/opendata` },
    'dct:language': [{ '@id': LANGUAGE.th }, { '@id': LANGUAGE.en }],
    'dct:license': { '@id': LICENSE.uri },
    ...(modified !== undefined ? { 'dct:modified': dateTime(new Date(modified)) } : {}),
    'dcat:dataset': datasets.map((s) => datasetNode(cc, s)),
  };
}
