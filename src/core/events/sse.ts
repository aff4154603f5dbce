import type { Context } from 'hono';
import { type BusEvent, type EventBus, RESYNC_TOPIC } from './bus.js';

/**
 * Server-Sent Events over the event bus, for screens that follow what happens (display boards,
 * status pages). One response per open screen; the screen's EventSource reconnects by itself.
 *
 * The stream is a plain ReadableStream, so it works the same under @hono/node-server (a closed
 * socket cancels the reader) and under app.request() in tests (the reader's cancel). Whatever
 * ends it — the client going away, a slow client falling too far behind, close() — runs the
 * cleanup once, so subscriptions never outlive their screen.
 */
export interface SseStream {
  /** Sends one event with JSON data; false when the stream is closed. */
  send(event: string, data: unknown): boolean;
  /** Sends a comment line (`: text`): keeps proxies and idle timers from closing the connection. */
  comment(text: string): boolean;
  close(): void;
  readonly closed: boolean;
}

export interface SseOptions {
  /** Sets up the stream; returns what to undo when it ends (unsubscribe). */
  start: (stream: SseStream) => (() => void) | undefined;
  /** A `: ping` comment this often (default 15 s). */
  pingMs?: number;
  /** The reconnection delay the browser is told (`retry:`, default 3 s). */
  retryMs?: number;
  /** A client this far behind (bytes not yet taken by the socket) is dropped; it reconnects and gets a fresh start. */
  maxBufferedBytes?: number;
}

const encoder = new TextEncoder();

// Every open stream of this process: a stopping server ends them (an HTTP server's close()
// waits for open responses, and these never end by themselves).
const open = new Set<() => void>();

/** Ends every open stream; their browsers reconnect (to another server, or to this one once it is back). */
export function closeAllSseStreams() {
  for (const end of [...open]) end();
}

/** One SSE message: `data:` lines may not hold a newline, so each line of the text gets its own. */
export function formatSse(event: string, data: string): string {
  return `event: ${event}\n${data
    .split(/\r\n|\r|\n/)
    .map((l) => `data: ${l}`)
    .join('\n')}\n\n`;
}

export function sseResponse(c: Context, opts: SseOptions): Response {
  const pingMs = opts.pingMs ?? 15_000;
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let cleanup: (() => void) | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const end = () => {
    if (closed) return;
    closed = true;
    open.delete(end);
    if (ping) clearInterval(ping);
    c.req.raw.signal?.removeEventListener('abort', end);
    try {
      cleanup?.();
    } catch {
      /* the subscriber's own problem; the stream is gone either way */
    }
    try {
      controller?.close();
    } catch {
      /* already closed or cancelled */
    }
  };

  const write = (text: string): boolean => {
    if (closed || !controller) return false;
    if ((controller.desiredSize ?? 0) < -maxBuffered) {
      end();
      return false;
    }
    try {
      controller.enqueue(encoder.encode(text));
      return true;
    } catch {
      end();
      return false;
    }
  };

  const stream: SseStream = {
    send: (event, data) => write(formatSse(event, JSON.stringify(data))),
    comment: (text) => write(`: ${text.replace(/[\r\n]+/g, ' ')}\n\n`),
    close: end,
    get closed() {
      return closed;
    },
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(ctrl) {
        controller = ctrl;
        open.add(end);
        write(`retry: ${opts.retryMs ?? 3000}\n\n`);
        ping = setInterval(() => stream.comment('ping'), pingMs);
        ping.unref?.();
        c.req.raw.signal?.addEventListener('abort', end);
        if (c.req.raw.signal?.aborted) {
          end();
          return;
        }
        cleanup = opts.start(stream);
        if (closed) cleanup?.();
      },
      cancel() {
        end();
      },
    },
    // Bytes: desiredSize then says how far behind the client is.
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx: do not buffer the stream.
      'X-Accel-Buffering': 'no',
    },
  });
}

/**
 * Subscribes to one organization's events whose topic matches, plus `bus.resync` (sent with
 * orgId 0 when this server's LISTEN connection came back and events may have been missed).
 * Another organization's events never reach the handler.
 */
export function subscribeOrgEvents(
  bus: EventBus,
  orgId: number,
  match: (topic: string) => boolean,
  handler: (event: BusEvent) => void,
): () => void {
  return bus.subscribe('*', (event) => {
    if (event.topic === RESYNC_TOPIC || (event.orgId === orgId && match(event.topic))) handler(event);
  });
}
