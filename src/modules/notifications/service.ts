import { and, desc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { forbidden, notFound, unauthorized } from '../../core/http/errors.js';
import type { TodoItem } from '../../core/module.js';
import { type MailRow, wakeMailers } from '../../core/notify/mailer.js';
import { isRelativeHref } from '../../core/notify/notify.js';
import { mailOutbox, notifications } from '../../core/notify/schema.js';
import { notificationsPolicy } from './policy.js';

export type Notification = typeof notifications.$inferSelect;

/** Ids are int4 in the database: a larger number in a URL is simply not found (not a 500). */
export const MAX_ID = 2_147_483_647;
export const INBOX_PAGE = 25;
export const OUTBOX_RECENT = 50;

/** The signed-in person whose inbox this is; everything below is filtered by it. */
function inboxOwner(ctx: ServiceContext): number {
  if (!ctx.actor) throw unauthorized();
  if (!notificationsPolicy.useInbox(ctx.actor)) throw forbidden();
  return ctx.actor.userId;
}

/** One's own notification, or 404: another person's (or organization's) is indistinguishable from none. */
const own = (ctx: ServiceContext, userId: number, id: number) =>
  and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, userId), eq(notifications.id, id));

// ---------- the inbox ----------

export interface InboxPage {
  items: Notification[];
  /** Keyset paging: pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  unread: number;
  /** The newest notification's id: "mark all read" marks up to it, not what arrived since. */
  newestId: number | null;
}

/** The signed-in person's notifications, newest first, a page at a time (no offsets). */
export async function listInbox(ctx: ServiceContext, opts: { before?: number; limit?: number } = {}): Promise<InboxPage> {
  const userId = inboxOwner(ctx);
  const limit = Math.min(Math.max(opts.limit ?? INBOX_PAGE, 1), 100);
  const rows = await dbOf(ctx)
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.orgId, ctx.orgId),
        eq(notifications.userId, userId),
        opts.before ? lt(notifications.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const [newest] = opts.before
    ? await dbOf(ctx)
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, userId)))
        .orderBy(desc(notifications.id))
        .limit(1)
    : items;
  return {
    items,
    nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
    unread: await countUnread(ctx),
    newestId: newest?.id ?? null,
  };
}

export async function countUnread(ctx: ServiceContext): Promise<number> {
  const userId = inboxOwner(ctx);
  const [row] = await dbOf(ctx)
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of one's own notifications read (again is harmless: the first reading time stays). */
export async function markRead(ctx: ServiceContext, id: number): Promise<Notification> {
  return runCommand(ctx, { action: 'notifications.markRead', allowed: notificationsPolicy.useInbox(ctx.actor) }, async (tx) => {
    const userId = inboxOwner(ctx);
    if (id > MAX_ID) throw notFound();
    const [updated] = await tx
      .update(notifications)
      .set({ readAt: ctx.app.now() })
      .where(and(own(ctx, userId, id), isNull(notifications.readAt)))
      .returning();
    const row =
      updated ??
      (
        await tx
          .select()
          .from(notifications)
          .where(own(ctx, userId, id))
      )[0];
    if (!row) throw notFound();
    return { result: row, entity: 'notification', entityId: id, summary: `อ่านการแจ้งเตือน #${id} (${row.kind})` };
  });
}

/** Marks all of one's unread notifications read, up to `upTo` (what the person saw), or all. */
export async function markAllRead(ctx: ServiceContext, opts: { upTo?: number } = {}): Promise<number> {
  return runCommand(ctx, { action: 'notifications.markAllRead', allowed: notificationsPolicy.useInbox(ctx.actor) }, async (tx) => {
    const userId = inboxOwner(ctx);
    const rows = await tx
      .update(notifications)
      .set({ readAt: ctx.app.now() })
      .where(
        and(
          eq(notifications.orgId, ctx.orgId),
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          opts.upTo ? lte(notifications.id, opts.upTo) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return { result: rows.length, entity: 'notification', entityId: null, summary: `อ่านการแจ้งเตือนทั้งหมด ${rows.length} รายการ` };
  });
}

/**
 * Following a notification's link: marks it read and gives the path to go to. A link that is not
 * a path on this site (never written by notify(), but rows can be old) leads back to the inbox.
 */
export async function openNotification(ctx: ServiceContext, id: number): Promise<string> {
  const row = await markRead(ctx, id);
  return row.href && isRelativeHref(row.href) ? row.href : '/staff/inbox';
}

/** The staff home's "what I must do": one line while there are unread notifications. */
export async function inboxTodo(ctx: ServiceContext): Promise<TodoItem[]> {
  if (!notificationsPolicy.useInbox(ctx.actor)) return [];
  const n = await countUnread(ctx);
  return n > 0 ? [{ label: 'notifications.todo.unread', params: { n }, href: '/staff/inbox', tone: 'info' }] : [];
}

// ---------- the outbox, for administrators ----------

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface OutboxOverview {
  counts: Record<MailStatus, number>;
  /** The latest messages, newest first, with their last error. */
  recent: MailRow[];
}

function requireMailAdmin(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  if (!notificationsPolicy.manageMail(ctx.actor)) throw forbidden();
}

export async function outboxOverview(ctx: ServiceContext): Promise<OutboxOverview> {
  requireMailAdmin(ctx);
  const grouped = await dbOf(ctx)
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(eq(mailOutbox.orgId, ctx.orgId))
    .groupBy(mailOutbox.status);
  const counts: Record<MailStatus, number> = { pending: 0, sent: 0, failed: 0 };
  for (const g of grouped) if ((MAIL_STATUSES as readonly string[]).includes(g.status)) counts[g.status as MailStatus] = Number(g.n);
  const recent = await dbOf(ctx)
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.orgId, ctx.orgId))
    .orderBy(desc(mailOutbox.id))
    .limit(OUTBOX_RECENT);
  return { counts, recent };
}

/**
 * Puts the organization's failed e-mail back in the queue, due now, with a fresh set of
 * attempts (an administrator retries once the mail server is fixed). Wakes this process's mailer.
 */
export async function retryFailedMail(ctx: ServiceContext): Promise<number> {
  return runCommand(
    ctx,
    { action: 'notifications.retryFailedMail', allowed: notificationsPolicy.manageMail(ctx.actor) },
    async (tx, tools) => {
      const rows = await tx
        .update(mailOutbox)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: ctx.app.now() })
        .where(and(eq(mailOutbox.orgId, ctx.orgId), eq(mailOutbox.status, 'failed')))
        .returning({ id: mailOutbox.id });
      if (rows.length > 0) tools.afterCommit(() => wakeMailers(ctx.app));
      return {
        result: rows.length,
        entity: 'mail',
        entityId: null,
        summary: `ส่งอีเมลที่ส่งไม่สำเร็จอีกครั้ง ${rows.length} ฉบับ`,
        data: { ids: rows.slice(0, 200).map((r) => r.id) },
      };
    },
  );
}
