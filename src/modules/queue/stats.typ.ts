/**
 * Typst source of the service statistics report (รายงานสถิติการให้บริการ): an A4 report in the
 * look of official documents (Garuda, Sarabun calibrated to TH Sarabun New, margins of the
 * printing guide, Thai digits, page numbers "-๒-" from page 2), with tables whose header
 * repeats on every page. It uses the shared library of official.typ.ts (tw() keeps every
 * Thai word whole; the TypeScript side marks the word breaks). All text comes as JSON data.
 */
import { officialTypstLibrary } from '../../core/documents/official.typ.js';

const REPORT = `
#let small-size = body-size * 14 / 16

// A table: header cells (with colspan / rowspan) then body rows; shade: a cell background
// in grey (0 white … 1 darkest) for the hourly load.
#let data-table(t) = {
  set text(size: small-size)
  set par(first-line-indent: 0pt, justify: false)
  table(
    columns: t.widths.map(w => w * 1fr),
    align: (x, y) => if y < t.header-rows { center + horizon } else { (left: left, center: center, right: right).at(t.aligns.at(x)) + horizon },
    inset: (x: 4pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => table.cell(colspan: c.colspan, rowspan: c.rowspan, fill: luma(235), text(weight: "bold", tw(c.text))))),
    ..t.rows.map(r => r.map(c => {
      if type(c) == dictionary {
        let s = c.shade
        table.cell(fill: if s > 0 { luma(int(255 - s * 150)) } else { none },
          text(fill: if s > 0.62 { white } else { black }, weight: if c.at("strong", default: false) { "bold" } else { "regular" }, tw(c.text)))
      } else { tw(c) }
    })).flatten(),
  )
}

#let section(s) = {
  gap(pitch + lead)
  block(sticky: true, par(text(weight: "bold", size: body-size, tw(s.title))))
  if s.note != none {
    gap(lead)
    block(sticky: true, par(text(size: small-size, tw(s.note))))
  }
  gap(lead)
  data-table(s.table)
}

#let report(d) = {
  set document(title: d.title, date: none)
  set page(paper: "a4",
    margin: (left: margin-left, right: margin-right, top: margin-top, bottom: margin-bottom),
    header-ascent: margin-top - margin-top-first,
    header: page-number-header(d.digits),
    footer: context {
      set text(..thai-text-setup, size: small-size * 0.9)
      align(right, text(fill: luma(90), tw(d.footer)))
    })
  show: base-style
  v(margin-top-first - margin-top)
  if d.garuda != none { align(center, image(d.garuda, height: 2cm)) } else { v(2cm) }
  gap(lead)
  for (i, line) in d.heading.enumerate() {
    if i > 0 { gap(lead) }
    align(center, par(text(size: if i == 0 { label-size } else { body-size }, weight: "bold", tw(line))))
  }
  gap(pitch + lead)
  // The summary: label and value on dotted lines, in two columns.
  block(width: 100%, {
    set text(size: body-size)
    grid(columns: (5.5cm, 1fr), row-gutter: lead + 4pt, column-gutter: 1em,
      ..d.summary.map(r => (par(tw(r.at(0))), par(text(weight: "bold", tw(r.at(1)))))).flatten())
  })
  for s in d.sections { section(s) }
  gap(pitch + lead)
  set text(size: small-size)
  block(sticky: true, par(text(weight: "bold", tw(d.notes-title))))
  for (i, n) in d.notes.enumerate() {
    gap(lead)
    block(breakable: false, par(hanging-indent: 1.2em, [#num(i + 1, d.digits). #h(0.3em) #tw(n)]))
  }
}
`;

const DATA_FILE = 'stats.json';
let source: string | undefined;

/** The library, the report functions and one call on the data file. */
export function statsReportSource(): string {
  source ??= `${officialTypstLibrary()}\n${REPORT}\n#report(json(${JSON.stringify(DATA_FILE)}))\n`;
  return source;
}

export const STATS_DATA_FILE = DATA_FILE;
