import type { ServiceContext } from '../../core/context.js';
import { FONT_FAMILY } from '../../core/documents/fonts.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { reportTypstSource } from '../../core/documents/report.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { type Translate, translator } from '../../core/i18n/i18n.js';
import {
  applyDigits,
  bahtText,
  bangkokDate,
  daysInMonth,
  fiscalMonths,
  formatNumber,
  formatSatang,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  thaiMonthName,
  toThaiDigits,
} from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { organizationGaruda } from '../reports/service.js';
import type { LineProgress, ProgressTotals } from './progress.js';
import type { BudgetReport, PlanLine } from './report.js';
import { loadCharts, quarterChart, quarterPoints } from './report-charts.js';
import { kindKey } from './report-messages.js';
import type { BudgetCategory } from './schema.js';

/**
 * The budget reports as PDF (Typst, A4 landscape, Thai digits, always Thai): the spending plan
 * (แผนการใช้จ่ายงบประมาณประจำปี: the classification ด้าน → แผนงาน → งาน → งบ → รายการ with the
 * approved amount and the quarter or month columns, subtotals per แผนงาน and the grand total),
 * and the 6-month and annual reports (plan against actual by งบ and แผนงาน, %, variance, the
 * quarter chart with its table, the lines, the narrative). Totals were checked by reportOf().
 */

const TYPST = `
#let budget-page(d, body) = {
  set document(title: d.title, date: none)
  set page(paper: "a4", flipped: true,
    margin: (left: 2cm, right: 1.5cm, top: 2cm, bottom: 1.8cm),
    header-ascent: 0.9cm,
    header: page-number-header(d.digits),
    footer: context {
      set text(..thai-text-setup, size: small-size * 0.9)
      align(right, text(fill: luma(90), tw(d.footer)))
    })
  show: base-style
  v(-0.8cm)
  if d.garuda != none { align(center, image(d.garuda, height: 1.6cm)) }
  for (i, line) in d.heading.enumerate() {
    gap(lead)
    align(center, par(text(size: if i == 0 { label-size } else { body-size }, weight: "bold", tw(line))))
  }
  body
}

// data-table of report.typ.ts with the text size as data (a month-phased plan has 15 columns).
#let budget-table(t) = {
  set text(size: t.at("size", default: 11) * 1pt)
  set par(first-line-indent: 0pt, justify: false, leading: 0.45em)
  let header-rows = t.at("header-rows", default: 1)
  table(
    columns: t.widths.map(w => w * 1fr),
    align: (x, y) => if y < header-rows { center + horizon } else { (left: left, center: center, right: right).at(t.aligns.at(x)) + horizon },
    inset: (x: 3pt, top: 4pt, bottom: 5pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => {
      if type(c) == dictionary {
        table.cell(colspan: c.at("colspan", default: 1), rowspan: c.at("rowspan", default: 1), fill: luma(235), text(weight: "bold", tw(c.text)))
      } else { table.cell(fill: luma(235), text(weight: "bold", tw(c))) }
    })),
    ..t.rows.map(r => r.map(data-cell)).flatten(),
  )
}

#let budget(d) = {
  show: budget-page.with(d)
  body-pars(((text: d.intro, indent: true, justify: false),), first-gap: pitch + lead)
  for s in d.sections {
    section-head(s)
    if s.at("table", default: none) != none { gap(lead); budget-table(s.table) }
    if s.at("chart", default: none) != none {
      gap(lead)
      block(breakable: false, width: 100%, {
        grid(columns: (1.35fr, 1fr), column-gutter: 0.8cm, align: horizon,
          image(s.chart.file, width: 100%),
          budget-table(s.chart.table))
        gap(lead * 0.5)
        align(center, par(text(size: small-size, tw(s.chart.caption))))
      })
    }
    for (i, p) in s.at("points", default: ()).enumerate() {
      gap(lead)
      par(hanging-indent: 1.5em, [#num(i + 1, d.digits). #h(0.3em) #tw(p)])
    }
    if s.at("empty", default: none) != none { gap(lead); par(first-line-indent: indent, tw(s.empty)) }
  }
  if d.closing != none { body-pars(((text: d.closing, indent: true, justify: false),), first-gap: pitch + lead) }
  gap(pitch * 2)
  block(breakable: false, width: 100%, grid(columns: d.signers.map(_ => 1fr), ..d.signers.map(s => {
    set align(center)
    set par(first-line-indent: 0pt, justify: false)
    v(pitch * 2)
    par(tw(s.blank))
    gap(lead)
    par[(#tw(s.name))]
    for p in s.positions { gap(lead); par(tw(p)) }
  })))
}
`;

