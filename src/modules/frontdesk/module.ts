import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

/**
 * The first-contact point (จุดแรกรับ, measure 2): the front desk's visitor log with help given
 * and where each person was sent (a division or a queue ticket), the out-of-hours log (7.5) and
 * screening-point notes (7.8); daily and monthly reports as measure 2's evidence. Visitors'
 * names and phones are optional and erased after the retention period.
 */
export default defineModule({
  name: 'frontdesk',
  messages,
  routes,
  api,
});
