import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed } from '../../core/http/errors.js';
import { renderPage } from '../../core/ui/render.js';
import { dashboardPolicy, dashboardSummary } from './service.js';
import { DashboardPage } from './views/dashboard.js';

export function routes(app: Hono<AppEnv>) {
  app.get('/staff/dashboard', async (c) => {
    ensureAllowed(dashboardPolicy.read(c.get('actor')), !!c.get('actor'));
    c.header('Cache-Control', 'private, no-store');
    return renderPage(c, <DashboardPage s={await dashboardSummary(serviceContext(c))} />);
  });
}
