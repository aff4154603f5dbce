import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routingPolicy } from './policy.js';
import { routingReminderWorker } from './reminders.js';
import { routes } from './routes.js';
import { waitingCount } from './service.js';

/**
 * Routing for comments and signatures (เสนอแฟ้ม): any module registers a kind of document with
 * registerRoutable(); it then travels up the organization's chain of command, each reviewer
 * signing with a typed name or returning it with a reason. Reminders go to steps left waiting.
 */
export default defineModule({
  name: 'routing',
  messages,
  routes,
  api,
  nav: [{ area: 'staff', label: 'routing.nav', href: '/staff/routing', icon: 'inbox', order: 15, can: routingPolicy.useInbox }],
  workers: [routingReminderWorker],
  async todo(ctx) {
    const n = await waitingCount(ctx);
    return n > 0 ? [{ label: 'routing.todo', params: { n }, href: '/staff/routing', tone: 'warning' }] : [];
  },
});
