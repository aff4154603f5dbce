import type { ServiceContext } from '../../core/context.js';
import { AppError, ensureAllowed } from '../../core/http/errors.js';
import type { Locale } from '../../core/i18n/i18n.js';
import { formatThaiMonthYear } from '../../core/thai/dates.js';
import { opendataPolicy } from './policy.js';
import { allDatasets, checkTable, type DatasetDefinition, type DatasetTable, getDataset, PERIOD } from './registry.js';

export interface DatasetSummary {
  def: DatasetDefinition;
  /** Newest first. */
  periods: string[];
}

export const datasetHref = (id: string) => `/opendata/${id}`;
export const FORMATS = ['csv', 'xlsx', 'json'] as const;
export type DownloadFormat = (typeof FORMATS)[number];
export const downloadHref = (id: string, period: string, format: DownloadFormat) => `/opendata/${id}/${period}.${format}`;

function read(ctx: ServiceContext) {
  ensureAllowed(opendataPolicy.read(ctx.actor), !!ctx.actor);
}

const unknownDataset = () => new AppError(404, 'not_found', 'opendata.errors.unknownDataset');
const unknownPeriod = (period: string) => new AppError(404, 'not_found', 'opendata.errors.unknownPeriod', { period });

/** The periods a dataset has in this organization, as the dataset gives them (newest first, no repeats). */
async function periodsOf(ctx: ServiceContext, def: DatasetDefinition): Promise<string[]> {
  return [...new Set(await def.periods(ctx))].filter((p) => PERIOD.test(p));
}

/** The datasets this organization publishes: those with at least one period of data. */
export async function listDatasets(ctx: ServiceContext): Promise<DatasetSummary[]> {
  read(ctx);
  const out: DatasetSummary[] = [];
  for (const def of allDatasets()) {
    const periods = await periodsOf(ctx, def);
    if (periods.length > 0) out.push({ def, periods });
  }
  return out;
}

/** One dataset with its periods (possibly none yet); 404 when no such dataset is registered. */
export async function getDatasetSummary(ctx: ServiceContext, id: string): Promise<DatasetSummary> {
  read(ctx);
  const def = getDataset(id);
  if (!def) throw unknownDataset();
  return { def, periods: await periodsOf(ctx, def) };
}

/** The rows of one period; 404 for an unknown dataset or a period the dataset does not have. */
export async function getDatasetTable(
  ctx: ServiceContext,
  id: string,
  period: string,
): Promise<{ def: DatasetDefinition; table: DatasetTable }> {
  const { def, periods } = await getDatasetSummary(ctx, id);
  if (!PERIOD.test(period) || !periods.includes(period)) throw unknownPeriod(period.slice(0, 40));
  return { def, table: checkTable(def.id, await def.table(ctx, period)) };
}

const INTL_LOCALE: Record<Exclude<Locale, 'th'>, string> = { en: 'en-GB', ms: 'ms-MY' };

/** A period as people read it: a month as "กันยายน 2569" (B.E.), anything else as it is. */
export function periodLabel(period: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return period;
  if (locale === 'th') return formatThaiMonthYear({ year, month });
  return new Intl.DateTimeFormat(`${INTL_LOCALE[locale]}-u-ca-buddhist`, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}
