import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routes } from './routes.js';
import { dashboardPolicy } from './service.js';

/** The executive dashboard: today at the counters, this month's satisfaction, what waits for a response. */
export default defineModule({
  name: 'dashboard',
  messages,
  routes,
  api,
  // First in the menu of those it is for: the mayor opens it on a phone.
  nav: [{ area: 'staff', label: 'dashboard.nav', href: '/staff/dashboard', icon: 'gauge', order: -1, can: dashboardPolicy.read }],
});
