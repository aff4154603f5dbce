import type { Translate } from '../../../core/i18n/i18n.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { Banner, Breadcrumbs, ButtonLink, Card, Icon, SummaryList, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { OitGroup, OitIndicator, OitItem } from '../oit-items.js';
import { itaYearHref, type Publication, publicationFileHref, publicationHref } from '../service.js';
import { beDate, beDateTime, fileSize, shortSha } from './format.js';
import { PUBLIC_LOG_HREF } from './log.js';

export interface YearSummary {
  fiscalYear: number;
  items: number;
  publishedItems: number;
  publications: number;
}

function useLocale() {
  return useAppContext().get('locale');
}

/** The item's official Thai name, with an English gloss for readers of other languages. */
function ItemName({ item }: { item: OitItem }) {
  const locale = useLocale();
  return (
    <>
      <span lang="th">{item.name}</span>
      {locale === 'th' ? null : <span class="muted"> ({item.gloss})</span>}
    </>
  );
}

function Sha({ sha256 }: { sha256: string }) {
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
function PublicationEntry({ p }: { p: Publication }) {
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

function PublicationList({ list }: { list: Publication[] }) {
  return (
    <ul class="inbox">
      {list.map((p) => (
        <PublicationEntry p={p} />
      ))}
    </ul>
  );
}

function yearRange(t: Translate, fy: number) {
  return t('publications.ita.yearRange', { from: fy - 1, to: fy });
}

export function ItaYearsPage({ org, years }: { org: Organization; years: YearSummary[] }) {
  const t = useT();
  return (
    <PublicLayout title={t('publications.ita.title')}>
      <h1>{t('publications.ita.title')}</h1>
      <p class="prose">{t('publications.ita.lead', { name: org.names.full })}</p>
      <h2>{t('publications.ita.years')}</h2>
      {years.length === 0 ? <p>{t('publications.ita.noYears')}</p> : null}
      <div class="grid">
        {years.map((y) => (
          <Card title={t('publications.ita.yearLink', { year: y.fiscalYear })} href={itaYearHref(y.fiscalYear)} icon="file-text">
            <p class="muted">{yearRange(t, y.fiscalYear)}</p>
            {y.items > 0 ? <p>{t('publications.ita.progress', { n: y.publishedItems, total: y.items })}</p> : null}
          </Card>
        ))}
      </div>
      <section aria-labelledby="publication-log">
        <h2 id="publication-log">{t('publications.ita.logTitle')}</h2>
        <p class="prose">{t('publications.ita.logLead')}</p>
        <p>
          <ButtonLink href={PUBLIC_LOG_HREF} icon="scroll-text">
            {t('publications.log.title')}
          </ButtonLink>
        </p>
      </section>
    </PublicLayout>
  );
}

const INDICATORS: OitIndicator[] = [9, 10];

/** Items in the order of the list, under their indicator and sub-indicator headings. */
function groupItems(items: readonly OitItem[]) {
  return INDICATORS.map((indicator) => {
    const groups: { group: OitGroup; items: OitItem[] }[] = [];
    for (const item of items.filter((i) => i.indicator === indicator)) {
      const last = groups[groups.length - 1];
      if (last && last.group === item.group) last.items.push(item);
      else groups.push({ group: item.group, items: [item] });
    }
    return { indicator, groups };
  }).filter((g) => g.groups.length > 0);
}

function ItemSection({ fiscalYear, item, list }: { fiscalYear: number; item: OitItem; list: Publication[] }) {
  const t = useT();
  const id = `item-${item.code}`;
  return (
    <section aria-labelledby={id} class="oit-item">
      <h4 id={id}>
        <a href={`${itaYearHref(fiscalYear)}/${item.code}`}>
          <span class="mono">{item.code}</span> <ItemName item={item} />
        </a>
      </h4>
      {item.verified ? null : <p class="muted">{t('publications.ita.unverified')}</p>}
      {list.length === 0 ? (
        <p>
          <Tag tone="neutral">{t('publications.ita.nothing')}</Tag>
        </p>
      ) : (
        <PublicationList list={list} />
      )}
    </section>
  );
}

export function ItaYearPage(props: {
  org: Organization;
  fiscalYear: number;
  items: readonly OitItem[];
  byItem: Map<string, Publication[]>;
  others: Publication[];
}) {
  const t = useT();
  const { fiscalYear, items, byItem } = props;
  const title = t('publications.ita.yearTitle', { year: fiscalYear });
  const publishedItems = items.filter((i) => (byItem.get(i.code) ?? []).length > 0).length;
  return (
    <PublicLayout title={title}>
      <Breadcrumbs items={[{ href: '/ita', text: t('publications.ita.title') }, { text: title }]} />
      <h1>{title}</h1>
      <p class="muted">{yearRange(t, fiscalYear)}</p>
      <p class="prose">{t('publications.ita.yearLead')}</p>
      {items.length > 0 ? (
        <p>
          <strong>{t('publications.ita.progress', { n: publishedItems, total: items.length })}</strong>
        </p>
      ) : (
        <Banner tone="info">{t('publications.ita.noList')}</Banner>
      )}
      {groupItems(items).map(({ indicator, groups }) => (
        <section aria-labelledby={`indicator-${indicator}`}>
          <h2 id={`indicator-${indicator}`}>{t(`publications.ita.indicator${indicator}`)}</h2>
          {groups.map(({ group, items: groupItems }) => (
            <section aria-labelledby={`group-${indicator}-${group}`}>
              <h3 id={`group-${indicator}-${group}`}>{t(`publications.groups.${group}`)}</h3>
              {groupItems.map((item) => (
                <ItemSection fiscalYear={fiscalYear} item={item} list={byItem.get(item.code) ?? []} />
              ))}
            </section>
          ))}
        </section>
      ))}
      {props.others.length > 0 ? (
        <section aria-labelledby="others">
          <h2 id="others">{t('publications.ita.other')}</h2>
          <PublicationList list={props.others} />
        </section>
      ) : null}
    </PublicLayout>
  );
}

export function ItaItemPage(props: { fiscalYear: number; item: OitItem; current: Publication[]; superseded: Publication[] }) {
  const t = useT();
  const { fiscalYear, item } = props;
  const yearTitle = t('publications.ita.yearTitle', { year: fiscalYear });
  return (
    <PublicLayout title={`${item.code} ${item.name} — ${yearTitle}`}>
      <Breadcrumbs
        items={[
          { href: '/ita', text: t('publications.ita.title') },
          { href: itaYearHref(fiscalYear), text: yearTitle },
          { text: item.code },
        ]}
      />
      <h1>
        <span class="mono">{item.code}</span> <ItemName item={item} />
      </h1>
      <p class="muted">
        {yearTitle} · {t(`publications.ita.indicator${item.indicator}`)} · {t(`publications.groups.${item.group}`)}
      </p>
      {item.verified ? null : <Banner tone="info">{t('publications.ita.unverified')}</Banner>}
      {props.current.length === 0 ? (
        <p>
          <Tag tone="neutral">{t('publications.ita.nothing')}</Tag>
        </p>
      ) : (
        <PublicationList list={props.current} />
      )}
      {props.superseded.length > 0 ? (
        <section aria-labelledby="superseded">
          <h2 id="superseded">{t('publications.ita.supersededList')}</h2>
          <PublicationList list={props.superseded} />
        </section>
      ) : null}
    </PublicLayout>
  );
}

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
