import { MemoPreview } from '../../../core/documents/html.js';
import type { MemoInput } from '../../../core/documents/memo.js';
import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatThaiDateTime } from '../../../core/thai/index.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  PageHeader,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { RoutingCase } from '../../routing/service.js';
import type { ReportWarning } from '../check.js';
import type { ReportMemo } from '../document.js';
import type { MeasureReport } from '../service.js';
import { StatusTag } from './status.js';
import { ReportWarnings } from './warnings.js';

export interface ReportPageProps {
  report: MeasureReport;
  fiscalYear: number;
  versions: MeasureReport[];
  memo: ReportMemo;
  reference: string;
  warnings: ReportWarning[];
  preview: MemoInput;
  routing: RoutingCase | null;
  canCoordinate: boolean;
  /** The OIT item it is published under. */
  item: string;
  publicationHref: string | null;
  /** A published version exists for this plan: publishing asks for the reason. */
  supersedes: boolean;
  values: FormValues | null;
  errors: FieldError[];
  publishErrors: FieldError[];
}

/** The form's values: what was posted (re-shown after an error) or the memo as saved. */
function memoValues(memo: ReportMemo, rev: number): FormValues {
  return {
    rev: String(rev),
    agency: memo.agency,
    subject: memo.subject,
    to: memo.to,
    body: memo.body.join('\n'),
    signerName: memo.signerName,
    signerPositions: memo.signerPositions.join('\n'),
    tableTitle: memo.tableTitle.join('\n'),
    tableIntro: memo.tableIntro,
  };
}

