import { and, eq, inArray } from 'drizzle-orm';
import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema.js';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db/client.js';
import { isSitePath } from '../http/request.js';
import { mailOutbox, notifications } from './schema.js';

/**
 * Notifications: the one way a module tells staff members that something waits for them (a
 * measure falls due, a document awaits signature). Each recipient gets an inbox row, and an
 * e-mail too when asked and their staff record has an address. Both are written in the caller's
 * transaction, so a notification exists exactly when the write that caused it committed; the
 * e-mail is only queued here and the mailer sends it later (see mailer.ts).
 */

/**
 * The staff module's table, seen read-only through the three columns this file needs. The core
 * never imports a module (modules build on the core, not the other way round), so instead of the
 * staff module's schema object this file declares the slice it reads. It is not in a schema.ts,
 * so drizzle-kit never sees it as a table of its own.
 */
const staffContacts = pgTable('staff_members', {
  orgId: integer('org_id').notNull(),
  userId: integer('user_id'),
  email: text('email'),
  active: boolean('active').notNull(),
});

export interface NotifyInput {
  /** Sign-in accounts (users.id) of the caller's organization. */
  userIds: number[];
  /** What it is about, `module.event`, e.g. "measures.due"; lets the inbox group or filter later. */
  kind: string;
  /** Already rendered, in Thai: the caller renders its own message. */
  title: string;
  body?: string;
  /** Where the item leads: a path on this site (e.g. "/staff/measures/12"), never another site. */
  href?: string;
  /** Also send an e-mail to those whose staff record has an address. */
  email?: boolean;
}

export interface NotifyResult {
  notificationIds: number[];
  mailIds: number[];
}

export interface MailInput {
  orgId: number;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** When it becomes due; default the database's now. Callers pass ctx.app.now() so tests can move the clock. */
  now?: Date;
}

const KIND = /^[a-z][\w-]*(\.[\w-]+)+$/;
const MAX_TITLE = 300;
const MAX_BODY = 4000;

/** A link target kept in the inbox: a path on this site only, so a notification can never send anyone elsewhere. */
export const isRelativeHref = isSitePath;

// A plausible single address; the real check is the SMTP server's. No CR/LF: nothing can be
// smuggled into the headers.
const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/**
 * Puts one message in the durable outbox, in the given transaction. The mailer sends it once the
 * transaction committed; a rolled-back write leaves no mail behind.
 */
export async function enqueueMail(tx: Db, input: MailInput): Promise<number> {
  const to = input.to.trim();
  if (!EMAIL.test(to)) throw new Error(`enqueueMail: not an e-mail address: ${JSON.stringify(input.to)}`);
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      orgId: input.orgId,
      toAddress: to,
      // A subject is one line: a line break in a title must not become a header break.
      subject: input.subject.replace(/\s+/g, ' ').trim(),
      textBody: input.text,
      htmlBody: input.html ?? null,
      ...(input.now ? { nextAttemptAt: input.now, createdAt: input.now } : {}),
    })
    .returning({ id: mailOutbox.id });
  if (!row) throw new Error('mail not queued');
  return row.id;
}

/**
 * Notifies staff members of the caller's organization: an inbox row each, and an e-mail each
 * when `email` is set and their staff record has an address. Runs in ctx.tx when the caller is
 * inside a command (the usual case), so it commits or rolls back with the caller's write.
 *
 * A user id that is not an account of this organization is a programming error and throws: a
 * notification must never reach, or be attributed to, another organization.
 */
export async function notify(ctx: ServiceContext, input: NotifyInput): Promise<NotifyResult> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return { notificationIds: [], mailIds: [] };
  if (!userIds.every((id) => Number.isInteger(id) && id > 0)) throw new Error('notify: user ids must be positive integers');
  if (!KIND.test(input.kind)) throw new Error(`notify: kind must look like "module.event", got ${JSON.stringify(input.kind)}`);
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) throw new Error(`notify: a title of 1–${MAX_TITLE} characters is required`);
  if (input.body && input.body.length > MAX_BODY) throw new Error(`notify: the body is longer than ${MAX_BODY} characters`);
  if (input.href !== undefined && !isRelativeHref(input.href))
    throw new Error(`notify: href must be a path on this site, got ${JSON.stringify(input.href)}`);

  const db = ctx.tx ?? ctx.app.db;
  const now = ctx.app.now();
  // The recipients, with their staff record's address when there is one (an account may have
  // no staff record, e.g. a technical account). Disabled accounts still get the inbox row (it
  // is there if the account is enabled again) but no e-mail.
  const recipients = await db
    .select({ id: users.id, disabledAt: users.disabledAt, email: staffContacts.email, active: staffContacts.active })
    .from(users)
    .leftJoin(staffContacts, and(eq(staffContacts.orgId, users.orgId), eq(staffContacts.userId, users.id)))
    .where(and(eq(users.orgId, ctx.orgId), inArray(users.id, userIds)));
  const found = new Set(recipients.map((r) => r.id));
  const missing = userIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`notify: no account ${missing.join(', ')} in organization ${ctx.orgId}`);

  const inserted = await db
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        orgId: ctx.orgId,
        userId,
        kind: input.kind,
        title,
        body: input.body?.trim() || null,
        href: input.href ?? null,
        createdAt: now,
      })),
    )
    .returning({ id: notifications.id });

  const mailIds: number[] = [];
  if (input.email) {
    const text = mailText(ctx, title, input.body, input.href);
    for (const r of recipients) {
      const address = r.email?.trim();
      if (!address || r.disabledAt || r.active === false || !EMAIL.test(address)) continue;
      mailIds.push(await enqueueMail(db, { orgId: ctx.orgId, to: address, subject: title, text, now }));
    }
  }
  return { notificationIds: inserted.map((r) => r.id), mailIds };
}

/**
 * The e-mail's text: the body (or the title when there is none), then the full address of the
 * link when the installation knows its public address (PUBLIC_URL); without it a path alone
 * would be useless in a mail client.
 */
function mailText(ctx: ServiceContext, title: string, body: string | undefined, href: string | undefined): string {
  const parts = [body?.trim() || title];
  const base = ctx.app.config.publicUrl;
  if (href && base) parts.push(`${base}${href}`);
  return parts.join('\n\n');
}
