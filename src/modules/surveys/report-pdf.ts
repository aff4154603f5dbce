import type { ServiceContext } from '../../core/context.js';
import { FONT_FAMILY } from '../../core/documents/fonts.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { renderPdf } from '../../core/documents/typst.js';
import { renderXlsx, type XlsxSheet } from '../../core/documents/xlsx.js';
import { type Locale, type Translate, translator } from '../../core/i18n/i18n.js';
import {
  applyDigits,
  bangkokDate,
  type DigitStyle,
  fiscalYearOf,
  formatNumber,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  parseIsoDay,
  thaiMonthName,
  toBuddhistYear,
  toGregorianYear,
  toThaiDigits,
} from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { organizationGaruda } from '../reports/service.js';
import { groupBarChart, loadCharts, trendChart } from './charts.js';
import type { SurveyReport } from './report.js';
import { SURVEY_DATA_FILE, surveyReportSource } from './report.typ.js';
import type { Band, Summary } from './stats.js';
import { roundHalfUp } from './stats.js';
import type { Suggestion } from './suggestions.js';

/**
 * The report as documents: the PDF to the executives (Typst, Thai, Thai digits, the one
 * published as OIT evidence) and the XLSX workbook (every table, in the reader's language).
 */

export type ReportPeriod =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; fy: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'year'; fy: number }
  | { kind: 'range' };

const pad = (n: number) => String(n).padStart(2, '0');

const dateOf = (day: string) => {
  const p = parseIsoDay(day);
  if (!p) throw new RangeError(`bad day ${day}`);
  return bangkokDate(p.year, p.month, p.day);
};

/** The inclusive days of a fiscal quarter or year (B.E. fiscal year, starting 1 October). */
export function fiscalRange(fy: number, quarter?: 1 | 2 | 3 | 4): { from: string; to: string } {
  const startYear = toGregorianYear(fy) - 1;
  const first = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  const at = (i: number) => {
    const idx = startYear * 12 + 9 + i;
    return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
  };
  const s = at(first);
  const e = at(first + months - 1);
  const last = new Date(Date.UTC(e.year, e.month, 0)).getUTCDate();
  return { from: `${s.year}-${pad(s.month)}-01`, to: `${e.year}-${pad(e.month)}-${pad(last)}` };
}

function monthNameEn(year: number, month: number) {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(
    bangkokDate(year, month, 15),
  );
}

/** "ประจำเดือนมกราคม พ.ศ. 2567", "ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2567", "ประจำปีงบประมาณ พ.ศ. 2567", or the range. */
export function periodLabel(t: Translate, q: { from: string; to: string }, period: ReportPeriod, locale: Locale = 'th'): string {
  const k = (key: string, params?: Record<string, string | number>) => t(`surveys.report.period.${key}`, params);
  if (period.kind === 'month') {
    if (locale !== 'th') return k('month', { month: monthNameEn(period.year, period.month) });
    return k('month', { month: formatThaiMonthYear(period).replace(/ (\d+)$/, ' พ.ศ. $1') });
  }
  if (period.kind === 'quarter') return k('quarter', { quarter: period.quarter, year: period.fy });
  if (period.kind === 'year') return k('year', { year: period.fy });
  const f = (d: string) =>
    locale === 'th'
      ? formatThaiDate(dateOf(d), { era: true })
      : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(dateOf(d));
  return k('range', { from: f(q.from), to: f(q.to) });
}

/** A month of the trend: "ม.ค. 67" (Thai) or "Jan 24". */
export function monthShort(month: string, locale: Locale, digits: DigitStyle = 'arabic'): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale !== 'th') {
    return new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'Asia/Bangkok' }).format(bangkokDate(y, m, 15));
  }
  return applyDigits(`${thaiMonthName(m, 'short')} ${String(toBuddhistYear(y)).slice(2)}`, digits);
}

/** x̄ and S.D. with two decimals (as the band is decided), or a dash. */
export function fmt2(x: number | null, digits: DigitStyle = 'arabic'): string {
  return x == null ? '–' : formatNumber(roundHalfUp(x, 2), { decimals: 2, digits });
}

/** Percent with two decimals, no sign. */
export function fmtPercent(x: number | null, digits: DigitStyle = 'arabic'): string {
  return x == null ? '–' : formatNumber(roundHalfUp(x, 2), { decimals: 2, digits });
}

export function levelText(t: Translate, band: Band | null): string {
  return band == null ? '–' : t(`surveys.levels.${band}`);
}

