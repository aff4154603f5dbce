import type { FieldError } from '../../../core/http/errors.js';
import { formatNumber, formatThaiDateTime } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, Button, ButtonLink, ErrorSummary, Form, Icon, PageHeader, TextArea } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { DayMonthChooser, PeriodNav } from '../../../core/ui/period.js';
import type { Publication } from '../../publications/service.js';
import type { Dist, QueueStats } from '../stats.js';
import { dayRowLabel, heatmapGrid, minutes, percent, periodLabel, type StatsPeriod, shownDays } from '../stats-pdf.js';

export interface StatsPageProps {
  /** Null when the period asked for was not valid (the errors say why). */
  period: StatsPeriod | null;
  stats: QueueStats | null;
  errors: FieldError[];
  /** What the forms show: the day and month asked for, or today's. */
  dayValue: string;
  monthValue: string;
  /** Links to the neighbouring periods. */
  prevHref: string | null;
  nextHref: string | null;
  /** Query string of the period, for the downloads. */
  query: string;
  publish: null | {
    item: string;
    fiscalYear: number;
    existing: Publication | null;
    /** The month has not started: nothing to publish. */
    future: boolean;
    /** The month is still running. */
    running: boolean;
    errors: FieldError[];
    reason: string;
  };
}

const n = (x: number) => formatNumber(x);

function DistCells({ d }: { d: Dist }) {
  return (
    <>
      <td class="num">{minutes(d.mean)}</td>
      <td class="num">{minutes(d.median)}</td>
      <td class="num">{minutes(d.p90)}</td>
    </>
  );
}

function DistHead({ label }: { label: string }) {
  return (
    <th scope="colgroup" colspan={3} class="stats-group">
      {label}
    </th>
  );
}

function SubHeads({ times }: { times: number }) {
  const t = useT();
  const cells = [];
  for (let i = 0; i < times; i++) {
    cells.push(
      <>
        <th scope="col" class="num">
          {t('queue.stats.mean')}
        </th>
        <th scope="col" class="num">
          {t('queue.stats.median')}
        </th>
        <th scope="col" class="num">
          <abbr title={t('queue.stats.p90Long')}>{t('queue.stats.p90')}</abbr>
        </th>
      </>,
    );
  }
  return <>{cells}</>;
}

/** A table region that scrolls sideways on a phone; focusable so a keyboard can scroll it. */
function Wide(props: { label: string; children: unknown }) {
  return (
    <section class="table-wrap stats-wrap" aria-label={props.label} tabindex={0}>
      {props.children as never}
    </section>
  );
}

