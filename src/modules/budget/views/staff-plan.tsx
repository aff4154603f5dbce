import type { Translate } from '../../../core/i18n/i18n.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { Banner, Button, ButtonLink, Form, Icon, PageHeader, SelectField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { PeriodNav } from '../../../core/ui/period.js';
import type { LineProgress, PlanProgress } from '../progress.js';
import { BUDGET_CATEGORIES, type BudgetCategory } from '../schema.js';
import type { PlanLine, PlanProgressOf } from '../service.js';
import { baht, disburseHref, importHref, monthName, percentText, planHref, signedBaht, staffCss } from './staff-common.js';

export interface PlanFilter {
  program: string;
  category: string;
  /** A division id, 'none' for lines without one, '' for all. */
  division: string;
}

export interface PlanPageProps {
  fiscalYear: number;
  thisYear: number;
  /** The last fiscal month shown (1–12) and the months that may be chosen. */
  through: number;
  maxThrough: number;
  data: PlanProgressOf | null;
  filter: PlanFilter;
  canEdit: boolean;
}

type Row = LineProgress & Pick<PlanLine, 'divisionName' | 'divisionId'>;

interface Sums {
  approved: number;
  planned: number;
  disbursed: number;
}

function sums(lines: readonly Row[]): Sums {
  let approved = 0;
  let planned = 0;
  let disbursed = 0;
  for (const l of lines) {
    approved += l.approvedSatang;
    planned += l.plannedToDateSatang;
    disbursed += l.disbursedToDateSatang;
  }
  return { approved, planned, disbursed };
}

/** Basis points rounded down, exactly (display only). */
function bp(part: number, whole: number): number | null {
  return whole === 0 ? null : Number((BigInt(part) * 10_000n) / BigInt(whole));
}

