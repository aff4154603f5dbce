import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoFrontdesk } from './demo.js';
import { messages } from './messages.js';
import { frontdeskPolicy } from './policy.js';
import { frontdeskRetentionWorker } from './retention.js';
import { routes } from './routes.js';

/**
 * The first-contact point (จุดแรกรับ, measure 2): the front desk's visitor log with help given
 * and where each person was sent (a division or a queue ticket), the out-of-hours log (7.5) and
 * screening-point notes (7.8); daily and monthly reports as measure 2's evidence. Visitors'
 * names and phones are optional and erased after the retention period (the worker).
 */
export default defineModule({
  name: 'frontdesk',
  messages,
  routes,
  api,
  demo: seedDemoFrontdesk,
  workers: [frontdeskRetentionWorker],
  nav: [
    { area: 'staff', label: 'frontdesk.nav', href: '/staff/frontdesk', icon: 'clipboard-list', order: 18, can: frontdeskPolicy.log },
    {
      area: 'staff',
      label: 'frontdesk.reportNav',
      href: '/staff/frontdesk/report',
      icon: 'layout-dashboard',
      order: 19,
      can: frontdeskPolicy.report,
    },
    {
      area: 'admin',
      label: 'frontdesk.adminNav',
      href: '/staff/admin/frontdesk',
      icon: 'settings',
      order: 61,
      can: frontdeskPolicy.settings,
    },
  ],
});
