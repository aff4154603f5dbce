import { and, count, eq } from 'drizzle-orm';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { FONT_FAMILY } from '../../core/documents/fonts.js';
import { reportTypstSource } from '../../core/documents/report.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { notFound } from '../../core/http/errors.js';
import { translator } from '../../core/i18n/i18n.js';
import { formatNumber, formatSatang, formatThaiDate, thaiMonthName, toBuddhistYear, toThaiDigits } from '../../core/thai/index.js';
import { BAR, GRID, loadCharts, renderChart, TEXT } from '../../core/ui/charts.js';
import { getOrganization } from '../organization/service.js';
import { isFiscalYear, monthBounds } from './list.js';
import { contractedBetween, fiscalMonthKeys, TotalsMismatchError } from './monthly.js';
import { baht, type DocumentOptions, documentDate, PROCUREMENT_TYPST, THAI_DIGITS, th } from './monthly-pdf.js';
import { bahtNumber, MONEY_FORMAT } from './monthly-xlsx.js';
import {
  PROCUREMENT_CATEGORIES,
  PROCUREMENT_METHODS,
  type ProcurementAnalysis,
  type ProcurementCategory,
  type ProcurementMethod,
  procurements,
} from './schema.js';

/**
 * รายงานผลการจัดซื้อจัดจ้างประจำปี: the year's contracted procurements counted and summed by method,
 * by category and by month, the savings (budget − agreed price), a chart of the monthly totals and
 * the officer's problems and improvements. PDF (A4 landscape, Thai digits) and XLSX. Every group's
 * sums are recomputed against the total before a document is produced.
 */

export interface AnnualGroup {
  key: string;
  count: number;
  budgetSatang: number;
  agreedSatang: number;
  savingsSatang: number;
}

export interface AnnualReport {
  fiscalYear: number;
  total: AnnualGroup;
  byMethod: AnnualGroup[];
  byCategory: AnnualGroup[];
  /** The twelve months ('YYYY-MM'), October first, empty ones included. */
  byMonth: AnnualGroup[];
  cancelled: number;
  analysis: ProcurementAnalysis;
}

const group = (key: string): AnnualGroup => ({ key, count: 0, budgetSatang: 0, agreedSatang: 0, savingsSatang: 0 });

function add(g: AnnualGroup, budget: number, agreed: number) {
  g.count++;
  g.budgetSatang += budget;
  g.agreedSatang += agreed;
  g.savingsSatang += budget - agreed;
}

/** Savings as basis points of the budget (integer, half up); null without a budget. */
export function savingsBasisPoints(g: Pick<AnnualGroup, 'budgetSatang' | 'savingsSatang'>): number | null {
  if (g.budgetSatang <= 0) return null;
  const n = BigInt(g.savingsSatang) * 10000n;
  const d = BigInt(g.budgetSatang);
  const q = n >= 0n ? (n * 2n + d) / (2n * d) : -((-n * 2n + d) / (2n * d));
  return Number(q);
}

/** Basis points as a percentage with two decimals ('12.34'). */
export function percentText(bp: number | null, digits: 'thai' | 'arabic' = 'arabic'): string {
  if (bp == null) return '-';
  return formatNumber(bp / 100, { decimals: 2, digits });
}

/** Every grouping's sums equal the total: a mismatch is an error. */
export function checkAnnualTotals(r: AnnualReport): void {
  for (const [name, list] of [
    ['method', r.byMethod],
    ['category', r.byCategory],
    ['month', r.byMonth],
  ] as const) {
    const s = group('sum');
    for (const g of list) {
      s.count += g.count;
      s.budgetSatang += g.budgetSatang;
      s.agreedSatang += g.agreedSatang;
      s.savingsSatang += g.savingsSatang;
    }
    for (const k of ['count', 'budgetSatang', 'agreedSatang', 'savingsSatang'] as const) {
      if (s[k] !== r.total[k]) throw new TotalsMismatchError(`annual by ${name}: ${k} ${s[k]} ≠ ${r.total[k]}`);
    }
  }
  if (r.total.savingsSatang !== r.total.budgetSatang - r.total.agreedSatang) throw new TotalsMismatchError('annual savings');
}

