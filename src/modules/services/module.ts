import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { seedDemo } from './demo.js';
import './evidence.js';
import { messages } from './messages.js';
import { servicesPolicy } from './policy.js';
import { routes } from './routes.js';

/**
 * The service catalog: every citizen service in the citizen-manual format (คู่มือสำหรับประชาชน,
 * Licensing Facilitation Act B.E. 2558): legal basis, channels and hours, criteria, steps with
 * time and who is responsible, documents, fees, complaint channels and forms; drawn as a
 * flowchart on its public page and as an A4/A3 wall poster with a QR code; each published
 * version logged in the publication log and indexed for search; linked to the queue service.
 */
export default defineModule({
  name: 'services',
  messages,
  routes,
  api,
  demo: seedDemo,
  nav: [
    { area: 'public', label: 'services.nav', href: '/services', icon: 'workflow', order: 12 },
    { area: 'staff', label: 'services.staffNav', href: '/staff/services', icon: 'workflow', order: 34, can: servicesPolicy.read },
  ],
});
