import type { Organization } from '../../../core/tenancy/organization.js';
import { Banner, Breadcrumbs, ButtonLink, SummaryList } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { OitItem } from '../oit-items.js';
import { itaYearHref, type Publication, publicationFileHref, publicationHref } from '../service.js';
import { ItemName, useLocale } from './entry.js';
import { beDate, beDateTime, fileSize } from './format.js';

export function PublicationPage(props: {
  org: Organization;
  p: Publication;
  item: OitItem | undefined;
  replacement: Publication | null;
  previous: Publication | null;
}) {
  const t = useT();
  const locale = useLocale();
  const { p, item } = props;
  const yearTitle = t('publications.ita.yearTitle', { year: p.fiscalYear });
  const size = fileSize(t, p.size);
  return (
    <PublicLayout title={p.title}>
      <Breadcrumbs
        items={[
          { href: '/ita', text: t('publications.ita.title') },
          { href: itaYearHref(p.fiscalYear), text: yearTitle },
          { text: p.title },
        ]}
      />
      <h1>{p.title}</h1>
      {p.supersededBy && p.supersededAt ? (
        <Banner tone="warning" title={t('publications.doc.superseded')} role="status">
          <p>{t('publications.doc.supersededOn', { date: beDate(p.supersededAt, locale) })}</p>
          <p>
            <strong>{t('publications.doc.reason')}:</strong> {p.supersedeReason}
          </p>
          {props.replacement ? (
            <p>
              <a href={publicationHref(props.replacement)}>
                {t('publications.doc.seeReplacement')}: {props.replacement.title}
              </a>
            </p>
          ) : null}
        </Banner>
      ) : null}
      {props.previous ? (
        <Banner tone="info" title={t('publications.doc.replaces')}>
          <p>
            <strong>{t('publications.doc.reason')}:</strong> {props.previous.supersedeReason}
          </p>
          <p>
            <a href={publicationHref(props.previous)}>
              {t('publications.doc.seePrevious')}: {props.previous.title}
            </a>
          </p>
        </Banner>
      ) : null}
      <SummaryList
        rows={[
          { key: t('publications.doc.title'), value: p.title },
          {
            key: t('publications.doc.item'),
            value: item ? (
              <a href={`${itaYearHref(p.fiscalYear)}/${item.code}`}>
                <span class="mono">{item.code}</span> <ItemName item={item} />
              </a>
            ) : (
              <span class="mono">{p.itemCode}</span>
            ),
          },
          { key: t('publications.doc.fiscalYear'), value: <a href={itaYearHref(p.fiscalYear)}>{p.fiscalYear}</a> },
          { key: t('publications.doc.publishedAt'), value: beDateTime(p.publishedAt, locale) },
          { key: t('publications.doc.publishedBy'), value: p.publisherPosition ?? props.org.names.full },
          { key: t('publications.doc.fileType'), value: `${t('publications.doc.pdf')} · ${size}` },
          { key: t('publications.doc.sha256'), value: <code class="mono">{p.sha256}</code> },
        ]}
      />
      <p>
        <ButtonLink href={publicationFileHref(p)} variant="primary" icon="download">
          {t('publications.doc.downloadNamed', { title: p.title, size })}
        </ButtonLink>
      </p>
      <section aria-labelledby="verify" class="prose">
        <h2 id="verify">{t('publications.doc.verifyTitle')}</h2>
        <p>{t('publications.doc.verifyText')}</p>
        <p class="muted">{t('publications.doc.neverChanged')}</p>
      </section>
    </PublicLayout>
  );
}