/** The lowest-rated items (at most three, below the overall mean), for "ปัญหาและอุปสรรค". */
export function lowestItems(r: SurveyReport, max = 3) {
  const overall = r.overall.mean;
  if (overall == null) return [];
  return r.groups
    .flatMap((g) => g.items)
    .filter((i) => i.summary.mean != null && i.summary.n > 0 && (i.summary.mean as number) < overall)
    .sort((a, b) => (a.summary.mean as number) - (b.summary.mean as number))
    .slice(0, max);
}

interface Cell {
  text: string;
  shade?: number;
  strong?: boolean;
  indent?: number;
}

/** "1. ด้านกระบวนการ…", "1.1 …": the numbering of the table rows. */
function summaryCells(s: Summary, t: Translate, D: DigitStyle, strong = false): (string | Cell)[] {
  const c = (text: string): string | Cell => (strong ? { text, strong: true, shade: 0.08 } : text);
  return [c(fmt2(s.mean, D)), c(fmt2(s.sd, D)), c(fmtPercent(s.percent, D)), c(levelText(t, s.band))];
}

const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));

/** Builds the PDF report (always Thai, Thai digits: an official document to the executives). */
export async function renderSurveyPdf(
  ctx: ServiceContext,
  r: SurveyReport,
  period: ReportPeriod,
  opts: { divisionName: string | null; suggestions: Suggestion[] },
): Promise<Uint8Array> {
  await loadCharts();
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, params?: Record<string, string | number>) => t(`surveys.report.${key}`, params);
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  const D: DigitStyle = 'thai';
  const n = (x: number) => formatNumber(x, { digits: D });
  const label = periodLabel(t, r.query, period);
  const scope = opts.divisionName ?? k('allDivisions');

  // 1. per item, with group rows and the overall.
  const rows: (string | Cell)[][] = [];
  r.groups.forEach((g, gi) => {
    rows.push([{ text: `${gi + 1}. ${g.title}`, strong: true, shade: 0.08 }, ...summaryCells(g.summary, t, D, true)]);
    g.items.forEach((it, ii) => {
      rows.push([{ text: `${gi + 1}.${ii + 1} ${it.text}`, indent: 1 }, ...summaryCells(it.summary, t, D)]);
    });
  });
  rows.push([{ text: k('overallRow'), strong: true, shade: 0.2 }, ...summaryCells(r.overall, t, D, true)]);
  const mark = (row: (string | Cell)[]) => row.map((c) => (typeof c === 'string' ? th(c) : { ...c, text: th(c.text) }));
  const itemTable = {
    widths: [5.2, 0.8, 0.8, 0.9, 1.1],
    aligns: ['left', 'right', 'right', 'right', 'center'],
    header: [k('item'), k('meanShort'), k('sd'), k('percent'), k('level')].map(th),
    rows: rows.map(mark),
  };

  const format = (x: number) => toThaiDigits(Number.isInteger(x) ? String(x) : fmt2(x));
  const charts = [];
  if (r.n > 0) {
    charts.push({
      file: 'chart-groups.svg',
      width: 15,
      caption: th(k('byGroupChart')),
      svg: groupBarChart(
        r.groups.map((g) => ({ title: g.title, mean: g.summary.mean })),
        { width: 600, height: 40 + 44 * r.groups.length, fontFamily: FONT_FAMILY, fontSize: 15, format },
      ),
    });
  }
  charts.push({
    file: 'chart-trend.svg',
    width: 15,
    caption: th(k('trendChart')),
    svg: trendChart(
      r.trend.map((m) => ({ label: monthShort(m.month, 'th', D), mean: m.overall.mean })),
      { width: 600, height: 240, fontFamily: FONT_FAMILY, fontSize: 15, format },
    ),
  });

  const sections: Record<string, unknown>[] = [
    { title: th(k('pdf.byItem', { n: n(r.n) })), note: th(k('byItemNote')), table: itemTable },
    { title: th(k('pdf.chart')), charts: charts.map(({ svg: _svg, ...c }) => c) },
  ];
  if (!opts.divisionName) {
    sections.push({
      title: th(k('pdf.byDivision')),
      table: {
        widths: [4, 1, 1, 1, 1.2],
        aligns: ['left', 'right', 'right', 'right', 'center'],
        header: [k('fields.division'), k('n'), k('meanShort'), k('percent'), k('level')].map(th),
        rows: r.byDivision.map((d) =>
          mark([d.name, n(d.n), fmt2(d.overall.mean, D), fmtPercent(d.overall.percent, D), levelText(t, d.overall.band)]),
        ),
      },
    });
  }
  // The same suggestion with the same answer is listed once, with how many people wrote it.
  const grouped = new Map<string, { s: Suggestion; count: number }>();
  for (const s of opts.suggestions) {
    const key = [s.text.trim(), s.executiveResponse ?? '', s.actionTaken ?? '', opts.divisionName ? '' : (s.divisionName ?? '')].join(
      '\u0000',
    );
    const g = grouped.get(key);
    if (g) g.count++;
    else grouped.set(key, { s, count: 1 });
  }
  sections.push({
    title: th(k('pdf.suggestions')),
    digits: Array.from(toThaiDigits('0123456789')),
    items: [...grouped.values()].map(({ s, count }) => ({
      text: th(
        `${s.text}${opts.divisionName || !s.divisionName ? '' : ` (${s.divisionName})`}${count > 1 ? ` ${k('pdf.times', { n: n(count) })}` : ''}`,
      ),
      lines: [
        th(k('pdf.responseLine', { text: s.executiveResponse ?? k('pdf.noResponse') })),
        ...(s.actionTaken ? [th(k('pdf.actionLine', { text: s.actionTaken }))] : []),
      ],
    })),
    empty: opts.suggestions.length ? null : th(k('pdf.noSuggestions')),
  });
  const low = lowestItems(r);
  const lowText = low.map((i) => k('pdf.lowItem', { text: i.text, mean: fmt2(i.summary.mean) }));
  const problems = [
    ...(low.length
      ? [
          k('pdf.lowItems', {
            items: lowText.length > 1 ? `${lowText.slice(0, -1).join(' ')} ${k('pdf.and')} ${lowText.at(-1)}` : (lowText[0] ?? ''),
          }),
        ]
      : []),
    ...new Set(opts.suggestions.filter((s) => s.tag === 'problem').map((s) => k('pdf.problemFrom', { text: s.text.trim() }))),
  ];
  sections.push({
    title: th(k('pdf.problems')),
    digits: Array.from(toThaiDigits('0123456789')),
    items: problems.map((p) => ({ text: th(p), lines: [] })),
    empty: problems.length ? null : th(k('pdf.noProblems')),
  });
  sections.forEach((s, i) => {
    s.title = `${toThaiDigits(String(i + 1))}. ${s.title}`;
  });

  const fy = fiscalYearOf(dateOf(r.query.from));
  const intro =
    r.n > 0
      ? k('pdf.intro', {
          org: org.names.full,
          scope,
          period: label,
          n: n(r.n),
          mean: fmt2(r.overall.mean, D),
          sd: fmt2(r.overall.sd, D),
          percent: fmtPercent(r.overall.percent, D),
          level: levelText(t, r.overall.band),
        })
      : k('pdf.introNone', { org: org.names.full, scope, period: label });
  const blank = { kind: 'blank' };
  const data = {
    title: `${k('pdf.title')} ${scope} ${label}`,
    digits: Array.from(toThaiDigits('0123456789')),
    garuda: garuda ? `garuda.${garuda.type}` : null,
    heading: [
      k('pdf.title'),
      `${opts.divisionName ? `${opts.divisionName} ` : ''}${org.names.full}`,
      label,
      k('pdf.fiscalYear', { year: fy }),
    ].map(th),
    intro: th(intro),
    sections,
    closing: th(k('pdf.closing')),
    reporter: { name: th(k('pdf.blankName')), positions: [th(k('pdf.reporter')), th(k('pdf.reporterPosition'))], mark: blank },
    comment: {
      heading: th(k('pdf.executiveComment')),
      lines: 3,
      signer: { name: th(k('pdf.blankName')), positions: [th(org.names.mayor)], mark: blank },
    },
    footer: th(k('pdf.footer', { org: org.names.full, at: formatThaiDateTime(ctx.app.now()) })),
  };
  const files: Record<string, Uint8Array> = { [SURVEY_DATA_FILE]: new TextEncoder().encode(JSON.stringify(data)) };
  for (const c of charts) files[c.file] = new TextEncoder().encode(c.svg);
  if (garuda) files[`garuda.${garuda.type}`] = garuda.bytes;
  return renderPdf(surveyReportSource(), files);
}

