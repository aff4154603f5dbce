import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { renderPage } from '../../core/ui/render.js';
import { boardSnapshot } from './board.js';
import { BoardPage } from './views/board.js';

/** GET /queue/board — the display board on a TV (public). Not cached: it is the live state. */
export function boardRoutes(app: Hono<AppEnv>) {
  app.get('/queue/board', async (c) => {
    const snapshot = await boardSnapshot(serviceContext(c));
    c.header('Cache-Control', 'no-store');
    return renderPage(c, <BoardPage snapshot={snapshot} />);
  });
}
