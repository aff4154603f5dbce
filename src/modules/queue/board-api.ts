import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppServices, ServiceContext } from '../../core/context.js';
import { type BusEvent, RESYNC_TOPIC } from '../../core/events/bus.js';
import { type SseStream, sseResponse, subscribeOrgEvents } from '../../core/events/sse.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { type BoardCall, type BoardSnapshot, boardSnapshot, callFromSnapshot } from './board.js';

/** Other queue events wait this long at most, so a burst (kiosk rush) costs one snapshot, not one per ticket. */
export const SNAPSHOT_COALESCE_MS = 250;
/** A snapshot at least this often even when nothing happens: the boards' clocks and their dead-connection watchdog. */
export const HEARTBEAT_MS = 60_000;
const isCall = (topic: string) => topic === 'queue.called' || topic === 'queue.recalled';

interface CallData {
  ticketId: number;
  label: string;
  counterNumber?: number | null;
}

/**
 * The boards of one organization connected to this app server. They share one bus
 * subscription and one snapshot per change: 100 boards in one office cost one set of queries
 * per call, not 100. Work runs one batch at a time, so every board gets `call` before the
 * `snapshot` that follows it, and a new board gets its first snapshot before any later one.
 */
class OrgBoards {
  readonly streams = new Set<SseStream>();
  private fresh = new Set<SseStream>();
  private calls: { data: CallData; recall: boolean }[] = [];
  private wanted = false;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastAt = 0;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly onEmpty: () => void,
  ) {
    this.unsubscribe = subscribeOrgEvents(
      ctx.app.events,
      ctx.orgId,
      (topic) => topic.startsWith('queue.'),
      (e) => this.onEvent(e),
    );
    this.heartbeat = setInterval(() => {
      this.wanted = true;
      this.kick(false);
    }, HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  add(stream: SseStream) {
    this.streams.add(stream);
    this.fresh.add(stream);
    this.kick(true);
  }

  remove(stream: SseStream) {
    this.streams.delete(stream);
    this.fresh.delete(stream);
    if (this.streams.size === 0) {
      this.unsubscribe();
      clearInterval(this.heartbeat);
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.onEmpty();
    }
  }

  private onEvent(e: BusEvent) {
    if (e.topic === RESYNC_TOPIC) {
      // Events may have been missed while the LISTEN connection was down: everyone gets a fresh snapshot.
      this.wanted = true;
      this.kick(true);
      return;
    }
    const data = e.data as Partial<CallData> | undefined;
    if (isCall(e.topic) && typeof data?.ticketId === 'number' && typeof data.label === 'string') {
      this.calls.push({ data: data as CallData, recall: e.topic === 'queue.recalled' });
      this.wanted = true;
      this.kick(true);
      return;
    }
    this.wanted = true;
    this.kick(false);
  }

  /** Starts a batch now (calls, new boards) or within the coalescing window (other changes). */
  private kick(urgent: boolean) {
    if (this.running || this.streams.size === 0) return;
    const due = urgent || this.calls.length > 0 || this.fresh.size > 0 ? 0 : Math.max(0, this.lastAt + SNAPSHOT_COALESCE_MS - Date.now());
    if (this.timer) {
      if (due > 0) return; // already scheduled
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.wanted && this.fresh.size === 0 && this.calls.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, due);
    this.timer.unref?.();
  }

  private async run() {
    this.running = true;
    const calls = this.calls.splice(0);
    const fresh = [...this.fresh];
    this.fresh.clear();
    const everyone = this.wanted;
    this.wanted = false;
    let snapshot: BoardSnapshot | null = null;
    try {
      snapshot = await boardSnapshot(this.ctx);
    } catch (err) {
      this.ctx.app.log.error({ err, orgId: this.ctx.orgId }, 'board snapshot failed');
    }
    if (snapshot) {
      for (const c of calls) {
        const call: BoardCall = callFromSnapshot(snapshot, c.data, c.recall);
        for (const s of this.streams) s.send('call', call);
      }
      const to = everyone ? [...this.streams] : fresh.filter((s) => this.streams.has(s));
      for (const s of to) s.send('snapshot', snapshot);
      this.lastAt = Date.now();
    } else {
      // The database did not answer: try again shortly, keeping what was asked for.
      this.calls.unshift(...calls);
      for (const s of fresh) if (this.streams.has(s)) this.fresh.add(s);
      this.wanted = this.wanted || everyone;
    }
    this.running = false;
    if (snapshot) this.kick(false);
    else if (this.streams.size > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.run();
      }, 1000);
      this.timer.unref?.();
    }
  }
}

