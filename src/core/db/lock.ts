import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An exclusive lock on a data directory.
 *
 * PGlite gives no error when two processes open the same directory, and the second process's
 * "successful" writes vanish (measured: stack-findings.md). So the app refuses to open a data
 * directory another live process holds. The lock file records the holder's pid and the kernel's
 * start time of that pid, so a lock left by a killed process — even if its pid was reused
 * since — does not block the next start.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number,
    readonly holderHost: string = os.hostname(),
  ) {
    super(
      holderHost === os.hostname()
        ? `The data directory ${dir} is already in use by process ${holderPid}. Stop that process first, or set DATA_DIR to another directory.`
        : // Another machine (or a re-created container) cannot be checked: say how to clear it.
          `The data directory ${dir} is locked by process ${holderPid} on host "${holderHost}". If no Prongsai runs there any more, delete ${path.join(dir, 'prongsai.lock')} and start again.`,
    );
  }
}

interface LockRecord {
  pid: number;
  start: string | null;
  host: string;
  since: string;
  /** The kernel's boot id (Linux): after a reboot the same pid and start time can recur. */
  boot?: string | null;
}

function bootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Written before the machine last booted: its process is gone, whatever its pid says now. */
function fromEarlierBoot(record: LockRecord): boolean {
  const now = bootId();
  return record.boot != null && now !== null && record.boot !== now;
}

/** The kernel's start time of a process (Linux), to tell a live holder from a reused pid. */
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(record: LockRecord): boolean {
  if (record.host !== os.hostname()) return true; // cannot check another machine: assume alive
  if (fromEarlierBoot(record)) return false;
  try {
    process.kill(record.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const start = processStartTime(record.pid);
  return record.start === null || start === null || start === record.start;
}

function readRecord(file: string): LockRecord | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockRecord;
  } catch {
    return null;
  }
}

export interface DataDirLock {
  release(): void;
}

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'prongsai.lock');
  const mine: LockRecord = {
    pid: process.pid,
    start: processStartTime(process.pid),
    host: os.hostname(),
    since: new Date().toISOString(),
    boot: bootId(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(mine));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const now = readRecord(file);
        if (now && now.pid === mine.pid && now.start === mine.start) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      // Two processes that both found the same stale lock may both have removed it; the one
      // whose record is not in the file after a moment lost the race.
      await new Promise((r) => setTimeout(r, 60));
      const check = readRecord(file);
      if (!check || check.pid !== mine.pid || check.start !== mine.start) {
        throw new DataDirLockedError(dir, check?.pid ?? 0);
      }
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // Unreadable means half-written by a crash at the wrong moment: stale.
    const holder = readRecord(file);
    if (holder && holder.pid !== process.pid && isAlive(holder)) {
      throw new DataDirLockedError(dir, holder.pid, holder.host);
    }
    if (holder && holder.pid === process.pid && holder.start === mine.start && !fromEarlierBoot(holder)) {
      throw new DataDirLockedError(dir, holder.pid);
    }
    fs.rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not lock ${dir}`);
}
