import type { ServiceContext } from '../../core/context.js';
import { FONT_FAMILY } from '../../core/documents/fonts.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { reportTypstSource } from '../../core/documents/report.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { type Locale, type Translate, translator } from '../../core/i18n/i18n.js';
import {
  applyDigits,
  bangkokDate,
  type DigitStyle,
  formatNumber,
  formatThaiDate,
  formatThaiDateTime,
  thaiMonthName,
  toBuddhistYear,
  toThaiDigits,
} from '../../core/thai/index.js';
import { BAR, GRID, loadCharts, renderChart, TEXT } from '../../core/ui/charts.js';
import { getOrganization } from '../organization/service.js';
import { organizationGaruda } from '../reports/service.js';
import { type ComplaintStats, checkStats, fiscalMonthKeys, type StatsCounts } from './stats.js';

/**
 * รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. … as a PDF (Typst, A4, the
 * shared report page: Garuda, centred heading, Thai digits, page numbers from page 2): the intro
 * with the totals, the table per month with the quarter rows and the year's total (a month with
 * none says "ไม่มีเรื่องร้องเรียน"), by category, by channel, the chart, the notes (how statuses are
 * counted), and the preparer's signature. Figures are checked (checkStats) before anything is drawn.
 */

/** 'ต.ค. 66' (Thai) or 'Oct 23' of a 'YYYY-MM'. */
export function monthShort(month: string, locale: Locale, digits: DigitStyle = 'arabic'): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale !== 'th') {
    return new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-GB', {
      month: 'short',
      year: '2-digit',
      timeZone: 'Asia/Bangkok',
    }).format(bangkokDate(y, m, 15));
  }
  return applyDigits(`${thaiMonthName(m, 'short')} ${String(toBuddhistYear(y)).slice(2)}`, digits);
}

/** 'ตุลาคม 2566' (Thai) or 'October 2023' of a 'YYYY-MM'. */
export function monthLong(month: string, locale: Locale, digits: DigitStyle = 'arabic'): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale !== 'th') {
    return new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Bangkok',
    }).format(bangkokDate(y, m, 15));
  }
  return applyDigits(`${thaiMonthName(m)} ${toBuddhistYear(y)}`, digits);
}

/** A lighter bar for what is in progress (3:1 against white), the darker one for what is finished. */
const PROGRESS_BAR = '#b8500b';

/**
 * The months as stacked bars (finished below, in progress above), SVG drawn on the server; the
 * page and the PDF show the same numbers in a table beside it. loadCharts() first.
 */
export function monthsChart(
  s: ComplaintStats,
  o: {
    t: Translate;
    locale: Locale;
    digits: DigitStyle;
    width: number;
    height: number;
    fontFamily: string;
    fontSize?: number;
    label?: string;
  },
): string {
  const fs = o.fontSize ?? 13;
  const fmt = (x: number) => formatNumber(Math.round(x), { digits: o.digits });
  const months = s.months;
  return renderChart(
    {
      color: [BAR, PROGRESS_BAR],
      legend: {
        top: 0,
        left: 'center',
        itemGap: 18,
        textStyle: { color: TEXT, fontSize: fs },
        data: [o.t('complaints.stats.finished'), o.t('complaints.stats.inProgress')],
      },
      grid: { left: 8, right: 16, top: 28 + fs * 2, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months.map((m) => monthShort(m.month, o.locale, o.digits)),
        axisLabel: { color: TEXT, fontSize: fs, interval: 0, rotate: months.length > 6 ? 45 : 0 },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { formatter: (v: number) => fmt(v), color: TEXT, fontSize: fs },
        splitLine: { lineStyle: { color: GRID } },
      },
      series: [
        {
          name: o.t('complaints.stats.finished'),
          type: 'bar',
          stack: 'all',
          data: months.map((m) => (m.future ? null : m.finished)),
          barMaxWidth: 30,
          itemStyle: { color: BAR },
        },
        {
          name: o.t('complaints.stats.inProgress'),
          type: 'bar',
          stack: 'all',
          data: months.map((m) => (m.future ? null : m.inProgress)),
          barMaxWidth: 30,
          itemStyle: { color: PROGRESS_BAR },
          label: {
            show: true,
            position: 'top',
            color: TEXT,
            fontSize: fs,
            formatter: (p: { dataIndex: number }) => {
              const m = months[p.dataIndex];
              return m && !m.future && m.received > 0 ? fmt(m.received) : '';
            },
          },
        },
      ],
    },
    { width: o.width, height: o.height, fontFamily: o.fontFamily, fontSize: fs, format: fmt, label: o.label },
  );
}

