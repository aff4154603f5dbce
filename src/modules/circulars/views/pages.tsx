import type { FieldError } from '../../../core/http/errors.js';
import { type FormState, formValueOr } from '../../../core/http/forms.js';
import { formatThaiDate, formatThaiDateTime, isoDayNoon } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Icon,
  PageHeader,
  SelectField,
  statusTag,
  Tag,
  TextArea,
  TextField,
  type Tone,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { paragraphsOf } from '../pdf.js';
import { CIRCULAR_KINDS, type CircularStatus } from '../schema.js';
import type { Acknowledgement, Circular, CircularListItem, CircularVersion, CompletionReport, PendingItem } from '../service.js';

const css = () => <link rel="stylesheet" href={assetUrl('circulars.css')} />;
const TONE: Record<CircularStatus, Tone> = { draft: 'neutral', circulated: 'info', withdrawn: 'warning' };
const day = (iso: string | null | undefined) => (iso ? formatThaiDate(isoDayNoon(iso)) : '');

const StatusTag = statusTag(TONE, (s) => `circulars.statuses.${s}`);

function Progress({ done, total }: { done: number; total: number }) {
  const t = useT();
  const percent = total ? Math.floor((done * 100) / total) : 0;
  return (
    <span class="circ-progress">
      <progress max={total || 1} value={done} aria-hidden="true" />
      <span>{t('circulars.completion', { done, total, percent })}</span>
    </span>
  );
}

// ------------------------------------------------------------------ list

