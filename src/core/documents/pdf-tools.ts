/**
 * Reading rendered PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts), for tests
 * and checks. Callers skip when {@link popplerMissing} says the tools are not installed.
 */
import { spawnSync } from 'node:child_process';

function run(tool: string, args: readonly string[], input?: Uint8Array): string {
  const r = spawnSync(tool, args, { input, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

let missing: string | false | undefined;

/** A message naming the missing tool, or false when pdftotext, pdfinfo and pdffonts all run. */
export function popplerMissing(): string | false {
  if (missing === undefined) {
    missing = false;
    for (const tool of ['pdftotext', 'pdfinfo', 'pdffonts']) {
      const r = spawnSync(tool, ['-v'], { encoding: 'utf8' });
      if (r.error !== undefined) {
        missing = `${tool} not found: install poppler-utils (apt-get install poppler-utils) to run the PDF text checks`;
        break;
      }
    }
  }
  return missing;
}

/**
 * Text of the PDF (or of one page), in pdftotext's reading order; `layout` keeps the physical
 * layout (table columns side by side), `raw` keeps the order of the content stream (Typst
 * writes a table cell by cell, so each cell's text stays together).
 */
export function pdfText(pdf: Uint8Array, opts: { layout?: boolean; raw?: boolean; page?: number } = {}): string {
  const args = ['-q', '-enc', 'UTF-8'];
  if (opts.layout === true) args.push('-layout');
  if (opts.raw === true) args.push('-raw');
  if (opts.page !== undefined) args.push('-f', String(opts.page), '-l', String(opts.page));
  return run('pdftotext', [...args, '-', '-'], pdf);
}

/** Each page's size in points, [width, height]. */
export function pdfPageSizes(pdf: Uint8Array): [number, number][] {
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', ['-'], pdf))?.[1] ?? '0');
  const out = run('pdfinfo', ['-f', '1', '-l', String(pages), '-'], pdf);
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Base names of the fonts embedded in the PDF (subset prefixes removed), e.g. "Sarabun-Bold". */
export function pdfFonts(pdf: Uint8Array): string[] {
  const lines = run('pdffonts', ['-'], pdf).split('\n').slice(2);
  return lines.filter((l) => l.trim() !== '').map((l) => (l.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
}

/** Removes all whitespace: PDF text extraction breaks lines and spaces where the layout did. */
export function squash(s: string): string {
  return s.replace(/\s+/gu, '');
}

/** A word of the PDF with its box in points (y grows downwards) and its 1-based page. */
export interface PdfWord {
  readonly page: number;
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Every word with its position (pdftotext -bbox). */
export function pdfWords(pdf: Uint8Array): PdfWord[] {
  const html = run('pdftotext', ['-q', '-enc', 'UTF-8', '-bbox', '-', '-'], pdf);
  const words: PdfWord[] = [];
  html
    .split('<page ')
    .slice(1)
    .forEach((pageHtml, i) => {
      for (const m of pageHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page: i + 1, text: m[5] ?? '', xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
      }
    });
  return words;
}
