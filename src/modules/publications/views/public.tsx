import type { FieldError } from '../../../core/http/errors.js';
import type { FormValues } from '../../../core/http/forms.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { Banner, Breadcrumbs, ButtonLink, SummaryList } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { OitItem } from '../oit-items.js';
import { itaYearHref, type Publication, publicationFileHref, publicationHref, sourceHref } from '../service.js';
import { CheckForm, type CheckOutcome, CheckResult } from './check.js';
import { ItemName, useLocale } from './entry.js';
import { beDate, beDateTime, fileSize } from './format.js';
import { kindLabel, PUBLIC_LOG_HREF, typeLabel } from './log.js';

export function PublicationPage(props: {
  org: Organization;
  p: Publication;
  item: OitItem | undefined;
  replacement: Publication | null;
  previous: Publication | null;
  /** On a withdrawn publication: its withdrawal row; on a withdrawal row: what it withdrew. */
  withdrawal: Publication | null;
  withdrew: Publication | null;
  check?: { values: FormValues; errors: FieldError[]; outcome: CheckOutcome | null };
}) {
  const t = useT();
  const locale = useLocale();
  const { p, item } = props;
  const yearTitle = t('publications.ita.yearTitle', { year: p.fiscalYear });
  const size = fileSize(t, p.size);
  const type = typeLabel(t, p.mime);
  const live = p.action === 'publish' ? sourceHref(p) : null;
  const crumbs =
    p.kind === 'document'
      ? [
          { href: '/ita', text: t('publications.ita.title') },
          { href: itaYearHref(p.fiscalYear), text: yearTitle },
        ]
      : [{ href: PUBLIC_LOG_HREF, text: t('publications.log.title') }];
  return (
    <PublicLayout title={p.title} meta={{ description: `${kindLabel(t, p.kind)} · ${p.title}`, canonicalPath: publicationHref(p) }}>
      <Breadcrumbs items={[...crumbs, { text: p.title }]} />
      <h1>{p.title || t('publications.log.scheduled', { date: p.visibleFrom ? beDateTime(p.visibleFrom, locale) : '' })}</h1>
      {p.action === 'withdraw' ? (
        <Banner tone="warning" title={t('publications.doc.withdrawalOf', { id: p.withdraws ?? '' })} role="status">
          <p>
            <strong>{t('publications.doc.reason')}:</strong> {p.reason}
          </p>
          {props.withdrew ? (
            <p>
              <a href={publicationHref(props.withdrew)}>
                {t('publications.doc.seeWithdrawn')}: {props.withdrew.title}
              </a>
            </p>
          ) : null}
        </Banner>
      ) : null}
      {props.withdrawal ? (
        <Banner tone="warning" title={t('publications.doc.withdrawn')} role="status">
          <p>{t('publications.doc.withdrawnOn', { date: beDate(props.withdrawal.publishedAt, locale) })}</p>
          <p>
            <strong>{t('publications.doc.reason')}:</strong> {props.withdrawal.reason}
          </p>
          <p>
            <a href={publicationHref(props.withdrawal)}>{t('publications.doc.seeWithdrawal')}</a>
          </p>
        </Banner>
      ) : null}
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
          { key: t('publications.doc.kind'), value: kindLabel(t, p.kind) },
          ...(live ? [{ key: t('publications.doc.livePage'), value: <a href={live}>{p.title}</a> }] : []),
          ...(p.itemCode
            ? [
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
              ]
            : []),
          { key: t('publications.doc.fiscalYear'), value: <a href={itaYearHref(p.fiscalYear)}>{p.fiscalYear}</a> },
          { key: t('publications.doc.publishedAt'), value: beDateTime(p.publishedAt, locale) },
          { key: t('publications.doc.publishedBy'), value: p.publisherPosition ?? props.org.names.full },
          { key: t('publications.doc.fileType'), value: `${type} · ${size}` },
          { key: t('publications.doc.sha256'), value: <code class="mono">{p.sha256}</code> },
          ...(p.chainLink ? [{ key: t('publications.doc.chain'), value: <code class="mono">{p.chainLink}</code> }] : []),
        ]}
      />
      {p.mime === 'application/json' ? <p class="muted prose">{t('publications.doc.snapshot')}</p> : null}
      <p>
        <ButtonLink href={publicationFileHref(p)} variant="primary" icon="download">
          {t('publications.doc.downloadFile', { title: p.title, type, size })}
        </ButtonLink>
      </p>
      <section aria-labelledby="verify" class="prose">
        <h2 id="verify">{t('publications.doc.verifyTitle')}</h2>
        <p>{t('publications.doc.verifyText')}</p>
        <p class="muted">{t('publications.doc.neverChanged')}</p>
      </section>
      <section aria-labelledby="check-here">
        <h2 id="check-here">{t('publications.check.here')}</h2>
        <p class="prose">{t('publications.check.hereLead')}</p>
        {props.check?.outcome ? <CheckResult org={props.org} outcome={props.check.outcome} here={p} /> : null}
        <CheckForm action={`${publicationHref(p)}/check`} values={props.check?.values ?? {}} errors={props.check?.errors ?? []} />
      </section>
    </PublicLayout>
  );
}
