import type { ImportIssue } from '../../../core/documents/spreadsheet-import.js';
import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { Banner, Breadcrumbs, Button, ErrorSummary, FileField, Form, Icon, PageHeader, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { importHref, planHref, staffCss } from './staff-common.js';

export interface ImportPageProps {
  fiscalYear: number;
  /** Lines of the year's plan already there (0: none). */
  existingLines: number;
  values: FormValues;
  /** Form-level errors (no file, a file the store refused …). */
  errors: FieldError[];
  /** The file's problems, by row and column, when the import was refused. */
  issues: ImportIssue[];
}

export function ImportPage(props: ImportPageProps) {
  const t = useT();
  const fy = props.fiscalYear;
  const title = t('budget.import.title', { year: fy });
  return (
    <StaffLayout title={title} head={staffCss()}>
      <Breadcrumbs items={[{ href: planHref(fy), text: t('budget.plan.title', { year: fy }) }, { text: title }]} />
      <PageHeader title={title} lead={t('budget.import.lead')} />
      {props.issues.length ? (
        <section class="budget-issues" aria-labelledby="budget-issues-title">
          <div class="error-summary" role="alert" tabindex={-1} autofocus>
            <h2 id="budget-issues-title" class="error-summary__title">
              <Icon name="circle-alert" /> {t('budget.import.issuesTitle', { count: props.issues.length })}
            </h2>
            <p>{t('budget.import.issuesLead')}</p>
          </div>
          <section class="table-wrap" tabindex={0} aria-label={t('budget.import.issuesRegion')}>
            <table class="table budget-issues__table">
              <caption>{t('budget.import.issuesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budget.import.colRow')}</th>
                  <th scope="col">{t('budget.import.colColumn')}</th>
                  <th scope="col">{t('budget.import.colProblem')}</th>
                </tr>
              </thead>
              <tbody>
                {props.issues.map((i) => (
                  <tr>
                    <th scope="row" class="num">
                      {i.row ? i.row : t('budget.import.wholeFile')}
                    </th>
                    <td>{i.column || '—'}</td>
                    <td>{t(i.message, i.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      ) : (
        <ErrorSummary errors={props.errors} />
      )}
      {props.existingLines ? <Banner tone="warning">{t('budget.import.reimportWarning', { count: props.existingLines })}</Banner> : null}
      <section class="card" aria-labelledby="budget-template-title">
        <h2 id="budget-template-title">{t('budget.import.templateTitle')}</h2>
        <p>{t('budget.import.templateLead')}</p>
        <p class="budget-templates">
          <a href="/staff/budget/template.xlsx?phasing=quarter">
            <Icon name="download" /> {t('budget.staff.templateQuarter')}
          </a>
          <a href="/staff/budget/template.xlsx?phasing=month">
            <Icon name="download" /> {t('budget.staff.templateMonth')}
          </a>
        </p>
      </section>
      <Form action={importHref(fy)} multipart class="stack" aria-label={t('budget.import.submit')}>
        <FileField
          name="file"
          label="budget.fields.file"
          hint="budget.fields.fileHint"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          errors={props.errors}
        />
        <TextField
          name="title"
          label="budget.fields.title"
          hint="budget.fields.titleHint"
          optional
          maxlength={300}
          value={formValue(props.values, 'title')}
          errors={props.errors}
        />
        <TextField
          name="expectedTotal"
          label="budget.fields.expectedTotal"
          hint="budget.fields.expectedTotalHint"
          optional
          inputmode="decimal"
          width="m"
          value={formValue(props.values, 'expectedTotal')}
          errors={props.errors}
        />
        <div class="form-actions">
          <Button icon="upload">{t('budget.import.submit')}</Button>
          <a href={planHref(fy)}>{t('budget.disburse.back')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}
