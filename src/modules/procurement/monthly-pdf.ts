import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { reportTypstSource } from '../../core/documents/report.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { type Translate, translator } from '../../core/i18n/i18n.js';
import {
  applyDigits,
  bangkokDateParts,
  formatSatang,
  formatThaiDate,
  parseIsoDay,
  thaiMonthName,
  toBuddhistYear,
  toThaiDigits,
} from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { checkTotals, type MonthlySummary } from './monthly.js';

/**
 * The สขร.๑ as a PDF (Typst): A4 landscape, "แบบ สขร.๑" at the top right, the centred title
 * "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน <เดือน> <พ.ศ.>", the organization, the date, then the
 * nine columns whose header repeats on every page, a totals row — or, for a month with none, the
 * row "ไม่มีการจัดซื้อจัดจ้าง". Thai digits, amounts with two decimals, every Thai word kept whole
 * (the U+200B marks of markThaiWordBreaks and tw()). The same landscape page and table serve the
 * quarterly attachment and the annual report (PROCUREMENT_TYPST).
 */

/** Typst shared by the procurement documents (after the official and report libraries). */
export const PROCUREMENT_TYPST = `
#let tiny-size = body-size * 13 / 16

// A4 landscape: the form's label top right, small grey footer with the page "หน้า ๑/๓".
#let landscape-page(d, body) = {
  set document(title: d.title, date: none)
  set page(paper: "a4", flipped: true,
    margin: (left: 1.5cm, right: 1.5cm, top: 1.5cm, bottom: 1.6cm),
    footer: context {
      set text(..thai-text-setup, size: tiny-size)
      grid(columns: (1fr, auto),
        text(fill: luma(90), tw(d.footer)),
        text(fill: luma(90), [#tw(d.pageWord) #num(counter(page).get().first(), d.digits)/#num(counter(page).final().first(), d.digits)]))
    })
  show: base-style
  body
}

// The head: d.form (top right, may be none), d.heading (centred lines, the first one larger).
#let doc-head(d) = {
  if d.at("form", default: none) != none { align(right, par(text(weight: "bold", tw(d.form)))) }
  for (i, line) in d.heading.enumerate() {
    if i > 0 { gap(lead) } else { gap(lead * 0.5) }
    align(center, par(text(size: if i == 0 { label-size } else { body-size }, weight: if i == 0 { "bold" } else { "regular" }, tw(line))))
  }
}

// A cell: an array of lines, or { lines, colspan, strong, shade, align }.
#let cell-of(c, col-align) = {
  let lines = if type(c) == dictionary { c.lines } else { c }
  let strong = type(c) == dictionary and c.at("strong", default: false)
  let body = {
    set par(first-line-indent: 0pt, justify: false, spacing: leading-em + 1pt)
    for l in lines { par(text(weight: if strong { "bold" } else { "regular" }, tw(l))) }
  }
  if type(c) == dictionary {
    let a = c.at("align", default: none)
    table.cell(colspan: c.at("colspan", default: 1),
      fill: if c.at("shade", default: false) { luma(240) } else { none },
      align: if a != none { (left: left, center: center, right: right).at(a) + top } else { auto },
      body)
  } else { body }
}

// t.columns: { header (lines), width, align }; t.rows: arrays of cells; the header repeats on every page.
#let doc-table(t) = {
  set text(size: t.at("size", default: small-size))
  table(
    columns: t.columns.map(c => c.width * 1fr),
    align: (x, y) => if y == 0 { center + horizon } else { (left: left, center: center, right: right).at(t.columns.at(x).align) + top },
    inset: (x: 4pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.columns.map(c => table.cell(fill: luma(235), {
      set par(first-line-indent: 0pt, justify: false, spacing: leading-em + 1pt)
      for l in c.header { par(text(weight: "bold", tw(l))) }
    }))),
    ..t.rows.map(r => r.enumerate().map(((x, c)) => cell-of(c, t.columns.at(x).align))).flatten(),
  )
}

// Two signature blocks side by side (ผู้จัดทำ / ผู้ตรวจสอบ): lines under a dotted name line.
#let two-signatures(ss) = {
  gap(pitch * 2 + lead)
  block(breakable: false, grid(columns: (1fr, 1fr), ..ss.map(s => align(center, {
    set par(first-line-indent: 0pt, justify: false)
    par[#tw(s.sign)]
    gap(lead)
    par[(#tw(s.name))]
    for p in s.lines { gap(lead); par(tw(p)) }
  }))))
}
`;

const SKR = `
#let skr(d) = {
  show: landscape-page.with(d)
  doc-head(d)
  gap(pitch + lead)
  doc-table(d.table)
}
`;

const DATA_FILE = 'skr1.json';
let source: string | undefined;

export function monthlyTypstSource(): string {
  source ??= reportTypstSource(`${PROCUREMENT_TYPST}\n${SKR}`, 'skr', DATA_FILE);
  return source;
}

/** Thai digits and marked word breaks: every text of an official procurement document. */
export const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));

/** Amount with two decimals in Thai digits. */
export const baht = (satang: number) => formatSatang(satang, { digits: 'thai' });

