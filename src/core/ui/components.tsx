import { raw } from 'hono/html';
import type { Child, PropsWithChildren } from 'hono/jsx';
import { csrfTokenFor } from '../http/csrf.js';
import type { FieldError } from '../http/errors.js';
import { errorText, useAppContext, useT } from './context.js';
import { type IconName, iconSvg } from './icons.js';

export function Icon({ name, size }: { name: IconName; size?: number }) {
  return raw(iconSvg(name, size));
}

/** The hidden field every state-changing form carries; the server refuses a POST without it. */
export function CsrfField() {
  const c = useAppContext();
  return <input type="hidden" name="_csrf" value={csrfTokenFor(c)} />;
}

export function Form(
  props: PropsWithChildren<{
    action?: string;
    method?: 'post' | 'get';
    multipart?: boolean;
    class?: string;
    id?: string;
    'aria-label'?: string;
  }>,
) {
  const method = props.method ?? 'post';
  return (
    <form
      action={props.action}
      method={method}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class}
      id={props.id}
      aria-label={props['aria-label']}
      novalidate
    >
      {method === 'post' ? <CsrfField /> : null}
      {props.children}
    </form>
  );
}

/** GOV.UK's error summary: at the top of the form, each message linked to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title" class="error-summary__title">
        <Icon name="circle-alert" /> {t('core.errorSummary.title')}
      </h2>
      <ul class="error-summary__list">
        {errors.map((e) => (
          <li>{e.field === '_' ? errorText(t, e) : <a href={`#${fieldId(e.field)}`}>{errorText(t, e)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

function findError(errors: FieldError[] | undefined, name: string) {
  return errors?.find((e) => e.field === name);
}

interface FieldProps {
  name: string;
  /** Catalog key of the label. */
  label: string;
  hint?: string;
  errors?: FieldError[];
  optional?: boolean;
}

