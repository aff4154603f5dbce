import type ExcelJS from 'exceljs';
import { Inflate } from 'fflate';
import { AppError, type FieldError } from '../http/errors.js';
import { MAX_SATANG, satangFromBahtInput } from '../http/validation.js';
import type { MessageParams } from '../i18n/i18n.js';
import { toArabicDigits } from '../thai/digits.js';
import { formatSatang } from '../thai/numbers.js';
import { loadExcelJS } from './xlsx.js';

/**
 * Imports of tables people keep in Excel (the spending plan, the procurement list, e-GP exports):
 * an XLSX or CSV file is read defensively — size, ZIP bombs, formulas, encodings — and every row
 * and cell is checked against the columns the importer declares. Problems come back all at once,
 * each naming its row (as Excel numbers it) and column (as the file heads it), in the catalog's
 * words; the caller imports all rows or none.
 *
 * Usage: `const table = await readImportTable(bytes, fileName, COLUMNS)`; if `table.issues` is
 * not empty (or the caller adds its own, e.g. duplicates), `throw new ImportRejected(issues)`.
 */

export type ImportCellKind = 'text' | 'money' | 'integer' | 'date' | 'choice';

export interface ImportColumn {
  /** The field name the importer reads (values[key]). */
  key: string;
  /**
   * Header texts accepted for this column, the template's own first (Thai), then English and
   * the names other systems export (e-GP). Compared without case, spaces or a "(บาท)" suffix.
   */
  headers: readonly string[];
  kind: ImportCellKind;
  required?: boolean;
  /** text: longest accepted (default 500). */
  maxLength?: number;
  /** choice: what people type (any of several spellings) → the stored value. */
  choices?: Readonly<Record<string, string>>;
  /** integer: bounds (inclusive). */
  min?: number;
  max?: number;
  /** money: the largest amount in satang (default MAX_SATANG). */
  maxSatang?: number;
  /** date: the days accepted, 'YYYY-MM-DD' inclusive (e.g. the fiscal year). */
  dateRange?: { from: string; to: string };
}

export type ImportValue = string | number | null;

export interface ImportRow {
  /** The row number as Excel (or a text editor, for CSV) shows it, 1-based. */
  row: number;
  values: Record<string, ImportValue>;
}

export interface ImportIssue {
  /** 0 for the whole file; otherwise the row number as shown in Excel. */
  row: number;
  /** The column as the file heads it (or the template's header when it is missing); '' for the whole row/file. */
  column: string;
  /** Catalog key. */
  message: string;
  params?: MessageParams;
  /**
   * Catalog key of the field's name, for messages written for forms ("กรุณากรอก{field}") that an
   * importer reuses (a service's FieldError mapped to a row and column).
   */
  label?: string;
}

export interface ImportTable {
  /** The data rows (empty rows skipped), with values typed: money in satang, dates 'YYYY-MM-DD'. */
  rows: ImportRow[];
  issues: ImportIssue[];
  /** The row number of the header row. */
  headerRow: number;
  /** Each column found in the file (by key) with its header as the file writes it. */
  columns: Record<string, string>;
}

export interface ImportLimits {
  /** Largest file accepted (default 10 MB). */
  maxBytes?: number;
  /** Largest total of the unpacked XLSX parts (default 50 MB): ZIP bombs stop here. */
  maxUnpackedBytes?: number;
  /** Most data rows (default 10,000). */
  maxRows?: number;
  /** The sheet to read in an XLSX (default: the first sheet with a header row). */
  sheet?: string;
  /** Most issues reported (default 200): a file that is all wrong is not listed cell by cell. */
  maxIssues?: number;
}

const MB = 1024 * 1024;
const DEFAULTS = { maxBytes: 10 * MB, maxUnpackedBytes: 50 * MB, maxRows: 10_000, maxIssues: 200 };

/** An import refused: 422 with every issue (row, column, message) — nothing was imported. */
export class ImportRejected extends AppError {
  constructor(readonly issues: ImportIssue[]) {
    super(
      422,
      'import_rejected',
      'core.import.rejected',
      { count: issues.length },
      issues.map(
        (i): FieldError => ({
          field: i.row ? `row ${i.row}${i.column ? `, ${i.column}` : ''}` : i.column || 'file',
          ...(i.label ? { label: i.label } : {}),
          message: i.message,
          params: { ...(i.params ?? {}), row: i.row, column: i.column },
        }),
      ),
    );
  }
}

