import { formatThaiDate, formatThaiDateTime } from '../../../core/thai/index.js';
import { Banner, Breadcrumbs, Icon, Pagination, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import { NEWS_CATEGORIES } from '../categories.js';
import { descriptionOf, type NewsSummary, type PublicPost } from '../read.js';
import { POST_KINDS } from '../schema.js';
import { newsHref } from '../service.js';
import { AttachmentList, KindTag, newsCss } from './parts.js';

export const publicFileHref = (postId: number, fileId: number) => `/news/${postId}/files/${fileId}`;

/** The feeds, announced to browsers and feed readers. */
function FeedLinks() {
  const t = useT();
  return (
    <>
      {newsCss()}
      <link rel="alternate" type="application/rss+xml" title={t('news.feeds.rss')} href="/news/rss.xml" />
      <link rel="alternate" type="application/atom+xml" title={t('news.feeds.atom')} href="/news/atom.xml" />
    </>
  );
}

function PostDate({ at }: { at: Date }) {
  return <time datetime={at.toISOString()}>{formatThaiDate(at)}</time>;
}

/** One post in a list (the news page, the home page). Headings at `level` (h2 on /news). */
export function NewsCard({ post, level = 2 }: { post: NewsSummary; level?: 2 | 3 }) {
  const t = useT();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <li class={`news-card${post.coverFileId ? ' news-card--cover' : ''}`}>
      {post.coverFileId ? (
        <img
          class="news-card__cover"
          src={publicFileHref(post.id, post.coverFileId)}
          alt=""
          width={320}
          height={180}
          loading="lazy"
          decoding="async"
        />
      ) : null}
      <div class="news-card__body">
        <p class="news-card__meta">
          <KindTag kind={post.kind} />
          {post.pinned ? (
            <Tag tone="neutral" icon={false}>
              {t('news.pinned')}
            </Tag>
          ) : null}
          <span>{t(`news.categories.${post.category}`)}</span>
          <PostDate at={post.publishAt} />
        </p>
        <H class="news-card__title">
          <a href={newsHref(post.id)}>{post.title}</a>
        </H>
        <p class="news-card__summary">{post.description}</p>
      </div>
    </li>
  );
}

export interface ListState {
  kind: string | null;
  category: string | null;
  page: number;
  total: number;
  pageSize: number;
}

function listHref(s: ListState, page: number): string {
  const q = new URLSearchParams();
  if (s.kind) q.set('kind', s.kind);
  if (s.category) q.set('category', s.category);
  if (page > 1) q.set('page', String(page));
  const qs = q.toString();
  return qs ? `/news?${qs}` : '/news';
}

