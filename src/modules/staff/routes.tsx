import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, readForm, validateValues } from '../../core/http/forms.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import {
  AccountInput,
  ActingInput,
  ChainInput,
  DivisionInput,
  NewPersonInput,
  PersonInput,
  PositionInput,
  staffLabels,
  TITLE_PREFIXES,
} from './inputs.js';
import { staffPolicy } from './policy.js';
import * as staff from './service.js';
import { EditPersonPage, NewPersonPage, PasswordOncePage, PeoplePage } from './views/people.js';
import { resolveTitlePrefix } from './views/person-fields.js';
import { ChainPage, DivisionsPage, EditDivisionPage, EditPositionPage, PositionsPage } from './views/structure.js';

function guard(c: AppContext) {
  ensureAllowed(staffPolicy.manage(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

const idParam = (c: AppContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
};

/** Renders the page again with the errors of a rejected form (422), or rethrows. */
function fieldErrorsOf(e: unknown): FieldError[] {
  if (e instanceof AppError && e.fields.length > 0) return e.fields;
  throw e;
}

function personValues(p: staff.StaffDetail): FormValues {
  return {
    titlePrefix: p.titlePrefix,
    firstName: p.firstName,
    lastName: p.lastName,
    positionId: p.positionId ? String(p.positionId) : '',
    divisionId: p.divisionId ? String(p.divisionId) : '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    leftService: p.active ? [] : ['yes'],
  };
}

export function routes(app: Hono<AppEnv>) {
  // ---------- people ----------
  app.get('/staff/admin/people', async (c) => {
    const ctx = guard(c);
    const q = c.req.query('q') ?? '';
    const divisionId = c.req.query('division') ?? '';
    const people = await staff.listStaff(ctx, { q, divisionId: Number(divisionId) || undefined, includeInactive: true });
    return renderPage(
      c,
      <PeoplePage org={orgOf(c)} people={people} divisions={await staff.listDivisions(ctx)} q={q} divisionId={divisionId} />,
    );
  });

  const newPersonPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = guard(c);
    return renderPage(
      c,
      <NewPersonPage
        org={orgOf(c)}
        values={values}
        errors={errors}
        divisions={await staff.listDivisions(ctx)}
        positions={await staff.listPositions(ctx)}
      />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/admin/people/new', (c) => newPersonPage(c, { titlePrefix: TITLE_PREFIXES[0] }, []));
  app.post('/staff/admin/people/new', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(NewPersonInput, resolveTitlePrefix(raw), staffLabels);
    if (!parsed.ok) return newPersonPage(c, raw, parsed.errors);
    const { username, roles, ...person } = parsed.data;
    let created: staff.CreatedPerson;
    try {
      created = await staff.createStaff(ctx, { ...person, account: username ? { username, roles: roles ?? [] } : undefined });
    } catch (e) {
      return newPersonPage(c, raw, fieldErrorsOf(e));
    }
    if (created.generatedPassword) {
      c.header('Cache-Control', 'no-store');
      return renderPage(
        c,
        <PasswordOncePage
          name={`${person.titlePrefix}${person.firstName} ${person.lastName}`}
          password={created.generatedPassword}
          personId={created.staffId}
        />,
      );
    }
    flash(c, 'staff.people.created');
    return c.redirect(`/staff/admin/people/${created.staffId}`, 303);
  });

  const editPage = async (
    c: AppContext,
    extra: {
      values?: FormValues;
      errors?: FieldError[];
      accountValues?: FormValues;
      accountErrors?: FieldError[];
      actingErrors?: FieldError[];
    } = {},
  ) => {
    const ctx = guard(c);
    const person = await staff.getStaff(ctx, idParam(c));
    const failed = (extra.errors?.length ?? 0) + (extra.accountErrors?.length ?? 0) + (extra.actingErrors?.length ?? 0) > 0;
    return renderPage(
      c,
      <EditPersonPage
        org={orgOf(c)}
        person={person}
        values={extra.values ?? personValues(person)}
        errors={extra.errors ?? []}
        accountValues={extra.accountValues ?? { username: person.username ?? '', roles: [...person.roles] }}
        accountErrors={extra.accountErrors ?? []}
        actingErrors={extra.actingErrors ?? []}
        divisions={await staff.listDivisions(ctx)}
        positions={await staff.listPositions(ctx)}
        isSelf={person.userId === ctx.actor?.userId}
      />,
      failed ? 422 : 200,
    );
  };
  app.get('/staff/admin/people/:id{[0-9]+}', (c) => editPage(c));
  app.post('/staff/admin/people/:id{[0-9]+}', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(PersonInput, resolveTitlePrefix(raw), staffLabels);
    if (!parsed.ok) return editPage(c, { values: raw, errors: parsed.errors });
    try {
      const left = Array.isArray(raw.leftService) && raw.leftService.includes('yes');
      await staff.updateStaff(ctx, idParam(c), { ...parsed.data, active: !left });
    } catch (e) {
      return editPage(c, { values: raw, errors: fieldErrorsOf(e) });
    }
    flash(c, 'staff.people.saved');
    return c.redirect(`/staff/admin/people/${idParam(c)}`, 303);
  });
  app.post('/staff/admin/people/:id{[0-9]+}/account', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(AccountInput, raw, staffLabels);
    if (!parsed.ok) return editPage(c, { accountValues: raw, accountErrors: parsed.errors });
    let result: { generatedPassword: string | null };
    try {
      result = await staff.setAccount(ctx, idParam(c), parsed.data);
    } catch (e) {
      return editPage(c, { accountValues: raw, accountErrors: fieldErrorsOf(e) });
    }
    if (result.generatedPassword) {
      const person = await staff.getStaff(ctx, idParam(c));
      c.header('Cache-Control', 'no-store');
      return renderPage(c, <PasswordOncePage name={person.name} password={result.generatedPassword} personId={person.id} />);
    }
    flash(c, 'staff.people.saved');
    return c.redirect(`/staff/admin/people/${idParam(c)}`, 303);
  });
  app.post('/staff/admin/people/:id{[0-9]+}/acting', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(ActingInput, raw, staffLabels);
    if (!parsed.ok) return editPage(c, { actingErrors: parsed.errors });
    try {
      await staff.setActing(ctx, idParam(c), parsed.data.positionIds);
    } catch (e) {
      return editPage(c, { actingErrors: fieldErrorsOf(e) });
    }
    flash(c, 'staff.people.saved');
    return c.redirect(`/staff/admin/people/${idParam(c)}`, 303);
  });
  app.post('/staff/admin/people/:id{[0-9]+}/reset-password', async (c) => {
    const ctx = guard(c);
    const password = await staff.resetPassword(ctx, idParam(c));
    const person = await staff.getStaff(ctx, idParam(c));
    c.header('Cache-Control', 'no-store');
    return renderPage(c, <PasswordOncePage name={person.name} password={password} personId={person.id} />);
  });
  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/staff/admin/people/:id{[0-9]+}/${path}`, async (c) => {
      const ctx = guard(c);
      try {
        await staff.setAccountDisabled(ctx, idParam(c), disabled);
      } catch (e) {
        return editPage(c, { accountErrors: fieldErrorsOf(e) });
      }
      flash(c, 'staff.people.saved');
      return c.redirect(`/staff/admin/people/${idParam(c)}`, 303);
    });
  }

  // ---------- divisions ----------
  const divisionsPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = guard(c);
    const divisions = await staff.listDivisions(ctx, { includeInactive: true });
    const people = await staff.listStaff(ctx);
    const counts = new Map<number, number>();
    for (const p of people) if (p.divisionId) counts.set(p.divisionId, (counts.get(p.divisionId) ?? 0) + 1);
    return renderPage(
      c,
      <DivisionsPage divisions={divisions} counts={counts} values={values} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/admin/divisions', (c) => divisionsPage(c, {}, []));
  app.post('/staff/admin/divisions', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(DivisionInput, raw, staffLabels);
    if (!parsed.ok) return divisionsPage(c, raw, parsed.errors);
    try {
      await staff.createDivision(ctx, parsed.data);
    } catch (e) {
      return divisionsPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'staff.divisions.saved');
    return c.redirect('/staff/admin/divisions', 303);
  });
  const editDivisionPage = async (c: AppContext, values: FormValues | null, errors: FieldError[]) => {
    const ctx = guard(c);
    const division = await staff.getDivision(ctx, idParam(c));
    const v = values ?? {
      name: division.name,
      nameEn: division.nameEn ?? '',
      sortOrder: String(division.sortOrder),
      inactive: division.active ? [] : ['yes'],
    };
    return renderPage(c, <EditDivisionPage division={division} values={v} errors={errors} />, errors.length ? 422 : 200);
  };
  app.get('/staff/admin/divisions/:id{[0-9]+}', (c) => editDivisionPage(c, null, []));
  app.post('/staff/admin/divisions/:id{[0-9]+}', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(DivisionInput, raw, staffLabels);
    if (!parsed.ok) return editDivisionPage(c, raw, parsed.errors);
    try {
      const inactive = Array.isArray(raw.inactive) && raw.inactive.includes('yes');
      await staff.updateDivision(ctx, idParam(c), { ...parsed.data, active: !inactive });
    } catch (e) {
      return editDivisionPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'staff.divisions.saved');
    return c.redirect('/staff/admin/divisions', 303);
  });

  // ---------- positions ----------
  const positionsPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = guard(c);
    const people = await staff.listStaff(ctx);
    const holders = new Map<number, staff.StaffListItem[]>();
    for (const p of people) if (p.positionId) holders.set(p.positionId, [...(holders.get(p.positionId) ?? []), p]);
    return renderPage(
      c,
      <PositionsPage
        org={orgOf(c)}
        positions={await staff.listPositions(ctx)}
        divisions={await staff.listDivisions(ctx)}
        holders={holders}
        values={values}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/admin/positions', (c) => positionsPage(c, { rank: 'staff' }, []));
  app.post('/staff/admin/positions', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(PositionInput, { ...raw, appendOrgName: firstOf(raw.appendOrgName) }, staffLabels);
    if (!parsed.ok) return positionsPage(c, raw, parsed.errors);
    try {
      await staff.createPosition(ctx, parsed.data);
    } catch (e) {
      return positionsPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'staff.positions.saved');
    return c.redirect('/staff/admin/positions', 303);
  });
  const editPositionPage = async (c: AppContext, values: FormValues | null, errors: FieldError[]) => {
    const ctx = guard(c);
    const position = await staff.getPosition(ctx, idParam(c));
    const v = values ?? {
      title: position.title,
      titleEn: position.titleEn ?? '',
      appendOrgName: position.appendOrgName ? ['true'] : [],
      divisionId: position.divisionId ? String(position.divisionId) : '',
      rank: position.rank,
      sortOrder: String(position.sortOrder),
    };
    return renderPage(
      c,
      <EditPositionPage org={orgOf(c)} position={position} divisions={await staff.listDivisions(ctx)} values={v} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/admin/positions/:id{[0-9]+}', (c) => editPositionPage(c, null, []));
  app.post('/staff/admin/positions/:id{[0-9]+}', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(PositionInput, { ...raw, appendOrgName: firstOf(raw.appendOrgName) }, staffLabels);
    if (!parsed.ok) return editPositionPage(c, raw, parsed.errors);
    try {
      await staff.updatePosition(ctx, idParam(c), parsed.data);
    } catch (e) {
      return editPositionPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'staff.positions.saved');
    return c.redirect('/staff/admin/positions', 303);
  });

  // ---------- chain of command ----------
  const chainPage = async (c: AppContext, values: FormValues | null, errors: FieldError[]) => {
    const ctx = guard(c);
    const chain = await staff.resolveCommandChain(ctx);
    const v = values ?? Object.fromEntries(chain.map((s) => [`step${s.step}`, String(s.position.id)]));
    return renderPage(
      c,
      <ChainPage org={orgOf(c)} chain={chain} positions={await staff.listPositions(ctx)} values={v} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/admin/chain', (c) => chainPage(c, null, []));
  app.post('/staff/admin/chain', async (c) => {
    const ctx = guard(c);
    const raw = (await readForm(c)).values;
    const parsed = validateValues(ChainInput, raw, staffLabels);
    if (!parsed.ok) return chainPage(c, raw, parsed.errors);
    try {
      await staff.setCommandChain(ctx, [parsed.data.step1, parsed.data.step2, parsed.data.step3]);
    } catch (e) {
      return chainPage(c, raw, fieldErrorsOf(e));
    }
    flash(c, 'staff.chain.saved');
    return c.redirect('/staff/admin/chain', 303);
  });
}

function firstOf(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v.find((x) => x !== '') ?? '') : (v ?? '');
}
