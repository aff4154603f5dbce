import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoSurveys } from './demo.js';
import { messages } from './messages.js';
import { surveysPolicy } from './policy.js';
import { routes } from './routes.js';

/**
 * Satisfaction surveys (แบบประเมินความพึงพอใจ, measure 4): the standard 5-level form, versioned
 * per organization; answered from a queue ticket's QR (once per ticket), a counter tablet, a
 * public link or typed in from paper; monthly reports per division with suggestions and the
 * executives' responses, as page, PDF and XLSX, published as OIT evidence and open data.
 */
export default defineModule({
  name: 'surveys',
  messages,
  routes,
  api,
  demo: seedDemoSurveys,
  nav: [
    { area: 'footer', label: 'surveys.publicNav', href: '/survey', icon: 'smile', order: 22 },
    { area: 'staff', label: 'surveys.nav', href: '/staff/surveys', icon: 'smile', order: 24, can: surveysPolicy.readReport },
    {
      area: 'staff',
      label: 'surveys.collect.paper.title',
      href: '/staff/surveys/paper',
      icon: 'clipboard-list',
      order: 25,
      can: surveysPolicy.enterPaper,
    },
    {
      area: 'admin',
      label: 'surveys.formNav',
      href: '/staff/admin/survey-form',
      icon: 'list-checks',
      order: 62,
      can: surveysPolicy.manageForm,
    },
  ],
});
