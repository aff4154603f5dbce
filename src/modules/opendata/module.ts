import { defineModule } from '../../core/module.js';
import { api } from './api.js';
import { messages } from './messages.js';
import { routes } from './routes.js';

/**
 * Open data: datasets other modules register (src/modules/opendata/registry.ts), published per
 * period as CSV (UTF-8 with a BOM), XLSX and JSON on public pages and through the API. Issue 6
 * adds DCAT metadata and a CKAN-compatible read API over the same registry.
 */
export default defineModule({
  name: 'opendata',
  messages,
  routes,
  api,
  nav: [{ area: 'footer', label: 'opendata.nav.opendata', href: '/opendata', icon: 'file-text', order: 32 }],
});
