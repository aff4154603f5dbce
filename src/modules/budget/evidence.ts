import { translator } from '../../core/i18n/i18n.js';
import { registerOitEvidence } from '../disclosure/evidence.js';
import { getPublication } from '../publications/service.js';
import { publicPlan, publishedReports, REPORT_TOPIC, reportTitle } from './report.js';
import { BUDGET_REPORT_KINDS } from './schema.js';

/**
 * OIT evidence of the budget: operating-plan, progress-report and annual-report each point to
 * the year's public budget page and to the published report of the matching kind (the PDF in the
 * publication log). Only public things: nothing before the plan is published.
 */
for (const topic of ['operating-plan', 'progress-report', 'annual-report'] as const) {
  registerOitEvidence({
    topic,
    module: 'budget',
    async links(ctx, fiscalYear) {
      const found = await publicPlan(ctx, fiscalYear);
      if (!found) return [];
      const t = translator(ctx.app.catalogs, 'th');
      const reports = await publishedReports(ctx, fiscalYear);
      const links = [];
      for (const kind of BUDGET_REPORT_KINDS) {
        const r = reports.get(kind);
        if (REPORT_TOPIC[kind] !== topic || !r?.publicationId) continue;
        const p = await getPublication(ctx, r.publicationId);
        links.push({ title: reportTitle(ctx, fiscalYear, kind), url: `/publications/${p.id}`, updatedAt: p.publishedAt });
      }
      links.push({
        title: t('budget.evidence.page', { year: fiscalYear }),
        url: `/budget/${fiscalYear}`,
        updatedAt: found.data.plan.updatedAt,
      });
      return links;
    },
  });
}
