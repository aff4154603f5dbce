import { mergeMessages } from '../../core/i18n/i18n.js';
import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import './dataset.js';
import { seedDemo } from './demo.js';
import './evidence.js';
import { messages } from './messages.js';
import { complaintsPolicy } from './policy.js';
import { publicApi } from './public-api.js';
import { publicMessages } from './public-messages.js';
import { publicRoutes } from './public-routes.js';
import { routes } from './routes.js';
import { staffMessages } from './staff-messages.js';
import { statsApi } from './stats-api.js';
import { statsMessages } from './stats-messages.js';
import { statsRoutes } from './stats-routes.js';
import { complaintsTodo } from './todo.js';
import { complaintsWorker } from './worker.js';

/**
 * Corruption and misconduct complaints on GlobaLeaks' principles (the ITA complaint items): a
 * public form with no account and a receipt code, the reporter's identity sealed and revealed
 * only by the assigned officer (audited), officers' notes, statuses with reasons, deadlines and
 * routing; public statistics per month, quarter and fiscal year as page, PDF, XLSX and open data.
 */
export default defineModule({
  name: 'complaints',
  messages: mergeMessages(messages, publicMessages, staffMessages, statsMessages),
  routes: (app) => {
    publicRoutes(app);
    statsRoutes(app);
    routes(app);
  },
  api: (app) => {
    publicApi(app);
    statsApi(app);
    api(app);
  },
  demo: seedDemo,
  workers: [complaintsWorker],
  todo: complaintsTodo,
  nav: [
    { area: 'public', label: 'complaints.nav.public', href: '/complaints', icon: 'scale', order: 32 },
    { area: 'staff', label: 'complaints.nav.staff', href: '/staff/complaints', icon: 'scale', order: 70, can: complaintsPolicy.handle },
  ],
});
