import { defineModule } from '../../core/module.js';
import { seedDemoRegister } from './demo.js';
import { messages } from './messages.js';
import { registerPolicy } from './policy.js';
import { routes } from './routes.js';

/**
 * ทะเบียนหนังสือส่ง — the outgoing register. Other modules take a number inside their own
 * command with issueNumber(tx, ctx, …); clerks take numbers for paper letters here.
 */
export default defineModule({
  name: 'register',
  messages,
  routes,
  demo: seedDemoRegister,
  nav: [{ area: 'staff', label: 'register.nav', href: '/staff/register', icon: 'book-open', order: 40, can: registerPolicy.read }],
});
