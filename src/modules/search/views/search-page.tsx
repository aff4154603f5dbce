import type { SearchHit, SearchResult } from '../../../core/search/search.js';
import { highlightParts } from '../../../core/search/search.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { formatNumber } from '../../../core/thai/numbers.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Icon, Pagination, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { publicDate, SEARCH_PATH, searchHref, sourceKey } from '../links.js';

const SUGGESTIONS = ['tax', 'building', 'elderly', 'disability', 'disaster', 'info'] as const;
const BROWSE: { key: string; href: string }[] = [
  { key: 'news', href: '/news' },
  { key: 'services', href: '/services' },
  { key: 'about', href: '/about' },
  { key: 'qa', href: '/qa' },
  { key: 'ita', href: '/ita' },
  { key: 'opendata', href: '/opendata' },
];

/** Text with the query words in <mark> (plain text parts: escaped by JSX). */
function Marked({ text, words }: { text: string; words: string[] }) {
  return <>{highlightParts(text, words).map((p) => (p.match ? <mark>{p.text}</mark> : p.text))}</>;
}

function Hit({ hit, words }: { hit: SearchHit; words: string[] }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  return (
    <li class="search-hit">
      <h3 class="search-hit__title">
        <a href={hit.url}>
          <Marked text={hit.title} words={words} />
        </a>
      </h3>
      <p class="search-hit__meta">
        <Tag tone="neutral" icon={false}>
          {t(`search.source.${sourceKey(hit.source)}`)}
        </Tag>{' '}
        <span class="muted">{t('search.page.published', { date: publicDate(hit.publishedAt, locale) })}</span>
      </p>
      {hit.snippet ? (
        <p class="search-hit__snippet">
          <Marked text={hit.snippet} words={words} />
        </p>
      ) : null}
    </li>
  );
}

function Suggestions() {
  const t = useT();
  return (
    <ul class="search-suggest">
      {SUGGESTIONS.map((k) => {
        const q = t(`search.suggest.${k}`);
        return (
          <li>
            <a href={searchHref({ q })} lang="th">
              {q}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Browse() {
  const t = useT();
  return (
    <ul class="search-browse">
      {BROWSE.map((b) => (
        <li>
          <a href={b.href}>{t(`search.browse.${b.key}`)}</a>
        </li>
      ))}
    </ul>
  );
}

export function SearchPage({
  org,
  result,
  source,
  page,
  error,
}: {
  org: Organization;
  result: SearchResult;
  /** The source filter as asked (only a known one). */
  source: string | null;
  page: number;
  /** A query was typed but holds no letter or digit. */
  error: boolean;
}) {
  const t = useT();
  const q = result.query;
  const title = q ? t('search.page.titleFor', { q }) : t('search.page.title');
  const { total, hits, limit, offset } = result;
  const from = offset + 1;
  const to = offset + hits.length;
  const pageCount = Math.ceil(total / limit);
  const prevHref = page > 1 ? searchHref({ q, source, page: page - 1 }) : null;
  const nextHref = page < pageCount && to < total ? searchHref({ q, source, page: page + 1 }) : null;
  const sourceLabel = (s: string) => t(`search.source.${sourceKey(s)}`);
  const matchesAll = result.sources.reduce((n, s) => n + s.count, 0);
  return (
    <PublicLayout
      title={title}
      head={<link rel="stylesheet" href={assetUrl('search.css')} />}
      meta={{ description: t('search.page.lead', { name: org.names.full }), canonicalPath: SEARCH_PATH }}
    >
      <h1>{t('search.page.title')}</h1>
      <p class="prose">{t('search.page.lead', { name: org.names.full })}</p>

      <form class="search-form" method="get" action={SEARCH_PATH}>
        <div class={`field${error ? ' field--error' : ''}`}>
          <label class="field__label" for="search-q">
            {t('search.page.label')}
          </label>
          <p class="field__hint" id="search-q-hint">
            {t('search.page.hint')}
          </p>
          {error ? (
            <p class="field__error" id="search-q-error">
              {t('search.page.tooShort')}
            </p>
          ) : null}
          <div class="search-form__row">
            <input
              class="input"
              id="search-q"
              type="search"
              name="q"
              value={q}
              maxlength={200}
              aria-describedby={error ? 'search-q-hint search-q-error' : 'search-q-hint'}
              aria-invalid={error ? 'true' : undefined}
            />
            {source ? <input type="hidden" name="source" value={source} /> : null}
            <button type="submit" class="button button--primary">
              <Icon name="search" /> {t('search.page.submit')}
            </button>
          </div>
        </div>
      </form>

      {!q || error ? (
        <section aria-labelledby="search-empty">
          <h2 id="search-empty">{t('search.page.emptyTitle')}</h2>
          <p>{t('search.page.emptyLead')}</p>
          <Suggestions />
          <p>{t('search.page.tipBrowse')}</p>
          <Browse />
        </section>
      ) : total === 0 ? (
        <section aria-labelledby="search-none">
          <h2 id="search-none" role="status">
            {t('search.page.noneTitle', { q })}
          </h2>
          <p>{t('search.page.noneLead')}</p>
          <ul>
            <li>{t('search.page.tipShorter')}</li>
            <li>{t('search.page.tipSpelling')}</li>
            {source ? (
              <li>
                <a href={searchHref({ q })}>{t('search.page.tipAllSources')}</a>
              </li>
            ) : null}
          </ul>
          <Suggestions />
          <p>{t('search.page.tipBrowse')}</p>
          <Browse />
        </section>
      ) : (
        <section aria-labelledby="search-results">
          <h2 id="search-results" class="visually-hidden">
            {t('search.page.results')}
          </h2>
          <p class="search-count" role="status">
            {source
              ? t('search.page.countIn', { n: formatNumber(total), source: sourceLabel(source) })
              : t('search.page.count', { n: formatNumber(total) })}
            {pageCount > 1 ? (
              <span class="muted">
                {' '}
                ({t('search.page.showing', { from: formatNumber(from), to: formatNumber(to), n: formatNumber(total) })})
              </span>
            ) : null}
          </p>
          {result.mode === 'any' ? <p class="search-any">{t('search.page.anyWords')}</p> : null}
          {result.sources.length > 1 || source ? (
            <nav class="search-filters" aria-label={t('search.page.filters')}>
              <ul>
                <li>
                  {source ? (
                    <a href={searchHref({ q })}>
                      {t('search.page.allSources')} ({formatNumber(matchesAll)})
                    </a>
                  ) : (
                    <span aria-current="true">
                      {t('search.page.allSources')} ({formatNumber(matchesAll)})
                    </span>
                  )}
                </li>
                {result.sources.map((s) => (
                  <li>
                    {s.source === source ? (
                      <span aria-current="true">
                        {sourceLabel(s.source)} ({formatNumber(s.count)})
                      </span>
                    ) : (
                      <a href={searchHref({ q, source: s.source })}>
                        {sourceLabel(s.source)} ({formatNumber(s.count)})
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <ol class="search-hits" start={from}>
            {hits.map((h) => (
              <Hit hit={h} words={result.words} />
            ))}
          </ol>
          <Pagination prevHref={prevHref} nextHref={nextHref} />
        </section>
      )}
    </PublicLayout>
  );
}
