import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { auditPolicy } from './policy.js';
import { routes } from './routes.js';
import { anonymousAuditWorker } from './worker.js';

export default defineModule({
  name: 'audit',
  messages,
  routes,
  api,
  workers: [anonymousAuditWorker],
  nav: [{ area: 'admin', label: 'audit.nav', href: '/staff/audit', icon: 'shield-check', order: 60, can: auditPolicy.read }],
});
