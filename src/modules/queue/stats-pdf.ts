import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { renderPdf } from '../../core/documents/typst.js';
import { renderXlsx, type XlsxSheet } from '../../core/documents/xlsx.js';
import { type Locale, type Translate, translator } from '../../core/i18n/i18n.js';
import { parseIsoDay } from '../../core/thai/bangkok.js';
import {
  applyDigits,
  bangkokDate,
  type DigitStyle,
  fiscalYearOf,
  formatNumber,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  toThaiDigits,
} from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { organizationGaruda } from '../reports/service.js';
import type { Dist, QueueStats } from './stats.js';
import { STATS_DATA_FILE, statsReportSource } from './stats.typ.js';

/**
 * The statistics as documents: the PDF report (Typst, Thai, official look; the one published
 * as OIT evidence, so it names no staff member) and the XLSX workbook (every table, per staff
 * member too, for the office's own use).
 */

export type StatsPeriod = { kind: 'day'; day: string } | { kind: 'month'; year: number; month: number } | { kind: 'range' };

const dateOf = (day: string) => {
  const p = parseIsoDay(day);
  if (!p) throw new RangeError(`bad day ${day}`);
  return bangkokDate(p.year, p.month, p.day);
};

/** "ประจำเดือนพฤศจิกายน พ.ศ. 2569", "ประจำวันจันทร์ที่ 2 พฤศจิกายน พ.ศ. 2569", or the range. */
export function periodLabel(t: Translate, s: Pick<QueueStats, 'from' | 'to'>, period: StatsPeriod, locale: Locale = 'th'): string {
  if (period.kind === 'month') {
    if (locale !== 'th') return t('queue.stats.period.month', { month: monthNameEn(period.year, period.month) });
    return t('queue.stats.period.month', { month: `${formatThaiMonthYear(period).replace(/ (\d+)$/, ' พ.ศ. $1')}` });
  }
  if (period.kind === 'day') {
    if (locale !== 'th') return t('queue.stats.period.day', { day: dayEn(period.day) });
    return t('queue.stats.period.day', { day: formatThaiDate(dateOf(period.day), { style: 'full' }) });
  }
  const f = (d: string) => (locale === 'th' ? formatThaiDate(dateOf(d), { era: true }) : dayEn(d));
  return t('queue.stats.period.range', { from: f(s.from), to: f(s.to) });
}

function monthNameEn(year: number, month: number) {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(
    bangkokDate(year, month, 15),
  );
}
function dayEn(day: string) {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Bangkok',
  }).format(dateOf(day));
}

/** A row label of the daily table: "จันทร์ที่ 2 พฤศจิกายน" (Thai) or "Mon 2 Nov". */
export function dayRowLabel(day: string, locale: Locale, digits: DigitStyle = 'arabic'): string {
  if (locale !== 'th') {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Asia/Bangkok' }).format(
      dateOf(day),
    );
  }
  return formatThaiDate(dateOf(day), { style: 'full', digits })
    .replace(/ พ\.ศ\. .*$/, '')
    .replace(/^วัน/, '');
}

/** Minutes with one decimal, or a dash. */
export function minutes(x: number | null, digits: DigitStyle = 'arabic'): string {
  return x == null ? '–' : formatNumber(x, { decimals: 1, digits });
}

export function percent(rate: number | null, digits: DigitStyle = 'arabic'): string {
  return rate == null ? '–' : `${formatNumber(rate * 100, { decimals: 1, digits })}%`;
}

/** Weekdays in the order an office reads them, Monday first; Saturday and Sunday (or, for one day, every other weekday) only when they have tickets. */
export function heatmapGrid(s: Pick<QueueStats, 'heatmap'>, onlyUsed = false) {
  const used = new Set(s.heatmap.map((c) => c.weekday));
  const weekdays = [1, 2, 3, 4, 5, 6, 0].filter((w) => (!onlyUsed && w >= 1 && w <= 5) || used.has(w));
  const hours = s.heatmap.map((c) => c.hour);
  const first = Math.min(8, ...hours);
  const last = Math.max(16, ...hours);
  const hourList = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(0, ...s.heatmap.map((c) => c.issued));
  const at = new Map(s.heatmap.map((c) => [`${c.weekday}:${c.hour}`, c.issued]));
  return {
    weekdays,
    hours: hourList,
    max,
    value: (weekday: number, hour: number) => at.get(`${weekday}:${hour}`) ?? 0,
  };
}

