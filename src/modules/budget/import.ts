import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import {
  duplicateIssues,
  type ImportColumn,
  type ImportIssue,
  ImportRejected,
  type ImportRow,
  normalizeHeader,
  readImportTable,
  templateHeaders,
} from '../../core/documents/spreadsheet-import.js';
import { renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { AppError, ensureAllowed, notFound } from '../../core/http/errors.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { translator } from '../../core/i18n/i18n.js';
import { saveFile } from '../../core/storage/files.js';
import { formatSatang } from '../../core/thai/numbers.js';
import { budgetPolicy } from './policy.js';
import { BUDGET_CATEGORIES, type BudgetCategory, type BudgetPhasing } from './schema.js';
import { isFiscalYear, lineKey, listDivisions, type PlanLineInput, type ReplacePlanResult, replacePlanLines } from './service.js';

/**
 * Import of the spending plan from the template (XLSX, or CSV saved from it): one row per item
 * or project in the budget classification, with the approved amount and its phasing — by
 * quarter (ไตรมาส 1–4) or by month (ต.ค. … ก.ย.), whichever columns the file fills in. Every row
 * is checked; a single problem refuses the whole file (nothing is written).
 */

/** What people type in the งบ column → the stored category. The six Thai names come first (messages list them). */
const CATEGORY_CHOICES: Record<string, BudgetCategory> = {
  งบบุคลากร: 'personnel',
  งบดำเนินงาน: 'operating',
  งบลงทุน: 'investment',
  งบเงินอุดหนุน: 'subsidy',
  งบรายจ่ายอื่น: 'other',
  งบกลาง: 'central',
  บุคลากร: 'personnel',
  ดำเนินงาน: 'operating',
  ลงทุน: 'investment',
  เงินอุดหนุน: 'subsidy',
  รายจ่ายอื่น: 'other',
  กลาง: 'central',
  personnel: 'personnel',
  operating: 'operating',
  investment: 'investment',
  subsidy: 'subsidy',
  other: 'other',
  central: 'central',
};

/** The Thai name of each งบ, as the template and the documents write it. */
export const CATEGORY_THAI: Record<BudgetCategory, string> = {
  personnel: 'งบบุคลากร',
  operating: 'งบดำเนินงาน',
  investment: 'งบลงทุน',
  subsidy: 'งบเงินอุดหนุน',
  other: 'งบรายจ่ายอื่น',
  central: 'งบกลาง',
};

const QUARTER_KEYS = ['q1', 'q2', 'q3', 'q4'] as const;
const MONTH_KEYS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;
/** Fiscal months in order (ตุลาคม first): short and long Thai, English. */
const MONTH_HEADERS: readonly (readonly string[])[] = [
  ['ต.ค.', 'ตุลาคม', 'Oct', 'October'],
  ['พ.ย.', 'พฤศจิกายน', 'Nov', 'November'],
  ['ธ.ค.', 'ธันวาคม', 'Dec', 'December'],
  ['ม.ค.', 'มกราคม', 'Jan', 'January'],
  ['ก.พ.', 'กุมภาพันธ์', 'Feb', 'February'],
  ['มี.ค.', 'มีนาคม', 'Mar', 'March'],
  ['เม.ย.', 'เมษายน', 'Apr', 'April'],
  ['พ.ค.', 'พฤษภาคม', 'May'],
  ['มิ.ย.', 'มิถุนายน', 'Jun', 'June'],
  ['ก.ค.', 'กรกฎาคม', 'Jul', 'July'],
  ['ส.ค.', 'สิงหาคม', 'Aug', 'August'],
  ['ก.ย.', 'กันยายน', 'Sep', 'September'],
];

const BASE_COLUMNS: readonly ImportColumn[] = [
  { key: 'side', headers: ['ด้าน', 'side'], kind: 'text', required: true, maxLength: 200 },
  { key: 'program', headers: ['แผนงาน', 'program'], kind: 'text', required: true, maxLength: 200 },
  { key: 'work', headers: ['งาน', 'work'], kind: 'text', required: true, maxLength: 200 },
  { key: 'category', headers: ['งบ', 'หมวดงบ', 'category'], kind: 'choice', required: true, choices: CATEGORY_CHOICES },
  {
    key: 'item',
    headers: ['รายการ/โครงการ', 'รายการ', 'โครงการ', 'รายการ / โครงการ', 'item', 'item/project'],
    kind: 'text',
    required: true,
    maxLength: 500,
  },
  { key: 'division', headers: ['ส่วนราชการ', 'หน่วยงานที่รับผิดชอบ', 'division'], kind: 'text', maxLength: 200 },
  {
    key: 'approved',
    headers: ['งบประมาณตามข้อบัญญัติ', 'งบประมาณตามเทศบัญญัติ', 'งบประมาณที่ได้รับอนุมัติ', 'งบประมาณ', 'approved'],
    kind: 'money',
    required: true,
  },
];
const QUARTER_COLUMNS: readonly ImportColumn[] = QUARTER_KEYS.map((key, i) => ({
  key,
  headers: [`ไตรมาส ${i + 1}`, `ไตรมาสที่ ${i + 1}`, `Q${i + 1}`, `quarter ${i + 1}`],
  kind: 'money' as const,
}));
const MONTH_COLUMNS: readonly ImportColumn[] = MONTH_KEYS.map((key, i) => ({
  key,
  headers: MONTH_HEADERS[i] ?? [],
  kind: 'money' as const,
}));
const NOTE_COLUMN: ImportColumn = { key: 'note', headers: ['หมายเหตุ', 'note'], kind: 'text', maxLength: 500 };

/** Every column the import reads (the phasing columns of both kinds; the file fills in one kind). */
export const PLAN_COLUMNS: readonly ImportColumn[] = [...BASE_COLUMNS, ...QUARTER_COLUMNS, ...MONTH_COLUMNS, NOTE_COLUMN];

/** The template's columns for a phasing. */
export function templateColumns(phasing: BudgetPhasing): readonly ImportColumn[] {
  return [...BASE_COLUMNS, ...(phasing === 'month' ? MONTH_COLUMNS : QUARTER_COLUMNS), NOTE_COLUMN];
}

/** Most lines in one plan (a real plan has 100–400). */
export const MAX_PLAN_LINES = 2000;
/** Largest plan total (a province's budget is well below). */
export const MAX_PLAN_TOTAL_SATANG = MAX_SATANG;

const headerOf = (key: string) => PLAN_COLUMNS.find((c) => c.key === key)?.headers[0] ?? key;

/** Whether an issue is about the column `key` (the file may head it with any of its accepted names). */
function inColumn(issue: ImportIssue, key: string): boolean {
  const col = PLAN_COLUMNS.find((c) => c.key === key);
  return !!col && col.headers.some((h) => normalizeHeader(h) === normalizeHeader(issue.column));
}

export interface ParsedPlan {
  phasing: BudgetPhasing;
  lines: PlanLineInput[];
  totalSatang: number;
}

/**
 * Reads and checks a plan file. Throws ImportRejected with every problem (row and column) — the
 * file-level ones, each cell's, and the plan's own rules: the phases add up to the approved
 * amount, no line twice, a known division, the plan total within bounds (and equal to the total
 * the user typed, when given).
 */
export async function parsePlanFile(
  bytes: Uint8Array,
  divisionList: readonly { id: number; name: string }[],
  opts: { expectedTotalSatang?: number | null } = {},
): Promise<ParsedPlan> {
  const table = await readImportTable(bytes, PLAN_COLUMNS, { maxRows: MAX_PLAN_LINES });
  const issues: ImportIssue[] = [...table.issues];
  const has = (r: ImportRow, keys: readonly string[]) => keys.some((k) => r.values[k] != null);
  const anyQuarter = table.rows.some((r) => has(r, QUARTER_KEYS));
  const anyMonth = table.rows.some((r) => has(r, MONTH_KEYS));
  // A cell that could not be read counts as filled in: its column shows which phasing was meant.
  const badIn = (keys: readonly string[]) => table.issues.some((i) => i.row > 0 && keys.some((k) => inColumn(i, k)));
  const quarterly = anyQuarter || badIn(QUARTER_KEYS);
  const monthly = anyMonth || badIn(MONTH_KEYS);
  let phasing: BudgetPhasing = 'quarter';
  if (quarterly && monthly) issues.push({ row: 0, column: '', message: 'budget.import.bothPhasings' });
  else if (!quarterly && !monthly && table.rows.length) issues.push({ row: 0, column: '', message: 'budget.import.noPhasing' });
  else if (monthly) phasing = 'month';
  const phaseKeys = phasing === 'month' ? MONTH_KEYS : QUARTER_KEYS;

  const divisionByName = new Map(divisionList.map((d) => [normalizeHeader(d.name), d.id]));
  const lines: PlanLineInput[] = [];
  let total = 0;
  for (const r of table.rows) {
    const v = r.values;
    const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
    const approved = typeof v.approved === 'number' ? v.approved : null;
    const phases = phaseKeys.map((k) => (typeof v[k] === 'number' ? (v[k] as number) : 0));
    const phaseCellsOk = !table.issues.some((i) => i.row === r.row && phaseKeys.some((k) => inColumn(i, k)));
    if (approved != null && phaseCellsOk && quarterly !== monthly) {
      const sum = phases.reduce((s, p) => s + p, 0);
      if (sum !== approved)
        issues.push({
          row: r.row,
          column: headerOf('approved'),
          message: 'budget.import.phasesSum',
          params: { sum: formatSatang(sum), approved: formatSatang(approved), diff: formatSatang(Math.abs(sum - approved)) },
        });
    }
    let divisionId: number | null = null;
    const division = text('division');
    if (division) {
      divisionId = divisionByName.get(normalizeHeader(division)) ?? null;
      if (divisionId == null)
        issues.push({
          row: r.row,
          column: headerOf('division'),
          message: 'budget.import.unknownDivision',
          params: { value: division, allowed: divisionList.map((d) => d.name).join(', ') },
        });
    }
    if (approved != null) total += approved;
    if (v.category == null || approved == null) continue;
    lines.push({
      side: text('side'),
      program: text('program'),
      work: text('work'),
      category: v.category as BudgetCategory,
      item: text('item'),
      divisionId,
      approvedSatang: approved,
      phases,
      note: text('note') || null,
      row: r.row,
    });
  }
  issues.push(
    ...duplicateIssues(table.rows, (r) =>
      r.values.category == null
        ? null
        : lineKey({
            side: String(r.values.side ?? ''),
            program: String(r.values.program ?? ''),
            work: String(r.values.work ?? ''),
            category: r.values.category as BudgetCategory,
            item: String(r.values.item ?? ''),
          }),
    ),
  );
  if (!Number.isSafeInteger(total) || total > MAX_PLAN_TOTAL_SATANG)
    issues.push({
      row: 0,
      column: headerOf('approved'),
      message: 'budget.import.planTotal',
      params: { max: formatSatang(MAX_PLAN_TOTAL_SATANG) },
    });
  else if (opts.expectedTotalSatang != null && total !== opts.expectedTotalSatang && !issues.length)
    issues.push({
      row: 0,
      column: headerOf('approved'),
      message: 'budget.import.expectedTotal',
      params: { total: formatSatang(total), expected: formatSatang(opts.expectedTotalSatang) },
    });
  if (issues.length) throw new ImportRejected(issues.sort((a, b) => a.row - b.row).slice(0, 200));
  return { phasing, lines, totalSatang: total };
}

export interface ImportPlanInput {
  fiscalYear: number;
  bytes: Uint8Array;
  fileName: string;
  /** The plan's title; default "แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. <fy>". */
  title?: string | null;
  /** The total of the budget ordinance (งบประมาณรายจ่ายทั้งสิ้น), when the user typed it: the lines must add up to it. */
  expectedTotalSatang?: number | null;
}

export type ImportPlanResult = ReplacePlanResult & { phasing: BudgetPhasing };

/**
 * Imports (or re-imports) the plan of a fiscal year from a file, all or nothing. A re-import
 * replaces the lines; lines matched by (ด้าน, แผนงาน, งาน, งบ, รายการ) keep their disbursements,
 * and a line with disbursements that the new file lacks refuses the import, naming it.
 */
export async function importPlan(ctx: ServiceContext, input: ImportPlanInput): Promise<ImportPlanResult> {
  const allowed = budgetPolicy.edit(ctx.actor);
  ensureAllowed(allowed, !!ctx.actor);
  if (!isFiscalYear(input.fiscalYear)) throw notFound();
  const title =
    input.title?.replace(/\s+/g, ' ').trim() || translator(ctx.app.catalogs, 'th')('budget.plan.defaultTitle', { year: input.fiscalYear });
  if (title.length > 300) throw new ImportRejected([{ row: 0, column: '', message: 'budget.import.titleTooLong', params: { max: 300 } }]);
  const parsed = await parsePlanFile(input.bytes, await listDivisions(ctx), { expectedTotalSatang: input.expectedTotalSatang });
  return runCommand(ctx, { action: 'budget.importPlan', allowed }, async (tx, tools, txCtx) => {
    tools.publish({ topic: 'pages.changed', data: { budget: 'import' } });
    let sourceFileId: number | null = null;
    try {
      const lower = input.fileName.toLowerCase();
      const name = lower.endsWith('.xlsx') || lower.endsWith('.csv') ? input.fileName : `${input.fileName}.xlsx`;
      sourceFileId = (await saveFile(txCtx, { bytes: input.bytes, name, kinds: ['office', 'text'] })).id;
    } catch (e) {
      // A CSV in Windows-874 is read but is not "text" to the file store: the lines are still
      // imported, without the file kept. Anything else is an error.
      if (!(e instanceof AppError && e.code === 'file_type_not_allowed')) throw e;
    }
    const result = await replacePlanLines(tx, txCtx, {
      fiscalYear: input.fiscalYear,
      title,
      phasing: parsed.phasing,
      lines: parsed.lines,
      sourceFileId,
    });
    if (result.missingWithDisbursements.length) {
      throw new ImportRejected(
        result.missingWithDisbursements.slice(0, 50).map((l) => ({
          row: 0,
          column: headerOf('item'),
          message: 'budget.import.missingDisbursedLine',
          params: { item: l.item, program: l.program, category: CATEGORY_THAI[l.category] },
        })),
      );
    }
    const { missingWithDisbursements: _m, ...rest } = result;
    return {
      result: { ...rest, phasing: parsed.phasing },
      entity: 'budget_plan',
      entityId: result.plan.id,
      summary: `นำเข้าแผนการใช้จ่ายงบประมาณ ปีงบประมาณ ${input.fiscalYear}: ${result.lineCount} รายการ รวม ${formatSatang(parsed.totalSatang)} บาท`,
      data: {
        fiscalYear: input.fiscalYear,
        phasing: parsed.phasing,
        lines: result.lineCount,
        kept: result.kept,
        added: result.added,
        removed: result.removed,
        totalSatang: parsed.totalSatang,
        sourceFileId,
      },
    };
  });
}

/** Baht as a number for a spreadsheet cell, exact to the satang (amounts up to 2^53 satang). */
function bahtCell(satang: number): number {
  return Number(`${Math.trunc(satang / 100)}.${String(satang % 100).padStart(2, '0')}`);
}

/**
 * The template to download: the columns in order (quarterly or monthly phasing), two sample rows,
 * and a sheet of instructions (Thai, the users' language for this document).
 */
export async function planTemplateXlsx(ctx: ServiceContext, phasing: BudgetPhasing): Promise<Buffer> {
  const t = translator(ctx.app.catalogs, 'th');
  const columns = templateColumns(phasing);
  const headers = templateHeaders(columns);
  const sample = (values: Record<string, XlsxCell>): XlsxCell[] => columns.map((c) => values[c.key] ?? null);
  const spread = (satang: number, n: number) => {
    const each = Math.floor(satang / n / 100) * 100;
    return Array.from({ length: n }, (_, i) => (i === n - 1 ? satang - each * (n - 1) : each));
  };
  const phased = (satang: number) => {
    const keys = phasing === 'month' ? MONTH_KEYS : QUARTER_KEYS;
    const parts = spread(satang, keys.length);
    return Object.fromEntries(keys.map((k, i) => [k, bahtCell(parts[i] ?? 0)]));
  };
  const rows = [
    sample({
      side: 'ด้านบริหารทั่วไป',
      program: 'แผนงานบริหารงานทั่วไป',
      work: 'งานบริหารทั่วไป',
      category: CATEGORY_THAI.personnel,
      item: 'เงินเดือนพนักงานส่วนตำบล',
      division: 'สำนักปลัด',
      approved: bahtCell(2_400_000_00),
      ...phased(2_400_000_00),
      note: t('budget.import.templateSampleNote'),
    }),
    sample({
      side: 'ด้านการดำเนินงานอื่น',
      program: 'แผนงานงบกลาง',
      work: 'งบกลาง',
      category: CATEGORY_THAI.central,
      item: 'เบี้ยยังชีพผู้สูงอายุ',
      division: '',
      approved: bahtCell(9_600_000_00),
      ...phased(9_600_000_00),
      note: '',
    }),
  ];
  const instructions = [
    'budget.import.help1',
    'budget.import.help2',
    'budget.import.help3',
    'budget.import.help4',
    'budget.import.help5',
    'budget.import.help6',
    'budget.import.help7',
  ].map((k) => [t(k)]);
  return renderXlsx(
    [
      {
        name: t('budget.import.templateSheet'),
        columns: headers.map((header, i) => ({
          header,
          numFmt: columns[i]?.kind === 'money' ? '#,##0.00' : undefined,
          width: columns[i]?.kind === 'money' ? 16 : columns[i]?.key === 'item' ? 40 : 22,
        })),
        rows,
      },
      {
        name: t('budget.import.helpSheet'),
        columns: [{ header: t('budget.import.helpTitle'), width: 110 }],
        rows: [...instructions, [t('budget.import.helpCategories', { list: BUDGET_CATEGORIES.map((c) => CATEGORY_THAI[c]).join(', ') })]],
      },
    ],
    { title: t('budget.import.templateTitle'), created: new Date(Date.UTC(2024, 0, 1)) },
  );
}

/** A line to write into a plan file (the demo's plan, tests). */
export interface PlanFileLine {
  side: string;
  program: string;
  work: string;
  category: BudgetCategory;
  item: string;
  division?: string | null;
  approvedSatang: number;
  /** 4 or 12 amounts, as the phasing. */
  phases: number[];
  note?: string | null;
}

/** A plan file in the template's layout (first sheet, header row first), as people would fill it in. */
export async function planFileXlsx(lines: readonly PlanFileLine[], phasing: BudgetPhasing): Promise<Buffer> {
  const columns = templateColumns(phasing);
  const phaseKeys: readonly string[] = phasing === 'month' ? MONTH_KEYS : QUARTER_KEYS;
  return renderXlsx(
    [
      {
        name: 'แผนการใช้จ่าย',
        columns: templateHeaders(columns).map((header) => ({ header })),
        rows: lines.map((l) =>
          columns.map((c): XlsxCell => {
            const at = phaseKeys.indexOf(c.key);
            if (at >= 0) return bahtCell(l.phases[at] ?? 0);
            switch (c.key) {
              case 'category':
                return CATEGORY_THAI[l.category];
              case 'approved':
                return bahtCell(l.approvedSatang);
              case 'division':
                return l.division ?? null;
              case 'note':
                return l.note ?? null;
              default:
                return (l as unknown as Record<string, string>)[c.key] ?? null;
            }
          }),
        ),
      },
    ],
    { created: new Date(Date.UTC(2024, 0, 1)) },
  );
}
