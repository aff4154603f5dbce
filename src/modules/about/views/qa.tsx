import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import { formValue } from '../../../core/http/forms.js';
import type { Locale } from '../../../core/i18n/i18n.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Breadcrumbs, Button, ErrorSummary, Form, Icon, Pagination, TextArea, TextField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import { type PublicQuestion, qaPath } from '../qa.js';

const useLocale = (): Locale => useAppContext().get('locale');

function QaLayout(props: { title: string; crumbs: { href?: string; text: string }[]; children?: unknown; description?: string }) {
  const t = useT();
  return (
    <PublicLayout
      title={props.title}
      head={<link rel="stylesheet" href={assetUrl('about.css')} />}
      meta={{ description: props.description ?? t('about.public.qaLead') }}
    >
      <Breadcrumbs items={[{ href: '/', text: t('home.nav.home') }, ...props.crumbs]} />
      {props.children as never}
    </PublicLayout>
  );
}

/** Question and answer as paragraphs: the text is plain (escaped), its line breaks kept. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p) => (
          <p class="about-pre">{p}</p>
        ))}
    </>
  );
}

function QuestionArticle({ q, headingLevel, link }: { q: PublicQuestion; headingLevel: 2 | 1; link: boolean }) {
  const t = useT();
  const locale = useLocale();
  const title = q.question.length > 140 ? `${q.question.slice(0, 139)}…` : q.question;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <article class="qa-item" id={`q-${q.id}`}>
      <Heading class="qa-item__question">
        <span class="qa-item__badge" aria-hidden="true">
          Q
        </span>
        <span class="visually-hidden">{t('about.qa.question')}: </span>
        {link ? <a href={qaPath(q.id)}>{title}</a> : title}
      </Heading>
      {headingLevel === 1 || title !== q.question ? (
        <div class="qa-item__full">
          <Paragraphs text={q.question} />
        </div>
      ) : null}
      <p class="qa-item__meta muted">
        {t('about.qa.askedBy', { name: q.askerName ?? t('about.qa.anonymous') })} ·{' '}
        {t('about.qa.askedOn', { date: beDate(q.askedAt, locale) })}
      </p>
      <div class="qa-item__answer">
        <p class="qa-item__answer-label">
          <span class="qa-item__badge qa-item__badge--answer" aria-hidden="true">
            A
          </span>
          {t('about.qa.answer')} · {t('about.qa.answeredOn', { date: beDate(q.answeredAt, locale) })}
        </p>
        <Paragraphs text={q.answer} />
      </div>
    </article>
  );
}

export function QaListPage({ items, page, hasNext }: { items: PublicQuestion[]; page: number; hasNext: boolean }) {
  const t = useT();
  return (
    <QaLayout title={t('about.pages.qa')} crumbs={[{ text: t('about.pages.qa') }]}>
      <div class="page-header">
        <div>
          <h1 class="page-header__title">{t('about.pages.qa')}</h1>
          <p class="page-header__lead">{t('about.public.qaLead')}</p>
        </div>
        <div class="page-header__actions">
          <a class="button button--primary" href="/qa/ask">
            <Icon name="message-circle-question" /> <span>{t('about.qa.ask')}</span>
          </a>
        </div>
      </div>
      <h2>{t('about.qa.answered')}</h2>
      {items.length ? (
        <ol class="qa-list">
          {items.map((q) => (
            <li>
              <QuestionArticle q={q} headingLevel={2} link={true} />
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('about.qa.none')}</p>
      )}
      <Pagination
        prevHref={page > 1 ? (page === 2 ? '/qa' : `/qa?page=${page - 1}`) : null}
        nextHref={hasNext ? `/qa?page=${page + 1}` : null}
      />
    </QaLayout>
  );
}

export function QaItemPage({ q }: { q: PublicQuestion }) {
  const t = useT();
  const title = q.question.length > 80 ? `${q.question.slice(0, 79)}…` : q.question;
  return (
    <QaLayout
      title={title}
      crumbs={[{ href: '/qa', text: t('about.pages.qa') }, { text: t('about.qa.item', { id: q.id }) }]}
      description={q.answer.slice(0, 160)}
    >
      <QuestionArticle q={q} headingLevel={1} link={false} />
      <ShareLinks path={qaPath(q.id)} title={title} />
      <p>
        <a href="/qa">
          <Icon name="chevron-left" size={18} /> {t('about.qa.back')}
        </a>
      </p>
    </QaLayout>
  );
}

export function QaAskPage({ values, errors, clientKey }: { values: FormValues; errors: FieldError[]; clientKey: string }) {
  const t = useT();
  return (
    <QaLayout title={t('about.qa.askTitle')} crumbs={[{ href: '/qa', text: t('about.pages.qa') }, { text: t('about.qa.askTitle') }]}>
      <div class="about-narrow">
        <h1>{t('about.qa.askTitle')}</h1>
        <p class="about-lead">{t('about.qa.askLead')}</p>
        <ErrorSummary errors={errors} />
        <Form action="/qa/ask">
          <input type="hidden" name="key" value={clientKey} />
          <TextArea
            name="question"
            label="about.fields.question"
            hint="about.hints.question"
            value={formValue(values, 'question')}
            errors={errors}
            rows={6}
            maxlength={2000}
          />
          <TextField
            name="askerName"
            label="about.fields.askerName"
            hint="about.hints.askerName"
            value={formValue(values, 'askerName')}
            errors={errors}
            optional
            autocomplete="name"
            maxlength={100}
          />
          <TextField
            name="contact"
            label="about.fields.contact"
            hint="about.hints.contact"
            value={formValue(values, 'contact')}
            errors={errors}
            optional
            maxlength={200}
          />
          <Button icon="message-circle-question">{t('about.qa.submit')}</Button>
        </Form>
      </div>
    </QaLayout>
  );
}

export function QaThanksPage() {
  const t = useT();
  return (
    <QaLayout title={t('about.qa.thanksTitle')} crumbs={[{ href: '/qa', text: t('about.pages.qa') }, { text: t('about.qa.thanksTitle') }]}>
      <div class="about-narrow">
        <div class="banner banner--success" role="status">
          <Icon name="circle-check" size={24} />
          <div class="banner__body">
            <h1 class="banner__title">{t('about.qa.thanksTitle')}</h1>
            <p>{t('about.qa.thanks')}</p>
          </div>
        </div>
        <p>
          <a href="/qa">
            <Icon name="chevron-left" size={18} /> {t('about.qa.back')}
          </a>
        </p>
      </div>
    </QaLayout>
  );
}
