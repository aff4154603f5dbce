import type { Child, PropsWithChildren } from 'hono/jsx';
import type { Locale } from '../../../core/i18n/i18n.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Breadcrumbs, Icon } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import type { IconName } from '../../../core/ui/icons.js';
import { type PageMeta, PublicLayout } from '../../../core/ui/layouts.js';
import { OrgFullName, PersonName } from '../../../core/ui/names.js';
import { ShareLinks } from '../../../core/ui/share.js';
import type { OrgPageKey, SocialChannel } from '../schema.js';
import type { OrgPage, OrgStructure, PersonCard, PositionSlot, ProfileView } from '../service.js';
import { mapLinks } from '../service.js';

const useLocale = (): Locale => useAppContext().get('locale');

/** Every organization page: the public layout with about.css, breadcrumbs back to the index. */
export function AboutLayout(props: PropsWithChildren<{ title: string; crumb?: boolean; meta?: PageMeta }>) {
  const t = useT();
  return (
    <PublicLayout title={props.title} head={<link rel="stylesheet" href={assetUrl('about.css')} />} meta={props.meta ?? {}}>
      {props.crumb === false ? null : (
        <Breadcrumbs
          items={[{ href: '/', text: t('home.nav.home') }, { href: '/about', text: t('about.pages.index') }, { text: props.title }]}
        />
      )}
      {props.children}
    </PublicLayout>
  );
}

export const INDEX_ITEMS: { key: string; href: string; icon: IconName }[] = [
  { key: 'structure', href: '/about/structure', icon: 'network' },
  { key: 'executives', href: '/about/executives', icon: 'users' },
  { key: 'powers', href: '/about/powers', icon: 'landmark' },
  { key: 'vision', href: '/about/vision', icon: 'file-check' },
  { key: 'history', href: '/about/history', icon: 'book-open' },
  { key: 'contact', href: '/about/contact', icon: 'map-pin' },
  { key: 'laws', href: '/about/laws', icon: 'scale' },
  { key: 'social', href: '/about/social', icon: 'share-2' },
  { key: 'qa', href: '/qa', icon: 'message-circle-question' },
  { key: 'privacy', href: '/privacy', icon: 'lock' },
];

