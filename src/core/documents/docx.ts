/**
 * The memo (บันทึกข้อความ) as an editable Word document: the same content as the PDF of
 * memo.ts, written as WordprocessingML by hand and zipped with fflate.
 *
 * Typography follows the printing guide in TH Sarabun New points: the font is named
 * "TH Sarabun New" for every script (ascii, hAnsi, eastAsia and complex script, with the
 * complex-script size and the th-TH language), so Word uses it when it is installed. Word
 * breaks Thai lines with its own dictionary; `justify` maps to Thai distributed alignment.
 *
 * Layout: A4, left 3 cm, right 2 cm; page 1 starts 1.5 cm from the top with the Garuda
 * (1.5 cm high) and "บันทึกข้อความ" bold 29 pt; continuation pages carry "-๒-" in the header
 * (different first page); each attached table is a section of its own (landscape when the
 * attachment is), numbered from 1, its header row repeated on every page and its rows free
 * to break across pages.
 *
 * An SVG Garuda is embedded as SVG (Word 2016 and later show it) with a PNG fallback for
 * older readers and LibreOffice, rasterised by resvg compiled to WebAssembly.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { ImageAsset, MemoInput } from './memo.js';
import { type MarkView, type MemoView, memoView, type ParView, pageNumber, type SignerView, type TableView } from './memo-view.js';
import { MEMO_LAYOUT } from './official.typ.js';

/** The font named in the document. */
export const DOCX_FONT = 'TH Sarabun New';

const TWIPS_PER_CM = 1440 / 2.54;
const EMU_PER_CM = 360000;
const twips = (cm: number): number => Math.round(cm * TWIPS_PER_CM);

const L = MEMO_LAYOUT;
const A4 = { w: twips(21), h: twips(29.7) };
const PORTRAIT_TEXT = twips(21 - L.marginLeftCm - L.marginRightCm);
const LANDSCAPE_TEXT = twips(29.7 - L.marginLeftCm - L.marginRightCm);
const BEFORE = L.paragraphBeforePt * 20;

// ---- XML helpers -------------------------------------------------------------------------

/** Whether a code point may stand in XML 1.0 text (lone surrogates may not). */
function xmlChar(c: number): boolean {
  return c >= 0x20 ? c < 0xd800 || (c > 0xdfff && c !== 0xfffe && c !== 0xffff) : c === 0x09 || c === 0x0a || c === 0x0d;
}