/** A day of the daily table is shown when it had tickets or is a weekday (weekends without tickets are left out). */
export function shownDays(s: Pick<QueueStats, 'byDay'>) {
  return s.byDay.filter((d) => {
    const w = new Date(`${d.day}T00:00:00Z`).getUTCDay();
    return d.issued > 0 || (w >= 1 && w <= 5);
  });
}

interface Cell {
  text: string;
  shade: number;
  strong?: boolean;
}
interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
}
interface TableData {
  widths: number[];
  aligns: ('left' | 'center' | 'right')[];
  'header-rows': number;
  header: HeaderCell[];
  rows: (string | Cell)[][];
}

const h = (text: string, colspan = 1, rowspan = 1): HeaderCell => ({ text, colspan, rowspan });

/** Builds the PDF report of the statistics (always Thai, Thai digits: an official document). */
export async function renderStatsPdf(ctx: ServiceContext, s: QueueStats, period: StatsPeriod): Promise<Uint8Array> {
  const t = translator(ctx.app.catalogs, 'th');
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  const D: DigitStyle = 'thai';
  const n = (x: number) => formatNumber(x, { digits: D });
  const m = (x: number | null) => minutes(x, D);
  const distCells = (d: Dist) => [m(d.mean), m(d.median), m(d.p90)];
  const k = (key: string, params?: Record<string, string | number>) => t(`queue.stats.${key}`, params);

  const distHeader = (first: HeaderCell[], extra: HeaderCell[] = []) => [
    ...first,
    h(k('pdf.wait'), 3),
    h(k('pdf.service'), 3),
    ...extra,
    h(k('mean')),
    h(k('median')),
    h(k('pdf.p90')),
    h(k('mean')),
    h(k('median')),
    h(k('pdf.p90')),
  ];

  const serviceTable: TableData = {
    widths: [3.6, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    aligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    'header-rows': 2,
    header: distHeader([h(k('service'), 1, 2), h(k('issued'), 1, 2), h(k('finished'), 1, 2), h(k('noShow'), 1, 2)]),
    rows: [
      ...s.byService.map((r) => [
        `${r.prefix} ${r.name}`,
        n(r.issued),
        n(r.finished),
        n(r.noShow),
        ...distCells(r.wait),
        ...distCells(r.service),
      ]),
      [
        { text: k('total'), shade: 0, strong: true },
        n(s.totals.issued),
        n(s.totals.finished),
        n(s.totals.noShow),
        ...distCells(s.totals.wait),
        ...distCells(s.totals.service),
      ],
    ],
  };

  const counterTable: TableData = {
    widths: [3.6, 1, 1, 1, 1, 1, 1, 1],
    aligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    'header-rows': 2,
    header: distHeader([h(k('counter'), 1, 2), h(k('finished'), 1, 2)]),
    rows: s.byCounter.map((c) => [
      k('counterName', { number: applyDigits(String(c.number), D), name: c.name }),
      n(c.finished),
      ...distCells(c.wait),
      ...distCells(c.service),
    ]),
  };

  const days = shownDays(s);
  const dayTable: TableData = {
    widths: [2.2, 1, 1, 1, 1.1],
    aligns: ['left', 'right', 'right', 'right', 'right'],
    'header-rows': 1,
    header: [h(k('day')), h(k('issued')), h(k('finished')), h(k('noShow')), h(k('noShowRate'))],
    rows: days.map((d) => {
      const ended = d.finished + d.noShow;
      return [dayRowLabel(d.day, 'th', D), n(d.issued), n(d.finished), n(d.noShow), percent(ended ? d.noShow / ended : null, D)];
    }),
  };

  const grid = heatmapGrid(s, period.kind === 'day');
  const heatTable: TableData = {
    widths: [1.4, ...grid.hours.map(() => 1)],
    aligns: ['left', ...grid.hours.map(() => 'center' as const)],
    'header-rows': 1,
    header: [h(k('weekdayHour')), ...grid.hours.map((x) => h(applyDigits(String(x).padStart(2, '0'), D)))],
    rows: grid.weekdays.map((w) => [
      t(`queue.admin.weekdays.${w}`),
      ...grid.hours.map((x) => {
        const v = grid.value(w, x);
        return { text: v ? n(v) : '', shade: grid.max ? v / grid.max : 0 };
      }),
    ]),
  };

  const sections = [
    { title: k('pdf.byService'), note: k('pdf.minutesNote'), table: serviceTable },
    { title: k('pdf.byCounter'), note: null, table: counterTable },
    ...(period.kind === 'day' ? [] : [{ title: k('pdf.byDay'), note: null, table: dayTable }]),
    { title: k('pdf.heatmap'), note: k('pdf.heatmapNote'), table: heatTable },
  ].map((x, i) => ({ ...x, title: `${i + 1}. ${x.title}` }));

  const fy = fiscalYearOf(dateOf(s.from));
  const channels = s.byChannel.map((c) => `${t(`queue.channel.${c.channel}`)} ${n(c.issued)}`).join(' · ') || '–';
  const data = {
    title: `${k('pdf.title')} ${periodLabel(t, s, period)}`,
    digits: Array.from(toThaiDigits('0123456789')),
    garuda: garuda ? `garuda.${garuda.type}` : null,
    heading: [k('pdf.title'), org.names.full, applyDigits(periodLabel(t, s, period), D), applyDigits(k('pdf.fiscalYear', { year: fy }), D)],
    summary: [
      [k('issued'), k('pdf.tickets', { n: n(s.totals.issued) })],
      [k('finished'), k('pdf.tickets', { n: n(s.totals.finished) })],
      [
        k('noShow'),
        k('pdf.noShowLine', {
          n: n(s.totals.noShow),
          rate: s.totals.noShowRate == null ? '–' : formatNumber(s.totals.noShowRate * 100, { decimals: 1, digits: D }),
        }),
      ],
      [k('pdf.waitLine'), k('pdf.distLine', { mean: m(s.totals.wait.mean), median: m(s.totals.wait.median), p90: m(s.totals.wait.p90) })],
      [
        k('pdf.serviceLine'),
        k('pdf.distLine', { mean: m(s.totals.service.mean), median: m(s.totals.service.median), p90: m(s.totals.service.p90) }),
      ],
      [k('byChannel'), channels],
    ],
    sections,
    'notes-title': k('pdf.notesTitle'),
    notes: [k('definitions.range'), k('definitions.wait'), k('definitions.service'), k('definitions.noShow')].map((x) => applyDigits(x, D)),
    footer: applyDigits(k('pdf.footer', { org: org.names.full, at: formatThaiDateTime(ctx.app.now()) }), D),
  };
  const { title, garuda: garudaFile, ...rest } = data;
  const marked = { title, garuda: garudaFile, ...(markAll(rest) as Record<string, unknown>) };
  const files: Record<string, Uint8Array> = { [STATS_DATA_FILE]: new TextEncoder().encode(JSON.stringify(marked)) };
  if (garuda) files[`garuda.${garuda.type}`] = garuda.bytes;
  return renderPdf(statsReportSource(), files);
}

/** Every text with Thai digits and its word breaks marked (keys and alignment words have no digits or Thai). */
function markAll(v: unknown): unknown {
  if (typeof v === 'string') return markThaiWordBreaks(applyDigits(v, 'thai'));
  if (Array.isArray(v)) return v.map(markAll);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, markAll(x)]));
  return v;
}

