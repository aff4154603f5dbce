import type { Organization } from '../../../core/tenancy/organization.js';
import { beDate } from '../../../core/thai/locale-dates.js';
import { Card, Icon, Tag } from '../../../core/ui/components.js';
import { richText, useAppContext, useT } from '../../../core/ui/context.js';
import type { IconName } from '../../../core/ui/icons.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { OrgFullName } from '../../../core/ui/names.js';

function ContactCard({ org }: { org: Organization }) {
  const t = useT();
  return (
    <Card title={t('home.public.contactTitle')} icon="phone">
      <p>
        <OrgFullName typeFull={org.names.typeFull} name={org.name} />
      </p>
      <p>
        {org.address}
        {org.postcode ? ` ${org.postcode}` : ''}
      </p>
      {org.phone ? (
        <p>
          <Icon name="phone" size={18} /> <a href={`tel:${org.phone.replace(/[^\d+]/g, '')}`}>{org.phone}</a>
        </p>
      ) : null}
      {org.email ? (
        <p>
          <Icon name="mail" size={18} /> <a href={`mailto:${org.email}`}>{org.email}</a>
        </p>
      ) : null}
    </Card>
  );
}

/** A task a citizen comes for, as a big link on the home page. */
interface Task {
  href: string;
  icon: IconName;
  key: string;
}

const TASKS: Task[] = [
  { href: '/services', icon: 'book-open', key: 'services' },
  { href: '/queue/online', icon: 'ticket', key: 'queue' },
  { href: '/news', icon: 'newspaper', key: 'news' },
  { href: '/qa', icon: 'message-circle-question', key: 'qa' },
  { href: '/budget', icon: 'landmark', key: 'budget' },
  { href: '/procurement', icon: 'file-check', key: 'procurement' },
  { href: '/complaints', icon: 'scale', key: 'complaints' },
  { href: '/ita', icon: 'shield-check', key: 'ita' },
  { href: '/about', icon: 'building-2', key: 'about' },
];

export interface HomeNews {
  id: number;
  kind: 'news' | 'announcement';
  title: string;
  description: string;
  publishAt: Date;
}

export interface HomeService {
  id: number;
  title: string;
  summary: string | null;
}

export function HomePage(props: { org: Organization; news: HomeNews[]; services: HomeService[]; officeHours: string | null }) {
  const { org } = props;
  const t = useT();
  const locale = useAppContext().get('locale');
  return (
    <PublicLayout
      title=""
      meta={{ description: t('home.public.lead') }}
      head={<link rel="alternate" type="application/rss+xml" href="/news/rss.xml" title={t('home.public.newsFeed')} />}
    >
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">
          {richText(t, 'home.public.welcome', { name: <OrgFullName typeFull={org.names.typeFull} name={org.name} /> })}
        </h1>
        <p>{t('home.public.lead')}</p>
      </section>
      <section aria-labelledby="tasks-title" class="home-section">
        <h2 id="tasks-title">{t('home.public.tasksTitle')}</h2>
        <ul class="task-grid">
          {TASKS.map((task) => (
            <li>
              <a class="task-tile" href={task.href}>
                <Icon name={task.icon} size={32} />
                <span class="task-tile__text">
                  <span class="task-tile__title">{t(`home.public.tasks.${task.key}.title`)}</span>
                  <span class="task-tile__hint">{t(`home.public.tasks.${task.key}.hint`)}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <div class="home-columns">
        <section aria-labelledby="news-title" class="home-section">
          <h2 id="news-title">{t('home.public.newsTitle')}</h2>
          {props.news.length === 0 ? (
            <p class="muted">{t('home.public.noNews')}</p>
          ) : (
            <ul class="home-list">
              {props.news.map((n) => (
                <li>
                  <p class="home-list__meta">
                    <Tag tone={n.kind === 'announcement' ? 'warning' : 'info'} icon={n.kind === 'announcement' ? 'megaphone' : 'newspaper'}>
                      {t(`home.public.kind.${n.kind}`)}
                    </Tag>{' '}
                    <time datetime={n.publishAt.toISOString()}>{beDate(n.publishAt, locale)}</time>
                  </p>
                  <h3 class="home-list__title">
                    <a href={`/news/${n.id}`}>{n.title}</a>
                  </h3>
                  <p class="home-list__text">{n.description}</p>
                </li>
              ))}
            </ul>
          )}
          <p class="home-section__more">
            <a href="/news">{t('home.public.allNews')}</a>
            <a href="/news/rss.xml">
              <Icon name="rss" size={18} /> {t('home.public.newsFeed')}
            </a>
          </p>
        </section>
        <section aria-labelledby="services-title" class="home-section">
          <h2 id="services-title">{t('home.public.servicesTitle')}</h2>
          {props.services.length === 0 ? (
            <p class="muted">{t('home.public.noServices')}</p>
          ) : (
            <ul class="home-list">
              {props.services.map((s) => (
                <li>
                  <h3 class="home-list__title">
                    <a href={`/services/${s.id}`}>{s.title}</a>
                  </h3>
                  {s.summary ? <p class="home-list__text">{s.summary}</p> : null}
                </li>
              ))}
            </ul>
          )}
          <p class="home-section__more">
            <a href="/services">{t('home.public.allServices')}</a>
          </p>
        </section>
      </div>
      <div class="grid">
        <ContactCard org={org} />
        <Card title={t('home.public.officeHours')} icon="clock">
          <p>{props.officeHours || t('home.public.officeHoursText')}</p>
        </Card>
      </div>
    </PublicLayout>
  );
}

export function StatementPage({ org, kind }: { org: Organization; kind: 'privacy' | 'accessibility' }) {
  const t = useT();
  const paragraphs = kind === 'privacy' ? ['body1', 'body2', 'body3', 'body4'] : ['body1', 'body2', 'body3'];
  return (
    <PublicLayout title={t(`home.${kind}.title`)}>
      <div class="prose">
        <h1>{t(`home.${kind}.title`)}</h1>
        {paragraphs.map((p) => (
          <p>{t(`home.${kind}.${p}`, { name: org.names.full })}</p>
        ))}
        <ContactCard org={org} />
      </div>
    </PublicLayout>
  );
}
