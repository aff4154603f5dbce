import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded the first time a spreadsheet is written or read: it is a third of a second of
 * start-up in every process (each test file, the CLI), and most never touch a spreadsheet.
 */
let excel: Promise<typeof ExcelJS> | undefined;
export function loadExcelJS(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

/**
 * Spreadsheets (XLSX) for statistics and open data: ITA asks for XLSX beside PDF. One sheet per
 * table, a bold header row that stays in view, numbers stored as numbers (not text), dates as
 * text the caller formats (B.E. where the reader is Thai), in the font Thai offices have.
 */
export type XlsxCell = string | number | null;

export interface XlsxColumn {
  header: string;
  /** Characters; a sensible default from the header otherwise. */
  width?: number;
  /** Excel number format, e.g. '#,##0' or '0.0'. */
  numFmt?: string;
}

export interface XlsxSheet {
  /** Up to 31 characters; no : \ / ? * [ ] (they are replaced). */
  name: string;
  /** Lines above the table (a title, the period); optional. */
  title?: string[];
  columns: XlsxColumn[];
  rows: XlsxCell[][];
}

export interface XlsxMeta {
  title?: string;
  creator?: string;
  /** Fixed for reproducible files in tests; now otherwise. */
  created?: Date;
}

const FONT = { name: 'TH Sarabun New', size: 16 };

function sheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Sheet';
  let n = 2;
  while (used.has(base)) base = `${name.slice(0, 28)} ${n++}`;
  used.add(base);
  return base;
}

export async function renderXlsx(sheets: XlsxSheet[], meta: XlsxMeta = {}): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = meta.creator ?? 'Prongsai';
  wb.title = meta.title ?? '';
  const when = meta.created ?? new Date();
  wb.created = when;
  wb.modified = when;
  const used = new Set<string>();
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name, used));
    const titleRows = s.title ?? [];
    for (const line of titleRows) {
      const r = ws.addRow([line]);
      r.font = { ...FONT, bold: true };
    }
    if (titleRows.length) ws.addRow([]);
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { ...FONT, bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    for (const row of s.rows) {
      const r = ws.addRow(row.map((v) => (v === null ? '' : v)));
      r.font = FONT;
    }
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      const longest = Math.max(c.header.length, ...s.rows.map((r) => String(r[i] ?? '').length));
      col.width = c.width ?? Math.min(60, Math.max(10, longest + 2));
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    ws.views = [{ state: 'frozen', ySplit: titleRows.length + (titleRows.length ? 1 : 0) + 1 }];
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** Reads the cell values of every sheet back (tests, imports): sheet name → rows of values. */
export async function readXlsx(data: Buffer): Promise<Map<string, XlsxCell[][]>> {
  const wb = new (await loadExcelJS()).Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out = new Map<string, XlsxCell[][]>();
  wb.eachSheet((ws) => {
    const rows: XlsxCell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (typeof v === 'number' || typeof v === 'string' ? v : v == null ? null : String(v)));
      rows.push(values);
    });
    out.set(ws.name, rows);
  });
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
