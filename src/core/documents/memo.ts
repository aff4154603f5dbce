/**
 * The official internal memo (บันทึกข้อความ, หนังสือภายใน; ข้อ 12 and แบบที่ 2 of the
 * ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ) as a PDF, with the superiors' follow-on
 * comments (บันทึกต่อเนื่อง) and attached tables.
 *
 * The caller passes text, Gregorian `Date`s and numbers; dates and digits are formatted
 * here with src/core/thai (Thai digits by default). User text reaches Typst only as JSON
 * data, never as source code, so no text can change the document's structure.
 */
import { applyDigits, type DigitStyle, formatThaiDate, formatThaiTime, toThaiDigits } from '../thai/index.js';
import { BODY_SIZE_PT, thPt } from './fonts.js';
import { officialTypstLibrary } from './official.typ.js';
import { renderPdf } from './typst.js';

/** An image file given as bytes, e.g. the organization's Garuda (ตราครุฑ) or a scanned signature. */
export interface ImageAsset {
  readonly bytes: Uint8Array;
  readonly type: 'svg' | 'png' | 'jpg';
}

/**
 * A paragraph of running text. A plain string is a normal body paragraph: first line
 * indented 2.5 cm, 6 pt before it.
 */
export type MemoParagraph =
  | string
  | {
      readonly text: string;
      /** Indent the first line by 2.5 cm (default true). */
      readonly indent?: boolean;
      /**
       * Justify the lines (default false). Typst's justification of Thai text stretches
       * the spaces between phrases only (typst#8413, #5543): check the result by eye.
       */
      readonly justify?: boolean;
    };

/** What stands above the signer's typed name. */
export type SignatureMark =
  /** Empty lines for a handwritten signature on the printed page (the default for the memo's author). */
  | { readonly kind: 'blank' }
  /**
   * An electronic signature by typed name (ระเบียบฯ ฉบับที่ ๔ พ.ศ. ๒๕๖๔): the signer's name,
   * or `text`, in italics on the signature line (the default for comments).
   */
  | { readonly kind: 'typed'; readonly text?: string }
  /** A scanned signature image, scaled to fit the signature lines. */
  | { readonly kind: 'image'; readonly image: ImageAsset };

/** A person who signs: the memo's author or a superior who comments. */
export interface Signer {
  /** Full name with title, without parentheses, e.g. "นางสาวฟาตีเมาะ หะเดวา"; printed as "(…)". */
  readonly name: string;
  /**
   * Position lines under the name, e.g. ["รองปลัดองค์การบริหารส่วนตำบลลูโบะปือซา",
   * "รักษาการแทนปลัดองค์การบริหารส่วนตำบลลูโบะปือซา"].
   */
  readonly positions: readonly string[];
  readonly mark?: SignatureMark;
}

/** A superior's comment written under the memo (ความเห็น / คำสั่ง, บันทึกต่อเนื่อง). */
export interface MemoComment {
  /** Heading, e.g. "ความเห็นหัวหน้าสำนักงานปลัดองค์การบริหารส่วนตำบลลูโบะปือซา". */
  readonly heading: string;
  /** Optional addressee of the comment (a "เรียน …" line, without the word เรียน). */
  readonly to?: string;
  /** The comment itself, e.g. "เพื่อโปรดทราบ", "ทราบ", "อนุมัติ"; one paragraph per entry. */
  readonly text: string | readonly MemoParagraph[];
  readonly signer: Signer;
  /** When the comment was signed; printed under the position as a Thai date. */
  readonly date?: Date;
  /** Print the time (Asia/Bangkok) after the date, e.g. "๒๒ ตุลาคม ๒๕๖๗ ๑๔:๐๕ น." (default true). */
  readonly showTime?: boolean;
  /** Empty lines above the name for a handwritten signature (default 2; ignored for typed/image marks). */
  readonly signatureLines?: number;
}

/** A column of an attached table. */
export interface TableColumn {
  readonly header: string;
  /** Relative width (fractions of the table width; default 1). */
  readonly width?: number;
  /** Alignment of the body cells (default 'left'; the header is centred). */
  readonly align?: 'left' | 'center' | 'right';
}

/** A table cell: one string per paragraph (a plain string is one paragraph). */
export type TableCell = string | readonly string[];

/**
 * A table attached after the memo (e.g. the ITA measures report). It starts on a new
 * page; its header row is repeated on every page and long cells break across pages.
 * Its pages are numbered on their own, "-๒-" from its second page.
 */