export async function buildAnnualReport(
  ctx: ServiceContext,
  fiscalYear: number,
  analysis: ProcurementAnalysis = { problems: '', improvements: '' },
): Promise<AnnualReport> {
  if (!isFiscalYear(fiscalYear)) throw notFound();
  const months = fiscalMonthKeys(fiscalYear);
  const list = await contractedBetween(ctx, fiscalYear, monthBounds(months[0] as string).from, monthBounds(months[11] as string).until);
  const total = group('total');
  const byMethod = new Map<ProcurementMethod, AnnualGroup>(PROCUREMENT_METHODS.map((m) => [m, group(m)]));
  const byCategory = new Map<ProcurementCategory, AnnualGroup>(PROCUREMENT_CATEGORIES.map((c) => [c, group(c)]));
  const byMonth = new Map(months.map((m) => [m, group(m)]));
  for (const p of list) {
    const agreed = p.agreedPriceSatang ?? 0;
    add(total, p.budgetSatang, agreed);
    add(byMethod.get(p.method) as AnnualGroup, p.budgetSatang, agreed);
    add(byCategory.get(p.category) as AnnualGroup, p.budgetSatang, agreed);
    add(byMonth.get((p.contractDate as string).slice(0, 7)) as AnnualGroup, p.budgetSatang, agreed);
  }
  const [cancelled] = await dbOf(ctx)
    .select({ n: count() })
    .from(procurements)
    .where(and(eq(procurements.orgId, ctx.orgId), eq(procurements.fiscalYear, fiscalYear), eq(procurements.status, 'cancelled')));
  const r: AnnualReport = {
    fiscalYear,
    total,
    byMethod: [...byMethod.values()].filter((g) => g.count > 0),
    byCategory: [...byCategory.values()].filter((g) => g.count > 0),
    byMonth: [...byMonth.values()],
    cancelled: cancelled?.n ?? 0,
    analysis,
  };
  checkAnnualTotals(r);
  return r;
}

/** 'ต.ค. 66' of a 'YYYY-MM'. */
function monthShort(month: string): string {
  return `${thaiMonthName(Number(month.slice(5, 7)), 'short')} ${String(toBuddhistYear(Number(month.slice(0, 4)))).slice(2)}`;
}

/** The bar chart of agreed prices per month (SVG, Thai digits in the document, Arabic on screens). */
export async function monthlyChart(
  r: AnnualReport,
  o: { digits: 'thai' | 'arabic'; width: number; height: number; fontFamily: string; label?: string },
) {
  await loadCharts();
  const fmt = (x: number) => formatNumber(Math.round(x), { digits: o.digits });
  return renderChart(
    {
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: r.byMonth.map((g) => (o.digits === 'thai' ? toThaiDigits(monthShort(g.key)) : monthShort(g.key))),
        axisLabel: { color: TEXT, fontSize: 13, interval: 0 },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => fmt(v), color: TEXT, fontSize: 13 },
        splitLine: { lineStyle: { color: GRID } },
      },
      series: [{ type: 'bar', data: r.byMonth.map((g) => g.agreedSatang / 100), itemStyle: { color: BAR }, barMaxWidth: 36 }],
    },
    { width: o.width, height: o.height, fontFamily: o.fontFamily, format: fmt, label: o.label },
  );
}

const ANNUAL = `
#let annual(d) = {
  show: landscape-page.with(d)
  doc-head(d)
  gap(pitch + lead)
  par(first-line-indent: (amount: indent, all: true), justify: false, tw(d.intro))
  for s in d.sections {
    gap(pitch + lead)
    block(sticky: true, par(text(weight: "bold", tw(s.title))))
    gap(lead)
    if s.at("table", default: none) != none { doc-table(s.table) }
    if s.at("chart", default: none) != none {
      block(breakable: false, align(center, image(s.chart, width: 20cm)))
    }
    for p in s.at("paragraphs", default: ()) {
      gap(lead)
      par(first-line-indent: (amount: indent, all: true), justify: false, tw(p))
    }
  }
}
`;

const DATA_FILE = 'annual.json';
const CHART_FILE = 'annual-chart.svg';
let source: string | undefined;

const paragraphs = (s: string) =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

