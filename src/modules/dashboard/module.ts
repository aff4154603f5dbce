import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

/** The executive dashboard: today at the counters, this month's satisfaction, what waits for a response. */
export default defineModule({
  name: 'dashboard',
  messages,
  routes,
  api,
});
