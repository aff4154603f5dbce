import { renderXlsx, type XlsxColumn } from '../../core/documents/xlsx.js';
import { csvBytes, csvField } from '../../core/http/csv.js';
import type { Locale } from '../../core/i18n/i18n.js';
import { type DatasetCell, type DatasetColumn, type DatasetDefinition, type DatasetTable, localized } from './registry.js';

/**
 * The downloads of one period of a dataset. CSV and JSON carry the stable column keys (what a
 * program or a harvester reads); XLSX carries the column names in the reader's language (what a
 * person opens in Excel) and a second sheet that says what the data is.
 */

/** A text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers. */
const csvCell = (v: DatasetCell) => csvField(v, true);

/** CSV bytes: UTF-8 with a BOM, CRLF line ends, the column keys as the header row. */
export function datasetCsv(table: DatasetTable): Uint8Array {
  return csvBytes([table.columns.map((c) => csvCell(c.key)), ...table.rows.map((row) => row.map(csvCell))]);
}

export interface DownloadInfo {
  def: DatasetDefinition;
  period: string;
  /** The period as people read it, in the locale of the file. */
  periodLabel: string;
  /** The organization's full name. */
  publisher: string;
  /** The dataset's page, absolute. */
  pageUrl: string;
}

function columnLabel(c: DatasetColumn, locale: Locale): string {
  return localized({ th: c.th, en: c.en, ms: c.ms }, locale);
}

const NUM_FMT: Record<NonNullable<DatasetColumn['type']>, string | undefined> = { text: undefined, integer: '#,##0', decimal: '#,##0.0' };

export interface XlsxLabels {
  /** The name of the sheet that describes the data. */
  aboutSheet: string;
  field: string;
  value: string;
  dataset: string;
  description: string;
  publisher: string;
  period: string;
  source: string;
  columns: string;
  key: string;
  meaning: string;
}

/** XLSX bytes: the data (column names in the reader's language), then a sheet about the data. */
export async function datasetXlsx(info: DownloadInfo, table: DatasetTable, locale: Locale, labels: XlsxLabels): Promise<Buffer> {
  const title = localized(info.def.title, locale);
  const columns: XlsxColumn[] = table.columns.map((c) => ({ header: columnLabel(c, locale), numFmt: NUM_FMT[c.type ?? 'text'] }));
  return renderXlsx(
    [
      { name: info.period, columns, rows: table.rows },
      {
        name: labels.aboutSheet,
        columns: [
          { header: labels.field, width: 24 },
          { header: labels.value, width: 80 },
        ],
        rows: [
          [labels.dataset, title],
          [labels.description, localized(info.def.description, locale)],
          [labels.publisher, info.publisher],
          [labels.period, info.periodLabel],
          [labels.source, info.pageUrl],
          [null, null],
          [labels.columns, null],
          [labels.key, labels.meaning],
          ...table.columns.map((c): DatasetCell[] => [c.key, columnLabel(c, locale)]),
        ],
      },
    ],
    { title: `${title} — ${info.periodLabel}`, creator: info.publisher },
  );
}

/** The JSON download: what the data is, the column dictionary, and one object per row. */
export function datasetJson(info: DownloadInfo, table: DatasetTable) {
  return {
    id: info.def.id,
    title: { th: info.def.title.th, en: info.def.title.en },
    description: { th: info.def.description.th, en: info.def.description.en },
    publisher: info.publisher,
    period: info.period,
    source: info.pageUrl,
    columns: table.columns.map((c) => ({ key: c.key, th: c.th, en: c.en, type: c.type ?? 'text' })),
    rows: table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.key, r[i] ?? null]))),
  };
}
