import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatThaiDateTime } from '../../../core/thai/index.js';
import {
  Breadcrumbs,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  FileField,
  Form,
  PageHeader,
  SelectField,
  SummaryList,
  Tag,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { publicationFileHref, publicationHref } from '../../publications/service.js';
import { type OitListItem, UPDATE_FREQUENCIES } from '../schema.js';
import type { ItemDetail } from '../service.js';
import { css, dayText, FreshnessTag, IndicatorName, itemHref, registerHref } from './common.js';

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

export function ItemPage({ d, update }: { d: ItemDetail; update: FormState }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const i = d.item;
  return (
    <StaffLayout title={i.title} head={css()}>
      <Breadcrumbs
        items={[{ href: registerHref(i.fiscalYear), text: t('disclosure.register.title', { year: i.fiscalYear }) }, { text: i.itemCode }]}
      />
      <PageHeader
        title={i.title}
        actions={
          d.canEdit ? (
            <ButtonLink href={`${itemHref(i.id)}/edit`} icon="pencil">
              {t('disclosure.item.edit')}
            </ButtonLink>
          ) : undefined
        }
      />
      <SummaryList
        rows={[
          {
            key: t('disclosure.fields.itemCode'),
            value: d.indicator ? (
              <>
                <span class="disclosure-code">{i.itemCode}</span> <IndicatorName item={d.indicator} locale={locale} />
              </>
            ) : (
              <span class="disclosure-code">{i.itemCode}</span>
            ),
          },
          { key: t('disclosure.columns.status'), value: <FreshnessTag f={i.freshness} /> },
          { key: t('disclosure.fields.responsibleStaffId'), value: i.responsibleName ?? t('disclosure.noOwner') },
          { key: t('disclosure.fields.frequency'), value: t(`disclosure.frequency.${i.frequency}`) },
          { key: t('disclosure.fields.dueOn'), value: i.dueOn ? dayText(i.dueOn) : t('disclosure.noDue') },
          { key: t('disclosure.columns.lastUpdate'), value: i.lastUpdatedAt ? formatThaiDateTime(i.lastUpdatedAt) : t('disclosure.never') },
          {
            key: t('disclosure.item.evidence'),
            value: (
              <>
                {i.evidenceUrl ? (
                  <p>
                    <a href={i.evidenceUrl} rel="noopener noreferrer">
                      {i.evidenceUrl}
                    </a>
                  </p>
                ) : null}
                {i.publicationId ? (
                  <p>
                    <a href={publicationHref({ id: i.publicationId })}>{t('disclosure.item.publication', { id: i.publicationId })}</a>
                  </p>
                ) : null}
                {!i.evidenceUrl && !i.publicationId ? t('disclosure.item.noEvidence') : null}
              </>
            ),
          },
          ...(i.description ? [{ key: t('disclosure.fields.description'), value: <p class="prose">{i.description}</p> }] : []),
        ]}
      />
      {!i.active ? (
        <p>
          <Tag tone="neutral">{t('disclosure.inactive')}</Tag>
        </p>
      ) : null}
      {d.canUpdate && i.active ? (
        <section class="panel disclosure-update" aria-labelledby="update-title" id="update">
          <h2 id="update-title">{t('disclosure.update.title')}</h2>
          <p class="muted">{t('disclosure.update.lead')}</p>
          <ErrorSummary errors={update.errors} />
          <Form action={`${itemHref(i.id)}/update`} multipart>
            <TextField
              name="url"
              label="disclosure.fields.url"
              hint="disclosure.hints.url"
              type="url"
              value={formValue(update.values, 'url')}
              errors={update.errors}
              optional
            />
            <FileField
              name="pdf"
              label="disclosure.fields.pdf"
              hint="disclosure.hints.pdf"
              accept="application/pdf,.pdf"
              errors={update.errors}
              optional
            />
            <TextField
              name="pdfTitle"
              label="disclosure.fields.pdfTitle"
              hint="disclosure.hints.pdfTitle"
              value={formValue(update.values, 'pdfTitle')}
              errors={update.errors}
              optional
            />
            <TextArea
              name="note"
              label="disclosure.fields.note"
              value={formValue(update.values, 'note')}
              errors={update.errors}
              rows={3}
              optional
            />
            <div class="form-actions">
              <Button icon="circle-check">{t('disclosure.update.submit')}</Button>
            </div>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="history">
        <h2 id="history">{t('disclosure.item.history')}</h2>
        {d.updates.length === 0 ? (
          <p>{t('disclosure.item.noHistory')}</p>
        ) : (
          <section class="table-wrap" tabindex={0} aria-labelledby="history">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('disclosure.history.when')}</th>
                  <th scope="col">{t('disclosure.history.who')}</th>
                  <th scope="col">{t('disclosure.history.what')}</th>
                </tr>
              </thead>
              <tbody>
                {d.updates.map((u) => (
                  <tr>
                    <td class="nowrap">{formatThaiDateTime(u.updatedAt)}</td>
                    <td>{u.updatedByName ?? t('disclosure.history.system')}</td>
                    <td>
                      {u.evidenceUrl ? (
                        <p>
                          <a href={u.evidenceUrl} rel="noopener noreferrer">
                            {u.evidenceUrl}
                          </a>
                        </p>
                      ) : null}
                      {u.publicationId ? (
                        <p>
                          <a href={publicationFileHref({ id: u.publicationId })}>
                            {t('disclosure.item.publication', { id: u.publicationId })}
                          </a>
                        </p>
                      ) : null}
                      {u.note ? <p>{u.note}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </StaffLayout>
  );
}

export function ItemFormPage(props: {
  fiscalYear: number;
  indicators: OitListItem[];
  staff: { id: number; name: string; position: string | null }[];
  state: FormState;
  /** Editing this item; creating when absent. */
  itemId?: number;
}) {
  const t = useT();
  const { state, fiscalYear } = props;
  const title = props.itemId ? t('disclosure.form.editTitle') : t('disclosure.form.newTitle', { year: fiscalYear });
  const action = props.itemId ? `${itemHref(props.itemId)}/edit` : `/staff/disclosure/new?fy=${fiscalYear}`;
  const code = formValue(state.values, 'itemCode');
  const topics = props.indicators.find((i) => i.code === code)?.topics ?? [...new Set(props.indicators.flatMap((i) => i.topics))];
  return (
    <StaffLayout title={title} head={css()}>
      <Breadcrumbs
        items={[{ href: registerHref(fiscalYear), text: t('disclosure.register.title', { year: fiscalYear }) }, { text: title }]}
      />
      <PageHeader title={title} />
      <ErrorSummary errors={state.errors} />
      <Form action={action}>
        <SelectField
          name="itemCode"
          label="disclosure.fields.itemCode"
          value={code}
          placeholder="disclosure.form.choose"
          options={props.indicators.map((i) => ({ value: i.code, text: `${i.code} ${i.name}` }))}
          errors={state.errors}
        />
        <TextField
          name="title"
          label="disclosure.fields.title"
          hint="disclosure.hints.title"
          value={formValue(state.values, 'title')}
          errors={state.errors}
          maxlength={300}
        />
        <TextArea
          name="description"
          label="disclosure.fields.description"
          value={formValue(state.values, 'description')}
          errors={state.errors}
          rows={3}
          optional
        />
        <SelectField
          name="responsibleStaffId"
          label="disclosure.fields.responsibleStaffId"
          value={formValue(state.values, 'responsibleStaffId')}
          placeholder="disclosure.form.nobody"
          options={props.staff.map((s) => ({ value: String(s.id), text: s.position ? `${s.name} — ${s.position}` : s.name }))}
          errors={state.errors}
          optional
        />
        <ChoiceGroup
          kind="radio"
          name="frequency"
          label="disclosure.fields.frequency"
          value={formValue(state.values, 'frequency')}
          options={UPDATE_FREQUENCIES.map((f) => ({ value: f, text: t(`disclosure.frequency.${f}`) }))}
          errors={state.errors}
          inline
        />
        <TextField
          name="dueOn"
          label="disclosure.fields.dueOn"
          hint="disclosure.hints.dueOn"
          type="date"
          width="m"
          value={formValue(state.values, 'dueOn')}
          errors={state.errors}
        />
        <SelectField
          name="topic"
          label="disclosure.fields.topic"
          hint="disclosure.hints.topic"
          value={formValue(state.values, 'topic')}
          placeholder="disclosure.form.noTopic"
          options={topics.map((x) => ({ value: x, text: t(`disclosure.topics.${x}`) }))}
          errors={state.errors}
          optional
        />
        {props.itemId ? (
          <ChoiceGroup
            kind="radio"
            name="active"
            label="disclosure.fields.active"
            value={formValue(state.values, 'active') || '1'}
            options={[
              { value: '1', text: t('disclosure.form.activeYes') },
              { value: '0', text: t('disclosure.form.activeNo') },
            ]}
            inline
          />
        ) : null}
        <div class="form-actions">
          <Button icon="circle-check">{t('disclosure.form.save')}</Button>
          <a href={props.itemId ? itemHref(props.itemId) : registerHref(fiscalYear)}>{t('disclosure.form.cancel')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}
