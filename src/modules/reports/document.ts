/**
 * The ITA measures report as a document: the memo's own fields, the table rows made from the
 * plan's measures, the defaults in the seed's wording, and the MemoInput the renderers take.
 *
 * The Thai strings here are the document's text (official wording, always Thai whatever the
 * screen language), not UI strings: they are data like the organization's official names.
 */
import type { ImageAsset, MemoComment, MemoInput } from '../../core/documents/memo.js';
import type { Organization } from '../../core/tenancy/organization.js';
import { toArabicDigits } from '../../core/thai/index.js';

/** The memo's fields while drafting; frozen into the content at submission. */
export interface ReportMemo {
  /** ส่วนราชการ: division, organization, phone. */
  agency: string;
  /** เรื่อง */
  subject: string;
  /** เรียน: the addressee's position (the mayor's full title). */
  to: string;
  /** The body paragraphs, in order. */
  body: string[];
  /** The author: the coordinator's staff record. */
  authorStaffId: number | null;
  signerName: string;
  signerPositions: string[];
  /** The attached table's title lines and intro paragraph. */
  tableTitle: string[];
  tableIntro: string;
}

/** One row of the attached table, with what the check needs about its measure. */
export interface ReportRow {
  number: number;
  /** มาตรการ: the title, then its detail paragraphs (e.g. "2.1 …"). */
  title: string;
  titleDetails: string[];
  /** วิธีการดำเนินการ: ordered steps. */
  methods: string[];
  /** ผู้รับผิดชอบ */
  responsible: string;
  /** สรุปผลการดำเนินงาน */
  results: string[];
  /** ผลลัพธ์หรือความสำเร็จของการดำเนินการ */
  outcome: string;
  /** Planned period, ISO dates. */
  startsOn: string | null;
  endsOn: string | null;
}

/** The whole document frozen at submission. */
export interface ReportContent {
  fiscalYear: number;
  memo: ReportMemo;
  rows: ReportRow[];
  /** ที่: the organization's code and the register number. */
  reference: string;
  /** วันที่: the document's date (ISO). */
  date: string;
}

export const TABLE_HEADERS = ['มาตรการ', 'วิธีการดำเนินการ', 'ผู้รับผิดชอบ', 'สรุปผลการดำเนินงาน', 'ผลลัพธ์หรือความสำเร็จของการดำเนินการ'] as const;
const COLUMN_WIDTHS = [1.3, 1.4, 0.8, 1.4, 1.3] as const;

/** เรื่อง, as the seed says it (with "มาตรการ", not the seed's typo "มาตรฐาน"). */
export function defaultSubject(fiscalYear: number): string {
  return `รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ${fiscalYear}`;
}

/** ส่วนราชการ: "สำนักปลัด องค์การบริหารส่วนตำบลลูโบะปือซา โทร. …". */
export function defaultAgency(org: Organization, divisionName: string | null): string {
  return [divisionName, org.names.full, org.phone ? `โทร. ${org.phone}` : null].filter(Boolean).join(' ');
}

/** The body paragraphs in the seed's wording, with the organization's own name. */
export function defaultBody(org: Organization, fiscalYear: number, divisionName: string | null): string[] {
  const unit = divisionName ? `${divisionName} ${org.names.full}` : org.names.full;
  return [
    `ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ ได้จัดการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment) ประจำปีงบประมาณ ${fiscalYear} และ${org.names.full}ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ${fiscalYear} นั้น`,
    `ในการนี้ ${unit} ได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ${fiscalYear} เรียบร้อยแล้ว รายละเอียดตามเอกสารแนบ เห็นควรประกาศบนเว็บไซต์ของ${org.names.full} ต่อไป`,
    'จึงเรียนมาเพื่อโปรดทราบ และพิจารณา',
  ];
}

export function defaultTableTitle(org: Organization, fiscalYear: number): string[] {
  return [`การดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใส ของ${org.names.full}`, `ประจำปีงบประมาณ ${fiscalYear}`];
}

