import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import {
  Banner,
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
import { POSITION_RANKS } from '../inputs.js';
import type { ChainStep, Division, Position, StaffListItem } from '../service.js';
import { positionTitle } from '../service.js';

function DivisionFields({ values, errors }: { values: FormValues; errors: FieldError[] }) {
  return (
    <>
      <TextField name="name" label="staff.fields.divisionName" value={formValue(values, 'name')} errors={errors} width="l" />
      <TextField
        name="nameEn"
        label="staff.fields.nameEn"
        value={formValue(values, 'nameEn')}
        errors={errors}
        optional
        width="l"
        lang="en"
      />
      <TextField
        name="sortOrder"
        label="staff.fields.sortOrder"
        value={formValue(values, 'sortOrder')}
        errors={errors}
        optional
        width="xs"
        inputmode="numeric"
      />
    </>
  );
}

export function DivisionsPage(props: { divisions: Division[]; counts: Map<number, number>; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('staff.divisions.title')}>
      <PageHeader title={t('staff.divisions.title')} lead={t('staff.divisions.lead')} />
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{t('staff.divisions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.fields.divisionName')}</th>
              <th scope="col">{t('staff.fields.nameEn')}</th>
              <th scope="col" class="num">
                {t('staff.divisions.people')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.divisions.map((d) => (
              <tr>
                <td>
                  <a href={`/staff/admin/divisions/${d.id}`}>{d.name}</a>{' '}
                  {d.active ? null : <Tag tone="neutral">{t('staff.divisions.inactive')}</Tag>}
                </td>
                <td lang="en">{d.nameEn ?? ''}</td>
                <td class="num">{props.counts.get(d.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="add-division">
        <h2 id="add-division">{t('staff.divisions.add')}</h2>
        <ErrorSummary errors={props.errors} />
        <Form action="/staff/admin/divisions">
          <DivisionFields values={props.values} errors={props.errors} />
          <Button icon="plus">{t('staff.divisions.add')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}

export function EditDivisionPage(props: { division: Division; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('staff.divisions.editTitle')} current="/staff/admin/divisions">
      <Breadcrumbs items={[{ href: '/staff/admin/divisions', text: t('staff.divisions.title') }, { text: props.division.name }]} />
      <PageHeader title={t('staff.divisions.editTitle')} />
      <ErrorSummary errors={props.errors} />
      <div class="panel">
        <Form action={`/staff/admin/divisions/${props.division.id}`}>
          <DivisionFields values={props.values} errors={props.errors} />
          <ChoiceGroup
            kind="checkbox"
            name="inactive"
            label="staff.fields.status"
            value={props.values.inactive ?? []}
            options={[{ value: 'yes', text: t('staff.divisions.inactive') }]}
          />
          <div class="form-actions">
            <Button>{t('core.actions.save')}</Button>
            <a href="/staff/admin/divisions">{t('core.actions.cancel')}</a>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}

function PositionFields({ values, errors, divisions }: { values: FormValues; errors: FieldError[]; divisions: Division[] }) {
  const t = useT();
  return (
    <>
      <TextField
        name="title"
        label="staff.fields.positionTitle"
        hint="staff.fields.positionTitleHint"
        value={formValue(values, 'title')}
        errors={errors}
        width="l"
      />
      <ChoiceGroup
        kind="checkbox"
        name="appendOrgName"
        label="staff.fields.appendOrgName"
        value={values.appendOrgName ?? []}
        options={[{ value: 'true', text: t('staff.fields.appendOrgName'), hint: t('staff.fields.appendOrgNameHint') }]}
      />
      <TextField
        name="titleEn"
        label="staff.fields.positionTitleEn"
        value={formValue(values, 'titleEn')}
        errors={errors}
        optional
        width="l"
        lang="en"
      />
      <SelectField
        name="divisionId"
        label="staff.fields.division"
        value={formValue(values, 'divisionId')}
        errors={errors}
        placeholder="staff.noDivision"
        options={divisions.map((d) => ({ value: String(d.id), text: d.name }))}
      />
      <SelectField
        name="rank"
        label="staff.fields.rank"
        value={formValue(values, 'rank') || 'staff'}
        errors={errors}
        options={POSITION_RANKS.map((r) => ({ value: r, text: t(`staff.ranks.${r}`) }))}
      />
      <TextField
        name="sortOrder"
        label="staff.fields.sortOrder"
        value={formValue(values, 'sortOrder')}
        errors={errors}
        optional
        width="xs"
        inputmode="numeric"
      />
    </>
  );
}

export function PositionsPage(props: {
  org: Organization;
  positions: Position[];
  divisions: Division[];
  holders: Map<number, StaffListItem[]>;
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const { org } = props;
  const divisionName = (id: number | null) => props.divisions.find((d) => d.id === id)?.name ?? '—';
  return (
    <StaffLayout title={t('staff.positions.title')}>
      <PageHeader title={t('staff.positions.title')} lead={t('staff.positions.lead')} />
      <div class="table-wrap">
        <table class="table">
          <caption class="visually-hidden">{t('staff.positions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.positions.printed')}</th>
              <th scope="col">{t('staff.fields.division')}</th>
              <th scope="col">{t('staff.fields.rank')}</th>
              <th scope="col">{t('staff.positions.holders')}</th>
            </tr>
          </thead>
          <tbody>
            {props.positions.map((p) => {
              const holders = props.holders.get(p.id) ?? [];
              return (
                <tr>
                  <td>
                    <a href={`/staff/admin/positions/${p.id}`}>{positionTitle(p, org.name, org.names.typeFull)}</a>
                  </td>
                  <td>{divisionName(p.divisionId)}</td>
                  <td>{t(`staff.ranks.${p.rank}`)}</td>
                  <td>
                    {holders.length ? holders.map((h) => h.name).join(', ') : <span class="muted">{t('staff.positions.vacant')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="add-position">
        <h2 id="add-position">{t('staff.positions.add')}</h2>
        <ErrorSummary errors={props.errors} />
        <Form action="/staff/admin/positions">
          <PositionFields values={props.values} errors={props.errors} divisions={props.divisions} />
          <Button icon="plus">{t('staff.positions.add')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}

export function EditPositionPage(props: {
  org: Organization;
  position: Position;
  divisions: Division[];
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const { org } = props;
  return (
    <StaffLayout title={t('staff.positions.editTitle')} current="/staff/admin/positions">
      <Breadcrumbs
        items={[
          { href: '/staff/admin/positions', text: t('staff.positions.title') },
          { text: positionTitle(props.position, org.name, org.names.typeFull) },
        ]}
      />
      <PageHeader title={t('staff.positions.editTitle')} />
      <ErrorSummary errors={props.errors} />
      <div class="panel">
        <Form action={`/staff/admin/positions/${props.position.id}`}>
          <PositionFields values={props.values} errors={props.errors} divisions={props.divisions} />
          <div class="form-actions">
            <Button>{t('core.actions.save')}</Button>
            <a href="/staff/admin/positions">{t('core.actions.cancel')}</a>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}

export function ChainPage(props: {
  org: Organization;
  chain: ChainStep[];
  positions: Position[];
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const { org } = props;
  const options = props.positions.map((p) => ({ value: String(p.id), text: positionTitle(p, org.name, org.names.typeFull) }));
  return (
    <StaffLayout title={t('staff.chain.title')}>
      <PageHeader title={t('staff.chain.title')} lead={t('staff.chain.lead')} />
      {props.chain.length === 0 ? (
        <Banner tone="warning">{t('staff.chain.notSet')}</Banner>
      ) : (
        <ol class="chain">
          {props.chain.map((s) => (
            <li class="card">
              <p class="chain__position">{positionTitle(s.position, org.name, org.names.typeFull)}</p>
              <p class="muted">
                {t('staff.chain.holder')}:{' '}
                {s.holder ? (
                  <>
                    <strong>{s.holder.name}</strong> {s.holder.acting ? <Tag tone="warning">{t('staff.chain.acting')}</Tag> : null}
                  </>
                ) : (
                  <Tag tone="danger">{t('staff.chain.noHolder')}</Tag>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <section class="panel">
        <ErrorSummary errors={props.errors} />
        <Form action="/staff/admin/chain">
          {(['step1', 'step2', 'step3'] as const).map((k) => (
            <SelectField
              name={k}
              label={`staff.chain.${k}`}
              value={formValue(props.values, k)}
              errors={props.errors}
              placeholder="staff.choose"
              options={options}
            />
          ))}
          <Button>{t('core.actions.save')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}
