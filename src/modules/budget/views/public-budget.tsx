import { formatSatang } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Breadcrumbs, ButtonLink, Form, Icon, SelectField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import type { LineProgress, PlanProgress, ProgressTotals } from '../progress.js';
import type { BudgetReportRow } from '../report.js';
import { kindKey } from '../report-messages.js';
import { fiscalMonthLabel, percentOf } from '../report-pdf.js';
import { BUDGET_CATEGORIES } from '../schema.js';
import { QuarterChart } from './report-chart.js';

const css = () => <link rel="stylesheet" href={assetUrl('budget.css')} />;

/** /budget: the years with a published plan. */
export function BudgetYearsPage({ years }: { years: { fiscalYear: number; totalSatang: number }[] }) {
  const t = useT();
  return (
    <PublicLayout title={t('budget.public.title')} head={css()} meta={{ description: t('budget.public.lead') }}>
      <header class="page-header">
        <h1 class="page-header__title">{t('budget.public.title')}</h1>
        <p class="page-header__lead">{t('budget.public.lead')}</p>
      </header>
      {years.length === 0 ? (
        <p>{t('budget.public.none')}</p>
      ) : (
        <ul class="budget-years">
          {years.map((y) => (
            <li class="card budget-years__item">
              <a href={`/budget/${y.fiscalYear}`}>{t('budget.public.yearLink', { year: y.fiscalYear })}</a>
              <span class="muted">{t('budget.public.yearTotal', { total: formatSatang(y.totalSatang) })}</span>
            </li>
          ))}
        </ul>
      )}
    </PublicLayout>
  );
}

export interface LinesQuery {
  program: string;
  category: string;
  after: number | null;
}

export interface BudgetYearProps {
  fy: number;
  progress: PlanProgress;
  programs: string[];
  query: LinesQuery;
  /** The page of lines (filtered, keyset on position) and whether more follow. */
  lines: LineProgress[];
  matching: number;
  offset: number;
  nextAfter: number | null;
  reports: BudgetReportRow[];
  otherYears: number[];
}

/** The column heads of the figures that Cells shows. */
function FigureHeads() {
  const t = useT();
  return (
    <>
      <th scope="col" class="num">
        {t('budget.report.cols.approved')}
      </th>
      <th scope="col" class="num">
        {t('budget.report.cols.planned')}
      </th>
      <th scope="col" class="num">
        {t('budget.report.cols.disbursed')}
      </th>
      <th scope="col" class="num">
        {t('budget.report.cols.percent')}
      </th>
      <th scope="col" class="num">
        {t('budget.report.cols.variance')}
      </th>
    </>
  );
}

function Heads({ first }: { first: string }) {
  return (
    <tr>
      <th scope="col">{first}</th>
      <FigureHeads />
    </tr>
  );
}

function Cells({ x }: { x: ProgressTotals | LineProgress }) {
  return (
    <>
      <td class="num">{formatSatang(x.approvedSatang)}</td>
      <td class="num">{formatSatang(x.plannedToDateSatang)}</td>
      <td class="num">{formatSatang(x.disbursedToDateSatang)}</td>
      <td class="num">{percentOf(x.disbursedBp)}</td>
      <td class={`num${x.varianceSatang < 0 ? ' budget-behind' : ''}`}>{formatSatang(x.varianceSatang)}</td>
    </>
  );
}

function linesHref(fy: number, q: LinesQuery, after: number | null) {
  const p = new URLSearchParams();
  if (q.program) p.set('program', q.program);
  if (q.category) p.set('category', q.category);
  if (after != null) p.set('after', String(after));
  const s = p.toString();
  return `/budget/${fy}${s ? `?${s}` : ''}#lines`;
}

