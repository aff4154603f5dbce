import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatThaiDateTime } from '../../../core/thai/index.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ErrorSummary,
  FileField,
  Form,
  fieldId,
  PageHeader,
  Tag,
  TextArea,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { OIT_GROUPS, type OitListView } from '../oit-list.js';
import type { OitListItem } from '../schema.js';
import { css } from './common.js';

export const BLANK_ROWS = 5;
export const rowField = (row: number, name: string) => `row-${row}-${name}`;

export function ListsIndexPage({ lists }: { lists: OitListView[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('disclosure.lists.title')} head={css()}>
      <PageHeader title={t('disclosure.lists.title')} lead={t('disclosure.lists.lead')} />
      <section class="table-wrap" tabindex={0} aria-label={t('disclosure.lists.title')}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('disclosure.lists.columns.year')}</th>
              <th scope="col">{t('disclosure.lists.columns.source')}</th>
              <th scope="col">{t('disclosure.lists.columns.items')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr>
                <th scope="row">
                  <a href={`/staff/admin/oit-lists/${l.fiscalYear}`}>{t('disclosure.lists.year', { year: l.fiscalYear })}</a>
                </th>
                <td>
                  {l.custom ? (
                    <Tag tone="info">{t('disclosure.lists.custom')}</Tag>
                  ) : l.shippedYear ? (
                    t('disclosure.lists.shipped', { year: l.shippedYear })
                  ) : (
                    t('disclosure.lists.none')
                  )}
                </td>
                <td>{l.items.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </StaffLayout>
  );
}

const cell = (values: FormValues | null, row: number, name: string, fallback: string) =>
  values ? formValue(values, rowField(row, name)) : fallback;

function RowInput(props: { row: number; name: string; value: string; label: string; errors: FieldError[]; class?: string }) {
  const id = fieldId(rowField(props.row, props.name));
  const bad = props.errors.some((e) => e.field === rowField(props.row, props.name));
  return (
    <input
      class={`input ${props.class ?? ''}`}
      id={id}
      name={rowField(props.row, props.name)}
      value={props.value}
      aria-label={props.label}
      aria-invalid={bad ? 'true' : undefined}
    />
  );
}

export function ListEditPage(props: {
  list: OitListView;
  rowsState: { values: FormValues | null; errors: FieldError[] };
  jsonState: { values: FormValues; errors: FieldError[] };
}) {
  const t = useT();
  const { list } = props;
  const fy = list.fiscalYear;
  const title = t('disclosure.lists.year', { year: fy });
  const values = props.rowsState.values;
  const n = values
    ? Math.max(...Object.keys(values).map((k) => Number(/^row-(\d+)-/.exec(k)?.[1] ?? 0)), 0)
    : list.items.length + BLANK_ROWS;
  const rows = Array.from({ length: Math.max(n, 1) }, (_, i) => i + 1);
  const item = (r: number): Partial<OitListItem> => list.items[r - 1] ?? {};
  const errs = props.rowsState.errors;
  return (
    <StaffLayout title={title} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/admin/oit-lists', text: t('disclosure.lists.title') }, { text: title }]} />
      <PageHeader title={title} lead={t('disclosure.lists.editLead')} />
      {list.custom ? (
        <Banner tone="info" title={t('disclosure.lists.custom')}>
          <p>{list.updatedAt ? t('disclosure.lists.customSince', { at: formatThaiDateTime(list.updatedAt) }) : null}</p>
          {list.note ? <p>{list.note}</p> : null}
          <Form action={`/staff/admin/oit-lists/${fy}/reset`}>
            <Button variant="secondary" icon="list-checks">
              {t('disclosure.lists.reset', { year: list.shippedYear ?? fy })}
            </Button>
          </Form>
        </Banner>
      ) : (
        <p>{list.shippedYear ? t('disclosure.lists.shipped', { year: list.shippedYear }) : t('disclosure.lists.none')}</p>
      )}
      <p>
        <a href={`/staff/admin/oit-lists/${fy}/list.json`} download>
          {t('disclosure.lists.download')}
        </a>
      </p>
      <section aria-labelledby="rows-title">
        <h2 id="rows-title">{t('disclosure.lists.rowsTitle')}</h2>
        <p class="muted">{t('disclosure.lists.rowsHint', { groups: OIT_GROUPS.join(', ') })}</p>
        <ErrorSummary errors={errs} />
        <Form action={`/staff/admin/oit-lists/${fy}`}>
          <input type="hidden" name="mode" value="rows" />
          <section class="table-wrap" tabindex={0} aria-labelledby="rows-title">
            <table class="table disclosure-list-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('disclosure.lists.fields.code')}</th>
                  <th scope="col">{t('disclosure.lists.fields.name')}</th>
                  <th scope="col">{t('disclosure.lists.fields.gloss')}</th>
                  <th scope="col">{t('disclosure.lists.fields.indicator')}</th>
                  <th scope="col">{t('disclosure.lists.fields.group')}</th>
                  <th scope="col">{t('disclosure.lists.fields.verified')}</th>
                  <th scope="col">{t('disclosure.lists.fields.topics')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const it = item(r);
                  const label = (k: string) => `${t(`disclosure.lists.fields.${k}`)} ${r}`;
                  return (
                    <tr>
                      <td>{r}</td>
                      <td>
                        <RowInput
                          row={r}
                          name="code"
                          value={cell(values, r, 'code', it.code ?? '')}
                          label={label('code')}
                          errors={errs}
                          class="input--xs"
                        />
                      </td>
                      <td>
                        <RowInput row={r} name="name" value={cell(values, r, 'name', it.name ?? '')} label={label('name')} errors={errs} />
                      </td>
                      <td>
                        <RowInput
                          row={r}
                          name="gloss"
                          value={cell(values, r, 'gloss', it.gloss ?? '')}
                          label={label('gloss')}
                          errors={errs}
                        />
                      </td>
                      <td>
                        <RowInput
                          row={r}
                          name="indicator"
                          value={cell(values, r, 'indicator', it.indicator ? String(it.indicator) : '')}
                          label={label('indicator')}
                          errors={errs}
                          class="input--xs"
                        />
                      </td>
                      <td>
                        <RowInput
                          row={r}
                          name="group"
                          value={cell(values, r, 'group', it.group ?? '')}
                          label={label('group')}
                          errors={errs}
                          class="input--s"
                        />
                      </td>
                      <td>
                        <RowInput
                          row={r}
                          name="verified"
                          value={cell(values, r, 'verified', it.code ? String(it.verified ?? true) : '')}
                          label={label('verified')}
                          errors={errs}
                          class="input--xs"
                        />
                      </td>
                      <td>
                        <RowInput
                          row={r}
                          name="topics"
                          value={cell(values, r, 'topics', (it.topics ?? []).join(', '))}
                          label={label('topics')}
                          errors={errs}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <p class="muted">{t('disclosure.lists.blankRows')}</p>
          <div class="form-actions">
            <Button name="more" value="1" variant="secondary" icon="plus">
              {t('disclosure.lists.moreRows')}
            </Button>
            <Button icon="circle-check">{t('disclosure.lists.save')}</Button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="json-title">
        <h2 id="json-title">{t('disclosure.lists.jsonTitle')}</h2>
        <p class="muted">{t('disclosure.lists.jsonHint')}</p>
        <ErrorSummary errors={props.jsonState.errors} />
        <Form action={`/staff/admin/oit-lists/${fy}`} multipart>
          <input type="hidden" name="mode" value="json" />
          <TextArea
            name="json"
            label="disclosure.lists.fields.json"
            value={(props.jsonState.values.json as string) ?? ''}
            errors={props.jsonState.errors}
            rows={8}
            optional
          />
          <FileField
            name="file"
            label="disclosure.lists.fields.file"
            accept="application/json,.json"
            errors={props.jsonState.errors}
            optional
          />
          <TextArea
            name="note"
            label="disclosure.lists.fields.note"
            hint="disclosure.lists.noteHint"
            value={(props.jsonState.values.note as string) ?? ''}
            errors={props.jsonState.errors}
            rows={2}
            optional
          />
          <div class="form-actions">
            <Button icon="upload">{t('disclosure.lists.replace')}</Button>
          </div>
        </Form>
      </section>
    </StaffLayout>
  );
}
