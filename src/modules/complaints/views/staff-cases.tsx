import { type FormState, formValueOr } from '../../../core/http/forms.js';
import type { Locale } from '../../../core/i18n/i18n.js';
import { isoDayNoon } from '../../../core/thai/index.js';
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
import type { CaseDetail, CaseEntryView, CaseFilter, CaseListItem, PersonOption, RoutingTable } from '../cases.js';
import { RECORD_CHANNELS, REVEAL_REASON_MAX } from '../cases.js';
import type { ReporterIdentity } from '../identity.js';
import { formatReceiptCode } from '../receipt.js';
import { CLOSING_STATUSES, DESCRIPTION_MAX, MESSAGE_MAX, SHORT_TEXT_MAX, SUBJECT_MAX } from '../rules.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintStatus } from '../schema.js';

const css = () => <link rel="stylesheet" href={assetUrl('complaints-staff.css')} />;
const useLocale = (): Locale => useAppContext().get('locale');

const TONE: Record<ComplaintStatus, Tone> = {
  received: 'warning',
  acknowledged: 'info',
  investigating: 'info',
  forwarded: 'success',
  finished: 'success',
  not_accepted: 'neutral',
};

export const StatusTag = statusTag(TONE, (s) => `complaints.statuses.${s}`);

function OverdueTag() {
  const t = useT();
  return (
    <Tag tone="danger" icon="clock">
      {t('complaints.staff.overdue')}
    </Tag>
  );
}

/** A stored day 'YYYY-MM-DD' (B.E. on screen). */
function Day({ d }: { d: string }) {
  const locale = useLocale();
  return <time datetime={d}>{beDate(isoDayNoon(d), locale)}</time>;
}

function When({ at, withTime }: { at: Date; withTime?: boolean }) {
  const locale = useLocale();
  return <time datetime={at.toISOString()}>{withTime ? beDateTime(at, locale) : beDate(at, locale)}</time>;
}

export const caseNumber = (id: number) => String(id);

// ---------------------------------------------------------------- the list

