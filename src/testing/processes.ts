import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { systemActor } from '../core/auth/roles.js';
import { MIGRATIONS_TABLE, readCatalog } from '../core/backup/catalog.js';
import { withSession } from '../core/backup/session.js';
import { loadConfig } from '../core/config.js';
import type { AppServices, ServiceContext } from '../core/context.js';
import type { Database } from '../core/db/client.js';
import { closeServices, createServices } from '../core/services.js';
import { modules } from '../modules/index.js';
import { createOrganization } from '../modules/organization/service.js';
import { ensurePgliteTemplate } from './database.js';

/**
 * Test helpers for the backup, lock, durability and command-line tests: temporary directories,
 * fresh PostgreSQL databases, whole-database comparison, and child processes that are always
 * cleaned up (a test that fails half-way must not leave a PGlite holding a directory).
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const dirs = new Set<string>();
const children = new Set<ChildProcess>();

export function tempDir(prefix = 'prongsai-t-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** Kills every child still running and removes every temporary directory; call it in after(). */
export async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c)));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs.clear();
}
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

let base: Promise<string> | undefined;

/**
 * A PGlite data directory with the schema migrated and no rows, for tests whose subject is not
 * creating one: initdb in WASM takes seconds (tens on a busy machine); a copy takes a moment.
 */
export async function preparedDataDir(): Promise<string> {
  base ??= (async () => {
    const dir = tempDir('prongsai-base-');
    const client = new PGlite(path.join(dir, 'db'), { loadDataDir: new Blob([fs.readFileSync(await ensurePgliteTemplate())]) });
    await client.waitReady;
    await client.close();
    return dir;
  })();
  const dir = tempDir();
  fs.cpSync(path.join(await base, 'db'), path.join(dir, 'db'), { recursive: true });
  return dir;
}

/** The application opened (PGlite in dataDir, or PostgreSQL at databaseUrl; migrated) for fn, then closed. */
export async function withApp<T>(dataDir: string, fn: (services: AppServices) => Promise<T>, databaseUrl = ''): Promise<T> {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, 'test');
  const services = await createServices(config, modules, { logger: pino({ level: 'silent' }) });
  try {
    return await fn(services);
  } finally {
    await closeServices(services);
  }
}

let orgs = 0;
/** A new organization (its creation is its first audit entry) and a context acting in it. */
export async function newOrg(services: AppServices): Promise<ServiceContext> {
  orgs++;
  const org = await createOrganization(
    services,
    { type: 'sao', name: `ทดสอบ${process.pid}${orgs}`, province: 'นราธิวาส', district: 'บาเจาะ', docCode: 'นธ 78101', address: '99 หมู่ 1' },
    `org${process.pid}n${orgs}.test`,
  );
  return { app: services, orgId: org.id, actor: systemActor(org.id, 'test') };
}

/** A new, empty PostgreSQL database beside the one TEST_DATABASE_URL names. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `prongsai_bk_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Every row of every table (but the migrations' bookkeeping), as sorted JSON text, in UTC. */
export async function tableRows(database: Database): Promise<Record<string, string[]>> {
  return withSession(database, async (s) => {
    await s.query('BEGIN');
    await s.query("SET LOCAL TimeZone = 'UTC'");
    const out: Record<string, string[]> = {};
    for (const t of (await readCatalog(s)).tables) {
      if (t.name === MIGRATIONS_TABLE) continue;
      const rows = await s.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM public."${t.name}" AS t`);
      out[t.name] = rows.map((r) => r.j).sort();
    }
    await s.query('COMMIT');
    return out;
  });
}

/** The stored files under a FileStore root: relative path → sha256 of the bytes. */
export function storedFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(root)) return out;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

export interface Child {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching, rejects on exit or timeout. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx …` in the repository, with the environment given on top of ours. */
export function startChild(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', TEST_DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of waiters) w();
  });
  proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('close', (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
      for (const w of waiters) w();
    });
  });
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(re, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${re}; stdout: ${out} stderr: ${err}`)), timeoutMs);
        const check = () => {
          const line = out.split('\n').find((l) => re.test(l));
          if (line !== undefined) finish(null, line);
          else if (proc.exitCode !== null || proc.signalCode !== null)
            finish(new Error(`exited before ${re}; stdout: ${out} stderr: ${err}`));
        };
        const finish = (e: Error | null, line?: string) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (e) reject(e);
          else resolve(line as string);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs a child to its end (killed after the timeout) and returns its exit code and output. */
export async function runChild(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startChild(args, env);
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), timeoutMs);
  const { code } = await child.exited;
  clearTimeout(timer);
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

async function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const closed = new Promise((r) => c.once('close', r));
  c.kill('SIGKILL');
  await closed;
}

/** The byte offset and size of a member's data in an uncompressed tar (for tampering tests). */
export function tarMemberData(tar: Buffer, name: string): { offset: number; size: number } {
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    const memberName = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (memberName === '') break;
    const size = Number.parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    if (memberName === name) return { offset: at + 512, size };
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in the archive`);
}
