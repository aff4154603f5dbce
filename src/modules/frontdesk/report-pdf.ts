import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { renderPdf } from '../../core/documents/typst.js';
import { renderXlsx, type XlsxSheet } from '../../core/documents/xlsx.js';
import { type Locale, type Translate, translator } from '../../core/i18n/i18n.js';
import {
  applyDigits,
  bangkokDate,
  fiscalYearOf,
  formatNumber,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiTime,
  parseIsoDay,
  toThaiDigits,
} from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { dayRowLabel, periodLabel, type StatsPeriod } from '../queue/stats-pdf.js';
import { organizationGaruda } from '../reports/service.js';
import { purposeLabel } from './purposes.js';
import { type FrontdeskReport, shownReportDays } from './report.js';
import { FRONTDESK_DATA_FILE, frontdeskReportSource } from './report.typ.js';
import type { VisitRow } from './service.js';

/**
 * The front desk report as documents: the PDF (Typst, Thai, official look, Thai digits; names no
 * visitor, so it can be published as measure 2's evidence) and the XLSX workbook (every table,
 * in the reader's language).
 */

const dateOf = (day: string) => {
  const p = parseIsoDay(day);
  if (!p) throw new RangeError(`bad day ${day}`);
  return bangkokDate(p.year, p.month, p.day);
};

interface TableData {
  widths: number[];
  aligns: ('left' | 'center' | 'right')[];
  header: string[];
  rows: (string | { text: string; strong: true })[][];
}

const DOTS = '.'.repeat(48);

/** One line of an out-of-hours entry: purpose, outcome (and where), the note. */
function oohDetail(t: Translate, v: VisitRow): string {
  const outcome =
    v.outcome === 'routed' && v.divisionName ? `${t('frontdesk.outcomes.routed')} ${v.divisionName}` : t(`frontdesk.outcomes.${v.outcome}`);
  return [t(purposeLabel(v.purpose)), outcome, v.note].filter(Boolean).join(' – ');
}

