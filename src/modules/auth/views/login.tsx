import type { FieldError } from '../../../core/http/errors.js';
import { Banner, Button, ErrorSummary, Form, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { FocusLayout } from '../../../core/ui/layouts.js';

export function LoginPage(props: { username?: string; next: string; errors: FieldError[]; problem?: string }) {
  const t = useT();
  return (
    <FocusLayout title={t('auth.login.title')}>
      <div class="panel">
        <h1>{t('auth.login.title')}</h1>
        <p class="muted">{t('auth.login.lead')}</p>
        {props.problem ? <Banner tone="danger">{props.problem}</Banner> : null}
        <ErrorSummary errors={props.errors} />
        <Form action="/login">
          <input type="hidden" name="next" value={props.next} />
          <TextField
            name="username"
            label="auth.fields.username"
            value={props.username}
            errors={props.errors}
            width="l"
            autocomplete="username"
            spellcheck={false}
          />
          <TextField
            name="password"
            label="auth.fields.password"
            type="password"
            errors={props.errors}
            width="l"
            autocomplete="current-password"
          />
          <div class="form-actions">
            <Button icon="log-in">{t('auth.login.submit')}</Button>
          </div>
        </Form>
        <p class="muted">{t('auth.login.forgot')}</p>
      </div>
    </FocusLayout>
  );
}
