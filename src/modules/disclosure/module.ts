import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemo } from './demo.js';
import { itaRoutes } from './ita-routes.js';
import { messages } from './messages.js';
import { disclosurePolicy } from './policy.js';
import { disclosureReminderWorker } from './reminders.js';
import { routes } from './routes.js';
import { disclosureTodo } from './service.js';

/**
 * The disclosure register: the OIT indicator lists per ITA year, what the organization must keep
 * published under each (with who keeps it current and when it is due), reminders, OIT readiness,
 * and the public ITA page per year that an assessor reads.
 */
export default defineModule({
  name: 'disclosure',
  messages,
  routes: (app) => {
    routes(app);
    itaRoutes(app);
  },
  api,
  demo: seedDemo,
  workers: [disclosureReminderWorker],
  todo: disclosureTodo,
  nav: [
    { area: 'public', label: 'publications.nav.ita', href: '/ita', icon: 'shield-check', order: 30 },
    { area: 'staff', label: 'disclosure.nav', href: '/staff/disclosure', icon: 'file-check', order: 29, can: disclosurePolicy.read },
    {
      area: 'staff',
      label: 'disclosure.readinessNav',
      href: '/staff/disclosure/readiness',
      icon: 'gauge',
      order: 29.5,
      can: disclosurePolicy.readiness,
    },
    {
      area: 'admin',
      label: 'disclosure.listsNav',
      href: '/staff/admin/oit-lists',
      icon: 'list-checks',
      order: 62,
      can: disclosurePolicy.manageLists,
    },
  ],
});
