import type { AppServices } from './context.js';
import type { Worker } from './module.js';

/**
 * A worker that runs a task every `everyMs` while the app serves (and, with `firstAfterMs`, once
 * that long after start): the timers do not keep the process alive, a failure is logged as
 * `failure` and the next run goes on; the stop waits for the run in progress. `start` is called
 * once per app and returns the task (keeping whatever state it carries from run to run).
 */
export function periodicWorker(
  everyMs: number,
  failure: string,
  start: (app: AppServices) => () => Promise<unknown>,
  options: { firstAfterMs?: number } = {},
): Worker {
  return (app) => {
    const task = start(app);
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      if (stopped) return;
      running = task().catch((e) => app.log.error({ err: e }, failure));
    };
    const first = options.firstAfterMs === undefined ? null : setTimeout(tick, options.firstAfterMs);
    first?.unref();
    const timer = setInterval(tick, everyMs);
    timer.unref();
    return async () => {
      stopped = true;
      if (first) clearTimeout(first);
      clearInterval(timer);
      await running;
    };
  };
}