function stripInvalid(s: string): string {
  let out = '';
  for (const ch of s) if (xmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

export function xmlEscape(s: string): string {
  return stripInvalid(s).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

interface RunStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** TH Sarabun New points (default: the Normal style's 16). */
  readonly size?: number;
}

function rPr(s: RunStyle): string {
  let x = '';
  if (s.bold === true) x += '<w:b/><w:bCs/>';
  if (s.italic === true) x += '<w:i/><w:iCs/>';
  if (s.size !== undefined && s.size !== L.bodyThPt)
    x += `<w:sz w:val="${Math.round(s.size * 2)}"/><w:szCs w:val="${Math.round(s.size * 2)}"/>`;
  return x === '' ? '' : `<w:rPr>${x}</w:rPr>`;
}

/** A run of text; line breaks in the text become <w:br/>, tabs become spaces. */
function run(text: string, s: RunStyle = {}): string {
  const parts = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n');
  const body = parts.map((p) => `<w:t xml:space="preserve">${xmlEscape(p)}</w:t>`).join('<w:br/>');
  return `<w:r>${rPr(s)}${body}</w:r>`;
}

const tabRun = (s: RunStyle = {}): string => `<w:r>${rPr(s)}<w:tab/></w:r>`;

interface ParStyle {
  keepNext?: boolean;
  keepLines?: boolean;
  tabs?: readonly { val: 'left' | 'right' | 'center'; pos: number; leader?: 'dot' }[];
  before?: number;
  after?: number;
  /** Line height in twips, at least this much. */
  lineAtLeast?: number;
  left?: number;
  firstLine?: number;
  jc?: 'left' | 'center' | 'right' | 'thaiDistribute';
}

/** pPr children in schema order (CT_PPrBase), then the section properties if any. */
function pPr(p: ParStyle, sectPr = ''): string {
  let x = '';
  if (p.keepNext === true) x += '<w:keepNext/>';
  if (p.keepLines === true) x += '<w:keepLines/>';
  if (p.tabs !== undefined && p.tabs.length > 0) {
    x += `<w:tabs>${p.tabs.map((t) => `<w:tab w:val="${t.val}"${t.leader ? ` w:leader="${t.leader}"` : ''} w:pos="${t.pos}"/>`).join('')}</w:tabs>`;
  }
  if (p.before !== undefined || p.after !== undefined || p.lineAtLeast !== undefined) {
    x += `<w:spacing w:before="${p.before ?? 0}" w:after="${p.after ?? 0}"${p.lineAtLeast !== undefined ? ` w:line="${p.lineAtLeast}" w:lineRule="atLeast"` : ''}/>`;
  }
  if (p.left !== undefined || p.firstLine !== undefined) x += `<w:ind w:left="${p.left ?? 0}" w:firstLine="${p.firstLine ?? 0}"/>`;
  if (p.jc !== undefined) x += `<w:jc w:val="${p.jc}"/>`;
  x += sectPr;
  return x === '' ? '' : `<w:pPr>${x}</w:pPr>`;
}

// ---- images --------------------------------------------------------------------------------

interface EmbeddedImage {
  /** Relationship id of the raster image (PNG or JPEG). */
  readonly rId: string;
  /** Relationship id of the SVG original, if any. */
  readonly svgRId?: string;
  /** Pixel size of the raster (for the aspect ratio). */
  readonly width: number;
  readonly height: number;
}

function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || b[0] !== 0x89 || b[1] !== 0x50) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    const len = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0), width: ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0) };
    }
    i += 2 + len;
  }
  return null;
}

type ResvgModule = typeof import('@resvg/resvg-wasm');
let resvg: Promise<ResvgModule> | undefined;

/** resvg (WebAssembly), loaded and initialised on the first SVG. */
function loadResvg(): Promise<ResvgModule> {
  resvg ??= (async () => {
    const mod = await import('@resvg/resvg-wasm');
    const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
    await mod.initWasm(wasm);
    return mod;
  })();
  return resvg;
}

type Raster = { png: Uint8Array; width: number; height: number } | null;
/** Recent rasterisations by SVG digest: an organization's Garuda is the same on every memo. */
const rasters = new Map<string, Raster>();

/** The SVG as a PNG `heightPx` high, or null when resvg cannot read it. */
export async function svgToPng(svg: Uint8Array, heightPx: number): Promise<Raster> {
  const key = `${heightPx}:${createHash('sha256').update(svg).digest('hex')}`;
  const cached = rasters.get(key);
  if (cached !== undefined) return cached;
  const { Resvg } = await loadResvg();
  let out: Raster = null;
  try {
    const r = new Resvg(svg, { fitTo: { mode: 'height', value: heightPx }, font: { loadSystemFonts: false } });
    const img = r.render();
    out = { png: img.asPng(), width: img.width, height: img.height };
    img.free();
    r.free();
  } catch {
    out = null;
  }
  if (rasters.size >= 16) rasters.delete(rasters.keys().next().value as string);
  rasters.set(key, out);
  return out;
}

class Package {
  private readonly rels: string[] = [];
  private readonly media: Record<string, Uint8Array> = {};
  private nextRel = 1;
  private nextDocPr = 1;

