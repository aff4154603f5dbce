import type { ServiceContext } from '../../core/context.js';
import type { Locale } from '../../core/i18n/i18n.js';

/**
 * The open-data registry: modules register the datasets they publish (queue statistics now;
 * satisfaction, budget, procurement and complaint statistics later), the opendata module lists
 * them and serves them as CSV, XLSX and JSON — and later as DCAT metadata and a CKAN-compatible
 * API (issue 6) — without knowing the modules. A dataset is code; its rows are the
 * organization's (every call gets the ctx of the organization the Host names).
 */

/** A text in the languages of the site; a missing Malay text falls back to Thai (as the catalogs do). */
export interface LocalizedText {
  th: string;
  en: string;
  ms?: string;
}

export type DatasetCell = string | number | null;

export interface DatasetColumn {
  /** Stable, machine-readable name: the CSV header and the JSON field. Lowercase ASCII with underscores. */
  key: string;
  th: string;
  en: string;
  ms?: string;
  /** How the values read: integers and decimals are stored as numbers in XLSX (default 'text'). */
  type?: 'text' | 'integer' | 'decimal';
}

export interface DatasetTable {
  columns: DatasetColumn[];
  /** One array per row, in the order of the columns. */
  rows: DatasetCell[][];
}

/** How often a new period appears (DCAT accrualPeriodicity later). */
export type DatasetFrequency = 'monthly' | 'yearly' | 'daily' | 'irregular';

export interface DatasetDefinition {
  /** In URLs (/opendata/<id>): lowercase letters, digits and hyphens. */
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  /** The module that publishes it (its name in src/modules/index.ts). */
  module: string;
  frequency?: DatasetFrequency;
  /** Free keywords (tags in CKAN, dcat:keyword), Thai and English. */
  keywords?: string[];
  /**
   * The periods with data, newest first: 'YYYY-MM' for monthly data (shown as a B.E. month),
   * 'YYYY' for yearly, any [A-Za-z0-9_-] otherwise. Only periods that will no longer change
   * should be listed (a month once it is over).
   */
  periods(ctx: ServiceContext): Promise<string[]>;
  /** The rows of one period (only called with a period periods() returned). */
  table(ctx: ServiceContext, period: string): Promise<DatasetTable>;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COLUMN_KEY = /^[a-z][a-z0-9_]*$/;
/** What a period may look like in a URL (the dataset decides which exist). */
export const PERIOD = /^[A-Za-z0-9_-]{1,40}$/;

const datasets = new Map<string, DatasetDefinition>();

/**
 * Registers a dataset (at import time of the module's dataset file). Returns the way to take it
 * out again (tests). An id registered twice is a programming error.
 */
export function registerDataset(def: DatasetDefinition): () => void {
  if (!ID.test(def.id) || def.id.length > 80) throw new Error(`Dataset id "${def.id}" must be lowercase letters, digits and hyphens`);
  if (datasets.has(def.id)) throw new Error(`Dataset ${def.id} is registered twice`);
  datasets.set(def.id, def);
  return () => {
    if (datasets.get(def.id) === def) datasets.delete(def.id);
  };
}

export function getDataset(id: string): DatasetDefinition | undefined {
  return datasets.get(id);
}

/** Every registered dataset, by id. */
export function allDatasets(): DatasetDefinition[] {
  return [...datasets.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Checks a table a dataset produced: unique, well-formed keys; every row as wide as the columns. */
export function checkTable(id: string, table: DatasetTable): DatasetTable {
  const keys = new Set<string>();
  for (const c of table.columns) {
    if (!COLUMN_KEY.test(c.key) || keys.has(c.key)) throw new Error(`Dataset ${id}: bad or repeated column key "${c.key}"`);
    keys.add(c.key);
  }
  for (const r of table.rows) {
    if (r.length !== table.columns.length)
      throw new Error(`Dataset ${id}: a row has ${r.length} cells for ${table.columns.length} columns`);
  }
  return table;
}

/** A text in the reader's language: Malay falls back to Thai, the readers' other language in the Deep South. */
export function localized(text: LocalizedText, locale: Locale): string {
  if (locale === 'ms') return text.ms ?? text.th;
  return text[locale];
}
