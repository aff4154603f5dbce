import type { FieldError } from '../../../core/http/errors.js';
import { formatNumber, formatThaiDate, formatThaiTime } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, ButtonLink, ErrorSummary, PageHeader } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { DayMonthChooser, PeriodNav } from '../../../core/ui/period.js';
import type { LinkedEvidenceState } from '../../measures/service.js';
import { LinkedEvidenceBox } from '../../measures/views/linked-evidence.js';
import { dayRowLabel, periodLabel, type StatsPeriod } from '../../queue/stats-pdf.js';
import { FRONTDESK_MEASURE_NUMBER } from '../policy.js';
import { purposeLabel } from '../purposes.js';
import { type FrontdeskReport, shownReportDays } from '../report.js';
import { FrontdeskTabs } from './common.js';
import { thaiDay } from './screening.js';

export interface ReportPageProps {
  period: StatsPeriod | null;
  report: FrontdeskReport | null;
  errors: FieldError[];
  dayValue: string;
  monthValue: string;
  prevHref: string | null;
  nextHref: string | null;
  query: string;
}

const n = (x: number) => formatNumber(x);
const pct = (x: number, total: number) => (total ? `${formatNumber((x / total) * 100, { decimals: 1 })}%` : '–');

/** A count table with a bar per row; the bar is decoration, the numbers are in the cells. */
function CountTable(props: { id: string; title: string; note?: string; rows: { label: string; n: number }[]; total: number }) {
  const t = useT();
  const max = Math.max(1, ...props.rows.map((r) => r.n));
  return (
    <section class="fd-count-table" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.note ? <p class="muted">{props.note}</p> : null}
      {props.rows.length === 0 ? (
        <p class="muted">{t('frontdesk.report.none')}</p>
      ) : (
        <table class="table fd-table">
          <thead>
            <tr>
              <th scope="col">{t('frontdesk.report.item')}</th>
              <th scope="col" class="num">
                {t('frontdesk.report.count')}
              </th>
              <th scope="col" class="num">
                {t('frontdesk.report.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  {r.label}
                  <span class="fd-bar" aria-hidden="true">
                    <span class={`fd-bar__fill fd-w-${Math.round((r.n / max) * 20) * 5}`} />
                  </span>
                </th>
                <td class="num">{n(r.n)}</td>
                <td class="num">{pct(r.n, props.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Body({ r, period }: { r: FrontdeskReport; period: StatsPeriod }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const visits = r.byKind.visit;
  const days = shownReportDays(r);
  return (
    <>
      <dl class="stats-figures fd-figures" aria-label={t('frontdesk.report.figures')}>
        <div class="stats-figure">
          <dt>{t('frontdesk.report.visits')}</dt>
          <dd>
            <span class="stat">{n(visits)}</span>
          </dd>
        </div>
        <div class="stats-figure">
          <dt>{t('frontdesk.report.tickets')}</dt>
          <dd>
            <span class="stat">{n(r.ticketsIssued)}</span>
          </dd>
        </div>
        <div class="stats-figure">
          <dt>{t('frontdesk.report.outOfHours')}</dt>
          <dd>
            <span class="stat">{n(r.byKind.out_of_hours)}</span>
          </dd>
        </div>
        <div class="stats-figure">
          <dt>{t('frontdesk.report.screened')}</dt>
          <dd>
            <span class="stat">{n(r.screenedTotal)}</span>
          </dd>
        </div>
      </dl>
      {r.total === 0 ? <Banner tone="info">{t('frontdesk.report.empty')}</Banner> : null}
      <div class="fd-grid">
        <CountTable
          id="by-purpose"
          title={t('frontdesk.report.byPurpose')}
          total={visits}
          rows={r.byPurpose.map((x) => ({ label: t(purposeLabel(x.purpose)), n: x.n }))}
        />
        <CountTable
          id="by-outcome"
          title={t('frontdesk.report.byOutcome')}
          total={visits}
          rows={r.byOutcome.map((x) => ({ label: t(`frontdesk.outcomes.${x.outcome}`), n: x.n }))}
        />
        <CountTable
          id="by-division"
          title={t('frontdesk.report.byDivision')}
          note={t('frontdesk.report.divisionNote')}
          total={visits}
          rows={r.byDivision.map((x) => ({ label: x.name, n: x.n }))}
        />
        <CountTable
          id="by-help"
          title={t('frontdesk.report.byHelp')}
          note={t('frontdesk.report.helpNote')}
          total={visits}
          rows={r.byHelp.map((x) => ({ label: t(`frontdesk.help.${x.help}`), n: x.n }))}
        />
        <CountTable
          id="by-channel"
          title={t('frontdesk.report.byChannel')}
          total={visits}
          rows={r.byChannel.map((x) => ({ label: t(`frontdesk.channels.${x.channel}`), n: x.n }))}
        />
      </div>
      {period.kind !== 'day' ? (
        <>
          <h2 id="by-day">{t('frontdesk.report.byDay')}</h2>
          <section class="table-wrap" aria-label={t('frontdesk.report.byDay')} tabindex={0}>
            <table class="table fd-table">
              <thead>
                <tr>
                  <th scope="col">{t('frontdesk.report.day')}</th>
                  <th scope="col" class="num">
                    {t('frontdesk.report.visits')}
                  </th>
                  <th scope="col" class="num">
                    {t('frontdesk.report.outOfHours')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr>
                    <th scope="row">
                      <a href={`/staff/frontdesk/report?period=day&day=${d.day}`}>{dayRowLabel(d.day, locale)}</a>
                    </th>
                    <td class="num">{n(d.visits)}</td>
                    <td class="num">{n(d.outOfHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
      <h2 id="out-of-hours">{t('frontdesk.report.oohList')}</h2>
      {r.outOfHours.length === 0 ? (
        <p class="muted">{t('frontdesk.report.none')}</p>
      ) : (
        <ul class="fd-notes">
          {r.outOfHours.map((v) => (
            <li>
              <p class="fd-notes__head">
                <strong>
                  {formatThaiDate(v.visitedAt, { style: 'full' })} {formatThaiTime(v.visitedAt)}
                </strong>{' '}
                · {t(purposeLabel(v.purpose))} · {t(`frontdesk.outcomes.${v.outcome}`)}
              </p>
              {v.note ? <p>{v.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <h2 id="screening">{t('frontdesk.report.screeningList')}</h2>
      {r.screening.length === 0 ? (
        <p class="muted">{t('frontdesk.report.none')}</p>
      ) : (
        <ul class="fd-notes">
          {r.screening.map((s) => (
            <li>
              <p class="fd-notes__head">
                <strong>{thaiDay(s.day, 'full')}</strong> · {t('frontdesk.report.people', { n: n(s.screened) })}
              </p>
              <p>{s.note}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ReportPage(
  props: ReportPageProps & { showLog: boolean; evidence: { state: LinkedEvidenceState; fiscalYear: number } | null },
) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const r = props.report;
  const chooser = (
    <DayMonthChooser
      action="/staff/frontdesk/report"
      open={!r}
      dayValue={props.dayValue}
      monthValue={props.monthValue}
      errors={props.errors}
      keys={{
        legend: 'frontdesk.report.chooseLegend',
        day: 'frontdesk.report.chooseDay',
        month: 'frontdesk.report.chooseMonth',
        dayField: 'frontdesk.fields.day',
        dayHint: 'frontdesk.report.dayHint',
        monthField: 'frontdesk.report.monthField',
        monthHint: 'frontdesk.report.monthHint',
      }}
    />
  );
  return (
    <StaffLayout
      title={t('frontdesk.report.title')}
      head={
        <>
          <link rel="stylesheet" href={assetUrl('queue-stats.css')} />
          <link rel="stylesheet" href={assetUrl('frontdesk.css')} />
        </>
      }
    >
      <PageHeader title={t('frontdesk.report.title')} lead={t('frontdesk.report.lead')} />
      {props.showLog ? <FrontdeskTabs current="report" showReport /> : null}
      <ErrorSummary errors={props.errors} />
      {r && props.period ? (
        <>
          <PeriodNav
            block="stats-period"
            label={t('frontdesk.report.chooseLegend')}
            prevHref={props.prevHref}
            prevText={t(props.period.kind === 'day' ? 'frontdesk.report.previousDay' : 'frontdesk.report.previousMonth')}
            nextHref={props.nextHref}
            nextText={t(props.period.kind === 'day' ? 'frontdesk.report.nextDay' : 'frontdesk.report.nextMonth')}
          >
            {periodLabel(t, r, props.period, locale)}
          </PeriodNav>
          <div class="stats-downloads">
            <span class="stats-downloads__label">{t('frontdesk.report.downloads')}:</span>
            <ButtonLink href={`/staff/frontdesk/report.pdf?${props.query}`} icon="download">
              {t('frontdesk.report.downloadPdf')}
            </ButtonLink>
            <ButtonLink href={`/staff/frontdesk/report.xlsx?${props.query}`} icon="download">
              {t('frontdesk.report.downloadXlsx')}
            </ButtonLink>
          </div>
          {chooser}
          <Body r={r} period={props.period} />
          {props.evidence ? (
            <LinkedEvidenceBox
              state={props.evidence.state}
              fiscalYear={props.evidence.fiscalYear}
              number={FRONTDESK_MEASURE_NUMBER}
              action={`/staff/frontdesk/report/evidence?${props.query}`}
              text={t('frontdesk.report.evidenceText', { year: props.evidence.fiscalYear })}
            />
          ) : null}
        </>
      ) : (
        chooser
      )}
    </StaffLayout>
  );
}
