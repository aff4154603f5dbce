import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError } from '../../core/http/errors.js';
import { type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { bangkokIsoDay, fiscalYearOf, parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { staffOfUser } from '../staff/service.js';
import { FRESHNESS, type Freshness } from './freshness.js';
import { isOitYear, oitList, oitYears, parseOitListJson, resetOitList, saveOitList, unknownYear, validateOitItems } from './oit-list.js';
import { disclosurePolicy } from './policy.js';
import * as svc from './service.js';
import { itemHref } from './views/common.js';
import { type FormState, ItemFormPage, ItemPage } from './views/item.js';
import { ListEditPage, ListsIndexPage, rowField } from './views/lists.js';
import { ReadinessPage } from './views/readiness.js';
import { MinePage, RegisterPage } from './views/register.js';

function reader(c: AppContext): ServiceContext {
  ensureAllowed(disclosurePolicy.read(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

/** ?fy=2567 (B.E.), default this fiscal year; a year with no list is a clear 404. */
function fyOf(c: AppContext, ctx: ServiceContext): number {
  const raw = c.req.query('fy');
  if (raw === undefined || raw === '') return fiscalYearOf(ctx.app.now());
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!isOitYear(ctx, fy)) throw unknownYear(ctx, raw);
  return fy;
}

function fyParam(c: AppContext, ctx: ServiceContext): number {
  const raw = c.req.param('fy') ?? '';
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!isOitYear(ctx, fy)) throw unknownYear(ctx, raw);
  return fy;
}

const fieldErrorsOf = (e: unknown) => formErrorsOf(e, [409]);
const statusOf = formErrorStatus;

/** A date typed as ISO (the date picker) or the Thai way (22/10/2567). */
function dayInput(s: string): string {
  const text = s.trim();
  if (!text || /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const parsed = parseThaiDateInput(text);
  return parsed ? bangkokIsoDay(parsed) : text;
}

function itemInput(values: FormValues, fiscalYear: number): svc.ItemInput {
  const staff = formValue(values, 'responsibleStaffId');
  return {
    fiscalYear,
    itemCode: formValue(values, 'itemCode'),
    title: formValue(values, 'title'),
    description: formValue(values, 'description'),
    responsibleStaffId: /^\d{1,9}$/.test(staff) ? Number(staff) : staff ? -1 : null,
    frequency: formValue(values, 'frequency'),
    dueOn: dayInput(formValue(values, 'dueOn')),
    topic: formValue(values, 'topic'),
    active: formValue(values, 'active') !== '0',
  };
}

const empty = (): FormState => ({ values: {}, errors: [] });

export function routes(app: Hono<AppEnv>) {
  // ------------------------------------------------------------ the register
  app.get('/staff/disclosure', async (c) => {
    const ctx = reader(c);
    const fy = fyOf(c, ctx);
    const status = c.req.query('status');
    const staff = c.req.query('staff');
    const filters = {
      status: (FRESHNESS as readonly string[]).includes(status ?? '') ? (status as Freshness) : undefined,
      code: c.req.query('code') || undefined,
      staff: staff && /^\d{1,9}$/.test(staff) ? Number(staff) : undefined,
    };
    const reg = await svc.register(ctx, fy, { status: filters.status, itemCode: filters.code, responsibleStaffId: filters.staff });
    c.header('Cache-Control', 'private, no-store');
    return renderPage(
      c,
      <RegisterPage
        reg={reg}
        years={oitYears(ctx)}
        filters={filters}
        staff={await svc.staffChoices(ctx)}
        canManage={disclosurePolicy.manage(ctx.actor)}
      />,
    );
  });

  app.get('/staff/disclosure/mine', async (c) => {
    const ctx = reader(c);
    const me = ctx.actor?.userId ? await staffOfUser(ctx, ctx.actor.userId) : null;
    return renderPage(c, <MinePage items={await svc.myItems(ctx)} hasStaffRecord={!!me} />);
  });

  app.get('/staff/disclosure/readiness', async (c) => {
    ensureAllowed(disclosurePolicy.readiness(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const fy = fyOf(c, ctx);
    const r = await svc.readiness(ctx, fy);
    return renderPage(c, <ReadinessPage fiscalYear={fy} years={oitYears(ctx)} rows={r.rows} counts={r.counts} />);
  });

  // ------------------------------------------------------------ creating and editing items
  const formPage = async (c: AppContext, ctx: ServiceContext, fy: number, state: FormState, itemId?: number, status = 200) => {
    const list = await oitList(ctx, fy);
    return renderPage(
      c,
      <ItemFormPage fiscalYear={fy} indicators={list.items} staff={await svc.staffChoices(ctx)} state={state} itemId={itemId} />,
      status,
    );
  };

  const manager = (c: AppContext) => {
    ensureAllowed(disclosurePolicy.manage(c.get('actor')), !!c.get('actor'));
    return serviceContext(c);
  };

  app.get('/staff/disclosure/new', async (c) => {
    const ctx = manager(c);
    const fy = fyOf(c, ctx);
    const code = c.req.query('code') ?? '';
    return formPage(c, ctx, fy, { values: { itemCode: code, frequency: 'yearly' }, errors: [] });
  });

  app.post('/staff/disclosure/new', async (c) => {
    const ctx = manager(c);
    const fy = fyOf(c, ctx);
    const { values } = await readForm(c);
    let created: svc.RegisterItem;
    try {
      created = await svc.createItem(ctx, itemInput(values, fy));
    } catch (e) {
      return formPage(c, ctx, fy, { values, errors: fieldErrorsOf(e) }, undefined, statusOf(e));
    }
    flash(c, 'disclosure.flash.created');
    return c.redirect(itemHref(created.id), 303);
  });

  app.get('/staff/disclosure/items/:id', async (c) => {
    const ctx = reader(c);
    return renderPage(c, <ItemPage d={await svc.getItem(ctx, rowIdParam(c))} update={empty()} />);
  });

  app.get('/staff/disclosure/items/:id/edit', async (c) => {
    const ctx = manager(c);
    const { item: i } = await svc.getItem(ctx, rowIdParam(c));
    return formPage(
      c,
      ctx,
      i.fiscalYear,
      {
        values: {
          itemCode: i.itemCode,
          title: i.title,
          description: i.description ?? '',
          responsibleStaffId: i.responsibleStaffId ? String(i.responsibleStaffId) : '',
          frequency: i.frequency,
          dueOn: i.dueOn ?? '',
          topic: i.topic ?? '',
          active: i.active ? '1' : '0',
        },
        errors: [],
      },
      i.id,
    );
  });

  app.post('/staff/disclosure/items/:id/edit', async (c) => {
    const ctx = manager(c);
    const id = rowIdParam(c);
    const { item: i } = await svc.getItem(ctx, id);
    const { values } = await readForm(c);
    try {
      await svc.editItem(ctx, id, itemInput(values, i.fiscalYear));
    } catch (e) {
      return formPage(c, ctx, i.fiscalYear, { values, errors: fieldErrorsOf(e) }, id, statusOf(e));
    }
    flash(c, 'disclosure.flash.saved');
    return c.redirect(itemHref(id), 303);
  });

  app.post('/staff/disclosure/items/:id/update', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    const { values, files } = await readForm(c);
    const f = files.pdf;
    try {
      await svc.recordUpdate(ctx, id, {
        url: formValue(values, 'url'),
        note: formValue(values, 'note'),
        pdf: f ? { bytes: new Uint8Array(await f.arrayBuffer()), name: f.name, title: formValue(values, 'pdfTitle') } : null,
      });
    } catch (e) {
      const errors = fieldErrorsOf(e);
      return renderPage(c, <ItemPage d={await svc.getItem(ctx, id)} update={{ values, errors }} />, statusOf(e));
    }
    flash(c, 'disclosure.flash.updated');
    return c.redirect(itemHref(id), 303);
  });

  // ------------------------------------------------------------ the OIT lists (admin)
  const admin = (c: AppContext) => {
    ensureAllowed(disclosurePolicy.manageLists(c.get('actor')), !!c.get('actor'));
    return serviceContext(c);
  };

  app.get('/staff/admin/oit-lists', async (c) => {
    const ctx = admin(c);
    const lists = await Promise.all(oitYears(ctx).map((y) => oitList(ctx, y)));
    return renderPage(c, <ListsIndexPage lists={lists} />);
  });

  const listPage = async (
    c: AppContext,
    ctx: ServiceContext,
    fy: number,
    rowsState: { values: FormValues | null; errors: FieldError[] } = { values: null, errors: [] },
    jsonState: FormState = empty(),
    status = 200,
  ) => renderPage(c, <ListEditPage list={await oitList(ctx, fy)} rowsState={rowsState} jsonState={jsonState} />, status);

  app.get('/staff/admin/oit-lists/:fy', async (c) => {
    const ctx = admin(c);
    return listPage(c, ctx, fyParam(c, ctx));
  });

  app.get('/staff/admin/oit-lists/:fy/list.json', async (c) => {
    const ctx = admin(c);
    const list = await oitList(ctx, fyParam(c, ctx));
    return new Response(`${JSON.stringify({ fiscalYear: list.fiscalYear, items: list.items }, null, 2)}\n`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="oit-${list.fiscalYear}.json"`,
        'cache-control': 'private, no-store',
      },
    });
  });

  app.post('/staff/admin/oit-lists/:fy', async (c) => {
    const ctx = admin(c);
    const fy = fyParam(c, ctx);
    const { values, files } = await readForm(c);
    if (formValue(values, 'mode') === 'json') {
      try {
        const text = files.file ? await files.file.text() : formValue(values, 'json');
        await saveOitList(ctx, fy, { items: parseOitListJson(text), note: formValue(values, 'note') });
      } catch (e) {
        return listPage(c, ctx, fy, undefined, { values, errors: fieldErrorsOf(e) }, statusOf(e));
      }
      flash(c, 'disclosure.flash.listSaved');
      return c.redirect(`/staff/admin/oit-lists/${fy}`, 303);
    }
    // Rows typed in: the filled rows in order; blank rows are left out.
    const rows: Record<string, string>[] = [];
    const rowNumbers: number[] = [];
    const max = Math.max(0, ...Object.keys(values).map((k) => Number(/^row-(\d+)-/.exec(k)?.[1] ?? 0)));
    for (let r = 1; r <= Math.min(max, 200); r++) {
      const get = (n: string) => formValue(values, rowField(r, n)).trim();
      const row = {
        code: get('code'),
        name: get('name'),
        gloss: get('gloss'),
        indicator: get('indicator'),
        group: get('group'),
        verified: get('verified'),
        topics: get('topics'),
      };
      if (Object.values(row).every((x) => x === '')) continue;
      rows.push(row);
      rowNumbers.push(r);
    }
    if (formValue(values, 'more') === '1') {
      // "More rows": the same values again with blank rows added; nothing saved.
      const more: FormValues = { ...values };
      for (let r = max + 1; r <= max + 5; r++) more[rowField(r, 'code')] = '';
      return listPage(c, ctx, fy, { values: more, errors: [] });
    }
    const checked = validateOitItems(
      rows.map((r) => ({ ...r, verified: r.verified === '' ? undefined : r.verified, indicator: r.indicator })),
      (row, name) => rowField(rowNumbers[row - 1] ?? row, name),
    );
    try {
      if (checked.errors.length) throw new AppError(422, 'validation_failed', 'core.errors.validation', {}, checked.errors);
      await saveOitList(ctx, fy, { items: checked.items });
    } catch (e) {
      return listPage(c, ctx, fy, { values, errors: fieldErrorsOf(e) }, undefined, statusOf(e));
    }
    flash(c, 'disclosure.flash.listSaved');
    return c.redirect(`/staff/admin/oit-lists/${fy}`, 303);
  });

  app.post('/staff/admin/oit-lists/:fy/reset', async (c) => {
    const ctx = admin(c);
    const fy = fyParam(c, ctx);
    await resetOitList(ctx, fy);
    flash(c, 'disclosure.flash.listReset');
    return c.redirect(`/staff/admin/oit-lists/${fy}`, 303);
  });
}
