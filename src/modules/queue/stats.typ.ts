/**
 * Typst source of the service statistics report (รายงานสถิติการให้บริการ): an A4 report in the
 * look of official documents (Garuda, Sarabun calibrated to TH Sarabun New, margins of the
 * printing guide, Thai digits, page numbers "-๒-" from page 2), with tables whose header
 * repeats on every page (header cells with colspan / rowspan; the hourly load shaded in grey).
 * The page, summary, sections, tables and notes are the shared report definitions of
 * report.typ.ts. All text comes as JSON data.
 */
import { reportTypstSource } from '../../core/documents/report.typ.js';

const REPORT = `
#let report(d) = {
  show: report-page.with(d)
  gap(pitch + lead)
  summary-grid(d.summary, 5.5cm)
  for s in d.sections { table-section(s) }
  notes-list(d.notes-title, d.notes, d.digits)
}
`;

const DATA_FILE = 'stats.json';
let source: string | undefined;

/** The library, the report functions and one call on the data file. */
export function statsReportSource(): string {
  source ??= reportTypstSource(REPORT, 'report', DATA_FILE);
  return source;
}

export const STATS_DATA_FILE = DATA_FILE;
