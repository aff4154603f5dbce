import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database, Db } from '../db/client.js';

/**
 * The event bus port. Realtime screens (display boards) and caches of rendered pages listen
 * here. In one process (PGlite) it is an in-process emitter; on PostgreSQL it is LISTEN/NOTIFY,
 * so every app server behind a load balancer sees every event.
 *
 * A command's events are NOTIFYed inside its transaction (PostgreSQL delivers them to the other
 * servers exactly when it commits, and never for a rolled-back write) and delivered to this
 * server's own subscribers right after the commit. When the LISTEN connection is lost and comes
 * back, the events in between are gone: subscribers then get one `bus.resync` event and drop
 * whatever they derived from events (caches), rather than stay stale.
 */
export interface BusEvent {
  topic: string;
  orgId: number;
  data?: unknown;
}

export type BusHandler = (event: BusEvent) => void;

export const RESYNC_TOPIC = 'bus.resync';

export interface EventBus {
  /** Publishes now, outside any transaction. */
  publish(event: BusEvent): Promise<void>;
  /** Inside a write's transaction: other servers hear of it when (and only if) it commits. */
  publishInTransaction(tx: Db, event: BusEvent): Promise<void>;
  /** After that transaction committed: this server's own subscribers. */
  deliverLocal(event: BusEvent): void;
  /** Subscribes to a topic ('*' for all); returns the unsubscribe function. */
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'prongsai_events';

class LocalBus implements EventBus {
  protected emitter = new EventEmitter().setMaxListeners(0);

  constructor(protected readonly onHandlerError: (e: unknown, event: BusEvent) => void) {}

  async publish(event: BusEvent) {
    this.deliverLocal(event);
  }

  async publishInTransaction(_tx: Db, _event: BusEvent) {
    // One process: nothing to tell anyone before the commit.
  }

  deliverLocal(event: BusEvent) {
    for (const topic of [event.topic, '*']) {
      for (const handler of this.emitter.listeners(topic) as BusHandler[]) {
        // One failing subscriber must not keep the event from the others.
        try {
          handler(event);
        } catch (e) {
          this.onHandlerError(e, event);
        }
      }
    }
  }

  subscribe(topic: string, handler: BusHandler) {
    this.emitter.on(topic, handler);
    return () => {
      this.emitter.off(topic, handler);
    };
  }

  async close() {
    this.emitter.removeAllListeners();
  }
}

class PostgresBus extends LocalBus {
  private listener: pg.PoolClient | null = null;
  private closed = false;
  private everConnected = false;
  // This server delivers its own events at once (its caches must not lag behind its own
  // writes) and skips their echo from NOTIFY.
  private readonly origin = randomUUID();

  constructor(
    private pool: pg.Pool,
    onHandlerError: (e: unknown, event: BusEvent) => void,
  ) {
    super(onHandlerError);
  }

  async start() {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await this.pool.connect();
      client.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        let parsed: { origin: string; event: BusEvent };
        try {
          parsed = JSON.parse(msg.payload) as { origin: string; event: BusEvent };
        } catch {
          return; // not ours
        }
        if (parsed.origin !== this.origin) this.deliverLocal(parsed.event);
      });
      client.on('error', () => this.reconnect(client));
      client.on('end', () => this.reconnect(client));
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
      if (this.everConnected) this.deliverLocal({ topic: RESYNC_TOPIC, orgId: 0 });
      this.everConnected = true;
    } catch {
      setTimeout(() => void this.connect(), 1000).unref();
    }
  }

  private reconnect(client: pg.PoolClient) {
    if (this.listener !== client) return;
    this.listener = null;
    try {
      client.release(true);
    } catch {
      /* already released */
    }
    setTimeout(() => void this.connect(), 500).unref();
  }

  private payload(event: BusEvent) {
    // NOTIFY payloads are limited to 8000 bytes: events carry ids, not documents.
    return JSON.stringify({ origin: this.origin, event });
  }

  override async publish(event: BusEvent) {
    this.deliverLocal(event);
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, this.payload(event)]);
  }

  override async publishInTransaction(tx: Db, event: BusEvent) {
    await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${this.payload(event)})`);
  }

  override async close() {
    this.closed = true;
    const l = this.listener;
    this.listener = null;
    if (l) {
      await l.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
      l.release();
    }
    await super.close();
  }
}

export async function createEventBus(
  database: Database,
  onHandlerError: (e: unknown, event: BusEvent) => void = () => {},
): Promise<EventBus> {
  if (database.pool) {
    const bus = new PostgresBus(database.pool, onHandlerError);
    await bus.start();
    return bus;
  }
  return new LocalBus(onHandlerError);
}