const DATA_FILE = 'budget-report.json';
let source: string | undefined;
function budgetSource(): string {
  source ??= reportTypstSource(TYPST, 'budget', DATA_FILE);
  return source;
}

interface Cell {
  text: string;
  shade?: number;
  strong?: boolean;
  indent?: number;
}
type Row = (string | Cell)[];

/** Thai digits and marked word breaks (tw() keeps each word whole). */
const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));
const mark = (row: Row): Row => row.map((c) => (typeof c === 'string' ? th(c) : { ...c, text: th(c.text) }));
const money = (satang: number) => formatSatang(satang, { digits: 'thai' });
/** Basis points as a percent with two decimals, or a dash. */
export const percentOf = (bp: number | null, digits: 'thai' | 'arabic' = 'arabic') =>
  bp == null ? '–' : formatNumber(bp / 100, { decimals: 2, digits });

/** "30 กันยายน 2567": the last day of fiscal month `m` (1–12) of `fy`. */
export function fiscalMonthEnd(fy: number, m: number): Date {
  const ym = fiscalMonths(fy)[m - 1];
  if (!ym) throw new RangeError(`fiscal month ${m}`);
  return bangkokDate(ym.year, ym.month, daysInMonth(ym.year, ym.month));
}

/** "มีนาคม 2567": the calendar month of fiscal month `m` of `fy`. */
export function fiscalMonthLabel(fy: number, m: number): string {
  const ym = fiscalMonths(fy)[m - 1];
  if (!ym) throw new RangeError(`fiscal month ${m}`);
  return formatThaiMonthYear(ym);
}

/** Column headers of a plan's phases: ไตรมาส 1 (ต.ค.–ธ.ค.) … or ต.ค. 66 … ก.ย. 67. */
export function phaseHeaders(t: Translate, fy: number, phasing: 'quarter' | 'month'): string[] {
  if (phasing === 'quarter') return [1, 2, 3, 4].map((q) => t(`budget.report.quarters.q${q}`));
  return fiscalMonths(fy).map((ym) => `${thaiMonthName(ym.month, 'short')} ${String(ym.year + 543).slice(2)}`);
}

const sumPhases = (lines: readonly { phases: readonly number[] }[], n: number) =>
  Array.from({ length: n }, (_, i) => lines.reduce((a, l) => a + (l.phases[i] ?? 0), 0));

/** Lines grouped in order: ด้าน → แผนงาน → งาน (first appearance order). */
export function classify<L extends Pick<PlanLine, 'side' | 'program' | 'work'>>(lines: readonly L[]) {
  const sides: { side: string; programs: { program: string; works: { work: string; lines: L[] }[] }[] }[] = [];
  for (const l of lines) {
    let s = sides.find((x) => x.side === l.side);
    if (!s) {
      s = { side: l.side, programs: [] };
      sides.push(s);
    }
    let p = s.programs.find((x) => x.program === l.program);
    if (!p) {
      p = { program: l.program, works: [] };
      s.programs.push(p);
    }
    let w = p.works.find((x) => x.work === l.work);
    if (!w) {
      w = { work: l.work, lines: [] };
      p.works.push(w);
    }
    w.lines.push(l);
  }
  return sides;
}

