import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import { CsrfField, ErrorSummary, fieldId } from '../../../core/ui/components.js';
import { errorText, useAppContext, useT } from '../../../core/ui/context.js';
import { MAX_SUGGESTION, type SurveyTargets } from '../responses.js';
import type { FormDefinition, FormText } from '../schema.js';

/** Rating levels in the order printed on Thai forms: มากที่สุด (5) first. */
export const LEVELS = [5, 4, 3, 2, 1] as const;

/** The field names of the answering form. */
export const ratingField = (itemKey: string) => `r_${itemKey}`;
export const demographicField = (key: string) => `d_${key}`;

/** A form text in the page's language, with the language it is really in (a missing translation falls back to Thai). */
export function localText(t: FormText | undefined, locale: string): { text: string; lang: string } {
  if (!t) return { text: '', lang: 'th' };
  if (locale === 'en' && t.en?.trim()) return { text: t.en, lang: 'en' };
  if (locale === 'ms' && t.ms?.trim()) return { text: t.ms, lang: 'ms' };
  return { text: t.th, lang: 'th' };
}

/** A form text, marked with its language when it is not the page's (screen readers read it right). */
export function FormTextSpan(props: { text: FormText | undefined }) {
  const locale = useAppContext().get('locale');
  const x = localText(props.text, locale);
  return x.lang === locale ? x.text : <span lang={x.lang}>{x.text}</span>;
}

/** "s12" (a queue service) or "d3" (a division): what the respondent came for. */
export function aboutOptions(targets: SurveyTargets, locale: string) {
  const name = (x: { name: string; nameEn: string | null }) => (locale !== 'th' && x.nameEn ? x.nameEn : x.name);
  return {
    services: targets.services.map((s) => ({ value: `s${s.id}`, text: name(s) })),
    divisions: targets.divisions.map((d) => ({ value: `d${d.id}`, text: name(d) })),
  };
}

/** The choices of "what was the visit about": none, the queue services, the divisions. */
export function AboutOptions(props: { about: ReturnType<typeof aboutOptions>; selected: string }) {
  const t = useT();
  const { about, selected } = props;
  return (
    <>
      <option value="">{t('surveys.collect.fields.aboutNone')}</option>
      {about.services.length ? (
        <optgroup label={t('surveys.collect.fields.aboutServices')}>
          {about.services.map((o) => (
            <option value={o.value} selected={selected === o.value}>
              {o.text}
            </option>
          ))}
        </optgroup>
      ) : null}
      {about.divisions.length ? (
        <optgroup label={t('surveys.collect.fields.aboutDivisions')}>
          {about.divisions.map((o) => (
            <option value={o.value} selected={selected === o.value}>
              {o.text}
            </option>
          ))}
        </optgroup>
      ) : null}
    </>
  );
}

export function parseAbout(v: string | undefined | null): { serviceId: number | null; divisionId: number | null } | null {
  if (!v) return { serviceId: null, divisionId: null };
  const m = /^([sd])(\d{1,9})$/.exec(v);
  if (!m?.[2]) return null;
  const id = Number(m[2]);
  return m[1] === 's' ? { serviceId: id, divisionId: null } : { serviceId: null, divisionId: id };
}

export interface SurveyFormProps {
  def: FormDefinition;
  action: string;
  values: FormValues;
  errors: FieldError[];
  /** One per render: a double submit stores one response. */
  clientKey: string;
  /** Ask what the respondent came for (public link, tablet not fixed to a division); null: known (ticket) or fixed. */
  targets: SurveyTargets | null;
  /** A fixed "about" value sent with the form (the tablet of one division or service). */
  fixedAbout?: string | null;
  kiosk?: boolean;
}

