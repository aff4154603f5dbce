import { formatSatang, thaiMonthName, toBuddhistYear } from '../../../core/thai/index.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Breadcrumbs, Button, Form, PageHeader, SelectField, TextField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import type { Procurement, PublicProcurement } from '../list.js';
import type { PublishedReport } from '../reports.js';
import { PROCUREMENT_CATEGORIES, PROCUREMENT_METHODS, PROCUREMENT_STATUSES } from '../schema.js';

export const procurementCss = () => <link rel="stylesheet" href={assetUrl('procurement.css')} />;

export interface PublicListState {
  fiscalYear: number;
  years: number[];
  method: string;
  status: string;
  category: string;
  month: string;
  q: string;
  before: number | null;
  months: string[];
}

/** The query string of the list with these filters (and a page). */
export function listQuery(s: Omit<PublicListState, 'years' | 'months' | 'before'>, before?: number | null): string {
  const p = new URLSearchParams({ fy: String(s.fiscalYear) });
  for (const k of ['method', 'status', 'category', 'month', 'q'] as const) if (s[k]) p.set(k, s[k]);
  if (before) p.set('before', String(before));
  return p.toString();
}

const money = (satang: number | null) => (satang == null ? '–' : formatSatang(satang));

function monthLabel(month: string, locale: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale === 'th') return `${thaiMonthName(m)} ${toBuddhistYear(y)}`;
  const name = new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
  return `${name} ${toBuddhistYear(y)}`;
}

function day(iso: string | null, locale: string) {
  if (!iso) return '–';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return beDate(new Date(Date.UTC(y, m - 1, d, 5)), locale as 'th');
}

export function ProcurementListPage(props: { state: PublicListState; rows: Procurement[]; nextBefore: number | null; org: string }) {
  const t = useT();
  const c = useAppContext();
  const locale = c.get('locale');
  const s = props.state;
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.public.${key}`, params);
  const filtered = !!(s.method || s.status || s.category || s.month || s.q);
  return (
    <PublicLayout
      title={k('title')}
      head={procurementCss()}
      wide
      meta={{ description: k('lead', { org: props.org, year: s.fiscalYear }), canonicalPath: `/procurement?fy=${s.fiscalYear}` }}
    >
      <Breadcrumbs items={[{ href: '/', text: t('home.nav.home') }, { text: k('title') }]} />
      <PageHeader title={k('title')} lead={k('lead', { org: props.org, year: s.fiscalYear })} />
      <p class="procurement-links">
        <a href={`/procurement/reports?fy=${s.fiscalYear}`}>{k('reports')}</a>
        <a href="/opendata/procurement">{k('opendata')}</a>
      </p>
      <Form method="get" action="/procurement" class="filters" aria-label={k('filters')}>
        <SelectField
          name="fy"
          label="procurement.public.fy"
          value={String(s.fiscalYear)}
          options={s.years.map((y) => ({ value: String(y), text: String(y) }))}
        />
        <SelectField
          name="method"
          label="procurement.public.method"
          value={s.method}
          placeholder="procurement.public.all"
          options={PROCUREMENT_METHODS.map((m) => ({ value: m, text: t(`procurement.methods.${m}`) }))}
        />
        <SelectField
          name="status"
          label="procurement.public.status"
          value={s.status}
          placeholder="procurement.public.all"
          options={PROCUREMENT_STATUSES.map((m) => ({ value: m, text: t(`procurement.statuses.${m}`) }))}
        />
        <SelectField
          name="category"
          label="procurement.public.category"
          value={s.category}
          placeholder="procurement.public.all"
          options={PROCUREMENT_CATEGORIES.map((m) => ({ value: m, text: t(`procurement.categories.${m}`) }))}
        />
        <SelectField
          name="month"
          label="procurement.public.month"
          value={s.month}
          placeholder="procurement.public.all"
          options={s.months.map((m) => ({ value: m, text: monthLabel(m, locale) }))}
        />
        <TextField name="q" type="search" label="procurement.public.q" value={s.q} width="m" />
        <Button variant="secondary" icon="search">
          {k('apply')}
        </Button>
        {filtered ? <a href={`/procurement?fy=${s.fiscalYear}`}>{k('reset')}</a> : null}
      </Form>
      <p>
        <a class="button button--secondary" href={`/procurement.csv?${listQuery(s)}`} download>
          {k('csv')}
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>{filtered || s.before ? k('noneFiltered') : k('none')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={k('tableRegion')}>
          <table class="table procurement-table">
            <caption>{k('caption', { year: s.fiscalYear })}</caption>
            <thead>
              <tr>
                <th scope="col">{k('colTitle')}</th>
                <th scope="col">{k('colMethod')}</th>
                <th scope="col">{k('colStatus')}</th>
                <th scope="col" class="num">
                  {k('colBudget')}
                </th>
                <th scope="col">{k('colWinner')}</th>
                <th scope="col" class="num">
                  {k('colAgreed')}
                </th>
                <th scope="col">{k('colContract')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/procurement/${r.id}`}>{r.title}</a>
                  </th>
                  <td>{t(`procurement.methods.${r.method}`)}</td>
                  <td>{t(`procurement.statuses.${r.status}`)}</td>
                  <td class="num">{money(r.budgetSatang)}</td>
                  <td>{r.winnerName ?? '–'}</td>
                  <td class="num">{money(r.agreedPriceSatang)}</td>
                  <td>{day(r.contractDate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <nav class="pagination" aria-label={k('caption', { year: s.fiscalYear })}>
        {s.before ? (
          <a class="pagination__link" href={`/procurement?${listQuery(s)}`}>
            {k('first')}
          </a>
        ) : null}
        {props.nextBefore ? (
          <a class="pagination__link" rel="next" href={`/procurement?${listQuery(s, props.nextBefore)}`}>
            {k('older')}
          </a>
        ) : null}
      </nav>
    </PublicLayout>
  );
}

