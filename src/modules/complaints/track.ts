import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { holdUntil } from '../../core/http/anti-spam.js';
import { type FieldError, notFound, tooMany, ValidationError } from '../../core/http/errors.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { notify } from '../../core/notify/notify.js';
import { bangkokIsoDay, bangkokMidnight, parseIsoDay } from '../../core/thai/bangkok.js';
import { checkAttachments, officerUserIds, storeAttachments } from './intake.js';
import { complaintsPolicy } from './policy.js';
import { normalizeReceiptCode, receiptHash } from './receipt.js';
import { MESSAGE_MAX } from './rules.js';
import { type ComplaintCategory, type ComplaintStatus, complaintAttachments, complaintEntries, complaints } from './schema.js';
import type { IncomingFile } from './types.js';

/**
 * The reporter's side: follow a complaint with its receipt code. A wrong code gives nothing
 * away — unknown, malformed and another organization's codes take the same path (the hash is
 * computed and the database asked every time) and the answer is held to a fixed floor, so the
 * known path's extra reads do not show in the timing. The reporter sees the status, the reasons
 * the officers gave and the messages; never internal notes, assignments, officers' names or
 * anything of another case.
 */

/** Lookups per address (in memory; the address is never stored). */
export const LOOKUP_LIMIT = 10;
export const LOOKUP_WINDOW_MS = 10 * 60 * 1000;
export const lookupLimiter = new RateLimiter(LOOKUP_LIMIT, LOOKUP_WINDOW_MS);
/** Every lookup answers no sooner than this after it started. */
export const LOOKUP_FLOOR_MS = 400;

/** Follow-up messages from reporters per address. */
export const MESSAGE_LIMIT = 10;
export const messageLimiter = new RateLimiter(MESSAGE_LIMIT, 60 * 60 * 1000);

export interface ReporterEntry {
  kind: 'status' | 'message';
  status: ComplaintStatus | null;
  text: string | null;
  fromReporter: boolean;
  /** Bangkok day 'YYYY-MM-DD' (the reporter's own entries keep nothing finer). */
  on: string;
}

/** What the reporter sees of their complaint. */
export interface ReporterView {
  category: ComplaintCategory;
  subject: string;
  status: ComplaintStatus;
  receivedOn: string;
  ackDueOn: string;
  acknowledged: boolean;
  history: ReporterEntry[];
  /** How many files the reporter has sent (the files themselves are for the officers). */
  attachments: number;
}

/** The hash to look up for what was typed: malformed input is hashed too, so every lookup costs the same. */
function hashOf(ctx: ServiceContext, raw: string): { hash: string; wellFormed: boolean } {
  const code = normalizeReceiptCode(raw);
  return { hash: receiptHash(ctx.app, code ?? `malformed:${raw.slice(0, 64)}`), wellFormed: code !== null };
}

async function findId(ctx: ServiceContext, raw: string): Promise<number | null> {
  const { hash, wellFormed } = hashOf(ctx, raw);
  const [row] = await dbOf(ctx)
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.receiptHash, hash)));
  return wellFormed && row ? row.id : null;
}

async function viewOf(ctx: ServiceContext, id: number): Promise<ReporterView> {
  const db = dbOf(ctx);
  const [c] = await db
    .select()
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.id, id)));
  if (!c) throw notFound();
  const entries = await db
    .select({
      kind: complaintEntries.kind,
      status: complaintEntries.status,
      text: complaintEntries.text,
      fromReporter: complaintEntries.fromReporter,
      createdAt: complaintEntries.createdAt,
    })
    .from(complaintEntries)
    .where(
      and(
        eq(complaintEntries.orgId, ctx.orgId),
        eq(complaintEntries.complaintId, id),
        // Never notes (internal) nor assignments (they name an officer).
        inArray(complaintEntries.kind, ['status', 'message']),
      ),
    )
    .orderBy(asc(complaintEntries.createdAt), asc(complaintEntries.id));
  const [files] = await db
    .select({ n: count() })
    .from(complaintAttachments)
    .where(
      and(eq(complaintAttachments.orgId, ctx.orgId), eq(complaintAttachments.complaintId, id), eq(complaintAttachments.fromReporter, true)),
    );
  return {
    category: c.category,
    subject: c.subject,
    status: c.status,
    receivedOn: c.receivedOn,
    ackDueOn: bangkokIsoDay(new Date(c.ackDueAt.getTime() - 1)),
    acknowledged: c.acknowledgedAt !== null || c.status !== 'received',
    history: entries.map((e) => ({
      kind: e.kind as 'status' | 'message',
      status: e.status,
      text: e.text,
      fromReporter: e.fromReporter,
      on: bangkokIsoDay(e.createdAt),
    })),
    attachments: files?.n ?? 0,
  };
}

/**
 * The complaint a receipt code names, as the reporter sees it, or null — the same null, in the
 * same time, for a malformed, unknown or another organization's code. Rate-limited per address.
 */