function planSections(t: Translate, r: BudgetReport) {
  const k = (key: string, p?: Record<string, string | number>) => t(`budget.report.${key}`, p);
  const cat = (c: BudgetCategory) => t(`budget.categories.${c}`);
  const { phasing } = r.data.plan;
  const n = phasing === 'month' ? 12 : 4;
  const heads = phaseHeaders(t, r.fiscalYear, phasing);
  const rows: Row[] = [];
  let no = 0;
  for (const s of classify(r.data.lines)) {
    const band = { text: '', shade: 0.22 };
    rows.push([{ text: s.side, strong: true, shade: 0.22 }, band, band, ...Array(n).fill(band), band]);
    for (const p of s.programs) {
      const ls = p.works.flatMap((w) => w.lines);
      const approved = ls.reduce((a, l) => a + l.approvedSatang, 0);
      const sub = (text: string) => ({ text, strong: true, shade: 0.08 });
      rows.push([
        { text: p.program, strong: true, shade: 0.08, indent: 0.5 },
        sub(''),
        sub(money(approved)),
        ...sumPhases(ls, n).map((x) => sub(money(x))),
        sub(''),
      ]);
      for (const w of p.works) {
        rows.push([{ text: w.work, indent: 1, strong: true }, '', '', ...Array(n).fill(''), '']);
        for (const l of w.lines) {
          no++;
          rows.push([
            { text: `${no}. ${l.item}`, indent: 1.5 },
            cat(l.category),
            money(l.approvedSatang),
            ...Array.from({ length: n }, (_, i) => money(l.phases[i] ?? 0)),
            l.note ?? '',
          ]);
        }
      }
    }
  }
  const total = r.progress.total;
  rows.push([
    { text: k('pdf.grandTotal'), strong: true, shade: 0.2 },
    { text: '', shade: 0.2 },
    { text: money(total.approvedSatang), strong: true, shade: 0.2 },
    ...sumPhases(r.data.lines, n).map((x) => ({ text: money(x), strong: true, shade: 0.2 })),
    { text: '', shade: 0.2 },
  ]);
  const monthly = phasing === 'month';
  const linesTable = {
    size: monthly ? 7.5 : 10,
    widths: monthly ? [3.6, 1.2, 1.6, ...Array(12).fill(1.25), 1] : [4.4, 1.9, 2.1, 2, 2, 2, 2, 1.2],
    aligns: ['left', 'left', 'right', ...Array(n).fill('right'), 'left'],
    header: [k('cols.classification'), k('cols.category'), `${k('cols.approved')} ${k('cols.baht')}`, ...heads, k('cols.note')].map(th),
    rows: rows.map(mark),
  };
  const byCat = r.progress.byCategory;
  const catTable = {
    size: 11,
    widths: [3, 2, ...Array(4).fill(1.6), 1],
    aligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    header: [
      k('cols.category'),
      `${k('cols.approved')} ${k('cols.baht')}`,
      ...phaseHeaders(t, r.fiscalYear, 'quarter'),
      k('cols.share'),
    ].map(th),
    rows: [
      ...byCat.map((c) => [
        cat(c.category),
        money(c.approvedSatang),
        ...c.plannedByQuarter.map(money),
        percentOf(shareBp(c.approvedSatang, total.approvedSatang), 'thai'),
      ]),
      [
        { text: k('cols.total'), strong: true, shade: 0.2 },
        { text: money(total.approvedSatang), strong: true, shade: 0.2 },
        ...total.plannedByQuarter.map((x) => ({ text: money(x), strong: true, shade: 0.2 })),
        { text: percentOf(total.approvedSatang ? 10_000 : null, 'thai'), strong: true, shade: 0.2 },
      ],
    ].map((row) => mark(row as Row)),
  };
  return [
    { title: k('pdf.sectionPlanByCategory'), table: catTable },
    { title: k('pdf.sectionPlanLines'), table: linesTable },
  ];
}

/** Part of a whole in basis points (rounded down), null when the whole is 0. */
function shareBp(part: number, whole: number): number | null {
  return whole === 0 ? null : Number((BigInt(part) * 10_000n) / BigInt(whole));
}

