import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoPublications } from './demo.js';
import { messages } from './messages.js';
import { publicationsPolicy } from './policy.js';
import { routes } from './routes.js';

/**
 * Publications: documents published as immutable files with their sha256, shown on the public
 * ITA pages under the OIT item they satisfy, superseded (never deleted) with a reason, and
 * listed in the publication log. Other modules publish from inside their own command with
 * publish(tx, ctx, …).
 */
export default defineModule({
  name: 'publications',
  messages,
  routes,
  api,
  demo: seedDemoPublications,
  nav: [
    { area: 'footer', label: 'publications.nav.log', href: '/publications', icon: 'scroll-text', order: 31 },
    {
      area: 'staff',
      label: 'publications.nav.log',
      href: '/staff/publications',
      icon: 'scroll-text',
      order: 70,
      can: publicationsPolicy.log,
    },
  ],
});
