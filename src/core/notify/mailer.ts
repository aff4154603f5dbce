import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import nodemailer, { type Mail } from 'nodemailer';
import type { AppServices } from '../context.js';
import type { Db } from '../db/client.js';
import type { Worker } from '../module.js';
import { mailOutbox } from './schema.js';

/**
 * The mailer: sends the durable outbox (mail_outbox) through SMTP.
 *
 * Delivery is at-least-once. A row is claimed in a short transaction (SELECT … FOR UPDATE SKIP
 * LOCKED, so several app servers on one PostgreSQL never claim the same row), which also moves
 * its next_attempt_at a lease ahead; the message is then sent outside any transaction and the
 * row marked afterwards. Sending inside the claiming transaction would hold row locks — and on
 * PGlite, which runs one transaction at a time, every request of the app — for as long as a slow
 * mail server takes. If the process dies between sending and marking, the lease runs out, the
 * row is due again and the message goes out a second time: a duplicate, never a loss. Every
 * message carries a Message-ID derived from its row, so mail clients can fold such duplicates.
 */

export type MailRow = typeof mailOutbox.$inferSelect;

/** After this many failed attempts a message is marked failed; an administrator can retry it. */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min … never more than an hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_RETRY_MS);
}

export interface MailerOptions {
  /** smtp://user:pass@host:587 or smtps://…; default config.smtpUrl. Without it mail stays queued. */
  smtpUrl?: string;
  /** The From header; default config.mailFrom. */
  from?: string;
  /** How often the outbox is looked at. */
  pollMs?: number;
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** How long a claim holds a row; at least a whole batch at its slowest (batchSize × sendTimeoutMs). */
  leaseMs?: number;
  /** Longest one message may take to send before it counts as a failed attempt. */
  sendTimeoutMs?: number;
}

export interface MailPass {
  sent: number;
  /** Failed this time, to be retried later. */
  retrying: number;
  /** Failed for the last time: marked failed. */
  gaveUp: number;
}

/**
 * Claims up to `limit` due messages for one sender: locks them (skipping rows another sender has
 * locked), counts the attempt and pushes next_attempt_at a lease ahead, then commits at once.
 * Exported for tests and tools; the Mailer is the normal caller.
 */
export async function claimDueMail(db: Db, opts: { now: Date; limit: number; leaseMs: number }): Promise<MailRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ orgId: mailOutbox.orgId, id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, opts.now)))
      .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
      .limit(opts.limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: new Date(opts.now.getTime() + opts.leaseMs),
      })
      .where(and(eq(mailOutbox.status, 'pending'), or(...due.map((r) => and(eq(mailOutbox.orgId, r.orgId), eq(mailOutbox.id, r.id))))))
      .returning();
  });
}

/** The mailers running in this process, per application, so a command can wake them after commit. */
const running = new WeakMap<AppServices, Set<Mailer>>();

/**
 * Asks this process's mailers to look at the outbox now instead of at their next poll (after
 * "retry failed now", say). Harmless when none runs: the rows wait for the next poll anywhere.
 */
export function wakeMailers(app: AppServices): void {
  for (const m of running.get(app) ?? []) void m.kick().catch(() => {});
}

export class Mailer {
  private readonly smtpUrl: string | undefined;
  private readonly from: string;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private transport: Mail | null = null;
  /** Passes run one after another: a kick during a pass runs after it. */
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopped = false;
  private warnedUnconfigured = false;

  constructor(
    private readonly app: AppServices,
    opts: MailerOptions = {},
  ) {
    this.smtpUrl = opts.smtpUrl ?? app.config.smtpUrl;
    this.from = opts.from ?? app.config.mailFrom;
    this.pollMs = opts.pollMs ?? 5_000;
    this.batchSize = opts.batchSize ?? 5;
    this.sendTimeoutMs = opts.sendTimeoutMs ?? 30_000;
    // A batch is sent one message after another: the claim must outlast the whole batch at its
    // slowest, or another server could claim the batch's last rows while they still wait here.
    this.leaseMs = Math.max(opts.leaseMs ?? 5 * 60_000, this.batchSize * this.sendTimeoutMs + 60_000);
  }

