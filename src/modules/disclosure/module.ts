import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemo } from './demo.js';
import { itaRoutes } from './ita-routes.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

/**
 * The disclosure register: the OIT indicator lists per ITA year, what the organization must keep
 * published under each (with who keeps it current and when it is due), reminders, OIT readiness,
 * and the public ITA page per year that an assessor reads.
 */
export default defineModule({
  name: 'disclosure',
  messages,
  routes: (app) => {
    itaRoutes(app);
    routes(app);
  },
  api,
  demo: seedDemo,
  nav: [{ area: 'public', label: 'publications.nav.ita', href: '/ita', icon: 'shield-check', order: 30 }],
});
