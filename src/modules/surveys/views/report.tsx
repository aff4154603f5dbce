import { raw } from 'hono/html';
import type { FieldError } from '../../../core/http/errors.js';
import type { Locale } from '../../../core/i18n/i18n.js';
import { formatNumber, formatThaiDateTime } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Banner,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Icon,
  PageHeader,
  SelectField,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { PeriodNav } from '../../../core/ui/period.js';
import type { Publication } from '../../publications/service.js';
import { groupBarChart, trendChart } from '../charts.js';
import type { SurveyReport } from '../report.js';
import { fmt2, fmtPercent, monthShort, periodLabel, type ReportPeriod } from '../report-pdf.js';
import type { Summary } from '../stats.js';

export interface ReportValues {
  period: string;
  month: string;
  fy: string;
  quarter: string;
  from: string;
  to: string;
  division: string;
  service: string;
}

export interface ReportPageProps {
  data: null | {
    report: SurveyReport;
    period: ReportPeriod;
    /** Query string of the period and filters, for downloads. */
    qs: string;
    prevHref: string | null;
    nextHref: string | null;
    suggestions: { total: number; waiting: number };
    demographicLabel: (key: string, option?: string) => string;
    publish: null | {
      item: string;
      fiscalYear: number;
      existing: Publication | null;
      future: boolean;
      running: boolean;
      errors: FieldError[];
      reason: string;
      /** Not a month: only a pointer to choose one. */
      monthOnly: boolean;
    };
  };
  errors: FieldError[];
  values: ReportValues;
  filters: { divisions: { id: number; name: string }[]; services: { id: number; name: string; prefix: string }[] };
}

const n = (x: number) => formatNumber(x);

function LevelCell({ s }: { s: Summary }) {
  const t = useT();
  return <td class={`survey-level survey-level--${s.band ?? 0}`}>{s.band == null ? '–' : t(`surveys.levels.${s.band}`)}</td>;
}

/** showN: the answers counted (items); a number: shown instead (respondents); false: no cell; 'blank': an empty cell. */
function StatCells({ s, showN = true }: { s: Summary; showN?: boolean | number | 'blank' }) {
  return (
    <>
      {showN === true ? <td class="num col-n">{n(s.n)}</td> : null}
      {typeof showN === 'number' ? <td class="num col-n">{n(showN)}</td> : null}
      {showN === 'blank' ? <td class="num col-n" /> : null}
      <td class="num">{fmt2(s.mean)}</td>
      <td class="num">{fmt2(s.sd)}</td>
      <td class="num">{fmtPercent(s.percent)}</td>
      <LevelCell s={s} />
    </>
  );
}

function StatHeads({ first, nLabel }: { first: string; nLabel?: string }) {
  const t = useT();
  return (
    <tr>
      <th scope="col">{first}</th>
      <th scope="col" class="num col-n">
        {nLabel ?? t('surveys.report.n')}
      </th>
      <th scope="col" class="num">
        <abbr title={t('surveys.report.mean')}>{t('surveys.report.meanShort')}</abbr>
      </th>
      <th scope="col" class="num">
        <abbr title={t('surveys.report.sdLong')}>{t('surveys.report.sd')}</abbr>
      </th>
      <th scope="col" class="num">
        {t('surveys.report.percent')}
      </th>
      <th scope="col">{t('surveys.report.level')}</th>
    </tr>
  );
}

/** A table region that scrolls sideways on a phone; focusable so a keyboard can scroll it. */
function Wide(props: { label: string; children: unknown }) {
  return (
    <section class="table-wrap survey-wrap" aria-label={props.label} tabindex={0}>
      {props.children as never}
    </section>
  );
}

