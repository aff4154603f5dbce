import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { getTicketByToken } from '../queue/service.js';
import { currentForm, listFormVersions, responseCountsByVersion, saveForm } from './forms.js';
import { surveysPolicy } from './policy.js';
import { paperEnteredToday, type SubmitInput, type SurveyTargets, submitResponse, surveyTargets, ticketSurveyState } from './responses.js';
import type { FormDefinition, FormText, SurveyChannel } from './schema.js';
import { EDITOR_PATH, FormEditorPage } from './views/form-editor.js';
import { PAPER_PATH, PaperEntryPage } from './views/paper-entry.js';
import { demographicField, parseAbout, ratingField } from './views/survey-form.js';
import { SurveyKioskPage, SurveyKioskThanksPage, SurveyMessagePage, SurveyPage } from './views/survey-pages.js';

/** Answers are given as the public, whoever may be signed in on that browser (paper entry excepted). */
const publicCtx = (c: AppContext): ServiceContext => ({ ...serviceContext(c), actor: null });
const noStore = (c: AppContext) => c.header('Cache-Control', 'no-store');
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The key of this render: the one posted back (a re-shown form), else a fresh one. */
function clientKeyOf(values: FormValues): string {
  const k = formValue(values, 'key');
  return CLIENT_KEY.test(k) ? k : `s-${randomBytes(16).toString('base64url')}`;
}

/** The answering form's fields as a submission: ratings by question key (as numbers when they are numbers), choices, suggestion. */
function inputFromForm(def: FormDefinition, values: FormValues, channel: SurveyChannel, locale: string): SubmitInput {
  const ratings: Record<string, number> = {};
  for (const g of def.groups) {
    for (const item of g.items) {
      const v = formValue(values, ratingField(item.key)).trim();
      if (v === '') continue;
      // Anything not a plain number is passed on as text, for the service to refuse by name.
      ratings[item.key] = (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v) as number;
    }
  }
  const demographics: Record<string, string> = {};
  for (const d of def.demographics) {
    const v = formValue(values, demographicField(d.key)).trim();
    if (v) demographics[d.key] = v;
  }
  const about = parseAbout(formValue(values, 'about'));
  return {
    channel,
    ratings,
    demographics,
    suggestion: formValue(values, 'suggestion') || null,
    divisionId: about?.divisionId ?? null,
    serviceId: about?.serviceId ?? null,
    clientKey: formValue(values, 'key') || null,
    locale,
  };
}

/** Service errors on the division or service are shown on the one "about" field. */
function pageErrors(e: ValidationError): FieldError[] {
  return e.fields.map((f) => (f.field === 'divisionId' || f.field === 'serviceId' ? { ...f, field: 'about' } : f));
}

/** A refusal to show at the top of the form (too many, and the like). */
const notice = (e: AppError): FieldError[] => [{ field: '_', message: e.messageKey, params: e.params }];

/** The error kinds a citizen should read on the page; sign-in and permission problems go to the error pages. */
const userFacing = (e: unknown): e is AppError => e instanceof AppError && e.status !== 401 && e.status !== 403;

function localName(x: { name: string; nameEn: string | null }, locale: string) {
  return locale !== 'th' && x.nameEn ? x.nameEn : x.name;
}

/** The tablet fixed to one division or service: ?division=<id> or ?service=<id> (this organization's, active). */
function kioskTarget(targets: SurveyTargets, q: { division?: string; service?: string }, locale: string) {
  if (q.service !== undefined) {
    const id = parseRowId(q.service);
    const s = targets.services.find((x) => x.id === id);
    if (!s) throw notFound('surveys.collect.errors.unknownTarget');
    return { about: `s${s.id}`, name: localName(s, locale), start: `/survey/kiosk?service=${s.id}` };
  }
  if (q.division !== undefined) {
    const id = parseRowId(q.division);
    const d = targets.divisions.find((x) => x.id === id);
    if (!d) throw notFound('surveys.collect.errors.unknownTarget');
    return { about: `d${d.id}`, name: localName(d, locale), start: `/survey/kiosk?division=${d.id}` };
  }
  return null;
}

function kioskStartOf(about: string | null): string {
  const a = parseAbout(about);
  if (a?.serviceId) return `/survey/kiosk?service=${a.serviceId}`;
  if (a?.divisionId) return `/survey/kiosk?division=${a.divisionId}`;
  return '/survey/kiosk';
}

// ---------------------------------------------------------------------------------------------
// The form editor: the draft is the posted form; adding and removing are round trips.

