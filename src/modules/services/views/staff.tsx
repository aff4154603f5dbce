import type { FieldError } from '../../../core/http/errors.js';
import { formatThaiDate } from '../../../core/thai/index.js';
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
  Tag,
  TextArea,
  TextField,
  type Tone,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { SERVICE_CATEGORIES } from '../categories.js';
import { STEP_KINDS } from '../schema.js';
import {
  DOC_GROUPS,
  DOC_UNITS,
  type EditorChoices,
  FILE_KINDS,
  type GuideFile,
  type GuideStatus,
  guidePath,
  LIMITS,
  type ServiceGuide,
  STEP_UNITS,
  totalTime,
} from '../service.js';
import { css, fileTypeText, totalText } from './common.js';

const TONE: Record<GuideStatus, Tone> = { draft: 'neutral', published: 'success', withdrawn: 'warning' };

export function StatusTag({ status }: { status: GuideStatus }) {
  const t = useT();
  return <Tag tone={TONE[status]}>{t(`services.status.${status}`)}</Tag>;
}

/** /staff/services */
export function GuideListPage({ guides, canEdit }: { guides: ServiceGuide[]; canEdit: boolean }) {
  const t = useT();
  return (
    <StaffLayout title={t('services.staff.title')} head={css()}>
      <PageHeader
        title={t('services.staff.title')}
        lead={t('services.staff.lead')}
        actions={
          canEdit ? (
            <ButtonLink href="/staff/services/new" variant="primary" icon="plus">
              {t('services.staff.new')}
            </ButtonLink>
          ) : undefined
        }
      />
      {guides.length === 0 ? (
        <p>{t('services.staff.empty')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="guides-caption" tabindex={0}>
          <table class="table">
            <caption id="guides-caption" class="visually-hidden">
              {t('services.staff.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('services.fields.title')}</th>
                <th scope="col">{t('services.fields.category')}</th>
                <th scope="col">{t('services.staff.statusCol')}</th>
                <th scope="col" class="num">
                  {t('services.staff.stepsCol')}
                </th>
                <th scope="col">{t('services.public.totalTime')}</th>
                <th scope="col">{t('services.staff.updatedCol')}</th>
              </tr>
            </thead>
            <tbody>
              {guides.map((g) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/services/${g.id}`}>{g.title}</a>
                  </th>
                  <td>{t(`services.categories.${g.category}`)}</td>
                  <td>
                    <StatusTag status={g.status} />
                  </td>
                  <td class="num">{g.steps.length}</td>
                  <td>{totalText(t, totalTime(g.steps))}</td>
                  <td class="nowrap">{formatThaiDate(g.updatedAt, { style: 'short' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </StaffLayout>
  );
}

/** The editor's values: strings as typed, rows as drafts. */
export interface EditorValues {
  title: string;
  category: string;
  divisionId: string;
  queueServiceId: string;
  summary: string;
  legalBasis: string;
  location: string;
  hours: string;
  criteria: string;
  complaintChannels: string;
  remarks: string;
  sortOrder: string;
  steps: { kind: string; detail: string; duration: string; unit: string; responsible: string; responsibleText: string; note: string }[];
  documents: { group: string; name: string; issuer: string; originals: string; copies: string; unit: string; note: string }[];
  fees: { item: string; amount: string; note: string }[];
  reason: string;
}

export const BLANK_ROWS = { steps: 2, documents: 2, fees: 1 } as const;

export interface EditorState {
  values: EditorValues;
  errors: FieldError[];
  /** Blank rows shown after the filled ones (more after "add rows"). */
  extra: { steps: number; documents: number; fees: number };
}

export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

function RowsHeading({ id, title, hint }: { id: string; title: string; hint: string }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      <p class="field__hint">{hint}</p>
    </>
  );
}

function RowTools({ prefix, i, count }: { prefix: string; i: number; count: number }) {
  const t = useT();
  return (
    <div class="guide-row__tools">
      <TextField
        name={`${prefix}.${i}.order`}
        label="services.fields.rowOrder"
        value={String(i + 1)}
        width="xs"
        inputmode="numeric"
        maxlength={3}
      />
      {i < count ? (
        <label class="choice guide-row__remove">
          <input class="choice__input" type="checkbox" name={`${prefix}.${i}.remove`} value="1" />
          <span class="choice__label">{t('services.staff.removeRow')}</span>
        </label>
      ) : null}
    </div>
  );
}

/** /staff/services/new and /staff/services/:id: the guide in the citizen-manual format. */
export function GuideEditPage(props: {
  guide: ServiceGuide | null;
  files: GuideFile[];
  choices: EditorChoices;
  state: EditorState;
  upload: FormState;
  withdraw: FormState;
  publishErrors: FieldError[];
  canEdit: boolean;
}) {
  const t = useT();
  const { guide, choices, state } = props;
  const v = state.values;
  const e = state.errors;
  const action = guide ? `/staff/services/${guide.id}` : '/staff/services';
  const title = guide ? guide.title : t('services.staff.new');
  const responsibleOptions = [
    ...choices.positions.map((p) => ({
      value: `p:${p.id}`,
      text: `${p.name}${p.divisionId ? ` · ${choices.divisions.find((d) => d.id === p.divisionId)?.name ?? ''}` : ''}`,
    })),
    ...choices.divisions.map((d) => ({ value: `d:${d.id}`, text: d.name })),
  ];
  const stepRows = [
    ...v.steps,
    ...Array.from({ length: state.extra.steps }, () => ({
      kind: 'check',
      detail: '',
      duration: '',
      unit: 'minutes',
      responsible: '',
      responsibleText: '',
      note: '',
    })),
  ];
  const docRows = [
    ...v.documents,
    ...Array.from({ length: state.extra.documents }, () => ({
      group: 'other',
      name: '',
      issuer: '',
      originals: '',
      copies: '',
      unit: 'copy',
      note: '',
    })),
  ];
  const feeRows = [...v.fees, ...Array.from({ length: state.extra.fees }, () => ({ item: '', amount: '', note: '' }))];
  const generic = [...e, ...props.publishErrors].filter((x) => x.field === '_');
  return (
    <StaffLayout title={title} current="/staff/services" head={css()}>
      <Breadcrumbs items={[{ href: '/staff/services', text: t('services.staff.title') }, { text: title }]} />
      <PageHeader
        title={title}
        lead={t('services.staff.editLead')}
        actions={
          guide?.status === 'published' ? (
            <ButtonLink href={guidePath(guide.id)} icon="external-link">
              {t('services.staff.viewPublic')}
            </ButtonLink>
          ) : guide ? (
            <ButtonLink href={`/staff/services/${guide.id}/preview`} icon="book-open">
              {t('services.staff.preview')}
            </ButtonLink>
          ) : undefined
        }
      />
      {generic.length ? (
        <Banner tone="warning" role="alert">
          {generic.map((x) => (
            <p>{t(x.message, x.params)}</p>
          ))}
        </Banner>
      ) : null}
      {guide ? (
        <section class="card guide-status" aria-labelledby="status-title">
          <h2 class="card__title" id="status-title">
            {t('services.staff.statusTitle')} <StatusTag status={guide.status} />
          </h2>
          <p>{t(`services.staff.statusText.${guide.status}`)}</p>
          {guide.publicationId ? (
            <p>
              <a href={`/publications/${guide.publicationId}`}>{t('services.staff.publicationLink')}</a>
            </p>
          ) : null}
          {props.canEdit && guide.status !== 'published' ? (
            <>
              <ErrorSummary errors={props.publishErrors.filter((x) => x.field !== '_')} />
              <Form action={`/staff/services/${guide.id}/publish`}>
                <input type="hidden" name="version" value={String(guide.version)} />
                <Button icon="circle-check">{t('services.staff.publish')}</Button>
              </Form>
            </>
          ) : null}
          {props.canEdit && guide.status === 'published' ? (
            <details class="guide-withdraw" open={props.withdraw.errors.length > 0}>
              <summary>{t('services.staff.withdraw')}</summary>
              <ErrorSummary errors={props.withdraw.errors.filter((x) => x.field !== '_')} />
              <Form action={`/staff/services/${guide.id}/withdraw`}>
                <TextArea
                  name="reason"
                  label="services.fields.withdrawReason"
                  hint="services.hints.withdrawReason"
                  value={props.withdraw.values.reason ?? ''}
                  errors={props.withdraw.errors}
                  maxlength={LIMITS.reason}
                  rows={2}
                />
                <Button variant="danger" icon="x">
                  {t('services.staff.withdraw')}
                </Button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      {props.canEdit ? (
        <Form action={action} class="guide-form" aria-label={t('services.staff.formLabel')}>
          <ErrorSummary errors={e.filter((x) => x.field !== '_')} />
          {guide ? <input type="hidden" name="version" value={String(guide.version)} /> : null}

          <section class="card form-section" aria-labelledby="sec-general">
            <h2 class="card__title" id="sec-general">
              {t('services.staff.sections.general')}
            </h2>
            <TextField
              name="title"
              label="services.fields.title"
              hint="services.hints.title"
              value={v.title}
              errors={e}
              maxlength={LIMITS.title}
            />
            <SelectField
              name="category"
              label="services.fields.category"
              value={v.category}
              errors={e}
              placeholder="services.staff.choose"
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, text: t(`services.categories.${c}`) }))}
            />
            <SelectField
              name="divisionId"
              label="services.fields.division"
              value={v.divisionId}
              errors={e}
              optional
              placeholder="services.staff.none"
              options={choices.divisions.map((d) => ({ value: String(d.id), text: d.name }))}
            />
            <SelectField
              name="queueServiceId"
              label="services.fields.queueService"
              hint="services.hints.queueService"
              value={v.queueServiceId}
              errors={e}
              optional
              placeholder="services.staff.none"
              options={choices.queueServices.map((q) => ({ value: String(q.id), text: q.name }))}
            />
            <TextArea
              name="summary"
              label="services.fields.summary"
              hint="services.hints.summary"
              value={v.summary}
              errors={e}
              optional
              rows={2}
              maxlength={LIMITS.summary}
            />
            <TextArea
              name="legalBasis"
              label="services.fields.legalBasis"
              hint="services.hints.legalBasis"
              value={v.legalBasis}
              errors={e}
              optional
              rows={4}
            />
            <TextField
              name="sortOrder"
              label="services.fields.sortOrder"
              hint="services.hints.sortOrder"
              value={v.sortOrder}
              errors={e}
              optional
              width="xs"
              inputmode="numeric"
              maxlength={4}
            />
          </section>

          <section class="card form-section" aria-labelledby="sec-channel">
            <h2 class="card__title" id="sec-channel">
              {t('services.staff.sections.channel')}
            </h2>
            <TextArea
              name="location"
              label="services.fields.location"
              hint="services.hints.location"
              value={v.location}
              errors={e}
              optional
              rows={2}
              maxlength={LIMITS.text}
            />
            <TextArea
              name="hours"
              label="services.fields.hours"
              hint="services.hints.hours"
              value={v.hours}
              errors={e}
              optional
              rows={2}
              maxlength={LIMITS.text}
            />
            <TextArea
              name="criteria"
              label="services.fields.criteria"
              hint="services.hints.criteria"
              value={v.criteria}
              errors={e}
              optional
              rows={5}
              maxlength={LIMITS.criteria}
            />
          </section>

          <section class="card form-section" aria-labelledby="sec-steps" id="steps">
            <h2 class="card__title" id="sec-steps">
              {t('services.staff.sections.steps')}
            </h2>
            <p class="field__hint">{t('services.hints.steps')}</p>
            {e.some((x) => x.field === 'steps') ? (
              <p class="field__error" id="f-steps">
                {e
                  .filter((x) => x.field === 'steps')
                  .map((x) => t(x.message, { ...x.params, field: x.label ? t(x.label) : '' }))
                  .join(' ')}
              </p>
            ) : null}
            <ol class="guide-rows">
              {stepRows.map((s, i) => (
                <li class="guide-row">
                  <fieldset class="fieldset">
                    <legend>{t('services.staff.stepN', { n: i + 1 })}</legend>
                    <div class="guide-row__grid">
                      <SelectField
                        name={`steps.${i}.kind`}
                        label="services.fields.stepKind"
                        value={s.kind}
                        errors={e}
                        options={STEP_KINDS.map((k) => ({ value: k, text: t(`services.stepKinds.${k}`) }))}
                      />
                      <TextField
                        name={`steps.${i}.duration`}
                        label="services.fields.stepDuration"
                        value={s.duration}
                        errors={e}
                        width="s"
                        inputmode="decimal"
                        maxlength={7}
                      />
                      <SelectField
                        name={`steps.${i}.unit`}
                        label="services.fields.stepUnit"
                        value={s.unit}
                        errors={e}
                        options={STEP_UNITS.map((u) => ({ value: u, text: t(`services.unitNames.${u}`) }))}
                      />
                    </div>
                    <TextArea
                      name={`steps.${i}.detail`}
                      label="services.fields.stepDetail"
                      value={s.detail}
                      errors={e}
                      rows={2}
                      maxlength={LIMITS.detail}
                    />
                    <div class="guide-row__grid guide-row__grid--2">
                      <SelectField
                        name={`steps.${i}.responsible`}
                        label="services.fields.stepResponsible"
                        value={s.responsible}
                        errors={e}
                        optional
                        placeholder="services.staff.none"
                        options={responsibleOptions}
                      />
                      <TextField
                        name={`steps.${i}.responsibleText`}
                        label="services.fields.stepResponsibleText"
                        hint="services.hints.stepResponsibleText"
                        value={s.responsibleText}
                        errors={e}
                        optional
                        maxlength={LIMITS.note}
                      />
                    </div>
                    <TextField
                      name={`steps.${i}.note`}
                      label="services.fields.stepNote"
                      value={s.note}
                      errors={e}
                      optional
                      maxlength={LIMITS.note}
                    />
                    <RowTools prefix="steps" i={i} count={v.steps.length} />
                  </fieldset>
                </li>
              ))}
            </ol>
            <Button variant="secondary" name="intent" value="addSteps" icon="plus">
              {t('services.staff.addSteps')}
            </Button>
          </section>

          <section class="card form-section" aria-labelledby="sec-docs" id="documents">
            <h2 class="card__title" id="sec-docs">
              {t('services.staff.sections.documents')}
            </h2>
            <RowsHeading id="docs-hint" title={t('services.public.sections.documents')} hint={t('services.hints.documents')} />
            <ol class="guide-rows">
              {docRows.map((d, i) => (
                <li class="guide-row">
                  <fieldset class="fieldset">
                    <legend>{t('services.staff.docN', { n: i + 1 })}</legend>
                    <SelectField
                      name={`documents.${i}.group`}
                      label="services.fields.docGroup"
                      value={d.group}
                      errors={e}
                      options={DOC_GROUPS.map((g) => ({ value: g, text: t(`services.docGroups.${g}`) }))}
                    />
                    <TextField
                      name={`documents.${i}.name`}
                      label="services.fields.docName"
                      value={d.name}
                      errors={e}
                      maxlength={LIMITS.note}
                    />
                    <TextField
                      name={`documents.${i}.issuer`}
                      label="services.fields.docIssuer"
                      value={d.issuer}
                      errors={e}
                      optional
                      maxlength={LIMITS.note}
                    />
                    <div class="guide-row__grid">
                      <TextField
                        name={`documents.${i}.originals`}
                        label="services.fields.docOriginals"
                        value={d.originals}
                        errors={e}
                        width="xs"
                        inputmode="numeric"
                        maxlength={2}
                      />
                      <TextField
                        name={`documents.${i}.copies`}
                        label="services.fields.docCopies"
                        value={d.copies}
                        errors={e}
                        width="xs"
                        inputmode="numeric"
                        maxlength={2}
                      />
                      <SelectField
                        name={`documents.${i}.unit`}
                        label="services.fields.docUnit"
                        value={d.unit}
                        errors={e}
                        options={DOC_UNITS.map((u) => ({ value: u, text: t(`services.docUnits.${u}`) }))}
                      />
                    </div>
                    <TextField
                      name={`documents.${i}.note`}
                      label="services.fields.docNote"
                      value={d.note}
                      errors={e}
                      optional
                      maxlength={LIMITS.note}
                    />
                    <RowTools prefix="documents" i={i} count={v.documents.length} />
                  </fieldset>
                </li>
              ))}
            </ol>
            <Button variant="secondary" name="intent" value="addDocuments" icon="plus">
              {t('services.staff.addDocuments')}
            </Button>
          </section>

          <section class="card form-section" aria-labelledby="sec-fees" id="fees">
            <h2 class="card__title" id="sec-fees">
              {t('services.staff.sections.fees')}
            </h2>
            <p class="field__hint">{t('services.hints.fees')}</p>
            <ol class="guide-rows">
              {feeRows.map((f, i) => (
                <li class="guide-row">
                  <fieldset class="fieldset">
                    <legend>{t('services.staff.feeN', { n: i + 1 })}</legend>
                    <div class="guide-row__grid guide-row__grid--2">
                      <TextField
                        name={`fees.${i}.item`}
                        label="services.fields.feeItem"
                        value={f.item}
                        errors={e}
                        maxlength={LIMITS.note}
                      />
                      <TextField
                        name={`fees.${i}.amount`}
                        label="services.fields.feeAmountBaht"
                        value={f.amount}
                        errors={e}
                        width="s"
                        inputmode="decimal"
                        maxlength={14}
                      />
                    </div>
                    <TextField
                      name={`fees.${i}.note`}
                      label="services.fields.feeNote"
                      value={f.note}
                      errors={e}
                      optional
                      maxlength={LIMITS.note}
                    />
                    <RowTools prefix="fees" i={i} count={v.fees.length} />
                  </fieldset>
                </li>
              ))}
            </ol>
            <Button variant="secondary" name="intent" value="addFees" icon="plus">
              {t('services.staff.addFees')}
            </Button>
          </section>

          <section class="card form-section" aria-labelledby="sec-more">
            <h2 class="card__title" id="sec-more">
              {t('services.staff.sections.more')}
            </h2>
            <TextArea
              name="complaintChannels"
              label="services.fields.complaintChannels"
              hint="services.hints.complaintChannels"
              value={v.complaintChannels}
              errors={e}
              optional
              rows={3}
              maxlength={LIMITS.text}
            />
            <TextArea
              name="remarks"
              label="services.fields.remarks"
              value={v.remarks}
              errors={e}
              optional
              rows={3}
              maxlength={LIMITS.text}
            />
          </section>

          {guide?.status === 'published' ? (
            <section class="card form-section guide-reason" aria-labelledby="sec-reason">
              <h2 class="card__title" id="sec-reason">
                {t('services.staff.sections.reason')}
              </h2>
              <TextArea
                name="reason"
                label="services.fields.reason"
                hint="services.hints.reason"
                value={v.reason}
                errors={e}
                rows={2}
                maxlength={LIMITS.reason}
              />
            </section>
          ) : null}

          <div class="form-actions">
            <Button icon="circle-check">
              {guide?.status === 'published' ? t('services.staff.saveVersion') : t('services.staff.save')}
            </Button>
          </div>
        </Form>
      ) : null}

      {guide ? (
        <section class="card" id="forms" aria-labelledby="files-title">
          <h2 class="card__title" id="files-title">
            {t('services.public.sections.forms')}
          </h2>
          {props.files.length === 0 ? (
            <p class="muted">{t('services.public.noForms')}</p>
          ) : (
            <ul class="manual-files">
              {props.files.map((f) => (
                <li>
                  <a href={`/staff/services/${guide.id}/files/${f.fileId}`}>
                    <Icon name="download" size={18} /> {f.name}
                  </a>{' '}
                  <span class="muted">
                    ({t(`services.fileKinds.${f.kind}`)} · {fileTypeText(f.mime, f.size)})
                  </span>
                  {props.canEdit ? (
                    <Form action={`/staff/services/${guide.id}/files/${f.fileId}/delete`} class="inline-form">
                      <Button variant="quiet" icon="trash-2">
                        {t('services.staff.removeFile')}
                        <span class="visually-hidden">: {f.name}</span>
                      </Button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {props.canEdit ? (
            <>
              <h3>{t('services.staff.addFile')}</h3>
              <ErrorSummary errors={props.upload.errors.filter((x) => x.field !== '_')} />
              <Form action={`/staff/services/${guide.id}/files`} multipart>
                <FileField
                  name="file"
                  label="services.fields.file"
                  hint="services.hints.file"
                  accept=".pdf,.docx,.xlsx,image/png,image/jpeg"
                  errors={props.upload.errors}
                />
                <SelectField
                  name="kind"
                  label="services.fields.fileKind"
                  value={props.upload.values.kind ?? 'form'}
                  errors={props.upload.errors}
                  options={FILE_KINDS.map((k) => ({ value: k, text: t(`services.fileKinds.${k}`) }))}
                />
                <TextField
                  name="name"
                  label="services.fields.fileName"
                  hint="services.hints.fileName"
                  value={props.upload.values.name ?? ''}
                  errors={props.upload.errors}
                  optional
                  maxlength={LIMITS.title}
                />
                <Button variant="secondary" icon="upload">
                  {t('services.staff.upload')}
                </Button>
              </Form>
            </>
          ) : null}
        </section>
      ) : null}
    </StaffLayout>
  );
}
