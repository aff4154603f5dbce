import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatNumber, formatSatang, formatThaiDate, parseThaiDateInput } from '../../../core/thai/index.js';
import {
  Banner,
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
  type Tone,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { MEASURE_STATUSES, type MeasureStatus } from '../schema.js';
import {
  type CheckpointState,
  EVIDENCE_MAX_BYTES,
  type Evidence,
  type ItaResult,
  LINK_KINDS,
  type MeasureDetail,
  type MissingKind,
  type MissingRow,
  PLAN_ORIGINS,
  type Plan,
  type Progress,
} from '../service.js';

const STATUS_TONE: Record<MeasureStatus, Tone> = { planned: 'neutral', in_progress: 'info', done: 'success', cancelled: 'neutral' };
const CHECKPOINT_TONE: Record<CheckpointState, Tone> = { done: 'success', due: 'warning', missed: 'danger', later: 'neutral' };
const day = (iso: string | null) => {
  const d = iso ? parseThaiDateInput(iso) : null;
  return d ? formatThaiDate(d) : '';
};

export function StatusTag({ status }: { status: MeasureStatus }) {
  const t = useT();
  return <Tag tone={STATUS_TONE[status]}>{t(`measures.status.${status}`)}</Tag>;
}

function Paragraphs({ items }: { items: string[] }) {
  return (
    <>
      {items.map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

export function PlansPage(props: {
  plans: (Plan & { count: number })[];
  canCoordinate: boolean;
  values: FormValues;
  errors: FieldError[];
  defaultYear: number;
}) {
  const t = useT();
  return (
    <StaffLayout title={t('measures.title')}>
      <PageHeader title={t('measures.title')} lead={t('measures.lead')} />
      <h2>{t('measures.plans')}</h2>
      {props.plans.length === 0 ? (
        <p>{t('measures.noPlans')}</p>
      ) : (
        <ul class="link-list">
          {props.plans.map((p) => (
            <li>
              <a href={`/staff/measures/plans/${p.id}`}>{t('measures.fiscalYearN', { year: p.fiscalYear })}</a>{' '}
              <span class="muted">
                {p.title} · {t('measures.measuresCount', { n: p.count })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canCoordinate ? (
        <section class="panel" aria-labelledby="new-plan">
          <h2 id="new-plan">{t('measures.newPlan')}</h2>
          <ErrorSummary errors={props.errors} />
          <Form action="/staff/measures/plans">
            <TextField
              name="fiscalYear"
              label="measures.fields.fiscalYear"
              inputmode="numeric"
              width="s"
              value={formValue(props.values, 'fiscalYear') || String(props.defaultYear)}
              errors={props.errors}
            />
            <ChoiceGroup
              kind="radio"
              name="origin"
              label="measures.fields.origin"
              hint="measures.originHint"
              value={formValue(props.values, 'origin') || 'copy'}
              errors={props.errors}
              options={PLAN_ORIGINS.map((o) => ({ value: o, text: t(`measures.origins.${o}`) }))}
            />
            <Button icon="plus">{t('measures.createPlan')}</Button>
          </Form>
        </section>
      ) : null}
    </StaffLayout>
  );
}

export function PlanPage(props: {
  plan: Plan;
  ita: ItaResult[];
  measures: MeasureDetail[];
  missing: MissingRow[] | null;
  canCoordinate: boolean;
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const { plan } = props;
  const title = t('measures.fiscalYearN', { year: plan.fiscalYear });
  return (
    <StaffLayout title={`${t('measures.title')} ${title}`}>
      <Breadcrumbs items={[{ href: '/staff/measures', text: t('measures.title') }, { text: title }]} />
      <PageHeader
        title={plan.title}
        actions={
          props.canCoordinate ? (
            <ButtonLink href={`/staff/measures/plans/${plan.id}/new`} icon="plus">
              {t('measures.plan.addMeasure')}
            </ButtonLink>
          ) : null
        }
      />
      <section aria-labelledby="ita">
        <h2 id="ita">{t('measures.plan.ita')}</h2>
        {props.ita.length === 0 ? (
          <p>{t('measures.plan.itaNone')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('measures.ita.indicator')}</th>
                  <th scope="col">{t('measures.ita.name')}</th>
                  <th scope="col" class="num">
                    {t('measures.ita.score')}
                  </th>
                  <th scope="col">{t('measures.ita.weakPoints')}</th>
                  {props.canCoordinate ? (
                    <th scope="col">
                      <span class="visually-hidden">{t('measures.ita.remove')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {props.ita.map((r) => (
                  <tr>
                    <td>{r.indicator}</td>
                    <td>{r.name}</td>
                    <td class="num">{r.score == null ? '' : formatNumber(r.score, { decimals: 2 })}</td>
                    <td>{r.weakPoints}</td>
                    {props.canCoordinate ? (
                      <td>
                        <Form action={`/staff/measures/ita/${r.id}/delete`}>
                          <Button variant="quiet" icon="x">
                            {t('measures.ita.remove')}
                          </Button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.canCoordinate ? (
          <details class="panel" open={props.errors.length > 0}>
            <summary>{t('measures.ita.add')}</summary>
            <ErrorSummary errors={props.errors} />
            <Form action={`/staff/measures/plans/${plan.id}/ita`}>
              <TextField
                name="indicator"
                label="measures.ita.indicator"
                width="s"
                value={formValue(props.values, 'indicator')}
                errors={props.errors}
              />
              <TextField name="name" label="measures.ita.name" value={formValue(props.values, 'name')} errors={props.errors} />
              <TextField
                name="score"
                label="measures.ita.score"
                inputmode="decimal"
                width="s"
                optional
                value={formValue(props.values, 'score')}
                errors={props.errors}
              />
              <TextArea
                name="weakPoints"
                label="measures.ita.weakPoints"
                optional
                value={formValue(props.values, 'weakPoints')}
                errors={props.errors}
              />
              <Button icon="plus">{t('measures.ita.add')}</Button>
            </Form>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="measures">
        <h2 id="measures">{t('measures.plan.measures')}</h2>
        {props.measures.length === 0 ? (
          <p>{t('measures.plan.noMeasures')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('measures.columns.number')}</th>
                  <th scope="col">{t('measures.columns.title')}</th>
                  <th scope="col">{t('measures.columns.responsible')}</th>
                  <th scope="col">{t('measures.columns.status')}</th>
                  <th scope="col" class="num">
                    {t('measures.columns.evidence')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.measures.map((m) => (
                  <tr>
                    <td class="num">{m.number}</td>
                    <td>
                      <a href={`/staff/measures/${m.id}`}>{m.title}</a>
                    </td>
                    <td>{m.responsibleText || m.divisions.map((d) => d.name).join(', ')}</td>
                    <td>
                      <StatusTag status={m.status} />
                    </td>
                    <td class="num">{m.evidenceCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {props.missing ? (
        <section aria-labelledby="missing" id="missing">
          <h2>{t('measures.plan.missing')}</h2>
          {props.missing.length === 0 ? (
            <Banner tone="success">{t('measures.plan.missingNone')}</Banner>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('measures.columns.number')}</th>
                    <th scope="col">{t('measures.columns.title')}</th>
                    <th scope="col">{t('measures.columns.missing')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.missing.map((r) => (
                    <tr>
                      <td class="num">{r.measure.number}</td>
                      <td>
                        <a href={`/staff/measures/${r.measure.id}`}>{r.measure.title}</a>
                      </td>
                      <td>
                        {r.missing.map((k) => (
                          <>
                            <MissingTag kind={k} />{' '}
                          </>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </StaffLayout>
  );
}

function MissingTag({ kind }: { kind: MissingKind }) {
  const t = useT();
  return <Tag tone={kind.endsWith('Missed') ? 'danger' : 'warning'}>{t(`measures.missingKinds.${kind}`)}</Tag>;
}

export interface Choices {
  divisions: { id: number; name: string }[];
  people: { id: number; name: string }[];
  weaknesses: ItaResult[];
}

/** The coordinator's form of a measure's plan fields (new or edit). */
export function MeasureForm(props: {
  action: string;
  values: FormValues;
  errors: FieldError[];
  choices: Choices;
  submit: string;
  version?: number;
}) {
  const t = useT();
  const v = (k: string) => formValue(props.values, k);
  const list = (k: string) => {
    const x = props.values[k];
    return Array.isArray(x) ? x : x ? [x] : [];
  };
  return (
    <Form action={props.action}>
      {props.version !== undefined ? <input type="hidden" name="version" value={String(props.version)} /> : null}
      <TextField name="number" label="measures.fields.number" inputmode="numeric" width="xs" value={v('number')} errors={props.errors} />
      <TextArea name="title" label="measures.fields.title" rows={2} value={v('title')} errors={props.errors} />
      <TextArea
        name="titleDetails"
        label="measures.fields.titleDetails"
        hint="measures.fields.titleDetailsHint"
        rows={2}
        optional
        value={v('titleDetails')}
        errors={props.errors}
      />
      <TextArea name="rationale" label="measures.fields.rationale" rows={2} optional value={v('rationale')} errors={props.errors} />
      {props.choices.weaknesses.length ? (
        <ChoiceGroup
          kind="checkbox"
          name="weaknessIds"
          label="measures.fields.weaknesses"
          optional
          value={list('weaknessIds')}
          errors={props.errors}
          options={props.choices.weaknesses.map((w) => ({
            value: String(w.id),
            text: `${w.indicator} ${w.name}`,
            hint: w.weakPoints || undefined,
          }))}
        />
      ) : null}
      <TextArea
        name="methods"
        label="measures.fields.methods"
        hint="measures.fields.methodsHint"
        rows={5}
        optional
        value={v('methods')}
        errors={props.errors}
      />
      <TextField
        name="responsibleText"
        label="measures.fields.responsibleText"
        hint="measures.fields.responsibleTextHint"
        optional
        value={v('responsibleText')}
        errors={props.errors}
      />
      <ChoiceGroup
        kind="checkbox"
        name="divisionIds"
        label="measures.fields.divisions"
        optional
        value={list('divisionIds')}
        errors={props.errors}
        options={props.choices.divisions.map((d) => ({ value: String(d.id), text: d.name }))}
      />
      <ChoiceGroup
        kind="checkbox"
        name="staffIds"
        label="measures.fields.people"
        optional
        value={list('staffIds')}
        errors={props.errors}
        options={props.choices.people.map((p) => ({ value: String(p.id), text: p.name }))}
      />
      <TextField
        name="startsOn"
        label="measures.fields.startsOn"
        type="date"
        width="m"
        optional
        value={v('startsOn')}
        errors={props.errors}
      />
      <TextField name="endsOn" label="measures.fields.endsOn" type="date" width="m" optional value={v('endsOn')} errors={props.errors} />
      <ChoiceGroup
        kind="radio"
        inline
        name="budgetKind"
        label="measures.fields.budgetKind"
        value={v('budgetKind') || 'none'}
        errors={props.errors}
        options={[
          { value: 'none', text: t('measures.fields.noBudget') },
          { value: 'amount', text: t('measures.fields.withBudget') },
        ]}
      />
      <TextField
        name="budget"
        label="measures.fields.budget"
        hint="measures.fields.budgetHint"
        inputmode="decimal"
        width="m"
        optional
        value={v('budget')}
        errors={props.errors}
      />
      <TextArea
        name="successIndicator"
        label="measures.fields.successIndicator"
        rows={2}
        optional
        value={v('successIndicator')}
        errors={props.errors}
      />
      <Button>{t(props.submit)}</Button>
    </Form>
  );
}

export function NewMeasurePage(props: { plan: Plan; values: FormValues; errors: FieldError[]; choices: Choices }) {
  const t = useT();
  return (
    <StaffLayout title={t('measures.plan.addMeasure')}>
      <Breadcrumbs
        items={[
          { href: '/staff/measures', text: t('measures.title') },
          { href: `/staff/measures/plans/${props.plan.id}`, text: t('measures.fiscalYearN', { year: props.plan.fiscalYear }) },
          { text: t('measures.plan.addMeasure') },
        ]}
      />
      <PageHeader title={t('measures.plan.addMeasure')} />
      <ErrorSummary errors={props.errors} />
      <MeasureForm
        action={`/staff/measures/plans/${props.plan.id}/new`}
        values={props.values}
        errors={props.errors}
        choices={props.choices}
        submit="measures.measure.save"
      />
    </StaffLayout>
  );
}

export interface MeasurePageProps {
  plan: Plan;
  measure: MeasureDetail;
  progress: Progress[];
  evidence: Evidence[];
  checkpoints: { six: { state: CheckpointState; due: Date }; twelve: { state: CheckpointState; due: Date } };
  canCoordinate: boolean;
  canUpdate: boolean;
  /** Which form was sent and refused, with its values and errors (and a stale-save notice). */
  form?: { name: 'edit' | 'implementation' | 'progress' | 'file' | 'link'; values: FormValues; errors: FieldError[]; stale?: boolean };
  editValues: FormValues;
  implementationValues: FormValues;
  choices: Choices;
  maxMb: number;
}

export function MeasurePage(props: MeasurePageProps) {
  const t = useT();
  const { measure: m, plan } = props;
  const formOf = (name: NonNullable<MeasurePageProps['form']>['name'], fallback: FormValues) =>
    props.form?.name === name ? { values: props.form.values, errors: props.form.errors } : { values: fallback, errors: [] as FieldError[] };
  const impl = formOf('implementation', props.implementationValues);
  const edit = formOf('edit', props.editValues);
  const prog = formOf('progress', {});
  const file = formOf('file', {});
  const link = formOf('link', { linkKind: 'announcement' });
  const title = `${m.number}. ${m.title}`;
  return (
    <StaffLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/staff/measures', text: t('measures.title') },
          { href: `/staff/measures/plans/${plan.id}`, text: t('measures.fiscalYearN', { year: plan.fiscalYear }) },
          { text: `${t('measures.columns.number')} ${m.number}` },
        ]}
      />
      <PageHeader title={title} lead={<StatusTag status={m.status} />} />
      {props.form?.stale ? (
        <Banner tone="warning" role="alert">
          {t('measures.errors.stale')}
        </Banner>
      ) : null}
      {!props.canUpdate ? <Banner tone="info">{t('measures.measure.readOnly')}</Banner> : null}
      <section aria-labelledby="details">
        <h2 id="details">{t('measures.measure.details')}</h2>
        <SummaryList
          rows={[
            ...(m.titleDetails.length ? [{ key: t('measures.fields.titleDetails'), value: <Paragraphs items={m.titleDetails} /> }] : []),
            { key: t('measures.fields.rationale'), value: m.rationale || t('measures.measure.none') },
            {
              key: t('measures.fields.weaknesses'),
              value: m.weaknesses.length ? (
                <ul>
                  {m.weaknesses.map((w) => (
                    <li>
                      {w.indicator} {w.name}
                    </li>
                  ))}
                </ul>
              ) : (
                t('measures.measure.none')
              ),
            },
            {
              key: t('measures.fields.methods'),
              value: m.methods.length ? (
                <ol>
                  {m.methods.map((s) => (
                    <li>{s}</li>
                  ))}
                </ol>
              ) : (
                t('measures.measure.none')
              ),
            },
            { key: t('measures.fields.responsibleText'), value: m.responsibleText || t('measures.measure.none') },
            { key: t('measures.fields.divisions'), value: m.divisions.map((d) => d.name).join(', ') || t('measures.measure.none') },
            { key: t('measures.fields.people'), value: m.people.map((p) => p.name).join(', ') || t('measures.measure.none') },
            {
              key: t('measures.measure.schedule'),
              value: [day(m.startsOn), day(m.endsOn)].filter(Boolean).join(' – ') || t('measures.measure.none'),
            },
            {
              key: t('measures.fields.budgetKind'),
              value:
                m.budgetSatang == null
                  ? t('measures.fields.noBudget')
                  : t('measures.measure.budgetAmount', { amount: formatSatang(m.budgetSatang) }),
            },
            { key: t('measures.fields.successIndicator'), value: m.successIndicator || t('measures.measure.none') },
          ]}
        />
      </section>
      <section aria-labelledby="implementation">
        <h2 id="implementation">{t('measures.measure.implementation')}</h2>
        <h3>{t('measures.measure.checkpoints')}</h3>
        <ul class="link-list">
          {(['six', 'twelve'] as const).map((k) => (
            <li>
              {t(k === 'six' ? 'measures.fields.checkpoint6' : 'measures.fields.checkpoint12')}{' '}
              <Tag tone={CHECKPOINT_TONE[props.checkpoints[k].state]}>
                {t(`measures.measure.checkpointStates.${props.checkpoints[k].state}`)}
              </Tag>{' '}
              <span class="muted">
                {t('measures.measure.checkpointDue', { date: formatThaiDate(new Date(props.checkpoints[k].due.getTime() - 1)) })}
              </span>
            </li>
          ))}
        </ul>
        {props.canUpdate ? (
          <>
            <ErrorSummary errors={impl.errors} />
            <Form action={`/staff/measures/${m.id}/implementation`}>
              <input type="hidden" name="version" value={String(m.version)} />
              <SelectField
                name="status"
                label="measures.fields.status"
                value={formValue(impl.values, 'status')}
                errors={impl.errors}
                options={MEASURE_STATUSES.map((s) => ({ value: s, text: t(`measures.status.${s}`) }))}
              />
              <TextArea
                name="resultsSummary"
                label="measures.fields.resultsSummary"
                hint="measures.fields.resultsSummaryHint"
                rows={5}
                optional
                value={formValue(impl.values, 'resultsSummary')}
                errors={impl.errors}
              />
              <TextArea
                name="outcome"
                label="measures.fields.outcome"
                rows={3}
                optional
                value={formValue(impl.values, 'outcome')}
                errors={impl.errors}
              />
              <TextArea
                name="checkpoint6"
                label="measures.fields.checkpoint6"
                rows={3}
                optional
                value={formValue(impl.values, 'checkpoint6')}
                errors={impl.errors}
              />
              <TextArea
                name="checkpoint12"
                label="measures.fields.checkpoint12"
                rows={3}
                optional
                value={formValue(impl.values, 'checkpoint12')}
                errors={impl.errors}
              />
              <Button>{t('measures.measure.saveImplementation')}</Button>
            </Form>
          </>
        ) : (
          <SummaryList
            rows={[
              {
                key: t('measures.fields.resultsSummary'),
                value: m.resultsSummary.length ? <Paragraphs items={m.resultsSummary} /> : t('measures.measure.none'),
              },
              { key: t('measures.fields.outcome'), value: m.outcome || t('measures.measure.none') },
              { key: t('measures.fields.checkpoint6'), value: m.checkpoint6 || t('measures.measure.none') },
              { key: t('measures.fields.checkpoint12'), value: m.checkpoint12 || t('measures.measure.none') },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="progress">
        <h2 id="progress">{t('measures.progress.title')}</h2>
        {props.progress.length === 0 ? (
          <p>{t('measures.progress.none')}</p>
        ) : (
          <ul class="link-list">
            {props.progress.map((p) => (
              <li>
                <strong>{day(p.happenedOn)}</strong> {p.text}
              </li>
            ))}
          </ul>
        )}
        {props.canUpdate ? (
          <details class="panel" open={prog.errors.length > 0}>
            <summary>{t('measures.progress.add')}</summary>
            <ErrorSummary errors={prog.errors} />
            <Form action={`/staff/measures/${m.id}/progress`}>
              <TextField
                name="happenedOn"
                label="measures.progress.happenedOn"
                hint="measures.progress.happenedOnHint"
                width="m"
                value={formValue(prog.values, 'happenedOn')}
                errors={prog.errors}
              />
              <TextArea name="text" label="measures.progress.text" rows={3} value={formValue(prog.values, 'text')} errors={prog.errors} />
              <Button icon="plus">{t('measures.progress.add')}</Button>
            </Form>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="evidence">
        <h2 id="evidence">{t('measures.evidence.title')}</h2>
        {props.evidence.length === 0 ? (
          <p>{t('measures.evidence.none')}</p>
        ) : (
          <ul class="link-list">
            {props.evidence.map((e) => (
              <li>
                <a
                  href={e.fileId ? `/staff/measures/evidence/${e.id}/file` : (e.linkHref ?? '#')}
                  rel={e.fileId ? undefined : 'noopener noreferrer'}
                >
                  {e.title}
                </a>{' '}
                <span class="muted">{t(`measures.evidence.kinds.${e.fileId ? 'file' : (e.linkKind ?? 'other')}`)}</span>
                {e.isPublic ? null : (
                  <>
                    {' '}
                    <Tag tone="neutral">{t('measures.evidence.internal')}</Tag>
                  </>
                )}
                {props.canUpdate ? (
                  <Form action={`/staff/measures/evidence/${e.id}/delete`} class="inline-form">
                    <Button variant="quiet" icon="x">
                      {t('measures.evidence.remove')}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {props.canUpdate ? (
          <>
            <details class="panel" open={file.errors.length > 0}>
              <summary>{t('measures.evidence.addFile')}</summary>
              <ErrorSummary errors={file.errors} />
              <Form action={`/staff/measures/${m.id}/evidence`} multipart>
                <input type="hidden" name="mode" value="file" />
                <TextField
                  name="title"
                  label="measures.evidence.evidenceTitle"
                  value={formValue(file.values, 'title')}
                  errors={file.errors}
                />
                <FileField
                  name="file"
                  label="measures.evidence.file"
                  accept="application/pdf,image/jpeg,image/png,image/webp"
                  errors={file.errors}
                />
                <p class="muted">{t('measures.evidence.fileHint', { max: props.maxMb })}</p>
                <ChoiceGroup
                  kind="checkbox"
                  name="isPublic"
                  label="measures.evidence.isPublic"
                  value={['yes']}
                  options={[{ value: 'yes', text: t('measures.evidence.isPublic') }]}
                />
                <Button icon="upload">{t('measures.evidence.addFile')}</Button>
              </Form>
            </details>
            <details class="panel" open={link.errors.length > 0}>
              <summary>{t('measures.evidence.addLink')}</summary>
              <ErrorSummary errors={link.errors} />
              <Form action={`/staff/measures/${m.id}/evidence`}>
                <input type="hidden" name="mode" value="link" />
                <TextField
                  name="title"
                  label="measures.evidence.evidenceTitle"
                  value={formValue(link.values, 'title')}
                  errors={link.errors}
                />
                <SelectField
                  name="linkKind"
                  label="measures.evidence.linkKind"
                  value={formValue(link.values, 'linkKind')}
                  errors={link.errors}
                  options={LINK_KINDS.map((k) => ({ value: k, text: t(`measures.evidence.kinds.${k}`) }))}
                />
                <TextField
                  name="linkHref"
                  label="measures.evidence.linkHref"
                  hint="measures.evidence.linkHrefHint"
                  value={formValue(link.values, 'linkHref')}
                  errors={link.errors}
                />
                <ChoiceGroup
                  kind="checkbox"
                  name="isPublic"
                  label="measures.evidence.isPublic"
                  value={['yes']}
                  options={[{ value: 'yes', text: t('measures.evidence.isPublic') }]}
                />
                <Button icon="plus">{t('measures.evidence.addLink')}</Button>
              </Form>
            </details>
          </>
        ) : null}
      </section>
      {props.canCoordinate ? (
        <section aria-labelledby="edit">
          <h2 id="edit">{t('measures.measure.edit')}</h2>
          <ErrorSummary errors={edit.errors} />
          <MeasureForm
            action={`/staff/measures/${m.id}/edit`}
            values={edit.values}
            errors={edit.errors}
            choices={props.choices}
            submit="measures.measure.save"
            version={m.version}
          />
        </section>
      ) : null}
      <p>
        <a href={`/staff/measures/plans/${plan.id}`}>{t('measures.measure.backToPlan')}</a>
      </p>
    </StaffLayout>
  );
}

export { EVIDENCE_MAX_BYTES };
