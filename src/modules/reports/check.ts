/**
 * The consistency check run before a report is routed: what a tired clerk copying last year's
 * (or another organization's) report gets wrong. Pure: it reads the document's text and the
 * rows and returns warnings; it never blocks anything.
 *
 * The seed memo names itself three ways (ลูโบะปือซา, บุษบือชา, แม่ตง), titles its measures 4
 * and 5 the same, calls the mayor "นายองค์การบริหารส่วนตำบล…" and its subject "มาตรฐาน".
 */

import type { Organization } from '../../core/tenancy/organization.js';
import {
  bangkokDate,
  fiscalYearRange,
  formatThaiDate,
  isValidCalendarDate,
  thaiMonthName,
  toArabicDigits,
  toGregorianYear,
} from '../../core/thai/index.js';
import { documentTexts, numbered, type ReportMemo, type ReportRow, titleKey } from './document.js';

export type WarningCode =
  | 'orgName'
  | 'executiveTitle'
  | 'wording'
  | 'duplicateTitle'
  | 'missingResults'
  | 'missingOutcome'
  | 'dateOutside'
  | 'scheduleOutside';

/** Where: a memo field ('agency', 'subject', 'to', 'body.2', 'signer', 'tableTitle', 'tableIntro') or a measure's number. */
export type WarningWhere = { kind: 'field'; field: string } | { kind: 'measure'; number: number };

export interface ReportWarning {
  code: WarningCode;
  where: WarningWhere;
  /** Message parameters: found, expected, other (measure number), date. */
  params: Record<string, string | number>;
}

const PREFIXES = ['องค์การบริหารส่วนตำบล', 'อบต.', 'เทศบาลตำบล', 'เทศบาลเมือง', 'เทศบาลนคร', 'ทต.', 'ทม.', 'ทน.'];
const ORG_MENTION = new RegExp(
  `(${PREFIXES.map((p) => p.replace(/\./g, '\\.')).join('|')})\\s*([\\u0E01-\\u0E4E\\u0E50-\\u0E590-9]+)`,
  'gu',
);
const EXECUTIVE_TYPO = /นาย(องค์การบริหารส่วนตำบล|เทศบาล(?!มนตรี))/gu;
const WORDING: { wrong: RegExp; found: string; expected: string }[] = [
  { wrong: /มาตรฐานส่งเสริมคุณธรรม/gu, found: 'มาตรฐานส่งเสริมคุณธรรม', expected: 'มาตรการส่งเสริมคุณธรรม' },
];

function orgForms(org: Pick<Organization, 'type' | 'name' | 'names'>): { full: string; short: string } {
  return { full: org.names.typeFull, short: org.names.short.slice(0, org.names.short.length - org.name.length) };
}

function orgNameWarnings(text: string, where: WarningWhere, org: Organization): ReportWarning[] {
  const out: ReportWarning[] = [];
  const forms = orgForms(org);
  const seen = new Set<string>();
  for (const m of text.matchAll(ORG_MENTION)) {
    const prefix = m[1] ?? '';
    const rest = m[2] ?? '';
    const typeOk = prefix === forms.full || prefix === forms.short;
    if (typeOk && rest.startsWith(org.name)) continue;
    // "องค์กรปกครองส่วนท้องถิ่น" is not matched; a mention of the right name with the wrong type is.
    const found = `${prefix}${rest.slice(0, 30)}`;
    if (seen.has(found)) continue;
    seen.add(found);
    out.push({ code: 'orgName', where, params: { found, expected: org.names.full } });
  }
  for (const m of text.matchAll(EXECUTIVE_TYPO)) {
    const found = `นาย${m[1] ?? ''}`;
    if (seen.has(found)) continue;
    seen.add(found);
    out.push({ code: 'executiveTitle', where, params: { found, expected: org.names.mayor } });
  }
  for (const w of WORDING) {
    if (w.wrong.test(text)) out.push({ code: 'wording', where, params: { found: w.found, expected: w.expected } });
    w.wrong.lastIndex = 0;
  }
  return out;
}

