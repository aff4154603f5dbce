import type { ServiceContext } from '../../core/context.js';
import { renderXlsx, type XlsxCell } from '../../core/documents/xlsx.js';
import { translator } from '../../core/i18n/i18n.js';
import { formatThaiDate } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { type ComplaintStats, checkStats, fiscalMonthKeys, type StatsCounts } from './stats.js';
import { monthLong, periodTitle } from './stats-pdf.js';

/**
 * The statistics as a workbook (Thai, Arabic digits: a spreadsheet people sort and filter):
 * per month with the quarter rows and the total, by category, by channel. Numbers are numbers;
 * a month with none says "ไม่มีเรื่องร้องเรียน" beside zeros. Figures checked first.
 */
export async function renderStatsXlsx(ctx: ServiceContext, s: ComplaintStats): Promise<Buffer> {
  checkStats(s);
  const t = translator(ctx.app.catalogs, 'th');
  const k = (key: string, p?: Record<string, string | number>) => t(`complaints.stats.${key}`, p);
  const org = await getOrganization(ctx);
  const nums = (c: StatsCounts): XlsxCell[] => [c.received, c.inProgress, c.finished];
  const all = fiscalMonthKeys(s.fiscalYear);
  const monthRows: XlsxCell[][] = [];
  for (const q of s.quarters) {
    for (const m of s.months.filter((x) => Math.floor(all.indexOf(x.month) / 3) + 1 === q.quarter)) {
      if (m.future) monthRows.push([monthLong(m.month, 'th'), null, null, null, k('notYet')]);
      else monthRows.push([monthLong(m.month, 'th'), ...nums(m), m.received === 0 ? k('none') : null]);
    }
    if (s.period.kind !== 'month') monthRows.push([k('quarterN', { n: q.quarter }), ...nums(q), q.received === 0 ? k('none') : null]);
  }
  monthRows.push([k('pdfTotal'), ...nums(s.total), s.total.received === 0 ? k('none') : null]);
  const counts = [
    { header: k('received'), width: 16, numFmt: '#,##0' },
    { header: k('inProgress'), width: 22, numFmt: '#,##0' },
    { header: k('finished'), width: 22, numFmt: '#,##0' },
  ];
  const period = periodTitle(t, s);
  const title = [`${k('pdfTitle')} ${period}`, org.names.full, k('pdfAsOf', { date: formatThaiDate(s.asOf) })];
  const total: XlsxCell[] = [k('pdfTotal'), ...nums(s.total)];
  return renderXlsx(
    [
      {
        name: k('sheetMonths'),
        title,
        columns: [{ header: k('month'), width: 22 }, ...counts, { header: '', width: 26 }],
        rows: monthRows,
      },
      {
        name: k('sheetCategories'),
        title,
        columns: [{ header: k('category'), width: 50 }, ...counts],
        rows: [...s.byCategory.map((c) => [t(`complaints.categories.${c.category}`), ...nums(c)]), total],
      },
      {
        name: k('sheetChannels'),
        title,
        columns: [{ header: k('channel'), width: 30 }, ...counts],
        rows: [...s.byChannel.map((c) => [t(`complaints.channels.${c.channel}`), ...nums(c)]), total],
      },
    ],
    { title: title[0], created: s.asOf },
  );
}
