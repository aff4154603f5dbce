import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemo } from './demo.js';
import './evidence.js';
import { messages } from './messages.js';
import { aboutPolicy } from './policy.js';
import { pendingCount } from './qa.js';
import { routes } from './routes.js';

/**
 * The organization's own pages (ITA o1–o10 of 2567): the structure chart and executives from
 * the staff records, written pages (powers, laws, privacy, history, vision) logged as versions
 * in the publication log, contact with map links, social channels, and the moderated Q&A.
 */
export default defineModule({
  name: 'about',
  messages,
  routes,
  api,
  demo: seedDemo,
  nav: [
    { area: 'public', label: 'about.nav.about', href: '/about', icon: 'building-2', order: 14 },
    { area: 'public', label: 'about.nav.qa', href: '/qa', icon: 'message-circle-question', order: 16 },
    { area: 'staff', label: 'about.nav.staffQa', href: '/staff/qa', icon: 'message-circle-question', order: 36, can: aboutPolicy.moderate },
    { area: 'admin', label: 'about.nav.admin', href: '/staff/admin/about', icon: 'building-2', order: 25, can: aboutPolicy.edit },
  ],
  todo: async (ctx) => {
    const n = await pendingCount(ctx);
    return n ? [{ label: 'about.todo.pending', params: { n }, href: '/staff/qa?status=pending', tone: 'warning' as const }] : [];
  },
});
