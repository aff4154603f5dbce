import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { Button, ErrorSummary, FileField, Form, PageHeader, SummaryList, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { OrgFields } from './org-fields.js';

export function SettingsPage(props: {
  org: Organization;
  values: FormValues;
  errors: FieldError[];
  hosts: string[];
  hostErrors: FieldError[];
  logoErrors: FieldError[];
}) {
  const t = useT();
  const { org, values, errors } = props;
  return (
    <StaffLayout title={t('organization.settings.title')}>
      <PageHeader title={t('organization.settings.title')} lead={t('organization.settings.lead')} />
      <SummaryList
        rows={[
          { key: t('organization.settings.fullName'), value: org.names.full },
          { key: t('organization.fields.docCode'), value: org.docCode },
        ]}
      />
      <div class="stack">
        <section class="panel" aria-labelledby="org-identity">
          <ErrorSummary errors={errors} />
          <Form action="/staff/admin/organization">
            <h2 id="org-identity">{t('organization.settings.identity')}</h2>
            <OrgFields values={values} errors={errors} section="identity" />
            <h2 class="form-section">{t('organization.settings.contact')}</h2>
            <OrgFields values={values} errors={errors} section="contact" />
            <h2 class="form-section">{t('organization.settings.look')}</h2>
            <TextField
              name="brandColor"
              type="color"
              label="organization.fields.brandColor"
              hint="organization.fields.brandColorHint"
              value={formValue(values, 'brandColor')}
              errors={errors}
            />
            <div class="form-actions">
              <Button>{t('core.actions.save')}</Button>
            </div>
          </Form>
        </section>
        <section class="panel" aria-labelledby="org-logo">
          <h2 id="org-logo">{t('organization.fields.logo')}</h2>
          <p>
            {org.logoFileId ? (
              <img src={`/logo?v=${org.version}`} alt={t('organization.settings.currentLogo')} width="96" height="96" class="brand__logo" />
            ) : (
              <span class="muted">{t('organization.settings.noLogo')}</span>
            )}
          </p>
          <ErrorSummary errors={props.logoErrors} />
          <Form action="/staff/admin/organization/logo" multipart>
            <FileField
              name="logo"
              label="organization.fields.logo"
              hint="organization.fields.logoHint"
              errors={props.logoErrors}
              accept="image/png,image/jpeg,image/webp,image/svg+xml"
            />
            <div class="form-actions">
              <Button icon="upload">{t('core.actions.save')}</Button>
              {org.logoFileId ? (
                <Button variant="secondary" name="remove" value="1">
                  {t('organization.settings.removeLogo')}
                </Button>
              ) : null}
            </div>
          </Form>
        </section>
        <section class="panel" aria-labelledby="org-hosts">
          <h2 id="org-hosts">{t('organization.settings.hosts')}</h2>
          <p class="muted">{t('organization.settings.hostsLead')}</p>
          {props.hosts.length > 0 ? (
            <ul>
              {props.hosts.map((h) => (
                <li>
                  <span class="mono">{h}</span>{' '}
                  <Form action="/staff/admin/organization/hosts/remove" class="inline-form">
                    <input type="hidden" name="hostname" value={h} />
                    <Button variant="quiet" icon="trash-2">
                      {t('core.actions.remove')}
                      <span class="visually-hidden"> {h}</span>
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
          <ErrorSummary errors={props.hostErrors} />
          <Form action="/staff/admin/organization/hosts">
            <TextField
              name="hostname"
              label="organization.settings.hostname"
              hint="organization.settings.hostnameHint"
              errors={props.hostErrors}
              width="l"
              spellcheck={false}
            />
            <Button variant="secondary" icon="plus">
              {t('organization.settings.addHost')}
            </Button>
          </Form>
        </section>
      </div>
    </StaffLayout>
  );
}
