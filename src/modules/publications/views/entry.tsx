import type { Translate } from '../../../core/i18n/i18n.js';
import { Icon, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import type { OitItem } from '../oit-items.js';
import { type Publication, publicationFileHref, publicationHref } from '../service.js';
import { beDate, fileSize, shortSha } from './format.js';

/** Parts of the public pages of publications shared by the ITA pages (disclosure) and a publication's page. */
export function useLocale() {
  return useAppContext().get('locale');
}

/** The item's official Thai name, with an English gloss for readers of other languages. */
export function ItemName({ item }: { item: OitItem }) {
  const locale = useLocale();
  return (
    <>
      <span lang="th">{item.name}</span>
      {locale === 'th' ? null : <span class="muted"> ({item.gloss})</span>}
    </>
  );
}

export function Sha({ sha256 }: { sha256: string }) {
  const t = useT();
  return (
    <details>
      <summary>
        {t('publications.doc.sha256')} <code class="mono">{shortSha(sha256)}</code>
        <span class="visually-hidden"> {t('publications.doc.sha256Full')}</span>
      </summary>
      <code class="mono">{sha256}</code>
    </details>
  );
}

/** One published document in a list: title, date, size, short hash, download. */
export function PublicationEntry({ p }: { p: Publication }) {
  const t = useT();
  const locale = useLocale();
  const size = fileSize(t, p.size);
  return (
    <li class="inbox__item">
      <p class="inbox__meta">
        {p.supersededBy ? (
          <Tag tone="warning">{t('publications.doc.superseded')}</Tag>
        ) : (
          <Tag tone="success">{t('publications.ita.published')}</Tag>
        )}
        <span>{t('publications.doc.publishedOn', { date: beDate(p.publishedAt, locale) })}</span>
        <span>
          {t('publications.doc.pdf')} · {size}
        </span>
      </p>
      <p>
        <a href={publicationHref(p)}>{p.title}</a>
      </p>
      <Sha sha256={p.sha256} />
      <p>
        <a class="button button--secondary button--small" href={publicationFileHref(p)} download>
          <Icon name="download" />
          <span>
            {t('publications.doc.download')}
            <span class="visually-hidden"> {t('publications.doc.downloadNamed', { title: p.title, size })}</span>
          </span>
        </a>
      </p>
    </li>
  );
}

export function PublicationList({ list }: { list: Publication[] }) {
  return (
    <ul class="inbox">
      {list.map((p) => (
        <PublicationEntry p={p} />
      ))}
    </ul>
  );
}

export function yearRange(t: Translate, fy: number) {
  return t('publications.ita.yearRange', { from: fy - 1, to: fy });
}