export interface TableAttachment {
  readonly kind: 'table';
  /** Title line(s), bold and centred. */
  readonly title: string | readonly string[];
  /** Paragraphs between the title and the table. */
  readonly intro?: readonly MemoParagraph[];
  readonly columns: readonly TableColumn[];
  /** One entry per row, one cell per column. */
  readonly rows: readonly (readonly TableCell[])[];
  /** Page orientation (default 'portrait'). */
  readonly orientation?: 'portrait' | 'landscape';
  /** Text size in TH Sarabun New points (default 16, like the memo; 14 fits more on a page). */
  readonly fontSize?: number;
}

export type MemoAttachment = TableAttachment;

/** Everything on an internal memo. All text is plain text. */
export interface MemoInput {
  /**
   * ส่วนราชการ: the issuing unit, with its phone number if any,
   * e.g. "สำนักงานปลัด องค์การบริหารส่วนตำบลลูโบะปือซา โทร. 0 7351 1234".
   */
  readonly agency: string;
  /**
   * ที่: letter code and unit number / register number, e.g. "นธ 78101/123". Omit (or pass
   * "") to leave the dotted line empty, to be filled in when the memo is registered.
   */
  readonly reference?: string;
  /** วันที่: printed as the Asia/Bangkok calendar day, e.g. "๒๒ ตุลาคม ๒๕๖๗". Omit to leave it blank. */
  readonly date?: Date;
  /** เรื่อง: the subject. */
  readonly subject: string;
  /** The addressee's position, without the salutation, e.g. "นายกองค์การบริหารส่วนตำบลลูโบะปือซา". */
  readonly to: string;
  /** คำขึ้นต้น (default "เรียน"; "กราบเรียน" for the highest ranks). */
  readonly salutation?: string;
  /** The text: usually ภาคเหตุ, ภาคความประสงค์, ภาคสรุป ("จึงเรียนมาเพื่อโปรด…"). */
  readonly body: readonly MemoParagraph[];
  /** The author. */
  readonly signer: Signer;
  /** Superiors' comments, in order, after the author's signature. */
  readonly comments?: readonly MemoComment[];
  /** Documents attached after the memo, each starting on a new page. */
  readonly attachments?: readonly MemoAttachment[];
  /**
   * The organization's Garuda (ตราครุฑ), printed 1.5 cm high at the top left. Without it the
   * space stays empty, for paper with the Garuda pre-printed.
   */
  readonly garuda?: ImageAsset;
  /** Digits of all text, dates and page numbers (default 'thai'). */
  readonly digits?: DigitStyle;
  /** PDF title metadata (default: the subject). */
  readonly documentTitle?: string;
}

// ---- data for the template -----------------------------------------------------------

interface ParData {
  text: string;
  indent: boolean;
  justify: boolean;
}

interface SignerData {
  name: string;
  positions: string[];
  mark: { kind: 'blank' } | { kind: 'typed'; text: string } | { kind: 'image'; file: string };
}

const EXTENSIONS: Readonly<Record<ImageAsset['type'], string>> = { svg: 'svg', png: 'png', jpg: 'jpg' };

class Builder {
  readonly files: Record<string, Uint8Array> = {};
  private images = 0;
  constructor(readonly digits: DigitStyle) {}

  text(s: string): string {
    return applyDigits(s, this.digits);
  }

  image(asset: ImageAsset, stem: string): string {
    const ext = EXTENSIONS[asset.type];
    if (ext === undefined) throw new RangeError(`Unsupported image type: ${String(asset.type)}`);
    const name = `${stem}-${this.images++}.${ext}`;
    this.files[name] = asset.bytes;
    return name;
  }

  par(p: MemoParagraph, defaultIndent = true): ParData {
    if (typeof p === 'string') return { text: this.text(p), indent: defaultIndent, justify: false };
    return { text: this.text(p.text), indent: p.indent ?? defaultIndent, justify: p.justify ?? false };
  }

  signer(s: Signer, defaultMark: SignatureMark): SignerData {
    const mark = s.mark ?? defaultMark;
    return {
      name: this.text(s.name),
      positions: s.positions.map((p) => this.text(p)),
      mark:
        mark.kind === 'typed'
          ? { kind: 'typed', text: this.text(mark.text ?? s.name) }
          : mark.kind === 'image'
            ? { kind: 'image', file: this.image(mark.image, 'signature') }
            : { kind: 'blank' },
    };
  }

  date(d: Date, withTime: boolean): string {
    const opts = { digits: this.digits } as const;
    return withTime ? `${formatThaiDate(d, opts)} เวลา ${formatThaiTime(d, opts)}` : formatThaiDate(d, opts);
  }
}

