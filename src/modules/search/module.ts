import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

export default defineModule({
  name: 'search',
  messages,
  routes,
  api,
});
