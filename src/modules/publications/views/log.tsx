import type { Translate } from '../../../core/i18n/i18n.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { Breadcrumbs, ButtonLink, SummaryList, Tag } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { PublicationKind } from '../schema.js';
import { itaYearHref, type Publication, publicationHref, sourceHref } from '../service.js';
import { beDateTime, fileSize } from './format.js';

/** One line of the publication log: a row, and the rows it stands in relation to. */
export interface LogRow {
  p: Publication;
  /** The publication this one replaced, if any. */
  replaced: Publication | null;
  /** On a withdrawal row: the publication it withdrew. */
  withdrew: Publication | null;
  who: string;
}

export const PUBLIC_LOG_HREF = '/publications';
export const LOG_CSV_HREF = '/publications/log.csv';
export const CHECK_HREF = '/publications/check';

/** Newest first (as listed), each with the publication it replaced or withdrew. */
export function logRows(list: readonly Publication[], who: (p: Publication) => string): LogRow[] {
  const replacedBy = new Map<number, Publication>();
  const byId = new Map<number, Publication>();
  for (const p of list) {
    byId.set(p.id, p);
    if (p.supersededBy != null) replacedBy.set(p.supersededBy, p);
  }
  return list.map((p) => ({
    p,
    replaced: replacedBy.get(p.id) ?? null,
    withdrew: p.withdraws != null ? (byId.get(p.withdraws) ?? null) : null,
    who: who(p),
  }));
}

export function kindLabel(t: Translate, kind: PublicationKind): string {
  return t(`publications.kinds.${kind}`);
}

/** PDF or JSON, as the reader sees the file type. */
export function typeLabel(t: Translate, mime: string): string {
  return mime === 'application/json' ? t('publications.doc.json') : mime === 'application/pdf' ? t('publications.doc.pdf') : mime;
}

/** What happened in this row: published, replaced #n (with the reason), or withdrew #n (with the reason). */
function EventCell({ row }: { row: LogRow }) {
  const t = useT();
  const { p, replaced } = row;
  return (
    <td>
      {p.action === 'withdraw' ? (
        <>
          <Tag tone="danger">{t('publications.log.withdrawnEvent', { id: p.withdraws ?? '' })}</Tag>
          <p>
            <strong>{t('publications.doc.reason')}:</strong> {p.reason}
          </p>
        </>
      ) : replaced ? (
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
      {p.withdrawnBy ? (
        <p>
          <Tag tone="warning">{t('publications.doc.withdrawn')}</Tag>
        </p>
      ) : null}
    </td>
  );
}

/**
 * The log as a table, the same for the public and for staff: when, kind, event (published,
 * replaced #n or withdrew #n with the reason), the entry, by whom, the full sha256. Staff who
 * may supersede or withdraw documents get a last column with the actions.
 */
export function PublicationLogTable({ rows, canManage = false }: { rows: LogRow[]; canManage?: boolean }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  if (rows.length === 0) return <p>{t('publications.log.empty')}</p>;
  return (
    <section class="table-wrap" tabindex={0} aria-label={t('publications.log.title')}>
      <table class="table">
        <caption class="visually-hidden">{t('publications.log.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('publications.log.when')}</th>
            <th scope="col">{t('publications.log.kind')}</th>
            <th scope="col">{t('publications.log.event')}</th>
            <th scope="col">{t('publications.log.document')}</th>
            <th scope="col">{t('publications.log.who')}</th>
            <th scope="col">{t('publications.doc.sha256')}</th>
            {canManage ? (
              <th scope="col" class="visually-hidden">
                {t('publications.log.supersede')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { p, who } = row;
            const live = p.action === 'publish' ? sourceHref(p) : null;
            const current = p.action === 'publish' && !p.supersededBy && !p.withdrawnBy;
            return (
              <tr id={`publication-${p.id}`}>
                <td class="nowrap">
                  <time datetime={p.publishedAt.toISOString()}>{beDateTime(p.publishedAt, locale)}</time>
                </td>
                <td>{kindLabel(t, p.kind)}</td>
                <EventCell row={row} />
                <td>
                  <a href={publicationHref(p)}>
                    #{p.id} {p.title || t('publications.log.scheduled', { date: p.visibleFrom ? beDateTime(p.visibleFrom, locale) : '' })}
                  </a>
                  <p class="muted">
                    {p.itemCode ? (
                      <>
                        <a href={`${itaYearHref(p.fiscalYear)}/${p.itemCode}`}>
                          {t('publications.log.itemYear', { code: p.itemCode, year: p.fiscalYear })}
                        </a>{' '}
                        ·{' '}
                      </>
                    ) : null}
                    {typeLabel(t, p.mime)} {fileSize(t, p.size)}
                  </p>
                  {live ? (
                    <p>
                      <a href={live}>
                        {t('publications.doc.livePage')}
                        <span class="visually-hidden">: {p.title}</span>
                      </a>
                    </p>
                  ) : null}
                </td>
                <td>{who}</td>
                <td>
                  <code class="mono">{p.sha256}</code>
                </td>
                {canManage ? (
                  <td>
                    {current && p.kind === 'document' ? (
                      <>
                        <p>
                          <a href={`/staff/publications/${p.id}/supersede`}>
                            {t('publications.log.supersede')}
                            <span class="visually-hidden"> {t('publications.log.supersedeLabel', { title: p.title })}</span>
                          </a>
                        </p>
                        <p>
                          <a href={`/staff/publications/${p.id}/withdraw`}>
                            {t('publications.log.withdraw')}
                            <span class="visually-hidden"> {t('publications.log.withdrawLabel', { title: p.title })}</span>
                          </a>
                        </p>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The public, verifiable publication log: the table, the CSV, the head of the hash chain, how to check. */
export function PublicLogPage({ org, rows, head }: { org: Organization; rows: LogRow[]; head: string }) {
  const t = useT();
  const title = t('publications.log.title');
  return (
    <PublicLayout title={title} wide meta={{ description: t('publications.ita.logLead'), canonicalPath: PUBLIC_LOG_HREF }}>
      <Breadcrumbs items={[{ href: '/ita', text: t('publications.ita.title') }, { text: title }]} />
      <h1>{title}</h1>
      <p class="prose">{t('publications.log.publicLead', { name: org.names.full })}</p>
      <SummaryList
        rows={[
          { key: t('publications.log.count'), value: String(rows.length) },
          { key: t('publications.log.head'), value: <code class="mono">{head}</code> },
        ]}
      />
      <div class="form-actions">
        <ButtonLink href={LOG_CSV_HREF} icon="download">
          {t('publications.log.csv')}
        </ButtonLink>
        <ButtonLink href={CHECK_HREF} icon="file-check">
          {t('publications.log.checkLink')}
        </ButtonLink>
      </div>
      <p class="muted prose">{t('publications.log.csvHint')}</p>
      <PublicationLogTable rows={rows} />
      <section aria-labelledby="check-file" class="prose">
        <h2 id="check-file">{t('publications.log.checkTitle')}</h2>
        <p>{t('publications.log.checkText')}</p>
        <p>
          <a href={CHECK_HREF}>{t('publications.log.checkLink')}</a>
        </p>
      </section>
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
          <code class="mono">chain = SHA-256(previous_chain|id|sha256|published_at|ref)</code>
        </p>
        <p>{t('publications.log.chainKeep')}</p>
      </section>
    </PublicLayout>
  );
}