/** Groups in order of first appearance. */
function groupBy<T>(xs: readonly T[], keyOf: (x: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = keyOf(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return [...m];
}

/** The column heads of what Figures shows. */
function FigureHeads({ t }: { t: Translate }) {
  return (
    <>
      <th scope="col" class="num">
        {t('budget.lines.approved')}
      </th>
      <th scope="col" class="num">
        {t('budget.lines.planned')}
      </th>
      <th scope="col" class="num">
        {t('budget.lines.disbursed')}
      </th>
      <th scope="col" class="num">
        {t('budget.lines.percent')}
      </th>
      <th scope="col" class="num">
        {t('budget.lines.variance')}
      </th>
    </>
  );
}

function Figures({ cells }: { cells: Sums }) {
  const variance = cells.disbursed - cells.planned;
  return (
    <>
      <td class="num">{baht(cells.approved)}</td>
      <td class="num">{baht(cells.planned)}</td>
      <td class="num">{baht(cells.disbursed)}</td>
      <td class="num">{percentText(bp(cells.disbursed, cells.approved))}</td>
      <td class={`num${variance < 0 ? ' budget-behind' : ''}`}>{signedBaht(variance)}</td>
    </>
  );
}

function GroupRow({ level, name, lines }: { level: 'side' | 'program' | 'work' | 'category'; name: string; lines: Row[] }) {
  return (
    <tr class={`budget-group budget-group--${level}`}>
      <th scope="rowgroup" colspan={2}>
        {name}
      </th>
      <Figures cells={sums(lines)} />
    </tr>
  );
}

function LinesTable({ t, lines, through }: { t: Translate; lines: Row[]; through: number }) {
  const total = sums(lines);
  const body: unknown[] = [];
  for (const [, bySide] of groupBy(lines, (l) => l.side)) {
    body.push(<GroupRow level="side" name={bySide[0]?.side ?? ''} lines={bySide} />);
    for (const [, byProgram] of groupBy(bySide, (l) => l.program)) {
      body.push(<GroupRow level="program" name={byProgram[0]?.program ?? ''} lines={byProgram} />);
      for (const [, byWork] of groupBy(byProgram, (l) => l.work)) {
        body.push(<GroupRow level="work" name={byWork[0]?.work ?? ''} lines={byWork} />);
        for (const [category, byCategory] of groupBy(byWork, (l) => l.category)) {
          body.push(<GroupRow level="category" name={t(`budget.categories.${category}`)} lines={byCategory} />);
          for (const l of byCategory) {
            body.push(
              <tr class="budget-line">
                <th scope="row">{l.item}</th>
                <td>{l.divisionName ?? <span class="muted">—</span>}</td>
                <Figures cells={{ approved: l.approvedSatang, planned: l.plannedToDateSatang, disbursed: l.disbursedToDateSatang }} />
              </tr>,
            );
          }
        }
      }
    }
  }
  return (
    <section class="table-wrap budget-table-wrap" tabindex={0} aria-label={t('budget.lines.region')}>
      <table class="table budget-table">
        <caption>
          {t('budget.lines.caption')} — {t('budget.plan.through', { month: monthName(t, through) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('budget.lines.item')}</th>
            <th scope="col">{t('budget.lines.division')}</th>
            <FigureHeads t={t} />
          </tr>
        </thead>
        <tbody>{body}</tbody>
        <tfoot>
          <tr class="budget-total">
            <th scope="row" colspan={2}>
              {t('budget.lines.total')}
            </th>
            <Figures cells={total} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function CategoryTable({ t, progress }: { t: Translate; progress: PlanProgress }) {
  const rows = BUDGET_CATEGORIES.map((c) => progress.byCategory.find((x) => x.category === c)).filter((x) => !!x);
  return (
    <section class="table-wrap" tabindex={0} aria-labelledby="budget-by-category">
      <table class="table budget-table budget-categories">
        <caption id="budget-by-category">{t('budget.plan.byCategoryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('budget.lines.category')}</th>
            <FigureHeads t={t} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{t(`budget.categories.${r.category}`)}</th>
              <Figures cells={{ approved: r.approvedSatang, planned: r.plannedToDateSatang, disbursed: r.disbursedToDateSatang }} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="budget-total">
            <th scope="row">{t('budget.lines.total')}</th>
            <Figures
              cells={{
                approved: progress.total.approvedSatang,
                planned: progress.total.plannedToDateSatang,
                disbursed: progress.total.disbursedToDateSatang,
              }}
            />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function TemplateLinks() {
  const t = useT();
  return (
    <p class="budget-templates">
      <a href="/staff/budget/template.xlsx?phasing=quarter">
        <Icon name="download" /> {t('budget.staff.templateQuarter')}
      </a>
      <a href="/staff/budget/template.xlsx?phasing=month">
        <Icon name="download" /> {t('budget.staff.templateMonth')}
      </a>
    </p>
  );
}

export function YearNav({ fy, thisYear, href }: { fy: number; thisYear: number; href: (fy: number) => string }) {
  const t = useT();
  return (
    <PeriodNav
      block="budget-years"
      label={t('budget.plan.yearNav')}
      prevHref={href(fy - 1)}
      prevText={t('budget.plan.year', { year: fy - 1 })}
      nextHref={fy <= thisYear ? href(fy + 1) : null}
      nextText={t('budget.plan.year', { year: fy + 1 })}
    >
      {t('budget.plan.year', { year: fy })}
    </PeriodNav>
  );
}

export function PlanPage(props: PlanPageProps) {
  const t = useT();
  const c = useAppContext();
  const locale = c.get('locale');
  const { fiscalYear: fy, data, filter, canEdit, through } = props;
  const title = t('budget.plan.title', { year: fy });
  if (!data) {
    return (
      <StaffLayout title={title} head={staffCss()}>
        <PageHeader title={title} lead={t('budget.plan.lead')} />
        <YearNav fy={fy} thisYear={props.thisYear} href={(y) => planHref(y)} />
        <section class="card budget-empty" aria-labelledby="budget-empty-title">
          <h2 id="budget-empty-title">{t('budget.plan.emptyTitle')}</h2>
          <p>{t('budget.plan.emptyText')}</p>
          <TemplateLinks />
          {canEdit ? (
            <ButtonLink href={importHref(fy)} variant="primary" icon="upload">
              {t('budget.plan.emptyAction')}
            </ButtonLink>
          ) : (
            <p class="muted">{t('budget.staff.noAccessToEdit')}</p>
          )}
        </section>
      </StaffLayout>
    );
  }
  const { plan, progress } = data;
  const all = progress.lines as Row[];
  const divisionOf = new Map(data.lines.map((l) => [l.id, l]));
  const rows: Row[] = all.map((l) => ({
    ...l,
    divisionName: divisionOf.get(l.id)?.divisionName ?? null,
    divisionId: divisionOf.get(l.id)?.divisionId ?? null,
  }));
  const shown = rows.filter(
    (l) =>
      (!filter.program || l.program === filter.program) &&
      (!filter.category || l.category === filter.category) &&
      (!filter.division || (filter.division === 'none' ? l.divisionId == null : String(l.divisionId) === filter.division)),
  );
  const programs = [...new Set(rows.map((l) => l.program))];
  const divisions = [
    ...new Map(rows.filter((l) => l.divisionId != null).map((l) => [String(l.divisionId), l.divisionName ?? ''])).entries(),
  ];
  const tot = progress.total;
  const month = monthName(t, through);
  const filtered = !!(filter.program || filter.category || filter.division);
  const fig = (label: string, value: string, note?: string) => (
    <div class="budget-figure">
      <dt>{label}</dt>
      <dd>
        <span class="stat">{value}</span>
        {note ? <span class="budget-figure__note">{note}</span> : null}
      </dd>
    </div>
  );
  return (
    <StaffLayout title={title} head={staffCss()}>
      <PageHeader
        title={plan.title}
        lead={t('budget.plan.lead')}
        actions={
          canEdit ? (
            <>
              <ButtonLink href={disburseHref(fy, Math.min(props.maxThrough, 12))} variant="primary" icon="pencil">
                {t('budget.staff.disburse')}
              </ButtonLink>
              <ButtonLink href={importHref(fy)} icon="upload">
                {t('budget.staff.reimport')}
              </ButtonLink>
            </>
          ) : undefined
        }
      />
      <YearNav fy={fy} thisYear={props.thisYear} href={(y) => planHref(y)} />
      <p class="budget-meta">
        {plan.importedAt ? <span>{t('budget.plan.imported', { date: beDate(plan.importedAt, locale), count: all.length })}</span> : null}
        <span>{t('budget.plan.phasingInfo', { phasing: t(`budget.phasing.${plan.phasing}`) })}</span>
        {plan.sourceFileId ? (
          <a href={`/staff/budget/source?fy=${fy}`}>
            <Icon name="download" /> {t('budget.plan.sourceFile')}
          </a>
        ) : null}
        <a href="/staff/budget/reports">
          <Icon name="file-text" /> {t('budget.plan.reports')}
        </a>
      </p>
      {plan.publishedAt ? (
        <Banner tone="success">{t('budget.plan.published', { date: beDate(plan.publishedAt, locale) })}</Banner>
      ) : (
        <Banner tone="info">{t('budget.plan.notPublished')}</Banner>
      )}
      <section aria-labelledby="budget-summary-title">
        <h2 id="budget-summary-title">{t('budget.plan.summaryTitle')}</h2>
        <dl class="budget-figures">
          {fig(t('budget.plan.approved'), baht(tot.approvedSatang))}
          {fig(t('budget.plan.plannedToDate', { month }), baht(tot.plannedToDateSatang))}
          {fig(t('budget.plan.disbursedToDate', { month }), baht(tot.disbursedToDateSatang))}
          {fig(t('budget.plan.percent'), `${percentText(tot.disbursedBp)} %`)}
          {fig(
            t('budget.plan.variance'),
            signedBaht(tot.varianceSatang),
            tot.varianceSatang < 0 ? t('budget.plan.behind') : tot.varianceSatang > 0 ? t('budget.plan.ahead') : undefined,
          )}
        </dl>
      </section>
      <section aria-labelledby="budget-cat-title">
        <h2 id="budget-cat-title">{t('budget.plan.byCategory')}</h2>
        <CategoryTable t={t} progress={progress} />
      </section>
      <section aria-labelledby="budget-lines-title">
        <h2 id="budget-lines-title">{t('budget.lines.title')}</h2>
        <Form method="get" action="/staff/budget" class="filters budget-filters" aria-label={t('budget.staff.filters')}>
          <input type="hidden" name="fy" value={String(fy)} />
          <SelectField
            name="program"
            label="budget.fields.program"
            value={filter.program}
            options={[{ value: '', text: t('budget.staff.all') }, ...programs.map((p) => ({ value: p, text: p }))]}
          />
          <SelectField
            name="category"
            label="budget.fields.category"
            value={filter.category}
            options={[
              { value: '', text: t('budget.staff.all') },
              ...BUDGET_CATEGORIES.map((k: BudgetCategory) => ({ value: k, text: t(`budget.categories.${k}`) })),
            ]}
          />
          <SelectField
            name="division"
            label="budget.fields.division"
            value={filter.division}
            options={[
              { value: '', text: t('budget.staff.all') },
              ...divisions.map(([id, name]) => ({ value: id, text: name })),
              { value: 'none', text: t('budget.staff.noDivision') },
            ]}
          />
          <SelectField
            name="through"
            label="budget.fields.through"
            value={String(through)}
            options={Array.from({ length: props.maxThrough }, (_, i) => ({ value: String(i + 1), text: monthName(t, i + 1) }))}
          />
          <Button variant="secondary" icon="search">
            {t('budget.staff.apply')}
          </Button>
          {filtered ? <a href={planHref(fy, `&through=${through}`)}>{t('budget.staff.clear')}</a> : null}
        </Form>
        {filtered ? <p class="muted">{t('budget.lines.filteredTotal', { count: shown.length, all: rows.length })}</p> : null}
        {shown.length ? <LinesTable t={t} lines={shown} through={through} /> : <p>{t('budget.lines.none')}</p>}
      </section>
      {canEdit ? (
        <section class="budget-import-more" aria-labelledby="budget-template-title">
          <h2 id="budget-template-title">{t('budget.import.templateTitle')}</h2>
          <TemplateLinks />
        </section>
      ) : null}
    </StaffLayout>
  );
}
