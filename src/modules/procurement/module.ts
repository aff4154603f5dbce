import { mergeMessages } from '../../core/i18n/i18n.js';
import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import './dataset.js';
import { seedDemo } from './demo.js';
import './evidence.js';
import { importApi } from './import-api.js';
import { importMessages } from './import-messages.js';
import { importRoutes } from './import-routes.js';
import { messages } from './messages.js';
import { procurementPolicy } from './policy.js';
import { publicRoutes } from './public-routes.js';
import { reportApi } from './report-api.js';
import { seedReportsDemo } from './report-demo.js';
import { reportMessages } from './report-messages.js';
import { reportRoutes } from './report-routes.js';
import { routes } from './routes.js';

/**
 * Procurement (OIT procurement plan, notices, monthly summary, annual report): the year's plan,
 * each procurement from invitation to contract with bidders and prices, notices with documents,
 * the monthly สขร.๑ (PDF, XLSX), the quarterly winners attachment and the annual report; imports
 * from XLSX/CSV and e-GP exports; OCDS release packages; public pages and open data.
 */
export default defineModule({
  name: 'procurement',
  messages: mergeMessages(messages, reportMessages, importMessages),
  routes: (app) => {
    routes(app);
    importRoutes(app);
    reportRoutes(app);
    publicRoutes(app);
  },
  api: (app) => {
    api(app);
    importApi(app);
    reportApi(app);
  },
  demo: async (demo) => {
    await seedDemo(demo);
    await seedReportsDemo(demo);
  },
  nav: [
    { area: 'public', label: 'procurement.nav.public', href: '/procurement', icon: 'file-check', order: 26 },
    {
      area: 'staff',
      label: 'procurement.nav.staff',
      href: '/staff/procurement',
      icon: 'file-check',
      order: 46,
      can: procurementPolicy.read,
    },
  ],
});
