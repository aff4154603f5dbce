import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoFacilities } from './demo.js';
import { messages } from './messages.js';
import { facilitiesPolicy } from './policy.js';
import { routes } from './routes.js';

/**
 * The facilities checklist (measure 7) per fiscal year: seats, signage, the responsibility chart
 * and flowcharts, forms with filled examples, out-of-hours service, lighting, queue cards, the
 * screening point — each with status, date and photos, usable as evidence of the measures report.
 */
export default defineModule({
  name: 'facilities',
  messages,
  routes,
  api,
  demo: seedDemoFacilities,
  nav: [{ area: 'staff', label: 'facilities.nav', href: '/staff/facilities', icon: 'armchair', order: 32, can: facilitiesPolicy.read }],
});
