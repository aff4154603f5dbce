import type { ServiceContext } from '../../core/context.js';
import { renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { translator } from '../../core/i18n/i18n.js';
import { parseIsoDay, thaiMonthName, toBuddhistYear } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { checkTotals, type MonthlySummary } from './monthly.js';
import { documentDate, monthTitle } from './monthly-pdf.js';

/** Satang as a number of baht for a spreadsheet cell (exact to the satang; the format shows two decimals). */
export const bahtNumber = (satang: number) => satang / 100;

/** '2023-10-05' → '5 ต.ค. 2566' (B.E., Arabic digits: a spreadsheet people sort and filter). */
export function sheetDay(iso: string | null): string {
  const p = parseIsoDay(iso);
  return p ? `${p.day} ${thaiMonthName(p.month, 'short')} ${toBuddhistYear(p.year)}` : '';
}

export const MONEY_FORMAT = '#,##0.00';

/**
 * The สขร.๑ as a workbook: the same nine columns, in Thai (the form's language), numbers as
 * numbers (amounts in baht with two decimals), bidders one per line in column 6, a totals row —
 * or the "ไม่มีการจัดซื้อจัดจ้าง" row. Totals are checked against the rows first.
 */
export async function renderMonthlyXlsx(ctx: ServiceContext, s: MonthlySummary, opts: { at?: Date } = {}): Promise<Buffer> {
  checkTotals(s);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.monthly.${key}`, params);
  const org = await getOrganization(ctx);
  const at = opts.at ?? ctx.app.now();
  const price = (satang: number) => k('price', { amount: (satang / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }) });
  const rows: XlsxCell[][] = s.rows.map((r, i) => [
    i + 1,
    r.title,
    bahtNumber(r.budgetSatang),
    r.referencePriceSatang == null ? null : bahtNumber(r.referencePriceSatang),
    t(`procurement.methods.${r.method}`),
    r.bids.map((b, j) => `${r.bids.length > 1 ? `${j + 1}. ` : ''}${b.name} ${price(b.priceSatang)}`).join('\n'),
    `${r.winnerName} ${price(r.agreedPriceSatang)}`,
    r.reason ?? '',
    [r.contractNo ? k('contractNo', { no: r.contractNo }) : '', k('contractDate', { date: sheetDay(r.contractDate) })]
      .filter(Boolean)
      .join(' '),
  ]);
  if (s.rows.length === 0) rows.push([null, k('none'), null, null, null, null, null, null, null]);
  else
    rows.push([
      null,
      k('total', { count: s.totals.count }),
      bahtNumber(s.totals.budgetSatang),
      bahtNumber(s.totals.referenceSatang),
      null,
      null,
      bahtNumber(s.totals.agreedSatang),
      null,
      null,
    ]);
  const title = k('title', { month: monthTitle(s.month) });
  return renderXlsx(
    [
      {
        name: k('sheet'),
        title: [k('form'), title, org.names.full, documentDate(t, at)],
        columns: [
          { header: k('col.no'), width: 7 },
          { header: k('col.title'), width: 45 },
          { header: k('col.budget'), width: 16, numFmt: MONEY_FORMAT },
          { header: k('col.reference'), width: 16, numFmt: MONEY_FORMAT },
          { header: k('col.method'), width: 16 },
          { header: k('col.bids'), width: 45 },
          { header: k('col.winner'), width: 40 },
          { header: k('col.reason'), width: 30 },
          { header: k('col.contract'), width: 30 },
        ],
        rows,
      },
    ],
    { title, created: at },
  );
}
