import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { runDir } from './support/run.js';

/**
 * Runs after both servers answer /healthz. Refuses to go on against anything but two fresh,
 * embedded-database installations, so a stray server can never have its data changed by the specs.
 */
export default async function globalSetup(config: FullConfig) {
  const dir = runDir();
  if (!fs.existsSync(dir)) throw new Error(`The run directory ${dir} is missing`);
  const servers = Array.isArray(config.webServer) ? config.webServer : [];
  for (const server of servers) {
    const url = String((server as { url?: string }).url);
    const res = await fetch(url);
    const health = (await res.json()) as { status: string; db: string };
    if (health.status !== 'ok' || health.db !== 'pglite')
      throw new Error(`${url} answered ${JSON.stringify(health)}; expected a fresh PGlite installation`);
    const home = await fetch(url.replace(/\/healthz$/, '/'), { redirect: 'manual' });
    if (home.status !== 303 || home.headers.get('location') !== '/setup') {
      throw new Error(
        `${url.replace(/\/healthz$/, '/')} is already set up (answered ${home.status}); the browser tests need a fresh installation`,
      );
    }
  }
  fs.writeFileSync(`${dir}/state.json`, '{}');
}