/** Builds the PDF report (always Thai, Thai digits: an official document). */
export async function renderFrontdeskPdf(ctx: ServiceContext, r: FrontdeskReport, period: StatsPeriod): Promise<Uint8Array> {
  const t = translator(ctx.app.catalogs, 'th');
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  const k = (key: string, params?: Record<string, string | number>) => t(`frontdesk.report.${key}`, params);
  const n = (x: number) => formatNumber(x, { digits: 'thai' });
  const visits = r.byKind.visit;
  const share = (x: number) => (visits ? formatNumber((x / visits) * 100, { decimals: 2, digits: 'thai' }) : '–');
  const total = (cells: string[]) => cells.map((text) => ({ text, strong: true as const }));

  const countTable = (rows: { label: string; n: number }[], withTotal: boolean): TableData | null =>
    rows.length === 0
      ? null
      : {
          widths: [0.7, 4.6, 1.4, 1.2],
          aligns: ['center', 'left', 'right', 'right'],
          header: [k('pdf.no'), k('item'), k('count'), k('share')],
          rows: [
            ...rows.map((x, i) => [n(i + 1), x.label, n(x.n), share(x.n)]),
            ...(withTotal ? [total(['', k('total'), n(rows.reduce((a, x) => a + x.n, 0)), share(rows.reduce((a, x) => a + x.n, 0))])] : []),
          ],
        };

  const days = shownReportDays(r);
  const dayTable: TableData = {
    widths: [3.2, 1.8, 1.8],
    aligns: ['left', 'right', 'right'],
    header: [k('day'), k('visits'), k('outOfHours')],
    rows: [
      ...days.map((d) => [dayRowLabel(d.day, 'th', 'thai'), n(d.visits), n(d.outOfHours)]),
      total([k('total'), n(r.byKind.visit), n(r.byKind.out_of_hours)]),
    ],
  };
  const oohTable: TableData | null = r.outOfHours.length
    ? {
        widths: [0.7, 2.6, 5.2],
        aligns: ['center', 'left', 'left'],
        header: [k('pdf.no'), k('pdf.when'), k('pdf.detail')],
        rows: r.outOfHours.map((v, i) => [
          n(i + 1),
          `${formatThaiDate(v.visitedAt, { style: 'short' })} ${k('pdf.at', { time: formatThaiTime(v.visitedAt) })}`,
          oohDetail(t, v),
        ]),
      }
    : null;
  const screeningTable: TableData | null = r.screening.length
    ? {
        widths: [2.2, 1.3, 5],
        aligns: ['left', 'right', 'left'],
        header: [k('pdf.date'), k('pdf.screenedCol'), k('pdf.noteCol')],
        rows: [
          ...r.screening.map((s) => [formatThaiDate(dateOf(s.day), { style: 'short' }), n(s.screened), s.note]),
          total([k('total'), n(r.screenedTotal), '']),
        ],
      }
    : null;

  const sections = [
    {
      title: k('pdf.section.purpose'),
      note: null,
      table: countTable(
        r.byPurpose.map((x) => ({ label: t(purposeLabel(x.purpose)), n: x.n })),
        true,
      ),
    },
    {
      title: k('pdf.section.channel'),
      note: null,
      table: countTable(
        r.byChannel.map((x) => ({ label: t(`frontdesk.channels.${x.channel}`), n: x.n })),
        true,
      ),
    },
    {
      title: k('pdf.section.help'),
      note: null,
      table: countTable(
        r.byHelp.map((x) => ({ label: t(`frontdesk.help.${x.help}`), n: x.n })),
        false,
      ),
    },
    {
      title: k('pdf.section.outcome'),
      note: null,
      table: countTable(
        r.byOutcome.map((x) => ({ label: t(`frontdesk.outcomes.${x.outcome}`), n: x.n })),
        true,
      ),
    },
    {
      title: k('pdf.section.division'),
      note: null,
      table: countTable(
        r.byDivision.map((x) => ({ label: x.name, n: x.n })),
        false,
      ),
    },
    ...(period.kind === 'day' ? [] : [{ title: k('pdf.section.day'), note: null, table: dayTable }]),
    { title: k('pdf.section.ooh'), note: null, table: oohTable },
    { title: k('pdf.section.screening'), note: null, table: screeningTable },
  ].map((s, i) => ({ ...s, title: `${i + 1}. ${s.title}`, empty: k('pdf.none') }));

  const fy = fiscalYearOf(dateOf(r.from));
  const label = periodLabel(t, r, period);
  const data = {
    title: `${k('pdf.title')} ${label}`,
    digits: Array.from(toThaiDigits('0123456789')),
    garuda: garuda ? `garuda.${garuda.type}` : null,
    heading: [k('pdf.title'), org.names.full, label, k('pdf.fiscalYear', { year: fy })],
    summary: [
      [k('visits'), k('pdf.summaryVisits', { n: n(visits) })],
      [k('tickets'), k('pdf.summaryVisits', { n: n(r.ticketsIssued) })],
      [k('outOfHours'), k('pdf.summaryTimes', { n: n(r.byKind.out_of_hours) })],
      [k('screened'), k('pdf.summaryPeople', { n: n(r.screenedTotal) })],
    ],
    sections,
    'problems-title': k('pdf.problemsTitle'),
    signatures: [
      [k('pdf.signLine', { dots: DOTS, role: k('pdf.signReporter') }), `(${DOTS})`, k('pdf.signPosition', { dots: DOTS })],
      [k('pdf.signLine', { dots: DOTS, role: k('pdf.signChecker') }), `(${DOTS})`, k('pdf.signHead')],
    ],
    'notes-title': k('pdf.notesTitle'),
    notes: [k('pdf.notes.visits'), k('pdf.notes.ooh'), k('pdf.notes.personal')],
    footer: k('pdf.footer', { org: org.names.full, at: formatThaiDateTime(ctx.app.now()) }),
  };
  const { title, garuda: garudaFile, ...rest } = data;
  const marked = { title: applyDigits(title, 'thai'), garuda: garudaFile, ...(markAll(rest) as Record<string, unknown>) };
  const files: Record<string, Uint8Array> = { [FRONTDESK_DATA_FILE]: new TextEncoder().encode(JSON.stringify(marked)) };
  if (garuda) files[`garuda.${garuda.type}`] = garuda.bytes;
  return renderPdf(frontdeskReportSource(), files);
}

/** Every text with Thai digits and its word breaks marked (keys and alignment words have neither). */
function markAll(v: unknown): unknown {
  if (typeof v === 'string') return markThaiWordBreaks(applyDigits(v, 'thai'));
  if (Array.isArray(v)) return v.map(markAll);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, markAll(x)]));
  return v;
}

