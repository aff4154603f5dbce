import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { Button, ErrorSummary, FileField, Form, PageHeader, SummaryList, Tag, TextArea, TextField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { type Publication, publicationHref } from '../service.js';
import { beDateTime } from './format.js';
import { type LogRow, PUBLIC_LOG_HREF, PublicationLogTable } from './log.js';

export function PublicationLogPage({ rows, canManage }: { rows: LogRow[]; canManage: boolean }) {
  const t = useT();
  return (
    <StaffLayout title={t('publications.log.title')}>
      <PageHeader title={t('publications.log.title')} lead={t('publications.log.lead')} />
      <p>
        <a href={PUBLIC_LOG_HREF}>{t('publications.log.publicLink')}</a>
      </p>
      <PublicationLogTable rows={rows} canManage={canManage} />
    </StaffLayout>
  );
}

export function SupersedePage({ p, values, errors }: { p: Publication; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  return (
    <StaffLayout title={t('publications.supersede.title')}>
      <PageHeader title={t('publications.supersede.title')} lead={t('publications.supersede.lead')} />
      <h2>{t('publications.supersede.current')}</h2>
      <SummaryList
        rows={[
          { key: t('publications.doc.title'), value: <a href={publicationHref(p)}>{p.title}</a> },
          { key: t('publications.doc.item'), value: t('publications.log.itemYear', { code: p.itemCode, year: p.fiscalYear }) },
          { key: t('publications.doc.publishedAt'), value: beDateTime(p.publishedAt, locale) },
          { key: t('publications.doc.sha256'), value: <code class="mono">{p.sha256}</code> },
        ]}
      />
      {p.supersededBy ? (
        <p>
          <Tag tone="warning">{t('publications.supersede.already')}</Tag>
        </p>
      ) : (
        <Form action={`/staff/publications/${p.id}/supersede`} multipart>
          <ErrorSummary errors={errors} />
          <TextField
            name="title"
            label="publications.fields.title"
            hint="publications.supersede.titleHint"
            value={formValue(values, 'title')}
            maxlength={500}
            optional
            errors={errors}
          />
          <TextArea
            name="reason"
            label="publications.fields.reason"
            hint="publications.supersede.reasonHint"
            value={formValue(values, 'reason')}
            maxlength={2000}
            rows={4}
            errors={errors}
          />
          <FileField
            name="file"
            label="publications.fields.file"
            hint="publications.supersede.fileHint"
            accept="application/pdf,.pdf"
            errors={errors}
          />
          <div class="form-actions">
            <Button icon="upload">{t('publications.supersede.submit')}</Button>
          </div>
        </Form>
      )}
    </StaffLayout>
  );
}

/** The coordinator withdraws a document from the ITA pages, with a reason shown to the public. */
export function WithdrawPage({ p, values, errors }: { p: Publication; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const current = p.kind === 'document' && p.action === 'publish' && !p.supersededBy && !p.withdrawnBy;
  return (
    <StaffLayout title={t('publications.withdraw.title')}>
      <PageHeader title={t('publications.withdraw.title')} lead={t('publications.withdraw.lead')} />
      <h2>{t('publications.withdraw.current')}</h2>
      <SummaryList
        rows={[
          { key: t('publications.doc.title'), value: <a href={publicationHref(p)}>{p.title}</a> },
          { key: t('publications.doc.item'), value: t('publications.log.itemYear', { code: p.itemCode, year: p.fiscalYear }) },
          { key: t('publications.doc.publishedAt'), value: beDateTime(p.publishedAt, locale) },
          { key: t('publications.doc.sha256'), value: <code class="mono">{p.sha256}</code> },
        ]}
      />
      {current ? (
        <Form action={`/staff/publications/${p.id}/withdraw`}>
          <ErrorSummary errors={errors} />
          <TextArea
            name="reason"
            label="publications.fields.withdrawReason"
            hint="publications.withdraw.reasonHint"
            value={formValue(values, 'reason')}
            maxlength={2000}
            rows={4}
            errors={errors}
          />
          <div class="form-actions">
            <Button icon="x" variant="danger">
              {t('publications.withdraw.submit')}
            </Button>
          </div>
        </Form>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <p>
            <Tag tone="warning">{t('publications.withdraw.notAllowed')}</Tag>
          </p>
        </>
      )}
    </StaffLayout>
  );
}
