import type { Child } from 'hono/jsx';
import {
  bangkokDate,
  formatNumber,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  parseIsoDay,
} from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Icon, Tag, type Tone } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import type { IconName } from '../../../core/ui/icons.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { DashboardSummary, DivisionSatisfaction } from '../service.js';

const num = (x: number) => formatNumber(x);
const dec = (x: number, d = 2) => formatNumber(x, { decimals: d });
const BAND_TONE: Record<number, Tone> = { 5: 'success', 4: 'success', 3: 'warning', 2: 'danger', 1: 'danger' };

function Tile(props: {
  icon: IconName;
  label: string;
  value: string | null;
  unit: string;
  note?: string | null;
  href?: string | null;
  linkText?: string;
}) {
  const t = useT();
  return (
    <div class="dash-tile">
      <dt class="dash-tile__label">
        <Icon name={props.icon} size={20} /> {props.label}
      </dt>
      <dd class="dash-tile__value">
        {props.value === null ? (
          <span class="dash-tile__none">{t('dashboard.today.noData')}</span>
        ) : (
          <>
            <span class="dash-big">{props.value}</span> <span class="dash-unit">{props.unit}</span>
          </>
        )}
      </dd>
      {props.note ? <dd class="dash-tile__note">{props.note}</dd> : null}
    </div>
  );
}

/** "สูงขึ้น 0.12 จากเดือนก่อน" with an arrow that is decoration only (the words say it). */
function Trend({ change, hasPrevious }: { change: number | null; hasPrevious: boolean }) {
  const t = useT();
  if (!hasPrevious || change === null) return <span class="dash-trend dash-trend--none">{t('dashboard.satisfaction.noPrevious')}</span>;
  if (change > 0)
    return (
      <span class="dash-trend dash-trend--up">
        <span aria-hidden="true">▲ </span>
        {t('dashboard.satisfaction.up', { change: dec(change) })}
      </span>
    );
  if (change < 0)
    return (
      <span class="dash-trend dash-trend--down">
        <span aria-hidden="true">▼ </span>
        {t('dashboard.satisfaction.down', { change: dec(-change) })}
      </span>
    );
  return (
    <span class="dash-trend">
      <span aria-hidden="true">● </span>
      {t('dashboard.satisfaction.same')}
    </span>
  );
}

/** A bar of the percent, drawn in SVG (no inline style: the CSP forbids it); the number beside it is the text. */
function Bar({ percent }: { percent: number }) {
  const w = Math.max(0, Math.min(100, percent));
  return (
    <svg class="dash-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="6" rx="3" class="dash-bar__track" />
      <rect x="0" y="0" width={String(w)} height="6" rx="3" class="dash-bar__fill" />
    </svg>
  );
}

function DivisionRow({ d }: { d: DivisionSatisfaction }) {
  const t = useT();
  return (
    <li class="dash-division">
      <div class="dash-division__head">
        <h4 class="dash-division__name">{d.name}</h4>
        <span class="dash-division__mean">{d.mean === null ? '–' : dec(d.mean)}</span>
      </div>
      {d.mean !== null && d.percent !== null ? (
        <>
          <Bar percent={d.percent} />
          <p class="dash-division__meta">
            {d.band ? <Tag tone={BAND_TONE[d.band]}>{t(`surveys.levels.${d.band}`)}</Tag> : null}{' '}
            <span>{t('dashboard.satisfaction.percentLine', { percent: dec(d.percent, 1) })}</span>
            <span class="muted"> · {t('dashboard.satisfaction.responses', { n: num(d.responses) })}</span>
          </p>
          <p class="dash-division__trend">
            <Trend change={d.change} hasPrevious={d.previousMean !== null} />
          </p>
        </>
      ) : (
        <p class="dash-division__meta muted">{t('dashboard.satisfaction.noResponses')}</p>
      )}
    </li>
  );
}

function Section(props: {
  id: string;
  title: Child;
  icon: IconName;
  children: Child;
  link?: { href: string; text: string };
  wide?: boolean;
}) {
  return (
    <section class={`card dash-section${props.wide ? ' dash-section--wide' : ''}`} aria-labelledby={props.id}>
      <h2 class="dash-section__title" id={props.id}>
        <Icon name={props.icon} /> <span>{props.title}</span>
      </h2>
      {props.children}
      {props.link ? (
        <p class="dash-section__link">
          <a href={props.link.href}>
            {props.link.text} <Icon name="chevron-right" size={18} />
          </a>
        </p>
      ) : null}
    </section>
  );
}

const dayDate = (day: string) => {
  const p = parseIsoDay(day);
  return p ? bangkokDate(p.year, p.month, p.day) : new Date(0);
};

