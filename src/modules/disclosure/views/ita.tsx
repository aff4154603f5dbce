import type { Organization } from '../../../core/tenancy/organization.js';
import { formatThaiDate } from '../../../core/thai/index.js';
import { Banner, Breadcrumbs, ButtonLink, Card, Icon, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { itaYearHref, type Publication } from '../../publications/service.js';
import { PublicationList, useLocale, yearRange } from '../../publications/views/entry.js';
import { PUBLIC_LOG_HREF } from '../../publications/views/log.js';
import type { OitListItem } from '../schema.js';
import type { EvidenceLink, IndicatorEvidence } from '../service.js';
import { css, IndicatorName } from './common.js';

export interface YearSummary {
  fiscalYear: number;
  items: number;
  publishedItems: number;
  publications: number;
}

export function ItaYearsPage({ org, years }: { org: Organization; years: YearSummary[] }) {
  const t = useT();
  return (
    <PublicLayout
      title={t('publications.ita.title')}
      meta={{ description: t('publications.ita.lead', { name: org.names.full }), canonicalPath: '/ita' }}
    >
      <h1>{t('publications.ita.title')}</h1>
      <p class="prose">{t('publications.ita.lead', { name: org.names.full })}</p>
      <h2>{t('publications.ita.years')}</h2>
      {years.length === 0 ? <p>{t('publications.ita.noYears')}</p> : null}
      <div class="grid">
        {years.map((y) => (
          <Card title={t('publications.ita.yearLink', { year: y.fiscalYear })} href={itaYearHref(y.fiscalYear)} icon="file-text">
            <p class="muted">{yearRange(t, y.fiscalYear)}</p>
            {y.items > 0 ? <p>{t('disclosure.ita.progress', { n: y.publishedItems, total: y.items })}</p> : null}
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

const INDICATORS = [9, 10] as const;

/** Indicators in the order of the list, under their indicator and sub-indicator headings. */
function groupIndicators(evidence: IndicatorEvidence[]) {
  return INDICATORS.map((indicator) => {
    const groups: { group: string; rows: IndicatorEvidence[] }[] = [];
    for (const e of evidence.filter((x) => x.indicator.indicator === indicator)) {
      const last = groups[groups.length - 1];
      if (last && last.group === e.indicator.group) last.rows.push(e);
      else groups.push({ group: e.indicator.group, rows: [e] });
    }
    return { indicator, groups };
  }).filter((g) => g.groups.length > 0);
}

/** An evidence link: its title, where it goes (external marked), when it last changed. */
function LinkList({ links }: { links: EvidenceLink[] }) {
  const t = useT();
  return (
    <ul class="ita-links">
      {links.map((l) => {
        const external = /^https?:\/\//.test(l.url);
        return (
          <li>
            <a href={l.url} rel={external ? 'noopener noreferrer' : undefined}>
              {external ? <Icon name="external-link" size={16} /> : <Icon name="link" size={16} />} {l.title}
              {external ? <span class="visually-hidden"> {t('disclosure.ita.external')}</span> : null}
            </a>
            {l.updatedAt ? <span class="muted"> · {t('disclosure.ita.updatedOn', { date: formatThaiDate(l.updatedAt) })}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

export const hasEvidence = (e: IndicatorEvidence) => e.publications.length + e.links.length > 0;

function IndicatorSection({ fiscalYear, e }: { fiscalYear: number; e: IndicatorEvidence }) {
  const t = useT();
  const locale = useLocale();
  const id = `item-${e.indicator.code}`;
  return (
    <section aria-labelledby={id} class="oit-item">
      <h4 id={id}>
        <a href={`${itaYearHref(fiscalYear)}/${e.indicator.code}`}>
          <span class="disclosure-code">{e.indicator.code}</span> <IndicatorName item={e.indicator} locale={locale} />
        </a>
      </h4>
      {e.indicator.verified ? null : <p class="muted">{t('publications.ita.unverified')}</p>}
      {!hasEvidence(e) ? (
        <p>
          <Tag tone="neutral">{t('publications.ita.nothing')}</Tag>
        </p>
      ) : null}
      {e.links.length > 0 ? <LinkList links={e.links} /> : null}
      {e.publications.length > 0 ? <PublicationList list={e.publications} /> : null}
    </section>
  );
}

export function ItaYearPage(props: {
  org: Organization;
  fiscalYear: number;
  evidence: IndicatorEvidence[];
  others: Publication[];
  custom: boolean;
}) {
  const t = useT();
  const { fiscalYear, evidence } = props;
  const title = t('publications.ita.yearTitle', { year: fiscalYear });
  const covered = evidence.filter(hasEvidence).length;
  const base = itaYearHref(fiscalYear);
  return (
    <PublicLayout
      title={title}
      head={css()}
      meta={{ description: t('disclosure.ita.metaYear', { year: fiscalYear, name: props.org.names.full }), canonicalPath: base }}
    >
      <Breadcrumbs items={[{ href: '/ita', text: t('publications.ita.title') }, { text: title }]} />
      <h1>{title}</h1>
      <p class="muted">{yearRange(t, fiscalYear)}</p>
      <p class="prose">{t('disclosure.ita.yearLead')}</p>
      {evidence.length > 0 ? (
        <p>
          <strong>{t('disclosure.ita.progress', { n: covered, total: evidence.length })}</strong>
        </p>
      ) : (
        <Banner tone="info">{t('publications.ita.noList')}</Banner>
      )}
      <section class="ita-export" aria-labelledby="export-title">
        <h2 id="export-title">{t('disclosure.ita.exportTitle')}</h2>
        <p class="prose">{t('disclosure.ita.exportLead')}</p>
        <p class="ita-export__links">
          <a class="button button--secondary button--small" href={`${base}/urls.csv`} download>
            <Icon name="download" /> <span>{t('disclosure.ita.csv')}</span>
          </a>{' '}
          <a class="button button--secondary button--small" href={`${base}/urls.xlsx`} download>
            <Icon name="download" /> <span>{t('disclosure.ita.xlsx')}</span>
          </a>
        </p>
      </section>
      {groupIndicators(evidence).map(({ indicator, groups }) => (
        <section aria-labelledby={`indicator-${indicator}`}>
          <h2 id={`indicator-${indicator}`}>{t(`publications.ita.indicator${indicator}`)}</h2>
          {groups.map(({ group, rows }) => (
            <section aria-labelledby={`group-${indicator}-${group}`}>
              <h3 id={`group-${indicator}-${group}`}>{t(`publications.groups.${group}`)}</h3>
              {rows.map((e) => (
                <IndicatorSection fiscalYear={fiscalYear} e={e} />
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

export function ItaItemPage(props: { fiscalYear: number; item: OitListItem; e: IndicatorEvidence; superseded: Publication[] }) {
  const t = useT();
  const locale = useLocale();
  const { fiscalYear, item, e } = props;
  const yearTitle = t('publications.ita.yearTitle', { year: fiscalYear });
  const groupKey = `publications.groups.${item.group}`;
  return (
    <PublicLayout
      title={`${item.code} ${item.name} — ${yearTitle}`}
      head={css()}
      meta={{ description: `${yearTitle}: ${item.code} ${item.name}`, canonicalPath: `${itaYearHref(fiscalYear)}/${item.code}` }}
    >
      <Breadcrumbs
        items={[
          { href: '/ita', text: t('publications.ita.title') },
          { href: itaYearHref(fiscalYear), text: yearTitle },
          { text: item.code },
        ]}
      />
      <h1>
        <span class="disclosure-code">{item.code}</span> <IndicatorName item={item} locale={locale} />
      </h1>
      <p class="muted">
        {yearTitle} · {t(`publications.ita.indicator${item.indicator}`)} · {t(groupKey)}
      </p>
      {item.verified ? null : <Banner tone="info">{t('publications.ita.unverified')}</Banner>}
      {!hasEvidence(e) ? (
        <p>
          <Tag tone="neutral">{t('publications.ita.nothing')}</Tag>
        </p>
      ) : null}
      {e.links.length > 0 ? (
        <section aria-labelledby="links">
          <h2 id="links">{t('disclosure.ita.links')}</h2>
          <LinkList links={e.links} />
        </section>
      ) : null}
      {e.publications.length > 0 ? (
        <section aria-labelledby="documents">
          <h2 id="documents">{t('disclosure.ita.documents')}</h2>
          <PublicationList list={e.publications} />
        </section>
      ) : null}
      {props.superseded.length > 0 ? (
        <section aria-labelledby="superseded">
          <h2 id="superseded">{t('publications.ita.supersededList')}</h2>
          <PublicationList list={props.superseded} />
        </section>
      ) : null}
    </PublicLayout>
  );
}
