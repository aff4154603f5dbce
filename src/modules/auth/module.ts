import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

export default defineModule({
  name: 'auth',
  messages,
  routes,
  api,
  nav: [{ area: 'staff', label: 'auth.password.title', href: '/staff/password', icon: 'key-round', order: 90, can: (a) => !!a }],
});
