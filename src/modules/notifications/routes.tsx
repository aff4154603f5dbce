import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed, notFound } from '../../core/http/errors.js';
import { readForm } from '../../core/http/forms.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { notificationsPolicy } from './policy.js';
import { listInbox, MAX_ID, markAllRead, markRead, openNotification, outboxOverview, retryFailedMail } from './service.js';
import { InboxPage } from './views/inbox.js';
import { MailPage } from './views/mail.js';

const idParam = (c: AppContext) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0 || id > MAX_ID) throw notFound();
  return id;
};

/** A keyset cursor from a query string or form: a positive id, or none. */
const cursor = (v: string | string[] | undefined): number | null => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null;
};

const inboxHref = (before: number | null) => (before ? `/staff/inbox?before=${before}` : '/staff/inbox');

export function routes(app: Hono<AppEnv>) {
  app.get('/staff/inbox', async (c) => {
    const before = cursor(c.req.query('before'));
    const inbox = await listInbox(serviceContext(c), { before: before ?? undefined });
    return renderPage(
      c,
      <InboxPage
        inbox={inbox}
        before={before}
        nextHref={inbox.nextBefore ? inboxHref(inbox.nextBefore) : null}
        firstHref={before ? inboxHref(null) : null}
      />,
    );
  });

  app.post('/staff/inbox/read-all', async (c) => {
    const { values } = await readForm(c);
    await markAllRead(serviceContext(c), { upTo: cursor(values.upTo) ?? undefined });
    flash(c, 'notifications.inbox.allMarked');
    return c.redirect('/staff/inbox', 303);
  });

  app.post('/staff/inbox/:id{[0-9]+}/read', async (c) => {
    const id = idParam(c);
    const { values } = await readForm(c);
    await markRead(serviceContext(c), id);
    flash(c, 'notifications.inbox.marked');
    // Back to the page the person was on, at the row they marked.
    return c.redirect(`${inboxHref(cursor(values.before))}#n-${id}`, 303);
  });

  app.post('/staff/inbox/:id{[0-9]+}/open', async (c) => {
    const href = await openNotification(serviceContext(c), idParam(c));
    return c.redirect(href, 303);
  });

  app.get('/staff/admin/mail', async (c) => {
    ensureAllowed(notificationsPolicy.manageMail(c.get('actor')), !!c.get('actor'));
    const overview = await outboxOverview(serviceContext(c));
    return renderPage(c, <MailPage overview={overview} smtpConfigured={!!c.get('app').config.smtpUrl} />);
  });

  app.post('/staff/admin/mail/retry', async (c) => {
    ensureAllowed(notificationsPolicy.manageMail(c.get('actor')), !!c.get('actor'));
    const n = await retryFailedMail(serviceContext(c));
    flash(c, n > 0 ? 'notifications.mail.retried' : 'notifications.mail.nothingToRetry');
    return c.redirect('/staff/admin/mail', 303);
  });
}
