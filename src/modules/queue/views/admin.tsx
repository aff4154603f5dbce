import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import {
  Breadcrumbs,
  Button,
  ChoiceGroup,
  ErrorSummary,
  Form,
  PageHeader,
  SelectField,
  Tag,
  TextField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { ServiceHours } from '../schema.js';
import type { CounterWithServices, PriorityGroup, QueueService } from '../service.js';

export const ADMIN_BASE = '/staff/admin/queue';
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '0'] as const;

export interface Choice {
  id: number;
  name: string;
}

export function SectionNav() {
  const t = useT();
  return (
    <nav aria-label={t('queue.admin.sections')}>
      <ul class="inline-list">
        <li>
          <a href={ADMIN_BASE}>{t('queue.admin.services.title')}</a>
        </li>
        <li>
          <a href={`${ADMIN_BASE}/counters`}>{t('queue.admin.counters.title')}</a>
        </li>
        <li>
          <a href={`${ADMIN_BASE}/groups`}>{t('queue.admin.groups.title')}</a>
        </li>
        <li>
          <a href={`${ADMIN_BASE}/settings`}>{t('queue.admin.settings.title')}</a>
        </li>
      </ul>
    </nav>
  );
}

function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return active ? <Tag tone="success">{t('queue.admin.activeLabel')}</Tag> : <Tag tone="neutral">{t('queue.admin.inactive')}</Tag>;
}

function ActiveField({ values }: { values: FormValues }) {
  const t = useT();
  return (
    <ChoiceGroup
      kind="checkbox"
      name="inactive"
      label="queue.admin.fields.status"
      value={values.inactive ?? []}
      options={[{ value: 'yes', text: t('queue.admin.inactive') }]}
    />
  );
}

/** "จ. 08:30–16:30, …" of the days a service is open. */
function hoursSummary(t: (k: string, p?: Record<string, string | number>) => string, s: QueueService): string {
  if (s.alwaysOpen) return t('queue.admin.services.alwaysOpen');
  const parts = WEEKDAYS.flatMap((d) => {
    const span = s.hours[d as keyof ServiceHours];
    return span ? [`${t(`queue.admin.weekdays.${d}`)} ${span[0]}–${span[1]}`] : [];
  });
  return parts.length ? parts.join(', ') : t('queue.admin.services.closedAll');
}

function ServiceFields({ values, errors, divisions }: { values: FormValues; errors: FieldError[]; divisions: Choice[] }) {
  const t = useT();
  return (
    <>
      <TextField name="name" label="queue.admin.fields.serviceName" value={formValue(values, 'name')} errors={errors} width="l" />
      <TextField
        name="nameEn"
        label="queue.admin.fields.nameEn"
        value={formValue(values, 'nameEn')}
        errors={errors}
        optional
        width="l"
        lang="en"
      />
      <SelectField
        name="divisionId"
        label="queue.admin.fields.division"
        value={formValue(values, 'divisionId')}
        errors={errors}
        placeholder="queue.admin.fields.noDivision"
        options={divisions.map((d) => ({ value: String(d.id), text: d.name }))}
      />
      <TextField
        name="prefix"
        label="queue.admin.fields.prefix"
        hint="queue.admin.fields.prefixHint"
        value={formValue(values, 'prefix')}
        errors={errors}
        width="xs"
        maxlength={2}
        lang="en"
      />
      <TextField
        name="avgServiceMinutes"
        label="queue.admin.fields.avgMinutes"
        value={formValue(values, 'avgServiceMinutes')}
        errors={errors}
        width="xs"
        inputmode="numeric"
      />
      <ChoiceGroup
        kind="checkbox"
        name="alwaysOpen"
        label="queue.admin.fields.alwaysOpen"
        value={values.alwaysOpen ?? []}
        options={[{ value: 'yes', text: t('queue.admin.fields.alwaysOpenOption') }]}
      />
      <fieldset class="fieldset">
        <legend>{t('queue.admin.fields.hours')}</legend>
        <p class="field__hint">{t('queue.admin.services.hoursHint')}</p>
        {WEEKDAYS.map((d) => (
          <div class="field-row">
            <TextField
              name={`open${d}`}
              label={`queue.admin.fields.open${d}`}
              value={formValue(values, `open${d}`)}
              errors={errors}
              optional
              width="xs"
              type="text"
            />
            <TextField
              name={`close${d}`}
              label={`queue.admin.fields.close${d}`}
              value={formValue(values, `close${d}`)}
              errors={errors}
              optional
              width="xs"
              type="text"
            />
          </div>
        ))}
      </fieldset>
    </>
  );
}

