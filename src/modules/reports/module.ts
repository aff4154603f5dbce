import { defineModule } from '../../core/module.js';
import { registerRoutable } from '../routing/service.js';
import { api } from './api.js';
import { seedDemoReports } from './demo.js';
import { messages } from './messages.js';
import { reportsPolicy } from './policy.js';
import { reportPreview } from './preview.js';
import { routes } from './routes.js';
import { onReportCompleted, onReportReturned, prepareReport, REPORT_ENTITY, reportsTodo } from './service.js';

registerRoutable({
  entity: REPORT_ENTITY,
  prepare: prepareReport,
  onCompleted: onReportCompleted,
  onReturned: onReportReturned,
  preview: reportPreview,
});

/**
 * The ITA measures report (รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส):
 * versions of the memo with the measures table, the consistency check, routing for comments and
 * signatures through the routing module, and publication under the year's OIT item.
 */
export default defineModule({
  name: 'reports',
  messages,
  routes,
  api,
  nav: [{ area: 'staff', label: 'reports.nav', href: '/staff/reports', icon: 'file-text', order: 46, can: reportsPolicy.read }],
  todo: reportsTodo,
  demo: seedDemoReports,
});
