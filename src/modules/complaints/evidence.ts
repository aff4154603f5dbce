import { translator } from '../../core/i18n/i18n.js';
import { registerOitEvidence } from '../disclosure/evidence.js';

/**
 * OIT evidence of the complaint channel: complaint-statistics (the year's public statistics page,
 * its PDF and XLSX), complaint-channel (the public form, /complaints) and complaint-guideline (the
 * handling guideline, /complaints/guide). Public pages only; the statistics exist for every year
 * up to this one (a year with none says so, which is itself the evidence).
 */
registerOitEvidence({
  topic: 'complaint-statistics',
  module: 'complaints',
  async links(ctx, fiscalYear) {
    const t = translator(ctx.app.catalogs, 'th');
    return [
      { title: t('complaints.evidence.statsPage', { year: fiscalYear }), url: `/complaints/stats/${fiscalYear}` },
      { title: t('complaints.evidence.statsPdf', { year: fiscalYear }), url: `/complaints/stats/${fiscalYear}.pdf` },
      { title: t('complaints.evidence.statsXlsx', { year: fiscalYear }), url: `/complaints/stats/${fiscalYear}.xlsx` },
    ];
  },
});

registerOitEvidence({
  topic: 'complaint-channel',
  module: 'complaints',
  async links(ctx) {
    return [{ title: translator(ctx.app.catalogs, 'th')('complaints.evidence.channel'), url: '/complaints' }];
  },
});

registerOitEvidence({
  topic: 'complaint-guideline',
  module: 'complaints',
  async links(ctx) {
    return [{ title: translator(ctx.app.catalogs, 'th')('complaints.evidence.guide'), url: '/complaints/guide' }];
  },
});
