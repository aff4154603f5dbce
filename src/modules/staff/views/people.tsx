import { ROLES, type Role } from '../../../core/auth/roles.js';
import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { formatThaiDateTime } from '../../../core/thai/dates.js';
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
  Tag,
  TextField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { PersonName } from '../../../core/ui/names.js';
import type { Division, Position, StaffDetail, StaffListItem } from '../service.js';
import { positionTitle } from '../service.js';
import { PersonNameFields } from './person-fields.js';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const t = useT();
  return (
    <>
      {roles.map((r) => (
        <>
          <Tag tone="info" icon={false}>
            {t(`core.roles.${r}`)}
          </Tag>{' '}
        </>
      ))}
    </>
  );
}

function AccountStatus({ p }: { p: StaffListItem | StaffDetail }) {
  const t = useT();
  if (!p.userId) return <span class="muted">{t('staff.people.noAccount')}</span>;
  if (p.disabled) return <Tag tone="danger">{t('staff.people.disabled')}</Tag>;
  if ('lockedUntil' in p && p.lockedUntil && p.lockedUntil > new Date()) return <Tag tone="warning">{t('staff.people.locked')}</Tag>;
  if ('mustChangePassword' in p && p.mustChangePassword) return <Tag tone="warning">{t('staff.people.mustChange')}</Tag>;
  return <Tag tone="success">{t('staff.people.active')}</Tag>;
}

