import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { unauthorized } from '../../core/http/errors.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { DashboardPage } from './views/dashboard.js';
import { HomePage, StatementPage } from './views/public.js';

export function routes(app: Hono<AppEnv>) {
  app.get('/', (c) => c.get('pages').respond(c, () => renderToString(c, <HomePage org={orgOf(c)} />)));
  app.get('/privacy', (c) => c.get('pages').respond(c, () => renderToString(c, <StatementPage org={orgOf(c)} kind="privacy" />)));
  app.get('/accessibility', (c) =>
    c.get('pages').respond(c, () => renderToString(c, <StatementPage org={orgOf(c)} kind="accessibility" />)),
  );

  app.get('/staff', async (c) => {
    const actor = c.get('actor');
    if (!actor) throw unauthorized();
    const registry = c.get('registry');
    const todo = await registry.todo(serviceContext(c));
    const shortcuts = [...registry.nav('staff', actor), ...registry.nav('admin', actor)].filter((n) => n.href !== '/staff');
    return renderPage(c, <DashboardPage actor={actor} todo={todo} shortcuts={shortcuts} />);
  });
}
