import { emptyForm, type FormState, formValueOr } from '../../../core/http/forms.js';
import { bangkokDateParts, formatThaiDate, formatThaiTime, isoDayNoon } from '../../../core/thai/index.js';
import { beDate, beDateTime } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  Form,
  PageHeader,
  SelectField,
  SummaryList,
  statusTag,
  Tag,
  TextArea,
  TextField,
  type Tone,
} from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { MeetingStatus } from '../schema.js';
import type { ActionView, Meeting, MeetingAction, MeetingDetail, StaffChoice } from '../service.js';

const css = () => <link rel="stylesheet" href={assetUrl('meetings.css')} />;

const list = (s: FormState, k: string): string[] => {
  const x = s.values[k];
  return x === undefined ? [] : Array.isArray(x) ? x.filter(Boolean) : x ? [x] : [];
};

/** HH:MM (Bangkok), as the time fields take it. */
const hhmm = (d: Date) => {
  const p = bangkokDateParts(d);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

const STATUS_TONE: Record<MeetingStatus, Tone> = { planned: 'info', held: 'warning', closed: 'success', cancelled: 'neutral' };

export const StatusTag = statusTag(STATUS_TONE, (s) => `meetings.status.${s}`);

function useDates() {
  const locale = useAppContext().get('locale');
  return { date: (d: Date) => beDate(d, locale), dateTime: (d: Date) => beDateTime(d, locale), time: (d: Date) => formatThaiTime(d) };
}

// ---------------------------------------------------------------- list

export function ListPage(props: {
  meetings: Meeting[];
  canManage: boolean;
  missingYear: number | null;
  myActions: (MeetingAction & { overdue: boolean; meetingTitle: string })[];
}) {
  const t = useT();
  const d = useDates();
  return (
    <StaffLayout title={t('meetings.title')} head={css()}>
      <PageHeader
        title={t('meetings.title')}
        lead={t('meetings.lead')}
        actions={
          props.canManage ? (
            <ButtonLink href="/staff/meetings/new" variant="primary" icon="plus">
              {t('meetings.actions.new')}
            </ButtonLink>
          ) : null
        }
      />
      {props.missingYear ? (
        <Banner tone="warning" title={t('meetings.reminder.title', { year: props.missingYear })}>
          <p>{t('meetings.reminder.body')}</p>
        </Banner>
      ) : null}
      {props.myActions.length ? (
        <section aria-labelledby="my-actions" class="meetings-section">
          <h2 id="my-actions">{t('meetings.myActions')}</h2>
          <ul class="meetings-actions">
            {props.myActions.map((a) => (
              <li>
                <a href={`/staff/meetings/${a.meetingId}#actions`}>{a.title}</a> — {a.meetingTitle} ·{' '}
                {t('meetings.dueOn', { date: d.date(isoDayNoon(a.dueOn)) })}{' '}
                {a.overdue ? <Tag tone="danger">{t('meetings.overdue')}</Tag> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.meetings.length === 0 ? (
        <p>{t('meetings.none')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-labelledby="meetings-caption">
          <table class="table">
            <caption id="meetings-caption">{t('meetings.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.fields.day')}</th>
                <th scope="col">{t('meetings.fields.title')}</th>
                <th scope="col">{t('meetings.fields.kind')}</th>
                <th scope="col">{t('meetings.fields.fiscalYear')}</th>
                <th scope="col">{t('meetings.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.meetings.map((m) => (
                <tr>
                  <td>{d.dateTime(m.startsAt)}</td>
                  <th scope="row">
                    <a href={`/staff/meetings/${m.id}`}>{m.title}</a>
                  </th>
                  <td>{t(`meetings.kinds.${m.kind}`)}</td>
                  <td>{m.fiscalYear}</td>
                  <td>
                    <StatusTag status={m.status} />
                    {m.publicationId ? <Tag tone="success">{t('meetings.publishedTag')}</Tag> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- new

export function NewPage(props: { form: FormState; staff: StaffChoice[]; divisions: { id: number; name: string }[] }) {
  const t = useT();
  const f = props.form;
  const e = f.errors;
  return (
    <StaffLayout title={t('meetings.newTitle')} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/meetings', text: t('meetings.title') }, { text: t('meetings.newTitle') }]} />
      <PageHeader title={t('meetings.newTitle')} lead={t('meetings.newLead')} />
      <ErrorSummary errors={e} />
      <Form action="/staff/meetings/new" class="meetings-form">
        <ChoiceGroup
          kind="radio"
          name="kind"
          label="meetings.fields.kind"
          errors={e}
          value={formValueOr(f.values, 'kind', 'internal')}
          options={[
            { value: 'internal', text: t('meetings.kinds.internal'), hint: t('meetings.kindHints.internal') },
            { value: 'stakeholder', text: t('meetings.kinds.stakeholder'), hint: t('meetings.kindHints.stakeholder') },
          ]}
        />
        <TextField name="title" label="meetings.fields.title" errors={e} value={formValueOr(f.values, 'title')} maxlength={300} />
        <TextArea name="purpose" label="meetings.fields.purpose" optional errors={e} value={formValueOr(f.values, 'purpose')} rows={3} />
        <div class="meetings-row">
          <TextField
            name="day"
            label="meetings.fields.day"
            hint="meetings.hints.day"
            errors={e}
            value={formValueOr(f.values, 'day')}
            width="m"
          />
          <TextField
            name="startTime"
            label="meetings.fields.startTime"
            hint="meetings.hints.time"
            errors={e}
            value={formValueOr(f.values, 'startTime', '09:30')}
            width="s"
            inputmode="numeric"
          />
          <TextField
            name="endTime"
            label="meetings.fields.endTime"
            optional
            errors={e}
            value={formValueOr(f.values, 'endTime')}
            width="s"
            inputmode="numeric"
          />
        </div>
        <TextField name="place" label="meetings.fields.place" errors={e} value={formValueOr(f.values, 'place')} maxlength={200} />
        <TextArea
          name="agenda"
          label="meetings.fields.agenda"
          hint="meetings.hints.agenda"
          errors={e}
          value={formValueOr(f.values, 'agenda')}
          rows={6}
        />
        <div class="meetings-row">
          <TextField name="chairName" label="meetings.fields.chairName" optional errors={e} value={formValueOr(f.values, 'chairName')} />
          <TextField
            name="chairPosition"
            label="meetings.fields.chairPosition"
            optional
            errors={e}
            value={formValueOr(f.values, 'chairPosition')}
          />
        </div>
        <div class="meetings-row">
          <TextField
            name="recorderName"
            label="meetings.fields.recorderName"
            optional
            errors={e}
            value={formValueOr(f.values, 'recorderName')}
          />
          <TextField
            name="recorderPosition"
            label="meetings.fields.recorderPosition"
            optional
            errors={e}
            value={formValueOr(f.values, 'recorderPosition')}
          />
        </div>
        <ChoiceGroup
          kind="radio"
          name="audience"
          label="meetings.fields.audience"
          errors={e}
          value={formValueOr(f.values, 'audience', 'all')}
          options={(['all', 'divisions', 'people', 'none'] as const).map((a) => ({ value: a, text: t(`meetings.audiences.${a}`) }))}
        />
        <ChoiceGroup
          kind="checkbox"
          name="divisionIds"
          label="meetings.fields.divisions"
          hint="meetings.hints.divisions"
          optional
          errors={e}
          value={list(f, 'divisionIds')}
          options={props.divisions.map((d) => ({ value: String(d.id), text: d.name }))}
        />
        <details class="meetings-people" open={list(f, 'staffIds').length > 0 || e.some((x) => x.field === 'staffIds')}>
          <summary>{t('meetings.fields.people')}</summary>
          <ChoiceGroup
            kind="checkbox"
            name="staffIds"
            label="meetings.fields.people"
            hint="meetings.hints.people"
            optional
            errors={e}
            value={list(f, 'staffIds')}
            options={props.staff.map((s) => ({ value: String(s.id), text: s.name, hint: s.position ?? undefined }))}
          />
        </details>
        <TextArea
          name="outside"
          label="meetings.fields.outside"
          hint="meetings.hints.outside"
          optional
          errors={e}
          value={formValueOr(f.values, 'outside')}
          rows={5}
        />
        <ChoiceGroup
          kind="checkbox"
          name="publish"
          label="meetings.fields.publishToPublic"
          optional
          value={list(f, 'publish')}
          options={[{ value: '1', text: t('meetings.publishChoice'), hint: t('meetings.hints.publish') }]}
        />
        <Button icon="file-check">{t('meetings.actions.create')}</Button>
      </Form>
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- detail

export interface DetailForms {
  attendance?: FormState;
  during?: FormState;
  minutes?: FormState;
  action?: FormState;
  response?: FormState & { opinionId: number };
}

function agendaLabel(t: (k: string, p?: Record<string, string | number>) => string, i: number | null, title?: string) {
  return i == null ? t('meetings.general') : t('meetings.agendaItem', { n: i + 1, title: title ?? '' });
}

export function DetailPage(props: {
  detail: MeetingDetail;
  canManage: boolean;
  opinionsOpen: boolean;
  myStaffId: number | null;
  staff: StaffChoice[];
  forms: DetailForms;
  today: Date;
}) {
  const t = useT();
  const d = useDates();
  const { meeting: m, invitees, opinions, actions } = props.detail;
  const manage = props.canManage && m.status !== 'closed' && m.status !== 'cancelled';
  const att = props.forms.attendance ?? emptyForm();
  const mins = props.forms.minutes ?? emptyForm();
  const during = props.forms.during ?? emptyForm();
  const act = props.forms.action ?? emptyForm();
  const came = invitees.filter((i) => i.attended === true).length;
  const absent = invitees.filter((i) => i.attended === false).length;
  return (
    <StaffLayout title={m.title} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/meetings', text: t('meetings.title') }, { text: m.title }]} />
      <PageHeader
        title={m.title}
        lead={`${t(`meetings.kinds.${m.kind}`)} · ${t('meetings.sequence', { n: props.detail.sequence, year: m.fiscalYear })}`}
        actions={
          props.opinionsOpen ? (
            <ButtonLink href={`/staff/meetings/${m.id}/opinion`} variant="primary" icon="message-square">
              {t('meetings.actions.opine')}
            </ButtonLink>
          ) : null
        }
      />
      <nav class="meetings-toc" aria-label={t('meetings.sections')}>
        <ul>
          <li>
            <a href="#details">{t('meetings.details')}</a>
          </li>
          <li>
            <a href="#attendance">{t('meetings.attendance')}</a>
          </li>
          <li>
            <a href="#opinions">{t('meetings.opinions')}</a>
          </li>
          <li>
            <a href="#minutes">{t('meetings.minutes')}</a>
          </li>
          <li>
            <a href="#actions">{t('meetings.actionsTitle')}</a>
          </li>
        </ul>
      </nav>

      <section id="details" aria-labelledby="details-title" class="meetings-section">
        <h2 id="details-title">{t('meetings.details')}</h2>
        <SummaryList
          rows={[
            { key: t('meetings.fields.status'), value: <StatusTag status={m.status} /> },
            {
              key: t('meetings.fields.when'),
              value: `${d.date(m.startsAt)} ${d.time(m.startsAt)}${m.endsAt ? ` – ${d.time(m.endsAt)}` : ''}`,
            },
            { key: t('meetings.fields.place'), value: m.place },
            { key: t('meetings.fields.purpose'), value: m.purpose ?? '—' },
            { key: t('meetings.fields.chair'), value: [m.chairName, m.chairPosition].filter(Boolean).join(' · ') || '—' },
            { key: t('meetings.fields.recorder'), value: [m.recorderName, m.recorderPosition].filter(Boolean).join(' · ') || '—' },
            {
              key: t('meetings.fields.invitation'),
              value: m.invitationFileId ? (
                <a href={`/staff/meetings/${m.id}/invitation.pdf`}>
                  {t(m.kind === 'internal' ? 'meetings.invitationMemo' : 'meetings.invitationLetter')}
                  {props.detail.registerNumber ? ` (${t('meetings.registerNo', { n: props.detail.registerNumber })})` : ''}
                </a>
              ) : (
                '—'
              ),
            },
            {
              key: t('meetings.fields.publishToPublic'),
              value: m.publicationId ? t('meetings.published') : m.publishToPublic ? t('meetings.willPublish') : t('meetings.staffOnly'),
            },
          ]}
        />
        <h3>{t('meetings.fields.agenda')}</h3>
        <ol class="meetings-agenda">
          {m.agenda.map((a) => (
            <li>
              <strong>{a.title}</strong>
              {a.detail ? <p>{a.detail}</p> : null}
              {a.discussion ? (
                <p>
                  <span class="meetings-label">{t('meetings.fields.discussion')}: </span>
                  {a.discussion}
                </p>
              ) : null}
              {a.resolution ? (
                <p>
                  <span class="meetings-label">{t('meetings.fields.resolution')}: </span>
                  {a.resolution}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section id="attendance" aria-labelledby="attendance-title" class="meetings-section">
        <h2 id="attendance-title">{t('meetings.attendance')}</h2>
        <p>{t('meetings.attendanceSummary', { invited: invitees.length, came, absent })}</p>
        <ErrorSummary errors={att.errors} />
        {manage ? (
          <Form action={`/staff/meetings/${m.id}/attendance`}>
            <AttendanceTable detail={props.detail} form={att} editable />
            <TextArea
              name="walkIns"
              label="meetings.fields.walkIn"
              hint="meetings.hints.walkIn"
              optional
              errors={att.errors}
              value={formValueOr(att.values, 'walkIns')}
              rows={3}
            />
            <Button icon="circle-check">{t('meetings.actions.recordAttendance')}</Button>
          </Form>
        ) : (
          <AttendanceTable detail={props.detail} form={att} editable={false} />
        )}
      </section>

      <section id="opinions" aria-labelledby="opinions-title" class="meetings-section">
        <h2 id="opinions-title">{t('meetings.opinions')}</h2>
        <p class="muted">{t(props.opinionsOpen ? 'meetings.opinionsOpenNote' : 'meetings.opinionsClosedNote')}</p>
        {opinions.length === 0 ? (
          <p>{t('meetings.noOpinions')}</p>
        ) : (
          <ul class="meetings-opinions">
            {opinions.map((o) => {
              const rf = props.forms.response?.opinionId === o.id ? props.forms.response : undefined;
              return (
                <li class="card" id={`opinion-${o.id}`}>
                  <p class="meetings-opinion__meta">
                    <Tag tone={o.stage === 'before' ? 'info' : 'neutral'}>{t(`meetings.stages.${o.stage}`)}</Tag>{' '}
                    {agendaLabel(t, o.agendaIndex, o.agendaIndex != null ? m.agenda[o.agendaIndex]?.title : undefined)} ·{' '}
                    {o.author ?? t('meetings.anonymous')}
                  </p>
                  <p class="meetings-opinion__text">{o.text}</p>
                  {o.response ? (
                    <p>
                      <span class="meetings-label">{t('meetings.fields.response')}: </span>
                      {o.response}
                    </p>
                  ) : null}
                  {manage ? (
                    <Form action={`/staff/meetings/opinions/${o.id}/response`} class="meetings-inline">
                      <ErrorSummary errors={rf?.errors ?? []} />
                      <TextArea
                        name={`response-${o.id}`}
                        label="meetings.fields.response"
                        optional
                        errors={(rf?.errors ?? []).map((x) => ({ ...x, field: `response-${o.id}` }))}
                        value={rf ? formValueOr(rf.values, 'response') : (o.response ?? '')}
                        rows={2}
                      />
                      <Button variant="secondary">{t('meetings.actions.saveResponse')}</Button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {manage ? (
          <details class="meetings-during" open={during.errors.length > 0}>
            <summary>{t('meetings.recordDuring')}</summary>
            <Form action={`/staff/meetings/${m.id}/opinions`}>
              <ErrorSummary errors={during.errors} />
              <AgendaSelect meeting={m} form={during} />
              <TextArea
                name="text"
                label="meetings.fields.opinion"
                errors={during.errors}
                value={formValueOr(during.values, 'text')}
                rows={3}
              />
              <TextField
                name="authorName"
                label="meetings.fields.authorName"
                hint="meetings.hints.authorName"
                optional
                errors={during.errors}
                value={formValueOr(during.values, 'authorName')}
              />
              <Button variant="secondary">{t('meetings.actions.recordOpinion')}</Button>
            </Form>
          </details>
        ) : null}
      </section>

      <section id="minutes" aria-labelledby="minutes-title" class="meetings-section">
        <h2 id="minutes-title">{t('meetings.minutes')}</h2>
        {m.status === 'closed' ? (
          <>
            <p>
              <a href={`/staff/meetings/${m.id}/minutes.pdf`}>{t('meetings.minutesPdf')}</a>
            </p>
            <p class="muted">
              {t('meetings.sha256')}: <code class="meetings-hash">{m.minutesSha256 ?? ''}</code>
            </p>
            <p>{m.closedAt ? t('meetings.closedAt', { when: d.dateTime(m.closedAt) }) : null}</p>
            {props.canManage && !m.publicationId ? (
              <Form action={`/staff/meetings/${m.id}/publish`}>
                <Button variant="secondary" icon="globe">
                  {t('meetings.actions.publish')}
                </Button>
              </Form>
            ) : null}
            {m.publicationId ? (
              <p>
                <a href="/participation">{t('meetings.seePublic')}</a>
              </p>
            ) : null}
          </>
        ) : manage ? (
          <Form action={`/staff/meetings/${m.id}/minutes`}>
            <ErrorSummary errors={mins.errors} />
            <div class="meetings-row">
              <TextField
                name="startTime"
                label="meetings.fields.startedAt"
                errors={mins.errors}
                value={formValueOr(mins.values, 'startTime', hhmm(m.startsAt))}
                width="s"
              />
              <TextField
                name="endTime"
                label="meetings.fields.endedAt"
                errors={mins.errors}
                value={formValueOr(mins.values, 'endTime', m.endsAt ? hhmm(m.endsAt) : '')}
                width="s"
              />
            </div>
            {m.agenda.map((a, i) => (
              <fieldset class="fieldset meetings-item">
                <legend>{t('meetings.agendaItem', { n: i + 1, title: a.title })}</legend>
                <TextArea
                  name={`discussion-${i}`}
                  label="meetings.fields.discussion"
                  optional
                  errors={mins.errors}
                  value={formValueOr(mins.values, `discussion-${i}`, a.discussion ?? '')}
                  rows={4}
                />
                <TextArea
                  name={`resolution-${i}`}
                  label="meetings.fields.resolution"
                  errors={mins.errors}
                  value={formValueOr(mins.values, `resolution-${i}`, a.resolution ?? '')}
                  rows={2}
                />
              </fieldset>
            ))}
            <ChoiceGroup
              kind="checkbox"
              name="close"
              label="meetings.fields.close"
              optional
              value={list(mins, 'close')}
              options={[{ value: '1', text: t('meetings.closeChoice'), hint: t('meetings.hints.close') }]}
            />
            <ChoiceGroup
              kind="checkbox"
              name="publish"
              label="meetings.fields.publishToPublic"
              optional
              value={mins.values.publish !== undefined ? list(mins, 'publish') : m.publishToPublic ? ['1'] : []}
              options={[{ value: '1', text: t('meetings.publishChoice'), hint: t('meetings.hints.publish') }]}
            />
            <Button icon="file-check">{t('meetings.actions.saveMinutes')}</Button>
          </Form>
        ) : (
          <p>{t('meetings.minutesPending')}</p>
        )}
      </section>

      <section id="actions" aria-labelledby="actions-title" class="meetings-section">
        <h2 id="actions-title">{t('meetings.actionsTitle')}</h2>
        {actions.length === 0 ? <p>{t('meetings.noActions')}</p> : <ActionsTable actions={actions} {...props} />}
        {props.canManage ? (
          <details class="meetings-during" open={act.errors.length > 0}>
            <summary>{t('meetings.actions.addAction')}</summary>
            <Form action={`/staff/meetings/${m.id}/actions`}>
              <ErrorSummary errors={act.errors} />
              <TextField name="title" label="meetings.fields.actionTitle" errors={act.errors} value={formValueOr(act.values, 'title')} />
              <SelectField
                name="ownerStaffId"
                label="meetings.fields.owner"
                optional
                errors={act.errors}
                value={formValueOr(act.values, 'ownerStaffId')}
                placeholder="meetings.noOwner"
                options={props.staff.map((s) => ({ value: String(s.id), text: s.position ? `${s.name} (${s.position})` : s.name }))}
              />
              <TextField
                name="dueOn"
                label="meetings.fields.dueOn"
                hint="meetings.hints.day"
                errors={act.errors}
                value={formValueOr(act.values, 'dueOn', formatThaiDate(props.today, { style: 'numeric' }))}
                width="m"
              />
              <Button variant="secondary">{t('meetings.actions.addAction')}</Button>
            </Form>
          </details>
        ) : null}
      </section>
    </StaffLayout>
  );
}

function AgendaSelect({ meeting, form }: { meeting: Meeting; form: FormState }) {
  const t = useT();
  return (
    <SelectField
      name="agendaIndex"
      label="meetings.fields.agendaItem"
      optional
      errors={form.errors}
      value={formValueOr(form.values, 'agendaIndex')}
      placeholder="meetings.general"
      options={meeting.agenda.map((a, i) => ({ value: String(i), text: t('meetings.agendaItem', { n: i + 1, title: a.title }) }))}
    />
  );
}

function AttendanceTable({ detail, form, editable }: { detail: MeetingDetail; form: FormState; editable: boolean }) {
  const t = useT();
  if (detail.invitees.length === 0) return <p>{t('meetings.noInvitees')}</p>;
  const state = (i: MeetingDetail['invitees'][number]) =>
    formValueOr(form.values, `att-${i.id}`, i.attended === true ? 'came' : i.attended === false ? 'absent' : '');
  return (
    <section class="table-wrap" tabindex={0} aria-labelledby="invitees-caption">
      <table class="table meetings-attendance">
        <caption id="invitees-caption">{t('meetings.inviteesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.fields.name')}</th>
            <th scope="col">{t('meetings.fields.affiliation')}</th>
            <th scope="col">{t('meetings.fields.attended')}</th>
            <th scope="col">{t('meetings.fields.attendanceNote')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.invitees.map((i) => (
            <tr>
              <th scope="row">
                {i.name}
                {i.kind === 'outside' ? (
                  <>
                    {' '}
                    <Tag tone="neutral" icon={false}>
                      {t('meetings.outsider')}
                    </Tag>
                  </>
                ) : null}
              </th>
              <td>{i.detail ?? '—'}</td>
              <td>
                {editable ? (
                  <fieldset class="meetings-att">
                    <legend class="visually-hidden">{t('meetings.attendanceOf', { name: i.name })}</legend>
                    {(['came', 'absent', ''] as const).map((s) => (
                      <label>
                        <input type="radio" name={`att-${i.id}`} value={s} checked={state(i) === s} />{' '}
                        {t(`meetings.attendanceStates.${s || 'unknown'}`)}
                      </label>
                    ))}
                  </fieldset>
                ) : (
                  t(`meetings.attendanceStates.${i.attended === true ? 'came' : i.attended === false ? 'absent' : 'unknown'}`)
                )}
              </td>
              <td>
                {editable ? (
                  <>
                    <label class="visually-hidden" for={`f-note-${i.id}`}>
                      {t('meetings.noteOf', { name: i.name })}
                    </label>
                    <input
                      class="input"
                      id={`f-note-${i.id}`}
                      name={`note-${i.id}`}
                      value={formValueOr(form.values, `note-${i.id}`, i.attendanceNote ?? '')}
                      maxlength={200}
                    />
                  </>
                ) : (
                  (i.attendanceNote ?? '')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ActionsTable(props: { actions: ActionView[]; canManage: boolean; myStaffId: number | null }) {
  const t = useT();
  const d = useDates();
  return (
    <section class="table-wrap" tabindex={0} aria-labelledby="actions-caption">
      <table class="table meetings-actions-table">
        <caption id="actions-caption">{t('meetings.actionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.fields.actionTitle')}</th>
            <th scope="col">{t('meetings.fields.owner')}</th>
            <th scope="col">{t('meetings.fields.dueOn')}</th>
            <th scope="col">{t('meetings.fields.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.actions.map((a) => (
            <tr id={`action-${a.id}`}>
              <th scope="row">{a.title}</th>
              <td>{a.ownerName ?? '—'}</td>
              <td>{d.date(isoDayNoon(a.dueOn))}</td>
              <td>
                {a.status === 'done' ? (
                  <>
                    <Tag tone="success">{t('meetings.actionStatus.done')}</Tag>
                    {a.doneAt ? ` ${d.date(a.doneAt)}` : ''}
                    {a.doneNote ? <p>{a.doneNote}</p> : null}
                  </>
                ) : (
                  <>
                    {a.overdue ? (
                      <Tag tone="danger">{t('meetings.overdue')}</Tag>
                    ) : (
                      <Tag tone="info">{t('meetings.actionStatus.open')}</Tag>
                    )}
                    {props.canManage || (props.myStaffId !== null && props.myStaffId === a.ownerStaffId) ? (
                      <Form action={`/staff/meetings/actions/${a.id}/done`} class="meetings-inline">
                        <label class="visually-hidden" for={`f-done-${a.id}`}>
                          {t('meetings.fields.doneNote')}
                        </label>
                        <input
                          class="input"
                          id={`f-done-${a.id}`}
                          name="note"
                          placeholder={t('meetings.fields.doneNote')}
                          maxlength={4000}
                        />
                        <Button variant="secondary" icon="circle-check">
                          {t('meetings.actions.markDone')}
                        </Button>
                      </Form>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// ---------------------------------------------------------------- opinion form

export function OpinionPage(props: { meeting: Meeting; form: FormState }) {
  const t = useT();
  const m = props.meeting;
  const f = props.form;
  return (
    <StaffLayout title={t('meetings.opinionTitle')} head={css()}>
      <Breadcrumbs
        items={[
          { href: '/staff/meetings', text: t('meetings.title') },
          { href: `/staff/meetings/${m.id}`, text: m.title },
          { text: t('meetings.opinionTitle') },
        ]}
      />
      <PageHeader title={t('meetings.opinionTitle')} lead={m.title} />
      <ErrorSummary errors={f.errors} />
      <Form action={`/staff/meetings/${m.id}/opinion`} class="meetings-form">
        <AgendaSelect meeting={m} form={f} />
        <TextArea
          name="text"
          label="meetings.fields.opinion"
          hint="meetings.hints.opinion"
          errors={f.errors}
          value={formValueOr(f.values, 'text')}
          rows={6}
        />
        <ChoiceGroup
          kind="checkbox"
          name="anonymous"
          label="meetings.fields.anonymous"
          optional
          value={list(f, 'anonymous')}
          options={[{ value: '1', text: t('meetings.anonymousChoice'), hint: t('meetings.hints.anonymous') }]}
        />
        <Button icon="message-square">{t('meetings.actions.sendOpinion')}</Button>
      </Form>
    </StaffLayout>
  );
}
