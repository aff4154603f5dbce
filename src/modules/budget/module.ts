import { mergeMessages } from '../../core/i18n/i18n.js';
import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import './dataset.js';
import { seedDemo } from './demo.js';
import './evidence.js';
import { messages } from './messages.js';
import { budgetPolicy } from './policy.js';
import { publicRoutes } from './public-routes.js';
import { reportApi } from './report-api.js';
import { seedReportsDemo } from './report-demo.js';
import { reportMessages } from './report-messages.js';
import { reportRoutes } from './report-routes.js';
import { routes } from './routes.js';
import { budgetMonthWorker } from './worker.js';

/**
 * The annual spending plan and its progress (measure 9; OIT operating plan, 6-month and annual
 * reports): the plan in the budget classification with its phasing, imported from XLSX;
 * disbursements per month; plan against actual; the reports as PDF and XLSX, published in the
 * publication log; public pages and open data.
 */
export default defineModule({
  name: 'budget',
  messages: mergeMessages(messages, reportMessages),
  routes: (app) => {
    routes(app);
    reportRoutes(app);
    publicRoutes(app);
  },
  api: (app) => {
    api(app);
    reportApi(app);
  },
  demo: async (demo) => {
    await seedDemo(demo);
    await seedReportsDemo(demo);
  },
  workers: [budgetMonthWorker],
  nav: [
    { area: 'public', label: 'budget.nav.public', href: '/budget', icon: 'landmark', order: 24 },
    { area: 'staff', label: 'budget.nav.staff', href: '/staff/budget', icon: 'landmark', order: 44, can: budgetPolicy.read },
  ],
});