const fileIssue = (message: string, params?: MessageParams): ImportRejected =>
  new ImportRejected([{ row: 0, column: '', message, params }]);

/** A header as compared: no case, no spaces, no unit suffix, Thai digits as Arabic. */
export function normalizeHeader(text: string): string {
  return toArabicDigits(text)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u200b\u00a0_*]+/g, '')
    .replace(/\((บาท|baht)\)|\[(บาท|baht)\]/g, '')
    .replace(/[.:]+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Reading the file

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** Old binary Excel (.xls, OLE2): not read; the message asks for XLSX. */
function isOle2(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
}

/**
 * Inflates every part of the ZIP the way the workbook reader will find it — through the central
 * directory, at the offsets and compressed sizes it gives — counting the bytes really produced
 * (the uncompressed sizes a ZIP declares can lie), and stops as soon as the total passes the
 * limit. Parts that overlap (one compressed stream named by many entries) count once per entry,
 * as they would be inflated. Throws the user's message.
 */
function checkZip(bytes: Uint8Array, maxUnpacked: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const broken = () => fileIssue('core.import.notSpreadsheet');
  const tooBig = () => fileIssue('core.import.unpackedTooLarge', { max: Math.round(maxUnpacked / MB) });
  // The end of central directory record: in the last 64 kB + 22 bytes (its comment is at most 64 kB).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const entries = u16(eocd + 10);
  const cdOffset = u32(eocd + 16);
  // ZIP64 (more than 65,535 parts or 4 GB): no workbook of an accepted size needs it.
  if (entries === 0xffff || cdOffset === 0xffffffff) throw broken();
  if (entries === 0) throw broken();
  if (entries > 5000) throw tooBig();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) throw broken();
    const method = u16(p + 10);
    const compressed = u32(p + 20);
    const local = u32(p + 42);
    p += 46 + u16(p + 28) + u16(p + 30) + u16(p + 32);
    if (local + 30 > bytes.length || u32(local) !== 0x04034b50) throw broken();
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + compressed > bytes.length) throw broken();
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) {
      total += data.length;
      if (total > maxUnpacked) throw tooBig();
      continue;
    }
    if (method !== 8) throw broken();
    let failed = false;
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
    });
    // In slices, so a bomb is stopped after a slice (at most ~16 MB out) rather than after the whole part.
    const step = 16 * 1024;
    for (let i = 0; i < data.length && total <= maxUnpacked; i += step) {
      const end = Math.min(data.length, i + step);
      try {
        inflate.push(data.subarray(i, end), end === data.length);
      } catch {
        failed = true;
        break;
      }
    }
    if (total > maxUnpacked) throw tooBig();
    if (failed) throw broken();
  }
}

type RawCell = string | number | boolean | Date | null;

function cellValue(v: ExcelJS.CellValue): RawCell {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) {
      const r = (v as { result?: unknown }).result;
      if (r == null || (typeof r === 'object' && !(r instanceof Date))) return null;
      return r as RawCell;
    }
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return null;
  }
  return String(v);
}

async function xlsxRows(bytes: Uint8Array, limits: Required<Omit<ImportLimits, 'sheet'>> & { sheet?: string }): Promise<RawCell[][][]> {
  checkZip(bytes, limits.maxUnpackedBytes);
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw fileIssue('core.import.notSpreadsheet');
  }
  // A ZIP that is not a workbook (a renamed .docx or any archive) loads as a workbook without sheets.
  if (wb.worksheets.length === 0) throw fileIssue('core.import.notSpreadsheet');
  const sheets: RawCell[][][] = [];
  wb.eachSheet((ws) => {
    if (limits.sheet && ws.name !== limits.sheet) return;
    const rows: RawCell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      if (n > limits.maxRows + 50) return;
      const values = row.values as ExcelJS.CellValue[];
      rows[n - 1] = values.slice(1).map(cellValue);
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push(rows);
  });
  if (limits.sheet && sheets.length === 0) throw fileIssue('core.import.sheetMissing', { sheet: limits.sheet });
  return sheets;
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Windows-874 (Thai Excel's CSV). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-874').decode(bytes);
  }
}