function ItemsTable({ r }: { r: SurveyReport }) {
  const t = useT();
  return (
    <Wide label={t('surveys.report.byItem')}>
      <table class="table survey-table" id="items-table">
        <caption class="visually-hidden">{t('surveys.report.byItem')}</caption>
        <thead>
          <StatHeads first={t('surveys.report.item')} nLabel={t('surveys.report.respondents')} />
        </thead>
        {r.groups.map((g, gi) => (
          <tbody>
            <tr class="survey-group-row">
              <th scope="row">
                {gi + 1}. {g.title}
              </th>
              <StatCells s={g.summary} showN="blank" />
            </tr>
            {g.items.map((it, ii) => (
              <tr>
                <th scope="row" class="survey-item">
                  {gi + 1}.{ii + 1} {it.text}
                </th>
                <StatCells s={it.summary} />
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr class="survey-overall-row">
            <th scope="row">{t('surveys.report.overallRow')}</th>
            <StatCells s={r.overall} showN={r.n} />
          </tr>
        </tfoot>
      </table>
    </Wide>
  );
}

function Charts({ r, locale }: { r: SurveyReport; locale: Locale }) {
  const t = useT();
  const format = (x: number) => (Number.isInteger(x) ? String(x) : fmt2(x));
  const bars = groupBarChart(
    r.groups.map((g) => ({ title: g.title, mean: g.summary.mean })),
    { width: 640, height: 40 + 46 * r.groups.length, fontFamily: 'inherit', fontSize: 14, format, label: t('surveys.report.byGroupChart') },
  );
  const line = trendChart(
    r.trend.map((m) => ({ label: monthShort(m.month, locale), mean: m.overall.mean })),
    { width: 640, height: 260, fontFamily: 'inherit', fontSize: 14, format, label: t('surveys.report.trendChart') },
  );
  return (
    <div class="survey-charts">
      <figure class="survey-chart">
        {raw(bars)}
        <figcaption>
          {t('surveys.report.byGroupChart')} · <a href="#items-table">{t('surveys.report.chartText')}</a>
        </figcaption>
      </figure>
      <figure class="survey-chart">
        {raw(line)}
        <figcaption>
          {t('surveys.report.trendChart')} · <a href="#trend-table">{t('surveys.report.chartText')}</a>
        </figcaption>
      </figure>
    </div>
  );
}

function Figures({ r }: { r: SurveyReport }) {
  const t = useT();
  const fig = (label: string, value: string, note?: string) => (
    <div class="survey-figure">
      <dt>{label}</dt>
      <dd>
        <span class="stat">{value}</span>
        {note ? <span class="survey-figure__note">{note}</span> : null}
      </dd>
    </div>
  );
  return (
    <dl class="survey-figures" aria-label={t('surveys.report.figures')}>
      {fig(t('surveys.report.respondents'), t('surveys.report.people', { n: n(r.n) }))}
      {fig(t('surveys.report.overallMean'), fmt2(r.overall.mean), t('surveys.report.outOf5'))}
      {fig(t('surveys.report.overallPercent'), r.overall.percent == null ? '–' : `${fmtPercent(r.overall.percent)}%`)}
      {fig(t('surveys.report.level'), r.overall.band == null ? '–' : t(`surveys.levels.${r.overall.band}`))}
    </dl>
  );
}

function Tables({ d, locale }: { d: NonNullable<ReportPageProps['data']>; locale: Locale }) {
  const t = useT();
  const r = d.report;
  const base = d.qs.replace(/&division=\d+/, '');
  return (
    <>
      <h2 id="by-item">{t('surveys.report.byItem')}</h2>
      <p class="muted survey-note">{t('surveys.report.byItemNote')}</p>
      <ItemsTable r={r} />
      <Charts r={r} locale={locale} />

      <h2 id="trend">{t('surveys.report.trend')}</h2>
      <Wide label={t('surveys.report.trend')}>
        <table class="table survey-table" id="trend-table">
          <caption class="visually-hidden">{t('surveys.report.trendChart')}</caption>
          <thead>
            <StatHeads first={t('surveys.report.month')} nLabel={t('surveys.report.respondents')} />
          </thead>
          <tbody>
            {r.trend.map((m) => (
              <tr>
                <th scope="row">{monthShort(m.month, locale)}</th>
                <td class="num">{n(m.n)}</td>
                <StatCells s={m.overall} showN={false} />
              </tr>
            ))}
          </tbody>
        </table>
      </Wide>

      <h2 id="by-division">{t('surveys.report.byDivision')}</h2>
      <Wide label={t('surveys.report.byDivision')}>
        <table class="table survey-table">
          <thead>
            <StatHeads first={t('surveys.report.fields.division')} nLabel={t('surveys.report.respondents')} />
          </thead>
          <tbody>
            {r.byDivision.map((x) => (
              <tr>
                <th scope="row">
                  {x.divisionId != null ? <a href={`/staff/surveys?${base}&division=${x.divisionId}`}>{x.name}</a> : x.name}
                </th>
                <td class="num">{n(x.n)}</td>
                <StatCells s={x.overall} showN={false} />
              </tr>
            ))}
          </tbody>
        </table>
      </Wide>

      {r.byService.length ? (
        <>
          <h2 id="by-service">{t('surveys.report.byService')}</h2>
          <Wide label={t('surveys.report.byService')}>
            <table class="table survey-table">
              <thead>
                <StatHeads first={t('surveys.report.fields.service')} nLabel={t('surveys.report.respondents')} />
              </thead>
              <tbody>
                {r.byService.map((x) => (
                  <tr>
                    <th scope="row">{x.name}</th>
                    <td class="num">{n(x.n)}</td>
                    <StatCells s={x.overall} showN={false} />
                  </tr>
                ))}
              </tbody>
            </table>
          </Wide>
        </>
      ) : null}

      <h2 id="by-channel">{t('surveys.report.byChannel')}</h2>
      <ul class="survey-channels">
        {r.byChannel.length === 0 ? <li>–</li> : null}
        {r.byChannel.map((ch) => (
          <li>
            {t(`surveys.channel.${ch.channel}`)}: <strong>{t('surveys.report.people', { n: n(ch.n) })}</strong>
          </li>
        ))}
      </ul>

      <h2 id="demographics">{t('surveys.report.demographics')}</h2>
      <p class="muted">{t('surveys.report.demographicsNote')}</p>
      <div class="survey-demographics">
        {r.demographics.map((dm) => {
          const answered = dm.counts.reduce((a, b) => a + b.n, 0);
          return (
            <table class="table survey-table survey-demo-table">
              <caption>{d.demographicLabel(dm.key)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('surveys.report.option')}</th>
                  <th scope="col" class="num">
                    {t('surveys.report.n')}
                  </th>
                  <th scope="col" class="num">
                    {t('surveys.report.percent')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dm.counts.map((c) => (
                  <tr>
                    <th scope="row">{d.demographicLabel(dm.key, c.option)}</th>
                    <td class="num">{n(c.n)}</td>
                    <td class="num">{r.n ? fmtPercent((c.n / r.n) * 100) : '–'}</td>
                  </tr>
                ))}
                <tr class="muted">
                  <th scope="row">{t('surveys.report.notAnswered')}</th>
                  <td class="num">{n(Math.max(0, r.n - answered))}</td>
                  <td class="num">{r.n ? fmtPercent(((r.n - answered) / r.n) * 100) : '–'}</td>
                </tr>
              </tbody>
            </table>
          );
        })}
      </div>
    </>
  );
}

function PublishPanel({
  p,
  values,
  scope,
}: {
  p: NonNullable<NonNullable<ReportPageProps['data']>['publish']>;
  values: ReportValues;
  scope: string;
}) {
  const t = useT();
  return (
    <section class="panel survey-publish" aria-labelledby="survey-publish">
      <h2 id="survey-publish">{t('surveys.report.publish.title')}</h2>
      {p.monthOnly ? (
        <p class="muted">{t('surveys.report.publish.monthOnly')}</p>
      ) : (
        <>
          <p>{t('surveys.report.publish.lead', { item: p.item, year: p.fiscalYear, scope })}</p>
          {p.existing ? (
            <p>
              <Icon name="circle-check" /> {t('surveys.report.publish.already', { at: formatThaiDateTime(p.existing.publishedAt) })} ·{' '}
              <a href={`/publications/${p.existing.id}`}>{t('surveys.report.publish.view')}</a>
            </p>
          ) : null}
          {p.future ? (
            <p class="muted">{t('surveys.report.publish.futureMonth')}</p>
          ) : (
            <Form action="/staff/surveys/publish">
              <ErrorSummary errors={p.errors} />
              {p.running ? <Banner tone="info">{t('surveys.report.publish.notEnded')}</Banner> : null}
              <input type="hidden" name="month" value={values.month} />
              <input type="hidden" name="division" value={values.division} />
              {p.existing ? (
                <TextArea
                  name="reason"
                  label="surveys.report.fields.reason"
                  hint="surveys.report.hints.reason"
                  value={p.reason}
                  errors={p.errors}
                  rows={3}
                />
              ) : null}
              <Button icon="upload" variant={p.existing ? 'secondary' : 'primary'}>
                {p.existing ? t('surveys.report.publish.again') : t('surveys.report.publish.button')}
              </Button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

function Chooser(props: ReportPageProps & { open: boolean }) {
  const t = useT();
  const v = props.values;
  return (
    <details class="survey-details" open={props.open}>
      <summary>{t('surveys.report.choose.legend')}</summary>
      <Form method="get" action="/staff/surveys" class="survey-choose" aria-label={t('surveys.report.choose.legend')}>
        <ChoiceGroup
          kind="radio"
          name="period"
          label="surveys.report.fields.period"
          inline
          value={['month', 'quarter', 'year'].includes(v.period) ? v.period : 'month'}
          errors={props.errors}
          options={[
            { value: 'month', text: t('surveys.report.choose.month') },
            { value: 'quarter', text: t('surveys.report.choose.quarter') },
            { value: 'year', text: t('surveys.report.choose.year') },
          ]}
        />
        <div class="survey-choose__row">
          <TextField
            name="month"
            label="surveys.report.fields.month"
            hint="surveys.report.hints.month"
            inputmode="numeric"
            width="s"
            value={v.month}
            errors={props.errors}
          />
          <TextField
            name="fy"
            label="surveys.report.fields.fy"
            hint="surveys.report.hints.fy"
            inputmode="numeric"
            width="xs"
            value={v.fy}
            errors={props.errors}
          />
          <SelectField
            name="quarter"
            label="surveys.report.fields.quarter"
            value={v.quarter || '1'}
            errors={props.errors}
            options={['1', '2', '3', '4'].map((q) => ({ value: q, text: t(`surveys.report.quarters.${q}`) }))}
          />
        </div>
        <div class="survey-choose__row">
          <SelectField
            name="division"
            label="surveys.report.fields.division"
            value={v.division}
            errors={props.errors}
            options={[
              { value: '', text: t('surveys.report.allDivisions') },
              ...props.filters.divisions.map((d) => ({ value: String(d.id), text: d.name })),
            ]}
          />
          <SelectField
            name="service"
            label="surveys.report.fields.service"
            value={v.service}
            errors={props.errors}
            options={[
              { value: '', text: t('surveys.report.allServices') },
              ...props.filters.services.map((s) => ({ value: String(s.id), text: `${s.prefix} ${s.name}` })),
            ]}
          />
        </div>
        <Button variant="secondary">{t('surveys.report.choose.show')}</Button>
      </Form>
    </details>
  );
}

export function ReportPage(props: ReportPageProps) {
  const t = useT();
  const c = useAppContext();
  const locale = c.get('locale');
  const d = props.data;
  const r = d?.report;
  const scope =
    r?.query.divisionId != null
      ? (props.filters.divisions.find((x) => x.id === r.query.divisionId)?.name ?? '')
      : t('surveys.report.allDivisions');
  const service = r?.query.serviceId != null ? props.filters.services.find((x) => x.id === r.query.serviceId)?.name : null;
  return (
    <StaffLayout title={t('surveys.report.title')} head={<link rel="stylesheet" href={assetUrl('survey-report.css')} />}>
      <PageHeader title={t('surveys.report.title')} lead={t('surveys.report.lead')} />
      <ErrorSummary errors={props.errors} />
      {d && r ? (
        <>
          <PeriodNav
            block="survey-period"
            label={t('surveys.report.fields.period')}
            prevHref={d.prevHref}
            prevText={t('surveys.report.choose.previous')}
            nextHref={d.nextHref}
            nextText={t('surveys.report.choose.next')}
          >
            {periodLabel(t, r.query, d.period, locale)}
            <span class="survey-period__scope">
              {scope}
              {service ? ` · ${service}` : ''}
            </span>
          </PeriodNav>
          <Figures r={r} />
          <div class="survey-downloads">
            <span class="survey-downloads__label">{t('surveys.report.downloads')}:</span>
            <ButtonLink href={`/staff/surveys/report.pdf?${d.qs}`} icon="download">
              {t('surveys.report.downloadPdf')}
            </ButtonLink>
            <ButtonLink href={`/staff/surveys/report.xlsx?${d.qs}`} icon="download">
              {t('surveys.report.downloadXlsx')}
            </ButtonLink>
          </div>
          <Chooser {...props} open={false} />
          <p class="survey-suggestions-link">
            <Icon name="message-square" />{' '}
            {t('surveys.report.suggestionsSummary', { total: n(d.suggestions.total), waiting: n(d.suggestions.waiting) })} ·{' '}
            <a
              href={`/staff/surveys/suggestions?show=all&from=${r.query.from}&to=${r.query.to}${r.query.divisionId != null ? `&division=${r.query.divisionId}` : ''}`}
            >
              {t('surveys.report.suggestionsLink')}
            </a>
          </p>
          {r.n === 0 ? <Banner tone="info">{t('surveys.report.none')}</Banner> : null}
          <Tables d={d} locale={locale} />
          {d.publish ? <PublishPanel p={d.publish} values={props.values} scope={scope} /> : null}
        </>
      ) : (
        <Chooser {...props} open={true} />
      )}
    </StaffLayout>
  );
}