export function PeoplePage(props: { org: Organization; people: StaffListItem[]; divisions: Division[]; q: string; divisionId: string }) {
  const t = useT();
  const { org } = props;
  return (
    <StaffLayout title={t('staff.people.title')}>
      <PageHeader
        title={t('staff.people.title')}
        lead={t('staff.people.lead')}
        actions={
          <ButtonLink href="/staff/admin/people/new" variant="primary" icon="plus">
            {t('staff.people.add')}
          </ButtonLink>
        }
      />
      <Form method="get" action="/staff/admin/people" class="filters" aria-label={t('core.actions.filter')}>
        <TextField name="q" type="search" label="staff.people.search" value={props.q} width="l" />
        <SelectField
          name="division"
          label="staff.fields.division"
          value={props.divisionId}
          placeholder="staff.people.allDivisions"
          options={props.divisions.map((d) => ({ value: String(d.id), text: d.name }))}
        />
        <Button variant="secondary" icon="search">
          {t('core.actions.search')}
        </Button>
      </Form>
      {props.people.length === 0 ? (
        <p>{t('staff.people.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('staff.people.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.fields.firstName')}</th>
                <th scope="col">{t('staff.fields.position')}</th>
                <th scope="col">{t('staff.fields.division')}</th>
                <th scope="col">{t('staff.fields.account')}</th>
                <th scope="col">{t('staff.fields.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {props.people.map((p) => (
                <tr>
                  <td>
                    <a href={`/staff/admin/people/${p.id}`}>
                      <PersonName name={p.name} />
                    </a>
                  </td>
                  <td>
                    {p.positionTitle
                      ? positionTitle({ title: p.positionTitle, appendOrgName: p.positionAppendOrgName }, org.name, org.names.typeFull)
                      : '—'}
                  </td>
                  <td>{p.divisionName ?? '—'}</td>
                  <td>
                    {p.username ? <span class="mono">{p.username}</span> : null} <AccountStatus p={p} />
                  </td>
                  <td>
                    <RoleTags roles={p.roles} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}

function PersonOrgFields(props: {
  values: FormValues;
  errors: FieldError[];
  divisions: Division[];
  positions: Position[];
  org: Organization;
}) {
  const { values, errors, org } = props;
  return (
    <>
      <SelectField
        name="positionId"
        label="staff.fields.position"
        value={formValue(values, 'positionId')}
        errors={errors}
        placeholder="staff.noPosition"
        options={props.positions.map((p) => ({ value: String(p.id), text: positionTitle(p, org.name, org.names.typeFull) }))}
      />
      <SelectField
        name="divisionId"
        label="staff.fields.division"
        value={formValue(values, 'divisionId')}
        errors={errors}
        placeholder="staff.noDivision"
        options={props.divisions.map((d) => ({ value: String(d.id), text: d.name }))}
      />
      <TextField
        name="email"
        type="email"
        label="staff.fields.email"
        value={formValue(values, 'email')}
        errors={errors}
        optional
        width="l"
        spellcheck={false}
      />
      <TextField name="phone" type="tel" label="staff.fields.phone" value={formValue(values, 'phone')} errors={errors} optional width="m" />
    </>
  );
}

function RoleChoices({ values, errors }: { values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <ChoiceGroup
      kind="checkbox"
      name="roles"
      label="staff.fields.roles"
      errors={errors}
      value={values.roles ?? []}
      options={ROLES.map((r) => ({ value: r, text: t(`core.roles.${r}`), hint: t(`staff.roleHints.${r}`) }))}
    />
  );
}

export function NewPersonPage(props: {
  org: Organization;
  values: FormValues;
  errors: FieldError[];
  divisions: Division[];
  positions: Position[];
}) {
  const t = useT();
  return (
    <StaffLayout title={t('staff.people.newTitle')} current="/staff/admin/people">
      <Breadcrumbs items={[{ href: '/staff/admin/people', text: t('staff.people.title') }, { text: t('staff.people.newTitle') }]} />
      <PageHeader title={t('staff.people.newTitle')} />
      <ErrorSummary errors={props.errors} />
      <div class="panel">
        <Form action="/staff/admin/people/new">
          <PersonNameFields values={props.values} errors={props.errors} />
          <PersonOrgFields {...props} />
          <h2 class="form-section">{t('staff.people.accountSection')}</h2>
          <p class="muted">{t('staff.people.accountLead')}</p>
          <TextField
            name="username"
            label="staff.fields.username"
            hint="staff.fields.usernameHint"
            value={formValue(props.values, 'username')}
            errors={props.errors}
            optional
            width="m"
            spellcheck={false}
            autocomplete="off"
          />
          <RoleChoices values={props.values} errors={props.errors} />
          <div class="form-actions">
            <Button>{t('staff.people.add')}</Button>
            <a href="/staff/admin/people">{t('core.actions.cancel')}</a>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}

/** The generated password, shown once: never stored in clear, never shown again. */
export function PasswordOncePage(props: { name: string; password: string; personId: number }) {
  const t = useT();
  return (
    <StaffLayout title={t('staff.people.passwordOnce', { name: props.name })} current="/staff/admin/people">
      <PageHeader title={props.name} />
      <Banner tone="success" title={t('staff.people.passwordOnce', { name: props.name })}>
        <p>
          <span class="secret">{props.password}</span>
        </p>
        <p>{t('staff.people.passwordOnceHint')}</p>
      </Banner>
      <p>
        <ButtonLink href={`/staff/admin/people/${props.personId}`} icon="user">
          {props.name}
        </ButtonLink>{' '}
        <a href="/staff/admin/people">{t('staff.people.back')}</a>
      </p>
    </StaffLayout>
  );
}

export function EditPersonPage(props: {
  org: Organization;
  person: StaffDetail;
  values: FormValues;
  errors: FieldError[];
  accountValues: FormValues;
  accountErrors: FieldError[];
  actingErrors: FieldError[];
  divisions: Division[];
  positions: Position[];
  isSelf: boolean;
}) {
  const t = useT();
  const { person, org } = props;
  const base = `/staff/admin/people/${person.id}`;
  return (
    <StaffLayout title={person.name} current="/staff/admin/people">
      <Breadcrumbs items={[{ href: '/staff/admin/people', text: t('staff.people.title') }, { text: person.name }]} />
      <PageHeader
        title={person.name}
        lead={
          person.positionTitle
            ? positionTitle({ title: person.positionTitle, appendOrgName: person.positionAppendOrgName }, org.name, org.names.typeFull)
            : undefined
        }
      />
      <div class="stack">
        <section class="panel" aria-labelledby="person-details">
          <h2 id="person-details">{t('staff.people.editTitle')}</h2>
          <ErrorSummary errors={props.errors} />
          <Form action={base}>
            <PersonNameFields values={props.values} errors={props.errors} />
            <PersonOrgFields {...props} values={props.values} errors={props.errors} />
            <ChoiceGroup
              kind="checkbox"
              name="leftService"
              label="staff.fields.status"
              value={props.values.leftService ?? []}
              options={[{ value: 'yes', text: t('staff.people.leftService') }]}
            />
            <div class="form-actions">
              <Button>{t('core.actions.save')}</Button>
            </div>
          </Form>
        </section>

        <section class="panel" aria-labelledby="person-account">
          <h2 id="person-account">{t('staff.people.accountSection')}</h2>
          <p>
            <AccountStatus p={person} />{' '}
            {person.userId ? (
              <span class="muted">
                {t('staff.fields.lastLogin')}: {person.lastLoginAt ? formatThaiDateTime(person.lastLoginAt) : t('staff.people.never')}
              </span>
            ) : null}
          </p>
          <ErrorSummary errors={props.accountErrors} />
          <Form action={`${base}/account`}>
            <TextField
              name="username"
              label="staff.fields.username"
              hint="staff.fields.usernameHint"
              value={formValue(props.accountValues, 'username')}
              errors={props.accountErrors}
              width="m"
              spellcheck={false}
              autocomplete="off"
            />
            <RoleChoices values={props.accountValues} errors={props.accountErrors} />
            <div class="form-actions">
              <Button variant="secondary">{person.userId ? t('staff.people.saveAccount') : t('staff.people.createAccount')}</Button>
            </div>
          </Form>
          {person.userId ? (
            <div class="form-actions">
              <Form action={`${base}/reset-password`} class="inline-form">
                <Button variant="secondary" icon="key-round">
                  {t('staff.people.resetPassword')}
                </Button>
              </Form>
              {props.isSelf ? null : person.disabled ? (
                <Form action={`${base}/enable`} class="inline-form">
                  <Button variant="secondary">{t('staff.people.enable')}</Button>
                </Form>
              ) : (
                <Form action={`${base}/disable`} class="inline-form">
                  <Button variant="danger" icon="lock">
                    {t('staff.people.disable')}
                  </Button>
                </Form>
              )}
            </div>
          ) : null}
        </section>

        <section class="panel" aria-labelledby="person-acting">
          <h2 id="person-acting">{t('staff.fields.acting')}</h2>
          <ErrorSummary errors={props.actingErrors} />
          <Form action={`${base}/acting`}>
            <ChoiceGroup
              kind="checkbox"
              name="positionIds"
              label="staff.fields.acting"
              hint="staff.fields.actingHint"
              errors={props.actingErrors}
              value={person.actingPositionIds.map(String)}
              options={props.positions
                .filter((p) => p.id !== person.positionId)
                .map((p) => ({ value: String(p.id), text: positionTitle(p, org.name, org.names.typeFull) }))}
            />
            <div class="form-actions">
              <Button variant="secondary">{t('staff.people.saveActing')}</Button>
            </div>
          </Form>
        </section>
      </div>
      <p>
        <a href="/staff/admin/people">
          <Icon name="chevron-left" /> {t('staff.people.back')}
        </a>
      </p>
    </StaffLayout>
  );
}
