import type { FieldError } from '../../../core/http/errors.js';
import { Banner, Button, ErrorSummary, Form, PageHeader, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';

export function PasswordPage(props: { mustChange: boolean; errors: FieldError[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('auth.password.title')}>
      <PageHeader title={t('auth.password.title')} />
      {props.mustChange ? <Banner tone="warning">{t('auth.password.mustChange')}</Banner> : null}
      <ErrorSummary errors={props.errors} />
      <div class="panel prose">
        <Form action="/staff/password">
          <TextField
            name="current"
            label="auth.fields.currentPassword"
            type="password"
            errors={props.errors}
            width="l"
            autocomplete="current-password"
          />
          <TextField
            name="next"
            label="auth.fields.newPassword"
            hint="auth.fields.newPasswordHint"
            type="password"
            errors={props.errors}
            width="l"
            autocomplete="new-password"
          />
          <TextField
            name="confirm"
            label="auth.fields.confirmPassword"
            type="password"
            errors={props.errors}
            width="l"
            autocomplete="new-password"
          />
          <div class="form-actions">
            <Button icon="key-round">{t('auth.password.submit')}</Button>
          </div>
        </Form>
      </div>
    </StaffLayout>
  );
}