export function ReportPage(p: ReportPageProps) {
  const t = useT();
  const r = p.report;
  const base = `/staff/reports/${r.id}`;
  const values = p.values ?? memoValues(p.memo, r.rev);
  const title = `${t('reports.planYear', { year: p.fiscalYear })} · ${t('reports.versionN', { version: r.version })}`;
  const newestVersion = p.versions[0]?.version === r.version;
  return (
    <StaffLayout title={title} current="/staff/reports">
      <Breadcrumbs items={[{ href: '/staff/reports', text: t('reports.nav') }, { text: title }]} />
      <PageHeader
        title={title}
        lead={
          <>
            <StatusTag status={r.status} /> {t(`reports.statusLead.${r.status}`)}
          </>
        }
        actions={
          <>
            <ButtonLink href={`${base}/file?format=pdf`} icon="download">
              {t('reports.downloadPdf')}
            </ButtonLink>
            <ButtonLink href={`${base}/file?format=docx`} icon="download">
              {t('reports.downloadDocx')}
            </ButtonLink>
          </>
        }
      />
      {p.routing?.status === 'returned' && p.routing.returnReason ? (
        <Banner tone="danger">{t('reports.returnReason', { reason: p.routing.returnReason })}</Banner>
      ) : null}
      <ErrorSummary errors={[...p.errors, ...p.publishErrors]} />
      <ReportWarnings warnings={p.warnings} />

      {p.routing ? (
        <section class="panel" aria-labelledby="routing">
          <h2 id="routing">{t('reports.routing')}</h2>
          <p>
            {p.reference ? <span>{p.reference} · </span> : null}
            {r.submittedAt ? formatThaiDateTime(r.submittedAt) : null}
          </p>
          <p>
            <a href={`/staff/routing/${p.routing.id}`}>{t('reports.routingOpen')}</a>
          </p>
          {p.publicationHref ? (
            <p>
              <a href={p.publicationHref}>{t('reports.publication')}</a>
            </p>
          ) : null}
        </section>
      ) : null}

      {p.canCoordinate && r.status === 'draft' ? (
        <section class="panel" aria-labelledby="submit">
          <h2 id="submit">{t('reports.submit')}</h2>
          <p class="muted">{t('reports.submitLead')}</p>
          <Form action={`${base}/submit`}>
            <Button icon="upload">{t('reports.submit')}</Button>
          </Form>
        </section>
      ) : null}

      {p.canCoordinate && r.status === 'signed' ? (
        <section class="panel" aria-labelledby="publish">
          <h2 id="publish">{t('reports.publish')}</h2>
          <p class="muted">{t('reports.publishLead', { item: p.item, year: p.fiscalYear })}</p>
          <Form action={`${base}/publish`}>
            {p.supersedes ? (
              <TextArea name="reason" label="reports.fields.reason" hint="reports.fields.reasonHint" errors={p.publishErrors} rows={2} />
            ) : null}
            <Button icon="globe">{t('reports.publish')}</Button>
          </Form>
        </section>
      ) : null}

      {p.canCoordinate && newestVersion && (r.status === 'signed' || r.status === 'returned' || r.status === 'published') ? (
        <section class="panel" aria-labelledby="new-version">
          <h2 id="new-version">{t('reports.newVersion')}</h2>
          <p class="muted">{t('reports.newVersionLead')}</p>
          <Form action={`/staff/reports/plans/${r.planId}/start`}>
            <Button variant="secondary" icon="plus">
              {t('reports.newVersion')}
            </Button>
          </Form>
        </section>
      ) : null}

      {p.canCoordinate && r.status === 'draft' ? (
        <section class="panel" aria-labelledby="memo-form">
          <h2 id="memo-form">{t('reports.memoForm')}</h2>
          <p class="muted">{t('reports.memoFormLead')}</p>
          <Form action={`${base}/memo`}>
            <input type="hidden" name="rev" value={formValue(values, 'rev')} />
            <TextField
              name="agency"
              label="reports.fields.agency"
              hint="reports.fields.agencyHint"
              value={formValue(values, 'agency')}
              errors={p.errors}
            />
            <TextField name="subject" label="reports.fields.subject" value={formValue(values, 'subject')} errors={p.errors} />
            <TextField name="to" label="reports.fields.to" hint="reports.fields.toHint" value={formValue(values, 'to')} errors={p.errors} />
            <TextArea
              name="body"
              label="reports.fields.body"
              hint="reports.fields.bodyHint"
              value={formValue(values, 'body')}
              errors={p.errors}
              rows={10}
            />
            <TextField
              name="signerName"
              label="reports.fields.signerName"
              value={formValue(values, 'signerName')}
              errors={p.errors}
              width="l"
            />
            <TextArea
              name="signerPositions"
              label="reports.fields.signerPositions"
              hint="reports.fields.signerPositionsHint"
              value={formValue(values, 'signerPositions')}
              errors={p.errors}
              rows={2}
            />
            <TextArea
              name="tableTitle"
              label="reports.fields.tableTitle"
              hint="reports.fields.tableTitleHint"
              value={formValue(values, 'tableTitle')}
              errors={p.errors}
              rows={2}
            />
            <TextArea
              name="tableIntro"
              label="reports.fields.tableIntro"
              value={formValue(values, 'tableIntro')}
              errors={p.errors}
              rows={4}
              optional
            />
            <Button icon="pencil">{t('reports.save')}</Button>
          </Form>
        </section>
      ) : null}

      <section class="panel" aria-labelledby="preview">
        <h2 id="preview">{t('reports.preview')}</h2>
        <MemoPreview input={p.preview} />
      </section>

      <section class="panel" aria-labelledby="versions">
        <h2 id="versions">{t('reports.versions')}</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('reports.columns.version')}</th>
                <th scope="col">{t('reports.columns.status')}</th>
                <th scope="col">{t('reports.columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {p.versions.map((v) => (
                <tr>
                  <td>
                    {v.id === r.id ? (
                      t('reports.versionN', { version: v.version })
                    ) : (
                      <a href={`/staff/reports/${v.id}`}>{t('reports.versionN', { version: v.version })}</a>
                    )}
                  </td>
                  <td>
                    <StatusTag status={v.status} />
                  </td>
                  <td class="nowrap">{formatThaiDateTime(v.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </StaffLayout>
  );
}
