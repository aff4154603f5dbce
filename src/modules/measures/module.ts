import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemoMeasures } from './demo.js';
import { messages } from './messages.js';
import { measuresPolicy } from './policy.js';
import { routes } from './routes.js';
import { measuresTodo } from './service.js';

/**
 * มาตรการส่งเสริมคุณธรรมและความโปร่งใส: the plan of each fiscal year, last year's ITA results,
 * the measures and their implementation with evidence. The reports module builds the memo from it.
 */
export default defineModule({
  name: 'measures',
  messages,
  routes,
  api,
  nav: [{ area: 'staff', label: 'measures.nav', href: '/staff/measures', icon: 'list-checks', order: 30, can: measuresPolicy.read }],
  todo: measuresTodo,
  demo: seedDemoMeasures,
});
