import { z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, readForm, validateValues } from '../../core/http/forms.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { listDivisions, listStaff } from '../staff/service.js';
import { queuePolicy } from './policy.js';
import type { ServiceHours } from './schema.js';
import {
  addHoliday,
  type CounterWithServices,
  createCounter,
  createPriorityGroup,
  createService,
  getQueueSettings,
  listHolidays,
  listSetup,
  type PriorityGroup,
  type QueueService,
  type QueueSettings,
  removeHoliday,
  updateCounter,
  updatePriorityGroup,
  updateQueueSettings,
  updateService,
} from './service.js';
import {
  ADMIN_BASE,
  type Choice,
  CountersPage,
  EditCounterPage,
  EditGroupPage,
  EditServicePage,
  GroupsPage,
  ServicesPage,
  WEEKDAYS,
} from './views/admin.js';
import { SETTINGS_PATH, SettingsPage } from './views/admin-settings.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const ids = z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => x !== '') : v ? [v] : []), z.array(z.coerce.number().int().positive()));

const ServiceForm = z.object({
  name: text(160),
  nameEn: optionalText(160),
  divisionId: z.coerce.number().int().positive().optional(),
  prefix: z
    .string()
    .trim()
    .regex(/^[A-Z]{1,2}$/, { message: 'queue.errors.prefixInvalid' }),
  avgServiceMinutes: z.coerce.number().int().min(1).max(480),
});

const CounterForm = z.object({
  number: z.coerce.number().int().min(1).max(999),
  name: text(120),
  serviceIds: ids,
  staffUserId: z.coerce.number().int().positive().optional(),
});

const GroupForm = z.object({
  name: text(120),
  nameEn: optionalText(120),
  ratio: z.coerce.number().int().min(1).max(20),
});

const labels: Record<string, string> = {
  name: 'queue.admin.fields.serviceName',
  nameEn: 'queue.admin.fields.nameEn',
  divisionId: 'queue.admin.fields.division',
  prefix: 'queue.admin.fields.prefix',
  avgServiceMinutes: 'queue.admin.fields.avgMinutes',
};
const counterLabels: Record<string, string> = {
  number: 'queue.admin.fields.counterNumber',
  name: 'queue.admin.fields.counterName',
  serviceIds: 'queue.admin.fields.counterServices',
  staffUserId: 'queue.admin.fields.staff',
};
const groupLabels: Record<string, string> = {
  name: 'queue.admin.fields.groupName',
  nameEn: 'queue.admin.fields.nameEn',
  ratio: 'queue.admin.fields.ratio',
};

