import type { ServiceContext } from '../../core/context.js';
import { reportTypstSource } from '../../core/documents/report.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { notFound } from '../../core/http/errors.js';
import { translator } from '../../core/i18n/i18n.js';
import { formatThaiDate, thaiMonthName, toThaiDigits } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { isFiscalYear, monthBounds } from './list.js';
import { contractedBetween, fiscalMonthKeys, TotalsMismatchError } from './monthly.js';
import { baht, type DocumentOptions, docDay, documentDate, PROCUREMENT_TYPST, THAI_DIGITS, th } from './monthly-pdf.js';

/**
 * รายละเอียดแนบท้ายประกาศผลผู้ชนะการจัดซื้อจัดจ้างหรือผู้ได้รับการคัดเลือก และสาระสำคัญของสัญญาหรือ
 * ข้อตกลงเป็นหนังสือ ประจำไตรมาสที่ … : every contract of the fiscal quarter with the supplier's tax
 * id, the items, the amount, the reference document (date, number) and the supporting reason;
 * "รวมทั้งสิ้น"; signatures ผู้จัดทำ / ผู้ตรวจสอบ. A4 landscape, Thai digits.
 */

export interface QuarterRow {
  id: number;
  taxId: string | null;
  vendor: string;
  item: string;
  amountSatang: number;
  contractDate: string;
  contractNo: string | null;
  reason: string | null;
}

export interface QuarterSummary {
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** The three 'YYYY-MM' of the quarter. */
  months: string[];
  rows: QuarterRow[];
  totals: { count: number; amountSatang: number; budgetSatang: number };
}

export function isQuarter(q: unknown): q is 1 | 2 | 3 | 4 {
  return q === 1 || q === 2 || q === 3 || q === 4;
}

export async function buildQuarterSummary(ctx: ServiceContext, fiscalYear: number, quarter: number): Promise<QuarterSummary> {
  if (!isFiscalYear(fiscalYear) || !isQuarter(quarter)) throw notFound();
  const months = fiscalMonthKeys(fiscalYear).slice((quarter - 1) * 3, quarter * 3);
  const from = monthBounds(months[0] as string).from;
  const until = monthBounds(months[2] as string).until;
  const list = await contractedBetween(ctx, fiscalYear, from, until);
  const rows = list.map((p) => ({
    id: p.id,
    taxId: p.winnerTaxId,
    vendor: p.winnerName ?? '',
    item: p.title,
    amountSatang: p.agreedPriceSatang ?? 0,
    contractDate: p.contractDate ?? '',
    contractNo: p.contractNo,
    reason: p.selectionReason,
  }));
  let amount = 0;
  let budget = 0;
  for (const p of list) {
    amount += p.agreedPriceSatang ?? 0;
    budget += p.budgetSatang;
  }
  const s: QuarterSummary = {
    fiscalYear,
    quarter,
    months,
    rows,
    totals: { count: rows.length, amountSatang: amount, budgetSatang: budget },
  };
  checkQuarterTotals(s);
  return s;
}

export function checkQuarterTotals(s: Pick<QuarterSummary, 'rows' | 'totals'>): void {
  let sum = 0n;
  for (const r of s.rows) sum += BigInt(r.amountSatang);
  if (s.rows.length !== s.totals.count || sum !== BigInt(s.totals.amountSatang)) {
    throw new TotalsMismatchError(`quarter: document ${s.totals.amountSatang}, rows ${sum}`);
  }
}

const QUARTERLY = `
#let quarterly(d) = {
  show: landscape-page.with(d)
  doc-head(d)
  gap(pitch + lead)
  doc-table(d.table)
  two-signatures(d.signatures)
}
`;

const DATA_FILE = 'quarterly.json';
let source: string | undefined;

export async function quarterDocumentData(ctx: ServiceContext, s: QuarterSummary, opts: DocumentOptions = {}) {
  checkQuarterTotals(s);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.quarterly.${key}`, params);
  const org = await getOrganization(ctx);
  const at = opts.at ?? ctx.app.now();
  const monthNames = s.months.map((m) => thaiMonthName(Number(m.slice(5, 7)), 'short'));
  const months = `${monthNames[0]} – ${monthNames[2]}`;
  const columns = [
    { header: [k('col.no')], width: 0.6, align: 'center' },
    { header: [k('col.taxId')], width: 2.0, align: 'center' },
    { header: [k('col.vendor')], width: 2.6, align: 'left' },
    { header: [k('col.item')], width: 3.6, align: 'left' },
    { header: [k('col.amount')], width: 1.9, align: 'right' },
    { header: [k('col.reference'), k('col.date')], width: 1.4, align: 'center' },
    { header: [k('col.reference'), k('col.number')], width: 1.3, align: 'center' },
    { header: [k('col.reason')], width: 2.4, align: 'left' },
  ].map((c) => ({ ...c, header: c.header.map(th) }));
  const rows: unknown[][] = s.rows.map((r, i) => [
    [String(i + 1)],
    [r.taxId ?? '-'],
    [r.vendor],
    [r.item],
    [baht(r.amountSatang)],
    [docDay(r.contractDate)],
    [r.contractNo ?? '-'],
    [r.reason ?? '-'],
  ]);
  if (!s.rows.length) rows.push([{ lines: [k('none')], colspan: 8, align: 'center', strong: true }]);
  rows.push([
    { lines: [k('total')], colspan: 4, strong: true, shade: true, align: 'center' },
    { lines: [baht(s.totals.amountSatang)], strong: true, shade: true },
    { lines: [], colspan: 3, shade: true },
  ]);
  const mark = (c: unknown): unknown =>
    Array.isArray(c) ? c.map((l) => th(String(l))) : { ...(c as object), lines: (c as { lines: string[] }).lines.map(th) };
  const signer = (role: string) => ({ sign: th(k('sign')), name: th(k('blankName')), lines: [th(k('position')), th(role)] });
  return {
    title: toThaiDigits(`${k('title')} ${k('subtitle', { quarter: s.quarter, months, year: s.fiscalYear })}`),
    form: null,
    heading: [k('title'), k('subtitle', { quarter: s.quarter, months, year: s.fiscalYear }), org.names.full, documentDate(t, at)].map(th),
    digits: THAI_DIGITS,
    pageWord: th(t('procurement.report.page')),
    footer: th(t('procurement.report.footer', { org: org.names.full, date: formatThaiDate(at, { digits: 'thai' }) })),
    table: { columns, rows: rows.map((r) => r.map(mark)) },
    signatures: [signer(k('preparer')), signer(k('checker'))],
  };
}

export async function renderQuarterPdf(ctx: ServiceContext, s: QuarterSummary, opts: DocumentOptions = {}): Promise<Uint8Array> {
  source ??= reportTypstSource(`${PROCUREMENT_TYPST}\n${QUARTERLY}`, 'quarterly', DATA_FILE);
  const data = await quarterDocumentData(ctx, s, opts);
  return renderPdf(source, { [DATA_FILE]: new TextEncoder().encode(JSON.stringify(data)) });
}
