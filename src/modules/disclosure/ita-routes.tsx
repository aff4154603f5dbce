import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { renderToString } from '../../core/ui/render.js';
import { FIRST_OIT_YEAR, oitItem, oitItemsOf } from '../publications/oit-items.js';
import { listPublications, type Publication, publishedYears } from '../publications/service.js';
import { ItaItemPage, ItaYearPage, ItaYearsPage, type YearSummary } from './views/ita.js';

/** A fiscal year in a path: a B.E. year this system can hold, else the page does not exist. */
function fiscalYearParam(s: string | undefined): number {
  if (!s || !/^\d{4}$/.test(s)) throw notFound();
  const fy = Number(s);
  if (fy < 2500 || fy > 2700) throw notFound();
  return fy;
}

/** Public pages are read as the public: the same for a signed-in coordinator as for a citizen. */
const publicCtx = (c: AppContext) => serviceContext(c);

/** The public ITA pages an assessor reads: the years, a year's indicators with their evidence, one indicator. */
export function itaRoutes(app: Hono<AppEnv>) {
  app.get('/ita', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const all = await listPublications(ctx, {});
      const years = new Set<number>(await publishedYears(ctx));
      for (let y = FIRST_OIT_YEAR; y <= fiscalYearOf(ctx.app.now()); y++) years.add(y);
      const summaries: YearSummary[] = [...years]
        .sort((a, b) => b - a)
        .map((fy) => {
          const items = oitItemsOf(fy);
          const mine = all.filter((p) => p.fiscalYear === fy);
          const codes = new Set(mine.map((p) => p.itemCode));
          return {
            fiscalYear: fy,
            items: items.length,
            publishedItems: items.filter((i) => codes.has(i.code)).length,
            publications: mine.length,
          };
        });
      return renderToString(c, <ItaYearsPage org={orgOf(c)} years={summaries} />);
    }),
  );

  app.get('/ita/:fiscalYear', (c) => {
    const fy = fiscalYearParam(c.req.param('fiscalYear'));
    return c.get('pages').respond(c, async () => {
      const items = oitItemsOf(fy);
      const current = await listPublications(publicCtx(c), { fiscalYear: fy });
      const byItem = new Map<string, Publication[]>();
      const others: Publication[] = [];
      for (const p of current) {
        if (!items.some((i) => i.code === p.itemCode)) others.push(p);
        else byItem.set(p.itemCode, [...(byItem.get(p.itemCode) ?? []), p]);
      }
      return renderToString(c, <ItaYearPage org={orgOf(c)} fiscalYear={fy} items={items} byItem={byItem} others={others} />);
    });
  });

  app.get('/ita/:fiscalYear/:itemCode', (c) => {
    const fy = fiscalYearParam(c.req.param('fiscalYear'));
    const item = oitItem(fy, c.req.param('itemCode'));
    if (!item) throw notFound();
    return c.get('pages').respond(c, async () => {
      const all = (await listPublications(publicCtx(c), { fiscalYear: fy, includeSuperseded: true })).filter(
        (p) => p.itemCode === item.code,
      );
      return renderToString(
        c,
        <ItaItemPage
          fiscalYear={fy}
          item={item}
          current={all.filter((p) => p.supersededBy == null)}
          superseded={all.filter((p) => p.supersededBy != null)}
        />,
      );
    });
  });
}
