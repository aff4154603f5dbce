/**
 * Typst source of what the A4 reports of the modules share (the queue's service statistics, the
 * front desk report, the facilities checklist, the satisfaction report): the report page in the
 * look of official documents (the printing guide's margins, page numbers "-๒-" from page 2, a
 * small grey footer, the Garuda and the centred heading), the summary on two columns, a section
 * with its title and note, the data table whose header repeats on every page, and numbered notes.
 * It builds on the library of official.typ.ts (tw() keeps every Thai word whole; the TypeScript
 * side marks the word breaks); each module keeps its own parts and passes all text as JSON data
 * (see {@link reportTypstSource}).
 */
import { officialTypstLibrary } from './official.typ.js';

const REPORT_LIBRARY = `
#let small-size = body-size * 14 / 16

// The report page, as a template: show: report-page.with(d). d.title, d.digits, d.footer (small,
// grey, bottom right on every page), d.garuda (a file, or none: its space is kept) and d.heading
// (lines centred in bold, the first in the label size).
#let report-page(d, body) = {
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
  body
}

// The summary: (label, value) pairs in two columns, the value in bold; label-width: the first column.
#let summary-grid(rows, label-width) = block(width: 100%, {
  set text(size: body-size)
  grid(columns: (label-width, 1fr), row-gutter: lead + 4pt, column-gutter: 1em,
    ..rows.map(r => (par(tw(r.at(0))), par(text(weight: "bold", tw(r.at(1)))))).flatten())
})

// A body cell of a data table: a string, or { text, shade (0 white … 1 darkest grey background;
// white text past 0.62), strong (bold), indent (em) }.
#let data-cell(c) = {
  if type(c) == dictionary {
    let s = c.at("shade", default: 0)
    let content = text(fill: if s > 0.62 { white } else { black },
      weight: if c.at("strong", default: false) { "bold" } else { "regular" }, tw(c.text))
    let indent = c.at("indent", default: 0)
    table.cell(fill: if s > 0 { luma(int(255 - s * 150)) } else { none },
      if indent != 0 { pad(left: indent * 1em, content) } else { content })
  } else { tw(c) }
}

// A table: t.widths (relative), t.aligns ("left", "center" or "right" per column), t.header (a
// cell is a string or { text, colspan, rowspan }), t.header-rows (1 if absent), then t.rows of
// data cells; valign: of the body cells.
#let data-table(t, valign: horizon) = {
  set text(size: small-size)
  set par(first-line-indent: 0pt, justify: false)
  let header-rows = t.at("header-rows", default: 1)
  table(
    columns: t.widths.map(w => w * 1fr),
    align: (x, y) => if y < header-rows { center + horizon } else { (left: left, center: center, right: right).at(t.aligns.at(x)) + valign },
    inset: (x: 4pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => {
      if type(c) == dictionary {
        table.cell(colspan: c.at("colspan", default: 1), rowspan: c.at("rowspan", default: 1), fill: luma(235), text(weight: "bold", tw(c.text)))
      } else { table.cell(fill: luma(235), text(weight: "bold", tw(c))) }
    })),
    ..t.rows.map(r => r.map(data-cell)).flatten(),
  )
}

// The title of a section (bold, kept with what follows) and s.note under it in small type, if any.
#let section-head(s) = {
  gap(pitch + lead)
  block(sticky: true, par(text(weight: "bold", size: body-size, tw(s.title))))
  if s.at("note", default: none) != none {
    gap(lead)
    block(sticky: true, par(text(size: small-size, tw(s.note))))
  }
}

// A section of one table: its head, then s.table, or s.empty in small type when s.table is none.
#let table-section(s, valign: horizon) = {
  section-head(s)
  gap(lead)
  if s.table == none { par(text(size: small-size, tw(s.empty))) } else { data-table(s.table, valign: valign) }
}

// Numbered notes in small type under a bold title.
#let notes-list(title, notes, digits) = {
  gap(pitch + lead)
  set text(size: small-size)
  block(sticky: true, par(text(weight: "bold", tw(title))))
  for (i, n) in notes.enumerate() {
    gap(lead)
    block(breakable: false, par(hanging-indent: 1.2em, [#num(i + 1, digits). #h(0.3em) #tw(n)]))
  }
}
`;

/**
 * The whole source of a report: the official library, the shared report definitions above, the
 * module's own definitions (`own`, Typst code) and one call of its function `entry` on the JSON
 * data file.
 */
export function reportTypstSource(own: string, entry: string, dataFile: string): string {
  return `${officialTypstLibrary()}\n${REPORT_LIBRARY}\n${own}\n#${entry}(json(${JSON.stringify(dataFile)}))\n`;
}