function Heatmap({ s, oneDay }: { s: QueueStats; oneDay: boolean }) {
  const t = useT();
  const grid = heatmapGrid(s, oneDay);
  const level = (v: number) => (grid.max === 0 || v === 0 ? 0 : Math.min(5, Math.ceil((v / grid.max) * 5)));
  return (
    <Wide label={t('queue.stats.heatmap')}>
      <table class="table stats-heatmap">
        <caption>
          {t('queue.stats.heatmap')}
          <span class="stats-caption-note">{t('queue.stats.heatmapNote')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('queue.stats.weekdayHour')}</th>
            {grid.hours.map((h) => (
              <th scope="col" class="num">
                {t('queue.stats.hour', { hour: String(h).padStart(2, '0') })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weekdays.map((w) => (
            <tr>
              <th scope="row">{t(`queue.admin.weekdays.${w}`)}</th>
              {grid.hours.map((h) => {
                const v = grid.value(w, h);
                return <td class={`num heat heat-${level(v)}`}>{v ? n(v) : <span class="visually-hidden">0</span>}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Wide>
  );
}

function Figures({ s }: { s: QueueStats }) {
  const t = useT();
  const tot = s.totals;
  const fig = (label: string, value: string, note?: string) => (
    <div class="stats-figure">
      <dt>{label}</dt>
      <dd>
        <span class="stat">{value}</span>
        {note ? <span class="stats-figure__note">{note}</span> : null}
      </dd>
    </div>
  );
  return (
    <dl class="stats-figures" aria-label={t('queue.stats.figures')}>
      {fig(t('queue.stats.issued'), n(tot.issued))}
      {fig(t('queue.stats.finished'), n(tot.finished))}
      {fig(t('queue.stats.noShowRate'), percent(tot.noShowRate), t('queue.stats.people', { n: n(tot.noShow) }))}
      {fig(
        t('queue.stats.waitMedian'),
        tot.wait.median == null ? '–' : t('queue.stats.minutesValue', { n: minutes(tot.wait.median) }),
        tot.wait.n ? t('queue.stats.waitOf', { mean: minutes(tot.wait.mean), p90: minutes(tot.wait.p90) }) : undefined,
      )}
      {fig(
        t('queue.stats.serviceMedian'),
        tot.service.median == null ? '–' : t('queue.stats.minutesValue', { n: minutes(tot.service.median) }),
        tot.service.n ? t('queue.stats.waitOf', { mean: minutes(tot.service.mean), p90: minutes(tot.service.p90) }) : undefined,
      )}
    </dl>
  );
}

function Tables({ s, period }: { s: QueueStats; period: StatsPeriod }) {
  const t = useT();
  const c = useAppContext();
  const locale = c.get('locale');
  const days = shownDays(s);
  const maxDay = Math.max(1, ...days.map((d) => d.issued));
  const dayText = (day: string) => dayRowLabel(day, locale);
  return (
    <>
      <h2 id="by-service">{t('queue.stats.byService')}</h2>
      <Wide label={t('queue.stats.byService')}>
        <table class="table stats-table">
          <thead>
            <tr>
              <th scope="col" rowspan={2}>
                {t('queue.stats.service')}
              </th>
              <th scope="col" rowspan={2} class="num">
                {t('queue.stats.issued')}
              </th>
              <th scope="col" rowspan={2} class="num">
                {t('queue.stats.finished')}
              </th>
              <th scope="col" rowspan={2} class="num">
                {t('queue.stats.noShow')}
              </th>
              <DistHead label={t('queue.stats.waitMinutes')} />
              <DistHead label={t('queue.stats.serviceMinutes')} />
            </tr>
            <tr>
              <SubHeads times={2} />
            </tr>
          </thead>
          <tbody>
            {s.byService.map((r) => (
              <tr>
                <th scope="row">
                  <span class="stats-prefix">{r.prefix}</span> {r.name}
                </th>
                <td class="num">{n(r.issued)}</td>
                <td class="num">{n(r.finished)}</td>
                <td class="num">{n(r.noShow)}</td>
                <DistCells d={r.wait} />
                <DistCells d={r.service} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('queue.stats.total')}</th>
              <td class="num">{n(s.totals.issued)}</td>
              <td class="num">{n(s.totals.finished)}</td>
              <td class="num">{n(s.totals.noShow)}</td>
              <DistCells d={s.totals.wait} />
              <DistCells d={s.totals.service} />
            </tr>
          </tfoot>
        </table>
      </Wide>

      <h2 id="by-counter">{t('queue.stats.byCounter')}</h2>
      <Wide label={t('queue.stats.byCounter')}>
        <table class="table stats-table">
          <thead>
            <tr>
              <th scope="col" rowspan={2}>
                {t('queue.stats.counter')}
              </th>
              <th scope="col" rowspan={2} class="num">
                {t('queue.stats.finished')}
              </th>
              <DistHead label={t('queue.stats.waitMinutes')} />
              <DistHead label={t('queue.stats.serviceMinutes')} />
            </tr>
            <tr>
              <SubHeads times={2} />
            </tr>
          </thead>
          <tbody>
            {s.byCounter.map((r) => (
              <tr>
                <th scope="row">{t('queue.stats.counterName', { number: r.number, name: r.name })}</th>
                <td class="num">{n(r.finished)}</td>
                <DistCells d={r.wait} />
                <DistCells d={r.service} />
              </tr>
            ))}
          </tbody>
        </table>
      </Wide>

      <h2 id="by-staff">{t('queue.stats.byStaff')}</h2>
      <p class="muted">{t('queue.stats.byStaffNote')}</p>
      {s.byStaff.length === 0 ? (
        <p>{t('queue.stats.none')}</p>
      ) : (
        <Wide label={t('queue.stats.byStaff')}>
          <table class="table stats-table">
            <thead>
              <tr>
                <th scope="col" rowspan={2}>
                  {t('queue.stats.staff')}
                </th>
                <th scope="col" rowspan={2} class="num">
                  {t('queue.stats.finished')}
                </th>
                <DistHead label={t('queue.stats.serviceMinutes')} />
              </tr>
              <tr>
                <SubHeads times={1} />
              </tr>
            </thead>
            <tbody>
              {s.byStaff.map((r) => (
                <tr>
                  <th scope="row">{r.name || t('queue.stats.unknownStaff')}</th>
                  <td class="num">{n(r.finished)}</td>
                  <DistCells d={r.service} />
                </tr>
              ))}
            </tbody>
          </table>
        </Wide>
      )}

      {period.kind !== 'day' ? (
        <>
          <h2 id="by-day">{t('queue.stats.byDay')}</h2>
          <Wide label={t('queue.stats.byDay')}>
            <table class="table stats-table stats-days">
              <thead>
                <tr>
                  <th scope="col">{t('queue.stats.day')}</th>
                  <th scope="col" class="num">
                    {t('queue.stats.issued')}
                  </th>
                  <th scope="col" class="num">
                    {t('queue.stats.finished')}
                  </th>
                  <th scope="col" class="num">
                    {t('queue.stats.noShow')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr>
                    <th scope="row">
                      <a href={`/staff/queue/stats?period=day&day=${d.day}`}>{dayText(d.day)}</a>
                    </th>
                    <td class="num stats-bar-cell">
                      <span class={`stats-bar stats-bar--${Math.round((d.issued / maxDay) * 20) * 5}`} aria-hidden="true" />
                      <span class="stats-bar-num">{n(d.issued)}</span>
                    </td>
                    <td class="num">{n(d.finished)}</td>
                    <td class="num">{n(d.noShow)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Wide>
        </>
      ) : null}

      <h2 id="by-hour">{t('queue.stats.heatmap')}</h2>
      <Heatmap s={s} oneDay={period.kind === 'day'} />

      <h2 id="by-channel">{t('queue.stats.byChannel')}</h2>
      <ul class="stats-channels">
        {s.byChannel.length === 0 ? <li>{t('queue.stats.none')}</li> : null}
        {s.byChannel.map((ch) => (
          <li>
            {t(`queue.channel.${ch.channel}`)}: <strong>{t('queue.stats.tickets', { n: n(ch.issued) })}</strong>
          </li>
        ))}
      </ul>

      <h2 id="definitions">{t('queue.stats.definitionsTitle')}</h2>
      <ul class="stats-definitions">
        <li>{t('queue.stats.definitions.range')}</li>
        <li>{t('queue.stats.definitions.wait')}</li>
        <li>{t('queue.stats.definitions.service')}</li>
        <li>{t('queue.stats.definitions.noShow')}</li>
      </ul>
    </>
  );
}

function PublishPanel({ p, monthValue }: { p: NonNullable<StatsPageProps['publish']>; monthValue: string }) {
  const t = useT();
  return (
    <section class="panel stats-publish" aria-labelledby="stats-publish">
      <h2 id="stats-publish">{t('queue.stats.publish.title')}</h2>
      <p>{t('queue.stats.publish.lead', { item: p.item, year: p.fiscalYear })}</p>
      {p.existing ? (
        <p>
          <Icon name="circle-check" /> {t('queue.stats.publish.already', { at: formatThaiDateTime(p.existing.publishedAt) })} ·{' '}
          <a href={`/publications/${p.existing.id}`}>{t('queue.stats.publish.view')}</a>
        </p>
      ) : null}
      {p.future ? (
        <p class="muted">{t('queue.stats.publish.futureMonth')}</p>
      ) : (
        <Form action="/staff/queue/stats/publish">
          <ErrorSummary errors={p.errors} />
          {p.running ? <Banner tone="info">{t('queue.stats.publish.notEnded')}</Banner> : null}
          <input type="hidden" name="month" value={monthValue} />
          {p.existing ? (
            <TextArea
              name="reason"
              label="queue.stats.fields.reason"
              hint="queue.stats.hints.reason"
              value={p.reason}
              errors={p.errors}
              rows={3}
            />
          ) : null}
          <Button icon="upload" variant={p.existing ? 'secondary' : 'primary'}>
            {p.existing ? t('queue.stats.publish.again') : t('queue.stats.publish.button')}
          </Button>
        </Form>
      )}
    </section>
  );
}

export function StatsPage(props: StatsPageProps) {
  const t = useT();
  const c = useAppContext();
  const locale = c.get('locale');
  const s = props.stats;
  const label = s && props.period ? periodLabel(t, s, props.period, locale) : '';
  const chooser = (
    <DayMonthChooser
      action="/staff/queue/stats"
      open={!s}
      dayValue={props.dayValue}
      monthValue={props.monthValue}
      errors={props.errors}
      keys={{
        legend: 'queue.stats.choose.legend',
        day: 'queue.stats.choose.day',
        month: 'queue.stats.choose.month',
        dayField: 'queue.stats.fields.day',
        dayHint: 'queue.stats.hints.day',
        monthField: 'queue.stats.fields.month',
        monthHint: 'queue.stats.hints.month',
      }}
    />
  );
  return (
    <StaffLayout title={t('queue.stats.title')} head={<link rel="stylesheet" href={assetUrl('queue-stats.css')} />}>
      <PageHeader title={t('queue.stats.title')} lead={t('queue.stats.lead')} />
      <ErrorSummary errors={props.errors} />
      {s && props.period ? (
        <>
          <PeriodNav
            block="stats-period"
            label={t('queue.stats.fields.period')}
            prevHref={props.prevHref}
            prevText={props.period.kind === 'day' ? t('queue.stats.choose.previousDay') : t('queue.stats.choose.previousMonth')}
            nextHref={props.nextHref}
            nextText={props.period.kind === 'day' ? t('queue.stats.choose.nextDay') : t('queue.stats.choose.nextMonth')}
          >
            {label}
          </PeriodNav>
          <Figures s={s} />
          <div class="stats-downloads">
            <span class="stats-downloads__label">{t('queue.stats.downloads')}:</span>
            <ButtonLink href={`/staff/queue/stats/download?format=pdf&${props.query}`} icon="download">
              {t('queue.stats.downloadPdf')}
            </ButtonLink>
            <ButtonLink href={`/staff/queue/stats/download?format=xlsx&${props.query}`} icon="download">
              {t('queue.stats.downloadXlsx')}
            </ButtonLink>
          </div>
          {chooser}
          {s.totals.issued === 0 ? <Banner tone="info">{t('queue.stats.none')}</Banner> : null}
          <Tables s={s} period={props.period} />
          {props.publish ? <PublishPanel p={props.publish} monthValue={props.monthValue} /> : null}
        </>
      ) : (
        chooser
      )}
    </StaffLayout>
  );
}
