import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { z } from 'zod';

/**
 * The backup archive: a tar file (gzip-compressed when its name ends in .gz or .tgz) holding
 *
 *   manifest.json              what is inside, with the sha256 and size of every other member
 *   db/<table>.jsonl           one JSON object per row (row_to_json), tables in load order
 *   files/<ab>/<sha256>        the stored files, exactly as in DATA_DIR/files
 *
 * The dump is logical (JSON rows, not PGlite's data-dir image), so one archive restores into
 * either an empty PGlite data dir or an empty PostgreSQL database.
 */
export const FORMAT = 'prongsai-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const tableName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a table name of lower-case letters, digits and _');

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgresql']), serverVersion: z.string() }),
  migrations: z.array(z.object({ idx: z.number().int().nonnegative(), tag: z.string(), hash: sha256Hex })),
  tables: z.array(z.object({ name: tableName, member: z.string(), rows: z.number().int().nonnegative() })),
  /** Sequences no column owns, with the value they had. */
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
  files: z.number().int().nonnegative(),
  members: z.record(z.string(), z.object({ sha256: sha256Hex, size: z.number().int().nonnegative() })),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const tableMember = (table: string) => `db/${table}.jsonl`;
export const fileMember = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256}`;
const FILE_MEMBER = /^files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** The sha256 a files/ member name promises, or null when the name is not a stored file's. */
export function fileMemberHash(name: string): string | null {
  const [, prefix, sha] = FILE_MEMBER.exec(name) ?? [];
  return prefix && sha?.startsWith(prefix) ? sha : null;
}

export const wantsGzip = (file: string) => /\.(t?gz)$/i.test(file);

/** A tar being written to a file; entries go in one at a time, each with its size known first. */
export class ArchiveWriter {
  private pack = tar.pack();
  private done: Promise<void>;
  /** Rejects when the output fails (disk full…), so no write waits for a drain that never comes. */
  private failed: Promise<never>;
  private mtime = new Date();

  constructor(file: string, gzip: boolean) {
    const out = fs.createWriteStream(file, { flags: 'wx' });
    this.done = gzip ? pipeline(this.pack, zlib.createGzip(), out) : pipeline(this.pack, out);
    this.failed = this.done.then(() => new Promise<never>(() => {}));
    this.failed.catch(() => {}); // observed by whichever step is waiting; finish() awaits done
  }

  async addBuffer(name: string, bytes: Buffer): Promise<void> {
    const added = new Promise<void>((resolve, reject) => {
      this.pack.entry({ name, size: bytes.byteLength, mode: 0o644, mtime: this.mtime }, bytes, (e) => (e ? reject(e) : resolve()));
    });
    await Promise.race([added, this.failed]);
  }

  /** Streams a file in as `name`; returns the sha256 of what was written. */
  async addFile(name: string, source: string, size: number): Promise<string> {
    const hash = createHash('sha256');
    let written = 0;
    let sink: ReturnType<tar.Pack['entry']> | undefined;
    const added = new Promise<void>((resolve, reject) => {
      sink = this.pack.entry({ name, size, mode: 0o644, mtime: this.mtime }, (e) => (e ? reject(e) : resolve()));
    });
    added.catch(() => {});
    const entry = sink as ReturnType<tar.Pack['entry']>;
    for await (const chunk of fs.createReadStream(source)) {
      const buf = chunk as Buffer;
      written += buf.byteLength;
      // The header already promised `size` bytes: a file that grew meanwhile is an error.
      if (written > size) break;
      hash.update(buf);
      if (!entry.write(buf)) await Promise.race([new Promise<void>((r) => entry.once('drain', () => r())), this.failed]);
    }
    if (written !== size) throw new Error(`${source} changed size while it was being archived`);
    entry.end(null); // streamx's types want an argument; null adds no data
    await Promise.race([added, this.failed]);
    return hash.digest('hex');
  }

  async finish(): Promise<void> {
    this.pack.finalize();
    await this.done;
  }

  /** Stops writing after a failure; the caller removes the partial file. */
  async abort(e: Error): Promise<void> {
    this.pack.destroy(e);
    await this.done.catch(() => {});
  }
}

export interface ArchiveEntry {
  name: string;
  size: number;
  type: string;
  body: AsyncIterable<Buffer>;
}

/**
 * The members of an archive in order, gzip or not (told by its first bytes, not by its name).
 * Each entry's body must be read, or skipped with drain(), before the next one arrives.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const extract = tar.extract();
  const source = fs.createReadStream(file);
  const fed = gzipped ? pipeline(source, zlib.createGunzip(), extract) : pipeline(source, extract);
  fed.catch(() => {}); // the same error ends the iteration below
  try {
    for await (const entry of extract) {
      yield {
        name: entry.header.name,
        size: entry.header.size ?? 0,
        type: entry.header.type ?? 'file',
        body: guarded(entry as AsyncIterable<Buffer>, file),
      };
    }
    await fed;
  } catch (e) {
    throw new ArchiveError(`${file} is not a readable backup archive: ${(e as Error).message}`);
  } finally {
    source.destroy();
  }
}

/** A member's bytes; a read that fails inside it (a cut archive) is an ArchiveError too. */
async function* guarded(body: AsyncIterable<Buffer>, file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`${file} is not a readable backup archive: ${(e as Error).message}`);
  }
}

export async function drain(body: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of body) {
    /* skip */
  }
}

/** An archive that is damaged, tampered with or not ours: refused before anything is written. */
export class ArchiveError extends Error {}

/** Splits a byte stream into lines (without the newline); UTF-8 never has 0x0a inside a character. */
export async function* lines(body: AsyncIterable<Buffer>, onChunk?: (chunk: Buffer) => void): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of body) {
    onChunk?.(chunk);
    let start = 0;
    let nl = chunk.indexOf(0x0a);
    while (nl !== -1) {
      const piece = chunk.subarray(start, nl);
      yield (pending.length ? Buffer.concat([...pending, piece]) : piece).toString('utf8');
      pending = [];
      start = nl + 1;
      nl = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending).toString('utf8');
}
