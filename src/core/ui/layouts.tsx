import type { Child, PropsWithChildren } from 'hono/jsx';
import { siteOrigin } from '../http/request.js';
import { LOCALES, type Locale } from '../i18n/i18n.js';
import { assetUrl, PRELOADED_FONTS } from './assets.js';
import { Banner, CsrfField, Icon } from './components.js';
import { useAppContext, useT } from './context.js';
import { takeFlash } from './flash.js';
import { OrgFullName, PersonName } from './names.js';

/** What search engines and link previews (LINE, Facebook) read about a public page. */
export interface PageMeta {
  /** One or two sentences (meta description, og:description). */
  description?: string;
  /** og:type: 'article' for a news item or announcement. */
  type?: 'website' | 'article';
  /** An image path on this site for the link preview (og:image). */
  image?: string;
  publishedTime?: Date;
  /** The page's canonical path when it differs from the requested one (default: the path, no query). */
  canonicalPath?: string;
}

interface DocumentProps {
  title: string;
  meta?: PageMeta;
  bodyClass: string;
  /** Locales offered by the language switch (citizen pages add Malay). */
  locales?: readonly Locale[];
  head?: Child;
}

/** The HTML document every layout shares: fonts, the stylesheet, the organization's colors. */
function Document(props: PropsWithChildren<DocumentProps>) {
  const c = useAppContext();
  const org = c.get('org');
  const t = useT();
  const siteName = org ? org.names.short : t('core.app.name');
  return (
    <html lang={c.get('locale')}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title ? `${props.title} — ${siteName}` : siteName}</title>
        {props.meta ? <MetaTags meta={props.meta} title={props.title || siteName} siteName={siteName} /> : null}
        {PRELOADED_FONTS.map((f) => (
          <link rel="preload" href={assetUrl(f)} as="font" type="font/woff2" crossorigin="anonymous" />
        ))}
        <link rel="stylesheet" href={assetUrl('fonts.css')} />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        {org ? <link rel="stylesheet" href={`/theme.css?v=${org.version}`} /> : null}
        <link rel="icon" href={org?.logoFileId ? `/logo?v=${org.version}` : assetUrl('favicon.svg')} />
        {props.head}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}

const OG_LOCALE: Record<Locale, string> = { th: 'th_TH', en: 'en_GB', ms: 'ms_MY' };

/** Canonical URL, description and OpenGraph tags of a public page (absolute URLs: previews need them). */
function MetaTags({ meta, title, siteName }: { meta: PageMeta; title: string; siteName: string }) {
  const c = useAppContext();
  const origin = siteOrigin(c);
  const canonical = origin + (meta.canonicalPath ?? new URL(c.req.url).pathname);
  return (
    <>
      <link rel="canonical" href={canonical} />
      {meta.description ? <meta name="description" content={meta.description} /> : null}
      <meta property="og:site_name" content={siteName} />
      <meta property="og:title" content={title} />
      <meta property="og:type" content={meta.type ?? 'website'} />
      <meta property="og:url" content={canonical} />
      <meta property="og:locale" content={OG_LOCALE[c.get('locale')]} />
      {meta.description ? <meta property="og:description" content={meta.description} /> : null}
      {meta.image ? <meta property="og:image" content={origin + meta.image} /> : null}
      {meta.publishedTime ? <meta property="article:published_time" content={meta.publishedTime.toISOString()} /> : null}
      <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
    </>
  );
}

