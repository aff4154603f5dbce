import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { organizationPolicy } from './policy.js';
import { routes } from './routes.js';

export default defineModule({
  name: 'organization',
  messages,
  routes,
  api,
  nav: [{ area: 'admin', label: 'organization.nav', href: '/staff/admin/organization', icon: 'building-2', order: 10, can: organizationPolicy.manage }],
});
