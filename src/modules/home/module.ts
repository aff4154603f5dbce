import { defineModule } from '../../core/module.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

export default defineModule({
  name: 'home',
  messages,
  routes,
  nav: [
    { area: 'public', label: 'home.nav.home', href: '/', icon: 'house', order: 0 },
    { area: 'staff', label: 'home.nav.dashboard', href: '/staff', icon: 'layout-dashboard', order: 0, can: (a) => !!a },
  ],
});
