/**
 * The Typst compiler, kept warm: one per process, created on first use with the Sarabun
 * fonts, reused for every document. Calls are serialized through a queue: the native
 * compiler keeps per-instance state (the virtual files of the current document), so two
 * documents must never be compiled at the same time on it.
 *
 * Compilation runs synchronously on the calling thread (a few milliseconds a page), so a
 * long document holds the event loop for that long.
 *
 * Safety: the compiler's file system is a virtual root that does not exist on disk, so
 * a template can only read the files passed to {@link renderPdf}; packages (`@preview/…`)
 * cannot be downloaded (no network). User text must never be pasted into Typst source
 * unescaped: use {@link typstString} in code and {@link typstContent} in markup — or,
 * better, pass data as a JSON file, as the memo template does.
 */
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { sarabunFonts } from './fonts.js';

/** Where the virtual files live. Nothing exists there on disk, so nothing else can be read. */
const VIRTUAL_ROOT = '/nonexistent/prongsai-typst';

/** Thrown when Typst reports errors; `diagnostics` holds its messages. */
export class TypstError extends Error {
  override readonly name = 'TypstError';
  constructor(readonly diagnostics: readonly string[]) {
    super(`Typst compilation failed: ${diagnostics.join('; ') || 'unknown error'}`);
  }
}

let compiler: NodeCompiler | undefined;
let queue: Promise<unknown> = Promise.resolve();
let renders = 0;

function getCompiler(): NodeCompiler {
  if (compiler === undefined) {
    const f = sarabunFonts();
    compiler = NodeCompiler.create({
      workspace: VIRTUAL_ROOT,
      fontArgs: [{ fontBlobs: [f.regular, f.bold, f.italic, f['bold-italic']] }],
    });
  }
  return compiler;
}

/** Creates the compiler and loads the fonts now, so the first document is not slower (about 60 ms). */
export function warmUp(): void {
  getCompiler();
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

function checkFileName(name: string): void {
  if (!FILE_NAME.test(name) || name.split('/').some((p) => p === '..' || p === '.')) {
    throw new RangeError(`Invalid virtual file name for Typst: ${JSON.stringify(name)}`);
  }
}

function messages(diagnostics: readonly unknown[]): string[] {
  return diagnostics.map((d) => {
    if (d !== null && typeof d === 'object' && 'message' in d) {
      const hints = 'hints' in d && Array.isArray(d.hints) && d.hints.length > 0 ? ` (hint: ${d.hints.join('; ')})` : '';
      return `${String(d.message)}${hints}`;
    }
    return String(d);
  });
}

function compileNow(source: string, files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const c = getCompiler();
  const mapped: string[] = [];
  try {
    for (const [name, bytes] of Object.entries(files)) {
      checkFileName(name);
      const p = `${VIRTUAL_ROOT}/${name}`;
      c.mapShadow(p, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      mapped.push(p);
    }
    const result = c.compile({ mainFileContent: source });
    const error = result.takeError();
    if (error !== null) throw new TypstError(messages(error.shortDiagnostics));
    const doc = result.result;
    if (doc === null) throw new TypstError([]);
    const pdf = c.pdf(doc);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    for (const p of mapped) c.unmapShadow(p);
    // Typst memoizes layouts in a process-wide cache: drop entries unused for a while so
    // a long-running server does not grow without bound.
    renders += 1;
    if (renders % 32 === 0) c.evictCache(16);
  }
}

/**
 * Compiles Typst `source` to PDF. `files` are virtual files the source can reference by
 * relative name (e.g. `image("garuda.svg")`, `json("data.json")`); they exist only for
 * this call. Calls are queued and run one at a time.
 */
export function renderPdf(source: string, files: Readonly<Record<string, Uint8Array>> = {}): Promise<Uint8Array> {
  const run = queue.then(() => compileNow(source, files));
  queue = run.catch(() => undefined);
  return run;
}

// Lone UTF-16 surrogates cannot cross into the compiler (it takes UTF-8): show U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A Typst string literal (with quotes) whose value is exactly `s`, for use in Typst code,
 * e.g. `#text(weight: "bold", ${typstString(name)})`. Escapes `\`, `"` and every control
 * character; nothing inside a string literal is ever evaluated.
 */
export function typstString(s: string): string {
  let out = '"';
  for (const ch of s.replace(LONE_SURROGATE, '\uFFFD')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x2028 || cp === 0x2029) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * `s` as a piece of Typst markup that shows exactly `s` as text, e.g.
 * `[เรื่อง ${typstContent(subject)}]`. The text becomes a string value (`#"…";`), so markup
 * characters (`# [ ] * _ $ @ < > \` = - + / ~ '`), which would otherwise start code,
 * emphasis, math, labels, references or comments, stay plain characters. The closing `;`
 * ends the embedded expression, so whatever the template writes next is not read as a
 * method call on the string.
 */
export function typstContent(s: string): string {
  return `#${typstString(s)};`;
}
