import fs from 'node:fs';
import path from 'node:path';
import { generatePassword } from '../core/auth/passwords.js';
import { systemActor } from '../core/auth/roles.js';
import type { Config } from '../core/config.js';
import type { AppServices } from '../core/context.js';
import type { DemoContext } from '../core/module.js';
import { modules } from '../modules/index.js';
import { createOrganization, organizationCount } from '../modules/organization/service.js';
import { DEMO_ORGANIZATION } from './organization.js';

/** The accounts the demo creates, one per role (the list), in this order. */
export const DEMO_USERNAMES = ['admin', 'ita', 'head', 'deputy', 'mayor', 'frontdesk', 'finance', 'counter1', 'legal'] as const;

const MARKER = 'prongsai-demo.json';

interface DemoRecord {
  createdAt: string;
  passwords: Record<string, string>;
}

export function demoDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? './data-demo');
}

/** Starts over: removes the demo data dir, but only one the demo made (never an office's real data). */
export function resetDemoDir(dir: string) {
  if (!fs.existsSync(dir)) return;
  const entries = fs.readdirSync(dir);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new Error(`${dir} is not a demo data directory (no ${MARKER}); refusing to delete it`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export function readDemoRecord(dir: string): DemoRecord | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as DemoRecord;
  } catch {
    return null;
  }
}

/**
 * Builds the demo organization from the founding memo, once: every module adds its part
 * through its `demo` hook, in registry order, as ordinary audited commands.
 */
export async function seedDemo(app: AppServices, config: Config, log: (line: string) => void): Promise<DemoRecord | null> {
  if ((await organizationCount(app)) > 0) return readDemoRecord(config.dataDir);
  const fixed = process.env.PRONGSAI_DEMO_PASSWORD;
  const passwords: Record<string, string> = {};
  const password = (username: string) => {
    passwords[username] ??= fixed || generatePassword();
    return passwords[username];
  };
  const org = await createOrganization(app, DEMO_ORGANIZATION, 'localhost');
  const demo: DemoContext = {
    ctx: { app, orgId: org.id, actor: systemActor(org.id, 'demo') },
    shared: new Map(),
    log,
    password,
    now: app.now(),
  };
  demo.shared.set('organization', org);
  for (const m of modules) if (m.demo) await m.demo(demo);
  const record: DemoRecord = { createdAt: new Date().toISOString(), passwords: fixed ? {} : passwords };
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(config.dataDir, MARKER), JSON.stringify(record, null, 2), { mode: 0o600 });
  return record;
}

export function printDemoAccounts(record: DemoRecord | null, url: string) {
  const fixed = process.env.PRONGSAI_DEMO_PASSWORD;
  const lines = [
    '',
    'Demo organization: องค์การบริหารส่วนตำบลลูโบะปือซา (demo data only — never use these accounts for real work)',
    `Open ${url}/ (public site) and ${url}/login (staff). Accounts:`,
  ];
  for (const u of DEMO_USERNAMES) {
    const pw = fixed ? '(PRONGSAI_DEMO_PASSWORD)' : (record?.passwords[u] ?? '(set when the demo was first created)');
    lines.push(`  ${u.padEnd(10)} ${pw}`);
  }
  console.log(lines.join('\n'));
}
