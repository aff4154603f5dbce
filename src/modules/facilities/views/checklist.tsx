import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  FileField,
  Form,
  Icon,
  PageHeader,
  Tag,
  TextArea,
  TextField,
  type Tone,
} from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { LinkedEvidenceBox } from '../../measures/views/linked-evidence.js';
import { checkedOnText } from '../checklist-pdf.js';
import { FACILITIES_MEASURE_NUMBER, isStandardItem } from '../items.js';
import { FACILITY_STATUSES, type FacilityStatus } from '../schema.js';
import type { Checklist, ChecklistLine, EvidenceState } from '../service.js';

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

const TONE: Record<FacilityStatus, Tone> = { done: 'success', partial: 'warning', not_done: 'neutral' };
const ICON = { done: 'circle-check', partial: 'triangle-alert', not_done: 'circle-alert' } as const;

const css = () => <link rel="stylesheet" href={assetUrl('facilities.css')} />;

/** A standard item's title from the catalog, or the organization's own title. */
export function lineTitle(t: (k: string) => string, l: Pick<ChecklistLine, 'itemKey' | 'title'>): string {
  return isStandardItem(l.itemKey) ? t(`facilities.items.${l.itemKey}.title`) : (l.title ?? '');
}

const value = (s: FormState, k: string, fallback: string | null = '') => {
  const v = s.values[k];
  return v === undefined ? (fallback ?? '') : Array.isArray(v) ? (v[0] ?? '') : v;
};

export function StatusTag({ status }: { status: FacilityStatus }) {
  const t = useT();
  return (
    <Tag tone={TONE[status]} icon={ICON[status]}>
      {t(`facilities.status.${status}`)}
    </Tag>
  );
}