/** The title line of the period: "ประจำปีงบประมาณ พ.ศ. 2567", "ไตรมาสที่ 2 …", "ประจำเดือนมกราคม 2567". */
export function periodTitle(t: Translate, s: ComplaintStats): string {
  const p = s.period;
  if (p.kind === 'quarter') return t('complaints.stats.pdfQuarter', { n: p.quarter, year: s.fiscalYear });
  if (p.kind === 'month') return t('complaints.stats.pdfMonth', { month: monthLong(p.month, 'th') });
  return t('complaints.stats.pdfYear', { year: s.fiscalYear });
}

const STATS_TYPST = `
// A table whose cells may span columns: t.widths, t.aligns, t.header (strings), t.rows of cells
// (a string, or { text, colspan, strong, shade }).
#let stats-table(t) = {
  set text(size: small-size)
  set par(first-line-indent: 0pt, justify: false)
  table(
    columns: t.widths.map(w => w * 1fr),
    align: (x, y) => if y == 0 { center + horizon } else { (left: left, center: center, right: right).at(t.aligns.at(x)) + horizon },
    inset: (x: 5pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => table.cell(fill: luma(235), text(weight: "bold", tw(c))))),
    ..t.rows.map(r => r.map(c => {
      if type(c) == dictionary {
        table.cell(colspan: c.at("colspan", default: 1),
          align: if c.at("colspan", default: 1) > 1 { center + horizon } else { auto },
          fill: if c.at("shade", default: false) { luma(240) } else { none },
          text(weight: if c.at("strong", default: false) { "bold" } else { "regular" }, tw(c.text)))
      } else { tw(c) }
    })).flatten(),
  )
}

#let stats(d) = {
  show: report-page.with(d)
  body-pars(((text: d.intro, indent: true, justify: false),), first-gap: pitch + lead)
  for s in d.sections {
    section-head(s)
    gap(lead)
    if s.at("table", default: none) != none { stats-table(s.table) }
    if s.at("chart", default: none) != none {
      block(breakable: false, width: 100%, align(center, image(s.chart, width: 15.5cm)))
    }
  }
  // The notes and the preparer's signature stay together: a signature never stands alone on a page.
  block(breakable: false, width: 100%, {
    notes-list(d.notesTitle, d.notes, d.digits)
    signature(d.signer)
  })
}
`;

const DATA_FILE = 'complaint-stats.json';
const CHART_FILE = 'complaint-stats-chart.svg';
let source: string | undefined;

function statsSource(): string {
  source ??= reportTypstSource(STATS_TYPST, 'stats', DATA_FILE);
  return source;
}

/** Thai digits and marked word breaks: every text of the document. */
const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));

type Cell = string | { text: string; colspan?: number; strong?: boolean; shade?: boolean };

