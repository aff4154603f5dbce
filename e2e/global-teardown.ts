import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Deletes the run's temporary directory (both servers' data dirs and the state file).
 *
 * Playwright runs the global teardown before it stops the web servers, and a data dir must not
 * vanish under a running server. So each server is stopped first the way an operator would:
 * SIGTERM to the pid its data-dir lock names (the app then closes the database cleanly); the
 * lock's process start time guards against a reused pid.
 */
export default async function globalTeardown() {
  const dir = process.env.PRONGSAI_E2E_DIR;
  // Only ever a directory this run made under the system's temporary directory.
  if (!dir || path.dirname(dir) !== path.resolve(os.tmpdir()) || !path.basename(dir).startsWith('prongsai-e2e-')) return;
  for (const dataDir of ['data', 'data-fresh']) await stopHolder(path.join(dir, dataDir));
  fs.rmSync(dir, { recursive: true, force: true });
}

function startTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

async function stopHolder(dataDir: string) {
  let lock: { pid: number; start: string | null };
  try {
    lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'prongsai.lock'), 'utf8'));
  } catch {
    return; // no lock: no server holds this dir
  }
  const alive = () => startTime(lock.pid) !== null && startTime(lock.pid) === lock.start;
  if (!alive()) return;
  process.kill(lock.pid, 'SIGTERM');
  for (let waited = 0; waited < 15_000 && alive(); waited += 100) await new Promise((r) => setTimeout(r, 100));
}
