/**
 * Typst source of the facilities checklist (แบบตรวจสิ่งอำนวยความสะดวกในการบริการประชาชน), the
 * evidence of measure 7: an A4 document in the look of official documents (Garuda, Sarabun,
 * margins of the printing guide, Thai digits, page numbers "-๒-" from page 2): the table of
 * items with their status, the day checked and a note; then the photos of each item with
 * their captions; then the signatures of who checked and who certified. All text comes as
 * JSON data (already in Thai digits, word breaks marked); photos as virtual files. The page and
 * heading are the shared report definitions of report.typ.ts.
 */
import { reportTypstSource } from '../../core/documents/report.typ.js';

const CHECKLIST = `
#let items-table(t) = {
  set text(size: small-size)
  set par(first-line-indent: 0pt, justify: false)
  table(
    columns: (1.1cm, 1fr, 3.2cm, 2.6cm, 1fr),
    align: (x, y) => if y == 0 { center + horizon } else if x == 0 { center + top } else { left + top },
    inset: (x: 4pt, top: 5pt, bottom: 6pt),
    stroke: 0.5pt + black,
    table.header(repeat: true, ..t.header.map(c => table.cell(fill: luma(235), text(weight: "bold", tw(c))))),
    ..t.rows.map(r => (
      tw(r.number),
      { par(text(weight: "bold", tw(r.title))); if r.hint != none { gap(lead); par(text(size: small-size * 0.92, fill: luma(70), tw(r.hint))) } },
      text(weight: if r.done { "bold" } else { "regular" }, tw(r.status)),
      tw(r.date),
      tw(r.note),
    )).flatten(),
  )
}

#let photo-block(p) = {
  gap(pitch + lead)
  block(sticky: true, par(text(weight: "bold", tw(p.heading))))
  gap(lead)
  grid(columns: (1fr, 1fr), column-gutter: 0.6cm, row-gutter: 0.5cm,
    ..p.images.map(im => block(breakable: false, width: 100%, {
      block(width: 100%, height: 5.6cm, stroke: 0.5pt + luma(160), inset: 2pt,
        align(center + horizon, image(im.file, width: 100%, height: 100%, fit: "contain")))
      if im.caption != none {
        gap(3pt)
        par(text(size: small-size, tw(im.caption)))
      }
    })))
}

#let sign(s) = block(breakable: false, width: 100%, {
  set align(center)
  set par(first-line-indent: 0pt, justify: false)
  par[#tw(s.sign)]
  gap(lead)
  par[( #box(width: 5.2cm, repeat[.]) )]
  gap(lead)
  par[#tw(s.position)]
  gap(lead)
  par[#tw(s.date)]
})

#let checklist(d) = {
  show: report-page.with(d)
  gap(pitch + lead)
  par(first-line-indent: (amount: indent, all: true), justify: false, tw(d.intro))
  gap(pitch)
  items-table(d.table)
  gap(lead + before)
  par(tw(d.summary))
  gap(pitch + lead)
  grid(columns: (1fr, 1fr), column-gutter: 1cm, ..d.signatures.map(sign))
  if d.photos.len() > 0 {
    pagebreak(weak: true)
    align(center, par(text(size: label-size, weight: "bold", tw(d.photos-title))))
    for p in d.photos { photo-block(p) }
  }
}
`;

const DATA_FILE = 'checklist.json';
let source: string | undefined;

export function checklistSource(): string {
  source ??= reportTypstSource(CHECKLIST, 'checklist', DATA_FILE);
  return source;
}

export const CHECKLIST_DATA_FILE = DATA_FILE;