// Per application (tests run several in one process), per organization.
const boards = new WeakMap<AppServices, Map<number, OrgBoards>>();

/** Opens a board stream for the organization of this context; ends it with the stream. */
function attach(ctx: ServiceContext, stream: SseStream): () => void {
  let orgs = boards.get(ctx.app);
  if (!orgs) {
    orgs = new Map();
    boards.set(ctx.app, orgs);
  }
  let group = orgs.get(ctx.orgId);
  if (!group) {
    const created = new OrgBoards({ app: ctx.app, orgId: ctx.orgId, actor: null }, () => {
      if (orgs?.get(ctx.orgId) === created) orgs.delete(ctx.orgId);
    });
    group = created;
    orgs.set(ctx.orgId, group);
  }
  const g = group;
  g.add(stream);
  return () => g.remove(stream);
}

/** How many board streams are open on this server for an organization (tests, monitoring). */
export function openBoardStreams(app: AppServices, orgId: number): number {
  return boards.get(app)?.get(orgId)?.streams.size ?? 0;
}

const BoardCallSchema = z
  .object({
    ticketId: z.number().int(),
    label: z.string().openapi({ example: 'A012' }),
    counterNumber: z.number().int().openapi({ example: 2 }),
    counterName: z.string().openapi({ example: 'การคลัง' }),
    serviceName: z.string().openapi({ example: 'ภาษีที่ดินและสิ่งปลูกสร้าง' }),
    calledAt: z.string().openapi({ format: 'date-time' }),
    recall: z.boolean().openapi({ description: 'A call again of a ticket already called' }),
  })
  .openapi('QueueBoardCall');

const BoardSnapshotSchema = z
  .object({
    orgName: z.string(),
    now: z.string().openapi({ format: 'date-time' }),
    counters: z.array(z.object({ number: z.number().int(), name: z.string(), paused: z.boolean(), current: BoardCallSchema.nullable() })),
    recent: z.array(BoardCallSchema).openapi({ description: 'The last calls of today, newest first' }),
    waiting: z.array(z.object({ serviceId: z.number().int(), prefix: z.string(), name: z.string(), waiting: z.number().int() })),
  })
  .openapi('QueueBoardSnapshot');

const eventsRoute = createRoute({
  method: 'get',
  path: '/queue/events',
  operationId: 'queue.events',
  tags: ['queue'],
  summary: 'The display board’s live stream (Server-Sent Events, public, no personal data)',
  description: [
    'A `text/event-stream` that stays open. Events:',
    '- `snapshot` on connect and after every change: data is a QueueBoardSnapshot (JSON). Changes other than calls are coalesced (at most one snapshot per 250 ms per organization).',
    '- `call` when a ticket is called or called again (recall), followed by a `snapshot`: data is a QueueBoardCall (JSON).',
    '- a `: ping` comment every 15 seconds, and a `snapshot` at least every minute (a board hearing nothing for longer may reconnect).',
    'The stream sets `retry: 3000`; an EventSource reconnects by itself and gets a fresh snapshot.',
  ].join('\n'),
  security: [],
  responses: {
    200: {
      description: 'The event stream',
      content: {
        'text/event-stream': {
          schema: z.string().openapi({
            example:
              'event: call\ndata: {"ticketId":41,"label":"A012","counterNumber":2,…}\n\nevent: snapshot\ndata: {"orgName":"…",…}\n\n',
          }),
        },
      },
    },
  },
});

export function boardApi(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.register('QueueBoardCall', BoardCallSchema);
  app.openAPIRegistry.register('QueueBoardSnapshot', BoardSnapshotSchema);
  app.openapi(eventsRoute, (c) => {
    const ctx = serviceContext(c);
    return sseResponse(c, { start: (stream) => attach(ctx, stream) });
  });
}