/** RFC 4180 CSV (comma, or semicolon/tab when the first line has more of those), quotes doubled. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const sep = count('\t') > count(',') ? '\t' : count(';') > count(',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The sheets of the file (one for CSV), as raw cells; file-level problems are thrown. */
async function readSheets(bytes: Uint8Array, limits: Required<Omit<ImportLimits, 'sheet'>> & { sheet?: string }): Promise<RawCell[][][]> {
  if (bytes.byteLength === 0) throw fileIssue('core.import.empty');
  if (bytes.byteLength > limits.maxBytes) throw fileIssue('core.import.tooLarge', { max: Math.round(limits.maxBytes / MB) });
  if (isZip(bytes)) return xlsxRows(bytes, limits);
  if (isOle2(bytes)) throw fileIssue('core.import.oldExcel');
  // Text: must look like text (no NUL bytes in the first kilobytes).
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) throw fileIssue('core.import.notSpreadsheet');
  return [parseCsv(decodeText(bytes).replace(/^\ufeff/, ''))];
}

// ---------------------------------------------------------------------------------------------
// Cells

type CellResult = { ok: true; value: ImportValue } | { ok: false; message: string; params?: MessageParams };

function shown(v: RawCell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v ?? '');
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function isBlank(v: RawCell): boolean {
  return v == null || (typeof v === 'string' && v.trim() === '');
}

function moneyCell(v: RawCell, max: number): CellResult {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, message: 'core.import.money', params: { value: shown(v) } };
    if (v < 0) return { ok: false, message: 'core.import.negative', params: { value: shown(v) } };
    const satang = Math.round(v * 100);
    // Within the rounding error of a double (a computed cell like 0.1 + 0.2), not a fraction of a
    // satang: the tolerance grows with the size of the number, not with the amount in baht.
    if (Math.abs(v * 100 - satang) > Math.max(1e-6, Math.abs(v * 100) * 8 * Number.EPSILON)) {
      return { ok: false, message: 'core.import.moneyDecimals', params: { value: shown(v) } };
    }
    if (!Number.isSafeInteger(satang) || satang > max)
      return { ok: false, message: 'core.import.moneyTooLarge', params: { max: formatSatang(max) } };
    return { ok: true, value: satang };
  }
  if (typeof v !== 'string') return { ok: false, message: 'core.import.money', params: { value: shown(v) } };
  const text = v.trim();
  if (/^[-−–(]/.test(text)) return { ok: false, message: 'core.import.negative', params: { value: shown(v) } };
  const r = satangFromBahtInput(text, max);
  if (r.ok) return { ok: true, value: r.satang };
  if (r.message === 'core.validation.moneyTooLarge')
    return { ok: false, message: 'core.import.moneyTooLarge', params: { max: formatSatang(max) } };
  return { ok: false, message: 'core.import.money', params: { value: shown(v) } };
}

function integerCell(v: RawCell, col: ImportColumn): CellResult {
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(toArabicDigits(v))
        ? Number(toArabicDigits(v))
        : Number.NaN;
  if (!Number.isSafeInteger(n)) return { ok: false, message: 'core.import.integer', params: { value: shown(v) } };
  if ((col.min !== undefined && n < col.min) || (col.max !== undefined && n > col.max)) {
    return {
      ok: false,
      message: 'core.import.integerRange',
      params: { value: n, min: col.min ?? 0, max: col.max ?? Number.MAX_SAFE_INTEGER },
    };
  }
  return { ok: true, value: n };
}

const THAI_MONTHS: readonly (readonly string[])[] = [
  ['มกราคม', 'ม.ค.'],
  ['กุมภาพันธ์', 'ก.พ.'],
  ['มีนาคม', 'มี.ค.'],
  ['เมษายน', 'เม.ย.'],
  ['พฤษภาคม', 'พ.ค.'],
  ['มิถุนายน', 'มิ.ย.'],
  ['กรกฎาคม', 'ก.ค.'],
  ['สิงหาคม', 'ส.ค.'],
  ['กันยายน', 'ก.ย.'],
  ['ตุลาคม', 'ต.ค.'],
  ['พฤศจิกายน', 'พ.ย.'],
  ['ธันวาคม', 'ธ.ค.'],
];

