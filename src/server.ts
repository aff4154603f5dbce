import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { deleteExpiredSessions } from './core/auth/sessions.js';
import type { Config } from './core/config.js';
import type { AppServices } from './core/context.js';
import { closeAllSseStreams } from './core/events/sse.js';
import { createRegistry } from './core/module.js';
import { closeServices, createServices } from './core/services.js';
import { loadAssets } from './core/ui/assets.js';
import { modules } from './modules/index.js';

export interface RunningServer {
  services: AppServices;
  url: string;
  close(): Promise<void>;
}

/** Opens everything, starts the workers and serves HTTP until closed. */
export async function startServer(
  config: Config,
  opts: { onListen?: (url: string) => void; beforeServe?: (services: AppServices) => Promise<void> } = {},
): Promise<RunningServer> {
  loadAssets();
  const services = await createServices(config, modules);
  if (opts.beforeServe) {
    try {
      await opts.beforeServe(services);
    } catch (e) {
      await closeServices(services);
      throw e;
    }
  }
  const registry = createRegistry(modules);
  const { app } = createApp(services, registry);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        const addr = server.address();
        const port = typeof addr === 'object' && addr ? addr.port : config.port;
        resolve(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`);
      });
    });
  } catch (e) {
    await closeServices(services); // the port is taken: release the database and its lock
    throw e;
  }
  // Workers start only once the server listens: a failed start leaves nothing running.
  const stops = modules.flatMap((m) => (m.workers ?? []).map((w) => w(services)));
  const sweeper = setInterval(() => void deleteExpiredSessions(services.db, services.now()).catch(() => {}), 15 * 60 * 1000);
  sweeper.unref();
  opts.onListen?.(url);
  let closed = false;
  return {
    services,
    url,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      const closing = new Promise<void>((r) => server.close(() => r()));
      closeAllSseStreams(); // display boards' streams never end by themselves; close() would wait for them forever
      await closing;
      for (const stop of stops) await stop();
      await closeServices(services);
    },
  };
}
