import { emptyForm, type FormState, formValue } from '../../../core/http/forms.js';
import { formatNumber } from '../../../core/thai/index.js';
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
  PageHeader,
  statusTag,
  TextArea,
  TextField,
  type Tone,
} from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { monthLong } from '../../complaints/stats-pdf.js';
import { SUGGESTION_CATEGORIES, type SuggestionStatus } from '../schema.js';
import { formatTrackingCode, type StatsRow, type SuggestionStats, type SuggestionView, TEXT_MAX } from '../service.js';

const css = () => <link rel="stylesheet" href={assetUrl('suggestions.css')} />;

const TONE: Record<SuggestionStatus, Tone> = { new: 'warning', answered: 'success', closed: 'neutral' };

const StatusTag = statusTag(TONE, (s) => `suggestions.statuses.${s}`);

/** One suggestion with its answer (or reason), as every staff member sees it. */
function SuggestionCard({ s, canAnswer }: { s: SuggestionView; canAnswer: boolean }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  return (
    <article class="card sbox-item" id={`s-${s.id}`} aria-labelledby={`s-${s.id}-title`}>
      <header class="sbox-item__head">
        <h3 id={`s-${s.id}-title`} class="sbox-item__title">
          {t('suggestions.suggestionN', { id: s.id })} · {t(`suggestions.categories.${s.category}`)}
        </h3>
        <StatusTag status={s.status} />
      </header>
      <p class="muted sbox-item__meta">{t('suggestions.received', { date: beDate(s.receivedOn, locale) })}</p>
      <p class="sbox-text">{s.text}</p>
      {s.answer ? (
        <div class={`sbox-answer${s.status === 'closed' ? ' sbox-answer--closed' : ''}`}>
          <h4 class="sbox-answer__title">{t(s.status === 'closed' ? 'suggestions.reasonHeading' : 'suggestions.answerHeading')}</h4>
          <p class="sbox-text">{s.answer}</p>
          {s.answeredAt ? (
            <p class="muted">
              {t(s.status === 'closed' ? 'suggestions.closedOn' : 'suggestions.answeredOn', { date: beDate(s.answeredAt, locale) })}
              {s.answeredByName ? ` · ${t('suggestions.answeredBy', { name: s.answeredByName })}` : ''}
            </p>
          ) : null}
        </div>
      ) : null}
      {canAnswer ? (
        <p>
          <a href={`/staff/suggestions/${s.id}/answer`}>
            {t(s.status === 'new' ? 'suggestions.answerLink' : 'suggestions.editAnswerLink')}
            <span class="visually-hidden"> {t('suggestions.suggestionN', { id: s.id })}</span>
          </a>
        </p>
      ) : null}
    </article>
  );
}

