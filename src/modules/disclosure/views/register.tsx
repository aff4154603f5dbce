import type { Child } from 'hono/jsx';
import { formatThaiDate } from '../../../core/thai/index.js';
import { Banner, ButtonLink, Form, Icon, PageHeader, SelectField, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { FRESHNESS, type Freshness } from '../freshness.js';
import type { OitListItem } from '../schema.js';
import type { Register, RegisterItem } from '../service.js';
import { css, dayText, FreshnessTag, IndicatorName, itemHref, registerHref } from './common.js';

export interface RegisterFilters {
  status?: Freshness;
  code?: string;
  staff?: number;
}

function Counts({ counts, fy }: { counts: Record<Freshness, number>; fy: number }) {
  const t = useT();
  return (
    <ul class="disclosure-counts" aria-label={t('disclosure.register.countsLabel')}>
      {FRESHNESS.map((f) => (
        <li class={`disclosure-counts__item disclosure-counts__item--${f}`}>
          <a href={registerHref(fy, { status: f })}>
            <span class="disclosure-counts__n">{counts[f]}</span> <span>{t(`disclosure.freshness.${f}`)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The items as a table (one row each); `showIndicator` adds the code column (lists across indicators). */
export function ItemTable({
  items,
  showIndicator,
  showResponsible = true,
  caption,
}: {
  items: RegisterItem[];
  showIndicator?: boolean;
  showResponsible?: boolean;
  caption: Child;
}) {
  const t = useT();
  return (
    <section class="table-wrap" tabindex={0} aria-label={typeof caption === 'string' ? caption : undefined}>
      <table class="table disclosure-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showIndicator ? <th scope="col">{t('disclosure.columns.indicator')}</th> : null}
            <th scope="col">{t('disclosure.columns.item')}</th>
            <th scope="col">{t('disclosure.columns.status')}</th>
            {showResponsible ? <th scope="col">{t('disclosure.columns.responsible')}</th> : null}
            <th scope="col">{t('disclosure.columns.frequency')}</th>
            <th scope="col">{t('disclosure.columns.due')}</th>
            <th scope="col">{t('disclosure.columns.lastUpdate')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              {showIndicator ? (
                <td class="nowrap disclosure-code">
                  {i.itemCode} <span class="muted">({i.fiscalYear})</span>
                </td>
              ) : null}
              <td>
                <a href={itemHref(i.id)}>{i.title}</a>
                {i.active ? null : (
                  <>
                    {' '}
                    <Tag tone="neutral">{t('disclosure.inactive')}</Tag>
                  </>
                )}
              </td>
              <td>
                <FreshnessTag f={i.freshness} />
                {i.daysLeft !== null && i.freshness === 'overdue' ? (
                  <span class="disclosure-late"> {t('disclosure.daysLate', { n: -i.daysLeft })}</span>
                ) : null}
              </td>
              {showResponsible ? <td>{i.responsibleName ?? <span class="muted">{t('disclosure.noOwner')}</span>}</td> : null}
              <td>{t(`disclosure.frequency.${i.frequency}`)}</td>
              <td class="nowrap">{i.dueOn ? dayText(i.dueOn) : <span class="muted">{t('disclosure.noDue')}</span>}</td>
              <td class="nowrap">
                {i.lastUpdatedAt ? formatThaiDate(i.lastUpdatedAt) : <span class="muted">{t('disclosure.never')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RegisterPage(props: {
  reg: Register;
  years: number[];
  filters: RegisterFilters;
  staff: { id: number; name: string }[];
  canManage: boolean;
}) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const { reg, filters } = props;
  const fy = reg.list.fiscalYear;
  const filtered = !!(filters.status || filters.code || filters.staff);
  const indicators = reg.list.items.filter((i) => !filters.code || i.code === filters.code);
  const known = new Set(reg.list.items.map((i) => i.code));
  const orphans = reg.items.filter((i) => !known.has(i.itemCode));
  const title = t('disclosure.register.title', { year: fy });
  return (
    <StaffLayout title={title} head={css()}>
      <PageHeader
        title={title}
        lead={t('disclosure.register.lead')}
        actions={
          <>
            <ButtonLink href="/staff/disclosure/mine" icon="user">
              {t('disclosure.mine.title')}
            </ButtonLink>
            {props.canManage ? (
              <ButtonLink href={`/staff/disclosure/new?fy=${fy}`} variant="primary" icon="plus">
                {t('disclosure.register.add')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {reg.list.custom ? <Banner tone="info">{t('disclosure.register.customList')}</Banner> : null}
      <Counts counts={reg.counts} fy={fy} />
      <Form method="get" action="/staff/disclosure" class="filters" aria-label={t('disclosure.filters.label')}>
        <SelectField
          name="fy"
          label="disclosure.filters.year"
          value={String(fy)}
          options={props.years.map((y) => ({ value: String(y), text: String(y) }))}
        />
        <SelectField
          name="status"
          label="disclosure.filters.status"
          value={filters.status ?? ''}
          placeholder="disclosure.filters.all"
          options={FRESHNESS.map((f) => ({ value: f, text: t(`disclosure.freshness.${f}`) }))}
        />
        <SelectField
          name="code"
          label="disclosure.filters.indicator"
          value={filters.code ?? ''}
          placeholder="disclosure.filters.all"
          options={reg.list.items.map((i) => ({ value: i.code, text: `${i.code} ${i.name}`.slice(0, 80) }))}
        />
        <SelectField
          name="staff"
          label="disclosure.filters.responsible"
          value={filters.staff ? String(filters.staff) : ''}
          placeholder="disclosure.filters.all"
          options={props.staff.map((s) => ({ value: String(s.id), text: s.name }))}
        />
        <div class="form-actions">
          <button class="button button--secondary" type="submit">
            <Icon name="search" /> <span>{t('disclosure.filters.apply')}</span>
          </button>
          {filtered ? <a href={registerHref(fy)}>{t('disclosure.filters.clear')}</a> : null}
        </div>
      </Form>
      {filtered ? (
        <section aria-labelledby="filtered">
          <h2 id="filtered">{t('disclosure.register.filtered', { n: reg.items.length })}</h2>
          {reg.items.length === 0 ? (
            <p>{t('disclosure.register.none')}</p>
          ) : (
            <ItemTable items={reg.items} showIndicator caption={t('disclosure.register.filtered', { n: reg.items.length })} />
          )}
        </section>
      ) : (
        indicators.map((ind) => (
          <IndicatorBlock
            fy={fy}
            ind={ind}
            items={reg.items.filter((i) => i.itemCode === ind.code)}
            locale={locale}
            canManage={props.canManage}
          />
        ))
      )}
      {!filtered && orphans.length > 0 ? (
        <section aria-labelledby="orphans">
          <h2 id="orphans">{t('disclosure.register.orphans')}</h2>
          <ItemTable items={orphans} showIndicator caption={t('disclosure.register.orphans')} />
        </section>
      ) : null}
    </StaffLayout>
  );
}

function IndicatorBlock(props: { fy: number; ind: OitListItem; items: RegisterItem[]; locale: string; canManage: boolean }) {
  const t = useT();
  const { ind } = props;
  const id = `ind-${ind.code}`;
  return (
    <section class="disclosure-indicator" aria-labelledby={id}>
      <h2 id={id} class="disclosure-indicator__title">
        <span class="disclosure-code">{ind.code}</span> <IndicatorName item={ind} locale={props.locale} />
      </h2>
      {props.items.length === 0 ? (
        <p class="muted">
          {t('disclosure.register.noItems')}{' '}
          {props.canManage ? (
            <a href={`/staff/disclosure/new?fy=${props.fy}&code=${encodeURIComponent(ind.code)}`}>{t('disclosure.register.addHere')}</a>
          ) : null}
        </p>
      ) : (
        <ItemTable items={props.items} caption={`${ind.code} ${ind.name}`} />
      )}
    </section>
  );
}

export function MinePage({ items, hasStaffRecord }: { items: RegisterItem[]; hasStaffRecord: boolean }) {
  const t = useT();
  const late = items.filter((i) => i.freshness === 'overdue').length;
  return (
    <StaffLayout title={t('disclosure.mine.title')} head={css()}>
      <PageHeader title={t('disclosure.mine.title')} lead={t('disclosure.mine.lead')} />
      {!hasStaffRecord ? (
        <Banner tone="info">{t('disclosure.mine.noStaff')}</Banner>
      ) : items.length === 0 ? (
        <p>{t('disclosure.mine.none')}</p>
      ) : (
        <>
          {late > 0 ? (
            <Banner tone="warning" role="status">
              {t('disclosure.mine.late', { n: late })}
            </Banner>
          ) : null}
          <ItemTable items={items} showIndicator showResponsible={false} caption={t('disclosure.mine.title')} />
        </>
      )}
      <p>
        <a href="/staff/disclosure">{t('disclosure.mine.all')}</a>
      </p>
    </StaffLayout>
  );
}
