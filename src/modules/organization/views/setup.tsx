import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { Button, ErrorSummary, Form, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { FocusLayout } from '../../../core/ui/layouts.js';
import { PersonNameFields } from '../../staff/views/person-fields.js';
import { OrgFields } from './org-fields.js';

export function SetupPage({ values, errors, needsCode }: { values: FormValues; errors: FieldError[]; needsCode: boolean }) {
  const t = useT();
  return (
    <FocusLayout title={t('organization.setup.title')}>
      <div class="panel">
        <h1>{t('organization.setup.title')}</h1>
        <p class="muted">{t('organization.setup.lead')}</p>
        <ErrorSummary errors={errors} />
        <Form action="/setup">
          {needsCode ? (
            <TextField
              name="setupCode"
              label="organization.setup.code"
              hint="organization.setup.codeHint"
              value={formValue(values, 'setupCode')}
              errors={errors}
              width="s"
              autocomplete="off"
              spellcheck={false}
            />
          ) : null}
          <h2 class="form-section">{t('organization.setup.orgSection')}</h2>
          <OrgFields values={values} errors={errors} section="identity" />
          <OrgFields values={values} errors={errors} section="contact" />
          <h2 class="form-section">{t('organization.setup.adminSection')}</h2>
          <p class="muted">{t('organization.setup.adminLead')}</p>
          <PersonNameFields values={values} errors={errors} />
          <TextField
            name="positionTitle"
            label="staff.fields.positionTitle"
            hint="staff.fields.positionTitleHint"
            value={formValue(values, 'positionTitle')}
            errors={errors}
            width="l"
          />
          <TextField
            name="adminEmail"
            label="staff.fields.email"
            value={formValue(values, 'adminEmail')}
            errors={errors}
            optional
            type="email"
            width="l"
            autocomplete="email"
            spellcheck={false}
          />
          <TextField
            name="username"
            label="staff.fields.username"
            hint="staff.fields.usernameHint"
            value={formValue(values, 'username')}
            errors={errors}
            width="m"
            autocomplete="username"
            spellcheck={false}
          />
          <TextField
            name="password"
            label="auth.fields.newPassword"
            hint="auth.fields.newPasswordHint"
            errors={errors}
            type="password"
            width="m"
            autocomplete="new-password"
          />
          <TextField
            name="passwordConfirm"
            label="auth.fields.confirmPassword"
            errors={errors}
            type="password"
            width="m"
            autocomplete="new-password"
          />
          <div class="form-actions">
            <Button>{t('organization.setup.submit')}</Button>
          </div>
        </Form>
      </div>
    </FocusLayout>
  );
}
