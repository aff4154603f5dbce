import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import type { Locale } from '../../../core/i18n/i18n.js';
import { formatSatang, formatThaiMonthYear, thaiMonthName } from '../../../core/thai/index.js';
import { beDate, beDateTime } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Breadcrumbs,
  Button,
  ButtonLink,
  ErrorSummary,
  FileField,
  Form,
  Icon,
  PageHeader,
  Pagination,
  SelectField,
  SummaryList,
  Tag,
  TextArea,
  TextField,
  type Tone,
} from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import {
  PROCUREMENT_CATEGORIES,
  PROCUREMENT_METHODS,
  PROCUREMENT_NOTICE_KINDS,
  PROCUREMENT_STATUSES,
  type ProcurementStatus,
} from '../schema.js';
import type { Procurement, ProcurementDetail, ProcurementNotice } from '../service.js';

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

const css = () => <link rel="stylesheet" href={assetUrl('procurement-staff.css')} />;
const useLocale = (): Locale => useAppContext().get('locale');

const TONE: Record<ProcurementStatus, Tone> = {
  planned: 'neutral',
  announced: 'info',
  awarded: 'warning',
  contracted: 'success',
  completed: 'success',
  cancelled: 'danger',
};

export function StatusTag({ status }: { status: ProcurementStatus }) {
  const t = useT();
  return <Tag tone={TONE[status]}>{t(`procurement.statuses.${status}`)}</Tag>;
}

const money = (satang: number | null | undefined) => (satang == null ? '—' : formatSatang(satang));
/** A stored day 'YYYY-MM-DD' on screen (B.E.). */
function Day({ d }: { d: string | null | undefined }) {
  const locale = useLocale();
  if (!d) return <>—</>;
  const [y, m, day] = d.split('-').map(Number);
  return <time datetime={d}>{beDate(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, day ?? 1, 5)), locale)}</time>;
}

/** Month m of the fiscal year (1 = October) by name, in the reader's language. */
export function fiscalMonthText(m: number, locale: Locale): string {
  const calendarMonth = ((m + 8) % 12) + 1;
  if (locale === 'th') return thaiMonthName(calendarMonth);
  return new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, calendarMonth - 1, 1)),
  );
}

/** A 'YYYY-MM' month with its B.E. year, in the reader's language. */
export function monthKeyText(ym: string, locale: Locale): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  if (locale === 'th') return formatThaiMonthYear({ year: y, month: m });
  return `${new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)))} ${y + 543}`;
}

/** A stored day as the form shows it: d/m/B.E. year. */
export function dayInput(d: string | null | undefined): string {
  if (!d) return '';
  const [y, m, day] = d.split('-').map(Number);
  return `${day}/${m}/${(y ?? 0) + 543}`;
}