export async function annualDocumentData(ctx: ServiceContext, r: AnnualReport, opts: DocumentOptions = {}) {
  checkAnnualTotals(r);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.annual.${key}`, params);
  const org = await getOrganization(ctx);
  const at = opts.at ?? ctx.app.now();
  const groupTable = (first: string, list: AnnualGroup[], label: (g: AnnualGroup) => string) => {
    const line = (g: AnnualGroup, name: string, strong = false) => {
      const cells = [
        name,
        formatNumber(g.count, { digits: 'thai' }),
        r.total.count ? percentText(Math.round((g.count * 10000) / r.total.count), 'thai') : '-',
        baht(g.budgetSatang),
        baht(g.agreedSatang),
        baht(g.savingsSatang),
        percentText(savingsBasisPoints(g), 'thai'),
      ].map(th);
      return strong ? cells.map((c) => ({ lines: [c], strong: true, shade: true })) : cells.map((c) => [c]);
    };
    return {
      columns: [
        { header: [th(first)], width: 3.2, align: 'left' },
        { header: [th(k('col.count'))], width: 1.2, align: 'right' },
        { header: [th(k('col.share'))], width: 1.2, align: 'right' },
        { header: [th(k('col.budget'))], width: 2, align: 'right' },
        { header: [th(k('col.agreed'))], width: 2, align: 'right' },
        { header: [th(k('col.savings'))], width: 2, align: 'right' },
        { header: [th(k('col.savingsPercent'))], width: 1.3, align: 'right' },
      ],
      rows: [...list.map((g) => line(g, label(g))), line(r.total, k('total'), true)],
    };
  };
  const none = k('noText');
  const data = {
    title: toThaiDigits(k('title', { year: r.fiscalYear })),
    form: null,
    heading: [k('title', { year: r.fiscalYear }), org.names.full, documentDate(t, at)].map(th),
    digits: THAI_DIGITS,
    pageWord: th(t('procurement.report.page')),
    footer: th(t('procurement.report.footer', { org: org.names.full, date: formatThaiDate(at, { digits: 'thai' }) })),
    intro: th(
      k('intro', {
        year: r.fiscalYear,
        org: org.names.full,
        count: formatNumber(r.total.count),
        budget: formatSatang(r.total.budgetSatang),
        agreed: formatSatang(r.total.agreedSatang),
        savings: formatSatang(r.total.savingsSatang),
        percent: percentText(savingsBasisPoints(r.total)),
      }) + (r.cancelled ? ` ${k('cancelled', { count: r.cancelled })}` : ''),
    ),
    sections: [
      { title: th(`๑. ${k('byMethod')}`), table: groupTable(k('col.method'), r.byMethod, (g) => t(`procurement.methods.${g.key}`)) },
      {
        title: th(`๒. ${k('byCategory')}`),
        table: groupTable(k('col.category'), r.byCategory, (g) => t(`procurement.categories.${g.key}`)),
      },
      { title: th(`๓. ${k('byMonth')}`), table: groupTable(k('col.month'), r.byMonth, (g) => monthShort(g.key)) },
      { title: th(`๔. ${k('chart')}`), chart: CHART_FILE },
      {
        title: th(`๕. ${k('problems')}`),
        paragraphs: (paragraphs(r.analysis.problems).length ? paragraphs(r.analysis.problems) : [none]).map(th),
      },
      {
        title: th(`๖. ${k('improvements')}`),
        paragraphs: (paragraphs(r.analysis.improvements).length ? paragraphs(r.analysis.improvements) : [none]).map(th),
      },
    ],
  };
  return data;
}

export async function renderAnnualPdf(ctx: ServiceContext, r: AnnualReport, opts: DocumentOptions = {}): Promise<Uint8Array> {
  source ??= reportTypstSource(`${PROCUREMENT_TYPST}\n${ANNUAL}`, 'annual', DATA_FILE);
  const data = await annualDocumentData(ctx, r, opts);
  const svg = await monthlyChart(r, { digits: 'thai', width: 760, height: 260, fontFamily: FONT_FAMILY });
  return renderPdf(source, {
    [DATA_FILE]: new TextEncoder().encode(JSON.stringify(data)),
    [CHART_FILE]: new TextEncoder().encode(svg),
  });
}

/** The annual report as a workbook: summary, by method, by category, by month, the analysis. */
export async function renderAnnualXlsx(ctx: ServiceContext, r: AnnualReport, opts: DocumentOptions = {}): Promise<Buffer> {
  checkAnnualTotals(r);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.annual.${key}`, params);
  const org = await getOrganization(ctx);
  const at = opts.at ?? ctx.app.now();
  const title = [k('title', { year: r.fiscalYear }), org.names.full];
  const cols = (first: string) => [
    { header: first, width: 36 },
    { header: k('col.count'), numFmt: '#,##0' },
    { header: k('col.budget'), numFmt: MONEY_FORMAT, width: 18 },
    { header: k('col.agreed'), numFmt: MONEY_FORMAT, width: 18 },
    { header: k('col.savings'), numFmt: MONEY_FORMAT, width: 18 },
    { header: k('col.savingsPercent'), numFmt: '0.00', width: 14 },
  ];
  const row = (name: string, g: AnnualGroup): XlsxCell[] => {
    const bp = savingsBasisPoints(g);
    return [
      name,
      g.count,
      bahtNumber(g.budgetSatang),
      bahtNumber(g.agreedSatang),
      bahtNumber(g.savingsSatang),
      bp == null ? null : bp / 100,
    ];
  };
  const sheet = (name: string, first: string, list: AnnualGroup[], label: (g: AnnualGroup) => string) => ({
    name,
    title,
    columns: cols(first),
    rows: [...list.map((g) => row(label(g), g)), row(k('total'), r.total)],
  });
  return renderXlsx(
    [
      sheet(k('sheets.method'), k('col.method'), r.byMethod, (g) => t(`procurement.methods.${g.key}`)),
      sheet(k('sheets.category'), k('col.category'), r.byCategory, (g) => t(`procurement.categories.${g.key}`)),
      sheet(k('sheets.month'), k('col.month'), r.byMonth, (g) => monthShort(g.key)),
      {
        name: k('sheets.analysis'),
        title,
        columns: [
          { header: k('problems'), width: 80 },
          { header: k('improvements'), width: 80 },
        ],
        rows: [[r.analysis.problems, r.analysis.improvements]],
      },
    ],
    { title: title[0], created: at },
  );
}
