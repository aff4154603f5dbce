import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors.js';

/** Kinds of upload a module may accept. */
export type FileKind = 'pdf' | 'image' | 'svg' | 'office' | 'text' | 'json';

const KIND_MIMES: Record<FileKind, string[]> = {
  pdf: ['application/pdf'],
  image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  svg: ['image/svg+xml'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  text: ['text/plain', 'text/csv'],
  /** A snapshot of published content (publications of kind news/service/page): UTF-8 JSON. */
  json: ['application/json'],
};

export interface StoredBlob {
  sha256: string;
  size: number;
  mime: string;
}

/**
 * Content-addressed file store: bytes are kept once under their sha256 in DATA_DIR/files, so
 * the same evidence uploaded twice is stored once, and a file's name in the database can never
 * point at different bytes later. The type comes from the content, not the name.
 */
export class FileStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array, opts: { maxBytes: number; kinds: FileKind[]; name?: string }): Promise<StoredBlob> {
    if (bytes.byteLength === 0) throw new AppError(422, 'empty_file', 'core.files.empty');
    if (bytes.byteLength > opts.maxBytes) {
      throw new AppError(413, 'file_too_large', 'core.files.tooLarge', { max: megabytes(opts.maxBytes) });
    }
    const mime = await detectMime(bytes, opts.name);
    const allowed = opts.kinds.flatMap((k) => KIND_MIMES[k]);
    if (!mime || !allowed.includes(mime)) {
      throw new AppError(422, 'file_type_not_allowed', 'core.files.typeNotAllowed', {
        allowed: opts.kinds.join(', '),
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!(await this.has(sha256))) await this.writeAtomically(sha256, bytes);
    return { sha256, size: bytes.byteLength, mime };
  }

  /** Writes aside, syncs and renames: a crash never leaves a half file under a valid name. */
  private async writeAtomically(sha256: string, bytes: Uint8Array) {
    const target = this.pathOf(sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  }

  async read(sha256: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /** Every stored blob's sha256 (for backup). */
  async list(): Promise<string[]> {
    const out: string[] = [];
    let dirs: string[];
    try {
      dirs = await fs.readdir(this.root);
    } catch {
      return out;
    }
    for (const d of dirs.sort()) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of (await fs.readdir(path.join(this.root, d))).sort()) {
        if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
      }
    }
    return out;
  }

  /** Stores bytes already known by their hash (restore); verifies the hash. */
  async putVerified(sha256: string, bytes: Uint8Array): Promise<void> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`file ${sha256} does not match its hash`);
    await this.writeAtomically(sha256, bytes);
  }
}

/** A size limit as people read it: 10, 2.5, 0.5 (megabytes). */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

async function detectMime(bytes: Uint8Array, name?: string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  // An SVG saved by Inkscape or Illustrator starts with an XML prolog, which file-type reports
  // as generic XML: look for the <svg> root before taking that answer.
  if (!detected || detected.mime === 'application/xml') {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
    if (/^\uFEFF?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) {
      return 'image/svg+xml';
    }
  }
  if (detected) {
    // OOXML files are zip archives; file-type names the exact kind from their content.
    return detected.mime;
  }
  if (isProbablyText(bytes)) {
    const lower = name?.toLowerCase() ?? '';
    if (lower.endsWith('.json') && isJson(bytes)) return 'application/json';
    return lower.endsWith('.csv') ? 'text/csv' : 'text/plain';
  }
  return null;
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}

function isProbablyText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if (b === 0) return false;
  try {
    // A sample cut from a longer file may end inside a character (Thai takes 3 bytes): decoding
    // as a stream keeps that incomplete tail for later instead of calling it invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: sample.byteLength < bytes.byteLength });
    return true;
  } catch {
    return false;
  }
}
