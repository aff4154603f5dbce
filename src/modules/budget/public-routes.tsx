import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { notFound } from '../../core/http/errors.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { readFileBytes } from '../../core/storage/files.js';
import { renderToString } from '../../core/ui/render.js';
import { publicPlan, publishedPlanYears, publishedReports } from './report.js';
import { loadCharts } from './report-charts.js';
import { BUDGET_CATEGORIES, BUDGET_REPORT_KINDS, type BudgetReportKind } from './schema.js';
import { BudgetYearPage, BudgetYearsPage, type LinesQuery } from './views/public-budget.js';

/** Lines on one page of /budget/:fy. */
export const LINES_PAGE = 25;

/**
 * The public side: /budget (the years with a published plan) and /budget/:fy (the plan and its
 * progress through the last ended month, the lines filtered by แผนงาน and งบ with keyset
 * pagination on the plan position, the chart, the published documents and the datasets). Only
 * after the plan is published; through the page cache (a publication drops it).
 */
export function publicRoutes(app: Hono<AppEnv>) {
  app.get('/budget', (c) =>
    c.get('pages').respond(c, async () => renderToString(c, <BudgetYearsPage years={await publishedPlanYears(serviceContext(c))} />)),
  );

  app.get('/budget/:fy{[0-9]{4}}', async (c) => {
    const ctx = serviceContext(c);
    const fy = Number(c.req.param('fy'));
    const found = await publicPlan(ctx, fy);
    if (!found) throw notFound();
    const programs = [...new Set(found.data.lines.map((l) => l.program))];
    const program = c.req.query('program') ?? '';
    const category = c.req.query('category') ?? '';
    const afterText = c.req.query('after') ?? '';
    const query: LinesQuery = {
      program: programs.includes(program) ? program : '',
      category: (BUDGET_CATEGORIES as readonly string[]).includes(category) ? category : '',
      after: /^\d{1,9}$/.test(afterText) ? Number(afterText) : null,
    };
    return c.get('pages').respond(c, async () => {
      const [reports, years] = await Promise.all([publishedReports(ctx, fy), publishedPlanYears(ctx), loadCharts()]);
      const matching = found.progress.lines.filter(
        (l) => (!query.program || l.program === query.program) && (!query.category || l.category === query.category),
      );
      // Keyset on the plan position: the lines after `after`, one more to know a next page.
      const rest = query.after == null ? matching : matching.filter((l) => l.position > (query.after as number));
      const page = rest.slice(0, LINES_PAGE);
      const more = rest.length > LINES_PAGE;
      return renderToString(
        c,
        <BudgetYearPage
          fy={fy}
          progress={found.progress}
          programs={programs}
          query={query}
          lines={page}
          matching={matching.length}
          offset={matching.length - rest.length}
          nextAfter={more ? (page.at(-1)?.position ?? null) : null}
          reports={BUDGET_REPORT_KINDS.map((k) => reports.get(k)).filter((r) => r != null)}
          otherYears={years.map((y) => y.fiscalYear).filter((y) => y !== fy)}
        />,
      );
    });
  });

  app.get('/budget/:fy{[0-9]{4}}/:file{(plan|half-year|annual)\\.xlsx}', async (c) => {
    const ctx = serviceContext(c);
    const fy = Number(c.req.param('fy'));
    const kind = c.req.param('file').replace(/\.xlsx$/, '') as BudgetReportKind;
    if (!(await publicPlan(ctx, fy))) throw notFound();
    const row = (await publishedReports(ctx, fy)).get(kind);
    if (!row?.xlsxFileId) throw notFound();
    const { file, bytes } = await readFileBytes(ctx, row.xlsxFileId);
    return serveStoredFile(c, file, bytes);
  });
}
