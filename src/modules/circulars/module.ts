import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoCirculars } from './demo.js';
import { messages } from './messages.js';
import { circularsPolicy } from './policy.js';
import { routes } from './routes.js';
import { pendingCount } from './service.js';
import { circularsReminderWorker } from './worker.js';

/**
 * Circulars and announcements to staff (measure 1): a ประกาศ or a หนังสือเวียน composed here,
 * circulated to all staff or chosen divisions as frozen versions (PDF + sha256), acknowledged
 * once per version by each person (online, or on paper recorded by the coordinator), with
 * reminders, the completion report per division (PDF, CSV) and publication on the portal.
 */
export default defineModule({
  name: 'circulars',
  messages,
  routes,
  api,
  demo: seedDemoCirculars,
  workers: [circularsReminderWorker],
  nav: [{ area: 'staff', label: 'circulars.nav', href: '/staff/circulars', icon: 'megaphone', order: 50, can: circularsPolicy.read }],
  todo: async (ctx) => {
    if (!ctx.actor) return [];
    const n = await pendingCount(ctx);
    return n ? [{ label: 'circulars.todo.pending', params: { n }, href: '/staff/circulars/pending', tone: 'warning' as const }] : [];
  },
});
