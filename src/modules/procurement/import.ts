import { and, eq, inArray, or } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import {
  duplicateIssues,
  type ImportColumn,
  type ImportIssue,
  ImportRejected,
  type ImportRow,
  type ImportTable,
  normalizeHeader,
  readImportTable,
  templateHeaders,
} from '../../core/documents/spreadsheet-import.js';
import { renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { csvBytes, csvField } from '../../core/http/csv.js';
import { ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { MAX_SATANG, satangFromBahtInput } from '../../core/http/validation.js';
import { translator } from '../../core/i18n/i18n.js';
import { toArabicDigits } from '../../core/thai/digits.js';
import { formatSatang } from '../../core/thai/numbers.js';
import { procurementPolicy } from './policy.js';
import { type ProcurementCategory, type ProcurementMethod, type ProcurementStatus, procurements } from './schema.js';
import { fiscalYearDays, insertProcurements, isFiscalYear, validateProcurement } from './service.js';
import type { BidInput, ProcurementInput } from './types.js';

/**
 * Import of procurements from a spreadsheet (XLSX, or CSV): our template — the สขร.๑ columns
 * split into fields — or an e-GP export (its column names are accepted as aliases; the columns it
 * has that we do not keep, อำเภอ, จังหวัด, กระทรวง …, are ignored). Every row is checked (cells,
 * the fiscal year and its days, duplicates in the file and against the register, and the
 * service's own rules: validateProcurement); one problem refuses the whole file, nothing is
 * written. Accepted rows are inserted in one command (procurement.import).
 */

/** วิธีซื้อหรือจ้าง as people and the e-GP write it → the stored method. */
const METHOD_CHOICES: Record<string, ProcurementMethod> = {
  เฉพาะเจาะจง: 'specific',
  วิธีเฉพาะเจาะจง: 'specific',
  คัดเลือก: 'selection',
  วิธีคัดเลือก: 'selection',
  'e-bidding': 'e_bidding',
  ประกวดราคาอิเล็กทรอนิกส์: 'e_bidding',
  'ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)': 'e_bidding',
  'วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)': 'e_bidding',
  ebidding: 'e_bidding',
  'e-market': 'e_market',
  ตลาดอิเล็กทรอนิกส์: 'e_market',
  'ตลาดอิเล็กทรอนิกส์ (e-market)': 'e_market',
  'วิธีตลาดอิเล็กทรอนิกส์ (e-market)': 'e_market',
  emarket: 'e_market',
  จ้างที่ปรึกษา: 'consultant',
  จ้างออกแบบ: 'design',
  จ้างออกแบบและควบคุมงานก่อสร้าง: 'design',
  อื่นๆ: 'other',
  อื่น: 'other',
  specific: 'specific',
  selection: 'selection',
  e_bidding: 'e_bidding',
  e_market: 'e_market',
  consultant: 'consultant',
  design: 'design',
  other: 'other',
};

/** ประเภท → the stored category. */
const CATEGORY_CHOICES: Record<string, ProcurementCategory> = {
  ซื้อ: 'goods',
  จัดซื้อ: 'goods',
  สินค้า: 'goods',
  จ้างก่อสร้าง: 'works',
  ก่อสร้าง: 'works',
  จ้างทั่วไป: 'services',
  จ้างเหมาบริการ: 'services',
  จ้าง: 'services',
  บริการ: 'services',
  จ้างที่ปรึกษา: 'consulting',
  จ้างออกแบบ: 'consulting',
  ที่ปรึกษา: 'consulting',
  goods: 'goods',
  works: 'works',
  services: 'services',
  consulting: 'consulting',
};

/** สถานะ (ours, and the e-GP's สถานะการจัดซื้อจัดจ้าง) → the stored status. */
const STATUS_CHOICES: Record<string, ProcurementStatus> = {
  ตามแผน: 'planned',
  วางแผน: 'planned',
  อยู่ในแผน: 'planned',
  ประกาศเชิญชวน: 'announced',
  ระหว่างดำเนินการ: 'announced',
  ประกาศผู้ชนะ: 'awarded',
  ได้ผู้ชนะแล้ว: 'awarded',
  ทำสัญญาแล้ว: 'contracted',
  ลงนามในสัญญาแล้ว: 'contracted',
  'จัดทำสัญญา/PO แล้ว': 'contracted',
  อยู่ระหว่างระยะสัญญา: 'contracted',
  เสร็จสิ้น: 'completed',
  แล้วเสร็จ: 'completed',
  สิ้นสุดสัญญา: 'completed',
  ยกเลิก: 'cancelled',
  ยกเลิกการดำเนินการ: 'cancelled',
  planned: 'planned',
  announced: 'announced',
  awarded: 'awarded',
  contracted: 'contracted',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** The audit entry of an import (its data holds the summary the page after the import shows). */
const AUDIT = { action: 'procurement.import', entity: 'procurement_import' } as const;

/** Most rows in one file (a large municipality records 1,000–3,000 a year). */
export const MAX_IMPORT_ROWS = 5000;
/** The bidders cell: "name: price; name: price" — at most this long. */
const BIDS_MAX_LENGTH = 10_000;

/**
 * The columns, the template's header first, then the e-GP export's names and English ones. The
 * keys are ProcurementInput's, so the service's field errors point back at their column.
 */
export const PROCUREMENT_COLUMNS: readonly ImportColumn[] = [
  { key: 'title', headers: ['ชื่อรายการ', 'งานที่จัดซื้อหรือจัดจ้าง', 'ชื่อโครงการ', 'title'], kind: 'text', required: true, maxLength: 500 },
  { key: 'category', headers: ['ประเภท', 'ประเภทการจัดซื้อจัดจ้าง', 'category'], kind: 'choice', choices: CATEGORY_CHOICES },
  {
    key: 'method',
    headers: ['วิธีการจัดซื้อจัดจ้าง', 'วิธีซื้อหรือจ้าง', 'วิธีการจัดหา', 'method'],
    kind: 'choice',
    required: true,
    choices: METHOD_CHOICES,
  },
  { key: 'status', headers: ['สถานะ', 'สถานะการจัดซื้อจัดจ้าง', 'status'], kind: 'choice', choices: STATUS_CHOICES },
  {
    key: 'budgetSatang',
    headers: ['วงเงินงบประมาณ', 'วงเงินที่จะซื้อหรือจ้าง', 'วงเงินงบประมาณที่ได้รับจัดสรร', 'budget'],
    kind: 'money',
    required: true,
  },
  { key: 'budgetSource', headers: ['แหล่งที่มาของงบประมาณ', 'แหล่งเงิน', 'budget source'], kind: 'text', maxLength: 300 },
  { key: 'referencePriceSatang', headers: ['ราคากลาง', 'reference price'], kind: 'money' },
  { key: 'announcedOn', headers: ['วันที่ประกาศเชิญชวน', 'วันที่ประกาศ', 'announced on'], kind: 'date' },
  {
    key: 'bids',
    headers: ['ผู้เสนอราคา', 'รายชื่อผู้เสนอราคาและราคาที่เสนอ', 'bidders'],
    kind: 'text',
    maxLength: BIDS_MAX_LENGTH,
  },
  {
    key: 'winnerName',
    headers: ['ผู้ได้รับการคัดเลือก', 'ผู้ประกอบการที่ได้รับการคัดเลือก', 'ผู้ชนะการเสนอราคา', 'winner'],
    kind: 'text',
    maxLength: 300,
  },
  {
    key: 'winnerTaxId',
    headers: ['เลขประจำตัวผู้เสียภาษี', 'เลขประจำตัวผู้เสียภาษีอากร', 'เลขประจำตัวผู้เสียภาษี/เลขประจำตัวประชาชน', 'tax id'],
    kind: 'text',
    maxLength: 30,
  },
  { key: 'awardedOn', headers: ['วันที่ประกาศผู้ชนะ', 'awarded on'], kind: 'date' },
  { key: 'agreedPriceSatang', headers: ['ราคาที่ตกลง', 'ราคาที่ตกลงซื้อหรือจ้าง', 'agreed price'], kind: 'money' },
  { key: 'selectionReason', headers: ['เหตุผล', 'เหตุผลที่คัดเลือกโดยสรุป', 'reason'], kind: 'text', maxLength: 2000 },
  { key: 'contractNo', headers: ['เลขที่สัญญา', 'เลขที่สัญญาหรือข้อตกลง', 'contract no'], kind: 'text', maxLength: 100 },
  {
    key: 'contractDate',
    headers: ['วันที่สัญญา', 'วันที่ลงนามในสัญญา', 'วันที่สัญญาหรือข้อตกลง', 'contract date'],
    kind: 'date',
  },
  {
    key: 'egpProjectNo',
    headers: ['เลขที่โครงการ e-GP', 'เลขที่โครงการในระบบ e-GP', 'เลขที่โครงการ', 'e-GP project no'],
    kind: 'text',
    maxLength: 100,
  },
  { key: 'cancelReason', headers: ['เหตุผลที่ยกเลิก', 'cancel reason'], kind: 'text', maxLength: 2000 },
  { key: 'note', headers: ['หมายเหตุ', 'note'], kind: 'text', maxLength: 2000 },
  { key: 'fiscalYear', headers: ['ปีงบประมาณ', 'fiscal year'], kind: 'integer', min: 2500, max: 2700 },
];

/** The template's columns: all but the fiscal year (the import page asks for it). */
export const TEMPLATE_COLUMNS: readonly ImportColumn[] = PROCUREMENT_COLUMNS.filter((c) => c.key !== 'fiscalYear');

const templateHeader = (key: string) => PROCUREMENT_COLUMNS.find((c) => c.key === key)?.headers[0] ?? key;

/** The columns of one fiscal year: its days are the only ones accepted. */
function columnsFor(fiscalYear: number): ImportColumn[] {
  const { first, last } = fiscalYearDays(fiscalYear);
  return PROCUREMENT_COLUMNS.map((c) => (c.kind === 'date' ? { ...c, dateRange: { from: first, to: last } } : c));
}

/** What a title says it buys, when the file has no ประเภท (e-GP exports name it in the title). */
export function categoryFromTitle(title: string): ProcurementCategory | null {
  const t = title.replace(/\s+/g, '');
  if (/^(จ้าง)?(ที่ปรึกษา|ออกแบบ|ควบคุมงาน)/.test(t) || /^จ้าง(ที่ปรึกษา|ออกแบบ|ควบคุมงาน)/.test(t)) return 'consulting';
  if (/^(จ้าง)?(ก่อสร้าง|ปรับปรุง(ถนน|อาคาร|ซ่อมแซมถนน)|ซ่อมสร้าง|ขยายเขต)/.test(t) || /^จ้างเหมาก่อสร้าง/.test(t)) return 'works';
  if (/^(จัด)?ซื้อ/.test(t)) return 'goods';
  if (/^(จัด)?จ้าง/.test(t)) return 'services';
  return null;
}

/** A tax id Excel stored as a number loses its leading 0 (juristic persons' ids begin with 0). */
function taxIdOf(v: unknown): string | null {
  if (v == null || v === '') return null;
  const digits = toArabicDigits(String(v)).replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) ? `0${digits}` : digits;
}

/**
 * The bidders cell: "ร้าน ก: 120,000; บริษัท ข จำกัด (0105536000011): 125,000.50" — a bidder per
 * part (separated by ; or a line break), the price after the last colon, a tax id in brackets.
 */
export function parseBids(text: string): { bids: BidInput[]; problems: { part: string; message: string }[] } {
  const bids: BidInput[] = [];
  const problems: { part: string; message: string }[] = [];
  for (const raw of text.split(/[;\n]|\r\n/)) {
    const part = raw.replace(/\s+/g, ' ').trim();
    if (!part) continue;
    const at = Math.max(part.lastIndexOf(':'), part.lastIndexOf('='));
    if (at <= 0) {
      problems.push({ part, message: 'procurement.import.bidFormat' });
      continue;
    }
    let name = part.slice(0, at).trim();
    const price = part.slice(at + 1).trim();
    let taxId: string | null = null;
    const tax = /\(([\d๐-๙][\d๐-๙\s-]{10,20})\)\s*$/.exec(name);
    if (tax) {
      taxId = taxIdOf(tax[1]);
      name = name.slice(0, tax.index).trim();
    }
    const r = satangFromBahtInput(price, MAX_SATANG);
    if (!name) problems.push({ part, message: 'procurement.import.bidFormat' });
    else if (!r.ok) problems.push({ part, message: 'procurement.import.bidPrice' });
    else bids.push({ bidderName: name, taxId, priceSatang: r.satang });
  }
  return { bids, problems };
}

const textOf = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const numOf = (v: unknown) => (typeof v === 'number' ? v : null);
/** A title or contract number as compared for duplicates: no case, no spaces. */
const same = (s: string | null | undefined) => normalizeHeader(s ?? '');

/** The status a row is in when the file does not say: as far as its dates and winner show. */
function impliedStatus(v: ImportRow['values']): ProcurementStatus {
  if (textOf(v.cancelReason)) return 'cancelled';
  if (v.contractDate || textOf(v.contractNo)) return 'contracted';
  if (textOf(v.winnerName) || v.agreedPriceSatang != null || v.awardedOn) return 'awarded';
  if (v.announcedOn) return 'announced';
  return 'planned';
}

export interface ParsedImport {
  fiscalYear: number;
  inputs: ProcurementInput[];
  /** The Excel row of each input. */
  rows: number[];
}

/** The column a service field error belongs to, and the bid it is about. */
function columnOfField(field: string): { key: string; bid: number | null } {
  const m = /^bids\.(\d+)\./.exec(field);
  if (m) return { key: 'bids', bid: Number(m[1]) + 1 };
  return { key: field.split('.')[0] ?? field, bid: null };
}

/** The service's field errors of a row as import issues (row and column as the file shows them). */
function fieldIssues(table: ImportTable, row: number, errors: readonly FieldError[]): ImportIssue[] {
  return errors.map((e) => {
    const { key, bid } = columnOfField(e.field);
    const header = table.columns[key] ?? (PROCUREMENT_COLUMNS.some((c) => c.key === key) ? templateHeader(key) : '');
    return {
      row,
      column: bid ? `${header} (${bid})` : header,
      message: e.message,
      params: e.params,
      label: e.label,
    };
  });
}

/**
 * Reads and checks a file for a fiscal year (B.E.). Throws ImportRejected with every problem —
 * the file's, each cell's, each row's against the service's rules, and duplicates within the
 * file — and returns the inputs otherwise. Duplicates against the register are checked by
 * importProcurements in its transaction.
 */
export async function parseProcurementFile(bytes: Uint8Array, fiscalYear: number): Promise<ParsedImport> {
  const table = await readImportTable(bytes, columnsFor(fiscalYear), { maxRows: MAX_IMPORT_ROWS });
  const issues: ImportIssue[] = [...table.issues];
  const badCell = new Set(table.issues.map((i) => `${i.row}\u0000${i.column}`));
  const header = (key: string) => table.columns[key] ?? templateHeader(key);
  const inputs: ProcurementInput[] = [];
  const rows: number[] = [];
  for (const r of table.rows) {
    const v = r.values;
    const rowIssues: ImportIssue[] = [];
    if (v.fiscalYear != null && v.fiscalYear !== fiscalYear)
      rowIssues.push({
        row: r.row,
        column: header('fiscalYear'),
        message: 'procurement.import.otherYear',
        params: { value: Number(v.fiscalYear), year: fiscalYear },
      });
    const title = textOf(v.title);
    let category = (v.category as ProcurementCategory | null) ?? null;
    if (!category && title && !badCell.has(`${r.row}\u0000${header('category')}`)) {
      category = categoryFromTitle(title);
      if (!category) rowIssues.push({ row: r.row, column: header('category'), message: 'procurement.import.categoryRequired' });
    }
    let bids: BidInput[] = [];
    const bidsText = textOf(v.bids);
    if (bidsText) {
      const parsed = parseBids(bidsText);
      bids = parsed.bids;
      for (const p of parsed.problems)
        rowIssues.push({
          row: r.row,
          column: header('bids'),
          message: p.message,
          params: { value: p.part.length > 60 ? `${p.part.slice(0, 60)}…` : p.part },
        });
    }
    // A row whose cells could not all be read is not checked further: its cell issues say what to fix.
    const cellsOk = !table.issues.some((i) => i.row === r.row);
    if (!cellsOk || rowIssues.length || !title || !category || !v.method || v.budgetSatang == null) {
      issues.push(...rowIssues);
      continue;
    }
    const input: ProcurementInput = {
      fiscalYear,
      title,
      category,
      method: v.method as ProcurementMethod,
      status: (v.status as ProcurementStatus | null) ?? impliedStatus(v),
      budgetSatang: Number(v.budgetSatang),
      budgetSource: textOf(v.budgetSource),
      referencePriceSatang: numOf(v.referencePriceSatang),
      announcedOn: textOf(v.announcedOn),
      awardedOn: textOf(v.awardedOn),
      winnerName: textOf(v.winnerName),
      winnerTaxId: taxIdOf(v.winnerTaxId),
      agreedPriceSatang: numOf(v.agreedPriceSatang),
      selectionReason: textOf(v.selectionReason),
      contractNo: textOf(v.contractNo),
      contractDate: textOf(v.contractDate),
      egpProjectNo: textOf(v.egpProjectNo),
      cancelReason: textOf(v.cancelReason),
      note: textOf(v.note),
      bids,
    };
    const errors = validateProcurement(input, fiscalYear);
    if (errors.length) {
      issues.push(...fieldIssues(table, r.row, errors));
      continue;
    }
    inputs.push(input);
    rows.push(r.row);
  }
  // Duplicates in the file: the same e-GP project, or the same title with the same contract number.
  issues.push(
    ...duplicateIssues(table.rows, (r) => (textOf(r.values.egpProjectNo) ? `egp\u0000${same(textOf(r.values.egpProjectNo))}` : null)),
    ...duplicateIssues(table.rows, (r) =>
      textOf(r.values.contractNo) && textOf(r.values.title)
        ? `c\u0000${same(textOf(r.values.title))}\u0000${same(textOf(r.values.contractNo))}`
        : null,
    ),
  );
  if (issues.length) throw new ImportRejected(sortIssues(issues).slice(0, 200));
  return { fiscalYear, inputs, rows };
}

function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues
    .map((i, n) => ({ i, n }))
    .sort((a, b) => a.i.row - b.i.row || a.n - b.n)
    .map((x) => x.i);
}

/** Rows of the file already in the register (same e-GP project number, or same title and contract number). */
async function alreadyRecorded(db: Db, orgId: number, parsed: ParsedImport): Promise<ImportIssue[]> {
  const egps = [...new Set(parsed.inputs.map((i) => i.egpProjectNo).filter((x): x is string => !!x))];
  const contracts = [...new Set(parsed.inputs.map((i) => i.contractNo).filter((x): x is string => !!x))];
  if (!egps.length && !contracts.length) return [];
  const conditions = [];
  if (egps.length) conditions.push(inArray(procurements.egpProjectNo, egps));
  if (contracts.length) conditions.push(inArray(procurements.contractNo, contracts));
  const existing = await db
    .select({
      id: procurements.id,
      fiscalYear: procurements.fiscalYear,
      title: procurements.title,
      contractNo: procurements.contractNo,
      egpProjectNo: procurements.egpProjectNo,
    })
    .from(procurements)
    .where(and(eq(procurements.orgId, orgId), or(...conditions)));
  const byEgp = new Map(existing.filter((e) => e.egpProjectNo).map((e) => [same(e.egpProjectNo), e]));
  const byContract = new Map(existing.filter((e) => e.contractNo).map((e) => [`${same(e.title)}\u0000${same(e.contractNo)}`, e]));
  const issues: ImportIssue[] = [];
  parsed.inputs.forEach((input, i) => {
    const row = parsed.rows[i] ?? 0;
    const egp = input.egpProjectNo ? byEgp.get(same(input.egpProjectNo)) : undefined;
    if (egp) {
      issues.push({
        row,
        column: templateHeader('egpProjectNo'),
        message: 'procurement.import.egpRecorded',
        params: { value: input.egpProjectNo ?? '', title: egp.title, year: egp.fiscalYear },
      });
      return;
    }
    const c = input.contractNo ? byContract.get(`${same(input.title)}\u0000${same(input.contractNo)}`) : undefined;
    if (c)
      issues.push({
        row,
        column: templateHeader('contractNo'),
        message: 'procurement.import.contractRecorded',
        params: { value: input.contractNo ?? '', year: c.fiscalYear },
      });
  });
  return issues;
}

export interface ImportSummary {
  fiscalYear: number;
  count: number;
  budgetSatang: number;
  agreedSatang: number;
  bids: number;
  byStatus: Partial<Record<ProcurementStatus, number>>;
  byMethod: Partial<Record<ProcurementMethod, number>>;
  firstId: number;
  lastId: number;
  fileName: string;
}

export interface ImportFileInput {
  fiscalYear: number;
  bytes: Uint8Array;
  fileName: string;
}

/**
 * Imports a file's procurements into a fiscal year, all or nothing (runCommand
 * 'procurement.import'): the file checked (parseProcurementFile), then — in the transaction — the
 * rows against what is recorded, then insertProcurements. Returns what was imported.
 */
export async function importProcurements(ctx: ServiceContext, input: ImportFileInput): Promise<ImportSummary> {
  const allowed = procurementPolicy.edit(ctx.actor);
  ensureAllowed(allowed, !!ctx.actor);
  if (!isFiscalYear(input.fiscalYear)) throw notFound();
  const parsed = await parseProcurementFile(input.bytes, input.fiscalYear);
  // The name as shown in the summary and the audit: printable characters only.
  const fileName =
    [...input.fileName]
      .filter((ch) => ch >= ' ')
      .join('')
      .slice(0, 200) || 'import';
  return runCommand(ctx, { action: AUDIT.action, allowed }, async (tx, tools, txCtx) => {
    tools.publish({ topic: 'pages.changed', data: { procurement: 'import' } });
    const recorded = await alreadyRecorded(tx, ctx.orgId, parsed);
    if (recorded.length) throw new ImportRejected(recorded.slice(0, 200));
    const rows = await insertProcurements(tx, txCtx, parsed.inputs);
    const summary: ImportSummary = {
      fiscalYear: input.fiscalYear,
      count: rows.length,
      budgetSatang: rows.reduce((s, r) => s + r.budgetSatang, 0),
      agreedSatang: rows.reduce((s, r) => s + (r.agreedPriceSatang ?? 0), 0),
      bids: parsed.inputs.reduce((s, i) => s + (i.bids?.length ?? 0), 0),
      byStatus: {},
      byMethod: {},
      firstId: Math.min(...rows.map((r) => r.id)),
      lastId: Math.max(...rows.map((r) => r.id)),
      fileName,
    };
    for (const r of rows) {
      summary.byStatus[r.status] = (summary.byStatus[r.status] ?? 0) + 1;
      summary.byMethod[r.method] = (summary.byMethod[r.method] ?? 0) + 1;
    }
    return {
      result: summary,
      entity: AUDIT.entity,
      entityId: summary.firstId,
      summary: `นำเข้ารายการจัดซื้อจัดจ้าง ปีงบประมาณ ${input.fiscalYear} จากไฟล์ ${fileName}: ${rows.length} รายการ วงเงินรวม ${formatSatang(summary.budgetSatang)} บาท`,
      data: { ...summary, ids: rows.map((r) => r.id) },
    };
  });
}

/** The summary of an import of this organization, by the first procurement it created (the page after the import). */
export async function importSummary(ctx: ServiceContext, firstId: number): Promise<ImportSummary | null> {
  ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
  const [entry] = await dbOf(ctx)
    .select({ data: auditLog.data })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, ctx.orgId),
        eq(auditLog.action, AUDIT.action),
        eq(auditLog.entity, AUDIT.entity),
        eq(auditLog.entityId, String(firstId)),
      ),
    )
    .limit(1);
  if (!entry?.data) return null;
  const { ids: _ids, ...summary } = entry.data as unknown as ImportSummary & { ids?: number[] };
  return summary;
}