/** '2023-10-05' → '๕ ต.ค. ๒๕๖๖' (short month, full B.E. year, Thai digits). */
export function docDay(iso: string | null): string {
  const p = parseIsoDay(iso);
  if (!p) return '';
  return toThaiDigits(`${p.day} ${thaiMonthName(p.month, 'short')} ${toBuddhistYear(p.year)}`);
}

/** "วันที่ ๕ เดือน พฤศจิกายน พ.ศ. ๒๕๖๖" of an instant. */
export function documentDate(t: Translate, d: Date): string {
  const p = bangkokDateParts(d);
  return t('procurement.report.documentDate', { day: p.day, month: thaiMonthName(p.month), year: toBuddhistYear(p.year) });
}

/** "ตุลาคม ๒๕๖๖" of a 'YYYY-MM'. */
export function monthTitle(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${thaiMonthName(m)} ${toBuddhistYear(y)}`;
}

export const THAI_DIGITS = Array.from(toThaiDigits('0123456789'));

export interface DocumentOptions {
  /** When the document is produced (its date line); the clock otherwise. */
  at?: Date;
}

/** The data of the สขร.๑ document (exported for tests: the text the PDF shows). */
export async function monthlyDocumentData(ctx: ServiceContext, s: MonthlySummary, opts: DocumentOptions = {}) {
  checkTotals(s);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.monthly.${key}`, params);
  const org = await getOrganization(ctx);
  const at = opts.at ?? ctx.app.now();
  const columns = [
    { header: [k('col.no')], width: 0.62, align: 'center' },
    { header: [k('col.title')], width: 2.5, align: 'left' },
    { header: [k('col.budget')], width: 1.8, align: 'right' },
    { header: [k('col.reference')], width: 1.8, align: 'right' },
    { header: [k('col.method')], width: 1.4, align: 'center' },
    { header: [k('col.bids')], width: 2.9, align: 'left' },
    { header: [k('col.winner')], width: 2.55, align: 'left' },
    { header: [k('col.reason')], width: 1.75, align: 'left' },
    { header: [k('col.contract')], width: 1.75, align: 'left' },
  ].map((c) => ({ ...c, header: c.header.map(th) }));
  const priced = (name: string, satang: number) => [name, k('price', { amount: baht(satang) })];
  const rows: unknown[][] = s.rows.map((r, i) => [
    [String(i + 1)],
    [r.title],
    [baht(r.budgetSatang)],
    [r.referencePriceSatang == null ? '-' : baht(r.referencePriceSatang)],
    [t(`procurement.methods.${r.method}`)],
    r.bids.length > 1
      ? r.bids.flatMap((b, j) => [`${j + 1}. ${b.name}`, k('price', { amount: baht(b.priceSatang) })])
      : r.bids.flatMap((b) => priced(b.name, b.priceSatang)),
    priced(r.winnerName, r.agreedPriceSatang),
    [r.reason ?? '-'],
    [...(r.contractNo ? [k('contractNo', { no: r.contractNo })] : []), k('contractDate', { date: docDay(r.contractDate) })],
  ]);
  if (s.rows.length === 0) {
    rows.push([{ lines: [k('none')], colspan: 9, align: 'center', strong: true }]);
  } else {
    rows.push([
      { lines: [k('total', { count: s.totals.count })], colspan: 2, strong: true, shade: true, align: 'center' },
      { lines: [baht(s.totals.budgetSatang)], strong: true, shade: true },
      { lines: [baht(s.totals.referenceSatang)], strong: true, shade: true },
      { lines: [], shade: true },
      { lines: [], shade: true },
      { lines: [k('agreedTotal', { amount: baht(s.totals.agreedSatang) })], strong: true, shade: true },
      { lines: [], shade: true },
      { lines: [], shade: true },
    ]);
  }
  const markCell = (c: unknown): unknown =>
    Array.isArray(c) ? c.map((l) => th(String(l))) : { ...(c as object), lines: (c as { lines: string[] }).lines.map(th) };
  const title = k('title', { month: monthTitle(s.month) });
  return {
    title: applyDigits(title, 'thai'),
    form: th(k('form')),
    heading: [title, org.names.full, documentDate(t, at)].map(th),
    digits: THAI_DIGITS,
    pageWord: th(t('procurement.report.page')),
    footer: th(t('procurement.report.footer', { org: org.names.full, date: formatThaiDate(at, { digits: 'thai' }) })),
    table: { columns, rows: rows.map((r) => r.map(markCell)) },
  };
}

/** The สขร.๑ PDF of a month (totals checked first). */
export async function renderMonthlyPdf(ctx: ServiceContext, s: MonthlySummary, opts: DocumentOptions = {}): Promise<Uint8Array> {
  const data = await monthlyDocumentData(ctx, s, opts);
  return renderPdf(monthlyTypstSource(), { [DATA_FILE]: new TextEncoder().encode(JSON.stringify(data)) });
}

/** 'skr1-2566-10.pdf': the file name (B.E. year and month). */
export function monthlyFileName(month: string, ext: 'pdf' | 'xlsx'): string {
  const p = parseIsoDay(`${month}-01`);
  if (!p) throw new RangeError(month);
  return `skr1-${toBuddhistYear(p.year)}-${month.slice(5, 7)}.${ext}`;
}
