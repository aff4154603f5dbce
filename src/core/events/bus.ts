import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Database } from '../db/client.js';

/**
 * The event bus port. Realtime screens (display boards) and caches of rendered pages listen
 * here. In one process (PGlite) it is an in-process emitter; on PostgreSQL it is LISTEN/NOTIFY,
 * so every app server behind a load balancer sees every event.
 */
export interface BusEvent {
  topic: string;
  orgId: number;
  data?: unknown;
}

export type BusHandler = (event: BusEvent) => void;

export interface EventBus {
  publish(event: BusEvent): Promise<void>;
  /** Subscribes to a topic ('*' for all); returns the unsubscribe function. */
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'prongsai_events';

class LocalBus implements EventBus {
  protected emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: BusEvent) {
    this.deliver(event);
  }

  protected deliver(event: BusEvent) {
    this.emitter.emit(event.topic, event);
    this.emitter.emit('*', event);
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
  // This server delivers its own events at once (its caches must not lag behind its own
  // writes) and skips their echo from NOTIFY.
  private readonly origin = randomUUID();

  constructor(private pool: pg.Pool) {
    super();
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
        try {
          const { origin, event } = JSON.parse(msg.payload) as { origin: string; event: BusEvent };
          if (origin !== this.origin) this.deliver(event);
        } catch {
          /* not ours */
        }
      });
      client.on('error', () => this.reconnect(client));
      client.on('end', () => this.reconnect(client));
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
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

  override async publish(event: BusEvent) {
    // NOTIFY payloads are limited to 8000 bytes: events carry ids, not documents.
    this.deliver(event);
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ origin: this.origin, event })]);
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

export async function createEventBus(database: Database): Promise<EventBus> {
  if (database.pool) {
    const bus = new PostgresBus(database.pool);
    await bus.start();
    return bus;
  }
  return new LocalBus();
}