  rel(type: string, target: string): string {
    const id = `rId${this.nextRel++}`;
    this.rels.push(
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`,
    );
    return id;
  }

  async image(asset: ImageAsset, heightPx: number): Promise<EmbeddedImage | null> {
    const n = Object.keys(this.media).length + 1;
    if (asset.type === 'svg') {
      const raster = await svgToPng(asset.bytes, heightPx);
      if (raster === null) return null;
      this.media[`image${n}.png`] = raster.png;
      this.media[`image${n}.svg`] = asset.bytes;
      return {
        rId: this.rel('image', `media/image${n}.png`),
        svgRId: this.rel('image', `media/image${n}.svg`),
        width: raster.width,
        height: raster.height,
      };
    }
    const size = asset.type === 'png' ? pngSize(asset.bytes) : jpegSize(asset.bytes);
    if (size === null || size.width === 0 || size.height === 0) return null;
    const name = `image${n}.${asset.type === 'png' ? 'png' : 'jpeg'}`;
    this.media[name] = asset.bytes;
    return { rId: this.rel('image', `media/${name}`), ...size };
  }

  /** An inline picture, heightCm high (narrower if it would be wider than maxWidthCm). */
  drawing(img: EmbeddedImage, heightCm: number, maxWidthCm: number, description: string): string {
    let cy = Math.round(heightCm * EMU_PER_CM);
    let cx = Math.round((cy * img.width) / img.height);
    const maxCx = Math.round(maxWidthCm * EMU_PER_CM);
    if (cx > maxCx) {
      cy = Math.round((cy * maxCx) / cx);
      cx = maxCx;
    }
    const id = this.nextDocPr++;
    const svg =
      img.svgRId === undefined
        ? ''
        : `<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="${img.svgRId}"/></a:ext></a:extLst>`;
    return (
      `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
      `<wp:docPr id="${id}" name="Picture ${id}" descr="${xmlEscape(description)}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
      `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
      `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${id}" name="Picture ${id}" descr="${xmlEscape(description)}"/><pic:cNvPicPr/></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="${img.rId}">${svg}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
      `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
      `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
    );
  }

  files(): Zippable {
    const out: Zippable = {};
    for (const [name, bytes] of Object.entries(this.media)) out[`word/media/${name}`] = [bytes, { level: 0 }];
    return out;
  }

  relsXml(): string {
    return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${this.rels.join('')}</Relationships>`;
  }
}

// ---- the document ----------------------------------------------------------------------------

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"';

/** Paragraphs and tables of one section; the section's properties go into its last paragraph. */
class Body {
  private readonly items: ({ ppr: ParStyle; runs: string } | { raw: string })[] = [];
  private readonly done: string[] = [];

  p(runs: string, style: ParStyle = {}): void {
    this.items.push({ ppr: style, runs });
  }

  raw(xml: string): void {
    this.items.push({ raw: xml });
  }

  /** Ends the section; `last` for the document's final section (its sectPr closes the body). */
  endSection(sectPr: string, last: boolean): void {
    const tail = this.items.at(-1);
    if (!last && (tail === undefined || 'raw' in tail)) this.items.push({ ppr: {}, runs: '' });
    this.items.forEach((it, i) => {
      if ('raw' in it) this.done.push(it.raw);
      else this.done.push(`<w:p>${pPr(it.ppr, !last && i === this.items.length - 1 ? sectPr : '')}${it.runs}</w:p>`);
    });
    if (last) this.done.push(sectPr);
    this.items.length = 0;
  }

