import { translator } from '../../core/i18n/i18n.js';
import { registerOitEvidence } from '../disclosure/evidence.js';
import { publicationFileHref } from '../publications/service.js';
import { publicYears } from './list.js';
import { publishedReports } from './reports.js';

/**
 * OIT evidence of procurement: the year's public procurement list (procurement-plan,
 * procurement-notices), the published monthly summaries and quarterly attachments
 * (procurement-monthly) and the annual report (procurement-annual). Only public things.
 */
const listLink = async (ctx: Parameters<Parameters<typeof registerOitEvidence>[0]['links']>[0], fiscalYear: number) => {
  if (!(await publicYears(ctx)).includes(fiscalYear)) return [];
  const t = translator(ctx.app.catalogs, 'th');
  return [{ title: t('procurement.evidence.list', { year: fiscalYear }), url: `/procurement?fy=${fiscalYear}` }];
};

registerOitEvidence({ topic: 'procurement-plan', module: 'procurement', links: listLink });
registerOitEvidence({ topic: 'procurement-notices', module: 'procurement', links: listLink });

for (const [topic, annual] of [
  ['procurement-monthly', false],
  ['procurement-annual', true],
] as const) {
  registerOitEvidence({
    topic,
    module: 'procurement',
    async links(ctx, fiscalYear) {
      const reports = (await publishedReports(ctx, fiscalYear)).filter((r) => (r.report.kind === 'annual') === annual);
      if (!reports.length) return [];
      const t = translator(ctx.app.catalogs, 'th');
      return [
        { title: t('procurement.evidence.reports', { year: fiscalYear }), url: `/procurement/reports?fy=${fiscalYear}` },
        ...reports.map((r) => ({ title: r.title, url: publicationFileHref({ id: r.publicationId }), updatedAt: r.publishedAt })),
      ];
    },
  });
}
