import fs from 'node:fs';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { ServiceContext } from '../../core/context.js';
import { FONT_FAMILY, sarabunFonts } from '../../core/documents/fonts.js';
import { loadExcelJS, renderXlsx, type XlsxCell, type XlsxSheet } from '../../core/documents/xlsx.js';
import type { Locale, Translate } from '../../core/i18n/i18n.js';
import { fiscalMonths, formatNumber } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { type ProgressTotals, plannedByMonth } from './progress.js';
import type { BudgetReport } from './report.js';
import { loadCharts, quarterChart, quarterPoints } from './report-charts.js';
import { kindKey } from './report-messages.js';
import { phaseHeaders } from './report-pdf.js';

/**
 * The budget reports as XLSX (in the reader's language): numbers as numbers (baht with two
 * decimals — an exact view of integer satang; percentages from basis points), one sheet per
 * table — summary, by งบ, by แผนงาน, the lines with their phases (and, for progress reports, the
 * disbursements per month), the quarters with the chart drawn as a picture beside them, and the
 * narrative.
 */

/** Satang as a number of baht for a spreadsheet cell (exact to the satang; sums stay in satang). */
export const baht = (satang: number): number => Number((satang / 100).toFixed(2));
const pct = (bp: number | null): number | null => (bp == null ? null : bp / 100);
const MONEY = '#,##0.00';

type ResvgModule = typeof import('@resvg/resvg-wasm');
let resvg: Promise<ResvgModule> | undefined;

/** The chart as a PNG, drawn with Sarabun by resvg (WebAssembly); null when it cannot be drawn. */
async function chartPng(svg: string): Promise<Uint8Array | null> {
  try {
    resvg ??= (async () => {
      const mod = await import('@resvg/resvg-wasm');
      const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
      await mod.initWasm(wasm).catch((e: unknown) => {
        // Already initialised by another module (docx) in this process.
        if (!String(e).includes('Already initialized')) throw e;
      });
      return mod;
    })();
    const { Resvg } = await resvg;
    const fonts = sarabunFonts();
    const r = new Resvg(svg, {
      fitTo: { mode: 'width', value: 1240 },
      font: { fontBuffers: [fonts.regular, fonts.bold], defaultFontFamily: FONT_FAMILY, loadSystemFonts: false },
      background: '#ffffff',
    });
    const img = r.render();
    const png = img.asPng();
    img.free();
    r.free();
    return png;
  } catch {
    return null;
  }
}

