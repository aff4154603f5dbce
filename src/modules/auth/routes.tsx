import { z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { AppError } from '../../core/http/errors.js';
import { parseForm } from '../../core/http/forms.js';
import { safeNext } from '../../core/http/request.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import { changePassword, login, logout } from './service.js';
import { LoginPage } from './views/login.js';
import { PasswordPage } from './views/password.js';

const LoginForm = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  next: z.string().optional(),
});
const PasswordForm = z.object({
  current: z.string().min(1).max(200),
  next: z.string().min(1).max(200),
  confirm: z.string().min(1).max(200),
});
const labels = {
  username: 'auth.fields.username',
  password: 'auth.fields.password',
  current: 'auth.fields.currentPassword',
  next: 'auth.fields.newPassword',
  confirm: 'auth.fields.confirmPassword',
};

export function routes(app: Hono<AppEnv>) {
  app.get('/login', (c) => {
    if (c.get('actor')) return c.redirect(safeNext(c.req.query('next'), '/staff'), 303);
    return renderPage(c, <LoginPage next={safeNext(c.req.query('next'), '/staff')} errors={[]} />);
  });

  app.post('/login', async (c) => {
    const org = orgOf(c);
    const form = await parseForm(c, LoginForm, labels);
    const next = safeNext(typeof form.values.next === 'string' ? form.values.next : undefined, '/staff');
    const username = typeof form.values.username === 'string' ? form.values.username : '';
    if (!form.ok) return renderPage(c, <LoginPage username={username} next={next} errors={form.errors} />, 422);
    try {
      const result = await login(c.get('app'), org.id, {
        username: form.data.username,
        password: form.data.password,
        kind: 'browser',
        ip: c.get('ip'),
        userAgent: c.req.header('user-agent') ?? null,
      });
      setSessionCookie(c, result.token);
      return c.redirect(result.actor.mustChangePassword ? '/staff/password' : next, 303);
    } catch (e) {
      if (e instanceof AppError && (e.status === 401 || e.status === 429)) {
        const t = c.get('t');
        return renderPage(
          c,
          <LoginPage
            username={username}
            next={next}
            errors={e.status === 401 ? [{ field: 'username', message: e.messageKey }] : []}
            problem={e.status === 429 ? t(e.messageKey, e.params) : undefined}
          />,
          e.status,
        );
      }
      throw e;
    }
  });

  app.post('/logout', async (c) => {
    const session = c.get('session');
    if (session) await logout(serviceContext(c), session.id);
    clearSessionCookie(c);
    flash(c, 'auth.logout.done');
    return c.redirect('/login', 303);
  });

  app.get('/staff/password', (c) => renderPage(c, <PasswordPage mustChange={!!c.get('actor')?.mustChangePassword} errors={[]} />));

  app.post('/staff/password', async (c) => {
    const form = await parseForm(c, PasswordForm, labels);
    const mustChange = !!c.get('actor')?.mustChangePassword;
    if (!form.ok) return renderPage(c, <PasswordPage mustChange={mustChange} errors={form.errors} />, 422);
    const session = c.get('session');
    if (!session) throw new AppError(401, 'unauthorized', 'core.errors.unauthorized');
    try {
      await changePassword(serviceContext(c), { ...form.data, sessionId: session.id });
    } catch (e) {
      if (e instanceof AppError && e.fields.length > 0)
        return renderPage(c, <PasswordPage mustChange={mustChange} errors={e.fields} />, 422);
      throw e;
    }
    flash(c, 'auth.password.done');
    return c.redirect('/staff', 303);
  });
}
