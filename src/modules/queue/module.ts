import { defineModule } from '../../core/module.js';
import { api } from './api.js';
// The monthly service statistics as an open-data dataset (registers itself).
import './dataset.js';
import { seedDemoQueue } from './demo.js';
import { messages } from './messages.js';
import { queuePolicy } from './policy.js';
import { routes } from './routes.js';
import { queueStatsPolicy } from './stats.js';

/**
 * The service queue (บัตรคิว): services with daily ticket numbers, counters calling with
 * priority groups and a fairness ratio, every change of a ticket recorded with its time.
 * Calls go out on the event bus ('queue.called') for the display boards.
 */
export default defineModule({
  name: 'queue',
  messages,
  routes,
  api,
  demo: seedDemoQueue,
  nav: [
    { area: 'public', label: 'queue.publicNav', href: '/queue/online', icon: 'ticket', order: 20 },
    { area: 'staff', label: 'queue.nav', href: '/staff/queue', icon: 'users', order: 20, can: queuePolicy.serve },
    {
      area: 'staff',
      label: 'queue.issueNav',
      href: '/staff/queue/issue',
      icon: 'ticket',
      order: 21,
      can: (a) => queuePolicy.issue(a, 'front_desk'),
    },
    {
      area: 'staff',
      label: 'queue.stats.nav',
      href: '/staff/queue/stats',
      icon: 'layout-dashboard',
      order: 22,
      can: queueStatsPolicy.read,
    },
    { area: 'admin', label: 'queue.admin.nav', href: '/staff/admin/queue', icon: 'list-checks', order: 60, can: queuePolicy.manage },
  ],
});
