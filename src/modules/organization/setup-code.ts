import { randomInt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppServices } from '../../core/context.js';
import type { AppContext } from '../../core/http/env.js';

/**
 * Who may run first-run setup. Until an organization exists, the setup page would make whoever
 * reaches it first the administrator — anyone on the office LAN when HOST=0.0.0.0, or a web
 * page that rebinds its own domain to 127.0.0.1. So setup from anywhere but this machine itself
 * (a loopback address AND a loopback host name) needs the setup code, which only the person who
 * started the server can read: it is printed at start and kept in DATA_DIR/setup-code.
 */
const FILE = 'setup-code';
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function codePath(app: AppServices) {
  return path.join(app.config.dataDir, FILE);
}

export function ensureSetupCode(app: AppServices): string {
  const file = codePath(app);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const code = Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + ALPHABET[randomInt(ALPHABET.length)]).join('');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${code}\n`, { mode: 0o600 });
    return code;
  }
}

export function removeSetupCode(app: AppServices) {
  fs.rmSync(codePath(app), { force: true });
}

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
const LOOPBACK_IP = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The browser runs on this machine and addresses it by a loopback name (not a rebound domain). */
export function isLocalRequest(c: AppContext): boolean {
  const ip = c.get('ip');
  return !!ip && LOOPBACK_IP.test(ip) && LOOPBACK_HOST.test(c.req.header('host') ?? '');
}

export function setupCodeMatches(app: AppServices, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent.trim().toUpperCase());
  const b = Buffer.from(ensureSetupCode(app));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** At start, while no organization exists: tell the operator where to set up, and the code. */
export function announceSetup(app: AppServices, hasOrganization: () => Promise<boolean>): () => void {
  void hasOrganization().then((has) => {
    if (has) return;
    const code = ensureSetupCode(app);
    console.log(
      `\nFirst-time setup: open /setup in a browser on this computer (e.g. http://127.0.0.1:${app.config.port}/setup).\n` +
        `From another computer the setup page asks for this setup code: ${code}  (also in ${codePath(app)})\n`,
    );
  });
  return () => {};
}