/** Satang as the form shows it: 12500.50 (no grouping, two decimals). */
export function bahtInput(satang: number | null | undefined): string {
  if (satang == null) return '';
  const s = String(satang).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const val = (s: FormState, k: string) => {
  const v = s.values[k];
  return v === undefined ? '' : Array.isArray(v) ? (v[0] ?? '') : v;
};

// ---------------------------------------------------------------- the register

export interface RegisterProps {
  fiscalYear: number;
  thisYear: number;
  rows: Procurement[];
  nextHref: string | null;
  firstHref: string | null;
  filter: { method?: string; status?: string; category?: string; month?: string; q?: string };
  counts: Record<ProcurementStatus, number>;
  months: { value: string; text: string }[];
  planNotices: ProcurementNotice[];
  canEdit: boolean;
  planForm: FormState;
}

export function RegisterPage(props: RegisterProps) {
  const t = useT();
  const fy = props.fiscalYear;
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const filtered = !!(props.filter.method || props.filter.status || props.filter.category || props.filter.month || props.filter.q);
  const plan = props.planNotices[0];
  return (
    <StaffLayout title={t('procurement.staff.yearTitle', { year: fy })} head={css()}>
      <PageHeader
        title={t('procurement.staff.yearTitle', { year: fy })}
        lead={t('procurement.staff.lead')}
        actions={
          <>
            {props.canEdit ? (
              <ButtonLink href={`/staff/procurement/new?fy=${fy}`} variant="primary" icon="plus">
                {t('procurement.staff.new')}
              </ButtonLink>
            ) : null}
            {props.canEdit ? (
              <ButtonLink href={`/staff/procurement/import?fy=${fy}`} icon="upload">
                {t('procurement.staff.import')}
              </ButtonLink>
            ) : null}
            <ButtonLink href={`/staff/procurement/reports?fy=${fy}`} icon="file-text">
              {t('procurement.staff.reports')}
            </ButtonLink>
          </>
        }
      />
      <nav class="proc-years" aria-label={t('procurement.staff.yearNav')}>
        <a href={`/staff/procurement?fy=${fy - 1}`} rel="prev">
          <Icon name="chevron-left" /> {t('procurement.staff.prevYear', { year: fy - 1 })}
        </a>
        {fy <= props.thisYear ? (
          <a href={`/staff/procurement?fy=${fy + 1}`} rel="next">
            {t('procurement.staff.nextYear', { year: fy + 1 })} <Icon name="chevron-right" />
          </a>
        ) : null}
      </nav>

      <ul class="proc-counts" aria-label={t('procurement.staff.summary', { total })}>
        <li>
          <strong>{t('procurement.staff.summary', { total })}</strong>
        </li>
        {PROCUREMENT_STATUSES.map((s) => (
          <li>
            <a href={`/staff/procurement?fy=${fy}&status=${s}`}>
              <StatusTag status={s} /> <span class="proc-counts__n">{props.counts[s]}</span>
            </a>
          </li>
        ))}
      </ul>

      <section class="card proc-plan" aria-labelledby="plan-title">
        <h2 class="card__title" id="plan-title">
          {t('procurement.staff.planNotice')}
        </h2>
        {plan ? (
          <p>
            <Icon name="circle-check" /> {t('procurement.staff.planNoticeDone', { title: plan.title, date: dayInput(plan.noticeDate) })}{' '}
            {plan.publicationId ? <a href={`/publications/${plan.publicationId}`}>{t('procurement.notices.open')}</a> : null}
          </p>
        ) : (
          <p class="muted">{t('procurement.staff.planNoticeNone')}</p>
        )}
        {props.canEdit ? (
          <details class="proc-plan__form" open={props.planForm.errors.length > 0}>
            <summary>{t('procurement.notices.addPlan')}</summary>
            <NoticeForm action={`/staff/procurement/notices?fy=${fy}`} state={props.planForm} kinds={['plan']} />
          </details>
        ) : null}
      </section>

      <Form method="get" action="/staff/procurement" class="proc-filters" aria-label={t('procurement.staff.filters')}>
        <input type="hidden" name="fy" value={String(fy)} />
        <SelectField
          name="method"
          label="procurement.fields.method"
          value={props.filter.method}
          placeholder="procurement.staff.all"
          options={PROCUREMENT_METHODS.map((m) => ({ value: m, text: t(`procurement.methods.${m}`) }))}
        />
        <SelectField
          name="status"
          label="procurement.fields.status"
          value={props.filter.status}
          placeholder="procurement.staff.all"
          options={PROCUREMENT_STATUSES.map((s) => ({ value: s, text: t(`procurement.statuses.${s}`) }))}
        />
        <SelectField
          name="category"
          label="procurement.fields.category"
          value={props.filter.category}
          placeholder="procurement.staff.all"
          options={PROCUREMENT_CATEGORIES.map((s) => ({ value: s, text: t(`procurement.categories.${s}`) }))}
        />
        <SelectField
          name="month"
          label="procurement.staff.month"
          value={props.filter.month}
          placeholder="procurement.staff.all"
          options={props.months}
        />
        <TextField name="q" label="procurement.staff.q" type="search" value={props.filter.q} maxlength={100} />
        <div class="proc-filters__actions">
          <Button type="submit" icon="search">
            {t('procurement.staff.filter')}
          </Button>
          {filtered ? <a href={`/staff/procurement?fy=${fy}`}>{t('procurement.staff.clear')}</a> : null}
        </div>
      </Form>

      {props.rows.length === 0 ? (
        <p class="proc-empty">{t(filtered ? 'procurement.staff.emptyFiltered' : 'procurement.staff.empty')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t('procurement.staff.tableRegion')}>
          <table class="table proc-table">
            <caption class="visually-hidden">{t('procurement.staff.caption', { year: fy })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procurement.fields.title')}</th>
                <th scope="col">{t('procurement.fields.method')}</th>
                <th scope="col" class="num">
                  {t('procurement.fields.budgetSatang')}
                </th>
                <th scope="col">{t('procurement.fields.winnerName')}</th>
                <th scope="col" class="num">
                  {t('procurement.fields.agreedPriceSatang')}
                </th>
                <th scope="col">{t('procurement.fields.contractDate')}</th>
                <th scope="col">{t('procurement.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((p) => (
                <tr>
                  <th scope="row" class="proc-table__title">
                    <a href={`/staff/procurement/${p.id}`}>{p.title}</a>
                  </th>
                  <td>{t(`procurement.methods.${p.method}`)}</td>
                  <td class="num">{money(p.budgetSatang)}</td>
                  <td>{p.winnerName ?? '—'}</td>
                  <td class="num">{money(p.agreedPriceSatang)}</td>
                  <td>
                    <Day d={p.contractDate} />
                  </td>
                  <td>
                    <StatusTag status={p.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination prevHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- the form

export interface FormProps {
  fiscalYear: number;
  /** Null: a new procurement. */
  procurement: Procurement | null;
  state: FormState;
  statuses: ProcurementStatus[];
  divisions: { value: string; text: string }[];
}

/** The values a form starts with, from a stored procurement. */
export function valuesOf(p: Procurement): FormValues {
  return {
    title: p.title,
    category: p.category,
    method: p.method,
    status: p.status,
    divisionId: p.divisionId ? String(p.divisionId) : '',
    budgetSource: p.budgetSource ?? '',
    budgetSatang: bahtInput(p.budgetSatang),
    referencePriceSatang: bahtInput(p.referencePriceSatang),
    plannedMonth: p.plannedMonth ? String(p.plannedMonth) : '',
    announcedOn: dayInput(p.announcedOn),
    awardedOn: dayInput(p.awardedOn),
    winnerName: p.winnerName ?? '',
    winnerTaxId: p.winnerTaxId ?? '',
    agreedPriceSatang: bahtInput(p.agreedPriceSatang),
    selectionReason: p.selectionReason ?? '',
    contractNo: p.contractNo ?? '',
    contractDate: dayInput(p.contractDate),
    egpProjectNo: p.egpProjectNo ?? '',
    cancelReason: p.cancelReason ?? '',
    note: p.note ?? '',
  };
}

export function ProcurementFormPage(props: FormProps) {
  const t = useT();
  const { state, procurement: p } = props;
  const title = t(p ? 'procurement.staff.editTitle' : 'procurement.staff.newTitle');
  const e = state.errors;
  const field = (
    name: string,
    opts: { optional?: boolean; hint?: string; width?: 'xs' | 's' | 'm' | 'l' | 'full'; money?: boolean; date?: boolean } = {},
  ) => (
    <TextField
      name={name}
      label={`procurement.fields.${name}`}
      value={val(state, name)}
      errors={e}
      optional={opts.optional}
      hint={opts.hint ?? (opts.date ? 'procurement.fields.dateHint' : undefined)}
      width={opts.width ?? (opts.money ? 'm' : opts.date ? 's' : 'full')}
      inputmode={opts.money ? 'decimal' : undefined}
    />
  );
  const locale = useLocale();
  const months = Array.from({ length: 12 }, (_, i) => i + 1).map((m) => ({ value: String(m), text: fiscalMonthText(m, locale) }));
  return (
    <StaffLayout title={title} head={css()}>
      <Breadcrumbs
        items={[
          { href: `/staff/procurement?fy=${props.fiscalYear}`, text: t('procurement.staff.yearTitle', { year: props.fiscalYear }) },
          ...(p ? [{ href: `/staff/procurement/${p.id}`, text: p.title }] : []),
          { text: title },
        ]}
      />
      <PageHeader title={title} lead={p ? undefined : t('procurement.staff.newLead')} />
      <ErrorSummary errors={e} />
      <Form action={p ? `/staff/procurement/${p.id}/edit` : `/staff/procurement/new?fy=${props.fiscalYear}`} class="proc-form">
        <fieldset class="fieldset">
          <legend class="proc-form__legend">{t('procurement.staff.sections.what')}</legend>
          {field('title')}
          <SelectField
            name="category"
            label="procurement.fields.category"
            value={val(state, 'category')}
            errors={e}
            placeholder="procurement.staff.choose"
            options={PROCUREMENT_CATEGORIES.map((c) => ({ value: c, text: t(`procurement.categories.${c}`) }))}
          />
          <SelectField
            name="method"
            label="procurement.fields.method"
            value={val(state, 'method')}
            errors={e}
            placeholder="procurement.staff.choose"
            options={PROCUREMENT_METHODS.map((m) => ({ value: m, text: t(`procurement.methods.${m}`) }))}
          />
          <SelectField
            name="divisionId"
            label="procurement.fields.divisionId"
            value={val(state, 'divisionId')}
            errors={e}
            optional
            placeholder="procurement.staff.choose"
            options={props.divisions}
          />
          {field('egpProjectNo', { optional: true, width: 'm' })}
        </fieldset>
        <fieldset class="fieldset">
          <legend class="proc-form__legend">{t('procurement.staff.sections.money')}</legend>
          {field('budgetSatang', { money: true })}
          {field('referencePriceSatang', { money: true, optional: true })}
          {field('budgetSource', { optional: true, hint: 'procurement.fields.budgetSourceHint' })}
          <SelectField
            name="plannedMonth"
            label="procurement.fields.plannedMonth"
            value={val(state, 'plannedMonth')}
            errors={e}
            optional
            placeholder="procurement.staff.choose"
            options={months}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend class="proc-form__legend">{t('procurement.staff.sections.status')}</legend>
          <SelectField
            name="status"
            label="procurement.fields.status"
            value={val(state, 'status') || props.statuses[0]}
            errors={e}
            options={props.statuses.map((s) => ({ value: s, text: t(`procurement.statuses.${s}`) }))}
          />
          {field('announcedOn', { optional: true, date: true })}
          {field('awardedOn', { optional: true, date: true })}
        </fieldset>
        <fieldset class="fieldset">
          <legend class="proc-form__legend">{t('procurement.staff.sections.result')}</legend>
          {field('winnerName', { optional: true })}
          {field('winnerTaxId', { optional: true, width: 'm', hint: 'procurement.fields.taxIdHint' })}
          {field('agreedPriceSatang', { money: true, optional: true })}
          <TextArea
            name="selectionReason"
            label="procurement.fields.selectionReason"
            hint="procurement.fields.selectionReasonHint"
            value={val(state, 'selectionReason')}
            errors={e}
            optional
            rows={2}
          />
          {field('contractNo', { optional: true, width: 'm' })}
          {field('contractDate', { optional: true, date: true })}
          {p ? null : (
            <div class="proc-form__bid">
              <p class="field__hint">{t('procurement.staff.bidsHint')}</p>
              <TextField name="bidderName" label="procurement.fields.bidderName" value={val(state, 'bidderName')} errors={e} optional />
              <TextField
                name="bidPrice"
                label="procurement.fields.priceSatang"
                value={val(state, 'bidPrice')}
                errors={e}
                optional
                width="m"
                inputmode="decimal"
              />
            </div>
          )}
          <TextArea
            name="note"
            label="procurement.fields.note"
            hint="procurement.fields.noteHint"
            value={val(state, 'note')}
            errors={e}
            optional
            rows={2}
          />
          <TextArea
            name="cancelReason"
            label="procurement.fields.cancelReason"
            value={val(state, 'cancelReason')}
            errors={e}
            optional
            rows={2}
          />
        </fieldset>
        <div class="form-actions">
          <Button type="submit" variant="primary">
            {t(p ? 'procurement.staff.save' : 'procurement.staff.create')}
          </Button>
          <a href={p ? `/staff/procurement/${p.id}` : `/staff/procurement?fy=${props.fiscalYear}`}>{t('procurement.staff.cancel')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}

// ---------------------------------------------------------------- one procurement

function NoticeForm(props: { action: string; state: FormState; kinds: readonly string[] }) {
  const t = useT();
  const s = props.state;
  return (
    <Form action={props.action} multipart class="proc-notice-form">
      <ErrorSummary errors={s.errors} />
      <p class="field__hint">{t('procurement.notices.lead')}</p>
      {props.kinds.length > 1 ? (
        <SelectField
          name="kind"
          label="procurement.notices.fields.kind"
          value={val(s, 'kind')}
          errors={s.errors}
          placeholder="procurement.staff.choose"
          options={props.kinds.map((k) => ({ value: k, text: t(`procurement.notices.kinds.${k}`) }))}
        />
      ) : (
        <input type="hidden" name="kind" value={props.kinds[0]} />
      )}
      <TextField name="title" label="procurement.notices.fields.title" value={val(s, 'title')} errors={s.errors} />
      <TextField
        name="noticeDate"
        label="procurement.notices.fields.noticeDate"
        hint="procurement.fields.dateHint"
        value={val(s, 'noticeDate')}
        errors={s.errors}
        width="s"
      />
      <FileField
        name="file"
        label="procurement.notices.fields.file"
        hint="procurement.notices.fields.fileHint"
        accept="application/pdf,.pdf"
        errors={s.errors}
      />
      <Button type="submit" variant="primary" icon="upload">
        {t('procurement.notices.publish')}
      </Button>
    </Form>
  );
}

export interface DetailProps {
  detail: ProcurementDetail;
  isPublic: boolean;
  canEdit: boolean;
  divisionName: string | null;
  bidForm: FormState;
  noticeForm: FormState;
}

export function DetailPage(props: DetailProps) {
  const t = useT();
  const locale = useLocale();
  const { procurement: p, bids, notices, history } = props.detail;
  const winnerOf = (name: string) => !!p.winnerName && p.winnerName.replace(/\s+/g, ' ').trim() === name.replace(/\s+/g, ' ').trim();
  const opt = (v: string | null | undefined) => v || '—';
  return (
    <StaffLayout title={p.title} head={css()}>
      <Breadcrumbs
        items={[
          { href: `/staff/procurement?fy=${p.fiscalYear}`, text: t('procurement.staff.yearTitle', { year: p.fiscalYear }) },
          { text: p.title },
        ]}
      />
      <PageHeader
        title={p.title}
        lead={
          <>
            <StatusTag status={p.status} /> {t(props.isPublic ? 'procurement.staff.isPublic' : 'procurement.staff.notPublic')}
          </>
        }
        actions={
          <>
            {props.canEdit ? (
              <ButtonLink href={`/staff/procurement/${p.id}/edit`} variant="primary" icon="pencil">
                {t('procurement.staff.edit')}
              </ButtonLink>
            ) : null}
            {props.isPublic ? (
              <ButtonLink href={`/procurement/${p.id}`} icon="external-link">
                {t('procurement.staff.publicPage')}
              </ButtonLink>
            ) : null}
            <ButtonLink href={`/staff/procurement/${p.id}/ocds.json`} icon="download">
              {t('procurement.staff.ocds')}
            </ButtonLink>
          </>
        }
      />
      <div class="proc-detail">
        <section class="card" aria-labelledby="details-title">
          <h2 class="card__title" id="details-title">
            {t('procurement.staff.details')}
          </h2>
          <SummaryList
            rows={[
              { key: t('procurement.fields.fiscalYear'), value: String(p.fiscalYear) },
              { key: t('procurement.fields.category'), value: t(`procurement.categories.${p.category}`) },
              { key: t('procurement.fields.method'), value: t(`procurement.methods.${p.method}`) },
              { key: t('procurement.fields.divisionId'), value: opt(props.divisionName) },
              { key: t('procurement.fields.budgetSource'), value: opt(p.budgetSource) },
              { key: t('procurement.fields.budgetSatang'), value: money(p.budgetSatang) },
              { key: t('procurement.fields.referencePriceSatang'), value: money(p.referencePriceSatang) },
              { key: t('procurement.fields.egpProjectNo'), value: opt(p.egpProjectNo) },
              { key: t('procurement.fields.announcedOn'), value: <Day d={p.announcedOn} /> },
              { key: t('procurement.fields.awardedOn'), value: <Day d={p.awardedOn} /> },
              ...(p.cancelReason ? [{ key: t('procurement.fields.cancelReason'), value: p.cancelReason }] : []),
              ...(p.note ? [{ key: t('procurement.fields.note'), value: p.note }] : []),
            ]}
          />
        </section>
        <section class="card" aria-labelledby="winner-title">
          <h2 class="card__title" id="winner-title">
            {t('procurement.staff.winner')}
          </h2>
          <SummaryList
            rows={[
              { key: t('procurement.fields.winnerName'), value: opt(p.winnerName) },
              { key: t('procurement.fields.winnerTaxId'), value: opt(p.winnerTaxId) },
              { key: t('procurement.fields.agreedPriceSatang'), value: money(p.agreedPriceSatang) },
              { key: t('procurement.fields.selectionReason'), value: opt(p.selectionReason) },
              { key: t('procurement.fields.contractNo'), value: opt(p.contractNo) },
              { key: t('procurement.fields.contractDate'), value: <Day d={p.contractDate} /> },
            ]}
          />
        </section>
      </div>

      <section class="card" aria-labelledby="bids-title" id="bids">
        <h2 class="card__title" id="bids-title">
          {t('procurement.bids.title')}
        </h2>
        {bids.length === 0 ? (
          <p class="muted">{t('procurement.bids.empty')}</p>
        ) : (
          <section class="table-wrap" tabindex={0} aria-labelledby="bids-title">
            <table class="table">
              <caption class="visually-hidden">{t('procurement.bids.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('procurement.bids.n')}
                  </th>
                  <th scope="col">{t('procurement.fields.bidderName')}</th>
                  <th scope="col">{t('procurement.fields.taxId')}</th>
                  <th scope="col" class="num">
                    {t('procurement.fields.priceSatang')}
                  </th>
                  {props.canEdit ? (
                    <th scope="col">
                      <span class="visually-hidden">{t('procurement.bids.remove')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {bids.map((b, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <th scope="row">
                      {b.bidderName} {winnerOf(b.bidderName) ? <Tag tone="success">{t('procurement.bids.winner')}</Tag> : null}
                    </th>
                    <td>{b.taxId ?? '—'}</td>
                    <td class="num">{money(b.priceSatang)}</td>
                    {props.canEdit ? (
                      <td>
                        <Form action={`/staff/procurement/${p.id}/bids/${b.id}/delete`} class="inline-form">
                          <Button type="submit" variant="quiet">
                            <span aria-hidden="true">{t('procurement.bids.remove')}</span>
                            <span class="visually-hidden">{t('procurement.bids.removeLabel', { name: b.bidderName })}</span>
                          </Button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {props.canEdit ? (
          <details class="proc-add" open={props.bidForm.errors.length > 0}>
            <summary>{t('procurement.bids.add')}</summary>
            <Form action={`/staff/procurement/${p.id}/bids`} class="proc-bid-form">
              <ErrorSummary errors={props.bidForm.errors} />
              <TextField
                name="bidderName"
                label="procurement.fields.bidderName"
                value={val(props.bidForm, 'bidderName')}
                errors={props.bidForm.errors}
              />
              <TextField
                name="taxId"
                label="procurement.fields.taxId"
                hint="procurement.fields.taxIdHint"
                value={val(props.bidForm, 'taxId')}
                errors={props.bidForm.errors}
                optional
                width="m"
                inputmode="numeric"
              />
              <TextField
                name="priceSatang"
                label="procurement.fields.priceSatang"
                value={val(props.bidForm, 'priceSatang')}
                errors={props.bidForm.errors}
                width="m"
                inputmode="decimal"
              />
              <Button type="submit" icon="plus">
                {t('procurement.bids.add')}
              </Button>
            </Form>
          </details>
        ) : null}
      </section>

      <section class="card" aria-labelledby="notices-title" id="notices">
        <h2 class="card__title" id="notices-title">
          {t('procurement.notices.title')}
        </h2>
        {notices.length === 0 ? (
          <p class="muted">{t('procurement.notices.empty')}</p>
        ) : (
          <ul class="proc-notices">
            {notices.map((n) => (
              <li>
                <Icon name="file-text" /> <strong>{t(`procurement.notices.kinds.${n.kind}`)}</strong> — {n.title} (<Day d={n.noticeDate} />){' '}
                {n.publicationId ? <a href={`/publications/${n.publicationId}`}>{t('procurement.notices.open')}</a> : null}
              </li>
            ))}
          </ul>
        )}
        {props.canEdit ? (
          <details class="proc-add" open={props.noticeForm.errors.length > 0}>
            <summary>{t('procurement.notices.add')}</summary>
            <NoticeForm
              action={`/staff/procurement/${p.id}/notices`}
              state={props.noticeForm}
              kinds={PROCUREMENT_NOTICE_KINDS.filter((k) => k !== 'plan')}
            />
          </details>
        ) : null}
      </section>

      <section class="card" aria-labelledby="history-title">
        <h2 class="card__title" id="history-title">
          {t('procurement.staff.history')}
        </h2>
        {history.length === 0 ? (
          <p class="muted">{t('procurement.staff.historyEmpty')}</p>
        ) : (
          <section class="table-wrap" tabindex={0} aria-labelledby="history-title">
            <table class="table">
              <caption class="visually-hidden">{t('procurement.staff.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('procurement.staff.when')}</th>
                  <th scope="col">{t('procurement.staff.who')}</th>
                  <th scope="col">{t('procurement.staff.what')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr>
                    <td>{beDateTime(h.at, locale)}</td>
                    <td>{h.actorLabel}</td>
                    <td>{h.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <p>
        <a href={`/staff/procurement?fy=${p.fiscalYear}`}>
          <Icon name="chevron-left" /> {t('procurement.staff.back')}
        </a>
      </p>
    </StaffLayout>
  );
}
