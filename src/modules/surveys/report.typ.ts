/**
 * Typst source of the satisfaction report (รายงานผลการประเมินความพึงพอใจต่อคุณภาพในการให้บริการ
 * ณ จุดให้บริการ ประจำเดือน…): an A4 report to the executives in the look of official documents
 * (Garuda, Sarabun calibrated to TH Sarabun New, the printing guide's margins, Thai digits, page
 * numbers "-๒-" from page 2): the intro, the table per item with group rows and the overall, the
 * charts (SVG), per division, the suggestions with the executive's responses, ปัญหาและอุปสรรค,
 * the reporter's signature and a space for the executive's comment. The page, section heads and
 * tables are the shared report definitions of report.typ.ts (data cells with shade, strong and
 * indent). All text comes as JSON data.
 */
import { reportTypstSource } from '../../core/documents/report.typ.js';

const REPORT = `
#let section(s) = {
  section-head(s)
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
  show: report-page.with(d)
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
  source ??= reportTypstSource(REPORT, 'report', DATA_FILE);
  return source;
}

export const SURVEY_DATA_FILE = DATA_FILE;
