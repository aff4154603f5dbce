/**
 * For `bench/queue.ts`: display boards as the benchmark sees them — plain HTTP clients of the
 * SSE endpoint (GET /api/queue/events), parsing text/event-stream by the WHATWG rules (fields
 * `event` and `data`, several data lines joined, comments ignored, a blank line dispatches),
 * timing each event with the same clock the runner uses for its HTTP calls.
 */
import http from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when the event's blank line arrived. */
  at: number;
}

export interface BoardCallSeen {
  ticketId: number;
  label: string;
  counterNumber: number;
  recall: boolean;
  at: number;
}

export class Board {
  readonly calls: BoardCallSeen[] = [];
  snapshots = 0;
  comments = 0;
  /** Events that were not JSON, or a call without the contract's fields. */
  malformed: string[] = [];
  /** Event types outside the contract (snapshot, call). */
  unknown = new Map<string, number>();
  closedAt: number | null = null;
  error: string | null = null;
  private req: http.ClientRequest | null = null;
  private buffer = '';
  private eventType = '';
  private data: string[] = [];

  constructor(
    readonly index: number,
    private readonly onCall: (board: Board, call: BoardCallSeen) => void,
  ) {}

  /** Connects; resolves with the time to the first `event: snapshot` (ms), rejects on a non-200 or no snapshot in time. */
  connect(opts: { port: number; path: string; localAddress?: string; timeoutMs?: number }): Promise<number> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`board ${this.index}: no snapshot within ${opts.timeoutMs ?? 15000} ms`));
        this.close();
      }, opts.timeoutMs ?? 15_000);
      let firstSnapshot = true;
      const done = (e?: Error) => {
        clearTimeout(timer);
        if (e) reject(e);
        else resolve(performance.now() - started);
      };
      this.req = http.request(
        {
          host: '127.0.0.1',
          port: opts.port,
          path: opts.path,
          method: 'GET',
          agent: false,
          localAddress: opts.localAddress,
          headers: { accept: 'text/event-stream', 'cache-control': 'no-cache' },
        },
        (res) => {
          const type = res.headers['content-type'] ?? '';
          if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              if (body.length < 500) body += c;
            });
            res.on('end', () => done(new Error(`board ${this.index}: HTTP ${res.statusCode} ${type} ${body.slice(0, 300)}`)));
            return;
          }
          res.setEncoding('utf8');
          res.on('data', (chunk: string) =>
            this.feed(chunk, (e) => {
              if (e.event === 'snapshot' && firstSnapshot) {
                firstSnapshot = false;
                done();
              }
            }),
          );
          res.on('end', () => {
            this.closedAt ??= performance.now();
          });
          res.on('error', (e) => {
            this.error ??= e.message;
          });
        },
      );
      this.req.on('error', (e) => {
        this.error ??= e.message;
        this.closedAt ??= performance.now();
        done(e);
      });
      this.req.end();
    });
  }

  close() {
    this.req?.destroy();
    this.req = null;
  }

  private feed(chunk: string, seen: (e: SseEvent) => void) {
    this.buffer += chunk;
    // Lines end with \r\n, \n or \r; keep a trailing partial line (and a lone \r that may precede \n).
    for (;;) {
      const m = /\r\n|\n|\r/.exec(this.buffer);
      if (!m) break;
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      this.line(line, seen);
    }
  }

  private line(line: string, seen: (e: SseEvent) => void) {
    if (line === '') {
      if (this.data.length === 0) {
        this.eventType = '';
        return;
      }
      const e: SseEvent = { event: this.eventType || 'message', data: this.data.join('\n'), at: performance.now() };
      this.eventType = '';
      this.data = [];
      this.dispatch(e);
      seen(e);
      return;
    }
    if (line.startsWith(':')) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.data.push(value);
  }

  private dispatch(e: SseEvent) {
    if (e.event === 'snapshot') {
      this.snapshots++;
      try {
        JSON.parse(e.data);
      } catch {
        this.malformed.push(`snapshot: ${e.data.slice(0, 120)}`);
      }
      return;
    }
    if (e.event === 'call') {
      let c: Record<string, unknown>;
      try {
        c = JSON.parse(e.data) as Record<string, unknown>;
      } catch {
        this.malformed.push(`call: ${e.data.slice(0, 120)}`);
        return;
      }
      if (typeof c.ticketId !== 'number' || typeof c.label !== 'string' || typeof c.counterNumber !== 'number') {
        this.malformed.push(`call without ticketId/label/counterNumber: ${e.data.slice(0, 160)}`);
        return;
      }
      const call: BoardCallSeen = {
        ticketId: c.ticketId,
        label: c.label,
        counterNumber: c.counterNumber,
        recall: c.recall === true,
        at: e.at,
      };
      this.calls.push(call);
      this.onCall(this, call);
      return;
    }
    this.unknown.set(e.event, (this.unknown.get(e.event) ?? 0) + 1);
  }
}
