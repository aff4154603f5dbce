import type { FieldError } from '../../../core/http/errors.js';
import { bangkokIsoDay } from '../../../core/thai/bangkok.js';
import { formatThaiDate } from '../../../core/thai/dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, CsrfField, ErrorSummary, fieldId, Icon, PageHeader, Tag } from '../../../core/ui/components.js';
import { errorText, useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { type FormVersion, ratingItems } from '../forms.js';
import type { FormDefinition, FormText } from '../schema.js';

export const EDITOR_PATH = '/staff/admin/survey-form';
const LANGS = ['th', 'en', 'ms'] as const;

export interface FormEditorProps {
  draft: FormDefinition;
  versions: FormVersion[];
  counts: Map<number, number>;
  errors: FieldError[];
  /** The draft differs from the saved form (after adding or removing on the server, without JavaScript). */
  unsaved: boolean;
  /** Divisions, for the counter tablets' links. */
  divisions: { id: number; name: string; nameEn: string | null }[];
}

/** Three text boxes (Thai required; English and Malay fall back to Thai) for one text of the form. */
function TextSet(props: { name: string; legend: string; value: FormText | undefined; errors: FieldError[]; long?: boolean }) {
  const t = useT();
  const errs = props.errors.filter((e) => e.field.startsWith(`${props.name}.`));
  return (
    <fieldset class={`fieldset survey-editor-text${errs.length ? ' field--error' : ''}`}>
      <legend class="field__label">{props.legend}</legend>
      {errs.map((e) => (
        <p class="field__error" id={`${fieldId(e.field)}-error`}>
          {errorText(t, e)}
        </p>
      ))}
      <div class="survey-editor-text__langs">
        {LANGS.map((lang) => {
          const name = `${props.name}.${lang}`;
          const err = errs.find((e) => e.field === name);
          return (
            <div class="survey-editor-text__lang">
              <label class="survey-editor-text__label" for={fieldId(name)}>
                {t(`surveys.collect.editor.${lang}`)}
                {lang === 'th' ? null : <span class="field__optional"> {t('core.optional')}</span>}
              </label>
              <input
                class="input"
                type="text"
                id={fieldId(name)}
                name={name}
                lang={lang}
                maxlength={300}
                value={props.value?.[lang] ?? ''}
                aria-describedby={err ? `${fieldId(name)}-error` : undefined}
                aria-invalid={err ? 'true' : undefined}
                required={lang === 'th' ? true : undefined}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function when(d: Date, locale: string) {
  return locale === 'th' ? formatThaiDate(d, { style: 'short' }) : bangkokIsoDay(d);
}

/**
 * The form editor (admin, ITA coordinator): texts in three languages, questions and sections
 * added or removed (server round trips, no JavaScript needed), saved as a new version; the list
 * of versions with their response counts.
 */
export function FormEditorPage(props: FormEditorProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const d = props.draft;
  const current = props.versions[0];
  return (
    <StaffLayout title={t('surveys.collect.editor.title')} head={<link rel="stylesheet" href={assetUrl('survey.css')} />}>
      <PageHeader
        title={t('surveys.collect.editor.title')}
        lead={t('surveys.collect.editor.lead')}
        actions={
          <a class="button button--secondary" href="/survey">
            <Icon name="external-link" />
            <span>{t('surveys.collect.editor.preview')}</span>
          </a>
        }
      />
      {props.unsaved && !props.errors.length ? <Banner tone="info">{t('surveys.collect.editor.unsaved')}</Banner> : null}
      <form method="post" action={EDITOR_PATH} class="survey-editor" novalidate>
        <CsrfField />
        <ErrorSummary errors={props.errors} />
        {/* First in the form: Enter in a text box saves (the first submit button is the form's default). */}
        <p class="survey-editor__top">
          <button class="button button--primary" type="submit" name="op" value="save">
            <Icon name="circle-check" />
            <span>{t('surveys.collect.editor.save')}</span>
          </button>
        </p>
        <TextSet name="title" legend={t('surveys.collect.editor.formTitle')} value={d.title} errors={props.errors} />
        <TextSet name="intro" legend={t('surveys.collect.editor.intro')} value={d.intro} errors={props.errors} />
        <h2>{t('surveys.collect.editor.groups')}</h2>
        <p class="field__hint">{t('surveys.collect.editor.keyHint')}</p>
        {d.groups.map((g, gi) => (
          <section class="survey-editor-group" aria-labelledby={`editor-group-${gi}`}>
            <h3 id={`editor-group-${gi}`} class="survey-editor-group__title">
              {t('surveys.collect.editor.group', { n: gi + 1 })} <span class="survey-editor-key">{g.key}</span>
            </h3>
            <input type="hidden" name={`g${gi}.key`} value={g.key} />
            <TextSet name={`g${gi}.title`} legend={t('surveys.collect.editor.groupTitle')} value={g.title} errors={props.errors} />
            <ol class="survey-editor-items">
              {g.items.map((it, ii) => (
                <li class="survey-editor-item">
                  <input type="hidden" name={`g${gi}.i${ii}.key`} value={it.key} />
                  <TextSet
                    name={`g${gi}.i${ii}.text`}
                    legend={`${t('surveys.collect.editor.item', { group: gi + 1, item: ii + 1 })} · ${t('surveys.collect.editor.key')} ${it.key}`}
                    value={it.text}
                    errors={props.errors}
                  />
                  <button class="button button--quiet button--small" type="submit" name="op" value={`removeItem:${gi}:${ii}`}>
                    <Icon name="trash-2" size={18} />
                    <span>{t('surveys.collect.editor.removeItem', { group: gi + 1, item: ii + 1 })}</span>
                  </button>
                </li>
              ))}
            </ol>
            <p class="survey-editor-group__actions">
              <button class="button button--secondary button--small" type="submit" name="op" value={`addItem:${gi}`}>
                <Icon name="plus" size={18} />
                <span>{t('surveys.collect.editor.addItem')}</span>
              </button>
              <button class="button button--quiet button--small" type="submit" name="op" value={`removeGroup:${gi}`}>
                <Icon name="trash-2" size={18} />
                <span>{t('surveys.collect.editor.removeGroup', { n: gi + 1 })}</span>
              </button>
            </p>
          </section>
        ))}
        <p>
          <button class="button button--secondary" type="submit" name="op" value="addGroup">
            <Icon name="plus" />
            <span>{t('surveys.collect.editor.addGroup')}</span>
          </button>
        </p>
        <div class="choice">
          <input class="choice__input" type="checkbox" id={fieldId('suggestion')} name="suggestion" value="1" checked={d.suggestion} />
          <label class="choice__label" for={fieldId('suggestion')}>
            {t('surveys.collect.editor.suggestion')}
          </label>
        </div>
        <p class="field__hint">{t('surveys.collect.editor.demographicsNote')}</p>
        <div class="form-actions">
          <button class="button button--primary" type="submit" name="op" value="save">
            <Icon name="circle-check" />
            <span>{t('surveys.collect.editor.save')}</span>
          </button>
        </div>
      </form>
      <h2 id="links-title">{t('surveys.collect.editor.links')}</h2>
      <p class="field__hint">{t('surveys.collect.editor.linksHint')}</p>
      <ul class="survey-editor-links" aria-labelledby="links-title">
        <li>
          {t('surveys.collect.editor.publicLink')}: <a href="/survey">/survey</a>
        </li>
        <li>
          {t('surveys.collect.editor.tabletLink')}: <a href="/survey/kiosk">/survey/kiosk</a>
        </li>
        {props.divisions.map((d) => (
          <li>
            {t('surveys.collect.editor.tabletFor', { name: locale !== 'th' && d.nameEn ? d.nameEn : d.name })}:{' '}
            <a href={`/survey/kiosk?division=${d.id}`}>{`/survey/kiosk?division=${d.id}`}</a>
          </li>
        ))}
      </ul>
      <h2 id="versions-title">{t('surveys.collect.editor.versions')}</h2>
      <div class="table-wrap">
        <table class="table" aria-labelledby="versions-title">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('surveys.collect.editor.version')}
              </th>
              <th scope="col">{t('surveys.collect.editor.createdAt')}</th>
              <th scope="col" class="num">
                {t('surveys.collect.editor.items')}
              </th>
              <th scope="col" class="num">
                {t('surveys.collect.editor.responses')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('surveys.collect.editor.current')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr>
                <td class="num">{v.version}</td>
                <td>{when(v.createdAt, locale)}</td>
                <td class="num">{ratingItems(v.definition).length}</td>
                <td class="num">{(props.counts.get(v.id) ?? 0).toLocaleString(locale === 'th' ? 'th-TH' : 'en-GB')}</td>
                <td>
                  {v.id === current?.id ? <Tag tone="success">{t('surveys.collect.editor.current')}</Tag> : null}{' '}
                  {v.createdBy === null && v.version === 1 ? <Tag tone="neutral">{t('surveys.collect.editor.standard')}</Tag> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffLayout>
  );
}
