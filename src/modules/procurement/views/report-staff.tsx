import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import { formatSatang, thaiMonthName, toBuddhistYear } from '../../../core/thai/index.js';
import { Button, ErrorSummary, Form, PageHeader, SelectField, TextArea, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { ProcurementReport } from '../reports.js';
import type { ProcurementReportKind } from '../schema.js';
import { procurementCss } from './public-procurement.js';

export interface ReportSlot {
  kind: ProcurementReportKind;
  period: string;
  /** The newest produced version of the period. */
  latest: ProcurementReport | null;
  /** A version already published (live) for the period. */
  published: ProcurementReport | null;
  ended: boolean;
}

export interface ReportsPageProps {
  fiscalYear: number;
  years: number[];
  slots: ReportSlot[];
  canPublish: boolean;
  errors: FieldError[];
  values: FormValues;
  /** The form the errors belong to: `${kind}:${period}`. */
  errorSlot?: string;
}

function periodText(t: (k: string, p?: Record<string, string | number>) => string, s: Pick<ReportSlot, 'kind' | 'period'>, fy: number) {
  if (s.kind === 'monthly') return `${thaiMonthName(Number(s.period.slice(5, 7)))} ${toBuddhistYear(Number(s.period.slice(0, 4)))}`;
  if (s.kind === 'quarterly') return t('procurement.report.quarterLabel', { quarter: s.period });
  return t('procurement.report.annualLabel', { year: fy });
}

function SlotRow(props: {
  slot: ReportSlot;
  fy: number;
  canPublish: boolean;
  errors: FieldError[];
  values: FormValues;
  hasErrors: boolean;
}) {
  const t = useT();
  const { slot, fy } = props;
  const k = (key: string, p?: Record<string, string | number>) => t(`procurement.report.${key}`, p);
  const latest = slot.latest;
  const state = !latest ? k('notProduced') : latest.publicationId != null ? k('published') : k('produced');
  const q = `fy=${fy}&kind=${slot.kind}&period=${encodeURIComponent(slot.period)}`;
  const needsReason = !!slot.published && latest != null && latest.publicationId == null;
  return (
    <tr id={`slot-${slot.kind}-${slot.period || 'year'}`}>
      <th scope="row">{periodText(t, slot, fy)}</th>
      <td class="num">{latest ? latest.totals.count : '–'}</td>
      <td class="num">{latest ? formatSatang(latest.totals.agreedSatang) : '–'}</td>
      <td>{slot.ended ? state : k('futureMonth')}</td>
      <td>
        {latest ? (
          <span class="procurement-report__files">
            <a href={`/staff/procurement/reports/${latest.id}.pdf`}>{k('preview')}</a>
            {latest.xlsxFileId ? <a href={`/staff/procurement/reports/${latest.id}.xlsx`}>{k('previewXlsx')}</a> : null}
          </span>
        ) : null}
        {props.canPublish && slot.ended ? (
          <div class="procurement-report__actions">
            {slot.kind !== 'annual' ? (
              <Form method="post" action={`/staff/procurement/reports/produce?${q}`} class="inline-form">
                <Button variant="secondary" class="button--small">
                  {latest ? k('produceAgain') : k('produce')}
                </Button>
              </Form>
            ) : null}
            {latest && latest.publicationId == null ? (
              <Form method="post" action={`/staff/procurement/reports/${latest.id}/publish`} class="inline-form">
                {needsReason ? (
                  <TextField
                    name="reason"
                    label="procurement.report.reason"
                    value={props.hasErrors ? (props.values.reason as string) : ''}
                    errors={props.hasErrors ? props.errors : []}
                    width="m"
                  />
                ) : null}
                <Button variant="primary" class="button--small">
                  {needsReason ? k('reissue') : k('publish')}
                </Button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function SlotTable(props: { caption: string; slots: ReportSlot[]; page: ReportsPageProps }) {
  const t = useT();
  const k = (key: string) => t(`procurement.report.${key}`);
  return (
    <section class="table-wrap" tabindex={0} aria-label={props.caption}>
      <table class="table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{k('period')}</th>
            <th scope="col" class="num">
              {k('count')}
            </th>
            <th scope="col" class="num">
              {k('agreed')}
            </th>
            <th scope="col">{k('state')}</th>
            <th scope="col">{k('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.slots.map((s) => (
            <SlotRow
              slot={s}
              fy={props.page.fiscalYear}
              canPublish={props.page.canPublish}
              errors={props.page.errors}
              values={props.page.values}
              hasErrors={props.page.errorSlot === `${s.kind}:${s.period}`}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReportsStaffPage(props: ReportsPageProps) {
  const t = useT();
  const k = (key: string, p?: Record<string, string | number>) => t(`procurement.report.${key}`, p);
  const fy = props.fiscalYear;
  const annual = props.slots.find((s) => s.kind === 'annual');
  const analysis = annual?.latest?.analysis;
  const annualErrors = props.errorSlot === 'annual:' ? props.errors : [];
  return (
    <StaffLayout title={k('staffTitle')} current="/staff/procurement" head={procurementCss()}>
      <PageHeader title={k('staffTitle')} lead={k('staffLead')} />
      <ErrorSummary errors={props.errors} />
      <Form method="get" action="/staff/procurement/reports" class="filters" aria-label={k('fy')}>
        <SelectField
          name="fy"
          label="procurement.report.fy"
          value={String(fy)}
          options={props.years.map((y) => ({ value: String(y), text: String(y) }))}
        />
        <Button variant="secondary">{k('show')}</Button>
      </Form>
      <h2>{k('kinds.monthly')}</h2>
      <SlotTable caption={k('monthsCaption', { year: fy })} slots={props.slots.filter((s) => s.kind === 'monthly')} page={props} />
      <h2>{k('kinds.quarterly')}</h2>
      <SlotTable caption={k('quartersCaption', { year: fy })} slots={props.slots.filter((s) => s.kind === 'quarterly')} page={props} />
      <h2>{k('kinds.annual')}</h2>
      <SlotTable caption={k('annualCaption', { year: fy })} slots={props.slots.filter((s) => s.kind === 'annual')} page={props} />
      {props.canPublish && annual?.ended ? (
        <Form method="post" action={`/staff/procurement/reports/produce?fy=${fy}&kind=annual&period=`} aria-label={k('kinds.annual')}>
          <TextArea
            name="problems"
            label="procurement.report.problems"
            hint="procurement.report.analysisHint"
            rows={5}
            maxlength={5000}
            value={annualErrors.length ? (props.values.problems as string) : (analysis?.problems ?? '')}
            errors={annualErrors}
          />
          <TextArea
            name="improvements"
            label="procurement.report.improvements"
            rows={5}
            maxlength={5000}
            value={annualErrors.length ? (props.values.improvements as string) : (analysis?.improvements ?? '')}
            errors={annualErrors}
          />
          <Button variant="secondary">{annual.latest ? k('produceAgain') : k('produce')}</Button>
        </Form>
      ) : null}
    </StaffLayout>
  );
}
