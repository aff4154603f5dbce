import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemo } from './demo.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

export default defineModule({
  name: 'services',
  messages,
  routes,
  api,
  demo: seedDemo,
});
