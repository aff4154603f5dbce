import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoQueue } from './demo.js';
import { messages } from './messages.js';
import { queuePolicy } from './policy.js';
import { routes } from './routes.js';

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
    { area: 'staff', label: 'queue.nav', href: '/staff/queue', icon: 'users', order: 20, can: queuePolicy.serve },
    { area: 'admin', label: 'queue.admin.nav', href: '/staff/admin/queue', icon: 'list-checks', order: 60, can: queuePolicy.manage },
  ],
});
