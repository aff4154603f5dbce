import { z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { passwordProblem } from '../../core/auth/passwords.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { AppError, type FieldError } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm, validateValues } from '../../core/http/forms.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { readFileBytes } from '../../core/storage/files.js';
import { normalizeHost } from '../../core/tenancy/resolve.js';
import { darken, tint } from '../../core/ui/color.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { PersonInput, staffLabels, USERNAME } from '../staff/inputs.js';
import { resolveTitlePrefix } from '../staff/views/person-fields.js';
import { HostInput, OrgInput, OrgSettingsInput, orgLabels } from './inputs.js';
import { organizationPolicy } from './policy.js';
import { addHost, getOrganization, listHosts, removeHost, setLogo, setupOrganization, updateOrganization } from './service.js';
import { ensureSetupCode, isLocalRequest, removeSetupCode, setupCodeMatches } from './setup-code.js';
import { SettingsPage } from './views/settings.js';
import { SetupPage } from './views/setup.js';

const SetupAdmin = PersonInput.pick({ titlePrefix: true, firstName: true, lastName: true }).extend({
  positionTitle: z.string().trim().min(1).max(160),
  adminEmail: z.string().trim().email().max(200).optional(),
  username: USERNAME,
  password: z.string().min(1).max(200),
  passwordConfirm: z.string().min(1).max(200),
});

const setupLabels = {
  ...staffLabels,
  ...orgLabels,
  positionTitle: 'staff.fields.positionTitle',
  adminEmail: 'staff.fields.email',
  password: 'auth.fields.newPassword',
  passwordConfirm: 'auth.fields.confirmPassword',
};

function orgValues(org: Awaited<ReturnType<typeof getOrganization>>): FormValues {
  const out: FormValues = {};
  for (const k of [
    'type',
    'name',
    'nameEn',
    'province',
    'district',
    'subdistrict',
    'docCode',
    'address',
    'postcode',
    'phone',
    'email',
    'website',
    'brandColor',
  ] as const) {
    out[k] = (org[k] as string | null) ?? '';
  }
  return out;
}

export function routes(app: Hono<AppEnv>) {
  const setupPage = (c: AppContext, values: FormValues, errors: FieldError[], status = 200) => {
    const needsCode = !isLocalRequest(c);
    if (needsCode) ensureSetupCode(c.get('app'));
    return renderPage(c, <SetupPage values={values} errors={errors} needsCode={needsCode} />, status);
  };

  app.get('/setup', (c) => setupPage(c, {}, []));

  app.post('/setup', async (c) => {
    const { values: raw } = await readForm(c);
    const values = resolveTitlePrefix(raw);
    const org = validateValues(OrgInput, values, setupLabels);
    const admin = validateValues(SetupAdmin, values, setupLabels);
    const errors: FieldError[] = [];
    if (!isLocalRequest(c) && !setupCodeMatches(c.get('app'), formValue(raw, 'setupCode'))) {
      errors.push({ field: 'setupCode', label: 'organization.setup.code', message: 'organization.setup.codeWrong' });
    }
    errors.push(...(org.ok ? [] : org.errors), ...(admin.ok ? [] : admin.errors));
    if (admin.ok) {
      const problem = passwordProblem(admin.data.password, admin.data.username);
      if (problem) errors.push({ field: 'password', label: 'auth.fields.newPassword', message: problem });
      else if (admin.data.password !== admin.data.passwordConfirm) {
        errors.push({ field: 'passwordConfirm', label: 'auth.fields.confirmPassword', message: 'core.validation.passwordMismatch' });
      }
    }
    if (!org.ok || !admin.ok || errors.length > 0) return setupPage(c, raw, errors, 422);
    try {
      await setupOrganization(
        c.get('app'),
        {
          org: org.data,
          admin: {
            titlePrefix: admin.data.titlePrefix,
            firstName: admin.data.firstName,
            lastName: admin.data.lastName,
            positionTitle: admin.data.positionTitle,
            email: admin.data.adminEmail,
            username: admin.data.username,
            password: admin.data.password,
          },
        },
        { hostname: normalizeHost(c.req.header('host')), ip: c.get('ip') },
      );
    } catch (e) {
      if (e instanceof AppError && e.fields.length > 0) return setupPage(c, raw, e.fields, 422);
      throw e;
    }
    removeSetupCode(c.get('app'));
    flash(c, 'organization.setup.done');
    return c.redirect('/login', 303);
  });

  /** The organization's colors as CSS custom properties (no inline styles: the CSP forbids them). */
  app.get('/theme.css', (c) => {
    const org = orgOf(c);
    const brand = org.brandColor;
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', c.req.query('v') === String(org.version) ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(`:root{--brand:${brand};--brand-dark:${darken(brand, 0.28)};--brand-tint:${tint(brand, 0.9)};}\n`);
  });

  app.get('/logo', async (c) => {
    const org = orgOf(c);
    if (!org.logoFileId) throw new AppError(404, 'not_found', 'core.errors.notFound');
    const { file, bytes } = await readFileBytes({ ...serviceContext(c), actor: null }, org.logoFileId);
    return serveStoredFile(c, file, bytes, { immutable: c.req.query('v') === String(org.version) });
  });

  const settingsPage = async (
    c: AppContext,
    extra: { values?: FormValues; errors?: FieldError[]; hostErrors?: FieldError[]; logoErrors?: FieldError[] } = {},
    status = 200,
  ) => {
    const ctx = serviceContext(c);
    if (!organizationPolicy.manage(ctx.actor)) throw new AppError(403, 'forbidden', 'core.errors.forbidden');
    const org = await getOrganization(ctx);
    return renderPage(
      c,
      <SettingsPage
        org={org}
        values={extra.values ?? orgValues(org)}
        errors={extra.errors ?? []}
        hosts={await listHosts(ctx)}
        hostErrors={extra.hostErrors ?? []}
        logoErrors={extra.logoErrors ?? []}
      />,
      status,
    );
  };

  app.get('/staff/admin/organization', (c) => settingsPage(c));

  app.post('/staff/admin/organization', async (c) => {
    const { values } = await readForm(c);
    const parsed = validateValues(OrgSettingsInput, values, orgLabels);
    if (!parsed.ok) return settingsPage(c, { values, errors: parsed.errors }, 422);
    try {
      await updateOrganization(serviceContext(c), parsed.data);
    } catch (e) {
      if (e instanceof AppError && e.fields.length > 0) return settingsPage(c, { values, errors: e.fields }, 422);
      throw e;
    }
    flash(c, 'organization.settings.saved');
    return c.redirect('/staff/admin/organization', 303);
  });

  app.post('/staff/admin/organization/logo', async (c) => {
    const { values, files } = await readForm(c);
    const ctx = serviceContext(c);
    try {
      if (values.remove === '1') await setLogo(ctx, null);
      else {
        const file = files.logo;
        if (!file) {
          return settingsPage(
            c,
            { logoErrors: [{ field: 'logo', label: 'organization.fields.logo', message: 'core.validation.choose' }] },
            422,
          );
        }
        await setLogo(ctx, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
      }
    } catch (e) {
      if (e instanceof AppError && e.status !== 403 && e.status !== 401) {
        return settingsPage(
          c,
          { logoErrors: [{ field: 'logo', label: 'organization.fields.logo', message: e.messageKey, params: e.params }] },
          e.status,
        );
      }
      throw e;
    }
    flash(c, 'organization.settings.saved');
    return c.redirect('/staff/admin/organization', 303);
  });

  app.post('/staff/admin/organization/hosts', async (c) => {
    const { values } = await readForm(c);
    const parsed = validateValues(HostInput, values, orgLabels);
    if (!parsed.ok)
      return settingsPage(c, { hostErrors: parsed.errors.map((e) => ({ ...e, label: 'organization.settings.hostname' })) }, 422);
    try {
      await addHost(serviceContext(c), parsed.data.hostname);
    } catch (e) {
      if (e instanceof AppError && e.fields.length > 0) return settingsPage(c, { hostErrors: e.fields }, 422);
      throw e;
    }
    flash(c, 'organization.settings.saved');
    return c.redirect('/staff/admin/organization', 303);
  });

  app.post('/staff/admin/organization/hosts/remove', async (c) => {
    const { values } = await readForm(c);
    await removeHost(serviceContext(c), String(values.hostname ?? ''));
    flash(c, 'organization.settings.saved');
    return c.redirect('/staff/admin/organization', 303);
  });
}
