import type { Organization } from '../../../core/tenancy/organization.js';
import { formatNumber } from '../../../core/thai/numbers.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Breadcrumbs, Card, Icon, SummaryList } from '../../../core/ui/components.js';
import { richText, useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { CKAN_PREFIX } from '../ckan.js';
import { CATALOG_JSONLD_HREF, datasetJsonLdHref, LICENSE } from '../dcat.js';
import { type DatasetCell, type DatasetColumn, type DatasetTable, localized } from '../registry.js';
import { type DatasetSummary, datasetHref, downloadHref, FORMATS, periodLabel } from '../service.js';

export const OPENDATA_HREF = '/opendata';
export const OPENDATA_API_HREF = '/api/opendata';

function useLocale() {
  return useAppContext().get('locale');
}

export function DatasetListPage({ org, datasets }: { org: Organization; datasets: DatasetSummary[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <PublicLayout title={t('opendata.list.title')}>
      <h1>{t('opendata.list.title')}</h1>
      <p class="prose">{t('opendata.list.lead', { name: org.names.full })}</p>
      {datasets.length === 0 ? <p>{t('opendata.list.empty')}</p> : null}
      <div class="grid">
        {datasets.map(({ def, periods }) => (
          <Card title={localized(def.title, locale)} href={datasetHref(def.id)} icon="file-text">
            <p>{localized(def.description, locale)}</p>
            <p class="muted">
              {t('opendata.list.periods', { n: formatNumber(periods.length), latest: periodLabel(periods[0] ?? '', locale) })}
            </p>
          </Card>
        ))}
      </div>
      <p class="muted">
        {t('opendata.list.api')} <a href={OPENDATA_API_HREF}>{OPENDATA_API_HREF}</a> (<a href="/api/docs">{t('opendata.list.apiDocs')}</a>)
      </p>
      <p class="muted">
        {richText(t, 'opendata.list.harvest', {
          dcat: <a href={CATALOG_JSONLD_HREF}>{CATALOG_JSONLD_HREF}</a>,
          ckan: <a href={`${CKAN_PREFIX}/package_list`}>{`${CKAN_PREFIX}/`}</a>,
          license: <a href={LICENSE.uri}>CC BY 4.0</a>,
        })}
      </p>
    </PublicLayout>
  );
}

function cellText(v: DatasetCell, col: DatasetColumn): string | null {
  if (v == null || v === '') return null;
  if (typeof v === 'number') return formatNumber(v, col.type === 'decimal' ? { decimals: 1 } : {});
  return v;
}

/** One period's rows as a table: numbers right-aligned, an empty cell said as "no data" to screen readers. */
function DataTable({ table, caption }: { table: DatasetTable; caption: string }) {
  const t = useT();
  const locale = useLocale();
  if (table.rows.length === 0) return <p>{t('opendata.dataset.noRows')}</p>;
  return (
    <>
      <p class="muted">{t('opendata.dataset.previewHint')}</p>
      {/* Focusable so that a keyboard can scroll it sideways on a narrow screen (WCAG 2.1.1). */}
      <section class="table-wrap" aria-labelledby="opendata-preview" tabindex={0}>
        <table class="table opendata-table">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" class={c.type && c.type !== 'text' ? 'num' : undefined}>
                  {localized({ th: c.th, en: c.en, ms: c.ms }, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>
                {table.columns.map((c, i) => {
                  const text = cellText(r[i] ?? null, c);
                  const num = c.type && c.type !== 'text';
                  const content =
                    text === null ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <span class="visually-hidden">{t('opendata.dataset.noValue')}</span>
                      </>
                    ) : (
                      text
                    );
                  return i === 0 ? <th scope="row">{content}</th> : <td class={num ? 'num' : undefined}>{content}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

export function DatasetPage({
  org,
  summary,
  shown,
}: {
  org: Organization;
  summary: DatasetSummary;
  /** The period whose rows are shown on the page (the newest by default), if any. */
  shown: { period: string; table: DatasetTable } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const { def, periods } = summary;
  const title = localized(def.title, locale);
  return (
    <PublicLayout
      title={title}
      wide
      head={
        <>
          <link rel="stylesheet" href={assetUrl('opendata.css')} />
          <link rel="alternate" type="application/ld+json" href={datasetJsonLdHref(def.id)} />
        </>
      }
    >
      <Breadcrumbs items={[{ href: OPENDATA_HREF, text: t('opendata.list.title') }, { text: title }]} />
      <h1>{title}</h1>
      <p class="prose">{localized(def.description, locale)}</p>

      <h2>{t('opendata.dataset.about')}</h2>
      <SummaryList
        rows={[
          { key: t('opendata.dataset.publisher'), value: org.names.full },
          ...(def.frequency ? [{ key: t('opendata.dataset.frequency'), value: t(`opendata.frequency.${def.frequency}`) }] : []),
          ...(def.keywords?.length ? [{ key: t('opendata.dataset.keywords'), value: def.keywords.join(', ') }] : []),
          { key: t('opendata.dataset.formats'), value: t('opendata.dataset.formatsValue') },
        ]}
      />

      <h2 id="opendata-periods">{t('opendata.dataset.periods')}</h2>
      {periods.length === 0 ? (
        <p>{t('opendata.dataset.noPeriods')}</p>
      ) : (
        <>
          <p class="muted">{t('opendata.dataset.formatsHelp')}</p>
          <ul class="inbox">
            {periods.map((p) => {
              const label = periodLabel(p, locale);
              return (
                <li class="inbox__item">
                  <p class="inbox__title opendata-period">{label}</p>
                  <p class="inbox__actions">
                    {FORMATS.map((f) => (
                      <a class="button button--secondary button--small" href={downloadHref(def.id, p, f)} download>
                        <Icon name="download" />
                        <span aria-hidden="true">{f.toUpperCase()}</span>
                        <span class="visually-hidden">
                          {t('opendata.dataset.downloadNamed', { title, period: label, format: f.toUpperCase() })}
                        </span>
                      </a>
                    ))}
                    {shown?.period === p ? null : (
                      <a href={`${datasetHref(def.id)}?period=${encodeURIComponent(p)}#opendata-preview`}>
                        <span aria-hidden="true">{t('opendata.dataset.view')}</span>
                        <span class="visually-hidden">{t('opendata.dataset.viewNamed', { period: label })}</span>
                      </a>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        </>
      )}

      {shown ? (
        <>
          <h2 id="opendata-preview">{t('opendata.dataset.preview', { period: periodLabel(shown.period, locale) })}</h2>
          <DataTable table={shown.table} caption={t('opendata.dataset.preview', { period: periodLabel(shown.period, locale) })} />
        </>
      ) : null}

      {shown ? (
        <section aria-labelledby="opendata-columns">
          <h2 id="opendata-columns">{t('opendata.dataset.columns')}</h2>
          <p class="prose">{t('opendata.dataset.columnsLead')}</p>
          <SummaryList
            rows={shown.table.columns.map((c) => ({
              key: <code class="mono">{c.key}</code>,
              value: localized({ th: c.th, en: c.en, ms: c.ms }, locale),
            }))}
          />
        </section>
      ) : null}
    </PublicLayout>
  );
}