export function defaultTableIntro(org: Organization, fiscalYear: number): string {
  return `ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ของ${org.names.full} ปีงบประมาณ พ.ศ. ${fiscalYear} และได้กำหนดมาตรการ/แนวทางในการส่งเสริมคุณธรรมและความโปร่งใสขององค์กรปกครองส่วนท้องถิ่นในปีงบประมาณ ${fiscalYear} โดยได้มีการส่งเสริมคุณธรรมและความโปร่งใสขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ ${fiscalYear} ดังต่อไปนี้`;
}

const NUMBERED = /^\s*[-–•]|^\s*[0-9๐-๙]+[.)]/;

/** Numbers a list of steps "1.…", "2.…" unless the text already numbers (or dashes) them. */
export function numbered(items: readonly string[]): string[] {
  const list = items.map((s) => s.trim()).filter(Boolean);
  if (list.length <= 1 || list.some((s) => NUMBERED.test(s))) return list;
  return list.map((s, i) => `${i + 1}.${s}`);
}

/** The five cells of a row, one string per paragraph. */
export function rowCells(r: ReportRow): string[][] {
  return [[`${r.number}.${r.title}`, ...r.titleDetails], numbered(r.methods), [r.responsible], numbered(r.results), [r.outcome]];
}

export interface CommentInput {
  heading: string;
  text: string;
  signatureName: string;
  name: string;
  positions: string[];
  signedAt: Date;
}

/** The comment blocks (บันทึกต่อเนื่อง) from the signed routing steps: typed-name signatures with their dates. */
export function memoComments(comments: readonly CommentInput[]): MemoComment[] {
  return comments.map((c) => ({
    heading: c.heading,
    text: c.text,
    signer: { name: c.name, positions: c.positions, mark: { kind: 'typed', text: c.signatureName || c.name } },
    date: c.signedAt,
  }));
}

/** The MemoInput of a report: memo fields, rows, ที่/วันที่ once frozen, comments, the Garuda. */
export function reportMemoInput(input: {
  memo: ReportMemo;
  rows: readonly ReportRow[];
  reference?: string;
  date?: Date;
  comments?: readonly CommentInput[];
  garuda?: ImageAsset;
}): MemoInput {
  const { memo } = input;
  return {
    ...(input.garuda ? { garuda: input.garuda } : {}),
    agency: memo.agency,
    reference: input.reference ?? '',
    ...(input.date ? { date: input.date } : {}),
    subject: memo.subject,
    to: memo.to,
    body: memo.body.filter((p) => p.trim() !== ''),
    signer: { name: memo.signerName, positions: memo.signerPositions.filter((p) => p.trim() !== '') },
    comments: memoComments(input.comments ?? []),
    attachments: [
      {
        kind: 'table',
        title: memo.tableTitle.filter((t) => t.trim() !== ''),
        intro: memo.tableIntro.trim() ? [memo.tableIntro] : [],
        columns: TABLE_HEADERS.map((header, i) => ({ header, width: COLUMN_WIDTHS[i] ?? 1 })),
        rows: input.rows.map(rowCells),
        orientation: 'landscape',
      },
    ],
    documentTitle: memo.subject,
  };
}

/** Every piece of text of the document in reading order — for the golden tests and the check. */
export function documentTexts(memo: ReportMemo): { field: string; text: string }[] {
  return [
    { field: 'agency', text: memo.agency },
    { field: 'subject', text: memo.subject },
    { field: 'to', text: memo.to },
    ...memo.body.map((text, i) => ({ field: `body.${i + 1}`, text })),
    { field: 'signer', text: [memo.signerName, ...memo.signerPositions].join(' ') },
    ...memo.tableTitle.map((text) => ({ field: 'tableTitle', text })),
    { field: 'tableIntro', text: memo.tableIntro },
  ];
}

/** Normalizes a measure title for comparing: digits, leading number, spaces. */
export function titleKey(title: string): string {
  return toArabicDigits(title)
    .replace(/^\s*\d+\s*[.)]?\s*/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}