function progressCells(x: ProgressTotals | LineProgress): string[] {
  return [
    money(x.approvedSatang),
    money(x.plannedToDateSatang),
    money(x.disbursedToDateSatang),
    percentOf(x.disbursedBp, 'thai'),
    money(x.varianceSatang),
  ];
}

function progressSections(t: Translate, r: BudgetReport, chartFile: string) {
  const k = (key: string, p?: Record<string, string | number>) => t(`budget.report.${key}`, p);
  const cat = (c: BudgetCategory) => t(`budget.categories.${c}`);
  const p = r.progress;
  const heads = [
    `${k('cols.approved')} ${k('cols.baht')}`,
    `${k('cols.planned')} ${k('cols.baht')}`,
    `${k('cols.disbursed')} ${k('cols.baht')}`,
    k('cols.percent'),
    `${k('cols.variance')} ${k('cols.baht')}`,
  ];
  const totalRow = (label: string): Row => [
    { text: label, strong: true, shade: 0.2 },
    ...progressCells(p.total).map((x) => ({ text: x, strong: true, shade: 0.2 })),
  ];
  const five = ['right', 'right', 'right', 'right', 'right'];
  const catTable = {
    size: 11,
    widths: [3.2, 2, 2, 2, 1.3, 2],
    aligns: ['left', ...five],
    header: [k('cols.category'), ...heads].map(th),
    rows: [...p.byCategory.map((c) => [cat(c.category), ...progressCells(c)]), totalRow(k('cols.total'))].map(mark),
  };
  const progTable = {
    size: 11,
    widths: [4.2, 2, 2, 2, 1.3, 2],
    aligns: ['left', ...five],
    header: [k('cols.program'), ...heads].map(th),
    rows: [...p.byProgram.map((g) => [g.program, ...progressCells(g)]), totalRow(k('cols.total'))].map(mark),
  };
  const points = quarterPoints(p.total, r.throughMonth, []);
  const quarterTable = {
    size: 10,
    widths: [1.2, 1.6, 1.6, 1.6],
    aligns: ['left', 'right', 'right', 'right'],
    header: [k('cols.quarter'), k('cols.plannedQ'), k('cols.disbursedQ'), k('cols.cumulative')].map(th),
    rows: points
      .map((q, i) => [
        t(`budget.chart.q${i + 1}`),
        money(q.plannedSatang),
        q.disbursedSatang == null ? '–' : money(q.disbursedSatang),
        q.cumulativeSatang == null ? '–' : money(q.cumulativeSatang),
      ])
      .map(mark),
  };
  const lineRows: Row[] = [];
  let no = 0;
  const byId = new Map(p.lines.map((l) => [l.id, l]));
  for (const s of classify(r.data.lines)) {
    for (const g of s.programs) {
      lineRows.push([{ text: g.program, strong: true, shade: 0.08 }, ...Array(6).fill({ text: '', shade: 0.08 })]);
      for (const w of g.works) {
        for (const l of w.lines) {
          const lp = byId.get(l.id);
          if (!lp) continue;
          no++;
          lineRows.push([{ text: `${no}. ${l.item} (${w.work})`, indent: 0.5 }, cat(l.category), ...progressCells(lp)]);
        }
      }
    }
  }
  lineRows.push(totalRow(k('pdf.grandTotal')).flatMap((c, i) => (i === 0 ? [c, { text: '', shade: 0.2 }] : [c])));
  const linesTable = {
    size: 10,
    widths: [5, 1.6, 1.8, 1.8, 1.8, 1.1, 1.8],
    aligns: ['left', 'left', ...five],
    header: [k('cols.item'), k('cols.category'), ...heads].map(th),
    rows: lineRows.map(mark),
  };
  const narrative = r.narrative
    .split(/\r?\n/)
    .map((s) => s.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);
  return [
    { title: k('pdf.sectionSummary'), table: catTable },
    { title: k('pdf.sectionProgram'), table: progTable },
    { title: k('pdf.sectionChart'), chart: { file: chartFile, table: quarterTable, caption: th(k('pdf.chartCaption')) } },
    { title: k('pdf.sectionLines'), table: linesTable },
    {
      title: k('pdf.sectionNarrative'),
      points: narrative.map(th),
      empty: narrative.length ? null : th(k('pdf.noNarrative')),
    },
  ];
}