/** The workbook: one sheet per table, numbers as numbers, in the reader's language. */
export async function renderSurveyXlsx(
  ctx: ServiceContext,
  r: SurveyReport,
  period: ReportPeriod,
  opts: { divisionName: string | null; suggestions: Suggestion[]; demographicLabel?: (key: string, option?: string) => string },
  t: Translate,
  locale: Locale,
): Promise<Buffer> {
  const org = await getOrganization(ctx);
  const k = (key: string, params?: Record<string, string | number>) => t(`surveys.report.${key}`, params);
  const title = [k('pdf.title'), `${opts.divisionName ?? k('allDivisions')} ${org.names.full}`, periodLabel(t, r.query, period, locale)];
  const r4 = (x: number | null) => (x == null ? null : roundHalfUp(x, 4));
  const stat = [
    { header: k('n'), numFmt: '#,##0' },
    { header: k('mean'), numFmt: '0.00' },
    { header: k('sd'), numFmt: '0.00' },
    { header: k('percent'), numFmt: '0.00' },
    { header: k('level'), width: 14 },
  ];
  const cells = (s: Summary) => [s.n, r4(s.mean), r4(s.sd), r4(s.percent), levelText(t, s.band)];
  const label = opts.demographicLabel ?? ((key: string, option?: string) => option ?? key);
  const sheets: XlsxSheet[] = [
    {
      name: k('xlsx.summary'),
      title,
      columns: [{ header: k('xlsx.group'), width: 40 }, { header: k('respondents'), numFmt: '#,##0' }, ...stat.slice(1)],
      rows: [
        ...r.groups.map((g) => [g.title, null, ...cells(g.summary).slice(1)]),
        [k('overallRow'), r.n, ...cells(r.overall).slice(1)],
        ...r.byChannel.map((c) => [`${k('byChannel')}: ${t(`surveys.channel.${c.channel}`)}`, c.n, null, null, null, null]),
      ],
    },
    {
      name: k('xlsx.items'),
      title,
      columns: [
        { header: k('xlsx.group'), width: 28 },
        { header: k('xlsx.key'), width: 12 },
        { header: k('xlsx.question'), width: 50 },
        ...stat,
      ],
      rows: r.groups.flatMap((g) => g.items.map((i) => [g.title, i.key, i.text, ...cells(i.summary)])),
    },
    {
      name: k('xlsx.divisions'),
      title,
      columns: [{ header: k('fields.division'), width: 36 }, ...stat],
      rows: r.byDivision.map((d) => [d.name, d.n, ...cells(d.overall).slice(1)]),
    },
    {
      name: k('xlsx.services'),
      title,
      columns: [{ header: k('fields.service'), width: 36 }, ...stat],
      rows: r.byService.map((s) => [s.name, s.n, ...cells(s.overall).slice(1)]),
    },
    {
      name: k('xlsx.trend'),
      title,
      columns: [{ header: k('month'), width: 12 }, { header: k('respondents'), numFmt: '#,##0' }, ...stat.slice(1)],
      rows: r.trend.map((m) => [m.month, m.n, ...cells(m.overall).slice(1)]),
    },
    {
      name: k('xlsx.demographics'),
      title: [...title, k('demographicsNote')],
      columns: [
        { header: k('xlsx.question'), width: 24 },
        { header: k('option'), width: 36 },
        { header: k('n'), numFmt: '#,##0' },
      ],
      rows: r.demographics.flatMap((d) => d.counts.map((c) => [label(d.key), label(d.key, c.option), c.n])),
    },
    {
      name: k('xlsx.suggestions'),
      title,
      columns: [
        { header: k('xlsx.date'), width: 12 },
        { header: k('fields.division'), width: 24 },
        { header: k('fields.tag'), width: 14 },
        { header: k('suggestionsTitle'), width: 60 },
        { header: k('fields.executiveResponse'), width: 50 },
        { header: k('fields.actionTaken'), width: 50 },
      ],
      rows: opts.suggestions.map((s) => [
        s.submittedAt.toISOString().slice(0, 10),
        s.divisionName ?? '',
        s.tag ? t(`surveys.tag.${s.tag}`) : '',
        s.text,
        s.executiveResponse ?? '',
        s.actionTaken ?? '',
      ]),
    },
  ];
  return renderXlsx(sheets, { title: title.join(' '), creator: org.names.full, created: ctx.app.now() });
}

/** File names: survey-report-2024-01.pdf, survey-report-2024-01-d3.xlsx, survey-report-fy2567-q2.pdf. */
export function reportFileName(
  q: { from: string; to: string; divisionId?: number | null },
  period: ReportPeriod,
  ext: 'pdf' | 'xlsx',
): string {
  const stem =
    period.kind === 'month'
      ? `${period.year}-${pad(period.month)}`
      : period.kind === 'quarter'
        ? `fy${period.fy}-q${period.quarter}`
        : period.kind === 'year'
          ? `fy${period.fy}`
          : `${q.from}_${q.to}`;
  return `survey-report-${stem}${q.divisionId != null ? `-d${q.divisionId}` : ''}.${ext}`;
}