function StatsTable({
  id,
  caption,
  first,
  rows,
  label,
}: {
  id: string;
  caption: string;
  first: string;
  rows: StatsRow[];
  label: (key: string) => string;
}) {
  const t = useT();
  const days = (x: number | null) =>
    x === null ? '–' : t('suggestions.days', { n: formatNumber(x, { decimals: Number.isInteger(x) ? 0 : 1 }) });
  return (
    <section class="table-wrap" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table class="table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" class="num">
              {t('suggestions.cols.received')}
            </th>
            <th scope="col" class="num">
              {t('suggestions.cols.answered')}
            </th>
            <th scope="col" class="num">
              {t('suggestions.cols.closed')}
            </th>
            <th scope="col" class="num">
              {t('suggestions.cols.median')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.key === 'total' ? t('suggestions.cols.total') : label(r.key)}</th>
              <td class="num">{formatNumber(r.received)}</td>
              <td class="num">{formatNumber(r.answered)}</td>
              <td class="num">{formatNumber(r.closed)}</td>
              <td class="num">{days(r.medianDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** /staff/suggestions: the box, what waits (executives), the answered ones, the statistics. */
export function ListPage(props: {
  fiscalYear: number;
  years: number[];
  waiting: SuggestionView[] | null;
  answered: SuggestionView[];
  stats: SuggestionStats;
  canAnswer: boolean;
}) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const fy = props.fiscalYear;
  return (
    <StaffLayout title={t('suggestions.title')} head={css()}>
      <PageHeader
        title={t('suggestions.title')}
        lead={t('suggestions.lead')}
        actions={
          <>
            <ButtonLink href="/staff/suggestions/new" variant="primary" icon="plus">
              {t('suggestions.newLink')}
            </ButtonLink>
            <ButtonLink href="/staff/suggestions/track" icon="search">
              {t('suggestions.trackLink')}
            </ButtonLink>
          </>
        }
      />
      <p class="sbox-anon">{t('suggestions.anonymity')}</p>
      <Form method="get" action="/staff/suggestions" class="sbox-year">
        <label for="sbox-fy">{t('suggestions.year')}</label>
        <select id="sbox-fy" name="fy" class="input select input--s">
          {props.years.map((y) => (
            <option value={String(y)} selected={y === fy}>
              {t('suggestions.yearOption', { year: y })}
            </option>
          ))}
        </select>
        <Button variant="secondary">{t('suggestions.show')}</Button>
      </Form>

      {props.waiting ? (
        <section aria-labelledby="sbox-waiting" class="sbox-section">
          <h2 id="sbox-waiting">{t('suggestions.waitingTitle', { n: props.waiting.length })}</h2>
          {props.waiting.length === 0 ? (
            <p>{t('suggestions.waitingNone')}</p>
          ) : (
            props.waiting.map((s) => <SuggestionCard s={s} canAnswer={props.canAnswer} />)
          )}
        </section>
      ) : null}

      <section aria-labelledby="sbox-answered" class="sbox-section">
        <h2 id="sbox-answered">{t('suggestions.answeredTitle')}</h2>
        {props.answered.length === 0 ? (
          <p>{t('suggestions.answeredNone')}</p>
        ) : (
          props.answered.map((s) => <SuggestionCard s={s} canAnswer={props.canAnswer} />)
        )}
      </section>

      <section aria-labelledby="sbox-stats" class="sbox-section">
        <h2 id="sbox-stats">{t('suggestions.statsTitle', { year: fy })}</h2>
        <StatsTable
          id="sbox-stats-month"
          caption={t('suggestions.statsByMonth', { year: fy })}
          first={t('suggestions.cols.month')}
          rows={[...props.stats.byMonth, props.stats.total]}
          label={(m) => monthLong(m, locale)}
        />
        <StatsTable
          id="sbox-stats-category"
          caption={t('suggestions.statsByCategory', { year: fy })}
          first={t('suggestions.cols.category')}
          rows={[...props.stats.byCategory, props.stats.total]}
          label={(c) => t(`suggestions.categories.${c}`)}
        />
      </section>
    </StaffLayout>
  );
}

/** /staff/suggestions/new */
export function NewPage({ state = emptyForm() }: { state?: FormState }) {
  const t = useT();
  return (
    <StaffLayout title={t('suggestions.newTitle')} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/suggestions', text: t('suggestions.title') }, { text: t('suggestions.newTitle') }]} />
      <PageHeader title={t('suggestions.newTitle')} />
      <Banner tone="info">{t('suggestions.anonymity')}</Banner>
      <ErrorSummary errors={state.errors} />
      <Form action="/staff/suggestions/new" class="sbox-form">
        <ChoiceGroup
          kind="radio"
          name="category"
          label="suggestions.fields.category"
          errors={state.errors}
          value={formValue(state.values, 'category')}
          options={SUGGESTION_CATEGORIES.map((c) => ({ value: c, text: t(`suggestions.categories.${c}`) }))}
        />
        <TextArea
          name="text"
          label="suggestions.fields.text"
          hint="suggestions.fields.textHint"
          errors={state.errors}
          value={formValue(state.values, 'text')}
          rows={8}
          maxlength={TEXT_MAX}
        />
        <div class="sbox-actions">
          <Button icon="inbox">{t('suggestions.submit')}</Button>
          <a href="/staff/suggestions">{t('suggestions.cancel')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}

/** /staff/suggestions/submitted: the code, once. */
export function SubmittedPage({ code }: { code: string | null }) {
  const t = useT();
  return (
    <StaffLayout title={t('suggestions.submittedTitle')} head={css()}>
      <PageHeader title={t('suggestions.submittedTitle')} />
      {code ? (
        <section class="sbox-code" aria-labelledby="sbox-code-title">
          <h2 id="sbox-code-title">{t('suggestions.codeIntro')}</h2>
          <p class="sbox-code__value" lang="en">
            {formatTrackingCode(code)}
          </p>
          <Banner tone="warning">{t('suggestions.codeOnce')}</Banner>
        </section>
      ) : (
        <Banner tone="info">{t('suggestions.codeGone')}</Banner>
      )}
      <p class="sbox-actions">
        <ButtonLink href="/staff/suggestions/track" icon="search">
          {t('suggestions.trackLink')}
        </ButtonLink>
        <a href="/staff/suggestions">{t('suggestions.backToList')}</a>
      </p>
    </StaffLayout>
  );
}

/** /staff/suggestions/track: enter the code (POST: it never goes into a URL or a log). */
export function TrackPage({ state = emptyForm(), found }: { state?: FormState; found?: SuggestionView | null }) {
  const t = useT();
  return (
    <StaffLayout title={t('suggestions.trackTitle')} head={css()}>
      <Breadcrumbs items={[{ href: '/staff/suggestions', text: t('suggestions.title') }, { text: t('suggestions.trackTitle') }]} />
      <PageHeader title={t('suggestions.trackTitle')} lead={t('suggestions.trackLead')} />
      <ErrorSummary errors={state.errors} />
      <Form action="/staff/suggestions/track" class="sbox-form">
        <TextField
          name="code"
          label="suggestions.fields.code"
          hint="suggestions.fields.codeHint"
          errors={state.errors}
          value={found ? '' : formValue(state.values, 'code')}
          autocomplete="off"
          spellcheck={false}
          width="m"
          maxlength={20}
        />
        <Button icon="search">{t('suggestions.trackSubmit')}</Button>
      </Form>
      {found ? (
        <section aria-labelledby="sbox-result" class="sbox-section">
          <h2 id="sbox-result">{t('suggestions.trackResult')}</h2>
          <SuggestionCard s={found} canAnswer={false} />
        </section>
      ) : null}
    </StaffLayout>
  );
}

/** /staff/suggestions/:id/answer (executives). */
export function AnswerPage({ s, state = emptyForm() }: { s: SuggestionView; state?: FormState }) {
  const t = useT();
  const action = formValue(state.values, 'action') || (s.status === 'closed' ? 'close' : 'answer');
  const text = state.values.text !== undefined ? formValue(state.values, 'text') : (s.answer ?? '');
  return (
    <StaffLayout title={t('suggestions.answerTitle', { id: s.id })} head={css()}>
      <Breadcrumbs
        items={[{ href: '/staff/suggestions', text: t('suggestions.title') }, { text: t('suggestions.answerTitle', { id: s.id }) }]}
      />
      <PageHeader title={t('suggestions.answerTitle', { id: s.id })} />
      <SuggestionCard s={{ ...s, answer: null }} canAnswer={false} />
      <ErrorSummary errors={state.errors} />
      <Form action={`/staff/suggestions/${s.id}/answer`} class="sbox-form">
        <ChoiceGroup
          kind="radio"
          name="action"
          label="suggestions.fields.action"
          errors={state.errors}
          value={action}
          options={[
            { value: 'answer', text: t('suggestions.actions.answer') },
            { value: 'close', text: t('suggestions.actions.close') },
          ]}
        />
        <TextArea name="text" label="suggestions.textLabel" errors={state.errors} value={text} rows={8} />
        <div class="sbox-actions">
          <Button icon="circle-check">{t('suggestions.save')}</Button>
          <a href="/staff/suggestions">{t('suggestions.cancel')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}