function tableData(b: Builder, a: TableAttachment) {
  const columns = a.columns.map((c, i) => {
    const width = c.width ?? 1;
    if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`Column ${i + 1} width must be a positive number`);
    return { header: b.text(c.header), width, align: c.align ?? 'left' };
  });
  if (columns.length === 0) throw new RangeError('A table needs at least one column');
  const rows = a.rows.map((row, r) => {
    if (row.length !== columns.length) {
      throw new RangeError(`Table row ${r + 1} has ${row.length} cells, expected ${columns.length}`);
    }
    return row.map((cell) => (typeof cell === 'string' ? [cell] : cell).map((p) => b.text(p)));
  });
  const size = a.fontSize === undefined ? BODY_SIZE_PT : thPt(a.fontSize);
  if (!(size > 0)) throw new RangeError('fontSize must be positive');
  return {
    kind: 'table' as const,
    title: (typeof a.title === 'string' ? [a.title] : a.title).map((t) => b.text(t)),
    intro: (a.intro ?? []).map((p) => b.par(p)),
    columns,
    rows,
    landscape: a.orientation === 'landscape',
    size,
  };
}

/** The JSON data and virtual files the template reads. Exported for tests and debugging. */
export function memoData(input: MemoInput): { data: unknown; files: Record<string, Uint8Array> } {
  const b = new Builder(input.digits ?? 'thai');
  const data = {
    title: b.text(input.documentTitle ?? input.subject),
    digits: [...toThaiDigitsIf(b.digits)],
    garuda: input.garuda === undefined ? null : b.image(input.garuda, 'garuda'),
    agency: b.text(input.agency),
    reference: b.text(input.reference ?? ''),
    date: input.date === undefined ? '' : b.date(input.date, false),
    subject: b.text(input.subject),
    salutation: input.salutation ?? 'เรียน',
    to: b.text(input.to),
    body: input.body.map((p) => b.par(p)),
    signer: b.signer(input.signer, { kind: 'blank' }),
    comments: (input.comments ?? []).map((c) => ({
      heading: b.text(c.heading),
      salutation: 'เรียน',
      to: c.to === undefined ? null : b.text(c.to),
      text: (typeof c.text === 'string' ? [c.text] : c.text).map((p) => b.par(p)),
      signer: b.signer(c.signer, { kind: 'typed' }),
      blank: c.signatureLines ?? 2,
      date: c.date === undefined ? null : b.date(c.date, c.showTime ?? true),
    })),
    attachments: (input.attachments ?? []).map((a) => tableData(b, a)),
  };
  return { data, files: b.files };
}

function toThaiDigitsIf(digits: DigitStyle): string[] {
  const all = '0123456789';
  return Array.from(digits === 'thai' ? toThaiDigits(all) : all);
}

const DATA_FILE = 'memo.json';
let source: string | undefined;

/** The Typst source of every memo: the library and one call on the data file. */
export function memoSource(): string {
  source ??= `${officialTypstLibrary()}\n#memo(json(${JSON.stringify(DATA_FILE)}))\n`;
  return source;
}

const THAI = /[\u0E00-\u0E7F]/u;
const THAI_LETTER_AT_END = /[\u0E01-\u0E4E]$/u;
const THAI_LETTER_AT_START = /^[\u0E01-\u0E4E]/u;
const words = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * `s` with U+200B between two Thai words that touch (no space between them), at the word
 * boundaries of ICU's Thai dictionary (Intl.Segmenter): the template (tw() in official.typ.ts)
 * lets a line break there and nowhere inside a word.
 */
export function markThaiWordBreaks(s: string): string {
  if (!THAI.test(s)) return s;
  let out = '';
  let prev = '';
  for (const { segment } of words.segment(s)) {
    if (prev !== '' && THAI_LETTER_AT_END.test(prev) && THAI_LETTER_AT_START.test(segment)) out += '\u200B';
    out += segment;
    prev = segment;
  }
  return out;
}

/** Every Thai text of the template data, with its word breaks marked (file names and keywords are ASCII). */
function markWordBreaks(v: unknown): unknown {
  if (typeof v === 'string') return markThaiWordBreaks(v);
  if (Array.isArray(v)) return v.map(markWordBreaks);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, markWordBreaks(x)]));
  return v;
}

/** Renders the memo, its comments and its attachments as one PDF. */
export async function renderMemo(input: MemoInput): Promise<Uint8Array> {
  const { data, files } = memoData(input);
  // The document title is PDF metadata, not laid out: it keeps its text as it is.
  const { title, ...rest } = data as { title: string } & Record<string, unknown>;
  const marked = { title, ...(markWordBreaks(rest) as Record<string, unknown>) };
  return renderPdf(memoSource(), { ...files, [DATA_FILE]: new TextEncoder().encode(JSON.stringify(marked)) });
}