  xml(): string {
    return this.done.join('');
  }
}

interface Headers {
  memo: string;
  attachment: string;
  empty: string;
}

function sectPr(opts: { landscape: boolean; first: boolean; thai: boolean; restart: boolean }, h: Headers): string {
  const size = opts.landscape ? `<w:pgSz w:w="${A4.h}" w:h="${A4.w}" w:orient="landscape"/>` : `<w:pgSz w:w="${A4.w}" w:h="${A4.h}"/>`;
  const top = opts.first ? twips(L.marginTopFirstCm) : twips(L.marginTopCm);
  const header = opts.first ? twips(1) : twips(L.marginTopFirstCm);
  const fmt = opts.thai ? ' w:fmt="thaiNumbers"' : ' w:fmt="decimal"';
  return (
    '<w:sectPr>' +
    `<w:headerReference w:type="default" r:id="${opts.first ? h.memo : h.attachment}"/><w:headerReference w:type="first" r:id="${h.empty}"/>` +
    `<w:type w:val="nextPage"/>${size}` +
    `<w:pgMar w:top="${top}" w:right="${twips(L.marginRightCm)}" w:bottom="${twips(L.marginBottomCm)}" w:left="${twips(L.marginLeftCm)}" w:header="${header}" w:footer="${twips(1)}" w:gutter="0"/>` +
    `<w:pgNumType${fmt}${opts.restart ? ' w:start="1"' : ''}/><w:titlePg/><w:docGrid w:linePitch="360"/>` +
    '</w:sectPr>'
  );
}

/** "-๒-" centred, with a blank line under it on the memo's pages (which start 1.5 cm from the top). */
function headerXml(v: MemoView, blankLine: boolean): string {
  // Word takes the digits from the section's page number format (thaiNumbers). LibreOffice 7.4
  // ignores that format and prints 2; its reading of the \* ThaiArabic switch is wrong (ข).
  const page = `<w:fldSimple w:instr=" PAGE "><w:r><w:t>${xmlEscape(pageNumber(2, v.digits))}</w:t></w:r></w:fldSimple>`;
  const number = `<w:p>${pPr({ jc: 'center' })}${run('-')}${page}${run('-')}</w:p>`;
  return `${XML_HEAD}<w:hdr ${NS}>${number}${blankLine ? '<w:p/>' : ''}</w:hdr>`;
}

const emptyHeaderXml = (): string => `${XML_HEAD}<w:hdr ${NS}><w:p/></w:hdr>`;

function par(b: Body, p: ParView, extra: ParStyle = {}): void {
  b.p(run(p.text), { firstLine: p.indent ? twips(L.firstLineIndentCm) : 0, jc: p.justify ? 'thaiDistribute' : 'left', ...extra });
}

/** ส่วนราชการ / เรื่อง: the bold label, the value, dots to the right margin. */
function field(label: string, value: string): string {
  return `${run(label, { bold: true, size: L.labelThPt })}${run(` ${value}`)}${tabRun()}`;
}

async function signature(
  pkg: Package,
  b: Body,
  v: MemoView,
  s: SignerView,
  blank: number,
  date: string | null,
  keep: boolean,
): Promise<void> {
  const half = Math.min(L.signatureCentreCm, 16 - L.signatureCentreCm);
  const block: ParStyle = { left: twips(L.signatureCentreCm - half), jc: 'center', keepNext: true };
  const m: MarkView = s.mark;
  const lines: string[] = [];
  if (m.kind === 'typed') {
    for (let i = 0; i < Math.max(blank - 1, 0); i++) lines.push('');
    lines.push(run(m.text, { italic: true }));
  } else if (m.kind === 'image') {
    const asset = v.files[m.file];
    const img = asset === undefined ? null : await pkg.image(asset, 240);
    if (img === null) for (let i = 0; i < blank; i++) lines.push('');
    else lines.push(pkg.drawing(img, 0.55 * blank + 0.3, 6, s.name));
  } else {
    for (let i = 0; i < blank; i++) lines.push('');
  }
  lines.push(run(`(${s.name})`));
  for (const p of s.positions) lines.push(run(p));
  if (date !== null) lines.push(run(date));
  lines.forEach((runs, i) => {
    b.p(runs, { ...block, keepNext: keep || i < lines.length - 1 });
  });
}

function table(b: Body, t: TableView): void {
  const width = t.landscape ? LANDSCAPE_TEXT : PORTRAIT_TEXT;
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const cols = t.columns.map((c) => Math.floor((width * c.width) / total));
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const size = t.thSize;
  const cell = (paragraphs: readonly string[], i: number, header: boolean): string => {
    const align = header ? 'center' : (t.columns[i]?.align ?? 'left');
    const ps = (paragraphs.length === 0 ? [''] : paragraphs).map(
      (p, k, all) =>
        `<w:p>${pPr({ after: k < all.length - 1 ? 40 : 0, jc: align === 'left' ? 'left' : align, keepNext: header })}${run(p, { bold: header, size })}</w:p>`,
    );
    return `<w:tc><w:tcPr><w:tcW w:w="${cols[i]}" w:type="dxa"/>${header ? '<w:vAlign w:val="center"/>' : ''}</w:tcPr>${ps.join('')}</w:tc>`;
  };
  const head = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${t.columns.map((c, i) => cell([c.header], i, true)).join('')}</w:tr>`;
  // No cantSplit: a long row breaks across pages, as in the PDF.
  const rows = t.rows.map((r) => `<w:tr>${r.map((c, i) => cell(c, i, false)).join('')}</w:tr>`).join('');
  b.raw(
    '<w:tbl><w:tblPr>' +
      `<w:tblW w:w="${width}" w:type="dxa"/>` +
      `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
      '<w:tblLayout w:type="fixed"/>' +
      '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="80" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>' +
      '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
      `</w:tblPr><w:tblGrid>${cols.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${head}${rows}</w:tbl>`,
  );
}