function Fact(props: { label: string; value: string | null | undefined }) {
  if (props.value == null || props.value === '') return null;
  return (
    <div class="summary-list__row">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

export function ProcurementDetailPage({ view, noticeHref }: { view: PublicProcurement; noticeHref: (publicationId: number) => string }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const p = view.procurement;
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.public.detail.${key}`, params);
  const baht = (s: number | null) => (s == null ? null : `${formatSatang(s)} ${t('procurement.public.detail.bahtUnit')}`);
  return (
    <PublicLayout title={p.title} head={procurementCss()} meta={{ description: p.title, canonicalPath: `/procurement/${p.id}` }}>
      <Breadcrumbs
        items={[
          { href: '/', text: t('home.nav.home') },
          { href: `/procurement?fy=${p.fiscalYear}`, text: t('procurement.public.title') },
          { text: p.title },
        ]}
      />
      <PageHeader title={p.title} />
      <h2>{k('facts')}</h2>
      <dl class="summary-list">
        <Fact label={k('fiscalYear')} value={String(p.fiscalYear)} />
        <Fact label={k('method')} value={t(`procurement.methods.${p.method}`)} />
        <Fact label={k('category')} value={t(`procurement.categories.${p.category}`)} />
        <Fact label={k('status')} value={t(`procurement.statuses.${p.status}`)} />
        <Fact label={k('budgetSource')} value={p.budgetSource} />
        <Fact label={k('budget')} value={baht(p.budgetSatang)} />
        <Fact label={k('reference')} value={baht(p.referencePriceSatang)} />
        <Fact label={k('announcedOn')} value={p.announcedOn ? day(p.announcedOn, locale) : null} />
        <Fact label={k('awardedOn')} value={p.awardedOn ? day(p.awardedOn, locale) : null} />
        <Fact label={k('winner')} value={p.winnerName} />
        <Fact label={k('agreed')} value={baht(p.agreedPriceSatang)} />
        <Fact label={k('reason')} value={p.selectionReason} />
        <Fact
          label={k('contract')}
          value={p.contractDate ? k('contractValue', { no: p.contractNo ?? '–', date: day(p.contractDate, locale) }) : null}
        />
        <Fact label={k('egp')} value={p.egpProjectNo} />
        <Fact label={k('cancelReason')} value={p.status === 'cancelled' ? p.cancelReason : null} />
      </dl>
      <h2>{k('bids')}</h2>
      {view.bids.length === 0 ? (
        <p>{k('noBids')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={k('bids')}>
          <table class="table">
            <caption class="visually-hidden">{k('bidsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{k('bidder')}</th>
                <th scope="col" class="num">
                  {k('price')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.bids.map((b) => (
                <tr>
                  <th scope="row">
                    {b.bidderName} {p.winnerName && b.bidderName === p.winnerName ? <span class="muted">{k('winnerMark')}</span> : null}
                  </th>
                  <td class="num">{formatSatang(b.priceSatang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h2>{k('notices')}</h2>
      {view.notices.length === 0 ? (
        <p>{k('noNotices')}</p>
      ) : (
        <ul>
          {view.notices.map((n) => (
            <li>
              <a href={noticeHref(n.publicationId as number)}>{n.title}</a> ({day(n.noticeDate, locale)})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/procurement/${p.id}/ocds.json`} type="application/json">
          {k('ocds')}
        </a>
      </p>
      <p>
        <a href={`/procurement?fy=${p.fiscalYear}`}>{k('back')}</a>
      </p>
      <ShareLinks path={`/procurement/${p.id}`} title={p.title} />
    </PublicLayout>
  );
}