export async function trackComplaint(
  ctx: ServiceContext,
  raw: string,
  opts: { startedAt?: number; floorMs?: number } = {},
): Promise<ReporterView | null> {
  const startedAt = opts.startedAt ?? performance.now();
  const floor = opts.floorMs ?? LOOKUP_FLOOR_MS;
  try {
    if (ctx.ip) {
      const wait = lookupLimiter.hit(`${ctx.orgId}|${ctx.ip}`, ctx.app.now().getTime());
      if (wait > 0) throw tooMany('complaints.track.tooMany', { minutes: Math.ceil(wait / 60) });
    }
    const id = await findId(ctx, raw);
    return id === null ? null : await viewOf(ctx, id);
  } finally {
    await holdUntil(startedAt, floor);
  }
}

function field(name: string, message: string, params?: Record<string, number | string>): FieldError {
  return { field: name, label: `complaints.form.fields.${name}`, message, ...(params ? { params } : {}) };
}

/**
 * The reporter adds information (and files) to their complaint. An unknown code is a 404 with the
 * same floor as a lookup. Anonymous: the audit entry keeps no user, no address, no content; the
 * entry keeps the day only. The officer (or all officers when unassigned) is told "more
 * information arrived", nothing of it.
 */
export async function addReporterMessage(
  ctx: ServiceContext,
  raw: string,
  input: { message: string },
  incoming: IncomingFile[] = [],
  opts: { startedAt?: number; floorMs?: number } = {},
): Promise<ReporterView> {
  const startedAt = opts.startedAt ?? performance.now();
  try {
    const message = (input.message ?? '').replace(/\r\n?/g, '\n').trim();
    const errors: FieldError[] = [];
    if (!message && incoming.length === 0) errors.push(field('message', 'core.validation.required'));
    if (message.length > MESSAGE_MAX) errors.push(field('message', 'core.validation.tooLong', { max: MESSAGE_MAX }));
    if (errors.length) throw new ValidationError(errors);
    if (ctx.ip) {
      const wait = messageLimiter.hit(`${ctx.orgId}|${ctx.ip}`, ctx.app.now().getTime());
      if (wait > 0) throw tooMany('complaints.track.tooManyMessages', { minutes: Math.ceil(wait / 60) });
    }
    const id = await findId(ctx, raw);
    if (id === null) throw notFound();
    const [stored] = await dbOf(ctx)
      .select({ n: count() })
      .from(complaintAttachments)
      .where(and(eq(complaintAttachments.orgId, ctx.orgId), eq(complaintAttachments.complaintId, id)));
    const checked = await checkAttachments(incoming, stored?.n ?? 0);
    const day = parseIsoDay(bangkokIsoDay(ctx.app.now()));
    if (!day) throw new Error('no day');
    const at = bangkokMidnight(day);
    await runCommand(
      ctx,
      { action: 'complaints.reporterMessage', allowed: complaintsPolicy.submit(ctx.actor), anonymous: true },
      async (tx, _tools, txCtx) => {
        const anon: ServiceContext = { ...txCtx, actor: null };
        const [c] = await tx
          .select({ assignedUserId: complaints.assignedUserId, concernsUserIds: complaints.concernsUserIds })
          .from(complaints)
          .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.id, id)));
        await tx.insert(complaintEntries).values({
          orgId: ctx.orgId,
          complaintId: id,
          kind: 'message',
          fromReporter: true,
          text: message || null,
          createdAt: at,
        });
        await storeAttachments(tx, anon, id, checked, { fromReporter: true, at });
        // Never the people the complaint is about: a notice would tell them a case exists.
        const concerned = new Set(c?.concernsUserIds ?? []);
        const officers = (await officerUserIds(tx, ctx.orgId)).filter((u) => !concerned.has(u));
        const to = c?.assignedUserId && officers.includes(c.assignedUserId) ? [c.assignedUserId] : officers;
        if (to.length)
          await notify(anon, {
            userIds: to,
            kind: 'complaints.reporterMessage',
            title: 'ผู้ร้องเรียนส่งข้อมูลเพิ่มเติม',
            href: `/staff/complaints/${id}`,
            email: true,
          });
        return {
          result: null,
          entity: 'complaint',
          entityId: id,
          summary: 'ผู้ร้องเรียนส่งข้อมูลเพิ่มเติม',
          data: { attachments: checked.length },
        };
      },
    );
    return await viewOf(ctx, id);
  } finally {
    await holdUntil(startedAt, opts.floorMs ?? LOOKUP_FLOOR_MS);
  }
}

/** What the receipt shows of a complaint just filed (never its content). */
export async function receiptFacts(
  ctx: ServiceContext,
  id: number,
): Promise<{ receivedOn: string; ackDueOn: string; category: ComplaintCategory }> {
  const [row] = await dbOf(ctx)
    .select({ receivedOn: complaints.receivedOn, ackDueAt: complaints.ackDueAt, category: complaints.category })
    .from(complaints)
    .where(and(eq(complaints.orgId, ctx.orgId), eq(complaints.id, id)));
  if (!row) throw notFound();
  return { receivedOn: row.receivedOn, ackDueOn: bangkokIsoDay(new Date(row.ackDueAt.getTime() - 1)), category: row.category };
}
