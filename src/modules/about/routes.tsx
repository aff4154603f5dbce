import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { ensureAllowed, notFound } from '../../core/http/errors.js';
import { type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { aboutPolicy } from './policy.js';
import * as qa from './qa.js';
import { QUESTION_STATUSES, type QuestionStatus } from './schema.js';
import * as svc from './service.js';
import { AboutIndexPage, ContactPage, DefaultPrivacy, ExecutivesPage, SocialPage, StructurePage, WrittenPage } from './views/public.js';
import { QaAskPage, QaItemPage, QaListPage, QaThanksPage } from './views/qa.js';
import {
  AboutAdminPage,
  type FormState,
  PageEditPage,
  PhotosPage,
  ProfileEditPage,
  QaStaffItemPage,
  QaStaffListPage,
} from './views/staff.js';

/** Public pages are read as the public, whoever is signed in on the browser. */
const publicCtx = (c: AppContext): ServiceContext => ({ ...serviceContext(c), actor: null });

function editor(c: AppContext): ServiceContext {
  ensureAllowed(aboutPolicy.edit(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

function moderator(c: AppContext): ServiceContext {
  ensureAllowed(aboutPolicy.moderate(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

/** Field errors to show on the form; anything else (401, 403, 404) goes to the error pages. */
const formErrors = (e: unknown) => formErrorsOf(e, [409, 429, 413, 422]);
const statusOf = formErrorStatus;
const empty = (): FormState => ({ values: {}, errors: [] });
const CLIENT_KEY = qa.CLIENT_KEY;

function clientKeyOf(values: FormValues): string {
  const k = formValue(values, 'key');
  return CLIENT_KEY.test(k) ? k : `q-${randomBytes(16).toString('base64url')}`;
}

/** The written pages that have their own path under /about (privacy is /privacy). */
const ABOUT_WRITTEN = new Set<string>(['powers', 'laws', 'history', 'vision']);

export function routes(app: Hono<AppEnv>) {
  // ------------------------------------------------------------------ public
  const cached = (c: AppContext, render: (ctx: ServiceContext) => Promise<unknown>) =>
    c.get('pages').respond(c, async () => renderToString(c, (await render(publicCtx(c))) as never));

  app.get('/about', (c) =>
    cached(c, async (ctx) => {
      const written = (await svc.listPages(ctx)).filter((p) => p.page).map((p) => p.key);
      return <AboutIndexPage org={orgOf(c)} written={written} />;
    }),
  );
  app.get('/about/structure', (c) => cached(c, async (ctx) => <StructurePage org={orgOf(c)} s={await svc.orgStructure(ctx)} />));
  app.get('/about/executives', (c) => cached(c, async (ctx) => <ExecutivesPage s={await svc.orgStructure(ctx)} />));
  app.get('/about/contact', (c) => cached(c, async (ctx) => <ContactPage org={orgOf(c)} profile={await svc.getProfile(ctx)} />));
  app.get('/about/social', (c) => cached(c, async (ctx) => <SocialPage profile={await svc.getProfile(ctx)} />));
  app.get('/about/photos/:staffId', async (c) => {
    const { file, bytes } = await svc.publicPhoto(publicCtx(c), rowIdParam(c, 'staffId'));
    // The URL names the file (?v=<file id>): a new photo is a new URL, so this one never changes.
    return serveStoredFile(c, file, bytes, { immutable: c.req.query('v') === String(file.id) });
  });
  app.get('/about/:key', async (c) => {
    const key = c.req.param('key');
    if (!ABOUT_WRITTEN.has(key) || !svc.isPageKey(key)) throw notFound();
    const page = await svc.getPage(publicCtx(c), key);
    // History and vision are optional: no page until written. Powers and laws say they are not published yet.
    if (!page && (key === 'history' || key === 'vision')) throw notFound();
    return c.get('pages').respond(c, () => renderToString(c, <WrittenPage pageKey={key} page={page} path={svc.pagePath(key)} />));
  });
  app.get('/privacy', (c) =>
    cached(c, async (ctx) => (
      <WrittenPage
        pageKey="privacy"
        page={await svc.getPage(ctx, 'privacy')}
        path="/privacy"
        fallback={<DefaultPrivacy org={orgOf(c)} />}
      />
    )),
  );

  app.get('/qa', async (c) => {
    const raw = c.req.query('page');
    const page = raw === undefined ? 1 : /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 0;
    if (!page) throw notFound();
    const list = await qa.listAnswered(publicCtx(c), page);
    if (page > 1 && !list.items.length) throw notFound();
    return c.get('pages').respond(c, () => renderToString(c, <QaListPage items={list.items} page={page} hasNext={list.hasNext} />));
  });
  app.get('/qa/ask', (c) => {
    c.header('Cache-Control', 'no-store');
    return renderPage(c, <QaAskPage values={{}} errors={[]} clientKey={clientKeyOf({})} />);
  });
  app.post('/qa/ask', async (c) => {
    const { values } = await readForm(c);
    c.header('Cache-Control', 'no-store');
    try {
      await qa.askQuestion(publicCtx(c), {
        question: formValue(values, 'question'),
        askerName: formValue(values, 'askerName'),
        contact: formValue(values, 'contact'),
        clientKey: formValue(values, 'key') || null,
      });
    } catch (e) {
      return renderPage(c, <QaAskPage values={values} errors={formErrors(e)} clientKey={clientKeyOf(values)} />, statusOf(e));
    }
    return c.redirect('/qa/thanks', 303);
  });
  app.get('/qa/thanks', (c) => c.get('pages').respond(c, () => renderToString(c, <QaThanksPage />)));
  app.get('/qa/:id', async (c) => {
    const q = await qa.getAnswered(publicCtx(c), rowIdParam(c));
    return c.get('pages').respond(c, () => renderToString(c, <QaItemPage q={q} />));
  });

  // ------------------------------------------------------------------ staff: organization pages
  app.get('/staff/admin/about', async (c) => {
    const ctx = editor(c);
    const [pages, profile, s] = await Promise.all([svc.listPages(ctx), svc.getProfile(ctx), svc.orgStructure(ctx)]);
    return renderPage(c, <AboutAdminPage pages={pages} profile={profile} s={s} />);
  });

  const pageKeyOf = (c: AppContext) => {
    const key = c.req.param('key') ?? '';
    if (!svc.isPageKey(key)) throw notFound();
    return key;
  };
  app.get('/staff/admin/about/pages/:key', async (c) => {
    const ctx = editor(c);
    const key = pageKeyOf(c);
    return renderPage(c, <PageEditPage pageKey={key} page={await svc.getPage(ctx, key)} form={empty()} />);
  });
  app.post('/staff/admin/about/pages/:key', async (c) => {
    const ctx = editor(c);
    const key = pageKeyOf(c);
    const { values } = await readForm(c);
    const version = Number(formValue(values, 'version'));
    try {
      await svc.savePage(ctx, key, {
        title: formValue(values, 'title'),
        body: formValue(values, 'body'),
        reason: formValue(values, 'reason'),
        version: Number.isInteger(version) ? version : -1,
      });
    } catch (e) {
      const errors = formErrors(e);
      return renderPage(c, <PageEditPage pageKey={key} page={await svc.getPage(ctx, key)} form={{ values, errors }} />, statusOf(e));
    }
    flash(c, 'about.flash.pageSaved');
    return c.redirect(`/staff/admin/about/pages/${key}`, 303);
  });

  app.get('/staff/admin/about/profile', async (c) => {
    const ctx = editor(c);
    return renderPage(c, <ProfileEditPage profile={await svc.getProfile(ctx)} form={empty()} />);
  });
  app.post('/staff/admin/about/profile', async (c) => {
    const ctx = editor(c);
    const { values } = await readForm(c);
    const rows = Math.min(Math.max(Number(formValue(values, 'socialRows')) || 0, 0), svc.SOCIAL_MAX + 5);
    const social = Array.from({ length: rows }, (_, i) => ({
      kind: formValue(values, `social${i}.kind`),
      url: formValue(values, `social${i}.url`),
      label: formValue(values, `social${i}.label`),
    }));
    try {
      await svc.saveProfile(ctx, {
        latitude: formValue(values, 'latitude'),
        longitude: formValue(values, 'longitude'),
        officeHours: formValue(values, 'officeHours'),
        social,
      });
    } catch (e) {
      return renderPage(
        c,
        <ProfileEditPage
          profile={await svc.getProfile(ctx)}
          form={{ values: { ...values, socialRows: String(rows) }, errors: formErrors(e) }}
        />,
        statusOf(e),
      );
    }
    flash(c, 'about.flash.profileSaved');
    return c.redirect('/staff/admin/about/profile', 303);
  });

  app.get('/staff/admin/about/photos', async (c) => {
    const ctx = editor(c);
    return renderPage(c, <PhotosPage s={await svc.orgStructure(ctx)} form={empty()} />);
  });
  app.post('/staff/admin/about/photos/:staffId', async (c) => {
    const ctx = editor(c);
    const staffId = rowIdParam(c, 'staffId');
    const { files } = await readForm(c);
    const f = files[`photo-${staffId}`] ?? files.photo;
    try {
      await svc.uploadPhoto(ctx, staffId, {
        bytes: f ? new Uint8Array(await f.arrayBuffer()) : new Uint8Array(),
        name: f?.name ?? 'photo',
      });
    } catch (e) {
      // The form's file field is named per person (one page holds a form for each).
      const errors = formErrors(e).map((x) => (x.field === 'photo' ? { ...x, field: `photo-${staffId}` } : x));
      return renderPage(c, <PhotosPage s={await svc.orgStructure(ctx)} form={{ values: {}, errors, staffId }} />, statusOf(e));
    }
    flash(c, 'about.flash.photoSaved');
    return c.redirect(`/staff/admin/about/photos#staff-${staffId}`, 303);
  });
  app.post('/staff/admin/about/photos/:staffId/delete', async (c) => {
    const ctx = editor(c);
    const staffId = rowIdParam(c, 'staffId');
    await svc.removePhoto(ctx, staffId);
    flash(c, 'about.flash.photoRemoved');
    return c.redirect(`/staff/admin/about/photos#staff-${staffId}`, 303);
  });

  // ------------------------------------------------------------------ staff: Q&A moderation
  app.get('/staff/qa', async (c) => {
    const ctx = moderator(c);
    const raw = c.req.query('status') ?? 'pending';
    if (!(QUESTION_STATUSES as readonly string[]).includes(raw)) throw notFound();
    const status = raw as QuestionStatus;
    const [counts, questions] = await Promise.all([qa.statusCounts(ctx), qa.listQuestions(ctx, status)]);
    return renderPage(c, <QaStaffListPage status={status} counts={counts} questions={questions} />);
  });
  const itemPage = async (
    c: AppContext,
    ctx: ServiceContext,
    id: number,
    state: { answer?: FormState; reject?: FormState } = {},
    status = 200,
  ) =>
    renderPage(
      c,
      <QaStaffItemPage q={await qa.getQuestion(ctx, id)} answer={state.answer ?? empty()} reject={state.reject ?? empty()} />,
      status,
    );
  app.get('/staff/qa/:id', async (c) => {
    const ctx = moderator(c);
    return itemPage(c, ctx, rowIdParam(c));
  });
  app.post('/staff/qa/:id/answer', async (c) => {
    const ctx = moderator(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await qa.answerQuestion(ctx, id, { question: formValue(values, 'question'), answer: formValue(values, 'answer') });
    } catch (e) {
      return itemPage(c, ctx, id, { answer: { values, errors: formErrors(e) } }, statusOf(e));
    }
    flash(c, 'about.flash.answered');
    return c.redirect(`/staff/qa/${id}`, 303);
  });
  app.post('/staff/qa/:id/reject', async (c) => {
    const ctx = moderator(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await qa.rejectQuestion(ctx, id, { reason: formValue(values, 'reason') });
    } catch (e) {
      return itemPage(c, ctx, id, { reject: { values, errors: formErrors(e) } }, statusOf(e));
    }
    flash(c, 'about.flash.rejected');
    return c.redirect('/staff/qa?status=pending', 303);
  });
}
