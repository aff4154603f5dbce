import { formValueOr } from '../../../core/http/forms.js';
import { megabytes } from '../../../core/storage/store.js';
import { formatThaiDate, formatThaiDateTime } from '../../../core/thai/index.js';
import {
  Breadcrumbs,
  Button,
  ChoiceGroup,
  ErrorSummary,
  FileField,
  Form,
  PageHeader,
  SelectField,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { NEWS_CATEGORIES } from '../categories.js';
import { POST_KINDS } from '../schema.js';
import {
  ALT_MAX,
  ATTACHMENT_MAX_BYTES,
  BODY_MAX,
  COVER_MAX_BYTES,
  type NewsAttachment,
  type NewsPost,
  REASON_MAX,
  SUMMARY_MAX,
  TITLE_MAX,
} from '../service.js';
import { fileTypeName, newsCss } from './parts.js';
import { type FormState, staffFileHref } from './staff.js';

const val = (state: FormState, key: string, fallback: string | null | undefined) => formValueOr(state.values, key, fallback);

/** The short Markdown help beside the text box: what the subset does, as examples. */
function SyntaxHelp() {
  const t = useT();
  const rows = ['bold', 'italic', 'heading', 'list', 'numbered', 'link', 'quote'] as const;
  return (
    <aside class="news-syntax" aria-labelledby="news-syntax-title">
      <h2 id="news-syntax-title" class="news-syntax__title">
        {t('news.syntax.title')}
      </h2>
      <dl>
        {rows.map((r) => (
          <>
            <dt>
              <code>{t(`news.syntax.${r}.code`)}</code>
            </dt>
            <dd>{t(`news.syntax.${r}.gives`)}</dd>
          </>
        ))}
      </dl>
      <p class="muted">{t('news.syntax.safe')}</p>
    </aside>
  );
}

export function PostFormPage(props: {
  post: NewsPost | null;
  attachments: NewsAttachment[];
  canPublish: boolean;
  now: Date;
  state: FormState;
}) {
  const t = useT();
  const { post, state } = props;
  const logged = post?.publicationId != null;
  const title = post ? (logged ? t('news.form.editPublishedTitle') : t('news.form.editTitle')) : t('news.form.newTitle');
  const action = post ? `/staff/news/${post.id}/edit` : '/staff/news/new';
  const removing = new Set(
    ([] as string[]).concat((state.values.removeAttachments as string[] | string | undefined) ?? []).filter(Boolean),
  );
  return (
    <StaffLayout title={title} head={newsCss()}>
      <Breadcrumbs
        items={[
          { href: '/staff/news', text: t('news.staff.title') },
          ...(post ? [{ href: `/staff/news/${post.id}`, text: post.title }] : []),
          { text: title },
        ]}
      />
      <PageHeader title={title} lead={logged ? t('news.form.publishedLead') : undefined} />
      <ErrorSummary errors={state.errors} />
      <Form action={action} multipart class="news-form">
        <input type="hidden" name="version" value={String(post?.version ?? 0)} />
        <ChoiceGroup
          kind="radio"
          inline
          name="kind"
          label="news.fields.kind"
          errors={state.errors}
          value={val(state, 'kind', post?.kind ?? 'news')}
          options={POST_KINDS.map((k) => ({ value: k, text: t(`news.kinds.${k}`), hint: t(`news.kindHints.${k}`) }))}
        />
        <SelectField
          name="category"
          label="news.fields.category"
          errors={state.errors}
          value={val(state, 'category', post?.category ?? 'general')}
          options={NEWS_CATEGORIES.map((k) => ({ value: k, text: t(`news.categories.${k}`) }))}
        />
        <TextField
          name="title"
          label="news.fields.title"
          errors={state.errors}
          maxlength={TITLE_MAX}
          value={val(state, 'title', post?.title)}
        />
        <TextArea
          name="summary"
          label="news.fields.summary"
          hint="news.hints.summary"
          optional
          rows={2}
          maxlength={SUMMARY_MAX}
          errors={state.errors}
          value={val(state, 'summary', post?.summary)}
        />
        <div class="news-editor">
          <TextArea
            name="body"
            label="news.fields.body"
            hint="news.hints.body"
            optional
            rows={16}
            maxlength={BODY_MAX}
            errors={state.errors}
            value={val(state, 'body', post?.bodySource)}
          />
          <SyntaxHelp />
        </div>

        <fieldset class="fieldset form-section">
          <legend class="field__label">{t('news.form.coverSection')}</legend>
          {post?.coverFileId ? (
            <div class="news-form__cover">
              <img src={staffFileHref(post.id, post.coverFileId)} alt={post.coverAlt ?? ''} width={240} height={135} />
              <div class="choice">
                <input
                  class="choice__input"
                  type="checkbox"
                  id="f-removeCover"
                  name="removeCover"
                  value="1"
                  checked={val(state, 'removeCover', '') === '1'}
                />
                <label class="choice__label" for="f-removeCover">
                  {t('news.form.removeCover')}
                </label>
              </div>
            </div>
          ) : null}
          <FileField
            name="cover"
            label={post?.coverFileId ? 'news.fields.coverReplace' : 'news.fields.cover'}
            hint="news.hints.cover"
            optional
            accept="image/jpeg,image/png,image/webp,image/gif"
            errors={state.errors}
          />
          <p class="muted">{t('news.form.coverLimit', { max: megabytes(COVER_MAX_BYTES) })}</p>
          <TextField
            name="coverAlt"
            label="news.fields.coverAlt"
            hint="news.hints.coverAlt"
            optional
            maxlength={ALT_MAX}
            errors={state.errors}
            value={val(state, 'coverAlt', post?.coverAlt)}
          />
        </fieldset>

        <fieldset class="fieldset form-section">
          <legend class="field__label">{t('news.attachments')}</legend>
          {props.attachments.length ? (
            <ul class="news-form__attachments">
              {props.attachments.map((a) => (
                <li class="choice">
                  <input
                    class="choice__input"
                    type="checkbox"
                    id={`f-remove-${a.fileId}`}
                    name="removeAttachments[]"
                    value={String(a.fileId)}
                    checked={removing.has(String(a.fileId))}
                  />
                  <label class="choice__label" for={`f-remove-${a.fileId}`}>
                    {t('news.form.removeAttachment', { name: a.name, type: fileTypeName(a.mime) })}
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('news.form.noAttachments')}</p>
          )}
          <FileField
            name="attachment"
            label="news.fields.attachment"
            hint="news.hints.attachment"
            optional
            accept=".pdf,.docx,.xlsx,.pptx,image/jpeg,image/png,image/webp"
            errors={state.errors}
          />
          <p class="muted">{t('news.form.attachmentLimit', { max: megabytes(ATTACHMENT_MAX_BYTES) })}</p>
          <TextField
            name="attachmentName"
            label="news.fields.attachmentName"
            hint="news.hints.attachmentName"
            optional
            errors={state.errors}
            value={val(state, 'attachmentName', '')}
          />
        </fieldset>

        {logged ? (
          <TextArea
            name="reason"
            label="news.fields.reason"
            hint="news.hints.reason"
            rows={3}
            maxlength={REASON_MAX}
            errors={state.errors}
            value={val(state, 'reason', '')}
          />
        ) : props.canPublish ? (
          <fieldset class="fieldset form-section">
            <legend class="field__label">{t('news.form.whenSection')}</legend>
            <ChoiceGroup
              kind="radio"
              name="when"
              label="news.fields.when"
              errors={state.errors}
              value={val(state, 'when', 'now')}
              options={[
                { value: 'now', text: t('news.form.whenNow') },
                { value: 'later', text: t('news.form.whenLater') },
              ]}
            />
            <div class="news-form__schedule">
              <TextField
                name="publishDate"
                label="news.fields.publishDate"
                hint="news.hints.publishDate"
                optional
                width="m"
                errors={state.errors}
                value={val(state, 'publishDate', '')}
              />
              <TextField
                name="publishTime"
                label="news.fields.publishTime"
                hint="news.hints.publishTime"
                optional
                width="s"
                inputmode="numeric"
                errors={state.errors}
                value={val(state, 'publishTime', '')}
              />
            </div>
            <p class="muted">
              {t('news.form.scheduleExample', { date: formatThaiDate(new Date(props.now.getTime() + 86_400_000), { style: 'numeric' }) })}
            </p>
          </fieldset>
        ) : (
          <p class="muted">{t('news.form.draftOnly')}</p>
        )}

        <div class="form-actions">
          {logged ? (
            <Button name="intent" value="publish" icon="upload">
              {t('news.form.saveVersion')}
            </Button>
          ) : (
            <>
              {props.canPublish ? (
                <Button name="intent" value="publish" icon="upload">
                  {t('news.form.publish')}
                </Button>
              ) : null}
              <Button name="intent" value="draft" variant={props.canPublish ? 'secondary' : 'primary'}>
                {t('news.form.saveDraft')}
              </Button>
            </>
          )}
        </div>
        {post?.publishAt && logged ? <p class="muted">{t('news.form.publishedAt', { at: formatThaiDateTime(post.publishAt) })}</p> : null}
      </Form>
    </StaffLayout>
  );
}
