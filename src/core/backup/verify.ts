import { createHash } from 'node:crypto';
import { type Migration, readMigrations } from '../db/migrate.js';
import { ArchiveError, drain, fileMemberHash, MANIFEST, type Manifest, manifestSchema, readArchive, tableMember } from './archive.js';

const MANIFEST_LIMIT = 64 * 1024 * 1024;

async function readAll(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of body) {
    n += chunk.byteLength;
    if (n > limit) throw new ArchiveError('manifest.json is implausibly large');
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ArchiveError('manifest.json is not valid JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArchiveError(`manifest.json is not a Prongsai backup manifest (${issue?.path.join('.') || 'root'}: ${issue?.message})`);
  }
  const m = parsed.data;
  // Every member the manifest names must be a table it lists or a stored file, and vice versa.
  const tableMembers = new Set(m.tables.map((t) => t.member));
  for (const t of m.tables) {
    if (t.member !== tableMember(t.name) || !m.members[t.member])
      throw new ArchiveError(`manifest.json lists table ${t.name} without its member`);
  }
  let files = 0;
  for (const name of Object.keys(m.members)) {
    if (tableMembers.has(name)) continue;
    const sha = fileMemberHash(name);
    if (!sha || m.members[name]?.sha256 !== sha) throw new ArchiveError(`manifest.json names an unexpected member ${name}`);
    files++;
  }
  if (files !== m.files) throw new ArchiveError(`manifest.json counts ${m.files} files but lists ${files}`);
  return m;
}

/** Reads only the manifest (the first member): cheap checks before the full verification. */
export async function readManifest(file: string): Promise<Manifest> {
  for await (const entry of readArchive(file)) {
    if (entry.name !== MANIFEST)
      throw new ArchiveError(`${file} is not a Prongsai backup: its first member is ${entry.name}, not ${MANIFEST}`);
    return parseManifest(await readAll(entry.body, MANIFEST_LIMIT));
  }
  throw new ArchiveError(`${file} is empty`);
}

/**
 * Reads the whole archive once and checks every member against the manifest's sha256 and
 * size: a damaged, truncated or altered archive is refused before anything is written.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  const seen = new Set<string>();
  for await (const entry of readArchive(file)) {
    if (!manifest) {
      if (entry.name !== MANIFEST)
        throw new ArchiveError(`${file} is not a Prongsai backup: its first member is ${entry.name}, not ${MANIFEST}`);
      manifest = parseManifest(await readAll(entry.body, MANIFEST_LIMIT));
      continue;
    }
    if (entry.type === 'directory') {
      await drain(entry.body); // added if someone unpacked and repacked it with tar: harmless
      continue;
    }
    const expected = manifest.members[entry.name];
    if (entry.type !== 'file' || !expected)
      throw new ArchiveError(`The archive holds ${entry.name}, which its manifest does not list: it was altered.`);
    if (seen.has(entry.name)) throw new ArchiveError(`The archive holds ${entry.name} twice: it was altered.`);
    seen.add(entry.name);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of entry.body) {
      hash.update(chunk);
      size += chunk.byteLength;
    }
    if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
      throw new ArchiveError(
        `The archive member ${entry.name} does not match its sha256 in the manifest: the archive is damaged or was altered. Nothing was restored.`,
      );
    }
  }
  if (!manifest) throw new ArchiveError(`${file} is empty`);
  const missing = Object.keys(manifest.members).filter((n) => !seen.has(n));
  if (missing.length > 0) {
    throw new ArchiveError(
      `The archive lacks ${missing.length} member(s) its manifest lists (first: ${missing[0]}): it is incomplete. Nothing was restored.`,
    );
  }
  return manifest;
}

/**
 * The backup's schema level, checked against the migrations this version of Prongsai ships: the
 * target is built by running them, so each of the backup's must be here, unchanged.
 */
export function backupLevel(manifest: Manifest, local: Migration[] = readMigrations()): number {
  const byIdx = new Map(local.map((m) => [m.idx, m]));
  let level = -1;
  for (const m of [...manifest.migrations].sort((a, b) => a.idx - b.idx)) {
    const here = byIdx.get(m.idx);
    if (!here) {
      throw new ArchiveError(
        `The backup was made by a newer Prongsai (${manifest.appVersion}; it has migration ${m.tag}, which this version does not know). Upgrade Prongsai, then restore.`,
      );
    }
    if (here.tag !== m.tag || here.hash !== m.hash) {
      throw new ArchiveError(
        `The backup's migration ${m.tag} differs from this version's ${here.tag}: restore it with the Prongsai version that made it (${manifest.appVersion}).`,
      );
    }
    if (m.idx !== level + 1)
      throw new ArchiveError(`The backup's migrations skip from ${level} to ${m.idx}: the manifest is inconsistent.`);
    level = m.idx;
  }
  return level;
}
