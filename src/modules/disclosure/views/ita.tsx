import type { Organization } from '../../../core/tenancy/organization.js';
import { Banner, Breadcrumbs, ButtonLink, Card, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { OitGroup, OitIndicator, OitItem } from '../../publications/oit-items.js';
import { itaYearHref, type Publication } from '../../publications/service.js';
import { ItemName, PublicationList, yearRange } from '../../publications/views/entry.js';
import { PUBLIC_LOG_HREF } from '../../publications/views/log.js';

export interface YearSummary {
  fiscalYear: number;
  items: number;
  publishedItems: number;
  publications: number;
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