export function AboutIndexPage({ org, written }: { org: Organization; written: OrgPageKey[] }) {
  const t = useT();
  // History and vision are optional pages: listed once written.
  const items = INDEX_ITEMS.filter((i) => !(i.key === 'history' || i.key === 'vision') || written.includes(i.key));
  return (
    <AboutLayout title={t('about.pages.index')} crumb={false} meta={{ description: t('about.public.indexLead', { name: org.names.full }) }}>
      <h1>{t('about.pages.index')}</h1>
      <p class="about-lead">{t('about.public.indexLead', { name: org.names.full })}</p>
      <ul class="about-index">
        {items.map((i) => (
          <li>
            <a class="about-index__link" href={i.href}>
              <Icon name={i.icon} size={28} />
              <span>{t(`about.pages.${i.key}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </AboutLayout>
  );
}

function Holder({ p, slot }: { p: PersonCard; slot: PositionSlot }) {
  const t = useT();
  return (
    <span class="org-chart__person">
      <PersonName name={p.name} />
      {p.acting ? <span class="org-chart__acting"> ({t('about.public.acting')})</span> : null}
      <span class="visually-hidden">, {slot.title}</span>
    </span>
  );
}

function SlotBox({ slot }: { slot: PositionSlot }) {
  const t = useT();
  return (
    <div class="org-chart__box">
      <span class="org-chart__title">{slot.title}</span>
      {slot.holders.length ? (
        slot.holders.map((p) => <Holder p={p} slot={slot} />)
      ) : (
        <span class="org-chart__vacant">{t('about.public.vacant')}</span>
      )}
    </div>
  );
}

/**
 * The structure chart (o1) as nested lists: the executives, under them the permanent
 * administration, under it the divisions. Screen readers hear the nesting as list levels; CSS
 * draws the boxes and the lines.
 */
export function StructurePage({ org, s }: { org: Organization; s: OrgStructure }) {
  const t = useT();
  const empty = !s.executives.length && !s.administration.length && !s.divisions.length;
  const divisionsList = (
    <ul class="org-chart__level org-chart__level--divisions" aria-label={t('about.public.divisionsGroup')}>
      {s.divisions.map((d) => (
        <li class="org-chart__node">
          <div class="org-chart__box org-chart__box--division">
            <span class="org-chart__title org-chart__division">{d.name}</span>
            {d.heads.length ? (
              d.heads.map((h) => (
                <span class="org-chart__head">
                  <span class="org-chart__role">{h.title}</span>
                  {h.holders.length ? (
                    h.holders.map((p) => <Holder p={p} slot={h} />)
                  ) : (
                    <span class="org-chart__vacant">{t('about.public.vacant')}</span>
                  )}
                </span>
              ))
            ) : (
              <span class="org-chart__vacant">{t('about.public.noHead')}</span>
            )}
            <span class="org-chart__count">{t('about.public.staffCount', { n: d.staffCount })}</span>
          </div>
        </li>
      ))}
    </ul>
  );
  // Each level nests under the last box of the level above; levels that have no positions are skipped.
  const adminLevel = s.administration.length ? (
    <ul class="org-chart__level" aria-label={t('about.public.administrationGroup')}>
      {s.administration.map((a, i) => (
        <li class="org-chart__node">
          <SlotBox slot={a} />
          {i === s.administration.length - 1 && s.divisions.length ? divisionsList : null}
        </li>
      ))}
    </ul>
  ) : s.divisions.length ? (
    divisionsList
  ) : null;
  return (
    <AboutLayout title={t('about.pages.structure')} meta={{ description: t('about.public.structureLead') }}>
      <h1>{t('about.pages.structure')}</h1>
      <p class="about-lead">
        <OrgFullName typeFull={org.names.typeFull} name={org.name} /> — {t('about.public.structureLead')}
      </p>
      {empty ? (
        <p>{t('about.public.none')}</p>
      ) : (
        <div class="org-chart">
          {s.executives.length ? (
            <ul class="org-chart__level org-chart__level--top" aria-label={t('about.public.executivesGroup')}>
              {s.executives.map((e, i) => (
                <li class="org-chart__node">
                  <SlotBox slot={e} />
                  {i === s.executives.length - 1 ? adminLevel : null}
                </li>
              ))}
            </ul>
          ) : (
            adminLevel
          )}
        </div>
      )}
      <p class="muted">{t('about.public.staffTotal', { n: s.staffTotal })}</p>
      <ShareLinks path="/about/structure" title={t('about.pages.structure')} />
    </AboutLayout>
  );
}

function Portrait({ p }: { p: PersonCard }) {
  const t = useT();
  return p.photoUrl ? (
    <img
      class="person-card__photo"
      src={p.photoUrl}
      alt={t('about.public.photoOf', { name: p.name })}
      width="160"
      height="200"
      loading="lazy"
    />
  ) : (
    <span class="person-card__photo person-card__photo--none" aria-hidden="true">
      <Icon name="user" size={64} />
    </span>
  );
}

function PeopleGroup({ title, slots }: { title: string; slots: PositionSlot[] }) {
  const t = useT();
  const filled = slots.filter((s) => s.holders.length);
  if (!filled.length) return null;
  return (
    <section class="people-group">
      <h2>{title}</h2>
      <ul class="people">
        {filled.flatMap((s) =>
          s.holders.map((p) => (
            <li class="person-card">
              <Portrait p={p} />
              <div class="person-card__body">
                <h3 class="person-card__name">
                  <PersonName name={p.name} />
                </h3>
                <p class="person-card__position">
                  {p.acting ? `${t('about.public.acting')} ` : ''}
                  {s.title}
                </p>
                {p.phone ? (
                  <p class="person-card__phone">
                    <Icon name="phone" size={18} /> <span class="visually-hidden">{t('about.public.phone')} </span>
                    <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a>
                  </p>
                ) : null}
              </div>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}

export function ExecutivesPage({ s }: { s: OrgStructure }) {
  const t = useT();
  const heads = s.divisions.flatMap((d) => d.heads);
  const any = [...s.executives, ...s.administration, ...heads].some((x) => x.holders.length);
  return (
    <AboutLayout title={t('about.pages.executives')} meta={{ description: t('about.public.executivesLead') }}>
      <h1>{t('about.pages.executives')}</h1>
      <p class="about-lead">{t('about.public.executivesLead')}</p>
      {any ? null : <p>{t('about.public.none')}</p>}
      <PeopleGroup title={t('about.public.executivesGroup')} slots={s.executives} />
      <PeopleGroup title={t('about.public.administrationGroup')} slots={s.administration} />
      <PeopleGroup title={t('about.public.headsGroup')} slots={heads} />
      <ShareLinks path="/about/executives" title={t('about.pages.executives')} />
    </AboutLayout>
  );
}

function VersionLine({ page }: { page: OrgPage }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p class="muted about-version">
      <Icon name="calendar-clock" size={18} /> {t('about.public.version', { n: page.version, date: beDate(page.updatedAt, locale) })}
    </p>
  );
}

/** A written page (powers, laws, history, vision, privacy): the organization's sanitized HTML. */
export function WrittenPage({
  pageKey,
  page,
  path,
  fallback,
}: {
  pageKey: OrgPageKey;
  page: OrgPage | null;
  path: string;
  fallback?: Child;
}) {
  const t = useT();
  const title = page?.title ?? t(`about.pages.${pageKey}`);
  const description = page
    ? page.bodyHtml
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 160)
    : undefined;
  return (
    <AboutLayout title={title} meta={{ description, canonicalPath: path }}>
      <article class="prose about-written">
        <h1>{title}</h1>
        {page ? (
          <>
            {/* bodyHtml is renderRichText's sanitized output (allow-listed tags, http/https/mailto/tel links only). */}
            <div class="about-written__body" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
            <VersionLine page={page} />
          </>
        ) : (
          (fallback ?? <p>{t('about.public.notWritten')}</p>)
        )}
      </article>
      <ShareLinks path={path} title={title} />
    </AboutLayout>
  );
}

/** The default privacy statement (the platform's own practice), shown until the organization writes its own. */
export function DefaultPrivacy({ org }: { org: Organization }) {
  const t = useT();
  return (
    <>
      {['body1', 'body2', 'body3', 'body4'].map((p) => (
        <p>{t(`home.privacy.${p}`, { name: org.names.full })}</p>
      ))}
      <p>
        <a href="/about/contact">{t('about.pages.contact')}</a>
      </p>
    </>
  );
}

export function ContactPage({ org, profile }: { org: Organization; profile: ProfileView }) {
  const t = useT();
  const links = mapLinks(profile);
  return (
    <AboutLayout title={t('about.pages.contact')} meta={{ description: t('about.public.contactLead') }}>
      <h1>{t('about.pages.contact')}</h1>
      <p class="about-lead">{t('about.public.contactLead')}</p>
      <div class="about-contact">
        <section class="card">
          <h2 class="card__title">
            <Icon name="building-2" />{' '}
            <span>
              <OrgFullName typeFull={org.names.typeFull} name={org.name} />
            </span>
          </h2>
          <dl class="summary-list">
            <div class="summary-list__row">
              <dt>{t('about.public.address')}</dt>
              <dd>
                {org.address}
                {org.postcode ? ` ${org.postcode}` : ''}
              </dd>
            </div>
            {org.phone ? (
              <div class="summary-list__row">
                <dt>{t('about.public.phone')}</dt>
                <dd>
                  <a href={`tel:${org.phone.replace(/[^\d+]/g, '')}`}>{org.phone}</a>
                </dd>
              </div>
            ) : null}
            {org.email ? (
              <div class="summary-list__row">
                <dt>{t('about.public.email')}</dt>
                <dd>
                  <a href={`mailto:${org.email}`}>{org.email}</a>
                </dd>
              </div>
            ) : null}
            <div class="summary-list__row">
              <dt>{t('about.public.officeHours')}</dt>
              <dd class="about-pre">{profile.officeHours ?? t('home.public.officeHoursText')}</dd>
            </div>
          </dl>
        </section>
        <section class="card">
          <h2 class="card__title">
            <Icon name="map-pin" /> {t('about.public.map')}
          </h2>
          {links ? (
            <>
              <p>{t('about.public.mapLead', { lat: profile.latitude ?? '', lon: profile.longitude ?? '' })}</p>
              <ul class="about-links">
                <li>
                  <a href={links.osm} rel="noopener noreferrer" target="_blank">
                    <Icon name="external-link" size={18} /> {t('about.public.mapOsm')}
                    <span class="visually-hidden"> {t('about.public.newWindow')}</span>
                  </a>
                </li>
                <li>
                  <a href={links.google} rel="noopener noreferrer" target="_blank">
                    <Icon name="external-link" size={18} /> {t('about.public.mapGoogle')}
                    <span class="visually-hidden"> {t('about.public.newWindow')}</span>
                  </a>
                </li>
              </ul>
            </>
          ) : (
            <p>{t('about.public.mapNone')}</p>
          )}
        </section>
      </div>
      <p class="about-ask">
        <a class="button button--secondary" href="/qa/ask">
          <Icon name="message-circle-question" /> <span>{t('about.public.askLink')}</span>
        </a>{' '}
        <a class="button button--quiet" href="/about/social">
          <Icon name="share-2" /> <span>{t('about.pages.social')}</span>
        </a>
      </p>
    </AboutLayout>
  );
}

export function socialLabel(t: (k: string) => string, s: SocialChannel): string {
  return s.label ?? t(`about.public.socialKinds.${s.kind}`);
}

export function SocialPage({ profile }: { profile: ProfileView }) {
  const t = useT();
  return (
    <AboutLayout title={t('about.pages.social')} meta={{ description: t('about.public.socialLead') }}>
      <h1>{t('about.pages.social')}</h1>
      <p class="about-lead">{t('about.public.socialLead')}</p>
      {profile.social.length ? (
        <ul class="social-list">
          {profile.social.map((s) => (
            <li class="social-list__item">
              <span class="social-list__kind">{t(`about.public.socialKinds.${s.kind}`)}</span>
              <a href={s.url} rel="noopener noreferrer me" target="_blank">
                {socialLabel(t, s)}
                <span class="visually-hidden"> {t('about.public.newWindow')}</span>
              </a>
              <span class="social-list__url">{s.url}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('about.public.socialNone')}</p>
      )}
    </AboutLayout>
  );
}
