import { raw } from 'hono/html';
import type { Organization } from '../../../core/tenancy/organization.js';
import { formatThaiDate } from '../../../core/thai/index.js';
import { Breadcrumbs, Icon } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { ShareLinks } from '../../../core/ui/share.js';
import { SERVICE_CATEGORIES } from '../categories.js';
import { flowchartSvg } from '../flow.js';
import { bahtText, type GuideView, guidePath, responsibleLine, type ServiceGuide, totalTime } from '../service.js';
import { css, durationText, fileTypeText, totalText } from './common.js';

type T = ReturnType<typeof useT>;

function feeLine(t: T, fees: ServiceGuide['fees']): string {
  if (fees.length === 0) return t('services.public.noFee');
  if (fees.length === 1) return t('services.public.feeAmount', { amount: bahtText(fees[0]?.amount ?? 0) });
  return t('services.public.feeItems', { n: fees.length });
}

/** /services: the guides by category, each with its total time and fee line. */
export function ServiceListPage({ guides }: { guides: ServiceGuide[] }) {
  const t = useT();
  const groups = SERVICE_CATEGORIES.map((cat) => ({ cat, items: guides.filter((g) => g.category === cat) })).filter((g) => g.items.length);
  return (
    <PublicLayout title={t('services.public.title')} head={css()} meta={{ description: t('services.public.lead') }}>
      <header class="page-header">
        <h1 class="page-header__title">{t('services.public.title')}</h1>
        <p class="page-header__lead">{t('services.public.lead')}</p>
      </header>
      {groups.length === 0 ? <p>{t('services.public.empty')}</p> : null}
      {groups.length > 1 ? (
        <nav class="service-cats" aria-label={t('services.public.categories')}>
          <ul>
            {groups.map((g) => (
              <li>
                <a href={`#cat-${g.cat}`}>
                  {t(`services.categories.${g.cat}`)} <span class="muted">({g.items.length})</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {groups.map((g) => (
        <section class="service-group" aria-labelledby={`cat-${g.cat}`}>
          <h2 id={`cat-${g.cat}`}>{t(`services.categories.${g.cat}`)}</h2>
          <ul class="service-cards">
            {g.items.map((s) => (
              <li class="card service-card">
                <h3 class="service-card__title">
                  <a href={guidePath(s.id)}>{s.title}</a>
                </h3>
                {s.summary ? <p class="service-card__summary">{s.summary}</p> : null}
                <p class="service-card__facts">
                  <span>
                    <Icon name="clock" size={18} /> {t('services.public.totalShort', { total: totalText(t, totalTime(s.steps)) })}
                  </span>
                  <span>
                    <Icon name="landmark" size={18} /> {feeLine(t, s.fees)}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PublicLayout>
  );
}

function Section(props: { id: string; n: number; title: string; children: unknown }) {
  return (
    <section class="manual-section" aria-labelledby={props.id}>
      <h2 id={props.id} class="manual-section__title">
        <span class="manual-section__n" aria-hidden="true">
          {props.n}
        </span>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function Paragraphs({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <>
      {text
        .split(/\r?\n\s*\r?\n|\r?\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

export interface ComplaintOrg {
  name: string;
  address: string;
  phone: string | null;
  email: string | null;
}

/** /services/:id: the citizen's manual, every section, the flowchart, the forms, the poster. */
export function ServiceGuidePage({ view, org, queueHref }: { view: GuideView; org: Organization; queueHref: string | null }) {
  const t = useT();
  const g = view.guide;
  const total = totalText(t, view.total);
  const path = guidePath(g.id);
  const flow = flowchartSvg(
    view.steps.map((s) => ({
      kind: t(`services.stepKinds.${s.kind}`),
      duration: durationText(t, s),
      detail: s.detail,
      responsible: responsibleLine(s),
    })),
    { start: t('services.flow.start'), end: t('services.flow.end'), total },
  );
  const identity = g.documents.filter((d) => d.group === 'identity');
  const others = g.documents.filter((d) => d.group === 'other');
  const docTable = (id: string, title: string, docs: typeof identity) => (
    <>
      <h3 id={id}>{title}</h3>
      {docs.length === 0 ? (
        <p class="muted">{t('services.public.noDocuments')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby={id} tabindex={0}>
          <table class="table manual-table">
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('services.public.no')}
                </th>
                <th scope="col">{t('services.fields.docName')}</th>
                <th scope="col">{t('services.fields.docIssuer')}</th>
                <th scope="col" class="num">
                  {t('services.fields.docOriginals')}
                </th>
                <th scope="col" class="num">
                  {t('services.fields.docCopies')}
                </th>
                <th scope="col">{t('services.fields.docUnit')}</th>
                <th scope="col">{t('services.fields.docNote')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <th scope="row">{d.name}</th>
                  <td>{d.issuer ?? '–'}</td>
                  <td class="num">{d.originals}</td>
                  <td class="num">{d.copies}</td>
                  <td>{t(`services.docUnits.${d.unit}`)}</td>
                  <td>{d.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
  let n = 0;
  const next = () => ++n;
  return (
    <PublicLayout
      title={g.title}
      head={css()}
      meta={{
        description: g.summary ?? t('services.public.metaDescription', { title: g.title, total }),
        type: 'article',
        canonicalPath: path,
      }}
    >
      <Breadcrumbs items={[{ href: '/services', text: t('services.public.title') }, { text: g.title }]} />
      <article class="manual">
        <header class="manual__header">
          <p class="manual__eyebrow">{t('services.public.eyebrow')}</p>
          <h1 class="page-header__title">{g.title}</h1>
          {g.summary ? <p class="page-header__lead">{g.summary}</p> : null}
          <dl class="manual-facts">
            <div>
              <dt>
                <Icon name="clock" size={18} /> {t('services.public.totalTime')}
              </dt>
              <dd>{total}</dd>
            </div>
            <div>
              <dt>
                <Icon name="landmark" size={18} /> {t('services.public.fee')}
              </dt>
              <dd>{feeLine(t, g.fees)}</dd>
            </div>
            <div>
              <dt>
                <Icon name="file-check" size={18} /> {t('services.public.documentsCount')}
              </dt>
              <dd>{t('services.public.documentsN', { n: g.documents.length })}</dd>
            </div>
          </dl>
          <div class="manual-actions">
            {queueHref ? (
              <a class="button button--primary" href={queueHref}>
                <Icon name="ticket" />
                <span>{t('services.public.takeQueue', { service: view.queueServiceName ?? '' })}</span>
              </a>
            ) : null}
            <a class="button button--secondary" href={`${path}/poster.pdf?size=A4`}>
              <Icon name="printer" />
              <span>{t('services.public.posterA4')}</span>
            </a>
            <a class="button button--secondary" href={`${path}/poster.pdf?size=A3`}>
              <Icon name="printer" />
              <span>{t('services.public.posterA3')}</span>
            </a>
          </div>
        </header>

        <Section id="s-agency" n={next()} title={t('services.public.sections.agency')}>
          <p>
            {org.names.full}
            {view.divisionName ? ` · ${view.divisionName}` : ''}
          </p>
          <p class="muted">
            {t('services.fields.category')}: {t(`services.categories.${g.category}`)}
          </p>
        </Section>

        <Section id="s-law" n={next()} title={t('services.public.sections.law')}>
          {g.legalBasis.length ? (
            <ol class="manual-list">
              {g.legalBasis.map((l) => (
                <li>{l}</li>
              ))}
            </ol>
          ) : (
            <p class="muted">{t('services.public.none')}</p>
          )}
        </Section>

        <Section id="s-channel" n={next()} title={t('services.public.sections.channel')}>
          <dl class="manual-dl">
            <dt>{t('services.fields.location')}</dt>
            <dd>{g.location ?? org.address}</dd>
            <dt>{t('services.fields.hours')}</dt>
            <dd>{g.hours ?? t('services.public.defaultHours')}</dd>
          </dl>
        </Section>

        <Section id="s-criteria" n={next()} title={t('services.public.sections.criteria')}>
          {g.criteria ? <Paragraphs text={g.criteria} /> : <p class="muted">{t('services.public.none')}</p>}
          <p class="manual-note">{t('services.public.criteriaNote')}</p>
        </Section>

        <Section id="s-steps" n={next()} title={t('services.public.sections.steps')}>
          <figure class="service-flow">
            <figcaption class="service-flow__caption">{t('services.flow.caption', { n: view.steps.length, total })}</figcaption>
            <div class="service-flow__chart">{raw(flow)}</div>
            <ol class="service-flow__list visually-hidden">
              {view.steps.map((s) => (
                <li>
                  {t(`services.stepKinds.${s.kind}`)}: {s.detail}. {t('services.public.stepTime')} {durationText(t, s)}.
                  {responsibleLine(s) ? ` ${t('services.public.stepWho')} ${responsibleLine(s)}.` : ''}
                </li>
              ))}
            </ol>
          </figure>
          <section class="table-wrap" aria-labelledby="steps-table-caption" tabindex={0}>
            <table class="table manual-table">
              <caption id="steps-table-caption" class="visually-hidden">
                {t('services.public.sections.steps')}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('services.public.no')}
                  </th>
                  <th scope="col">{t('services.fields.stepKind')}</th>
                  <th scope="col">{t('services.fields.stepDetail')}</th>
                  <th scope="col">{t('services.fields.stepDurationShort')}</th>
                  <th scope="col">{t('services.fields.stepResponsible')}</th>
                  <th scope="col">{t('services.fields.stepNote')}</th>
                </tr>
              </thead>
              <tbody>
                {view.steps.map((s, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td>{t(`services.stepKinds.${s.kind}`)}</td>
                    <th scope="row">{s.detail}</th>
                    <td class="nowrap">{durationText(t, s)}</td>
                    <td>{responsibleLine(s) || '–'}</td>
                    <td>{s.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colspan={3}>
                    {t('services.public.totalTime')}
                  </th>
                  <td colspan={3}>
                    <strong>{total}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </section>
        </Section>

        <Section id="s-docs" n={next()} title={t('services.public.sections.documents')}>
          {docTable('docs-identity', t('services.public.docsIdentity'), identity)}
          {docTable('docs-other', t('services.public.docsOther'), others)}
        </Section>

        <Section id="s-fees" n={next()} title={t('services.public.sections.fees')}>
          {g.fees.length === 0 ? (
            <p class="manual-nofee">
              <strong>{t('services.public.noFee')}</strong>
            </p>
          ) : (
            <section class="table-wrap" aria-labelledby="s-fees" tabindex={0}>
              <table class="table manual-table">
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      {t('services.public.no')}
                    </th>
                    <th scope="col">{t('services.fields.feeItem')}</th>
                    <th scope="col" class="num">
                      {t('services.fields.feeAmountBaht')}
                    </th>
                    <th scope="col">{t('services.fields.feeNote')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.fees.map((f, i) => (
                    <tr>
                      <td class="num">{i + 1}</td>
                      <th scope="row">{f.item}</th>
                      <td class="num">{f.amount === 0 ? t('services.public.free') : bahtText(f.amount)}</td>
                      <td>{f.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </Section>

        <Section id="s-complaint" n={next()} title={t('services.public.sections.complaint')}>
          <ol class="manual-list">
            <li>
              {org.names.full} {org.address}
              {org.postcode ? ` ${org.postcode}` : ''}
              {org.phone ? (
                <>
                  {' '}
                  {t('services.public.phone')} <a href={`tel:${org.phone.replace(/[^\d+]/g, '')}`}>{org.phone}</a>
                </>
              ) : null}
              {org.email ? (
                <>
                  {' '}
                  {t('services.public.email')} <a href={`mailto:${org.email}`}>{org.email}</a>
                </>
              ) : null}
            </li>
            {g.complaintChannels
              ? g.complaintChannels
                  .split(/\r?\n/)
                  .filter((l) => l.trim())
                  .map((l) => <li>{l}</li>)
              : null}
            <li>
              {t('services.public.pmoc')} <a href="https://www.1111.go.th">www.1111.go.th</a>
            </li>
          </ol>
        </Section>

        <Section id="s-forms" n={next()} title={t('services.public.sections.forms')}>
          {view.files.length === 0 ? (
            <p class="muted">{t('services.public.noForms')}</p>
          ) : (
            <ul class="manual-files">
              {view.files.map((f) => (
                <li>
                  <a href={`${path}/files/${f.fileId}`} download>
                    <Icon name="download" size={18} /> {f.name}
                  </a>{' '}
                  <span class="muted">
                    ({t(`services.fileKinds.${f.kind}`)} · {fileTypeText(f.mime, f.size)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>

        {g.remarks ? (
          <Section id="s-remarks" n={next()} title={t('services.public.sections.remarks')}>
            <Paragraphs text={g.remarks} />
          </Section>
        ) : null}

        <footer class="manual__footer">
          <p class="muted">
            {t('services.public.updated', { date: formatThaiDate(g.updatedAt) })}
            {g.publicationId ? (
              <>
                {' · '}
                <a href={`/publications/${g.publicationId}`}>{t('services.public.logEntry')}</a>
              </>
            ) : null}
          </p>
          <ShareLinks path={path} title={g.title} />
        </footer>
      </article>
    </PublicLayout>
  );
}