export function LanguageSwitch({ locales = ['th', 'en'] }: { locales?: readonly Locale[] }) {
  const c = useAppContext();
  const t = useT();
  const current = c.get('locale');
  const here = new URL(c.req.url);
  const next = encodeURIComponent(here.pathname + here.search);
  return (
    <nav class="lang-switch" aria-label={t('core.layout.language')}>
      <Icon name="languages" size={18} />
      <ul>
        {locales.map((l) => (
          <li>
            {l === current ? (
              <span aria-current="true" lang={l}>
                {t(`core.lang.${l}`)}
              </span>
            ) : (
              <a href={`/lang/${l}?next=${next}`} lang={l} hreflang={l}>
                {t(`core.lang.${l}`)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FlashBanner() {
  const c = useAppContext();
  const message = takeFlash(c);
  if (!message) return null;
  return <Banner tone={message.tone}>{c.get('t')(message.key)}</Banner>;
}

function Brand({ href }: { href: string }) {
  const c = useAppContext();
  const t = useT();
  const org = c.get('org');
  return (
    <a class="brand" href={href}>
      {org?.logoFileId ? (
        <img class="brand__logo" src={`/logo?v=${org.version}`} alt="" width="56" height="56" />
      ) : (
        <span class="brand__mark" aria-hidden="true">
          <Icon name="shield-check" size={32} />
        </span>
      )}
      <span class="brand__text">
        <span class="brand__name">{org ? <OrgFullName typeFull={org.names.typeFull} name={org.name} /> : t('core.app.name')}</span>
        <span class="brand__sub">
          {org ? t('core.layout.location', { district: org.district, province: org.province }) : t('core.app.tagline')}
        </span>
      </span>
    </a>
  );
}

/** The public website: citizens, visitors, assessors. Thai, English and Malay. */
export function PublicLayout(props: PropsWithChildren<{ title: string; wide?: boolean; head?: Child; meta?: PageMeta }>) {
  const c = useAppContext();
  const t = useT();
  const org = c.get('org');
  const nav = c.get('registry').nav('public', c.get('actor'));
  const more = c.get('registry').nav('footer', c.get('actor'));
  const path = new URL(c.req.url).pathname;
  return (
    <Document title={props.title} bodyClass="layout-public" locales={LOCALES} head={props.head} meta={props.meta ?? {}}>
      <a class="skip-link" href="#main">
        {t('core.layout.skip')}
      </a>
      <header class="site-header">
        <div class="wrap site-header__top">
          <Brand href="/" />
          <div class="site-header__tools">
            {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for the older phones and browsers citizens use; role="search" on the form is read everywhere */}
            <form class="site-search" role="search" method="get" action="/search">
              <label class="visually-hidden" for="site-search-q">
                {t('core.layout.searchLabel')}
              </label>
              <input id="site-search-q" type="search" name="q" maxlength={200} placeholder={t('core.layout.searchPlaceholder')} />
              <button type="submit" class="site-search__button">
                <Icon name="search" size={20} />
                <span class="visually-hidden">{t('core.layout.search')}</span>
              </button>
            </form>
            <LanguageSwitch locales={LOCALES} />
          </div>
        </div>
        {nav.length > 0 ? (
          <nav class="site-nav" aria-label={t('core.layout.mainNav')}>
            <ul class="wrap">
              {nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={path === n.href ? 'page' : undefined}>
                    {n.icon ? <Icon name={n.icon} size={18} /> : null}
                    {t(n.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" class={`wrap main${props.wide ? ' main--wide' : ''}`} tabindex={-1}>
        <FlashBanner />
        {props.children}
      </main>
      <footer class="site-footer">
        <div class="wrap site-footer__grid">
          {org ? (
            <section aria-labelledby="footer-contact">
              <h2 id="footer-contact" class="site-footer__title">
                {t('core.layout.contact')}
              </h2>
              <p class="site-footer__org">
                <OrgFullName typeFull={org.names.typeFull} name={org.name} />
              </p>
              <p>
                <Icon name="map-pin" size={18} /> {org.address}
                {org.postcode ? ` ${org.postcode}` : ''}
              </p>
              {org.phone ? (
                <p>
                  <Icon name="phone" size={18} /> <span class="visually-hidden">{t('core.layout.phone')} </span>
                  <a href={`tel:${org.phone.replace(/[^\d+]/g, '')}`}>{org.phone}</a>
                </p>
              ) : null}
              {org.email ? (
                <p>
                  <Icon name="mail" size={18} /> <span class="visually-hidden">{t('core.layout.email')} </span>
                  <a href={`mailto:${org.email}`}>{org.email}</a>
                </p>
              ) : null}
            </section>
          ) : null}
          <nav aria-label={t('core.layout.morePages')} class="site-footer__links">
            <ul>
              {more.map((n) => (
                <li>
                  <a href={n.href}>{t(n.label)}</a>
                </li>
              ))}
              <li>
                <a href="/privacy">{t('core.layout.privacy')}</a>
              </li>
              <li>
                <a href="/accessibility">{t('core.layout.accessibility')}</a>
              </li>
              <li>
                <a href="/staff">{t('core.layout.staffSignIn')}</a>
              </li>
            </ul>
          </nav>
        </div>
        <p class="wrap site-footer__powered">{t('core.layout.poweredBy')}</p>
      </footer>
    </Document>
  );
}

/** The back office: dense, keyboard-friendly; navigation from the registry, per role. */
export function StaffLayout(props: PropsWithChildren<{ title: string; current?: string; head?: Child }>) {
  const c = useAppContext();
  const t = useT();
  const actor = c.get('actor');
  const registry = c.get('registry');
  const path = props.current ?? new URL(c.req.url).pathname;
  const staffNav = registry.nav('staff', actor);
  const adminNav = registry.nav('admin', actor);
  // The one nav item whose page this is, or contains it: the longest matching href wins, so
  // /staff/frontdesk/report marks "report" and not also /staff/frontdesk.
  const current = [...staffNav, ...adminNav]
    .map((n) => n.href)
    .filter((href) => href === path || (href !== '/staff' && path.startsWith(`${href}/`)))
    .sort((a, b) => b.length - a.length)[0];
  const isCurrent = (href: string) => (href === current ? 'page' : undefined);
  return (
    <Document title={props.title} bodyClass="layout-staff" head={props.head}>
      <a class="skip-link" href="#main">
        {t('core.layout.skip')}
      </a>
      <header class="staff-header">
        <div class="staff-header__inner">
          <Brand href="/staff" />
          <div class="staff-header__tools">
            <a class="staff-header__menu-link" href="#staff-nav">
              <Icon name="menu" /> {t('core.layout.menu')}
            </a>
            <LanguageSwitch />
            {actor ? (
              <div class="user-box">
                <span class="user-box__name">
                  <Icon name="user" size={18} />
                  <span>
                    <span class="visually-hidden">{t('core.layout.signedInAs')} </span>
                    <PersonName name={actor.displayName} />
                  </span>
                </span>
                <form method="post" action="/logout" class="user-box__form">
                  <CsrfField />
                  <button class="button button--quiet button--small" type="submit">
                    <Icon name="log-out" size={18} />
                    <span>{t('core.layout.signOut')}</span>
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </div>
      </header>
      <div class="staff-body">
        <main id="main" class="staff-main" tabindex={-1}>
          <FlashBanner />
          {props.children}
        </main>
        <nav id="staff-nav" class="staff-nav" aria-label={t('core.layout.staffNav')}>
          <ul>
            {staffNav.map((n) => (
              <li>
                <a href={n.href} aria-current={isCurrent(n.href)}>
                  {n.icon ? <Icon name={n.icon} size={20} /> : null}
                  {t(n.label)}
                </a>
              </li>
            ))}
          </ul>
          {adminNav.length > 0 ? (
            <>
              <h2 class="staff-nav__heading">{t('core.layout.adminNav')}</h2>
              <ul>
                {adminNav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={isCurrent(n.href)}>
                      {n.icon ? <Icon name={n.icon} size={20} /> : null}
                      {t(n.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <ul class="staff-nav__footer">
            <li>
              <a href="/">
                <Icon name="globe" size={20} />
                {t('core.layout.publicSite')}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </Document>
  );
}

/** One centred card: setup, sign-in, password change. */
export function FocusLayout(props: PropsWithChildren<{ title: string; locales?: readonly Locale[] }>) {
  const t = useT();
  return (
    <Document title={props.title} bodyClass="layout-focus">
      <a class="skip-link" href="#main">
        {t('core.layout.skip')}
      </a>
      <header class="focus-header">
        <Brand href="/" />
        <LanguageSwitch locales={props.locales} />
      </header>
      <main id="main" class="focus-main" tabindex={-1}>
        <FlashBanner />
        {props.children}
      </main>
    </Document>
  );
}

/** The touch-screen kiosk: very large targets, no navigation, Thai/English/Malay. */
export function KioskLayout(props: PropsWithChildren<{ title: string; head?: Child }>) {
  const t = useT();
  return (
    <Document title={props.title} bodyClass="layout-kiosk" head={props.head}>
      <header class="kiosk-header">
        <Brand href="#" />
        <LanguageSwitch locales={LOCALES} />
      </header>
      <main id="main" class="kiosk-main">
        <span class="visually-hidden">{t('core.app.name')}</span>
        {props.children}
      </main>
    </Document>
  );
}

/** The display board on a TV: dark, huge numbers readable from 8 metres, no interaction. */
export function DisplayLayout(props: PropsWithChildren<{ title: string; head?: Child }>) {
  return (
    <Document title={props.title} bodyClass="layout-display" head={props.head}>
      <main id="main" class="display-main">
        {props.children}
      </main>
    </Document>
  );
}