function guard(c: AppContext) {
  ensureAllowed(queuePolicy.manage(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

const idParam = (c: AppContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
};

/** The field errors of a refused form (shown again with 422), or rethrows. */
function fieldErrorsOf(e: unknown): FieldError[] {
  if (e instanceof AppError && e.fields.length > 0) return e.fields;
  throw e;
}

const checked = (v: string | string[] | undefined) => (Array.isArray(v) ? v : [v]).includes('yes');
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Opening hours from open{d}/close{d}: both empty = closed that day; otherwise both must be valid. */
function parseHours(raw: FormValues): { hours: ServiceHours; errors: FieldError[] } {
  const hours: ServiceHours = {};
  const errors: FieldError[] = [];
  for (const d of WEEKDAYS) {
    const open = one(raw[`open${d}`]).replace('.', ':');
    const close = one(raw[`close${d}`]).replace('.', ':');
    if (!open && !close) continue;
    const pad = (x: string) => (/^\d:/.test(x) ? `0${x}` : x);
    const [o, k] = [pad(open), pad(close)];
    if (!HHMM.test(o) || !HHMM.test(k) || o >= k) {
      const field = !HHMM.test(o) ? `open${d}` : `close${d}`;
      errors.push({ field, label: `queue.admin.fields.${field}`, message: 'queue.admin.errors.hoursPair' });
    } else hours[d] = [o, k];
  }
  return { hours, errors };
}

function serviceValues(s: QueueService): FormValues {
  const v: FormValues = {
    name: s.name,
    nameEn: s.nameEn ?? '',
    divisionId: s.divisionId ? String(s.divisionId) : '',
    prefix: s.prefix,
    avgServiceMinutes: String(s.avgServiceMinutes),
    alwaysOpen: s.alwaysOpen ? ['yes'] : [],
    inactive: s.active ? [] : ['yes'],
  };
  for (const d of WEEKDAYS) {
    const span = s.hours[d];
    v[`open${d}`] = span?.[0] ?? '';
    v[`close${d}`] = span?.[1] ?? '';
  }
  return v;
}

function counterValues(c: CounterWithServices): FormValues {
  return {
    number: String(c.number),
    name: c.name,
    serviceIds: c.serviceIds.map(String),
    staffUserId: c.staffUserId ? String(c.staffUserId) : '',
    inactive: c.active ? [] : ['yes'],
  };
}

function groupValues(g: PriorityGroup): FormValues {
  return { name: g.name, nameEn: g.nameEn ?? '', ratio: String(g.ratio), inactive: g.active ? [] : ['yes'] };
}

/** Validates the service form (fields and hours together, so every error shows at once). */
function readServiceForm(raw: FormValues) {
  const parsed = validateValues(ServiceForm, raw, labels);
  const { hours, errors } = parseHours(raw);
  const all = [...(parsed.ok ? [] : parsed.errors), ...errors];
  if (!parsed.ok || all.length) return { ok: false as const, errors: all };
  return {
    ok: true as const,
    data: {
      ...parsed.data,
      nameEn: parsed.data.nameEn ?? null,
      divisionId: parsed.data.divisionId ?? null,
      hours,
      alwaysOpen: checked(raw.alwaysOpen),
    },
  };
}

export function adminRoutes(app: Hono<AppEnv>) {
  const divisionChoices = async (c: AppContext): Promise<Choice[]> =>
    (await listDivisions(serviceContext(c))).map((d) => ({ id: d.id, name: d.name }));
  const staffChoices = async (c: AppContext): Promise<Choice[]> =>
    (await listStaff(serviceContext(c)))
      .filter((p): p is typeof p & { userId: number } => p.userId !== null)
      .map((p) => ({ id: p.userId, name: p.name }));

  // ---------- services ----------
  const servicesPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = guard(c);
    const { services } = await listSetup(ctx);
    return renderPage(
      c,
      <ServicesPage services={services} divisions={await divisionChoices(c)} values={values} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get(ADMIN_BASE, (c) => servicesPage(c, { avgServiceMinutes: '10' }, []));
  app.post(ADMIN_BASE, async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const form = readServiceForm(raw);
    if (!form.ok) return servicesPage(c, raw, form.errors);
    try {
      await createService(ctx, form.data);
    } catch (e) {
      return servicesPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'queue.admin.services.saved');
    return c.redirect(ADMIN_BASE, 303);
  });

  const findService = async (c: AppContext) => {
    const s = (await listSetup(guard(c))).services.find((x) => x.id === idParam(c));
    if (!s) throw notFound('queue.errors.unknownService');
    return s;
  };
  const editServicePage = async (c: AppContext, values: FormValues | null, errors: FieldError[]) => {
    const service = await findService(c);
    return renderPage(
      c,
      <EditServicePage service={service} divisions={await divisionChoices(c)} values={values ?? serviceValues(service)} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get(`${ADMIN_BASE}/services/:id{[0-9]+}`, (c) => editServicePage(c, null, []));
  app.post(`${ADMIN_BASE}/services/:id{[0-9]+}`, async (c) => {
    const ctx = guard(c);
    await findService(c);
    const raw = (await readForm(c)).values;
    const form = readServiceForm(raw);
    if (!form.ok) return editServicePage(c, raw, form.errors);
    try {
      await updateService(ctx, idParam(c), { ...form.data, active: !checked(raw.inactive) });
    } catch (e) {
      return editServicePage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'queue.admin.services.saved');
    return c.redirect(ADMIN_BASE, 303);
  });

  // ---------- counters ----------
  const countersPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = guard(c);
    const { counters, services } = await listSetup(ctx);
    return renderPage(
      c,
      <CountersPage counters={counters} services={services} staff={await staffChoices(c)} values={values} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get(`${ADMIN_BASE}/counters`, (c) => countersPage(c, {}, []));
  app.post(`${ADMIN_BASE}/counters`, async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(CounterForm, raw, counterLabels);
    if (!parsed.ok) return countersPage(c, raw, parsed.errors);
    try {
      await createCounter(ctx, { ...parsed.data, staffUserId: parsed.data.staffUserId ?? null });
    } catch (e) {
      return countersPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'queue.admin.counters.saved');
    return c.redirect(`${ADMIN_BASE}/counters`, 303);
  });

  const findCounter = async (c: AppContext) => {
    const setup = await listSetup(guard(c));
    const counter = setup.counters.find((x) => x.id === idParam(c));
    if (!counter) throw notFound('queue.errors.unknownCounter');
    return { counter, services: setup.services };
  };
  const editCounterPage = async (c: AppContext, values: FormValues | null, errors: FieldError[]) => {
    const { counter, services } = await findCounter(c);
    return renderPage(
      c,
      <EditCounterPage
        counter={counter}
        services={services}
        staff={await staffChoices(c)}
        values={values ?? counterValues(counter)}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );
  };
  app.get(`${ADMIN_BASE}/counters/:id{[0-9]+}`, (c) => editCounterPage(c, null, []));
  app.post(`${ADMIN_BASE}/counters/:id{[0-9]+}`, async (c) => {
    const ctx = guard(c);
    await findCounter(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(CounterForm, raw, counterLabels);
    if (!parsed.ok) return editCounterPage(c, raw, parsed.errors);
    try {
      await updateCounter(ctx, idParam(c), {
        ...parsed.data,
        staffUserId: parsed.data.staffUserId ?? null,
        active: !checked(raw.inactive),
      });
    } catch (e) {
      return editCounterPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'queue.admin.counters.saved');
    return c.redirect(`${ADMIN_BASE}/counters`, 303);
  });

  // ---------- priority groups ----------
  const groupsPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = guard(c);
    const { groups } = await listSetup(ctx);
    return renderPage(c, <GroupsPage groups={groups} values={values} errors={errors} />, errors.length ? 422 : 200);
  };
  app.get(`${ADMIN_BASE}/groups`, (c) => groupsPage(c, { ratio: '2' }, []));
  app.post(`${ADMIN_BASE}/groups`, async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(GroupForm, raw, groupLabels);
    if (!parsed.ok) return groupsPage(c, raw, parsed.errors);
    try {
      await createPriorityGroup(ctx, { ...parsed.data, nameEn: parsed.data.nameEn ?? null });
    } catch (e) {
      return groupsPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'queue.admin.groups.saved');
    return c.redirect(`${ADMIN_BASE}/groups`, 303);
  });

  const findGroup = async (c: AppContext) => {
    const g = (await listSetup(guard(c))).groups.find((x) => x.id === idParam(c));
    if (!g) throw notFound('queue.errors.unknownGroup');
    return g;
  };
  const editGroupPage = async (c: AppContext, values: FormValues | null, errors: FieldError[]) => {
    const group = await findGroup(c);
    return renderPage(c, <EditGroupPage group={group} values={values ?? groupValues(group)} errors={errors} />, errors.length ? 422 : 200);
  };
  app.get(`${ADMIN_BASE}/groups/:id{[0-9]+}`, (c) => editGroupPage(c, null, []));
  app.post(`${ADMIN_BASE}/groups/:id{[0-9]+}`, async (c) => {
    const ctx = guard(c);
    await findGroup(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(GroupForm, raw, groupLabels);
    if (!parsed.ok) return editGroupPage(c, raw, parsed.errors);
    try {
      await updatePriorityGroup(ctx, idParam(c), { ...parsed.data, nameEn: parsed.data.nameEn ?? null, active: !checked(raw.inactive) });
    } catch (e) {
      return editGroupPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'queue.admin.groups.saved');
    return c.redirect(`${ADMIN_BASE}/groups`, 303);
  });

  // ---------- settings and holidays ----------
  const settingsValues = (x: QueueSettings): FormValues => ({
    allowOnline: x.allowOnline ? ['yes'] : [],
    boardRecent: String(x.boardRecent),
    kioskReturnSeconds: String(x.kioskReturnSeconds),
  });
  const settingsPage = async (
    c: AppContext,
    s: { values?: FormValues; errors?: FieldError[]; holidayValues?: FormValues; holidayErrors?: FieldError[] },
  ) => {
    const ctx = guard(c);
    const today = bangkokIsoDay(ctx.app.now());
    const [settings, holidays] = await Promise.all([getQueueSettings(ctx), listHolidays(ctx, { from: today, to: '9999-12-31' })]);
    const errors = [...(s.errors ?? []), ...(s.holidayErrors ?? [])];
    return renderPage(
      c,
      <SettingsPage
        holidays={holidays}
        settingsValues={s.values ?? settingsValues(settings)}
        settingsErrors={s.errors ?? []}
        holidayValues={s.holidayValues ?? {}}
        holidayErrors={s.holidayErrors ?? []}
      />,
      errors.length ? 422 : 200,
    );
  };
  app.get(SETTINGS_PATH, (c) => settingsPage(c, {}));
  app.post(SETTINGS_PATH, async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const errors: FieldError[] = [];
    const int = (key: 'boardRecent' | 'kioskReturnSeconds') => {
      const text = one(raw[key]);
      const n = Number(text);
      if (!/^\d{1,4}$/.test(text)) {
        errors.push({ field: key, label: `queue.fields.${key}`, message: 'core.validation.invalidNumber' });
        return undefined;
      }
      return n;
    };
    const input = { allowOnline: checked(raw.allowOnline), boardRecent: int('boardRecent'), kioskReturnSeconds: int('kioskReturnSeconds') };
    if (errors.length) return settingsPage(c, { values: raw, errors });
    try {
      await updateQueueSettings(ctx, input);
    } catch (e) {
      return settingsPage(c, { values: raw, errors: fieldErrorsOf(e) });
    }
    flash(c, 'queue.admin.settings.saved');
    return c.redirect(SETTINGS_PATH, 303);
  });
  app.post(`${SETTINGS_PATH}/holidays`, async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    try {
      await addHoliday(ctx, { day: one(raw.day), name: one(raw.name) });
    } catch (e) {
      return settingsPage(c, { holidayValues: raw, holidayErrors: fieldErrorsOf(e) });
    }
    flash(c, 'queue.admin.settings.holidayAdded');
    return c.redirect(SETTINGS_PATH, 303);
  });
  app.post(`${SETTINGS_PATH}/holidays/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}/remove`, async (c) => {
    await removeHoliday(guard(c), c.req.param('day'));
    flash(c, 'queue.admin.settings.holidayRemoved');
    return c.redirect(SETTINGS_PATH, 303);
  });
}