/** The PDF of a report (always Thai, Thai digits). */
export async function renderBudgetPdf(ctx: ServiceContext, r: BudgetReport): Promise<Uint8Array> {
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, p?: Record<string, string | number>) => t(`budget.report.${key}`, p);
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  const files: Record<string, Uint8Array> = {};
  let intro: string;
  let sections: Record<string, unknown>[];
  const total = r.progress.total;
  if (r.kind === 'plan') {
    intro = k('pdf.planIntro', {
      org: org.names.full,
      year: r.fiscalYear,
      total: formatSatang(total.approvedSatang),
      words: bahtText(total.approvedSatang),
      phasing: k(r.data.plan.phasing === 'month' ? 'pdf.phasingMonth' : 'pdf.phasingQuarter'),
    });
    sections = planSections(t, r);
  } else {
    await loadCharts();
    const chartFile = 'chart-quarters.svg';
    const svg = quarterChart(
      quarterPoints(
        total,
        r.throughMonth,
        [1, 2, 3, 4].map((q) => toThaiDigits(t(`budget.chart.q${q}`))),
      ),
      {
        width: 620,
        height: 300,
        fontFamily: FONT_FAMILY,
        fontSize: 14,
        format: (x) => toThaiDigits(formatNumber(x, { decimals: 2 })),
        legend: { planned: t('budget.chart.planned'), disbursed: t('budget.chart.disbursed'), cumulative: t('budget.chart.cumulative') },
      },
    );
    files[chartFile] = new TextEncoder().encode(svg);
    const end = fiscalMonthEnd(r.fiscalYear, r.throughMonth);
    intro = k('pdf.progressIntro', {
      org: org.names.full,
      year: r.fiscalYear,
      start: r.fiscalYear - 1,
      end: formatThaiDate(end),
      approved: formatSatang(total.approvedSatang),
      planned: formatSatang(total.plannedToDateSatang),
      disbursed: formatSatang(total.disbursedToDateSatang),
      words: bahtText(total.disbursedToDateSatang),
      percent: percentOf(total.disbursedBp),
      versus: k(total.varianceSatang > 0 ? 'pdf.ahead' : total.varianceSatang < 0 ? 'pdf.behind' : 'pdf.equal'),
      variance: formatSatang(Math.abs(total.varianceSatang)),
    });
    sections = progressSections(t, r, chartFile);
  }
  sections.forEach((s, i) => {
    s.title = th(`${i + 1}. ${s.title as string}`);
  });
  const title = k(`titles.${kindKey(r.kind)}`, { year: r.fiscalYear });
  const data = {
    title,
    digits: Array.from(toThaiDigits('0123456789')),
    garuda: garuda ? `garuda.${garuda.type}` : null,
    heading: [
      title,
      org.names.full,
      ...(r.kind === 'plan' ? [] : [k('pdf.asOf', { date: formatThaiDate(fiscalMonthEnd(r.fiscalYear, r.throughMonth)) })]),
    ].map(th),
    intro: th(intro),
    sections,
    closing: r.kind === 'plan' ? null : th(k('pdf.closing')),
    signers: [
      { blank: k('pdf.blankName'), name: th(k('pdf.blankName')), positions: [th(k('pdf.preparer')), th(k('pdf.preparerPosition'))] },
      { blank: k('pdf.blankName'), name: th(k('pdf.blankName')), positions: [th(k('pdf.approver')), th(org.names.mayor)] },
    ],
    footer: th(k('pdf.footer', { org: org.names.full, at: formatThaiDateTime(ctx.app.now()) })),
  };
  files[DATA_FILE] = new TextEncoder().encode(JSON.stringify(data));
  if (garuda) files[`garuda.${garuda.type}`] = garuda.bytes;
  return renderPdf(budgetSource(), files);
}
