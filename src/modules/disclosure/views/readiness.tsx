import { Form, Icon, PageHeader, SelectField, Tag, type Tone } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { IndicatorReadiness, Readiness } from '../service.js';
import { css, IndicatorName, registerHref } from './common.js';

export const READINESS_TONE: Record<Readiness, Tone> = { covered: 'success', partly: 'warning', missing: 'danger' };
const ORDER: Readiness[] = ['covered', 'partly', 'missing'];

export function ReadinessPage(props: {
  fiscalYear: number;
  years: number[];
  rows: IndicatorReadiness[];
  counts: Record<Readiness, number>;
}) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const { fiscalYear: fy, rows, counts } = props;
  const title = t('disclosure.readiness.title', { year: fy });
  const pct = rows.length ? Math.round((counts.covered / rows.length) * 100) : 0;
  return (
    <StaffLayout title={title} head={css()}>
      <PageHeader title={title} lead={t('disclosure.readiness.lead')} />
      <Form method="get" action="/staff/disclosure/readiness" class="filters" aria-label={t('disclosure.filters.label')}>
        <SelectField
          name="fy"
          label="disclosure.filters.year"
          value={String(fy)}
          options={props.years.map((y) => ({ value: String(y), text: String(y) }))}
        />
        <div class="form-actions">
          <button class="button button--secondary" type="submit">
            <span>{t('disclosure.filters.apply')}</span>
          </button>
        </div>
      </Form>
      <p class="disclosure-readiness__summary">
        <strong>{t('disclosure.readiness.summary', { covered: counts.covered, total: rows.length, pct })}</strong>
      </p>
      <svg
        class="disclosure-meter"
        role="img"
        aria-label={t('disclosure.readiness.meter', { covered: counts.covered, partly: counts.partly, missing: counts.missing })}
        viewBox={`0 0 ${Math.max(rows.length, 1)} 1`}
        preserveAspectRatio="none"
      >
        {ORDER.map((s, i) => {
          const x = ORDER.slice(0, i).reduce((n, o) => n + counts[o], 0);
          return counts[s] > 0 ? <rect class={`disclosure-meter__part--${s}`} x={x} y={0} width={counts[s]} height={1} /> : null;
        })}
      </svg>
      <ul class="disclosure-legend">
        {ORDER.map((s) => (
          <li>
            <Tag tone={READINESS_TONE[s]}>{t(`disclosure.readiness.status.${s}`)}</Tag> {counts[s]}
          </li>
        ))}
      </ul>
      <section class="table-wrap" tabindex={0} aria-label={title}>
        <table class="table disclosure-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('disclosure.columns.indicator')}</th>
              <th scope="col">{t('disclosure.readiness.columns.status')}</th>
              <th scope="col">{t('disclosure.readiness.columns.documents')}</th>
              <th scope="col">{t('disclosure.readiness.columns.links')}</th>
              <th scope="col">{t('disclosure.readiness.columns.items')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row" class="disclosure-table__indicator">
                  <a href={registerHref(fy, { code: r.indicator.code })}>
                    <span class="disclosure-code">{r.indicator.code}</span> <IndicatorName item={r.indicator} locale={locale} />
                  </a>
                </th>
                <td>
                  <Tag tone={READINESS_TONE[r.status]}>{t(`disclosure.readiness.status.${r.status}`)}</Tag>
                </td>
                <td>{r.publications}</td>
                <td>{r.links}</td>
                <td>
                  {r.items}
                  {r.itemsLate > 0 ? (
                    <span class="disclosure-late">
                      {' '}
                      <Icon name="triangle-alert" size={16} /> {t('disclosure.readiness.late', { n: r.itemsLate })}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p>
        <a href={`/ita/${fy}`}>{t('disclosure.readiness.publicPage', { year: fy })}</a>
      </p>
    </StaffLayout>
  );
}