function textOf(values: FormValues, name: string): FormText {
  const out: FormText = { th: formValue(values, `${name}.th`) };
  for (const lang of ['en', 'ms'] as const) {
    const v = formValue(values, `${name}.${lang}`);
    if (v.trim()) out[lang] = v;
  }
  return out;
}

function draftFromValues(values: FormValues, base: FormDefinition): FormDefinition {
  const groups: FormDefinition['groups'] = [];
  for (let gi = 0; gi < 50 && values[`g${gi}.key`] !== undefined; gi++) {
    const items: FormDefinition['groups'][number]['items'] = [];
    for (let ii = 0; ii < 100 && values[`g${gi}.i${ii}.key`] !== undefined; ii++) {
      items.push({ key: formValue(values, `g${gi}.i${ii}.key`), text: textOf(values, `g${gi}.i${ii}.text`) });
    }
    groups.push({ key: formValue(values, `g${gi}.key`), title: textOf(values, `g${gi}.title`), items });
  }
  const intro = textOf(values, 'intro');
  return {
    title: textOf(values, 'title'),
    ...(intro.th || intro.en || intro.ms ? { intro } : {}),
    groups,
    demographics: base.demographics,
    suggestion: formValue(values, 'suggestion') === '1',
  };
}

/** A key no version of the form has used (a new question must not pool with an old, removed one). */
function freshKey(prefix: string, used: Set<string>): string {
  for (let n = 1; ; n++) {
    const k = `${prefix}${n}`;
    if (!used.has(k)) {
      used.add(k);
      return k;
    }
  }
}