// ---------------------------------------------------------------------------------------------
// The template

/** Baht as a number for a spreadsheet cell, exact to the satang. */
function bahtCell(satang: number): number {
  return Number(`${Math.trunc(satang / 100)}.${String(satang % 100).padStart(2, '0')}`);
}

/** Two sample rows (Thai: the document's language), keyed by column. */
function sampleRows(fiscalYear: number): Record<string, XlsxCell>[] {
  const g = fiscalYear - 543;
  return [
    {
      title: 'ซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์) สำนักปลัด',
      category: 'ซื้อ',
      method: 'เฉพาะเจาะจง',
      status: 'ทำสัญญาแล้ว',
      budgetSatang: bahtCell(15_000_00),
      budgetSource: 'เงินงบประมาณรายจ่ายประจำปี',
      referencePriceSatang: bahtCell(14_800_00),
      announcedOn: `3/11/${fiscalYear - 1}`,
      bids: 'ร้านบาเจาะเครื่องเขียน: 14,500',
      winnerName: 'ร้านบาเจาะเครื่องเขียน',
      winnerTaxId: '3960500123451',
      awardedOn: `6/11/${fiscalYear - 1}`,
      agreedPriceSatang: bahtCell(14_500_00),
      selectionReason: 'ราคาต่ำสุดและมีคุณสมบัติครบตามเงื่อนไข',
      contractNo: `12/${fiscalYear - 1}`,
      contractDate: `7/11/${fiscalYear - 1}`,
      egpProjectNo: '',
      cancelReason: '',
      note: '',
    },
    {
      title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านลูโบะปือซา',
      category: 'จ้างก่อสร้าง',
      method: 'e-bidding',
      status: 'ทำสัญญาแล้ว',
      budgetSatang: bahtCell(1_250_000_00),
      budgetSource: 'เงินอุดหนุนเฉพาะกิจ',
      referencePriceSatang: bahtCell(1_246_000_00),
      announcedOn: `15/1/${fiscalYear}`,
      bids: 'หจก.นราธิวาสการโยธา: 1,180,000; บริษัท บาเจาะก่อสร้าง จำกัด: 1,205,000',
      winnerName: 'หจก.นราธิวาสการโยธา',
      winnerTaxId: '0963550000016',
      awardedOn: `5/2/${fiscalYear}`,
      agreedPriceSatang: bahtCell(1_180_000_00),
      selectionReason: 'เสนอราคาต่ำสุดและถูกต้องตามเงื่อนไขในเอกสารประกวดราคา',
      contractNo: `3/${fiscalYear}`,
      contractDate: `20/2/${fiscalYear}`,
      egpProjectNo: `${String(g).slice(2)}019000${String(fiscalYear).slice(2)}01`,
      cancelReason: '',
      note: '',
    },
  ];
}

