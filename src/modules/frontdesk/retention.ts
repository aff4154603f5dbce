import type { Worker } from '../../core/module.js';
import { erasePersonalData } from './service.js';

const HOUR_MS = 60 * 60_000;

/**
 * Erases visitors' names and phones past the retention period: a first sweep a minute after
 * start, then every hour while the app serves (erasePersonalData itself takes `now`, so the
 * tests call it with a moved clock instead of waiting for this timer).
 */
export const frontdeskRetentionWorker: Worker = (app) => {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = erasePersonalData(app, app.now()).catch((e) => app.log.error({ err: e }, 'frontdesk retention sweep failed'));
  };
  const first = setTimeout(tick, 60_000);
  first.unref();
  const timer = setInterval(tick, HOUR_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
};
