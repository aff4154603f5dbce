/**
 * Typst source of the satisfaction report (รายงานผลการประเมินความพึงพอใจต่อคุณภาพในการให้บริการ
 * ณ จุดให้บริการ ประจำเดือน…): an A4 report to the executives in the look of official documents
 * (Garuda, Sarabun calibrated to TH Sarabun New, the printing guide's margins, Thai digits, page
 * numbers "-๒-" from page 2): the intro, the table per item with group rows and the overall, the
 * charts (SVG), per division, the suggestions with the executive's responses, ปัญหาและอุปสรรค,
 * the reporter's signature and a space for the executive's comment. It uses the shared library
 * of official.typ.ts (tw() keeps every Thai word whole; the TypeScript side marks the word
 * breaks). All text comes as JSON data.
 */
import { officialTypstLibrary } from '../../core/documents/official.typ.js';

const REPORT = `
#let small-size = body-size * 14 / 16

// A table: header cells then body rows; a cell is a string or { text, shade (0 white … 1 dark
// grey background), strong, indent (em) }.
#let data-table(t) = {
  set text(size: small-size)
  set par(first-line-indent: 0pt, justify: false)
  table(
    columns: t.widths.map(w => w * 1fr),
    align: (x, y) => if y < 1 { center + horizon } else { (left: left, center: center, right: right).at(t.aligns.at(x)) + horizon },
    inset: (x: 4pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => table.cell(fill: luma(235), text(weight: "bold", tw(c))))),
    ..t.rows.map(r => r.map(c => {
      if type(c) == dictionary {
        let s = c.at("shade", default: 0)
        table.cell(fill: if s > 0 { luma(int(255 - s * 150)) } else { none },
          pad(left: c.at("indent", default: 0) * 1em,
            text(weight: if c.at("strong", default: false) { "bold" } else { "regular" }, tw(c.text))))
      } else { tw(c) }
    })).flatten(),
  )
}

#let heading-line(s) = {
  gap(pitch + lead)
  block(sticky: true, par(text(weight: "bold", size: body-size, tw(s))))
}

#let section(s) = {
  heading-line(s.title)
  if s.at("note", default: none) != none {
    gap(lead)
    block(sticky: true, par(text(size: small-size, tw(s.note))))
  }
  if s.at("table", default: none) != none {
    gap(lead)
    data-table(s.table)
  }
  for c in s.at("charts", default: ()) {
    gap(lead)
    block(breakable: false, width: 100%, {
      align(center, image(c.file, width: c.width * 1cm))
      gap(lead * 0.5)
      align(center, par(text(size: small-size, tw(c.caption))))
    })
  }
  for (i, item) in s.at("items", default: ()).enumerate() {
    gap(lead)
    block(breakable: true, {
      par(hanging-indent: 1.5em, [#num(i + 1, s.digits). #h(0.3em) #tw(item.text)])
      for l in item.at("lines", default: ()) {
        gap(lead * 0.6)
        pad(left: 1.5em, par(text(size: small-size, tw(l))))
      }
    })
  }
  if s.at("empty", default: none) != none {
    gap(lead)
    par(first-line-indent: indent, tw(s.empty))
  }
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
  body-pars((( text: d.intro, indent: true, justify: false ),), first-gap: pitch + lead)
  for s in d.sections { section(s) }
  body-pars((( text: d.closing, indent: true, justify: false ),), first-gap: pitch + lead)
  signature(d.reporter)
  gap(pitch + lead)
  block(breakable: false, width: 100%, {
    par(text(weight: "bold", tw(d.comment.heading)))
    // Dotted lines across the text width for the handwritten comment.
    for _ in range(d.comment.lines) { gap(pitch); box(width: 100%, repeat(text(fill: luma(60))[.])) }
    signature(d.comment.signer)
  })
}
`;

const DATA_FILE = 'survey-report.json';
let source: string | undefined;

/** The library, the report functions and one call on the data file. */
export function surveyReportSource(): string {
  source ??= `${officialTypstLibrary()}\n${REPORT}\n#report(json(${JSON.stringify(DATA_FILE)}))\n`;
  return source;
}

export const SURVEY_DATA_FILE = DATA_FILE;