export function ListPage(props: { rows: CaseListItem[]; filter: CaseFilter; canConfigure: boolean }) {
  const t = useT();
  const f = props.filter;
  const filtered = !!(f.status || f.category || f.overdue || f.mine || f.unassigned);
  return (
    <StaffLayout title={t('complaints.staff.listTitle')} head={css()}>
      <PageHeader
        title={t('complaints.staff.listTitle')}
        lead={t('complaints.staff.listLead')}
        actions={
          <>
            <ButtonLink href="/staff/complaints/new" variant="primary" icon="plus">
              {t('complaints.staff.record')}
            </ButtonLink>
            {props.canConfigure ? (
              <ButtonLink href="/staff/complaints/routing" icon="settings">
                {t('complaints.routing.title')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <ul class="cmp-quick" aria-label={t('complaints.staff.quickFilters')}>
        <li>
          <a href="/staff/complaints?status=open">{t('complaints.staff.filterOpen')}</a>
        </li>
        <li>
          <a href="/staff/complaints?mine=1">{t('complaints.staff.filterMine')}</a>
        </li>
        <li>
          <a href="/staff/complaints?unassigned=1">{t('complaints.staff.filterUnassigned')}</a>
        </li>
        <li>
          <a href="/staff/complaints?overdue=1">{t('complaints.staff.filterOverdue')}</a>
        </li>
      </ul>
      <Form method="get" action="/staff/complaints" class="filters cmp-filters" aria-label={t('complaints.staff.filters')}>
        <SelectField
          name="status"
          label="complaints.fields.status"
          value={f.status}
          placeholder="complaints.staff.all"
          options={[
            { value: 'open', text: t('complaints.staff.filterOpen') },
            ...COMPLAINT_STATUSES.map((s) => ({ value: s, text: t(`complaints.statuses.${s}`) })),
          ]}
        />
        <SelectField
          name="category"
          label="complaints.fields.category"
          value={f.category}
          placeholder="complaints.staff.all"
          options={COMPLAINT_CATEGORIES.map((s) => ({ value: s, text: t(`complaints.categories.${s}`) }))}
        />
        <ChoiceGroup
          name="flags"
          kind="checkbox"
          label="complaints.staff.show"
          inline
          value={[f.mine ? 'mine' : '', f.unassigned ? 'unassigned' : '', f.overdue ? 'overdue' : ''].filter(Boolean)}
          options={[
            { value: 'mine', text: t('complaints.staff.filterMine') },
            { value: 'unassigned', text: t('complaints.staff.filterUnassigned') },
            { value: 'overdue', text: t('complaints.staff.filterOverdue') },
          ]}
        />
        <div class="cmp-filters__actions">
          <Button type="submit" icon="search">
            {t('complaints.staff.filter')}
          </Button>
          {filtered ? <a href="/staff/complaints">{t('complaints.staff.clear')}</a> : null}
        </div>
      </Form>
      {props.rows.length === 0 ? (
        <p class="cmp-empty">{t(filtered ? 'complaints.staff.emptyFiltered' : 'complaints.staff.empty')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t('complaints.staff.tableRegion')}>
          <table class="table cmp-table">
            <caption class="visually-hidden">{t('complaints.staff.caption', { count: props.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaints.fields.number')}</th>
                <th scope="col">{t('complaints.fields.subject')}</th>
                <th scope="col">{t('complaints.fields.category')}</th>
                <th scope="col">{t('complaints.fields.receivedOn')}</th>
                <th scope="col">{t('complaints.fields.status')}</th>
                <th scope="col">{t('complaints.fields.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td class="num">{caseNumber(r.id)}</td>
                  <th scope="row" class="cmp-table__subject">
                    <a href={`/staff/complaints/${r.id}`}>{r.subject}</a>
                    <span class="muted cmp-table__channel"> {t(`complaints.channels.${r.channel}`)}</span>
                  </th>
                  <td>{t(`complaints.categories.${r.category}`)}</td>
                  <td>
                    <Day d={r.receivedOn} />
                  </td>
                  <td>
                    <StatusTag status={r.status} /> {r.overdue ? <OverdueTag /> : null}
                  </td>
                  <td>{r.assignedName ?? <span class="muted">{t('complaints.staff.nobody')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- one case

export type CaseForm = 'status' | 'message' | 'note' | 'assign' | 'concerns' | 'reveal';

export interface CasePageProps {
  detail: CaseDetail;
  forms?: Partial<Record<CaseForm, FormState>>;
  /** The identity, on the response to a reveal only. */
  revealed?: ReporterIdentity | null;
  /** The receipt code of a complaint just recorded (shown once). */
  receiptCode?: string | null;
}

function EntryText({ e }: { e: CaseEntryView }) {
  const t = useT();
  if (e.kind === 'status')
    return (
      <>
        <p class="cmp-entry__what">
          {t('complaints.staff.entryStatus')} <StatusTag status={e.status ?? 'received'} />
        </p>
        {e.text ? (
          <p class="cmp-entry__text">
            <span class="muted">{t('complaints.staff.reasonShown')}: </span>
            {e.text}
          </p>
        ) : null}
      </>
    );
  if (e.kind === 'assignment')
    return (
      <p class="cmp-entry__what">
        {e.text ? t('complaints.staff.entryAssigned', { name: e.text }) : t('complaints.staff.entryUnassigned')}
      </p>
    );
  return (
    <>
      <p class="cmp-entry__what">
        {e.kind === 'note' ? (
          <Tag tone="warning" icon="lock">
            {t('complaints.staff.entryNote')}
          </Tag>
        ) : e.fromReporter ? (
          <Tag tone="info">{t('complaints.staff.entryFromReporter')}</Tag>
        ) : (
          <Tag tone="neutral">{t('complaints.staff.entryToReporter')}</Tag>
        )}
      </p>
      <p class="cmp-entry__text">{e.text}</p>
    </>
  );
}

function History({ entries }: { entries: CaseEntryView[] }) {
  const t = useT();
  return (
    <section class="card" aria-labelledby="history-title" id="history">
      <h2 class="card__title" id="history-title">
        {t('complaints.staff.history')}
      </h2>
      <ol class="cmp-history">
        {entries.map((e) => (
          <li class={`cmp-entry cmp-entry--${e.kind}`}>
            <p class="cmp-entry__meta muted">
              <When at={e.createdAt} withTime={e.kind !== 'status' || e.authorUserId !== null} />
              {' · '}
              {e.fromReporter ? t('complaints.staff.reporter') : (e.authorName ?? t('complaints.staff.system'))}
            </p>
            <EntryText e={e} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function IdentityBox({ detail, revealed, form }: { detail: CaseDetail; revealed?: ReporterIdentity | null; form?: FormState }) {
  const t = useT();
  const c = detail.complaint;
  return (
    <section class="card cmp-identity" aria-labelledby="identity-title" id="identity">
      <h2 class="card__title" id="identity-title">
        {t('complaints.reveal.title')}
      </h2>
      {revealed ? (
        <>
          <Banner tone="warning" title={t('complaints.reveal.shownOnce')}>
            <p>{t('complaints.reveal.shownOnceHelp')}</p>
          </Banner>
          <SummaryList
            rows={(['name', 'phone', 'email', 'address'] as const).map((k) => ({
              key: t(`complaints.reveal.fields.${k}`),
              value: revealed[k] ? <span class="cmp-identity__value">{revealed[k]}</span> : <span class="muted">—</span>,
            }))}
          />
          <p>{c.mayContact ? t('complaints.reveal.mayContact') : t('complaints.reveal.mayNotContact')}</p>
        </>
      ) : !c.hasIdentity ? (
        <p>{t('complaints.reveal.anonymous')}</p>
      ) : detail.canReveal ? (
        <>
          <p>{t('complaints.reveal.sealed')}</p>
          <ErrorSummary errors={form?.errors ?? []} />
          <Form action={`/staff/complaints/${c.id}/reveal#identity`} aria-label={t('complaints.reveal.title')}>
            <TextArea
              name="reason"
              label="complaints.reveal.reason"
              hint="complaints.reveal.reasonHint"
              value={formValueOr(form?.values ?? {}, 'reason')}
              errors={form?.errors}
              rows={3}
              maxlength={REVEAL_REASON_MAX}
            />
            <Button variant="danger" icon="key-round">
              {t('complaints.reveal.submit')}
            </Button>
          </Form>
        </>
      ) : (
        <p>{t('complaints.reveal.onlyAssigned')}</p>
      )}
    </section>
  );
}

function StatusForm({ detail, form }: { detail: CaseDetail; form?: FormState }) {
  const t = useT();
  const c = detail.complaint;
  if (detail.nextStatuses.length === 0) return null;
  return (
    <section class="card" aria-labelledby="status-title" id="status-form">
      <h2 class="card__title" id="status-title">
        {t('complaints.staff.changeStatus')}
      </h2>
      <ErrorSummary errors={form?.errors ?? []} />
      <Form action={`/staff/complaints/${c.id}/status#status-form`} aria-label={t('complaints.staff.changeStatus')}>
        <input type="hidden" name="expectedStatus" value={c.status} />
        <ChoiceGroup
          name="status"
          kind="radio"
          label="complaints.fields.newStatus"
          value={formValueOr(form?.values ?? {}, 'status')}
          errors={form?.errors}
          options={detail.nextStatuses.map((s) => ({
            value: s,
            text: t(`complaints.statuses.${s}`),
            hint: CLOSING_STATUSES.includes(s) ? t('complaints.staff.closingHint') : undefined,
          }))}
        />
        <TextArea
          name="reason"
          label="complaints.fields.reason"
          hint="complaints.staff.reasonHint"
          value={formValueOr(form?.values ?? {}, 'reason')}
          errors={form?.errors}
          rows={3}
          maxlength={MESSAGE_MAX}
          optional
        />
        <Button icon="circle-check">{t('complaints.staff.saveStatus')}</Button>
      </Form>
    </section>
  );
}

function TextForm({ id, kind, form }: { id: number; kind: 'message' | 'note'; form?: FormState }) {
  const t = useT();
  return (
    <section class="card" aria-labelledby={`${kind}-title`} id={`${kind}-form`}>
      <h2 class="card__title" id={`${kind}-title`}>
        {t(kind === 'message' ? 'complaints.staff.messageTitle' : 'complaints.staff.noteTitle')}
      </h2>
      <p class="muted">{t(kind === 'message' ? 'complaints.staff.messageHelp' : 'complaints.staff.noteHelp')}</p>
      <ErrorSummary errors={form?.errors ?? []} />
      <Form action={`/staff/complaints/${id}/${kind}#${kind}-form`}>
        <TextArea
          name={kind}
          label={`complaints.fields.${kind}`}
          value={formValueOr(form?.values ?? {}, kind)}
          errors={form?.errors}
          rows={4}
          maxlength={MESSAGE_MAX}
        />
        <Button variant={kind === 'message' ? 'primary' : 'secondary'} icon={kind === 'message' ? 'message-square' : 'lock'}>
          {t(kind === 'message' ? 'complaints.staff.sendMessage' : 'complaints.staff.addNote')}
        </Button>
      </Form>
    </section>
  );
}

function AssignForm({ detail, form }: { detail: CaseDetail; form?: FormState }) {
  const t = useT();
  const c = detail.complaint;
  return (
    <section class="card" aria-labelledby="assign-title" id="assign-form">
      <h2 class="card__title" id="assign-title">
        {t('complaints.staff.assignTitle')}
      </h2>
      <p>{detail.assignedName ? t('complaints.staff.assignedTo', { name: detail.assignedName }) : t('complaints.staff.notAssigned')}</p>
      <ErrorSummary errors={form?.errors ?? []} />
      <Form action={`/staff/complaints/${c.id}/assign#assign-form`}>
        <SelectField
          name="assignedUserId"
          label="complaints.fields.assignee"
          hint="complaints.staff.assignHint"
          value={formValueOr(form?.values ?? {}, 'assignedUserId', c.assignedUserId ? String(c.assignedUserId) : '')}
          errors={form?.errors}
          placeholder="complaints.staff.nobody"
          options={detail.assignable.map((o) => ({ value: String(o.userId), text: o.name }))}
        />
        <Button variant="secondary" icon="user">
          {t('complaints.staff.assign')}
        </Button>
      </Form>
    </section>
  );
}

function ConcernsForm({ detail, form }: { detail: CaseDetail; form?: FormState }) {
  const t = useT();
  const c = detail.complaint;
  const selected = form?.values.concernsUserIds ?? c.concernsUserIds.map(String);
  return (
    <section class="card" aria-labelledby="concerns-title" id="concerns-form">
      <h2 class="card__title" id="concerns-title">
        {t('complaints.staff.concernsTitle')}
      </h2>
      <p class="muted">{t('complaints.staff.concernsHelp')}</p>
      {detail.concerns.length > 0 ? (
        <p>{t('complaints.staff.concernsNow', { names: detail.concerns.map((p) => p.name).join(', ') })}</p>
      ) : null}
      <ErrorSummary errors={form?.errors ?? []} />
      <Form action={`/staff/complaints/${c.id}/concerns#concerns-form`}>
        <details class="cmp-concerns" open={(form?.errors.length ?? 0) > 0}>
          <summary>{t('complaints.staff.concernsChoose')}</summary>
          <ChoiceGroup
            name="concernsUserIds"
            kind="checkbox"
            label="complaints.fields.concerns"
            value={selected}
            errors={form?.errors}
            options={detail.staff.map((p: PersonOption) => ({ value: String(p.userId), text: p.name }))}
          />
        </details>
        <Button variant="secondary" icon="circle-check">
          {t('complaints.staff.saveConcerns')}
        </Button>
      </Form>
    </section>
  );
}

function AuditTable({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section class="card" aria-labelledby="audit-title" id="audit">
      <h2 class="card__title" id="audit-title">
        {t('complaints.staff.auditTitle')}
      </h2>
      {detail.audit.length === 0 ? (
        <p class="muted">{t('complaints.staff.auditNone')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t('complaints.staff.auditTitle')}>
          <table class="table cmp-audit">
            <caption class="visually-hidden">{t('complaints.staff.auditCaption', { id: detail.complaint.id })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaints.staff.auditAt')}</th>
                <th scope="col">{t('complaints.staff.auditWho')}</th>
                <th scope="col">{t('complaints.staff.auditWhat')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.audit.map((a) => (
                <tr class={a.action === 'complaints.revealIdentity' ? 'cmp-audit__reveal' : undefined}>
                  <td>
                    <time datetime={a.at.toISOString()}>{beDateTime(a.at, locale)}</time>
                  </td>
                  <td>{a.actorLabel === 'anonymous' ? t('complaints.staff.auditAnonymous') : a.actorLabel}</td>
                  <th scope="row" class="cmp-audit__what">
                    {a.summary}
                  </th>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

export function CasePage(props: CasePageProps) {
  const t = useT();
  const { detail } = props;
  const c = detail.complaint;
  const title = t('complaints.staff.caseTitle', { id: caseNumber(c.id) });
  const forms = props.forms ?? {};
  return (
    <StaffLayout title={title} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/complaints', text: t('complaints.staff.listTitle') }, { text: title }]} />
      <PageHeader title={title} lead={c.subject} />
      {props.receiptCode ? (
        <Banner tone="success" title={t('complaints.record.receiptTitle')}>
          <p>{t('complaints.record.receiptHelp')}</p>
          <p class="cmp-receipt" lang="en">
            {formatReceiptCode(props.receiptCode)}
          </p>
        </Banner>
      ) : null}
      {detail.overdue ? (
        <Banner tone="danger" title={t('complaints.staff.overdueTitle')}>
          <p>{t('complaints.staff.overdueHelp')}</p>
        </Banner>
      ) : null}
      <p class="cmp-state">
        <StatusTag status={c.status} /> {detail.overdue ? <OverdueTag /> : null}
      </p>
      <div class="cmp-layout">
        <div class="cmp-main">
          <section class="card" aria-labelledby="details-title">
            <h2 class="card__title" id="details-title">
              {t('complaints.staff.details')}
            </h2>
            <SummaryList
              rows={[
                { key: t('complaints.fields.receivedOn'), value: <Day d={c.receivedOn} /> },
                { key: t('complaints.fields.channel'), value: t(`complaints.channels.${c.channel}`) },
                { key: t('complaints.fields.category'), value: t(`complaints.categories.${c.category}`) },
                { key: t('complaints.fields.ackDue'), value: <When at={c.ackDueAt} /> },
                {
                  key: t('complaints.fields.acknowledgedAt'),
                  value: c.acknowledgedAt ? <When at={c.acknowledgedAt} withTime /> : <span class="muted">—</span>,
                },
                { key: t('complaints.fields.occurredWhen'), value: c.occurredWhen ?? '—' },
                { key: t('complaints.fields.place'), value: c.place ?? '—' },
                { key: t('complaints.fields.involved'), value: c.involved ?? '—' },
                {
                  key: t('complaints.fields.reporter'),
                  value: t(c.hasIdentity ? 'complaints.staff.identitySealed' : 'complaints.staff.anonymous'),
                },
              ]}
            />
            <h3 class="cmp-subhead">{t('complaints.fields.description')}</h3>
            <div class="cmp-description">{c.description}</div>
          </section>
          <section class="card" aria-labelledby="files-title">
            <h2 class="card__title" id="files-title">
              {t('complaints.staff.attachments')}
            </h2>
            {detail.attachments.length === 0 ? (
              <p class="muted">{t('complaints.staff.noAttachments')}</p>
            ) : (
              <>
                <p class="muted">{t('complaints.staff.attachmentsHelp')}</p>
                <ul class="cmp-files">
                  {detail.attachments.map((a) => (
                    <li>
                      <a href={`/staff/complaints/${c.id}/attachments/${a.id}`} download>
                        {a.name}
                      </a>{' '}
                      <span class="muted">
                        ({Math.max(1, Math.round(a.size / 1024))} KB
                        {a.fromReporter ? '' : `, ${t('complaints.staff.byOfficer')}`})
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <History entries={detail.entries} />
          <AuditTable detail={detail} />
        </div>
        <div class="cmp-side">
          <IdentityBox detail={detail} revealed={props.revealed} form={forms.reveal} />
          <StatusForm detail={detail} form={forms.status} />
          <TextForm id={c.id} kind="message" form={forms.message} />
          <TextForm id={c.id} kind="note" form={forms.note} />
          <AssignForm detail={detail} form={forms.assign} />
          <ConcernsForm detail={detail} form={forms.concerns} />
        </div>
      </div>
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- recording another channel

export function RecordPage(props: { form: FormState; today: string }) {
  const t = useT();
  const f = props.form;
  const v = (k: string, d = '') => formValueOr(f.values, k, d);
  return (
    <StaffLayout title={t('complaints.record.title')} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/complaints', text: t('complaints.staff.listTitle') }, { text: t('complaints.record.title') }]} />
      <PageHeader title={t('complaints.record.title')} lead={t('complaints.record.lead')} />
      <ErrorSummary errors={f.errors} />
      <Form action="/staff/complaints/new" class="cmp-record">
        <SelectField
          name="channel"
          label="complaints.fields.channel"
          value={v('channel')}
          errors={f.errors}
          placeholder="complaints.record.choose"
          options={RECORD_CHANNELS.map((c) => ({ value: c, text: t(`complaints.channels.${c}`) }))}
        />
        <TextField
          name="receivedOn"
          label="complaints.fields.receivedOn"
          hint="complaints.record.dateHint"
          value={v('receivedOn', props.today)}
          errors={f.errors}
          width="m"
        />
        <SelectField
          name="category"
          label="complaints.fields.category"
          value={v('category')}
          errors={f.errors}
          placeholder="complaints.record.choose"
          options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, text: t(`complaints.categories.${c}`) }))}
        />
        <TextField name="subject" label="complaints.fields.subject" value={v('subject')} errors={f.errors} maxlength={SUBJECT_MAX} />
        <TextArea
          name="description"
          label="complaints.fields.description"
          value={v('description')}
          errors={f.errors}
          rows={8}
          maxlength={DESCRIPTION_MAX}
        />
        <TextField
          name="occurredWhen"
          label="complaints.fields.occurredWhen"
          value={v('occurredWhen')}
          errors={f.errors}
          maxlength={SHORT_TEXT_MAX}
          optional
        />
        <TextField name="place" label="complaints.fields.place" value={v('place')} errors={f.errors} maxlength={SHORT_TEXT_MAX} optional />
        <TextField
          name="involved"
          label="complaints.fields.involved"
          value={v('involved')}
          errors={f.errors}
          maxlength={SHORT_TEXT_MAX}
          optional
        />
        <fieldset class="fieldset cmp-reporter">
          <legend class="field__label">{t('complaints.record.reporter')}</legend>
          <p class="field__hint">{t('complaints.record.reporterHint')}</p>
          <TextField name="name" label="complaints.reveal.fields.name" value={v('name')} errors={f.errors} optional autocomplete="off" />
          <TextField
            name="phone"
            label="complaints.reveal.fields.phone"
            value={v('phone')}
            errors={f.errors}
            optional
            type="tel"
            width="m"
          />
          <TextField name="email" label="complaints.reveal.fields.email" value={v('email')} errors={f.errors} optional type="email" />
          <TextArea name="address" label="complaints.reveal.fields.address" value={v('address')} errors={f.errors} optional rows={2} />
          <ChoiceGroup
            name="mayContact"
            kind="checkbox"
            label="complaints.record.contact"
            value={f.values.mayContact ?? []}
            errors={f.errors}
            options={[{ value: 'yes', text: t('complaints.record.mayContact') }]}
          />
        </fieldset>
        <Button icon="circle-check">{t('complaints.record.submit')}</Button>
      </Form>
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- routing

export function RoutingPage(props: { routes: RoutingTable; officers: PersonOption[]; form: FormState }) {
  const t = useT();
  const f = props.form;
  return (
    <StaffLayout title={t('complaints.routing.title')} head={css()}>
      <Breadcrumbs
        items={[{ href: '/staff/complaints', text: t('complaints.staff.listTitle') }, { text: t('complaints.routing.title') }]}
      />
      <PageHeader title={t('complaints.routing.title')} lead={t('complaints.routing.lead')} />
      {props.officers.length === 0 ? (
        <Banner tone="warning">
          <p>{t('complaints.routing.noOfficers')}</p>
        </Banner>
      ) : null}
      <ErrorSummary errors={f.errors} />
      <Form action="/staff/complaints/routing" class="cmp-routing">
        {COMPLAINT_CATEGORIES.map((c) => {
          const current = props.routes[c];
          return (
            <SelectField
              name={`route_${c}`}
              label={`complaints.categories.${c}`}
              value={formValueOr(f.values, `route_${c}`, current ? String(current) : '')}
              errors={f.errors}
              placeholder="complaints.routing.unassigned"
              options={props.officers.map((o) => ({ value: String(o.userId), text: o.name }))}
            />
          );
        })}
        <Button icon="circle-check">{t('complaints.routing.save')}</Button>
      </Form>
    </StaffLayout>
  );
}