export function NewsListPage({ posts, state }: { posts: NewsSummary[]; state: ListState }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(state.total / state.pageSize));
  const filtered = !!(state.kind || state.category);
  const title = state.kind ? t(`news.public.titleOf.${state.kind}`) : t('news.public.title');
  return (
    <PublicLayout
      title={state.page > 1 ? t('news.public.titlePage', { title, page: state.page }) : title}
      head={<FeedLinks />}
      meta={{ description: t('news.public.lead'), canonicalPath: filtered || state.page > 1 ? listHref(state, state.page) : '/news' }}
    >
      <div class="page-header">
        <div>
          <h1 class="page-header__title">{title}</h1>
          <p class="page-header__lead">{t('news.public.lead')}</p>
        </div>
        <p class="news-feeds">
          <Icon name="rss" size={18} /> <a href="/news/rss.xml">{t('news.feeds.rssShort')}</a> ·{' '}
          <a href="/news/atom.xml">{t('news.feeds.atomShort')}</a>
        </p>
      </div>
      <form class="filters news-filters" method="get" action="/news" aria-label={t('news.public.filter')}>
        <div class="field">
          <label class="field__label" for="news-kind">
            {t('news.fields.kind')}
          </label>
          <select class="input select" id="news-kind" name="kind">
            <option value="">{t('news.public.allKinds')}</option>
            {POST_KINDS.map((k) => (
              <option value={k} selected={state.kind === k}>
                {t(`news.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="news-category">
            {t('news.fields.category')}
          </label>
          <select class="input select" id="news-category" name="category">
            <option value="">{t('news.public.allCategories')}</option>
            {NEWS_CATEGORIES.map((k) => (
              <option value={k} selected={state.category === k}>
                {t(`news.categories.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button class="button button--secondary" type="submit">
          <Icon name="search" />
          <span>{t('news.public.apply')}</span>
        </button>
        {filtered ? (
          <a class="news-filters__clear" href="/news">
            {t('news.public.clear')}
          </a>
        ) : null}
      </form>
      <p class="muted" role="status">
        {state.total === 0
          ? filtered
            ? t('news.public.noneFiltered')
            : t('news.public.none')
          : t('news.public.count', { n: state.total, page: state.page, pages })}
      </p>
      {posts.length ? (
        <ol class="news-list">
          {posts.map((p) => (
            <NewsCard post={p} />
          ))}
        </ol>
      ) : null}
      <Pagination
        prevHref={state.page > 1 ? listHref(state, state.page - 1) : null}
        nextHref={state.page < pages ? listHref(state, state.page + 1) : null}
      />
    </PublicLayout>
  );
}

export function NewsPostPage({ view }: { view: PublicPost }) {
  const t = useT();
  const { post, attachments, withdrawn } = view;
  const publishAt = post.publishAt ?? post.createdAt;
  const crumbs = [{ href: '/', text: t('news.public.home') }, { href: '/news', text: t('news.public.title') }, { text: post.title }];
  if (withdrawn) {
    return (
      <PublicLayout title={post.title} head={<meta name="robots" content="noindex" />} meta={{ canonicalPath: newsHref(post.id) }}>
        <Breadcrumbs items={crumbs} />
        <h1>{post.title}</h1>
        <Banner tone="warning" title={t('news.public.withdrawnTitle')}>
          <p>{t('news.public.withdrawnOn', { date: formatThaiDateTime(post.withdrawnAt ?? publishAt) })}</p>
          <p>{t('news.public.withdrawnReason', { reason: post.withdrawReason ?? '' })}</p>
        </Banner>
        <p>
          <a href="/news">{t('news.public.back')}</a>
        </p>
      </PublicLayout>
    );
  }
  return (
    <PublicLayout
      title={post.title}
      head={<FeedLinks />}
      meta={{
        description: descriptionOf(post),
        type: 'article',
        image: post.coverFileId ? publicFileHref(post.id, post.coverFileId) : undefined,
        publishedTime: publishAt,
        canonicalPath: newsHref(post.id),
      }}
    >
      <Breadcrumbs items={crumbs} />
      <article class="news-article">
        <header class="news-article__header">
          <p class="news-card__meta">
            <KindTag kind={post.kind} />
            <span>
              <span class="visually-hidden">{t('news.fields.category')}: </span>
              {t(`news.categories.${post.category}`)}
            </span>
          </p>
          <h1>{post.title}</h1>
          <p class="news-article__date">
            {t('news.public.publishedOn')} <PostDate at={publishAt} />
            {post.version > 1 && post.updatedAt.getTime() > publishAt.getTime() ? (
              <>
                {' · '}
                {t('news.public.updatedOn')} <PostDate at={post.updatedAt} />
              </>
            ) : null}
          </p>
          {post.summary ? <p class="news-article__summary">{post.summary}</p> : null}
        </header>
        {post.coverFileId ? (
          <img
            class="news-article__cover"
            src={publicFileHref(post.id, post.coverFileId)}
            alt={post.coverAlt ?? ''}
            width={1200}
            height={675}
            decoding="async"
          />
        ) : null}
        {/* Sanitized when saved (core/ui/richtext): the only HTML written unescaped. */}
        <div class="prose news-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <AttachmentList attachments={attachments} hrefOf={(a) => publicFileHref(post.id, a.fileId)} />
        <ShareLinks path={newsHref(post.id)} title={post.title} />
        {post.publicationId ? (
          <p class="news-article__log muted">
            <Icon name="file-check" size={18} /> <a href={`/publications/${post.publicationId}`}>{t('news.public.logEntry')}</a>
          </p>
        ) : null}
      </article>
      <p>
        <a href="/news">{t('news.public.back')}</a>
      </p>
    </PublicLayout>
  );
}
