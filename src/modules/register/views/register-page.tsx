import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatThaiDate } from '../../../core/thai/dates.js';
import { Button, ChoiceGroup, ErrorSummary, Form, PageHeader, Pagination, SelectField, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { asSeries, formatRegisterNumber, type RegisterEntry } from '../service.js';

export function RegisterPage(props: {
  docCode: string;
  year: number;
  years: number[];
  series: string;
  entries: RegisterEntry[];
  nextHref: string | null;
  firstHref: string | null;
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  return (
    <StaffLayout title={t('register.title')}>
      <PageHeader title={t('register.title')} lead={t('register.lead')} />
      <Form method="get" action="/staff/register" class="filters" aria-label={t('core.actions.filter')}>
        <SelectField
          name="year"
          label="register.year"
          value={String(props.year)}
          options={props.years.map((y) => ({ value: String(y), text: String(y) }))}
        />
        <SelectField
          name="series"
          label="register.series"
          value={props.series}
          placeholder="register.seriesAll"
          options={[
            { value: 'normal', text: t('register.seriesNormal') },
            { value: 'circular', text: t('register.seriesCircular') },
          ]}
        />
        <Button variant="secondary" icon="search">
          {t('core.actions.filter')}
        </Button>
      </Form>
      {props.entries.length === 0 ? (
        <p>{t('register.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('register.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('register.columns.number')}</th>
                <th scope="col">{t('register.columns.date')}</th>
                <th scope="col">{t('register.columns.subject')}</th>
                <th scope="col">{t('register.columns.recipient')}</th>
                <th scope="col">{t('register.columns.source')}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td class="nowrap">{formatRegisterNumber(props.docCode, asSeries(e.series), e.number)}</td>
                  <td class="nowrap">{formatThaiDate(e.documentDate, { style: 'short' })}</td>
                  <td>{e.subject}</td>
                  <td>{e.recipient ?? ''}</td>
                  <td class="muted">{e.entity ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination prevHref={props.firstHref} nextHref={props.nextHref} />
      <section class="panel" aria-labelledby="take-number">
        <h2 id="take-number">{t('register.take')}</h2>
        <p class="muted">{t('register.takeLead')}</p>
        <ErrorSummary errors={props.errors} />
        <Form action="/staff/register">
          <ChoiceGroup
            kind="radio"
            inline
            name="series"
            label="register.series"
            value={formValue(props.values, 'series') || 'normal'}
            errors={props.errors}
            options={[
              { value: 'normal', text: t('register.seriesNormal') },
              { value: 'circular', text: t('register.seriesCircular') },
            ]}
          />
          <TextField name="subject" label="register.fields.subject" value={formValue(props.values, 'subject')} errors={props.errors} />
          <TextField
            name="recipient"
            label="register.fields.recipient"
            hint="register.fields.recipientHint"
            value={formValue(props.values, 'recipient')}
            errors={props.errors}
            optional
            width="l"
          />
          <TextField
            name="documentDate"
            label="register.fields.documentDate"
            hint="register.fields.documentDateHint"
            value={formValue(props.values, 'documentDate')}
            errors={props.errors}
            optional
            width="s"
          />
          <Button icon="plus">{t('register.take')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}