function value(values: FormValues, k: string): string {
  const x = values[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
}

/**
 * The satisfaction form: one fieldset per question with five native radio buttons drawn as large
 * targets (the level's number and word visible; arrow keys move within a question), optional
 * general questions, the suggestion box. Works without JavaScript; everything filled is kept when
 * the server sends it back with errors.
 */
export function SurveyForm(props: SurveyFormProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const errorOf = (field: string) => props.errors.find((e) => e.field === field);
  let n = 0;
  const total = props.def.groups.reduce((s, g) => s + g.items.length, 0);
  const about = props.targets ? aboutOptions(props.targets, locale) : null;
  const aboutError = errorOf('about');
  const suggestionError = errorOf('suggestion');
  return (
    <form
      method="post"
      action={props.action}
      class={`survey${props.kiosk ? ' survey--kiosk' : ''}`}
      novalidate
      data-survey-form
      data-sending={t('surveys.collect.sending')}
    >
      <CsrfField />
      <input type="hidden" name="key" value={props.clientKey} />
      {props.fixedAbout ? (
        <>
          <input type="hidden" name="about" value={props.fixedAbout} />
          <input type="hidden" name="fixed" value="1" />
        </>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p class="survey__required">{t('surveys.collect.required', { n: total })}</p>
      {about && (about.services.length > 0 || about.divisions.length > 0) ? (
        <div class={`field survey__about${aboutError ? ' field--error' : ''}`}>
          <label class="field__label" for={fieldId('about')}>
            {t('surveys.collect.fields.about')}
            <span class="field__optional"> {t('core.optional')}</span>
          </label>
          <p class="field__hint" id="about-hint">
            {t('surveys.collect.fields.aboutHint')}
          </p>
          {aboutError ? (
            <p class="field__error" id="about-error">
              {errorText(t, aboutError)}
            </p>
          ) : null}
          <select
            class="input select"
            id={fieldId('about')}
            name="about"
            aria-describedby={aboutError ? 'about-hint about-error' : 'about-hint'}
            aria-invalid={aboutError ? 'true' : undefined}
          >
            <AboutOptions about={about} selected={value(props.values, 'about')} />
          </select>
        </div>
      ) : null}
      <p class="survey__scale-hint" aria-hidden="true">
        {t('surveys.collect.scaleHint')}
      </p>
      {props.def.groups.map((g) => (
        <section class="survey-group" aria-labelledby={`group-${g.key}`}>
          <h2 class="survey-group__title" id={`group-${g.key}`}>
            <FormTextSpan text={g.title} />
          </h2>
          {g.items.map((item) => {
            n++;
            const err = errorOf(item.key);
            const chosen = value(props.values, ratingField(item.key));
            return (
              <fieldset
                class={`survey-q${err ? ' survey-q--error' : ''}`}
                aria-describedby={err ? `q-${item.key}-error` : undefined}
                aria-invalid={err ? 'true' : undefined}
              >
                <legend class="survey-q__text">
                  <span class="survey-q__n">{n}.</span> <FormTextSpan text={item.text} />
                </legend>
                {err ? (
                  <p class="field__error" id={`q-${item.key}-error`}>
                    {errorText(t, err)}
                  </p>
                ) : null}
                <div class="survey-scale">
                  {LEVELS.map((lv, i) => (
                    <label class="survey-choice">
                      <input
                        class="survey-choice__input"
                        type="radio"
                        name={ratingField(item.key)}
                        value={String(lv)}
                        id={i === 0 ? fieldId(item.key) : undefined}
                        checked={chosen === String(lv)}
                      />
                      <span class="survey-choice__n">{lv}</span>
                      <span class="survey-choice__word">{t(`surveys.levels.${lv}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </section>
      ))}
      {props.def.demographics.length ? (
        <section class="survey-group survey-about-you" aria-labelledby="group-demographics">
          <h2 class="survey-group__title" id="group-demographics">
            {t('surveys.collect.demographics.title')} <span class="field__optional">{t('core.optional')}</span>
          </h2>
          <p class="field__hint">{t('surveys.collect.demographics.hint')}</p>
          <div class="survey-about-you__grid">
            {props.def.demographics.map((d) => {
              const err = errorOf(`demographics.${d.key}`);
              const id = fieldId(`demographics.${d.key}`);
              const chosen = value(props.values, demographicField(d.key));
              return (
                <div class={`field${err ? ' field--error' : ''}`}>
                  <label class="field__label" for={id}>
                    <FormTextSpan text={d.title} />
                  </label>
                  {err ? (
                    <p class="field__error" id={`${id}-error`}>
                      {errorText(t, err)}
                    </p>
                  ) : null}
                  <select
                    class="input select"
                    id={id}
                    name={demographicField(d.key)}
                    aria-describedby={err ? `${id}-error` : undefined}
                    aria-invalid={err ? 'true' : undefined}
                  >
                    <option value="">{t('surveys.collect.demographics.none')}</option>
                    {d.options.map((o) => (
                      <option value={o.key} selected={chosen === o.key}>
                        {localText(o.text, locale).text}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
        </section>
      ) : null}
      {props.def.suggestion ? (
        <div class={`field${suggestionError ? ' field--error' : ''}`}>
          <label class="field__label" for={fieldId('suggestion')}>
            {t('surveys.collect.fields.suggestion')}
            <span class="field__optional"> {t('core.optional')}</span>
          </label>
          <p class="field__hint" id="suggestion-hint">
            {t('surveys.collect.fields.suggestionHint', { max: MAX_SUGGESTION })}
          </p>
          {suggestionError ? (
            <p class="field__error" id="suggestion-error">
              {errorText(t, suggestionError)}
            </p>
          ) : null}
          <textarea
            class="input textarea"
            id={fieldId('suggestion')}
            name="suggestion"
            rows={props.kiosk ? 3 : 4}
            maxlength={MAX_SUGGESTION}
            aria-describedby={suggestionError ? 'suggestion-hint suggestion-error' : 'suggestion-hint'}
            aria-invalid={suggestionError ? 'true' : undefined}
          >
            {value(props.values, 'suggestion')}
          </textarea>
        </div>
      ) : null}
      <div class="form-actions">
        <button class="button button--primary survey__submit" type="submit">
          <span>{t('surveys.collect.submit')}</span>
        </button>
      </div>
    </form>
  );
}
