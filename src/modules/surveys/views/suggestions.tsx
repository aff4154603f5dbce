import type { FieldError } from '../../../core/http/errors.js';
import { formatNumber, formatThaiDateTime } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Button, ErrorSummary, Form, PageHeader, SelectField, Tag, TextArea } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { SUGGESTION_TAGS } from '../schema.js';
import type { Suggestion } from '../suggestions.js';

export interface SuggestionsQuery {
  show: 'waiting' | 'all';
  tag: string;
  division: string;
  from: string;
  to: string;
}

export interface SuggestionsPageProps {
  list: Suggestion[];
  /** The list was cut at its page size. */
  limited: boolean;
  query: SuggestionsQuery;
  /** This list's own address: the forms come back to it. */
  back: string;
  divisions: { id: number; name: string }[];
  canTag: boolean;
  canRespond: boolean;
  /** The form that was posted and refused (its errors, what was typed). */
  form: { id: number; errors: FieldError[]; values: Record<string, string> } | null;
}

const TAG_TONE = { problem: 'danger', suggestion: 'info', compliment: 'success' } as const;

function Item({ s, props }: { s: Suggestion; props: SuggestionsPageProps }) {
  const t = useT();
  const mine = props.form?.id === s.id ? props.form : null;
  const errors = mine?.errors ?? [];
  const waiting = s.respondedAt == null;
  return (
    <li class="survey-suggestion" id={`s-${s.id}`}>
      <article aria-labelledby={`s-${s.id}-title`}>
        <header class="survey-suggestion__head">
          <h2 class="survey-suggestion__title" id={`s-${s.id}-title`}>
            {s.divisionName ?? t('surveys.report.noDivision')}
          </h2>
          <span class="muted">{t('surveys.report.suggestions.submitted', { at: formatThaiDateTime(s.submittedAt) })}</span>
          {s.tag ? <Tag tone={TAG_TONE[s.tag]}>{t(`surveys.tag.${s.tag}`)}</Tag> : null}
          <Tag tone={waiting ? 'warning' : 'success'} icon={false}>
            {waiting ? t('surveys.report.suggestions.waitingBadge') : t('surveys.report.suggestions.answeredBadge')}
          </Tag>
        </header>
        <blockquote class="survey-suggestion__text">{s.text}</blockquote>
        {s.executiveResponse ? (
          <dl class="survey-suggestion__answer">
            <dt>{t('surveys.report.suggestions.responseLabel')}</dt>
            <dd>{s.executiveResponse}</dd>
            {s.actionTaken ? (
              <>
                <dt>{t('surveys.report.suggestions.actionLabel')}</dt>
                <dd>{s.actionTaken}</dd>
              </>
            ) : null}
            {s.respondedAt ? (
              <dd class="muted">{t('surveys.report.suggestions.responded', { at: formatThaiDateTime(s.respondedAt) })}</dd>
            ) : null}
          </dl>
        ) : null}
        <div class="survey-suggestion__forms">
          {props.canTag ? (
            <Form action={`/staff/surveys/suggestions/${s.id}/tag`} class="inline-form survey-tag-form">
              <input type="hidden" name="back" value={props.back} />
              <SelectField
                name={`tag-${s.id}`}
                label="surveys.report.fields.tag"
                value={s.tag ?? ''}
                errors={errors}
                options={[
                  { value: '', text: t('surveys.report.suggestions.untagged') },
                  ...SUGGESTION_TAGS.map((x) => ({ value: x, text: t(`surveys.tag.${x}`) })),
                ]}
              />
              <Button variant="secondary">{t('surveys.report.suggestions.setTag')}</Button>
            </Form>
          ) : null}
          {props.canRespond ? (
            <details class="survey-respond" open={!!mine}>
              <summary>{waiting ? t('surveys.report.suggestions.respond') : t('surveys.report.suggestions.editResponse')}</summary>
              <Form action={`/staff/surveys/suggestions/${s.id}/respond`}>
                <ErrorSummary errors={errors} />
                <input type="hidden" name="back" value={props.back} />
                <TextArea
                  name={`executiveResponse-${s.id}`}
                  label="surveys.report.fields.executiveResponse"
                  value={mine?.values.executiveResponse ?? s.executiveResponse ?? ''}
                  errors={errors}
                  rows={3}
                  maxlength={2000}
                />
                <TextArea
                  name={`actionTaken-${s.id}`}
                  label="surveys.report.fields.actionTaken"
                  hint="surveys.report.hints.actionTaken"
                  value={mine?.values.actionTaken ?? s.actionTaken ?? ''}
                  errors={errors}
                  rows={2}
                  maxlength={2000}
                  optional
                />
                <Button>{t('surveys.report.suggestions.respond')}</Button>
              </Form>
            </details>
          ) : null}
        </div>
      </article>
    </li>
  );
}

export function SuggestionsPage(props: SuggestionsPageProps) {
  const t = useT();
  const q = props.query;
  return (
    <StaffLayout title={t('surveys.report.suggestions.title')} head={<link rel="stylesheet" href={assetUrl('survey-report.css')} />}>
      <PageHeader
        title={t('surveys.report.suggestions.title')}
        lead={t('surveys.report.suggestions.lead')}
        actions={<a href="/staff/surveys">{t('surveys.report.suggestions.backToReport')}</a>}
      />
      <Form
        method="get"
        action="/staff/surveys/suggestions"
        class="filters survey-filters"
        aria-label={t('surveys.report.suggestions.filter')}
      >
        <SelectField
          name="show"
          label="surveys.report.fields.show"
          value={q.show}
          options={[
            { value: 'waiting', text: t('surveys.report.suggestions.waitingBadge') },
            { value: 'all', text: t('surveys.report.suggestions.all') },
          ]}
        />
        <SelectField
          name="tag"
          label="surveys.report.fields.tag"
          value={q.tag}
          options={[
            { value: '', text: t('surveys.report.suggestions.allTags') },
            ...SUGGESTION_TAGS.map((x) => ({ value: x, text: t(`surveys.tag.${x}`) })),
          ]}
        />
        <SelectField
          name="division"
          label="surveys.report.fields.division"
          value={q.division}
          options={[
            { value: '', text: t('surveys.report.allDivisions') },
            ...props.divisions.map((d) => ({ value: String(d.id), text: d.name })),
          ]}
        />
        {q.from ? <input type="hidden" name="from" value={q.from} /> : null}
        {q.to ? <input type="hidden" name="to" value={q.to} /> : null}
        <Button variant="secondary">{t('surveys.report.suggestions.filter')}</Button>
      </Form>
      <p class="muted" aria-live="polite">
        {props.limited
          ? t('surveys.report.suggestions.limited', { n: formatNumber(props.list.length) })
          : t('surveys.report.suggestions.count', { n: formatNumber(props.list.length) })}
      </p>
      {props.list.length === 0 ? (
        <p>{t('surveys.report.suggestions.none')}</p>
      ) : (
        <ul class="survey-suggestions">
          {props.list.map((s) => (
            <Item s={s} props={props} />
          ))}
        </ul>
      )}
    </StaffLayout>
  );
}
