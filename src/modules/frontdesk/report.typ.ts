/**
 * Typst source of the front desk report (รายงานผลการอำนวยความสะดวกในการบริการประชาชน ณ จุด
 * แรกรับ): an A4 report in the look of official documents (Garuda, Sarabun calibrated to TH
 * Sarabun New, the printing guide's margins, Thai digits, page numbers "-๒-" from page 2), with
 * count tables whose header repeats on every page, a "problems and obstacles" part on dotted
 * lines and the signatures of the reporter and the head. The page, summary, sections, tables and
 * notes are the shared report definitions of report.typ.ts. All text comes as JSON data.
 */
import { reportTypstSource } from '../../core/documents/report.typ.js';

const REPORT = `
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
  show: report-page.with(d)
  gap(pitch + lead)
  summary-grid(d.summary, 7cm)
  // Table cells top-aligned; a row whose first cell is { text, strong: true } is a total row (bold).
  for s in d.sections { table-section(s, valign: top) }
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
  notes-list(d.notes-title, d.notes, d.digits)
}
`;

const DATA_FILE = 'frontdesk.json';
let source: string | undefined;

/** The library, the report functions and one call on the data file. */
export function frontdeskReportSource(): string {
  source ??= reportTypstSource(REPORT, 'report', DATA_FILE);
  return source;
}

export const FRONTDESK_DATA_FILE = DATA_FILE;
