import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoStaff } from './demo.js';
import { messages } from './messages.js';
import { staffPolicy } from './policy.js';
import { routes } from './routes.js';

export default defineModule({
  name: 'staff',
  messages,
  routes,
  api,
  demo: seedDemoStaff,
  nav: [
    { area: 'admin', label: 'staff.nav.people', href: '/staff/admin/people', icon: 'users', order: 20, can: staffPolicy.manage },
    { area: 'admin', label: 'staff.nav.divisions', href: '/staff/admin/divisions', icon: 'network', order: 30, can: staffPolicy.manage },
    {
      area: 'admin',
      label: 'staff.nav.positions',
      href: '/staff/admin/positions',
      icon: 'list-checks',
      order: 40,
      can: staffPolicy.manage,
    },
    { area: 'admin', label: 'staff.nav.chain', href: '/staff/admin/chain', icon: 'scroll-text', order: 50, can: staffPolicy.manage },
  ],
});