/** /budget/:fy: the published plan and its progress through the last ended month. */
export function BudgetYearPage(props: BudgetYearProps) {
  const t = useT();
  const p = props.progress;
  const cat = (c: string) => t(`budget.categories.${c}`);
  const title = t('budget.public.yearTitle', { year: props.fy });
  const path = `/budget/${props.fy}`;
  return (
    <PublicLayout
      title={title}
      wide
      head={css()}
      meta={{
        description: t('budget.public.metaDescription', {
          year: props.fy,
          total: formatSatang(p.total.approvedSatang),
          percent: percentOf(p.total.disbursedBp),
        }),
        canonicalPath: path,
      }}
    >
      <Breadcrumbs items={[{ href: '/budget', text: t('budget.public.title') }, { text: title }]} />
      <header class="page-header">
        <h1 class="page-header__title">{title}</h1>
        <p class="page-header__lead">{t('budget.public.yearLead')}</p>
        <p>
          {p.throughMonth > 0
            ? t('budget.public.asOf', { month: fiscalMonthLabel(props.fy, p.throughMonth) })
            : t('budget.public.notStarted')}
        </p>
      </header>

      <section aria-labelledby="totals">
        <h2 id="totals">{t('budget.public.totals')}</h2>
        <dl class="budget-totals">
          <div>
            <dt>{t('budget.public.approved')}</dt>
            <dd>{formatSatang(p.total.approvedSatang)}</dd>
          </div>
          <div>
            <dt>{t('budget.public.planned')}</dt>
            <dd>{formatSatang(p.total.plannedToDateSatang)}</dd>
          </div>
          <div>
            <dt>{t('budget.public.disbursed')}</dt>
            <dd>{formatSatang(p.total.disbursedToDateSatang)}</dd>
          </div>
          <div>
            <dt>{t('budget.public.percent')}</dt>
            <dd>{percentOf(p.total.disbursedBp)} %</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="quarters">
        <h2 id="quarters">{t('budget.public.quarters')}</h2>
        <QuarterChart total={p.total} throughMonth={p.throughMonth} id="quarters-table" />
      </section>

      <section aria-labelledby="by-category">
        <h2 id="by-category">{t('budget.public.byCategory')}</h2>
        <section class="table-wrap" aria-labelledby="by-category" tabindex={0}>
          <table class="table budget-table">
            <caption class="visually-hidden">{t('budget.public.byCategory')}</caption>
            <thead>
              <Heads first={t('budget.report.cols.category')} />
            </thead>
            <tbody>
              {p.byCategory.map((c) => (
                <tr>
                  <th scope="row">{cat(c.category)}</th>
                  <Cells x={c} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('budget.report.cols.total')}</th>
                <Cells x={p.total} />
              </tr>
            </tfoot>
          </table>
        </section>
      </section>

      <section aria-labelledby="by-program">
        <h2 id="by-program">{t('budget.public.byProgram')}</h2>
        <section class="table-wrap" aria-labelledby="by-program" tabindex={0}>
          <table class="table budget-table">
            <caption class="visually-hidden">{t('budget.public.byProgram')}</caption>
            <thead>
              <Heads first={t('budget.report.cols.program')} />
            </thead>
            <tbody>
              {p.byProgram.map((g) => (
                <tr>
                  <th scope="row">{g.program}</th>
                  <Cells x={g} />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <section aria-labelledby="lines" id="lines">
        <h2 id="lines-title">{t('budget.public.lines')}</h2>
        <Form method="get" action={path} class="budget-filters" aria-label={t('budget.public.filters')}>
          <SelectField
            name="program"
            label="budget.report.cols.program"
            value={props.query.program}
            placeholder={t('budget.public.allPrograms')}
            options={props.programs.map((x) => ({ value: x, text: x }))}
          />
          <SelectField
            name="category"
            label="budget.report.cols.category"
            value={props.query.category}
            placeholder={t('budget.public.allCategories')}
            options={BUDGET_CATEGORIES.map((c) => ({ value: c, text: cat(c) }))}
          />
          <div class="budget-filters__actions">
            <button class="button button--primary" type="submit">
              <span>{t('budget.public.apply')}</span>
            </button>
            {props.query.program || props.query.category ? <a href={`${path}#lines`}>{t('budget.public.clear')}</a> : null}
          </div>
        </Form>
        {props.lines.length === 0 ? (
          <p>{t('budget.public.noLines')}</p>
        ) : (
          <>
            <p class="muted" aria-live="polite">
              {t('budget.public.linesCount', {
                from: props.offset + 1,
                to: props.offset + props.lines.length,
                n: props.matching,
              })}
            </p>
            <section class="table-wrap" aria-labelledby="lines-title" tabindex={0}>
              <table class="table budget-table budget-lines">
                <caption class="visually-hidden">{t('budget.public.lines')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('budget.report.cols.item')}</th>
                    <th scope="col">{t('budget.report.cols.category')}</th>
                    <FigureHeads />
                  </tr>
                </thead>
                <tbody>
                  {props.lines.map((l) => (
                    <tr>
                      <th scope="row">
                        {l.item}
                        <span class="budget-lines__where">
                          {l.program} · {l.work}
                        </span>
                      </th>
                      <td>{cat(l.category)}</td>
                      <Cells x={l} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <nav class="pagination" aria-label={t('budget.public.linesNav')}>
              {props.query.after != null ? (
                <a class="pagination__link" href={linesHref(props.fy, props.query, null)}>
                  {t('budget.public.firstLines')}
                </a>
              ) : null}
              {props.nextAfter != null ? (
                <a class="pagination__link" href={linesHref(props.fy, props.query, props.nextAfter)} rel="next">
                  {t('budget.public.moreLines')} <Icon name="chevron-right" size={18} />
                </a>
              ) : null}
            </nav>
          </>
        )}
      </section>

      <section aria-labelledby="documents">
        <h2 id="documents">{t('budget.public.reports')}</h2>
        {props.reports.length === 0 ? (
          <p>{t('budget.public.noReports')}</p>
        ) : (
          <ul class="budget-docs">
            {props.reports.map((r) => (
              <li>
                <Icon name="file-text" size={18} />{' '}
                <a href={`/publications/${r.publicationId}`}>{t(`budget.report.kinds.${kindKey(r.kind)}`)}</a> (PDF)
                {r.xlsxFileId ? (
                  <>
                    {' · '}
                    <a href={`/budget/${props.fy}/${r.kind}.xlsx`}>XLSX</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h2 id="datasets">{t('budget.public.datasets')}</h2>
        <ul class="budget-docs">
          <li>
            <Icon name="download" size={18} /> <a href="/opendata/budget-plan">{t('budget.public.datasetPlan')}</a>
          </li>
          <li>
            <Icon name="download" size={18} /> <a href="/opendata/budget-disbursement">{t('budget.public.datasetDisbursement')}</a>
          </li>
        </ul>
      </section>
      {props.otherYears.length ? (
        <nav aria-labelledby="other-years">
          <h2 id="other-years">{t('budget.public.otherYears')}</h2>
          <ul class="budget-years">
            {props.otherYears.map((y) => (
              <li>
                <ButtonLink href={`/budget/${y}`}>{t('budget.public.yearLink', { year: y })}</ButtonLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ShareLinks path={path} title={title} />
    </PublicLayout>
  );
}