/** The workbook: one sheet per table, numbers as numbers, in the reader's language; no visitor names. */
export async function renderFrontdeskXlsx(
  ctx: ServiceContext,
  r: FrontdeskReport,
  period: StatsPeriod,
  t: Translate,
  locale: Locale,
): Promise<Buffer> {
  const org = await getOrganization(ctx);
  const k = (key: string, params?: Record<string, string | number>) => t(`frontdesk.report.${key}`, params);
  const title = [k('pdf.title'), org.names.full, periodLabel(t, r, period, locale)];
  const dayText = (d: Date) =>
    locale === 'th'
      ? formatThaiDate(d, { style: 'short' })
      : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(d);
  const timeText = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Bangkok' }).format(d);
  const countSheet = (name: string, rows: { label: string; n: number }[]): XlsxSheet => ({
    name,
    title,
    columns: [
      { header: k('item'), width: 36 },
      { header: k('count'), numFmt: '#,##0' },
    ],
    rows: rows.map((x) => [x.label, x.n]),
  });
  const sheets: XlsxSheet[] = [
    {
      name: k('xlsx.summary'),
      title,
      columns: [
        { header: k('item'), width: 36 },
        { header: k('xlsx.value'), numFmt: '#,##0' },
      ],
      rows: [
        [k('visits'), r.byKind.visit],
        [k('tickets'), r.ticketsIssued],
        [k('outOfHours'), r.byKind.out_of_hours],
        [k('screened'), r.screenedTotal],
      ],
    },
    countSheet(
      k('xlsx.byPurpose'),
      r.byPurpose.map((x) => ({ label: t(purposeLabel(x.purpose)), n: x.n })),
    ),
    countSheet(
      k('xlsx.byChannel'),
      r.byChannel.map((x) => ({ label: t(`frontdesk.channels.${x.channel}`), n: x.n })),
    ),
    countSheet(
      k('xlsx.byHelp'),
      r.byHelp.map((x) => ({ label: t(`frontdesk.help.${x.help}`), n: x.n })),
    ),
    countSheet(
      k('xlsx.byOutcome'),
      r.byOutcome.map((x) => ({ label: t(`frontdesk.outcomes.${x.outcome}`), n: x.n })),
    ),
    countSheet(
      k('xlsx.byDivision'),
      r.byDivision.map((x) => ({ label: x.name, n: x.n })),
    ),
    {
      name: k('xlsx.byDay'),
      title,
      columns: [
        { header: k('xlsx.date'), width: 12 },
        { header: k('day'), width: 24 },
        { header: k('visits'), numFmt: '#,##0' },
        { header: k('outOfHours'), numFmt: '#,##0' },
      ],
      rows: r.byDay.map((d) => [d.day, dayRowLabel(d.day, locale), d.visits, d.outOfHours]),
    },
    {
      name: k('xlsx.ooh'),
      title,
      columns: [
        { header: k('xlsx.date'), width: 16 },
        { header: k('xlsx.time'), width: 8 },
        { header: k('pdf.detail'), width: 60 },
      ],
      rows: r.outOfHours.map((v) => [dayText(v.visitedAt), timeText(v.visitedAt), oohDetail(t, v)]),
    },
    {
      name: k('xlsx.screening'),
      title,
      columns: [
        { header: k('xlsx.date'), width: 12 },
        { header: k('pdf.screenedCol'), numFmt: '#,##0' },
        { header: k('pdf.noteCol'), width: 60 },
      ],
      rows: r.screening.map((s) => [s.day, s.screened, s.note]),
    },
  ];
  return renderXlsx(sheets, { title: title.join(' '), creator: org.names.full, created: ctx.app.now() });
}

/** File names: frontdesk-2026-11.pdf, frontdesk-2026-11-02.xlsx. */
export function reportFileName(r: Pick<FrontdeskReport, 'from' | 'to'>, period: StatsPeriod, ext: 'pdf' | 'xlsx'): string {
  const stem =
    period.kind === 'month'
      ? `${period.year}-${String(period.month).padStart(2, '0')}`
      : period.kind === 'day'
        ? period.day
        : `${r.from}_${r.to}`;
  return `frontdesk-${stem}.${ext}`;
}
