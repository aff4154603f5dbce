import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, CsrfField, ErrorSummary, fieldId, PageHeader } from '../../../core/ui/components.js';
import { errorText, useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { FormVersion } from '../forms.js';
import { MAX_PAPER_REF, MAX_SUGGESTION, type SurveyTargets } from '../responses.js';
import { AboutOptions, aboutOptions, demographicField, localText, ratingField } from './survey-form.js';

export const PAPER_PATH = '/staff/surveys/paper';

export interface PaperEntryProps {
  form: FormVersion;
  targets: SurveyTargets;
  values: FormValues;
  errors: FieldError[];
  clientKey: string;
  /** Just saved: the form number written on it ('' when none). */
  saved: { ref: string } | null;
  enteredToday: number;
  today: string;
}

function value(values: FormValues, k: string): string {
  const x = values[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
}

function Shell(props: { name: string; label: string; hint?: string; errors: FieldError[]; optional?: boolean; children: unknown }) {
  const t = useT();
  const err = props.errors.find((e) => e.field === props.name);
  const id = fieldId(props.name);
  return (
    <div class={`field${err ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {props.label}
        {props.optional ? <span class="field__optional"> {t('core.optional')}</span> : null}
      </label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {err ? (
        <p class="field__error" id={`${id}-error`}>
          {errorText(t, err)}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

const described = (name: string, errors: FieldError[], hint: boolean) => {
  const id = fieldId(name);
  const ids = [hint ? `${id}-hint` : '', errors.some((e) => e.field === name) ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
};

/**
 * Typing in paper forms, made for the keyboard: one digit per question (Tab or, with
 * JavaScript, straight on to the next), Enter saves. The date and "about" stay for the next form.
 */
export function PaperEntryPage(props: PaperEntryProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const def = props.form.definition;
  const about = aboutOptions(props.targets, locale);
  const errs = props.errors;
  const errFor = (k: string) => errs.find((e) => e.field === k);
  let n = 0;
  return (
    <StaffLayout
      title={t('surveys.collect.paper.title')}
      head={
        <>
          <link rel="stylesheet" href={assetUrl('survey.css')} />
          <script src={assetUrl('survey-kiosk.js')} defer />
        </>
      }
    >
      <PageHeader title={t('surveys.collect.paper.title')} lead={t('surveys.collect.paper.lead')} />
      {props.saved ? (
        <Banner tone="success" role="status">
          {t('surveys.collect.paper.saved', {
            ref: props.saved.ref ? t('surveys.collect.paper.savedRef', { ref: props.saved.ref }) : '',
          })}
        </Banner>
      ) : null}
      <p class="muted">
        {t('surveys.collect.paper.todayCount', { n: props.enteredToday })} ·{' '}
        {t('surveys.collect.paper.formVersion', { version: props.form.version })}
      </p>
      <form method="post" action={PAPER_PATH} class="survey-paper" novalidate data-survey-form data-sending={t('surveys.collect.sending')}>
        <CsrfField />
        <input type="hidden" name="key" value={props.clientKey} />
        <ErrorSummary errors={errs} />
        <div class="survey-paper__meta">
          <Shell
            name="submittedOn"
            label={t('surveys.collect.fields.submittedOn')}
            hint={t('surveys.collect.fields.submittedOnHint')}
            errors={errs}
          >
            <input
              class="input input--m"
              type="date"
              id={fieldId('submittedOn')}
              name="submittedOn"
              max={props.today}
              value={value(props.values, 'submittedOn')}
              aria-describedby={described('submittedOn', errs, true)}
              aria-invalid={errFor('submittedOn') ? 'true' : undefined}
              required
            />
          </Shell>
          <Shell
            name="paperRef"
            label={t('surveys.collect.fields.paperRef')}
            hint={t('surveys.collect.fields.paperRefHint')}
            errors={errs}
            optional
          >
            <input
              class="input input--s"
              type="text"
              id={fieldId('paperRef')}
              name="paperRef"
              maxlength={MAX_PAPER_REF}
              autocomplete="off"
              value={value(props.values, 'paperRef')}
              aria-describedby={described('paperRef', errs, true)}
              aria-invalid={errFor('paperRef') ? 'true' : undefined}
            />
          </Shell>
          <Shell name="about" label={t('surveys.collect.fields.about')} errors={errs} optional>
            <select
              class="input select"
              id={fieldId('about')}
              name="about"
              aria-describedby={described('about', errs, false)}
              aria-invalid={errFor('about') ? 'true' : undefined}
            >
              <AboutOptions about={about} selected={value(props.values, 'about')} />
            </select>
          </Shell>
        </div>
        <p class="survey-paper__key">{t('surveys.collect.paper.levelsKey')}</p>
        {def.groups.map((g) => (
          <fieldset class="survey-paper__group">
            <legend class="survey-paper__legend">{localText(g.title, locale).text}</legend>
            {g.items.map((item) => {
              n++;
              const err = errFor(item.key);
              const id = fieldId(item.key);
              return (
                <div class={`survey-paper__row${err ? ' field--error' : ''}`}>
                  <label class="survey-paper__label" for={id}>
                    <span class="survey-q__n">{n}.</span> {localText(item.text, locale).text}
                  </label>
                  <input
                    class="input survey-paper__digit"
                    type="text"
                    inputmode="numeric"
                    pattern="[1-5]"
                    maxlength={1}
                    autocomplete="off"
                    id={id}
                    name={ratingField(item.key)}
                    value={value(props.values, ratingField(item.key))}
                    aria-describedby={err ? `${id}-error` : `${fieldId('levels')}-hint`}
                    aria-invalid={err ? 'true' : undefined}
                    data-survey-digit
                  />
                  {err ? (
                    <p class="field__error survey-paper__error" id={`${id}-error`}>
                      {errorText(t, err)}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ))}
        <p class="visually-hidden" id={`${fieldId('levels')}-hint`}>
          {t('surveys.collect.paper.levelsKey')}
        </p>
        {def.demographics.length ? (
          <fieldset class="survey-paper__group">
            <legend class="survey-paper__legend">
              {t('surveys.collect.demographics.title')} <span class="field__optional">{t('core.optional')}</span>
            </legend>
            <div class="survey-paper__demo">
              {def.demographics.map((d) => {
                const name = `demographics.${d.key}`;
                return (
                  <Shell name={name} label={localText(d.title, locale).text} errors={errs}>
                    <select
                      class="input select"
                      id={fieldId(name)}
                      name={demographicField(d.key)}
                      aria-describedby={described(name, errs, false)}
                      aria-invalid={errFor(name) ? 'true' : undefined}
                    >
                      <option value="">{t('surveys.collect.demographics.none')}</option>
                      {d.options.map((o) => (
                        <option value={o.key} selected={value(props.values, demographicField(d.key)) === o.key}>
                          {localText(o.text, locale).text}
                        </option>
                      ))}
                    </select>
                  </Shell>
                );
              })}
            </div>
          </fieldset>
        ) : null}
        {def.suggestion ? (
          <Shell name="suggestion" label={t('surveys.collect.fields.suggestion')} errors={errs} optional>
            <textarea
              class="input textarea"
              id={fieldId('suggestion')}
              name="suggestion"
              rows={3}
              maxlength={MAX_SUGGESTION}
              aria-describedby={described('suggestion', errs, false)}
              aria-invalid={errFor('suggestion') ? 'true' : undefined}
            >
              {value(props.values, 'suggestion')}
            </textarea>
          </Shell>
        ) : null}
        <div class="form-actions">
          <button class="button button--primary" type="submit">
            <span>{t('surveys.collect.paper.submit')}</span>
          </button>
        </div>
      </form>
    </StaffLayout>
  );
}
