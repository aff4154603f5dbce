import type { Organization } from '../../../core/tenancy/organization.js';
import { Breadcrumbs, ButtonLink, SummaryList, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { itaYearHref, type Publication, publicationHref } from '../service.js';
import { beDateTime, fileSize } from './format.js';

/** One line of the publication log: a publication, and the one it replaced (with the reason), if any. */
export interface LogRow {
  p: Publication;
  /** The publication this one replaced, if any. */
  replaced: Publication | null;
  who: string;
}

export const PUBLIC_LOG_HREF = '/publications';
export const LOG_CSV_HREF = '/publications/log.csv';

/** Newest first (as listed), each with the publication it replaced. */
export function logRows(list: readonly Publication[], who: (p: Publication) => string): LogRow[] {
  const replacedBy = new Map<number, Publication>();
  for (const p of list) if (p.supersededBy != null) replacedBy.set(p.supersededBy, p);
  return list.map((p) => ({ p, replaced: replacedBy.get(p.id) ?? null, who: who(p) }));
}

/**
 * The log as a table, the same for the public and for staff: when, event (published, or
 * replaced #n with the reason), document, by whom, the full sha256. Staff who may supersede get
 * a last column with the action.
 */
export function PublicationLogTable({ rows, canSupersede = false }: { rows: LogRow[]; canSupersede?: boolean }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  if (rows.length === 0) return <p>{t('publications.log.empty')}</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden">{t('publications.log.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('publications.log.when')}</th>
            <th scope="col">{t('publications.log.event')}</th>
            <th scope="col">{t('publications.log.document')}</th>
            <th scope="col">{t('publications.log.who')}</th>
            <th scope="col">{t('publications.doc.sha256')}</th>
            {canSupersede ? (
              <th scope="col" class="visually-hidden">
                {t('publications.log.supersede')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ p, replaced, who }) => (
            <tr id={`publication-${p.id}`}>
              <td class="nowrap">
                <time datetime={p.publishedAt.toISOString()}>{beDateTime(p.publishedAt, locale)}</time>
              </td>
              <td>
                {replaced ? (
                  <>
                    <Tag tone="info">{t('publications.log.supersededEvent', { id: replaced.id })}</Tag>
                    <p>
                      <strong>{t('publications.doc.reason')}:</strong> {replaced.supersedeReason}
                    </p>
                  </>
                ) : (
                  <Tag tone="success">{t('publications.log.publishedEvent')}</Tag>
                )}
                {p.supersededBy ? (
                  <p>
                    <Tag tone="warning">{t('publications.doc.superseded')}</Tag>
                  </p>
                ) : null}
              </td>
              <td>
                <a href={publicationHref(p)}>
                  #{p.id} {p.title}
                </a>
                <p class="muted">
                  <a href={`${itaYearHref(p.fiscalYear)}/${p.itemCode}`}>
                    {t('publications.log.itemYear', { code: p.itemCode, year: p.fiscalYear })}
                  </a>{' '}
                  · {fileSize(t, p.size)}
                </p>
              </td>
              <td>{who}</td>
              <td>
                <code class="mono">{p.sha256}</code>
              </td>
              {canSupersede ? (
                <td>
                  {p.supersededBy ? null : (
                    <a href={`/staff/publications/${p.id}/supersede`}>
                      {t('publications.log.supersede')}
                      <span class="visually-hidden"> {t('publications.log.supersedeLabel', { title: p.title })}</span>
                    </a>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The public, verifiable publication log: the table, the CSV, the head of the hash chain, how to check. */
export function PublicLogPage({ org, rows, head }: { org: Organization; rows: LogRow[]; head: string }) {
  const t = useT();
  const title = t('publications.log.title');
  return (
    <PublicLayout title={title} wide>
      <Breadcrumbs items={[{ href: '/ita', text: t('publications.ita.title') }, { text: title }]} />
      <h1>{title}</h1>
      <p class="prose">{t('publications.log.publicLead', { name: org.names.full })}</p>
      <SummaryList
        rows={[
          { key: t('publications.log.count'), value: String(rows.length) },
          { key: t('publications.log.head'), value: <code class="mono">{head}</code> },
        ]}
      />
      <p>
        <ButtonLink href={LOG_CSV_HREF} icon="download">
          {t('publications.log.csv')}
        </ButtonLink>
      </p>
      <p class="muted prose">{t('publications.log.csvHint')}</p>
      <PublicationLogTable rows={rows} />
      <section aria-labelledby="verify-file" class="prose">
        <h2 id="verify-file">{t('publications.log.verifyFileTitle')}</h2>
        <ol>
          <li>{t('publications.log.verifyFile1')}</li>
          <li>
            {t('publications.log.verifyFile2')}
            <ul>
              <li>
                {t('publications.log.linux')} <code class="mono">sha256sum file.pdf</code>
              </li>
              <li>
                {t('publications.log.mac')} <code class="mono">shasum -a 256 file.pdf</code>
              </li>
              <li>
                {t('publications.log.windows')} <code class="mono">certutil -hashfile file.pdf SHA256</code>
              </li>
            </ul>
          </li>
          <li>{t('publications.log.verifyFile3')}</li>
        </ol>
      </section>
      <section aria-labelledby="verify-chain" class="prose">
        <h2 id="verify-chain">{t('publications.log.chainTitle')}</h2>
        <p>{t('publications.log.chainText')}</p>
        <p>{t('publications.log.chainFormula')}</p>
        <p>
          <code class="mono">chain = SHA-256(previous_chain|id|sha256|published_at|replaces)</code>
        </p>
        <p>{t('publications.log.chainKeep')}</p>
      </section>
    </PublicLayout>
  );
}