export function collectRoutes(app: Hono<AppEnv>) {
  // ---------------------------------------------------------------------------------------------
  // Public link

  const publicForm = async (c: AppContext, values: FormValues, errors: FieldError[], status = 200) => {
    const ctx = publicCtx(c);
    const locale = c.get('locale');
    const [form, targets] = await Promise.all([currentForm(ctx), surveyTargets(ctx)]);
    noStore(c);
    return renderPage(
      c,
      <SurveyPage
        def={form.definition}
        action="/survey"
        values={values}
        errors={errors}
        clientKey={clientKeyOf(values)}
        targets={targets}
        locale={locale}
      />,
      status,
    );
  };

  app.get('/survey', (c) => {
    const service = parseRowId(c.req.query('service'));
    const division = parseRowId(c.req.query('division'));
    const about = service ? `s${service}` : division ? `d${division}` : '';
    return publicForm(c, about ? { about } : {}, []);
  });

  app.post('/survey', async (c) => {
    const { values } = await readForm(c);
    const ctx = publicCtx(c);
    const form = await currentForm(ctx);
    const input = inputFromForm(form.definition, values, 'public', c.get('locale'));
    if (!parseAbout(formValue(values, 'about'))) {
      return publicForm(c, values, [{ field: 'about', label: 'surveys.collect.fields.about', message: 'core.validation.choose' }], 422);
    }
    try {
      await submitResponse(ctx, input);
      return c.redirect('/survey/thanks', 303);
    } catch (e) {
      if (e instanceof ValidationError) return publicForm(c, values, pageErrors(e), 422);
      if (!userFacing(e)) throw e;
      return publicForm(c, values, notice(e), e.status);
    }
  });

  app.get('/survey/thanks', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      <SurveyMessagePage
        title={t('surveys.collect.thanks.title')}
        body={t('surveys.collect.thanks.body')}
        tone="done"
        links={[{ href: '/', text: t('surveys.collect.thanks.home'), primary: true }]}
      />,
    );
  });

  // ---------------------------------------------------------------------------------------------
  // From a queue ticket (the QR on the ticket, through its status page): once per ticket

  const ticketPage = async (c: AppContext, token: string, values: FormValues, errors: FieldError[], status = 200) => {
    const ctx = publicCtx(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const ticket = await getTicketByToken(ctx, token); // 404 for a token this organization does not know
    const state = await ticketSurveyState(ctx, token);
    noStore(c);
    if (state !== 'open') {
      const answered = state === 'answered';
      return renderPage(
        c,
        <SurveyMessagePage
          title={t(answered ? 'surveys.collect.ticket.answeredTitle' : 'surveys.collect.ticket.notReadyTitle')}
          body={t(answered ? 'surveys.collect.ticket.answeredBody' : 'surveys.collect.ticket.notReadyBody')}
          tone={answered ? 'done' : 'info'}
          links={[{ href: `/queue/t/${token}`, text: t('surveys.collect.ticket.backToTicket'), primary: !answered }]}
        />,
        409,
      );
    }
    const form = await currentForm(ctx);
    return renderPage(
      c,
      <SurveyPage
        def={form.definition}
        action={`/survey/t/${token}`}
        values={values}
        errors={errors}
        clientKey={clientKeyOf(values)}
        targets={null}
        locale={locale}
        lead={t('surveys.collect.ticket.lead', {
          label: ticket.label,
          service: localName({ name: ticket.serviceName, nameEn: ticket.serviceNameEn }, locale),
        })}
      />,
      status,
    );
  };

  app.get('/survey/t/:token', (c) => ticketPage(c, c.req.param('token'), {}, []));

  app.post('/survey/t/:token', async (c) => {
    const token = c.req.param('token');
    const { values } = await readForm(c);
    const ctx = publicCtx(c);
    const form = await currentForm(ctx);
    const input = {
      ...inputFromForm(form.definition, values, 'ticket', c.get('locale')),
      divisionId: null,
      serviceId: null,
      ticketToken: token,
    };
    try {
      await submitResponse(ctx, input);
      return c.redirect('/survey/thanks', 303);
    } catch (e) {
      if (e instanceof ValidationError) return ticketPage(c, token, values, pageErrors(e), 422);
      if (!userFacing(e)) throw e;
      if (e.status === 409 || e.status === 404) return ticketPage(c, token, values, [], e.status); // answered, not ready, unknown
      return ticketPage(c, token, values, notice(e), e.status);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // The counter tablet (kiosk mode)

  const kioskForm = async (
    c: AppContext,
    q: { division?: string; service?: string },
    values: FormValues,
    errors: FieldError[],
    status = 200,
  ) => {
    const ctx = publicCtx(c);
    const locale = c.get('locale');
    const [form, targets] = await Promise.all([currentForm(ctx), surveyTargets(ctx)]);
    const fixed = kioskTarget(targets, q, locale);
    noStore(c);
    return renderPage(
      c,
      <SurveyKioskPage
        def={form.definition}
        action="/survey/kiosk"
        values={values}
        errors={errors}
        clientKey={clientKeyOf(values)}
        targets={fixed ? null : targets}
        fixedAbout={fixed?.about ?? null}
        startUrl={fixed?.start ?? '/survey/kiosk'}
        targetName={fixed?.name ?? null}
        locale={locale}
      />,
      status,
    );
  };

  app.get('/survey/kiosk', (c) => kioskForm(c, { division: c.req.query('division'), service: c.req.query('service') }, {}, []));

  app.post('/survey/kiosk', async (c) => {
    const { values } = await readForm(c);
    const ctx = publicCtx(c);
    const form = await currentForm(ctx);
    const about = formValue(values, 'about');
    const fixedQ =
      formValue(values, 'fixed') === '1'
        ? { division: about.startsWith('d') ? about.slice(1) : undefined, service: about.startsWith('s') ? about.slice(1) : undefined }
        : {};
    if (!parseAbout(about)) {
      return kioskForm(
        c,
        fixedQ,
        values,
        [{ field: 'about', label: 'surveys.collect.fields.about', message: 'core.validation.choose' }],
        422,
      );
    }
    try {
      await submitResponse(ctx, inputFromForm(form.definition, values, 'tablet', c.get('locale')));
      const start = formValue(values, 'fixed') === '1' ? kioskStartOf(about) : '/survey/kiosk';
      return c.redirect(`/survey/kiosk/thanks${start.slice('/survey/kiosk'.length)}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return kioskForm(c, fixedQ, values, pageErrors(e), 422);
      if (!userFacing(e)) throw e;
      return kioskForm(c, fixedQ, values, notice(e), e.status);
    }
  });

  app.get('/survey/kiosk/thanks', (c) => {
    const service = parseRowId(c.req.query('service'));
    const division = parseRowId(c.req.query('division'));
    const start = service ? `/survey/kiosk?service=${service}` : division ? `/survey/kiosk?division=${division}` : '/survey/kiosk';
    noStore(c);
    return renderPage(c, <SurveyKioskThanksPage startUrl={start} />);
  });

  // ---------------------------------------------------------------------------------------------
  // Paper forms typed in by staff

  const paperPage = async (c: AppContext, values: FormValues, errors: FieldError[], saved: { ref: string } | null, status = 200) => {
    ensureAllowed(surveysPolicy.enterPaper(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const [form, targets, enteredToday] = await Promise.all([currentForm(ctx), surveyTargets(ctx), paperEnteredToday(ctx)]);
    noStore(c);
    return renderPage(
      c,
      <PaperEntryPage
        form={form}
        targets={targets}
        values={values}
        errors={errors}
        clientKey={clientKeyOf(errors.length ? values : {})}
        saved={saved}
        enteredToday={enteredToday}
        today={bangkokIsoDay(ctx.app.now())}
      />,
      status,
    );
  };

  app.get(PAPER_PATH, (c) => {
    const about = c.req.query('about') ?? '';
    const date = c.req.query('date') ?? '';
    const values: FormValues = {
      about: parseAbout(about) ? about : '',
      submittedOn: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : bangkokIsoDay(c.get('app').now()),
    };
    const ref = (c.req.query('ref') ?? '').slice(0, 40);
    return paperPage(c, values, [], c.req.query('saved') === '1' ? { ref } : null);
  });

  app.post(PAPER_PATH, async (c) => {
    ensureAllowed(surveysPolicy.enterPaper(c.get('actor')), !!c.get('actor'));
    const { values } = await readForm(c);
    const ctx = serviceContext(c);
    const form = await currentForm(ctx);
    const about = formValue(values, 'about');
    if (!parseAbout(about)) {
      return paperPage(
        c,
        values,
        [{ field: 'about', label: 'surveys.collect.fields.about', message: 'core.validation.choose' }],
        null,
        422,
      );
    }
    const paperRef = formValue(values, 'paperRef').trim();
    const submittedOn = formValue(values, 'submittedOn').trim();
    try {
      await submitResponse(ctx, { ...inputFromForm(form.definition, values, 'paper', c.get('locale')), paperRef, submittedOn });
      const next = new URLSearchParams({
        saved: '1',
        date: submittedOn,
        ...(about ? { about } : {}),
        ...(paperRef ? { ref: paperRef } : {}),
      });
      return c.redirect(`${PAPER_PATH}?${next}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return paperPage(c, values, pageErrors(e), null, 422);
      if (!userFacing(e)) throw e;
      return paperPage(c, values, notice(e), null, e.status);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // The form editor (admin, ITA coordinator)

  const editor = async (c: AppContext, draft: FormDefinition | null, errors: FieldError[], unsaved: boolean, status = 200) => {
    ensureAllowed(surveysPolicy.manageForm(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const [versions, counts, targets] = await Promise.all([listFormVersions(ctx), responseCountsByVersion(ctx), surveyTargets(ctx)]);
    const current = versions[0];
    if (!current) throw new Error('no survey form');
    return renderPage(
      c,
      <FormEditorPage
        draft={draft ?? current.definition}
        versions={versions}
        counts={counts}
        errors={errors}
        unsaved={unsaved}
        divisions={targets.divisions}
      />,
      status,
    );
  };

  app.get(EDITOR_PATH, (c) => editor(c, null, [], false));

  app.post(EDITOR_PATH, async (c) => {
    ensureAllowed(surveysPolicy.manageForm(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const { values } = await readForm(c);
    const versions = await listFormVersions(ctx);
    const base = versions[0]?.definition ?? (await currentForm(ctx)).definition;
    const draft = draftFromValues(values, base);
    const used = new Set<string>();
    for (const v of [...versions.map((x) => x.definition), draft]) {
      for (const g of v.groups) {
        used.add(g.key);
        for (const i of g.items) used.add(i.key);
      }
    }
    const op = formValue(values, 'op') || 'save';
    const m = /^(addItem|removeItem|addGroup|removeGroup):?(\d+)?:?(\d+)?$/.exec(op);
    if (op !== 'save' && m) {
      const gi = Number(m[2] ?? -1);
      const ii = Number(m[3] ?? -1);
      const group = draft.groups[gi];
      if (m[1] === 'addItem' && group) group.items.push({ key: freshKey('q', used), text: { th: '' } });
      else if (m[1] === 'removeItem' && group) group.items.splice(ii, 1);
      else if (m[1] === 'addGroup')
        draft.groups.push({ key: freshKey('group', used), title: { th: '' }, items: [{ key: freshKey('q', used), text: { th: '' } }] });
      else if (m[1] === 'removeGroup' && group) draft.groups.splice(gi, 1);
      return editor(c, draft, [], true);
    }
    try {
      await saveForm(ctx, draft);
      flash(c, 'surveys.collect.editor.saved');
      return c.redirect(EDITOR_PATH, 303);
    } catch (e) {
      if (e instanceof ValidationError) return editor(c, draft, e.fields, true, 422);
      throw e;
    }
  });
}