function Photos({ line, title }: { line: ChecklistLine; title: string }) {
  const t = useT();
  if (line.photos.length === 0) return <p class="muted facility-photos__none">{t('facilities.noPhotos')}</p>;
  return (
    <ul class="facility-photos" aria-label={t('facilities.photos')}>
      {line.photos.map((p) => (
        <li>
          <a href={`/staff/facilities/photos/${p.id}`}>
            <img
              src={`/staff/facilities/photos/${p.id}`}
              alt={
                p.caption ? t('facilities.photoAltCaption', { item: title, caption: p.caption }) : t('facilities.photoAlt', { item: title })
              }
              loading="lazy"
              decoding="async"
              width={160}
              height={120}
            />
          </a>
          {p.caption ? <span class="facility-photos__caption">{p.caption}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function YearNav({ fy, thisYear }: { fy: number; thisYear: number }) {
  const t = useT();
  return (
    <nav class="facility-years" aria-label={t('facilities.yearNav')}>
      <a href={`/staff/facilities?fy=${fy - 1}`} rel="prev">
        <Icon name="chevron-left" /> {t('facilities.prevYear', { year: fy - 1 })}
      </a>
      <p class="facility-years__label">{t('facilities.year', { year: fy })}</p>
      {fy <= thisYear ? (
        <a href={`/staff/facilities?fy=${fy + 1}`} rel="next">
          {t('facilities.nextYear', { year: fy + 1 })} <Icon name="chevron-right" />
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function ChecklistPage(props: { list: Checklist; evidence: EvidenceState; canEdit: boolean; thisYear: number; addItem: FormState }) {
  const t = useT();
  const { list, canEdit } = props;
  const fy = list.fiscalYear;
  const c = list.counts;
  return (
    <StaffLayout title={t('facilities.yearTitle', { year: fy })} head={css()}>
      <PageHeader
        title={t('facilities.yearTitle', { year: fy })}
        lead={t('facilities.lead')}
        actions={
          <>
            <ButtonLink href={`/staff/facilities/print?fy=${fy}`} icon="file-text">
              {t('facilities.actions.print')}
            </ButtonLink>
            <ButtonLink href={`/staff/facilities/checklist.pdf?fy=${fy}`} icon="download">
              {t('facilities.actions.pdf')}
            </ButtonLink>
          </>
        }
      />
      <YearNav fy={fy} thisYear={props.thisYear} />
      <p class="facility-summary">
        {t('facilities.summary', { done: c.done, partial: c.partial, notDone: c.not_done, total: list.lines.length })}
      </p>
      <ol class="facility-list">
        {list.lines.map((l, i) => {
          const title = lineTitle(t, l);
          return (
            <li class="card facility-line" id={`item-${l.itemKey}`}>
              <div class="facility-line__head">
                <span class="facility-line__number" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <h2 class="facility-line__title">
                    <span class="visually-hidden">{i + 1}. </span>
                    {title}
                  </h2>
                  {l.standard ? <p class="muted facility-line__hint">{t(`facilities.items.${l.itemKey}.hint`)}</p> : null}
                  {l.standard ? null : <p class="muted facility-line__hint">{t('facilities.ownItem')}</p>}
                </div>
              </div>
              <p class="facility-line__state">
                <StatusTag status={l.status} />{' '}
                <span class="muted">
                  {l.checkedOn ? t('facilities.checkedOn', { date: checkedOnText(l.checkedOn) }) : t('facilities.notChecked')}
                </span>
              </p>
              {l.note ? <p class="facility-line__note">{l.note}</p> : null}
              <Photos line={l} title={title} />
              {canEdit ? (
                <div class="facility-line__actions">
                  <a class="button button--secondary" href={`/staff/facilities/item?fy=${fy}&item=${encodeURIComponent(l.itemKey)}`}>
                    <Icon name="pencil" />
                    <span>
                      {t('facilities.actions.edit')}
                      <span class="visually-hidden">: {title}</span>
                    </span>
                  </a>
                  {!l.standard && l.id !== null ? (
                    <Form action={`/staff/facilities/items/${l.id}/delete`} class="facility-inline-form">
                      <Button variant="quiet" icon="trash-2">
                        {t('facilities.actions.removeItem')}
                        <span class="visually-hidden">: {title}</span>
                      </Button>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {canEdit ? (
        <section class="card facility-add" aria-labelledby="add-item-title">
          <h2 class="card__title" id="add-item-title">
            {t('facilities.addItemTitle')}
          </h2>
          <ErrorSummary errors={props.addItem.errors} />
          <Form action={`/staff/facilities/items?fy=${fy}`}>
            <TextField
              name="title"
              label="facilities.fields.title"
              hint="facilities.hints.title"
              value={value(props.addItem, 'title')}
              errors={props.addItem.errors}
              maxlength={200}
            />
            <Button variant="secondary" icon="plus">
              {t('facilities.actions.addItem')}
            </Button>
          </Form>
        </section>
      ) : null}
      <LinkedEvidenceBox
        state={props.evidence}
        fiscalYear={fy}
        number={FACILITIES_MEASURE_NUMBER}
        action={`/staff/facilities/evidence?fy=${fy}`}
        text={t('facilities.evidence.text', { year: fy })}
      />
    </StaffLayout>
  );
}

export function ItemPage(props: { fiscalYear: number; line: ChecklistLine; today: string; check: FormState; photo: FormState }) {
  const t = useT();
  const { line, fiscalYear: fy } = props;
  const title = lineTitle(t, line);
  const action = `/staff/facilities/item?fy=${fy}&item=${encodeURIComponent(line.itemKey)}`;
  const generic = [...props.check.errors, ...props.photo.errors].filter((e) => e.field === '_');
  return (
    <StaffLayout title={`${title} — ${t('facilities.yearTitle', { year: fy })}`} current="/staff/facilities" head={css()}>
      <Breadcrumbs
        items={[
          { href: `/staff/facilities?fy=${fy}#item-${line.itemKey}`, text: t('facilities.yearTitle', { year: fy }) },
          { text: title },
        ]}
      />
      <PageHeader title={title} lead={line.standard ? t(`facilities.items.${line.itemKey}.hint`) : undefined} />
      {generic.length ? (
        <Banner tone="warning" role="alert">
          {generic.map((e) => (
            <p>{t(e.message, e.params)}</p>
          ))}
        </Banner>
      ) : null}
      <section class="card" aria-labelledby="check-title">
        <h2 class="card__title" id="check-title">
          {t('facilities.actions.edit')}
        </h2>
        <ErrorSummary errors={props.check.errors.filter((e) => e.field !== '_')} />
        <Form action={action}>
          <input type="hidden" name="version" value={String(line.version)} />
          <ChoiceGroup
            kind="radio"
            name="status"
            label="facilities.fields.status"
            options={FACILITY_STATUSES.map((s) => ({ value: s, text: t(`facilities.status.${s}`) }))}
            value={value(props.check, 'status', line.status)}
            errors={props.check.errors}
          />
          <TextField
            name="checkedOn"
            type="date"
            width="m"
            label="facilities.fields.checkedOn"
            hint="facilities.hints.checkedOn"
            value={value(props.check, 'checkedOn', line.checkedOn)}
            errors={props.check.errors}
            optional
          />
          <TextArea
            name="note"
            label="facilities.fields.note"
            value={value(props.check, 'note', line.note)}
            errors={props.check.errors}
            optional
            maxlength={2000}
            rows={3}
          />
          <div class="form-actions">
            <Button icon="circle-check">{t('facilities.actions.save')}</Button>
          </div>
        </Form>
      </section>
      <section class="card" id="photos" aria-labelledby="photos-title">
        <h2 class="card__title" id="photos-title">
          {t('facilities.photos')}
        </h2>
        {line.photos.length === 0 ? (
          <p class="muted">{t('facilities.noPhotos')}</p>
        ) : (
          <ul class="facility-photos facility-photos--edit">
            {line.photos.map((p) => (
              <li>
                <a href={`/staff/facilities/photos/${p.id}`}>
                  <img
                    src={`/staff/facilities/photos/${p.id}`}
                    alt={
                      p.caption
                        ? t('facilities.photoAltCaption', { item: title, caption: p.caption })
                        : t('facilities.photoAlt', { item: title })
                    }
                    loading="lazy"
                    width={160}
                    height={120}
                  />
                </a>
                {p.caption ? <span class="facility-photos__caption">{p.caption}</span> : null}
                <Form action={`/staff/facilities/photos/${p.id}/delete`} class="facility-inline-form">
                  <Button variant="quiet" icon="trash-2">
                    {t('facilities.actions.removePhoto')}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3>{t('facilities.actions.addPhoto')}</h3>
        <ErrorSummary errors={props.photo.errors.filter((e) => e.field !== '_')} />
        <Form action={`/staff/facilities/item/photos?fy=${fy}&item=${encodeURIComponent(line.itemKey)}`} multipart>
          <FileField
            name="photo"
            label="facilities.fields.photo"
            hint="facilities.hints.photo"
            accept="image/jpeg,image/png,image/webp"
            errors={props.photo.errors}
          />
          <TextField
            name="caption"
            label="facilities.fields.caption"
            value={value(props.photo, 'caption')}
            errors={props.photo.errors}
            optional
            maxlength={200}
          />
          <div class="form-actions">
            <Button variant="secondary" icon="upload">
              {t('facilities.actions.upload')}
            </Button>
          </div>
        </Form>
      </section>
      <p>
        <a href={`/staff/facilities?fy=${fy}#item-${line.itemKey}`}>
          <Icon name="chevron-left" /> {t('facilities.actions.back')}
        </a>
      </p>
    </StaffLayout>
  );
}

/** The checklist for printing (the browser's print): the table, the photos, the signature lines. */
export function PrintPage({ list }: { list: Checklist }) {
  const t = useT();
  const org = useAppContext().get('org');
  const fy = list.fiscalYear;
  const c = list.counts;
  return (
    <StaffLayout title={`${t('facilities.pdf.title')} ${t('facilities.pdf.year', { year: fy })}`} current="/staff/facilities" head={css()}>
      <div class="facility-print-tools">
        <p>{t('facilities.print.note')}</p>
        <p class="facility-print-tools__links">
          <a href={`/staff/facilities?fy=${fy}`}>
            <Icon name="chevron-left" /> {t('facilities.actions.back')}
          </a>
          <a href={`/staff/facilities/checklist.pdf?fy=${fy}`}>
            <Icon name="file-text" /> {t('facilities.actions.pdf')}
          </a>
        </p>
      </div>
      <article class="facility-print">
        <header class="facility-print__head">
          <h1>{t('facilities.pdf.title')}</h1>
          <p>{org?.names.full}</p>
          <p>{t('facilities.pdf.year', { year: fy })}</p>
        </header>
        <section class="table-wrap" tabindex={0} aria-label={t('facilities.pdf.title')}>
          <table class="table facility-print__table">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('facilities.pdf.number')}
                </th>
                <th scope="col">{t('facilities.pdf.item')}</th>
                <th scope="col">{t('facilities.pdf.status')}</th>
                <th scope="col">{t('facilities.pdf.checkedOn')}</th>
                <th scope="col">{t('facilities.pdf.note')}</th>
              </tr>
            </thead>
            <tbody>
              {list.lines.map((l, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <th scope="row">{lineTitle(t, l)}</th>
                  <td>
                    <StatusTag status={l.status} />
                  </td>
                  <td>{checkedOnText(l.checkedOn) || '–'}</td>
                  <td>{l.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <p>{t('facilities.pdf.summary', { done: c.done, partial: c.partial, notDone: c.not_done, total: list.lines.length })}</p>
        <div class="facility-print__signs">
          {[t('facilities.pdf.checker'), t('facilities.pdf.certifier')].map((role) => (
            <div>
              <p>{t('facilities.pdf.signLine', { role })}</p>
              <p>( .................................... )</p>
              <p>{t('facilities.pdf.positionLine')}</p>
              <p>{t('facilities.pdf.dateLine')}</p>
            </div>
          ))}
        </div>
        {list.lines.some((l) => l.photos.length) ? (
          <section class="facility-print__photos" aria-labelledby="print-photos">
            <h2 id="print-photos">{t('facilities.pdf.photosTitle')}</h2>
            {list.lines.map((l, i) =>
              l.photos.length ? (
                <section class="facility-print__item">
                  <h3>
                    {i + 1}. {lineTitle(t, l)}
                  </h3>
                  <ul class="facility-print__grid">
                    {l.photos.map((p) => (
                      <li>
                        <img
                          src={`/staff/facilities/photos/${p.id}`}
                          alt={
                            p.caption
                              ? t('facilities.photoAltCaption', { item: lineTitle(t, l), caption: p.caption })
                              : t('facilities.photoAlt', { item: lineTitle(t, l) })
                          }
                        />
                        {p.caption ? <span>{p.caption}</span> : null}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null,
            )}
          </section>
        ) : null}
      </article>
    </StaffLayout>
  );
}