export function ServicesPage(props: { services: QueueService[]; divisions: Choice[]; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  const divisionName = (id: number | null) => props.divisions.find((d) => d.id === id)?.name ?? '—';
  return (
    <StaffLayout title={t('queue.admin.services.title')} current={ADMIN_BASE}>
      <PageHeader title={t('queue.admin.services.title')} lead={t('queue.admin.services.lead')} />
      <SectionNav />
      {props.services.length === 0 ? (
        <p class="muted">{t('queue.admin.services.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('queue.admin.services.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.admin.fields.prefix')}</th>
                <th scope="col">{t('queue.admin.fields.serviceName')}</th>
                <th scope="col">{t('queue.admin.fields.division')}</th>
                <th scope="col">{t('queue.admin.fields.hours')}</th>
                <th scope="col" class="num">
                  {t('queue.admin.fields.avgMinutes')}
                </th>
                <th scope="col">{t('queue.admin.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.services.map((s) => (
                <tr>
                  <td lang="en">{s.prefix}</td>
                  <td>
                    <a href={`${ADMIN_BASE}/services/${s.id}`}>{s.name}</a>
                  </td>
                  <td>{divisionName(s.divisionId)}</td>
                  <td>{hoursSummary(t, s)}</td>
                  <td class="num">{s.avgServiceMinutes}</td>
                  <td>
                    <ActiveTag active={s.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="add-service">
        <h2 id="add-service">{t('queue.admin.services.add')}</h2>
        <ErrorSummary errors={props.errors} />
        <Form action={ADMIN_BASE}>
          <ServiceFields values={props.values} errors={props.errors} divisions={props.divisions} />
          <Button icon="plus">{t('queue.admin.services.add')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}

export function EditServicePage(props: { service: QueueService; divisions: Choice[]; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('queue.admin.services.editTitle')} current={ADMIN_BASE}>
      <Breadcrumbs items={[{ href: ADMIN_BASE, text: t('queue.admin.services.title') }, { text: props.service.name }]} />
      <PageHeader title={t('queue.admin.services.editTitle')} />
      <ErrorSummary errors={props.errors} />
      <div class="panel">
        <Form action={`${ADMIN_BASE}/services/${props.service.id}`}>
          <ServiceFields values={props.values} errors={props.errors} divisions={props.divisions} />
          <ActiveField values={props.values} />
          <div class="form-actions">
            <Button>{t('core.actions.save')}</Button>
            <a href={ADMIN_BASE}>{t('core.actions.cancel')}</a>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}

function CounterFields(props: { values: FormValues; errors: FieldError[]; services: QueueService[]; staff: Choice[] }) {
  const { values, errors } = props;
  return (
    <>
      <TextField
        name="number"
        label="queue.admin.fields.counterNumber"
        value={formValue(values, 'number')}
        errors={errors}
        width="xs"
        inputmode="numeric"
      />
      <TextField name="name" label="queue.admin.fields.counterName" value={formValue(values, 'name')} errors={errors} width="l" />
      <ChoiceGroup
        kind="checkbox"
        name="serviceIds"
        label="queue.admin.fields.counterServices"
        errors={errors}
        value={values.serviceIds ?? []}
        options={props.services.map((s) => ({ value: String(s.id), text: `${s.prefix} – ${s.name}` }))}
      />
      <SelectField
        name="staffUserId"
        label="queue.admin.fields.staff"
        value={formValue(values, 'staffUserId')}
        errors={errors}
        placeholder="queue.admin.counters.noStaff"
        options={props.staff.map((p) => ({ value: String(p.id), text: p.name }))}
      />
    </>
  );
}

export function CountersPage(props: {
  counters: CounterWithServices[];
  services: QueueService[];
  staff: Choice[];
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const serviceNames = (ids: number[]) =>
    props.services
      .filter((s) => ids.includes(s.id))
      .map((s) => `${s.prefix} ${s.name}`)
      .join(', ') || '—';
  const staffName = (id: number | null) => props.staff.find((p) => p.id === id)?.name ?? '—';
  return (
    <StaffLayout title={t('queue.admin.counters.title')} current={ADMIN_BASE}>
      <PageHeader title={t('queue.admin.counters.title')} lead={t('queue.admin.counters.lead')} />
      <SectionNav />
      {props.counters.length === 0 ? (
        <p class="muted">{t('queue.admin.counters.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('queue.admin.counters.title')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('queue.admin.fields.counterNumber')}
                </th>
                <th scope="col">{t('queue.admin.fields.counterName')}</th>
                <th scope="col">{t('queue.admin.fields.counterServices')}</th>
                <th scope="col">{t('queue.admin.fields.staff')}</th>
                <th scope="col">{t('queue.admin.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.counters.map((c) => (
                <tr>
                  <td class="num">{c.number}</td>
                  <td>
                    <a href={`${ADMIN_BASE}/counters/${c.id}`}>{c.name}</a>
                  </td>
                  <td>{serviceNames(c.serviceIds)}</td>
                  <td>{staffName(c.staffUserId)}</td>
                  <td>
                    <ActiveTag active={c.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="add-counter">
        <h2 id="add-counter">{t('queue.admin.counters.add')}</h2>
        <ErrorSummary errors={props.errors} />
        <Form action={`${ADMIN_BASE}/counters`}>
          <CounterFields values={props.values} errors={props.errors} services={props.services} staff={props.staff} />
          <Button icon="plus">{t('queue.admin.counters.add')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}

export function EditCounterPage(props: {
  counter: CounterWithServices;
  services: QueueService[];
  staff: Choice[];
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const base = `${ADMIN_BASE}/counters`;
  return (
    <StaffLayout title={t('queue.admin.counters.editTitle')} current={ADMIN_BASE}>
      <Breadcrumbs items={[{ href: base, text: t('queue.admin.counters.title') }, { text: props.counter.name }]} />
      <PageHeader title={t('queue.admin.counters.editTitle')} />
      <ErrorSummary errors={props.errors} />
      <div class="panel">
        <Form action={`${base}/${props.counter.id}`}>
          <CounterFields values={props.values} errors={props.errors} services={props.services} staff={props.staff} />
          <ActiveField values={props.values} />
          <div class="form-actions">
            <Button>{t('core.actions.save')}</Button>
            <a href={base}>{t('core.actions.cancel')}</a>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}

function GroupFields({ values, errors }: { values: FormValues; errors: FieldError[] }) {
  return (
    <>
      <TextField name="name" label="queue.admin.fields.groupName" value={formValue(values, 'name')} errors={errors} width="l" />
      <TextField
        name="nameEn"
        label="queue.admin.fields.nameEn"
        value={formValue(values, 'nameEn')}
        errors={errors}
        optional
        width="l"
        lang="en"
      />
      <TextField
        name="ratio"
        label="queue.admin.fields.ratio"
        hint="queue.admin.fields.ratioHint"
        value={formValue(values, 'ratio')}
        errors={errors}
        width="xs"
        inputmode="numeric"
      />
    </>
  );
}

export function GroupsPage(props: { groups: PriorityGroup[]; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('queue.admin.groups.title')} current={ADMIN_BASE}>
      <PageHeader title={t('queue.admin.groups.title')} lead={t('queue.admin.groups.lead')} />
      <SectionNav />
      {props.groups.length === 0 ? (
        <p class="muted">{t('queue.admin.groups.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('queue.admin.groups.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.admin.fields.groupName')}</th>
                <th scope="col">{t('queue.admin.fields.ratio')}</th>
                <th scope="col">{t('queue.admin.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.groups.map((g) => (
                <tr>
                  <td>
                    <a href={`${ADMIN_BASE}/groups/${g.id}`}>{g.name}</a>
                  </td>
                  <td>{t('queue.admin.groups.ratioText', { n: g.ratio })}</td>
                  <td>
                    <ActiveTag active={g.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="panel" aria-labelledby="add-group">
        <h2 id="add-group">{t('queue.admin.groups.add')}</h2>
        <ErrorSummary errors={props.errors} />
        <Form action={`${ADMIN_BASE}/groups`}>
          <GroupFields values={props.values} errors={props.errors} />
          <Button icon="plus">{t('queue.admin.groups.add')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}

export function EditGroupPage(props: { group: PriorityGroup; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  const base = `${ADMIN_BASE}/groups`;
  return (
    <StaffLayout title={t('queue.admin.groups.editTitle')} current={ADMIN_BASE}>
      <Breadcrumbs items={[{ href: base, text: t('queue.admin.groups.title') }, { text: props.group.name }]} />
      <PageHeader title={t('queue.admin.groups.editTitle')} />
      <ErrorSummary errors={props.errors} />
      <div class="panel">
        <Form action={`${base}/${props.group.id}`}>
          <GroupFields values={props.values} errors={props.errors} />
          <ActiveField values={props.values} />
          <div class="form-actions">
            <Button>{t('core.actions.save')}</Button>
            <a href={base}>{t('core.actions.cancel')}</a>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}
