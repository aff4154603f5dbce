/**
 * Typst source of the front desk report (รายงานผลการอำนวยความสะดวกในการบริการประชาชน ณ จุด
 * แรกรับ): an A4 report in the look of official documents (Garuda, Sarabun calibrated to TH
 * Sarabun New, the printing guide's margins, Thai digits, page numbers "-๒-" from page 2), with
 * count tables whose header repeats on every page, a "problems and obstacles" part on dotted
 * lines and the signatures of the reporter and the head. It uses the shared library of
 * official.typ.ts (tw() keeps every Thai word whole; the TypeScript side marks the word breaks).
 * All text comes as JSON data.
 */
import { officialTypstLibrary } from '../../core/documents/official.typ.js';

const REPORT = `
#let small-size = body-size * 14 / 16

// A table: a header row, then body rows; a row whose first cell is a dictionary with
// strong: true is a total row (bold).
#let data-table(t) = {
  set text(size: small-size)
  set par(first-line-indent: 0pt, justify: false)
  table(
    columns: t.widths.map(w => w * 1fr),
    align: (x, y) => if y == 0 { center + horizon } else { (left: left, center: center, right: right).at(t.aligns.at(x)) + top },
    inset: (x: 4pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => table.cell(fill: luma(235), text(weight: "bold", tw(c))))),
    ..t.rows.map(r => r.map(c => {
      if type(c) == dictionary { text(weight: "bold", tw(c.text)) } else { tw(c) }
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
  if s.table == none { par(text(size: small-size, tw(s.empty))) } else { data-table(s.table) }
}

// A signature block centred on sign-centre: the line to sign on, the name in brackets
// (dotted: written by hand) and the position.
#let sign-lines(s) = {
  let half = calc.min(sign-centre, text-width - sign-centre)
  block(breakable: false, width: 100%,
    pad(left: sign-centre - half, block(width: 2 * half, {
      set align(center)
      set par(first-line-indent: 0pt, justify: false)
      for (i, l) in s.enumerate() {
        if i > 0 { gap(lead) }
        par(tw(l))
      }
    })))
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
  block(width: 100%, {
    set text(size: body-size)
    grid(columns: (7cm, 1fr), row-gutter: lead + 4pt, column-gutter: 1em,
      ..d.summary.map(r => (par(tw(r.at(0))), par(text(weight: "bold", tw(r.at(1)))))).flatten())
  })
  for s in d.sections { section(s) }
  // Problems and obstacles (written by hand on dotted lines) and the signatures: kept together,
  // so a signature never stands alone on a page.
  gap(pitch + lead)
  block(breakable: false, width: 100%, {
    par(text(weight: "bold", tw(d.problems-title)))
    gap(lead)
    block(width: 100%, height: 3 * pitch, fill: dots)
    gap(2 * pitch + lead)
    for (i, s) in d.signatures.enumerate() {
      if i > 0 { gap(2 * pitch + lead) }
      sign-lines(s)
    }
  })
  gap(pitch + lead)
  set text(size: small-size)
  block(sticky: true, par(text(weight: "bold", tw(d.notes-title))))
  for (i, n) in d.notes.enumerate() {
    gap(lead)
    block(breakable: false, par(hanging-indent: 1.2em, [#num(i + 1, d.digits). #h(0.3em) #tw(n)]))
  }
}
`;

const DATA_FILE = 'frontdesk.json';
let source: string | undefined;

/** The library, the report functions and one call on the data file. */
export function frontdeskReportSource(): string {
  source ??= `${officialTypstLibrary()}\n${REPORT}\n#report(json(${JSON.stringify(DATA_FILE)}))\n`;
  return source;
}

export const FRONTDESK_DATA_FILE = DATA_FILE;