export function ListPage({ items, canManage, pending }: { items: CircularListItem[]; canManage: boolean; pending: number }) {
  const t = useT();
  return (
    <StaffLayout title={t('circulars.title')} current="/staff/circulars" head={css()}>
      <PageHeader
        title={t('circulars.title')}
        lead={t('circulars.lead')}
        actions={
          <>
            {canManage ? (
              <ButtonLink href="/staff/circulars/new" variant="primary" icon="plus">
                {t('circulars.newButton')}
              </ButtonLink>
            ) : null}
            <ButtonLink href="/staff/circulars/pending" icon="inbox">
              {t('circulars.pendingLink')}
              {pending ? ` (${pending})` : ''}
            </ButtonLink>
          </>
        }
      />
      {items.length === 0 ? (
        <p class="muted">{t('circulars.none')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t('circulars.listCaption')}>
          <table class="table">
            <caption class="visually-hidden">{t('circulars.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('circulars.col.title')}</th>
                <th scope="col">{t('circulars.col.kind')}</th>
                <th scope="col">{t('circulars.col.dated')}</th>
                <th scope="col">{t('circulars.col.status')}</th>
                <th scope="col">{t('circulars.col.completion')}</th>
                <th scope="col">{t('circulars.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ circular: c, recipients, acknowledged, percent }) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/circulars/${c.id}`}>{c.title}</a>
                  </th>
                  <td>{t(`circulars.kinds.${c.kind}`)}</td>
                  <td>{day(c.dated)}</td>
                  <td>
                    <StatusTag status={c.status} />
                  </td>
                  <td>{percent === null ? t('circulars.notCirculatedYet') : <Progress done={acknowledged} total={recipients} />}</td>
                  <td>{day(c.ackDueOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </StaffLayout>
  );
}

// ------------------------------------------------------------------ form

export function EditPage({
  circular,
  form,
  divisions,
  defaults,
}: {
  circular: Circular | null;
  form: FormState;
  divisions: { id: number; name: string }[];
  defaults: { dated: string; signerName: string; signerPosition: string };
}) {
  const t = useT();
  const title = circular ? t('circulars.editTitle') : t('circulars.newTitle');
  const c = circular;
  const chosen = form.values.divisionIds ?? (c ? c.audience.divisionIds.map(String) : []);
  const audience = formValueOr(form.values, 'audience', c ? (c.audience.all ? 'all' : 'divisions') : 'all');
  return (
    <StaffLayout title={title} current="/staff/circulars" head={css()}>
      <Breadcrumbs
        items={[
          { href: '/staff/circulars', text: t('circulars.title') },
          ...(c ? [{ href: `/staff/circulars/${c.id}`, text: c.title }] : []),
          { text: title },
        ]}
      />
      <PageHeader title={title} />
      <ErrorSummary errors={form.errors} />
      <Form action={c ? `/staff/circulars/${c.id}/edit` : '/staff/circulars/new'} class="stack circ-form">
        <ChoiceGroup
          kind="radio"
          name="kind"
          label="circulars.fields.kind"
          errors={form.errors}
          value={formValueOr(form.values, 'kind', c?.kind ?? 'announcement')}
          options={CIRCULAR_KINDS.map((k) => ({ value: k, text: t(`circulars.kinds.${k}`) }))}
        />
        <TextField
          name="title"
          label="circulars.fields.title"
          errors={form.errors}
          value={formValueOr(form.values, 'title', c?.title ?? '')}
          maxlength={300}
        />
        <TextArea
          name="body"
          label="circulars.fields.body"
          hint="circulars.fields.bodyHint"
          errors={form.errors}
          rows={14}
          value={formValueOr(form.values, 'body', c?.body ?? '')}
        />
        <TextField
          name="dated"
          label="circulars.fields.dated"
          hint="circulars.fields.dateHint"
          errors={form.errors}
          width="s"
          value={formValueOr(form.values, 'dated', c ? formatThaiDate(isoDayNoon(c.dated), { style: 'numeric' }) : defaults.dated)}
        />
        <TextField
          name="signerName"
          label="circulars.fields.signerName"
          errors={form.errors}
          value={formValueOr(form.values, 'signerName', c?.signerName ?? defaults.signerName)}
        />
        <TextField
          name="signerPosition"
          label="circulars.fields.signerPosition"
          errors={form.errors}
          value={formValueOr(form.values, 'signerPosition', c?.signerPosition ?? defaults.signerPosition)}
        />
        <ChoiceGroup
          kind="radio"
          name="audience"
          label="circulars.fields.audience"
          errors={form.errors}
          value={audience}
          options={[
            { value: 'all', text: t('circulars.fields.audienceAll') },
            { value: 'divisions', text: t('circulars.fields.audienceDivisions') },
          ]}
        />
        <ChoiceGroup
          kind="checkbox"
          name="divisionIds"
          label="circulars.fields.divisions"
          optional
          errors={form.errors}
          value={Array.isArray(chosen) ? chosen : [chosen]}
          options={divisions.map((d) => ({ value: String(d.id), text: d.name }))}
        />
        <TextField
          name="ackDueOn"
          label="circulars.fields.ackDueOn"
          hint="circulars.fields.ackDueHint"
          optional
          errors={form.errors}
          width="s"
          value={formValueOr(form.values, 'ackDueOn', c?.ackDueOn ? formatThaiDate(isoDayNoon(c.ackDueOn), { style: 'numeric' }) : '')}
        />
        <div class="actions">
          <Button icon="file-check">{c ? t('circulars.save') : t('circulars.create')}</Button>
        </div>
      </Form>
    </StaffLayout>
  );
}

// ------------------------------------------------------------------ detail

export interface DetailState {
  circulate: FormState;
  paper: FormState;
  withdraw: FormState;
  ack: FormState;
}

export function DetailPage(props: {
  circular: Circular;
  versions: CircularVersion[];
  report: CompletionReport | null;
  mine: Acknowledgement[];
  isRecipient: boolean;
  canManage: boolean;
  number: string | null;
  divisionNames: string[];
  state: DetailState;
}) {
  const t = useT();
  const { circular: c, versions, report, canManage, state } = props;
  const current = versions.find((v) => v.version === c.currentVersion) ?? null;
  const myAck = props.mine.find((a) => a.version === c.currentVersion);
  const allErrors = [...state.circulate.errors, ...state.paper.errors, ...state.withdraw.errors, ...state.ack.errors];
  const pendingPeople = report ? report.groups.flatMap((g) => g.rows.filter((r) => !r.ack)) : [];
  return (
    <StaffLayout title={c.title} current="/staff/circulars" head={css()}>
      <Breadcrumbs items={[{ href: '/staff/circulars', text: t('circulars.title') }, { text: c.title }]} />
      <PageHeader
        title={c.title}
        lead={
          <span class="circ-meta">
            <StatusTag status={c.status} /> {t(`circulars.kinds.${c.kind}`)} · {day(c.dated)}
            {props.number ? ` · ${t('circulars.view.number', { number: props.number })}` : ''}
          </span>
        }
      />
      <ErrorSummary errors={allErrors} />
      {c.status === 'withdrawn' ? (
        <Banner tone="warning">{t('circulars.view.withdrawn', { reason: c.withdrawnReason ?? '' })}</Banner>
      ) : null}
      <ul class="circ-facts">
        <li>
          {c.audience.all
            ? t('circulars.view.audienceAll')
            : t('circulars.view.audienceSome', { divisions: props.divisionNames.join(', ') })}
        </li>
        {c.ackDueOn ? <li>{t('circulars.view.dueOn', { date: day(c.ackDueOn) })}</li> : null}
        {c.newsPostId ? (
          <li>
            {t('circulars.view.portalDone')} — <a href={`/news/${c.newsPostId}`}>{t('circulars.view.portalLink')}</a>
          </li>
        ) : null}
      </ul>

      {props.isRecipient && current && c.status === 'circulated' ? (
        myAck ? (
          <Banner tone="success">
            {t('circulars.view.youAcknowledged', { version: myAck.version, at: formatThaiDateTime(myAck.acknowledgedAt) })}
          </Banner>
        ) : (
          <section class="circ-box" aria-labelledby="ack-h">
            <h2 id="ack-h">{t('circulars.view.youPending')}</h2>
            <AckForm circular={c} version={current} errors={state.ack.errors} back={`/staff/circulars/${c.id}`} />
          </section>
        )
      ) : null}

      <section aria-labelledby="pdf-h">
        <h2 id="pdf-h">{t('circulars.view.pdf')}</h2>
        <p class="circ-links">
          {current ? (
            <>
              <a href={`/staff/circulars/${c.id}/versions/${current.version}.pdf`}>
                <Icon name="file-text" /> {t('circulars.view.openPdf')} ({t('circulars.view.versionN', { version: current.version })})
              </a>
              <a href={`/staff/circulars/${c.id}/versions/${current.version}.pdf?download=1`}>
                <Icon name="download" /> {t('circulars.view.download')}
              </a>
            </>
          ) : null}
          {canManage && c.status !== 'withdrawn' ? (
            <a href={`/staff/circulars/${c.id}/preview.pdf`}>
              <Icon name="file-text" /> {t('circulars.view.preview')}
            </a>
          ) : null}
        </p>
        {canManage && c.status !== 'withdrawn' ? <p class="field__hint">{t('circulars.view.previewHint')}</p> : null}
      </section>

      <section aria-labelledby="text-h">
        <h2 id="text-h">{t('circulars.view.text')}</h2>
        <div class="circ-text">
          {paragraphsOf(c.body).map((p) => (
            <p>{p}</p>
          ))}
        </div>
        <p class="circ-signer">
          ({c.signerName})<br />
          {c.signerPosition}
        </p>
        {canManage && c.status !== 'withdrawn' ? (
          <ButtonLink href={`/staff/circulars/${c.id}/edit`} icon="pencil">
            {t('circulars.view.edit')}
          </ButtonLink>
        ) : null}
      </section>

      {canManage && c.status !== 'withdrawn' ? (
        <section class="circ-box" aria-labelledby="circ-h">
          <h2 id="circ-h">{c.currentVersion ? t('circulars.view.circulateAgain') : t('circulars.view.circulateTitle')}</h2>
          <p>
            {c.currentVersion
              ? t('circulars.view.circulateAgainHint', { version: c.currentVersion + 1 })
              : t('circulars.view.circulateHint')}
          </p>
          <Form action={`/staff/circulars/${c.id}/circulate`} class="stack">
            {c.currentVersion ? (
              <TextArea
                name="changeNote"
                label="circulars.fields.changeNote"
                rows={2}
                errors={state.circulate.errors}
                value={formValueOr(state.circulate.values, 'changeNote')}
              />
            ) : null}
            <div class="actions">
              <Button icon="megaphone">{c.currentVersion ? t('circulars.view.circulateAgain') : t('circulars.view.circulate')}</Button>
            </div>
          </Form>
        </section>
      ) : null}

      {versions.length ? (
        <section aria-labelledby="ver-h">
          <h2 id="ver-h">{t('circulars.view.versions')}</h2>
          <section class="table-wrap" tabindex={0} aria-label={t('circulars.view.versionsCaption')}>
            <table class="table">
              <caption class="visually-hidden">{t('circulars.view.versionsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('circulars.col.version')}</th>
                  <th scope="col">{t('circulars.col.created')}</th>
                  <th scope="col">{t('circulars.col.note')}</th>
                  <th scope="col">{t('circulars.col.sha')}</th>
                  <th scope="col">{t('circulars.col.file')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr>
                    <th scope="row">
                      {t('circulars.view.versionN', { version: v.version })}
                      {v.version === c.currentVersion ? ` (${t('circulars.view.current')})` : ''}
                    </th>
                    <td>{formatThaiDateTime(v.createdAt)}</td>
                    <td>{v.changeNote ?? '–'}</td>
                    <td>
                      <code class="circ-sha">{v.sha256}</code>
                    </td>
                    <td>
                      <a href={`/staff/circulars/${c.id}/versions/${v.version}.pdf`}>PDF</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      ) : null}

      {report && c.currentVersion ? (
        <ReportSection report={report} canManage={canManage && c.status === 'circulated'} pendingPeople={pendingPeople} state={state} />
      ) : null}

      {canManage && c.status === 'circulated' ? (
        <section class="circ-box" aria-labelledby="pub-h">
          <h2 id="pub-h">{c.kind === 'announcement' && !c.newsPostId ? t('circulars.view.portal') : t('circulars.view.withdraw')}</h2>
          {c.kind === 'announcement' && !c.newsPostId ? (
            <Form action={`/staff/circulars/${c.id}/publish`}>
              <p>{t('circulars.view.portalHint')}</p>
              <Button variant="secondary" icon="globe">
                {t('circulars.view.portal')}
              </Button>
            </Form>
          ) : null}
          <Form action={`/staff/circulars/${c.id}/withdraw`} class="stack">
            {c.kind === 'announcement' && !c.newsPostId ? <h3>{t('circulars.view.withdraw')}</h3> : null}
            <p>{t('circulars.view.withdrawHint')}</p>
            <TextField
              name="reason"
              label="circulars.fields.reason"
              errors={state.withdraw.errors}
              value={formValueOr(state.withdraw.values, 'reason')}
            />
            <Button variant="danger" icon="x">
              {t('circulars.view.withdraw')}
            </Button>
          </Form>
        </section>
      ) : null}
    </StaffLayout>
  );
}

function ReportSection({
  report,
  canManage,
  pendingPeople,
  state,
}: {
  report: CompletionReport;
  canManage: boolean;
  pendingPeople: CompletionReport['groups'][number]['rows'];
  state: DetailState;
}) {
  const t = useT();
  const c = report.circular;
  return (
    <section aria-labelledby="rep-h" class="circ-report">
      <h2 id="rep-h">{t('circulars.view.report')}</h2>
      <p class="circ-report__lead">
        {t('circulars.view.reportLead', {
          version: report.version,
          done: report.acknowledged,
          total: report.total,
          percent: report.percent ?? 0,
          pending: report.pending,
        })}
      </p>
      <p class="circ-links">
        <a href={`/staff/circulars/${c.id}/report.pdf`}>
          <Icon name="file-text" /> {t('circulars.view.reportPdf')}
        </a>
        <a href={`/staff/circulars/${c.id}/report.csv`}>
          <Icon name="download" /> {t('circulars.view.reportCsv')}
        </a>
      </p>
      {report.groups.map((g, gi) => {
        const caption = t('circulars.view.reportCaption', {
          division: g.divisionName ?? t('circulars.view.noDivision'),
          done: g.acknowledged,
          total: g.acknowledged + g.pending,
        });
        return (
          <section class="table-wrap" tabindex={0} aria-label={caption} id={`division-${gi + 1}`}>
            <table class="table circ-report__table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('circulars.col.name')}</th>
                  <th scope="col">{t('circulars.col.position')}</th>
                  <th scope="col">{t('circulars.col.when')}</th>
                  <th scope="col">{t('circulars.col.version')}</th>
                  <th scope="col">{t('circulars.col.method')}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr class={r.ack ? '' : 'circ-pending'}>
                    <th scope="row">
                      {r.name}
                      {r.hasAccount ? '' : ` (${t('circulars.view.noAccount')})`}
                    </th>
                    <td>{r.position ?? ''}</td>
                    <td>
                      {r.ack ? (
                        formatThaiDateTime(r.ack.at)
                      ) : (
                        <Tag tone="warning" icon="clock">
                          {t('circulars.view.notYet')}
                        </Tag>
                      )}
                    </td>
                    <td>
                      {r.ack
                        ? t('circulars.view.versionN', { version: r.ack.version })
                        : r.earlier
                          ? t('circulars.view.earlier', { version: r.earlier.version })
                          : '–'}
                    </td>
                    <td>{r.ack ? t(`circulars.methods.${r.ack.method}`) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      {canManage && report.pending > 0 ? (
        <div class="circ-box">
          <h3>{t('circulars.view.remind')}</h3>
          <p>{t('circulars.view.remindHint')}</p>
          {c.lastRemindedAt ? <p class="muted">{t('circulars.view.lastReminded', { at: formatThaiDateTime(c.lastRemindedAt) })}</p> : null}
          <Form action={`/staff/circulars/${c.id}/remind`}>
            <Button variant="secondary" icon="bell">
              {t('circulars.view.remind')}
            </Button>
          </Form>
          <h3>{t('circulars.view.paper')}</h3>
          <p>{t('circulars.view.paperHint')}</p>
          <Form action={`/staff/circulars/${c.id}/paper`} class="stack">
            <SelectField
              name="staffId"
              label="circulars.fields.person"
              placeholder="circulars.view.choosePerson"
              errors={state.paper.errors}
              value={formValueOr(state.paper.values, 'staffId')}
              options={pendingPeople.map((p) => ({ value: String(p.staffId), text: p.name }))}
            />
            <TextField
              name="on"
              label="circulars.fields.ackOn"
              hint="circulars.fields.dateHint"
              width="s"
              errors={state.paper.errors}
              value={formValueOr(state.paper.values, 'on')}
            />
            <Button variant="secondary" icon="file-check">
              {t('circulars.view.paperSubmit')}
            </Button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

// ------------------------------------------------------------------ acknowledge

function AckForm({
  circular,
  version,
  errors,
  back,
}: {
  circular: Circular;
  version: CircularVersion;
  errors: FieldError[];
  back: string;
}) {
  const t = useT();
  const name = `confirm-${circular.id}`;
  return (
    <Form
      action={`/staff/circulars/${circular.id}/acknowledge`}
      class="stack circ-ack"
      aria-label={`${t('circulars.pending.acknowledge')}: ${circular.title}`}
    >
      <input type="hidden" name="version" value={String(version.version)} />
      <input type="hidden" name="sha256" value={version.sha256} />
      <input type="hidden" name="back" value={back} />
      <ChoiceGroup
        kind="checkbox"
        name={name}
        label="circulars.pending.acknowledge"
        errors={errors.map((e) => (e.field === 'confirm' ? { ...e, field: name } : e))}
        options={[{ value: 'yes', text: t('circulars.fields.confirm') }]}
      />
      <Button icon="circle-check">{t('circulars.pending.acknowledge')}</Button>
    </Form>
  );
}

export function PendingPage({
  items,
  errors,
}: {
  items: (PendingItem & { textCurrent: boolean })[];
  errors: { id: number; errors: FieldError[] } | null;
}) {
  const t = useT();
  return (
    <StaffLayout title={t('circulars.pending.title')} current="/staff/circulars/pending" head={css()}>
      <Breadcrumbs items={[{ href: '/staff/circulars', text: t('circulars.title') }, { text: t('circulars.pending.title') }]} />
      <PageHeader title={t('circulars.pending.title')} lead={items.length ? t('circulars.pending.lead') : undefined} />
      {errors ? (
        <ErrorSummary errors={errors.errors.map((e) => (e.field === 'confirm' ? { ...e, field: `confirm-${errors.id}` } : e))} />
      ) : null}
      {items.length === 0 ? <p class="muted">{t('circulars.pending.none')}</p> : null}
      {items.map(({ circular: c, version: v, textCurrent }) => (
        <article class="circ-pending-item" aria-labelledby={`c-${c.id}`}>
          <h2 id={`c-${c.id}`}>
            {t(`circulars.kinds.${c.kind}`)}: {c.title}
          </h2>
          <p class="muted">
            {t('circulars.pending.versionOf', { version: v.version, at: formatThaiDateTime(v.createdAt) })}
            {c.ackDueOn ? ` · ${t('circulars.view.dueOn', { date: day(c.ackDueOn) })}` : ''}
          </p>
          {v.changeNote ? <Banner tone="info">{t('circulars.pending.changed', { note: v.changeNote })}</Banner> : null}
          <p class="circ-links">
            <a href={`/staff/circulars/${c.id}/versions/${v.version}.pdf`}>
              <Icon name="file-text" /> {t('circulars.view.openPdf')}
            </a>
            <a href={`/staff/circulars/${c.id}/versions/${v.version}.pdf?download=1`}>
              <Icon name="download" /> {t('circulars.view.download')}
            </a>
          </p>
          {textCurrent ? (
            <details class="circ-read">
              <summary>{t('circulars.view.readHere')}</summary>
              <div class="circ-text">
                {paragraphsOf(c.body).map((p) => (
                  <p>{p}</p>
                ))}
                <p class="circ-signer">
                  ({c.signerName})<br />
                  {c.signerPosition}
                </p>
              </div>
            </details>
          ) : null}
          <AckForm circular={c} version={v} errors={errors?.id === c.id ? errors.errors : []} back="/staff/circulars/pending" />
        </article>
      ))}
    </StaffLayout>
  );
}
