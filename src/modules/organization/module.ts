import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { organizationPolicy } from './policy.js';
import { routes } from './routes.js';
import { organizationCount } from './service.js';
import { announceSetup } from './setup-code.js';

export default defineModule({
  name: 'organization',
  messages,
  routes,
  api,
  workers: [(app) => announceSetup(app, async () => (await organizationCount(app)) > 0)],
  nav: [
    {
      area: 'admin',
      label: 'organization.nav',
      href: '/staff/admin/organization',
      icon: 'building-2',
      order: 10,
      can: organizationPolicy.manage,
    },
  ],
});