export function DashboardPage({ s }: { s: DashboardSummary }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const c = s.counters;
  const p = parseIsoDay(s.today) ?? { year: 2000, month: 1, day: 1 };
  const monthLabel =
    locale === 'th'
      ? formatThaiMonthYear({ year: p.year, month: p.month })
      : new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(dayDate(s.today));
  const sat = s.satisfaction;
  const m = s.measures;
  return (
    <StaffLayout title={t('dashboard.title')} head={<link rel="stylesheet" href={assetUrl('dashboard.css')} />}>
      <div class="dash">
        <header class="dash-header">
          <h1 class="dash-header__title">{t('dashboard.title')}</h1>
          <p class="dash-header__asof muted">{t('dashboard.asOf', { at: formatThaiDateTime(s.generatedAt) })}</p>
        </header>

        <section class="dash-today" aria-labelledby="dash-today">
          <h2 id="dash-today" class="dash-section__title">
            <Icon name="clock" /> <span>{t('dashboard.today.title')}</span>
          </h2>
          <p class="dash-sub muted">{formatThaiDate(dayDate(s.today), { style: 'full' })}</p>
          <dl class="dash-tiles">
            <Tile
              icon="users"
              label={t('dashboard.today.visitors')}
              value={c.visitors === null ? null : num(c.visitors)}
              unit={t('dashboard.today.people')}
              note={c.outOfHours ? t('dashboard.today.visitorsNote', { n: num(c.outOfHours) }) : null}
            />
            <Tile
              icon="ticket"
              label={t('dashboard.today.tickets')}
              value={c.ticketsIssued === null ? null : num(c.ticketsIssued)}
              unit={t('dashboard.today.cards')}
              note={c.ticketsFinished === null ? null : t('dashboard.today.ticketsNote', { n: num(c.ticketsFinished) })}
            />
            <Tile
              icon="armchair"
              label={t('dashboard.today.waiting')}
              value={c.waitingNow === null ? null : num(c.waitingNow)}
              unit={t('dashboard.today.people')}
            />
            <Tile
              icon="clock"
              label={t('dashboard.today.wait')}
              value={c.averageWaitMinutes === null ? null : dec(c.averageWaitMinutes, 1)}
              unit={t('dashboard.today.minutes')}
            />
          </dl>
          <p class="dash-links">
            {c.visitors !== null ? (
              <a href={`/staff/frontdesk/report?period=day&day=${s.today}`}>
                {t('dashboard.today.frontdeskLink')} <Icon name="chevron-right" size={18} />
              </a>
            ) : null}
            {c.ticketsIssued !== null ? (
              <a href={`/staff/queue/stats?period=day&day=${s.today}`}>
                {t('dashboard.today.queueLink')} <Icon name="chevron-right" size={18} />
              </a>
            ) : null}
          </p>
        </section>

        {sat ? (
          <Section
            id="dash-satisfaction"
            wide
            icon="smile"
            title={t('dashboard.satisfaction.title', { month: monthLabel })}
            link={{ href: `/staff/surveys?period=month&month=${s.today.slice(0, 7)}`, text: t('dashboard.satisfaction.link') }}
          >
            {sat.mean === null ? (
              <p class="dash-empty">{t('dashboard.satisfaction.noResponses')}</p>
            ) : (
              <div class="dash-overall">
                <p class="dash-overall__label">{t('dashboard.satisfaction.overall')}</p>
                <p class="dash-overall__value">
                  <span class="dash-big dash-big--xl">{dec(sat.mean)}</span>
                  <span class="dash-unit">{t('dashboard.satisfaction.outOf')}</span>
                </p>
                <p class="dash-overall__meta">
                  {sat.band ? <Tag tone={BAND_TONE[sat.band]}>{t(`surveys.levels.${sat.band}`)}</Tag> : null}{' '}
                  <span>{t('dashboard.satisfaction.percentLine', { percent: dec(sat.percent ?? 0, 1) })}</span>
                  <span class="muted"> · {t('dashboard.satisfaction.responses', { n: num(sat.responses) })}</span>
                </p>
                <p>
                  <Trend change={sat.change} hasPrevious={sat.previousMean !== null} />
                </p>
              </div>
            )}
            {sat.mean !== null && sat.divisions.length ? (
              <>
                <h3 class="dash-subtitle">{t('dashboard.satisfaction.byDivision')}</h3>
                <ul class="dash-divisions">
                  {sat.divisions.map((d) => (
                    <DivisionRow d={d} />
                  ))}
                </ul>
              </>
            ) : null}
          </Section>
        ) : null}

        {s.suggestions ? (
          <Section
            id="dash-suggestions"
            icon="message-square"
            title={t('dashboard.suggestions.title')}
            link={{ href: '/staff/surveys/suggestions?waiting=1', text: t('dashboard.suggestions.link') }}
          >
            {s.suggestions.waiting === 0 ? (
              <p class="dash-empty">
                <Icon name="circle-check" /> {t('dashboard.suggestions.none')}
              </p>
            ) : (
              <>
                <p class="dash-count">
                  <span class="dash-big dash-big--warn">{num(s.suggestions.waiting)}</span>{' '}
                  <span class="dash-unit">{t('dashboard.suggestions.items')}</span>
                </p>
                {s.suggestions.oldest ? (
                  <p class="muted">{t('dashboard.suggestions.oldest', { date: formatThaiDate(s.suggestions.oldest) })}</p>
                ) : null}
              </>
            )}
          </Section>
        ) : null}

        {m ? (
          <Section
            id="dash-measures"
            icon="list-checks"
            title={t('dashboard.measures.title', { year: m.fiscalYear })}
            link={m.planId ? { href: `/staff/measures/plans/${m.planId}`, text: t('dashboard.measures.link') } : undefined}
          >
            {m.planId === null ? (
              <p class="dash-empty">{t('dashboard.measures.noPlan', { year: m.fiscalYear })}</p>
            ) : (
              <>
                <dl class="dash-counts">
                  <div class="dash-counts__item dash-counts__item--danger">
                    <dt>{t('dashboard.measures.overdue')}</dt>
                    <dd>
                      <span class="dash-big">{num(m.overdue)}</span> <span class="dash-unit">{t('dashboard.measures.measures')}</span>
                    </dd>
                  </div>
                  <div class="dash-counts__item dash-counts__item--warning">
                    <dt>{t('dashboard.measures.due')}</dt>
                    <dd>
                      <span class="dash-big">{num(m.due)}</span> <span class="dash-unit">{t('dashboard.measures.measures')}</span>
                    </dd>
                  </div>
                  <div class="dash-counts__item">
                    <dt>{t('dashboard.measures.incomplete')}</dt>
                    <dd>
                      <span class="dash-big">{num(m.incomplete)}</span> <span class="dash-unit">{t('dashboard.measures.measures')}</span>
                    </dd>
                  </div>
                </dl>
                {m.items.length === 0 ? (
                  <p class="dash-empty">
                    <Icon name="circle-check" /> {t('dashboard.measures.none')}
                  </p>
                ) : (
                  <ul class="dash-measures">
                    {m.items.map((i) => (
                      <li>
                        <a href={`/staff/measures/${i.measureId}`}>{t('dashboard.measures.item', { number: i.number, title: i.title })}</a>
                        <span class="dash-measures__tags">
                          {i.missing
                            .filter((k) => k.startsWith('checkpoint'))
                            .map((k) => (
                              <Tag tone={k.endsWith('Missed') ? 'danger' : 'warning'}>{t(`measures.missingKinds.${k}`)}</Tag>
                            ))}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </Section>
        ) : null}
        {s.oit ? <OitCard oit={s.oit} /> : null}
      </div>
    </StaffLayout>
  );
}

/** OIT readiness of the current ITA year: how many indicators are covered, partly, missing. */
function OitCard({ oit }: { oit: NonNullable<DashboardSummary['oit']> }) {
  const t = useT();
  const parts = [
    { key: 'covered', n: oit.counts.covered, mod: '' },
    { key: 'partly', n: oit.counts.partly, mod: ' dash-counts__item--warning' },
    { key: 'missing', n: oit.counts.missing, mod: ' dash-counts__item--danger' },
  ] as const;
  return (
    <Section
      id="dash-oit"
      icon="file-check"
      title={t('dashboard.oit.title', { year: oit.fiscalYear })}
      link={{ href: `/staff/disclosure/readiness?fy=${oit.fiscalYear}`, text: t('dashboard.oit.link') }}
    >
      <p class="dash-sub">{t('dashboard.oit.summary', { covered: num(oit.counts.covered), total: num(oit.total) })}</p>
      <dl class="dash-counts">
        {parts.map((p) => (
          <div class={`dash-counts__item${p.mod}`}>
            <dt>{t(`dashboard.oit.${p.key}`)}</dt>
            <dd>
              <span class="dash-big">{num(p.n)}</span> <span class="dash-unit">{t('dashboard.oit.items')}</span>
            </dd>
          </div>
        ))}
      </dl>
      {oit.overdueItems > 0 ? (
        <p>
          <a href={`/staff/disclosure?fy=${oit.fiscalYear}&status=overdue`}>{t('dashboard.oit.overdue', { n: num(oit.overdueItems) })}</a>
        </p>
      ) : null}
    </Section>
  );
}