export function ProcurementReportsPage(props: {
  fiscalYear: number;
  years: number[];
  reports: PublishedReport[];
  org: string;
  fileHref: (publicationId: number) => string;
}) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const k = (key: string, params?: Record<string, string | number>) => t(`procurement.public.reportsPage.${key}`, params);
  return (
    <PublicLayout
      title={k('title')}
      head={procurementCss()}
      meta={{ description: k('lead', { org: props.org }), canonicalPath: `/procurement/reports?fy=${props.fiscalYear}` }}
    >
      <Breadcrumbs
        items={[
          { href: '/', text: t('home.nav.home') },
          { href: '/procurement', text: t('procurement.public.title') },
          { text: k('title') },
        ]}
      />
      <PageHeader title={k('title')} lead={k('lead', { org: props.org })} />
      <Form method="get" action="/procurement/reports" class="filters" aria-label={t('procurement.public.fy')}>
        <SelectField
          name="fy"
          label="procurement.public.fy"
          value={String(props.fiscalYear)}
          options={(props.years.length ? props.years : [props.fiscalYear]).map((y) => ({ value: String(y), text: String(y) }))}
        />
        <Button variant="secondary">{t('procurement.public.apply')}</Button>
      </Form>
      {props.reports.length === 0 ? (
        <p>{k('none')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={k('caption', { year: props.fiscalYear })}>
          <table class="table">
            <caption>{k('caption', { year: props.fiscalYear })}</caption>
            <thead>
              <tr>
                <th scope="col">{k('document')}</th>
                <th scope="col">{k('publishedAt')}</th>
                <th scope="col">{k('download')}</th>
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr>
                  <th scope="row">{r.title}</th>
                  <td>{beDate(r.publishedAt, locale)}</td>
                  <td>
                    <a href={props.fileHref(r.publicationId)}>{k('download')}</a>
                    {r.report.xlsxFileId ? (
                      <>
                        {' · '}
                        <a href={`/procurement/reports/${r.report.id}.xlsx`}>{k('xlsx')}</a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <p>
        <a href={`/procurement?fy=${props.fiscalYear}`}>{k('back')}</a>
      </p>
    </PublicLayout>
  );
}