async function documentXml(v: MemoView, pkg: Package, h: Headers): Promise<string> {
  const b = new Body();
  const thai = v.digits[0] !== '0';
  const textWidth = PORTRAIT_TEXT;

  // Head: the Garuda at the left, "บันทึกข้อความ" centred on the text width.
  const garudaAsset = v.garuda === null ? undefined : v.files[v.garuda];
  const garuda = garudaAsset === undefined ? null : await pkg.image(garudaAsset, 360);
  const title = run('บันทึกข้อความ', { bold: true, size: L.titleThPt });
  if (garuda === null) {
    b.p(title, { lineAtLeast: twips(L.garudaHeightCm), jc: 'center', keepNext: true });
  } else {
    b.p(`${pkg.drawing(garuda, L.garudaHeightCm, 3, 'ตราครุฑ')}${tabRun()}${title}`, {
      tabs: [{ val: 'center', pos: Math.round(textWidth / 2) }],
      keepNext: true,
    });
  }
  const dotsToEnd = { val: 'right', pos: textWidth, leader: 'dot' } as const;
  b.p(field('ส่วนราชการ', v.agency), { tabs: [dotsToEnd], keepNext: true });
  b.p(`${field('ที่', v.reference)}${field('วันที่', v.date)}`, {
    tabs: [{ val: 'left', pos: twips(L.dateTabCm), leader: 'dot' }, dotsToEnd],
    keepNext: true,
  });
  b.p(field('เรื่อง', v.subject), { tabs: [dotsToEnd] });
  b.p(run(`${v.salutation}  ${v.to}`), { before: BEFORE });

  // Body: the last paragraph stays with the signature.
  v.body.forEach((p, i) => {
    par(b, p, { before: BEFORE, ...(i === v.body.length - 1 ? { keepNext: true, keepLines: true } : {}) });
  });
  await signature(pkg, b, v, v.signer, L.signatureBlankLines, null, false);

  // Comments (บันทึกต่อเนื่อง): a short one is kept on one page.
  for (const c of v.comments) {
    const keep = c.text.length <= 3;
    b.p('', { keepNext: true });
    b.p(run(c.heading, { bold: true }), { keepNext: true });
    if (c.to !== null) b.p(run(`${c.salutation}  ${c.to}`), { firstLine: twips(L.firstLineIndentCm), keepNext: true });
    c.text.forEach((p, i) => {
      par(b, p, { before: i === 0 ? 0 : BEFORE, keepNext: keep });
    });
    await signature(pkg, b, v, c.signer, c.blank, c.date, false);
  }

  // Attachments: each a section of its own, numbered from 1.
  let previous = { landscape: false, first: true, restart: false };
  for (const a of v.attachments) {
    b.endSection(sectPr({ ...previous, thai }, h), false);
    a.title.forEach((t, i) => {
      b.p(run(t, { bold: true, size: a.thSize }), {
        jc: 'center',
        keepNext: true,
        after: i === a.title.length - 1 && a.intro.length === 0 ? BEFORE : 0,
      });
    });
    a.intro.forEach((p, i) => {
      b.p(run(p.text, { size: a.thSize }), {
        before: BEFORE,
        after: i === a.intro.length - 1 ? BEFORE : 0,
        firstLine: p.indent ? twips(L.firstLineIndentCm) : 0,
        jc: p.justify ? 'thaiDistribute' : 'left',
      });
    });
    table(b, a);
    previous = { landscape: a.landscape, first: false, restart: true };
  }
  b.endSection(sectPr({ ...previous, thai }, h), true);
  return `${XML_HEAD}<w:document ${NS}><w:body>${b.xml()}</w:body></w:document>`;
}

