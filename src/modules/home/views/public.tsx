import type { Organization } from '../../../core/tenancy/organization.js';
import { Card, Icon } from '../../../core/ui/components.js';
import { richText, useT } from '../../../core/ui/context.js';
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

export function HomePage({ org }: { org: Organization }) {
  const t = useT();
  return (
    <PublicLayout title="">
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">
          {richText(t, 'home.public.welcome', { name: <OrgFullName typeFull={org.names.typeFull} name={org.name} /> })}
        </h1>
        <p>{t('home.public.lead')}</p>
      </section>
      <div class="grid">
        <ContactCard org={org} />
        <Card title={t('home.public.officeHours')} icon="clock">
          <p>{t('home.public.officeHoursText')}</p>
        </Card>
        {org.website ? (
          <Card title={t('home.public.website')} icon="globe">
            <p>
              <a href={org.website} rel="noopener">
                {org.website}
              </a>
            </p>
          </Card>
        ) : null}
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
