/**
 * The template library: the ten measures of the founding memo (../shared/reference/
 * seed-ita-measures-report-2567.txt), taken from the typed rows of the sample memo
 * (src/core/documents/sample-memo.ts) so they are written down once, with the memo's copy
 * errors fixed:
 * - measure 5 carried measure 4's title; its methods (invite staff, hold the meeting, write
 *   the minutes) show it is the staff meeting to improve the work, so it gets that title;
 * - a stray fragment "-ผู้มีส่วนได้เสียภายนอก" left in measure 5's methods is dropped;
 * - measure 5's outcome repeated measure 4's satisfaction-survey outcome.
 * Numbers are kept apart from the text ("1.แต่งตั้ง…" → step "แต่งตั้ง…"): the report numbers them.
 */
import type { TableCell } from '../../core/documents/memo.js';
import { SAMPLE_MEASURE_ROWS } from '../../core/documents/sample-memo.js';

export interface MeasureTemplate {
  number: number;
  title: string;
  /** Sub-items of the มาตรการ cell, e.g. "2.1 มีจุดแรกรับให้คำแนะนำ หรือช่วยเติมเอกสาร". */
  titleDetails: string[];
  methods: string[];
  /** ผู้รับผิดชอบ as printed. */
  responsibleText: string;
  /** The seed's results and outcome, used only by the demo's FY 2567 plan — never copied into a new plan. */
  example: { results: string[]; outcome: string };
}

const cell = (c: TableCell | undefined): string[] => (c === undefined ? [] : typeof c === 'string' ? [c] : [...c]);
const unnumber = (s: string) => s.replace(/^\s*\d+\s*\.(?!\d)\s*/, '').trim();

export const MEASURE_5_TITLE = 'การประชุมระดมความคิดเห็นของบุคลากร เพื่อกำหนดแนวทางการปรับปรุงกระบวนการทำงาน';
const MEASURE_5_OUTCOME = 'บุคลากรมีส่วนร่วมเสนอแนวทางการปรับปรุงกระบวนการทำงาน และมีรายงานการประชุมเสนอผู้บริหารเพื่อดำเนินการต่อไป';

export const MEASURE_TEMPLATES: readonly MeasureTemplate[] = SAMPLE_MEASURE_ROWS.map((row, i) => {
  const number = i + 1;
  const [first = '', ...details] = cell(row[0]);
  let methods = cell(row[1]).map(unnumber).filter(Boolean);
  let title = unnumber(first);
  let outcome = cell(row[4]).join(' ');
  if (number === 5) {
    title = MEASURE_5_TITLE;
    methods = methods.filter((m) => !m.startsWith('-'));
    outcome = MEASURE_5_OUTCOME;
  }
  return {
    number,
    title,
    titleDetails: details.map((d) => d.trim()),
    methods,
    responsibleText: cell(row[2]).join(' '),
    example: { results: cell(row[3]).map(unnumber), outcome },
  };
});

/** What the printed ผู้รับผิดชอบ means: every division, or the one with that name. */
export const ALL_DIVISIONS_TEXT = 'ทุกส่วนราชการตามภารกิจ';
