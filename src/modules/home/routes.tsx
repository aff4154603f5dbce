import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { unauthorized } from '../../core/http/errors.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { getProfile } from '../about/service.js';
import { latestNews } from '../news/read.js';
import { listPublishedGuides } from '../services/service.js';
import { DashboardPage } from './views/dashboard.js';
import { HomePage, StatementPage } from './views/public.js';

export function routes(app: Hono<AppEnv>) {
  app.get('/', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = serviceContext(c);
      const [news, guides, profile] = await Promise.all([latestNews(ctx, { limit: 5 }), listPublishedGuides(ctx), getProfile(ctx)]);
      return renderToString(
        c,
        <HomePage
          org={orgOf(c)}
          news={news}
          services={guides.slice(0, 6).map((g) => ({ id: g.id, title: g.title, summary: g.summary }))}
          officeHours={profile.officeHours}
        />,
      );
    }),
  );
  // /privacy is the about module's (the organization's own policy, o10, or the default statement).
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
