import { defineModule } from '../../core/module.js';
import { mailerWorker } from '../../core/notify/mailer.js';
import { api } from './api.js';
import { seedDemoNotifications } from './demo.js';
import { messages } from './messages.js';
import { notificationsPolicy } from './policy.js';
import { routes } from './routes.js';
import { inboxTodo } from './service.js';

/**
 * Notifications: each staff member's inbox, and the e-mail outbox the mailer sends. Other modules
 * notify through core/notify (notify()), inside their own commands; this module shows the result.
 */
export default defineModule({
  name: 'notifications',
  messages,
  routes,
  api,
  nav: [
    { area: 'staff', label: 'notifications.nav.inbox', href: '/staff/inbox', icon: 'bell', order: 20, can: notificationsPolicy.useInbox },
    {
      area: 'admin',
      label: 'notifications.nav.mail',
      href: '/staff/admin/mail',
      icon: 'mail',
      order: 70,
      can: notificationsPolicy.manageMail,
    },
  ],
  workers: [mailerWorker],
  todo: inboxTodo,
  demo: seedDemoNotifications,
});