  /** Starts polling. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const set = running.get(this.app) ?? new Set<Mailer>();
    running.set(this.app, set);
    set.add(this);
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.kick()
        .catch(() => {})
        .finally(() => this.schedule(this.pollMs));
    }, ms);
    // Waiting for the next poll must not keep the process alive.
    this.timer.unref();
  }

  /**
   * Runs one pass now (after the pass in progress, if any) and resolves when it is done: every
   * message due at the start has been tried. Tests call it instead of waiting for the poll.
   */
  kick(): Promise<MailPass> {
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.catch(() => {});
    return pass;
  }

  /** Stops polling and waits for the pass in progress, so the database can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    running.get(this.app)?.delete(this);
    await this.chain;
    this.transport?.close();
    this.transport = null;
  }

  private getTransport(): Mail {
    if (!this.transport) {
      this.transport = nodemailer.createTransport({
        url: this.smtpUrl,
        // One kept-open connection for the messages of a pass instead of a new connection, EHLO
        // and QUIT per message (measured on localhost: about 20 ms a message instead of 120).
        // The pool opens a new connection by itself after the server closed or lost one.
        pool: true,
        maxConnections: 1,
        // nodemailer waits minutes by default; a mail server that does not answer is a failed
        // attempt to retry later, not a pass that hangs.
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      });
    }
    return this.transport;
  }

  private async pass(): Promise<MailPass> {
    const result: MailPass = { sent: 0, retrying: 0, gaveUp: 0 };
    if (!this.smtpUrl) {
      if (!this.warnedUnconfigured) {
        this.warnedUnconfigured = true;
        this.app.log.warn('SMTP_URL is not set: e-mail stays queued in the outbox until it is');
      }
      return result;
    }
    try {
      // A claimed row is not due again until its lease ends, so this loop ends once the due
      // rows are all tried; rows failing now are due only after their backoff.
      while (!this.stopped) {
        const rows = await claimDueMail(this.app.db, { now: this.app.now(), limit: this.batchSize, leaseMs: this.leaseMs });
        if (rows.length === 0) break;
        for (const row of rows) {
          const outcome = await this.deliver(row);
          result[outcome]++;
        }
      }
    } catch (err) {
      // The database is away (restart, failover): claimed rows come back after their lease.
      this.app.log.error({ err }, 'mailer pass failed');
    }
    return result;
  }

  private async deliver(row: MailRow): Promise<keyof MailPass> {
    try {
      await this.getTransport().sendMail({
        from: this.from,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody ?? undefined,
        messageId: messageIdFor(row, this.from),
        signal: AbortSignal.timeout(this.sendTimeoutMs),
      });
    } catch (err) {
      const gaveUp = row.attempts >= MAX_ATTEMPTS;
      const now = this.app.now();
      await this.app.db
        .update(mailOutbox)
        .set({
          status: gaveUp ? 'failed' : 'pending',
          lastError: describeError(err),
          nextAttemptAt: gaveUp ? now : new Date(now.getTime() + retryDelayMs(row.attempts)),
        })
        // Only while the claim is still ours: a sender whose lease ran out must not overwrite
        // the newer claim of another (attempts was counted up by that claim).
        .where(
          and(
            eq(mailOutbox.orgId, row.orgId),
            eq(mailOutbox.id, row.id),
            eq(mailOutbox.status, 'pending'),
            eq(mailOutbox.attempts, row.attempts),
          ),
        );
      this.app.log.warn({ mailId: row.id, orgId: row.orgId, attempts: row.attempts, gaveUp, err: describeError(err) }, 'e-mail not sent');
      return gaveUp ? 'gaveUp' : 'retrying';
    }
    await this.app.db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: this.app.now() })
      .where(and(eq(mailOutbox.orgId, row.orgId), eq(mailOutbox.id, row.id)));
    return 'sent';
  }
}

/** A stable Message-ID per outbox row: a resent duplicate has the same id as the first copy. */
function messageIdFor(row: MailRow, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'prongsai.invalid';
  return `<outbox-${row.orgId}-${row.id}@${domain}>`;
}

/** What went wrong, short enough for the admin page: the SMTP reply or the socket error. */
function describeError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const parts = [e.code, e.responseCode ? String(e.responseCode) : undefined, e.response ?? e.message ?? String(err)];
  return parts.filter(Boolean).join(' ').slice(0, 1000);
}

/** The module worker: one mailer per app server, polling every few seconds; returns its stop. */
export const mailerWorker: Worker = (app) => {
  const mailer = new Mailer(app);
  mailer.start();
  return () => mailer.stop();
};