function isoDay(y: number, m: number, d: number): string | null {
  // A year from 2400 on is B.E. (Thai offices type 2567); 1900–2200 is A.D.
  const year = y >= 2400 && y <= 2700 ? y - 543 : y >= 1900 && y <= 2200 ? y : Number.NaN;
  if (!Number.isInteger(year) || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(year, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** A day typed or stored in a cell: an Excel date, 25/12/2567, 2024-12-25, 25 ธ.ค. 2567, 25 ธันวาคม ๒๕๖๗. */
export function parseImportDate(v: RawCell): string | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // Excel dates are days without a zone: ExcelJS gives them as UTC midnight (a second off at most).
    const d = new Date(v.getTime() + 12 * 3600 * 1000);
    return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof v !== 'string') return null;
  const text = toArabicDigits(v).trim().replace(/\s+/g, ' ');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2}) ?([ก-๙.]+) ?(?:พ\.ศ\. ?)?(\d{4})$/.exec(text);
  if (m) {
    const month = THAI_MONTHS.findIndex((names) => names.includes(m?.[2] ?? ''));
    if (month >= 0) return isoDay(Number(m[3]), month + 1, Number(m[1]));
  }
  return null;
}

/** 'YYYY-MM-DD' as people type it back: 1/10/2566 (B.E.). */
function slashDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${(y ?? 0) + 543}`;
}

function dateCell(v: RawCell, col: ImportColumn): CellResult {
  const day = parseImportDate(v);
  if (!day) return { ok: false, message: 'core.import.date', params: { value: shown(v) } };
  if (col.dateRange && (day < col.dateRange.from || day > col.dateRange.to)) {
    return {
      ok: false,
      message: 'core.import.dateRange',
      params: { value: shown(v), from: slashDay(col.dateRange.from), to: slashDay(col.dateRange.to) },
    };
  }
  return { ok: true, value: day };
}

function choiceCell(v: RawCell, col: ImportColumn): CellResult {
  const typed = normalizeHeader(String(v));
  for (const [text, value] of Object.entries(col.choices ?? {})) {
    if (normalizeHeader(text) === typed) return { ok: true, value };
  }
  const allowed = [...new Set(Object.keys(col.choices ?? {}))].slice(0, 12).join(', ');
  return { ok: false, message: 'core.import.choice', params: { value: shown(v), allowed } };
}

function textCell(v: RawCell, col: ImportColumn): CellResult {
  const text = (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).replace(/\s+/g, ' ').trim();
  const max = col.maxLength ?? 500;
  if (text.length > max) return { ok: false, message: 'core.import.tooLong', params: { max } };
  // A formula typed as text that other programs would run later (CSV injection) is refused.
  if (/^[=@]|^\+\D/.test(text)) return { ok: false, message: 'core.import.formula', params: { value: shown(v) } };
  return { ok: true, value: text };
}

function readCell(v: RawCell, col: ImportColumn): CellResult {
  if (typeof v === 'boolean') return { ok: false, message: 'core.import.notValue', params: { value: String(v) } };
  switch (col.kind) {
    case 'money':
      return moneyCell(v, col.maxSatang ?? MAX_SATANG);
    case 'integer':
      return integerCell(v, col);
    case 'date':
      return dateCell(v, col);
    case 'choice':
      return choiceCell(v, col);
    default:
      return textCell(v, col);
  }
}

// ---------------------------------------------------------------------------------------------
// The table

/** Finds the header row in the first rows of a sheet: the row naming the most declared columns. */
function findHeader(rows: RawCell[][], columns: readonly ImportColumn[]): { index: number; matched: number } {
  let best = { index: -1, matched: 0 };
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const names = new Set((rows[i] ?? []).filter((c) => typeof c === 'string').map((c) => normalizeHeader(c as string)));
    const matched = columns.filter((col) => col.headers.some((h) => names.has(normalizeHeader(h)))).length;
    if (matched > best.matched) best = { index: i, matched };
  }
  return best;
}

/**
 * Reads an XLSX or CSV file into typed rows against the declared columns. File-level problems
 * (empty, too big, not a spreadsheet, a ZIP bomb, old .xls) throw ImportRejected; cell problems
 * come back in `issues` (the caller throws ImportRejected with them, plus its own).
 */
export async function readImportTable(bytes: Uint8Array, columns: readonly ImportColumn[], opts: ImportLimits = {}): Promise<ImportTable> {
  const limits = { ...DEFAULTS, ...opts };
  const sheets = await readSheets(bytes, limits);
  let rows: RawCell[][] = [];
  let header = { index: -1, matched: 0 };
  for (const s of sheets) {
    const h = findHeader(s, columns);
    if (h.matched > header.matched) {
      header = h;
      rows = s;
    }
  }
  if (header.index < 0) {
    throw new ImportRejected(
      columns.filter((c) => c.required).map((c) => ({ row: 0, column: c.headers[0] ?? c.key, message: 'core.import.missingColumn' })),
    );
  }
  const headerCells = rows[header.index] ?? [];
  const positions = new Map<string, number>();
  const used = new Set<number>();
  const issues: ImportIssue[] = [];
  for (const col of columns) {
    const wanted = new Set(col.headers.map(normalizeHeader));
    const at = headerCells.findIndex((c, i) => !used.has(i) && typeof c === 'string' && wanted.has(normalizeHeader(c)));
    if (at >= 0) {
      positions.set(col.key, at);
      used.add(at);
    } else if (col.required) {
      issues.push({ row: header.index + 1, column: col.headers[0] ?? col.key, message: 'core.import.missingColumn' });
    }
  }
  if (issues.length) {
    const unknown = headerCells
      .map((c, i) => (used.has(i) || isBlank(c) ? null : String(c)))
      .filter((c): c is string => c != null)
      .slice(0, 8);
    if (unknown.length)
      issues.push({ row: header.index + 1, column: '', message: 'core.import.unknownColumns', params: { names: unknown.join(', ') } });
    throw new ImportRejected(issues);
  }
  const headerName = (key: string) => {
    const at = positions.get(key);
    return at === undefined ? key : String(headerCells[at]).trim();
  };
  const out: ImportRow[] = [];
  for (let i = header.index + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if ([...positions.values()].every((p) => isBlank(cells[p] ?? null))) continue;
    if (out.length >= limits.maxRows) throw fileIssue('core.import.tooManyRows', { max: limits.maxRows });
    const values: Record<string, ImportValue> = {};
    for (const col of columns) {
      const at = positions.get(col.key);
      const raw = at === undefined ? null : (cells[at] ?? null);
      if (isBlank(raw)) {
        values[col.key] = null;
        if (col.required) issues.push({ row: i + 1, column: headerName(col.key), message: 'core.import.required' });
        continue;
      }
      const r = readCell(raw, col);
      if (r.ok) values[col.key] = r.value;
      else {
        values[col.key] = null;
        issues.push({ row: i + 1, column: headerName(col.key), message: r.message, params: r.params });
      }
    }
    out.push({ row: i + 1, values });
  }
  if (out.length === 0) issues.push({ row: 0, column: '', message: 'core.import.noRows' });
  const found = Object.fromEntries([...positions.keys()].map((key) => [key, headerName(key)]));
  return { rows: out, issues: issues.slice(0, limits.maxIssues), headerRow: header.index + 1, columns: found };
}

/** Rows with the same key as an earlier row: one issue each, naming the earlier row. */
export function duplicateIssues(rows: readonly ImportRow[], keyOf: (r: ImportRow) => string | null): ImportIssue[] {
  const seen = new Map<string, number>();
  const issues: ImportIssue[] = [];
  for (const r of rows) {
    const key = keyOf(r);
    if (key == null) continue;
    const first = seen.get(key);
    if (first !== undefined) issues.push({ row: r.row, column: '', message: 'core.import.duplicate', params: { first } });
    else seen.set(key, r.row);
  }
  return issues;
}

/** The header each column has in a template the importer offers for download (its first header). */
export function templateHeaders(columns: readonly ImportColumn[]): string[] {
  return columns.map((c) => c.headers[0] ?? c.key);
}
