import { raw } from 'hono/html';
import { formatNumber } from '../../../core/thai/index.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, ButtonLink, Icon } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import { type ComplaintStats, fiscalMonthKeys, type StatsCounts } from '../stats.js';
import { monthLong, monthsChart } from '../stats-pdf.js';

const n = (x: number) => formatNumber(x);

function Counts({ c, strong }: { c: StatsCounts; strong?: boolean }) {
  const cls = strong ? 'num cstats-strong' : 'num';
  return (
    <>
      <td class={cls}>{n(c.received)}</td>
      <td class={cls}>{n(c.inProgress)}</td>
      <td class={cls}>{n(c.finished)}</td>
    </>
  );
}

function Heads({ first }: { first: string }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" class="num">
          {t('complaints.stats.received')}
        </th>
        <th scope="col" class="num">
          {t('complaints.stats.inProgress')}
        </th>
        <th scope="col" class="num">
          {t('complaints.stats.finished')}
        </th>
      </tr>
    </thead>
  );
}

/** A table in a focusable, named scroll region (wide on phones). */
function Region({ id, caption, children }: { id: string; caption: string; children: unknown }) {
  return (
    <section class="table-wrap" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table class="table cstats-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </section>
  );
}

/** /complaints/stats and /complaints/stats/:fy — public, th/en/ms, through the page cache. */
export function StatsPage({ stats, years, datasetHref }: { stats: ComplaintStats; years: number[]; datasetHref: string | null }) {
  const t = useT();
  const c = useAppContext();
  const locale = c.get('locale');
  const fy = stats.fiscalYear;
  const title = t('complaints.stats.yearTitle', { year: fy });
  const all = fiscalMonthKeys(fy);
  const none = stats.total.received === 0;
  const svg = none
    ? ''
    : monthsChart(stats, {
        t,
        locale,
        digits: 'arabic',
        width: 640,
        height: 320,
        fontFamily: 'inherit',
        fontSize: 15,
        label: t('complaints.stats.chartLabel'),
      });
  return (
    <PublicLayout
      title={title}
      head={<link rel="stylesheet" href={assetUrl('complaints-stats.css')} />}
      meta={{ description: t('complaints.stats.lead'), canonicalPath: `/complaints/stats/${fy}` }}
    >
      <header class="page-header">
        <h1 class="page-header__title">{title}</h1>
        <p class="page-header__lead">{t('complaints.stats.lead')}</p>
      </header>
      <p class="muted">
        <Icon name="clock" size={18} /> {t('complaints.stats.asOf', { date: beDate(stats.asOf, locale) })}
      </p>

      <section aria-labelledby="cstats-totals" class="cstats-section">
        <h2 id="cstats-totals">{t('complaints.stats.totals')}</h2>
        {none ? (
          <Banner tone="info">{t('complaints.stats.noneYear', { year: fy })}</Banner>
        ) : (
          <dl class="cstats-totals">
            <div>
              <dt>{t('complaints.stats.received')}</dt>
              <dd>{n(stats.total.received)}</dd>
            </div>
            <div>
              <dt>{t('complaints.stats.inProgress')}</dt>
              <dd>{n(stats.total.inProgress)}</dd>
            </div>
            <div>
              <dt>{t('complaints.stats.finished')}</dt>
              <dd>{n(stats.total.finished)}</dd>
            </div>
          </dl>
        )}
        <p class="cstats-note">{t('complaints.stats.howCounted')}</p>
      </section>

      <section aria-labelledby="cstats-months" class="cstats-section">
        <h2 id="cstats-months">{t('complaints.stats.byMonth')}</h2>
        {svg ? (
          <figure class="cstats-chart">
            {raw(svg)}
            <figcaption class="muted">{t('complaints.stats.chartTitle')}</figcaption>
          </figure>
        ) : null}
        <Region id="cstats-month-table" caption={t('complaints.stats.byMonthCaption', { year: fy })}>
          <Heads first={t('complaints.stats.month')} />
          <tbody>
            {stats.months.map((m) => (
              <tr>
                <th scope="row">{monthLong(m.month, locale)}</th>
                {m.future ? (
                  <td colspan={3} class="muted">
                    {t('complaints.stats.notYet')}
                  </td>
                ) : m.received === 0 ? (
                  <td colspan={3}>{t('complaints.stats.none')}</td>
                ) : (
                  <Counts c={m} />
                )}
              </tr>
            ))}
          </tbody>
        </Region>
        <Region id="cstats-quarter-table" caption={t('complaints.stats.byQuarterCaption', { year: fy })}>
          <Heads first={t('complaints.stats.quarter')} />
          <tbody>
            {stats.quarters.map((q) => {
              const months = all.slice((q.quarter - 1) * 3, q.quarter * 3);
              return (
                <tr>
                  <th scope="row">
                    {t('complaints.stats.quarterRange', {
                      n: q.quarter,
                      from: monthLong(months[0] as string, locale),
                      to: monthLong(months[2] as string, locale),
                    })}
                  </th>
                  {q.received === 0 ? <td colspan={3}>{t('complaints.stats.none')}</td> : <Counts c={q} />}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('complaints.stats.year')}</th>
              {none ? <td colspan={3}>{t('complaints.stats.none')}</td> : <Counts c={stats.total} strong />}
            </tr>
          </tfoot>
        </Region>
      </section>

      {none ? null : (
        <section aria-labelledby="cstats-kinds" class="cstats-section">
          <h2 id="cstats-kinds">{t('complaints.stats.byCategory')}</h2>
          <Region id="cstats-category-table" caption={t('complaints.stats.byCategoryCaption', { year: fy })}>
            <Heads first={t('complaints.stats.category')} />
            <tbody>
              {stats.byCategory
                .filter((x) => x.received > 0)
                .map((x) => (
                  <tr>
                    <th scope="row">{t(`complaints.categories.${x.category}`)}</th>
                    <Counts c={x} />
                  </tr>
                ))}
            </tbody>
          </Region>
          <h2 id="cstats-channels">{t('complaints.stats.byChannel')}</h2>
          <Region id="cstats-channel-table" caption={t('complaints.stats.byChannelCaption', { year: fy })}>
            <Heads first={t('complaints.stats.channel')} />
            <tbody>
              {stats.byChannel
                .filter((x) => x.received > 0)
                .map((x) => (
                  <tr>
                    <th scope="row">{t(`complaints.channels.${x.channel}`)}</th>
                    <Counts c={x} />
                  </tr>
                ))}
            </tbody>
          </Region>
        </section>
      )}

      <section aria-labelledby="cstats-downloads" class="cstats-section">
        <h2 id="cstats-downloads">{t('complaints.stats.downloads')}</h2>
        <ul class="cstats-downloads">
          <li>
            <a href={`/complaints/stats/${fy}.pdf`}>
              <Icon name="file-text" size={18} /> {t('complaints.stats.pdf')}
            </a>
          </li>
          <li>
            <a href={`/complaints/stats/${fy}.xlsx`}>
              <Icon name="download" size={18} /> {t('complaints.stats.xlsx')}
            </a>
          </li>
          {datasetHref ? (
            <li>
              <a href={datasetHref}>
                <Icon name="database" size={18} /> {t('complaints.stats.opendata')}
              </a>
            </li>
          ) : null}
        </ul>
        <p class="muted">
          <Icon name="lock" size={18} /> {t('complaints.stats.privacy')}
        </p>
      </section>

      {years.length > 1 ? (
        <nav aria-labelledby="cstats-years" class="cstats-section">
          <h2 id="cstats-years">{t('complaints.stats.years')}</h2>
          <ul class="cstats-years">
            {years.map((y) => (
              <li>
                {y === fy ? (
                  <span aria-current="page">{t('complaints.stats.yearLink', { year: y })}</span>
                ) : (
                  <a href={`/complaints/stats/${y}`}>{t('complaints.stats.yearLink', { year: y })}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <section class="card cstats-report" aria-labelledby="cstats-report">
        <h2 id="cstats-report" class="card__title">
          {t('complaints.stats.report')}
        </h2>
        <p>{t('complaints.stats.reportLead')}</p>
        <p class="cstats-actions">
          <ButtonLink href="/complaints" variant="primary" icon="scale">
            {t('complaints.stats.report')}
          </ButtonLink>
          <a href="/complaints/guide">{t('complaints.stats.guide')}</a>
        </p>
      </section>
      <ShareLinks path={`/complaints/stats/${fy}`} title={title} />
    </PublicLayout>
  );
}
