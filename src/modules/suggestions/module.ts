import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoSuggestions } from './demo.js';
import { messages } from './messages.js';
import { suggestionsPolicy } from './policy.js';
import { routes } from './routes.js';
import { waitingCount } from './service.js';

/**
 * กล่องรับความคิดเห็นของบุคลากร: staff suggest anonymously (nothing of the author stored; a tracking
 * code shown once), executives answer, every staff member reads the answers and the statistics.
 */
export default defineModule({
  name: 'suggestions',
  messages,
  routes,
  api,
  demo: seedDemoSuggestions,
  nav: [{ area: 'staff', label: 'suggestions.nav', href: '/staff/suggestions', icon: 'inbox', order: 54, can: suggestionsPolicy.read }],
  todo: async (ctx) => {
    const n = await waitingCount(ctx);
    return n
      ? [{ label: 'suggestions.todo.waiting', params: { n }, href: '/staff/suggestions#sbox-waiting', tone: 'warning' as const }]
      : [];
  },
});