const LONG = Array.from({ length: 12 }, (_, i) => thaiMonthName(i + 1, 'long'));
const SHORT = Array.from({ length: 12 }, (_, i) => thaiMonthName(i + 1, 'short'));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTHS = [...LONG, ...SHORT]
  .sort((a, b) => b.length - a.length)
  .map(esc)
  .join('|');
const NAMED_DATE = new RegExp(`(\\d{1,2})\\s*(${MONTHS})\\s*(?:พ\\.\\s*ศ\\.\\s*)?(\\d{4}|\\d{2})(?!\\d)`, 'gu');
const NUMERIC_DATE = /(?<!\d)(\d{1,2})\/(\d{1,2})\/(25\d{2})(?!\d)/gu;

function monthOf(name: string): number {
  const i = LONG.indexOf(name);
  return i >= 0 ? i + 1 : SHORT.indexOf(name) + 1;
}

/** Dates written in a text (Thai or Arabic digits, B.E. years), with the text they were written as. */
export function datesInText(text: string): { date: Date; written: string }[] {
  const plain = toArabicDigits(text);
  const out: { date: Date; written: string }[] = [];
  for (const m of plain.matchAll(NAMED_DATE)) {
    const day = Number(m[1]);
    const month = monthOf(m[2] ?? '');
    let be = Number(m[3]);
    if (be < 100) be += 2500;
    const year = toGregorianYear(be);
    if (month > 0 && isValidCalendarDate(year, month, day)) {
      out.push({ date: bangkokDate(year, month, day), written: text.slice(m.index, (m.index ?? 0) + m[0].length) });
    }
  }
  for (const m of plain.matchAll(NUMERIC_DATE)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const year = toGregorianYear(Number(m[3]));
    if (isValidCalendarDate(year, month, day)) {
      out.push({ date: bangkokDate(year, month, day), written: text.slice(m.index, (m.index ?? 0) + m[0].length) });
    }
  }
  return out;
}

function isoDay(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return bangkokDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Checks a report's text and rows against the organization record and the fiscal year.
 * Warnings come in document order: the memo's fields, then the measures by number.
 */
export function checkReport(input: {
  org: Organization;
  fiscalYear: number;
  memo: ReportMemo;
  rows: readonly ReportRow[];
}): ReportWarning[] {
  const { org, fiscalYear, memo, rows } = input;
  const range = fiscalYearRange(fiscalYear);
  const outside = (d: Date) => d < range.start || d >= range.end;
  const out: ReportWarning[] = [];
  const scan = (text: string, where: WarningWhere) => {
    out.push(...orgNameWarnings(text, where, org));
    for (const d of datesInText(text)) {
      if (outside(d.date)) out.push({ code: 'dateOutside', where, params: { found: d.written, fiscalYear } });
    }
  };
  for (const t of documentTexts(memo)) scan(t.text, { kind: 'field', field: t.field });

  const byTitle = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.number - b.number)) {
    const where: WarningWhere = { kind: 'measure', number: r.number };
    scan([r.title, ...r.titleDetails, ...numbered(r.methods), r.responsible, ...r.results, r.outcome].join('\n'), where);
    const key = titleKey(r.title);
    const first = byTitle.get(key);
    if (first !== undefined) out.push({ code: 'duplicateTitle', where, params: { other: first, found: r.title } });
    else byTitle.set(key, r.number);
    if (r.results.every((x) => x.trim() === '')) out.push({ code: 'missingResults', where, params: {} });
    if (r.outcome.trim() === '') out.push({ code: 'missingOutcome', where, params: {} });
    for (const iso of [r.startsOn, r.endsOn]) {
      const d = iso ? isoDay(iso) : null;
      if (d && outside(d)) out.push({ code: 'scheduleOutside', where, params: { found: formatThaiDate(d), fiscalYear } });
    }
  }
  return out;
}