export async function renderBudgetXlsx(ctx: ServiceContext, r: BudgetReport, t: Translate, _locale: Locale): Promise<Buffer> {
  const org = await getOrganization(ctx);
  const k = (key: string, p?: Record<string, string | number>) => t(`budget.report.${key}`, p);
  const cat = (c: string) => t(`budget.categories.${c}`);
  const title = [k(`titles.${kindKey(r.kind)}`, { year: r.fiscalYear }), org.names.full];
  const p = r.progress;
  const progressHeads = [
    { header: `${k('cols.approved')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
    { header: `${k('cols.planned')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
    { header: `${k('cols.disbursed')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
    { header: k('cols.percent'), numFmt: '0.00', width: 12 },
    { header: `${k('cols.variance')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
  ];
  const cells = (x: ProgressTotals): XlsxCell[] => [
    baht(x.approvedSatang),
    baht(x.plannedToDateSatang),
    baht(x.disbursedToDateSatang),
    pct(x.disbursedBp),
    baht(x.varianceSatang),
  ];
  const { phasing } = r.data.plan;
  const heads = phaseHeaders(t, r.fiscalYear, phasing);
  const byId = new Map(p.lines.map((l) => [l.id, l]));
  const sheets: XlsxSheet[] = [];
  const isPlan = r.kind === 'plan';
  sheets.push({
    name: k('xlsx.categories'),
    title,
    columns: [{ header: k('cols.category'), width: 22 }, ...(isPlan ? progressHeads.slice(0, 1) : progressHeads)],
    rows: [
      ...p.byCategory.map((c) => [cat(c.category), ...cells(c).slice(0, isPlan ? 1 : 5)]),
      [k('cols.total'), ...cells(p.total).slice(0, isPlan ? 1 : 5)],
    ],
  });
  sheets.push({
    name: k('xlsx.programs'),
    title,
    columns: [
      { header: k('cols.side'), width: 28 },
      { header: k('cols.program'), width: 34 },
      ...(isPlan ? progressHeads.slice(0, 1) : progressHeads),
    ],
    rows: [
      ...p.byProgram.map((g) => [g.side, g.program, ...cells(g).slice(0, isPlan ? 1 : 5)]),
      [k('cols.total'), '', ...cells(p.total).slice(0, isPlan ? 1 : 5)],
    ],
  });
  sheets.push({
    name: k('xlsx.lines'),
    title,
    columns: [
      { header: k('cols.no'), width: 6 },
      { header: k('cols.side'), width: 24 },
      { header: k('cols.program'), width: 30 },
      { header: k('cols.work'), width: 26 },
      { header: k('cols.category'), width: 16 },
      { header: k('cols.item'), width: 46 },
      { header: k('cols.division'), width: 22 },
      ...(isPlan ? progressHeads.slice(0, 1) : progressHeads),
      ...heads.map((h) => ({ header: h, numFmt: MONEY, width: 16 })),
      { header: k('cols.note'), width: 24 },
    ],
    rows: [
      ...r.data.lines.map((l, i) => {
        const lp = byId.get(l.id);
        const c = lp ? cells(lp) : [];
        return [
          i + 1,
          l.side,
          l.program,
          l.work,
          cat(l.category),
          l.item,
          l.divisionName ?? '',
          ...c.slice(0, isPlan ? 1 : 5),
          ...l.phases.map(baht),
          l.note ?? '',
        ];
      }),
      [
        null,
        k('cols.total'),
        '',
        '',
        '',
        '',
        '',
        ...cells(p.total).slice(0, isPlan ? 1 : 5),
        ...Array.from({ length: heads.length }, (_, i) => baht(r.data.lines.reduce((a, l) => a + (l.phases[i] ?? 0), 0))),
        '',
      ],
    ],
  });
  const points = quarterPoints(p.total, isPlan ? 0 : r.throughMonth, []);
  sheets.push({
    name: k('xlsx.quarters'),
    title,
    columns: [
      { header: k('cols.quarter'), width: 24 },
      { header: `${k('cols.plannedQ')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
      ...(isPlan
        ? []
        : [
            { header: `${k('cols.disbursedQ')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
            { header: `${k('cols.cumulative')} ${k('cols.baht')}`, numFmt: MONEY, width: 20 },
          ]),
    ],
    rows: points.map((q, i) => [
      k(`quarters.q${i + 1}`),
      baht(q.plannedSatang),
      ...(isPlan
        ? []
        : [q.disbursedSatang == null ? null : baht(q.disbursedSatang), q.cumulativeSatang == null ? null : baht(q.cumulativeSatang)]),
    ]),
  });
  if (!isPlan) {
    const months = fiscalMonths(r.fiscalYear).slice(0, r.throughMonth);
    sheets.push({
      name: k('xlsx.months'),
      title,
      columns: [
        { header: k('cols.no'), width: 6 },
        { header: k('cols.item'), width: 46 },
        ...months.map((ym) => ({ header: `${ym.year}-${String(ym.month).padStart(2, '0')}`, numFmt: MONEY, width: 14 })),
      ],
      rows: r.data.lines.map((l, i) => [i + 1, l.item, ...l.disbursedByMonth.slice(0, r.throughMonth).map(baht)]),
    });
    sheets.push({
      name: k('xlsx.narrative'),
      title,
      columns: [{ header: k('fields.narrative'), width: 120 }],
      rows: r.narrative
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => [s]),
    });
  } else {
    // The planned amount per fiscal month (a quarter's amount sits in its last month).
    sheets.push({
      name: k('xlsx.phasing'),
      title,
      columns: [
        { header: k('cols.no'), width: 6 },
        { header: k('cols.item'), width: 46 },
        ...phaseHeaders(t, r.fiscalYear, 'month').map((h) => ({ header: h, numFmt: MONEY, width: 14 })),
      ],
      rows: r.data.lines.map((l, i) => [i + 1, l.item, ...plannedByMonth(phasing, l.phases).map(baht)]),
    });
  }
  const buf = await renderXlsx(sheets, { title: title.join(' '), creator: org.names.full, created: ctx.app.now() });
  if (isPlan) return buf;
  // The chart beside the quarters' table, as a picture (ExcelJS writes no native charts).
  await loadCharts();
  const svg = quarterChart(
    quarterPoints(
      p.total,
      r.throughMonth,
      [1, 2, 3, 4].map((q) => t(`budget.chart.q${q}`)),
    ),
    {
      width: 620,
      height: 300,
      fontFamily: FONT_FAMILY,
      fontSize: 14,
      format: (x) => formatNumber(x, { decimals: 2 }),
      legend: { planned: t('budget.chart.planned'), disbursed: t('budget.chart.disbursed'), cumulative: t('budget.chart.cumulative') },
    },
  );
  const png = await chartPng(svg);
  if (!png) return buf;
  const wb = new (await loadExcelJS()).Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[3];
  if (!ws) return buf;
  const id = wb.addImage({ buffer: Buffer.from(png) as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(id, { tl: { col: 5, row: 1 }, ext: { width: 620, height: 300 } });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
