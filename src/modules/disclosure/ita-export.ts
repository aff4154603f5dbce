import type { ServiceContext } from '../../core/context.js';
import { renderXlsx } from '../../core/documents/xlsx.js';
import { csvBytes, csvField as field } from '../../core/http/csv.js';
import { translator } from '../../core/i18n/i18n.js';
import { itaYearHref, publicationFileHref } from '../publications/service.js';
import { yearEvidence } from './service.js';

/** One line of the URL list an ITA coordinator pastes into the NACC's system. */
export interface UrlRow {
  code: string;
  indicatorName: string;
  title: string;
  /** Absolute. */
  url: string;
}

/** The columns, in order (CSV header and XLSX). */
export const URL_COLUMNS = ['code', 'indicator', 'title', 'url'] as const;

const absolute = (origin: string, url: string) => (/^https?:\/\//i.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`);

/**
 * Every indicator of the year, in list order: first the indicator's own page on this site (it
 * lists everything below), then each link (items' URLs, modules' pages) and each published
 * document's file. The titles are Thai: the NACC's system and its assessors read Thai.
 */
export async function itaUrlRows(ctx: ServiceContext, fiscalYear: number, origin: string): Promise<UrlRow[]> {
  const th = translator(ctx.app.catalogs, 'th');
  const { evidence } = await yearEvidence(ctx, fiscalYear);
  const rows: UrlRow[] = [];
  for (const e of evidence) {
    const base = { code: e.indicator.code, indicatorName: e.indicator.name };
    rows.push({
      ...base,
      title: th('disclosure.ita.itemPageTitle', { code: e.indicator.code, year: fiscalYear }),
      url: absolute(origin, `${itaYearHref(fiscalYear)}/${encodeURIComponent(e.indicator.code)}`),
    });
    for (const l of e.links) rows.push({ ...base, title: l.title, url: absolute(origin, l.url) });
    for (const p of e.publications) rows.push({ ...base, title: p.title, url: absolute(origin, publicationFileHref(p)) });
  }
  return rows;
}

const header = (ctx: ServiceContext) => {
  const th = translator(ctx.app.catalogs, 'th');
  return URL_COLUMNS.map((c) => th(`disclosure.ita.columns.${c}`));
};

/** UTF-8 with a byte-order mark (Excel reads Thai right), CRLF line ends. */
export function urlListCsv(rows: UrlRow[], headerRow: string[] = ['code', 'indicator', 'title', 'url']): Uint8Array {
  const lines = [headerRow.map((h) => field(h))];
  for (const r of rows) lines.push([field(r.code), field(r.indicatorName, true), field(r.title, true), field(r.url)]);
  return csvBytes(lines);
}

export function urlListCsvFor(ctx: ServiceContext, rows: UrlRow[]): Uint8Array {
  return urlListCsv(rows, header(ctx));
}

export async function urlListXlsx(ctx: ServiceContext, fiscalYear: number, rows: UrlRow[], orgName: string): Promise<Buffer> {
  const th = translator(ctx.app.catalogs, 'th');
  const [code, indicator, title, url] = header(ctx);
  return renderXlsx(
    [
      {
        name: `ITA ${fiscalYear}`,
        title: [th('disclosure.ita.xlsxTitle', { year: fiscalYear, name: orgName })],
        columns: [
          { header: code ?? '', width: 8 },
          { header: indicator ?? '', width: 50 },
          { header: title ?? '', width: 60 },
          { header: url ?? '', width: 70 },
        ],
        rows: rows.map((r) => [r.code, r.indicatorName, r.title, r.url]),
      },
    ],
    { title: th('disclosure.ita.xlsxTitle', { year: fiscalYear, name: orgName }), created: ctx.app.now() },
  );
}
