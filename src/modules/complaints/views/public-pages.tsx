import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from '../../../core/http/anti-spam.js';
import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import type { Locale } from '../../../core/i18n/i18n.js';
import { parseIsoDay } from '../../../core/thai/bangkok.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  Form,
  fieldId,
  Icon,
  SelectField,
  SummaryList,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { errorText, useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { formatReceiptCode } from '../receipt.js';
import {
  ACK_DAYS,
  ATTACHMENT_BYTES_MAX,
  ATTACHMENTS_MAX,
  ATTACHMENTS_TOTAL_BYTES_MAX,
  DESCRIPTION_MAX,
  NATIONAL_CHANNELS,
  SHORT_TEXT_MAX,
  SUBJECT_MAX,
} from '../rules.js';
import { COMPLAINT_CATEGORIES } from '../schema.js';
import type { ReporterView } from '../track.js';

const useLocale = (): Locale => useAppContext().get('locale');

function dayText(iso: string, locale: Locale): string {
  const d = parseIsoDay(iso);
  // Noon UTC of the day is the same day in Bangkok.
  return d ? beDate(new Date(Date.UTC(d.year, d.month - 1, d.day, 5)), locale) : iso;
}

function Layout(props: { title: string; crumbs: { href?: string; text: string }[]; children?: unknown; description?: string }) {
  const t = useT();
  return (
    <PublicLayout
      title={props.title}
      head={<link rel="stylesheet" href={assetUrl('complaints.css')} />}
      meta={{ description: props.description ?? t('complaints.public.hereTitle') }}
    >
      <Breadcrumbs items={[{ href: '/', text: t('home.nav.home') }, ...props.crumbs]} />
      {props.children as never}
    </PublicLayout>
  );
}

function NationalChannels() {
  const t = useT();
  return (
    <ul class="complaints-links">
      {NATIONAL_CHANNELS.map((ch) => (
        <li>
          <a href={ch.href} rel="noopener noreferrer">
            {t(`complaints.national.${ch.key}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The honeypot: hidden from everyone (CSS, aria-hidden, out of the tab order), labelled for the odd reader that finds it. */
function Honeypot() {
  const t = useT();
  return (
    <div class="complaints-hp" aria-hidden="true">
      <label for="f-hp">{t('complaints.form.honeypot')}</label>
      <input id="f-hp" type="text" name={HONEYPOT_FIELD} value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}

/** Several files in one input (FileField takes one). */
function FilesField(props: { errors: FieldError[]; name?: string }) {
  const t = useT();
  const name = props.name ?? 'attachments';
  const id = fieldId(name);
  const errs = props.errors.filter((e) => e.field === name);
  return (
    <div class={`field${errs.length ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {t('complaints.form.fields.attachments')}
        <span class="field__optional"> {t('core.optional')}</span>
      </label>
      <p class="field__hint" id={`${id}-hint`}>
        {t('complaints.form.hints.attachments', {
          max: ATTACHMENTS_MAX,
          size: ATTACHMENT_BYTES_MAX / 1024 / 1024,
          total: ATTACHMENTS_TOTAL_BYTES_MAX / 1024 / 1024,
        })}
      </p>
      {errs.map((e, i) => (
        <p class="field__error" id={`${id}-error-${i}`}>
          <span class="visually-hidden">{t('core.errorSummary.title')}: </span>
          {errorText(t, e)}
        </p>
      ))}
      <input
        class="input input--file"
        type="file"
        id={id}
        name={name}
        multiple
        accept="image/jpeg,image/png,image/webp,application/pdf"
        aria-describedby={[`${id}-hint`, ...errs.map((_, i) => `${id}-error-${i}`)].join(' ')}
        aria-invalid={errs.length ? 'true' : undefined}
      />
    </div>
  );
}

export function ComplaintsPage(props: { org: string; values: FormValues; errors: FieldError[]; token: string }) {
  const t = useT();
  const { values, errors } = props;
  const v = (k: string) => formValue(values, k);
  const mode = v('identityMode') === 'named' ? 'named' : 'anonymous';
  return (
    <Layout
      title={t('complaints.public.title')}
      crumbs={[{ text: t('complaints.public.title') }]}
      description={t('complaints.public.lead', { org: props.org })}
    >
      <div class="complaints-narrow">
        <h1>{t('complaints.public.title')}</h1>
        <p class="complaints-lead">{t('complaints.public.lead', { org: props.org })}</p>
        <ul class="complaints-actions">
          <li>
            <a href="/complaints/track">
              <Icon name="search" /> {t('complaints.public.trackLink')}
            </a>
          </li>
          <li>
            <a href="/complaints/guide">
              <Icon name="file-text" /> {t('complaints.public.guideLink')}
            </a>
          </li>
          <li>
            <a href="/complaints/stats">
              <Icon name="gauge" /> {t('complaints.public.statsLink')}
            </a>
          </li>
        </ul>
        <section aria-labelledby="c-here">
          <h2 id="c-here">{t('complaints.public.hereTitle')}</h2>
          <p>{t('complaints.public.here')}</p>
        </section>
        <section aria-labelledby="c-elsewhere">
          <h2 id="c-elsewhere">{t('complaints.public.elsewhereTitle')}</h2>
          <p>{t('complaints.public.elsewhere')}</p>
          <NationalChannels />
        </section>
        <section aria-labelledby="c-privacy" class="complaints-privacy">
          <h2 id="c-privacy">{t('complaints.public.privacyTitle')}</h2>
          <ul>
            {[1, 2, 3, 4, 5].map((i) => (
              <li>{t(`complaints.public.privacy${i}`)}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="c-form" class="complaints-form">
          <h2 id="c-form">{t('complaints.public.formTitle')}</h2>
          <p>{t('complaints.public.formLead')}</p>
          <ErrorSummary errors={errors} />
          <Form action="/complaints" multipart>
            <input type="hidden" name={FORM_TOKEN_FIELD} value={props.token} />
            <SelectField
              name="category"
              label="complaints.form.fields.category"
              value={v('category')}
              errors={errors}
              placeholder="complaints.form.placeholderCategory"
              options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, text: t(`complaints.categories.${c}`) }))}
            />
            <TextField
              name="subject"
              label="complaints.form.fields.subject"
              hint="complaints.form.hints.subject"
              value={v('subject')}
              errors={errors}
              maxlength={SUBJECT_MAX}
            />
            <TextArea
              name="description"
              label="complaints.form.fields.description"
              hint="complaints.form.hints.description"
              value={v('description')}
              errors={errors}
              rows={8}
              maxlength={DESCRIPTION_MAX}
            />
            <TextField
              name="occurredWhen"
              label="complaints.form.fields.occurredWhen"
              hint="complaints.form.hints.occurredWhen"
              value={v('occurredWhen')}
              errors={errors}
              optional
              maxlength={SHORT_TEXT_MAX}
            />
            <TextField
              name="place"
              label="complaints.form.fields.place"
              hint="complaints.form.hints.place"
              value={v('place')}
              errors={errors}
              optional
              maxlength={SHORT_TEXT_MAX}
            />
            <TextField
              name="involved"
              label="complaints.form.fields.involved"
              hint="complaints.form.hints.involved"
              value={v('involved')}
              errors={errors}
              optional
              maxlength={SHORT_TEXT_MAX}
            />
            <FilesField errors={errors} />
            <ChoiceGroup
              kind="radio"
              name="identityMode"
              label="complaints.form.fields.identityMode"
              value={mode}
              errors={errors}
              options={[
                { value: 'anonymous', text: t('complaints.form.anonymous'), hint: t('complaints.form.anonymousHint') },
                { value: 'named', text: t('complaints.form.named'), hint: t('complaints.form.namedHint') },
              ]}
            />
            <fieldset class="fieldset complaints-identity">
              <legend class="field__label">{t('complaints.form.identityTitle')}</legend>
              <p class="field__hint">{t('complaints.form.hints.identity')}</p>
              <TextField
                name="name"
                label="complaints.form.fields.name"
                value={v('name')}
                errors={errors}
                optional
                autocomplete="name"
                maxlength={300}
              />
              <TextField
                name="phone"
                label="complaints.form.fields.phone"
                value={v('phone')}
                errors={errors}
                optional
                type="tel"
                autocomplete="tel"
                width="m"
                maxlength={30}
              />
              <TextField
                name="email"
                label="complaints.form.fields.email"
                value={v('email')}
                errors={errors}
                optional
                type="email"
                autocomplete="email"
                maxlength={300}
              />
              <TextArea
                name="address"
                label="complaints.form.fields.address"
                value={v('address')}
                errors={errors}
                optional
                rows={2}
                maxlength={300}
              />
              <ChoiceGroup
                kind="checkbox"
                name="mayContact"
                label="complaints.form.fields.mayContact"
                value={values.mayContact ?? null}
                errors={errors}
                optional
                options={[{ value: 'yes', text: t('complaints.form.mayContactLabel') }]}
              />
            </fieldset>
            <Honeypot />
            <Button icon="shield-check">{t('complaints.form.submit')}</Button>
          </Form>
        </section>
      </div>
    </Layout>
  );
}

export function ReceiptPage(props: { code: string; receivedOn: string; ackDueOn: string; pdfToken: string }) {
  const t = useT();
  const locale = useLocale();
  const grouped = formatReceiptCode(props.code);
  return (
    <Layout
      title={t('complaints.receipt.title')}
      crumbs={[{ href: '/complaints', text: t('complaints.public.title') }, { text: t('complaints.receipt.title') }]}
    >
      <div class="complaints-narrow">
        <div class="banner banner--success" role="status">
          <Icon name="circle-check" size={24} />
          <div class="banner__body">
            <h1 class="banner__title">{t('complaints.receipt.title')}</h1>
            <p>{t('complaints.receipt.ackDue', { days: ACK_DAYS, date: dayText(props.ackDueOn, locale) })}</p>
          </div>
        </div>
        <section class="receipt-box" aria-labelledby="receipt-code-label">
          <h2 id="receipt-code-label" class="receipt-box__label">
            {t('complaints.receipt.codeLabel')}
          </h2>
          <p class="receipt-box__code" id="receipt-code" data-receipt-code={props.code} lang="en">
            {grouped.split(' ').map((g) => (
              <span class="receipt-box__group">{g}</span>
            ))}
          </p>
          <p class="receipt-box__warn">
            <Icon name="triangle-alert" /> {t('complaints.receipt.writeDown')}
          </p>
        </section>
        <p>{t('complaints.receipt.use')}</p>
        <div class="complaints-buttons">
          <Form action="/complaints/receipt.pdf">
            <input type="hidden" name="t" value={props.pdfToken} />
            <Button icon="download" variant="secondary">
              {t('complaints.receipt.download')}
            </Button>
          </Form>
          <ButtonLink href="/complaints/track" variant="primary" icon="search">
            {t('complaints.receipt.track')}
          </ButtonLink>
        </div>
      </div>
    </Layout>
  );
}

export function ReceiptGonePage(props: { expired?: boolean }) {
  const t = useT();
  return (
    <Layout
      title={t('complaints.receipt.goneTitle')}
      crumbs={[{ href: '/complaints', text: t('complaints.public.title') }, { text: t('complaints.receipt.goneTitle') }]}
    >
      <div class="complaints-narrow">
        <h1>{t('complaints.receipt.goneTitle')}</h1>
        <p>{t(props.expired ? 'complaints.receipt.expired' : 'complaints.receipt.gone')}</p>
        <ButtonLink href="/complaints/track" variant="primary" icon="search">
          {t('complaints.receipt.track')}
        </ButtonLink>
      </div>
    </Layout>
  );
}

export function TrackPage(props: { values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <Layout
      title={t('complaints.track.title')}
      crumbs={[{ href: '/complaints', text: t('complaints.public.title') }, { text: t('complaints.track.title') }]}
    >
      <div class="complaints-narrow">
        <h1>{t('complaints.track.title')}</h1>
        <p class="complaints-lead">{t('complaints.track.lead')}</p>
        <ErrorSummary errors={props.errors} />
        <Form action="/complaints/track">
          <TextField
            name="receiptCode"
            label="complaints.track.code"
            value={formValue(props.values, 'receiptCode')}
            errors={props.errors}
            inputmode="numeric"
            autocomplete="off"
            spellcheck={false}
            width="m"
            maxlength={40}
          />
          <Button icon="search">{t('complaints.track.submit')}</Button>
        </Form>
        <p>
          <a href="/complaints">
            <Icon name="chevron-left" size={18} /> {t('complaints.public.title')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export function TrackStatusPage(props: {
  view: ReporterView;
  code: string;
  token: string;
  values: FormValues;
  errors: FieldError[];
  added?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const { view } = props;
  return (
    <Layout
      title={t('complaints.track.statusTitle')}
      crumbs={[{ href: '/complaints', text: t('complaints.public.title') }, { text: t('complaints.track.title') }]}
    >
      <div class="complaints-narrow">
        <h1>{t('complaints.track.statusTitle')}</h1>
        {props.added ? (
          <Banner tone="success" role="status">
            {t('complaints.track.added')}
          </Banner>
        ) : null}
        <SummaryList
          rows={[
            {
              key: t('complaints.track.status'),
              value: <strong class="complaints-status">{t(`complaints.statuses.${view.status}`)}</strong>,
            },
            { key: t('complaints.track.category'), value: t(`complaints.categories.${view.category}`) },
            { key: t('complaints.track.subject'), value: view.subject },
            { key: t('complaints.track.receivedOn'), value: dayText(view.receivedOn, locale) },
            {
              key: t('complaints.track.ackDue'),
              value: view.acknowledged ? t('complaints.track.ackDone') : dayText(view.ackDueOn, locale),
            },
            { key: t('complaints.track.files'), value: t('complaints.track.filesCount', { n: view.attachments }) },
          ]}
        />
        <h2>{t('complaints.track.historyTitle')}</h2>
        {view.history.length ? (
          <ol class="complaints-history">
            {view.history.map((e) => (
              <li class={`complaints-history__item${e.fromReporter ? ' complaints-history__item--mine' : ''}`}>
                <p class="complaints-history__head">
                  <span class="muted">{dayText(e.on, locale)}</span> ·{' '}
                  <strong>
                    {e.kind === 'status' && e.status
                      ? t('complaints.track.statusChange', { status: t(`complaints.statuses.${e.status}`) })
                      : e.fromReporter
                        ? t('complaints.track.fromReporter')
                        : t('complaints.track.fromOfficer')}
                  </strong>
                </p>
                {e.text ? (
                  <p class="complaints-pre">{e.text}</p>
                ) : e.kind === 'message' ? (
                  <p class="muted">{t('complaints.track.filesOnly')}</p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('complaints.track.historyNone')}</p>
        )}
        <section aria-labelledby="c-add" class="complaints-form">
          <h2 id="c-add">{t('complaints.track.addTitle')}</h2>
          <p>{t('complaints.track.addLead')}</p>
          <ErrorSummary errors={props.errors} />
          <Form action="/complaints/track/message" multipart>
            <input type="hidden" name="receiptCode" value={props.code} />
            <input type="hidden" name={FORM_TOKEN_FIELD} value={props.token} />
            <TextArea
              name="message"
              label="complaints.form.fields.message"
              value={formValue(props.values, 'message')}
              errors={props.errors}
              rows={5}
              maxlength={5000}
            />
            <FilesField errors={props.errors} />
            <Honeypot />
            <Button icon="shield-check">{t('complaints.track.addSubmit')}</Button>
          </Form>
        </section>
        <p class="complaints-keep">
          <Icon name="lock" /> {t('complaints.track.keepSafe')}
        </p>
        <p>
          <a href="/complaints/track">{t('complaints.track.leave')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function GuidePage(props: { org: string }) {
  const t = useT();
  const days = ACK_DAYS;
  return (
    <Layout
      title={t('complaints.guide.title')}
      crumbs={[{ href: '/complaints', text: t('complaints.public.title') }, { text: t('complaints.guide.title') }]}
      description={t('complaints.guide.lead', { org: props.org })}
    >
      <div class="complaints-narrow">
        <h1>{t('complaints.guide.title')}</h1>
        <p class="complaints-lead">{t('complaints.guide.lead', { org: props.org })}</p>
        <h2>{t('complaints.guide.stepsTitle')}</h2>
        <ol class="complaints-steps">
          {[1, 2, 3, 4, 5].map((i) => (
            <li>{t(`complaints.guide.step${i}`, { days })}</li>
          ))}
        </ol>
        <h2>{t('complaints.guide.deadlinesTitle')}</h2>
        <ul>
          <li>{t('complaints.guide.deadline1', { days })}</li>
          <li>{t('complaints.guide.deadline2')}</li>
        </ul>
        <h2>{t('complaints.guide.protectionTitle')}</h2>
        <ul>
          {[1, 2, 3, 4, 5].map((i) => (
            <li>{t(`complaints.guide.protection${i}`)}</li>
          ))}
        </ul>
        <h2>{t('complaints.national.title')}</h2>
        <NationalChannels />
        <ButtonLink href="/complaints#c-form" variant="primary" icon="shield-check">
          {t('complaints.guide.start')}
        </ButtonLink>
      </div>
    </Layout>
  );
}
