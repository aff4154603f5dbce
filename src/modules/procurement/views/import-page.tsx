import type { ImportIssue } from '../../../core/documents/spreadsheet-import.js';
import type { FieldError } from '../../../core/http/errors.js';
import type { Translate } from '../../../core/i18n/i18n.js';
import { formatSatang } from '../../../core/thai/numbers.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ErrorSummary,
  FileField,
  Form,
  Icon,
  PageHeader,
  SelectField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { ImportSummary } from '../import.js';
import { PROCUREMENT_METHODS, PROCUREMENT_STATUSES } from '../schema.js';

export const importHref = (fy: number) => `/staff/procurement/import?fy=${fy}`;
export const registerHref = (fy: number) => `/staff/procurement?fy=${fy}`;

export interface ImportPageProps {
  fiscalYear: number;
  /** The years offered in the form, newest first. */
  years: number[];
  /** Form-level errors (no file, a bad year …). */
  errors: FieldError[];
  /** The file's problems by row and column, when the import was refused. */
  issues: ImportIssue[];
  /** What the last import brought in (the page after a successful import). */
  summary: ImportSummary | null;
}

/** An issue's text: the catalog message, naming the field when the message was written for forms. */
function issueText(t: Translate, i: ImportIssue): string {
  return t(i.message, { ...(i.params ?? {}), field: i.label ? t(i.label) : i.column });
}

function IssuesTable({ issues }: { issues: ImportIssue[] }) {
  const t = useT();
  return (
    <section aria-labelledby="import-issues-title">
      <div class="error-summary" role="alert" tabindex={-1} autofocus>
        <h2 id="import-issues-title" class="error-summary__title">
          <Icon name="circle-alert" /> {t('procurement.import.issuesTitle', { count: issues.length })}
        </h2>
        <p>{t('procurement.import.issuesLead')}</p>
      </div>
      <section class="table-wrap" tabindex={0} aria-label={t('procurement.import.issuesRegion')}>
        <table class="table">
          <caption>{t('procurement.import.issuesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.import.colRow')}</th>
              <th scope="col">{t('procurement.import.colColumn')}</th>
              <th scope="col">{t('procurement.import.colProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i) => (
              <tr>
                <th scope="row" class="num">
                  {i.row ? i.row : t('procurement.import.wholeFile')}
                </th>
                <td>{i.column || '—'}</td>
                <td>{issueText(t, i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function SummaryPanel({ summary }: { summary: ImportSummary }) {
  const t = useT();
  const statuses = PROCUREMENT_STATUSES.filter((s) => summary.byStatus[s]);
  const methods = PROCUREMENT_METHODS.filter((m) => summary.byMethod[m]);
  return (
    <section aria-labelledby="import-summary-title">
      <Banner
        tone="success"
        title={
          <span id="import-summary-title">{t('procurement.import.doneTitle', { count: summary.count, year: summary.fiscalYear })}</span>
        }
      >
        <p>{t('procurement.import.doneLead', { file: summary.fileName })}</p>
      </Banner>
      <section class="table-wrap" tabindex={0} aria-label={t('procurement.import.summaryRegion')}>
        <table class="table">
          <caption>{t('procurement.import.summaryCaption')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('procurement.import.sumCount')}</th>
              <td class="num">{summary.count}</td>
            </tr>
            <tr>
              <th scope="row">{t('procurement.import.sumBudget')}</th>
              <td class="num">{formatSatang(summary.budgetSatang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('procurement.import.sumAgreed')}</th>
              <td class="num">{formatSatang(summary.agreedSatang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('procurement.import.sumBids')}</th>
              <td class="num">{summary.bids}</td>
            </tr>
            {statuses.map((s) => (
              <tr>
                <th scope="row">{t('procurement.import.sumStatus', { status: t(`procurement.statuses.${s}`) })}</th>
                <td class="num">{summary.byStatus[s]}</td>
              </tr>
            ))}
            {methods.map((m) => (
              <tr>
                <th scope="row">{t('procurement.import.sumMethod', { method: t(`procurement.methods.${m}`) })}</th>
                <td class="num">{summary.byMethod[m]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p>
        <ButtonLink href={registerHref(summary.fiscalYear)} icon="file-check">
          {t('procurement.import.toRegister', { year: summary.fiscalYear })}
        </ButtonLink>
      </p>
    </section>
  );
}

export function ImportPage(props: ImportPageProps) {
  const t = useT();
  const fy = props.fiscalYear;
  const title = t('procurement.import.title');
  return (
    <StaffLayout title={title} current="/staff/procurement">
      <Breadcrumbs items={[{ href: registerHref(fy), text: t('procurement.import.register') }, { text: title }]} />
      <PageHeader title={title} lead={t('procurement.import.lead')} />
      {props.summary ? <SummaryPanel summary={props.summary} /> : null}
      {props.issues.length ? <IssuesTable issues={props.issues} /> : <ErrorSummary errors={props.errors} />}
      <section class="card" aria-labelledby="import-template-title">
        <h2 id="import-template-title">{t('procurement.import.templateHeading')}</h2>
        <p>{t('procurement.import.templateLead')}</p>
        <ul>
          <li>
            <a href={`/staff/procurement/import/template.xlsx?fy=${fy}`}>
              <Icon name="download" /> {t('procurement.import.templateXlsx')}
            </a>
          </li>
          <li>
            <a href={`/staff/procurement/import/template.csv?fy=${fy}`}>
              <Icon name="download" /> {t('procurement.import.templateCsv')}
            </a>
          </li>
        </ul>
        <p>{t('procurement.import.egpLead')}</p>
      </section>
      <Form action={importHref(fy)} multipart class="stack" aria-label={t('procurement.import.submit')}>
        <h2>{t('procurement.import.formHeading')}</h2>
        <SelectField
          name="fiscalYear"
          label="procurement.import.fiscalYear"
          value={String(fy)}
          options={props.years.map((y) => ({ value: String(y), text: String(y) }))}
          errors={props.errors}
        />
        <FileField
          name="file"
          label="procurement.import.file"
          hint="procurement.import.fileHint"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          errors={props.errors}
        />
        <div class="form-actions">
          <Button icon="upload">{t('procurement.import.submit')}</Button>
          <a href={registerHref(fy)}>{t('procurement.import.cancel')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}
