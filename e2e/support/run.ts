import fs from 'node:fs';
import path from 'node:path';

/**
 * What the specs of one run share: the run's temporary directory (made by playwright.config.ts,
 * deleted by the global teardown) and a small state file in it, where the setup story leaves the
 * first administrator's credentials for the stories after it.
 */
export interface Credentials {
  username: string;
  password: string;
  /** The name the staff header shows, e.g. "นางสาวฟาตีเมาะ หะยีสาและ". */
  displayName: string;
}

interface RunState {
  admin?: Credentials;
}

export function runDir(): string {
  const dir = process.env.PRONGSAI_E2E_DIR;
  if (!dir) throw new Error('PRONGSAI_E2E_DIR is not set: run the browser tests through playwright.config.ts (npm test -- --e2e)');
  return dir;
}

const statePath = () => path.join(runDir(), 'state.json');

function readState(): RunState {
  try {
    return JSON.parse(fs.readFileSync(statePath(), 'utf8')) as RunState;
  } catch {
    return {};
  }
}

export function saveAdmin(admin: Credentials) {
  fs.writeFileSync(statePath(), JSON.stringify({ ...readState(), admin }, null, 2));
}

export function loadAdmin(): Credentials {
  const admin = readState().admin;
  if (!admin) throw new Error('No administrator saved: the "setup" project (admin-sets-up-a-new-organization) must run first');
  return admin;
}

/** The never-set-up second installation, for the setup page's own checks. */
export function freshServerUrl(): string {
  const url = process.env.PRONGSAI_E2E_FRESH_URL;
  if (!url) throw new Error('PRONGSAI_E2E_FRESH_URL is not set: run through playwright.config.ts');
  return url;
}

let counter = 0;
/** This worker's letter: two workers running at once never have the same (a, b, …). */
const worker = String.fromCharCode(97 + (Number(process.env.TEST_PARALLEL_INDEX) || 0));
/**
 * A short suffix that keeps names unique within the run (the app refuses duplicate divisions and
 * usernames), also between workers making names in the same millisecond: the worker's letter and
 * its counter are unique, the time tells a restarted worker's names from its predecessor's. As
 * long as it was with one worker (the pages that show these names are checked at 360 px).
 */
export function unique(): string {
  counter++;
  return `${Date.now().toString(36).slice(-4)}${worker}${counter}`;
}
