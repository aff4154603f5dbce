import { formatThaiDateTime } from '../../../core/thai/dates.js';
import { Button, Form, PageHeader, Pagination, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { InboxPage as Inbox, Notification } from '../service.js';

/**
 * The inbox: a table, newest first. Unread rows say so in words (a tag) and in weight (bold), not
 * by colour alone. Every action is a small POST form, so the page works without JavaScript;
 * following a link is a POST too, because opening an item marks it read.
 */
export function InboxPage(props: { inbox: Inbox; before: number | null; nextHref: string | null; firstHref: string | null }) {
  const t = useT();
  const { inbox } = props;
  return (
    <StaffLayout title={t('notifications.inbox.title')}>
      <PageHeader
        title={t('notifications.inbox.title')}
        lead={t('notifications.inbox.lead')}
        actions={
          inbox.unread > 0 ? (
            <Form action="/staff/inbox/read-all">
              {inbox.newestId ? <input type="hidden" name="upTo" value={String(inbox.newestId)} /> : null}
              <Button variant="secondary" icon="circle-check">
                {t('notifications.inbox.markAllRead')}
              </Button>
            </Form>
          ) : null
        }
      />
      <p>
        {inbox.unread > 0 ? (
          <Tag tone="info" icon="bell">
            {t('notifications.inbox.unreadCount', { n: inbox.unread })}
          </Tag>
        ) : (
          <Tag tone="success">{t('notifications.inbox.allRead')}</Tag>
        )}
      </p>
      {inbox.items.length === 0 ? (
        <p>{t('notifications.inbox.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('notifications.inbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.inbox.columns.status')}</th>
                <th scope="col">{t('notifications.inbox.columns.message')}</th>
                <th scope="col">{t('notifications.inbox.columns.received')}</th>
                <th scope="col">{t('notifications.inbox.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.items.map((n) => (
                <InboxRow n={n} before={props.before} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination prevHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

/** One notification. The buttons name their item for screen readers: every row has the same two. */
function InboxRow({ n, before }: { n: Notification; before: number | null }) {
  const t = useT();
  const unread = !n.readAt;
  return (
    <tr id={`n-${n.id}`}>
      <td>
        {unread ? (
          <Tag tone="info" icon="bell">
            {t('notifications.inbox.new')}
          </Tag>
        ) : (
          <span class="muted">{t('notifications.inbox.read')}</span>
        )}
      </td>
      <td>
        {unread ? <strong>{n.title}</strong> : n.title}
        {n.body ? <p class="muted">{n.body}</p> : null}
      </td>
      <td class="nowrap">
        <time datetime={n.createdAt.toISOString()}>{formatThaiDateTime(n.createdAt)}</time>
      </td>
      <td>
        {n.href ? (
          <Form action={`/staff/inbox/${n.id}/open`} class="inline-form">
            <Button variant="secondary" icon="chevron-right">
              {t('notifications.inbox.open')}
              <span class="visually-hidden"> {n.title}</span>
            </Button>
          </Form>
        ) : null}{' '}
        {unread ? (
          <Form action={`/staff/inbox/${n.id}/read`} class="inline-form">
            {before ? <input type="hidden" name="before" value={String(before)} /> : null}
            <Button variant="quiet" icon="circle-check">
              {t('notifications.inbox.markRead')}
              <span class="visually-hidden"> {n.title}</span>
            </Button>
          </Form>
        ) : null}
      </td>
    </tr>
  );
}
