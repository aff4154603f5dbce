import { translator } from '../../core/i18n/i18n.js';
import { registerOitEvidence } from '../disclosure/evidence.js';
import { publicationFileHref } from '../publications/service.js';
import { listPublicMeetings } from './service.js';

/**
 * OIT evidence of participation: the public /participation page and the published minutes of the
 * year's meetings (only meetings whose results were published).
 */
registerOitEvidence({
  topic: 'participation',
  module: 'meetings',
  async links(ctx, fiscalYear) {
    const items = (await listPublicMeetings(ctx)).filter((i) => i.meeting.fiscalYear === fiscalYear);
    if (!items.length) return [];
    const t = translator(ctx.app.catalogs, 'th');
    return [
      { title: t('meetings.evidence.page', { year: fiscalYear }), url: '/participation' },
      ...items.map((i) => ({
        title: `รายงานการประชุม ${i.meeting.title}`,
        url: publicationFileHref({ id: i.meeting.publicationId as number }),
        updatedAt: i.meeting.closedAt,
      })),
    ];
  },
});