const HELP_KEYS = [
  'procurement.import.help1',
  'procurement.import.help2',
  'procurement.import.help3',
  'procurement.import.help4',
  'procurement.import.help5',
  'procurement.import.help6',
  'procurement.import.help7',
];

/** The template to download: the columns in order, two sample rows, a sheet of instructions. */
export async function importTemplateXlsx(ctx: ServiceContext, fiscalYear: number): Promise<Buffer> {
  const t = translator(ctx.app.catalogs, 'th');
  const headers = templateHeaders(TEMPLATE_COLUMNS);
  const rows = sampleRows(fiscalYear).map((s) => TEMPLATE_COLUMNS.map((c) => s[c.key] ?? null));
  const lists = [
    t('procurement.import.helpMethods', {
      list: ['เฉพาะเจาะจง', 'คัดเลือก', 'e-bidding', 'e-market', 'จ้างที่ปรึกษา', 'จ้างออกแบบ', 'อื่นๆ'].join(', '),
    }),
    t('procurement.import.helpCategories', { list: ['ซื้อ', 'จ้างก่อสร้าง', 'จ้างทั่วไป', 'จ้างที่ปรึกษา'].join(', ') }),
    t('procurement.import.helpStatuses', { list: ['ตามแผน', 'ประกาศเชิญชวน', 'ประกาศผู้ชนะ', 'ทำสัญญาแล้ว', 'เสร็จสิ้น', 'ยกเลิก'].join(', ') }),
  ];
  return renderXlsx(
    [
      {
        name: t('procurement.import.templateSheet'),
        columns: headers.map((header, i) => {
          const c = TEMPLATE_COLUMNS[i];
          return {
            header,
            numFmt: c?.kind === 'money' ? '#,##0.00' : c?.kind === 'text' ? '@' : undefined,
            width: c?.kind === 'money' ? 16 : c?.key === 'title' || c?.key === 'bids' ? 44 : 22,
          };
        }),
        rows,
      },
      {
        name: t('procurement.import.helpSheet'),
        columns: [{ header: t('procurement.import.helpTitle', { year: fiscalYear }), width: 120 }],
        rows: [...HELP_KEYS.map((k) => [t(k)]), ...lists.map((l) => [l])],
      },
    ],
    { title: t('procurement.import.templateTitle'), created: new Date(Date.UTC(2024, 0, 1)) },
  );
}

/** The same template as CSV (UTF-8 with BOM, which Excel opens in Thai): the header row and the samples. */
export function importTemplateCsv(fiscalYear: number): Uint8Array {
  const headers = templateHeaders(TEMPLATE_COLUMNS);
  const rows = sampleRows(fiscalYear).map((s) =>
    TEMPLATE_COLUMNS.map((c) => {
      const v = s[c.key];
      return csvField(typeof v === 'number' ? v.toFixed(2) : (v ?? ''));
    }),
  );
  return csvBytes([headers, ...rows]);
}
