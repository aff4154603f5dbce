import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import { formatThaiDateTime } from '../../../core/thai/index.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ErrorSummary,
  Form,
  PageHeader,
  Pagination,
  SummaryList,
  TextArea,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { STAFF_STATUSES, type StaffRow } from '../read.js';
import { type NewsAttachment, type NewsPost, newsHref, type PostStatus } from '../service.js';
import { AttachmentList, KindTag, newsCss, StatusTag } from './parts.js';

export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

export const staffFileHref = (postId: number, fileId: number) => `/staff/news/${postId}/files/${fileId}`;

function statusHref(status: string | null, page = 1) {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/staff/news?${s}` : '/staff/news';
}

export function StaffListPage(props: {
  rows: StaffRow[];
  total: number;
  status: string | null;
  page: number;
  pageSize: number;
  canPublish: boolean;
}) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <StaffLayout title={t('news.staff.title')} head={newsCss()}>
      <PageHeader
        title={t('news.staff.title')}
        lead={props.canPublish ? t('news.staff.leadPublisher') : t('news.staff.leadDrafter')}
        actions={
          <ButtonLink href="/staff/news/new" variant="primary" icon="plus">
            {t('news.staff.new')}
          </ButtonLink>
        }
      />
      <nav class="news-tabs" aria-label={t('news.staff.statusFilter')}>
        <ul>
          {[null, ...STAFF_STATUSES].map((s) => (
            <li>
              <a href={statusHref(s)} aria-current={props.status === s ? 'page' : undefined}>
                {s ? t(`news.status.${s}`) : t('news.staff.all')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p>{t('news.staff.empty')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="news-table-caption" tabindex={0}>
          <table class="table news-staff-table">
            <caption id="news-table-caption" class="visually-hidden">
              {t('news.staff.tableCaption', { n: props.total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('news.fields.title')}</th>
                <th scope="col">{t('news.fields.kind')}</th>
                <th scope="col">{t('news.fields.category')}</th>
                <th scope="col">{t('news.staff.state')}</th>
                <th scope="col">{t('news.staff.when')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ post, status }) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/news/${post.id}`}>{post.title}</a>
                    {post.pinned ? <span class="muted"> · {t('news.pinned')}</span> : null}
                  </th>
                  <td>{t(`news.kinds.${post.kind}`)}</td>
                  <td>{t(`news.categories.${post.category}`)}</td>
                  <td>
                    <StatusTag status={status} />
                  </td>
                  <td class="nowrap">{formatThaiDateTime(post.withdrawnAt ?? post.publishAt ?? post.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination
        prevHref={props.page > 1 ? statusHref(props.status, props.page - 1) : null}
        nextHref={props.page < pages ? statusHref(props.status, props.page + 1) : null}
      />
    </StaffLayout>
  );
}

export function StaffPostPage(props: {
  post: NewsPost;
  attachments: NewsAttachment[];
  status: PostStatus;
  canEdit: boolean;
  canPublish: boolean;
  withdraw: FormState;
}) {
  const t = useT();
  const { post, status } = props;
  const logged = post.publicationId != null;
  return (
    <StaffLayout title={post.title} head={newsCss()}>
      <Breadcrumbs items={[{ href: '/staff/news', text: t('news.staff.title') }, { text: post.title }]} />
      <ErrorSummary errors={props.withdraw.errors} />
      <PageHeader
        title={post.title}
        actions={
          <>
            {props.canEdit ? (
              <ButtonLink href={`/staff/news/${post.id}/edit`} variant="primary" icon="pencil">
                {logged ? t('news.staff.editPublished') : t('news.staff.edit')}
              </ButtonLink>
            ) : null}
            {status === 'published' ? (
              <ButtonLink href={newsHref(post.id)} icon="external-link">
                {t('news.staff.viewPublic')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {status === 'withdrawn' ? (
        <Banner tone="warning" title={t('news.public.withdrawnTitle')}>
          <p>{t('news.public.withdrawnOn', { date: formatThaiDateTime(post.withdrawnAt ?? post.updatedAt) })}</p>
          <p>{t('news.public.withdrawnReason', { reason: post.withdrawReason ?? '' })}</p>
        </Banner>
      ) : null}
      <SummaryList
        rows={[
          { key: t('news.staff.state'), value: <StatusTag status={status} /> },
          { key: t('news.fields.kind'), value: <KindTag kind={post.kind} /> },
          { key: t('news.fields.category'), value: t(`news.categories.${post.category}`) },
          {
            key: status === 'scheduled' ? t('news.staff.scheduledFor') : t('news.staff.publishedAt'),
            value: post.publishAt ? formatThaiDateTime(post.publishAt) : t('news.staff.notYet'),
          },
          { key: t('news.staff.lastChange'), value: formatThaiDateTime(post.updatedAt) },
          {
            key: t('news.staff.publicationLog'),
            value: post.publicationId ? (
              <a href={`/publications/${post.publicationId}`}>{t('news.staff.logEntry')}</a>
            ) : (
              t('news.staff.notYet')
            ),
          },
          { key: t('news.pinned'), value: post.pinned ? t('core.yes') : t('core.no') },
        ]}
      />
      <div class="news-actions">
        {props.canPublish && status !== 'withdrawn' ? (
          <Form action={`/staff/news/${post.id}/pin`} class="inline-form">
            <input type="hidden" name="pinned" value={post.pinned ? '0' : '1'} />
            <Button variant="secondary">{post.pinned ? t('news.staff.unpin') : t('news.staff.pin')}</Button>
          </Form>
        ) : null}
        {props.canEdit && !logged ? (
          <Form action={`/staff/news/${post.id}/delete`} class="inline-form">
            <Button variant="danger" icon="trash-2">
              {t('news.staff.deleteDraft')}
            </Button>
          </Form>
        ) : null}
      </div>
      <section class="news-preview" aria-labelledby="news-preview-title">
        <h2 id="news-preview-title">{t('news.staff.preview')}</h2>
        <div class="card">
          {post.summary ? <p class="news-article__summary">{post.summary}</p> : null}
          {post.coverFileId ? (
            <img
              class="news-article__cover"
              src={staffFileHref(post.id, post.coverFileId)}
              alt={post.coverAlt ?? ''}
              width={1200}
              height={675}
            />
          ) : null}
          {/* Sanitized when saved (core/ui/richtext). */}
          <div class="prose news-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
          <AttachmentList attachments={props.attachments} hrefOf={(a) => staffFileHref(post.id, a.fileId)} />
        </div>
      </section>
      {props.canPublish && logged && status !== 'withdrawn' ? (
        <section class="news-withdraw" aria-labelledby="news-withdraw-title">
          <h2 id="news-withdraw-title">{t('news.staff.withdrawTitle')}</h2>
          <p>{t('news.staff.withdrawHelp')}</p>
          <Form action={`/staff/news/${post.id}/withdraw`}>
            <TextArea
              name="withdrawReason"
              label="news.fields.withdrawReason"
              hint="news.hints.withdrawReason"
              rows={3}
              errors={props.withdraw.errors}
              value={(props.withdraw.values.withdrawReason as string | undefined) ?? ''}
            />
            <Button variant="danger">{t('news.staff.withdraw')}</Button>
          </Form>
        </section>
      ) : null}
    </StaffLayout>
  );
}
