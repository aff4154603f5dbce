import { formatThaiDateTime } from '../../../core/thai/dates.js';
import { Button, Form, PageHeader, Pagination, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { InboxPage as Inbox, Notification } from '../service.js';

/**
 * The inbox: a list, newest first. Unread rows say so in words (a tag) and in weight (bold), not
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
        <ol class="inbox" aria-label={t('notifications.inbox.title')}>
          {inbox.items.map((n) => (
            <InboxItem n={n} before={props.before} />
          ))}
        </ol>
      )}
      <Pagination prevHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}

/**
 * One notification, as a card that reads the same on a phone and a desktop. The buttons name
 * their item for screen readers: every item has the same two.
 */
function InboxItem({ n, before }: { n: Notification; before: number | null }) {
  const t = useT();
  const unread = !n.readAt;
  return (
    <li class={`inbox__item${unread ? ' inbox__item--unread' : ''}`} id={`n-${n.id}`}>
      <p class="inbox__meta">
        {unread ? (
          <Tag tone="info" icon="bell">
            {t('notifications.inbox.new')}
          </Tag>
        ) : (
          <span class="muted">{t('notifications.inbox.read')}</span>
        )}{' '}
        <time class="muted" datetime={n.createdAt.toISOString()}>
          {formatThaiDateTime(n.createdAt)}
        </time>
      </p>
      <h2 class="inbox__title">{n.title}</h2>
      {n.body ? <p class="inbox__body">{n.body}</p> : null}
      <div class="inbox__actions">
        {n.href ? (
          <Form action={`/staff/inbox/${n.id}/open`} class="inline-form">
            <Button variant="secondary" icon="chevron-right">
              {t('notifications.inbox.open')}
              <span class="visually-hidden"> {n.title}</span>
            </Button>
          </Form>
        ) : null}
        {unread ? (
          <Form action={`/staff/inbox/${n.id}/read`} class="inline-form">
            {before ? <input type="hidden" name="before" value={String(before)} /> : null}
            <Button variant="quiet" icon="circle-check">
              {t('notifications.inbox.markRead')}
              <span class="visually-hidden"> {n.title}</span>
            </Button>
          </Form>
        ) : null}
      </div>
    </li>
  );
}