/** The workbook: one sheet per table, numbers as numbers, in the reader's language. */
export async function renderStatsXlsx(
  ctx: ServiceContext,
  s: QueueStats,
  period: StatsPeriod,
  t: Translate,
  locale: Locale,
): Promise<Buffer> {
  const org = await getOrganization(ctx);
  const k = (key: string, params?: Record<string, string | number>) => t(`queue.stats.${key}`, params);
  const title = [k('pdf.title'), org.names.full, periodLabel(t, s, period, locale)];
  const num = (x: number | null) => (x == null ? null : x);
  const distCols = (prefix: string) => [
    { header: `${prefix} ${k('mean')}`, numFmt: '0.0' },
    { header: `${prefix} ${k('median')}`, numFmt: '0.0' },
    { header: `${prefix} ${k('p90')}`, numFmt: '0.0' },
  ];
  const dist = (d: Dist) => [num(d.mean), num(d.median), num(d.p90)];
  const waitP = k('xlsx.waitMinutes');
  const svcP = k('xlsx.serviceMinutes');
  const grid = heatmapGrid(s, period.kind === 'day');
  const sheets: XlsxSheet[] = [
    {
      name: k('xlsx.summary'),
      title,
      columns: [
        { header: k('xlsx.item'), width: 40 },
        { header: k('xlsx.value'), width: 16 },
      ],
      rows: [
        [k('issued'), s.totals.issued],
        [k('finished'), s.totals.finished],
        [k('noShow'), s.totals.noShow],
        [k('noShowRate'), s.totals.noShowRate],
        [`${waitP} ${k('mean')}`, s.totals.wait.mean],
        [`${waitP} ${k('median')}`, s.totals.wait.median],
        [`${waitP} ${k('p90')}`, s.totals.wait.p90],
        [`${svcP} ${k('mean')}`, s.totals.service.mean],
        [`${svcP} ${k('median')}`, s.totals.service.median],
        [`${svcP} ${k('p90')}`, s.totals.service.p90],
        ...s.byChannel.map((c): [string, number] => [`${k('byChannel')}: ${t(`queue.channel.${c.channel}`)}`, c.issued]),
      ],
    },
    {
      name: k('xlsx.byService'),
      title,
      columns: [
        { header: k('xlsx.prefix'), width: 8 },
        { header: k('service'), width: 40 },
        { header: k('issued'), numFmt: '#,##0' },
        { header: k('finished'), numFmt: '#,##0' },
        { header: k('noShow'), numFmt: '#,##0' },
        ...distCols(waitP),
        ...distCols(svcP),
      ],
      rows: s.byService.map((r) => [r.prefix, r.name, r.issued, r.finished, r.noShow, ...dist(r.wait), ...dist(r.service)]),
    },
    {
      name: k('xlsx.byCounter'),
      title,
      columns: [
        { header: k('xlsx.counterNumber'), width: 10 },
        { header: k('counter'), width: 30 },
        { header: k('finished'), numFmt: '#,##0' },
        ...distCols(waitP),
        ...distCols(svcP),
      ],
      rows: s.byCounter.map((c) => [c.number, c.name, c.finished, ...dist(c.wait), ...dist(c.service)]),
    },
    {
      name: k('xlsx.byStaff'),
      title,
      columns: [{ header: k('staff'), width: 30 }, { header: k('finished'), numFmt: '#,##0' }, ...distCols(svcP)],
      rows: s.byStaff.map((x) => [x.name || k('unknownStaff'), x.finished, ...dist(x.service)]),
    },
    {
      name: k('xlsx.byDay'),
      title,
      columns: [
        { header: k('xlsx.date'), width: 12 },
        { header: k('day'), width: 24 },
        { header: k('issued'), numFmt: '#,##0' },
        { header: k('finished'), numFmt: '#,##0' },
        { header: k('noShow'), numFmt: '#,##0' },
      ],
      rows: s.byDay.map((d) => [
        d.day,
        locale === 'th' ? formatThaiDate(dateOf(d.day), { style: 'full' }) : dayEn(d.day),
        d.issued,
        d.finished,
        d.noShow,
      ]),
    },
    {
      name: k('xlsx.heatmap'),
      title: [...title, k('pdf.heatmapNote')],
      columns: [
        { header: k('weekdayHour'), width: 14 },
        ...grid.hours.map((x) => ({ header: `${String(x).padStart(2, '0')}:00`, width: 7 })),
      ],
      rows: grid.weekdays.map((w) => [t(`queue.admin.weekdays.${w}`), ...grid.hours.map((x) => grid.value(w, x))]),
    },
  ];
  return renderXlsx(sheets, { title: title.join(' '), creator: org.names.full, created: ctx.app.now() });
}

/** File names: queue-stats-2026-11.pdf, queue-stats-2026-11-02.xlsx. */
export function statsFileName(s: Pick<QueueStats, 'from' | 'to'>, period: StatsPeriod, ext: 'pdf' | 'xlsx'): string {
  const stem =
    period.kind === 'month'
      ? `${period.year}-${String(period.month).padStart(2, '0')}`
      : period.kind === 'day'
        ? period.day
        : `${s.from}_${s.to}`;
  return `queue-stats-${stem}.${ext}`;
}
