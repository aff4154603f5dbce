/**
 * The memo's content as formatted text (dates, Thai digits, signature marks), shared by the
 * DOCX and HTML renderings so that they print exactly what the PDF prints. It is the data
 * that {@link memoData} hands to the Typst template, typed.
 */
import { type ImageAsset, type MemoInput, memoData } from './memo.js';

export interface ParView {
  readonly text: string;
  readonly indent: boolean;
  readonly justify: boolean;
}

export type MarkView =
  | { readonly kind: 'blank' }
  | { readonly kind: 'typed'; readonly text: string }
  | { readonly kind: 'image'; readonly file: string };

export interface SignerView {
  readonly name: string;
  readonly positions: readonly string[];
  readonly mark: MarkView;
}

export interface CommentView {
  readonly heading: string;
  readonly salutation: string;
  readonly to: string | null;
  readonly text: readonly ParView[];
  readonly signer: SignerView;
  /** Empty lines above the name for a handwritten signature. */
  readonly blank: number;
  readonly date: string | null;
}

export interface TableView {
  readonly kind: 'table';
  readonly title: readonly string[];
  readonly intro: readonly ParView[];
  readonly columns: readonly { readonly header: string; readonly width: number; readonly align: 'left' | 'center' | 'right' }[];
  /** Rows → cells → paragraphs. */
  readonly rows: readonly (readonly (readonly string[])[])[];
  readonly landscape: boolean;
  /** Text size in TH Sarabun New points. */
  readonly thSize: number;
}

export interface MemoView {
  readonly title: string;
  /** The ten digit glyphs, 0–9, in the memo's digit style. */
  readonly digits: readonly string[];
  readonly garuda: string | null;
  readonly agency: string;
  readonly reference: string;
  readonly date: string;
  readonly subject: string;
  readonly salutation: string;
  readonly to: string;
  readonly body: readonly ParView[];
  readonly signer: SignerView;
  readonly comments: readonly CommentView[];
  readonly attachments: readonly TableView[];
  /** Images by the names used in `garuda` and image marks. */
  readonly files: Readonly<Record<string, ImageAsset>>;
}

const TYPES: Readonly<Record<string, ImageAsset['type']>> = { svg: 'svg', png: 'png', jpg: 'jpg' };

/** The memo's content, formatted as the PDF prints it. Throws as renderMemo does on bad input. */
export function memoView(input: MemoInput): MemoView {
  const { data, files } = memoData(input);
  const d = data as Omit<MemoView, 'files' | 'attachments'> & { attachments: (Omit<TableView, 'thSize'> & { size: number })[] };
  const images: Record<string, ImageAsset> = {};
  for (const [name, bytes] of Object.entries(files)) {
    const type = TYPES[name.slice(name.lastIndexOf('.') + 1)];
    if (type !== undefined) images[name] = { bytes, type };
  }
  return {
    ...d,
    attachments: d.attachments.map(({ size: _size, ...a }, i) => ({ ...a, thSize: input.attachments?.[i]?.fontSize ?? 16 })),
    files: images,
  };
}

/** A page number in the memo's digits. */
export function pageNumber(n: number, digits: readonly string[]): string {
  return String(n)
    .split('')
    .map((c) => digits[Number(c)] ?? c)
    .join('');
}
