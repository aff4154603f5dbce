import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext } from '../../core/http/env.js';
import { AppError, notFound } from '../../core/http/errors.js';
import { formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { fiscalYearOf } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { suggestionsPolicy } from './policy.js';
import * as svc from './service.js';
import { AnswerPage, ListPage, NewPage, SubmittedPage, TrackPage } from './views/pages.js';

const reader = (c: AppContext): ServiceContext => allowedContext(c, suggestionsPolicy.read);
const answerer = (c: AppContext): ServiceContext => allowedContext(c, suggestionsPolicy.answer);

/** The code travels to the "submitted" page once, sealed, in a short-lived cookie for that page only. */
const CODE_COOKIE = 'prongsai_sbox_code';
const SUBMITTED = '/staff/suggestions/submitted';
const codeContext = (ctx: ServiceContext) => `suggestion-code-once:${ctx.orgId}:${ctx.actor?.userId ?? 0}`;

function fyOf(c: AppContext, ctx: ServiceContext): number {
  const raw = c.req.query('fy');
  if (raw === undefined || raw === '') return fiscalYearOf(ctx.app.now());
  const fy = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!svc.isSuggestionYear(ctx, fy)) throw notFound();
  return fy;
}

const noStore = (c: AppContext) => c.header('Cache-Control', 'private, no-store');

export function routes(app: Hono<AppEnv>) {
  app.get('/staff/suggestions', async (c) => {
    const ctx = reader(c);
    const fy = fyOf(c, ctx);
    const canAnswer = suggestionsPolicy.answer(ctx.actor);
    const [visible, stats] = await Promise.all([svc.listSuggestions(ctx, { fiscalYear: fy }), svc.suggestionStats(ctx, fy)]);
    const current = fiscalYearOf(ctx.app.now());
    const years = [current, current - 1, current - 2, current - 3, current - 4];
    if (!years.includes(fy)) years.push(fy);
    return renderPage(
      c,
      <ListPage
        fiscalYear={fy}
        years={years}
        waiting={canAnswer ? visible.filter((s) => s.status === 'new') : null}
        answered={visible.filter((s) => s.status !== 'new')}
        stats={stats}
        canAnswer={canAnswer}
      />,
    );
  });

  app.get('/staff/suggestions/new', (c) => {
    allowedContext(c, suggestionsPolicy.submit);
    return renderPage(c, <NewPage />);
  });

  app.post('/staff/suggestions/new', async (c) => {
    const ctx = allowedContext(c, suggestionsPolicy.submit);
    const { values } = await readForm(c);
    let code: string;
    try {
      ({ trackingCode: code } = await svc.submitSuggestion(ctx, {
        category: formValue(values, 'category'),
        text: formValue(values, 'text'),
      }));
    } catch (e) {
      return renderPage(c, <NewPage state={{ values, errors: formErrorsOf(e, [429]) }} />, formErrorStatus(e));
    }
    setCookie(c, CODE_COOKIE, ctx.app.secrets.seal(code, codeContext(ctx)), {
      path: SUBMITTED,
      httpOnly: true,
      sameSite: 'Strict',
      maxAge: 300,
    });
    return c.redirect(SUBMITTED, 303);
  });

  // Shown once: the cookie is cleared on this view; a reload says it has been shown.
  app.get(SUBMITTED, (c) => {
    const ctx = reader(c);
    const sealed = getCookie(c, CODE_COOKIE);
    let code: string | null = null;
    if (sealed) {
      deleteCookie(c, CODE_COOKIE, { path: SUBMITTED });
      try {
        code = ctx.app.secrets.open(sealed, codeContext(ctx));
      } catch {
        code = null;
      }
    }
    noStore(c);
    return renderPage(c, <SubmittedPage code={code} />);
  });

  app.get('/staff/suggestions/track', (c) => {
    reader(c);
    return renderPage(c, <TrackPage />);
  });

  app.post('/staff/suggestions/track', async (c) => {
    const ctx = reader(c);
    const { values } = await readForm(c);
    noStore(c);
    try {
      const found = await svc.trackSuggestion(ctx, formValue(values, 'code'));
      return renderPage(c, <TrackPage found={found} />);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 404 && e.status !== 429)) throw e;
      const errors = [{ field: 'code', label: 'suggestions.fields.code', message: e.messageKey, params: e.params }];
      return renderPage(c, <TrackPage state={{ values, errors }} />, e.status);
    }
  });

  app.get('/staff/suggestions/:id{[0-9]+}/answer', async (c) => {
    const ctx = answerer(c);
    const s = await svc.getSuggestion(ctx, rowIdParam(c));
    return renderPage(c, <AnswerPage s={s} />);
  });

  app.post('/staff/suggestions/:id{[0-9]+}/answer', async (c) => {
    const ctx = answerer(c);
    const id = rowIdParam(c);
    const s = await svc.getSuggestion(ctx, id);
    const { values } = await readForm(c);
    try {
      const done = await svc.answerSuggestion(ctx, id, { action: formValue(values, 'action'), text: formValue(values, 'text') });
      flash(c, done.status === 'closed' ? 'suggestions.flash.closed' : 'suggestions.flash.answered');
    } catch (e) {
      return renderPage(c, <AnswerPage s={s} state={{ values, errors: formErrorsOf(e, [409]) }} />, formErrorStatus(e));
    }
    return c.redirect(`/staff/suggestions#s-${id}`, 303);
  });
}