function FieldShell(props: PropsWithChildren<FieldProps & { labelFor?: string }>) {
  const t = useT();
  const error = findError(props.errors, props.name);
  const id = fieldId(props.name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={props.labelFor ?? id}>
        {t(props.label)}
        {props.optional ? <span class="field__optional"> {t('core.optional')}</span> : null}
      </label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {t(props.hint)}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">{t('core.errorSummary.title')}: </span>
          {errorText(t, error)}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(props: FieldProps) {
  const id = fieldId(props.name);
  const ids = [props.hint ? `${id}-hint` : '', findError(props.errors, props.name) ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string | null;
    type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date' | 'color' | 'search';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'text';
    width?: 'xs' | 's' | 'm' | 'l' | 'full';
    maxlength?: number;
    spellcheck?: boolean;
    lang?: string;
  },
) {
  const error = findError(props.errors, props.name);
  return (
    <FieldShell {...props}>
      <input
        class={`input input--${props.width ?? 'full'}`}
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? undefined)}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        spellcheck={props.spellcheck}
        lang={props.lang}
        aria-describedby={describedBy(props)}
        aria-invalid={error ? 'true' : undefined}
        required={props.optional ? undefined : true}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { value?: string | null; rows?: number; maxlength?: number }) {
  const error = findError(props.errors, props.name);
  return (
    <FieldShell {...props}>
      <textarea
        class="input textarea"
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        maxlength={props.maxlength}
        aria-describedby={describedBy(props)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export interface Option {
  value: string;
  /** Already translated text. */
  text: string;
  hint?: string;
}

export function SelectField(props: FieldProps & { value?: string | null; options: Option[]; placeholder?: string }) {
  const error = findError(props.errors, props.name);
  const t = useT();
  return (
    <FieldShell {...props}>
      <select
        class="input select"
        id={fieldId(props.name)}
        name={props.name}
        aria-describedby={describedBy(props)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.placeholder ? <option value="">{t(props.placeholder)}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.text}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Radio or checkbox group in a fieldset, with large hit areas. */
export function ChoiceGroup(
  props: FieldProps & { kind: 'radio' | 'checkbox'; options: Option[]; value?: string | string[] | null; inline?: boolean },
) {
  const t = useT();
  const error = findError(props.errors, props.name);
  const id = fieldId(props.name);
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  const inputName = props.kind === 'checkbox' ? `${props.name}[]` : props.name;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(props)} id={id}>
        <legend class="field__label">
          {t(props.label)}
          {props.optional ? <span class="field__optional"> {t('core.optional')}</span> : null}
        </legend>
        {props.hint ? (
          <p class="field__hint" id={`${id}-hint`}>
            {t(props.hint)}
          </p>
        ) : null}
        {error ? (
          <p class="field__error" id={`${id}-error`}>
            {errorText(t, error)}
          </p>
        ) : null}
        {props.kind === 'checkbox' ? <input type="hidden" name={inputName} value="" /> : null}
        <div class={`choices${props.inline ? ' choices--inline' : ''}`}>
          {props.options.map((o, i) => (
            <div class="choice">
              <input
                class="choice__input"
                type={props.kind}
                id={`${id}-${i}`}
                name={inputName}
                value={o.value}
                checked={selected.has(o.value)}
                aria-describedby={o.hint ? `${id}-${i}-hint` : undefined}
              />
              <label class="choice__label" for={`${id}-${i}`}>
                {o.text}
                {o.hint ? (
                  <span class="choice__hint" id={`${id}-${i}-hint`}>
                    {o.hint}
                  </span>
                ) : null}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function FileField(props: FieldProps & { accept?: string }) {
  const error = findError(props.errors, props.name);
  return (
    <FieldShell {...props}>
      <input
        class="input input--file"
        type="file"
        id={fieldId(props.name)}
        name={props.name}
        accept={props.accept}
        aria-describedby={describedBy(props)}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldShell>
  );
}

type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export function Button(
  props: PropsWithChildren<{
    variant?: ButtonVariant;
    type?: 'submit' | 'button';
    name?: string;
    value?: string;
    icon?: IconName;
    class?: string;
  }>,
) {
  return (
    <button
      class={`button button--${props.variant ?? 'primary'}${props.class ? ` ${props.class}` : ''}`}
      type={props.type ?? 'submit'}
      name={props.name}
      value={props.value}
    >
      {props.icon ? <Icon name={props.icon} /> : null}
      <span>{props.children}</span>
    </button>
  );
}

export function ButtonLink(props: PropsWithChildren<{ href: string; variant?: ButtonVariant; icon?: IconName }>) {
  return (
    <a class={`button button--${props.variant ?? 'secondary'}`} href={props.href}>
      {props.icon ? <Icon name={props.icon} /> : null}
      <span>{props.children}</span>
    </a>
  );
}

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';
const TONE_ICON: Record<Tone, IconName> = {
  success: 'circle-check',
  warning: 'triangle-alert',
  danger: 'circle-alert',
  info: 'info',
  neutral: 'info',
};

/** A status tag: color plus an icon plus a word, never color alone. */
export function Tag(props: PropsWithChildren<{ tone?: Tone; icon?: IconName | false }>) {
  const tone = props.tone ?? 'neutral';
  return (
    <strong class={`tag tag--${tone}`}>
      {props.icon === false ? null : <Icon name={props.icon ?? TONE_ICON[tone]} size={16} />}
      {props.children}
    </strong>
  );
}

/**
 * A module's status tag component: the tone from its map, the text from the status's message
 * key, e.g. statusTag(TONE, (s) => `news.status.${s}`).
 */
export function statusTag<S extends string>(tones: Record<S, Tone>, key: (status: S) => string) {
  return function StatusTag({ status }: { status: S }) {
    const t = useT();
    return <Tag tone={tones[status]}>{t(key(status))}</Tag>;
  };
}

export function Banner(props: PropsWithChildren<{ tone?: Tone; title?: Child; role?: 'status' | 'alert' }>) {
  const tone = props.tone ?? 'info';
  return (
    <div class={`banner banner--${tone}`} role={props.role ?? (tone === 'danger' ? 'alert' : 'status')}>
      <Icon name={TONE_ICON[tone]} size={24} />
      <div class="banner__body">
        {props.title ? <p class="banner__title">{props.title}</p> : null}
        {props.children}
      </div>
    </div>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; text: string }[] }) {
  const t = useT();
  return (
    <nav class="breadcrumbs" aria-label={t('core.layout.breadcrumb')}>
      <ol>
        {items.map((i, n) => (
          <li>{i.href && n < items.length - 1 ? <a href={i.href}>{i.text}</a> : <span aria-current="page">{i.text}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** Previous/next pagination for keyset-paged lists (no page counts: the lists may be huge). */
export function Pagination({ prevHref, nextHref }: { prevHref?: string | null; nextHref?: string | null }) {
  const t = useT();
  if (!prevHref && !nextHref) return null;
  return (
    <nav class="pagination" aria-label={t('core.pagination.label')}>
      {prevHref ? (
        <a class="pagination__link" href={prevHref} rel="prev">
          <Icon name="chevron-left" /> {t('core.pagination.previous')}
        </a>
      ) : (
        <span />
      )}
      {nextHref ? (
        <a class="pagination__link" href={nextHref} rel="next">
          {t('core.pagination.next')} <Icon name="chevron-right" />
        </a>
      ) : null}
    </nav>
  );
}

export function PageHeader(props: PropsWithChildren<{ title: Child; lead?: Child; actions?: Child }>) {
  return (
    <div class="page-header">
      <div>
        <h1 class="page-header__title">{props.title}</h1>
        {props.lead ? <p class="page-header__lead">{props.lead}</p> : null}
      </div>
      {props.actions ? <div class="page-header__actions">{props.actions}</div> : null}
    </div>
  );
}

export function Card(props: PropsWithChildren<{ title?: Child; href?: string; icon?: IconName; class?: string }>) {
  return (
    <section class={`card${props.class ? ` ${props.class}` : ''}`}>
      {props.title ? (
        <h2 class="card__title">
          {props.icon ? <Icon name={props.icon} /> : null}
          {props.href ? <a href={props.href}>{props.title}</a> : props.title}
        </h2>
      ) : null}
      {props.children}
    </section>
  );
}

/** A list of terms and descriptions (record details). */
export function SummaryList({ rows }: { rows: { key: Child; value: Child }[] }) {
  return (
    <dl class="summary-list">
      {rows.map((r) => (
        <div class="summary-list__row">
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
