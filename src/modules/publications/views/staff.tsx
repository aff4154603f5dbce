import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { Button, ErrorSummary, FileField, Form, PageHeader, SummaryList, Tag, TextArea, TextField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { itaYearHref, type Publication, publicationHref } from '../service.js';
import { beDateTime, fileSize } from './format.js';

export interface LogRow {
  p: Publication;
  /** The publication this one replaced, if any. */
  replaced: Publication | null;
  who: string;
}

export function PublicationLogPage({ rows, canSupersede }: { rows: LogRow[]; canSupersede: boolean }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  return (
    <StaffLayout title={t('publications.log.title')}>
      <PageHeader title={t('publications.log.title')} lead={t('publications.log.lead')} />
      {rows.length === 0 ? (
        <p>{t('publications.log.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('publications.log.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('publications.log.when')}</th>
                <th scope="col">{t('publications.log.event')}</th>
                <th scope="col">{t('publications.log.document')}</th>
                <th scope="col">{t('publications.log.who')}</th>
                <th scope="col">{t('publications.doc.sha256')}</th>
                {canSupersede ? (
                  <th scope="col" class="visually-hidden">
                    {t('publications.log.supersede')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ p, replaced, who }) => (
                <tr>
                  <td class="nowrap">{beDateTime(p.publishedAt, locale)}</td>
                  <td>
                    {replaced ? (
                      <>
                        <Tag tone="info">{t('publications.log.supersededEvent', { id: replaced.id })}</Tag>
                        <p>
                          <strong>{t('publications.doc.reason')}:</strong> {replaced.supersedeReason}
                        </p>
                      </>
                    ) : (
                      <Tag tone="success">{t('publications.log.publishedEvent')}</Tag>
                    )}
                    {p.supersededBy ? (
                      <p>
                        <Tag tone="warning">{t('publications.doc.superseded')}</Tag>
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <a href={publicationHref(p)}>
                      #{p.id} {p.title}
                    </a>
                    <p class="muted">
                      <a href={`${itaYearHref(p.fiscalYear)}/${p.itemCode}`}>
                        {t('publications.log.itemYear', { code: p.itemCode, year: p.fiscalYear })}
                      </a>{' '}
                      · {fileSize(t, p.size)}
                    </p>
                  </td>
                  <td>{who}</td>
                  <td>
                    <code class="mono">{p.sha256}</code>
                  </td>
                  {canSupersede ? (
                    <td>
                      {p.supersededBy ? null : (
                        <a href={`/staff/publications/${p.id}/supersede`}>
                          {t('publications.log.supersede')}
                          <span class="visually-hidden"> {t('publications.log.supersedeLabel', { title: p.title })}</span>
                        </a>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