function stylesXml(): string {
  const fonts = `<w:rFonts w:ascii="${DOCX_FONT}" w:hAnsi="${DOCX_FONT}" w:eastAsia="${DOCX_FONT}" w:cs="${DOCX_FONT}"/>`;
  const size = `<w:sz w:val="${L.bodyThPt * 2}"/><w:szCs w:val="${L.bodyThPt * 2}"/>`;
  const lang = '<w:lang w:val="th-TH" w:eastAsia="th-TH" w:bidi="th-TH"/>';
  return (
    `${XML_HEAD}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts}${size}<w:cs/>${lang}</w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr>${fonts}${size}${lang}</w:rPr></w:style>` +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '</w:styles>'
  );
}

function settingsXml(): string {
  return (
    `${XML_HEAD}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="th-TH" w:bidi="th-TH"/>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '</w:settings>'
  );
}

function fontTableXml(): string {
  return (
    `${XML_HEAD}<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    `<w:font w:name="${DOCX_FONT}"><w:panose1 w:val="020B0500040200020003"/><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
    '</w:fonts>'
  );
}

function coreXml(title: string): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:language>th-TH</dc:language></cp:coreProperties>`
  );
}

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="svg" ContentType="image/svg+xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
  '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
  '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
  '<Override PartName="/word/header3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

/** Renders the memo, its comments and its attachments as one editable DOCX file. */
export async function renderMemoDocx(input: MemoInput): Promise<Uint8Array> {
  const v = memoView(input);
  const pkg = new Package();
  pkg.rel('styles', 'styles.xml');
  pkg.rel('settings', 'settings.xml');
  pkg.rel('fontTable', 'fontTable.xml');
  const headers: Headers = {
    memo: pkg.rel('header', 'header1.xml'),
    attachment: pkg.rel('header', 'header2.xml'),
    empty: pkg.rel('header', 'header3.xml'),
  };
  const document = await documentXml(v, pkg, headers);
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'docProps/core.xml': strToU8(coreXml(v.title)),
      'word/document.xml': strToU8(document),
      'word/styles.xml': strToU8(stylesXml()),
      'word/settings.xml': strToU8(settingsXml()),
      'word/fontTable.xml': strToU8(fontTableXml()),
      'word/header1.xml': strToU8(headerXml(v, true)),
      'word/header2.xml': strToU8(headerXml(v, false)),
      'word/header3.xml': strToU8(emptyHeaderXml()),
      'word/_rels/document.xml.rels': strToU8(pkg.relsXml()),
      ...pkg.files(),
    },
    { level: 6, mtime: new Date('2024-01-01T00:00:00Z') },
  );
}
