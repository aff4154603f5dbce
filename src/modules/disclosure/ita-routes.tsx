import type { Hono } from 'hono';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { siteOrigin } from '../../core/http/request.js';
import { renderToString } from '../../core/ui/render.js';
import { listPublications } from '../publications/service.js';
import { itaUrlRows, urlListCsvFor, urlListXlsx } from './ita-export.js';
import { isOitYear, oitIndicator, oitYears } from './oit-list.js';
import { yearEvidence } from './service.js';
import { hasEvidence, ItaItemPage, ItaYearPage, ItaYearsPage, type YearSummary } from './views/ita.js';

/** A fiscal year in a path: four digits of an ITA year with a list, else a page that does not exist. */
function fiscalYearParam(c: AppContext, s: string | undefined): number {
  if (!s || !/^\d{4}$/.test(s)) throw notFound();
  const fy = Number(s);
  if (!isOitYear(serviceContext(c), fy)) throw notFound('disclosure.errors.noSuchYear');
  return fy;
}

/** Public pages are read as the public: the same for a signed-in coordinator as for a citizen. */
const publicCtx = (c: AppContext) => ({ ...serviceContext(c), actor: null });

/** The public ITA pages an assessor reads: the years, a year's indicators with their evidence, one indicator, the URL list. */
export function itaRoutes(app: Hono<AppEnv>) {
  app.get('/ita', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const summaries: YearSummary[] = [];
      for (const fy of oitYears(ctx)) {
        const { evidence } = await yearEvidence(ctx, fy);
        const publications = evidence.reduce((n, e) => n + e.publications.length, 0);
        const covered = evidence.filter(hasEvidence).length;
        // Next year's list is shown once something is there.
        if (fy > oitYears(ctx)[1]! && covered === 0) continue;
        summaries.push({ fiscalYear: fy, items: evidence.length, publishedItems: covered, publications });
      }
      return renderToString(c, <ItaYearsPage org={orgOf(c)} years={summaries} />);
    }),
  );

  app.get('/ita/:fiscalYear/urls.csv', async (c) => {
    const fy = fiscalYearParam(c, c.req.param('fiscalYear'));
    const rows = await itaUrlRows(publicCtx(c), fy, siteOrigin(c));
    return new Response(urlListCsvFor(publicCtx(c), rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="ita-${fy}-urls.csv"`,
        'cache-control': 'no-cache',
      },
    });
  });

  app.get('/ita/:fiscalYear/urls.xlsx', async (c) => {
    const fy = fiscalYearParam(c, c.req.param('fiscalYear'));
    const ctx = publicCtx(c);
    const rows = await itaUrlRows(ctx, fy, siteOrigin(c));
    const bytes = await urlListXlsx(ctx, fy, rows, orgOf(c).names.full);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="ita-${fy}-urls.xlsx"`,
        'cache-control': 'no-cache',
      },
    });
  });

  app.get('/ita/:fiscalYear', (c) => {
    const fy = fiscalYearParam(c, c.req.param('fiscalYear'));
    return c.get('pages').respond(c, async () => {
      const { list, evidence, others } = await yearEvidence(publicCtx(c), fy);
      return renderToString(c, <ItaYearPage org={orgOf(c)} fiscalYear={fy} evidence={evidence} others={others} custom={list.custom} />);
    });
  });

  app.get('/ita/:fiscalYear/:itemCode', async (c) => {
    const fy = fiscalYearParam(c, c.req.param('fiscalYear'));
    const code = c.req.param('itemCode');
    const ctx = publicCtx(c);
    await oitIndicator(ctx, fy, code);
    return c.get('pages').respond(c, async () => {
      const { evidence } = await yearEvidence(ctx, fy);
      const e = evidence.find((x) => x.indicator.code === code);
      if (!e) throw notFound();
      const superseded = (await listPublications(ctx, { fiscalYear: fy, includeSuperseded: true })).filter(
        (p) => p.itemCode === code && p.supersededBy != null && p.kind === 'document',
      );
      return renderToString(c, <ItaItemPage fiscalYear={fy} item={e.indicator} e={e} superseded={superseded} />);
    });
  });
}