/** The document's data (exported for tests: the text the PDF shows). */
export async function statsDocumentData(ctx: ServiceContext, s: ComplaintStats) {
  checkStats(s);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, p?: Record<string, string | number>) => t(`complaints.stats.${key}`, p);
  const org = await getOrganization(ctx);
  const n = (x: number) => formatNumber(x, { digits: 'thai' });
  const counts = (c: StatsCounts, strong = false, shade = false): Cell[] =>
    [c.received, c.inProgress, c.finished].map((x) => (strong || shade ? { text: n(x), strong, shade } : n(x)));
  const noneRow = (label: string): Cell[] => [label, { text: k('none'), colspan: 3 }];
  const header = (first: string) => [first, k('received'), k('inProgress'), k('finished')];
  const widths = [3.2, 1, 1.3, 1.3];
  const aligns = ['left', 'right', 'right', 'right'];

  // 1. per month, with each quarter's row after its months and the total at the end.
  const all = fiscalMonthKeys(s.fiscalYear);
  const monthRows: Cell[][] = [];
  for (const q of s.quarters) {
    for (const m of s.months.filter((x) => Math.floor(all.indexOf(x.month) / 3) + 1 === q.quarter)) {
      const label = monthLong(m.month, 'th');
      if (m.future) monthRows.push([label, { text: k('notYet'), colspan: 3 }]);
      else monthRows.push(m.received === 0 ? noneRow(label) : [label, ...counts(m)]);
    }
    if (s.period.kind === 'month') continue;
    const qLabel: Cell = { text: k('quarterN', { n: q.quarter }), strong: true, shade: true };
    monthRows.push(
      q.received === 0 ? [qLabel, { text: k('none'), colspan: 3, strong: true, shade: true }] : [qLabel, ...counts(q, true, true)],
    );
  }
  monthRows.push(
    s.total.received === 0
      ? [
          { text: k('pdfTotal'), strong: true, shade: true },
          { text: k('none'), colspan: 3, strong: true, shade: true },
        ]
      : [{ text: k('pdfTotal'), strong: true, shade: true }, ...counts(s.total, true, true)],
  );
  const totalRow = (): Cell[] => [{ text: k('pdfTotal'), strong: true, shade: true }, ...counts(s.total, true, true)];
  const mark = (rows: Cell[][]) => rows.map((r) => r.map((c) => (typeof c === 'string' ? th(c) : { ...c, text: th(c.text) })));
  const sections: Record<string, unknown>[] = [
    { title: k('byMonth'), table: { widths, aligns, header: header(k('month')).map(th), rows: mark(monthRows) } },
  ];
  const files: Record<string, Uint8Array> = {};
  if (s.total.received > 0) {
    sections.push({
      title: k('byCategory'),
      table: {
        widths,
        aligns,
        header: header(k('category')).map(th),
        rows: mark([
          ...s.byCategory.filter((c) => c.received > 0).map((c) => [t(`complaints.categories.${c.category}`), ...counts(c)]),
          totalRow(),
        ]),
      },
    });
    sections.push({
      title: k('byChannel'),
      table: {
        widths,
        aligns,
        header: header(k('channel')).map(th),
        rows: mark([
          ...s.byChannel.filter((c) => c.received > 0).map((c) => [t(`complaints.channels.${c.channel}`), ...counts(c)]),
          totalRow(),
        ]),
      },
    });
    if (s.months.length > 1) {
      await loadCharts();
      files[CHART_FILE] = new TextEncoder().encode(
        monthsChart(s, { t, locale: 'th', digits: 'thai', width: 620, height: 300, fontFamily: FONT_FAMILY, fontSize: 14 }),
      );
      sections.push({ title: k('pdfChart'), chart: CHART_FILE });
    }
  }
  sections.forEach((x, i) => {
    x.title = th(`${i + 1}. ${x.title as string}`);
  });
  const period = periodTitle(t, s);
  const title = `${k('pdfTitle')} ${period}`;
  const introParams = {
    org: org.names.full,
    period,
    received: n(s.total.received),
    inProgress: n(s.total.inProgress),
    finished: n(s.total.finished),
  };
  return {
    data: {
      title: applyDigits(title, 'thai'),
      digits: Array.from(toThaiDigits('0123456789')),
      heading: [k('pdfTitle'), period, org.names.full, k('pdfAsOf', { date: formatThaiDate(s.asOf) })].map(th),
      intro: th(k(s.total.received ? 'pdfIntro' : 'pdfIntroNone', introParams)),
      sections,
      notesTitle: th(k('pdfNotes')),
      notes: [k('pdfNoteBuckets'), k('pdfNoteChannels'), k('pdfNotePrivacy')].map(th),
      signer: {
        name: '.......................................................',
        positions: [th(k('pdfSigner')), th(k('pdfSignerPosition'))],
        mark: { kind: 'blank' },
      },
      footer: th(k('pdfFooter', { org: org.names.full, at: formatThaiDateTime(s.asOf) })),
      garuda: null as string | null,
    },
    files,
  };
}

/** The statistics PDF (always Thai, Thai digits). */
export async function renderStatsPdf(ctx: ServiceContext, s: ComplaintStats): Promise<Uint8Array> {
  const { data, files } = await statsDocumentData(ctx, s);
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  if (garuda) {
    data.garuda = `garuda.${garuda.type}`;
    files[data.garuda] = garuda.bytes;
  }
  files[DATA_FILE] = new TextEncoder().encode(JSON.stringify(data));
  return renderPdf(statsSource(), files);
}

/** 'complaint-statistics-2567.pdf', '…-2567-q2.xlsx', '…-2567-2024-01.pdf'. */
export function statsFileName(s: ComplaintStats, ext: 'pdf' | 'xlsx'): string {
  const p = s.period;
  const suffix = p.kind === 'quarter' ? `-q${p.quarter}` : p.kind === 'month' ? `-${p.month}` : '';
  return `complaint-statistics-${s.fiscalYear}${suffix}.${ext}`;
}
